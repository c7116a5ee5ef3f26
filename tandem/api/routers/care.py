"""API for care: staff endpoints under /api/v1/settings/{setting_slug}/care/..., family endpoints
under /api/v1/family/care/... Same access rules as the pages (tandem.access, the app's selectors)."""

from ninja import Router

router = Router(tags=["care"])
