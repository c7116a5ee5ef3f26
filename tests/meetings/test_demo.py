"""The demo: Zofia's structured conversation with Agnieszka Nowak, two priorities, review soon."""

import random

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from tandem.core.models import Setting
from tandem.meetings import demo
from tandem.meetings.models import Conversation, FamilyComment

pytestmark = pytest.mark.django_db


def test_it_seeds_zofias_plan_once() -> None:
    call_command("demo", verbosity=0)
    with scopes_disabled():
        setting = Setting.objects.get(slug="sunflower")
        today = setting.today()
        demo.seed(setting=setting, today=today, rng=random.Random(7))
        assert Conversation.objects.filter(setting=setting).count() == 1
        conversation = Conversation.objects.get(setting=setting)
        assert conversation.child.first_name == "Zofia"
        assert conversation.key_person.user.email == "keyperson@demo.tandem.test"
        assert conversation.priorities.count() == 2
        assert conversation.review_on > today and conversation.review_on > conversation.meeting_on
        assert FamilyComment.objects.get(conversation=conversation).guardian.first_name == "Agnieszka"
        assert conversation.interpreter_language == "Polish"
