"""Family pages of about the setting, under /family/setting-info/."""

app_name = "setting_info_family"
urlpatterns: list = []
