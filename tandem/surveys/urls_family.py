"""Family pages of surveys, under /family/surveys/."""

app_name = "surveys_family"
urlpatterns: list = []
