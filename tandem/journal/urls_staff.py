"""Staff pages of the learning journal, under /s/<setting_slug>/journal/."""

from django.urls import path

from tandem.journal import views

app_name = "journal"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("review/", views.review, name="review"),
    path("quiet/", views.quiet, name="quiet"),
    path("from-home/", views.from_home, name="from-home"),
    path("from-home/<uuid:moment_id>/", views.home_moment, name="home-moment"),
    path("settings/", views.journal_settings, name="settings"),
    path("children/<uuid:child_id>/", views.child_journal, name="child"),
    path("comments/<uuid:comment_id>/hide/", views.comment_hide, name="comment-hide"),
    path("<uuid:observation_id>/", views.detail, name="detail"),
    path("<uuid:observation_id>/edit/", views.edit, name="edit"),
    path("<uuid:observation_id>/media/", views.add_media, name="add-media"),
    path("<uuid:observation_id>/photos/<int:link_id>/", views.photo_tag, name="photo-tag"),
    path("<uuid:observation_id>/publish/", views.publish, name="publish"),
    path("<uuid:observation_id>/approve/", views.approve, name="approve"),
    path("<uuid:observation_id>/send-back/", views.send_back, name="send-back"),
    path("<uuid:observation_id>/comments/", views.comment, name="comment"),
]
