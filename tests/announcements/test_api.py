"""The announcements API with a real client: staff write, schedule and send; families read in
their language, answer, and are refused clearly once answers close."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from tandem.announcements.models import Announcement, QuestionAnswer
from tandem.notify.models import NoticeRecipient
from tests.announcements.conftest import translate

pytestmark = pytest.mark.django_db
API = "/api/v1/settings/oak-tree/announcements"


def _post(client, url, data=None):
    return client.post(url, data=json.dumps(data or {}), content_type="application/json")


def test_staff_create_for_a_room_send_and_see_reads(client, cast, babies):
    client.force_login(cast["adam"])
    response = _post(
        client,
        API,
        {
            "title": "Babies: teddy day",
            "body_markdown": "Bring a <script>x</script>teddy",
            "audience": "rooms",
            "room_ids": [str(babies.pk)],
            "question": "Will you come?",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft" and "<script" not in body["body_html"]
    response = _post(client, f"{API}/{body['id']}/send")
    assert response.status_code == 200 and response.json()["status"] == "sent"
    assert list(NoticeRecipient.objects.values_list("guardian__user__username", flat=True)) == ["dora"]
    assert _post(client, f"{API}/{body['id']}/send").status_code == 422  # once only
    reads = client.get(f"{API}/{body['id']}/reads").json()
    assert reads["sent"] == 1 and reads["read"] == 0
    assert reads["not_seen"][0]["children"][0] == {"name": "Ada Lovelace", "room": "Babies", "key_person": "Bob Birch"}


def test_another_settings_room_is_refused(client, cast, elm_house):
    client.force_login(cast["alice"])
    room = cast["elm_child"].room
    response = _post(client, API, {"title": "x", "audience": "rooms", "room_ids": [str(room.pk)]})
    assert response.status_code == 422
    assert not Announcement.objects.exists()


def test_urgent_needs_a_manager(client, cast):
    client.force_login(cast["adam"])
    assert _post(client, API, {"title": "Closed today", "urgent": True}).status_code == 403
    client.force_login(cast["alice"])
    assert _post(client, API, {"title": "Closed today", "urgent": True}).status_code == 201


def test_schedule_in_the_past_is_refused(client, cast):
    client.force_login(cast["alice"])
    created = _post(client, API, {"title": "Later"}).json()
    past = (timezone.now() - dt.timedelta(hours=1)).isoformat()
    response = _post(client, f"{API}/{created['id']}/schedule", {"send_at": past})
    assert response.status_code == 422
    assert "future" in response.content.decode()
    future = (timezone.now() + dt.timedelta(hours=1)).isoformat()
    assert _post(client, f"{API}/{created['id']}/schedule", {"send_at": future}).json()["status"] == "scheduled"


def test_family_reads_in_polish_and_answers_until_closed(client, cast, dora, ed):
    client.force_login(cast["alice"])
    closes = (timezone.now() + dt.timedelta(days=1)).isoformat()
    created = _post(
        client, API, {"title": "Farm trip", "question": "Can you help?", "question_closes_at": closes}
    ).json()
    _post(client, f"{API}/{created['id']}/send")
    announcement = Announcement.objects.get()
    translate(announcement, "title", "pl", "Wycieczka")
    client.force_login(dora)
    listing = client.get("/api/v1/family/announcements").json()
    assert (
        listing["count"] == 1 and listing["items"][0]["title"] == "Wycieczka" and listing["items"][0]["read_at"] is None
    )
    detail = client.get(f"/api/v1/family/announcements/{announcement.pk}").json()
    assert detail["translated"] is True and detail["read_at"] is not None
    assert (
        _post(client, f"/api/v1/family/announcements/{announcement.pk}/answer", {"answer": "yes"}).json()["your_answer"]
        == "yes"
    )
    assert (
        _post(client, f"/api/v1/family/announcements/{announcement.pk}/answer", {"answer": "no"}).json()["your_answer"]
        == "no"
    )
    Announcement.objects.filter(pk=announcement.pk).update(question_closes_at=timezone.now() - dt.timedelta(seconds=5))
    response = _post(client, f"/api/v1/family/announcements/{announcement.pk}/answer", {"answer": "yes"})
    assert response.status_code == 422 and "closed" in response.content.decode()
    assert QuestionAnswer.objects.get().answer == "no"
    client.force_login(ed)
    assert client.get("/api/v1/family/announcements").json()["items"][0]["title"] == "Farm trip"  # ed reads English
