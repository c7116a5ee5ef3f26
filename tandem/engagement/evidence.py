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
    return Section(
        key="communication",
        title=_("How we communicate with each family"),
        template="engagement/evidence/communication.html",
        context={
            "total": total,
            "with_preferences": len(prefs),
            "channels": [(channel_labels.get(k, k), n) for k, n in channels.most_common()],
            "languages": [(language_labels.get(k, k), n) for k, n in languages.most_common()],
            "digests": [(digest_labels.get(k, k), n) for k, n in digests.most_common()],
            "reading_help": sum(1 for p in prefs if p.needs_reading_help),
        },
    )


def contributions_section(setting: Setting, period) -> Section:
    """What families added to their children's journals and days, by room."""
    from tandem.core.models import Family
    from tandem.engagement import selectors
    from tandem.engagement.sources import all_sources

    rows = selectors.engagement_for_families(
        setting=setting, families=Family.objects.filter(setting=setting), period=period
    )
    totals = selectors.source_totals(rows)
    return Section(
        key="contributions",
        title=_("Families' contributions and contact"),
        template="engagement/evidence/contributions.html",
        context={
            "sources": [(s.label, totals.get(s.key, 0)) for s in all_sources()],
            "rooms": selectors.rooms_from(rows),
            "families": len(rows),
            "in_contact": sum(1 for r in rows if r.total),
        },
    )


def register_builtin_sections() -> None:
    register_section("communication", order=10, build=communication_section)
    register_section("contributions", order=20, build=contributions_section)
