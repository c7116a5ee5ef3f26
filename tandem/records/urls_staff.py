"""Staff pages of records (retention), under /s/<setting_slug>/records/."""

app_name = "records"
urlpatterns: list = []
