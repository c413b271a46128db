"""Settings shared by every environment. Everything that differs between machines comes from the
environment (see `.env.example`); the defaults are safe for a developer's machine."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me-in-production-0123456789")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "thongthin.core",
    "thongthin.directory",
    "thongthin.accounts",
    "thongthin.registry",
    "thongthin.assessment",
    "thongthin.opendata",
    "thongthin.opendata.usage",
    "thongthin.opendata.quality",
    "thongthin.opendata.datarequests",
    "thongthin.opendata.awards",
    "thongthin.opendata.datastore",
    "thongthin.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "thongthin.core.middleware.ApiErrorEnvelopeMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "thongthin.core.middleware.RejectNulMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "thongthin.core.middleware.RequestContextMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "thongthin" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thongthin.core.context_processors.platform",
            ],
            "builtins": ["thongthin.core.templatetags.thai"],
        },
    }
]

# --- Database: SQLite file under var/ unless DATABASE_URL is set (PostgreSQL in production).
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'thongthin.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while one writer commits; IMMEDIATE avoids lock upgrades failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS: list[dict] = []  # sign-in is passwordless (one-time codes by e-mail)

# --- Internationalisation: Thai first, English second; Bangkok time.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("ไทย")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "thongthin_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files: our own files plus the npm packages installed by `make` (never a CDN).
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise expects it even when serving from finders
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "thongthin" / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/sarabun", NODE_MODULES / "@fontsource" / "sarabun"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# --- E-mail: console in development, SMTP from the environment (EMAIL_URL=smtp://...).
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Thongthin <no-reply@thongthin.localhost>")

# --- Sessions and CSRF: cookies are HttpOnly and SameSite; production makes them Secure.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_NAME = "thongthin_session"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "thongthin.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Thongthin's own settings.
THONGTHIN = {
    # Sign-in codes (see thongthin/accounts/services/sign_in.py).
    "SIGN_IN_CODE_TTL_SECONDS": 10 * 60,
    "SIGN_IN_CODES_PER_ADDRESS": env.int("SIGN_IN_CODES_PER_ADDRESS", default=5),
    "SIGN_IN_CODES_PER_IP": env.int("SIGN_IN_CODES_PER_IP", default=30),
    "SIGN_IN_RATE_WINDOW_SECONDS": 15 * 60,
    "SIGN_IN_MAX_ATTEMPTS_PER_CODE": 5,
    "SIGN_IN_LOCKOUT_FAILURES": 10,
    "SIGN_IN_LOCKOUT_SECONDS": 30 * 60,
    # Mailbox verification link for a registry submission.
    "REGISTRY_VERIFY_LINK_MAX_AGE_SECONDS": 3 * 24 * 60 * 60,
    "REGISTRY_LETTER_MAX_BYTES": 10 * 1024 * 1024,
    "REGISTRY_SUBMISSIONS_PER_IP_PER_HOUR": env.int(
        "REGISTRY_SUBMISSIONS_PER_IP_PER_HOUR", default=10
    ),
    "REGISTRY_SUBMISSIONS_PER_LAO_PER_DAY": env.int(
        "REGISTRY_SUBMISSIONS_PER_LAO_PER_DAY", default=5
    ),
    "REGISTRY_SUBMISSIONS_PER_ADDRESS_PER_DAY": 3,
    # DNS resolver used for SPF/DMARC hints: nameservers "host" or "host:port"; empty = system.
    "DNS_NAMESERVERS": env.list("DNS_NAMESERVERS", default=[]),
    "DNS_TIMEOUT_SECONDS": env.float("DNS_TIMEOUT_SECONDS", default=2.0),
    "DNS_ENABLED": env.bool("DNS_ENABLED", default=True),
    "SITE_URL": env("SITE_URL", default="http://127.0.0.1:8000"),
    # The request header that carries the client's address, set by our own reverse proxy only
    # (e.g. HTTP_X_REAL_IP). Empty: use the socket's address.
    "CLIENT_IP_HEADER": env("CLIENT_IP_HEADER", default=""),
    # Run background jobs in-process right after commit instead of in `manage.py run_worker`.
    "JOBS_EAGER": env.bool("JOBS_EAGER", default=False),
    # The catalog's search backend: the database's own full-text search (SQLite FTS5 or
    # PostgreSQL tsvector) over pythainlp-segmented text. A class with the same interface
    # (thongthin.opendata.search.backend) can carry a national catalog on OpenSearch.
    "SEARCH_BACKEND": env(
        "SEARCH_BACKEND", default="thongthin.opendata.search.database.DatabaseBackend"
    ),
    # Largest file a publisher may upload as a resource (bytes).
    "OPENDATA_MAX_UPLOAD_BYTES": env.int("OPENDATA_MAX_UPLOAD_BYTES", default=200 * 1024 * 1024),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "fontTools": {"level": "WARNING"},  # subsetting a font for each PDF logs ~100 INFO lines
    },
}
