"""Consultations fixtures: Oak Tree's vision and values, published for comment."""

import pytest

from tandem.consultations import services

VISION = """Every child is welcome here, as they are.

We work with families as partners: you know your child best.

We learn outdoors every day, in all weathers."""


def make_consultation(setting, by, *, audience="everyone", publish=True, kind="vision"):
    consultation = services.consultation_create(
        setting=setting, by=by, title="Our vision and values", body=VISION, kind=kind, audience=audience
    )
    if publish:
        services.version_publish(consultation=consultation, by=by)
    return consultation


@pytest.fixture
def vision(oak_tree, alice, dora, ed, bob):
    return make_consultation(oak_tree, alice)


@pytest.fixture
def dora_guardian(dora):
    return dora.guardianships.get()


# The browser helpers' fixtures (live server as base URL, console collector) for test_browser.py.
from tests.e2e.conftest import _no_csp_violations, base_url, console  # noqa: E402, F401
