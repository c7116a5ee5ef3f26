"""Family pages of care, under /family/care/."""

from django.urls import path

from tandem.care import views_family

app_name = "care_family"
urlpatterns = [
    path("", views_family.home, name="home"),
    path("children/<uuid:child_id>/", views_family.child_day, name="child-day"),
    path("children/<uuid:child_id>/entries/", views_family.entry_add, name="entry-add"),
    path("children/<uuid:child_id>/handover/", views_family.handover, name="handover"),
    path("updates/", views_family.updates, name="updates"),
]
