"""Staff pages of attendance, under /s/<setting_slug>/attendance/."""

app_name = "attendance"
urlpatterns: list = []
