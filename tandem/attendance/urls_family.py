"""Family pages of attendance, under /family/attendance/."""

from django.urls import path

from tandem.attendance import views_family

app_name = "attendance_family"
urlpatterns = [
    path("children/<uuid:child_id>/", views_family.child_attendance, name="child"),
    path("children/<uuid:child_id>/collectors/add/", views_family.collector_add, name="collector-add"),
    path("collectors/<uuid:collector_id>/edit/", views_family.collector_edit, name="collector-edit"),
    path("collectors/<uuid:collector_id>/deactivate/", views_family.collector_deactivate, name="collector-deactivate"),
    path("collectors/<uuid:collector_id>/photo/", views_family.collector_photo, name="collector-photo"),
]
