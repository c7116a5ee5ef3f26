"""Staff pages of care, under /s/<setting_slug>/care/."""

app_name = "care"
urlpatterns: list = []
