"""The verbs of the learning journal. Every write the pages, the API, tasks and the demo make
goes through a function here.

Each service is keyword-only, atomic, validates with full_clean(), writes the audit log in the
same transaction (ids and field names, never the text) and returns the object. The caller has
already checked permission through tandem.access (the journal's selectors); services check the
rules of the data (same setting, children of the observation, consents) and raise JournalError
with a message the person can act on.

Workflow: draft → (awaiting review, when the setting asks a manager to review this author) →
published. Publishing with a time in the future keeps it from families until the periodic
task `observations_release_due` releases it. Every edit after publishing keeps the earlier
state as an ObservationVersion, visible to staff."""

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

from tandem.access.permissions import StaffPermissions
from tandem.core.audit import audit_log
from tandem.core.models import Child, ChildGuardian, ConsentKind, Guardian, Setting, StaffMember
from tandem.journal.models import (
    Comment,
    HomeMoment,
    JournalSettings,
    Observation,
    ObservationChild,
    ObservationMedia,
    ObservationVersion,
    TriedAtHome,
)
from tandem.journal.text import render_markdown
from tandem.journal.visibility import consent_map

NEW_STAFF_DAYS = 90
MAX_MEDIA_PER_OBSERVATION = 30


class JournalError(ValidationError):
    """A rule of the journal was broken. The message is translated and says what to do; a dict
    message names the form field it belongs to."""


# --- settings -------------------------------------------------------------------------------------


def journal_settings_get(*, setting: Setting) -> JournalSettings:
    """The setting's journal rules (defaults, unsaved, until a manager changes them)."""
    found = JournalSettings.objects.filter(setting=setting).first()
    return found or JournalSettings(setting=setting)


@transaction.atomic
def journal_settings_update(*, setting: Setting, by: Any, require_review_for: str, quiet_days: int) -> JournalSettings:
    """Change whose observations a manager reviews and the "no observation for N days" limit
    (can_manage_setting)."""
    current = journal_settings_get(setting=setting)
    current.require_review_for = require_review_for
    current.quiet_days = quiet_days
    current.full_clean()
    current.save()
    audit_log(
        "journal.settings.updated",
        actor=by,
        obj=current,
        setting=setting,
        data={"require_review_for": require_review_for, "quiet_days": quiet_days},
    )
    return current


def needs_review(*, author: StaffMember, perms: StaffPermissions, now: dt.datetime | None = None) -> bool:
    """Whether the setting asks a manager to review what AUTHOR publishes. Managers (who can
    review, can_manage_staff) never wait for themselves."""
    if perms.can_manage_staff:
        return False
    rule = journal_settings_get(setting=author.setting).require_review_for
    if rule == JournalSettings.Review.ALL:
        return True
    if rule == JournalSettings.Review.NEW_STAFF:
        now = now or timezone.now()
        return author.created_at > now - dt.timedelta(days=NEW_STAFF_DAYS)
    return False


# --- observations ---------------------------------------------------------------------------------

TEXT_FIELDS = ("text_markdown", "child_voice", "next_steps", "home_ideas")
SIMPLE_FIELDS = (*TEXT_FIELDS, "occurred_at", "leuven_wellbeing", "leuven_involvement")
LINK_FIELDS = ("areas", "aspects", "statements", "characteristics")


def _check_children(setting: Setting, children: Iterable[Child]) -> list[Child]:
    children = list(dict.fromkeys(children))
    if not children:
        raise JournalError({"children": _("Choose at least one child.")})
    if any(c.setting_id != setting.pk for c in children):
        raise JournalError({"children": _("A child chosen is not at this setting.")})
    return children


def _check_links(setting: Setting, links: dict[str, list]) -> None:
    """Curriculum links must come from the framework the setting uses."""
    framework_code = setting.curriculum_framework
    for name, items in links.items():
        for item in items:
            framework = getattr(item, "framework", None)
            if framework is not None and framework.code != framework_code:
                raise JournalError({name: _("Choose from the curriculum your setting uses.")})


def _upload_all(*, setting: Setting, uploads: Iterable, by: Any) -> list:
    """Store each upload. When one is refused, the files already stored for this request are
    deleted too (their rows roll back with the caller's transaction): nothing half-saved."""
    from tandem.media.services import media_upload

    stored = []
    try:
        for f in uploads:
            stored.append(media_upload(setting=setting, uploaded_file=f, by=by))
    except Exception:
        _delete_files(stored)
        raise
    return stored


def _delete_files(media_files: Iterable) -> None:
    from django.core.files.storage import default_storage

    for media in media_files:
        if media.original.name:
            default_storage.delete(media.original.name)


def _attach_media(observation: Observation, media_files: Iterable, *, tag_children: list[Child]) -> None:
    """Add files to OBSERVATION. Photos and videos start tagged with every child of the
    observation (the safe default: nobody is shown without their consent being checked) and
    staff untag who is not in each."""
    existing = ObservationMedia.objects.filter(observation=observation).count()
    media_files = list(media_files)
    if existing + len(media_files) > MAX_MEDIA_PER_OBSERVATION:
        raise JournalError(
            {"photos": _("An observation can hold %(n)s photos and files at most.") % {"n": MAX_MEDIA_PER_OBSERVATION}}
        )
    for offset, media in enumerate(media_files):
        if media.setting_id != observation.setting_id:
            raise JournalError({"photos": _("This file belongs to another setting.")})
        link = ObservationMedia(
            setting=observation.setting, observation=observation, media=media, position=existing + offset
        )
        link.full_clean()
        link.save()
        if media.kind in ("photo", "video"):
            link.children_in_photo.set(tag_children)


@transaction.atomic
def observation_create(
    *,
    setting: Setting,
    author: StaffMember,
    by: Any,
    children: Iterable[Child],
    occurred_at: dt.datetime | None = None,
    text_markdown: str = "",
    child_voice: str = "",
    next_steps: str = "",
    home_ideas: str = "",
    leuven_wellbeing: int | None = None,
    leuven_involvement: int | None = None,
    uploads: Iterable = (),
    media: Iterable = (),
    areas: Iterable = (),
    aspects: Iterable = (),
    statements: Iterable = (),
    characteristics: Iterable = (),
) -> Observation:
    """Save a draft observation of one or more children (any member of staff who can see them),
    with photos uploaded now (UPLOADS) or before (MEDIA). A bad file saves nothing at all."""
    children = _check_children(setting, children)
    if author.setting_id != setting.pk:
        raise JournalError(_("This person works in another setting."))
    links = {"areas": list(areas), "aspects": list(aspects), "statements": list(statements)}
    links["characteristics"] = list(characteristics)
    _check_links(setting, links)
    observation = Observation(
        setting=setting,
        author=author,
        occurred_at=occurred_at or timezone.now(),
        text_markdown=text_markdown.strip(),
        child_voice=child_voice.strip(),
        next_steps=next_steps.strip(),
        home_ideas=home_ideas.strip(),
        leuven_wellbeing=leuven_wellbeing,
        leuven_involvement=leuven_involvement,
    )
    observation.text_html = render_markdown(observation.text_markdown)
    observation.full_clean()
    observation.save()
    ObservationChild.objects.bulk_create(
        [ObservationChild(setting=setting, observation=observation, child=c) for c in children]
    )
    for name, items in links.items():
        if items:
            getattr(observation, name).set(items)
    uploaded = _upload_all(setting=setting, uploads=uploads, by=by)
    files = list(media) + uploaded
    try:
        _attach_media(observation, files, tag_children=children)
    except Exception:
        _delete_files(uploaded)
        raise
    audit_log(
        "journal.observation.created",
        actor=by,
        obj=observation,
        setting=setting,
        child=children[0] if len(children) == 1 else None,
        data={"children": [str(c.pk) for c in children], "media": len(files)},
    )
    return observation


def _snapshot(observation: Observation) -> dict:
    return {
        "version": observation.version,
        "status": observation.status,
        "occurred_at": observation.occurred_at.isoformat(),
        "text_markdown": observation.text_markdown,
        "child_voice": observation.child_voice,
        "next_steps": observation.next_steps,
        "home_ideas": observation.home_ideas,
        "leuven_wellbeing": observation.leuven_wellbeing,
        "leuven_involvement": observation.leuven_involvement,
        "children": sorted(str(i) for i in observation.child_links.values_list("child_id", flat=True)),
        **{
            name: sorted(str(i) for i in getattr(observation, name).values_list("pk", flat=True))
            for name in LINK_FIELDS
        },
        "media": [
            {
                "media": str(m.media_id),
                "caption": m.caption,
                "children": sorted(str(c.pk) for c in m.children_in_photo.all()),
            }
            for m in observation.media_links.prefetch_related("children_in_photo")
        ],
    }


def _keep_version_if_published(observation: Observation, *, by: Any) -> None:
    """After publishing, every edit keeps the earlier state (staff can read it)."""
    if observation.status != Observation.Status.PUBLISHED:
        return
    ObservationVersion.objects.create(
        setting=observation.setting,
        observation=observation,
        version=observation.version,
        data=_snapshot(observation),
        changed_by=by if getattr(by, "is_authenticated", False) else None,
    )
    observation.version += 1


@transaction.atomic
def observation_update(*, observation: Observation, by: Any, **changes: Any) -> Observation:
    """Change an observation's text, children, time, Leuven scores or curriculum links. After
    it is published, the earlier version is kept. Children removed are untagged from photos."""
    unknown = set(changes) - set(SIMPLE_FIELDS) - set(LINK_FIELDS) - {"children"}
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    observation = Observation.objects.select_for_update().get(pk=observation.pk)
    changed = []
    for name in SIMPLE_FIELDS:
        if name in changes:
            value = changes[name].strip() if name in TEXT_FIELDS else changes[name]
            if getattr(observation, name) != value:
                changed.append(name)
    current_children = set(observation.child_links.values_list("child_id", flat=True))
    new_children = None
    if "children" in changes:
        new_children = _check_children(observation.setting, changes["children"])
        if {c.pk for c in new_children} != current_children:
            changed.append("children")
    links = {name: list(changes[name]) for name in LINK_FIELDS if name in changes}
    _check_links(observation.setting, links)
    for name, items in links.items():
        if {i.pk for i in items} != set(getattr(observation, name).values_list("pk", flat=True)):
            changed.append(name)
    if not changed:
        return observation
    _keep_version_if_published(observation, by=by)
    for name in SIMPLE_FIELDS:
        if name in changes:
            setattr(observation, name, changes[name].strip() if name in TEXT_FIELDS else changes[name])
    observation.text_html = render_markdown(observation.text_markdown)
    observation.full_clean()
    observation.save()
    if new_children is not None and "children" in changed:
        keep = {c.pk for c in new_children}
        ObservationChild.objects.filter(observation=observation).exclude(child_id__in=keep).delete()
        ObservationChild.objects.bulk_create(
            [
                ObservationChild(setting=observation.setting, observation=observation, child=c)
                for c in new_children
                if c.pk not in current_children
            ]
        )
        for link in observation.media_links.all():
            link.children_in_photo.remove(*[c for c in link.children_in_photo.all() if c.pk not in keep])
    for name, items in links.items():
        getattr(observation, name).set(items)
    if observation.status == Observation.Status.PUBLISHED:
        _check_publishable(observation)
    audit_log(
        "journal.observation.updated",
        actor=by,
        obj=observation,
        setting=observation.setting,
        data={"fields": sorted(changed), "version": observation.version},
    )
    return observation


@transaction.atomic
def observation_add_media(*, observation: Observation, by: Any, uploads: Iterable = (), media: Iterable = ()) -> list:
    """Add photos and files to an observation (tagged with all its children to start with)."""
    if observation.status == Observation.Status.PUBLISHED:
        observation = Observation.objects.select_for_update().get(pk=observation.pk)
        _keep_version_if_published(observation, by=by)
        observation.save(update_fields=["version", "updated_at"])
    children = list(Child.objects.filter(observation_links__observation=observation))
    uploaded = _upload_all(setting=observation.setting, uploads=uploads, by=by)
    files = list(media) + uploaded
    try:
        _attach_media(observation, files, tag_children=children)
    except Exception:
        _delete_files(uploaded)
        raise
    audit_log(
        "journal.observation.media_added",
        actor=by,
        obj=observation,
        setting=observation.setting,
        data={"media": [str(m.pk) for m in files]},
    )
    return files


@transaction.atomic
def observation_media_tag(
    *, link: ObservationMedia, by: Any, children: Iterable[Child], caption: str | None = None
) -> ObservationMedia:
    """Say which of the observation's children appear in one photo (and its caption). Who is
    in a photo decides whose consent is asked before another family sees it."""
    allowed = set(
        ObservationChild.objects.filter(observation_id=link.observation_id).values_list("child_id", flat=True)
    )
    children = list(children)
    if any(c.pk not in allowed for c in children):
        raise JournalError({"children": _("Only children of this observation can be tagged in its photos.")})
    observation = Observation.objects.select_for_update().get(pk=link.observation_id)
    before = {c.pk for c in link.children_in_photo.all()}
    if before == {c.pk for c in children} and (caption is None or caption.strip() == link.caption):
        return link
    _keep_version_if_published(observation, by=by)
    observation.save(update_fields=["version", "updated_at"])
    link.children_in_photo.set(children)
    if caption is not None:
        link.caption = caption.strip()
        link.full_clean()
        link.save(update_fields=["caption"])
    if observation.status == Observation.Status.PUBLISHED:
        _check_publishable(observation)
    audit_log(
        "journal.observation.photo_tagged",
        actor=by,
        obj=observation,
        setting=observation.setting,
        data={"media": str(link.media_id), "children": sorted(str(c.pk) for c in children)},
    )
    return link


def publish_problems(observation: Observation) -> list[str]:
    """Why OBSERVATION cannot be shown to families yet, in words staff can act on."""
    problems = []
    children = list(Child.objects.filter(observation_links__observation=observation))
    if not children:
        problems.append(_("Choose at least one child."))
    links = list(observation.media_links.select_related("media").prefetch_related("children_in_photo"))
    if not (observation.text_markdown or observation.child_voice or links):
        problems.append(_("Write what happened, or add a photo."))
    in_photos = {c.pk: c for link in links for c in link.children_in_photo.all()}
    consents = consent_map(in_photos, kinds=[ConsentKind.PHOTOS_OWN_JOURNAL])
    for child in sorted(in_photos.values(), key=lambda c: c.known_as):
        if not consents.has(child.pk, ConsentKind.PHOTOS_OWN_JOURNAL):
            problems.append(
                _(
                    "%(child)s's family has not agreed to photos in their journal: untag %(child)s from the "
                    "photos or remove the photos."
                )
                % {"child": child.known_as}
            )
    for link in links:
        if link.media.status == "failed":
            problems.append(
                _("A file could not be prepared (%(reason)s): remove it.") % {"reason": link.media.failure_reason}
            )
    return problems


def _check_publishable(observation: Observation) -> None:
    problems = publish_problems(observation)
    if problems:
        raise JournalError(problems)


@transaction.atomic
def observation_publish(
    *,
    observation: Observation,
    by: Any,
    staff: StaffMember,
    perms: StaffPermissions,
    publish_at: dt.datetime | None = None,
) -> Observation:
    """Share an observation with the families of its children, now or at PUBLISH_AT. When the
    setting asks a manager to review this author's work, it waits for review instead. Every
    child in a photo must have consent for photos in their own journal."""
    observation = Observation.objects.select_for_update().get(pk=observation.pk)
    if observation.status == Observation.Status.PUBLISHED:
        raise JournalError(_("This observation is already shared with families."))
    _check_publishable(observation)
    now = timezone.now()
    if publish_at is not None and publish_at <= now:
        publish_at = None
    observation.publish_at = publish_at
    if needs_review(author=observation.author, perms=perms) and staff.pk == observation.author_id:
        observation.status = Observation.Status.AWAITING_REVIEW
        observation.full_clean()
        observation.save(update_fields=["status", "publish_at", "updated_at"])
        audit_log("journal.observation.submitted", actor=by, obj=observation, setting=observation.setting)
        return observation
    if needs_review(author=observation.author, perms=perms):
        # someone other than the author, without review rights, cannot publish it for them
        raise JournalError(_("A manager must review this observation before families see it."))
    return _publish(observation, by=by, reviewer=staff if perms.can_manage_staff else None, now=now)


def _publish(observation: Observation, *, by: Any, reviewer: StaffMember | None, now: dt.datetime) -> Observation:
    observation.status = Observation.Status.PUBLISHED
    observation.reviewed_by = reviewer if reviewer is not None else observation.reviewed_by
    # A scheduled observation waits, unpublished to families, for observations_release_due.
    observation.published_at = None if observation.publish_at else now
    observation.full_clean()
    observation.save(update_fields=["status", "publish_at", "published_at", "reviewed_by", "updated_at"])
    audit_log(
        "journal.observation.published",
        actor=by,
        obj=observation,
        setting=observation.setting,
        data={"scheduled": observation.publish_at is not None},
    )
    return observation


@transaction.atomic
def observation_approve(
    *, observation: Observation, by: Any, reviewer: StaffMember, perms: StaffPermissions
) -> Observation:
    """A manager (can_manage_staff) approves an observation waiting for review: it is published
    (at its chosen time, if it had one)."""
    if not perms.can_manage_staff:
        raise JournalError(_("Only a manager can review observations."))
    observation = Observation.objects.select_for_update().get(pk=observation.pk)
    if observation.status != Observation.Status.AWAITING_REVIEW:
        raise JournalError(_("This observation is not waiting for review."))
    _check_publishable(observation)
    publish_at = observation.publish_at if observation.publish_at and observation.publish_at > timezone.now() else None
    observation.publish_at = publish_at
    return _publish(observation, by=by, reviewer=reviewer, now=timezone.now())


@transaction.atomic
def observation_return(*, observation: Observation, by: Any, perms: StaffPermissions) -> Observation:
    """A manager sends an observation back to its author as a draft."""
    if not perms.can_manage_staff:
        raise JournalError(_("Only a manager can review observations."))
    observation = Observation.objects.select_for_update().get(pk=observation.pk)
    if observation.status != Observation.Status.AWAITING_REVIEW:
        raise JournalError(_("This observation is not waiting for review."))
    observation.status = Observation.Status.DRAFT
    observation.save(update_fields=["status", "updated_at"])
    audit_log("journal.observation.returned", actor=by, obj=observation, setting=observation.setting)
    return observation


def observations_release_due(*, setting_id: Any, now: dt.datetime | None = None) -> int:
    """Scheduled observations whose time has come are shown to families (called by the
    periodic task inside the setting's scope). Safe to run twice. Returns how many."""
    now = now or timezone.now()
    released = 0
    due = Observation.objects.filter(
        setting_id=setting_id, status=Observation.Status.PUBLISHED, publish_at__lte=now, published_at__isnull=True
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            observation = Observation.objects.select_for_update().get(pk=pk)
            if observation.published_at is not None:
                continue
            observation.published_at = observation.publish_at
            observation.save(update_fields=["published_at", "updated_at"])
            audit_log("journal.observation.released", actor=None, obj=observation, setting=observation.setting)
            released += 1
    return released


# --- comments -------------------------------------------------------------------------------------


@transaction.atomic
def comment_add(
    *,
    observation: Observation,
    child: Child,
    by: Any,
    text: str,
    guardian: Guardian | None = None,
    reply_to: Comment | None = None,
) -> Comment:
    """Add to CHILD's thread on an observation: a guardian of the child (GUARDIAN) once it is
    shared with families, or staff. The child's key person is e-mailed about a family's comment."""
    text = (text or "").strip()
    if not text:
        raise JournalError({"text": _("Write a comment first.")})
    if not ObservationChild.objects.filter(observation=observation, child=child).exists():
        raise JournalError({"child": _("This child is not in this observation.")})
    if guardian is not None and not observation.is_visible_to_families:
        raise JournalError(_("This observation is not shared with families."))
    if reply_to is not None and (reply_to.observation_id != observation.pk or reply_to.child_id != child.pk):
        raise JournalError({"reply_to": _("You can only reply in the same thread.")})
    comment = Comment(
        setting=observation.setting,
        observation=observation,
        child=child,
        reply_to=reply_to,
        author=by,
        guardian=guardian,
        text=text,
    )
    comment.full_clean()
    comment.save()
    audit_log(
        "journal.comment.added",
        actor=by,
        obj=comment,
        setting=observation.setting,
        child=child,
        data={"observation": str(observation.pk), "from_family": guardian is not None},
    )
    if guardian is not None:
        from tandem.journal.tasks import comment_email_key_person

        setting_id, comment_id = str(observation.setting_id), str(comment.pk)
        transaction.on_commit(lambda: comment_email_key_person.enqueue(setting_id, comment_id))
    return comment


@transaction.atomic
def comment_hide(*, comment: Comment, by: Any, reason: str = "") -> Comment:
    """Hide a comment from families. It stays in the record and staff still see it."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.hidden_at is not None:
        return comment
    comment.hidden_at = timezone.now()
    comment.hidden_by = by
    comment.hidden_reason = reason.strip()
    comment.full_clean()
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    audit_log("journal.comment.hidden", actor=by, obj=comment, setting=comment.setting, child=comment.child)
    return comment


def comment_key_person_email(*, comment_id: Any) -> int:
    """E-mail the child's key person (in their own language) about a family's comment. Called
    by the task in the setting's scope; safe to run twice (marked once sent)."""
    with transaction.atomic():
        comment = (
            Comment.objects.select_for_update(of=("self",))
            .select_related("child__key_person__user", "observation", "setting", "guardian")
            .filter(pk=comment_id)
            .first()
        )
        if comment is None or comment.key_person_emailed_at is not None or comment.hidden_at is not None:
            return 0
        key_person = comment.child.key_person
        if key_person is None or not key_person.user.email:
            return 0
        user = key_person.user
        url = settings.SITE_URL + reverse(
            "journal:detail", kwargs={"setting_slug": comment.setting.slug, "observation_id": comment.observation_id}
        )
        with translation.override(user.language or settings.LANGUAGE_CODE):
            subject = _("%(guardian)s commented on an observation of %(child)s") % {
                "guardian": comment.guardian.full_name if comment.guardian else "",
                "child": comment.child.known_as,
            }
            body = render_to_string(
                "journal/email/comment_key_person.txt",
                {"comment": comment, "child": comment.child, "user": user, "url": url, "setting": comment.setting},
            )
        send_mail(f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body, settings.DEFAULT_FROM_EMAIL, [user.email])
        comment.key_person_emailed_at = timezone.now()
        comment.save(update_fields=["key_person_emailed_at"])
        return 1


# --- families taking part -------------------------------------------------------------------------


def _guardian_of(child: Child, guardian: Guardian) -> None:
    if not ChildGuardian.objects.filter(child=child, guardian=guardian).exists():
        raise JournalError(_("Only the child's own parents and carers can do this."))


@transaction.atomic
def home_moment_add(
    *,
    child: Child,
    guardian: Guardian,
    by: Any,
    text: str = "",
    language: str = "",
    occurred_on: dt.date | None = None,
    uploads: Iterable = (),
) -> HomeMoment:
    """A guardian adds a moment from home to their child's journal (text in their own language,
    photos, video). A bad file saves nothing."""
    _guardian_of(child, guardian)
    uploads = list(uploads)
    if not (text or "").strip() and not uploads:
        raise JournalError({"text": _("Write something or add a photo.")})
    prefs = getattr(guardian, "preferences", None)
    moment = HomeMoment(
        setting=child.setting,
        child=child,
        guardian=guardian,
        text=(text or "").strip(),
        language=language or (prefs.language if prefs else "") or settings.LANGUAGE_CODE,
        occurred_on=occurred_on or timezone.localdate(),
    )
    moment.full_clean()
    moment.save()
    files = _upload_all(setting=child.setting, uploads=uploads, by=by)
    if files:
        moment.media.set(files)
    audit_log(
        "journal.home_moment.added",
        actor=by,
        obj=moment,
        setting=child.setting,
        child=child,
        data={"media": len(files)},
    )
    return moment


@transaction.atomic
def home_moment_acknowledge(
    *,
    moment: HomeMoment,
    by: Any,
    staff: StaffMember,
    note: str = "",
    build_on_in_planning: bool = False,
    areas: Iterable = (),
    statements: Iterable = (),
) -> HomeMoment:
    """Staff acknowledge a moment from home, link it to the curriculum and may mark it to build
    on in planning. Acknowledging again updates the note and links."""
    moment = HomeMoment.objects.select_for_update().get(pk=moment.pk)
    links = {"areas": list(areas), "statements": list(statements)}
    _check_links(moment.setting, links)
    moment.acknowledged_at = moment.acknowledged_at or timezone.now()
    moment.acknowledged_by = staff
    moment.staff_note = note.strip()
    moment.build_on_in_planning = build_on_in_planning
    moment.full_clean()
    moment.save()
    moment.areas.set(links["areas"])
    moment.statements.set(links["statements"])
    audit_log(
        "journal.home_moment.acknowledged",
        actor=by,
        obj=moment,
        setting=moment.setting,
        child=moment.child,
        data={"build_on_in_planning": build_on_in_planning},
    )
    return moment


@transaction.atomic
def tried_at_home_record(
    *, observation: Observation, child: Child, guardian: Guardian, by: Any, note: str = ""
) -> TriedAtHome:
    """A family says "we tried this at home" about an observation's ideas (once per guardian;
    saying it again updates the note)."""
    _guardian_of(child, guardian)
    if not observation.is_visible_to_families or not observation.home_ideas:
        raise JournalError(_("This observation has no ideas to try at home."))
    if not ObservationChild.objects.filter(observation=observation, child=child).exists():
        raise JournalError(_("This child is not in this observation."))
    tried, created = TriedAtHome.objects.get_or_create(
        observation=observation,
        child=child,
        guardian=guardian,
        defaults={"setting": observation.setting, "note": note.strip()},
    )
    if not created:
        tried.note = note.strip()
        tried.seen_at = None
        tried.full_clean()
        tried.save(update_fields=["note", "seen_at"])
    audit_log(
        "journal.tried_at_home.recorded",
        actor=by,
        obj=tried,
        setting=observation.setting,
        child=child,
        data={"observation": str(observation.pk)},
    )
    return tried
