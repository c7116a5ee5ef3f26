"""API for vision, values and consultations: staff paths under /api/v1/settings/{setting_slug}/consultations/...,
family paths under /api/v1/family/consultations/... Same access rules as the pages."""

from ninja import Router

router = Router(tags=["consultations"])
