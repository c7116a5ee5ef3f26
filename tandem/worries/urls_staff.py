"""Staff pages of progress worries, under /s/<setting_slug>/worries/."""

app_name = "worries"
urlpatterns: list = []
