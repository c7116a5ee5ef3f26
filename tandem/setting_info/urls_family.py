"""Family pages of about the setting, under /family/setting-info/."""

from django.urls import path

from tandem.setting_info import views

app_name = "setting_info_family"
urlpatterns = [path("", views.family_index, name="index")]
