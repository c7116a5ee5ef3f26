"""API for engagement and evidence: staff paths under /api/v1/settings/{setting_slug}/engagement/...,
family paths under /api/v1/family/engagement/... Same access rules as the pages."""

from ninja import Router

router = Router(tags=["engagement"])
