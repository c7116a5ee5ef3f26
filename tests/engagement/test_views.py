"""Engagement pages and the evidence of partnership, as the people who use them."""

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from tests.engagement.conftest import home_moment


@pytest.mark.django_db
def test_the_key_person_is_told_which_families_to_catch_up_with(client, bob, ada, dora, ben) -> None:
    client.force_login(bob)
    body = client.get("/s/oak-tree/engagement/my-families/").content.decode()
    assert "Families to catch up with" in body
    assert "Lovelace" in body  # Ada's family: no contact yet
    assert "Babbage" not in body  # Ben is not bob's key child


@pytest.mark.django_db
def test_a_family_heard_from_lately_is_not_on_the_catch_up_list(client, bob, ada, dora) -> None:
    home_moment(child=ada, guardian=dora.guardianships.get(), days_ago=2)
    client.force_login(bob)
    response = client.get("/s/oak-tree/engagement/my-families/")
    assert response.context["quiet_rows"] == []
    assert "You have heard from every one of your key families lately." in response.content.decode()


@pytest.mark.django_db
def test_the_overview_shows_rooms_and_families(client, alice, ada, dora, ben, ed) -> None:
    home_moment(child=ada, guardian=dora.guardianships.get())
    client.force_login(alice)
    response = client.get("/s/oak-tree/engagement/")
    body = response.content.decode()
    assert response.status_code == 200
    rooms = {r.name: r for r in response.context["rooms"]}
    assert rooms["Babies"].families_in_contact == 1
    assert rooms["Pre-school"].families_in_contact == 0
    assert "Lovelace" in body and "Babbage" in body


@pytest.mark.django_db
def test_a_period_that_ends_before_it_starts_is_explained_and_the_default_is_used(client, alice, ada) -> None:
    client.force_login(alice)
    response = client.get("/s/oak-tree/engagement/", {"start": "2026-10-10", "end": "2026-09-01"})
    assert response.status_code == 200
    assert "The end of the period must be after its start." in response.content.decode()
    assert response.context["period"] == response.context["form"].default


@pytest.mark.django_db
def test_the_api_refuses_a_backwards_period_with_a_reason(client, alice, ada) -> None:
    client.force_login(alice)
    response = client.get("/api/v1/settings/oak-tree/engagement/overview", {"start": "2026-10-10", "end": "2026-09-01"})
    assert response.status_code == 422
    assert "The end of the period must be after its start." in response.content.decode()


@pytest.mark.django_db
def test_the_api_lists_my_key_families(client, bob, ada, dora) -> None:
    home_moment(child=ada, guardian=dora.guardianships.get(), days_ago=3)
    client.force_login(bob)
    rows = client.get("/api/v1/settings/oak-tree/engagement/my-families").json()
    assert [r["family_name"] for r in rows] == ["Lovelace"]
    assert rows[0]["counts"]["home_moments"] == 1
    assert rows[0]["days_since_contact"] == 3 and rows[0]["quiet"] is False


@pytest.mark.django_db
def test_the_evidence_pdf_can_be_read_back(client, alice, ada, dora, ben, ed, tmp_path) -> None:
    home_moment(child=ada, guardian=dora.guardianships.get())
    client.force_login(alice)
    response = client.get("/s/oak-tree/engagement/evidence.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Evidence of partnership with families" in text
    assert "How we communicate with each family" in text
    assert "Moments from home" in text
    assert "Ada" not in text  # figures only: no child is named
    if shutil.which("pdftoppm"):
        pdf = tmp_path / "evidence.pdf"
        pdf.write_bytes(response.content)
        subprocess.run(
            ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True
        )
        from PIL import Image

        (png,) = tmp_path.glob("page*.png")
        with Image.open(png) as im:
            extrema = im.convert("L").getextrema()
        assert extrema[0] < 100, "the first page is blank"


@pytest.mark.django_db
def test_printing_the_evidence_is_audited(client, alice, ada) -> None:
    from tandem.core.models import AuditEntry

    client.force_login(alice)
    client.get("/s/oak-tree/engagement/evidence.pdf")
    assert AuditEntry.objects.filter(action="engagement.evidence.printed").count() == 1
