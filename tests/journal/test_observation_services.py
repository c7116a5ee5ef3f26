"""The observation workflow: drafts, review, publishing rules, scheduled release, versions kept
after publishing, bad files saving nothing, comments, moments from home and tried at home."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tandem.access.permissions import StaffPermissions
from tandem.core.models import AuditEntry, ConsentKind
from tandem.journal import selectors, services
from tandem.journal.models import Comment, HomeMoment, JournalSettings, Observation, TriedAtHome
from tandem.journal.services import JournalError
from tandem.media.models import MediaFile
from tests.journal.conftest import astronaut_upload, grant, make_observation, png_upload

pytestmark = pytest.mark.django_db


def perms(member) -> StaffPermissions:
    return StaffPermissions.for_roles(member.roles)


def _stored_files() -> list[str]:
    found = []

    def walk(path: str) -> None:
        if not default_storage.exists(path or "."):
            return
        dirs, files = default_storage.listdir(path or ".")
        found.extend(f"{path}/{f}" for f in files)
        for d in dirs:
            walk(f"{path}/{d}" if path else d)

    walk("")
    return found


def test_it_saves_a_draft_with_photos_tagged_with_every_child(bob_staff, bob, ada, ben, consents) -> None:
    observation = make_observation(author=bob_staff, by=bob, children=[ada, ben], uploads=[png_upload()])
    assert observation.status == Observation.Status.DRAFT
    assert observation.published_at is None
    [link] = observation.media_links.all()
    assert {c.pk for c in link.children_in_photo.all()} == {ada.pk, ben.pk}
    assert AuditEntry.objects.filter(action="journal.observation.created", object_id=str(observation.pk)).exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("notes.jpg", b"just some text, not a photo", content_type="image/jpeg"), ""),
        (SimpleUploadedFile("empty.jpg", b"", content_type="image/jpeg"), "empty"),
    ],
    ids=["text-renamed-jpg", "zero-bytes"],
)
def test_a_bad_file_saves_nothing_at_all(bob_staff, bob, ada, upload, message) -> None:
    with pytest.raises(JournalError.__mro__[1]) as exc:  # MediaError and JournalError are ValidationErrors
        make_observation(author=bob_staff, by=bob, children=[ada], uploads=[png_upload("good.png"), upload])
    assert message in " ".join(exc.value.messages)
    assert not Observation.objects.exists()
    assert not MediaFile.objects.exists()
    assert _stored_files() == []


def test_publishing_needs_photo_consent_for_each_child_in_a_photo_and_names_them(
    bob_staff, bob, ada, ben, consents
) -> None:
    grant(ben, ConsentKind.PHOTOS_OWN_JOURNAL, granted=False)
    observation = make_observation(author=bob_staff, by=bob, children=[ada, ben], uploads=[png_upload()])
    with pytest.raises(JournalError) as exc:
        services.observation_publish(observation=observation, by=bob, staff=bob_staff, perms=perms(bob_staff))
    assert "Ben's family has not agreed to photos in their journal" in " ".join(exc.value.messages)
    observation.refresh_from_db()
    assert observation.status == Observation.Status.DRAFT

    services.observation_media_tag(link=observation.media_links.get(), by=bob, children=[ada])
    services.observation_publish(observation=observation, by=bob, staff=bob_staff, perms=perms(bob_staff))
    observation.refresh_from_db()
    assert observation.status == Observation.Status.PUBLISHED and observation.published_at is not None


def test_new_staff_wait_for_a_managers_review_when_the_setting_asks(
    bob_staff, bob, alice, alice_member, ada, dora
) -> None:
    JournalSettings.objects.create(setting=ada.setting, require_review_for=JournalSettings.Review.NEW_STAFF)
    observation = make_observation(author=bob_staff, by=bob, children=[ada], text="Ada sang.")
    services.observation_publish(observation=observation, by=bob, staff=bob_staff, perms=perms(bob_staff))
    observation.refresh_from_db()
    assert observation.status == Observation.Status.AWAITING_REVIEW
    assert selectors.feed_for_guardian(user=dora, child=ada)[0] == []
    assert list(selectors.review_queue(user=alice, setting=ada.setting)) == [observation]

    services.observation_approve(observation=observation, by=alice, reviewer=alice_member, perms=perms(alice_member))
    observation.refresh_from_db()
    assert observation.status == Observation.Status.PUBLISHED and observation.reviewed_by == alice_member
    assert [i.pk for i in selectors.feed_for_guardian(user=dora, child=ada)[0]] == [observation.pk]


def test_staff_of_long_standing_publish_directly_under_the_new_staff_rule(bob_staff, bob, ada) -> None:
    JournalSettings.objects.create(setting=ada.setting, require_review_for=JournalSettings.Review.NEW_STAFF)
    type(bob_staff).objects.filter(pk=bob_staff.pk).update(created_at=timezone.now() - dt.timedelta(days=200))
    bob_staff.refresh_from_db()
    observation = make_observation(author=bob_staff, by=bob, children=[ada], text="Ada sang.")
    services.observation_publish(observation=observation, by=bob, staff=bob_staff, perms=perms(bob_staff))
    observation.refresh_from_db()
    assert observation.status == Observation.Status.PUBLISHED


def test_a_scheduled_observation_reaches_families_only_when_the_task_releases_it(bob_staff, bob, ada, dora) -> None:
    from tandem.journal.tasks import observations_release_due

    observation = make_observation(author=bob_staff, by=bob, children=[ada], text="Ada sang.")
    when = timezone.now() + dt.timedelta(hours=2)
    services.observation_publish(
        observation=observation, by=bob, staff=bob_staff, perms=perms(bob_staff), publish_at=when
    )
    assert selectors.feed_for_guardian(user=dora, child=ada)[0] == []
    assert observations_release_due.call() == 0
    Observation.objects.filter(pk=observation.pk).update(publish_at=timezone.now() - dt.timedelta(minutes=1))
    assert observations_release_due.call() == 1
    assert observations_release_due.call() == 0  # safe to run twice
    assert [i.pk for i in selectors.feed_for_guardian(user=dora, child=ada)[0]] == [observation.pk]


def test_it_keeps_the_old_text_when_a_published_observation_is_edited(bob_staff, bob, ada, dora) -> None:
    observation = make_observation(author=bob_staff, by=bob, children=[ada], text="Ada sang a song.")
    services.observation_publish(observation=observation, by=bob, staff=bob_staff, perms=perms(bob_staff))
    services.observation_update(observation=observation, by=bob, text_markdown="Ada sang two songs.")
    observation.refresh_from_db()
    assert observation.version == 2
    [old] = observation.versions.all()
    assert old.version == 1 and old.data["text_markdown"] == "Ada sang a song."
    assert "two songs" in selectors.feed_for_guardian(user=dora, child=ada)[0][0].text_html


def test_edits_to_a_draft_keep_no_versions(bob_staff, bob, ada) -> None:
    observation = make_observation(author=bob_staff, by=bob, children=[ada], text="Ada sang.")
    services.observation_update(observation=observation, by=bob, text_markdown="Ada sang loudly.")
    observation.refresh_from_db()
    assert observation.version == 1 and not observation.versions.exists()


def test_a_child_from_another_setting_cannot_be_added(bob_staff, bob, ada, elm_child) -> None:
    with pytest.raises(JournalError):
        make_observation(author=bob_staff, by=bob, children=[ada, elm_child])
    assert not Observation.objects.exists()


def test_a_family_comment_is_emailed_to_the_key_person_in_their_language(
    group_observation, dora, ada, bob, django_capture_on_commit_callbacks
) -> None:
    bob.language = "pl"
    bob.save(update_fields=["language"])
    guardian = selectors.guardian_for_child(user=dora, child=ada)
    with django_capture_on_commit_callbacks(execute=True):
        comment = services.comment_add(
            observation=group_observation, child=ada, by=dora, guardian=guardian, text="She loves cups!"
        )
    [message] = mail.outbox
    assert message.to == ["bob@oak.test"]
    assert "She loves cups!" in message.body
    comment.refresh_from_db()
    assert comment.key_person_emailed_at is not None
    assert services.comment_key_person_email(comment_id=comment.pk) == 0  # not twice
    assert len(mail.outbox) == 1


def test_a_hidden_comment_stays_in_the_record_for_staff_but_not_for_the_family(
    group_observation, dora, ed, ada, ben, bob
) -> None:
    guardian = selectors.guardian_for_child(user=dora, child=ada)
    comment = services.comment_add(observation=group_observation, child=ada, by=dora, guardian=guardian, text="Oops")
    services.comment_hide(comment=comment, by=bob, reason="Posted twice")
    item = selectors.observation_for_guardian(user=dora, child=ada, observation_id=group_observation.pk)
    assert item.comments == []
    staff_view = list(selectors.comments_for_staff(observation=group_observation))
    assert [(c.text, c.is_hidden, c.hidden_reason) for c in staff_view] == [("Oops", True, "Posted twice")]
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_each_family_reads_only_its_own_thread_on_a_group_observation(group_observation, dora, ed, ada, ben) -> None:
    services.comment_add(
        observation=group_observation,
        child=ada,
        by=dora,
        guardian=selectors.guardian_for_child(user=dora, child=ada),
        text="From Ada's mum",
    )
    item = selectors.observation_for_guardian(user=ed, child=ben, observation_id=group_observation.pk)
    assert item.comments == [] and item.comment_count == 0


def test_families_add_moments_from_home_and_staff_acknowledge_them(dora, ada, bob, bob_staff) -> None:
    guardian = selectors.guardian_for_child(user=dora, child=ada)
    moment = services.home_moment_add(child=ada, guardian=guardian, by=dora, text="Policzyła schody do dziesięciu.")
    assert moment.language == "pl"  # dora's own language
    services.home_moment_acknowledge(
        moment=moment, by=bob, staff=bob_staff, note="Wonderful!", build_on_in_planning=True
    )
    moment.refresh_from_db()
    assert moment.acknowledged_at is not None and moment.build_on_in_planning and moment.acknowledged_by == bob_staff


def test_an_empty_moment_from_home_is_refused(dora, ada) -> None:
    guardian = selectors.guardian_for_child(user=dora, child=ada)
    with pytest.raises(JournalError):
        services.home_moment_add(child=ada, guardian=guardian, by=dora, text="   ")
    assert not HomeMoment.objects.exists()


def test_we_tried_this_at_home_closes_the_loop_once_per_family(group_observation, dora, ada, bob) -> None:
    guardian = selectors.guardian_for_child(user=dora, child=ada)
    services.tried_at_home_record(observation=group_observation, child=ada, guardian=guardian, by=dora, note="Fun")
    services.tried_at_home_record(observation=group_observation, child=ada, guardian=guardian, by=dora, note="Again")
    assert list(TriedAtHome.objects.values_list("note", flat=True)) == ["Again"]
    assert selectors.feed_for_guardian(user=dora, child=ada)[0][0].tried_at_home
    assert [t.note for t in selectors.tried_at_home_for_staff(user=bob, setting=ada.setting)] == ["Again"]


def test_the_quiet_list_names_children_not_observed_for_n_days(bob_staff, bob, alice, ada, ben) -> None:
    make_observation(author=bob_staff, by=bob, children=[ada], text="Ada sang.")
    groups = selectors.children_without_recent_observations(user=alice, setting=ada.setting, days=14)
    names = [c.first_name for g in groups for c in g.children]
    assert names == ["Ben"]


def test_an_astronaut_photo_observation_stores_no_exif(bob_staff, bob, ada, django_capture_on_commit_callbacks) -> None:
    from PIL import Image

    with django_capture_on_commit_callbacks(execute=True):
        observation = make_observation(author=bob_staff, by=bob, children=[ada], uploads=[astronaut_upload()])
    media = observation.media_links.get().media
    paths = [media.original.name] + [v.file.name for v in media.variants.all()]
    assert len(paths) >= 3
    for path in paths:
        with default_storage.open(path, "rb") as fh, Image.open(fh) as img:
            assert not img.getexif(), path
            assert "exif" not in img.info and "xmp" not in img.info, path
