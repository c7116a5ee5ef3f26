"""Every notice Starting well sends renders in the reader's language from its own templates,
with the words the reader needs (the child, the reason, the date) and the link."""

import datetime as dt

import pytest

from tandem.allaboutme.services import all_about_me_save
from tandem.careplans import services
from tandem.notify.models import Notice
from tandem.notify.rendering import render_notice
from tandem.transitions import services as transition_services

pytestmark = pytest.mark.django_db


def test_every_notice_renders_with_its_subject_body_and_link(ada, alice, bob, dora, preschool, ada_plan) -> None:
    guardian = dora.guardianships.get()
    all_about_me_save(child=ada, by=dora, how="online", guardian=guardian, answers={"likes": "Sand"})
    services.care_plan_change(plan=ada_plan, by=bob, sections={"goals": "Cup"})
    for decide in ("approve", "amend", "decline"):
        p = services.care_plan_propose(
            plan=ada_plan, by=dora, guardian=guardian, changes={"health": f"Asthma {decide}"}
        )
        if decide == "approve":
            services.proposal_approve(proposal=p, by=bob)
        elif decide == "amend":
            services.proposal_amend(proposal=p, by=bob, sections={"health": "Asthma: inhaler"}, reason="Clearer")
        else:
            services.proposal_decline(proposal=p, by=bob, reason="Talk at pick-up")
    services.review_reminders_send(setting=ada.setting)
    move = transition_services.transition_plan(
        child=ada, by=bob, kind="room", planned_date=ada.setting.today() + dt.timedelta(days=9), to_room=preschool
    )
    move = transition_services.transition_summary_write(transition_=move, by=bob, summary="Loves sand")
    transition_services.transition_summary_share_with_family(transition_=move, by=bob)
    transition_services.transition_family_response(transition_=move, by=dora, guardian=guardian, comment="Thanks")

    kinds = set()
    for notice in Notice.objects.all():
        for language in ("en", "pl", "ar"):
            rendered = render_notice(notice, language=language, recipient_name="Dora")
            assert rendered.subject and "Ada" in rendered.subject, notice.kind
            assert notice.url and notice.url in rendered.text, notice.kind
            assert "{{" not in rendered.text and "{%" not in rendered.text
        kinds.add(notice.kind)
    assert kinds >= {
        "allaboutme.updated",
        "careplans.written",
        "careplans.changed",
        "careplans.proposed",
        "careplans.proposal_approved",
        "careplans.proposal_amended",
        "careplans.proposal_declined",
        "careplans.review_due",
        "transitions.summary_shared",
        "transitions.family_responded",
    }
    declined = Notice.objects.get(kind="careplans.proposal_declined")
    assert "Talk at pick-up" in render_notice(declined, language="en").text
