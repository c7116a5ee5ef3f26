"""Staff pages of concerns and complaints, under /s/<setting_slug>/concerns/."""

from django.urls import path

from tandem.concerns import views

app_name = "concerns"
urlpatterns = [
    path("", views.index, name="index"),
    path("record/", views.record, name="record"),
    path("summary/", views.summary, name="summary"),
    path("summary.pdf", views.summary_pdf, name="summary-pdf"),
    path("<uuid:concern_id>/", views.detail, name="detail"),
    path("<uuid:concern_id>/assign/", views.assign, name="assign"),
    path("<uuid:concern_id>/step/", views.step, name="step"),
    path("<uuid:concern_id>/record/", views.update_record, name="update-record"),
    path("<uuid:concern_id>/outcome/", views.outcome, name="outcome"),
    path("<uuid:concern_id>/informal/", views.informal, name="informal"),
    path("<uuid:concern_id>/close/", views.close, name="close"),
]
