"""API for journal (mounted at /api/v1/): staff paths "/settings/{setting_slug}/journal/...", family paths
"/family/journal/...". Same access rules as the pages."""

from ninja import Router

router = Router(tags=["journal"])
