from django.urls import path

from tandem.accounts import views

app_name = "accounts"
urlpatterns = [
    path("me/", views.profile, name="profile"),
    path("mfa-required/", views.mfa_required, name="mfa-required"),
    path("language/", views.language_set, name="language"),
    path("invitation/", views.invitation_enter, name="invitation-enter"),
    path("invitation/accept/", views.invitation_accept, name="invitation-accept"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<uuid:token_id>/revoke/", views.token_revoke, name="token-revoke"),
    path("export/", views.export, name="export"),
    path("export/<uuid:export_id>/download/", views.export_download, name="export-download"),
]
