"""Family pages of incidents, under /family/incidents/."""

app_name = "incidents_family"
urlpatterns: list = []
