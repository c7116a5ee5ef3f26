"""The demo translations: a Polish translator volunteer who can sign in, the glossary, and a
queue with something in it; seeding twice adds nothing."""

import random

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from tandem.core.models import Setting
from tandem.translations import demo
from tandem.translations.models import GlossaryTerm, TextTranslation, TranslatorProfile

pytestmark = pytest.mark.django_db


def test_it_seeds_a_translator_a_glossary_and_a_queue_once(client) -> None:
    call_command("demo", verbosity=0)
    with scopes_disabled():
        setting = Setting.objects.get(slug="sunflower")
        counts = (GlossaryTerm.objects.count(), TextTranslation.objects.count(), TranslatorProfile.objects.count())
        demo.seed(setting=setting, today=setting.today(), rng=random.Random(7))
        assert (
            GlossaryTerm.objects.count(),
            TextTranslation.objects.count(),
            TranslatorProfile.objects.count(),
        ) == counts
        profile = TranslatorProfile.objects.select_related("staff__user").get(setting=setting)
        assert profile.languages == ["pl"] and profile.staff.roles == ["translator"]
        terms = set(GlossaryTerm.objects.filter(setting=setting).values_list("term", flat=True))
        assert {"Babies", "Toddlers", "Pre-school", "key person", "stay and play"} <= terms
        # The demo's own three texts wait, and whatever the other apps' demos asked for in Polish.
        assert TextTranslation.objects.filter(setting=setting, language="pl").exclude(status="human").count() >= 3
    assert client.login(username="translator@demo.tandem.test", password="tandem-demo")
    response = client.get(reverse("translations:queue", args=["sunflower"]))
    body = response.content.decode()
    # Ewa reads Polish: the page is in her language.
    with translation.override("pl"):
        assert response.context["total"] >= 3
        assert translation.gettext("Machine suggestion to check") in body
        assert translation.gettext("The machine could not translate it") in body
