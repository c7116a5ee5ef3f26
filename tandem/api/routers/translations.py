"""API for translations: staff paths under /api/v1/settings/{setting_slug}/translations/...,
family paths under /api/v1/family/translations/... Same access rules as the pages."""

from ninja import Router

router = Router(tags=["translations"])
