"""Staff pages of settling in and transitions, under /s/<setting_slug>/transitions/."""

from django.urls import path

from tandem.transitions import views

app_name = "transitions"
urlpatterns = [
    path("", views.index, name="index"),
    path("children/<uuid:child_id>/", views.child, name="child"),
    path("children/<uuid:child_id>/tick/", views.step_tick, name="step-tick"),
    path("children/<uuid:child_id>/moves/new/", views.transition_new, name="transition-new"),
    path("moves/<uuid:transition_id>/", views.transition_detail, name="transition"),
    path("moves/<uuid:transition_id>/visits/", views.transition_visit, name="transition-visit"),
    path(
        "moves/<uuid:transition_id>/share-with-family/", views.transition_share_family, name="transition-share-family"
    ),
    path("moves/<uuid:transition_id>/share-onward/", views.transition_share_onward, name="transition-share-onward"),
    path("moves/<uuid:transition_id>/summary.pdf", views.transition_pdf, name="transition-pdf"),
]
