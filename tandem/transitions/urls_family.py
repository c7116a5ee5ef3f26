"""Family pages of settling in and transitions, under /family/transitions/."""

from django.urls import path

from tandem.transitions import views

app_name = "transitions_family"
urlpatterns = [
    path("children/<uuid:child_id>/", views.family_child, name="child"),
    path("moves/<uuid:transition_id>/", views.family_transition, name="transition"),
    path("moves/<uuid:transition_id>/summary.pdf", views.family_transition_pdf, name="transition-pdf"),
]
