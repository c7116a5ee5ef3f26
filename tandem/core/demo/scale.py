"""`demo --scale N`: N generated settings of about 100 children each, for benchmarks."""

import datetime as dt

from django.db import transaction

from tandem.core.demo.common import Rows
from tandem.core.demo.generated import add_generated_setting
from tandem.core.models import Organisation, Setting

CHILDREN_PER_SETTING = 100
SETTINGS_PER_ORGANISATION = 10  # also the number of settings written in one transaction


def scale_slug(number: int) -> str:
    return f"scale-{number:04d}"


def build_scale(count: int, *, today: dt.date) -> dict[str, int]:
    """Make sure settings scale-0001 … scale-COUNT exist; build only the missing ones, ten at a
    time (one organisation each), so a second run adds nothing. Returns rows written per kind."""
    wanted = [scale_slug(n) for n in range(1, count + 1)]
    existing = set(Setting.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    totals: dict[str, int] = {}
    for start in range(0, count, SETTINGS_PER_ORGANISATION):
        group = start // SETTINGS_PER_ORGANISATION + 1
        numbers = [n for n in range(start + 1, min(start + SETTINGS_PER_ORGANISATION, count) + 1)]
        missing = [n for n in numbers if scale_slug(n) not in existing]
        if not missing:
            continue
        with transaction.atomic():
            organisation, _ = Organisation.objects.get_or_create(
                slug=f"scale-group-{group:03d}",
                defaults={"name": f"Scale Test Group {group:03d}", "kind": Organisation.Kind.GROUP},
            )
            rows = Rows()
            for n in missing:
                add_generated_setting(
                    rows,
                    organisation=organisation,
                    slug=scale_slug(n),
                    name=f"Generated Nursery {n:04d}",
                    n_children=CHILDREN_PER_SETTING,
                    today=today,
                )
            for kind, written in rows.save().items():
                totals[kind] = totals.get(kind, 0) + written
    return totals
