"""Staff pages of surveys, under /s/<setting_slug>/surveys/."""

from django.urls import path

from tandem.surveys import views

app_name = "surveys"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("for-me/", views.mine, name="mine"),
    path("<uuid:survey_id>/", views.detail, name="detail"),
    path("<uuid:survey_id>/questions/", views.question_add, name="question-add"),
    path("<uuid:survey_id>/questions/<uuid:question_id>/move/", views.question_move, name="question-move"),
    path("<uuid:survey_id>/questions/<uuid:question_id>/remove/", views.question_remove, name="question-remove"),
    path("<uuid:survey_id>/publish/", views.publish, name="publish"),
    path("<uuid:survey_id>/close/", views.close, name="close"),
    path("<uuid:survey_id>/repeat/", views.repeat, name="repeat"),
    path("<uuid:survey_id>/results/", views.results, name="results"),
    path("<uuid:survey_id>/results.csv", views.results_csv, name="results-csv"),
    path("<uuid:survey_id>/results.pdf", views.results_pdf, name="results-pdf"),
    path("<uuid:survey_id>/over-time/", views.over_time, name="over-time"),
    path("<uuid:survey_id>/answer/", views.respond, name="respond"),
]
