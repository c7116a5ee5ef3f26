"""The demo surveys: round 1 closed with about 20 answers, round 2 open, the team's survey open;
the demo parent can answer round 2. Seeding twice adds nothing."""

import random

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from tandem.accounts.models import User
from tandem.core.models import Setting
from tandem.surveys import demo, selectors
from tandem.surveys.models import Participation, Survey

pytestmark = pytest.mark.django_db


def test_it_seeds_two_rounds_and_a_staff_survey_once() -> None:
    call_command("demo", verbosity=0)
    with scopes_disabled():
        setting = Setting.objects.get(slug="sunflower")
        counts = (Survey.objects.count(), Participation.objects.count())
        demo.seed(setting=setting, today=setting.today(), rng=random.Random(7))
        assert (Survey.objects.count(), Participation.objects.count()) == counts
        round1 = Survey.objects.get(template_key="parent_confidence", round=1)
        round2 = Survey.objects.get(template_key="parent_confidence", round=2)
        today = setting.today()
        assert round1.status(today) == "closed" and 15 <= selectors.response_count(round1) <= 20
        assert round2.status(today) == "open" and selectors.response_count(round2) > 0
        assert Survey.objects.get(template_key="practitioner_confidence").status(today) == "open"
        parent = User.objects.get(email="parent@demo.tandem.test")
        assert [s.round for s in selectors.family_surveys(user=parent) if not s.answered] == [2]
        _rounds, series = selectors.results_over_time(round2)
        assert series and all(v is not None for v in series[0][1])
