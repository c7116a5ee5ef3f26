"""Family pages of announcements and newsletters, under /family/announcements/."""

from django.urls import path

from tandem.announcements import views

app_name = "announcements_family"
urlpatterns = [
    path("", views.family_index, name="index"),
    path("<uuid:announcement_id>/", views.family_detail, name="detail"),
    path("<uuid:announcement_id>/answer/", views.family_answer, name="answer"),
]
