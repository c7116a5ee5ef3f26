"""Family pages of surveys, under /family/surveys/."""

from django.urls import path

from tandem.surveys import views

app_name = "surveys_family"
urlpatterns = [
    path("", views.family_index, name="index"),
    path("<uuid:survey_id>/", views.family_answer, name="answer"),
]
