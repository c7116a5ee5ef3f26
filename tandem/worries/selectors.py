"""Reads of progress worries. Each starts from tandem.access.

Who sees a child's worries (and structured conversations): the child's key person (and back-up),
and staff with can_oversee_progress (managers, owners, the SENCO): the access layer's
ChildPermissions.can_follow_progress and rules.children_progress_followed_by. Any other member
of staff gets 404, as if the record did not exist. A guardian sees only their own child's cases, and
only once they have been discussed with the family; never the staff-only notes."""

from django.db.models import Q, QuerySet
from django.http import Http404

from tandem.access import rules
from tandem.access.rules import uuid_or_404
from tandem.core.models import Child
from tandem.worries.models import Worry

TWO_YEAR_CHECK_FROM, TWO_YEAR_CHECK_TO = 24, 36  # months (EYFS progress check at two)
LONG_OPEN_DAYS = 28


def child_for_staff(user, *, membership, child_id):
    """The child, if USER may follow their progress in MEMBERSHIP's setting; 404 otherwise."""
    child, perms = rules.child_for_user(user, child_id=child_id, setting=membership.setting)
    if not perms.can_follow_progress:
        raise Http404
    return child, perms


def _followed(user, membership) -> QuerySet[Worry]:
    return Worry.objects.filter(
        setting=membership.setting,
        child__in=rules.children_progress_followed_by(user, setting=membership.setting),
    )


def open_worries(user, *, membership, mine_only: bool = False) -> list[Worry]:
    """Open cases USER may follow, longest open first, each with `days` open and `long_open`
    (over 28 days). Overseers get every open case of the setting; others their key children's."""
    qs = _followed(user, membership) if not mine_only else _mine(membership)
    rows = list(
        qs.filter(status=Worry.Status.OPEN)
        .select_related("child__room", "raised_by__user", "setting")
        .order_by("opened_on", "created_at")
    )
    today = membership.setting.today()
    for w in rows:
        w.days = w.days_open(today)
        w.long_open = w.days > LONG_OPEN_DAYS
    return rows


def _mine(membership) -> QuerySet[Worry]:
    me = membership.staff.pk
    return Worry.objects.filter(setting=membership.setting).filter(
        Q(child__key_person_id=me) | Q(child__backup_key_person_id=me)
    )


def worries_for_child(*, child: Child) -> QuerySet[Worry]:
    return Worry.objects.filter(child=child).select_related("raised_by__user").order_by("-opened_on")


def worry_for_staff(user, *, membership, worry_id) -> Worry:
    worry = (
        _followed(user, membership)
        .select_related("child__key_person__user", "child__setting", "raised_by__user", "closed_by", "setting")
        .filter(pk=uuid_or_404(worry_id))
        .first()
    )
    if worry is None:
        raise Http404
    return worry


def worry_for_guardian(user, *, worry_id) -> Worry:
    """A case about the user's own child, once it has been discussed with them."""
    worry = (
        Worry.objects.filter(
            pk=uuid_or_404(worry_id),
            child__in=rules.guardian_child_ids(user),
            shared_with_family_at__isnull=False,
        )
        .select_related("child", "setting")
        .first()
    )
    if worry is None:
        raise Http404
    rules.child_for_user(user, child_id=worry.child_id)  # the read is audited
    return worry


def shared_worries_for_child(*, child: Child) -> QuerySet[Worry]:
    return Worry.objects.filter(child=child, shared_with_family_at__isnull=False).order_by("-opened_on")


def timeline(worry: Worry) -> list[dict]:
    """What happened on the case, in date order: opened, stages, conversations, closed."""
    from tandem.meetings.models import Conversation

    events = [{"on": worry.opened_on, "kind": "opened", "worry": worry}]
    events += [{"on": s.on, "kind": "stage", "stage": s} for s in worry.stages.select_related("recorded_by")]
    events += [
        {"on": c.meeting_on, "kind": "conversation", "conversation": c}
        for c in Conversation.objects.filter(worry=worry).order_by("meeting_on")
    ]
    if worry.discussed_on:
        events.append({"on": worry.discussed_on, "kind": "discussed", "worry": worry})
    if worry.closed_on:
        events.append({"on": worry.closed_on, "kind": "closed", "worry": worry})
    return sorted(events, key=lambda e: e["on"])


def two_year_check(child: Child, today=None) -> dict | None:
    """When the child is between 24 and 36 months: the progress check at two is due/relevant."""
    today = today or child.setting.today()
    months = child.age_in_months(today)
    if TWO_YEAR_CHECK_FROM <= months < TWO_YEAR_CHECK_TO:
        return {"months": months, "years": months // 12, "rest": months % 12}
    return None


def prime_area_choices(setting) -> list[tuple[str, str]]:
    """The prime areas, named as in the setting's curriculum framework when it is loaded (the
    curriculum app's prime areas with the EYFS short codes), otherwise the EYFS's own names."""
    from tandem.curriculum.models import Area, AreaKind
    from tandem.curriculum.selectors import FrameworkMissing, framework_for_setting
    from tandem.worries.models import PrimeArea

    try:
        framework = framework_for_setting(setting)
    except FrameworkMissing:
        return list(PrimeArea.choices)
    areas = list(
        Area.objects.filter(framework=framework, kind=AreaKind.PRIME, short_code__in=PrimeArea.values).order_by("order")
    )
    if {a.short_code for a in areas} != set(PrimeArea.values):
        return list(PrimeArea.choices)
    return [(a.short_code, a.display_name) for a in areas]
