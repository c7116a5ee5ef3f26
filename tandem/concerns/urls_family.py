"""Family pages of concerns and complaints, under /family/concerns/."""

app_name = "concerns_family"
urlpatterns: list = []
