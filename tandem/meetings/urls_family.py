"""Family pages of structured conversations, under /family/meetings/."""

app_name = "meetings_family"
urlpatterns: list = []
