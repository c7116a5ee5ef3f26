"""Staff pages of attendance, under /s/<setting_slug>/attendance/."""

from django.urls import path

from tandem.attendance import views

app_name = "attendance"
urlpatterns = [
    path("", views.register, name="register"),
    path("register.pdf", views.register_pdf, name="register-pdf"),
    path("children/<uuid:child_id>/sign-in/", views.sign_in, name="sign-in"),
    path("children/<uuid:child_id>/collect/", views.collect, name="collect"),
    path("headcount/", views.headcount, name="headcount"),
    path("shifts/", views.shifts, name="shifts"),
    path("shifts/<uuid:shift_id>/delete/", views.shift_delete, name="shift-delete"),
    path("stays/<uuid:attendance_id>/correct/", views.correct, name="correct"),
    path("collectors/<uuid:collector_id>/photo/", views.collector_photo, name="collector-photo"),
]
