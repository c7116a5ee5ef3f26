"""API for progress worries: staff paths under /api/v1/settings/{setting_slug}/worries/...,
family paths under /api/v1/family/worries/... Same access rules as the pages."""

from ninja import Router

router = Router(tags=["worries"])
