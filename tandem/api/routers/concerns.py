"""API for concerns and complaints: staff paths under /api/v1/settings/{setting_slug}/concerns/...,
family paths under /api/v1/family/concerns/... Same access rules as the pages."""

from ninja import Router

router = Router(tags=["concerns"])
