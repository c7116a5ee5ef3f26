"""Staff pages of settling in and transitions, under /s/<setting_slug>/transitions/."""

app_name = "transitions"
urlpatterns: list = []
