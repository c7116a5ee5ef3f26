"""Staff pages of curriculum, under /s/<setting_slug>/curriculum/."""

from django.urls import path

from . import views

app_name = "curriculum"
urlpatterns = [
    path("", views.browse, name="browse"),
    path("areas/", views.areas, name="areas"),
]
