"""Reads of structured conversations. Each starts from tandem.access: staff who follow the
child's progress (the key person, or can_oversee_progress: see tandem.worries.selectors) see a
child's conversations; a guardian sees only their own child's, never the staff-only notes."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from tandem.access import rules
from tandem.access.rules import uuid_or_404
from tandem.core.models import Child, Guardian
from tandem.meetings.models import Conversation, FamilyComment, Priority
from tandem.worries.selectors import child_for_staff  # noqa: F401 (one rule for both)


def _with_plan(qs: QuerySet[Conversation]) -> QuerySet[Conversation]:
    return qs.select_related("key_person__user", "child").prefetch_related(
        Prefetch("priorities", queryset=Priority.objects.order_by("order")),
        Prefetch("family_comments", queryset=FamilyComment.objects.select_related("guardian")),
    )


def conversations_for_child(*, child: Child) -> QuerySet[Conversation]:
    return _with_plan(Conversation.objects.filter(child=child)).order_by("-meeting_on", "-created_at")


def conversation_for_staff(user, *, membership, conversation_id) -> Conversation:
    conversation = (
        _with_plan(Conversation.objects.filter(setting=membership.setting))
        .select_related("child__key_person", "worry", "follows")
        .filter(pk=uuid_or_404(conversation_id))
        .first()
    )
    if conversation is None:
        raise Http404
    child_for_staff(user, membership=membership, child_id=conversation.child_id)  # 404 unless they follow the child
    return conversation


def conversation_for_guardian(user, *, conversation_id) -> Conversation:
    """A recorded conversation about one of the user's own children."""
    conversation = (
        _with_plan(Conversation.objects.filter(child__in=rules.guardian_child_ids(user)))
        .exclude(status=Conversation.Status.PLANNED)
        .filter(pk=uuid_or_404(conversation_id))
        .first()
    )
    if conversation is None:
        raise Http404
    rules.child_for_user(user, child_id=conversation.child_id)  # the read is audited
    return conversation


def guardian_for_child(*, child: Child, user) -> Guardian:
    guardian = Guardian.objects.filter(user=user, child_links__child=child).first()
    if guardian is None:
        raise Http404
    return guardian


def versions(conversation: Conversation):
    from tandem.core.models import RecordVersion

    return RecordVersion.objects.filter(
        object_type=conversation._meta.label_lower, object_id=str(conversation.pk)
    ).order_by("-pk")


def upcoming_for_staff(user, *, membership) -> list[Conversation]:
    """Planned meetings and plans waiting for their review, soonest first, for the children USER
    follows (their key children; every child for overseers of progress). Each has `due_on`."""
    qs = Conversation.objects.filter(
        setting=membership.setting,
        child__in=rules.children_progress_followed_by(user, setting=membership.setting),
        status__in=(Conversation.Status.PLANNED, Conversation.Status.HELD),
    )
    rows = list(qs.select_related("child__room", "key_person__user"))
    for c in rows:
        c.due_on = c.meeting_on if c.status == Conversation.Status.PLANNED else c.review_on
    return sorted(rows, key=lambda c: (c.due_on, c.child.first_name))


def conversations_for_guardian(user) -> QuerySet[Conversation]:
    """Every conversation about the user's own children (planned ones too), newest first."""
    return _with_plan(Conversation.objects.filter(child__in=rules.guardian_child_ids(user))).order_by(
        "child__first_name", "-meeting_on"
    )


def attach_translations(conversations, *, language: str) -> None:
    """Set `<field>_translated` on each conversation's focus, priorities and family comments
    when a ready translation into LANGUAGE exists for the current text (a few queries in all)."""
    from tandem.translations.models import text_hash
    from tandem.translations.selectors import translations_for

    conversations = list(conversations)
    priorities = [p for c in conversations for p in c.priorities.all()]
    comments = [m for c in conversations for m in c.family_comments.all()]
    for rows, field in (
        (conversations, "focus"),
        (priorities, "text"),
        (priorities, "at_home"),
        (priorities, "in_setting"),
        (comments, "text"),
    ):
        found = translations_for(sources=rows, field=field, language=language)
        for row in rows:
            t = found.get(str(row.pk))
            ok = t is not None and t.source_hash == text_hash(getattr(row, field))
            setattr(row, f"{field}_translated", t.text if ok else "")
