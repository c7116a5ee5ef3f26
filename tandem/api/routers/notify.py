"""API for notifications: staff paths under /api/v1/settings/{setting_slug}/notify/...,
family paths under /api/v1/family/notify/... Same access rules as the pages."""

from ninja import Router

router = Router(tags=["notify"])
