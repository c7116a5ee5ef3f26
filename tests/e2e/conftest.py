"""Browser helpers: sign in through the real login form, run axe-core under the real CSP, and
collect what the browser console says about the Content Security Policy."""

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils.translation import trans_real
from playwright.sync_api import ConsoleMessage, Error, Page, expect

PASSWORD = "correct horse battery"  # tests/factories.py UserFactory
AXE_PATH = Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js"

# Run every rule axe tags WCAG 2.0/2.1 level A and AA; report what would stop or badly hinder someone.
AXE_RUN = """async () => {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
}"""


@cache
def _axe_source() -> str:
    return AXE_PATH.read_text(encoding="utf-8")


def axe(page: Page) -> list[dict]:
    """Serious and critical WCAG 2 A/AA violations on the page as it is now.

    The script is evaluated over CDP, not injected as a <script> tag: CDP evaluation is not
    subject to the page's CSP, so the page keeps its real, strict policy (STACK-NOTES §7)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    return page.evaluate(AXE_RUN)


def sign_in(page: Page, login: str) -> None:
    """Sign in through allauth's form at /accounts/login/, as a person would."""
    page.goto("/accounts/login/")
    form = page.locator("form:has(input[name=login])")
    form.locator("input[name=login]").fill(login)
    form.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    expect(page.locator("form:has(input[name=login])")).to_have_count(0)


def switch_language(page: Page, code: str) -> None:
    """Choose a language with the footer form, which POSTs to accounts:language."""
    form = page.locator("form.language-form")
    form.locator("#language-select").select_option(code)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", code)


@dataclass
class Console:
    """Everything the browser reported while the test ran."""

    messages: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def record(self, message: ConsoleMessage) -> None:
        self.messages.append(f"{message.type}: {message.text}")

    def record_error(self, error: Error) -> None:
        self.page_errors.append(str(error))

    @property
    def csp_violations(self) -> list[str]:
        return [m for m in self.messages if "Content Security Policy" in m]


@pytest.fixture
def console(page: Page) -> Iterator[Console]:
    """Collect console messages and uncaught page errors. Every browser test gets this fixture
    (see _no_csp_violations), so a CSP violation on any page fails the run."""
    collected = Console()
    page.on("console", collected.record)
    page.on("pageerror", collected.record_error)
    yield collected


@pytest.fixture(autouse=True)
def _no_csp_violations(request: pytest.FixtureRequest) -> Iterator[None]:
    """A safety net for tests that do not check the console themselves."""
    if "page" not in request.fixturenames:
        yield
        return
    collected = request.getfixturevalue("console")
    yield
    assert not collected.csp_violations, collected.csp_violations
    assert not collected.page_errors, collected.page_errors


@pytest.fixture(scope="session", autouse=True)
def _compiled_messages() -> None:
    """Pages in Arabic should be in Arabic: compile the catalogues the way `make setup` does when
    a compiled one is missing or older than its source, then drop Django's cached catalogues."""
    locale = Path(settings.BASE_DIR) / "locale"
    stale = [
        po
        for po in locale.glob("*/LC_MESSAGES/django.po")
        if not po.with_suffix(".mo").exists() or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if not stale or not shutil.which("msgfmt"):
        return  # without gettext the pages still switch language and direction, in English words
    call_command("compilemessages", ignore_patterns=[".venv"], verbosity=0)
    trans_real._translations = {}  # what django.test.signals does when LOCALE_PATHS change
    trans_real._default = None
    for cached in ("check_for_language", "translation_catalog_exists"):
        clear = getattr(getattr(trans_real, cached, None), "cache_clear", None)
        if clear is not None:
            clear()


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    """Relative URLs in page.goto() go to pytest-django's live server."""
    return live_server.url
