"""Staff pages of All About Me, under /s/<setting_slug>/allaboutme/."""

from django.urls import path

from tandem.allaboutme import views

app_name = "allaboutme"
urlpatterns = [
    path("", views.index, name="index"),
    path("children/<uuid:child_id>/", views.child, name="child"),
    path("children/<uuid:child_id>/edit/", views.child_edit, name="child-edit"),
    path("children/<uuid:child_id>/versions/<int:number>/", views.child_version, name="child-version"),
    path("children/<uuid:child_id>/form.pdf", views.child_pdf, name="child-pdf"),
]
