"""The demo: a worry in communication and language open ten days, and a closed case."""

import random

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from tandem.core.models import Setting
from tandem.worries import demo, services
from tandem.worries.models import Worry

pytestmark = pytest.mark.django_db


def test_it_seeds_an_open_and_a_closed_case_once() -> None:
    call_command("demo", verbosity=0)
    with scopes_disabled():
        setting = Setting.objects.get(slug="sunflower")
        today = setting.today()
        demo.seed(setting=setting, today=today, rng=random.Random(7))
        assert Worry.objects.filter(setting=setting).count() == 2
        waiting = Worry.objects.get(setting=setting, status="open")
        assert waiting.area == "CL" and waiting.days_open(today) == 10
        assert not services.has_family_conversation(waiting) and waiting.shared_with_family_at is None
        assert waiting.child.key_person.user.email == "keyperson@demo.tandem.test"
        closed = Worry.objects.get(setting=setting, status="closed")
        assert services.has_family_conversation(closed) and closed.agreed_support
        assert [s.stage for s in closed.stages.all()] == ["assess", "plan", "do", "review"]
