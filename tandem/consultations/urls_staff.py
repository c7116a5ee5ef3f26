"""Staff pages of vision, values and consultations, under /s/<setting_slug>/consultations/."""

from django.urls import path

from tandem.consultations import views

app_name = "consultations"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("<uuid:consultation_id>/", views.detail, name="detail"),
    path("<uuid:consultation_id>/publish/", views.publish, name="publish"),
    path("<uuid:consultation_id>/versions/new/", views.version_new, name="version-new"),
    path("<uuid:consultation_id>/comments/<uuid:comment_id>/reply/", views.reply, name="reply"),
]
