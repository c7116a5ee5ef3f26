"""Family pages of conversations, under /family/conversations/."""

from django.urls import path

from tandem.conversations import views

app_name = "conversations_family"
urlpatterns = [
    path("", views.family_index, name="index"),
    path("start/", views.family_start, name="start"),
    path("<uuid:conversation_id>/", views.family_detail, name="detail"),
    path("<uuid:conversation_id>/messages/<uuid:message_id>/edit/", views.family_message_edit, name="message-edit"),
    path(
        "<uuid:conversation_id>/messages/<uuid:message_id>/withdraw/",
        views.family_message_withdraw,
        name="message-withdraw",
    ),
]
