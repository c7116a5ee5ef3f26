"""Staff pages of notifications, under /s/<setting_slug>/notify/."""

from django.urls import path

from tandem.notify import views

app_name = "notify"
urlpatterns = [
    path("inbox/", views.staff_inbox, name="inbox"),
    path("inbox/<int:recipient_id>/open/", views.staff_open, name="open"),
    path("notices/<uuid:notice_id>/deliveries/", views.notice_deliveries, name="notice-deliveries"),
    path("print-queue/", views.print_queue, name="print-queue"),
    path("print-queue/print/", views.print_batch, name="print-batch"),
    path("print-queue/<uuid:item_id>/letter.pdf", views.print_item, name="print-item"),
    path("face-to-face/", views.face_to_face, name="face-to-face"),
    path("face-to-face/<uuid:task_id>/", views.face_to_face_done, name="face-to-face-done"),
]
