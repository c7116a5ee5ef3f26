"""API for structured conversations: staff paths under /api/v1/settings/{setting_slug}/meetings/...,
family paths under /api/v1/family/meetings/... Same access rules as the pages."""

from ninja import Router

router = Router(tags=["meetings"])
