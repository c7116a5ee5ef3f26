"""The verbs of consultations: every write from a page, the API or a task comes through here.
The caller has checked who may do this (can_manage_partnership to create, publish and reply;
being asked to comment: selectors). Published versions are never changed: a change is a new
version, with a summary of what changed, and every version is kept."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tandem.consultations import selectors
from tandem.consultations.models import Comment, Consultation, Reply, ReviewReminder, Version
from tandem.core.audit import audit_log

MAX_TEXT = 5000
REVIEW_AFTER = dt.timedelta(days=365)


class ConsultationError(ValidationError):
    """A rule about consultations was broken; the message says why, in the person's language."""


def _text(value: str, field: str, *, required=True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ConsultationError({field: _("Write something here.")})
    if len(value) > MAX_TEXT:
        raise ConsultationError({field: _("Write at most %(n)d characters.") % {"n": MAX_TEXT}})
    return value


@transaction.atomic
def consultation_create(
    *, setting, by, title: str, body: str, kind: str, audience: str, comments_close_on=None, language="en"
) -> Consultation:
    """A consultation with its first version as a draft (not yet published)."""
    consultation = Consultation(
        setting=setting,
        kind=kind,
        title=(title or "").strip(),
        audience=audience,
        comments_close_on=comments_close_on,
        language=language,
        created_by=by,
    )
    consultation.full_clean()
    consultation.save()
    Version.objects.create(setting=setting, consultation=consultation, number=1, body=_text(body, "body"))
    audit_log("consultations.consultation.created", actor=by, obj=consultation, setting=setting)
    return consultation


def _notify(consultation: Consultation, version: Version, *, by) -> None:
    from tandem.notify.services import notify_guardians, notify_staff

    context = {"title": consultation.title, "number": version.number, "changes": bool(version.summary_of_changes)}
    if consultation.for_families():
        guardians = selectors.audience_guardians(consultation)
        if guardians:
            notify_guardians(
                setting=consultation.setting,
                guardians=guardians,
                kind="consultations.published",
                template="consultations/notices/published",
                context=context,
                url=reverse("consultations_family:detail", args=[consultation.pk]),
                source=version,
                sent_by=by,
            )
    if consultation.for_staff():
        staff = selectors.audience_staff(consultation)
        if staff:
            notify_staff(
                setting=consultation.setting,
                staff=staff,
                kind="consultations.published",
                template="consultations/notices/published",
                context=context,
                url=reverse("consultations:detail", args=[consultation.setting.slug, consultation.pk]),
                source=version,
                sent_by=by,
            )


@transaction.atomic
def version_publish(
    *, consultation: Consultation, by, body: str | None = None, summary_of_changes: str = ""
) -> Version:
    """Publish the draft first version, or a new version with BODY and a summary of what changed.
    Earlier versions, and the comments made on them, are kept as they were."""
    latest = selectors.latest_version(consultation)
    if latest is not None and latest.published_at is None:
        version = latest
        if body is not None:
            version.body = _text(body, "body")
    else:
        summary = _text(summary_of_changes, "summary_of_changes")
        number = (consultation.versions.aggregate(m=Max("number"))["m"] or 0) + 1
        version = Version(
            setting=consultation.setting,
            consultation=consultation,
            number=number,
            body=_text(body if body is not None else latest.body, "body"),
            summary_of_changes=summary,
        )
        if latest is not None and version.body == latest.body and not summary:
            raise ConsultationError({"body": _("Nothing has changed since the last version.")})
    version.published_at = timezone.now()
    version.published_by = by
    version.full_clean(exclude=["consultation", "setting"])
    version.save()
    consultation.review_due_on = consultation.setting.today() + REVIEW_AFTER
    consultation.save(update_fields=["review_due_on"])
    _request_translation(
        version, "body", version.body, consultation.language, selectors.audience_languages(consultation)
    )
    if version.summary_of_changes:
        _request_translation(
            version,
            "summary_of_changes",
            version.summary_of_changes,
            consultation.language,
            selectors.audience_languages(consultation),
        )
    _notify(consultation, version, by=by)
    audit_log(
        "consultations.version.published",
        actor=by,
        obj=version,
        setting=consultation.setting,
        data={"number": version.number},
    )
    return version


def _request_translation(source, field, text, source_language, languages) -> None:
    from tandem.translations.services import translation_request

    translation_request(
        setting=source.setting,
        source=source,
        field=field,
        text=text,
        source_language=source_language,
        languages=languages,
    )


@transaction.atomic
def comment_add(
    *, version: Version, by, body: str, paragraph: int | None = None, guardian=None, staff=None, language="en"
) -> Comment:
    consultation = version.consultation
    if version.published_at is None or selectors.latest_version(consultation).pk != version.pk:
        raise ConsultationError(_("Comments are taken on the latest published version only."))
    if not consultation.open_for_comment(consultation.setting.today()):
        raise ConsultationError(
            _("Comments closed on %(date)s.") % {"date": date_format(consultation.comments_close_on, "DATE_FORMAT")}
        )
    if paragraph is not None and not 1 <= paragraph <= len(version.paragraphs()):
        raise ConsultationError({"paragraph": _("Choose a paragraph of the text.")})
    comment = Comment(
        setting=version.setting,
        version=version,
        paragraph=paragraph,
        body=_text(body, "body"),
        language=language or "en",
        author=by,
        guardian=guardian,
        staff=staff,
    )
    comment.full_clean(exclude=["version", "setting", "author", "guardian", "staff"])
    comment.save()
    _request_translation(comment, "body", comment.body, comment.language, {consultation.language})
    audit_log("consultations.comment.added", actor=by, obj=comment, setting=version.setting)
    return comment


@transaction.atomic
def reply_add(*, comment: Comment, by, body: str, visibility: str = Reply.Visibility.COMMENTER, language="en") -> Reply:
    reply = Reply(
        setting=comment.setting,
        comment=comment,
        body=_text(body, "body"),
        visibility=visibility,
        language=language or "en",
        by=by,
    )
    reply.full_clean(exclude=["comment", "setting", "by"])
    reply.save()
    _request_translation(reply, "body", reply.body, reply.language, {comment.language})
    consultation = comment.version.consultation
    context = {"title": consultation.title}
    if comment.guardian_id:
        from tandem.notify.services import notify_guardians

        notify_guardians(
            setting=comment.setting,
            guardians=[comment.guardian],
            kind="consultations.replied",
            template="consultations/notices/replied",
            context=context,
            url=reverse("consultations_family:detail", args=[consultation.pk]),
            source=reply,
            sent_by=by,
        )
    elif comment.staff_id:
        from tandem.notify.services import notify_staff

        notify_staff(
            setting=comment.setting,
            staff=[comment.staff],
            kind="consultations.replied",
            template="consultations/notices/replied",
            context=context,
            url=reverse("consultations:detail", args=[comment.setting.slug, consultation.pk]),
            source=reply,
            sent_by=by,
        )
    audit_log(
        "consultations.reply.added", actor=by, obj=reply, setting=comment.setting, data={"visibility": visibility}
    )
    return reply


@transaction.atomic
def review_remind(*, consultation: Consultation, today: dt.date | None = None) -> bool:
    """Remind the managers once that the yearly review is due; False when not due or sent."""
    today = today or consultation.setting.today()
    due = consultation.review_due_on
    if due is None or due > today:
        return False
    try:
        with transaction.atomic():
            ReviewReminder.objects.create(setting=consultation.setting, consultation=consultation, due_on=due)
    except IntegrityError:
        return False
    from tandem.notify.services import notify_staff

    managers = selectors.managers(consultation.setting)
    if managers:
        notify_staff(
            setting=consultation.setting,
            staff=managers,
            kind="consultations.review_due",
            template="consultations/notices/review_due",
            context={"title": consultation.title, "due_on": due.isoformat()},
            url=reverse("consultations:detail", args=[consultation.setting.slug, consultation.pk]),
            source=consultation,
        )
    audit_log("consultations.review.reminded", actor=None, obj=consultation, setting=consultation.setting)
    return True


def remind_due_reviews(*, setting) -> int:
    today = setting.today()
    return sum(
        review_remind(consultation=c, today=today)
        for c in Consultation.objects.filter(setting=setting, review_due_on__lte=today)
    )


DEFAULT_LANGUAGE = settings.LANGUAGE_CODE
