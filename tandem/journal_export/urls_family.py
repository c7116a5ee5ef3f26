"""Family pages for journal exports, under /family/journal-export/."""

app_name = "journal_export_family"
urlpatterns: list = []
