"""Staff pages of care plans, under /s/<setting_slug>/careplans/."""

app_name = "careplans"
urlpatterns: list = []
