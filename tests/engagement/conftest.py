import datetime as dt

import pytest
from django.utils import timezone

from tandem.core.models import Guardian
from tandem.journal.models import HomeMoment
from tests import factories as f


def home_moment(*, child, guardian, days_ago: int = 0) -> HomeMoment:
    moment = HomeMoment.objects.create(setting=child.setting, child=child, guardian=guardian, text="We baked bread")
    # created_at is auto_now_add: move it back with an update, as time passing would.
    when = timezone.now() - dt.timedelta(days=days_ago)
    HomeMoment.objects.filter(pk=moment.pk).update(created_at=when)
    return moment


def family_with_child(setting, room, *, name: str, key_person=None):
    family = f.FamilyFactory(setting=setting, name=name)
    child = f.ChildFactory(room=room, family=family, first_name=name, last_name=name, key_person=key_person)
    guardian = f.GuardianFactory(family=family, first_name="Parent", last_name=name)
    f.ChildGuardianFactory(child=child, guardian=guardian, relationship="mother")
    return family, child, guardian


@pytest.fixture
def dora_guardian(dora) -> Guardian:
    return dora.guardianships.get()
