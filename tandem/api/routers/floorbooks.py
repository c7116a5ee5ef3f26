"""API for floorbooks (mounted at /api/v1/): staff paths "/settings/{setting_slug}/floorbooks/...", family paths
"/family/floorbooks/...". Same access rules as the pages."""

from ninja import Router

router = Router(tags=["floorbooks"])
