"""Media pages under /m/: staff pages carry the setting (so the scope middleware checks
membership), and private file serving through signed, short-lived, per-viewer links."""

from django.urls import path

from tandem.media import views

app_name = "media"
urlpatterns = [
    path("s/<slug:setting_slug>/", views.library, name="library"),
    path("s/<slug:setting_slug>/upload/", views.upload, name="upload"),
    path("s/<slug:setting_slug>/<uuid:media_id>/status/", views.status, name="status"),
    path("s/<slug:setting_slug>/<uuid:media_id>/faces/", views.faces, name="faces"),
    path("<str:token>/", views.serve, name="serve"),
]
