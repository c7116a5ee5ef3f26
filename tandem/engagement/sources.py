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

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    model: str  # "app_label.ModelName"
    family_path: str  # ORM path from a row to the family's id
    at_field: str  # when it happened (a DateTimeField, or a DateField with is_date=True)
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


def register_builtin_sources() -> None:
    """The sources of the apps that ship with Tandem (called from EngagementConfig.ready)."""
    register(
        Source(
            key="journal_comments",
            label=_("Comments on the journal"),
            model="journal.Comment",
            family_path="guardian__family_id",
            at_field="created_at",
            filter=Q(guardian__isnull=False),
            order=10,
        )
    )
    register(
        Source(
            key="home_moments",
            label=_("Moments from home"),
            model="journal.HomeMoment",
            family_path="guardian__family_id",
            at_field="created_at",
            order=20,
        )
    )
    register(
        Source(
            key="tried_at_home",
            label=_("Ideas tried at home"),
            model="journal.TriedAtHome",
            family_path="guardian__family_id",
            at_field="created_at",
            order=30,
        )
    )
    register(
        Source(
            key="morning_handovers",
            label=_("Morning handovers"),
            model="care.MorningHandover",
            family_path="guardian__family_id",
            at_field="day",
            is_date=True,
            order=40,
        )
    )
    register(
        Source(
            key="floorbook_comments",
            label=_("Floor book comments and pages"),
            model="floorbooks.FloorBookComment",
            family_path="guardian__family_id",
            at_field="created_at",
            order=50,
        )
    )
    register(
        Source(
            key="structured_conversations",
            label=_("Structured conversations"),
            model="meetings.Conversation",
            family_path="child__family_id",
            at_field="meeting_on",
            filter=Q(status__in=("held", "reviewed")),
            is_date=True,
            order=60,
        )
    )
    register(
        Source(
            key="plan_comments",
            label=_("Comments on agreed plans"),
            model="meetings.FamilyComment",
            family_path="guardian__family_id",
            at_field="created_at",
            order=61,
        )
    )
    register(
        Source(
            key="announcement_answers",
            label=_("Answers to announcements"),
            model="announcements.QuestionAnswer",
            family_path="guardian__family_id",
            at_field="answered_at",
            order=70,
        )
    )
    register(
        Source(
            key="surveys_answered",
            label=_("Surveys answered (named surveys)"),
            model="surveys.Response",
            family_path="family_id",
            at_field="submitted_on",
            is_date=True,
            order=80,
        )
    )
    register(
        Source(
            key="consultation_comments",
            label=_("Comments on consultations"),
            model="consultations.Comment",
            family_path="guardian__family_id",
            at_field="created_at",
            order=81,
        )
    )
    register(
        Source(
            key="all_about_me",
            label=_("All About Me updates"),
            model="allaboutme.AllAboutMeVersion",
            family_path="guardian__family_id",
            at_field="created_at",
            order=90,
        )
    )
    register(
        Source(
            key="care_plan_proposals",
            label=_("Changes proposed to care plans"),
            model="careplans.CarePlanProposal",
            family_path="guardian__family_id",
            at_field="proposed_at",
            order=91,
        )
    )
    register(
        Source(
            key="face_to_face",
            label=_("Talked with at drop-off or pick-up"),
            model="notify.FaceToFaceTask",
            family_path="guardian__family_id",
            at_field="done_at",
            filter=Q(status="done"),
            order=95,
        )
    )
    register(
        Source(
            key="messages",
            label=_("Messages from the family"),
            model="conversations.Message",
            family_path="author_guardian__family_id",
            at_field="created_at",
            order=5,
        )
    )
