"""Where a family's contact with the setting is counted from. Each source is a kind of thing a
family does (comments on the journal, moments from home, messages, surveys answered, structured
conversations held, ...), described as a queryset of rows in one setting, the path from a row to
the family, and the row's date. Counting is one grouped query per source, however many families
there are, so the overview costs the same for 40 families or 4,000.

Sources are registered here for the apps Tandem has. An app added later registers its own in
its AppConfig.ready():

    from tandem.engagement.sources import Source, register
    register(Source(key="events", label=_("Events attended"), model="events.Booking",
                    family_path="guardian__family_id", at_field="attended_at",
                    filter=Q(attended=True)))

Anonymous answers (anonymous surveys, anonymous feedback) are never a source: they cannot and
must not be traced to a family."""

from dataclasses import dataclass, field, replace

from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    model: str  # "app_label.ModelName"
    at_field: str = "created_at"  # when it happened (a DateTimeField, or a DateField with is_date=True)
    family_path: str = "guardian__family_id"  # ORM path from a row to the family's id
    filter: Q = field(default_factory=Q)
    is_date: bool = False
    order: int = 100

    def queryset(self, setting):
        model = apps.get_model(self.model)
        return model.objects.filter(self.filter, setting=setting).exclude(**{f"{self.family_path}__isnull": True})


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    _SOURCES[source.key] = source


def all_sources() -> list[Source]:
    return sorted(_SOURCES.values(), key=lambda s: (s.order, s.key))


# The sources of the apps that ship with Tandem, in the order the pages show them.
BUILTIN = (
    Source(
        "messages", _("Messages from the family"), "conversations.Message", family_path="author_guardian__family_id"
    ),
    Source("journal_comments", _("Comments on the journal"), "journal.Comment", filter=Q(guardian__isnull=False)),
    Source("home_moments", _("Moments from home"), "journal.HomeMoment"),
    Source("tried_at_home", _("Ideas tried at home"), "journal.TriedAtHome"),
    Source("morning_handovers", _("Morning handovers"), "care.MorningHandover", at_field="day", is_date=True),
    Source("floorbook_comments", _("Floor book comments and pages"), "floorbooks.FloorBookComment"),
    Source(
        "structured_conversations",
        _("Structured conversations"),
        "meetings.Conversation",
        at_field="meeting_on",
        family_path="child__family_id",
        filter=Q(status__in=("held", "reviewed")),
        is_date=True,
    ),
    Source("plan_comments", _("Comments on agreed plans"), "meetings.FamilyComment"),
    Source(
        "announcement_answers", _("Answers to announcements"), "announcements.QuestionAnswer", at_field="answered_at"
    ),
    Source(
        "surveys_answered",
        _("Surveys answered (named surveys)"),
        "surveys.Response",
        at_field="submitted_on",
        family_path="family_id",
        is_date=True,
    ),
    Source("consultation_comments", _("Comments on consultations"), "consultations.Comment"),
    Source("all_about_me", _("All About Me updates"), "allaboutme.AllAboutMeVersion"),
    Source(
        "care_plan_proposals", _("Changes proposed to care plans"), "careplans.CarePlanProposal", at_field="proposed_at"
    ),
    Source(
        "face_to_face",
        _("Talked with at drop-off or pick-up"),
        "notify.FaceToFaceTask",
        at_field="done_at",
        filter=Q(status="done"),
    ),
)


def register_builtin_sources() -> None:
    """Called from EngagementConfig.ready."""
    for order, source in enumerate(BUILTIN, start=1):
        register(replace(source, order=order * 10))
