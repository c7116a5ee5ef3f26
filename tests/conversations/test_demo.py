"""The demo conversations: a Polish thread with Agnieszka, translations, hours, an auto-reply."""

import random

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from tandem.conversations import demo, selectors
from tandem.conversations.models import Conversation, Message, OpeningHours
from tandem.core.models import Setting
from tandem.translations.models import TextTranslation

pytestmark = pytest.mark.django_db


def test_it_seeds_believable_conversations_once() -> None:
    call_command("demo", verbosity=0)
    with scopes_disabled():
        setting = Setting.objects.get(slug="sunflower")
        counts = (Conversation.objects.count(), Message.objects.count())
        demo.seed(setting=setting, today=setting.today(), rng=random.Random(7))
        assert (Conversation.objects.count(), Message.objects.count()) == counts
        assert OpeningHours.objects.filter(setting=setting).count() == 5
        polish = Conversation.objects.get(subject="Zofia i drzemka")
        assert polish.messages.filter(language="pl").count() == 2
        assert TextTranslation.objects.filter(status="human", language="pl").exists()
        assert Message.objects.filter(kind="auto").count() == 1
        farm = Conversation.objects.filter(subject="Farm trip on Friday")
        assert farm.count() == farm.values("family").distinct().count() > 1
        from django.contrib.auth import get_user_model

        agnieszka = get_user_model().objects.get(email="otherparent@demo.tandem.test")
        assert polish in selectors.conversations_for_guardian(user=agnieszka)
