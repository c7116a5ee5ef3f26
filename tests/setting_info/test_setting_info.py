"""The setting's information page: what families read, what staff change, photos through
tandem.media's private links, and query counts that do not grow with the team."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tandem.core.models import RecordVersion, StaffMember, StaffRole
from tandem.setting_info import selectors, services
from tandem.setting_info.models import MenuDay, SettingInfo, TeamProfile
from tests import factories as f

pytestmark = pytest.mark.django_db


def _jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (120, 120), (90, 140, 200)).save(buf, "JPEG")
    return buf.getvalue()


def test_families_read_their_settings_page_with_team_menu_and_ofsted(client, cast, oak_tree, elm_house):
    bob = StaffMember.objects.get(user=cast["bob"])
    bob.job_title = "Baby room lead"
    bob.save()
    services.info_save(
        setting=oak_tree,
        by=cast["alice"],
        opening_times="Monday to Friday, 7:30 to 18:00",
        term_dates="Closed 24 December to 2 January",
    )
    services.info_save(setting=elm_house, by=cast["charlie"], opening_times="Elm hours 9 to 3")
    monday = selectors.week_start(oak_tree.today())
    if oak_tree.today().weekday() >= 5:
        monday += dt.timedelta(days=7)
    services.menu_save(
        setting=oak_tree, by=cast["alice"], days={monday: {"meals": "Fish pie and peas", "allergens": "fish, milk"}}
    )
    services.team_profile_save(
        staff=bob, by=cast["alice"], about="Loves the garden", photo_file=SimpleUploadedFile("bob.jpg", _jpeg())
    )

    client.force_login(cast["dora"])
    page = client.get(reverse("setting_info_family:index")).content.decode()
    assert "Oak Tree Nursery" in page and "Elm hours" not in page
    assert "Baby room lead" in page and "Loves the garden" in page
    assert "7:30 to 18:00" in page and "Closed 24 December" in page
    assert "Fish pie and peas" in page and "fish, milk" in page
    assert "0300 123 1231" in page  # Ofsted's national line when the setting wrote none
    photo_url = page.split('class="team-photo"')[0].rsplit('src="', 1)[1].split('"')[0]
    assert photo_url.startswith("/")
    assert client.get(photo_url).status_code == 200  # the private, signed link works for dora
    client.force_login(cast["ed"])
    assert client.get(photo_url).status_code == 404  # and only for her


def test_links_to_policies_and_concerns_only_when_those_pages_exist(client, cast, oak_tree):
    from django.urls import NoReverseMatch

    client.force_login(cast["dora"])
    page = client.get(reverse("setting_info_family:index")).content.decode()
    for name, text in (
        ("policies_family:index", "Read the setting's policies"),
        ("concerns_family:index", "Raise a concern or make a complaint"),
    ):
        try:
            url = reverse(name)
        except NoReverseMatch:
            assert text not in page
        else:
            assert f'href="{url}"' in page
    assert "How to raise a concern" in page
    assert selectors.optional_url("setting_info_family:index") == "/family/setting-info/"
    assert selectors.optional_url("nowhere_family:index") == ""


def test_editing_keeps_the_earlier_text(cast, oak_tree):
    services.info_save(setting=oak_tree, by=cast["alice"], opening_times="8 to 6")
    services.info_save(setting=oak_tree, by=cast["alice"], opening_times="7:30 to 6")
    assert SettingInfo.objects.get().opening_times == "7:30 to 6"
    assert RecordVersion.objects.get(object_type="setting_info.settinginfo").data["opening_times"] == "8 to 6"


def test_staff_edit_page_and_a_practitioner_cannot(client, cast, oak_tree):
    client.force_login(cast["adam"])
    url = reverse("setting_info:edit", args=["oak-tree"])
    data = {"welcome": "Hello", "opening_times": "9-5", "term_dates": "", "concerns": "", "contact": "", "ofsted": ""}
    assert client.post(url, data).status_code == 302
    assert SettingInfo.objects.get().opening_times == "9-5"
    client.force_login(cast["bob"])
    assert client.post(url, {**data, "opening_times": "never"}).status_code == 403
    assert SettingInfo.objects.get().opening_times == "9-5"


def test_menu_saved_for_a_week_and_emptied_days_removed(client, cast, oak_tree):
    client.force_login(cast["alice"])
    url = reverse("setting_info:menu", args=["oak-tree"]) + "?week=2026-11-30"
    response = client.post(url, {"meals_0": "Soup", "allergens_0": "celery", "meals_1": "Curry"})
    assert response.status_code == 302
    assert list(MenuDay.objects.values_list("date", "meals", "allergens")) == [
        (dt.date(2026, 11, 30), "Soup", "celery"),
        (dt.date(2026, 12, 1), "Curry", ""),
    ]
    client.post(url, {"meals_0": "Soup", "allergens_0": "celery", "meals_1": ""})
    assert MenuDay.objects.count() == 1


def test_a_staff_photo_that_is_not_a_photo_is_refused_clearly(client, cast, oak_tree):
    bob = StaffMember.objects.get(user=cast["bob"])
    client.force_login(cast["alice"])
    url = reverse("setting_info:team-member", args=["oak-tree", bob.pk])
    response = client.post(
        url, {"about": "Hi", "shown": "on", "photo": SimpleUploadedFile("cv.txt", b"not a photo at all")}
    )
    assert response.status_code == 400
    assert "is not a photo, video, voice note or PDF" in response.content.decode()
    assert not TeamProfile.objects.exists()


def test_hidden_members_are_not_shown_to_families(client, cast, oak_tree):
    bob = StaffMember.objects.get(user=cast["bob"])
    services.team_profile_save(staff=bob, by=cast["alice"], shown=False)
    client.force_login(cast["dora"])
    assert "Bob Birch" not in client.get(reverse("setting_info_family:index")).content.decode()
    client.force_login(cast["alice"])
    assert "Hidden from families" in client.get(reverse("setting_info:index", args=["oak-tree"])).content.decode()


@pytest.mark.parametrize("n", [3, 30])
def test_family_page_queries_do_not_grow_with_the_team(client, cast, oak_tree, n, django_assert_max_num_queries):
    for i in range(n):
        member = f.StaffMemberFactory(
            setting=oak_tree, user=f.UserFactory(), roles=[StaffRole.PRACTITIONER], job_title=f"Practitioner {i}"
        )
        TeamProfile.objects.create(setting=oak_tree, staff=member, about=f"About {i}")
    client.force_login(cast["dora"])
    with django_assert_max_num_queries(14):
        response = client.get(reverse("setting_info_family:index"))
    assert response.content.decode().count('class="card team-member"') == n + 3


def test_api_gives_the_page(client, cast, oak_tree):
    services.info_save(setting=oak_tree, by=cast["alice"], opening_times="7:30 to 18:00")
    client.force_login(cast["dora"])
    data = client.get("/api/v1/family/setting-info").json()
    assert [d["setting"] for d in data] == ["Oak Tree Nursery"]
    assert data[0]["opening_times"] == "7:30 to 18:00"
    assert len(data[0]["menu"]) == 5
