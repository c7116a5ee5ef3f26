"""Staff pages of care, under /s/<setting_slug>/care/."""

from django.urls import path

from tandem.care import views

app_name = "care"
urlpatterns = [
    path("", views.room_list, name="room-list"),
    path("rooms/<uuid:room_id>/", views.room_day, name="room-day"),
    path("rooms/<uuid:room_id>/entries/", views.entry_add, name="entry-add"),
    path("rooms/<uuid:room_id>/children/<uuid:child_id>/quick/", views.quick_entry, name="quick-entry"),
    path("rooms/<uuid:room_id>/finalise/", views.room_finalise, name="room-finalise"),
    path("rooms/<uuid:room_id>/settings/", views.room_settings, name="room-settings"),
    path("children/<uuid:child_id>/", views.child_day, name="child-day"),
    path("children/<uuid:child_id>/entries/", views.child_entry_add, name="child-entry-add"),
    path("children/<uuid:child_id>/finalise/", views.child_finalise, name="child-finalise"),
    path("children/<uuid:child_id>/routine/", views.routine, name="routine"),
    path("entries/<uuid:entry_id>/correct/", views.entry_correct, name="entry-correct"),
    path("entries/<uuid:entry_id>/strike-out/", views.entry_strike_out, name="entry-strike-out"),
    path("entries/<uuid:entry_id>/checks/", views.sleep_check, name="sleep-check"),
    path("entries/<uuid:entry_id>/end/", views.sleep_end, name="sleep-end"),
]
