"""Staff pages for invitations: /s/<setting>/admin/invitations/."""

import pytest
from django.core import mail
from django.urls import reverse

from tandem.accounts import services
from tandem.accounts.models import Invitation
from tests import factories as f


def _list_url() -> str:
    return reverse("staff:invitation-list", args=["oak-tree"])


def _create_url(guardian, slug: str = "oak-tree") -> str:
    return reverse("staff:invitation-create", args=[slug, guardian.pk])


@pytest.mark.url("staff:invitation-list")
def test_the_list_shows_each_guardian_with_the_status_of_their_invitation(
    client, adam, dan, dora, letter_for_dan
) -> None:
    client.force_login(adam)
    response = client.get(_list_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dan Lovelace" in body and "Waiting" in body
    assert "Dora Lovelace" in body and "Signed up" in body


@pytest.mark.url("staff:invitation-list")
def test_the_list_queries_do_not_grow_with_families(client, alice, oak_tree, django_assert_num_queries) -> None:
    def add_families(n: int) -> None:
        for _ in range(n):
            guardian = f.GuardianFactory(family=f.FamilyFactory(setting=oak_tree))
            services.invitation_create(guardian=guardian, channel="letter", by=alice, language="en")

    client.force_login(alice)
    add_families(3)
    client.get(_list_url())  # warm the session
    # session, user, staff memberships, guardians (+family, user), invitations (+created_by)
    with django_assert_num_queries(5):
        assert client.get(_list_url()).status_code == 200
    add_families(27)
    with django_assert_num_queries(5):
        assert client.get(_list_url()).status_code == 200


@pytest.mark.url("staff:invitation-list")
def test_a_practitioner_without_the_flag_gets_403(client, bob) -> None:
    client.force_login(bob)
    assert client.get(_list_url()).status_code == 403


@pytest.mark.url("staff:invitation-create")
def test_an_email_invitation_is_sent_in_the_familys_language(client, alice, dan) -> None:
    client.force_login(alice)
    form = client.get(_create_url(dan))
    assert form.status_code == 200
    assert 'value="pl" selected' in form.content.decode()  # Dan's preferences say Polish
    response = client.post(_create_url(dan), {"channel": "email", "email": "dan@home.test", "language": "pl"})
    assert response.status_code == 302
    invitation = Invitation.objects.get(guardian=dan)
    assert invitation.channel == "email" and invitation.language == "pl" and invitation.created_by == alice
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["dan@home.test"]


@pytest.mark.url("staff:invitation-create")
def test_a_letter_invitation_comes_back_as_a_pdf(client, adam, dan) -> None:
    client.force_login(adam)
    response = client.post(_create_url(dan), {"channel": "letter", "email": "", "language": "pl"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert Invitation.objects.get(guardian=dan).channel == "letter"
    assert mail.outbox == []


@pytest.mark.url("staff:invitation-create")
def test_bad_input_shows_a_message_and_creates_nothing(client, alice, dan) -> None:
    client.force_login(alice)
    response = client.post(_create_url(dan), {"channel": "email", "email": "", "language": "pl"})
    assert response.status_code == 400
    assert "We need an e-mail address" in response.content.decode()
    response = client.post(_create_url(dan), {"channel": "pigeon", "email": "", "language": "pl"})
    assert response.status_code == 400
    assert not Invitation.objects.exists()
    assert mail.outbox == []


@pytest.mark.url("staff:invitation-create")
def test_charlie_cannot_invite_a_guardian_of_oak_tree(client, charlie, dan) -> None:
    client.force_login(charlie)
    # his own setting in the URL, Dan's id after it
    response = client.post(_create_url(dan, "elm-house"), {"channel": "letter", "email": "", "language": "en"})
    assert response.status_code == 404
    assert not Invitation.objects.exists()


@pytest.mark.url("staff:invitation-create")
def test_ed_cannot_invite_anyone(client, ed, dan) -> None:
    client.force_login(ed)
    response = client.post(_create_url(dan), {"channel": "letter", "email": "", "language": "en"})
    assert response.status_code == 404
    assert not Invitation.objects.exists()


@pytest.mark.url("staff:invitation-letter")
def test_printing_a_letter_makes_a_fresh_code_and_withdraws_the_old(client, adam, dan, letter_for_dan) -> None:
    old, old_raw = letter_for_dan
    client.force_login(adam)
    response = client.post(reverse("staff:invitation-letter", args=["oak-tree", dan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    old.refresh_from_db()
    assert old.revoked_at is not None
    assert Invitation.objects.filter(guardian=dan, revoked_at__isnull=True).count() == 1


@pytest.mark.url("staff:invitation-letter")
def test_a_letter_for_a_guardian_with_an_account_is_refused(client, alice, dora) -> None:
    from tandem.core.models import Guardian

    client.force_login(alice)
    guardian = Guardian.objects.get(user=dora)
    response = client.post(reverse("staff:invitation-letter", args=["oak-tree", guardian.pk]), follow=True)
    assert "already has an account" in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.url("staff:invitation-letter")
def test_bob_cannot_print_a_letter(client, bob, dan) -> None:
    client.force_login(bob)
    assert client.post(reverse("staff:invitation-letter", args=["oak-tree", dan.pk])).status_code == 403
    assert not Invitation.objects.exists()


@pytest.mark.url("staff:invitation-revoke")
def test_withdrawing_stops_the_code_working(client, alice, letter_for_dan) -> None:
    invitation, raw = letter_for_dan
    client.force_login(alice)
    response = client.post(reverse("staff:invitation-revoke", args=["oak-tree", invitation.pk]))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


@pytest.mark.url("staff:invitation-revoke")
def test_charlie_cannot_withdraw_an_oak_tree_invitation(client, charlie, letter_for_dan) -> None:
    invitation, _raw = letter_for_dan
    client.force_login(charlie)
    assert client.post(reverse("staff:invitation-revoke", args=["elm-house", invitation.pk])).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


@pytest.mark.url("staff:invitation-revoke")
def test_withdrawing_rejects_get(client, alice, letter_for_dan) -> None:
    invitation, _raw = letter_for_dan
    client.force_login(alice)
    assert client.get(reverse("staff:invitation-revoke", args=["oak-tree", invitation.pk])).status_code == 405
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
