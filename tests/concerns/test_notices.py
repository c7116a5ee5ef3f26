"""Every notice concerns and policies send renders, in English and in Polish, with its words;
and the hub shows the links to the right people."""

import pytest

from tandem.concerns import services
from tandem.notify.models import Notice
from tandem.notify.rendering import render_notice
from tandem.policies import services as policy_services

pytestmark = pytest.mark.django_db


def test_every_notice_renders(raise_concern, alice, alice_staff, dora, dora_guardian, oak_tree):
    concern = raise_concern(kind="complaint")
    services.concern_assign(concern=concern, staff=alice_staff, by=alice)
    services.concern_offer_informal(concern=concern, summary="Sorted", by=alice)
    services.concern_family_respond(concern=concern, guardian=dora_guardian, by=dora, happy=False)
    services.concern_record_outcome(concern=concern, outcome="Done", by=alice)
    policy = policy_services.policy_create(
        setting=oak_tree,
        by=alice,
        title="Code of conduct",
        body_markdown="Be kind",
        effective_from=oak_tree.today(),
        for_staff=True,
        requires_acknowledgement=True,
    )
    policy_services.policy_send_reminders(version=policy_services.current_version(policy), by=alice)
    kinds = set()
    for notice in Notice.objects.all():
        kinds.add(notice.kind)
        for language in ("en", "pl"):
            rendered = render_notice(notice, language=language, recipient_name="Dora")
            assert rendered.subject and rendered.text
            assert "{%" not in rendered.text and "{{" not in rendered.subject
    assert kinds == {
        "concerns.acknowledged",
        "concerns.received",
        "concerns.assigned",
        "concerns.informal",
        "concerns.family_responded",
        "concerns.outcome",
        "policies.published",
        "policies.reminder",
    }
    acknowledged = Notice.objects.get(kind="concerns.acknowledged")
    assert concern.reference in render_notice(acknowledged, language="en").subject


def test_the_hub_links(client, alice, bob, dora):
    client.force_login(alice)
    page = client.get("/s/oak-tree/working-with-families/").content.decode()
    assert "/s/oak-tree/concerns/" in page and "/s/oak-tree/policies/" in page
    client.force_login(bob)
    page = client.get("/s/oak-tree/working-with-families/").content.decode()
    assert "/s/oak-tree/concerns/" not in page and "/s/oak-tree/policies/" in page
    client.force_login(dora)
    page = client.get("/family/").content.decode()
    assert "/family/concerns/" in page and "/family/policies/" in page
