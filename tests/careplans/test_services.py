"""Care plan services: versions are kept, a family's proposal changes nothing until staff
approve it, decisions need reasons, reviews are due at six months and the reminder goes once."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.careplans import services
from tandem.careplans.models import (
    CarePlan,
    CarePlanProposal,
    CarePlanReview,
    CarePlanVersion,
    add_months,
    review_status,
)
from tandem.notify.models import NoticeRecipient

pytestmark = pytest.mark.django_db


def test_writing_the_plan_sets_the_review_six_months_on_and_tells_the_family(ada, ada_plan, dora_guardian) -> None:
    assert ada_plan.review_interval_months == 6
    assert ada_plan.next_review_date == add_months(ada_plan.start_date, 6)
    assert ada_plan.current.number == 1 and ada_plan.current.routines == "Nap at 12:30"
    recipients = NoticeRecipient.objects.filter(notice__kind="careplans.written")
    assert [r.guardian for r in recipients] == [dora_guardian]


def test_a_staff_change_is_a_new_version_and_nothing_is_overwritten(ada_plan, bob) -> None:
    services.care_plan_change(plan=ada_plan, by=bob, sections={"routines": "Nap at 13:00"})
    ada_plan.refresh_from_db()
    assert ada_plan.current.number == 2 and ada_plan.current.routines == "Nap at 13:00"
    assert ada_plan.current.comfort == "Blue bunny"  # untouched sections carry over
    first = CarePlanVersion.objects.get(plan=ada_plan, number=1)
    assert first.routines == "Nap at 12:30"
    with pytest.raises(services.CarePlanError, match="Nothing has changed"):
        services.care_plan_change(plan=ada_plan, by=bob, sections={"routines": "Nap at 13:00"})
    assert CarePlanVersion.objects.filter(plan=ada_plan).count() == 2


def test_a_family_proposal_waits_for_approval_before_it_changes_the_plan(
    ada_plan, dora, dora_guardian, bob, bob_staff
) -> None:
    proposal = services.care_plan_propose(
        plan=ada_plan, by=dora, guardian=dora_guardian, changes={"routines": "Nap at 13:30"}, note="Later nights"
    )
    ada_plan.refresh_from_db()
    assert ada_plan.current.routines == "Nap at 12:30" and ada_plan.current.number == 1
    assert proposal.status == "pending"
    assert [r.staff for r in NoticeRecipient.objects.filter(notice__kind="careplans.proposed")] == [bob_staff]
    services.proposal_approve(proposal=proposal, by=bob)
    ada_plan.refresh_from_db()
    proposal.refresh_from_db()
    assert ada_plan.current.routines == "Nap at 13:30" and ada_plan.current.number == 2
    assert proposal.status == "approved" and proposal.result == ada_plan.current
    told = NoticeRecipient.objects.filter(notice__kind="careplans.proposal_approved")
    assert [r.guardian for r in told] == [dora_guardian]
    with pytest.raises(services.CarePlanError, match="already been decided"):
        services.proposal_decline(proposal=proposal, by=bob, reason="No")


def test_an_empty_proposal_is_refused_and_changes_nothing(ada_plan, dora, dora_guardian) -> None:
    for changes in ({}, {"routines": "   "}, {"routines": "Nap at 12:30"}):
        with pytest.raises(services.CarePlanError, match="Write the change you would like"):
            services.care_plan_propose(plan=ada_plan, by=dora, guardian=dora_guardian, changes=changes)
    assert not CarePlanProposal.objects.exists()


def test_declining_needs_a_reason_and_leaves_the_plan_alone(ada_plan, dora, dora_guardian, bob) -> None:
    proposal = services.care_plan_propose(plan=ada_plan, by=dora, guardian=dora_guardian, changes={"goals": "Cup"})
    with pytest.raises(services.CarePlanError, match="reason"):
        services.proposal_decline(proposal=proposal, by=bob, reason=" ")
    proposal.refresh_from_db()
    assert proposal.status == "pending"
    services.proposal_decline(proposal=proposal, by=bob, reason="We will try a cup after Easter")
    ada_plan.refresh_from_db()
    assert ada_plan.current.goals == "" and ada_plan.current.number == 1
    notice = NoticeRecipient.objects.get(notice__kind="careplans.proposal_declined").notice
    assert notice.context["reason"] == "We will try a cup after Easter"


def test_amending_records_the_staff_words_and_reason(ada_plan, dora, dora_guardian, bob) -> None:
    proposal = services.care_plan_propose(plan=ada_plan, by=dora, guardian=dora_guardian, changes={"goals": "Cup"})
    with pytest.raises(services.CarePlanError):
        services.proposal_amend(proposal=proposal, by=bob, sections={"goals": "Open cup"}, reason="")
    services.proposal_amend(proposal=proposal, by=bob, sections={"goals": "Open cup at lunch"}, reason="Safer")
    ada_plan.refresh_from_db()
    assert ada_plan.current.goals == "Open cup at lunch" and ada_plan.current.reason == "amended_proposal"


def test_a_review_before_the_plan_started_is_refused_and_changes_nothing(ada_plan, bob) -> None:
    before = ada_plan.next_review_date
    with pytest.raises(services.CarePlanError, match="before the plan started"):
        services.care_plan_review_record(
            plan=ada_plan, by=bob, reviewed_on=ada_plan.start_date - dt.timedelta(days=1), family_views="Fine"
        )
    with pytest.raises(services.CarePlanError, match="what the family said"):
        services.care_plan_review_record(plan=ada_plan, by=bob, reviewed_on=ada_plan.start_date, family_views=" ")
    with pytest.raises(services.CarePlanError, match="future"):
        services.care_plan_review_record(
            plan=ada_plan, by=bob, reviewed_on=ada_plan.setting.today() + dt.timedelta(days=1), family_views="x"
        )
    ada_plan.refresh_from_db()
    assert ada_plan.next_review_date == before and not CarePlanReview.objects.exists()


def test_a_review_records_the_family_and_sets_the_next_one_six_months_on(ada_plan, bob) -> None:
    today = ada_plan.setting.today()
    review = services.care_plan_review_record(
        plan=ada_plan, by=bob, reviewed_on=today, family_views="She loves the garden", notes="Keep nap"
    )
    ada_plan.refresh_from_db()
    assert review.family_views == "She loves the garden"
    assert ada_plan.next_review_date == add_months(today, 6)
    with pytest.raises(services.CarePlanError, match="next review must be"):
        services.care_plan_review_record(
            plan=ada_plan, by=bob, reviewed_on=today, family_views="x", next_review_date=add_months(today, 7)
        )


def test_review_due_and_overdue_are_computed_from_six_months() -> None:
    start = dt.date(2026, 1, 31)
    due = add_months(start, 6)
    assert due == dt.date(2026, 7, 31)
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert review_status(due, dt.date(2026, 6, 30)) == "ok"  # 31 days before
    assert review_status(due, dt.date(2026, 7, 1)) == "due_soon"  # 30 days before
    assert review_status(due, due) == "due_soon"
    assert review_status(due, dt.date(2026, 8, 1)) == "overdue"


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 1, 1)), st.integers(1, 12))
def test_add_months_lands_in_the_right_month_and_never_goes_back(day: dt.date, months: int) -> None:
    later = add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later > day and later.day <= day.day


def test_the_reminder_is_sent_once_to_the_key_person_and_the_family(ada_plan, bob_staff, dora_guardian) -> None:
    today = ada_plan.setting.today()
    far = ada_plan.next_review_date - dt.timedelta(days=20)
    assert services.review_reminders_send(setting=ada_plan.setting, today=far) == 0
    assert services.review_reminders_send(setting=ada_plan.setting, today=today) == 1
    assert services.review_reminders_send(setting=ada_plan.setting, today=today) == 0
    recipients = NoticeRecipient.objects.filter(notice__kind="careplans.review_due")
    assert {r.staff for r in recipients if r.staff} == {bob_staff}
    assert {r.guardian for r in recipients if r.guardian} == {dora_guardian}


def test_the_periodic_task_runs_for_every_setting_and_twice_is_safe(ada_plan) -> None:
    from tandem.careplans.tasks import review_reminders

    assert review_reminders.call() == 1
    assert review_reminders.call() == 0
    assert CarePlan.objects.get().reminders.count() == 1
