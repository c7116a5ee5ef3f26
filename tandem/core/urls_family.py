"""A guardian's pages: their children and nothing else."""

from django.urls import path

from tandem.core.views import family

app_name = "family"
urlpatterns = [
    path("", family.family_home, name="home"),
    path("children/<uuid:child_id>/", family.child_detail, name="child-detail"),
    path("children/<uuid:child_id>/consents/", family.child_consents, name="child-consents"),
    path("preferences/", family.preferences, name="preferences"),
]
