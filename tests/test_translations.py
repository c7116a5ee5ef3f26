"""Every catalogue is complete and well formed, and pages really switch language and direction."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
OTHER_LANGUAGES = [code for code, _ in settings.LANGUAGES if code != "en"]


@pytest.mark.skipif(not shutil.which("msgattrib"), reason="gettext tools are installed by make setup")
@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_the_catalogue_has_no_untranslated_or_fuzzy_message(code: str) -> None:
    po = LOCALE / code / "LC_MESSAGES" / "django.po"
    assert po.exists(), f"no catalogue for {code}"
    untranslated = subprocess.run(  # noqa: S603
        ["msgattrib", "--untranslated", "--no-obsolete", str(po)], capture_output=True, text=True, check=True
    ).stdout
    fuzzy = subprocess.run(  # noqa: S603
        ["msgattrib", "--only-fuzzy", "--no-obsolete", str(po)], capture_output=True, text=True, check=True
    ).stdout
    assert untranslated.count("msgid ") <= 1, f"{code}: untranslated messages:\n{untranslated[:2000]}"
    assert fuzzy.count("msgid ") == 0, f"{code}: fuzzy messages:\n{fuzzy[:2000]}"


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext tools are installed by make setup")
@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_the_catalogue_keeps_every_placeholder(code: str) -> None:
    po = LOCALE / code / "LC_MESSAGES" / "django.po"
    result = subprocess.run(  # noqa: S603
        ["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "direction"), [("ar", "rtl"), ("ur", "rtl"), ("pl", "ltr"), ("bn", "ltr")])
def test_a_page_is_served_in_the_persons_language_and_direction(client, dora, code, direction) -> None:
    dora.language = code
    dora.save()
    client.force_login(dora)
    body = client.get("/family/").content.decode()
    assert f'<html lang="{code}" dir="{direction}">' in body
    from django.utils import translation

    with translation.override(code):
        expected = translation.gettext("My family")
    assert expected != "My family", f"'My family' is not translated into {code}"
    assert expected in body


def test_english_dates_are_british() -> None:
    import datetime as dt

    from django.utils import formats, translation

    with translation.override("en"):
        assert formats.date_format(dt.date(2026, 11, 23), "SHORT_DATE_FORMAT") == "23/11/2026"
        assert formats.date_format(dt.date(2026, 11, 23)) == "23 Nov 2026"
