"""Family pages of journal, under /family/journal/."""

app_name = "journal_family"
urlpatterns: list = []
