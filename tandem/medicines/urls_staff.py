"""Staff pages of medicines, under /s/<setting_slug>/medicines/."""

from django.urls import path

from tandem.medicines import views

app_name = "medicines"
urlpatterns = [
    path("", views.index, name="index"),
    path("children/<uuid:child_id>/", views.child, name="child"),
    path("unacknowledged/", views.unacknowledged, name="unacknowledged"),
]
