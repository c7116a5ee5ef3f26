"""Staff pages of structured conversations, under /s/<setting_slug>/meetings/."""

from django.urls import path

from tandem.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.index, name="index"),
    path("children/<uuid:child_id>/", views.child, name="child"),
    path("children/<uuid:child_id>/plan/", views.plan, name="plan"),
    path("children/<uuid:child_id>/new/", views.new, name="new"),
    path("<uuid:conversation_id>/", views.detail, name="detail"),
    path("<uuid:conversation_id>/record/", views.record, name="record"),
    path("<uuid:conversation_id>/edit/", views.edit, name="edit"),
    path("<uuid:conversation_id>/review/", views.review, name="review"),
]
