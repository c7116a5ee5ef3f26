"""Staff pages of progress worries, under /s/<setting_slug>/worries/."""

from django.urls import path

from tandem.worries import views

app_name = "worries"
urlpatterns = [
    path("", views.index, name="index"),
    path("open/", views.overview, name="overview"),
    path("children/<uuid:child_id>/new/", views.new, name="new"),
    path("<uuid:worry_id>/", views.detail, name="detail"),
    path("<uuid:worry_id>/discussion/", views.discussion, name="discussion"),
    path("<uuid:worry_id>/support/", views.support, name="support"),
    path("<uuid:worry_id>/stages/", views.stage, name="stage"),
    path("<uuid:worry_id>/notes/", views.notes, name="notes"),
    path("<uuid:worry_id>/close/", views.close, name="close"),
]
