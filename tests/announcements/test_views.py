"""Announcement pages through the test client: compose with preview, refused files, the family's
view in their language with the original a tap away, answers, PDFs read back, query counts."""

import datetime as dt
import io
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from tandem.announcements import services
from tandem.announcements.models import Announcement, AnnouncementAttachment, AnnouncementRecipient, QuestionAnswer
from tests import factories as f
from tests.announcements.conftest import make_announcement, translate

pytestmark = pytest.mark.django_db


def _form(**overrides) -> dict:
    data = {
        "kind": "newsletter",
        "title": "December news",
        "body_markdown": "Our **nativity** is on Friday.",
        "language": "en",
        "audience": "setting",
        "question": "",
        "question_closes_at": "",
        "save": "1",
    }
    data.update(overrides)
    return data


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 80, 40)).save(buf, "PNG")
    return buf.getvalue()


def test_compose_preview_then_save(client, cast, oak_tree, babies):
    client.force_login(cast["adam"])
    url = reverse("announcements:create", args=["oak-tree"])
    response = client.post(url, _form(preview="1", save=""))
    assert response.status_code == 200
    assert b"<strong>nativity</strong>" in response.content
    assert b"It will go to 2 families" in response.content
    response = client.post(url, _form(preview="1", save="", audience="rooms", rooms=[str(babies.pk)]))
    assert b"It will go to 1 family." in response.content
    assert not Announcement.objects.exists()
    response = client.post(url, {**_form(), "attachment": SimpleUploadedFile("poster.png", _png())})
    announcement = Announcement.objects.get()
    assert response.status_code == 302
    assert announcement.status == "draft" and announcement.kind == "newsletter"
    assert AnnouncementAttachment.objects.get().media.kind == "photo"


def test_a_file_of_the_wrong_type_or_too_large_is_refused_and_nothing_saved(client, cast, oak_tree, settings):
    client.force_login(cast["adam"])
    url = reverse("announcements:create", args=["oak-tree"])
    response = client.post(url, {**_form(), "attachment": SimpleUploadedFile("notes.txt", b"just some text")})
    assert response.status_code == 400
    assert "is not a photo, video, voice note or PDF" in response.content.decode()
    settings.MAX_UPLOAD_MB = 0
    response = client.post(url, {**_form(), "attachment": SimpleUploadedFile("big.png", _png())})
    assert response.status_code == 400
    assert "This file is too large" in response.content.decode()
    assert not Announcement.objects.exists()


def test_a_practitioner_cannot_compose_but_sees_the_list(client, cast, oak_tree):
    client.force_login(cast["bob"])
    assert client.get(reverse("announcements:index", args=["oak-tree"])).status_code == 200
    assert client.get(reverse("announcements:create", args=["oak-tree"])).status_code == 403


def test_send_from_the_page_then_the_family_reads_it_in_polish_and_taps_for_the_original(client, cast, oak_tree):
    announcement = make_announcement(
        oak_tree, cast["alice"], title="Trip to the farm", body_markdown="Bring **wellies**."
    )
    client.force_login(cast["alice"])
    response = client.post(reverse("announcements:send", args=["oak-tree", announcement.pk]))
    assert response.status_code == 302
    announcement.refresh_from_db()
    translate(announcement, "title", "pl", "Wycieczka na farmę")
    translate(announcement, "body_markdown", "pl", "Zabierzcie **kalosze**.")

    client.force_login(cast["dora"])
    listing = client.get(reverse("announcements_family:index")).content.decode()
    assert "Wycieczka na farmę" in listing and "New" in listing
    page = client.get(reverse("announcements_family:detail", args=[announcement.pk])).content.decode()
    assert "Wycieczka na farmę" in page and "<strong>kalosze</strong>" in page
    assert "Show the original" in page
    original = client.get(
        reverse("announcements_family:detail", args=[announcement.pk]), {"original": "1"}
    ).content.decode()
    assert "Trip to the farm" in original and "<strong>wellies</strong>" in original
    assert AnnouncementRecipient.objects.get(guardian__user=cast["dora"]).read_at is not None

    client.force_login(cast["alice"])
    detail = client.get(reverse("announcements:detail", args=["oak-tree", announcement.pk])).content.decode()
    assert "Sent to 2 families, read by 1." in detail
    assert "Babbage" in detail and "Pre-school" in detail  # Ben's family has not seen it: room shown


def test_a_family_of_another_room_gets_404(client, cast, oak_tree, babies):
    announcement = make_announcement(oak_tree, cast["alice"], audience="rooms", rooms=[babies])
    services.announcement_send(announcement=announcement, by=cast["alice"])
    client.force_login(cast["ed"])
    assert client.get(reverse("announcements_family:detail", args=[announcement.pk])).status_code == 404
    assert (
        client.post(reverse("announcements_family:answer", args=[announcement.pk]), {"answer": "yes"}).status_code
        == 404
    )
    client.force_login(cast["dora"])
    assert client.get(reverse("announcements_family:detail", args=[announcement.pk])).status_code == 200


def test_script_in_the_body_never_reaches_the_family(client, cast, oak_tree):
    announcement = make_announcement(
        oak_tree, cast["alice"], body_markdown="Hi <script>alert('x')</script><img src=x onerror=alert(1)>"
    )
    services.announcement_send(announcement=announcement, by=cast["alice"])
    client.force_login(cast["dora"])
    page = client.get(reverse("announcements_family:detail", args=[announcement.pk])).content.decode()
    assert "alert(" not in page and "onerror" not in page


def test_answer_changed_then_refused_after_closing_with_a_clear_message(client, cast, oak_tree):
    announcement = make_announcement(
        oak_tree,
        cast["alice"],
        question="Can you help on the trip?",
        question_closes_at=timezone.now() + dt.timedelta(days=2),
    )
    services.announcement_send(announcement=announcement, by=cast["alice"])
    client.force_login(cast["dora"])
    url = reverse("announcements_family:answer", args=[announcement.pk])
    assert client.post(url, {"answer": "yes"}).status_code == 302
    assert client.post(url, {"answer": "no"}).status_code == 302
    assert QuestionAnswer.objects.get().answer == "no"
    Announcement.objects.filter(pk=announcement.pk).update(question_closes_at=timezone.now() - dt.timedelta(minutes=1))
    response = client.post(url, {"answer": "yes"})
    assert response.status_code == 400
    assert "Answers to this question closed" in response.content.decode()
    assert QuestionAnswer.objects.get().answer == "no"
    client.force_login(cast["alice"])
    detail = client.get(reverse("announcements:detail", args=["oak-tree", announcement.pk])).content.decode()
    assert "Yes: 0 · No: 1" in detail


def test_the_newsletter_pdf_in_polish_is_translated_and_not_blank(client, cast, oak_tree, tmp_path):
    announcement = make_announcement(
        oak_tree, cast["alice"], kind="newsletter", title="Winter newsletter", body_markdown="Snow is coming."
    )
    services.announcement_send(announcement=announcement, by=cast["alice"])
    translate(announcement, "title", "pl", "Zimowy biuletyn: śnieg i żółte czapki")
    translate(announcement, "body_markdown", "pl", "Nadchodzi śnieg.")
    client.force_login(cast["alice"])
    response = client.get(reverse("announcements:pdf", args=["oak-tree", announcement.pk]), {"language": "pl"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Zimowy biuletyn: śnieg i żółte czapki" in text
    assert "Winter newsletter" not in text
    pdf_path = tmp_path / "pl.pdf"
    pdf_path.write_bytes(response.content)
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-singlefile", str(pdf_path), str(tmp_path / "page")], check=True)
    with Image.open(tmp_path / "page.png") as img:
        grey = img.convert("L")
        dark = sum(grey.histogram()[:128])
    assert dark > 200  # text is drawn on the page

    # no Welsh translation: the original, with a note saying so
    response = client.get(reverse("announcements:pdf", args=["oak-tree", announcement.pk]), {"language": "cy"})
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Winter newsletter" in text


def _many(oak_tree, alice, room, n: int) -> None:
    for i in range(n):
        family = f.FamilyFactory(setting=oak_tree, name=f"Family {i}")
        child = f.ChildFactory(room=room, family=family)
        guardian = f.GuardianFactory(family=family)
        f.ChildGuardianFactory(child=child, guardian=guardian)
    for i in range(n):
        a = make_announcement(oak_tree, alice, title=f"News {i}")
        if i % 2:
            services.announcement_send(announcement=a, by=alice)


@pytest.mark.parametrize("n", [3, 30])
def test_staff_list_and_not_seen_list_queries_do_not_grow(
    client, cast, oak_tree, babies, n, django_assert_max_num_queries
):
    _many(oak_tree, cast["alice"], babies, n)
    sent = Announcement.objects.filter(status="sent").first()
    client.force_login(cast["alice"])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("announcements:index", args=["oak-tree"])).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("announcements:detail", args=["oak-tree", sent.pk])).status_code == 200


@pytest.mark.parametrize("n", [3, 30])
def test_family_list_queries_do_not_grow(client, cast, oak_tree, babies, n, django_assert_max_num_queries):
    _many(oak_tree, cast["alice"], babies, n)
    client.force_login(cast["dora"])
    with django_assert_max_num_queries(10):
        response = client.get(reverse("announcements_family:index"))
    assert response.content.decode().count('class="card"') == n // 2


def test_the_office_pdf_has_a_page_per_family_in_their_language(client, cast, oak_tree):
    announcement = make_announcement(oak_tree, cast["alice"], kind="newsletter", title="Winter newsletter")
    services.announcement_send(announcement=announcement, by=cast["alice"])
    translate(announcement, "title", "pl", "Zimowy biuletyn")
    client.force_login(cast["alice"])
    response = client.get(reverse("announcements:pdf-families", args=["oak-tree", announcement.pk]))
    assert response.status_code == 200
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]
    assert len(pages) == 2
    babbage = next(p for p in pages if "Babbage" in p)
    lovelace = next(p for p in pages if "Lovelace" in p)
    assert "Winter newsletter" in babbage  # ed chose no language: the original
    assert "Zimowy biuletyn" in lovelace and "Winter newsletter" not in lovelace  # dora reads Polish


def test_staff_see_which_translations_are_waiting(client, cast, oak_tree):
    announcement = make_announcement(oak_tree, cast["alice"])
    services.announcement_send(announcement=announcement, by=cast["alice"])
    client.force_login(cast["alice"])
    url = reverse("announcements:detail", args=["oak-tree", announcement.pk])
    assert "Waiting for a translator" in client.get(url).content.decode()
    translate(announcement, "title", "pl", "Wycieczka")
    translate(announcement, "body_markdown", "pl", "Jedziemy na farmę.")
    page = client.get(url).content.decode()
    assert "Waiting for a translator" not in page and "Ready" in page


def test_links_on_the_family_home_and_working_with_families(client, cast, oak_tree):
    client.force_login(cast["dora"])
    home = client.get(reverse("family:home")).content.decode()
    assert reverse("announcements_family:index") in home and reverse("setting_info_family:index") in home
    client.force_login(cast["bob"])
    page = client.get(reverse("staff:working-with-families", args=["oak-tree"])).content.decode()
    assert reverse("announcements:index", args=["oak-tree"]) in page
    assert reverse("setting_info:index", args=["oak-tree"]) in page


def test_a_translator_sees_no_families_or_children(client, cast, oak_tree):
    from tandem.core.models import StaffRole

    announcement = make_announcement(oak_tree, cast["alice"])
    services.announcement_send(announcement=announcement, by=cast["alice"])
    translator = f.UserFactory(username="tina")
    f.StaffMemberFactory(setting=oak_tree, user=translator, roles=[StaffRole.TRANSLATOR])
    client.force_login(translator)
    assert client.get(reverse("announcements:index", args=["oak-tree"])).status_code == 403
    assert client.get(reverse("announcements:detail", args=["oak-tree", announcement.pk])).status_code == 403
    assert client.get(f"/api/v1/settings/oak-tree/announcements/{announcement.pk}/reads").status_code == 403


def test_a_family_sees_the_photo_through_a_private_link(client, cast, oak_tree, django_capture_on_commit_callbacks):
    client.force_login(cast["adam"])
    with django_capture_on_commit_callbacks(execute=True):  # the display copy is made after commit
        client.post(
            reverse("announcements:create", args=["oak-tree"]),
            {**_form(), "attachment": SimpleUploadedFile("poster.png", _png())},
        )
    announcement = Announcement.objects.get()
    services.announcement_send(announcement=announcement, by=cast["adam"])
    client.force_login(cast["dora"])
    page = client.get(reverse("announcements_family:detail", args=[announcement.pk])).content.decode()
    assert 'class="attachment-photo"' in page
    src = page.split('class="attachment-photo"')[0].rsplit('src="', 1)[1].split('"')[0]
    response = client.get(src)
    assert response.status_code == 200 and response["Content-Type"] == "image/webp"
    client.force_login(cast["ed"])
    assert client.get(src).status_code == 404  # the link was made for dora only


def test_a_key_person_sees_only_their_key_families_not_seen(client, cast, oak_tree):
    announcement = make_announcement(oak_tree, cast["alice"])
    services.announcement_send(announcement=announcement, by=cast["alice"])
    client.force_login(cast["bob"])  # Ada's key person; Ben has none
    url = reverse("announcements:detail", args=["oak-tree", announcement.pk])
    everyone = client.get(url).content.decode()
    assert "Babbage" in everyone and "Lovelace" in everyone
    mine = client.get(url, {"mine": "1"}).content.decode()
    assert "Lovelace" in mine and "Babbage" not in mine


def test_a_translator_gets_no_announcements_link(client, cast, oak_tree):
    from tandem.core.models import StaffRole

    translator = f.UserFactory(username="tina")
    f.StaffMemberFactory(setting=oak_tree, user=translator, roles=[StaffRole.TRANSLATOR])
    client.force_login(translator)
    response = client.get(reverse("staff:working-with-families", args=["oak-tree"]))
    assert response.status_code == 200
    assert reverse("setting_info:index", args=["oak-tree"]) in response.content.decode()
    assert reverse("announcements:index", args=["oak-tree"]) not in response.content.decode()
