"""Reads of settings and people, already scoped by tandem.access.rules."""

from dataclasses import dataclass

from django.db.models import Case, Count, Q, QuerySet, Value, When
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


CHILD_ROW_FIELDS = (
    "id",
    "setting_id",
    "first_name",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "leave_date",
    "room__id",
    "room__name",
    "key_person__id",
    "key_person__user__id",
    "key_person__user__first_name",
    "key_person__user__last_name",
    "key_person__user__email",
    "key_person__user__username",
)


def child_rows_for_staff(*, user, setting: Setting, room: Room | None = None, query: str = "") -> QuerySet[Child]:
    """The children list page's rows: only the columns it shows (the page is the busiest one
    staff open, and loading whole rows of four tables for 50 children doubled its time)."""
    return child_list_for_staff(user=user, setting=setting, room=room, query=query).only(*CHILD_ROW_FIELDS)


def key_children_for_staff(*, user, setting: Setting) -> QuerySet[Child]:
    """USER's key children (and back-up key children) in SETTING who have not left."""
    membership = rules.membership_for_user(user, setting_slug=setting.slug)
    return (
        rules.children_visible_to(user, setting=setting)
        .filter(Q(key_person=membership.staff) | Q(backup_key_person=membership.staff))
        .filter(leave_date__isnull=True)
        .select_related("room")
        .annotate(is_backup=Case(When(key_person=membership.staff, then=Value(0)), default=Value(1)))
        .order_by("is_backup", "first_name")  # their own key children first, then back-ups
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


def room_list_for_admin(*, user, setting: Setting) -> QuerySet[Room]:
    """Every room of SETTING, in use or not, with how many children are in each now."""
    return (
        rules.rooms_visible_to(user, setting=setting)
        .annotate(n_children=Count("children", filter=Q(children__leave_date__isnull=True)))
        .order_by("-is_active", "age_from_months", "name")
    )


def staff_list_for_admin(*, user, setting: Setting) -> QuerySet:
    """SETTING's team with their accounts and rooms, for the staff list (three queries)."""
    return (
        rules.staff_visible_to(user, setting=setting)
        .select_related("user")
        .prefetch_related("rooms")
        .order_by("-is_active", "user__first_name", "user__last_name")
    )


def family_list_for_admin(*, user, setting: Setting, query: str = "") -> QuerySet:
    """SETTING's families with their children and guardians prefetched (three queries)."""
    from django.db.models import Prefetch

    from tandem.core.models import Guardian

    qs = rules.families_visible_to(user, setting=setting)
    if query:
        qs = qs.filter(
            Q(name__icontains=query)
            | Q(children__first_name__icontains=query)
            | Q(guardians__first_name__icontains=query)
            | Q(guardians__last_name__icontains=query)
            | Q(guardians__email__icontains=query)
        ).distinct()
    return qs.prefetch_related(
        Prefetch("children", queryset=Child.objects.order_by("first_name")),
        Prefetch("guardians", queryset=Guardian.objects.order_by("first_name")),
    ).order_by("name")


def family_detail_for_admin(*, family) -> dict:
    """A family's guardians (with the children each is linked to) and children (with their
    guardians), for the family page."""
    from tandem.core.models import Guardian

    guardians = list(
        Guardian.objects.filter(family=family)
        .select_related("preferences")
        .prefetch_related("child_links__child")
        .order_by("first_name")
    )
    children = list(
        Child.objects.filter(family=family).prefetch_related("guardian_links__guardian").order_by("first_name")
    )
    return {"guardians": guardians, "children": children}


def guardian_link_get(*, child: Child, guardian) -> ChildGuardian:
    """The link between CHILD and GUARDIAN (both already fetched through access); 404 if none."""
    from django.http import Http404

    link = ChildGuardian.objects.filter(child=child, guardian=guardian).select_related("guardian").first()
    if link is None:
        raise Http404
    return link


def children_for_linking(*, user, setting: Setting) -> QuerySet[Child]:
    """Children a guardian can be linked to: those of SETTING USER may see who have not left."""
    return rules.children_visible_to(user, setting=setting).filter(leave_date__isnull=True).order_by("first_name")


def guardians_with_responsibility(*, child: Child):
    """Guardians of CHILD with parental responsibility: those who can give consent."""
    from tandem.core.models import Guardian

    return Guardian.objects.filter(child_links__child=child, child_links__parental_responsibility=True).order_by(
        "first_name"
    )


def consent_history_for_child(*, child: Child) -> QuerySet:
    """Every consent decision for CHILD, newest first, with who gave and recorded it."""
    from tandem.core.models import ConsentEvent

    return ConsentEvent.objects.filter(child=child).select_related("given_by", "recorded_by").order_by("-at", "-id")


def guardian_records_for_user(*, user) -> QuerySet:
    """USER's own guardian records (one per setting their children attend)."""
    from tandem.core.models import Guardian

    if not user.is_authenticated:
        return Guardian.objects.none()
    return Guardian.objects.filter(user=user).select_related("setting", "preferences").order_by("setting__name")


def guardian_for_child_and_user(*, child: Child, user):
    """USER's guardian record linked to CHILD (the child was fetched through access), or None."""
    links = [link for link in child.guardian_links.all() if link.guardian.user_id == user.pk]
    links.sort(key=lambda link: not link.parental_responsibility)  # the one who may decide first
    return links[0].guardian if links else None


def audit_entries_for_staff(
    *,
    user,
    setting: Setting,
    action: str = "",
    child: str = "",
    person: str = "",
    date_from=None,
    date_to=None,
) -> QuerySet:
    """SETTING's audit log for someone with can_read_audit (403 otherwise), newest first,
    narrowed by action code prefix, child's name, actor's name or e-mail and dates (in the
    setting's time zone)."""
    import datetime as dt
    import zoneinfo

    from tandem.core.models import AuditEntry

    membership = rules.membership_for_user(user, setting_slug=setting.slug)
    rules.require(membership.perms, "can_read_audit")
    qs = AuditEntry.objects.filter(setting=setting).select_related("actor", "child")
    if action:
        qs = qs.filter(action__startswith=action.strip())
    if child:
        qs = qs.filter(
            Q(child__first_name__icontains=child)
            | Q(child__last_name__icontains=child)
            | Q(child__preferred_name__icontains=child)
        )
    if person:
        qs = qs.filter(
            Q(actor__first_name__icontains=person)
            | Q(actor__last_name__icontains=person)
            | Q(actor__email__icontains=person)
        )
    tz = zoneinfo.ZoneInfo(setting.timezone)
    if date_from:
        qs = qs.filter(at__gte=dt.datetime.combine(date_from, dt.time.min, tzinfo=tz))
    if date_to:
        qs = qs.filter(at__lt=dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz))
    return qs.order_by("-at", "-id")


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
