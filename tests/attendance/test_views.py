"""The register, collection and headcount pages, the family's pages and the API: what each
person sees and does, with the state that proves it."""

import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from tandem.attendance import services
from tandem.attendance.models import Attendance, AuthorisedCollector, CollectionEvent, RatioRule
from tandem.core.models import AuditEntry
from tests import factories as f
from tests.attendance.conftest import jpeg_bytes, upload

pytestmark = pytest.mark.django_db


def _register(**params) -> str:
    return reverse("attendance:register", args=["oak-tree"])


# --- register -------------------------------------------------------------------------------------


@pytest.mark.url("attendance:register")
def test_the_register_shows_who_is_here_and_who_brought_them(client, bob, ada_in, ben) -> None:
    client.force_login(bob)
    response = client.get(_register())
    assert response.status_code == 200
    text = response.content.decode()
    assert "Ada Lovelace" in text and "Dora Lovelace" in text and "Ben Babbage" in text
    assert "1 child here now" in text


@pytest.mark.url("attendance:register")
def test_a_past_day_shows_no_sign_in_buttons(client, bob, ada) -> None:
    client.force_login(bob)
    response = client.get(_register(), {"day": "2025-01-06"})
    assert "2025" in response.content.decode()
    assert reverse("attendance:sign-in", args=["oak-tree", ada.pk]) not in response.content.decode()


@pytest.mark.url("attendance:register")
def test_the_register_query_count_does_not_grow_with_children(client, bob, babies, django_assert_num_queries) -> None:
    client.force_login(bob)

    def add(n: int) -> None:
        for child in f.ChildFactory.create_batch(n, room=babies):
            services.attendance_sign_in(child=child, by=bob, at=timezone.now() - dt.timedelta(hours=1))

    add(3)
    client.get(_register())  # warm caches (content types, sessions)
    # session, user, memberships, rooms, children, stays, guardian links, + savepoint-free reads
    with django_assert_num_queries(7) as few:
        assert client.get(_register()).status_code == 200
    add(27)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(_register())
    assert response.content.decode().count("badge-ok") == 30


@pytest.mark.url("attendance:register-pdf")
def test_the_register_prints_as_a_pdf_with_every_child(client, alice, ada_in, ben) -> None:
    client.force_login(alice)
    response = client.get(reverse("attendance:register-pdf", args=["oak-tree"]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Ada Lovelace" in text and "Ben Babbage" in text and "Dora Lovelace" in text


@pytest.mark.url("attendance:sign-in")
def test_signing_in_with_htmx_returns_the_row(client, bob, ada, dora) -> None:
    client.force_login(bob)
    from tandem.core.models import Guardian

    url = reverse("attendance:sign-in", args=["oak-tree", ada.pk])
    response = client.post(url, {"guardian": str(Guardian.objects.get(user=dora).pk)}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert f'id="row-{ada.pk}"' in response.content.decode() and "<html" not in response.content.decode()
    assert Attendance.objects.get(child=ada).dropped_off_by == "Dora Lovelace"


@pytest.mark.url("attendance:sign-in")
def test_signing_in_twice_says_why_and_saves_nothing(client, bob, ada, ada_in) -> None:
    client.force_login(bob)
    url = reverse("attendance:sign-in", args=["oak-tree", ada.pk])
    response = client.post(url, {"dropped_off_by": "Gran"}, follow=True)
    assert "already signed in" in response.content.decode()
    assert Attendance.objects.filter(child=ada).count() == 1


@pytest.mark.url("attendance:sign-in")
def test_charlie_cannot_sign_in_a_child_of_oak_tree(client, charlie, elm_house, ada) -> None:
    client.force_login(charlie)
    response = client.post(reverse("attendance:sign-in", args=["elm-house", ada.pk]), {"dropped_off_by": "X"})
    assert response.status_code == 404
    assert not Attendance.objects.exists()


# --- collection -----------------------------------------------------------------------------------


@pytest.mark.url("attendance:collect")
def test_the_collection_page_shows_the_list_with_photos(client, bob, ada, ada_in, granny) -> None:
    client.force_login(bob)
    response = client.get(reverse("attendance:collect", args=["oak-tree", ada.pk]))
    text = response.content.decode()
    assert "Grace Lovelace" in text
    assert reverse("attendance:collector-photo", args=["oak-tree", granny.pk]) in text
    assert granny.password_hash not in text and "bluebird" not in text


@pytest.mark.url("attendance:collect")
def test_someone_else_with_a_wrong_password_is_not_given_the_child(client, bob, ada, ada_in, granny) -> None:
    client.force_login(bob)
    url = reverse("attendance:collect", args=["oak-tree", ada.pk])
    response = client.post(url, {"who": "other", "name": "Joe", "outcome": "password_confirmed", "password": "x"})
    assert response.status_code == 400
    assert "not the collection password" in response.content.decode()
    ada_in.refresh_from_db()
    assert ada_in.is_open
    response = client.post(url, {"who": "other", "name": "Joe", "outcome": "refused", "notes": "Left"})
    assert response.status_code == 302
    assert CollectionEvent.objects.get().outcome == CollectionEvent.Outcome.REFUSED


@pytest.mark.url("attendance:collect")
def test_someone_else_with_the_right_password_collects(client, bob, ada, ada_in, granny) -> None:
    client.force_login(bob)
    url = reverse("attendance:collect", args=["oak-tree", ada.pk])
    response = client.post(
        url, {"who": "other", "name": "Joe", "outcome": "password_confirmed", "password": "bluebird"}
    )
    assert response.status_code == 302
    ada_in.refresh_from_db()
    assert ada_in.collected_by == "Joe" and not ada_in.is_open


@pytest.mark.url("attendance:collector-photo")
def test_staff_of_another_setting_cannot_see_a_collector_photo(client, charlie, granny) -> None:
    client.force_login(charlie)
    assert client.get(reverse("attendance:collector-photo", args=["elm-house", granny.pk])).status_code == 404


@pytest.mark.url("attendance:collector-photo")
def test_the_photo_is_served_privately_as_a_jpeg(client, bob, granny) -> None:
    client.force_login(bob)
    response = client.get(reverse("attendance:collector-photo", args=["oak-tree", granny.pk]))
    assert response["Content-Type"] == "image/jpeg" and "private" in response["Cache-Control"]
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).format == "JPEG"


# --- headcount and shifts -------------------------------------------------------------------------


@pytest.mark.url("attendance:headcount")
def test_the_headcount_warns_when_there_are_too_few_adults(client, alice, bob_staff, babies, oak_tree) -> None:
    client.force_login(alice)
    for child in f.ChildFactory.create_batch(4, room=babies, date_of_birth=oak_tree.today() - dt.timedelta(days=300)):
        services.attendance_sign_in(child=child, by=alice, at=timezone.now() - dt.timedelta(minutes=5))
    services.shift_create(
        setting=oak_tree, by=alice, staff=bob_staff, room=babies, day=oak_tree.today(),
        starts_at=dt.time(0, 0), ends_at=dt.time(23, 59),
    )  # fmt: skip
    response = client.get(reverse("attendance:headcount", args=["oak-tree"]))
    text = response.content.decode()
    assert "Ratio breached" in text and "2 adults needed, 1 on shift" in text


def test_a_mixed_room_adds_up_each_child_s_share_of_an_adult(oak_tree) -> None:
    from tandem.attendance.selectors import adults_required, ratio_rules_on

    rule_list = ratio_rules_on(setting=oak_tree, day=dt.date(2025, 1, 6))
    assert adults_required([6, 6, 6], rule_list=rule_list, setting=oak_tree) == 1
    assert adults_required([6, 6, 6, 30], rule_list=rule_list, setting=oak_tree) == 2
    assert adults_required([40] * 8, rule_list=rule_list, setting=oak_tree) == 1


def test_the_two_year_old_ratio_changed_in_september_2023(oak_tree) -> None:
    from tandem.attendance.selectors import adults_required, ratio_rules_on

    five = [30] * 5
    before = ratio_rules_on(setting=oak_tree, day=dt.date(2023, 6, 1))
    after = ratio_rules_on(setting=oak_tree, day=dt.date(2023, 10, 1))
    assert adults_required(five, rule_list=before, setting=oak_tree) == 2
    assert adults_required(five, rule_list=after, setting=oak_tree) == 1


def test_a_setting_s_own_rule_wins_over_the_default(oak_tree) -> None:
    from tandem.attendance.selectors import adults_required, ratio_rules_on

    RatioRule.objects.create(
        setting=oak_tree,
        age_from_months=36,
        age_to_months=96,
        children_per_adult=13,
        effective_from=dt.date(2024, 1, 1),
    )
    rule_list = ratio_rules_on(setting=oak_tree, day=dt.date(2025, 1, 6))
    assert adults_required([40] * 13, rule_list=rule_list, setting=oak_tree) == 1


@pytest.mark.url("attendance:shifts")
def test_a_manager_puts_someone_on_shift_and_a_practitioner_may_not(client, alice, bob, bob_staff, babies) -> None:
    data = {"staff": str(bob_staff.pk), "room": str(babies.pk), "starts_at": "08:00", "ends_at": "13:00"}
    client.force_login(bob)
    assert client.post(reverse("attendance:shifts", args=["oak-tree"]), data).status_code == 403
    client.force_login(alice)
    assert client.post(reverse("attendance:shifts", args=["oak-tree"]), data).status_code == 302
    response = client.get(reverse("attendance:shifts", args=["oak-tree"]))
    assert "Bob Birch" in response.content.decode()
    assert AuditEntry.objects.filter(action="attendance.shift.created").count() == 1


# --- corrections ----------------------------------------------------------------------------------


@pytest.mark.url("attendance:correct")
def test_a_practitioner_cannot_correct_the_register(client, bob, ada_in) -> None:
    client.force_login(bob)
    url = reverse("attendance:correct", args=["oak-tree", ada_in.pk])
    assert client.post(url, {"signed_in_at": "00:01", "reason": "x"}).status_code == 403
    ada_in.refresh_from_db()
    assert not AuditEntry.objects.filter(action="attendance.attendance.corrected").exists()


# --- family pages ---------------------------------------------------------------------------------


@pytest.mark.url("attendance_family:child")
def test_a_parent_sees_today_s_times_and_the_list(client, dora, ada, ada_in, granny) -> None:
    client.force_login(dora)
    response = client.get(reverse("attendance_family:child", args=[ada.pk]))
    text = response.content.decode()
    assert "Grace Lovelace" in text and "Signed in" in text and "bluebird" not in text


@pytest.mark.url("attendance_family:child")
def test_another_family_cannot_see_ada_s_day(client, ed, ada, ada_in) -> None:
    client.force_login(ed)
    assert client.get(reverse("attendance_family:child", args=[ada.pk])).status_code == 404


@pytest.mark.url("attendance_family:collector-add")
def test_a_parent_adds_a_collector_with_a_photo_whose_metadata_is_stripped(client, dora, ada) -> None:
    client.force_login(dora)
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90°
    photo = upload(jpeg_bytes(size=(60, 20), exif=exif.tobytes()), name="gran.png", content_type="image/png")
    data = {"name": "Aunt May", "relationship": "Aunt", "phone": "", "password": "kestrel", "photo": photo}
    response = client.post(reverse("attendance_family:collector-add", args=[ada.pk]), data)
    assert response.status_code == 302
    collector = AuthorisedCollector.objects.get(name="Aunt May")
    assert collector.added_by_guardian.user == dora
    with collector.photo.open("rb") as fh:
        raw = fh.read()
    img = Image.open(io.BytesIO(raw))
    assert img.format == "JPEG" and img.size == (20, 60)  # turned the right way up
    assert b"SecretCam" not in raw and not img.getexif()


@pytest.mark.url("attendance_family:collector-add")
def test_a_decompression_bomb_is_refused(client, dora, ada) -> None:
    client.force_login(dora)
    out = io.BytesIO()
    Image.new("1", (10000, 10000)).save(out, format="PNG")  # 100 megapixels, a few kB
    photo = upload(out.getvalue(), name="bomb.png", content_type="image/png")
    response = client.post(
        reverse("attendance_family:collector-add", args=[ada.pk]),
        {"name": "Bomb", "relationship": "x", "photo": photo},
    )
    assert response.status_code == 400 and "too many pixels" in response.content.decode()
    assert not AuthorisedCollector.objects.exists()


@pytest.mark.url("attendance_family:collector-add")
def test_a_parent_without_parental_responsibility_may_not_add_collectors(client, dora, ada) -> None:
    ada.guardian_links.update(parental_responsibility=False)
    client.force_login(dora)
    response = client.post(
        reverse("attendance_family:collector-add", args=[ada.pk]), {"name": "X", "relationship": "Y"}
    )
    assert response.status_code == 403
    assert not AuthorisedCollector.objects.exists()


@pytest.mark.url("attendance_family:collector-deactivate")
def test_a_parent_takes_someone_off_the_list(client, dora, granny) -> None:
    client.force_login(dora)
    assert client.post(reverse("attendance_family:collector-deactivate", args=[granny.pk])).status_code == 302
    granny.refresh_from_db()
    assert not granny.is_active


@pytest.mark.url("attendance_family:collector-edit")
def test_another_family_cannot_change_ada_s_collector(client, ed, granny) -> None:
    client.force_login(ed)
    response = client.post(
        reverse("attendance_family:collector-edit", args=[granny.pk]), {"name": "Hacked", "relationship": "x"}
    )
    assert response.status_code == 404
    granny.refresh_from_db()
    assert granny.name == "Grace Lovelace"


@pytest.mark.url("attendance_family:collector-photo")
def test_another_family_cannot_see_the_collector_photo(client, ed, granny) -> None:
    client.force_login(ed)
    assert client.get(reverse("attendance_family:collector-photo", args=[granny.pk])).status_code == 404


# --- API ------------------------------------------------------------------------------------------

API = "/api/v1/settings/oak-tree/attendance"


def test_the_api_never_shows_a_password_hash(client, bob, ada, granny) -> None:
    client.force_login(bob)
    response = client.get(f"{API}/children/{ada.pk}/collectors")
    body = response.content.decode()
    assert response.status_code == 200 and "Grace Lovelace" in body
    assert granny.password_hash not in body and "password_hash" not in body
    assert response.json()[0]["has_password"] is True


def test_the_api_refuses_to_sign_out_a_child_who_is_not_in(client, bob, ada, dora) -> None:
    from tandem.core.models import Guardian

    client.force_login(bob)
    response = client.post(
        f"{API}/children/{ada.pk}/sign-out",
        json.dumps({"guardian_id": str(Guardian.objects.get(user=dora).pk)}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "not signed in" in response.json()["error"]["details"][0]["message"]
    assert not CollectionEvent.objects.exists()


def test_the_api_refuses_a_sign_in_in_the_future(client, bob, ada) -> None:
    client.force_login(bob)
    at = (timezone.now() + dt.timedelta(hours=3)).isoformat()
    response = client.post(f"{API}/children/{ada.pk}/sign-in", json.dumps({"at": at}), content_type="application/json")
    assert response.status_code == 422 and response.json()["error"]["details"][0]["field"] == "signed_in_at"
    assert not Attendance.objects.exists()


def test_the_api_register_lists_the_day(client, bob, ada, ada_in) -> None:
    client.force_login(bob)
    body = client.get(f"{API}/register").json()
    assert body["present"] == 1
    assert next(r for r in body["rows"] if r["child_name"] == "Ada Lovelace")["status"] == "in"
