"""Survey pages: building, publishing, answering on the family side (and refusals shown), the
results with charts, CSV and PDF exports (small groups hidden in all three), and list pages
whose query count does not grow with rows."""

import csv
import io
import subprocess

import pytest
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from tandem.surveys import selectors, services
from tandem.surveys.models import Response, Survey
from tests.surveys.conftest import answers_for, make_family, make_survey

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)
    return client


def test_alice_builds_and_publishes_a_survey(client, alice, dora, oak_tree):
    _login(client, alice)
    r = client.post(
        reverse("surveys:create", args=["oak-tree"]),
        {
            "template_key": "",
            "title": "Trip to the farm",
            "audience": "families",
            "opens_on": oak_tree.today(),
            "closes_on": oak_tree.today(),
            "max_reminders": 1,
            "reminder_every_days": 3,
            "anonymous": "on",
        },
    )
    survey = Survey.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("surveys:detail", args=["oak-tree", survey.pk])
    url = reverse("surveys:question-add", args=["oak-tree", survey.pk])
    r = client.post(url, {"kind": "single", "text": "Did your child enjoy it?", "choices": "Yes\nNo", "required": "on"})
    assert r.status_code == 302
    r = client.post(url, {"kind": "single", "text": "Bad", "choices": "Only one"})
    assert r.status_code == 400 and "at least two choices" in r.content.decode()
    client.post(url, {"kind": "text", "text": "Anything else?"})
    second = survey.questions.get(text="Anything else?")
    client.post(reverse("surveys:question-move", args=["oak-tree", survey.pk, second.pk]), {"direction": "up"})
    assert [q.text for q in selectors.questions_of(survey)] == ["Anything else?", "Did your child enjoy it?"]
    client.post(reverse("surveys:publish", args=["oak-tree", survey.pk]))
    survey.refresh_from_db()
    assert not survey.is_draft
    page = client.get(reverse("surveys:detail", args=["oak-tree", survey.pk])).content.decode()
    assert "Add a question" not in page and "Results" in page


def test_closing_date_before_opening_is_refused(client, alice, oak_tree):
    import datetime as dt

    _login(client, alice)
    r = client.post(
        reverse("surveys:create", args=["oak-tree"]),
        {
            "title": "X",
            "audience": "families",
            "opens_on": oak_tree.today(),
            "closes_on": oak_tree.today() - dt.timedelta(days=1),
            "max_reminders": 1,
            "reminder_every_days": 3,
        },
    )
    assert r.status_code == 400 and "must close on or after" in r.content.decode()
    assert not Survey.objects.exists()


def test_dora_answers_with_fieldsets_and_a_second_answer_is_refused(client, survey, dora):
    _login(client, dora)
    page = client.get(reverse("surveys_family:answer", args=[survey.pk])).content.decode()
    assert page.count("<fieldset") == 6 and "<legend>" in page and "(Ada)" in page
    r = client.post(reverse("surveys_family:answer", args=[survey.pk]), answers_for(survey))
    assert r.status_code == 302 and Response.objects.count() == 1
    page = client.get(reverse("surveys_family:answer", args=[survey.pk])).content.decode()
    assert "already answered" in page and '<form method="post" novalidate>' not in page
    r = client.post(reverse("surveys_family:answer", args=[survey.pk]), answers_for(survey, scale=1))
    assert r.status_code == 400 and "already answered" in r.content.decode()
    assert Response.objects.count() == 1
    listing = client.get(reverse("surveys_family:index")).content.decode()
    assert "Your family has answered" in listing


def test_a_missing_required_answer_is_shown_and_nothing_saved(client, survey, dora):
    _login(client, dora)
    data = answers_for(survey)
    q = selectors.questions_of(survey)[0]
    del data[selectors.field_name(q, None)]
    r = client.post(reverse("surveys_family:answer", args=[survey.pk]), data)
    assert r.status_code == 400 and "This question needs an answer" in r.content.decode()
    assert not Response.objects.exists()


def test_an_answer_after_closing_is_refused_on_the_page(client, survey, dora):
    import datetime as dt

    Survey.objects.filter(pk=survey.pk).update(
        opens_on=survey.opens_on - dt.timedelta(days=20), closes_on=survey.opens_on - dt.timedelta(days=1)
    )
    _login(client, dora)
    page = client.get(reverse("surveys_family:answer", args=[survey.pk])).content.decode()
    assert "This survey closed on" in page
    r = client.post(reverse("surveys_family:answer", args=[survey.pk]), answers_for(survey))
    assert r.status_code == 400 and "closed on" in r.content.decode()
    assert not Response.objects.exists()


def test_questions_are_shown_in_polish_when_translated(client, survey, dora):
    from tandem.translations.models import TextTranslation

    q = selectors.questions_of(survey)[0]
    TextTranslation.objects.filter(source_id=str(q.pk), field="text", language="pl").update(
        text="Czuję się mile widziana.", status="human"
    )
    dora.language = "pl"
    dora.save()
    _login(client, dora)
    page = client.get(reverse("surveys_family:answer", args=[survey.pk])).content.decode()
    assert "Czuję się mile widziana." in page


def _with_groups(oak_tree, alice, babies, preschool):
    """3 EAL families answer (a group too small to show), 6 pre-school families answer."""
    guardians = [make_family(oak_tree, babies, name=f"Eal{i}", eal=True)[0] for i in range(3)]
    guardians += [make_family(oak_tree, preschool, name=f"Pre{i}")[0] for i in range(6)]
    survey = make_survey(oak_tree, alice)
    for g in guardians:
        services.response_submit(survey=survey, by=None, guardian=g, answers=answers_for(survey))
    return survey


def test_results_page_shows_charts_with_tables_and_hides_small_groups(client, alice, oak_tree, babies, preschool):
    survey = _with_groups(oak_tree, alice, babies, preschool)
    _login(client, alice)
    page = client.get(reverse("surveys:results", args=["oak-tree", survey.pk])).content.decode()
    questions = survey.questions.count()
    assert page.count("<svg") == questions - 1 + 1  # each non-text question, plus the response rate
    assert page.count('<details class="chart-data">') == page.count("<svg") - 1  # rates: the table below
    assert 'English as an additional language (EAL)</th><td>3</td><td colspan="2">fewer than 5' in page
    assert "Pre-school</th><td>6</td><td>6</td><td>100%" in page
    assert "More photos please" in page


def test_csv_export_hides_small_groups(client, alice, oak_tree, babies, preschool):
    survey = _with_groups(oak_tree, alice, babies, preschool)
    _login(client, alice)
    r = client.get(reverse("surveys:results-csv", args=["oak-tree", survey.pk]))
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    eal = [row for row in rows if row[1] == "English as an additional language (EAL)"]
    assert eal == [["Response rate", "English as an additional language (EAL)", "fewer than 5", "", ""]]
    assert ["Response rate", "Pre-school", "6 / 6", "6", "100"] in rows
    assert not any(row[1] == "Babies" and row[3] for row in rows)


def test_pdf_export_hides_small_groups_and_draws_the_charts(client, alice, oak_tree, babies, preschool, tmp_path):
    survey = _with_groups(oak_tree, alice, babies, preschool)
    _login(client, alice)
    r = client.get(reverse("surveys:results-pdf", args=["oak-tree", survey.pk]))
    assert r["Content-Type"] == "application/pdf"
    path = tmp_path / "results.pdf"
    path.write_bytes(r.content)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)
    assert "How we work together" in text and "fewer than 5" in text
    assert "Pre-school 6 6 100%" in text
    assert "English as an additional language (EAL) 3 fewer than 5" in text
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")], check=True
    )
    png = next(tmp_path.glob("page*.png"))
    image = Image.open(png).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000)
    teal = sum(n for n, (r_, g, b) in colours if abs(r_ - 0x2F) < 20 and abs(g - 0x6F) < 20 and abs(b - 0x73) < 20)
    assert teal > 200  # the response-rate bars are drawn, not a blank page
    assert len(colours) > 50


def test_results_over_time_page_has_a_line_chart(client, alice, oak_tree, babies, preschool):
    first = _with_groups(oak_tree, alice, babies, preschool)
    _login(client, alice)
    r = client.post(reverse("surveys:repeat", args=["oak-tree", first.pk]))
    second = Survey.objects.get(round=2)
    assert r["Location"] == reverse("surveys:detail", args=["oak-tree", second.pk])
    client.post(reverse("surveys:publish", args=["oak-tree", second.pk]))
    page = client.get(reverse("surveys:over-time", args=["oak-tree", second.pk])).content.decode()
    assert "<polyline" not in page  # round 2 has no answers yet: points only for round 1
    assert page.count('class="point"') >= 4 and "Round 2" in page


def test_staff_answer_the_practitioner_survey(client, oak_tree, alice, bob):
    survey = make_survey(oak_tree, alice, audience="staff", template="practitioner_confidence")
    _login(client, bob)
    assert survey.title in client.get(reverse("surveys:mine", args=["oak-tree"])).content.decode()
    r = client.post(reverse("surveys:respond", args=["oak-tree", survey.pk]), answers_for(survey))
    assert r.status_code == 302 and Response.objects.count() == 1
    assert "Answered, thank you" in client.get(reverse("surveys:mine", args=["oak-tree"])).content.decode()


@pytest.mark.parametrize("rows", [3, 30])
def test_the_staff_list_query_count_does_not_grow(client, alice, oak_tree, django_assert_max_num_queries, rows):
    for i in range(rows):
        make_survey(oak_tree, alice, template="", publish=False)
    _login(client, alice)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("surveys:index", args=["oak-tree"])).status_code == 200


@pytest.mark.parametrize("rows", [3, 30])
def test_the_family_list_query_count_does_not_grow(client, alice, dora, oak_tree, django_assert_max_num_queries, rows):
    for i in range(rows):
        make_survey(oak_tree, alice)
    _login(client, dora)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("surveys_family:index")).content.decode()
    assert page.count("How we work together") == rows


def test_a_named_survey_breaks_scale_answers_down_by_group_hiding_small_groups(
    client, alice, oak_tree, babies, preschool, tmp_path
):
    guardians = [make_family(oak_tree, babies, name=f"Eal{i}", eal=True)[0] for i in range(3)]
    guardians += [make_family(oak_tree, preschool, name=f"Pre{i}")[0] for i in range(5)]
    survey = make_survey(oak_tree, alice, anonymous=False)
    for i, g in enumerate(guardians):
        services.response_submit(
            survey=survey, by=None, guardian=g, answers=answers_for(survey, scale=2 if i < 3 else 5)
        )
    rows = {row.label: row for row in selectors.group_breakdown(survey, selectors.questions_of(survey))}
    eal = rows["English as an additional language (EAL)"]
    assert eal.respondents is None and eal.averages == [None, None, None, None]
    assert rows["Pre-school"].respondents == 5 and rows["Pre-school"].averages == [5.0, 5.0, 5.0, 5.0]
    _login(client, alice)
    page = client.get(reverse("surveys:results", args=["oak-tree", survey.pk])).content.decode()
    assert 'English as an additional language (EAL)</th><td colspan="5">fewer than 5' in page
    assert "2.0" not in page.split("Scale answers by room and group")[1].split("<h2>Answers")[0]
    r = client.get(reverse("surveys:results-csv", args=["oak-tree", survey.pk]))
    csv_rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    eal_rows = [row for row in csv_rows if row[0] == "Average by group" and row[2].startswith("English")]
    assert eal_rows and all(row[3] == "fewer than 5" and row[4] == "" for row in eal_rows)
    pdf = tmp_path / "named.pdf"
    pdf.write_bytes(client.get(reverse("surveys:results-pdf", args=["oak-tree", survey.pk])).content)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "English as an additional language (EAL) fewer than 5" in text
    assert "Pre-school 5 5.0 5.0 5.0 5.0" in text


def test_an_anonymous_survey_has_no_group_breakdown(oak_tree, alice, babies):
    survey = make_survey(oak_tree, alice)
    g, _kids = make_family(oak_tree, babies, name="One", eal=True)
    services.response_submit(survey=survey, by=None, guardian=g, answers=answers_for(survey))
    assert selectors.group_breakdown(survey, selectors.questions_of(survey)) == []


def test_the_hub_links_show_to_the_right_people(client, alice, bob, dora):
    _login(client, alice)
    page = client.get(reverse("staff:working-with-families", args=["oak-tree"])).content.decode()
    assert reverse("surveys:index", args=["oak-tree"]) in page and reverse("surveys:mine", args=["oak-tree"]) in page
    _login(client, bob)
    page = client.get(reverse("staff:working-with-families", args=["oak-tree"])).content.decode()
    index = f'href="{reverse("surveys:index", args=["oak-tree"])}"'
    assert index not in page and reverse("surveys:mine", args=["oak-tree"]) in page
    _login(client, dora)
    assert reverse("surveys_family:index") in client.get(reverse("family:home")).content.decode()


def test_results_in_arabic_are_right_to_left_with_mirrored_charts(client, alice, oak_tree, babies, preschool):
    survey = _with_groups(oak_tree, alice, babies, preschool)
    alice.language = "ar"
    alice.save()
    _login(client, alice)
    page = client.get(reverse("surveys:results", args=["oak-tree", survey.pk])).content.decode()
    assert 'dir="rtl"' in page
    # Mirrored: the bar of the first answer grows leftwards from the label on the right.
    assert 'class="bar" x="' in page and 'text-anchor="start" fill="#1f2a2e">' in page


@pytest.mark.parametrize("rows", [3, 30])
def test_the_staff_surveys_to_answer_query_count_does_not_grow(
    client, alice, bob, oak_tree, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        make_survey(oak_tree, alice, audience="staff", template="practitioner_confidence")
    _login(client, bob)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("surveys:mine", args=["oak-tree"])).content.decode()
    assert page.count("How we work together") == rows


def test_a_written_answer_in_polish_is_shown_with_its_translation(client, survey, dora, alice):
    from tandem.translations.models import TextTranslation

    dora.language = "pl"
    dora.save()
    _login(client, dora)
    client.post(reverse("surveys_family:answer", args=[survey.pk]), answers_for(survey, text="Więcej zdjęć"))
    request = TextTranslation.objects.get(source_type="surveys.answer", language="en")
    assert request.source_language == "pl"
    request.text, request.status = "More photos", "machine"
    request.save()
    _login(client, alice)
    page = client.get(reverse("surveys:results", args=["oak-tree", survey.pk])).content.decode()
    assert "Więcej zdjęć" in page and "translation: More photos" in page
