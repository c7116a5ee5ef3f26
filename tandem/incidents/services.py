"""The verbs of accidents, incidents and existing injuries. Pages, the API, tasks and the demo's
tests all write through these functions.

Rules enforced here (EYFS 3.51–3.52, DOMAIN.md §2.6): a record says what happened, when (never
in the future) and the first aid given; marks on the body map stay inside the outline; the
family is told the same day (an e-mail task per guardian, in their language) and acknowledges
once with a typed signature; a notifiable event shows its 14-day deadline until it is marked
as notified with the date and Ofsted's reference. Every change keeps the earlier state
(keep_version) and writes the audit log with field NAMES only: the text of a record about a
child's injury never goes in the log. The caller has already checked permission through
tandem.access and tandem.incidents.selectors."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tandem.core.audit import audit_log, keep_version
from tandem.core.models import Child, ChildGuardian, Guardian, StaffMember
from tandem.incidents.bodymap import clean_marks
from tandem.incidents.models import Incident, IncidentNotice

# A phone's clock can be a little ahead of the server's: this much "future" is accepted.
CLOCK_SKEW = dt.timedelta(minutes=5)

EDITABLE_FIELDS = (
    "occurred_at",
    "location",
    "description",
    "marks",
    "first_aid",
    "other_witnesses",
    "is_serious",
    "notifiable",
    "notifiable_reason",
)


class IncidentError(ValidationError):
    """A rule of accident and incident records was broken. The message is translated and says
    what to do; a dict message names the form field it belongs to."""


def _check(incident: Incident, witnesses: list[StaffMember]) -> None:
    """The rules of one record, all reported at once, before anything is saved."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if incident.occurred_at is None:
        add("occurred_at", _("Give the date and time."))
    else:
        if incident.occurred_at > timezone.now() + CLOCK_SKEW:
            add("occurred_at", _("The time cannot be in the future."))
        born = incident.child.date_of_birth
        if incident.occurred_at.date() < born - dt.timedelta(days=1):
            add("occurred_at", _("The time cannot be before the child was born."))
    incident.description = (incident.description or "").strip()
    if not incident.description:
        add("description", _("Describe what happened."))
    marks, mark_errors = clean_marks(incident.marks)
    for message in mark_errors:
        add("marks", message)
    incident.marks = marks
    if incident.notifiable and not incident.notifiable_reason:
        add("notifiable_reason", _("Say why this must be notified to Ofsted."))
    if not incident.notifiable:
        incident.notifiable_reason = ""
    if incident.notifiable and incident.is_existing_injury:
        add(
            "notifiable",
            _(
                "An injury the child arrived with did not happen in your care, so it is not notified to Ofsted "
                "as an accident. If you are worried about how it happened, follow your safeguarding procedure."
            ),
        )
    if any(w.setting_id != incident.setting_id for w in witnesses):
        add("witnesses", _("Choose witnesses from this setting's team."))
    if errors:
        raise IncidentError(errors)
    incident.location = (incident.location or "").strip()
    incident.first_aid = (incident.first_aid or "").strip()
    incident.other_witnesses = (incident.other_witnesses or "").strip()


def _email_family_on_commit(incident: Incident) -> None:
    from tandem.incidents.tasks import incident_email_guardians

    setting_id, incident_id = str(incident.setting_id), str(incident.pk)
    transaction.on_commit(lambda: incident_email_guardians.enqueue(setting_id, incident_id))


@transaction.atomic
def incident_record(
    *,
    child: Child,
    by: Any,
    kind: str,
    occurred_at: dt.datetime,
    description: str,
    location: str = "",
    marks: list[dict] | None = None,
    first_aid: str = "",
    witnesses: Iterable[StaffMember] = (),
    other_witnesses: str = "",
    is_serious: bool = False,
    notifiable: bool = False,
    notifiable_reason: str = "",
) -> Incident:
    """Record an accident or incident that happened in the setting's care (any member of staff
    who can see the child). The family is e-mailed once the record is saved."""
    if kind not in (Incident.Kind.ACCIDENT, Incident.Kind.INCIDENT):
        raise IncidentError({"kind": _("Choose accident or incident.")})
    witnesses = list(witnesses)
    incident = Incident(
        setting=child.setting,
        child=child,
        kind=kind,
        occurred_at=occurred_at,
        description=description,
        location=location,
        marks=marks or [],
        first_aid=first_aid,
        other_witnesses=other_witnesses,
        recorded_by=by,
        is_serious=is_serious,
        notifiable=notifiable,
        notifiable_reason=notifiable_reason,
    )
    _check(incident, witnesses)
    incident.full_clean()
    incident.save()
    incident.witnesses.set(witnesses)
    audit_log(
        f"incidents.{kind}.recorded",
        actor=by,
        obj=incident,
        setting=child.setting,
        child=child,
        data={"serious": is_serious, "notifiable": notifiable, "marks": len(incident.marks)},
    )
    _email_family_on_commit(incident)
    return incident


@transaction.atomic
def existing_injury_record(
    *,
    child: Child,
    by: Any,
    noticed_at: dt.datetime,
    description: str,
    marks: list[dict] | None = None,
    location: str = "",
    reported_by_guardian: Guardian | None = None,
    signature: str = "",
) -> Incident:
    """Record an injury a child arrived with, usually at drop-off. Staff record it (saying which
    parent or carer told them, if one did) and the family is e-mailed to acknowledge it; a
    guardian recording it themselves signs it as they send it (SIGNATURE), so it is
    acknowledged at once. REPORTED_BY_GUARDIAN must be a guardian of the child."""
    if reported_by_guardian is not None:
        is_theirs = ChildGuardian.objects.filter(child=child, guardian=reported_by_guardian).exists()
        if not is_theirs:
            raise IncidentError({"reported_by_guardian": _("Choose one of this child's parents or carers.")})
    by_family = reported_by_guardian is not None and reported_by_guardian.user_id == getattr(by, "pk", None)
    signature = (signature or "").strip()
    if by_family and not signature:
        raise IncidentError({"signature": _("Type your full name to sign.")})
    now = timezone.now()
    incident = Incident(
        setting=child.setting,
        child=child,
        kind=Incident.Kind.EXISTING_INJURY,
        occurred_at=noticed_at,
        description=description,
        location=location,
        marks=marks or [],
        recorded_by=by,
        reported_by_guardian=reported_by_guardian,
    )
    if by_family:
        incident.guardian_informed_at = now
        incident.guardian_informed_how = Incident.InformedHow.REPORTED_BY_FAMILY
        incident.acknowledged_at = now
        incident.acknowledged_by = reported_by_guardian
        incident.acknowledgement_signature = signature[:120]
        incident.status = Incident.Status.ACKNOWLEDGED
    _check(incident, [])
    incident.full_clean()
    incident.save()
    audit_log(
        "incidents.existing_injury.recorded",
        actor=by,
        obj=incident,
        setting=child.setting,
        child=child,
        data={"by_family": by_family, "marks": len(incident.marks)},
    )
    if not by_family:
        _email_family_on_commit(incident)
    return incident


def _keep_version(incident: Incident, *, by: Any) -> None:
    """keep_version with the witnesses too (a many-to-many the snapshot does not hold)."""
    version = keep_version(incident, setting=incident.setting, by=by)
    version.data["witness_ids"] = sorted(str(pk) for pk in incident.witnesses.values_list("pk", flat=True))
    version.save(update_fields=["data"])


@transaction.atomic
def incident_update(
    *, incident: Incident, by: Any, witnesses: Iterable[StaffMember] | None = None, **changes: Any
) -> Incident:
    """Correct or add to a record (its recorder, or a manager). The earlier state is always kept
    as a version. Once the family has been told, a change makes a new revision: the family is
    told again and asked to acknowledge what the record now says."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    original = Incident.objects.select_for_update().get(pk=incident.pk)
    old_witnesses = set(original.witnesses.values_list("pk", flat=True))
    new_witnesses = list(witnesses) if witnesses is not None else None
    for name, value in changes.items():
        setattr(incident, name, value)
    _check(incident, new_witnesses or [])
    incident.full_clean()
    # Compared as values, not as text: the same moment in two time zones is no change.
    changed = [name for name in EDITABLE_FIELDS if getattr(original, name) != getattr(incident, name)]
    if new_witnesses is not None and {w.pk for w in new_witnesses} != old_witnesses:
        changed.append("witnesses")
    if not changed:
        return incident
    _keep_version(original, by=by)
    told = original.guardian_informed_at is not None
    if told:
        incident.revision = original.revision + 1
        incident.status = Incident.Status.RECORDED
        incident.guardian_informed_at = None
        incident.guardian_informed_how = ""
        incident.acknowledged_at = None
        incident.acknowledged_by = None
        incident.acknowledgement_signature = ""
    incident.save()
    if new_witnesses is not None:
        incident.witnesses.set(new_witnesses)
    audit_log(
        "incidents.incident.updated",
        actor=by,
        obj=incident,
        setting=incident.setting,
        child=incident.child,
        data={"fields": sorted(changed), "revision": incident.revision},
    )
    if told:
        _email_family_on_commit(incident)
    return incident


@transaction.atomic
def incident_mark_informed(*, incident: Incident, by: Any, how: str) -> Incident:
    """Record that a member of staff told the family in person or by phone (when there is no
    e-mail, or as well as it)."""
    if how not in (Incident.InformedHow.IN_PERSON, Incident.InformedHow.PHONE):
        raise IncidentError({"how": _("Choose in person or by phone.")})
    if incident.guardian_informed_at is not None:
        return incident
    incident.guardian_informed_at = timezone.now()
    incident.guardian_informed_how = how
    if incident.status == Incident.Status.RECORDED:
        incident.status = Incident.Status.INFORMED
    incident.save(update_fields=["guardian_informed_at", "guardian_informed_how", "status", "updated_at"])
    audit_log(
        "incidents.incident.family_informed",
        actor=by,
        obj=incident,
        setting=incident.setting,
        child=incident.child,
        data={"how": how},
    )
    return incident


@transaction.atomic
def incident_mark_notified(*, incident: Incident, by: Any, notified_on: dt.date | None, reference: str) -> Incident:
    """Record that Ofsted was told about a notifiable event (managers): the date and Ofsted's
    reference. The 14-day deadline stops showing once this is done."""
    reference = (reference or "").strip()
    errors: dict[str, list[str]] = {}
    if not incident.notifiable:
        raise IncidentError(_("This record is not marked as notifiable to Ofsted."))
    if incident.notified_on is not None:
        raise IncidentError(
            _("Ofsted was already recorded as told on %(date)s.") % {"date": incident.notified_on.isoformat()}
        )
    if notified_on is None:
        errors["notified_on"] = [_("Give the date Ofsted was told.")]
    else:
        today = timezone.localdate()
        if notified_on > today:
            errors["notified_on"] = [_("The date cannot be in the future.")]
        elif notified_on < timezone.localtime(incident.occurred_at).date():
            errors["notified_on"] = [_("The date cannot be before it happened.")]
    if not reference:
        errors["reference"] = [_("Give Ofsted's reference, or how you told them if they gave none.")]
    elif len(reference) > 100:
        errors["reference"] = [_("Keep the reference to 100 characters.")]
    if errors:
        raise IncidentError(errors)
    _keep_version(incident, by=by)
    incident.notified_on = notified_on
    incident.notified_reference = reference
    incident.notified_by = by
    incident.full_clean()
    incident.save(update_fields=["notified_on", "notified_reference", "notified_by", "updated_at"])
    audit_log(
        "incidents.incident.notified",
        actor=by,
        obj=incident,
        setting=incident.setting,
        child=incident.child,
        data={"notified_on": notified_on.isoformat()},
    )
    return incident


@transaction.atomic
def incident_acknowledge(*, incident: Incident, guardian: Guardian, by: Any, signature: str) -> Incident:
    """A parent or carer of the child confirms they have read the record, once per revision,
    signing with their typed name."""
    if not ChildGuardian.objects.filter(child_id=incident.child_id, guardian=guardian).exists():
        raise IncidentError(_("Only a parent or carer of this child can acknowledge this record."))
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.acknowledged_at is not None:
        raise IncidentError(_("This record has already been acknowledged. Thank you."))
    signature = (signature or "").strip()
    if not signature:
        raise IncidentError({"signature": _("Type your full name to sign.")})
    if len(signature) > 120:
        raise IncidentError({"signature": _("Keep your signature to 120 characters.")})
    now = timezone.now()
    if incident.guardian_informed_at is None:
        incident.guardian_informed_at = now
        incident.guardian_informed_how = Incident.InformedHow.APP
    incident.acknowledged_at = now
    incident.acknowledged_by = guardian
    incident.acknowledgement_signature = signature
    incident.status = Incident.Status.ACKNOWLEDGED
    incident.full_clean()
    incident.save()
    audit_log(
        "incidents.incident.acknowledged",
        actor=by,
        obj=incident,
        setting=incident.setting,
        child=incident.child,
        data={"guardian": str(guardian.pk), "revision": incident.revision},
    )
    return incident


def family_url(incident: Incident) -> str:
    return f"{settings.SITE_URL}{reverse('incidents_family:detail', args=[incident.pk])}"


def incident_guardians_email(*, incident_id: str) -> int:
    """E-mail each parent or carer of the child (with parental responsibility and an e-mail
    address) about the record's current revision, in their own language, with a link to read
    and acknowledge it. Called by the task inside the setting's scope. Safe to run twice: one
    IncidentNotice per guardian and revision, made in the same transaction as the sending.
    Returns how many e-mails went out."""
    incident = Incident.objects.select_related("child", "setting").filter(pk=incident_id).first()
    if incident is None or incident.acknowledged_at is not None:
        return 0
    links = (
        ChildGuardian.objects.filter(child_id=incident.child_id, parental_responsibility=True)
        .exclude(guardian__email="")
        .select_related("guardian__preferences")
        .order_by("guardian__first_name")
    )
    sent = 0
    for link in links:
        guardian = link.guardian
        prefs = getattr(guardian, "preferences", None)
        language = prefs.language if prefs is not None else settings.LANGUAGE_CODE
        with transaction.atomic():
            _notice, created = IncidentNotice.objects.get_or_create(
                incident=incident,
                guardian=guardian,
                revision=incident.revision,
                defaults={"setting": incident.setting, "language": language},
            )
            if not created:
                continue
            with translation.override(language):
                context = {
                    "guardian": guardian,
                    "incident": incident,
                    "child": incident.child,
                    "setting": incident.setting,
                    "url": family_url(incident),
                    "updated": incident.revision > 1,
                }
                subject = _("%(setting)s: a record about %(child)s to read today") % {
                    "setting": incident.setting.name,
                    "child": incident.child.known_as,
                }
                body = render_to_string("incidents/email/family_informed.txt", context)
            # Inside the transaction: if the mail server refuses, the notice rolls back and the
            # task's retry sends it.
            send_mail(
                f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body, settings.DEFAULT_FROM_EMAIL, [guardian.email]
            )
            sent += 1
    if sent:
        with transaction.atomic():
            fresh = Incident.objects.select_for_update().get(pk=incident.pk)
            if fresh.guardian_informed_at is None:
                fresh.guardian_informed_at = timezone.now()
                fresh.guardian_informed_how = Incident.InformedHow.EMAIL
                if fresh.status == Incident.Status.RECORDED:
                    fresh.status = Incident.Status.INFORMED
                fresh.save(update_fields=["guardian_informed_at", "guardian_informed_how", "status", "updated_at"])
            audit_log(
                "incidents.incident.family_emailed",
                actor=None,
                obj=fresh,
                setting=fresh.setting,
                child=fresh.child,
                data={"emails": sent, "revision": fresh.revision},
            )
    return sent
