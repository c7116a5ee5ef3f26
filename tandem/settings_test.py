"""Settings for the test suite: the real settings with fast hashing, tasks run inline (the
worker itself is tested separately against the database backend) and mail kept in memory."""

import os

os.environ.setdefault("TANDEM_SECRET_KEY", "test-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("TANDEM_SECURE_COOKIES", "no")
os.environ.setdefault("TANDEM_MANIFEST_STATIC", "no")

from tandem.settings import *  # noqa: E402,F403
from tandem.settings import DATABASES, STATIC_ROOT, VAR_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S303 - tests only
TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
MEDIA_ROOT = VAR_DIR / "test-media"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT), "base_url": "/nowhere/"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": None}  # in memory
ALLOWED_HOSTS = ["*"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing

# Translations: no machine provider unless a test starts its own LibreTranslate-speaking server;
# retries come at once (the immediate backend cannot wait).
TANDEM_TRANSLATE_PROVIDER = "none"
TANDEM_TRANSLATE_URL = ""
TANDEM_TRANSLATE_API_KEY = ""
TANDEM_TRANSLATE_TIMEOUT = 2
TANDEM_TRANSLATE_BACKOFF = 0
