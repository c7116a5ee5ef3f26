"""API for incidents: staff endpoints under /api/v1/settings/{setting_slug}/incidents/..., family endpoints
under /api/v1/family/incidents/... Same access rules as the pages (tandem.access, the app's selectors)."""

from ninja import Router

router = Router(tags=["incidents"])
