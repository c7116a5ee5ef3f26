"""Staff pages of about the setting, under /s/<setting_slug>/setting-info/."""

from django.urls import path

from tandem.setting_info import views

app_name = "setting_info"
urlpatterns = [
    path("", views.index, name="index"),
    path("edit/", views.edit, name="edit"),
    path("menu/", views.menu, name="menu"),
    path("team/<uuid:staff_id>/", views.team_member, name="team-member"),
]
