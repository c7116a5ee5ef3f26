"""Staff pages of surveys, under /s/<setting_slug>/surveys/."""

app_name = "surveys"
urlpatterns: list = []
