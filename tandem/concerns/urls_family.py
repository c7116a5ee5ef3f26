"""Family pages of concerns and complaints, under /family/concerns/."""

from django.urls import path

from tandem.concerns import views

app_name = "concerns_family"
urlpatterns = [
    path("", views.family_index, name="index"),
    path("new/", views.family_raise, name="raise"),
    path("<uuid:concern_id>/", views.family_detail, name="detail"),
    path("<uuid:concern_id>/confirm/", views.family_confirm, name="confirm"),
]
