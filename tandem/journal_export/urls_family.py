"""Family pages for journal exports, under /family/journal-export/."""

from django.urls import path

from . import views

app_name = "journal_export_family"
urlpatterns = [
    path("children/<uuid:child_id>/", views.family_child, name="child"),
    path("children/<uuid:child_id>/request/", views.family_request, name="request"),
    path("<uuid:export_id>/status/", views.family_status, name="status"),
    path("<uuid:export_id>/download/", views.family_download, name="download"),
]
