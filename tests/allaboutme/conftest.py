"""All About Me fixtures: dora's guardian record and a helper that saves a version."""

import pytest

from tandem.allaboutme import services


@pytest.fixture
def dora_guardian(dora):
    return dora.guardianships.get()


@pytest.fixture
def ada_about(ada, dora, dora_guardian):
    """Version 1 of Ada's All About Me, filled in online by dora."""
    return services.all_about_me_save(
        child=ada,
        by=dora,
        how="online",
        guardian=dora_guardian,
        answers={"likes": "Ducks and bubbles", "allergies": "Peanuts (hives)", "comforters": "Blue bunny"},
    )


# The browser helpers' fixtures (live server as base URL, console collector) for test_browser.py.
from tests.e2e.conftest import _no_csp_violations, base_url, console  # noqa: E402, F401
