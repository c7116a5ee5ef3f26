"""The journal's pages: the family feed through HTTP for two families, the three-tap new
observation, bad uploads with a clear message, and query counts that do not grow with rows."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.journal.models import Observation, ObservationChild, ObservationMedia
from tandem.media.models import MediaFile, MediaVariant
from tests.journal.conftest import grant, png_upload

pytestmark = pytest.mark.django_db


@pytest.mark.url("journal_family:feed")
def test_two_families_see_the_same_group_observation_each_as_their_own(
    client, group_observation, dora, ed, ada, ben
) -> None:
    client.force_login(dora)
    page = client.get(reverse("journal_family:feed", args=[ada.pk])).content.decode()
    assert "Ada Lovelace showed a friend" in page and "Ben" not in page
    client.force_login(ed)
    page = client.get(reverse("journal_family:feed", args=[ben.pk])).content.decode()
    assert "A friend showed Ben" in page and "Ada" not in page and "Lovelace" not in page


@pytest.mark.url("journal_family:detail")
def test_a_family_cannot_open_an_observation_through_another_childs_address(client, group_observation, ed, ada) -> None:
    client.force_login(ed)
    assert client.get(reverse("journal_family:detail", args=[ada.pk, group_observation.pk])).status_code == 404


@pytest.mark.url("journal:new")
def test_three_taps_save_a_photo_observation_as_a_draft(client, bob, ada, consents) -> None:
    client.force_login(bob)
    url = reverse("journal:new", args=["oak-tree"])
    response = client.post(url, {"children": [str(ada.pk)], "photos": [png_upload("a.png"), png_upload("b.png")]})
    assert response.status_code == 302
    observation = Observation.objects.get()
    assert response["Location"] == reverse("journal:edit", args=["oak-tree", observation.pk])
    assert observation.media_links.count() == 2 and observation.status == "draft"


@pytest.mark.url("journal:new")
def test_a_truncated_jpeg_gets_a_clear_message_and_nothing_is_saved(client, bob, ada) -> None:
    client.force_login(bob)
    good = png_upload().read()
    from tests.journal.conftest import FIXTURES

    truncated = SimpleUploadedFile(
        "cut.jpg", (FIXTURES / "astronaut.jpg").read_bytes()[:5000], content_type="image/jpeg"
    )
    response = client.post(
        reverse("journal:new", args=["oak-tree"]),
        {"children": [str(ada.pk)], "photos": [SimpleUploadedFile("ok.png", good), truncated]},
    )
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert not Observation.objects.exists() and not MediaFile.objects.exists()


def _bulk_observations(*, author, children, n: int, setting) -> None:
    """N published observations of CHILDREN (a group), each with one ready photo of them all."""
    now = timezone.now()
    for i in range(n):
        o = Observation.objects.create(
            setting=setting,
            author=author,
            occurred_at=now - dt.timedelta(hours=i + 1),
            text_markdown=f"{children[0].first_name} and {children[-1].first_name} played {i}.",
            text_html="<p>played</p>",
            status="published",
            published_at=now - dt.timedelta(minutes=i + 1),
        )
        for c in children:
            ObservationChild.objects.create(setting=setting, observation=o, child=c)
        media = MediaFile(setting=setting, kind="photo", status="ready", content_type="image/png", width=4, height=4)
        media.original.save("o.png", ContentFile(b"x"), save=True)
        for name in ("thumb", "display"):
            v = MediaVariant(setting=setting, media=media, name=name)
            v.file.save("v.webp", ContentFile(b"x"), save=True)
        link = ObservationMedia.objects.create(setting=setting, observation=o, media=media)
        link.children_in_photo.set(children)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.url("journal_family:feed")
def test_the_family_feed_queries_do_not_grow_with_observations(client, dora, ada, ben, bob_staff) -> None:
    grant(ada)
    grant(ben)
    client.force_login(dora)
    url = reverse("journal_family:feed", args=[ada.pk])
    _bulk_observations(author=bob_staff, children=[ada, ben], n=3, setting=ada.setting)
    three = _count(client, url)
    _bulk_observations(author=bob_staff, children=[ada, ben], n=27, setting=ada.setting)
    assert _count(client, url) == three
    assert client.get(url).content.decode().count('class="obs-card"') == 30


@pytest.mark.url("journal:index")
def test_the_staff_list_queries_do_not_grow_with_observations(client, bob, ada, ben, bob_staff) -> None:
    client.force_login(bob)
    url = reverse("journal:index", args=["oak-tree"])
    _bulk_observations(author=bob_staff, children=[ada, ben], n=3, setting=ada.setting)
    three = _count(client, url)
    _bulk_observations(author=bob_staff, children=[ada, ben], n=27, setting=ada.setting)
    assert _count(client, url) == three


@pytest.mark.url("journal:quiet")
def test_the_quiet_list_queries_do_not_grow_with_children(client, alice, oak_tree, babies) -> None:
    from tests import factories as f

    client.force_login(alice)
    url = reverse("journal:quiet", args=["oak-tree"])
    f.ChildFactory.create_batch(3, room=babies)
    three = _count(client, url)
    f.ChildFactory.create_batch(27, room=babies)
    assert _count(client, url) == three


@pytest.mark.url("journal:detail")
def test_staff_are_told_why_a_photo_is_withheld_from_other_families(client, bob, group_observation, ada) -> None:
    from tandem.core.models import ConsentKind
    from tandem.media.models import FaceBox

    FaceBox.objects.filter(child=ada).update(child=None)
    grant(ada, ConsentKind.GROUP_PHOTOS, granted=False)
    client.force_login(bob)
    page = client.get(reverse("journal:detail", args=["oak-tree", group_observation.pk])).content.decode()
    assert "Photo withheld from other families: no face found for Ada — draw a box." in page
