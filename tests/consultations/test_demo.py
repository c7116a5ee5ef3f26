"""The demo consultation: the vision with comments (one in Polish) and a reply to everyone."""

import random

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from tandem.consultations import demo
from tandem.consultations.models import Comment, Consultation, Reply
from tandem.core.models import Setting

pytestmark = pytest.mark.django_db


def test_it_seeds_the_vision_with_comments_and_a_reply_once() -> None:
    call_command("demo", verbosity=0)
    with scopes_disabled():
        setting = Setting.objects.get(slug="sunflower")
        counts = (Consultation.objects.count(), Comment.objects.count(), Reply.objects.count())
        demo.seed(setting=setting, today=setting.today(), rng=random.Random(7))
        assert (Consultation.objects.count(), Comment.objects.count(), Reply.objects.count()) == counts
        assert Consultation.objects.filter(kind="vision").count() == 1
        assert Comment.objects.filter(language="pl").exists() and Comment.objects.count() >= 3
        assert Reply.objects.filter(visibility="everyone").count() == 1
