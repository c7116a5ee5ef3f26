"""Family pages of progress worries, under /family/worries/."""

from django.urls import path

from tandem.worries import views

app_name = "worries_family"
urlpatterns = [
    path("<uuid:worry_id>/", views.family_detail, name="detail"),
]
