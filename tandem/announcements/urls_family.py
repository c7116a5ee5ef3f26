"""Family pages of announcements and newsletters, under /family/announcements/."""

app_name = "announcements_family"
urlpatterns: list = []
