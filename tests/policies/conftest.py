"""Policies fixtures: the code of conduct, for families, needing acknowledgement."""

import pytest

from tandem.core.models import StaffMember
from tandem.policies import services


@pytest.fixture
def dora_guardian(dora):
    return dora.guardianships.get()


@pytest.fixture
def ed_guardian(ed):
    return ed.guardianships.get()


@pytest.fixture
def bob_member(bob):
    return StaffMember.objects.get(user=bob)


@pytest.fixture
def code_of_conduct(alice, oak_tree, dora, ed):
    return services.policy_create(
        setting=oak_tree,
        by=alice,
        kind="code_of_conduct",
        title="Code of conduct for families",
        body_markdown="Please do not post **photos of other children** on social media.",
        effective_from=oak_tree.today(),
        for_families=True,
        requires_acknowledgement=True,
    )


from tests.e2e.conftest import _no_csp_violations, base_url, console  # noqa: E402, F401
