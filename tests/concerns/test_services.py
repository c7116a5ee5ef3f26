"""The rules of concerns and complaints, through the services with a real database."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from tandem.concerns import selectors, services
from tandem.concerns.models import Clock, Concern, ConcernStatus, ConcernStep
from tandem.core.models import AuditEntry
from tandem.notify.models import NoticeRecipient
from tandem.translations.models import TextTranslation

pytestmark = pytest.mark.django_db


def test_a_concern_is_acknowledged_at_once_with_a_reference(raise_concern, dora_guardian, alice_staff, bob_staff):
    concern = raise_concern()
    year = concern.received_on.year
    assert concern.reference == f"C-{year}-0001"
    assert concern.status == ConcernStatus.ACKNOWLEDGED
    assert concern.acknowledged_at is not None
    family = NoticeRecipient.objects.get(notice__kind="concerns.acknowledged")
    assert family.guardian_id == dora_guardian.pk
    assert family.notice.context["reference"] == concern.reference
    assert family.notice.url.endswith(f"/family/concerns/{concern.pk}/")
    # The handlers (alice: manager and DSL) hear of it; bob, a practitioner, does not.
    staff = set(NoticeRecipient.objects.filter(notice__kind="concerns.received").values_list("staff_id", flat=True))
    assert staff == {alice_staff.pk}
    assert list(ConcernStep.objects.filter(concern=concern).values_list("kind", flat=True)) == [
        "received",
        "acknowledged",
    ]
    assert raise_concern(about="Second").reference == f"C-{year}-0002"


def test_polish_text_is_sent_for_translation_into_english(raise_concern):
    concern = raise_concern(about="Ada wróciła bez kurtki.", desired_outcome="Proszę sprawdzić.")
    rows = TextTranslation.objects.filter(source_id=str(concern.pk))
    assert {(r.field, r.language, r.source_language) for r in rows} == {
        ("about", "en", "pl"),
        ("desired_outcome", "en", "pl"),
    }


@pytest.mark.parametrize(
    ("days", "clock"),
    [
        (0, Clock.ON_TRACK),
        (21, Clock.ON_TRACK),
        (22, Clock.AT_RISK),
        (28, Clock.AT_RISK),
        (29, Clock.OVERDUE),
    ],
)
def test_the_28_day_clock_boundaries(raise_concern, days, clock):
    concern = raise_concern(kind="complaint")
    today = concern.received_on + dt.timedelta(days=days)
    assert concern.clock(today) == clock


def test_the_clock_counts_days_in_the_settings_time_zone(raise_concern, ada):
    setting = ada.setting
    setting.timezone = "Pacific/Auckland"
    setting.save()
    # 13:30 UTC on 30 June is 01:30 on 1 July in Auckland: received on 1 July.
    received_at = dt.datetime(2026, 6, 30, 13, 30, tzinfo=dt.UTC)
    concern = services.concern_raise(
        setting=setting,
        by=None,
        guardian=ada.family.guardians.get(),
        kind="complaint",
        about="Written complaint",
        received_at=received_at,
    )
    assert concern.received_on == dt.date(2026, 7, 1)
    assert concern.clock(dt.date(2026, 7, 22)) == Clock.ON_TRACK  # 21 days
    assert concern.clock(dt.date(2026, 7, 23)) == Clock.AT_RISK  # 22 days
    assert concern.clock(dt.date(2026, 7, 29)) == Clock.AT_RISK  # 28 days
    assert concern.clock(dt.date(2026, 7, 30)) == Clock.OVERDUE  # 29 days
    assert concern.due_on == dt.date(2026, 7, 29)


def test_the_staff_list_filters_on_the_clock(raise_concern, alice, ada):
    fresh = raise_concern(kind="complaint", about="fresh")
    risky = raise_concern(kind="complaint", about="risky", days_ago=23)
    late = raise_concern(kind="complaint", about="late", days_ago=30)
    answered = raise_concern(kind="complaint", about="answered", days_ago=30)
    services.concern_record_outcome(concern=answered, outcome="Sorted", by=alice)
    setting = ada.setting

    def refs(show):
        return {c.reference for c in selectors.concerns_for_staff(user=alice, setting=setting, show=show)}

    assert refs("on_track") == {fresh.reference}
    assert refs("at_risk") == {risky.reference}
    assert refs("overdue") == {late.reference}
    assert refs("open") == {fresh.reference, risky.reference, late.reference}
    assert refs("closed") == {answered.reference}
    assert selectors.clock_counts(setting=setting) == {"open": 3, "at_risk": 1, "overdue": 1}


def test_an_empty_complaint_is_refused_and_nothing_is_saved(dora, dora_guardian, ada):
    with pytest.raises(ValidationError) as exc:
        services.concern_raise(setting=ada.setting, by=dora, guardian=dora_guardian, kind="complaint", about="   ")
    assert "Tell us what it is about" in str(exc.value)
    assert not Concern.objects.exists()
    assert not NoticeRecipient.objects.exists()


def test_anonymous_feedback_keeps_no_trace_of_who_wrote_it(dora, dora_guardian, ada):
    concern = services.concern_raise(
        setting=ada.setting,
        by=dora,
        guardian=dora_guardian,
        child=ada,
        kind="feedback",
        about="The new garden is lovely.",
        anonymous=True,
    )
    concern.refresh_from_db()
    assert concern.raised_by is None and concern.child is None and concern.recorded_by is None
    assert concern.anonymous
    assert set(ConcernStep.objects.filter(concern=concern).values_list("by", flat=True)) == {None}
    entries = AuditEntry.objects.filter(object_id=str(concern.pk))
    assert entries.exists()
    for entry in AuditEntry.objects.all():
        assert entry.actor_id != dora.pk
        assert entry.child_id is None
        assert str(dora_guardian.pk) not in str(entry.data)
    assert not NoticeRecipient.objects.filter(guardian=dora_guardian).exists()
    assert not selectors.concerns_for_guardian(user=dora).exists()


def test_only_feedback_can_be_anonymous(dora, dora_guardian, ada):
    with pytest.raises(ValidationError):
        services.concern_raise(
            setting=ada.setting, by=dora, guardian=dora_guardian, kind="complaint", about="x", anonymous=True
        )
    assert not Concern.objects.exists()


def test_only_the_family_can_confirm_an_informal_resolution(raise_concern, alice, dora, ed, dora_guardian):
    concern = raise_concern()
    services.concern_offer_informal(concern=concern, summary="We found the coat in lost property.", by=alice)
    assert NoticeRecipient.objects.filter(notice__kind="concerns.informal", guardian=dora_guardian).exists()
    for by in (alice, ed):
        with pytest.raises(ValidationError):
            services.concern_family_respond(concern=concern, guardian=dora_guardian, by=by, happy=True)
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.AWAITING_FAMILY and concern.family_confirmed_at is None
    services.concern_family_respond(concern=concern, guardian=dora_guardian, by=dora, happy=True, comment="Thanks")
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.RESOLVED_INFORMALLY
    assert concern.family_confirmed_by == dora_guardian
    assert concern.clock(concern.received_on + dt.timedelta(days=40)) == Clock.DONE


def test_a_family_not_yet_happy_sends_it_back_to_investigating(raise_concern, alice, dora, dora_guardian):
    concern = raise_concern()
    services.concern_offer_informal(concern=concern, summary="Found it.", by=alice)
    services.concern_family_respond(concern=concern, guardian=dora_guardian, by=dora, happy=False, comment="No")
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.INVESTIGATING


def test_the_outcome_is_sent_to_the_family_in_their_language(raise_concern, alice, alice_staff, dora_guardian):
    concern = raise_concern(kind="complaint")
    services.concern_assign(concern=concern, staff=alice_staff, by=alice)
    services.concern_add_step(concern=concern, kind="contact", text="Rang Dora", by=alice)
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.INVESTIGATING
    services.concern_record_outcome(concern=concern, outcome="The coat was found.", by=alice, language="en")
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.OUTCOME_SENT
    assert concern.days_taken == 0
    assert NoticeRecipient.objects.filter(notice__kind="concerns.outcome", guardian=dora_guardian).count() == 1
    row = TextTranslation.objects.get(source_id=str(concern.pk), field="outcome")
    assert (row.source_language, row.language) == ("en", "pl")
    with pytest.raises(ValidationError):  # the record is not overwritten
        services.concern_record_outcome(concern=concern, outcome="Another", by=alice)
    kinds = list(ConcernStep.objects.filter(concern=concern).values_list("kind", flat=True))
    assert kinds == ["received", "acknowledged", "assigned", "contact", "outcome"]


def test_only_handlers_can_be_assigned(raise_concern, alice, bob_staff):
    concern = raise_concern()
    with pytest.raises(ValidationError):
        services.concern_assign(concern=concern, staff=bob_staff, by=alice)


def test_it_cannot_close_before_an_outcome(raise_concern, alice):
    concern = raise_concern(kind="complaint")
    with pytest.raises(ValidationError):
        services.concern_close(concern=concern, by=alice)
    services.concern_record_outcome(concern=concern, outcome="Done", by=alice)
    services.concern_close(concern=concern, by=alice)
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.CLOSED
    assert concern.retain_until.year == concern.closed_at.date().year + 3


def test_a_written_complaint_about_eyfs_is_flagged(raise_concern, alice):
    concern = raise_concern(kind="complaint")
    assert not concern.statutory_28_days
    services.concern_update_record(
        concern=concern,
        by=alice,
        eyfs_related=True,
        eyfs_requirement="Key person",
        nature="Key person changed without notice",
        ofsted_involved=False,
        ofsted_details="",
    )
    concern.refresh_from_db()
    assert concern.statutory_28_days
    phoned = services.concern_raise(
        setting=concern.setting, by=alice, kind="complaint", about="By phone", channel="phone", complainant_name="Gran"
    )
    phoned.eyfs_related = True
    assert not phoned.statutory_28_days  # not written


def test_the_record_names_no_child_or_parent(raise_concern, alice, ben, ada):
    concern = raise_concern(kind="complaint", about="Ben Babbage pushed Ada in the garden. Dora Lovelace is upset.")
    services.concern_record_outcome(concern=concern, outcome="We spoke with Ben's family about Ada.", by=alice)
    tz = zoneinfo.ZoneInfo(ada.setting.timezone)
    today = dt.datetime.now(tz).date()
    [row] = selectors.complaints_record(setting=ada.setting, start=today, end=today)
    assert "Ben" not in row["nature"] and "Ada" not in row["nature"] and "Dora" not in row["nature"]
    assert row["nature"] == "Child A pushed child B in the garden. Parent C is upset."
    assert "Ben" not in row["outcome"] and "Ada" not in row["outcome"]
    assert row["days_taken"] == 0


def test_staff_are_warned_once_when_at_risk_and_once_when_overdue(raise_concern, alice, alice_staff, ada):
    from tandem.concerns.tasks import warn_deadlines

    fresh = raise_concern(kind="complaint", about="fresh")
    risky = raise_concern(kind="complaint", about="risky", days_ago=23)
    late = raise_concern(kind="complaint", about="late", days_ago=30)
    raise_concern(kind="feedback", about="no deadline", days_ago=40)
    services.concern_assign(concern=risky, staff=alice_staff, by=alice)
    assert warn_deadlines.call() == 2
    assert warn_deadlines.call() == 0
    at_risk = NoticeRecipient.objects.get(notice__kind="concerns.at_risk")
    assert at_risk.staff == alice_staff and at_risk.notice.context["reference"] == risky.reference
    overdue = NoticeRecipient.objects.get(notice__kind="concerns.overdue")
    assert overdue.notice.context["reference"] == late.reference
    # A week later the at-risk one is overdue: one more warning, and the fresh one is still fine.
    Concern.objects.filter(pk=risky.pk).update(received_on=risky.received_on - dt.timedelta(days=7))
    assert warn_deadlines.call() == 1
    assert NoticeRecipient.objects.filter(notice__kind="concerns.overdue").count() == 2
    assert not NoticeRecipient.objects.filter(
        notice__source_id=str(fresh.pk), notice__kind__in=["concerns.at_risk", "concerns.overdue"]
    ).exists()


def test_the_deadline_warnings_render(raise_concern):
    from tandem.concerns.tasks import warn_deadlines
    from tandem.notify.models import Notice
    from tandem.notify.rendering import render_notice

    raise_concern(kind="complaint", days_ago=23)
    raise_concern(kind="complaint", days_ago=30)
    warn_deadlines.call()
    for notice in Notice.objects.filter(kind__in=["concerns.at_risk", "concerns.overdue"]):
        for language in ("en", "pl"):
            rendered = render_notice(notice, language=language)
            assert notice.context["reference"] in rendered.subject and rendered.text
