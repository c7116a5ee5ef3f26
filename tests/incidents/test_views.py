"""The staff and family pages of accident and incident records: they work for the right
people, refuse the wrong setting, family and role, change nothing on bad input, keep their
query counts flat and print a PDF that says what the record says."""

import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from tandem.core.models import RecordVersion
from tandem.incidents import services
from tandem.incidents.models import Incident
from tests import factories as f
from tests.incidents.conftest import local

pytestmark = pytest.mark.django_db


def staff_url(name: str, *args) -> str:
    return reverse(f"incidents:{name}", args=["oak-tree", *args])


def assert_no_inline_code(html: str) -> None:
    """The strict CSP allows no inline script, style or event handler."""
    assert 'style="' not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert " onclick=" not in html


# --- recording --------------------------------------------------------------------------------------


@pytest.mark.url("incidents:record")
def test_a_practitioner_records_an_accident_with_a_tap_and_a_region(client, bob, ada, dora) -> None:
    client.force_login(bob)
    response = client.post(
        staff_url("record", ada.pk),
        {
            "kind": "accident",
            "occurred_at": local(timezone.now() - dt.timedelta(minutes=20)),
            "location": "Garden",
            "description": "Tripped over a scooter and grazed her knee.",
            "marks": '[{"view": "front", "x": 40.3, "y": 71.9, "note": "Graze"}]',
            "regions": ["back-head"],
            "first_aid": "Cleaned, plaster.",
            "witnesses": [bob.staff_memberships.get().pk],
        },
    )
    incident = Incident.objects.get()
    assert response.status_code == 302
    assert response.url == staff_url("detail", incident.pk)
    assert [m["view"] for m in incident.marks] == ["front", "back"]
    assert incident.marks[1]["note"] == "Back of the head"
    assert list(incident.witnesses.all()) == [bob.staff_memberships.get()]
    assert incident.recorded_by == bob


@pytest.mark.url("incidents:record")
def test_a_time_in_the_future_is_refused_with_a_clear_message(client, bob, ada) -> None:
    client.force_login(bob)
    response = client.post(
        staff_url("record", ada.pk),
        {
            "kind": "accident",
            "occurred_at": local(timezone.now() + dt.timedelta(hours=3)),
            "description": "",
            "marks": '[{"view": "front", "x": 40, "y": 150}]',
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "The time cannot be in the future." in html
    assert "Describe what happened." in html
    assert "Mark 1 is outside the body outline." in html
    assert not Incident.objects.exists()


@pytest.mark.url("incidents:record")
def test_the_record_page_has_an_accessible_body_map_and_no_inline_code(client, bob, ada) -> None:
    client.force_login(bob)
    response = client.get(staff_url("record", ada.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<title id="bodymap-') == 2  # front and back each have a title
    assert "data-bodymap-editable" in html and "incidents/bodymap.js" in html
    assert "Back of the head" in html  # the keyboard alternative: a list of body regions
    assert "Peanuts" in html  # allergies in view while recording
    assert_no_inline_code(html)


@pytest.mark.url("incidents:record")
def test_charlie_cannot_record_for_ada_from_his_own_setting(client, charlie, ada, elm_house) -> None:
    client.force_login(charlie)
    url = reverse("incidents:record", args=[elm_house.slug, ada.pk])
    response = client.post(url, {"kind": "accident", "occurred_at": local(timezone.now()), "description": "x"})
    assert response.status_code == 404
    assert not Incident.objects.exists()


@pytest.mark.url("incidents:existing-injury")
def test_staff_record_an_existing_injury_at_drop_off(client, bob, ada, dora) -> None:
    client.force_login(bob)
    guardian = dora.guardianships.get()
    response = client.post(
        staff_url("existing-injury", ada.pk),
        {
            "occurred_at": local(timezone.now() - dt.timedelta(minutes=5)),
            "description": "Bruise on the left shin; mum says she fell at the park.",
            "regions": ["front-left-leg"],
            "reported_by_guardian": guardian.pk,
        },
    )
    incident = Incident.objects.get()
    assert response.status_code == 302
    assert incident.kind == Incident.Kind.EXISTING_INJURY
    assert incident.reported_by_guardian == guardian


# --- reading, correcting, following up --------------------------------------------------------------


@pytest.mark.url("incidents:detail")
def test_the_detail_shows_the_numbered_marks_and_the_history(client, alice, ada_accident) -> None:
    services.incident_update(incident=ada_accident, by=alice, location="Bathroom by the sink")
    client.force_login(alice)
    html = client.get(staff_url("detail", ada_accident.pk)).content.decode()
    assert 'class="bodymap-mark"' in html and 'cx="41.0" cy="144.0"' in html
    assert "Bathroom by the sink" in html
    assert "Earlier versions" in html and "Ada slipped on the wet floor" in html
    assert_no_inline_code(html)


@pytest.mark.url("incidents:edit")
def test_bob_corrects_his_record_and_the_earlier_version_is_kept(client, bob, ada_accident) -> None:
    client.force_login(bob)
    form = client.get(staff_url("edit", ada_accident.pk)).content.decode()
    assert "&quot;view&quot;: &quot;front&quot;" in form  # the marks so far, for the body map
    response = client.post(
        staff_url("edit", ada_accident.pk),
        {
            "occurred_at": local(ada_accident.occurred_at),
            "location": "Bathroom",
            "description": "Ada slipped on the wet floor by the sink and bumped her right knee.",
            "marks": '[{"view": "front", "x": 41, "y": 72, "note": "Red mark"}]',
            "first_aid": "Cold compress for five minutes.",
        },
    )
    assert response.status_code == 302
    ada_accident.refresh_from_db()
    assert ada_accident.description.endswith("right knee.")
    assert RecordVersion.objects.get(object_id=str(ada_accident.pk)).data["description"].endswith("her knee.")


@pytest.mark.url("incidents:edit")
def test_adam_may_not_correct_someone_else_s_record(client, adam, ada_accident) -> None:
    client.force_login(adam)
    response = client.post(staff_url("edit", ada_accident.pk), {"description": "Changed"})
    assert response.status_code == 403
    ada_accident.refresh_from_db()
    assert ada_accident.description.startswith("Ada slipped")


@pytest.mark.url("incidents:informed")
def test_staff_record_that_they_told_the_family_in_person(client, bob, ada, oak_tree) -> None:
    incident = Incident.objects.create(
        setting=oak_tree, child=ada, occurred_at=timezone.now(), description="Bumped head", recorded_by=bob
    )
    client.force_login(bob)
    response = client.post(staff_url("informed", incident.pk), {"how": "in_person"})
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.guardian_informed_how == "in_person" and incident.status == Incident.Status.INFORMED


@pytest.mark.url("incidents:overview")
def test_the_follow_up_list_shows_unacknowledged_and_overdue_records(client, alice, ada, bob, ada_accident) -> None:
    overdue = services.incident_record(
        child=ada,
        by=bob,
        kind="incident",
        occurred_at=timezone.now() - dt.timedelta(days=20),
        description="Food poisoning after a trip.",
        notifiable=True,
        notifiable_reason="food_poisoning",
    )
    client.force_login(alice)
    html = client.get(staff_url("overview")).content.decode()
    deadline = timezone.localtime(overdue.notify_deadline).date()
    assert 'class="row-overdue"' in html
    assert "overdue since" in html
    assert str(deadline.year) in html
    assert html.count(f'href="{staff_url("detail", ada_accident.pk)}"') == 1  # unacknowledged, not notifiable
    assert html.count(f'href="{staff_url("detail", overdue.pk)}"') == 2  # in both lists


@pytest.mark.url("incidents:notified")
def test_a_manager_marks_ofsted_as_told_and_a_missing_date_is_refused(client, alice, notifiable_accident) -> None:
    client.force_login(alice)
    response = client.post(staff_url("notified", notifiable_accident.pk), {"notified_on": "", "reference": "OF-9"})
    assert response.status_code == 400
    assert "Give the date Ofsted was told." in response.content.decode()
    notifiable_accident.refresh_from_db()
    assert notifiable_accident.notified_on is None
    response = client.post(
        staff_url("notified", notifiable_accident.pk),
        {"notified_on": timezone.localdate().isoformat(), "reference": "OF-9"},
    )
    assert response.status_code == 302
    notifiable_accident.refresh_from_db()
    assert notifiable_accident.notified_reference == "OF-9"


# --- the PDF ------------------------------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.url("incidents:pdf")
def test_the_pdf_says_who_what_and_the_ofsted_deadline(client, bob, notifiable_accident) -> None:
    client.force_login(bob)
    response = client.get(staff_url("pdf", notifiable_accident.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    deadline = timezone.localtime(notifiable_accident.notify_deadline).date()
    assert "Ada Lovelace" in text
    assert "fell from the slide and broke her wrist" in text
    assert f"Deadline: {deadline.day}" in text and str(deadline.year) in text


@pytest.mark.url("incidents_family:pdf")
def test_the_family_prints_their_own_child_s_record(client, dora, ed, ada_accident) -> None:
    client.force_login(dora)
    response = client.get(reverse("incidents_family:pdf", args=[ada_accident.pk]))
    assert response.status_code == 200
    assert "bumped her knee" in " ".join(pdf_text(response.content).split())
    client.force_login(ed)
    assert client.get(reverse("incidents_family:pdf", args=[ada_accident.pk])).status_code == 404


# --- families -----------------------------------------------------------------------------------


@pytest.mark.url("incidents_family:child-incidents")
def test_a_guardian_sees_only_their_own_child_s_records(client, dora, ed, ada_accident, ben, bob) -> None:
    bens = services.incident_record(
        child=ben, by=bob, kind="accident", occurred_at=timezone.now(), description="Ben pinched a finger."
    )
    client.force_login(dora)
    html = client.get(reverse("incidents_family:child-incidents", args=[ada_accident.child_id])).content.decode()
    assert reverse("incidents_family:detail", args=[ada_accident.pk]) in html
    assert "pinched" not in html
    assert client.get(reverse("incidents_family:child-incidents", args=[ben.pk])).status_code == 404
    assert client.get(reverse("incidents_family:detail", args=[bens.pk])).status_code == 404
    client.force_login(ed)
    assert client.get(reverse("incidents_family:detail", args=[ada_accident.pk])).status_code == 404


@pytest.mark.url("incidents_family:detail")
@pytest.mark.url("incidents_family:acknowledge")
def test_dora_reads_and_signs_the_record_once(client, dora, ada_accident) -> None:
    client.force_login(dora)
    html = client.get(reverse("incidents_family:detail", args=[ada_accident.pk])).content.decode()
    assert "bumped her knee" in html and "Sign to say you have read this" in html
    assert_no_inline_code(html)
    url = reverse("incidents_family:acknowledge", args=[ada_accident.pk])
    response = client.post(url, {"signature": ""})
    assert response.status_code == 400
    assert "Type your full name to sign." in response.content.decode()
    assert client.post(url, {"signature": "Dora Lovelace"}).status_code == 302
    ada_accident.refresh_from_db()
    assert ada_accident.acknowledgement_signature == "Dora Lovelace"
    again = client.post(url, {"signature": "Someone else"})
    assert again.status_code == 400
    ada_accident.refresh_from_db()
    assert ada_accident.acknowledgement_signature == "Dora Lovelace"


@pytest.mark.url("incidents_family:acknowledge")
def test_ed_cannot_sign_ada_s_record(client, ed, ada_accident) -> None:
    client.force_login(ed)
    response = client.post(reverse("incidents_family:acknowledge", args=[ada_accident.pk]), {"signature": "Ed"})
    assert response.status_code == 404
    ada_accident.refresh_from_db()
    assert ada_accident.acknowledged_at is None


@pytest.mark.url("incidents_family:report-injury")
def test_dora_tells_the_staff_about_a_bruise_before_drop_off(client, dora, ada) -> None:
    client.force_login(dora)
    url = reverse("incidents_family:report-injury", args=[ada.pk])
    data = {
        "occurred_at": local(timezone.now() - dt.timedelta(hours=12)),
        "description": "Bruise on her arm from falling off the sofa.",
        "regions": ["front-left-arm"],
        "signature": "",
    }
    assert client.post(url, data).status_code == 400
    assert not Incident.objects.exists()
    response = client.post(url, {**data, "signature": "Dora Lovelace"})
    incident = Incident.objects.get()
    assert response.status_code == 302
    assert incident.kind == Incident.Kind.EXISTING_INJURY and incident.acknowledged_at is not None


# --- query counts -------------------------------------------------------------------------------


def make_incidents(child, by, n: int) -> None:
    with scopes_disabled():
        for i in range(n):
            Incident.objects.create(
                setting=child.setting,
                child=child,
                kind="accident",
                occurred_at=timezone.now() - dt.timedelta(days=i, hours=1),
                description=f"Bump {i}",
                recorded_by=by,
                notifiable=i % 3 == 0,
                notifiable_reason="serious_injury" if i % 3 == 0 else "",
            )


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("who", "name", "expected"),
    [
        # session, user, memberships; awaiting the family, awaiting Ofsted, recently notified
        ("alice", "overview", 6),
        # session, user, memberships; the child, guardian links, guardians, the audited read; the records
        ("bob", "child-incidents", 8),
        # as above, plus the guardian's settings for the scope
        ("dora", "family", 9),
    ],
)
def test_list_queries_do_not_grow_with_records(client, cast, who, name, expected) -> None:
    ada = cast["ada"]
    other_staff = f.UserFactory(first_name="Nia")
    f.StaffMemberFactory(setting=ada.setting, user=other_staff)
    client.force_login(cast[who])
    if name == "family":
        url = reverse("incidents_family:child-incidents", args=[ada.pk])
    elif name == "overview":
        url = staff_url("overview")
    else:
        url = staff_url("child-incidents", ada.pk)
    make_incidents(ada, cast["bob"], 3)
    client.get(url)  # warm the session and the user
    three = queries_for(client, url)
    make_incidents(ada, other_staff, 27)
    thirty = queries_for(client, url)
    assert three == thirty == expected, f"{name}: {three} queries with 3 records, {thirty} with 30"
