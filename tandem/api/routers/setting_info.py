"""API for about the setting: staff paths under /api/v1/settings/{setting_slug}/setting-info/...,
family paths under /api/v1/family/setting-info/... Same access rules as the pages."""

from ninja import Router

router = Router(tags=["setting-info"])
