"""Family pages of care plans, under /family/careplans/."""

from django.urls import path

from tandem.careplans import views

app_name = "careplans_family"
urlpatterns = [
    path("children/<uuid:child_id>/", views.family_child, name="child"),
    path("children/<uuid:child_id>/propose/", views.family_propose, name="propose"),
]
