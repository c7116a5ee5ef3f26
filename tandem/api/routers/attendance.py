"""API for attendance: staff endpoints under /api/v1/settings/{setting_slug}/attendance/..., family endpoints
under /api/v1/family/attendance/... Same access rules as the pages (tandem.access, the app's selectors)."""

from ninja import Router

router = Router(tags=["attendance"])
