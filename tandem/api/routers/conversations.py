"""API for conversations: staff paths under /api/v1/settings/{setting_slug}/conversations/...,
family paths under /api/v1/family/conversations/... Same access rules as the pages."""

from ninja import Router

router = Router(tags=["conversations"])
