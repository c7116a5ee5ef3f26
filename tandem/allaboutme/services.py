"""The verbs of All About Me. Every write from a page, the API or the demo comes through here.

Rules: a save is a new version, never an edit of an old one; a family member saves their own
child's form online; staff record how they got the answers (from the paper form, together at a
home visit, after talking with the family). An empty form, or one that says exactly what the
current version says, is refused with a message and changes nothing. The caller has already
checked who may do this through tandem.access."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.allaboutme.models import (
    CONTENT_FIELDS,
    MAX_ANSWER,
    STAFF_METHODS,
    AllAboutMe,
    AllAboutMeDraft,
    AllAboutMeVersion,
    HowFilledIn,
)
from tandem.core.audit import audit_log
from tandem.core.models import Child, ChildGuardian, Guardian


class AllAboutMeError(ValidationError):
    """A rule about All About Me was broken; the message says why, in the person's language."""


def _clean_answers(data: dict[str, Any]) -> dict[str, str]:
    unknown = set(data) - set(CONTENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    answers = {name: str(data.get(name) or "").strip() for name in CONTENT_FIELDS}
    too_long = [name for name, value in answers.items() if len(value) > MAX_ANSWER]
    if too_long:
        raise AllAboutMeError(
            {name: _("Please keep this to %(max)s characters.") % {"max": MAX_ANSWER} for name in too_long}
        )
    return answers


@transaction.atomic
def all_about_me_save(
    *,
    child: Child,
    by: Any,
    answers: dict[str, Any],
    how: str,
    guardian: Guardian | None = None,
) -> AllAboutMeVersion:
    """Save CHILD's All About Me as a new version (the earlier ones stay). GUARDIAN is the
    family member who filled it in (required online; optional for staff, who say HOW they got
    the answers). The author's draft is cleared and the key persons are told of a family's
    update."""
    answers = _clean_answers(answers)
    if not any(answers.values()):
        raise AllAboutMeError(_("Write something in at least one box before you save."))
    if how == HowFilledIn.ONLINE:
        if guardian is None:
            raise AllAboutMeError(_("Only a parent or carer of the child fills the form in online."))
    elif how not in STAFF_METHODS:
        raise AllAboutMeError({"how": _("Say how the answers were given.")})
    if guardian is not None and not ChildGuardian.objects.filter(child=child, guardian=guardian).exists():
        raise AllAboutMeError({"guardian": _("Choose a parent or carer of this child.")})

    about, _created = AllAboutMe.objects.select_for_update(of=("self",)).get_or_create(
        child=child, defaults={"setting": child.setting}
    )
    if about.current_id is not None:
        current = AllAboutMeVersion.objects.get(pk=about.current_id)
        if current.content() == answers:
            raise AllAboutMeError(_("Nothing has changed since the last version, so there is nothing new to save."))
    number = (about.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = AllAboutMeVersion(
        setting=child.setting,
        child=child,
        about=about,
        number=number,
        how=how,
        guardian=guardian,
        entered_by=by,
        **answers,
    )
    version.full_clean()
    version.save()
    about.current = version
    about.updated_at = version.created_at
    about.save(update_fields=["current", "updated_at"])
    AllAboutMeDraft.objects.filter(child=child, author=by).delete()
    audit_log(
        "allaboutme.version.saved",
        actor=by,
        obj=version,
        setting=child.setting,
        child=child,
        data={"number": number, "how": how, "fields": sorted(k for k, v in answers.items() if v)},
    )
    if how == HowFilledIn.ONLINE:
        from tandem.notify.services import notify_staff

        key_people = [m for m in (child.key_person, child.backup_key_person) if m is not None]
        if key_people:
            notify_staff(
                setting=child.setting,
                staff=key_people,
                kind="allaboutme.updated",
                template="allaboutme/notices/updated",
                context={"child": child.known_as, "guardian": guardian.full_name, "number": number},
                url=reverse("allaboutme:child", args=[child.setting.slug, child.pk]),
                source=version,
                child=child,
                sent_by=by,
            )
    return version


@transaction.atomic
def all_about_me_draft_save(*, child: Child, by: Any, answers: dict[str, Any]) -> AllAboutMeDraft:
    """Keep BY's half-filled answers for CHILD to come back to (only BY sees them)."""
    answers = _clean_answers(answers)
    draft, _created = AllAboutMeDraft.objects.update_or_create(
        child=child,
        author=by,
        defaults={"setting": child.setting, "data": answers, "saved_at": timezone.now()},
    )
    audit_log("allaboutme.draft.saved", actor=by, obj=draft, setting=child.setting, child=child)
    return draft


@transaction.atomic
def all_about_me_draft_discard(*, child: Child, by: Any) -> int:
    """Throw away BY's draft for CHILD (the saved versions are not touched)."""
    deleted, _detail = AllAboutMeDraft.objects.filter(child=child, author=by).delete()
    return deleted
