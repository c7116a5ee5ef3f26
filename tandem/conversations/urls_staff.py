"""Staff pages of conversations, under /s/<setting_slug>/conversations/."""

from django.urls import path

from tandem.conversations import views

app_name = "conversations"
urlpatterns = [
    path("", views.index, name="index"),
    path("start/", views.start, name="start"),
    path("opening-hours/", views.hours, name="hours"),
    path("<uuid:conversation_id>/", views.detail, name="detail"),
    path("<uuid:conversation_id>/status/", views.status, name="status"),
    path("<uuid:conversation_id>/messages/<uuid:message_id>/edit/", views.message_edit, name="message-edit"),
    path(
        "<uuid:conversation_id>/messages/<uuid:message_id>/withdraw/", views.message_withdraw, name="message-withdraw"
    ),
]
