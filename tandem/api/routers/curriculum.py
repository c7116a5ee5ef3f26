"""API for curriculum (mounted at /api/v1/): staff paths "/settings/{setting_slug}/curriculum/...", family paths
"/family/curriculum/...". Same access rules as the pages."""

from ninja import Router

router = Router(tags=["curriculum"])
