"""API for policies: staff paths under /api/v1/settings/{setting_slug}/policies/...,
family paths under /api/v1/family/policies/... Same access rules as the pages."""

from ninja import Router

router = Router(tags=["policies"])
