"""The conversations API: the same rules as the pages, for staff and for families."""

import pytest

from tandem.conversations.models import Conversation, Message
from tandem.translations.models import TextTranslation, text_hash

pytestmark = pytest.mark.django_db
API = "/api/v1/settings/oak-tree/conversations"
FAMILY = "/api/v1/family/conversations"


def test_staff_list_read_reply_and_mark_read(client, bob, dora_thread) -> None:
    client.force_login(bob)
    listed = client.get(API).json()
    assert listed["count"] == 1 and listed["items"][0]["unread_count"] == 1
    detail = client.get(f"{API}/{dora_thread.pk}").json()
    assert [m["body"] for m in detail["messages"]] == ["Dzień dobry, Ada źle spała w nocy."]
    assert client.post(f"{API}/{dora_thread.pk}/read").json() == {"marked": 1}
    assert client.get(API).json()["items"][0]["unread_count"] == 0
    response = client.post(f"{API}/{dora_thread.pk}/messages", {"body": "Thanks"}, content_type="application/json")
    assert response.status_code == 201 and response.json()["author"] == "Bob Birch"


def test_an_empty_message_is_a_validation_error(client, bob, dora_thread) -> None:
    client.force_login(bob)
    response = client.post(f"{API}/{dora_thread.pk}/messages", {"body": "  "}, content_type="application/json")
    assert response.status_code == 422
    assert "Write a message" in response.content.decode()
    assert dora_thread.messages.count() == 1


def test_staff_start_one_thread_per_family(client, alice, ada, ben, dora, ed) -> None:
    client.force_login(alice)
    response = client.post(
        API,
        {"child_ids": [str(ada.pk), str(ben.pk)], "subject": "Farm", "body": "Friday"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert Conversation.objects.values("family").distinct().count() == 2
    client.force_login(ed)
    assert [c["child_name"] for c in client.get(FAMILY).json()["items"]] == ["Ben"]


def test_a_family_reads_in_its_language_and_never_sees_another_familys_thread(
    client, dora, ed, bob, bob_staff, dora_thread
) -> None:
    from tandem.conversations import services

    message = services.message_post(conversation=dora_thread, user=bob, staff=bob_staff, body="She napped well.")
    TextTranslation.objects.filter(source_id=str(message.pk), language="pl").update(
        text="Dobrze spała.", status="human", source_hash=text_hash(message.body)
    )
    client.force_login(dora)
    detail = client.get(f"{FAMILY}/{dora_thread.pk}").json()
    last = detail["messages"][-1]
    assert (last["body"], last["original"], last["author"]) == (
        "Dobrze spała.",
        "She napped well.",
        "Bob at Oak Tree Nursery",
    )
    assert "read_by" in last and last["read_by"] == []  # families never see which member of staff read it
    client.force_login(ed)
    assert client.get(f"{FAMILY}/{dora_thread.pk}").status_code == 404
    assert (
        client.post(f"{FAMILY}/{dora_thread.pk}/messages", {"body": "x"}, content_type="application/json").status_code
        == 404
    )
    assert Message.objects.filter(author=ed).count() == 0


def test_a_family_starts_a_conversation(client, dora, ada, bob_staff) -> None:
    client.force_login(dora)
    response = client.post(
        FAMILY, {"child_id": str(ada.pk), "subject": "Hello", "body": "Cześć"}, content_type="application/json"
    )
    assert response.status_code == 201
    assert Conversation.objects.get().messages.get().language == "pl"
