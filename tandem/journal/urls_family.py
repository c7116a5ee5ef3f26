"""Family pages of the learning journal, under /family/journal/."""

from django.urls import path

from tandem.journal import views_family

app_name = "journal_family"
urlpatterns = [
    path("children/<uuid:child_id>/", views_family.feed, name="feed"),
    path("children/<uuid:child_id>/from-home/", views_family.home_moments, name="home-moments"),
    path("children/<uuid:child_id>/<uuid:observation_id>/", views_family.detail, name="detail"),
    path("children/<uuid:child_id>/<uuid:observation_id>/comment/", views_family.comment, name="comment"),
    path("children/<uuid:child_id>/<uuid:observation_id>/tried/", views_family.tried, name="tried"),
]
