"""The permission layer's two questions, asked of the whole cast."""

import pytest
from django.http import Http404
from django_scopes import ScopeError, scope

from tandem.access import rules
from tandem.core.models import Child

pytestmark = pytest.mark.django_db


def test_a_manager_sees_every_child_of_her_setting_only(cast) -> None:
    visible = set(rules.children_visible_to(cast["alice"]))
    assert visible == {cast["ada"], cast["ben"]}


def test_a_guardian_sees_only_her_own_child(cast) -> None:
    assert list(rules.children_visible_to(cast["dora"])) == [cast["ada"]]
    assert list(rules.children_visible_to(cast["ed"])) == [cast["ben"]]


def test_an_organisation_lead_sees_no_child(cast) -> None:
    assert list(rules.children_visible_to(cast["olive"])) == []


def test_a_manager_of_another_setting_gets_404_for_ada(cast) -> None:
    with pytest.raises(Http404):
        rules.child_for_user(cast["charlie"], child_id=cast["ada"].pk)


def test_a_guardian_of_another_child_gets_404_for_ada(cast) -> None:
    with pytest.raises(Http404):
        rules.child_for_user(cast["ed"], child_id=cast["ada"].pk)


def test_medical_notes_are_for_the_key_person_and_leaders_not_every_practitioner(cast, oak_tree) -> None:
    from tandem.core.models import StaffRole
    from tests.factories import StaffMemberFactory

    carol = StaffMemberFactory(setting=oak_tree, roles=[StaffRole.PRACTITIONER]).user
    _, key_perms = rules.child_for_user(cast["bob"], child_id=cast["ada"].pk)
    _, other_perms = rules.child_for_user(carol, child_id=cast["ada"].pk)
    _, manager_perms = rules.child_for_user(cast["alice"], child_id=cast["ada"].pk)
    assert key_perms.can_read_medical and key_perms.is_key_person
    assert not other_perms.can_read_medical
    assert manager_perms.can_read_medical and manager_perms.can_read_restrictions
    assert not key_perms.can_read_restrictions


def test_reading_a_childs_record_is_audited(cast) -> None:
    from tandem.core.models import AuditEntry

    rules.child_for_user(cast["bob"], child_id=cast["ada"].pk)
    entry = AuditEntry.objects.get(action="core.child.viewed")
    assert entry.actor == cast["bob"] and entry.child == cast["ada"]


def test_a_query_without_a_scope_raises_instead_of_leaking(cast) -> None:
    # scope() with no setting re-enables scoping inside the test set-up's scopes_disabled().
    with scope(), pytest.raises(ScopeError):
        list(Child.objects.all())
    with scope(setting=[cast["elm_child"].setting_id]):
        assert list(Child.objects.all()) == [cast["elm_child"]]


def test_a_practitioner_whose_own_child_attends_is_also_that_childs_guardian(cast, oak_tree) -> None:
    from tests.factories import ChildGuardianFactory, GuardianFactory

    bob, ben = cast["bob"], cast["ben"]
    guardian = GuardianFactory(family=ben.family, user=bob)
    ChildGuardianFactory(child=ben, guardian=guardian)
    _, perms = rules.child_for_user(bob, child_id=ben.pk)
    assert perms.is_guardian and perms.can_view and perms.can_change_consents
    assert not perms.can_read_restrictions


def test_a_safeguarding_lead_alone_still_reaches_the_manage_pages_for_the_audit_log() -> None:
    from tandem.access.permissions import StaffPermissions

    assert StaffPermissions.for_roles(["dsl"]).can_manage_anything
    assert not StaffPermissions.for_roles(["practitioner"]).can_manage_anything


def test_leaders_oversee_care_records_and_only_owners_and_managers_erase_old_records() -> None:
    from tandem.access.permissions import StaffPermissions

    for role in ("owner", "manager", "dsl"):
        assert StaffPermissions.for_roles([role]).can_oversee_care
    for role in ("practitioner", "administrator", "senco"):
        assert not StaffPermissions.for_roles([role]).can_oversee_care
    assert StaffPermissions.for_roles(["manager"]).can_confirm_retention
    assert not StaffPermissions.for_roles(["dsl"]).can_confirm_retention


@pytest.mark.django_db
def test_progress_is_followed_by_the_key_person_and_overseers_only(oak_tree, alice, bob, adam, ada, ben) -> None:
    from tandem.access.rules import child_permissions, children_progress_followed_by

    assert child_permissions(bob, ada).can_follow_progress  # Ada's key person
    assert not child_permissions(bob, ben).can_follow_progress  # he can see Ben, but is not his key person
    assert not child_permissions(adam, ada).can_follow_progress  # administrator
    assert child_permissions(alice, ben).can_follow_progress  # manager: oversees progress
    assert set(children_progress_followed_by(bob, setting=oak_tree)) == {ada}
    assert set(children_progress_followed_by(alice, setting=oak_tree)) == {ada, ben}
    assert not children_progress_followed_by(adam, setting=oak_tree).exists()
