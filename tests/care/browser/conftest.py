"""The browser fixtures of tests/e2e (sign in, console and CSP watch, the live server)."""

from tests.e2e.conftest import _compiled_messages, _no_csp_violations, base_url, console  # noqa: F401
