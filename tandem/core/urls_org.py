"""An organisation lead's overview: numbers across settings, never a child's record."""

from django.urls import path

from tandem.core.views import org

app_name = "org"
urlpatterns = [
    path("", org.overview, name="overview"),
]
