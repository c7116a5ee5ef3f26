"""API for announcements and newsletters: staff paths under /api/v1/settings/{setting_slug}/announcements/...,
family paths under /api/v1/family/announcements/... Same access rules as the pages."""

from ninja import Router

router = Router(tags=["announcements"])
