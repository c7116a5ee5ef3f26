"""Reads of settling in and transitions. Each starts from tandem.access (a child fetched through
it, or access.children_visible_to); the checklist's automatic steps are worked out from the All
About Me and journal records in a fixed number of queries, however many children are listed."""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from tandem.access import rules
from tandem.access.rules import uuid_or_404
from tandem.core.models import Child, Guardian, Setting
from tandem.transitions.models import AUTOMATIC_STEPS, SettlingStep, SettlingStepDone, Transition

FIRST_WEEK = dt.timedelta(days=7)
STARTING_AHEAD = dt.timedelta(days=42)
SETTLING_BEHIND = dt.timedelta(days=28)


@dataclass(frozen=True)
class ChecklistItem:
    step: str
    label: str
    done: bool
    done_on: dt.date | None
    done_by: str
    note: str
    automatic: bool


def _checklists(children: list[Child]) -> dict:
    """{child id: [ChecklistItem, ...]} for CHILDREN, in three queries."""
    from tandem.allaboutme.models import AllAboutMeVersion
    from tandem.journal.models import Observation, ObservationChild

    ids = [c.pk for c in children]
    ticks: dict = {}
    for done in SettlingStepDone.objects.filter(child_id__in=ids).select_related("done_by"):
        ticks[(done.child_id, done.step)] = done
    first_versions = {
        v.child_id: v for v in AllAboutMeVersion.objects.filter(child_id__in=ids, number=1).select_related("entered_by")
    }
    published: dict = {}
    links = ObservationChild.objects.filter(
        child_id__in=ids, observation__status=Observation.Status.PUBLISHED, observation__published_at__isnull=False
    ).values_list("child_id", "observation__published_at")
    starts = {c.pk: c.start_date for c in children}
    zones = {c.pk: zoneinfo.ZoneInfo(c.setting.timezone) for c in children}
    for child_id, published_at in links:
        start = starts.get(child_id)
        if start is None:
            continue
        day = published_at.astimezone(zones[child_id]).date()  # the setting's day, not UTC's
        if start <= day < start + FIRST_WEEK and (child_id not in published or day < published[child_id]):
            published[child_id] = day
    result = {}
    for child in children:
        items = []
        for step, label in SettlingStep.choices:
            tick = ticks.get((child.pk, step))
            if step == SettlingStep.ALL_ABOUT_ME:
                v = first_versions.get(child.pk)
                item = ChecklistItem(
                    step,
                    label,
                    v is not None,
                    v.created_at.date() if v else None,
                    v.entered_by.display_name if v else "",
                    "",
                    True,
                )
            elif step == SettlingStep.FIRST_WEEK_PHOTOS and tick is None and child.pk in published:
                item = ChecklistItem(step, label, True, published[child.pk], "", "", True)
            else:
                item = ChecklistItem(
                    step,
                    label,
                    tick is not None,
                    tick.done_on if tick else None,
                    tick.done_by.display_name if tick else "",
                    tick.note if tick else "",
                    step in AUTOMATIC_STEPS,
                )
            items.append(item)
        result[child.pk] = items
    return result


def checklist_for_child(*, child: Child) -> list[ChecklistItem]:
    return _checklists([child])[child.pk]


def children_starting_soon(*, user, setting: Setting, today: dt.date) -> list[tuple[Child, list[ChecklistItem], int]]:
    """Children starting in the next six weeks or who started in the last four, with their
    checklist and how many steps are done (a fixed number of queries)."""
    children = list(
        rules.children_visible_to(user, setting=setting)
        .filter(
            start_date__gte=today - SETTLING_BEHIND, start_date__lte=today + STARTING_AHEAD, leave_date__isnull=True
        )
        .select_related("room", "key_person__user", "setting")
        .order_by("start_date", "first_name")
    )
    lists = _checklists(children)
    return [(c, lists[c.pk], sum(1 for i in lists[c.pk] if i.done)) for c in children]


def transitions_for_child(*, child: Child) -> QuerySet[Transition]:
    return (
        Transition.objects.filter(child=child)
        .select_related("from_room", "to_room", "summary_written_by", "family_seen_by")
        .prefetch_related("visits")
        .order_by("-planned_date")
    )


def upcoming_transitions(*, user, setting: Setting, today: dt.date) -> QuerySet[Transition]:
    return (
        Transition.objects.filter(
            setting=setting,
            child__in=rules.children_visible_to(user, setting=setting),
            planned_date__gte=today - dt.timedelta(days=7),
            planned_date__lte=today + dt.timedelta(days=90),
        )
        .select_related("child", "from_room", "to_room")
        .order_by("planned_date")
    )


def transition_for_staff(*, user, setting: Setting, transition_id) -> Transition:
    """A transition of a child USER may see in SETTING; 404 otherwise."""
    t = (
        Transition.objects.filter(
            pk=uuid_or_404(transition_id), setting=setting, child__in=rules.children_visible_to(user, setting=setting)
        )
        .select_related("child__room", "child__key_person__user", "from_room", "to_room", "setting", "family_seen_by")
        .prefetch_related("visits")
        .first()
    )
    if t is None:
        raise Http404
    return t


def transition_for_guardian(*, user, transition_id) -> Transition:
    """A transition of one of USER's own children; 404 for anyone else's."""
    t = (
        Transition.objects.filter(pk=uuid_or_404(transition_id), child_id__in=rules.guardian_child_ids(user))
        .select_related("child", "from_room", "to_room", "setting", "family_seen_by")
        .prefetch_related("visits")
        .first()
    )
    if t is None:
        raise Http404
    return t


def guardian_for_child(*, child: Child, user) -> Guardian:
    guardian = Guardian.objects.filter(child_links__child=child, user=user).first()
    if guardian is None:
        raise Http404
    return guardian


def rooms_for(*, user, setting: Setting):
    return rules.rooms_visible_to(user, setting=setting).filter(is_active=True).order_by("age_from_months", "name")
