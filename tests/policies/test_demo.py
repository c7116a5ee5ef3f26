"""The demo policies: the code of conduct and safeguarding, partly acknowledged."""

import random

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from tandem.core.models import Setting
from tandem.policies import demo, selectors
from tandem.policies.models import Policy

pytestmark = pytest.mark.django_db


def test_it_seeds_the_code_of_conduct_and_partial_acknowledgements_once() -> None:
    call_command("demo", verbosity=0)
    with scopes_disabled():
        setting = Setting.objects.get(slug="sunflower")
        demo.seed(setting=setting, today=setting.today(), rng=random.Random(7))
        assert Policy.objects.filter(setting=setting).count() == 3
        versions = {v.policy.kind: v for v in selectors.policies_for_staff(setting=setting)}
        code = versions["code_of_conduct"]
        assert "photos or videos of other children" in code.body_html
        assert 0 < code.acknowledged < code.expected
        safeguarding = versions["safeguarding"]
        assert safeguarding.number == 2 and 0 < safeguarding.acknowledged < safeguarding.expected
