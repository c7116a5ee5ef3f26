"""The verbs of concerns and complaints. Every write from a page, the API or a task comes here.

The caller has already checked who may do this (tandem.access: can_handle_concerns for staff,
the family's own guardian record for families); services check the rules of the data and
raise ConcernError (a ValidationError) with a translated message, changing nothing.

Anonymous feedback keeps no trace of who wrote it: no guardian, no child, no recording user,
no actor in the audit log, no notice."""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.concerns.models import (
    MANUAL_STEPS,
    Concern,
    ConcernChannel,
    ConcernKind,
    ConcernStatus,
    ConcernStep,
    StepKind,
)
from tandem.core.audit import audit_log, keep_version
from tandem.core.models import Child, ChildGuardian, Guardian, StaffMember
from tandem.notify.services import notify_guardians, notify_staff
from tandem.translations.services import translation_request

MAX_TEXT = 5000


class ConcernError(ValidationError):
    """A rule about concerns was broken; the message says why, in the person's language."""


def _local_date(setting, moment: dt.datetime) -> dt.date:
    return moment.astimezone(zoneinfo.ZoneInfo(setting.timezone)).date()


def _clean_text(value: str, field: str, *, required: bool, message: str = "") -> str:
    value = (value or "").strip()
    if required and not value:
        raise ConcernError({field: message or _("Write something here.")})
    if len(value) > MAX_TEXT:
        raise ConcernError({field: _("Keep this under %(max)s characters.") % {"max": MAX_TEXT}})
    return value


def _next_reference(setting, year: int) -> str:
    prefix = f"C-{year}-"
    last = (
        Concern.objects.select_for_update(of=("self",))
        .filter(setting=setting, reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


def _step(concern: Concern, kind: str, *, by, text: str = "", at=None) -> ConcernStep:
    step = ConcernStep(setting=concern.setting, concern=concern, kind=kind, text=text, at=at or timezone.now(), by=by)
    step.full_clean()
    step.save()
    return step


def _guardian_language(guardian: Guardian | None) -> str:
    prefs = getattr(guardian, "preferences", None) if guardian is not None else None
    if prefs is not None and prefs.language:
        return prefs.language
    user = getattr(guardian, "user", None)
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


def _family_url(concern: Concern) -> str:
    return reverse("concerns_family:detail", args=[concern.pk])


def _handlers(setting) -> list[StaffMember]:
    """Active staff who handle concerns (can_handle_concerns): owners, managers, the DSL."""
    from tandem.access.permissions import StaffPermissions

    return [
        member
        for member in StaffMember.objects.filter(setting=setting, is_active=True).select_related("user")
        if StaffPermissions.for_roles(member.roles).can_handle_concerns
    ]


def _save(concern: Concern, *fields: str) -> None:
    concern.updated_at = timezone.now()
    concern.full_clean()
    concern.save(update_fields=[*fields, "updated_at"])


# --- raising --------------------------------------------------------------------------------------


@transaction.atomic
def concern_raise(
    *,
    setting,
    by,
    kind: str,
    about: str,
    desired_outcome: str = "",
    guardian: Guardian | None = None,
    child: Child | None = None,
    anonymous: bool = False,
    channel: str = ConcernChannel.ONLINE,
    language: str = "",
    complainant_name: str = "",
    received_at: dt.datetime | None = None,
) -> Concern:
    """A concern, complaint or feedback is received, and acknowledged at once (a notice to the
    family with its reference). BY is the family's user (online) or the member of staff who
    writes down one received on paper, by phone or in person (CHANNEL)."""
    if kind not in ConcernKind.values:
        raise ConcernError({"kind": _("Choose what kind of message this is.")})
    if channel not in ConcernChannel.values:
        raise ConcernError({"channel": _("Choose how it came to the setting.")})
    about = _clean_text(
        about,
        "about",
        required=True,
        message=_("Tell us what it is about. Nothing has been sent yet."),
    )
    desired_outcome = _clean_text(desired_outcome, "desired_outcome", required=False)
    if anonymous:
        if kind != ConcernKind.FEEDBACK:
            raise ConcernError(
                {"anonymous": _("Only general feedback can be anonymous: we need to know who to answer.")}
            )
        guardian, child, complainant_name = None, None, ""
    if guardian is not None and guardian.setting_id != setting.pk:
        raise ConcernError({"guardian": _("Choose a parent or carer of this setting.")})
    if child is not None:
        if child.setting_id != setting.pk:
            raise ConcernError({"child": _("Choose a child of this setting.")})
        if guardian is not None and not ChildGuardian.objects.filter(child=child, guardian=guardian).exists():
            raise ConcernError({"child": _("Choose one of your own children.")})
    if guardian is None and not anonymous and not complainant_name.strip():
        raise ConcernError({"complainant_name": _("Say who raised it, or choose a parent or carer.")})
    received_at = received_at or timezone.now()
    if received_at > timezone.now() + dt.timedelta(minutes=2):
        raise ConcernError({"received_on": _("The date received cannot be in the future.")})
    received_on = _local_date(setting, received_at)
    actor = None if anonymous else by
    concern = Concern(
        setting=setting,
        reference=_next_reference(setting, received_on.year),
        kind=kind,
        channel=channel,
        raised_by=guardian,
        anonymous=anonymous,
        complainant_name=" ".join(complainant_name.split()),
        child=child,
        about=about,
        desired_outcome=desired_outcome,
        language=language or settings.LANGUAGE_CODE,
        received_at=received_at,
        received_on=received_on,
        recorded_by=actor,
    )
    concern.full_clean()
    concern.save()
    _step(concern, StepKind.RECEIVED, by=actor, text=concern.get_channel_display(), at=received_at)
    audit_log(
        "concerns.concern.received",
        actor=actor,
        obj=concern,
        setting=setting,
        child=child,
        data={"kind": kind, "channel": channel},
    )
    # Staff read it in the setting's language; the translation queue does the rest.
    for field, text in (("about", about), ("desired_outcome", desired_outcome)):
        if text:
            translation_request(
                setting=setting,
                source=concern,
                field=field,
                text=text,
                source_language=concern.language,
                languages={settings.LANGUAGE_CODE},
            )
    _acknowledge(concern)
    handlers = _handlers(setting)
    if handlers:
        notify_staff(
            setting=setting,
            staff=handlers,
            kind="concerns.received",
            template="concerns/notices/received",
            context={"reference": concern.reference, "kind": concern.kind},
            url=reverse("concerns:detail", args=[setting.slug, concern.pk]),
            source=concern,
            child=child,
        )
    return concern


def _acknowledge(concern: Concern) -> None:
    """Acknowledged automatically the moment it is received: the family gets the reference."""
    concern.status = ConcernStatus.ACKNOWLEDGED
    concern.acknowledged_at = timezone.now()
    _save(concern, "status", "acknowledged_at")
    _step(concern, StepKind.ACKNOWLEDGED, by=None)
    if concern.raised_by is not None:
        notify_guardians(
            setting=concern.setting,
            guardians=[concern.raised_by],
            kind="concerns.acknowledged",
            template="concerns/notices/acknowledged",
            context={
                "reference": concern.reference,
                "kind": concern.kind,
                "due_on": concern.due_on.isoformat(),
                "has_deadline": concern.has_deadline,
            },
            url=_family_url(concern),
            source=concern,
            child=concern.child,
        )


# --- staff ----------------------------------------------------------------------------------------


def _require_open(concern: Concern) -> None:
    if not concern.is_open:
        raise ConcernError(_("This concern already has its outcome. Nothing was changed."))


@transaction.atomic
def concern_assign(*, concern: Concern, staff: StaffMember, by) -> Concern:
    """Give the concern to a member of staff who handles concerns, to look into."""
    concern = Concern.objects.select_for_update(of=("self",)).get(pk=concern.pk)
    _require_open(concern)
    if staff is None or staff.setting_id != concern.setting_id or not staff.is_active:
        raise ConcernError({"assigned_to": _("Choose a member of staff of this setting.")})
    if staff.pk not in {m.pk for m in _handlers(concern.setting)}:
        raise ConcernError({"assigned_to": _("Choose someone who handles concerns (a manager or the DSL).")})
    keep_version(concern, setting=concern.setting, by=by)
    concern.assigned_to = staff
    if concern.status in (ConcernStatus.RECEIVED, ConcernStatus.ACKNOWLEDGED):
        concern.status = ConcernStatus.ASSIGNED
    _save(concern, "assigned_to", "status")
    _step(concern, StepKind.ASSIGNED, by=by, text=staff.user.display_name)
    audit_log("concerns.concern.assigned", actor=by, obj=concern, setting=concern.setting, data={"to": str(staff.pk)})
    notify_staff(
        setting=concern.setting,
        staff=[staff],
        kind="concerns.assigned",
        template="concerns/notices/assigned",
        context={"reference": concern.reference, "due_on": concern.due_on.isoformat()},
        url=reverse("concerns:detail", args=[concern.setting.slug, concern.pk]),
        source=concern,
        sent_by=by,
    )
    return concern


@transaction.atomic
def concern_add_step(*, concern: Concern, kind: str, text: str, by) -> ConcernStep:
    """A note, a contact with the family or a piece of evidence on the timeline."""
    concern = Concern.objects.select_for_update(of=("self",)).get(pk=concern.pk)
    if kind not in MANUAL_STEPS:
        raise ConcernError({"kind": _("Choose a note, a contact or evidence.")})
    text = _clean_text(text, "text", required=True, message=_("Write what happened."))
    step = _step(concern, kind, by=by, text=text)
    if concern.status in (ConcernStatus.ACKNOWLEDGED, ConcernStatus.ASSIGNED, ConcernStatus.RECEIVED):
        concern.status = ConcernStatus.INVESTIGATING
        _save(concern, "status")
    audit_log("concerns.step.added", actor=by, obj=concern, setting=concern.setting, data={"kind": kind})
    return step


@transaction.atomic
def concern_update_record(
    *,
    concern: Concern,
    by,
    eyfs_related: bool,
    eyfs_requirement: str,
    nature: str,
    ofsted_involved: bool,
    ofsted_details: str,
) -> Concern:
    """The fields of the complaints record (EYFS requirement concerned, nature, Ofsted)."""
    concern = Concern.objects.select_for_update(of=("self",)).get(pk=concern.pk)
    if eyfs_related and not eyfs_requirement.strip():
        raise ConcernError({"eyfs_requirement": _("Say which EYFS requirement it is about.")})
    keep_version(concern, setting=concern.setting, by=by)
    was_ofsted = concern.ofsted_involved
    concern.eyfs_related = eyfs_related
    concern.eyfs_requirement = eyfs_requirement.strip()[:200]
    concern.nature = _clean_text(nature, "nature", required=False)
    concern.ofsted_involved = ofsted_involved
    concern.ofsted_details = _clean_text(ofsted_details, "ofsted_details", required=False)
    _save(concern, "eyfs_related", "eyfs_requirement", "nature", "ofsted_involved", "ofsted_details")
    if ofsted_involved and not was_ofsted:
        _step(concern, StepKind.OFSTED, by=by, text=concern.ofsted_details)
    audit_log(
        "concerns.record.updated",
        actor=by,
        obj=concern,
        setting=concern.setting,
        data={"eyfs_related": eyfs_related, "ofsted_involved": ofsted_involved},
    )
    return concern


@transaction.atomic
def concern_record_outcome(*, concern: Concern, outcome: str, actions: str = "", by, language: str = "") -> Concern:
    """Record the outcome and send it to the family (in their language once translated)."""
    concern = Concern.objects.select_for_update(of=("self",)).get(pk=concern.pk)
    _require_open(concern)
    outcome = _clean_text(outcome, "outcome", required=True, message=_("Write the outcome to send to the family."))
    keep_version(concern, setting=concern.setting, by=by)
    now = timezone.now()
    concern.outcome = outcome
    concern.actions = _clean_text(actions, "actions", required=False)
    concern.outcome_language = language or settings.LANGUAGE_CODE
    concern.outcome_sent_at = now
    concern.outcome_sent_on = _local_date(concern.setting, now)
    concern.status = ConcernStatus.OUTCOME_SENT
    _save(concern, "outcome", "actions", "outcome_language", "outcome_sent_at", "outcome_sent_on", "status")
    _step(concern, StepKind.OUTCOME, by=by, text=outcome)
    audit_log(
        "concerns.outcome.sent",
        actor=by,
        obj=concern,
        setting=concern.setting,
        data={"days_taken": concern.days_taken},
    )
    if concern.raised_by is not None:
        translation_request(
            setting=concern.setting,
            source=concern,
            field="outcome",
            text=outcome,
            source_language=concern.outcome_language,
            languages={_guardian_language(concern.raised_by)},
        )
        notify_guardians(
            setting=concern.setting,
            guardians=[concern.raised_by],
            kind="concerns.outcome",
            template="concerns/notices/outcome",
            context={"reference": concern.reference},
            url=_family_url(concern),
            source=concern,
            child=concern.child,
            sent_by=by,
        )
    return concern


@transaction.atomic
def concern_offer_informal(*, concern: Concern, summary: str, by, language: str = "") -> Concern:
    """Staff say how it was sorted out informally; the family (only they) confirm they are happy."""
    concern = Concern.objects.select_for_update(of=("self",)).get(pk=concern.pk)
    _require_open(concern)
    if concern.raised_by is None:
        raise ConcernError(_("There is no family to confirm this: record the outcome instead."))
    summary = _clean_text(summary, "informal_summary", required=True, message=_("Say how it was resolved."))
    keep_version(concern, setting=concern.setting, by=by)
    concern.informal_summary = summary
    concern.status = ConcernStatus.AWAITING_FAMILY
    _save(concern, "informal_summary", "status")
    _step(concern, StepKind.INFORMAL, by=by, text=summary)
    audit_log("concerns.informal.offered", actor=by, obj=concern, setting=concern.setting)
    translation_request(
        setting=concern.setting,
        source=concern,
        field="informal_summary",
        text=summary,
        source_language=language or settings.LANGUAGE_CODE,
        languages={_guardian_language(concern.raised_by)},
    )
    notify_guardians(
        setting=concern.setting,
        guardians=[concern.raised_by],
        kind="concerns.informal",
        template="concerns/notices/informal",
        context={"reference": concern.reference},
        url=_family_url(concern),
        source=concern,
        child=concern.child,
        sent_by=by,
    )
    return concern


@transaction.atomic
def concern_family_respond(*, concern: Concern, guardian: Guardian, by, happy: bool, comment: str = "") -> Concern:
    """The family who raised it say whether they are happy with the informal resolution. Only
    the guardian who raised it, signed in as themselves, can: staff cannot confirm for them."""
    concern = Concern.objects.select_for_update(of=("self",)).get(pk=concern.pk)
    if (
        concern.raised_by_id is None
        or guardian is None
        or guardian.pk != concern.raised_by_id
        or guardian.user_id is None
        or getattr(by, "pk", None) != guardian.user_id
    ):
        raise ConcernError(_("Only the parent or carer who raised this can confirm it is resolved."))
    if concern.status != ConcernStatus.AWAITING_FAMILY:
        raise ConcernError(_("There is nothing to confirm on this concern at the moment."))
    comment = _clean_text(comment, "comment", required=False)
    keep_version(concern, setting=concern.setting, by=by)
    if happy:
        concern.status = ConcernStatus.RESOLVED_INFORMALLY
        concern.family_confirmed_at = timezone.now()
        concern.family_confirmed_by = guardian
        _save(concern, "status", "family_confirmed_at", "family_confirmed_by")
        _step(concern, StepKind.FAMILY_CONFIRMED, by=by, text=comment)
    else:
        concern.status = ConcernStatus.INVESTIGATING
        _save(concern, "status")
        _step(concern, StepKind.FAMILY_NOT_HAPPY, by=by, text=comment)
    audit_log("concerns.family.responded", actor=by, obj=concern, setting=concern.setting, data={"happy": happy})
    if concern.assigned_to_id:
        notify_staff(
            setting=concern.setting,
            staff=[concern.assigned_to],
            kind="concerns.family_responded",
            template="concerns/notices/family_responded",
            context={"reference": concern.reference, "happy": happy},
            url=reverse("concerns:detail", args=[concern.setting.slug, concern.pk]),
            source=concern,
        )
    return concern


@transaction.atomic
def concern_close(*, concern: Concern, by) -> Concern:
    """Close a concern once it has its outcome (or the family confirmed), or feedback read."""
    concern = Concern.objects.select_for_update(of=("self",)).get(pk=concern.pk)
    if concern.status == ConcernStatus.CLOSED:
        raise ConcernError(_("This concern is already closed."))
    if concern.is_open and concern.kind != ConcernKind.FEEDBACK:
        raise ConcernError(_("Record the outcome, or have the family confirm it is resolved, before closing."))
    keep_version(concern, setting=concern.setting, by=by)
    concern.status = ConcernStatus.CLOSED
    concern.closed_at = timezone.now()
    _save(concern, "status", "closed_at")
    _step(concern, StepKind.CLOSED, by=by)
    audit_log("concerns.concern.closed", actor=by, obj=concern, setting=concern.setting)
    return concern


# --- the 28-day clock -----------------------------------------------------------------------------


@transaction.atomic
def concerns_warn_deadlines(*, setting) -> int:
    """Tell the person looking into each open concern (or, if nobody is, the handlers) once when
    it becomes at risk (more than 21 days) and once when it becomes overdue (more than 28).
    Returns how many warnings were sent; running it again sends none."""
    from tandem.concerns.models import AT_RISK_AFTER_DAYS, DEADLINE_DAYS, OPEN_STATUSES

    today = setting.today()
    open_concerns = (
        Concern.objects.select_for_update(of=("self",))
        .filter(setting=setting, status__in=OPEN_STATUSES)
        .exclude(kind=ConcernKind.FEEDBACK)
        .select_related("assigned_to__user")
    )
    due = [
        ("overdue", c)
        for c in open_concerns.filter(
            overdue_warned_at__isnull=True, received_on__lt=today - dt.timedelta(days=DEADLINE_DAYS)
        )
    ]
    overdue_ids = {c.pk for _kind, c in due}
    due += [
        ("at_risk", c)
        for c in open_concerns.filter(
            at_risk_warned_at__isnull=True, received_on__lt=today - dt.timedelta(days=AT_RISK_AFTER_DAYS)
        )
        if c.pk not in overdue_ids
    ]
    handlers = None
    now = timezone.now()
    for kind, concern in due:
        if concern.assigned_to_id:
            people = [concern.assigned_to]
        else:
            handlers = handlers if handlers is not None else _handlers(setting)
            people = handlers
        notify_staff(
            setting=setting,
            staff=people,
            kind=f"concerns.{kind}",
            template=f"concerns/notices/{kind}",
            context={
                "reference": concern.reference,
                "due_on": concern.due_on.isoformat(),
                "days": (today - concern.received_on).days,
            },
            url=reverse("concerns:detail", args=[setting.slug, concern.pk]),
            source=concern,
        )
        field = "overdue_warned_at" if kind == "overdue" else "at_risk_warned_at"
        updates = {field: now}
        if kind == "overdue":
            updates["at_risk_warned_at"] = concern.at_risk_warned_at or now
        Concern.objects.filter(pk=concern.pk).update(**updates)
    return len(due)
