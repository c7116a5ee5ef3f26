"""Staff pages of about the setting, under /s/<setting_slug>/setting-info/."""

app_name = "setting_info"
urlpatterns: list = []
