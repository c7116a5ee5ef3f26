"""Concerns fixtures: dora's guardian record, alice's staff record, and a way to raise a
concern the way the family would (through the service)."""

import datetime as dt

import pytest

from tandem.concerns import services
from tandem.core.models import StaffMember


@pytest.fixture
def dora_guardian(dora):
    return dora.guardianships.get()


@pytest.fixture
def ed_guardian(ed):
    return ed.guardianships.get()


@pytest.fixture
def alice_staff(alice):
    return StaffMember.objects.get(user=alice)


@pytest.fixture
def raise_concern(dora, dora_guardian, ada):
    def make(*, kind="concern", about="Ada came home without her coat.", days_ago=0, **kwargs):
        setting = ada.setting
        received_at = None
        if days_ago:
            received_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
        return services.concern_raise(
            setting=setting,
            by=dora,
            guardian=dora_guardian,
            kind=kind,
            about=about,
            child=kwargs.pop("child", ada),
            language=kwargs.pop("language", "pl"),
            received_at=received_at,
            **kwargs,
        )

    return make


from tests.e2e.conftest import _no_csp_violations, base_url, console  # noqa: E402, F401
