"""Care plan pages: a family sees only their own child's plan, a proposal from the page waits
for approval, bad input shows a message and changes nothing, writing is for the key person or
staff who edit records, and the due-review list does not grow in queries with plans."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.careplans import services
from tandem.careplans.models import CarePlanProposal, CarePlanReview
from tandem.core.models import StaffRole
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.url("careplans_family:child")
def test_ed_gets_404_for_adas_plan(client, ed, ada_plan) -> None:
    client.force_login(ed)
    assert client.get(reverse("careplans_family:child", args=[ada_plan.child_id])).status_code == 404
    response = client.post(reverse("careplans_family:propose", args=[ada_plan.child_id]), {"goals": "x"})
    assert response.status_code == 404
    assert not CarePlanProposal.objects.exists()


@pytest.mark.url("careplans_family:propose")
def test_a_parent_proposes_a_change_and_the_plan_waits(client, dora, ada_plan) -> None:
    client.force_login(dora)
    url = reverse("careplans_family:propose", args=[ada_plan.child_id])
    response = client.post(url, {**ada_plan.current.content(), "routines": "Nap at 13:00", "note": "Later now"})
    assert response.status_code == 302
    proposal = CarePlanProposal.objects.get()
    assert proposal.changes == {"routines": "Nap at 13:00"}
    page = client.get(reverse("careplans_family:child", args=[ada_plan.child_id])).content.decode()
    assert "Waiting for the setting" in page and "Nap at 12:30" in page


@pytest.mark.url("careplans_family:propose")
def test_an_unchanged_proposal_gets_a_message_and_saves_nothing(client, dora, ada_plan) -> None:
    client.force_login(dora)
    response = client.post(reverse("careplans_family:propose", args=[ada_plan.child_id]), ada_plan.current.content())
    assert response.status_code == 400
    assert "Write the change you would like" in response.content.decode()
    assert not CarePlanProposal.objects.exists()


@pytest.mark.url("careplans:child-review")
def test_a_review_dated_before_the_plan_shows_a_message(client, bob, ada_plan) -> None:
    client.force_login(bob)
    early = ada_plan.start_date - dt.timedelta(days=3)
    response = client.post(
        reverse("careplans:child-review", args=["oak-tree", ada_plan.child_id]),
        {"reviewed_on": early.isoformat(), "family_views": "Happy"},
    )
    assert response.status_code == 400
    assert "A review cannot be before the plan started" in response.content.decode()
    assert not CarePlanReview.objects.exists()


@pytest.mark.url("careplans:proposal-decide")
def test_the_key_person_approves_from_the_page(client, bob, dora, ada_plan) -> None:
    proposal = services.care_plan_propose(
        plan=ada_plan, by=dora, guardian=dora.guardianships.get(), changes={"goals": "Cup"}
    )
    client.force_login(bob)
    url = reverse("careplans:proposal-decide", args=["oak-tree", ada_plan.child_id, proposal.pk])
    assert client.post(url, {"decision": "decline"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "pending"  # no reason given: nothing decided
    assert client.post(url, {"decision": "approve"}).status_code == 302
    ada_plan.refresh_from_db()
    assert ada_plan.current.goals == "Cup"


@pytest.mark.url("careplans:child-write")
def test_a_practitioner_who_is_not_the_key_person_may_read_but_not_write(client, oak_tree, ada_plan) -> None:
    user = f.UserFactory(username="pat")
    f.StaffMemberFactory(setting=oak_tree, user=user, roles=[StaffRole.PRACTITIONER])
    client.force_login(user)
    assert client.get(reverse("careplans:child", args=["oak-tree", ada_plan.child_id])).status_code == 200
    response = client.post(reverse("careplans:child-write", args=["oak-tree", ada_plan.child_id]), {"goals": "x"})
    assert response.status_code == 403
    ada_plan.refresh_from_db()
    assert ada_plan.current.number == 1


@pytest.mark.url("careplans:child")
def test_a_member_of_staff_who_cannot_see_the_child_gets_404(client, oak_tree, ada_plan) -> None:
    user = f.UserFactory(username="tess")
    f.StaffMemberFactory(setting=oak_tree, user=user, roles=[StaffRole.TRANSLATOR])
    client.force_login(user)
    assert client.get(reverse("careplans:child", args=["oak-tree", ada_plan.child_id])).status_code == 404


def test_the_profile_shows_the_plan_and_its_review_status(client, bob, ada_plan) -> None:
    client.force_login(bob)
    page = client.get(reverse("staff:child-detail", args=["oak-tree", ada_plan.child_id])).content.decode()
    assert "Care plan" in page and "Review due soon" in page and "Blue bunny" in page


@pytest.mark.url("careplans:index")
def test_the_due_list_shows_overdue_and_soon_and_not_later(
    client, alice, ada_plan, babies, django_assert_max_num_queries
) -> None:
    today = ada_plan.setting.today()

    def make(n: int, offset: int) -> None:
        for i in range(n):
            child = f.ChildFactory(
                room=babies, first_name=f"Kid{offset + i}", last_name="Plan"
            )  # a random surname could be "Kidd"
            services.care_plan_write(
                child=child, by=alice, start_date=today - dt.timedelta(days=160 + (i % 3) * 20), sections={"goals": "g"}
            )

    later = f.ChildFactory(room=babies, first_name="Later")
    services.care_plan_write(child=later, by=alice, start_date=today, sections={"goals": "g"})
    client.force_login(alice)
    url = reverse("careplans:index", args=["oak-tree"])
    make(3, 0)
    with CaptureQueriesContext(connection) as few:
        page = client.get(url).content.decode()
    assert "Ada" in page and "Later" not in page and "Review overdue" in page
    make(27, 3)
    with django_assert_max_num_queries(len(few)):
        page = client.get(url).content.decode()
    assert page.count("Kid") == 30


def test_a_key_person_sees_only_their_key_childrens_reviews(client, oak_tree, babies, alice, ada_plan) -> None:
    other = f.ChildFactory(room=babies, first_name="Otto")
    services.care_plan_write(child=other, by=alice, start_date=ada_plan.start_date, sections={"goals": "g"})
    from tandem.core.models import StaffMember

    bob = StaffMember.objects.get(pk=ada_plan.child.key_person_id).user
    client.force_login(bob)
    page = client.get(reverse("careplans:index", args=["oak-tree"])).content.decode()
    assert "Ada" in page and "Otto" not in page
