"""Staff pages for family invitations, under /s/<setting_slug>/admin/invitations/ (included in
the `staff` namespace, so the names are staff:invitation-...)."""

from django.urls import path

from tandem.accounts import views

urlpatterns = [
    path("", views.invitation_list, name="invitation-list"),
    path("guardians/<uuid:guardian_id>/new/", views.invitation_create, name="invitation-create"),
    path("guardians/<uuid:guardian_id>/letter/", views.invitation_letter, name="invitation-letter"),
    path("<uuid:invitation_id>/revoke/", views.invitation_revoke, name="invitation-revoke"),
]
