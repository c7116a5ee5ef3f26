"""Staff pages of care plans, under /s/<setting_slug>/careplans/."""

from django.urls import path

from tandem.careplans import views

app_name = "careplans"
urlpatterns = [
    path("", views.index, name="index"),
    path("children/<uuid:child_id>/", views.child, name="child"),
    path("children/<uuid:child_id>/write/", views.child_write, name="child-write"),
    path("children/<uuid:child_id>/review/", views.child_review, name="child-review"),
    path(
        "children/<uuid:child_id>/proposals/<uuid:proposal_id>/decide/", views.proposal_decide, name="proposal-decide"
    ),
]
