"""Staff pages of announcements and newsletters, under /s/<setting_slug>/announcements/."""

app_name = "announcements"
urlpatterns: list = []
