"""Family pages of notifications, under /family/notify/."""

from django.urls import path

from tandem.notify import views

app_name = "notify_family"
urlpatterns = [
    path("", views.family_inbox, name="inbox"),
    path("<int:recipient_id>/open/", views.family_open, name="open"),
    path("read-all/", views.family_read_all, name="read-all"),
    path("sms-status/", views.sms_status, name="sms-status"),
]
