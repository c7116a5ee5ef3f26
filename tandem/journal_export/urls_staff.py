"""Staff pages for journal exports, under /s/<setting_slug>/journal-export/."""

from django.urls import path

from . import views

app_name = "journal_export"
urlpatterns = [
    path("children/<uuid:child_id>/", views.staff_child, name="child"),
    path("children/<uuid:child_id>/request/", views.staff_request, name="request"),
    path("<uuid:export_id>/status/", views.staff_status, name="status"),
    path("<uuid:export_id>/download/", views.staff_download, name="download"),
]
