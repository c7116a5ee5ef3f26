"""Reads of announcements. Staff lists start from the membership (tandem.access) and stay in
their setting; a family sees only announcements that were sent to one of its guardians. Every
list is a fixed number of queries whatever the number of rows (5,000 guardians: still a handful)."""

from collections import defaultdict

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from tandem.access import rules
from tandem.access.rules import uuid_or_404
from tandem.announcements.models import Announcement, AnnouncementRecipient, QuestionAnswer
from tandem.core.models import Child, CommunicationPreference, Family, Guardian, Setting, StaffMember

# --- the audience ---------------------------------------------------------------------------------


def _current_children(setting: Setting) -> QuerySet[Child]:
    today = setting.today()
    return Child.objects.filter(setting=setting).filter(Q(leave_date__isnull=True) | Q(leave_date__gte=today))


def audience_guardians(announcement: Announcement) -> QuerySet[Guardian]:
    """Every guardian the announcement goes to, as one query: guardians of the setting's current
    children (whole setting), of children in the chosen rooms, or of the chosen families.
    Guardians of another setting are never included, whatever was chosen."""
    return guardians_for_audience(
        setting=announcement.setting,
        audience=announcement.audience,
        rooms=announcement.rooms.all(),
        families=announcement.families.all(),
    )


def guardians_for_audience(*, setting: Setting, audience: str, rooms=(), families=()) -> QuerySet[Guardian]:
    children = _current_children(setting)
    if audience == Announcement.Audience.ROOMS:
        children = children.filter(room__in=[r.pk for r in rooms if r.setting_id == setting.pk])
    elif audience == Announcement.Audience.FAMILIES:
        return Guardian.objects.filter(
            setting=setting, family__in=[f.pk for f in families if f.setting_id == setting.pk]
        ).order_by("pk")
    elif audience != Announcement.Audience.SETTING:
        return Guardian.objects.none()
    return Guardian.objects.filter(setting=setting, pk__in=_guardian_ids_of(children.values("pk"))).order_by("pk")


def _guardian_ids_of(child_ids) -> QuerySet:
    from tandem.core.models import ChildGuardian

    return ChildGuardian.objects.filter(child_id__in=child_ids).values("guardian_id")


def audience_staff(announcement: Announcement) -> QuerySet[StaffMember]:
    return StaffMember.objects.filter(setting=announcement.setting, is_active=True).order_by("pk")


def audience_languages(guardians) -> set[str]:
    """The languages the guardians chose (one query)."""
    ids = [g.pk for g in guardians]
    languages = set()
    for start in range(0, len(ids), 900):  # SQLite's limit on parameters
        languages |= set(
            CommunicationPreference.objects.filter(guardian_id__in=ids[start : start + 900])
            .values_list("language", flat=True)
            .distinct()
        )
    return languages


def audience_summary(announcement: Announcement, *, rooms=None, families=None) -> dict:
    """How many families and guardians it would reach now (for the compose preview: ROOMS and
    FAMILIES as chosen on the form, before anything is saved)."""
    if announcement.audience == Announcement.Audience.STAFF:
        return {"families": 0, "guardians": 0, "staff": audience_staff(announcement).count()}
    if rooms is None and families is None:
        qs = audience_guardians(announcement)
    else:
        qs = guardians_for_audience(
            setting=announcement.setting, audience=announcement.audience, rooms=rooms or [], families=families or []
        )
    counts = qs.aggregate(guardians=Count("pk", distinct=True), families=Count("family", distinct=True))
    return {**counts, "staff": 0}


# --- staff ----------------------------------------------------------------------------------------


def announcements_for_staff(*, user, setting: Setting) -> QuerySet[Announcement]:
    """Every announcement of SETTING, newest first, with counts of families sent to and families
    who opened it (two subquery-free aggregates in one query)."""
    rules.membership_for_user(user, setting_slug=setting.slug)
    return (
        Announcement.objects.filter(setting=setting)
        .select_related("created_by")
        .annotate(
            family_count=Count("recipients__family", distinct=True),
            read_family_count=Count("recipients__family", filter=Q(recipients__read_at__isnull=False), distinct=True),
        )
        .order_by("-created_at")
    )


def announcement_for_staff(*, user, setting: Setting, announcement_id) -> Announcement:
    pk = uuid_or_404(announcement_id)
    announcement = (
        announcements_for_staff(user=user, setting=setting)
        .select_related("setting", "sent_by", "scheduled_by")
        .filter(pk=pk)
        .first()
    )
    if announcement is None:
        raise Http404
    return announcement


def read_tracking(announcement: Announcement) -> dict:
    """Families sent to and families who opened it, and the families who have NOT: each with
    their children at the setting, the room and key person, so staff can tell them at pick-up.
    Four queries, whatever the number of families."""
    rows = list(AnnouncementRecipient.objects.filter(announcement=announcement).values_list("family_id", "read_at"))
    sent, read = set(), set()
    for family_id, read_at in rows:
        sent.add(family_id)
        if read_at is not None:
            read.add(family_id)
    unread_ids = sent - read
    families = list(Family.objects.filter(pk__in=unread_ids).order_by("name"))
    children = defaultdict(list)
    for child in (
        _current_children(announcement.setting)
        .filter(family_id__in=unread_ids)
        .select_related("room", "key_person__user")
        .order_by("first_name")
    ):
        children[child.family_id].append(child)
    not_seen = [{"family": family, "children": children.get(family.pk, [])} for family in families]
    return {"sent": len(sent), "read": len(read), "not_seen": not_seen}


def answers_for_staff(announcement: Announcement) -> dict:
    """Each guardian's answer, with counts of yes and no (one query)."""
    answers = list(
        QuestionAnswer.objects.filter(announcement=announcement)
        .select_related("guardian__family")
        .order_by("guardian__family__name", "guardian__first_name")
    )
    yes = sum(1 for a in answers if a.answer == QuestionAnswer.Answer.YES)
    return {"answers": answers, "yes": yes, "no": len(answers) - yes}


def translation_status(announcement: Announcement) -> list[dict]:
    """For staff: each language asked for, and whether the title and message are translated
    (ready and made from the current text) or still waiting. One query."""
    from django.conf import settings

    from tandem.translations.models import TextTranslation, text_hash

    names = dict(settings.LANGUAGES)
    rows = TextTranslation.objects.filter(
        source_type=announcement._meta.label_lower, source_id=str(announcement.pk), field__in=["title", "body_markdown"]
    )
    by_language: dict[str, bool] = {}
    for row in rows:
        current = row.source_hash == text_hash(getattr(announcement, row.field))
        ready = row.is_ready and current
        by_language[row.language] = by_language.get(row.language, True) and ready
    return [
        {"language": code, "name": names.get(code, code), "ready": ready} for code, ready in sorted(by_language.items())
    ]


def versions(announcement: Announcement):
    from tandem.core.models import RecordVersion

    return RecordVersion.objects.filter(
        setting=announcement.setting, object_type=announcement._meta.label_lower, object_id=str(announcement.pk)
    ).select_related("changed_by")


def room_choices(*, user, setting: Setting):
    return rules.rooms_visible_to(user, setting=setting).order_by("name")


def family_choices(*, user, setting: Setting):
    return rules.families_visible_to(user, setting=setting).order_by("name")


# --- families -------------------------------------------------------------------------------------


def recipients_for_family(*, user) -> QuerySet[AnnouncementRecipient]:
    """USER's announcements (sent to one of their guardian records), newest first."""
    return (
        AnnouncementRecipient.objects.filter(guardian__user=user, announcement__status=Announcement.Status.SENT)
        .select_related("announcement__setting")
        .order_by("-announcement__sent_at")
    )


def recipient_for_family(*, user, announcement_id) -> AnnouncementRecipient:
    """The row through which USER received the announcement; 404 for one they were not sent
    (another room's, another family's, another setting's, a draft or a staff one)."""
    pk = uuid_or_404(announcement_id)
    recipient = (
        recipients_for_family(user=user)
        .select_related("announcement__setting", "guardian")
        .filter(announcement_id=pk)
        .first()
    )
    if recipient is None:
        raise Http404
    return recipient


def families_by_language(announcement: Announcement) -> dict[str, list[Family]]:
    """The families the announcement went to (or, before sending, would go to), grouped by the
    language they read (their first guardian's choice; the announcement's own language when none
    chose), each list by family name. Three queries."""
    if announcement.is_sent:
        family_ids = set(
            AnnouncementRecipient.objects.filter(announcement=announcement).values_list("family_id", flat=True)
        )
    else:
        family_ids = set(audience_guardians(announcement).values_list("family_id", flat=True))
    prefs = {}
    for family_id, language in (
        CommunicationPreference.objects.filter(guardian__family_id__in=family_ids)
        .order_by("guardian__first_name", "guardian_id")
        .values_list("guardian__family_id", "language")
    ):
        prefs.setdefault(family_id, language)
    groups: dict[str, list[Family]] = defaultdict(list)
    for family in Family.objects.filter(pk__in=family_ids).order_by("name"):
        groups[prefs.get(family.pk) or announcement.language].append(family)
    return dict(sorted(groups.items()))


def answer_for(recipient: AnnouncementRecipient) -> QuestionAnswer | None:
    return QuestionAnswer.objects.filter(
        announcement_id=recipient.announcement_id, guardian_id=recipient.guardian_id
    ).first()


def reader_language(guardian: Guardian, default: str) -> str:
    pref = CommunicationPreference.objects.filter(guardian=guardian).values_list("language", flat=True).first()
    return pref or default


def family_language(*, user, default: str) -> str:
    """The language USER chose for the setting's messages (their communication preferences),
    else DEFAULT (the page's language)."""
    pref = (
        CommunicationPreference.objects.filter(guardian__user=user)
        .order_by("-updated_at")
        .values_list("language", flat=True)
        .first()
    )
    return pref or default


def translated(announcement: Announcement, language: str) -> dict:
    """The title, body (HTML) and question in LANGUAGE where a ready translation of the current
    text exists; `translated` says whether anything was."""
    from tandem.journal.text import render_markdown
    from tandem.translations.selectors import translation_for

    result = {
        "title": announcement.title,
        "body_html": announcement.body_html,
        "question": announcement.question,
        "translated": False,
        "language": announcement.language,
    }
    if language == announcement.language:
        return result
    for field, key in (("title", "title"), ("body_markdown", "body_html"), ("question", "question")):
        text = getattr(announcement, field)
        if not text:
            continue
        found = translation_for(source=announcement, field=field, text=text, language=language)
        if found:
            result[key] = render_markdown(found) if field == "body_markdown" else found
            result["translated"] = True
    if result["translated"]:
        result["language"] = language
    return result


def translated_titles(recipients: list[AnnouncementRecipient], language: str) -> dict:
    """Titles in LANGUAGE for a list (one query)."""
    from tandem.translations.models import text_hash
    from tandem.translations.selectors import translations_for

    announcements = [r.announcement for r in recipients if r.announcement.language != language]
    rows = translations_for(sources=announcements, field="title", language=language)
    return {
        a.pk: rows[str(a.pk)].text
        for a in announcements
        if str(a.pk) in rows and rows[str(a.pk)].source_hash == text_hash(a.title)
    }


def has_unread(*, user) -> bool:
    return recipients_for_family(user=user).filter(read_at__isnull=True).exists()
