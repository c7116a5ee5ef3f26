from django.urls import path

from tandem.accounts import views
from tandem.core.views.todo import not_built_yet

app_name = "accounts"
urlpatterns = [
    path("me/", views.profile, name="profile"),
    path("mfa-required/", views.mfa_required, name="mfa-required"),
    path("language/", views.language_set, name="language"),
    path("invitation/", not_built_yet, name="invitation-enter"),
    path("tokens/", not_built_yet, name="tokens"),
    path("export/", not_built_yet, name="export"),
]
