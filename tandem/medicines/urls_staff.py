"""Staff pages of medicines, under /s/<setting_slug>/medicines/."""

app_name = "medicines"
urlpatterns: list = []
