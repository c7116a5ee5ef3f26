"""Staff pages of announcements and newsletters, under /s/<setting_slug>/announcements/."""

from django.urls import path

from tandem.announcements import views

app_name = "announcements"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("<uuid:announcement_id>/", views.detail, name="detail"),
    path("<uuid:announcement_id>/edit/", views.edit, name="edit"),
    path("<uuid:announcement_id>/send/", views.send, name="send"),
    path("<uuid:announcement_id>/schedule/", views.schedule, name="schedule"),
    path("<uuid:announcement_id>/unschedule/", views.unschedule, name="unschedule"),
    path("<uuid:announcement_id>/remind/", views.remind, name="remind"),
    path("<uuid:announcement_id>/pdf/", views.pdf, name="pdf"),
    path("<uuid:announcement_id>/pdf/families/", views.pdf_families, name="pdf-families"),
]
