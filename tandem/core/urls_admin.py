"""Setting administration: rooms, staff, children, families, consents, preferences, import."""

from django.urls import include, path

from tandem.core.views.todo import not_built_yet

urlpatterns = [
    path("", not_built_yet, name="admin-index"),
    path("children/<uuid:child_id>/edit/", not_built_yet, name="admin-child-edit"),
    path("children/<uuid:child_id>/consents/", not_built_yet, name="admin-child-consents"),
    # Invitations for families (tandem.accounts owns them).
    path("invitations/", include("tandem.accounts.urls_staff")),
]
