"""Family pages of settling in and transitions, under /family/transitions/."""

app_name = "transitions_family"
urlpatterns: list = []
