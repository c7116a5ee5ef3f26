"""England's group-setting ratios (EYFS statutory framework for group and school-based
providers, DOMAIN.md §2.11) as the default RatioRule rows (setting empty).

- under 2: 1 adult to 3 children
- 2-year-olds: 1:4 until 3 September 2023, then 1:5
- 3 and over: 1:8. The 1:13 ratio applies only while a Level 6 (QTS/EYTS/EYPS) member of staff
  works directly with the children; a setting that meets it adds its own rule. Kept simple on
  purpose: the law has exceptions, so the numbers are data, not code."""

import datetime as dt

from django.db import migrations

DEFAULTS = [
    (0, 24, 3, dt.date(2008, 9, 1), "Under 2: 1 adult to 3 children"),
    (24, 36, 4, dt.date(2008, 9, 1), "2-year-olds: 1 adult to 4 children (before September 2023)"),
    (24, 36, 5, dt.date(2023, 9, 4), "2-year-olds: 1 adult to 5 children (EYFS 2023)"),
    (36, 96, 8, dt.date(2008, 9, 1), "3 and over: 1 adult to 8 children (1:13 with a qualified teacher)"),
]


def add_defaults(apps, schema_editor) -> None:
    RatioRule = apps.get_model("attendance", "RatioRule")
    for age_from, age_to, per_adult, since, note in DEFAULTS:
        RatioRule.objects.get_or_create(
            setting=None,
            age_from_months=age_from,
            age_to_months=age_to,
            effective_from=since,
            defaults={"children_per_adult": per_adult, "note": note},
        )


def remove_defaults(apps, schema_editor) -> None:
    apps.get_model("attendance", "RatioRule").objects.filter(setting=None).delete()


class Migration(migrations.Migration):
    dependencies = [("attendance", "0001_initial")]
    operations = [migrations.RunPython(add_defaults, remove_defaults)]
