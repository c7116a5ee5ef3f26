"""Conversation pages, through the test client: who sees what, bad input, read receipts,
translations with the original one tap away, opening hours, and bounded queries."""

import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.conversations import services
from tandem.conversations.models import Conversation, Message
from tandem.core.models import StaffRole
from tandem.media.models import MediaFile
from tandem.translations.models import TextTranslation, text_hash
from tests import factories as f
from tests.conversations.conftest import jpeg_upload

pytestmark = pytest.mark.django_db


def _staff_url(name, *args):
    return reverse(f"conversations:{name}", args=["oak-tree", *args])


def test_script_in_a_message_never_reaches_the_page(client, dora, bob, ada) -> None:
    client.force_login(dora)
    response = client.post(
        reverse("conversations_family:start"),
        {
            "child": str(ada.pk),
            "subject": "Hi",
            "body": "<script>alert(1)</script> **Ada** <img src=x onerror=alert(2)>",
            "audience": "key_person",
        },
    )
    assert response.status_code == 302
    conversation = Conversation.objects.get()
    for user, url in ((dora, response.url), (bob, _staff_url("detail", conversation.pk))):
        client.force_login(user)
        html = client.get(url).content.decode()
        assert "<script>alert" not in html
        assert "onerror" not in html
        assert "<strong>Ada</strong>" in html


def test_an_empty_message_is_refused_with_a_message(client, dora, dora_thread) -> None:
    client.force_login(dora)
    response = client.post(reverse("conversations_family:detail", args=[dora_thread.pk]), {"body": "  "})
    assert response.status_code == 400
    assert "Write a message before sending it." in response.content.decode()
    assert dora_thread.messages.count() == 1


def test_a_wrong_or_too_large_attachment_is_refused_and_nothing_is_saved(client, dora, dora_thread) -> None:
    client.force_login(dora)
    url = reverse("conversations_family:detail", args=[dora_thread.pk])
    wrong = SimpleUploadedFile("virus.exe", b"MZ\x90\x00binary", content_type="application/octet-stream")
    response = client.post(url, {"body": "Plik", "attachments": [wrong]})
    assert response.status_code == 400
    assert "not a photo, video, voice note or PDF" in response.content.decode()
    big = SimpleUploadedFile(
        "big.jpg", b"\xff" * (services.MAX_ATTACHMENT_MB * 1024 * 1024 + 10), content_type="image/jpeg"
    )
    response = client.post(url, {"body": "Duży", "attachments": [big]})
    assert response.status_code == 400
    assert "is too large" in response.content.decode()
    assert dora_thread.messages.count() == 1 and not MediaFile.objects.exists()
    response = client.post(url, {"body": "Zdjęcie", "attachments": [jpeg_upload()]})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "/m/" in page and 'alt="Photo: photo.jpg"' in page  # a private signed link, never a public path


def test_read_receipts_are_recorded_and_shown(client, dora, bob, dora_thread) -> None:
    client.force_login(bob)
    client.get(_staff_url("detail", dora_thread.pk))
    assert dora_thread.messages.get().reads.filter(reader=bob, by_staff=True).exists()
    client.post(_staff_url("detail", dora_thread.pk), {"body": "Thank you, we will let her nap."})
    client.force_login(dora)
    family_page = client.get(reverse("conversations_family:detail", args=[dora_thread.pk])).content.decode()
    assert "Read by the setting" in family_page
    assert "Bob Birch" not in family_page  # families never see which member of staff read it
    client.force_login(bob)
    staff_page = client.get(_staff_url("detail", dora_thread.pk)).content.decode()
    read = Message.objects.get(body__startswith="Thank you").reads.get(reader=dora)
    local = read.read_at.astimezone(zoneinfo.ZoneInfo("Europe/London"))
    assert f"Read by Dora Lovelace at {local:%H:%M}" in staff_page


def test_a_translation_shows_with_the_original_one_tap_away(client, dora, bob, bob_staff, dora_thread) -> None:
    message = services.message_post(conversation=dora_thread, user=bob, staff=bob_staff, body="Ada painted today.")
    TextTranslation.objects.filter(source_id=str(message.pk), language="pl").update(
        text="Ada dziś malowała.", status="human", source_hash=text_hash(message.body)
    )
    client.force_login(dora)
    html = client.get(
        reverse("conversations_family:detail", args=[dora_thread.pk]), HTTP_ACCEPT_LANGUAGE="pl"
    ).content.decode()
    assert "Ada dziś malowała." in html
    assert "<details" in html and "Ada painted today." in html


def test_the_family_page_shows_the_opening_hours(client, dora, dora_thread, weekday_hours) -> None:
    client.force_login(dora)
    html = client.get(reverse("conversations_family:detail", args=[dora_thread.pk])).content.decode()
    assert "07:30–18:00" in html


def test_staff_without_can_message_families_get_403(client, oak_tree, dora_thread) -> None:
    translator = f.UserFactory(username="tess")
    f.StaffMemberFactory(setting=oak_tree, user=translator, roles=[StaffRole.TRANSLATOR])
    client.force_login(translator)
    assert client.get(_staff_url("index")).status_code == 403
    assert client.get(_staff_url("detail", dora_thread.pk)).status_code == 403
    assert client.get("/api/v1/settings/oak-tree/conversations").status_code == 403


def test_inbox_filters(client, alice, alice_staff, bob, ada, ben, dora, ed, dora_thread) -> None:
    services.conversation_start_for_staff(
        user=alice, staff=alice_staff, children=[ben], subject="Ben's shoes", body="Lost"
    )
    client.force_login(bob)
    index = _staff_url("index")
    page = client.get(index).content.decode()
    assert "Sleep at nursery" in page and "Ben&#x27;s shoes" in page
    assert page.index("Sleep at nursery") < page.index("Ben&#x27;s shoes")  # unread first
    assert "Ben&#x27;s shoes" not in client.get(index, {"key": "on"}).content.decode()
    assert "Sleep at nursery" not in client.get(index, {"q": "Babbage"}).content.decode()
    assert "Ben&#x27;s shoes" not in client.get(index, {"room": str(ada.room_id)}).content.decode()
    client.get(_staff_url("detail", dora_thread.pk))
    assert "Sleep at nursery" not in client.get(index, {"unread": "on"}).content.decode()
    partial = client.get(index, {"q": "Ada"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "Sleep at nursery" in partial


def _many_threads(n, *, setting, room, alice, alice_staff):
    children = []
    for i in range(n):
        family = f.FamilyFactory(setting=setting, name=f"Family {i}")
        child = f.ChildFactory(room=room, family=family, first_name=f"Child{i}", last_name="Test")
        guardian = f.GuardianFactory(family=family, first_name="G", last_name=str(i))
        f.ChildGuardianFactory(child=child, guardian=guardian, relationship="mother")
        children.append(child)
    services.conversation_start_for_staff(user=alice, staff=alice_staff, children=children, subject="Hello", body="Hi")


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_the_staff_inbox_runs_a_fixed_number_of_queries(
    client, who, request, oak_tree, babies, alice, alice_staff, bob
) -> None:
    client.force_login(request.getfixturevalue(who))
    url = _staff_url("index")
    counts = []
    for n in (3, 27):
        _many_threads(n, setting=oak_tree, room=babies, alice=alice, alice_staff=alice_staff)
        client.get(url)  # warm the session and the memberships
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert Conversation.objects.count() == 30
    assert counts[0] == counts[1], counts
    assert counts[1] <= 12, counts  # session, user, memberships, rooms, the inbox (one query), ...


def test_the_family_inbox_and_a_thread_run_a_fixed_number_of_queries(
    client, dora, dora_guardian, bob, bob_staff, dora_thread, ada
) -> None:
    client.force_login(dora)
    counts = []
    for n in (3, 27):
        for i in range(n):
            services.message_post(conversation=dora_thread, user=bob, staff=bob_staff, body=f"Note {i}")
            services.conversation_start_for_family(
                user=dora, guardian=dora_guardian, child=ada, subject=f"S{i}", body="x"
            )
        for url in (
            reverse("conversations_family:index"),
            reverse("conversations_family:detail", args=[dora_thread.pk]),
        ):
            client.get(url)
        with CaptureQueriesContext(connection) as index_ctx:
            client.get(reverse("conversations_family:index"))
        with CaptureQueriesContext(connection) as thread_ctx:
            client.get(reverse("conversations_family:detail", args=[dora_thread.pk]))
        counts.append((len(index_ctx.captured_queries), len(thread_ctx.captured_queries)))
    assert counts[0] == counts[1], counts


def test_staff_start_one_thread_per_family_of_a_room(client, alice, ada, ben, dora, ed, babies) -> None:
    client.force_login(alice)
    response = client.post(
        _staff_url("start"),
        {"room": str(babies.pk), "subject": "Nappies", "body": "Please bring more.", "audience": "key_person"},
    )
    assert response.status_code == 302
    assert list(Conversation.objects.values_list("child__first_name", flat=True)) == ["Ada"]
    client.force_login(ed)
    assert "Nappies" not in client.get(reverse("conversations_family:index")).content.decode()
    client.force_login(dora)
    assert "Nappies" in client.get(reverse("conversations_family:index")).content.decode()


def test_the_family_home_links_to_messages(client, dora) -> None:
    client.force_login(dora)
    html = client.get(reverse("family:home")).content.decode()
    assert reverse("conversations_family:index") in html


def test_staff_nav_shows_messages(client, bob, oak_tree) -> None:
    client.force_login(bob)
    html = client.get(reverse("staff:home", args=["oak-tree"])).content.decode()
    assert f'href="{_staff_url("index")}"' in html


def test_managers_set_the_opening_hours_and_bad_times_change_nothing(client, alice, oak_tree) -> None:
    from tandem.conversations.models import ClosedDay, OpeningHours

    client.force_login(alice)
    url = _staff_url("hours")
    bad = client.post(url, {"opens_0": "18:00", "closes_0": "07:30", "closed_days": "Christmas"})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "The closing time must be after the opening time." in html and "does not start with a date" in html
    assert not OpeningHours.objects.exists()
    week = {f"opens_{d}": "07:30" for d in range(5)} | {f"closes_{d}": "18:00" for d in range(5)}
    ok = client.post(url, {**week, "closed_days": "2026-12-25 Christmas Day", "auto_reply": ""})
    assert ok.status_code == 302
    assert OpeningHours.objects.filter(setting=oak_tree).count() == 5
    assert ClosedDay.objects.get().reason == "Christmas Day"
    assert 'value="07:30"' in client.get(url).content.decode()


def test_corrections_and_withdrawals_show_the_record(client, dora, alice, bob, dora_thread) -> None:
    message = dora_thread.messages.get()
    client.force_login(dora)
    edit = reverse("conversations_family:message-edit", args=[dora_thread.pk, message.pk])
    assert client.post(edit, {"body": "Ada spała dobrze."}).status_code == 302
    page = client.get(reverse("conversations_family:detail", args=[dora_thread.pk])).content.decode()
    assert "Edited" in page and "Earlier versions" in page and "źle spała" in page
    withdraw = reverse("conversations_family:message-withdraw", args=[dora_thread.pk, message.pk])
    assert client.post(withdraw).status_code == 302
    page = client.get(reverse("conversations_family:detail", args=[dora_thread.pk])).content.decode()
    assert "This message was withdrawn." in page and "Ada spała dobrze." not in page
    client.force_login(bob)
    assert "Ada spała dobrze." not in client.get(_staff_url("detail", dora_thread.pk)).content.decode()
    client.force_login(alice)  # the manager and DSL reads the record
    assert "Ada spała dobrze." in client.get(_staff_url("detail", dora_thread.pk)).content.decode()


def test_the_child_pages_show_the_conversations(client, bob, dora, ada, dora_thread) -> None:
    client.force_login(bob)
    html = client.get(reverse("staff:child-detail", args=["oak-tree", ada.pk])).content.decode()
    assert "Sleep at nursery" in html and f"?child={ada.pk}" in html
    client.force_login(dora)
    html = client.get(reverse("family:child-detail", args=[ada.pk])).content.decode()
    assert f"{reverse('conversations_family:start')}?child={ada.pk}" in html


def test_the_inbox_shows_50_at_a_time(client, oak_tree, babies, alice, alice_staff) -> None:
    _many_threads(55, setting=oak_tree, room=babies, alice=alice, alice_staff=alice_staff)
    client.force_login(alice)
    first = client.get(_staff_url("index")).content.decode()
    assert first.count('class="card') == 50 and "55 conversations" in first and "offset=50" in first
    second = client.get(_staff_url("index"), {"offset": "50"}).content.decode()
    assert second.count('class="card') == 5 and "Newer" in second
    assert client.get(_staff_url("index"), {"offset": "x"}).status_code == 200
