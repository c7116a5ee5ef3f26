"""Settling-in and transition pages: the overview of children starting soon keeps its query
count, the family reads the summary only once it is given to them and comments on it, sharing
onward too early shows why, and the summary PDF is a real PDF."""

import datetime as dt
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from tandem.allaboutme.services import all_about_me_save
from tandem.transitions import services
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.url("transitions:transition-share-onward")
def test_sharing_onward_too_early_says_why_and_changes_nothing(client, bob, ada_move) -> None:
    client.force_login(bob)
    url = reverse("transitions:transition-share-onward", args=["oak-tree", ada_move.pk])
    response = client.post(url, {"shared_to": "Pre-school"}, follow=True)
    assert "Give the summary to the family first" in response.content.decode()
    ada_move.refresh_from_db()
    assert ada_move.shared_onward_at is None


@pytest.mark.url("transitions_family:transition")
def test_the_family_sees_the_summary_only_once_given_and_adds_comments(client, bob, dora, ada_move) -> None:
    client.force_login(dora)
    url = reverse("transitions_family:transition", args=[ada_move.pk])
    assert "sand tray" not in client.get(url).content.decode()
    assert client.get(reverse("transitions_family:transition-pdf", args=[ada_move.pk])).status_code == 404
    services.transition_summary_share_with_family(transition_=ada_move, by=bob)
    assert "sand tray" in client.get(url).content.decode()
    assert client.post(url, {"comment": "She likes the bikes"}).status_code == 302
    ada_move.refresh_from_db()
    assert ada_move.family_comment == "She likes the bikes" and ada_move.family_seen_at is not None


@pytest.mark.url("transitions_family:transition")
def test_ed_gets_404_for_adas_move(client, ed, ada_move) -> None:
    client.force_login(ed)
    url = reverse("transitions_family:transition", args=[ada_move.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"comment": "x"}).status_code == 404
    ada_move.refresh_from_db()
    assert ada_move.family_comment == ""


@pytest.mark.url("transitions:transition-pdf")
def test_the_summary_pdf_has_the_summary_and_the_familys_comment(client, bob, dora, ada_move) -> None:
    services.transition_summary_share_with_family(transition_=ada_move, by=bob)
    services.transition_family_response(
        transition_=ada_move, by=dora, guardian=dora.guardianships.get(), comment="Bikes please"
    )
    client.force_login(bob)
    response = client.get(reverse("transitions:transition-pdf", args=["oak-tree", ada_move.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    assert "sand tray" in text and "Bikes please" in text and "Pre-school" in text


@pytest.mark.url("transitions:transition")
def test_a_practitioner_who_is_not_the_key_person_cannot_change_the_summary(client, oak_tree, ada_move) -> None:
    from tandem.core.models import StaffRole

    user = f.UserFactory(username="pat")
    f.StaffMemberFactory(setting=oak_tree, user=user, roles=[StaffRole.PRACTITIONER])
    client.force_login(user)
    url = reverse("transitions:transition", args=["oak-tree", ada_move.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"summary": "Not mine to write"}).status_code == 403
    ada_move.refresh_from_db()
    assert ada_move.summary == "Ada loves the sand tray."


@pytest.mark.url("transitions:index")
def test_the_overview_of_children_starting_soon_keeps_its_query_count(
    client, alice, babies, django_assert_max_num_queries
) -> None:
    today = babies.setting.today()

    def make(n: int, offset: int) -> None:
        for i in range(n):
            child = f.ChildFactory(
                room=babies, first_name=f"Starter{offset + i}", start_date=today + dt.timedelta(days=i % 20)
            )
            if i % 2:
                all_about_me_save(child=child, by=alice, how="paper", answers={"likes": "Sand"})
                services.settling_step_tick(child=child, step="info_pack", by=alice, done_on=today)

    f.ChildFactory(room=babies, first_name="Longago", start_date=today - dt.timedelta(days=200))
    client.force_login(alice)
    url = reverse("transitions:index", args=["oak-tree"])
    make(3, 0)
    with CaptureQueriesContext(connection) as few:
        page = client.get(url).content.decode()
    assert "Starter0" in page and "Longago" not in page
    make(27, 3)
    with django_assert_max_num_queries(len(few)):
        page = client.get(url).content.decode()
    assert page.count("Starter") == 30
    assert page.count('value="2"') == 14  # All About Me and information pack done


def test_the_profile_shows_checklist_progress(client, bob, ada, ada_move) -> None:
    client.force_login(bob)
    page = client.get(reverse("staff:child-detail", args=["oak-tree", ada.pk])).content.decode()
    assert "Settling-in checklist: 0 of 5 done" in page and "Room move" in page


def test_the_three_tools_are_linked_from_working_with_families(client, bob, dora, ada) -> None:
    client.force_login(bob)
    page = client.get(reverse("staff:working-with-families", args=["oak-tree"])).content.decode()
    for url in ("allaboutme:index", "careplans:index", "transitions:index"):
        assert reverse(url, args=["oak-tree"]) in page
    client.force_login(dora)
    page = client.get(reverse("family:child-detail", args=[ada.pk])).content.decode()
    assert reverse("allaboutme_family:child", args=[ada.pk]) in page
    assert reverse("transitions_family:child", args=[ada.pk]) in page
