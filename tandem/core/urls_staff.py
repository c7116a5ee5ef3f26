"""Staff pages, always inside one setting: /s/<setting_slug>/..."""

from django.urls import include, path

from tandem.core.views import staff

app_name = "staff"
urlpatterns = [
    path("", staff.staff_home, name="home"),
    path("children/", staff.child_list, name="child-list"),
    path("children/<uuid:child_id>/", staff.child_detail, name="child-detail"),
    path("working-with-families/", staff.working_with_families, name="working-with-families"),
    path("admin/", include("tandem.core.urls_admin")),
]
