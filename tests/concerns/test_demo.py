"""The demo concerns: an at-risk complaint, an informal resolution, anonymous feedback."""

import random

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from tandem.concerns import demo
from tandem.concerns.models import Clock, Concern, ConcernStatus
from tandem.core.models import Setting

pytestmark = pytest.mark.django_db


def test_it_seeds_believable_concerns_once() -> None:
    call_command("demo", verbosity=0)
    with scopes_disabled():
        setting = Setting.objects.get(slug="sunflower")
        today = setting.today()
        count = Concern.objects.count()
        demo.seed(setting=setting, today=today, rng=random.Random(7))
        assert Concern.objects.count() == count == 4
        clocks = {c.kind + ":" + c.clock(today) for c in Concern.objects.all()}
        assert "complaint:" + Clock.AT_RISK in clocks
        assert Concern.objects.filter(
            status=ConcernStatus.RESOLVED_INFORMALLY, family_confirmed_at__isnull=False
        ).exists()
        anonymous = Concern.objects.get(anonymous=True)
        assert anonymous.raised_by is None and anonymous.recorded_by is None
        closed = Concern.objects.get(status=ConcernStatus.CLOSED)
        assert closed.days_taken == 12
