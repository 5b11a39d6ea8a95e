"""Settings, read from the environment (see README: DATABASE_URL, DJANGO_DEBUG, DJANGO_SECRET_KEY,
DJANGO_ALLOWED_HOSTS). Without DJANGO_DEBUG=true the product runs in production mode and insists on a
secret key."""

import os
import sys
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .env import SettingsError, database_from_url, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DJANGO_VAR_DIR", BASE_DIR / "var"))

DEBUG = env_bool("DJANGO_DEBUG", default=False)
# makemigrations only reads the models: it never signs or serves anything, so it needs no key.
KEYLESS_COMMANDS = {"makemigrations"}
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not KEYLESS_COMMANDS.intersection(sys.argv[1:2]):
        raise SettingsError("DJANGO_SECRET_KEY is not set: production mode needs it (or set DJANGO_DEBUG=true).")
    SECRET_KEY = "development-only-key-not-for-production"
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "geumcheon_jobs.admin_site.AdminConfig",  # django.contrib.admin, for superusers only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "axes",
    "django_tables2",
    "django_filters",
    "simple_history",
    "performance",
    "budget",
    "indicators",
    "documents",
    "geumcheon_jobs",
    "audit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "geumcheon_jobs.cache_headers.NoStoreForSignedInMiddleware",  # nothing a signed-in person reads is stored
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "geumcheon_jobs.session_timeout.SessionIdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "audit.middleware.AccessLogMiddleware",
]

# Access log (접속기록, 개인정보의 안전성 확보조치 기준): downloads, exports, personal-data pages and the admin.
# Rows older than the retention period go with `manage.py prune_access_log` (at least one year; two by default).
AUDIT_RETENTION_DAYS = env_int("DJANGO_AUDIT_RETENTION_DAYS", 730)
# Behind a reverse proxy that sets X-Forwarded-For, record the address it saw instead of the proxy's own.
AUDIT_TRUST_X_FORWARDED_FOR = env_bool("DJANGO_TRUST_X_FORWARDED_FOR", default=False)
# The login lockout counts failures by the same address the access log records.
AXES_CLIENT_IP_CALLABLE = "audit.recording.client_address"

ROOT_URLCONF = "geumcheon_jobs.urls"
WSGI_APPLICATION = "geumcheon_jobs.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "geumcheon_jobs.context_processors.roles",
                "geumcheon_jobs.session_timeout.session_timeout",
            ],
        },
    },
]

if not os.environ.get("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Concurrent writers wait for each other instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2 first (OWASP ASVS); older hashes are upgraded at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "geumcheon_jobs.auth.MembershipBackend"]
# Login lockout (OWASP ASVS): five failures for the same account from the same address lock it for 15
# minutes; a success clears the count. Every attempt is kept (axes' access log, in the admin). Against password
# spraying, twenty failures from one address within the same 15 minutes, whatever the accounts, lock that address
# for every account (geumcheon_jobs/lockout.py: axes itself has one limit for every lockout parameter).
AXES_FAILURE_LIMIT = 5
LOGIN_ADDRESS_FAILURE_LIMIT = 20
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "geumcheon_jobs.lockout.AddressLimitHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "ko-kr"
# Korean only until an English catalogue exists: the product's own strings are Korean, so offering English to a
# browser that asks for it would mix Django's English labels into Korean pages.
LANGUAGES = [("ko", _("한국어"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
if DEBUG:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing one before collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Content-Security-Policy: everything from this server only, no inline script or style anywhere in the
# product (charts are SVG with presentation attributes; the entry form's script is a static file). The
# Django admin is left to its own defaults.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

SESSION_COOKIE_HTTPONLY = True
# Idle timeout (KWCAG 2.2 and ASVS): after DJANGO_SESSION_IDLE_MINUTES without a request the session ends; the
# page warns SESSION_IDLE_WARNING seconds before and offers to extend (geumcheon_jobs/session_timeout.py).
try:
    SESSION_IDLE_TIMEOUT = int(os.environ.get("DJANGO_SESSION_IDLE_MINUTES", "30")) * 60
except ValueError:
    raise SettingsError("DJANGO_SESSION_IDLE_MINUTES must be a whole number of minutes.") from None
if SESSION_IDLE_TIMEOUT <= 0:
    raise SettingsError("DJANGO_SESSION_IDLE_MINUTES must be at least 1.")
SESSION_IDLE_WARNING = 5 * 60
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "jobs@localhost")

DJANGO_TABLES2_TEMPLATE = "django_tables2/accessible.html"  # caption, th scope, aria-sort on every table

# One console handler: Django's own loggers write through it only (their default handlers — a debug-only console
# and mail to ADMINS — are replaced, or each 4xx/5xx line came out twice in development), and a refused request
# (403) is one line without a traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusal_without_traceback": {"()": "geumcheon_jobs.logs.RefusalWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["refusal_without_traceback"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django": {"handlers": [], "level": "INFO", "propagate": True}},
}

# Every change keeps its reason whole in the history: a return or reopening reason may run to 1,000 characters, and
# django-simple-history's default 100-character column refused a longer one on PostgreSQL (a 500).
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
