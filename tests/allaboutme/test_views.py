"""All About Me pages: families see and update only their own child's; the key person sees the
current one on the profile with allergies highlighted; the printable form is a real PDF in the
family's language; lists do not grow in queries with children."""

import shutil
import subprocess
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tandem.allaboutme.models import AllAboutMeDraft, AllAboutMeVersion
from tandem.core.models import StaffMember, StaffRole
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.url("allaboutme_family:edit")
def test_a_parent_saves_a_draft_comes_back_and_then_shares_it(client, dora, ada) -> None:
    client.force_login(dora)
    url = reverse("allaboutme_family:edit", args=[ada.pk])
    response = client.post(url, {"likes": "Puddles", "action": "draft"})
    assert response.status_code == 302
    assert not AllAboutMeVersion.objects.exists()
    page = client.get(url).content.decode()
    assert "Puddles" in page  # the draft comes back
    response = client.post(url, {"likes": "Puddles", "allergies": "Kiwi", "action": "save"})
    assert response.status_code == 302
    version = AllAboutMeVersion.objects.get()
    assert version.how == "online" and version.allergies == "Kiwi"
    assert not AllAboutMeDraft.objects.exists()


@pytest.mark.url("allaboutme_family:edit")
def test_an_empty_form_shows_a_message_and_saves_nothing(client, dora, ada) -> None:
    client.force_login(dora)
    response = client.post(reverse("allaboutme_family:edit", args=[ada.pk]), {"action": "save"})
    assert response.status_code == 400
    assert "Write something in at least one box" in response.content.decode()
    assert not AllAboutMeVersion.objects.exists()


@pytest.mark.url("allaboutme_family:child")
def test_ed_cannot_see_or_change_adas(client, ed, ada, ada_about) -> None:
    client.force_login(ed)
    assert client.get(reverse("allaboutme_family:child", args=[ada.pk])).status_code == 404
    response = client.post(reverse("allaboutme_family:edit", args=[ada.pk]), {"likes": "x", "action": "save"})
    assert response.status_code == 404
    assert AllAboutMeVersion.objects.filter(child=ada).count() == 1


@pytest.mark.url("allaboutme:child")
def test_a_member_of_staff_who_cannot_see_the_child_gets_404(client, oak_tree, ada, ada_about) -> None:
    translator = f.UserFactory(username="tess")
    f.StaffMemberFactory(setting=oak_tree, user=translator, roles=[StaffRole.TRANSLATOR])
    client.force_login(translator)
    assert client.get(reverse("allaboutme:child", args=["oak-tree", ada.pk])).status_code == 404
    assert client.get(reverse("allaboutme:child-pdf", args=["oak-tree", ada.pk])).status_code == 404


def test_the_key_person_sees_it_on_the_profile_with_allergies_highlighted(client, bob, ada, ada_about) -> None:
    client.force_login(bob)
    page = client.get(reverse("staff:child-detail", args=["oak-tree", ada.pk])).content.decode()
    assert "All About Me" in page and "Blue bunny" in page
    assert 'class="allergy-alert' in page and "Peanuts (hives)" in page
    assert "The child's record says: Peanuts." in page  # the family told us more than the record holds


def test_the_family_profile_invites_them_to_fill_it_in(client, dora, ada) -> None:
    client.force_login(dora)
    page = client.get(reverse("family:child-detail", args=[ada.pk])).content.decode()
    assert "Fill in All About Me" in page


@pytest.mark.url("allaboutme:child-edit")
def test_staff_enter_a_home_visit_and_the_history_says_who_and_how(client, bob, ada, ada_about) -> None:
    client.force_login(bob)
    form_page = client.get(reverse("allaboutme:child-edit", args=["oak-tree", ada.pk])).content.decode()
    assert reverse("staff:working-with-families", args=["oak-tree"]) in form_page  # the staff menu, not a family's
    assert "Ducks and bubbles" in form_page  # starts from the current version
    response = client.post(
        reverse("allaboutme:child-edit", args=["oak-tree", ada.pk]),
        {"likes": "Ducks and drums", "how": "home_visit", "guardian": "", "action": "save"},
    )
    assert response.status_code == 302
    page = client.get(reverse("allaboutme:child", args=["oak-tree", ada.pk])).content.decode()
    assert "Completed together at a home visit" in page and "Filled in online by the family" in page
    old = client.get(reverse("allaboutme:child-version", args=["oak-tree", ada.pk, 1])).content.decode()
    assert "Ducks and bubbles" in old


@pytest.mark.url("allaboutme_family:pdf")
def test_the_printable_form_is_in_the_familys_language_with_lines(client, dora, ada, tmp_path) -> None:
    client.force_login(dora)
    response = client.get(reverse("allaboutme_family:pdf", args=[ada.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Ada" in text
    assert reader.trailer["/Root"]["/Lang"] == "pl"  # dora reads Polish: the form is rendered in it
    english = client.get(reverse("allaboutme_family:pdf", args=[ada.pk]), {"language": "en"})
    english_text = "".join(p.extract_text() for p in PdfReader(BytesIO(english.content)).pages)
    assert "What comforts me" in english_text
    assert shutil.which("pdftoppm"), "poppler-utils is part of make setup"
    pdf = tmp_path / "form.pdf"
    pdf.write_bytes(english.content)
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-singlefile", str(pdf), str(tmp_path / "page")], check=True)
    from PIL import Image

    with Image.open(tmp_path / "page.png") as image:
        grey = image.convert("L")
        dark = sum(grey.histogram()[:200])
    assert dark > 500  # text and writing lines, not a blank page


@pytest.mark.url("allaboutme:index")
def test_the_list_does_not_grow_in_queries_with_children(
    client, alice, oak_tree, babies, django_assert_max_num_queries
) -> None:
    from tandem.allaboutme import services

    def make(n: int) -> None:
        for i in range(n):
            child = f.ChildFactory(room=babies, first_name=f"Kid{i}")
            if i % 2:
                services.all_about_me_save(child=child, by=alice, how="paper", answers={"likes": "Sand"})

    client.force_login(alice)
    url = reverse("allaboutme:index", args=["oak-tree"])
    make(3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    make(27)
    with django_assert_max_num_queries(len(few)):
        page = client.get(url).content.decode()
    assert page.count("badge-ok") == 14
    assert StaffMember.objects.filter(user=alice).exists()
