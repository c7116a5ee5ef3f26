"""Family pages of structured conversations, under /family/meetings/."""

from django.urls import path

from tandem.meetings import views

app_name = "meetings_family"
urlpatterns = [
    path("", views.family_index, name="index"),
    path("children/<uuid:child_id>/", views.family_child, name="child"),
    path("<uuid:conversation_id>/", views.family_detail, name="detail"),
]
