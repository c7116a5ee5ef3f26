"""The verbs of medicines. Every write from a page, the API or a task comes through here.

Rules (EYFS safeguarding and welfare requirements, "Medicines"): medicine is given only with a
parent's prior written permission for that medicine; a written record is kept of each dose;
the parent is told the same day, or as soon as reasonably practicable. A dose outside the
permission is refused with a reason the member of staff can act on, and nothing is saved.

The caller has already checked who may do this through tandem.access; services check the
rules of the data and raise MedicineError (a Django ValidationError) with a translated message."""

import datetime as dt
import zoneinfo
from decimal import Decimal
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
from tandem.medicines.models import MAX_DOSE, MedicineAdministration, MedicinePermission

# A clock a minute fast on a tablet must not turn a dose given now into "the future".
FUTURE_TOLERANCE = dt.timedelta(minutes=2)


class MedicineError(ValidationError):
    """A rule about medicines was broken; the message says why, in the person's language."""


def _local(setting, moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(zoneinfo.ZoneInfo(setting.timezone))


def _check_signature(signature: str, field: str = "signature") -> str:
    """A typed signature: the person's full name, at least two letters."""
    signature = " ".join((signature or "").split())
    if len(signature) < 2:
        raise MedicineError({field: _("Type your full name to sign.")})
    return signature


def _parse_times(times: list[str] | str) -> list[str]:
    if isinstance(times, str):
        times = [t for t in times.replace(";", ",").split(",")]
    result = []
    for raw in times:
        raw = str(raw).strip()
        if not raw:
            continue
        try:
            parsed = dt.datetime.strptime(raw.replace(".", ":"), "%H:%M").time()
        except ValueError:
            raise MedicineError({"times": _("Write times like 12:00, 15:30.")}) from None
        result.append(parsed.strftime("%H:%M"))
    return sorted(set(result))


# --- permissions ----------------------------------------------------------------------------------


@transaction.atomic
def permission_give(
    *,
    child: Child,
    guardian: Guardian,
    by: Any,
    medicine_name: str,
    dose_amount: Decimal,
    dose_unit: str,
    route: str,
    start_date: dt.date,
    end_date: dt.date,
    reason: str,
    signature: str,
    times: list[str] | str = (),
    conditions: str = "",
    min_hours_between: Decimal | None = None,
    max_doses_per_day: int | None = None,
    prescribed: bool = False,
) -> MedicinePermission:
    """A guardian with parental responsibility for CHILD gives written permission for one
    medicine, signed with their typed name. It cannot start before today (permission comes
    before the medicine, never after)."""
    if (
        guardian.setting_id != child.setting_id
        or not ChildGuardian.objects.filter(child=child, guardian=guardian, parental_responsibility=True).exists()
    ):
        raise MedicineError(
            {"signature": _("Only a parent or carer with parental responsibility for this child can give permission.")}
        )
    signature = _check_signature(signature)
    today = child.setting.today()
    if start_date and start_date < today:
        raise MedicineError({"start_date": _("Permission cannot start before today.")})
    permission = MedicinePermission(
        setting=child.setting,
        child=child,
        given_by=guardian,
        medicine_name=" ".join(medicine_name.split()),
        dose_amount=dose_amount,
        dose_unit=dose_unit,
        route=route,
        times=_parse_times(times),
        conditions=conditions.strip(),
        min_hours_between=min_hours_between,
        max_doses_per_day=max_doses_per_day,
        start_date=start_date,
        end_date=end_date,
        reason=reason.strip(),
        prescribed=prescribed,
        signature=signature,
        signed_at=timezone.now(),
        recorded_by=by,
    )
    permission.full_clean()
    permission.save()
    audit_log(
        "medicines.permission.given",
        actor=by,
        obj=permission,
        setting=child.setting,
        child=child,
        data={"given_by": str(guardian.pk), "prescribed": prescribed},
    )
    return permission


@transaction.atomic
def permission_withdraw(*, permission: MedicinePermission, by: Any) -> MedicinePermission:
    """Withdraw a permission (the child's guardian, or staff told by them). It stays on record;
    no dose can be given under it from now on."""
    permission = MedicinePermission.objects.select_for_update().get(pk=permission.pk)
    if permission.withdrawn_at is not None:
        raise MedicineError(_("This permission has already been withdrawn."))
    keep_version(permission, setting=permission.setting, by=by)
    permission.withdrawn_at = timezone.now()
    permission.withdrawn_by = by if getattr(by, "is_authenticated", False) else None
    permission.save(update_fields=["withdrawn_at", "withdrawn_by"])
    audit_log(
        "medicines.permission.withdrawn", actor=by, obj=permission, setting=permission.setting, child=permission.child
    )
    return permission


# --- doses ----------------------------------------------------------------------------------------


def _same_medicine(child: Child, permission: MedicinePermission):
    """Doses of the same medicine for the child, under any permission (two permissions for
    Calpol must not add up to twice the dose)."""
    return MedicineAdministration.objects.filter(
        child=child, permission__medicine_name__iexact=permission.medicine_name
    )


def refusal_reason(
    *,
    child: Child,
    permission: MedicinePermission | None,
    given_at: dt.datetime,
    dose_amount: Decimal,
    given_by: StaffMember,
    witnessed_by: StaffMember | None,
    exclude_pk: Any = None,
) -> dict[str, str]:
    """Why this dose may not be recorded (field name → translated reason), or {} when it may."""
    setting = child.setting
    if permission is None or permission.child_id != child.pk:
        return {"permission": _("There is no written permission from a parent for this medicine. Do not give it.")}
    if given_at > timezone.now() + FUTURE_TOLERANCE:
        return {"given_at": _("The time given is in the future. Record a dose after it is given.")}
    day = _local(setting, given_at).date()
    if permission.withdrawn_at is not None and permission.withdrawn_at <= given_at:
        return {"permission": _("The parent withdrew this permission. Do not give it.")}
    if day < permission.start_date:
        return {
            "permission": _("This permission starts on %(date)s. Do not give it before then.")
            % {"date": permission.start_date.isoformat()}
        }
    if day > permission.end_date:
        return {
            "permission": _("This permission ended on %(date)s. Ask the parent for a new one.")
            % {"date": permission.end_date.isoformat()}
        }
    if dose_amount is None or dose_amount <= 0 or dose_amount > MAX_DOSE:
        return {"dose_amount": _("Enter the dose given, above 0.")}
    if dose_amount > permission.dose_amount:
        return {
            "dose_amount": _("This is more than the permitted dose of %(dose)s. Do not give it.")
            % {"dose": permission.dose_label}
        }
    for member, field in ((given_by, "given_by"), (witnessed_by, "witnessed_by")):
        if member is not None and (member.setting_id != setting.pk or not member.is_active):
            return {field: _("Choose a member of staff of this setting.")}
    if witnessed_by is not None and witnessed_by.pk == given_by.pk:
        return {"witnessed_by": _("The witness must be a different person from the one who gave it.")}
    others = _same_medicine(child, permission)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if permission.min_hours_between:
        gap = dt.timedelta(hours=float(permission.min_hours_between))
        near = others.filter(given_at__gt=given_at - gap, given_at__lt=given_at + gap).order_by("-given_at").first()
        if near is not None:
            return {
                "given_at": _("Too soon: %(medicine)s was given at %(time)s and needs %(hours)s hours between doses.")
                % {
                    "medicine": permission.medicine_name,
                    "time": _local(setting, near.given_at).strftime("%H:%M"),
                    "hours": f"{permission.min_hours_between.normalize():f}",
                }
            }
    if permission.max_doses_per_day:
        tz = zoneinfo.ZoneInfo(setting.timezone)
        start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
        given_today = others.filter(given_at__gte=start, given_at__lt=start + dt.timedelta(days=1)).count()
        if given_today >= permission.max_doses_per_day:
            return {
                "permission": _("%(medicine)s has already been given %(count)s times today, the most allowed.")
                % {"medicine": permission.medicine_name, "count": given_today}
            }
    return {}


@transaction.atomic
def administration_record(
    *,
    child: Child,
    permission: MedicinePermission | None,
    given_at: dt.datetime,
    dose_amount: Decimal,
    given_by: StaffMember,
    witnessed_by: StaffMember | None = None,
    notes: str = "",
    by: Any,
) -> MedicineAdministration:
    """Record a dose given to CHILD (any member of staff who can see the child). Refused with
    the reason, and nothing saved, when there is no permission or the dose is outside it. The
    child's guardians are e-mailed after it commits."""
    if permission is not None:
        # Lock the permission so two tablets cannot both record "the last dose allowed today".
        permission = MedicinePermission.objects.select_for_update().filter(pk=permission.pk).first()
    reason = refusal_reason(
        child=child,
        permission=permission,
        given_at=given_at,
        dose_amount=dose_amount,
        given_by=given_by,
        witnessed_by=witnessed_by,
    )
    if reason:
        raise MedicineError(reason)
    administration = MedicineAdministration(
        setting=child.setting,
        child=child,
        permission=permission,
        given_at=given_at,
        dose_amount=dose_amount,
        given_by=given_by,
        witnessed_by=witnessed_by,
        notes=notes.strip(),
        recorded_by=by,
    )
    administration.full_clean()
    administration.save()
    audit_log(
        "medicines.administration.recorded",
        actor=by,
        obj=administration,
        setting=child.setting,
        child=child,
        data={"permission": str(permission.pk)},
    )
    from tandem.medicines import tasks

    setting_id, administration_id = str(child.setting_id), str(administration.pk)
    transaction.on_commit(lambda: tasks.administration_inform_guardians.enqueue(setting_id, administration_id))
    return administration


CORRECTABLE = ("given_at", "dose_amount", "witnessed_by", "notes")


@transaction.atomic
def administration_correct(
    *, administration: MedicineAdministration, by: Any, **changes: Any
) -> MedicineAdministration:
    """Correct a dose record (a typing mistake): the earlier version is kept, and the corrected
    record must still be inside the permission."""
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    original = MedicineAdministration.objects.select_for_update().get(pk=administration.pk)
    changed = sorted(name for name, value in changes.items() if getattr(original, name) != value)
    if not changed:
        return administration
    after = {name: changes.get(name, getattr(original, name)) for name in CORRECTABLE}
    reason = refusal_reason(
        child=original.child,
        permission=original.permission,
        given_at=after["given_at"],
        dose_amount=after["dose_amount"],
        given_by=original.given_by,
        witnessed_by=after["witnessed_by"],
        exclude_pk=original.pk,
    )
    if reason:
        raise MedicineError(reason)
    keep_version(original, setting=original.setting, by=by)
    for name in changed:
        setattr(administration, name, changes[name])
    administration.full_clean()
    administration.save()
    audit_log(
        "medicines.administration.corrected",
        actor=by,
        obj=administration,
        setting=administration.setting,
        child=administration.child,
        data={"fields": changed},
    )
    return administration


def administration_inform_guardians(*, administration_id: str) -> int:
    """E-mail each of the child's guardians (with an e-mail address) that a medicine was given,
    in their own language, with a link to acknowledge it. Runs once per dose: the second run
    finds guardian_informed_at set and sends nothing. Returns how many e-mails went out."""
    with transaction.atomic():
        administration = (
            MedicineAdministration.objects.select_for_update(of=("self",))
            .select_related("child", "permission", "setting", "given_by__user")
            .filter(pk=administration_id)
            .first()
        )
        if administration is None or administration.guardian_informed_at is not None:
            return 0
        administration.guardian_informed_at = timezone.now()
        administration.save(update_fields=["guardian_informed_at"])
        links = ChildGuardian.objects.filter(child=administration.child).select_related("guardian__preferences")
        url = settings.SITE_URL + reverse("medicines_family:administration-acknowledge", args=[administration.pk])
        sent = 0
        for link in links:
            guardian = link.guardian
            if not guardian.email:
                continue
            prefs = getattr(guardian, "preferences", None)
            language = prefs.language if prefs is not None else settings.LANGUAGE_CODE
            with translation.override(language):
                context = {
                    "guardian": guardian,
                    "child": administration.child,
                    "administration": administration,
                    "given_at": _local(administration.setting, administration.given_at),
                    "setting": administration.setting,
                    "url": url,
                }
                subject = _("%(child)s was given %(medicine)s today") % {
                    "child": administration.child.known_as,
                    "medicine": administration.permission.medicine_name,
                }
                body = render_to_string("medicines/email/administration.txt", context)
            # Inside the transaction: if the mail server refuses, guardian_informed_at rolls
            # back and the task's retry tries again.
            send_mail(
                f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body, settings.DEFAULT_FROM_EMAIL, [guardian.email]
            )
            sent += 1
        audit_log(
            "medicines.administration.guardians_informed",
            actor=None,
            obj=administration,
            setting=administration.setting,
            child=administration.child,
            data={"emails": sent},
        )
        return sent


@transaction.atomic
def administration_acknowledge(
    *, administration: MedicineAdministration, guardian: Guardian, by: Any, signature: str
) -> MedicineAdministration:
    """A guardian of the child acknowledges a dose with their typed name; once only."""
    administration = MedicineAdministration.objects.select_for_update().get(pk=administration.pk)
    if not ChildGuardian.objects.filter(child_id=administration.child_id, guardian=guardian).exists():
        raise MedicineError({"signature": _("Only a parent or carer of this child can acknowledge this.")})
    if administration.acknowledged_at is not None:
        raise MedicineError(_("This has already been acknowledged."))
    administration.acknowledgement_signature = _check_signature(signature)
    administration.acknowledged_at = timezone.now()
    administration.acknowledged_by = guardian
    administration.save(update_fields=["acknowledgement_signature", "acknowledged_at", "acknowledged_by"])
    audit_log(
        "medicines.administration.acknowledged",
        actor=by,
        obj=administration,
        setting=administration.setting,
        child=administration.child,
        data={"guardian": str(guardian.pk)},
    )
    return administration
