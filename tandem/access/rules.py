"""THE permission layer. Two questions are answered here and nowhere else:
which objects a user may see (querysets), and what a user may do with one object.

Rules (docs/permissions.md):
- Staff act within the settings they belong to, with what their roles' flags allow.
- A key person has more on their key children (medical notes).
- A guardian sees only the children they are linked to (through an accepted invitation).
- Organisation leads see aggregates only: no function here gives them a child.
- Another setting or another family gets 404 (same as "does not exist"); the right setting
  without the flag gets 403.
"""

from dataclasses import dataclass
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django_scopes import scopes_disabled

from tandem.access.permissions import ChildPermissions, StaffPermissions
from tandem.core.models import (
    Child,
    ChildGuardian,
    Family,
    Guardian,
    Organisation,
    Room,
    Setting,
    StaffMember,
)


@dataclass(frozen=True)
class Membership:
    """A user's place in one setting's team."""

    setting: Setting
    staff: StaffMember
    perms: StaffPermissions


def _is_anonymous(user) -> bool:
    return user is None or not user.is_authenticated


def memberships_for_user(user) -> list[Membership]:
    """Every setting USER works in, with what they may do there (one query)."""
    if _is_anonymous(user):
        return []
    cached = getattr(user, "_tandem_memberships", None)
    if cached is not None:
        return cached
    # The permission layer itself decides the scope, so it reads memberships unscoped.
    with scopes_disabled():
        staff = list(StaffMember.objects.filter(user=user, is_active=True).select_related("setting"))
    result = [Membership(setting=s.setting, staff=s, perms=StaffPermissions.for_roles(s.roles)) for s in staff]
    user._tandem_memberships = result
    return result


def membership_for_user(user, *, setting_slug: str) -> Membership:
    """USER's membership of the setting with this slug; 404 when they do not work there."""
    for m in memberships_for_user(user):
        if m.setting.slug == setting_slug:
            return m
    raise Http404


def uuid_or_404(value) -> str:
    """VALUE as a UUID string; 404 when it is not one (a malformed id is answered like an id
    you may not see)."""
    try:
        return str(UUID(str(value)))
    except ValueError as exc:
        raise Http404 from exc


def require(perms: StaffPermissions | ChildPermissions, flag: str) -> None:
    """403 unless the flag is set (for someone who may see the object but not do this)."""
    if not getattr(perms, flag):
        raise PermissionDenied


def setting_ids_for_user(user) -> list[UUID]:
    """Settings whose data USER may touch at all: where they work, and where a child of theirs
    attends. Used to open the tenancy scope for a request."""
    if _is_anonymous(user):
        return []
    ids = {m.setting.pk for m in memberships_for_user(user)}
    with scopes_disabled():  # deciding the scope: see memberships_for_user
        ids |= set(Guardian.objects.filter(user=user).values_list("setting_id", flat=True))
    return sorted(ids)


def is_guardian(user) -> bool:
    if _is_anonymous(user):
        return False
    with scopes_disabled():  # deciding which home page to show
        return Guardian.objects.filter(user=user).exists()


def organisations_led_by(user) -> QuerySet[Organisation]:
    if _is_anonymous(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(leads__user=user)


def organisation_for_user(user, *, organisation_slug: str) -> Organisation:
    """The organisation USER leads; 404 otherwise."""
    org = organisations_led_by(user).filter(slug=organisation_slug).first()
    if org is None:
        raise Http404
    return org


def guardian_child_ids(user) -> QuerySet:
    return ChildGuardian.objects.filter(guardian__user=user).values("child_id")


def children_visible_to(user, *, setting: Setting | None = None) -> QuerySet[Child]:
    """Children USER may see, as one queryset filter: every child of a setting whose team they
    are on with can_view_children, their key children, and children they are a guardian of."""
    if _is_anonymous(user):
        return Child.objects.none()
    memberships = memberships_for_user(user)
    if setting is not None:
        memberships = [m for m in memberships if m.setting.pk == setting.pk]
    all_settings = [m.setting.pk for m in memberships if m.perms.can_view_children]
    staff_ids = [m.staff.pk for m in memberships]
    condition = Q(setting_id__in=all_settings) | Q(key_person_id__in=staff_ids) | Q(backup_key_person_id__in=staff_ids)
    if setting is None:
        condition |= Q(id__in=guardian_child_ids(user))
    return Child.objects.filter(condition)


def child_permissions(user, child: Child) -> ChildPermissions:
    """What USER may do with CHILD (who they can already see). A member of staff can also be
    the child's parent (staff children often attend): the two sets of rights add up."""
    staff = ChildPermissions()
    membership = next((m for m in memberships_for_user(user) if m.setting.pk == child.setting_id), None)
    if membership is not None:
        p = membership.perms
        key = membership.staff.pk in (child.key_person_id, child.backup_key_person_id)
        staff = ChildPermissions(
            is_key_person=key,
            can_view=True,
            can_edit=p.can_edit_children,
            can_read_medical=p.can_read_medical or key,
            can_read_restrictions=p.can_read_restrictions,
            can_change_consents=p.can_edit_children,
            can_invite_families=p.can_invite_families,
            can_follow_progress=p.can_oversee_progress or key,
        )
    links = [link for link in child.guardian_links.all() if link.guardian.user_id == user.pk]
    if not links:
        return staff
    has_pr = any(link.parental_responsibility for link in links)
    return ChildPermissions(
        is_guardian=True,
        is_key_person=staff.is_key_person,
        can_view=True,
        can_edit=staff.can_edit,
        can_read_medical=True,
        can_read_restrictions=staff.can_read_restrictions,
        can_change_consents=has_pr or staff.can_change_consents,
        can_invite_families=staff.can_invite_families,
        can_follow_progress=staff.can_follow_progress,
    )


def children_progress_followed_by(user, *, setting: Setting) -> QuerySet[Child]:
    """The children of SETTING whose structured conversations and progress worries USER follows
    (the queryset form of ChildPermissions.can_follow_progress): every child they can see if
    they oversee progress, otherwise their key and back-up key children."""
    membership = membership_for_user(user, setting_slug=setting.slug)
    children = children_visible_to(user, setting=setting)
    if membership.perms.can_oversee_progress:
        return children
    me = membership.staff.pk
    return children.filter(Q(key_person_id=me) | Q(backup_key_person_id=me))


def child_for_user(user, *, child_id: UUID | str, setting: Setting | None = None, audit: bool = True):
    """The child and what USER may do with them; 404 if USER may not see them at all.
    Each successful fetch is a read of a child's record, so it is written to the audit log."""
    uuid_or_404(child_id)
    qs = (
        children_visible_to(user, setting=setting)
        .select_related("room", "family", "key_person__user", "backup_key_person__user", "setting")
        .prefetch_related("guardian_links__guardian")
    )
    child = qs.filter(pk=child_id).first()
    if child is None:
        raise Http404
    perms = child_permissions(user, child)
    if audit:
        from tandem.core.audit import audit_log

        audit_log("core.child.viewed", actor=user, obj=child, setting=child.setting, child=child)
    return child, perms


def rooms_visible_to(user, *, setting: Setting) -> QuerySet[Room]:
    membership_for_user(user, setting_slug=setting.slug)
    return Room.objects.filter(setting=setting)


def families_visible_to(user, *, setting: Setting) -> QuerySet[Family]:
    m = membership_for_user(user, setting_slug=setting.slug)
    if not m.perms.can_view_children:
        return Family.objects.none()
    return Family.objects.filter(setting=setting)


def guardians_visible_to(user, *, setting: Setting) -> QuerySet[Guardian]:
    m = membership_for_user(user, setting_slug=setting.slug)
    if not m.perms.can_view_children:
        return Guardian.objects.none()
    return Guardian.objects.filter(setting=setting)


def staff_visible_to(user, *, setting: Setting) -> QuerySet[StaffMember]:
    membership_for_user(user, setting_slug=setting.slug)
    return StaffMember.objects.filter(setting=setting)


def family_for_user(user, *, setting: Setting, family_id) -> Family:
    uuid_or_404(family_id)
    family = families_visible_to(user, setting=setting).filter(pk=family_id).first()
    if family is None:
        raise Http404
    return family


def guardian_for_user(user, *, setting: Setting, guardian_id) -> Guardian:
    uuid_or_404(guardian_id)
    guardian = guardians_visible_to(user, setting=setting).select_related("family").filter(pk=guardian_id).first()
    if guardian is None:
        raise Http404
    return guardian


def room_for_user(user, *, setting: Setting, room_id) -> Room:
    uuid_or_404(room_id)
    room = rooms_visible_to(user, setting=setting).filter(pk=room_id).first()
    if room is None:
        raise Http404
    return room


def staff_member_for_user(user, *, setting: Setting, staff_id) -> StaffMember:
    uuid_or_404(staff_id)
    member = staff_visible_to(user, setting=setting).select_related("user").filter(pk=staff_id).first()
    if member is None:
        raise Http404
    return member
