"""Staff pages of incidents, under /s/<setting_slug>/incidents/."""

app_name = "incidents"
urlpatterns: list = []
