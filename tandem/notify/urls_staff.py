"""Staff pages of notifications, under /s/<setting_slug>/notify/."""

app_name = "notify"
urlpatterns: list = []
