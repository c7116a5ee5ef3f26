"""Policy pages: families read in their language and acknowledge; managers track and remind."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.policies import services
from tandem.policies.models import Policy, PolicyAcknowledgement, PolicyVersion
from tandem.translations.models import TextTranslation

pytestmark = pytest.mark.django_db
OAK = "/s/oak-tree/policies"


def test_dora_reads_the_code_of_conduct_in_polish_and_acknowledges_it(client, dora, code_of_conduct):
    dora.language = "pl"
    dora.save()
    version = services.current_version(code_of_conduct)
    TextTranslation.objects.filter(source_id=str(version.pk)).update(
        text="Prosimy nie publikować **zdjęć innych dzieci**.", status="human"
    )
    client.force_login(dora)
    page = client.get(f"/family/policies/{code_of_conduct.pk}/").content.decode()
    assert "<strong>zdjęć innych dzieci</strong>" in page
    refused = client.post(f"/family/policies/{code_of_conduct.pk}/acknowledge/", {})
    assert refused.status_code == 400
    assert not PolicyAcknowledgement.objects.exists()
    assert client.post(f"/family/policies/{code_of_conduct.pk}/acknowledge/", {"understood": "on"}).status_code == 302
    assert PolicyAcknowledgement.objects.get().guardian.user == dora


def test_an_english_reader_sees_the_original(client, ed, code_of_conduct):
    client.force_login(ed)
    page = client.get(f"/family/policies/{code_of_conduct.pk}/").content.decode()
    assert "<strong>photos of other children</strong>" in page
    assert "Please read and confirm" in client.get("/family/policies/").content.decode()


def test_the_manager_sees_who_has_not_and_reminds_them(client, alice, dora, dora_guardian, code_of_conduct):
    services.policy_acknowledge(version=services.current_version(code_of_conduct), by=dora, guardian=dora_guardian)
    client.force_login(alice)
    page = client.get(f"{OAK}/{code_of_conduct.pk}/acknowledgements/").content.decode()
    waiting = page.split('class="waiting"')[1].split("</ul>")[0]
    done = page.split('class="done"')[1].split("</ul>")[0]
    assert "Ed Babbage" in waiting and "Dora" not in waiting and "Dora Lovelace" in done
    assert "1 of 2" in page
    first = client.post(f"{OAK}/{code_of_conduct.pk}/remind/", follow=True).content.decode()
    assert "1 reminder sent." in first
    again = client.post(f"{OAK}/{code_of_conduct.pk}/remind/", follow=True).content.decode()
    assert "already been reminded" in again


def test_the_manager_writes_and_publishes_a_new_version(client, alice, oak_tree):
    client.force_login(alice)
    empty = client.post(
        f"{OAK}/new/", {"title": "Safeguarding", "kind": "other", "effective_from": "2026-01-05", "for_families": "on"}
    )
    assert empty.status_code == 400 and "Write the text of the policy, or attach it as a PDF." in empty.content.decode()
    assert not Policy.objects.exists()
    response = client.post(
        f"{OAK}/new/",
        {
            "title": "Safeguarding",
            "kind": "safeguarding",
            "for_families": "on",
            "for_staff": "on",
            "requires_acknowledgement": "on",
            "effective_from": "2026-01-05",
            "body_markdown": "We keep children safe.",
        },
    )
    policy = Policy.objects.get()
    assert response.status_code == 302
    response = client.post(
        f"{OAK}/{policy.pk}/publish/",
        {"change_summary": "New DSL", "effective_from": "2026-02-01", "body_markdown": "Our DSL is Alice."},
    )
    assert response.status_code == 302
    assert list(PolicyVersion.objects.filter(policy=policy).values_list("number", flat=True)) == [2, 1]
    page = client.get(f"{OAK}/{policy.pk}/").content.decode()
    assert "Our DSL is Alice." in page and "New DSL" in page


def test_bob_reads_and_acknowledges_a_staff_policy_but_cannot_write(client, alice, bob, oak_tree):
    policy = services.policy_create(
        setting=oak_tree,
        by=alice,
        title="Whistleblowing",
        body_markdown="Speak up.",
        effective_from=oak_tree.today(),
        for_families=False,
        for_staff=True,
        requires_acknowledgement=True,
    )
    family_only = services.policy_create(
        setting=oak_tree, by=alice, title="Admissions", body_markdown="Apply.", effective_from=oak_tree.today()
    )
    client.force_login(bob)
    index = client.get(f"{OAK}/").content.decode()
    assert "Whistleblowing" in index and "Admissions" not in index
    assert client.get(f"{OAK}/{family_only.pk}/").status_code == 404
    assert client.get(f"{OAK}/new/").status_code == 403
    assert client.post(f"{OAK}/{policy.pk}/acknowledge/", {"understood": "on"}).status_code == 302
    assert PolicyAcknowledgement.objects.get().staff.user == bob


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def _policies(alice, oak_tree, n):
    for i in range(n):
        services.policy_create(
            setting=oak_tree,
            by=alice,
            title=f"Policy {i:02d}",
            body_markdown="Text",
            effective_from=oak_tree.today(),
            for_staff=True,
            requires_acknowledgement=True,
        )


def test_list_queries_do_not_grow_with_rows(client, alice, dora, oak_tree):
    _policies(alice, oak_tree, 3)
    client.force_login(alice)
    staff_few = _count(client, f"{OAK}/")
    client.force_login(dora)
    family_few = _count(client, "/family/policies/")
    _policies(alice, oak_tree, 27)
    client.force_login(alice)
    assert _count(client, f"{OAK}/") == staff_few
    client.force_login(dora)
    assert _count(client, "/family/policies/") == family_few


def _pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string="<h1>Admissions policy</h1><p>We admit children from 3 months.</p>").write_pdf()


def test_a_policy_as_a_pdf_is_served_only_through_a_private_link(client, alice, dora, ed, oak_tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(alice)
    refused = client.post(
        f"{OAK}/new/",
        {
            "title": "Admissions",
            "kind": "admissions",
            "for_families": "on",
            "effective_from": "2026-01-05",
            "document": SimpleUploadedFile("a.pdf", b"not a pdf at all", content_type="application/pdf"),
        },
    )
    assert refused.status_code == 400 and "Choose a PDF file." in refused.content.decode()
    assert not Policy.objects.exists()
    response = client.post(
        f"{OAK}/new/",
        {
            "title": "Admissions",
            "kind": "admissions",
            "for_families": "on",
            "effective_from": "2026-01-05",
            "document": SimpleUploadedFile("admissions.pdf", _pdf(), content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    policy = Policy.objects.get()
    client.force_login(dora)
    page = client.get(f"/family/policies/{policy.pk}/").content.decode()
    link = page.split('href="/m/')[1].split('"')[0]
    pdf = client.get(f"/m/{link}")
    assert (
        pdf.status_code == 200 and b"".join(pdf.streaming_content if pdf.streaming else [pdf.content])[:5] == b"%PDF-"
    )
    client.force_login(ed)  # a link made for dora is no use to anyone else
    assert client.get(f"/m/{link}").status_code == 404


def test_the_tracking_page_queries_do_not_grow_with_families(client, alice, oak_tree, code_of_conduct):
    from tests import factories as f

    def families(n):
        for i in range(n):
            family = f.FamilyFactory(setting=oak_tree, name=f"F{i}")
            child = f.ChildFactory(room=f.RoomFactory(setting=oak_tree), family=family)
            f.ChildGuardianFactory(child=child, guardian=f.GuardianFactory(family=family))

    families(3)
    client.force_login(alice)
    url = f"{OAK}/{code_of_conduct.pk}/acknowledgements/"
    few = _count(client, url)
    families(27)
    assert _count(client, url) == few
