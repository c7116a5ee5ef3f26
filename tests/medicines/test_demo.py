"""The demo medicines: two children with permissions, a few doses, one not acknowledged."""

import random

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from tandem.core.models import Setting
from tandem.medicines import demo
from tandem.medicines.models import MedicineAdministration, MedicinePermission

pytestmark = pytest.mark.django_db


def test_it_seeds_believable_medicines_once() -> None:
    call_command("demo", verbosity=0)
    with scopes_disabled():
        setting = Setting.objects.get(slug="sunflower")
        today = setting.today()
        demo.seed(setting=setting, today=today, rng=random.Random(7))
        counts = (MedicinePermission.objects.count(), MedicineAdministration.objects.count())
        demo.seed(setting=setting, today=today, rng=random.Random(7))
        assert (MedicinePermission.objects.count(), MedicineAdministration.objects.count()) == counts
        assert MedicinePermission.objects.filter(setting=setting).values("child").distinct().count() == 2
        assert MedicinePermission.objects.filter(route="inhaled").exists()
        assert MedicinePermission.objects.exclude(conditions="").count() == 2
        assert MedicineAdministration.objects.filter(acknowledged_at__isnull=True).count() == 1
