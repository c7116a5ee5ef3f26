"""`manage.py demo`: the demo organisation loads once, its sign-ins work, and --scale makes
generated settings. `make run` runs the command every time, so a second run must change nothing."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django_scopes import scopes_disabled

from tandem.accounts.models import User
from tandem.core.demo import DEMO_PASSWORD
from tandem.core.demo.sunflower import SIGN_INS
from tandem.core.models import (
    Child,
    ChildGuardian,
    CommunicationPreference,
    Consent,
    ConsentEvent,
    Guardian,
    Organisation,
    Setting,
    StaffMember,
)

COUNTED = (Organisation, Setting, StaffMember, Child, Guardian, ChildGuardian, CommunicationPreference, Consent)


def counts() -> dict[str, int]:
    with scopes_disabled():
        return {m.__name__: m.objects.count() for m in (*COUNTED, ConsentEvent, User)}


@pytest.fixture
def demo(db) -> None:
    call_command("demo", verbosity=0)


def test_it_loads_a_believable_nursery(demo) -> None:
    with scopes_disabled():
        sunflower = Setting.objects.get(slug="sunflower")
        children = Child.objects.filter(setting=sunflower)
        assert sunflower.organisation.settings.count() == 2
        assert 35 <= children.count() <= 45
        assert set(sunflower.rooms.values_list("name", flat=True)) == {"Babies", "Toddlers", "Pre-school"}
        assert not children.filter(key_person__isnull=True).exists()
        assert children.filter(eal=True).exists() and children.filter(eypp=True).exists()
        assert children.exclude(sen_status="none").exists()
        assert ChildGuardian.objects.filter(setting=sunflower).exclude(restrictions="").exists()
        assert not Guardian.objects.filter(setting=sunflower, preferences__isnull=True).exists()
        assert ConsentEvent.objects.filter(setting=sunflower, decision="withdrawn").count() == 1
        assert Consent.objects.filter(setting=sunflower, granted=False).exists()


def test_running_it_twice_changes_nothing(demo) -> None:
    before = counts()
    call_command("demo", verbosity=0)
    assert counts() == before


def test_each_sign_in_works_with_the_demo_password(demo) -> None:
    for email, _who in SIGN_INS:
        user = authenticate(username=email, password=DEMO_PASSWORD)
        assert user is not None and user.email == email, email
    assert authenticate(username=SIGN_INS[0][0], password="wrong-password") is None


def test_the_parent_signs_in_through_the_client_and_sees_two_children_in_two_rooms(demo, client) -> None:
    assert client.login(username="parent@demo.tandem.test", password=DEMO_PASSWORD)
    with scopes_disabled():
        children = Child.objects.filter(guardian_links__guardian__user__email="parent@demo.tandem.test")
        assert children.count() == 2
        assert len({c.room_id for c in children}) == 2
        assert {c.setting.slug for c in children} == {"sunflower"}
    response = client.get("/family/")
    assert response.status_code == 200
    assert b"Oliver" in response.content and b"Poppy" in response.content


def test_the_other_parent_has_one_child(demo) -> None:
    with scopes_disabled():
        assert Child.objects.filter(guardian_links__guardian__user__email="otherparent@demo.tandem.test").count() == 1


def test_the_key_person_has_several_key_children(demo) -> None:
    with scopes_disabled():
        assert Child.objects.filter(key_person__user__email="keyperson@demo.tandem.test").count() >= 5


def test_scale_makes_about_a_hundred_children_per_setting_and_runs_twice(db) -> None:
    call_command("demo", scale=2, verbosity=0)
    with scopes_disabled():
        scale = Child.objects.filter(setting__slug__startswith="scale-")
        assert 190 <= scale.count() <= 210
        assert Setting.objects.filter(slug__in=["scale-0001", "scale-0002"]).count() == 2
        guardians = Guardian.objects.filter(setting__slug__startswith="scale-")
        with_account = guardians.filter(user__isnull=False).count()
        assert 0.35 < with_account / guardians.count() < 0.75
    before = counts()
    call_command("demo", scale=2, verbosity=0)
    assert counts() == before
    manager = authenticate(username="manager@scale-0001.demo.tandem.test", password=DEMO_PASSWORD)
    assert manager is not None
