"""API for all about me: staff paths under /api/v1/settings/{setting_slug}/allaboutme/...,
family paths under /api/v1/family/allaboutme/... Same access rules as the pages."""

from ninja import Router

router = Router(tags=["allaboutme"])
