"""Reads of consultations, already scoped: staff through their membership of the setting
(tandem.access), families through their own guardianships and the consultation's audience.
A family sees its own comments with every reply to them, and the replies the setting chose to
show everyone (with the comment, never the commenter's name)."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from tandem.access import rules
from tandem.access.permissions import StaffPermissions
from tandem.access.rules import uuid_or_404
from tandem.consultations.models import Audience, Comment, Consultation, Reply, Version
from tandem.core.models import ChildGuardian, CommunicationPreference, Guardian, StaffMember


def latest_version(consultation: Consultation) -> Version | None:
    return consultation.versions.order_by("-number").first()


def versions(consultation: Consultation) -> list[Version]:
    return list(consultation.versions.order_by("-number"))


def published_versions(consultation: Consultation) -> list[Version]:
    return list(consultation.versions.filter(published_at__isnull=False).order_by("-number"))


def audience_guardians(consultation: Consultation) -> list[Guardian]:
    today = consultation.setting.today()
    ids = (
        ChildGuardian.objects.filter(child__setting=consultation.setting)
        .filter(Q(child__leave_date__isnull=True) | Q(child__leave_date__gte=today))
        .values("guardian_id")
    )
    return list(Guardian.objects.filter(pk__in=ids))


def audience_staff(consultation: Consultation) -> list[StaffMember]:
    return list(StaffMember.objects.filter(setting=consultation.setting, is_active=True))


def audience_languages(consultation: Consultation) -> set[str]:
    if not consultation.for_families():
        return set()
    ids = [g.pk for g in audience_guardians(consultation)]
    return set(CommunicationPreference.objects.filter(guardian_id__in=ids).values_list("language", flat=True))


def managers(setting) -> list[StaffMember]:
    staff = StaffMember.objects.filter(setting=setting, is_active=True)
    return [s for s in staff if StaffPermissions.for_roles(s.roles).can_manage_partnership]


# --- staff ----------------------------------------------------------------------------------------


def consultations_for_staff(*, user, setting, manager: bool) -> QuerySet[Consultation]:
    rules.membership_for_user(user, setting_slug=setting.slug)
    qs = Consultation.objects.filter(setting=setting)
    if not manager:
        qs = qs.filter(audience__in=[Audience.EVERYONE, Audience.STAFF], versions__published_at__isnull=False)
    return qs.annotate(
        version_count=Count("versions", filter=Q(versions__published_at__isnull=False), distinct=True),
        comment_count=Count("versions__comments", distinct=True),
    ).order_by("-created_at")


def consultation_for_staff(*, user, setting, consultation_id, manager: bool) -> Consultation:
    uuid_or_404(consultation_id)
    consultation = (
        consultations_for_staff(user=user, setting=setting, manager=manager).filter(pk=consultation_id).first()
    )
    if consultation is None:
        raise Http404
    return consultation


def comments_for_staff(consultation: Consultation) -> list[Comment]:
    return list(
        Comment.objects.filter(version__consultation=consultation)
        .select_related("version", "guardian", "author", "staff")
        .prefetch_related(Prefetch("replies", queryset=Reply.objects.select_related("by")))
        .order_by("-version__number", "paragraph", "created_at")
    )


def comment_for_staff(*, consultation: Consultation, comment_id) -> Comment:
    uuid_or_404(comment_id)
    comment = (
        Comment.objects.filter(version__consultation=consultation, pk=comment_id)
        .select_related("version__consultation", "guardian", "staff")
        .first()
    )
    if comment is None:
        raise Http404
    return comment


# --- families and anyone commenting ---------------------------------------------------------------


def family_consultations(*, user) -> list[Consultation]:
    setting_ids = list(Guardian.objects.filter(user=user).values_list("setting_id", flat=True))
    return list(
        Consultation.objects.filter(
            setting_id__in=setting_ids,
            audience__in=[Audience.EVERYONE, Audience.FAMILIES],
            versions__published_at__isnull=False,
        )
        .distinct()
        .select_related("setting")
        .order_by("-created_at")
    )


def consultation_for_family(*, user, consultation_id) -> tuple[Consultation, Guardian]:
    uuid_or_404(consultation_id)
    for consultation in family_consultations(user=user):
        if str(consultation.pk) == str(consultation_id):
            guardian = Guardian.objects.filter(user=user, setting=consultation.setting).first()
            return consultation, guardian
    raise Http404


def visible_comments(consultation: Consultation, *, author) -> tuple[list[Comment], list[Comment]]:
    """AUTHOR's own comments (with all replies), and others' comments that have a reply shown
    to everyone (with only those replies)."""
    own = list(
        Comment.objects.filter(version__consultation=consultation, author=author)
        .select_related("version")
        .prefetch_related("replies")
        .order_by("created_at")
    )
    public = list(
        Comment.objects.filter(version__consultation=consultation, replies__visibility=Reply.Visibility.EVERYONE)
        .exclude(author=author)
        .distinct()
        .select_related("version")
        .prefetch_related(Prefetch("replies", queryset=Reply.objects.filter(visibility=Reply.Visibility.EVERYONE)))
        .order_by("created_at")
    )
    return own, public


def translated(objects, field: str, language: str, source_language: str | None = None) -> None:
    """Set .shown_<field> on each object: the ready translation into LANGUAGE, else the text."""
    from tandem.translations.models import text_hash
    from tandem.translations.selectors import translations_for

    objects = list(objects)
    by_model: dict = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj)
    for group in by_model.values():
        rows = translations_for(sources=group, field=field, language=language)
        for obj in group:
            text = getattr(obj, field)
            row = rows.get(str(obj.pk))
            source = source_language or getattr(obj, "language", language)
            ok = row is not None and row.source_hash == text_hash(text) and source != language
            setattr(obj, f"shown_{field}", row.text if ok else text)
            setattr(obj, f"translated_{field}", ok)
