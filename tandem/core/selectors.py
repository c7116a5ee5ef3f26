"""Reads of settings and people, already scoped by tandem.access.rules."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django_scopes import scopes_disabled

from tandem.access import rules
from tandem.core.models import (
    Child,
    ChildGuardian,
    Consent,
    ConsentKind,
    Organisation,
    Room,
    Setting,
)


def child_list_for_staff(*, user, setting: Setting, room: Room | None = None, query: str = "") -> QuerySet[Child]:
    """Children of SETTING that USER may see, with what the list page shows, in one query."""
    qs = rules.children_visible_to(user, setting=setting).select_related("room", "key_person__user")
    if room is not None:
        qs = qs.filter(room=room)
    if query:
        qs = qs.filter(
            Q(first_name__icontains=query) | Q(last_name__icontains=query) | Q(preferred_name__icontains=query)
        )
    return qs.order_by("first_name", "last_name")


def key_children_for_staff(*, user, setting: Setting) -> QuerySet[Child]:
    """USER's key children (and back-up key children) in SETTING who have not left."""
    membership = rules.membership_for_user(user, setting_slug=setting.slug)
    return (
        rules.children_visible_to(user, setting=setting)
        .filter(Q(key_person=membership.staff) | Q(backup_key_person=membership.staff))
        .filter(leave_date__isnull=True)
        .select_related("room")
        .order_by("first_name")
    )


def children_for_guardian(*, user) -> QuerySet[Child]:
    """The children USER is a guardian of, nothing else."""
    return (
        Child.objects.filter(id__in=rules.guardian_child_ids(user))
        .select_related("room", "setting", "key_person__user")
        .order_by("first_name")
    )


def consents_for_child(*, child: Child) -> list[tuple[str, str, Consent | None]]:
    """Every kind of consent with the current answer (None: never asked)."""
    current = {c.kind: c for c in Consent.objects.filter(child=child)}
    return [(kind, label, current.get(kind)) for kind, label in ConsentKind.choices]


def guardian_links_for_child(*, child: Child) -> QuerySet[ChildGuardian]:
    return ChildGuardian.objects.filter(child=child).select_related("guardian", "guardian__preferences")


# Group counts below this are shown as "fewer than 5" so a lead cannot single out a child.
SMALL_GROUP = 5


@dataclass(frozen=True)
class SettingNumbers:
    setting: Setting
    children: int
    rooms: int
    staff: int
    families: int
    guardians_signed_in: int
    eal: int | None  # None: a small group, hidden
    eypp: int | None
    send: int | None


def _hide_small(n: int) -> int | None:
    return None if 0 < n < SMALL_GROUP else n


def _counts(qs, **aggregates) -> dict:
    return {row["setting_id"]: row for row in qs.values("setting_id").annotate(**aggregates)}


def organisation_numbers(*, organisation: Organisation) -> list[SettingNumbers]:
    """Counts per setting of ORGANISATION: aggregates only, never a child's record. The caller
    has checked the user leads the organisation (rules.organisation_for_user). One query per
    table, whatever the number of settings or children."""
    from tandem.core.models import Family, Guardian, StaffMember

    settings_list = list(Setting.objects.filter(organisation=organisation).order_by("name"))
    ids = [s.pk for s in settings_list]
    # An organisation-level aggregate across settings: the scope would need every setting of
    # the organisation, which is exactly the explicit filter below.
    with scopes_disabled():
        children = _counts(
            Child.objects.filter(setting_id__in=ids, leave_date__isnull=True),
            n=Count("id"),
            eal=Count("id", filter=Q(eal=True)),
            eypp=Count("id", filter=Q(eypp=True)),
            send=Count("id", filter=~Q(sen_status="none")),
        )
        rooms = _counts(Room.objects.filter(setting_id__in=ids, is_active=True), n=Count("id"))
        staff = _counts(StaffMember.objects.filter(setting_id__in=ids, is_active=True), n=Count("id"))
        families = _counts(Family.objects.filter(setting_id__in=ids), n=Count("id"))
        signed_in = _counts(Guardian.objects.filter(setting_id__in=ids, user__isnull=False), n=Count("id"))
    empty = {"n": 0, "eal": 0, "eypp": 0, "send": 0}
    result = []
    for s in settings_list:
        c = children.get(s.pk, empty)
        result.append(
            SettingNumbers(
                setting=s,
                children=c["n"],
                rooms=rooms.get(s.pk, empty)["n"],
                staff=staff.get(s.pk, empty)["n"],
                families=families.get(s.pk, empty)["n"],
                guardians_signed_in=signed_in.get(s.pk, empty)["n"],
                eal=_hide_small(c["eal"]),
                eypp=_hide_small(c["eypp"]),
                send=_hide_small(c["send"]),
            )
        )
    return result
