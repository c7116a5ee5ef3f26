"""Demo data for curriculum: frameworks are reference data loaded by the data migration, so the
demo only makes sure they are there (idempotent) and leaves the setting's own choice alone."""

import random
from datetime import date

from tandem.core.models import Setting

from . import loader
from .models import Framework


def seed(*, setting: Setting, today: date, rng: random.Random) -> None:
    if not Framework.objects.filter(code=setting.curriculum_framework).exists():
        loader.load_all()
