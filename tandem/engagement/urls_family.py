"""Engagement has no family pages: its figures are for staff to act on, never shown to families
as a score."""

app_name = "engagement_family"
urlpatterns: list = []
