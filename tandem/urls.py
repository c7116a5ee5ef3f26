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
    path("s/<slug:setting_slug>/care/", include("tandem.care.urls_staff")),
    path("s/<slug:setting_slug>/attendance/", include("tandem.attendance.urls_staff")),
    path("s/<slug:setting_slug>/medicines/", include("tandem.medicines.urls_staff")),
    path("s/<slug:setting_slug>/incidents/", include("tandem.incidents.urls_staff")),
    path("s/<slug:setting_slug>/records/", include("tandem.records.urls_staff")),
    path("s/<slug:setting_slug>/curriculum/", include("tandem.curriculum.urls_staff")),
    path("s/<slug:setting_slug>/journal/", include("tandem.journal.urls_staff")),
    path("s/<slug:setting_slug>/floorbooks/", include("tandem.floorbooks.urls_staff")),
    path("s/<slug:setting_slug>/journal-export/", include("tandem.journal_export.urls_staff")),
    path("family/journal-export/", include("tandem.journal_export.urls_family")),
    path("family/journal/", include("tandem.journal.urls_family")),
    path("family/floorbooks/", include("tandem.floorbooks.urls_family")),
    path("display/", include("tandem.floorbooks.urls_display")),
    path("m/", include("tandem.media.urls")),
    path("family/care/", include("tandem.care.urls_family")),
    path("family/attendance/", include("tandem.attendance.urls_family")),
    path("family/medicines/", include("tandem.medicines.urls_family")),
    path("family/incidents/", include("tandem.incidents.urls_family")),
    path("o/<slug:organisation_slug>/", include("tandem.core.urls_org")),
    path("api/", api.urls),
]
