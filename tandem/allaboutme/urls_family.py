"""Family pages of All About Me, under /family/allaboutme/."""

from django.urls import path

from tandem.allaboutme import views

app_name = "allaboutme_family"
urlpatterns = [
    path("children/<uuid:child_id>/", views.family_child, name="child"),
    path("children/<uuid:child_id>/edit/", views.family_edit, name="edit"),
    path("children/<uuid:child_id>/versions/<int:number>/", views.family_version, name="version"),
    path("children/<uuid:child_id>/form.pdf", views.family_pdf, name="pdf"),
]
