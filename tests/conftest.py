"""The cast (STYLE.md): alice manages Oak Tree Nursery (and is its DSL); bob is a practitioner
there and Ada's key person; charlie manages Elm House, another organisation's setting; dora is
Ada's guardian; ed is the guardian of Ben, another child at Oak Tree; olive leads Oak Tree's
organisation; adam is Oak Tree's administrator."""

import datetime as dt
import os

import pytest
from django.utils import translation
from django_scopes import scopes_disabled

from tandem.core.models import StaffRole
from tests import factories as f

# Playwright's sync API runs an event loop in the test thread (STACK-NOTES §7).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(autouse=True)
def _private_media_per_test(settings, tmp_path):
    """Uploads and exports of each test land in its own temporary folder, not in var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media"), "base_url": "/nowhere/"},
        },
    }


@pytest.fixture(autouse=True)
def _default_language_for_each_test():
    """Each test starts in the default language, whatever an earlier test's request (a guardian
    reading Polish, say) left active in this thread: messages from services are translated, so
    a test must not depend on the order tests happen to run in."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_scope_in_setup():
    """Fixtures build data across settings: the test set-up is allowed to do so unscoped.
    Requests made by the test client open their own scope in SettingScopeMiddleware."""
    with scopes_disabled():
        yield


@pytest.fixture
def oak_tree(db):
    org = f.OrganisationFactory(name="Oak Tree Group", slug="oak-tree-group")
    return f.SettingFactory(organisation=org, name="Oak Tree Nursery", slug="oak-tree")


@pytest.fixture
def elm_house(db):
    return f.SettingFactory(name="Elm House", slug="elm-house")


@pytest.fixture
def babies(oak_tree):
    return f.RoomFactory(setting=oak_tree, name="Babies", age_from_months=0, age_to_months=24)


@pytest.fixture
def preschool(oak_tree):
    return f.RoomFactory(setting=oak_tree, name="Pre-school", age_from_months=36, age_to_months=60)


@pytest.fixture
def alice(oak_tree):
    user = f.UserFactory(username="alice", email="alice@oak.test", first_name="Alice", last_name="Ash")
    f.StaffMemberFactory(setting=oak_tree, user=user, roles=[StaffRole.MANAGER, StaffRole.DSL])
    return user


@pytest.fixture
def bob_staff(oak_tree, babies):
    user = f.UserFactory(username="bob", email="bob@oak.test", first_name="Bob", last_name="Birch")
    member = f.StaffMemberFactory(setting=oak_tree, user=user, roles=[StaffRole.PRACTITIONER])
    member.rooms.add(babies)
    return member


@pytest.fixture
def bob(bob_staff):
    return bob_staff.user


@pytest.fixture
def adam(oak_tree):
    user = f.UserFactory(username="adam", email="adam@oak.test", first_name="Adam", last_name="Alder")
    f.StaffMemberFactory(setting=oak_tree, user=user, roles=[StaffRole.ADMINISTRATOR])
    return user


@pytest.fixture
def charlie(elm_house):
    user = f.UserFactory(username="charlie", email="charlie@elm.test", first_name="Charlie", last_name="Cedar")
    f.StaffMemberFactory(setting=elm_house, user=user, roles=[StaffRole.MANAGER])
    return user


@pytest.fixture
def olive(oak_tree):
    user = f.UserFactory(username="olive", email="olive@group.test", first_name="Olive", last_name="Olm")
    f.OrganisationLeadFactory(organisation=oak_tree.organisation, user=user)
    return user


@pytest.fixture
def ada(oak_tree, babies, bob_staff):
    family = f.FamilyFactory(setting=oak_tree, name="Lovelace")
    return f.ChildFactory(
        room=babies,
        family=family,
        first_name="Ada",
        last_name="Lovelace",
        key_person=bob_staff,
        date_of_birth=dt.date(2024, 12, 10),
        allergies="Peanuts",
        medical_notes="Inhaler for wheeze",
    )


@pytest.fixture
def dora(ada):
    user = f.UserFactory(username="dora", email="dora@home.test", first_name="Dora", last_name="Lovelace")
    guardian = f.GuardianFactory(
        family=ada.family, first_name="Dora", last_name="Lovelace", user=user, email=user.email
    )
    f.ChildGuardianFactory(
        child=ada,
        guardian=guardian,
        relationship="mother",
        restrictions="Court order: father may not collect",
    )
    f.CommunicationPreferenceFactory(guardian=guardian, language="pl")
    return user


@pytest.fixture
def ben(oak_tree, preschool):
    family = f.FamilyFactory(setting=oak_tree, name="Babbage")
    return f.ChildFactory(
        room=preschool,
        family=family,
        first_name="Ben",
        last_name="Babbage",
        date_of_birth=dt.date(2022, 3, 1),
    )


@pytest.fixture
def ed(ben):
    user = f.UserFactory(username="ed", email="ed@home.test", first_name="Ed", last_name="Babbage")
    guardian = f.GuardianFactory(family=ben.family, first_name="Ed", last_name="Babbage", user=user, email=user.email)
    f.ChildGuardianFactory(child=ben, guardian=guardian, relationship="father")
    return user


@pytest.fixture
def elm_child(elm_house):
    room = f.RoomFactory(setting=elm_house, name="Elm Room")
    return f.ChildFactory(room=room, first_name="Eve", last_name="Elm")


@pytest.fixture
def cast(alice, bob, adam, charlie, olive, ada, dora, ben, ed, elm_child):
    """Everyone, for tests that walk the permission matrix."""
    return {
        "alice": alice,
        "bob": bob,
        "adam": adam,
        "charlie": charlie,
        "olive": olive,
        "ada": ada,
        "dora": dora,
        "ben": ben,
        "ed": ed,
        "elm_child": elm_child,
    }
