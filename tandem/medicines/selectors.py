"""Reads of medicine records. Each starts from tandem.access: staff see the records of the
children they may see in their setting; a guardian sees only their own children's."""

import zoneinfo
from uuid import UUID

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404

from tandem.access import rules
from tandem.access.rules import uuid_or_404
from tandem.core.models import Child, Guardian, Setting
from tandem.medicines.models import MedicineAdministration, MedicinePermission


def permissions_for_child(*, child: Child, include_ended: bool = True) -> QuerySet[MedicinePermission]:
    """CHILD's permissions (already fetched through access), newest first, with the last dose
    given under the same medicine annotated as `last_given_at` (one query)."""
    last = (
        MedicineAdministration.objects.filter(child=child, permission__medicine_name__iexact=OuterRef("medicine_name"))
        .order_by("-given_at")
        .values("given_at")[:1]
    )
    qs = (
        MedicinePermission.objects.filter(child=child, archived_at__isnull=True)
        .select_related("given_by")
        .annotate(last_given_at=Subquery(last))
        .order_by("-signed_at")
    )
    if not include_ended:
        qs = qs.filter(withdrawn_at__isnull=True, end_date__gte=child.setting.today())
    return qs


def active_permissions_for_child(*, child: Child) -> list[MedicinePermission]:
    """Permissions under which a dose may be given today."""
    today = child.setting.today()
    return [p for p in permissions_for_child(child=child, include_ended=False) if p.start_date <= today]


def administrations_for_child(*, child: Child) -> QuerySet[MedicineAdministration]:
    """Every dose given to CHILD, newest first, with who gave, witnessed and acknowledged it."""
    return (
        MedicineAdministration.objects.filter(child=child, archived_at__isnull=True)
        .select_related("permission", "given_by__user", "witnessed_by__user", "acknowledged_by")
        .order_by("-given_at")
    )


def permission_for_staff(*, user, setting: Setting, child: Child, permission_id) -> MedicinePermission | None:
    """One of CHILD's permissions, or None (an id of another child is treated as no permission)."""
    try:
        UUID(str(permission_id))
    except ValueError:
        return None
    return MedicinePermission.objects.filter(setting=setting, child=child, pk=permission_id).first()


def unacknowledged_for_staff(*, user, setting: Setting) -> QuerySet[MedicineAdministration]:
    """Every dose in SETTING no guardian has acknowledged yet, oldest first (for managers: the
    caller checks can_oversee_care). One query."""
    return (
        MedicineAdministration.objects.filter(
            setting=setting,
            child__in=rules.children_visible_to(user, setting=setting),
            acknowledged_at__isnull=True,
            archived_at__isnull=True,
        )
        .select_related("child__room", "permission", "given_by__user")
        .order_by("given_at")
    )


def children_with_medicines_today(*, user, setting: Setting) -> QuerySet[MedicinePermission]:
    """Permissions in force today across SETTING, with their child and room (one query)."""
    today = setting.today()
    return (
        MedicinePermission.objects.filter(
            setting=setting,
            child__in=rules.children_visible_to(user, setting=setting),
            withdrawn_at__isnull=True,
            archived_at__isnull=True,
            start_date__lte=today,
            end_date__gte=today,
        )
        .select_related("child__room")
        .order_by("child__first_name", "child__last_name", "medicine_name")
    )


def staff_choices(*, user, setting: Setting) -> QuerySet:
    """Active members of staff who may give or witness a medicine."""
    return rules.staff_visible_to(user, setting=setting).filter(is_active=True).select_related("user")


# --- families -------------------------------------------------------------------------------------


def guardian_for_child(*, child: Child, user) -> Guardian:
    """USER's guardian record for CHILD (fetched through access); 404 if they are not one."""
    guardian = Guardian.objects.filter(child_links__child=child, user=user).first()
    if guardian is None:
        raise Http404
    return guardian


def administration_for_guardian(*, user, administration_id) -> MedicineAdministration:
    """A dose given to one of USER's own children; 404 for anyone else's."""
    pk = uuid_or_404(administration_id)
    administration = (
        MedicineAdministration.objects.filter(pk=pk, child_id__in=rules.guardian_child_ids(user))
        .select_related("child", "permission", "given_by__user", "setting", "acknowledged_by")
        .first()
    )
    if administration is None:
        raise Http404
    return administration


def permission_for_guardian(*, user, permission_id) -> MedicinePermission:
    """A permission for one of USER's own children; 404 for anyone else's."""
    pk = uuid_or_404(permission_id)
    permission = (
        MedicinePermission.objects.filter(pk=pk, child_id__in=rules.guardian_child_ids(user))
        .select_related("child", "setting")
        .first()
    )
    if permission is None:
        raise Http404
    return permission


def local_time(setting: Setting, moment):
    return moment.astimezone(zoneinfo.ZoneInfo(setting.timezone)) if moment else None
