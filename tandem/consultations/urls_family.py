"""Family pages of vision, values and consultations, under /family/consultations/."""

from django.urls import path

from tandem.consultations import views

app_name = "consultations_family"
urlpatterns = [
    path("", views.family_index, name="index"),
    path("<uuid:consultation_id>/", views.family_detail, name="detail"),
]
