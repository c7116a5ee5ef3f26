"""The one way any app tells people something. A service of another app calls, inside its own
transaction:

    from tandem.notify.services import notify_guardians
    notify_guardians(
        setting=complaint.setting,
        guardians=[complaint.raised_by],            # Guardian instances (or a queryset)
        kind="concerns.acknowledged",               # dotted, prefixed with the sending app
        template="concerns/notices/acknowledged",   # templates/concerns/notices/acknowledged.subject.txt, .body.txt
        context={"reference": complaint.reference}, # JSON only; rendered later in each reader's language
        url=reverse("concerns_family:detail", args=[complaint.pk]),
        source=complaint, child=complaint.child, sent_by=user,
    )

The rows are written now; the routing (which channel for whom, quiet hours, digests, the
delivery log) runs in a background task after the transaction commits, never in the request."""

from collections.abc import Iterable
from datetime import datetime

from django.db import models, transaction
from django.utils import timezone

from tandem.notify.models import Notice, NoticeRecipient


def _unique(people: Iterable) -> list:
    seen, result = set(), []
    for person in people:
        if person.pk not in seen:
            seen.add(person.pk)
            result.append(person)
    return result


def _notice(*, setting, kind, template, context, url, urgent, source, child, sent_by, send_after) -> Notice:
    return Notice.objects.create(
        setting=setting,
        kind=kind,
        template=template,
        context=context or {},
        url=url,
        urgent=urgent,
        source_type=source._meta.label_lower if isinstance(source, models.Model) else "",
        source_id=str(source.pk) if isinstance(source, models.Model) else "",
        child=child,
        sent_by=sent_by if getattr(sent_by, "is_authenticated", False) else None,
        send_after=send_after,
    )


def _route_after_commit(notice: Notice) -> None:
    from tandem.notify.tasks import route_notice

    transaction.on_commit(lambda: route_notice.enqueue(str(notice.pk)))


@transaction.atomic
def notify_guardians(
    *,
    setting,
    guardians: Iterable,
    kind: str,
    template: str,
    context: dict | None = None,
    url: str = "",
    urgent: bool = False,
    source: models.Model | None = None,
    child=None,
    sent_by=None,
    send_after: datetime | None = None,
) -> Notice:
    """A notice to each of GUARDIANS (of SETTING; others are ignored), routed after commit."""
    notice = _notice(
        setting=setting,
        kind=kind,
        template=template,
        context=context,
        url=url,
        urgent=urgent,
        source=source,
        child=child,
        sent_by=sent_by,
        send_after=send_after,
    )
    now = timezone.now()
    NoticeRecipient.objects.bulk_create(
        [
            NoticeRecipient(notice=notice, setting=setting, guardian=g, created_at=now)
            for g in _unique(guardians)
            if g.setting_id == setting.pk
        ]
    )
    _route_after_commit(notice)
    return notice


@transaction.atomic
def notify_staff(
    *,
    setting,
    staff: Iterable,
    kind: str,
    template: str,
    context: dict | None = None,
    url: str = "",
    urgent: bool = False,
    source: models.Model | None = None,
    child=None,
    sent_by=None,
    send_after: datetime | None = None,
) -> Notice:
    """A notice to each of STAFF (StaffMember rows of SETTING), routed after commit."""
    notice = _notice(
        setting=setting,
        kind=kind,
        template=template,
        context=context,
        url=url,
        urgent=urgent,
        source=source,
        child=child,
        sent_by=sent_by,
        send_after=send_after,
    )
    now = timezone.now()
    NoticeRecipient.objects.bulk_create(
        [
            NoticeRecipient(notice=notice, setting=setting, staff=s, created_at=now)
            for s in _unique(staff)
            if s.setting_id == setting.pk
        ]
    )
    _route_after_commit(notice)
    return notice
