"""API for media (mounted at /api/v1/): staff paths "/settings/{setting_slug}/media/...", family paths
"/family/media/...". Same access rules as the pages."""

from ninja import Router

router = Router(tags=["media"])
