from django.urls import include, path

from tandem.api.api import api
from tandem.core.views import home

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", home.healthz, name="healthz"),
    path("accounts/", include("tandem.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("family/", include("tandem.core.urls_family")),
    path("s/<slug:setting_slug>/", include("tandem.core.urls_staff")),
    path("o/<slug:organisation_slug>/", include("tandem.core.urls_org")),
    path("api/", api.urls),
]
