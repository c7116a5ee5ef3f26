"""Reads of accident and incident records, always starting from tandem.access: staff see the
records of children they may see in their setting; a guardian sees only their own children's.
Another setting or another family gets 404, like a record that does not exist."""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from tandem.access import rules
from tandem.access.permissions import StaffPermissions
from tandem.core.audit import audit_log
from tandem.core.models import Child, Setting
from tandem.incidents.models import Incident


def can_oversee(perms: StaffPermissions) -> bool:
    """Managers and safeguarding leads (can_oversee_care) see the setting's
    list of records waiting for the family or for Ofsted, and mark Ofsted as told."""
    return perms.can_oversee_care


def require_oversight(perms: StaffPermissions) -> None:
    if not can_oversee(perms):
        raise PermissionDenied


def may_edit(*, user, perms: StaffPermissions, incident: Incident) -> bool:
    """The person who recorded it may correct it, and so may those who oversee records."""
    return incident.recorded_by_id == user.pk or can_oversee(perms)


def _valid_id(value) -> None:
    try:
        UUID(str(value))
    except ValueError as exc:
        raise Http404 from exc


def _with_people(qs: QuerySet[Incident]) -> QuerySet[Incident]:
    return qs.select_related("child", "recorded_by", "acknowledged_by", "reported_by_guardian")


def incidents_for_child(*, child: Child) -> QuerySet[Incident]:
    """A child's records, newest first (the child was fetched through access). Two queries
    whatever the number of records: the records with their people, and nothing else."""
    return _with_people(Incident.objects.filter(child=child)).order_by("-occurred_at", "-created_at")


def incident_for_staff(*, user, setting: Setting, incident_id) -> Incident:
    """A record in SETTING of a child USER may see; 404 otherwise. The read is logged."""
    _valid_id(incident_id)
    visible = rules.children_visible_to(user, setting=setting).values("id")
    incident = (
        _with_people(Incident.objects.filter(setting=setting, child_id__in=visible, pk=incident_id))
        .select_related("child__room", "notified_by", "setting")
        .prefetch_related("witnesses__user")
        .first()
    )
    if incident is None:
        raise Http404
    audit_log("incidents.incident.viewed", actor=user, obj=incident, setting=setting, child=incident.child)
    return incident


def incident_for_guardian(*, user, incident_id) -> Incident:
    """A record about one of USER's own children; 404 for anyone else (staff included: they
    use their own pages)."""
    _valid_id(incident_id)
    incident = (
        _with_people(Incident.objects.filter(child_id__in=rules.guardian_child_ids(user), pk=incident_id))
        .select_related("setting", "child__setting")
        .prefetch_related("child__guardian_links__guardian", "witnesses__user")
        .first()
    )
    if incident is None:
        raise Http404
    return incident


def incidents_awaiting_family(*, setting: Setting) -> QuerySet[Incident]:
    """Records not yet acknowledged by the family, oldest first (the caller may oversee)."""
    return _with_people(Incident.objects.filter(setting=setting, acknowledged_at__isnull=True)).order_by("occurred_at")


def incidents_awaiting_ofsted(*, setting: Setting) -> QuerySet[Incident]:
    """Notifiable records Ofsted has not yet been told about, nearest deadline first."""
    return _with_people(Incident.objects.filter(setting=setting, notifiable=True, notified_on__isnull=True)).order_by(
        "occurred_at"
    )


def incidents_recently_notified(*, setting: Setting, limit: int = 20) -> QuerySet[Incident]:
    return _with_people(
        Incident.objects.filter(Q(setting=setting), notifiable=True, notified_on__isnull=False)
    ).order_by("-notified_on")[:limit]
