"""Family pages of accidents, incidents and existing injuries, under /family/incidents/."""

from django.urls import path

from tandem.incidents import views_family

app_name = "incidents_family"
urlpatterns = [
    path("children/<uuid:child_id>/", views_family.child_incidents, name="child-incidents"),
    path("children/<uuid:child_id>/existing-injury/", views_family.report_injury, name="report-injury"),
    path("<uuid:incident_id>/", views_family.detail, name="detail"),
    path("<uuid:incident_id>/acknowledge/", views_family.acknowledge, name="acknowledge"),
    path("<uuid:incident_id>/pdf/", views_family.pdf, name="pdf"),
]
