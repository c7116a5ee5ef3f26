"""The demo: Zofia's All About Me in Polish (two versions), a care plan with a pending family
proposal and a review due soon, a settling-in checklist, a room move given to the family."""

import random

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from tandem.allaboutme import demo as aam_demo
from tandem.allaboutme.models import AllAboutMeVersion
from tandem.careplans import demo as careplans_demo
from tandem.careplans.models import CarePlan, CarePlanProposal
from tandem.core.models import Setting
from tandem.transitions import demo as transitions_demo
from tandem.transitions.models import SettlingStepDone, Transition

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_starting_well_once() -> None:
    call_command("demo", verbosity=0)
    with scopes_disabled():
        setting = Setting.objects.get(slug="sunflower")
        today = setting.today()
        counts = (AllAboutMeVersion.objects.count(), CarePlan.objects.count(), Transition.objects.count())
        for module in (aam_demo, careplans_demo, transitions_demo):
            module.seed(setting=setting, today=today, rng=random.Random(1))
        assert (AllAboutMeVersion.objects.count(), CarePlan.objects.count(), Transition.objects.count()) == counts
        versions = AllAboutMeVersion.objects.filter(child__first_name="Zofia").order_by("number")
        assert [v.how for v in versions] == ["home_visit", "online"]
        assert versions[1].entered_by.email == "otherparent@demo.tandem.test" and "orzeszki" in versions[1].allergies
        plan = CarePlan.objects.get(child__first_name="Zofia")
        assert plan.status_on(today) == "due_soon"
        assert CarePlanProposal.objects.filter(plan=plan, status="pending").count() == 1
        assert CarePlan.objects.filter(next_review_date__lt=today).exists()  # one overdue
        assert SettlingStepDone.objects.filter(setting=setting).count() == 3
        move = Transition.objects.get(child__first_name="Zofia")
        assert move.shared_with_family_at is not None and move.shared_onward_at is None
