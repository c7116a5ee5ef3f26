"""API for settling in and transitions: staff paths under /api/v1/settings/{setting_slug}/transitions/...,
family paths under /api/v1/family/transitions/... Same access rules as the pages."""

from ninja import Router

router = Router(tags=["transitions"])
