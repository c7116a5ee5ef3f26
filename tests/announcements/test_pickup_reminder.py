"""'Remind at pick-up': the families who have not seen an announcement go on their key person's
drop-off and pick-up list, whatever their usual way of contact, and nothing is e-mailed."""

import pytest

from tandem.announcements import selectors, services
from tandem.notify.models import Delivery, DeliveryChannel, FaceToFaceTask
from tests.announcements.conftest import make_announcement


@pytest.mark.django_db
def test_families_who_have_not_seen_it_are_on_the_key_persons_list(
    oak_tree, alice, bob_staff, ada, dora, ben, ed, django_capture_on_commit_callbacks
) -> None:
    announcement = make_announcement(oak_tree, alice)
    with django_capture_on_commit_callbacks(execute=True):
        services.announcement_send(announcement=announcement, by=alice)
    announcement.refresh_from_db()
    selectors_not_seen = [row["family"] for row in selectors.read_tracking(announcement)["not_seen"]]
    emails_before = Delivery.objects.filter(channel=DeliveryChannel.EMAIL).count()

    with django_capture_on_commit_callbacks(execute=True):
        count = services.remind_at_pickup(announcement=announcement, families=selectors_not_seen, by=alice)

    assert count == 2
    task = FaceToFaceTask.objects.get(guardian=dora.guardianships.get())
    assert task.key_person == bob_staff  # Ada's key person
    # Ben has no key person: nobody can tell his family in person, so notify prints a letter.
    ed_channels = set(
        Delivery.objects.filter(
            notice__kind="announcements.pickup_reminder", recipient__guardian=ed.guardianships.get()
        )
        .exclude(channel=DeliveryChannel.FACE_TO_FACE)
        .values_list("channel", flat=True)
    )
    assert not FaceToFaceTask.objects.filter(guardian=ed.guardianships.get()).exists()
    assert ed_channels == {DeliveryChannel.LETTER}
    assert Delivery.objects.filter(channel=DeliveryChannel.EMAIL).count() == emails_before


@pytest.mark.django_db
def test_nothing_is_asked_for_an_announcement_not_sent_yet(oak_tree, alice, ada, dora) -> None:
    announcement = make_announcement(oak_tree, alice)
    assert services.remind_at_pickup(announcement=announcement, families=[ada.family], by=alice) == 0
    assert not FaceToFaceTask.objects.exists()
