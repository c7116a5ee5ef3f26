"""Staff pages for journal exports, under /s/<setting_slug>/journal-export/."""

app_name = "journal_export"
urlpatterns: list = []
