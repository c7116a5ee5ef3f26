"""Staff pages of journal, under /s/<setting_slug>/journal/."""

app_name = "journal"
urlpatterns: list = []
