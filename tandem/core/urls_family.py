"""A guardian's pages: their children and nothing else."""

from django.urls import path

from tandem.core.views import family
from tandem.core.views.todo import not_built_yet

app_name = "family"
urlpatterns = [
    path("", family.family_home, name="home"),
    path("children/<uuid:child_id>/", family.child_detail, name="child-detail"),
    path("children/<uuid:child_id>/consents/", not_built_yet, name="child-consents"),
    path("preferences/", not_built_yet, name="preferences"),
]
