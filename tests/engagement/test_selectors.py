"""The engagement figures: counted per family and per source, for a period, in the setting only."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.core.models import Family
from tandem.engagement import selectors
from tandem.engagement.selectors import Period
from tests import factories as f
from tests.engagement.conftest import family_with_child, home_moment


def _period(setting, days=30):
    today = setting.today()
    return Period(start=today - dt.timedelta(days=days - 1), end=today)


@pytest.mark.django_db
def test_contacts_are_counted_per_family_within_the_period(oak_tree, ada, dora_guardian, ben, ed) -> None:
    home_moment(child=ada, guardian=dora_guardian, days_ago=1)
    home_moment(child=ada, guardian=dora_guardian, days_ago=5)
    home_moment(child=ada, guardian=dora_guardian, days_ago=60)  # before the period

    rows = selectors.engagement_for_families(
        setting=oak_tree, families=Family.objects.filter(setting=oak_tree), period=_period(oak_tree)
    )
    by_name = {r.family.name: r for r in rows}

    assert by_name["Lovelace"].counts["home_moments"] == 2
    assert by_name["Lovelace"].days_since_contact == 1
    assert not by_name["Lovelace"].quiet
    assert by_name["Babbage"].total == 0
    assert by_name["Babbage"].quiet and by_name["Babbage"].last_contact is None


@pytest.mark.django_db
def test_a_family_is_quiet_after_the_chosen_number_of_days(oak_tree, ada, dora_guardian) -> None:
    home_moment(child=ada, guardian=dora_guardian, days_ago=25)
    families = Family.objects.filter(setting=oak_tree)

    (row,) = selectors.engagement_for_families(
        setting=oak_tree, families=families, period=_period(oak_tree), quiet_days=21
    )
    assert row.quiet and row.days_since_contact == 25
    (row,) = selectors.engagement_for_families(
        setting=oak_tree, families=families, period=_period(oak_tree), quiet_days=30
    )
    assert not row.quiet


@pytest.mark.django_db
def test_another_settings_contacts_never_count(oak_tree, elm_house, ada, dora_guardian) -> None:
    elm_room = f.RoomFactory(setting=elm_house)
    _family, elm_child, elm_guardian = family_with_child(elm_house, elm_room, name="Elm")
    home_moment(child=elm_child, guardian=elm_guardian)

    rows = selectors.engagement_for_families(
        setting=oak_tree, families=Family.objects.filter(setting=oak_tree), period=_period(oak_tree)
    )
    assert {r.family.name for r in rows} == {"Lovelace"}
    assert rows[0].total == 0


@pytest.mark.django_db
def test_the_key_person_sees_only_their_key_families_quiet_ones_first(oak_tree, babies, bob, bob_staff, ada, ben):
    _fam, quiet_child, _g = family_with_child(oak_tree, babies, name="Quiet", key_person=bob_staff)
    _fam2, busy_child, busy_guardian = family_with_child(oak_tree, babies, name="Busy", key_person=bob_staff)
    home_moment(child=busy_child, guardian=busy_guardian, days_ago=2)

    rows = selectors.key_person_engagement(user=bob, setting=oak_tree, period=_period(oak_tree))

    names = [r.family.name for r in rows]
    assert set(names) == {"Lovelace", "Quiet", "Busy"}  # not Babbage: Ben is not bob's key child
    assert names[-1] == "Busy"


@pytest.mark.django_db
def test_rooms_count_families_and_contacts(oak_tree, babies, preschool, ada, dora_guardian, ben) -> None:
    home_moment(child=ada, guardian=dora_guardian)
    rows = selectors.engagement_for_families(
        setting=oak_tree, families=Family.objects.filter(setting=oak_tree), period=_period(oak_tree)
    )
    rooms = {r.name: r for r in selectors.rooms_from(rows)}
    assert rooms["Babies"].families == 1 and rooms["Babies"].families_in_contact == 1
    assert rooms["Babies"].percent_in_contact == 100
    assert rooms["Pre-school"].families == 1 and rooms["Pre-school"].families_in_contact == 0


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_families(oak_tree, babies) -> None:
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            selectors.engagement_for_families(
                setting=oak_tree, families=Family.objects.filter(setting=oak_tree), period=_period(oak_tree)
            )
        return len(ctx.captured_queries)

    for i in range(3):
        _f, child, guardian = family_with_child(oak_tree, babies, name=f"Small{i}")
        home_moment(child=child, guardian=guardian)
    small = count_queries()
    for i in range(27):
        _f, child, guardian = family_with_child(oak_tree, babies, name=f"Large{i}")
        home_moment(child=child, guardian=guardian)
    assert count_queries() == small
