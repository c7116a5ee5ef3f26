"""The demo's accident records: believable, idempotent, and what the README promises."""

import random

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from tandem.core.models import Setting
from tandem.incidents import demo
from tandem.incidents.models import Incident

pytestmark = pytest.mark.django_db


def test_it_seeds_signed_unsigned_existing_and_notifiable_records_once() -> None:
    call_command("demo", verbosity=0)
    with scopes_disabled():
        sunflower = Setting.objects.get(slug="sunflower")
        today = sunflower.today()
        demo.seed(setting=sunflower, today=today, rng=random.Random(7))
        demo.seed(setting=sunflower, today=today, rng=random.Random(7))
        records = Incident.objects.filter(setting=sunflower)
        assert records.count() == 4
        assert records.filter(kind="accident", acknowledged_at__isnull=False).count() == 1
        assert records.filter(acknowledged_at__isnull=True).exclude(kind="existing_injury").count() == 2
        assert records.filter(kind="existing_injury").count() == 1
        notifiable = records.get(notifiable=True)
        assert notifiable.days_to_deadline in (8, 9)  # nine days from the day it was seeded
        assert (notifiable.notify_deadline.date() - today).days == 9
        assert all(r.child.setting_id == sunflower.pk for r in records)
