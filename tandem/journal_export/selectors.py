"""Reads of journals to keep, starting from tandem.access. An export belongs to the side that
asked for it: staff exports are seen by the child's key person and managers of the setting,
family exports by the child's guardians. Anyone else gets 404 (another setting, another family)
or 403 (the right setting, without the right to make journals)."""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from tandem.access import rules
from tandem.core.models import Child, Setting

from .models import JournalExport


def may_make_staff_exports(*, membership, perms) -> bool:
    """A child's key person (or back-up) and managers (can_manage_staff) may make a child's journal."""
    return perms.is_key_person or membership.perms.can_manage_staff


def child_for_staff_export(*, user, membership, child_id) -> Child:
    """The child, if USER may make their journal: 404 if USER may not see the child, 403 without the right."""
    child, perms = rules.child_for_user(user, child_id=child_id, setting=membership.setting)
    if not may_make_staff_exports(membership=membership, perms=perms):
        raise PermissionDenied
    return child


def child_for_family_export(*, user, child_id) -> Child:
    """USER's own child; 404 for anyone who is not their guardian (staff use their own pages)."""
    child, perms = rules.child_for_user(user, child_id=child_id)
    if not perms.is_guardian:
        raise Http404
    return child


def export_list_for_child(*, child: Child, side: str) -> QuerySet[JournalExport]:
    return JournalExport.objects.filter(child=child, side=side).select_related("child").order_by("-created_at")


def _valid(export_id) -> None:
    try:
        UUID(str(export_id))
    except ValueError as exc:
        raise Http404 from exc


def export_for_staff(*, user, membership, export_id) -> JournalExport:
    """A staff export of SETTING for a child USER may see (404 otherwise), if USER may make journals (403)."""
    _valid(export_id)
    setting: Setting = membership.setting
    visible = rules.children_visible_to(user, setting=setting).values("id")
    export = (
        JournalExport.objects.filter(setting=setting, pk=export_id, side=JournalExport.Side.STAFF, child_id__in=visible)
        .select_related("child", "setting")
        .first()
    )
    if export is None:
        raise Http404
    child_for_staff_export(user=user, membership=membership, child_id=export.child_id)
    return export


def export_for_family(*, user, export_id) -> JournalExport:
    """A family export of one of USER's children; 404 otherwise."""
    _valid(export_id)
    export = (
        JournalExport.objects.filter(
            pk=export_id, side=JournalExport.Side.FAMILY, child_id__in=rules.guardian_child_ids(user)
        )
        .select_related("child", "setting")
        .first()
    )
    if export is None:
        raise Http404
    return export
