"""Family pages of progress worries, under /family/worries/."""

app_name = "worries_family"
urlpatterns: list = []
