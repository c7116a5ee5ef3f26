"""Family pages of medicines, under /family/medicines/."""

from django.urls import path

from tandem.medicines import views

app_name = "medicines_family"
urlpatterns = [
    path("children/<uuid:child_id>/", views.family_child, name="child"),
    path("children/<uuid:child_id>/permission/", views.family_permission_give, name="permission-give"),
    path("permissions/<uuid:permission_id>/withdraw/", views.family_permission_withdraw, name="permission-withdraw"),
    path(
        "doses/<uuid:administration_id>/acknowledge/",
        views.family_administration_acknowledge,
        name="administration-acknowledge",
    ),
]
