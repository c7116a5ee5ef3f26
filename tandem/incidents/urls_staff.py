"""Staff pages of accidents, incidents and existing injuries, under /s/<setting_slug>/incidents/."""

from django.urls import path

from tandem.incidents import views

app_name = "incidents"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("children/<uuid:child_id>/", views.child_incidents, name="child-incidents"),
    path("children/<uuid:child_id>/record/", views.record, name="record"),
    path("children/<uuid:child_id>/existing-injury/", views.existing_injury, name="existing-injury"),
    path("<uuid:incident_id>/", views.detail, name="detail"),
    path("<uuid:incident_id>/edit/", views.edit, name="edit"),
    path("<uuid:incident_id>/informed/", views.informed, name="informed"),
    path("<uuid:incident_id>/ofsted/", views.notified, name="notified"),
    path("<uuid:incident_id>/pdf/", views.pdf, name="pdf"),
]
