"""Progress worry pages and API: the overseers' list, the key person's, the case page, what the
family sees (and never sees), closing refused, query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.worries import services
from tandem.worries.models import Worry
from tests import factories as f
from tests.worries.conftest import open_worry

pytestmark = pytest.mark.django_db
SECRET = "SECRET-STAFF-NOTE"


def _age(worry, days: int) -> None:
    Worry.objects.filter(pk=worry.pk).update(opened_on=worry.setting.today() - dt.timedelta(days=days))


def test_overseers_see_every_open_case_longest_first_with_days_open(client, alice, ada, ben, bob, bob_staff) -> None:
    a = open_worry(ada, bob, bob_staff)
    b = open_worry(ben, alice, bob_staff, area="PD", observed="Not yet walking steadily")
    closed = open_worry(ben, alice, bob_staff, area="PSED")
    _age(a, 10)
    _age(b, 40)
    Worry.objects.filter(pk=closed.pk).update(status="closed")
    client.force_login(alice)
    response = client.get(reverse("worries:overview", args=["oak-tree"]))
    page = response.content.decode()
    rows = response.context["worries"]
    assert [w.pk for w in rows] == [b.pk, a.pk]
    assert [w.days for w in rows] == [40, 10]
    assert [w.long_open for w in rows] == [True, False]
    assert page.count('class="worry-long"') == 1
    assert "40 days" in page and "10 days" in page


def test_the_key_person_sees_their_key_childrens_cases_only(client, ada, ben, bob, bob_staff, alice) -> None:
    mine = open_worry(ada, bob, bob_staff)
    open_worry(ben, alice, bob_staff, area="PD")
    client.force_login(bob)
    response = client.get(reverse("worries:index", args=["oak-tree"]))
    assert [w.pk for w in response.context["worries"]] == [mine.pk]
    assert client.get(reverse("worries:overview", args=["oak-tree"])).status_code == 403
    assert client.get("/api/v1/settings/oak-tree/worries/open").status_code == 403


def test_the_senco_oversees_progress(client, oak_tree, ada, bob, bob_staff) -> None:
    from tandem.core.models import StaffRole

    user = f.UserFactory(username="sam")
    f.StaffMemberFactory(setting=oak_tree, user=user, roles=[StaffRole.SENCO])
    worry = open_worry(ada, bob, bob_staff)
    client.force_login(user)
    response = client.get("/api/v1/settings/oak-tree/worries/open")
    assert response.status_code == 200
    assert [w["id"] for w in response.json()] == [str(worry.pk)]
    assert response.json()[0]["days_open"] == 0


def test_the_case_page_shows_the_sen_status_the_two_year_check_and_the_timeline(client, bob, bob_staff, ada) -> None:
    ada.sen_status = "sen_support"
    ada.date_of_birth = ada.setting.today() - dt.timedelta(days=30 * 30)
    ada.save()
    worry = open_worry(ada, bob, bob_staff)
    services.stage_record(worry=worry, by=bob, stage="assess", on=ada.setting.today(), notes="Watched at play")
    client.force_login(bob)
    page = client.get(reverse("worries:detail", args=["oak-tree", worry.pk])).content.decode()
    assert "SEN support" in page
    assert "the progress check at two is due or relevant" in page
    assert "Watched at play" in page


def test_closing_on_the_page_is_refused_with_the_reason(client, worry, bob) -> None:
    client.force_login(bob)
    response = client.post(reverse("worries:close", args=["oak-tree", worry.pk]), {"outcome": "Fine"})
    assert response.status_code == 400
    assert "cannot be closed yet" in response.content.decode()
    assert Worry.objects.get(pk=worry.pk).is_open


def test_closing_through_the_api_is_refused_then_allowed(client, worry, bob) -> None:
    client.force_login(bob)
    url = f"/api/v1/settings/oak-tree/worries/{worry.pk}"
    response = client.post(f"{url}/close", {"outcome": "Fine"}, content_type="application/json")
    assert response.status_code == 422
    assert "cannot be closed yet" in response.content.decode()
    client.post(
        f"{url}/discussion",
        {"discussed_on": worry.setting.today().isoformat(), "family_views": "Same at home", "agreed_support": "Snack"},
        content_type="application/json",
    )
    response = client.post(f"{url}/close", {"outcome": "Fine"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "closed"


def test_the_family_sees_the_case_only_once_discussed_and_never_the_staff_notes(client, worry, bob, dora, ed) -> None:
    client.force_login(dora)
    url = reverse("worries_family:detail", args=[worry.pk])
    assert client.get(url).status_code == 404
    assert client.get(f"/api/v1/family/worries/{worry.pk}").status_code == 404
    assert (
        "What we agreed together"
        not in client.get(reverse("family:child-detail", args=[worry.child_id])).content.decode()
    )
    services.discussion_record(
        worry=worry,
        by=bob,
        discussed_on=worry.setting.today(),
        family_views="She talks more in Polish at home",
        agreed_support="Bob learns five Polish words; Dora shares songs",
    )
    for page_url in (url, reverse("family:child-detail", args=[worry.child_id])):
        response = client.get(page_url)
        assert response.status_code == 200
        page = response.content.decode()
        assert "What we agreed together" in page
        assert SECRET not in page
    assert "Bob learns five Polish words" in client.get(url).content.decode()
    api = client.get(f"/api/v1/family/worries/{worry.pk}")
    assert api.status_code == 200 and SECRET not in api.content.decode() and "staff_notes" not in api.json()
    assert "observed" not in api.json()
    client.force_login(ed)
    assert client.get(url).status_code == 404
    assert client.get(f"/api/v1/family/worries/{worry.pk}").status_code == 404
    client.force_login(bob)
    assert SECRET in client.get(reverse("worries:detail", args=["oak-tree", worry.pk])).content.decode()


def test_a_practitioner_who_does_not_follow_the_child_gets_404(client, oak_tree, worry) -> None:
    from tandem.core.models import StaffRole

    user = f.UserFactory(username="pat")
    f.StaffMemberFactory(setting=oak_tree, user=user, roles=[StaffRole.PRACTITIONER])
    client.force_login(user)
    assert client.get(reverse("worries:detail", args=["oak-tree", worry.pk])).status_code == 404
    assert client.get(reverse("worries:new", args=["oak-tree", worry.child_id])).status_code == 404
    assert client.get(reverse("meetings:child", args=["oak-tree", worry.child_id])).status_code == 404
    assert client.get(f"/api/v1/settings/oak-tree/worries/{worry.pk}").status_code == 404
    assert client.get(reverse("worries:index", args=["oak-tree"])).context["worries"] == []


def test_bad_input_on_the_new_worry_page_changes_nothing(client, bob, ada) -> None:
    client.force_login(bob)
    response = client.post(reverse("worries:new", args=["oak-tree", ada.pk]), {"area": "CL", "observed": ""})
    assert response.status_code == 400
    assert not Worry.objects.exists()


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_lists_do_not_grow_queries_with_rows(client, oak_tree, babies, alice, bob_staff) -> None:
    def add(n):
        for i in range(n):
            child = f.ChildFactory(room=babies, key_person=bob_staff, first_name=f"C{i}")
            open_worry(child, alice, bob_staff)

    client.force_login(alice)
    urls = [
        reverse("worries:overview", args=["oak-tree"]),
        "/api/v1/settings/oak-tree/worries/open",
    ]
    add(3)
    small = [_count(client, u) for u in urls]
    add(27)
    assert [_count(client, u) for u in urls] == small
    client.force_login(bob_staff.user)
    assert len(client.get(reverse("worries:index", args=["oak-tree"])).context["worries"]) == 30


def test_the_key_persons_list_does_not_grow_queries_with_rows(client, oak_tree, babies, alice, bob_staff) -> None:
    def add(n):
        for i in range(n):
            child = f.ChildFactory(room=babies, key_person=bob_staff, first_name=f"K{i}")
            open_worry(child, alice, bob_staff)

    client.force_login(bob_staff.user)
    url = reverse("worries:index", args=["oak-tree"])
    add(3)
    small = _count(client, url)
    add(27)
    assert _count(client, url) == small


def test_the_prime_areas_come_from_the_curriculum_when_it_is_loaded(client, oak_tree, bob, ada) -> None:
    from tandem.core.models import Setting
    from tandem.curriculum.models import Area
    from tandem.curriculum.selectors import framework_for_setting

    client.force_login(bob)
    url = reverse("worries:new", args=["oak-tree", ada.pk])
    prime = Area.objects.filter(framework=framework_for_setting(oak_tree), kind="prime").order_by("order")
    assert {a.short_code for a in prime} == {"CL", "PSED", "PD"}
    choices = client.get(url).context["form"].fields["area"].choices
    assert choices == [(a.short_code, a.display_name) for a in prime]
    # Without the curriculum data, the EYFS names are used.
    Setting.objects.filter(pk=oak_tree.pk).update(curriculum_framework="not-loaded")
    choices = client.get(url).context["form"].fields["area"].choices
    assert choices[0] == ("CL", "Communication and language") and len(choices) == 3
