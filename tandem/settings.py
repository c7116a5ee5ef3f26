"""Tandem settings. Every value comes from a TANDEM_* environment variable (listed in
docs/configuration.md) with a default that is safe in production; `make run` sets the
development conveniences."""

from pathlib import Path

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from tandem.env import envbool, envint, envlist, envsecret, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(envstr("TANDEM_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = envbool("TANDEM_DEBUG", default=False)
SECRET_KEY = envsecret("TANDEM_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("Set TANDEM_SECRET_KEY (or TANDEM_SECRET_KEY_FILE).")
    SECRET_KEY = "insecure-development-key-only-used-when-TANDEM_DEBUG-is-on"  # noqa: S105

ALLOWED_HOSTS = envlist("TANDEM_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = envlist("TANDEM_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = envstr("TANDEM_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks_db",
    "ninja",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "tandem.core",
    "tandem.access",
    "tandem.accounts",
    "tandem.api",
    "tandem.reports",
    "tandem.care",
    "tandem.attendance",
    "tandem.medicines",
    "tandem.incidents",
    "tandem.records",
    "tandem.media",
    "tandem.curriculum",
    "tandem.journal",
    "tandem.floorbooks",
    "tandem.journal_export",
    "tandem.notify",
    "tandem.conversations",
    "tandem.announcements",
    "tandem.setting_info",
    "tandem.translations",
    "tandem.allaboutme",
    "tandem.careplans",
    "tandem.transitions",
    "tandem.meetings",
    "tandem.worries",
    "tandem.concerns",
    "tandem.policies",
    "tandem.surveys",
    "tandem.consultations",
    "tandem.engagement",
]

MIDDLEWARE = [
    "tandem.core.timing.ServerTimingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tandem.accounts.middleware.ApiTokenMiddleware",
    "tandem.accounts.middleware.UserLanguageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "tandem.accounts.middleware.RequireLeaderMfaMiddleware",
    "tandem.access.middleware.SettingScopeMiddleware",
]

ROOT_URLCONF = "tandem.urls"
WSGI_APPLICATION = "tandem.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tandem.core.context_processors.tandem",
            ],
        },
    }
]

# Database: SQLite in WAL mode under var/ by default; PostgreSQL with TANDEM_DB=postgresql
# and the usual PG* variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE).
DB_ENGINE = envstr("TANDEM_DB", default="sqlite")
if DB_ENGINE == "postgresql":
    import os

    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ.get("PGDATABASE", "tandem"),
            "USER": os.environ.get("PGUSER", "postgres"),
            "PASSWORD": envsecret("PGPASSWORD", default="") or "",
            "HOST": os.environ.get("PGHOST", "127.0.0.1"),
            "PORT": os.environ.get("PGPORT", "5432"),
            "CONN_MAX_AGE": envint("TANDEM_DB_CONN_MAX_AGE", default=60),
            "CONN_HEALTH_CHECKS": True,
            "TEST": {"NAME": envstr("TANDEM_TEST_DB_NAME", default="tandem_pytest")},
        }
    }
elif DB_ENGINE == "sqlite":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": envstr("TANDEM_SQLITE_PATH", default=str(VAR_DIR / "tandem.sqlite3")),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
else:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("TANDEM_DB must be 'sqlite' or 'postgresql'.")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: rate limits and sessions must be shared by every app server, so production
# with several processes sets TANDEM_REDIS_URL.
REDIS_URL = envstr("TANDEM_REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

TASKS = {
    "default": {
        "BACKEND": envstr("TANDEM_TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# allauth: e-mail sign-in; accounts are only ever created by staff or by an invitation
# (tandem.accounts.adapter closes open sign-up). A family without e-mail signs in with
# the username it chose when it accepted its printed invitation letter.
ACCOUNT_ADAPTER = "tandem.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_RATE_LIMITS = {"login_failed": "5/5m/ip,5/5m/key"}
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Tandem] "
# Sessions are recorded at sign-in; tracking every request would cost a write per page.
USERSESSIONS_TRACK_ACTIVITY = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Tandem"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("pl", _("Polish")),
    ("ro", _("Romanian")),
    ("ur", _("Urdu")),
    ("ar", _("Arabic")),
    ("bn", _("Bengali")),
    ("pa", _("Punjabi")),
    ("cy", _("Welsh")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["tandem.formats"]  # British date formats for "en"
LANGUAGE_COOKIE_NAME = "tandem_language"
LANGUAGE_COOKIE_SECURE = envbool("TANDEM_SECURE_COOKIES", default=not DEBUG)
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"
# No MEDIA_URL: uploads are never served publicly, only by permission-checked views.
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT), "base_url": "/nowhere/"},
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if envbool("TANDEM_MANIFEST_STATIC", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MAX_UPLOAD_MB = envint("TANDEM_MAX_UPLOAD_MB", default=25)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Mail (Django 6.1 MAILERS). Console in development, SMTP otherwise.
DEFAULT_FROM_EMAIL = envstr("TANDEM_FROM_EMAIL", default="Tandem <tandem@localhost>")
_EMAIL_BACKEND = envstr(
    "TANDEM_EMAIL_BACKEND",
    default="console" if DEBUG else "smtp",
)
if _EMAIL_BACKEND == "smtp":
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": envstr("TANDEM_EMAIL_HOST", default="127.0.0.1"),
                "port": envint("TANDEM_EMAIL_PORT", default=25),
                "username": envstr("TANDEM_EMAIL_USER") or None,
                "password": envsecret("TANDEM_EMAIL_PASSWORD") or None,
                "use_tls": envbool("TANDEM_EMAIL_USE_TLS", default=False),
                "timeout": 20,
            },
        }
    }
elif _EMAIL_BACKEND == "console":
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("TANDEM_EMAIL_BACKEND must be 'smtp' or 'console'.")

# Security. Cookies are secure unless TANDEM_SECURE_COOKIES=no (make run sets it for http).
SECURE_COOKIES = envbool("TANDEM_SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = envint("TANDEM_SESSION_DAYS", default=14) * 24 * 3600
SECURE_SSL_REDIRECT = envbool("TANDEM_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = envint("TANDEM_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("TANDEM_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = envbool("TANDEM_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if envbool("TANDEM_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Invitations
INVITATION_DAYS = envint("TANDEM_INVITATION_DAYS", default=14)
INVITATION_ATTEMPTS = envint("TANDEM_INVITATION_ATTEMPTS", default=10)  # per 15 minutes per IP

# Worker heartbeat older than this makes /healthz report the worker as stale.
WORKER_STALE_SECONDS = envint("TANDEM_WORKER_STALE_SECONDS", default=180)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    # Children's data is never logged: loggers get ids and action codes, never names.
    "root": {"handlers": ["console"], "level": envstr("TANDEM_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},  # it reports every layout step at INFO
        "fontTools": {"level": "WARNING"},
    },
}

# API requests per person (and per token): "600/m" means 600 a minute.
TANDEM_API_RATE = envstr("TANDEM_API_RATE", default="600/m")
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 200

# Translations (docs/translations.md): machine translation of what people write, for a person
# to check. "none" leaves every text for the translators; "libretranslate" asks a self-hosted
# LibreTranslate server at TANDEM_TRANSLATE_URL.
TANDEM_TRANSLATE_PROVIDER = envstr("TANDEM_TRANSLATE_PROVIDER", default="none").strip().lower()
if TANDEM_TRANSLATE_PROVIDER not in ("none", "libretranslate"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"TANDEM_TRANSLATE_PROVIDER must be none or libretranslate, not {TANDEM_TRANSLATE_PROVIDER!r}"
    )
TANDEM_TRANSLATE_URL = envstr("TANDEM_TRANSLATE_URL", default="").rstrip("/")
TANDEM_TRANSLATE_API_KEY = envsecret("TANDEM_TRANSLATE_API_KEY", default="")
TANDEM_TRANSLATE_TIMEOUT = envint("TANDEM_TRANSLATE_TIMEOUT", default=15)  # seconds per request
TANDEM_TRANSLATE_RETRIES = envint("TANDEM_TRANSLATE_RETRIES", default=3)  # tries after the first
TANDEM_TRANSLATE_BACKOFF = envint("TANDEM_TRANSLATE_BACKOFF", default=60)  # seconds, doubled each retry

# Notify: how notices reach people (tandem.notify, docs/notify.md). SMS through a provider's
# HTTP API (none: no texts; e-mail falls back to the office's print queue), web push with
# VAPID keys (manage.py vapid_keys), retries with exponential back-off.
TANDEM_SMS_PROVIDER = envstr("TANDEM_SMS_PROVIDER", default="none")
if TANDEM_SMS_PROVIDER not in ("none", "twilio"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("TANDEM_SMS_PROVIDER must be 'none' or 'twilio'.")
TANDEM_SMS_URL = envstr("TANDEM_SMS_URL", default="https://api.twilio.com")
TANDEM_SMS_ACCOUNT = envstr("TANDEM_SMS_ACCOUNT")
TANDEM_SMS_TOKEN = envsecret("TANDEM_SMS_TOKEN") or ""
TANDEM_SMS_FROM = envstr("TANDEM_SMS_FROM")
TANDEM_SMS_REGION = envstr("TANDEM_SMS_REGION", default="GB")  # how national numbers are read
TANDEM_SMS_TIMEOUT_SECONDS = envint("TANDEM_SMS_TIMEOUT_SECONDS", default=10)
TANDEM_SMS_STATUS_CALLBACK_URL = envstr("TANDEM_SMS_STATUS_CALLBACK_URL")  # public URL of notify_family:sms-status
TANDEM_VAPID_PUBLIC_KEY = envstr("TANDEM_VAPID_PUBLIC_KEY")
TANDEM_VAPID_PRIVATE_KEY = envsecret("TANDEM_VAPID_PRIVATE_KEY") or ""
TANDEM_VAPID_SUBJECT = envstr("TANDEM_VAPID_SUBJECT", default="mailto:tandem@localhost")
TANDEM_NOTIFY_MAX_ATTEMPTS = envint("TANDEM_NOTIFY_MAX_ATTEMPTS", default=4)
TANDEM_NOTIFY_BACKOFF_SECONDS = envint("TANDEM_NOTIFY_BACKOFF_SECONDS", default=60)  # 60 s, 120 s, 240 s...
TANDEM_NOTIFY_CLAIM_TIMEOUT_SECONDS = envint("TANDEM_NOTIFY_CLAIM_TIMEOUT_SECONDS", default=600)
TANDEM_NOTIFY_SENDERS = envint("TANDEM_NOTIFY_SENDERS", default=1)  # sending tasks per notice (one per worker)
TANDEM_NOTIFY_DIGEST_HOUR = envint("TANDEM_NOTIFY_DIGEST_HOUR", default=7)  # local time digests go out

# Care plans (docs/careplans.md): how often a plan is reviewed with the family, by default
# (each plan can set its own; Scotland's personal plans: at least every six months).
TANDEM_CAREPLAN_REVIEW_MONTHS = envint("TANDEM_CAREPLAN_REVIEW_MONTHS", default=6)
if not 1 <= TANDEM_CAREPLAN_REVIEW_MONTHS <= 12:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("TANDEM_CAREPLAN_REVIEW_MONTHS must be between 1 and 12.")
