"""The starting retention rules, from the sector guidance gathered in DOMAIN.md §3. UK GDPR
and the Data Protection Act 2018 set no fixed periods (storage limitation: keep no longer than
necessary, and say why); EYFS asks for records to be kept "for a reasonable period". A setting
whose insurer or local authority asks for longer adds a newer rule."""

import datetime as dt

from django.db import migrations

IN_FORCE_FROM = dt.date(2024, 1, 4)  # the EYFS statutory framework of January 2024
UNTIL_21_3 = 21 * 12 + 3  # 18 + the 3-year limitation period + 3 months to serve a claim

RULES = [
    (
        "diary_entry",
        "child_left",
        36,
        "Daily care records: EYFS asks for records to be kept for a reasonable period after the child "
        "leaves; 3 years after leaving is common sector practice (Early Years Alliance, NDNA) [guidance].",
    ),
    (
        "attendance",
        "child_left",
        36,
        "Registers (EYFS: a daily record of children's names and hours of attendance): kept a reasonable "
        "period after leaving; commonly 3 years, some settings until the child is 21y 3m [guidance].",
    ),
    (
        "medicine_administration",
        "child_born",
        UNTIL_21_3,
        "Medicine records: often kept like accident records, until the child is 21 years 3 months "
        "(Limitation Act 1980 reasoning); until 25 for long-term conditions [guidance].",
    ),
    (
        "medicine_permission",
        "child_born",
        UNTIL_21_3,
        "Parents' written permission for medicines: kept with the medicine records, until the child is "
        "21 years 3 months [guidance].",
    ),
    (
        "incident",
        "child_born",
        UNTIL_21_3,
        "Accident and injury records: until the child is 21 years 3 months (age 18 + 3-year limitation "
        "period + 3 months to serve a claim; Limitation Act 1980); insurers may require longer [guidance].",
    ),
    (
        "audit_entry",
        "record_date",
        72,
        "Audit log: no period set by law or sector guidance. 6 years, like other business records "
        "(DOMAIN.md §3); a local decision to review with the setting's data protection lead.",
    ),
]


def seed(apps, schema_editor) -> None:
    RetentionRule = apps.get_model("records", "RetentionRule")
    for record_type, clock, months, basis in RULES:
        RetentionRule.objects.get_or_create(
            record_type=record_type,
            effective_from=IN_FORCE_FROM,
            defaults={"clock": clock, "months": months, "action": "erase", "legal_basis": basis},
        )


def unseed(apps, schema_editor) -> None:
    apps.get_model("records", "RetentionRule").objects.filter(effective_from=IN_FORCE_FROM).delete()


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
