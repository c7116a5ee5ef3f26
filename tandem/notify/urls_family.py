"""Family pages of notifications, under /family/notify/."""

app_name = "notify_family"
urlpatterns: list = []
