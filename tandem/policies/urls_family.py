"""Family pages of policies, under /family/policies/."""

from django.urls import path

from tandem.policies import views

app_name = "policies_family"
urlpatterns = [
    path("", views.family_index, name="index"),
    path("<uuid:policy_id>/", views.family_detail, name="detail"),
    path("<uuid:policy_id>/acknowledge/", views.family_acknowledge, name="acknowledge"),
]
