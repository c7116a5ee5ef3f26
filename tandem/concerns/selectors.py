"""Reads of concerns and complaints. Staff with can_handle_concerns see their setting's (the
caller checks the flag through tandem.access); a guardian sees only the ones they raised."""

import datetime as dt
import string

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tandem.access import rules
from tandem.access.rules import uuid_or_404
from tandem.concerns.models import (
    AT_RISK_AFTER_DAYS,
    DEADLINE_DAYS,
    OPEN_STATUSES,
    Concern,
    ConcernKind,
    ConcernStep,
)
from tandem.core.models import Child, Guardian, Setting
from tandem.journal.text import name_variants, redact_names
from tandem.translations.selectors import translation_for, translations_for

FILTERS = ("all", "open", "on_track", "at_risk", "overdue", "closed")
SORTS = {
    "received": ("received_on", "received_at"),
    "-received": ("-received_on", "-received_at"),
    "reference": ("reference",),
    "status": ("status", "received_on"),
}


def concerns_for_staff(*, user, setting: Setting, show: str = "open", sort: str = "received") -> QuerySet[Concern]:
    """SETTING's concerns for a handler, filtered by SHOW (FILTERS) on the 28-day clock and
    sorted by SORT (SORTS). Everything the list shows comes in this one query."""
    rules.membership_for_user(user, setting_slug=setting.slug)  # 404 for anyone outside
    today = setting.today()
    qs = Concern.objects.filter(setting=setting).select_related("raised_by", "child", "assigned_to__user")
    deadline = Q(~Q(kind=ConcernKind.FEEDBACK), status__in=OPEN_STATUSES)
    overdue_before = today - dt.timedelta(days=DEADLINE_DAYS)  # received before this day: more than 28 days
    at_risk_before = today - dt.timedelta(days=AT_RISK_AFTER_DAYS)
    if show == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif show == "overdue":
        qs = qs.filter(deadline, received_on__lt=overdue_before)
    elif show == "at_risk":
        qs = qs.filter(deadline, received_on__lt=at_risk_before, received_on__gte=overdue_before)
    elif show == "on_track":
        qs = qs.filter(deadline, received_on__gte=at_risk_before)
    elif show == "closed":
        qs = qs.exclude(status__in=OPEN_STATUSES)
    return qs.order_by(*SORTS.get(sort, SORTS["received"]))


def clock_counts(*, setting: Setting) -> dict[str, int]:
    """How many open concerns are on track, at risk and overdue (one query)."""
    today = setting.today()
    overdue_before = today - dt.timedelta(days=DEADLINE_DAYS)
    at_risk_before = today - dt.timedelta(days=AT_RISK_AFTER_DAYS)
    return Concern.objects.filter(setting=setting, status__in=OPEN_STATUSES).aggregate(
        open=Count("pk"),
        overdue=Count("pk", filter=Q(~Q(kind=ConcernKind.FEEDBACK), received_on__lt=overdue_before)),
        at_risk=Count(
            "pk",
            filter=Q(~Q(kind=ConcernKind.FEEDBACK), received_on__lt=at_risk_before, received_on__gte=overdue_before),
        ),
    )


def concern_for_staff(*, user, setting: Setting, concern_id) -> Concern:
    pk = uuid_or_404(concern_id)
    concern = (
        Concern.objects.filter(setting=setting, pk=pk)
        .select_related("raised_by__preferences", "child", "assigned_to__user", "setting", "family_confirmed_by")
        .first()
    )
    if concern is None:
        raise Http404
    return concern


def timeline(*, concern: Concern) -> QuerySet[ConcernStep]:
    return ConcernStep.objects.filter(concern=concern).select_related("by").order_by("at")


def handler_choices(*, user, setting: Setting) -> list:
    from tandem.access.permissions import StaffPermissions

    return [
        m
        for m in rules.staff_visible_to(user, setting=setting).filter(is_active=True).select_related("user")
        if StaffPermissions.for_roles(m.roles).can_handle_concerns
    ]


def staff_reading(*, concern: Concern, language: str) -> dict:
    """What the family wrote, and its translation into LANGUAGE when one is ready."""
    result = {}
    for field in ("about", "desired_outcome"):
        text = getattr(concern, field)
        translated = None
        if text and concern.language != language:
            translated = translation_for(source=concern, field=field, text=text, language=language)
        result[field] = translated
    return result


# --- families -------------------------------------------------------------------------------------


def guardians_of(user) -> QuerySet[Guardian]:
    return Guardian.objects.filter(user=user).select_related("setting", "preferences")


def concerns_for_guardian(*, user) -> QuerySet[Concern]:
    """Every concern USER raised (anonymous feedback is not theirs to see: it names no one)."""
    return (
        Concern.objects.filter(raised_by__user=user, anonymous=False)
        .select_related("child", "setting")
        .order_by("-received_at")
    )


def concern_for_guardian(*, user, concern_id) -> Concern:
    pk = uuid_or_404(concern_id)
    concern = concerns_for_guardian(user=user).select_related("raised_by__preferences").filter(pk=pk).first()
    if concern is None:
        raise Http404
    return concern


def family_reading(*, concern: Concern, language: str) -> dict:
    """The outcome and the informal resolution in the family's LANGUAGE, when translated."""
    result = {}
    for field, source_language in (
        ("outcome", concern.outcome_language),
        ("informal_summary", settings.LANGUAGE_CODE),
    ):
        text = getattr(concern, field)
        result[field] = (
            translation_for(source=concern, field=field, text=text, language=language)
            if text and language != source_language
            else None
        )
    return result


def translated_outcomes(*, concerns: list[Concern], language: str) -> dict[str, str]:
    """Ready translations of many concerns' outcomes (one query), keyed by concern id."""
    from tandem.translations.models import text_hash

    rows = translations_for(sources=concerns, field="outcome", language=language)
    by_id = {str(c.pk): c for c in concerns}
    return {
        key: row.text for key, row in rows.items() if key in by_id and row.source_hash == text_hash(by_id[key].outcome)
    }


# --- the complaints record, for inspection --------------------------------------------------------


class _Anonymiser:
    """Replaces the names of children and of parents other than the complainant by "child A",
    "parent B" ..., the same letter for the same person throughout one record."""

    def __init__(self, setting: Setting) -> None:
        self.children = list(
            Child.objects.filter(setting=setting).only("id", "first_name", "last_name", "preferred_name")
        )
        self.guardians = list(Guardian.objects.filter(setting=setting).only("id", "first_name", "last_name"))
        self.letters: dict[str, str] = {}

    def _letter(self, key: str) -> str:
        if key not in self.letters:
            n = len(self.letters)
            self.letters[key] = string.ascii_uppercase[n % 26] + ("" if n < 26 else str(n // 26))
        return self.letters[key]

    def __call__(self, text: str) -> str:
        if not text:
            return text
        lowered = text.casefold()
        people = []  # (first position in the text, key, names, label) of everyone named in it
        for child in self.children:
            names = name_variants(
                first_name=child.first_name, last_name=child.last_name, preferred_name=child.preferred_name
            )
            found = [lowered.find(n.casefold()) for n in names if n.casefold() in lowered]
            if found:
                people.append((min(found), f"c{child.pk}", child, "child"))
        for guardian in self.guardians:
            full = f"{guardian.first_name} {guardian.last_name}"
            if full.casefold() in lowered:
                people.append((lowered.find(full.casefold()), f"g{guardian.pk}", guardian, "parent"))
        # Letters in order of appearance across the record: the first person named is A.
        for _pos, key, person, label in sorted(people, key=lambda p: p[0]):
            letter = self._letter(key)
            if label == "child":
                replacement = _("child %(letter)s") % {"letter": letter}
                others = [
                    {
                        "first_name": person.first_name,
                        "last_name": person.last_name,
                        "preferred_name": person.preferred_name,
                    }
                ]
            else:
                replacement = _("parent %(letter)s") % {"letter": letter}
                full = f"{person.first_name} {person.last_name}"
                others = [{"first_name": full, "last_name": "", "preferred_name": ""}]
            text = redact_names(text, others=others, replacement=replacement)
        return text


def complaints_record(*, setting: Setting, start: dt.date, end: dt.date) -> list[dict]:
    """The complaints received in SETTING from START to END (inclusive), for an inspector:
    reference, date received, channel, nature, EYFS requirement concerned, outcome, date the
    outcome was sent, days taken, Ofsted. Children and other families are "child A",
    "parent B" (the complainant too: the record needs what happened, not names)."""
    concerns = list(
        Concern.objects.filter(
            setting=setting, kind=ConcernKind.COMPLAINT, received_on__gte=start, received_on__lte=end
        )
        .select_related("raised_by")
        .order_by("received_on", "reference")
    )
    anonymise = _Anonymiser(setting)
    rows = []
    for c in concerns:
        rows.append(
            {
                "reference": c.reference,
                "received_on": c.received_on,
                "channel": c.get_channel_display(),
                "written": c.is_written,
                "nature": anonymise(c.nature or c.about),
                "eyfs_requirement": c.eyfs_requirement if c.eyfs_related else "",
                "statutory": c.statutory_28_days,
                "outcome": anonymise(c.outcome or c.informal_summary),
                "actions": anonymise(c.actions),
                "outcome_sent_on": c.outcome_sent_on,
                "days_taken": c.days_taken,
                "late": c.days_taken is not None and c.days_taken > DEADLINE_DAYS,
                "ofsted_involved": c.ofsted_involved,
                "status": c.get_status_display(),
            }
        )
    return rows
