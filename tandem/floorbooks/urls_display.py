"""The room board's full-screen display for a screen by the door, under /display/ (no sign-in:
a secret per-room link; shows only content cleared for display)."""

app_name = "display"
urlpatterns: list = []
