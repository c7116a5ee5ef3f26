"""Concerns pages as people use them: the family form, the staff list and case, the PDF."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from tandem.concerns import services
from tandem.concerns.models import Concern, ConcernStatus
from tandem.core.models import AuditEntry
from tandem.notify.models import NoticeRecipient
from tandem.translations.models import TextTranslation

pytestmark = pytest.mark.django_db
OAK = "/s/oak-tree/concerns"


def test_a_parent_raises_a_concern_and_sees_the_reference(client, dora, ada, dora_guardian):
    client.force_login(dora)
    page = client.get("/family/concerns/new/")
    assert page.status_code == 200
    assert b'name="about"' in page.content
    response = client.post(
        "/family/concerns/new/",
        {"kind": "complaint", "child": str(ada.pk), "about": "Nikt mi nie powiedział.", "desired_outcome": "Telefon"},
    )
    concern = Concern.objects.get()
    assert response.status_code == 302 and response.url == f"/family/concerns/{concern.pk}/"
    assert concern.raised_by == dora_guardian and concern.child == ada and concern.channel == "online"
    detail = client.get(response.url)
    assert concern.reference in detail.content.decode()
    assert "Nikt mi nie powiedział." in detail.content.decode()
    listing = client.get("/family/concerns/").content.decode()
    assert concern.reference in listing


def test_an_empty_complaint_gets_a_clear_message_and_nothing_is_saved(client, dora, ada):
    client.force_login(dora)
    response = client.post("/family/concerns/new/", {"kind": "complaint", "about": "  "})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Tell us what it is about. Nothing has been sent yet." in html
    assert not Concern.objects.exists()
    assert not NoticeRecipient.objects.exists()


def test_anonymous_feedback_through_the_page_stores_no_guardian(client, dora, dora_guardian, ada):
    client.force_login(dora)
    response = client.post(
        "/family/concerns/new/",
        {"kind": "feedback", "child": str(ada.pk), "about": "Great sports day", "anonymous": "on"},
    )
    assert response.status_code == 302 and response.url == "/family/concerns/"
    concern = Concern.objects.get()
    assert concern.raised_by_id is None and concern.child_id is None and concern.recorded_by_id is None
    assert not AuditEntry.objects.filter(actor=dora).exists()
    assert not AuditEntry.objects.filter(child=ada).exists()
    assert "sent anonymously" in client.get("/family/concerns/").content.decode()  # the one-off message
    assert concern.reference not in client.get("/family/concerns/").content.decode()


def test_ed_cannot_see_doras_concern(client, ed, raise_concern):
    concern = raise_concern()
    client.force_login(ed)
    assert client.get(f"/family/concerns/{concern.pk}/").status_code == 404
    assert client.post(f"/family/concerns/{concern.pk}/confirm/", {"happy": "yes"}).status_code == 404
    assert concern.reference not in client.get("/family/concerns/").content.decode()


def test_the_family_confirms_with_a_button(client, dora, alice, raise_concern):
    concern = raise_concern()
    services.concern_offer_informal(concern=concern, summary="The coat was in lost property.", by=alice)
    client.force_login(dora)
    page = client.get(f"/family/concerns/{concern.pk}/").content.decode()
    assert "The coat was in lost property." in page and 'name="happy"' in page
    client.post(f"/family/concerns/{concern.pk}/confirm/", {"happy": "yes"})
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.RESOLVED_INFORMALLY


def test_staff_have_no_button_to_confirm_for_the_family(client, alice, raise_concern):
    concern = raise_concern()
    services.concern_offer_informal(concern=concern, summary="Found.", by=alice)
    client.force_login(alice)
    page = client.get(f"{OAK}/{concern.pk}/").content.decode()
    assert "/confirm/" not in page
    assert "Only the family can confirm" in page


def test_the_family_reads_the_outcome_in_polish(client, dora, alice, raise_concern):
    dora.language = "pl"
    dora.save()
    concern = raise_concern()
    services.concern_record_outcome(concern=concern, outcome="We found the coat.", by=alice, language="en")
    TextTranslation.objects.filter(source_id=str(concern.pk), field="outcome").update(
        text="Znaleźliśmy kurtkę.", status="human"
    )
    client.force_login(dora)
    page = client.get(f"/family/concerns/{concern.pk}/").content.decode()
    assert "Znaleźliśmy kurtkę." in page
    assert "Znaleźliśmy kurtkę." in client.get("/family/concerns/").content.decode()


def test_staff_read_the_english_translation(client, alice, raise_concern):
    concern = raise_concern(about="Ada wróciła bez kurtki.")
    TextTranslation.objects.filter(source_id=str(concern.pk), field="about").update(
        text="Ada came home without her coat.", status="machine"
    )
    client.force_login(alice)
    page = client.get(f"{OAK}/{concern.pk}/").content.decode()
    assert "Ada came home without her coat." in page and "Ada wróciła bez kurtki." in page


def test_bob_may_not_open_the_staff_list(client, bob):
    client.force_login(bob)
    assert client.get(f"{OAK}/").status_code == 403


def test_the_manager_works_a_case_through(client, alice, alice_staff, raise_concern):
    concern = raise_concern(kind="complaint")
    client.force_login(alice)
    assert client.post(f"{OAK}/{concern.pk}/assign/", {"assigned_to": str(alice_staff.pk)}).status_code == 302
    assert client.post(f"{OAK}/{concern.pk}/step/", {"kind": "evidence", "text": "Checked the log"}).status_code == 302
    empty = client.post(f"{OAK}/{concern.pk}/outcome/", {"outcome": ""})
    assert empty.status_code == 400 and "Write the outcome" in empty.content.decode()
    assert client.post(f"{OAK}/{concern.pk}/outcome/", {"outcome": "Resolved."}).status_code == 302
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.OUTCOME_SENT and concern.assigned_to == alice_staff
    page = client.get(f"{OAK}/{concern.pk}/").content.decode()
    assert "Checked the log" in page and "Resolved." in page


def test_staff_record_a_complaint_received_by_phone(client, alice, ada, dora_guardian):
    client.force_login(alice)
    day = ada.setting.today() - dt.timedelta(days=2)
    response = client.post(
        f"{OAK}/record/",
        {
            "kind": "complaint",
            "channel": "phone",
            "received_on": day.isoformat(),
            "guardian": str(dora_guardian.pk),
            "child": str(ada.pk),
            "about": "Rang about nappies.",
        },
    )
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.received_on == day and concern.channel == "phone" and not concern.is_written
    assert concern.recorded_by == alice
    assert NoticeRecipient.objects.filter(notice__kind="concerns.acknowledged", guardian=dora_guardian).exists()


def test_the_list_shows_badges_and_sorts(client, alice, raise_concern):
    raise_concern(kind="complaint", about="a", days_ago=23)
    raise_concern(kind="complaint", about="b", days_ago=30)
    client.force_login(alice)
    html = client.get(f"{OAK}/?show=open&sort=reference").content.decode()
    assert "badge-warn" in html and "badge-danger" in html
    assert html.index("-0001") < html.index("-0002")
    html = client.get(f"{OAK}/?show=at_risk").content.decode()
    assert "-0001" in html and "-0002" not in html


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_list_queries_do_not_grow_with_rows(client, alice, dora, raise_concern):
    for i in range(3):
        raise_concern(kind="complaint", about=f"n{i}")
    client.force_login(alice)
    staff_few = _count(client, f"{OAK}/?show=all")
    client.force_login(dora)
    family_few = _count(client, "/family/concerns/")
    for i in range(27):
        raise_concern(kind="complaint", about=f"m{i}")
    client.force_login(alice)
    assert _count(client, f"{OAK}/?show=all") == staff_few
    client.force_login(dora)
    assert _count(client, "/family/concerns/") == family_few


def test_the_inspection_pdf_anonymises_third_parties(client, alice, ben, raise_concern):
    concern = raise_concern(kind="complaint", about="Ben Babbage bit Ada at lunch.")
    services.concern_update_record(
        concern=concern,
        by=alice,
        eyfs_related=True,
        eyfs_requirement="Safeguarding and welfare: supervision",
        nature="Ben Babbage bit Ada Lovelace at lunch; not told the same day.",
        ofsted_involved=False,
        ofsted_details="",
    )
    services.concern_record_outcome(concern=concern, outcome="Ben's key person now tells both families.", by=alice)
    client.force_login(alice)
    page = client.get(f"{OAK}/summary/").content.decode()
    assert concern.reference in page and "Ben" not in page.split("<main")[-1].split("</main>")[0]
    response = client.get(f"{OAK}/summary.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert concern.reference in text
    assert "Child A bit child B at lunch" in text
    assert "Safeguarding and welfare: supervision" in text
    assert "Ben" not in text and "Ada" not in text and "Lovelace" not in text
    assert "Days taken" in text


def test_the_summary_refuses_a_period_backwards(client, alice):
    client.force_login(alice)
    response = client.get(f"{OAK}/summary/", {"start": "2026-05-01", "end": "2026-04-01"})
    assert response.status_code == 400 and "The end must be on or after the start." in response.content.decode()


def test_the_case_page_queries_do_not_grow_with_the_timeline(client, alice, raise_concern):
    concern = raise_concern(kind="complaint")
    for i in range(3):
        services.concern_add_step(concern=concern, kind="note", text=f"n{i}", by=alice)
    client.force_login(alice)
    few = _count(client, f"{OAK}/{concern.pk}/")
    for i in range(27):
        services.concern_add_step(concern=concern, kind="note", text=f"m{i}", by=alice)
    assert _count(client, f"{OAK}/{concern.pk}/") == few
