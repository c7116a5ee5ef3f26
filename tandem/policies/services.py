"""The verbs of policies: write one, publish a new version, acknowledge, remind. Each version is
a new row; nothing published is edited. Acknowledgements belong to a version, so publishing a
new version of a policy that needs acknowledging asks everyone again.

The caller has checked who may do this (can_manage_partnership for writing and reminding);
services check the rules of the data and raise PolicyError with a translated message."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.audit import audit_log
from tandem.core.models import CommunicationPreference, Guardian, StaffMember
from tandem.journal.text import render_markdown
from tandem.notify.services import notify_guardians, notify_staff
from tandem.policies.models import Policy, PolicyAcknowledgement, PolicyKind, PolicyReminder, PolicyVersion
from tandem.translations.services import translation_request

MAX_BODY = 100_000


class PolicyError(ValidationError):
    """A rule about policies was broken; the message says why."""


def _check_body(body_markdown: str, *, document=None) -> str:
    body = (body_markdown or "").strip()
    if not body and document is None:
        raise PolicyError({"body_markdown": _("Write the text of the policy, or attach it as a PDF.")})
    if len(body) > MAX_BODY:
        raise PolicyError({"body_markdown": _("The text is too long. Attach it in parts or shorten it.")})
    return body


def audience_guardians(setting):
    """Guardians of the children who attend SETTING (not those who have left)."""
    return (
        Guardian.objects.filter(setting=setting, child_links__child__leave_date__isnull=True)
        .distinct()
        .order_by("first_name", "last_name")
    )


def audience_staff(setting):
    return StaffMember.objects.filter(setting=setting, is_active=True).select_related("user").order_by("created_at")


def _family_languages(setting) -> set[str]:
    return set(
        CommunicationPreference.objects.filter(setting=setting, guardian__in=audience_guardians(setting)).values_list(
            "language", flat=True
        )
    )


def _store_pdf(setting, document, *, by):
    """Store an uploaded PDF through tandem.media (checked, metadata stripped, private)."""
    from tandem.media.models import MediaFile
    from tandem.media.processing import sniff
    from tandem.media.services import media_upload

    document.seek(0)
    head = document.read(16)
    document.seek(0)
    if sniff(head) != "pdf":
        raise PolicyError({"document": _("Choose a PDF file.")})
    try:
        media = media_upload(setting=setting, uploaded_file=document, by=by)
    except ValidationError as exc:
        raise PolicyError({"document": exc.messages}) from exc
    if media.kind != MediaFile.Kind.DOCUMENT:
        raise PolicyError({"document": _("Choose a PDF file.")})
    return media


def _publish(
    policy: Policy, *, by, body_markdown: str, change_summary: str, effective_from, language: str, document=None
):
    body = _check_body(body_markdown, document=document)
    if effective_from is None:
        raise PolicyError({"effective_from": _("Give the day it takes effect.")})
    if change_summary and len(change_summary) > 5000:
        raise PolicyError({"change_summary": _("Keep this under 5000 characters.")})
    last = policy.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = PolicyVersion(
        setting=policy.setting,
        policy=policy,
        number=last + 1,
        body_markdown=body,
        body_html=render_markdown(body),
        change_summary=(change_summary or "").strip()[:5000],
        language=language or settings.LANGUAGE_CODE,
        effective_from=effective_from,
        published_by=by,
    )
    if version.number > 1 and not version.change_summary:
        raise PolicyError({"change_summary": _("Say what changed since the last version.")})
    if document is not None:
        version.document = _store_pdf(policy.setting, document, by=by)
    version.full_clean()
    version.save()
    audit_log(
        "policies.version.published",
        actor=by,
        obj=version,
        setting=policy.setting,
        data={"policy": str(policy.pk), "number": version.number},
    )
    if policy.for_families and body:
        translation_request(
            setting=policy.setting,
            source=version,
            field="body_markdown",
            text=body,
            source_language=version.language,
            languages=_family_languages(policy.setting),
        )
        guardians = list(audience_guardians(policy.setting))
        if guardians:
            notify_guardians(
                setting=policy.setting,
                guardians=guardians,
                kind="policies.published",
                template="policies/notices/published",
                context={
                    "title": policy.title,
                    "number": version.number,
                    "acknowledge": policy.requires_acknowledgement,
                },
                url=reverse("policies_family:detail", args=[policy.pk]),
                source=version,
                sent_by=by,
            )
    if policy.for_staff:
        staff = list(audience_staff(policy.setting))
        if staff:
            notify_staff(
                setting=policy.setting,
                staff=staff,
                kind="policies.published",
                template="policies/notices/published",
                context={
                    "title": policy.title,
                    "number": version.number,
                    "acknowledge": policy.requires_acknowledgement,
                },
                url=reverse("policies:detail", args=[policy.setting.slug, policy.pk]),
                source=version,
                sent_by=by,
            )
    return version


@transaction.atomic
def policy_create(
    *,
    setting,
    by,
    title: str,
    body_markdown: str,
    effective_from: dt.date,
    kind: str = PolicyKind.OTHER,
    for_families: bool = True,
    for_staff: bool = False,
    requires_acknowledgement: bool = False,
    change_summary: str = "",
    language: str = "",
    document=None,
) -> Policy:
    """A new policy, published at once as version 1."""
    title = " ".join((title or "").split())
    if not title:
        raise PolicyError({"title": _("Give the policy a title.")})
    if not (for_families or for_staff):
        raise PolicyError({"for_families": _("Choose who the policy is for: families, staff or both.")})
    _check_body(body_markdown, document=document)
    policy = Policy(
        setting=setting,
        kind=kind,
        title=title,
        for_families=for_families,
        for_staff=for_staff,
        requires_acknowledgement=requires_acknowledgement,
        created_by=by,
    )
    policy.full_clean()
    policy.save()
    audit_log("policies.policy.created", actor=by, obj=policy, setting=setting, data={"kind": kind})
    _publish(
        policy,
        by=by,
        body_markdown=body_markdown,
        change_summary=change_summary,
        effective_from=effective_from,
        language=language,
        document=document,
    )
    return policy


@transaction.atomic
def policy_publish_version(
    *,
    policy: Policy,
    by,
    body_markdown: str,
    change_summary: str,
    effective_from: dt.date,
    language: str = "",
    document=None,
) -> PolicyVersion:
    """A new version of POLICY. Readers who acknowledged an earlier version are asked again."""
    policy = Policy.objects.select_for_update(of=("self",)).get(pk=policy.pk)
    if policy.archived_at is not None:
        raise PolicyError(_("This policy has been withdrawn."))
    return _publish(
        policy,
        by=by,
        body_markdown=body_markdown,
        change_summary=change_summary,
        effective_from=effective_from,
        language=language,
        document=document,
    )


def current_version(policy: Policy) -> PolicyVersion | None:
    return policy.versions.order_by("-number").first()


@transaction.atomic
def policy_acknowledge(
    *, version: PolicyVersion, by, guardian: Guardian | None = None, staff: StaffMember | None = None
) -> PolicyAcknowledgement:
    """BY (as GUARDIAN or STAFF, their own record) has read and understood VERSION, the
    current one. Acknowledging twice keeps the first."""
    policy = version.policy
    if not policy.requires_acknowledgement:
        raise PolicyError(_("This policy does not need acknowledging."))
    latest = current_version(policy)
    if latest is None or latest.pk != version.pk:
        raise PolicyError(_("There is a newer version of this policy. Please read that one."))
    if (guardian is None) == (staff is None):
        raise PolicyError(_("Acknowledge as a parent or as a member of staff."))
    reader = guardian or staff
    if reader.setting_id != version.setting_id or getattr(reader, "user_id", None) != by.pk:
        raise PolicyError(_("You can only acknowledge for yourself."))
    if guardian is not None and not policy.for_families or staff is not None and not policy.for_staff:
        raise PolicyError(_("This policy is not for you to acknowledge."))
    existing = PolicyAcknowledgement.objects.filter(version=version, guardian=guardian, staff=staff).first()
    if existing:
        return existing
    ack = PolicyAcknowledgement(setting=version.setting, version=version, guardian=guardian, staff=staff, user=by)
    ack.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            ack.save()
    except IntegrityError:  # a second click at the same moment
        return PolicyAcknowledgement.objects.get(version=version, guardian=guardian, staff=staff)
    audit_log(
        "policies.version.acknowledged",
        actor=by,
        obj=version,
        setting=version.setting,
        data={"reader": "guardian" if guardian else "staff"},
    )
    return ack


@transaction.atomic
def policy_send_reminders(*, version: PolicyVersion, by=None) -> int:
    """Remind each reader who has not acknowledged VERSION yet, once (a second call sends
    nothing to anyone already reminded). Returns how many were reminded."""
    policy = version.policy
    if not policy.requires_acknowledgement or current_version(policy).pk != version.pk:
        return 0
    acked_guardians = set(
        PolicyAcknowledgement.objects.filter(version=version, guardian__isnull=False).values_list(
            "guardian_id", flat=True
        )
    )
    acked_staff = set(
        PolicyAcknowledgement.objects.filter(version=version, staff__isnull=False).values_list("staff_id", flat=True)
    )
    reminded_guardians = set(
        PolicyReminder.objects.filter(version=version, guardian__isnull=False).values_list("guardian_id", flat=True)
    )
    reminded_staff = set(
        PolicyReminder.objects.filter(version=version, staff__isnull=False).values_list("staff_id", flat=True)
    )
    guardians = (
        [
            g
            for g in audience_guardians(policy.setting)
            if g.pk not in acked_guardians and g.pk not in reminded_guardians
        ]
        if policy.for_families
        else []
    )
    staff = (
        [s for s in audience_staff(policy.setting) if s.pk not in acked_staff and s.pk not in reminded_staff]
        if policy.for_staff
        else []
    )
    now = timezone.now()
    PolicyReminder.objects.bulk_create(
        [PolicyReminder(setting=version.setting, version=version, guardian=g, sent_at=now) for g in guardians]
        + [PolicyReminder(setting=version.setting, version=version, staff=s, sent_at=now) for s in staff]
    )
    context = {"title": policy.title, "number": version.number}
    if guardians:
        notify_guardians(
            setting=policy.setting,
            guardians=guardians,
            kind="policies.reminder",
            template="policies/notices/reminder",
            context=context,
            url=reverse("policies_family:detail", args=[policy.pk]),
            source=version,
            sent_by=by,
        )
    if staff:
        notify_staff(
            setting=policy.setting,
            staff=staff,
            kind="policies.reminder",
            template="policies/notices/reminder",
            context=context,
            url=reverse("policies:detail", args=[policy.setting.slug, policy.pk]),
            source=version,
            sent_by=by,
        )
    if guardians or staff:
        audit_log(
            "policies.reminders.sent",
            actor=by,
            obj=version,
            setting=version.setting,
            data={"count": len(guardians) + len(staff)},
        )
    return len(guardians) + len(staff)
