"""API for care plans: staff paths under /api/v1/settings/{setting_slug}/careplans/...,
family paths under /api/v1/family/careplans/... Same access rules as the pages."""

from ninja import Router

router = Router(tags=["careplans"])
