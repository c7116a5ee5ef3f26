"""Staff pages of records (retention), under /s/<setting_slug>/records/."""

from django.urls import path

from tandem.records import views

app_name = "records"
urlpatterns = [
    path("", views.index, name="index"),
    path("check/", views.check, name="check"),
    path("reports/<int:report_id>/", views.report_detail, name="report-detail"),
    path("reports/<int:report_id>/confirm/", views.report_confirm, name="report-confirm"),
]
