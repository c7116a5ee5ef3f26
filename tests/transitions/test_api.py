"""The API of All About Me, care plans and transitions: the same rules as the pages, refusals
as 422 with the reason, another family or a member of staff who cannot see the child 404."""

import json

import pytest

from tandem.allaboutme.models import AllAboutMeVersion
from tandem.careplans import services as careplan_services
from tandem.careplans.models import CarePlanProposal
from tandem.core.models import StaffRole
from tests import factories as f

pytestmark = pytest.mark.django_db


def _messages(response) -> str:
    body = response.json()["error"]
    return " ".join([body["message"]] + [d["message"] for d in body.get("details", [])])


def test_a_family_update_is_a_new_version_and_an_empty_one_is_refused(client, dora, ada) -> None:
    client.force_login(dora)
    url = f"/api/v1/family/allaboutme/children/{ada.pk}"
    assert client.put(url, json.dumps({"likes": " "}), content_type="application/json").status_code == 422
    assert not AllAboutMeVersion.objects.exists()
    first = client.put(url, json.dumps({"likes": "Ducks"}), content_type="application/json")
    second = client.put(url, json.dumps({"likes": "Owls"}), content_type="application/json")
    assert (first.status_code, second.status_code) == (201, 201)
    versions = client.get(f"{url}/versions").json()
    assert [(v["number"], v["likes"]) for v in versions] == [(2, "Owls"), (1, "Ducks")]


def test_staff_must_say_how_they_got_the_answers(client, bob, ada) -> None:
    client.force_login(bob)
    url = f"/api/v1/settings/oak-tree/allaboutme/children/{ada.pk}"
    response = client.put(url, json.dumps({"likes": "Sand", "how": "online"}), content_type="application/json")
    assert response.status_code == 422 and "how the answers were given" in _messages(response)
    assert not AllAboutMeVersion.objects.exists()


def test_an_empty_proposal_is_refused_through_the_api(client, dora, ada, alice) -> None:
    careplan_services.care_plan_write(child=ada, by=alice, start_date=ada.setting.today(), sections={"goals": "Walk"})
    client.force_login(dora)
    url = f"/api/v1/family/careplans/children/{ada.pk}/proposals"
    response = client.post(url, json.dumps({"goals": "Walk"}), content_type="application/json")
    assert response.status_code == 422 and "Write the change you would like" in _messages(response)
    assert not CarePlanProposal.objects.exists()


def test_sharing_onward_before_the_family_has_it_is_refused(client, bob, ada_move) -> None:
    client.force_login(bob)
    response = client.post(
        f"/api/v1/settings/oak-tree/transitions/moves/{ada_move.pk}/share-onward",
        json.dumps({"shared_to": "Pre-school"}),
        content_type="application/json",
    )
    assert response.status_code == 422 and "Give the summary to the family first" in _messages(response)
    ada_move.refresh_from_db()
    assert ada_move.shared_onward_at is None


def test_the_family_does_not_see_a_summary_before_it_is_given_to_them(client, dora, ada_move) -> None:
    client.force_login(dora)
    moves = client.get(f"/api/v1/family/transitions/children/{ada_move.child_id}/moves").json()
    assert moves[0]["summary"] is None and moves[0]["to"] == "Pre-school"


def test_a_member_of_staff_who_cannot_see_the_child_gets_404(client, oak_tree, ada, ada_move) -> None:
    user = f.UserFactory(username="tess")
    f.StaffMemberFactory(setting=oak_tree, user=user, roles=[StaffRole.TRANSLATOR])
    client.force_login(user)
    for path in (
        f"/api/v1/settings/oak-tree/allaboutme/children/{ada.pk}/versions",
        f"/api/v1/settings/oak-tree/careplans/children/{ada.pk}",
        f"/api/v1/settings/oak-tree/transitions/children/{ada.pk}/checklist",
    ):
        assert client.get(path).status_code == 404, path
    response = client.put(
        f"/api/v1/settings/oak-tree/transitions/moves/{ada_move.pk}/summary",
        json.dumps({"summary": "Not mine"}),
        content_type="application/json",
    )
    assert response.status_code == 404
