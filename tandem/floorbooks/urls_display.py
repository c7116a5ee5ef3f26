"""The room board's full-screen display for a screen by the door, under /display/ (no sign-in:
a secret per-room link; shows only content cleared for display)."""

from django.urls import path

from tandem.floorbooks import views_display

app_name = "display"
urlpatterns = [
    path("<str:token>/", views_display.screen, name="screen"),
    path("<str:token>/photos/<int:photo_id>/", views_display.page_photo, name="page-photo"),
    path("<str:token>/posts/<uuid:post_id>/photo/", views_display.post_photo, name="post-photo"),
]
