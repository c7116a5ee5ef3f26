"""The verbs of conversations, on a real database with the immediate task backend."""

import datetime as dt
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tandem.conversations import selectors, services
from tandem.conversations.models import Conversation, Message, MessageAttachment, MessageRevision
from tandem.media.models import MediaFile
from tandem.notify.models import NoticeRecipient
from tandem.notify.rendering import render_notice
from tandem.translations.models import TextTranslation, text_hash
from tests import factories as f
from tests.conversations.conftest import jpeg_upload

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def _at(year, month, day, hour, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def test_a_family_message_tells_the_key_person_and_asks_for_english(dora_thread, bob_staff, dora) -> None:
    message = dora_thread.messages.get()
    assert message.language == "pl"
    recipients = NoticeRecipient.objects.filter(notice__kind="conversations.message")
    assert [r.staff_id for r in recipients] == [bob_staff.pk]
    assert all(r.guardian_id is None for r in recipients)
    request = TextTranslation.objects.get(source_id=str(message.pk))
    assert (request.source_language, request.language, request.status) == ("pl", "en", "requested")


def test_room_team_and_manager_audiences_are_told_too(ada, dora, dora_guardian, bob_staff, alice_staff) -> None:
    other = f.StaffMemberFactory(setting=ada.setting, roles=["practitioner"])
    other.rooms.add(ada.room)
    services.conversation_start_for_family(
        user=dora, guardian=dora_guardian, child=ada, subject="Room", body="Hello", audience="room_team"
    )
    services.conversation_start_for_family(
        user=dora, guardian=dora_guardian, child=ada, subject="Fees", body="Hello", audience="manager"
    )
    by_subject = {
        c.subject: set(
            NoticeRecipient.objects.filter(notice__source_id=str(c.messages.get().pk)).values_list(
                "staff_id", flat=True
            )
        )
        for c in Conversation.objects.all()
    }
    assert by_subject["Room"] == {bob_staff.pk, other.pk}
    assert by_subject["Fees"] == {bob_staff.pk, alice_staff.pk}


def test_a_staff_message_tells_the_family_in_its_language(dora_thread, bob, bob_staff, dora_guardian) -> None:
    message = services.message_post(conversation=dora_thread, user=bob, staff=bob_staff, body="Ada slept well today.")
    recipients = NoticeRecipient.objects.filter(notice__source_id=str(message.pk))
    assert [r.guardian_id for r in recipients] == [dora_guardian.pk]
    assert TextTranslation.objects.get(source_id=str(message.pk)).language == "pl"
    # The notice's body comes through the context hook: the Polish translation once there is one.
    TextTranslation.objects.filter(source_id=str(message.pk)).update(
        text="Ada dziś dobrze spała.", status="human", source_hash=text_hash(message.body)
    )
    notice = recipients.get().notice
    polish = render_notice(notice, language="pl", recipient_name="Dora")
    assert "Ada dziś dobrze spała." in polish.text
    assert "Ada slept well today." in render_notice(notice, language="en").text


def test_group_start_makes_one_thread_per_family_and_each_sees_only_its_own(
    ada, ben, dora, ed, alice, alice_staff
) -> None:
    started = services.conversation_start_for_staff(
        user=alice, staff=alice_staff, children=[ada, ben], subject="Trip to the farm", body="We go on Friday."
    )
    assert len(started) == 2
    assert {c.family_id for c in started} == {ada.family_id, ben.family_id}
    assert [c.child for c in selectors.conversations_for_guardian(user=dora)] == [ada]
    assert [c.child for c in selectors.conversations_for_guardian(user=ed)] == [ben]
    assert NoticeRecipient.objects.filter(guardian__user=dora).count() == 1
    assert NoticeRecipient.objects.filter(guardian__user=ed).count() == 1


def test_a_family_sees_only_its_own_threads(dora_thread, ed, dora) -> None:
    from django.http import Http404

    assert list(selectors.conversations_for_guardian(user=ed)) == []
    with pytest.raises(Http404):
        selectors.conversation_for_guardian(user=ed, conversation_id=dora_thread.pk)
    assert selectors.conversation_for_guardian(user=dora, conversation_id=dora_thread.pk) == dora_thread


def test_out_of_hours_a_family_gets_one_automatic_reply_per_closed_period(
    weekday_hours, dora_thread, dora, dora_guardian, bob, bob_staff
) -> None:
    Message.objects.all().delete()
    tuesday_evening = _at(2026, 12, 1, 20, 5)
    services.message_post(
        conversation=dora_thread, user=dora, guardian=dora_guardian, body="Jutro?", now=tuesday_evening
    )
    services.message_post(
        conversation=dora_thread,
        user=dora,
        guardian=dora_guardian,
        body="I jeszcze",
        now=tuesday_evening + dt.timedelta(hours=1),
    )
    replies = list(Message.objects.filter(kind="auto"))
    assert len(replies) == 1
    assert replies[0].reopens_at == _at(2026, 12, 2, 7, 30)
    assert (
        selectors.auto_reply_wording(replies[0], dora_thread.setting) == "We're closed now; we open at 07:30 tomorrow."
    )
    # In opening hours: no reply. Friday night: the next one names Monday.
    services.message_post(
        conversation=dora_thread, user=dora, guardian=dora_guardian, body="Dzięki", now=_at(2026, 12, 2, 9)
    )
    services.message_post(
        conversation=dora_thread, user=dora, guardian=dora_guardian, body="Weekend", now=_at(2026, 12, 4, 19)
    )
    replies = list(Message.objects.filter(kind="auto").order_by("created_at"))
    assert [r.reopens_at for r in replies] == [_at(2026, 12, 2, 7, 30), _at(2026, 12, 7, 7, 30)]
    assert "Monday" in selectors.auto_reply_wording(replies[1], dora_thread.setting)
    # Staff never get an automatic reply.
    services.message_post(
        conversation=dora_thread, user=bob, staff=bob_staff, body="Late note", now=_at(2026, 12, 5, 22)
    )
    assert Message.objects.filter(kind="auto").count() == 2


def test_closed_dates_count_as_closed(dora_thread, weekday_hours, dora, dora_guardian) -> None:
    from tandem.conversations.models import ClosedDay

    ClosedDay.objects.create(setting=weekday_hours, date=dt.date(2026, 12, 2), reason="Training day")
    services.message_post(
        conversation=dora_thread, user=dora, guardian=dora_guardian, body="?", now=_at(2026, 12, 2, 10)
    )
    assert Message.objects.get(kind="auto").reopens_at == _at(2026, 12, 3, 7, 30)


def test_an_edit_keeps_the_earlier_text_and_a_withdrawal_keeps_the_text(dora_thread, dora) -> None:
    message = dora_thread.messages.get()
    original = message.body
    services.message_edit(message=message, user=dora, body="Ada spała dobrze.")
    message.refresh_from_db()
    assert message.body == "Ada spała dobrze." and message.edited_at
    assert list(MessageRevision.objects.values_list("body", flat=True)) == [original]
    services.message_withdraw(message=message, user=dora)
    message.refresh_from_db()
    assert message.withdrawn_at and message.body == "Ada spała dobrze."
    with pytest.raises(services.ConversationError):
        services.message_edit(message=message, user=dora, body="again")


def test_only_the_author_may_edit(dora_thread, bob) -> None:
    with pytest.raises(services.ConversationError):
        services.message_edit(message=dora_thread.messages.get(), user=bob, body="Not mine")


def test_empty_message_is_refused(dora_thread, dora, dora_guardian) -> None:
    with pytest.raises(services.ConversationError) as exc:
        services.message_post(conversation=dora_thread, user=dora, guardian=dora_guardian, body="   ")
    assert "Write a message" in str(exc.value)
    assert dora_thread.messages.count() == 1


def test_a_photo_is_attached_and_a_wrong_file_saves_nothing(dora_thread, dora, dora_guardian) -> None:
    message = services.message_post(
        conversation=dora_thread, user=dora, guardian=dora_guardian, body="Zdjęcie", files=[jpeg_upload()]
    )
    assert message.attachments.get().media.kind == "photo"
    before = (Message.objects.count(), MediaFile.objects.count(), MessageAttachment.objects.count())
    text = SimpleUploadedFile("notes.exe", b"MZ\x90\x00 not a photo", content_type="application/octet-stream")
    with pytest.raises(services.ConversationError) as exc:
        services.message_post(conversation=dora_thread, user=dora, guardian=dora_guardian, body="Plik", files=[text])
    assert "not a photo" in " ".join(exc.value.messages)
    big = SimpleUploadedFile(
        "big.jpg", b"\xff" * (services.MAX_ATTACHMENT_MB * 1024 * 1024 + 1), content_type="image/jpeg"
    )
    with pytest.raises(services.ConversationError) as exc:
        services.message_post(conversation=dora_thread, user=dora, guardian=dora_guardian, body="Duży", files=[big])
    assert "too large" in " ".join(exc.value.messages)
    assert (Message.objects.count(), MediaFile.objects.count(), MessageAttachment.objects.count()) == before


def test_read_receipts_per_message_per_reader(dora_thread, bob, dora) -> None:
    message = dora_thread.messages.get()
    assert services.conversation_mark_read(conversation=dora_thread, user=bob, by_staff=True) == 1
    assert services.conversation_mark_read(conversation=dora_thread, user=bob, by_staff=True) == 0
    read = message.reads.get(reader=bob)
    assert read.by_staff
    shown = selectors.thread(conversation=dora_thread, viewer=dora, language="pl", as_staff=False)
    assert shown[0].seen_by_setting
    staff_view = selectors.thread(conversation=dora_thread, viewer=bob, language="en", as_staff=True)
    assert [name for name, _at in staff_view[0].receipts] == ["Bob Birch"]  # the team sees which of them read it
    reply = services.message_post(conversation=dora_thread, user=bob, staff=bob.staff_memberships.get(), body="OK")
    services.conversation_mark_read(conversation=dora_thread, user=dora, by_staff=False)
    staff_view = selectors.thread(conversation=dora_thread, viewer=bob, language="en", as_staff=True)
    assert [name for name, _at in staff_view[-1].receipts] == ["Dora Lovelace"]
    assert staff_view[-1].message == reply


def test_a_translation_is_shown_with_the_original_kept(dora_thread, bob) -> None:
    message = dora_thread.messages.get()
    TextTranslation.objects.filter(source_id=str(message.pk), language="en").update(
        text="Good morning, Ada slept badly last night.", status="human", source_hash=text_hash(message.body)
    )
    shown = selectors.thread(conversation=dora_thread, viewer=bob, language="en", as_staff=True)[0]
    assert "Ada slept badly" in shown.html
    assert "źle spała" in shown.original_html


def test_a_settings_own_auto_reply_is_sent_for_translation(oak_tree, alice, dora_thread, dora, dora_guardian) -> None:
    services.opening_hours_set(
        setting=oak_tree,
        by=alice,
        week={d: (dt.time(8, 0), dt.time(17, 0)) for d in range(5)},
        auto_reply="Thanks! We read messages 8 to 5 on weekdays.",
    )
    services.message_post(
        conversation=dora_thread, user=dora, guardian=dora_guardian, body="?", now=_at(2026, 12, 5, 11)
    )
    reply = Message.objects.get(kind="auto")
    assert reply.body == "Thanks! We read messages 8 to 5 on weekdays." and reply.reopens_at == _at(2026, 12, 7, 8)
    assert TextTranslation.objects.get(source_id=str(reply.pk)).language == "pl"
    dora_thread.refresh_from_db()
    assert dora_thread.last_message_kind == "auto" and dora_thread.last_setting_message_at == reply.created_at
