"""API for surveys: staff paths under /api/v1/settings/{setting_slug}/surveys/...,
family paths under /api/v1/family/surveys/... Same access rules as the pages."""

from ninja import Router

router = Router(tags=["surveys"])
