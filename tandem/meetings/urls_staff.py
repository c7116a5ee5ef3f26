"""Staff pages of structured conversations, under /s/<setting_slug>/meetings/."""

app_name = "meetings"
urlpatterns: list = []
