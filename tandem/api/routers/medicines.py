"""API for medicines: staff endpoints under /api/v1/settings/{setting_slug}/medicines/..., family endpoints
under /api/v1/family/medicines/... Same access rules as the pages (tandem.access, the app's selectors)."""

from ninja import Router

router = Router(tags=["medicines"])
