"""The verbs of announcements on a real database, with the immediate task backend."""

import datetime as dt
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.announcements import selectors, services
from tandem.announcements.models import Announcement, AnnouncementRecipient, QuestionAnswer
from tandem.announcements.services import AnnouncementError
from tandem.core.models import RecordVersion
from tandem.notify.models import Notice, NoticeRecipient
from tandem.translations.models import TextTranslation
from tests import factories as f
from tests.announcements.conftest import make_announcement

pytestmark = pytest.mark.django_db


def _guardian(room, *, family_name="Extra"):
    family = f.FamilyFactory(setting=room.setting, name=family_name)
    child = f.ChildFactory(room=room, family=family)
    guardian = f.GuardianFactory(family=family)
    f.ChildGuardianFactory(child=child, guardian=guardian)
    return guardian


def test_whole_setting_reaches_every_family_and_never_another_setting(
    cast, oak_tree, elm_house, dora_guardian, ed_guardian
):
    elm_guardian = _guardian(cast["elm_child"].room, family_name="Elm family")
    announcement = make_announcement(oak_tree, cast["alice"])
    ids = set(selectors.audience_guardians(announcement).values_list("pk", flat=True))
    assert ids == {dora_guardian.pk, ed_guardian.pk}
    assert elm_guardian.pk not in ids


def test_rooms_reach_only_their_families(cast, oak_tree, babies, dora_guardian, ed_guardian):
    announcement = make_announcement(oak_tree, cast["alice"], audience="rooms", rooms=[babies])
    assert list(selectors.audience_guardians(announcement)) == [dora_guardian]


def test_chosen_families_and_another_settings_family_refused(cast, oak_tree, elm_house, ed_guardian):
    elm_family = f.FamilyFactory(setting=elm_house)
    ben_family = cast["ben"].family
    announcement = make_announcement(oak_tree, cast["alice"], audience="families", families=[ben_family])
    assert list(selectors.audience_guardians(announcement)) == [ed_guardian]
    with pytest.raises(AnnouncementError, match="of this setting"):
        make_announcement(oak_tree, cast["alice"], audience="families", families=[elm_family])
    with pytest.raises(AnnouncementError, match="at least one room"):
        make_announcement(oak_tree, cast["alice"], audience="rooms", rooms=[])


def test_a_child_who_has_left_is_not_in_the_audience(cast, oak_tree, ed_guardian, dora_guardian):
    ben = cast["ben"]
    ben.leave_date = oak_tree.today() - dt.timedelta(days=2)
    ben.save()
    announcement = make_announcement(oak_tree, cast["alice"])
    assert list(selectors.audience_guardians(announcement)) == [dora_guardian]


def test_sending_makes_one_notice_with_a_recipient_per_guardian(cast, oak_tree, dora_guardian, ed_guardian):
    announcement = make_announcement(oak_tree, cast["adam"], kind="newsletter")
    services.announcement_send(announcement=announcement, by=cast["adam"])
    announcement.refresh_from_db()
    assert announcement.status == "sent" and announcement.sent_at is not None
    notice = Notice.objects.get()
    assert notice.pk == announcement.notice_id
    assert notice.kind == "announcements.newsletter"
    assert notice.url == f"/family/announcements/{announcement.pk}/"
    assert set(NoticeRecipient.objects.values_list("guardian_id", flat=True)) == {dora_guardian.pk, ed_guardian.pk}
    assert AnnouncementRecipient.objects.count() == 2
    # dora reads Polish: a translation is asked for the title and the body
    assert set(TextTranslation.objects.filter(language="pl").values_list("field", flat=True)) == {
        "title",
        "body_markdown",
    }
    with pytest.raises(AnnouncementError, match="already been sent"):
        services.announcement_send(announcement=announcement, by=cast["adam"])
    assert Notice.objects.count() == 1


def test_staff_only_goes_to_staff(cast, oak_tree, dora_guardian):
    announcement = make_announcement(oak_tree, cast["alice"], audience="staff")
    services.announcement_send(announcement=announcement, by=cast["alice"])
    rows = NoticeRecipient.objects.all()
    assert {r.staff.user.username for r in rows} == {"alice", "bob", "adam"}
    assert not rows.filter(guardian__isnull=False).exists()
    assert not AnnouncementRecipient.objects.exists()


def test_only_senders_send_and_only_managers_send_urgent(cast, oak_tree, dora_guardian):
    with pytest.raises(AnnouncementError, match="may send announcements"):
        make_announcement(oak_tree, cast["bob"])
    with pytest.raises(AnnouncementError, match="urgent"):
        make_announcement(oak_tree, cast["adam"], urgent=True)
    urgent = make_announcement(oak_tree, cast["alice"], urgent=True)
    with pytest.raises(AnnouncementError, match="urgent"):
        services.announcement_send(announcement=urgent, by=cast["adam"])
    services.announcement_send(announcement=urgent, by=cast["alice"])
    assert Notice.objects.get().urgent is True


def test_script_in_the_body_is_removed(cast, oak_tree):
    announcement = make_announcement(
        oak_tree,
        cast["alice"],
        body_markdown='Hello <script>alert(1)</script> <a href="javascript:x()" onclick="y()">me</a>',
    )
    assert "<script" not in announcement.body_html
    assert "javascript:" not in announcement.body_html
    assert "onclick" not in announcement.body_html
    assert "Hello" in announcement.body_html


def test_editing_before_sending_keeps_versions_and_sent_cannot_change(cast, oak_tree, dora_guardian):
    announcement = make_announcement(oak_tree, cast["alice"], title="First title")
    services.announcement_update(announcement=announcement, by=cast["alice"], title="Second title")
    version = RecordVersion.objects.get(object_id=str(announcement.pk))
    assert version.data["title"] == "First title"
    services.announcement_send(announcement=announcement, by=cast["alice"])
    with pytest.raises(AnnouncementError, match="can no longer be changed"):
        services.announcement_update(announcement=announcement, by=cast["alice"], title="Third")
    announcement.refresh_from_db()
    assert announcement.title == "Second title"


def test_scheduled_sending_happens_at_the_time_and_only_once(cast, oak_tree, dora_guardian, ed_guardian):
    announcement = make_announcement(oak_tree, cast["adam"])
    send_at = timezone.now() + dt.timedelta(hours=2)
    with pytest.raises(AnnouncementError, match="future"):
        services.announcement_schedule(
            announcement=announcement, send_at=timezone.now() - dt.timedelta(minutes=1), by=cast["adam"]
        )
    services.announcement_schedule(announcement=announcement, send_at=send_at, by=cast["adam"])
    assert services.announcements_send_due(now=send_at - dt.timedelta(minutes=1)) == []
    assert not Notice.objects.exists()
    assert services.announcements_send_due(now=send_at + dt.timedelta(seconds=30)) == [str(announcement.pk)]
    assert services.announcements_send_due(now=send_at + dt.timedelta(minutes=2)) == []
    assert Notice.objects.count() == 1
    assert NoticeRecipient.objects.count() == 2
    announcement.refresh_from_db()
    assert announcement.status == "sent" and announcement.sent_by == cast["adam"]


def test_the_periodic_task_sends_due_announcements(cast, oak_tree, dora_guardian):
    from tandem.announcements.tasks import send_due_announcements
    from tandem.core.schedule import PERIODIC

    assert "tandem.announcements.tasks.send_due_announcements" in PERIODIC
    announcement = make_announcement(oak_tree, cast["adam"])
    services.announcement_schedule(
        announcement=announcement, send_at=timezone.now() + dt.timedelta(seconds=1), by=cast["adam"]
    )
    Announcement.objects.filter(pk=announcement.pk).update(send_at=timezone.now() - dt.timedelta(seconds=1))
    assert send_due_announcements.enqueue().return_value == 1
    assert Notice.objects.count() == 1


def test_a_scheduled_one_whose_sender_lost_the_right_goes_back_to_draft(cast, oak_tree, dora_guardian):
    from tandem.core.models import StaffMember

    announcement = make_announcement(oak_tree, cast["adam"])
    services.announcement_schedule(
        announcement=announcement, send_at=timezone.now() + dt.timedelta(minutes=5), by=cast["adam"]
    )
    StaffMember.objects.filter(user=cast["adam"]).update(is_active=False)
    cast["adam"].__dict__.pop("_tandem_memberships", None)
    assert services.announcements_send_due(now=timezone.now() + dt.timedelta(minutes=6)) == []
    announcement.refresh_from_db()
    assert announcement.status == "draft"
    assert not Notice.objects.exists()


def test_read_tracking_counts_and_the_not_seen_list(cast, oak_tree, babies, dora_guardian, ed_guardian):
    announcement = make_announcement(oak_tree, cast["alice"])
    services.announcement_send(announcement=announcement, by=cast["alice"])
    tracking = selectors.read_tracking(announcement)
    assert (tracking["sent"], tracking["read"]) == (2, 0)
    recipient = selectors.recipient_for_family(user=cast["dora"], announcement_id=announcement.pk)
    services.announcement_mark_read(recipient=recipient, by=cast["dora"])
    services.announcement_mark_read(recipient=recipient, by=cast["dora"])  # twice: still one read
    tracking = selectors.read_tracking(announcement)
    assert (tracking["sent"], tracking["read"]) == (2, 1)
    assert [row["family"].name for row in tracking["not_seen"]] == ["Babbage"]
    assert [c.first_name for c in tracking["not_seen"][0]["children"]] == ["Ben"]
    assert NoticeRecipient.objects.get(guardian=dora_guardian).read_at is not None
    assert NoticeRecipient.objects.get(guardian=ed_guardian).read_at is None
    listed = selectors.announcements_for_staff(user=cast["alice"], setting=oak_tree).get()
    assert (listed.family_count, listed.read_family_count) == (2, 1)


def test_the_question_answered_changed_and_refused_after_closing(cast, oak_tree, dora_guardian):
    closes = timezone.now() + dt.timedelta(days=1)
    announcement = make_announcement(
        oak_tree, cast["alice"], question="Can you help on the trip?", question_closes_at=closes
    )
    services.announcement_send(announcement=announcement, by=cast["alice"])
    recipient = selectors.recipient_for_family(user=cast["dora"], announcement_id=announcement.pk)
    services.question_answer(recipient=recipient, answer="yes", by=cast["dora"])
    services.question_answer(recipient=recipient, answer="no", by=cast["dora"])
    answer = QuestionAnswer.objects.get()
    assert answer.answer == "no" and answer.changed_at is not None
    assert selectors.answers_for_staff(announcement)["no"] == 1
    Announcement.objects.filter(pk=announcement.pk).update(question_closes_at=timezone.now() - dt.timedelta(minutes=1))
    recipient = selectors.recipient_for_family(user=cast["dora"], announcement_id=announcement.pk)
    with pytest.raises(AnnouncementError, match="Answers to this question closed"):
        services.question_answer(recipient=recipient, answer="yes", by=cast["dora"])
    assert QuestionAnswer.objects.get().answer == "no"


def test_another_rooms_family_cannot_open_a_room_announcement(cast, oak_tree, babies, dora_guardian, ed_guardian):
    from django.http import Http404

    announcement = make_announcement(oak_tree, cast["alice"], audience="rooms", rooms=[babies])
    services.announcement_send(announcement=announcement, by=cast["alice"])
    assert selectors.recipient_for_family(user=cast["dora"], announcement_id=announcement.pk)
    with pytest.raises(Http404):
        selectors.recipient_for_family(user=cast["ed"], announcement_id=announcement.pk)


def test_five_thousand_guardians_take_a_fixed_number_of_queries(cast, oak_tree, babies):
    from tandem.core.models import Child, ChildGuardian, Family, Guardian

    families = Family.objects.bulk_create([Family(setting=oak_tree, name=f"F{i}") for i in range(2500)])
    children = Child.objects.bulk_create(
        [
            Child(
                setting=oak_tree,
                family=fam,
                room=babies,
                first_name="C",
                last_name=str(i),
                date_of_birth=dt.date(2024, 1, 1),
            )
            for i, fam in enumerate(families)
        ]
    )
    guardians = Guardian.objects.bulk_create(
        [Guardian(setting=oak_tree, family=fam, first_name=n, last_name="G") for fam in families for n in ("A", "B")]
    )
    ChildGuardian.objects.bulk_create(
        [
            ChildGuardian(setting=oak_tree, child=children[i // 2], guardian=g, relationship="mother")
            for i, g in enumerate(guardians)
        ]
    )
    announcement = make_announcement(oak_tree, cast["alice"])
    reverse("announcements_family:index")  # load the URLconf first: its import is not the send's time
    started = time.monotonic()
    with CaptureQueriesContext(connection) as queries:
        services.announcement_send(announcement=announcement, by=cast["alice"])
    elapsed = time.monotonic() - started
    print(f"\nsend to 5,002 guardians: {len(queries)} queries, {elapsed:.2f} s")
    assert len(queries) <= 40
    assert NoticeRecipient.objects.count() == 5002  # and dora and ed
    assert AnnouncementRecipient.objects.count() == 5002


def test_bad_input_is_refused_with_a_reason(cast, oak_tree):
    with pytest.raises(AnnouncementError, match="future"):
        make_announcement(
            oak_tree, cast["alice"], question="Help?", question_closes_at=timezone.now() - dt.timedelta(hours=1)
        )
    with pytest.raises(AnnouncementError, match="language"):
        make_announcement(oak_tree, cast["alice"], language="xx")
    with pytest.raises(AnnouncementError, match="title"):
        make_announcement(oak_tree, cast["alice"], title="   ")
    assert not Announcement.objects.exists()


def test_the_notice_carries_the_text_in_the_readers_language(cast, oak_tree, dora_guardian):
    from tandem.notify.rendering import render_notice
    from tests.announcements.conftest import translate

    announcement = make_announcement(oak_tree, cast["alice"], title="Snow day", body_markdown="We are closed today.")
    services.announcement_send(announcement=announcement, by=cast["alice"])
    announcement.refresh_from_db()
    translate(announcement, "title", "pl", "Dzień śniegu")
    translate(announcement, "body_markdown", "pl", "Dziś jesteśmy zamknięci.")
    notice = Notice.objects.get()
    polish = render_notice(notice, language="pl")
    assert "Dzień śniegu" in polish.text and "Dziś jesteśmy zamknięci." in polish.text
    assert "Dzień śniegu" in polish.subject
    english = render_notice(notice, language="en")
    assert "Snow day" in english.subject and "We are closed today." in english.text
