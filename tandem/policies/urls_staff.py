"""Staff pages of policies, under /s/<setting_slug>/policies/."""

from django.urls import path

from tandem.policies import views

app_name = "policies"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<uuid:policy_id>/", views.detail, name="detail"),
    path("<uuid:policy_id>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("<uuid:policy_id>/publish/", views.publish, name="publish"),
    path("<uuid:policy_id>/acknowledgements/", views.tracking, name="tracking"),
    path("<uuid:policy_id>/remind/", views.remind, name="remind"),
]
