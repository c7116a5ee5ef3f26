"""The staff pages of the diary: the room's day in a fixed number of queries, entries for several
children in one step, one-tap entries, corrections that keep the earlier value, and the family
pages that show only a guardian's own child, as calm or as live as they chose."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.care import services
from tandem.care.models import DayFinalisation, DiaryEntry, MorningHandover, SleepCheck
from tests import factories as f
from tests.care.conftest import sign_in

pytestmark = pytest.mark.django_db


def room_url(room, **query) -> str:
    url = reverse("care:room-day", args=["oak-tree", room.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _hhmm(when: dt.datetime) -> str:
    return timezone.localtime(when).strftime("%H:%M")


def _fill_room(room, bob, n_children: int, n_entries: int) -> None:
    """N_CHILDREN in ROOM, each with N_ENTRIES entries today (half nappies, half feeds)."""
    children = f.ChildFactory.create_batch(n_children, room=room)
    sign_in(*children, by=bob)
    start = timezone.now() - dt.timedelta(minutes=5 * n_entries + 5)
    for i in range(n_entries):
        kind, fields = ("nappy", {"nappy": "wet"}) if i % 2 else ("feed", {"feed_type": "bottle", "amount_ml": 90})
        services.diary_entry_record_many(
            setting=room.setting, children=children, by=bob, kind=kind,
            occurred_at=start + dt.timedelta(minutes=5 * i), idempotency_key=uuid.uuid4(), **fields,
        )  # fmt: skip
    for child in children:
        services.care_routine_update(child=child, by=bob, nap_times="09:30, 13:00", feed_interval_minutes=180)


@pytest.mark.url("care:room-day")
def test_the_room_day_costs_the_same_queries_for_3_or_30_children_and_1_or_20_entries(
    client, bob, oak_tree, django_assert_num_queries
) -> None:
    room = f.RoomFactory(setting=oak_tree, name="Toddlers")
    client.force_login(bob)
    _fill_room(room, bob, 3, 1)
    # session, user, memberships (middleware), the room, its care settings, the register's
    # present ids, children with routines, each child's day summed up by kind, the latest
    # entries, last sleep checks, handovers, finalisations
    with django_assert_num_queries(12):
        response = client.get(room_url(room))
    assert response.status_code == 200
    assert response.content.decode().count('class="card care-card') == 3
    _fill_room(room, bob, 27, 20)
    with django_assert_num_queries(12):
        response = client.get(room_url(room))
    assert response.content.decode().count('class="card care-card') == 30


@pytest.mark.url("care:room-day")
def test_the_room_day_shows_allergies_the_handover_and_what_is_due(client, bob, ada, dora) -> None:
    services.care_routine_update(child=ada, by=bob, feed_interval_minutes=60)
    services.diary_entry_record(child=ada, by=bob, kind="feed", feed_type="bottle", amount_ml=150,
                                occurred_at=timezone.now() - dt.timedelta(minutes=90))  # fmt: skip
    services.morning_handover_record(child=ada, guardian=dora.guardianships.get(), by=dora, teething=True,
                                     collecting_today="Grandma Lovelace")  # fmt: skip
    client.force_login(bob)
    page = client.get(room_url(ada.room)).content.decode()
    assert "Peanuts" in page
    assert "Grandma Lovelace" in page
    assert "Feed overdue" in page


@pytest.mark.url("care:room-day")
def test_a_sleeping_child_shows_the_sleep_check_due(client, bob, ada) -> None:
    sleep, _ = services.diary_entry_record(
        child=ada, by=bob, kind="sleep", occurred_at=timezone.now() - dt.timedelta(minutes=25)
    )
    client.force_login(bob)
    page = client.get(room_url(ada.room)).content.decode()
    assert "Asleep since" in page and "Sleep check overdue" in page
    response = client.post(reverse("care:sleep-check", args=["oak-tree", sleep.pk]), {"room": ada.room.pk})
    assert response.status_code == 302
    assert SleepCheck.objects.filter(entry=sleep, by=bob).count() == 1


@pytest.mark.url("care:room-day")
def test_charlie_cannot_open_oak_trees_room(client, charlie, ada) -> None:
    client.force_login(charlie)
    assert client.get(room_url(ada.room)).status_code == 404
    assert client.get(reverse("care:room-day", args=["elm-house", ada.room.pk])).status_code == 404


@pytest.mark.url("care:entry-add")
def test_lunch_for_several_children_is_one_step(client, bob, ada, babies) -> None:
    cara = f.ChildFactory(room=babies, first_name="Cara", dietary_needs="Vegetarian")
    sign_in(ada, cara, by=bob)
    client.force_login(bob)
    form = client.get(reverse("care:entry-add", args=["oak-tree", babies.pk]) + "?kind=meal").content.decode()
    assert "Allergy: Peanuts" in form and "Diet: Vegetarian" in form
    key = str(uuid.uuid4())
    data = {"children": [ada.pk, cara.pk], "kind": "meal", "time": _hhmm(timezone.now() - dt.timedelta(minutes=20)),
            "offered": "Fish pie", "eaten": "most", "idempotency_key": key}  # fmt: skip
    url = reverse("care:entry-add", args=["oak-tree", babies.pk])
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # sent twice (a double tap, a retry)
    assert DiaryEntry.objects.filter(offered="Fish pie").count() == 2


@pytest.mark.url("care:entry-add")
def test_a_sleep_ending_before_it_starts_is_refused_on_the_page(client, bob, ada, babies) -> None:
    sign_in(ada, by=bob)
    client.force_login(bob)
    now = timezone.now()
    data = {"children": [ada.pk], "kind": "sleep", "time": _hhmm(now - dt.timedelta(minutes=10)),
            "end_time": _hhmm(now - dt.timedelta(minutes=50)), "idempotency_key": str(uuid.uuid4())}  # fmt: skip
    response = client.post(reverse("care:entry-add", args=["oak-tree", babies.pk]), data)
    assert response.status_code == 400
    assert "A sleep cannot end before it starts." in response.content.decode()
    assert not DiaryEntry.objects.exists()


@pytest.mark.url("care:entry-add")
def test_a_child_from_another_room_or_setting_cannot_be_ticked(client, bob, ada, ben, babies) -> None:
    client.force_login(bob)
    data = {"children": [ben.pk], "kind": "note", "time": "00:00", "notes": "x", "idempotency_key": str(uuid.uuid4())}
    response = client.post(reverse("care:entry-add", args=["oak-tree", babies.pk]), data)
    assert response.status_code == 400
    assert not DiaryEntry.objects.exists()


@pytest.mark.url("care:quick-entry")
def test_one_tap_records_a_wet_nappy_and_swaps_the_card(client, bob, ada) -> None:
    client.force_login(bob)
    url = reverse("care:quick-entry", args=["oak-tree", ada.room.pk, ada.pk])
    key = str(uuid.uuid4())
    response = client.post(url, {"preset": "nappy-wet", "idempotency_key": key}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<li class="card care-card') and "Wet" in body
    client.post(url, {"preset": "nappy-wet", "idempotency_key": key}, headers={"HX-Request": "true"})
    assert DiaryEntry.objects.filter(child=ada, nappy="wet").count() == 1


@pytest.mark.url("care:quick-entry")
def test_a_second_sleep_on_top_of_one_is_refused_inside_the_card(client, bob, ada) -> None:
    client.force_login(bob)
    url = reverse("care:quick-entry", args=["oak-tree", ada.room.pk, ada.pk])
    client.post(url, {"preset": "asleep"}, headers={"HX-Request": "true"})
    response = client.post(url, {"preset": "asleep"}, headers={"HX-Request": "true"})
    assert "overlaps" in response.content.decode()
    assert DiaryEntry.objects.filter(kind="sleep").count() == 1


@pytest.mark.url("care:child-day")
def test_staff_see_the_earlier_value_of_a_corrected_entry(client, bob, alice, ada, record) -> None:
    entry = record(ada, kind="feed", feed_type="bottle", amount_ml=120)
    client.force_login(alice)
    response = client.post(reverse("care:entry-correct", args=["oak-tree", entry.pk]),
                           {"time": _hhmm(entry.occurred_at), "feed_type": "bottle", "amount_ml": 160})  # fmt: skip
    assert response.status_code == 302
    page = client.get(reverse("care:child-day", args=["oak-tree", ada.pk])).content.decode()
    assert "160 ml" in page and "Earlier versions" in page and "120 ml" in page


@pytest.mark.url("care:entry-strike-out")
def test_a_struck_out_entry_stays_crossed_out_with_the_reason(client, bob, ada, record) -> None:
    entry = record(ada)
    client.force_login(bob)
    url = reverse("care:entry-strike-out", args=["oak-tree", entry.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Wrong child"}).status_code == 302
    page = client.get(reverse("care:child-day", args=["oak-tree", ada.pk])).content.decode()
    assert "care-struck" in page and "Wrong child" in page
    assert DiaryEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.url("care:entry-correct")
def test_ed_cannot_reach_an_entry_and_charlie_gets_404(client, charlie, ada, record) -> None:
    entry = record(ada)
    client.force_login(charlie)
    assert (
        client.post(reverse("care:entry-correct", args=["elm-house", entry.pk]), {"time": "10:00"}).status_code == 404
    )
    entry.refresh_from_db()
    assert entry.corrected_at is None


@pytest.mark.url("care:room-finalise")
def test_finalising_the_room_finalises_each_childs_day(client, bob, ada, babies) -> None:
    other = f.ChildFactory(room=babies)
    absent = f.ChildFactory(room=babies)
    sign_in(ada, other, by=bob)
    client.force_login(bob)
    assert client.post(reverse("care:room-finalise", args=["oak-tree", babies.pk])).status_code == 302
    finalised = set(DayFinalisation.objects.values_list("child_id", flat=True))
    assert finalised == {ada.pk, other.pk} and absent.pk not in finalised


@pytest.mark.url("care:room-settings")
def test_only_room_managers_change_the_sleep_check_interval(client, alice, bob, babies) -> None:
    url = reverse("care:room-settings", args=["oak-tree", babies.pk])
    client.force_login(bob)
    assert client.post(url, {"sleep_check_minutes": 30, "closing_time": "18:00"}).status_code == 403
    client.force_login(alice)
    assert client.post(url, {"sleep_check_minutes": 90, "closing_time": "18:00"}).status_code == 400
    assert client.post(url, {"sleep_check_minutes": 15, "closing_time": "17:30"}).status_code == 302
    assert babies.care_settings.sleep_check_minutes == 15


# --- families -----------------------------------------------------------------------------------


def family_url(child, **query) -> str:
    url = reverse("care_family:child-day", args=[child.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.mark.url("care_family:child-day")
def test_a_guardian_sees_only_their_own_childs_diary(client, dora, ed, ada, ben, record) -> None:
    record(ada, kind="meal", offered="Ada's porridge", eaten="all")
    services.guardian_care_updates_set(guardian=dora.guardianships.get(), by=dora, mode="realtime")
    client.force_login(dora)
    assert "Ada&#x27;s porridge" in client.get(family_url(ada)).content.decode()
    assert client.get(family_url(ben)).status_code == 404
    client.force_login(ed)
    assert client.get(family_url(ada)).status_code == 404


@pytest.mark.url("care_family:child-day")
def test_a_calm_diary_waits_for_the_day_to_be_finalised(client, dora, bob, oak_tree, ada, record) -> None:
    record(ada, kind="meal", offered="Secret pie", eaten="all")
    client.force_login(dora)
    services.room_care_settings_update(room=ada.room, by=bob, sleep_check_minutes=10, closing_time=dt.time(23, 59))
    page = client.get(family_url(ada)).content.decode()
    assert "Secret pie" not in page and "calm diary" in page
    services.day_finalise(setting=oak_tree, children=[ada], day=oak_tree.today(), by=bob)
    assert "Secret pie" in client.get(family_url(ada)).content.decode()


@pytest.mark.url("care_family:child-day")
def test_a_realtime_guardian_gets_a_page_that_refreshes_itself(client, dora, ada) -> None:
    services.guardian_care_updates_set(guardian=dora.guardianships.get(), by=dora, mode="realtime")
    client.force_login(dora)
    page = client.get(family_url(ada)).content.decode()
    assert 'hx-trigger="every 60s"' in page
    fragment = client.get(family_url(ada), headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and "The day" in fragment


@pytest.mark.url("care_family:handover")
def test_a_guardian_sends_the_morning_handover_and_staff_see_it(client, dora, bob, ada) -> None:
    client.force_login(dora)
    response = client.post(reverse("care_family:handover", args=[ada.pk]),
                           {"mood": "tired", "teething": "on", "collecting_today": "Aunt Jo"})  # fmt: skip
    assert response.status_code == 302
    assert MorningHandover.objects.get(child=ada).collecting_today == "Aunt Jo"
    client.force_login(bob)
    assert "Aunt Jo" in client.get(reverse("care:child-day", args=["oak-tree", ada.pk])).content.decode()


@pytest.mark.url("care_family:handover")
def test_a_handover_with_a_feed_later_than_now_is_refused(client, dora, ada, oak_tree) -> None:
    import zoneinfo

    later = timezone.now().astimezone(zoneinfo.ZoneInfo(oak_tree.timezone)) + dt.timedelta(hours=1)
    if later.date() != oak_tree.today():
        pytest.skip("an hour from now is tomorrow")
    client.force_login(dora)
    response = client.post(reverse("care_family:handover", args=[ada.pk]), {"last_feed_at": later.strftime("%H:%M")})
    assert response.status_code == 400
    assert "later than now" in response.content.decode()
    assert not MorningHandover.objects.exists()


@pytest.mark.url("care_family:entry-add")
def test_a_family_adds_a_feed_from_home_to_the_same_timeline(client, dora, bob, ada, ben) -> None:
    client.force_login(dora)
    data = {"children": [ada.pk], "kind": "feed", "feed_type": "breast", "idempotency_key": str(uuid.uuid4()),
            "time": _hhmm(timezone.now() - dt.timedelta(minutes=45)), "notes": "Fed before the walk in"}  # fmt: skip
    assert client.post(reverse("care_family:entry-add", args=[ada.pk]), data).status_code == 302
    entry = DiaryEntry.objects.get(child=ada)
    assert entry.source == "guardian" and entry.recorded_by == dora
    client.force_login(bob)
    page = client.get(reverse("care:child-day", args=["oak-tree", ada.pk])).content.decode()
    assert "Fed before the walk in" in page and "From home" in page
    client.force_login(dora)
    data["children"], data["idempotency_key"] = [ben.pk], str(uuid.uuid4())
    assert client.post(reverse("care_family:entry-add", args=[ben.pk]), data).status_code == 404
    assert DiaryEntry.objects.count() == 1


@pytest.mark.url("care_family:entry-add")
def test_a_family_entry_in_the_future_is_refused_and_nothing_saved(client, dora, ada) -> None:
    client.force_login(dora)
    later = timezone.now() + dt.timedelta(hours=2)
    if timezone.localdate(later) != timezone.localdate():
        pytest.skip("two hours from now is tomorrow")
    data = {
        "children": [ada.pk],
        "kind": "note",
        "notes": "x",
        "time": _hhmm(later),
        "idempotency_key": str(uuid.uuid4()),
    }
    response = client.post(reverse("care_family:entry-add", args=[ada.pk]), data, follow=True)
    assert "in the future" in response.content.decode()
    assert not DiaryEntry.objects.exists()


@pytest.mark.url("care_family:updates")
def test_each_guardian_chooses_how_to_follow_the_day(client, dora, ada) -> None:
    client.force_login(dora)
    page = client.get(reverse("care_family:updates")).content.decode()
    assert 'value="end_of_day"' in page and "checked" in page
    assert client.post(reverse("care_family:updates"), {"mode": "on_demand"}).status_code == 302
    assert dora.guardianships.get().care_updates.mode == "on_demand"
    assert client.post(reverse("care_family:updates"), {"mode": "hourly"}).status_code == 400


@pytest.mark.url("care_family:home")
def test_the_diary_home_is_for_guardians_only(client, dora, bob, ada) -> None:
    client.force_login(dora)
    assert client.get(reverse("care_family:home")).url == family_url(ada)
    client.force_login(bob)
    assert client.get(reverse("care_family:home")).status_code == 404
