"""Staff pages of concerns and complaints, under /s/<setting_slug>/concerns/."""

app_name = "concerns"
urlpatterns: list = []
