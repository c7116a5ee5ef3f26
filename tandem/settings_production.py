"""Production settings: the defaults with every hardening switched on.

Use with DJANGO_SETTINGS_MODULE=tandem.settings_production behind an HTTPS proxy.
`manage.py check --deploy` reports nothing under it (tested in tests/test_settings.py)."""

import os

os.environ.setdefault("TANDEM_SECURE_COOKIES", "yes")

from tandem.settings import *  # noqa: E402,F403

DEBUG = False
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("TANDEM_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
