"""The evidence of partnership a manager prints before an inspection: one document for a chosen
period, made of sections. Each section is a function of (setting, period) returning a
`Section` (a title, the template that draws it and its context), or None when it has nothing
to say. The same sections make the page and the PDF.

Sections are registered here for the apps Tandem ships; an app added later registers its own:

    from tandem.engagement.evidence import Section, register_section
    register_section("events", order=70, build=lambda setting, period: Section(...))

Figures only: no section names a child. Families are named only where the record is about
what was agreed with them (never as a score)."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from tandem.core.models import Channel, CommunicationPreference, Digest, Guardian, Setting


@dataclass
class Section:
    key: str
    title: str
    template: str
    context: dict = field(default_factory=dict)
    summary: str = ""  # one sentence for the contents list


_SECTIONS: dict[str, tuple[int, Callable]] = {}


def register_section(key: str, *, order: int, build: Callable) -> None:
    _SECTIONS[key] = (order, build)


def build_sections(*, setting: Setting, period) -> list[Section]:
    sections = []
    for _key, (_order, build) in sorted(_SECTIONS.items(), key=lambda item: (item[1][0], item[0])):
        section = build(setting, period)
        if section is not None:
            sections.append(section)
    return sections


def _bar(rows, *, title, value_header, label_header):
    """A bar chart (tandem.reports.charts) that reads right to left in Arabic and Urdu."""
    from django.utils.translation import get_language_bidi

    from tandem.reports import charts

    return charts.bar_chart(
        rows, title=title, value_header=value_header, label_header=label_header, rtl=get_language_bidi()
    )


# --- the sections of the apps Tandem ships --------------------------------------------------------


def communication_section(setting: Setting, period) -> Section:
    """How each family asked to be contacted, in which language, and how often."""
    guardians = Guardian.objects.filter(setting=setting, child_links__child__leave_date__isnull=True).distinct()
    total = guardians.count()
    prefs = list(
        CommunicationPreference.objects.filter(setting=setting, guardian__in=guardians).only(
            "channels", "language", "digest", "needs_reading_help"
        )
    )
    channels = Counter(c for p in prefs for c in (p.channels or []))
    languages = Counter(p.language for p in prefs)
    digests = Counter(p.digest for p in prefs)
    channel_labels = dict(Channel.choices)
    digest_labels = dict(Digest.choices)
    from django.conf import settings as django_settings

    language_labels = dict(django_settings.LANGUAGES)
    channel_rows = [(str(channel_labels.get(k, k)), n) for k, n in channels.most_common()]
    return Section(
        key="communication",
        title=_("How we communicate with each family"),
        template="engagement/evidence/communication.html",
        context={
            "total": total,
            "with_preferences": len(prefs),
            "channels": channel_rows,
            "channel_chart": _bar(
                channel_rows,
                title=_("How parents and carers asked to be contacted"),
                value_header=_("Parents and carers"),
                label_header=_("Way of contact"),
            ),
            "languages": [(language_labels.get(k, k), n) for k, n in languages.most_common()],
            "digests": [(digest_labels.get(k, k), n) for k, n in digests.most_common()],
            "reading_help": sum(1 for p in prefs if p.needs_reading_help),
            "deliveries": _deliveries(setting, period),
        },
    )


def _deliveries(setting: Setting, period) -> dict:
    """How messages to families actually went out in the period: by channel, reached or not,
    how many went by a fallback (e-mail bounced, then a text or a letter), and how many were
    sent by a way of contact the family chose."""
    from django.db.models import Count, Q

    from tandem.notify.models import REACHED, Delivery, DeliveryChannel, DeliveryStatus

    start, end = _datetime_bounds(setting, period)
    deliveries = Delivery.objects.filter(
        setting=setting, created_at__gte=start, created_at__lt=end, recipient__guardian__isnull=False
    )
    labels = dict(DeliveryChannel.choices)
    rows = [
        (str(labels.get(r["channel"], r["channel"])), r["n"], r["reached"], r["failed"])
        for r in deliveries.values("channel")
        .annotate(
            n=Count("pk"),
            reached=Count("pk", filter=Q(status__in=REACHED)),
            failed=Count("pk", filter=Q(status=DeliveryStatus.FAILED)),
        )
        .order_by("-n")
    ]
    chosen = 0
    total = 0
    # One row per (channel, the guardian's chosen channels) pair, not one per delivery: a
    # year's messages to a large setting are a handful of combinations.
    combinations = (
        deliveries.exclude(channel=DeliveryChannel.PUSH)
        .values("channel", "recipient__guardian__preferences__channels")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in combinations:
        channel, wanted, n = row["channel"], row["recipient__guardian__preferences__channels"], row["n"]
        total += n
        if channel in (wanted or []) or (not wanted and channel in ("app", "email")):
            chosen += n
    return {
        "rows": rows,
        "total": total,
        "chosen": chosen,
        "percent_chosen": round(100 * chosen / total) if total else 0,
        "fallbacks": deliveries.filter(fallback_of__isnull=False).count(),
    }


def contributions_section(setting: Setting, period) -> Section:
    """What families added to their children's journals and days, by room."""
    from tandem.core.models import Family
    from tandem.engagement import selectors
    from tandem.engagement.sources import all_sources

    rows = selectors.engagement_for_families(
        setting=setting, families=Family.objects.filter(setting=setting), period=period
    )
    totals = selectors.source_totals(rows)
    source_rows = [(str(s.label), totals.get(s.key, 0)) for s in all_sources()]
    return Section(
        key="contributions",
        title=_("Families' contributions and contact"),
        template="engagement/evidence/contributions.html",
        context={
            "sources": source_rows,
            "sources_chart": _bar(
                source_rows,
                title=_("What families added and how they took part"),
                value_header=_("Number"),
                label_header=_("Kind of contribution"),
            ),
            "rooms": selectors.rooms_from(rows),
            "families": len(rows),
            "in_contact": sum(1 for r in rows if r.total),
        },
    )


# --- talking together, on purpose: structured conversations and progress worries --------------


def _median(values: list[int]) -> float | None:
    if not values:
        return None
    values = sorted(values)
    mid = len(values) // 2
    return float(values[mid]) if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def structured_conversations_section(setting: Setting, period) -> Section:
    """Structured conversations held with families, the priorities agreed and the reviews."""
    from django.db.models import Count

    from tandem.meetings.models import Conversation, FamilyComment, Mode, Priority

    held_statuses = (Conversation.Status.HELD, Conversation.Status.REVIEWED)
    held = Conversation.objects.filter(
        setting=setting, status__in=held_statuses, meeting_on__gte=period.start, meeting_on__lte=period.end
    )
    modes = dict(Mode.choices)
    by_mode = [(modes.get(row["mode"], row["mode"]), row["n"]) for row in held.values("mode").annotate(n=Count("pk"))]
    today = setting.today()
    return Section(
        key="structured_conversations",
        title=_("Structured conversations with families"),
        template="engagement/evidence/structured_conversations.html",
        context={
            "held": held.count(),
            "families": held.values("child__family_id").distinct().count(),
            "with_interpreter": held.filter(interpreter_used=True).count(),
            "by_mode": sorted(by_mode, key=lambda item: -item[1]),
            "priorities": Priority.objects.filter(setting=setting, conversation__in=held).count(),
            "reviewed": Conversation.objects.filter(
                setting=setting, reviewed_on__gte=period.start, reviewed_on__lte=period.end
            ).count(),
            "reviews_overdue": Conversation.objects.filter(
                setting=setting, status=Conversation.Status.HELD, review_on__lt=today
            ).count(),
            "family_comments": FamilyComment.objects.filter(setting=setting, conversation__in=held).count(),
        },
    )


def progress_worries_section(setting: Setting, period) -> Section:
    """Worries about a child's progress in a prime area: how each was discussed with the family
    and support agreed (the EYFS duty), and how long that took."""
    from tandem.worries.models import PrimeArea, Worry

    opened = list(
        Worry.objects.filter(setting=setting, opened_on__gte=period.start, opened_on__lte=period.end).only(
            "area", "opened_on", "discussed_on", "agreed_support", "status", "closed_on"
        )
    )
    discussed = [w for w in opened if w.discussed_on]
    areas = dict(PrimeArea.choices)
    by_area: dict[str, int] = {}
    for w in opened:
        by_area[areas.get(w.area, w.area)] = by_area.get(areas.get(w.area, w.area), 0) + 1
    today = setting.today()
    still_open = list(Worry.objects.filter(setting=setting, status=Worry.Status.OPEN).only("opened_on"))
    return Section(
        key="progress_worries",
        title=_("Worries about progress, agreed with families"),
        template="engagement/evidence/progress_worries.html",
        context={
            "opened": len(opened),
            "by_area": sorted(by_area.items(), key=lambda item: -item[1]),
            "discussed": len(discussed),
            "agreed": sum(1 for w in opened if w.agreed_support.strip()),
            "closed": sum(1 for w in opened if w.status == Worry.Status.CLOSED),
            "median_days_to_discussion": _median([(w.discussed_on - w.opened_on).days for w in discussed]),
            "open_now": len(still_open),
            "open_over_28_days": sum(1 for w in still_open if (today - w.opened_on).days > 28),
        },
    )


def announcements_section(setting: Setting, period) -> Section | None:
    """Announcements and newsletters sent in the period, and how many families opened them."""
    from django.db.models import Count, Q

    from tandem.announcements.models import Announcement, AnnouncementRecipient

    start, end = _datetime_bounds(setting, period)
    sent = Announcement.objects.filter(setting=setting, sent_at__gte=start, sent_at__lt=end)
    if not sent.exists():
        return None
    reach = AnnouncementRecipient.objects.filter(announcement__in=sent).aggregate(
        families=Count("family_id", distinct=True),
        sent=Count("pk"),
        read=Count("pk", filter=Q(read_at__isnull=False)),
    )
    return Section(
        key="announcements",
        title=_("Announcements and newsletters"),
        template="engagement/evidence/announcements.html",
        context={
            "announcements": sent.count(),
            "newsletters": sent.filter(kind=Announcement.Kind.NEWSLETTER).count(),
            "families": reach["families"],
            "sent": reach["sent"],
            "read": reach["read"],
            "percent_read": round(100 * reach["read"] / reach["sent"]) if reach["sent"] else 0,
        },
    )


def surveys_section(setting: Setting, period) -> Section | None:
    """Surveys that were open in the period, with their response rates (groups of fewer than 5
    are hidden by the surveys app), and results over time for surveys asked in rounds."""
    from django.utils.translation import get_language_bidi

    from tandem.reports import charts
    from tandem.surveys import selectors as survey_selectors
    from tandem.surveys.models import Survey

    surveys = list(
        Survey.objects.filter(
            setting=setting, published_at__isnull=False, opens_on__lte=period.end, closes_on__gte=period.start
        ).order_by("opens_on", "title")
    )
    if not surveys:
        return None
    rows = []
    for survey in surveys:
        overall = survey_selectors.response_rates(survey)[0]
        rows.append({"survey": survey, "rate": overall})
    rate_chart = charts.bar_chart(
        [(f"{r['survey'].title} ({r['survey'].round})", r["rate"].percent or 0) for r in rows],
        title=_("Response rate of each survey"),
        desc=_("The share of those asked who answered; a survey answered by fewer than 5 shows 0."),
        value_header=_("Answered (%)"),
        label_header=_("Survey (round)"),
        rtl=get_language_bidi(),
        suffix="%",
    )
    over_time = []
    seen_series = set()
    for survey in reversed(surveys):  # the latest round of each series
        if survey.series in seen_series:
            continue
        seen_series.add(survey.series)
        rounds, series = survey_selectors.results_over_time(survey)
        if len(rounds) > 1 and series:
            over_time.append(
                charts.line_chart(
                    series,
                    x_labels=[f"{r.round}: {r.opens_on:%m/%Y}" for r in rounds],
                    title=survey.title,
                    desc=_("The share answering 4 or 5 (agree, confident) in each round."),
                    label_header=_("Question"),
                    rtl=get_language_bidi(),
                )
            )
    return Section(
        key="surveys",
        title=_("What families told us in surveys"),
        template="engagement/evidence/surveys.html",
        context={"rows": rows, "rate_chart": rate_chart, "over_time": over_time},
    )


def consultations_section(setting: Setting, period) -> Section | None:
    """The vision, values and aims (and the improvement plan) written with families: versions
    published, comments gathered and answered."""
    from django.db.models import Count, Q

    from tandem.consultations.models import Comment, Consultation, Reply, Version

    start, end = _datetime_bounds(setting, period)
    consultations = list(
        Consultation.objects.filter(setting=setting)
        .annotate(
            versions_published=Count(
                "versions", filter=Q(versions__published_at__gte=start, versions__published_at__lt=end), distinct=True
            )
        )
        .order_by("title")
    )
    comments = Comment.objects.filter(setting=setting, created_at__gte=start, created_at__lt=end)
    if not consultations:
        return None
    return Section(
        key="consultations",
        title=_("Vision, values and consultations with families"),
        template="engagement/evidence/consultations.html",
        context={
            "consultations": consultations,
            "comments": comments.count(),
            "family_comments": comments.filter(guardian__isnull=False).count(),
            "answered": comments.filter(replies__isnull=False).distinct().count(),
            "replies": Reply.objects.filter(setting=setting, comment__in=comments).count(),
            "versions": Version.objects.filter(setting=setting, published_at__gte=start, published_at__lt=end).count(),
        },
    )


def starting_well_section(setting: Setting, period) -> Section:
    """All About Me, care plans written and reviewed with families, and transition summaries
    given to families first."""
    from tandem.allaboutme.models import AllAboutMe, AllAboutMeVersion, HowFilledIn
    from tandem.careplans.models import CarePlan, CarePlanProposal, CarePlanReview
    from tandem.core.models import Child
    from tandem.transitions.models import Transition

    start, end = _datetime_bounds(setting, period)
    today = setting.today()
    children = Child.objects.filter(setting=setting, leave_date__isnull=True)
    versions = AllAboutMeVersion.objects.filter(setting=setting, created_at__gte=start, created_at__lt=end)
    proposals = CarePlanProposal.objects.filter(setting=setting, proposed_at__gte=start, proposed_at__lt=end)
    transitions = Transition.objects.filter(setting=setting, created_at__gte=start, created_at__lt=end)
    return Section(
        key="starting_well",
        title=_("Starting well: All About Me, care plans and transitions"),
        template="engagement/evidence/starting_well.html",
        context={
            "children": children.count(),
            "with_all_about_me": AllAboutMe.objects.filter(setting=setting, child__in=children).count(),
            "all_about_me_updates": versions.count(),
            "all_about_me_by_family": versions.filter(how=HowFilledIn.ONLINE).count(),
            "care_plans": CarePlan.objects.filter(setting=setting, child__in=children).count(),
            "care_plan_reviews": CarePlanReview.objects.filter(
                setting=setting, created_at__gte=start, created_at__lt=end
            ).count(),
            "care_plans_overdue": CarePlan.objects.filter(
                setting=setting, child__in=children, next_review_date__lt=today
            ).count(),
            "family_proposals": proposals.count(),
            "proposals_accepted": proposals.filter(
                status__in=(CarePlanProposal.Status.APPROVED, CarePlanProposal.Status.AMENDED)
            ).count(),
            "transitions": transitions.count(),
            "transitions_given_to_family": transitions.filter(shared_with_family_at__isnull=False).count(),
            "transitions_family_commented": transitions.exclude(family_comment="").count(),
        },
    )


def concerns_section(setting: Setting, period) -> Section:
    """Concerns and complaints received in the period, how they were resolved, and whether
    written complaints were answered within 28 days (DOMAIN.md 2.7)."""
    from collections import Counter as _Counter

    from tandem.concerns.models import Concern, ConcernKind, ConcernStatus
    from tandem.concerns.selectors import complaints_record

    received = list(
        Concern.objects.filter(setting=setting, received_on__gte=period.start, received_on__lte=period.end).only(
            "kind", "status", "received_on", "outcome_sent_on", "family_confirmed_at", "ofsted_involved"
        )
    )
    kinds = dict(ConcernKind.choices)
    by_kind = _Counter(kinds.get(c.kind, c.kind) for c in received)
    record = complaints_record(setting=setting, start=period.start, end=period.end)
    answered = [r for r in record if r["days_taken"] is not None]
    return Section(
        key="concerns",
        title=_("Concerns and complaints"),
        template="engagement/evidence/concerns.html",
        context={
            "received": len(received),
            "by_kind": sorted(by_kind.items(), key=lambda item: -item[1]),
            "resolved_informally": sum(
                1
                for c in received
                if c.status in (ConcernStatus.RESOLVED_INFORMALLY, ConcernStatus.CLOSED) and c.family_confirmed_at
            ),
            "complaints": len(record),
            "answered_in_time": sum(1 for r in answered if not r["late"]),
            "answered_late": sum(1 for r in answered if r["late"]),
            "still_open": sum(1 for r in record if r["days_taken"] is None),
            "ofsted_involved": sum(1 for r in record if r["ofsted_involved"]),
            "record": record,
        },
    )


def policies_section(setting: Setting, period) -> Section | None:
    """Policies families and staff are asked to acknowledge: how many have, for each current version."""
    from tandem.policies import selectors as policy_selectors

    rows = [
        {
            "title": v.policy.title,
            "number": v.number,
            "expected": v.expected,
            "acknowledged": v.acknowledged,
            "percent": round(100 * v.acknowledged / v.expected) if v.expected else 0,
        }
        for v in policy_selectors.policies_for_staff(setting=setting)
        if v.policy.requires_acknowledgement
    ]
    if not rows:
        return None
    return Section(
        key="policies",
        title=_("Policies and the code of conduct"),
        template="engagement/evidence/policies.html",
        context={"rows": rows},
    )


def _datetime_bounds(setting: Setting, period):
    from tandem.engagement.selectors import _bounds

    return _bounds(setting, period)


def register_builtin_sections() -> None:
    register_section("communication", order=10, build=communication_section)
    register_section("contributions", order=20, build=contributions_section)
    register_section("announcements", order=15, build=announcements_section)
    register_section("structured_conversations", order=30, build=structured_conversations_section)
    register_section("progress_worries", order=40, build=progress_worries_section)
    register_section("starting_well", order=25, build=starting_well_section)
    register_section("concerns", order=50, build=concerns_section)
    register_section("policies", order=55, build=policies_section)
    register_section("surveys", order=60, build=surveys_section)
    register_section("consultations", order=70, build=consultations_section)
