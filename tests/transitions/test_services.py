"""Settling-in and transition services: the summary reaches the family before anyone else, their
reading and comments are recorded, the checklist ticks itself from All About Me and the journal."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tandem.allaboutme.services import all_about_me_save
from tandem.core.models import RecordVersion
from tandem.notify.models import NoticeRecipient
from tandem.transitions import selectors, services
from tandem.transitions.models import SettlingStepDone, Transition

pytestmark = pytest.mark.django_db


def test_a_summary_cannot_be_shared_onward_before_the_family_has_it(ada_move, bob) -> None:
    with pytest.raises(services.TransitionError, match="Give the summary to the family first"):
        services.transition_summary_share_onward(transition_=ada_move, by=bob, shared_to="Pre-school")
    ada_move.refresh_from_db()
    assert ada_move.shared_onward_at is None


def test_the_database_holds_the_family_first_rule_too(ada_move) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Transition.objects.filter(pk=ada_move.pk).update(shared_onward_at=timezone.now())


def test_the_family_reads_comments_and_then_it_goes_onward(ada_move, bob, bob_staff, dora, dora_guardian) -> None:
    services.transition_summary_share_with_family(transition_=ada_move, by=bob)
    told = NoticeRecipient.objects.filter(notice__kind="transitions.summary_shared")
    assert [r.guardian for r in told] == [dora_guardian]
    services.transition_family_response(transition_=ada_move, by=dora, guardian=dora_guardian, comment="She naps at 1")
    ada_move.refresh_from_db()
    assert ada_move.family_seen_by == dora_guardian and ada_move.family_comment == "She naps at 1"
    assert [r.staff for r in NoticeRecipient.objects.filter(notice__kind="transitions.family_responded")] == [bob_staff]
    services.transition_summary_share_onward(transition_=ada_move, by=bob, shared_to="Pre-school team")
    ada_move.refresh_from_db()
    assert ada_move.shared_onward_to == "Pre-school team"
    with pytest.raises(services.TransitionError, match="can no longer change"):
        services.transition_summary_write(transition_=ada_move, by=bob, summary="Changed")


def test_changing_the_summary_after_the_family_had_it_means_giving_it_again(ada_move, bob) -> None:
    services.transition_summary_share_with_family(transition_=ada_move, by=bob)
    services.transition_summary_write(transition_=ada_move, by=bob, summary="Ada loves the sand tray and bikes.")
    ada_move.refresh_from_db()
    assert ada_move.shared_with_family_at is None
    assert RecordVersion.objects.get(object_id=str(ada_move.pk)).data["summary"] == "Ada loves the sand tray."
    with pytest.raises(services.TransitionError):
        services.transition_summary_share_onward(transition_=ada_move, by=bob)


def test_the_family_cannot_respond_before_they_are_given_it(ada_move, dora, dora_guardian) -> None:
    with pytest.raises(services.TransitionError, match="not been given"):
        services.transition_family_response(transition_=ada_move, by=dora, guardian=dora_guardian, comment="x")
    ada_move.refresh_from_db()
    assert ada_move.family_seen_at is None and ada_move.family_comment == ""


def test_a_room_move_needs_another_room_of_the_setting(ada, bob, babies, elm_house) -> None:
    from tests import factories as f

    with pytest.raises(services.TransitionError, match="already in this room"):
        services.transition_plan(child=ada, by=bob, kind="room", planned_date=ada.setting.today(), to_room=babies)
    with pytest.raises(services.TransitionError):
        services.transition_plan(
            child=ada, by=bob, kind="room", planned_date=ada.setting.today(), to_room=f.RoomFactory(setting=elm_house)
        )
    with pytest.raises(services.TransitionError, match="name of the school"):
        services.transition_plan(child=ada, by=bob, kind="school", planned_date=ada.setting.today(), destination=" ")
    assert not Transition.objects.exists()


def test_all_about_me_done_ticks_itself_and_cannot_be_ticked_by_hand(ada, bob, dora, dora_guardian) -> None:
    with pytest.raises(services.TransitionError, match="ticked by itself"):
        services.settling_step_tick(child=ada, step="all_about_me", by=bob, done_on=ada.setting.today())
    assert not SettlingStepDone.objects.exists()
    item = next(i for i in selectors.checklist_for_child(child=ada) if i.step == "all_about_me")
    assert not item.done
    all_about_me_save(child=ada, by=dora, how="online", guardian=dora_guardian, answers={"likes": "Sand"})
    item = next(i for i in selectors.checklist_for_child(child=ada) if i.step == "all_about_me")
    assert item.done and item.automatic and item.done_by == dora.display_name


def test_first_week_photos_tick_themselves_from_a_published_observation(ada, bob_staff) -> None:
    from tandem.journal.models import Observation, ObservationChild

    ada.start_date = ada.setting.today() - dt.timedelta(days=3)
    ada.save()
    obs = Observation.objects.create(
        setting=ada.setting,
        author=bob_staff,
        status=Observation.Status.DRAFT,
        occurred_at=timezone.now() - dt.timedelta(hours=1),
    )
    ObservationChild.objects.create(setting=ada.setting, observation=obs, child=ada)
    item = next(i for i in selectors.checklist_for_child(child=ada) if i.step == "first_week_photos")
    assert not item.done  # a draft is not shared
    Observation.objects.filter(pk=obs.pk).update(status=Observation.Status.PUBLISHED, published_at=timezone.now())
    item = next(i for i in selectors.checklist_for_child(child=ada) if i.step == "first_week_photos")
    assert item.done and item.automatic


def test_a_step_is_ticked_with_date_and_who(ada, bob) -> None:
    day = ada.setting.today() - dt.timedelta(days=2)
    services.settling_step_tick(child=ada, step="home_visit", by=bob, done_on=day, note="Tuesday 10am")
    item = next(i for i in selectors.checklist_for_child(child=ada) if i.step == "home_visit")
    assert item.done and item.done_on == day and item.done_by == bob.display_name and item.note == "Tuesday 10am"
