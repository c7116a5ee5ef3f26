"""The CSV import: dates in two styles, every bad row reported with its line, all or nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from tandem.core import imports
from tandem.core.models import AuditEntry, Child, ChildGuardian, Family, Guardian

HEADER = (
    "child_first_name,child_last_name,date_of_birth,start_date,room,key_person_email,home_languages,eal,"
    "family_reference,guardian1_first_name,guardian1_last_name,guardian1_email,guardian1_relationship,"
    "guardian1_language,guardian2_first_name,guardian2_last_name,guardian2_email,guardian2_relationship\n"
)


def csv_text(*rows: str) -> str:
    return HEADER + "".join(r + "\n" for r in rows)


GOOD = [
    "Cara,Cole,14/05/2023,2025-09-01,Babies,bob@oak.test,Polish; English,yes,cole,Cath,Cole,cath@home.test,mother,pl,"
    "Carl,Cole,carl@home.test,father",
    "Cody,Cole,2021-02-03,,Pre-school,,,no,cole,Cath,Cole,cath@home.test,mother,pl,,,,",
    "Dan,Dee,2022-07-30,,,,,,,Dee,Dee,dee@home.test,Grandparent,Polish,,,,",
]


# --- the date parser ------------------------------------------------------------------------------


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_it_reads_a_date_written_in_iso_or_uk_style(day: dt.date) -> None:
    assert imports.parse_date(day.isoformat()) == day
    assert imports.parse_date(day.strftime("%d/%m/%Y")) == day
    assert imports.parse_date(f" {day.day}/{day.month}/{day.year} ") == day


@given(st.text(max_size=20))
def test_any_other_text_is_a_value_error_never_a_crash(text: str) -> None:
    try:
        result = imports.parse_date(text)
    except ValueError:
        return
    assert isinstance(result, dt.date)


@pytest.mark.parametrize("text", ["31/02/2023", "2023-13-01", "12-05-2023", "05/14/2023x", "14.05.2023", ""])
def test_it_rejects_impossible_or_unknown_dates(text: str) -> None:
    with pytest.raises(ValueError):
        imports.parse_date(text)


# --- preview --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_good_file_previews_without_writing_anything(oak_tree, babies, preschool, bob) -> None:
    preview = imports.import_preview(setting=oak_tree, text=csv_text(*GOOD))
    assert preview.ok, preview.errors
    assert len(preview.rows) == 3
    assert preview.families == 2
    assert preview.rows[0].room == babies
    assert preview.rows[0].home_languages == ["Polish", "English"]
    assert preview.rows[2].guardians[0].relationship == "grandparent"
    assert preview.rows[2].guardians[0].language == "pl"
    assert not Child.objects.filter(setting=oak_tree).exists()


@pytest.mark.django_db
def test_it_reports_every_bad_row_with_its_line_number(oak_tree, babies, dora) -> None:
    future = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    text = csv_text(
        "Ann,Ash,2023-01-01,,Attic,,,,,Al,Ash,al@home.test,mother,en,,,,",  # 2: unknown room
        f"Bea,Bell,{future},,,,,,,Bo,Bell,bo@home.test,mother,en,,,,",  # 3: born in the future
        "Cal,Cox,32/01/2023,,,,,,,Cy,Cox,cy@home.test,mother,en,,,,",  # 4: bad date
        "Dee,Dow,2023-01-01,,,,,,,Di,Dow,dora@home.test,mother,en,,,,",  # 5: e-mail already at the setting
        "Eve,Eck,2023-01-01,,,,,,,Ed,Eck,same@home.test,mother,en,,,,",  # 6: fine on its own
        "Fay,Fox,2023-01-01,,,,,,,Fi,Fox,same@home.test,mother,en,,,,",  # 7: same e-mail, other family
        "Gus,Gray,2023-01-01,,,,,,,Gi,Gray,gi@home.test,mother,klingon,,,,",  # 8: unknown language
        ",Hill,2023-01-01,,,,,,,Hi,Hill,hi@home.test,mother,en,,,,",  # 9: missing first name
        "Ivy,Ives,2023-01-01,,,,,maybe,,Io,Ives,io@home.test,aunt,en,,,,",  # 10: bad flag, relationship
    )
    preview = imports.import_preview(setting=oak_tree, text=text)
    assert not preview.ok
    lines = {e.line for e in preview.errors}
    assert lines == {2, 3, 4, 5, 7, 8, 9, 10}
    messages = {e.line: e.message for e in preview.errors}
    assert "Attic" in messages[2]
    assert "future" in messages[3]
    assert "32/01/2023" in messages[4]
    assert "already uses dora@home.test" in messages[5]
    assert "line 6" in messages[7]
    assert "klingon" in messages[8]
    assert "child_first_name" in messages[9]
    assert len([e for e in preview.errors if e.line == 10]) == 2


@pytest.mark.django_db
def test_a_file_without_the_required_columns_says_which_are_missing(oak_tree) -> None:
    preview = imports.import_preview(setting=oak_tree, text="first,last\nA,B\n")
    assert not preview.ok
    assert "child_first_name" in preview.errors[0].message


@pytest.mark.django_db
def test_an_empty_file_is_not_ok(oak_tree) -> None:
    preview = imports.import_preview(setting=oak_tree, text=HEADER)
    assert not preview.ok


# --- run ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_imports_children_families_and_guardians_through_the_services(
    oak_tree, babies, preschool, bob, alice
) -> None:
    result = imports.import_run(setting=oak_tree, by=alice, text=csv_text(*GOOD))
    assert (result.children, result.families, result.guardians) == (3, 2, 3)
    cara = Child.objects.get(first_name="Cara")
    assert cara.room == babies and cara.key_person.user == bob and cara.eal is True
    assert cara.family == Child.objects.get(first_name="Cody").family  # brothers and sisters share a family
    assert ChildGuardian.objects.filter(child=cara).count() == 2
    assert Guardian.objects.get(email="cath@home.test").preferences.language == "pl"
    assert AuditEntry.objects.filter(action="core.child.created").count() == 3
    assert AuditEntry.objects.get(action="core.import.completed").data == {"children": 3, "families": 2, "guardians": 3}


@pytest.mark.django_db
def test_one_bad_row_imports_nothing(oak_tree, babies, preschool, bob, alice) -> None:
    text = csv_text(*GOOD, "Zed,Zee,not-a-date,,,,,,,Zo,Zee,zo@home.test,mother,en,,,,")
    with pytest.raises(imports.ImportNotValid) as exc:
        imports.import_run(setting=oak_tree, by=alice, text=text)
    assert [e.line for e in exc.value.preview.errors] == [5]
    assert not Child.objects.filter(setting=oak_tree).exists()
    assert not Family.objects.filter(setting=oak_tree).exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_a_rule_only_the_services_know_rolls_the_whole_file_back(oak_tree, alice) -> None:
    long_name = "A" * 150  # longer than a child's first name may be
    text = csv_text(
        "Ann,Ash,2023-01-01,,,,,,,Al,Ash,al@home.test,mother,en,,,,",
        f"{long_name},Ash,2023-01-01,,,,,,,Bo,Ash,bo@home.test,mother,en,,,,",
    )
    with pytest.raises(imports.ImportNotValid) as exc:
        imports.import_run(setting=oak_tree, by=alice, text=text)
    assert exc.value.preview.errors[-1].line == 3
    assert not Child.objects.filter(setting=oak_tree).exists()


# --- the signed payload ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_payload_only_opens_for_the_same_person_and_setting(oak_tree, elm_house, alice, charlie) -> None:
    payload = imports.sign_payload(setting=oak_tree, user=alice, text="hello")
    assert imports.unsign_payload(setting=oak_tree, user=alice, payload=payload) == "hello"
    with pytest.raises(ValidationError):
        imports.unsign_payload(setting=elm_house, user=alice, payload=payload)
    with pytest.raises(ValidationError):
        imports.unsign_payload(setting=oak_tree, user=charlie, payload=payload)
    with pytest.raises(ValidationError):
        imports.unsign_payload(setting=oak_tree, user=alice, payload=payload[:-2] + "xx")


def test_the_template_has_every_column_and_a_valid_example() -> None:
    text = imports.template_csv()
    header, example = text.splitlines()[:2]
    assert header.split(",") == imports.COLUMN_NAMES
    assert "2023-05-14" in example
