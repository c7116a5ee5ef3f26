"""Who may call the API: a session (with CSRF on writes) or a personal access token; a
read-only token may not write; bad tokens and signed-out callers get 401."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from tandem.accounts.models import ApiToken
from tandem.core.models import Child
from tests.api.conftest import assert_error, bearer, make_token

OAK = "/api/v1/settings/oak-tree"
NEW_CHILD = {"first_name": "Tok", "last_name": "En", "date_of_birth": "2023-01-02"}


def post_json(client, url: str, data: dict, **extra):
    return client.post(url, data=json.dumps(data), content_type="application/json", **extra)


@pytest.mark.django_db
def test_it_reads_with_a_read_token(client, alice, ada) -> None:
    raw = make_token(alice, scope="read")
    response = client.get(f"{OAK}/children", **bearer(raw))
    assert response.status_code == 200
    assert [c["first_name"] for c in response.json()["items"]] == ["Ada"]


@pytest.mark.django_db
def test_it_refuses_a_write_with_a_read_token(client, alice, ada) -> None:
    raw = make_token(alice, scope="read")
    response = post_json(client, f"{OAK}/children", NEW_CHILD, **bearer(raw))
    assert_error(response, 403, "forbidden")
    assert not Child.objects.filter(first_name="Tok").exists()


@pytest.mark.django_db
def test_it_writes_with_a_write_token_and_no_csrf(csrf_client, alice, ada) -> None:
    raw = make_token(alice, scope="write")
    response = post_json(csrf_client, f"{OAK}/children", NEW_CHILD, **bearer(raw))
    assert response.status_code == 201, response.content
    assert Child.objects.filter(first_name="Tok", setting__slug="oak-tree").count() == 1


@pytest.mark.django_db
def test_a_token_acts_with_its_owners_permissions(client, bob, ada) -> None:
    raw = make_token(bob, scope="write")
    response = post_json(client, f"{OAK}/children", NEW_CHILD, **bearer(raw))
    assert_error(response, 403, "forbidden")  # bob is a practitioner: no can_edit_children
    assert not Child.objects.filter(first_name="Tok").exists()


@pytest.mark.django_db
def test_a_token_cannot_reach_another_setting(client, charlie, ada) -> None:
    raw = make_token(charlie, scope="write")
    assert_error(client.get(f"{OAK}/children/{ada.pk}", **bearer(raw)), 404, "not_found")
    assert_error(client.get(f"/api/v1/family/children/{ada.pk}", **bearer(raw)), 404, "not_found")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["expired", "revoked", "unknown"])
def test_it_rejects_a_bad_token_with_401(client, alice, kind, yesterday) -> None:
    if kind == "expired":
        raw = make_token(alice, scope="write", expires_at=yesterday)
    elif kind == "revoked":
        raw = make_token(alice, scope="write", revoked_at=yesterday)
    else:
        raw = "tdm_" + "x" * 43
    assert_error(client.get("/api/v1/me", **bearer(raw)), 401, "unauthorized")
    assert_error(post_json(client, f"{OAK}/children", NEW_CHILD, **bearer(raw)), 401, "unauthorized")
    assert not Child.objects.filter(first_name="Tok").exists()


@pytest.mark.django_db
def test_a_bad_token_is_401_even_with_a_session(client, alice, yesterday) -> None:
    client.force_login(alice)
    raw = make_token(alice, scope="write", revoked_at=yesterday)
    assert_error(client.get("/api/v1/me", **bearer(raw)), 401, "unauthorized")


@pytest.mark.django_db
def test_it_records_when_a_token_was_last_used(client, alice) -> None:
    raw = make_token(alice)
    assert client.get("/api/v1/me", **bearer(raw)).json()["display_name"] == "Alice Ash"
    assert ApiToken.objects.get(user=alice).last_used_at is not None


@pytest.mark.django_db
def test_it_gives_401_to_someone_signed_out(client, ada) -> None:
    assert_error(client.get("/api/v1/me"), 401, "unauthorized")
    assert_error(client.get(f"{OAK}/children/{ada.pk}"), 401, "unauthorized")


@pytest.mark.django_db
def test_a_signed_out_write_is_401_not_a_csrf_failure(csrf_client, ada) -> None:
    assert_error(post_json(csrf_client, f"{OAK}/children", NEW_CHILD), 401, "unauthorized")
    assert not Child.objects.filter(first_name="Tok").exists()


@pytest.mark.django_db
def test_a_session_write_needs_the_csrf_token(csrf_client, alice, ada) -> None:
    csrf_client.force_login(alice)
    assert_error(post_json(csrf_client, f"{OAK}/children", NEW_CHILD), 403, "csrf_failed")
    assert not Child.objects.filter(first_name="Tok").exists()


@pytest.mark.django_db
def test_a_session_write_with_the_csrf_token_works(csrf_client, alice, ada) -> None:
    csrf_client.force_login(alice)
    csrf_client.get("/api/docs")  # Swagger UI's page carries the CSRF token for "Try it out"
    token = csrf_client.cookies["csrftoken"].value
    response = post_json(csrf_client, f"{OAK}/children", NEW_CHILD, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201, response.content
    assert Child.objects.filter(first_name="Tok").count() == 1


@pytest.mark.django_db
def test_a_session_read_needs_no_csrf_token(csrf_client, alice) -> None:
    csrf_client.force_login(alice)
    assert csrf_client.get("/api/v1/me").json()["email"] == "alice@oak.test"


@pytest.mark.django_db
def test_an_inactive_users_token_is_refused(client, alice) -> None:
    raw = make_token(alice)
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert_error(client.get("/api/v1/me", **bearer(raw)), 401, "unauthorized")


@pytest.mark.django_db
def test_a_token_that_expires_later_still_works(client, alice) -> None:
    raw = make_token(alice, expires_at=timezone.now() + dt.timedelta(days=30))
    assert client.get("/api/v1/me", **bearer(raw)).status_code == 200
