"""Private file serving, under /m/ (signed, short-lived, per-viewer links)."""

app_name = "media"
urlpatterns: list = []
