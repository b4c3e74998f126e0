"""Settings shared by every environment; the environment-specific modules extend these."""

import datetime
import os
from pathlib import Path

import dj_database_url
import xstatic.pkg.jquery_ui
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Keys that signed what is still in use (sessions, password-reset links) while SECRET_KEY is being
# replaced: they are accepted for checking, never used to sign (SECURITY.md, "Rotating SECRET_KEY").
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before django.contrib.admin.
    "modeltranslation",
    "core.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "core.apps.StaticFilesConfig",
    "django.contrib.humanize",
    "django_prose_editor",
    "simple_history",
    "core.apps.AxesConfig",
    "core",
    "programmes",
    "history",
    "news",
    "sitewide",
    "content_exchange",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.security_headers.FileHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Publishes scheduled drafts whose time has come (no cron), before the page cache reads the
    # content version.
    "core.scheduled_drafts.ScheduledDraftsMiddleware",
    # Above every middleware that adds headers to a page, so that a stored page holds them all.
    "core.page_cache.PageCacheMiddleware",
    # Only ever acts on a 404, which the page cache never stores: an item's old address redirects.
    "core.slug_history.SlugRedirectMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is known, so that its 400 page is in the reader's language.
    "core.request_checks.RejectNulBytesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The admin in each user's own language and time zone (after the user is known).
    "core.admin_preferences.AdminPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.security_headers.SiteCSPMiddleware",
    # Last, so that it sees the login view's outcome and answers a locked-out login itself.
    "axes.middleware.AxesMiddleware",
]

# Login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one user name from
# one address, that pair may not log in for LOGIN_COOLOFF_MINUTES, counted from the last failure.
# Attempts live in the database, so every app server sees the same count. Administrators see and
# lift lockouts in the admin ("Access attempts") or with `manage.py axes_reset_username NAME`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.login_throttle.locked_out"
AXES_CLIENT_IP_CALLABLE = "core.login_throttle.client_address"
# The proxies whose X-Forwarded-For is believed: the site's own nginx on the same machine.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")

ROOT_URLCONF = "iomcz.urls"

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
                "django.template.context_processors.i18n",
                "core.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "iomcz.wsgi.application"

DATABASE_URL = os.environ.get("DATABASE_URL", "")
# PostgreSQL limits, so that a database that is down, hanging or slow costs a worker seconds, not
# the whole of gunicorn's timeout: seconds to wait for a connection, then milliseconds a statement
# may run and a transaction may sit idle before the server cancels it (0: no limit). manage.py
# and the test settings turn the last two off unless they are set: commands and test runs
# (migrations, imports, creating a test database) may take longer than a page.
DB_CONNECT_TIMEOUT = int(os.environ.get("DB_CONNECT_TIMEOUT", "3"))
DB_STATEMENT_TIMEOUT = int(os.environ.get("DB_STATEMENT_TIMEOUT", "5000"))
DB_IDLE_IN_TRANSACTION_TIMEOUT = int(os.environ.get("DB_IDLE_IN_TRANSACTION_TIMEOUT", "60000"))


def database(url, statement_timeout, idle_in_transaction_timeout):
    """The database at `url`; on PostgreSQL with the connect timeout and the two server limits."""
    # Persistent connections are checked at the start of each request, so that a connection the
    # server dropped (a restart) is replaced instead of failing the request.
    settings = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if settings["ENGINE"] == "django.db.backends.postgresql":
        options = settings.get("OPTIONS", {})
        server_options = [
            options.get("options", ""),
            f"-c statement_timeout={statement_timeout}",
            f"-c idle_in_transaction_session_timeout={idle_in_transaction_timeout}",
        ]
        settings["OPTIONS"] = options | {
            "connect_timeout": DB_CONNECT_TIMEOUT,
            "options": " ".join(option for option in server_options if option),
        }
    return settings


if DATABASE_URL:
    DATABASES = {"default": database(DATABASE_URL, DB_STATEMENT_TIMEOUT, DB_IDLE_IN_TRANSACTION_TIMEOUT)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }

REDIS_URL = os.environ.get("REDIS_URL", "")
# Seconds a cache call waits for Redis (to connect, then to answer) before it counts as a miss.
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.1"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English is the source language; every language is a set of database columns,
# so this list is fixed in code and never read from the environment.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("cs", _("Czech")),
    ("uk", _("Ukrainian")),
]
# The project's own catalogue, then the libraries' strings that their own catalogues lack in Czech or
# Ukrainian (library_locale/, edited by hand; makemessages writes only to the first). Both take
# precedence over the apps' catalogues.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "library_locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Prague"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "cs", "uk")
MODELTRANSLATION_FALLBACK_LANGUAGES = ()
MODELTRANSLATION_AUTO_POPULATE = False
# The admin's language tabs need jQuery UI; it is served from our own static files.
JQUERY_UI_URL = "xstatic/jquery-ui/jquery-ui.min.js"

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("xstatic/jquery-ui", xstatic.pkg.jquery_ui.BASE_DIR),
]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy of public pages: they have no scripts and no inline styles, so nothing is
# allowed but the site's own stylesheets, images and fonts (and nothing from another host).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "font-src": ["'self'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# The admin (pages under /admin/, core.security_headers): its editor and widgets need scripts and
# inline styles of their own.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = "IOM Czechia"

# The publishing workflow's e-mails (core.notifications): SMTP as configured by the environment.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "IOM Czechia editorial office <noreply@localhost>")
# Items per sitemap part: at most 750 URLs in three languages, 0.4 to 0.7 MB with hreflang alternates.
SITEMAP_ITEMS_PER_PART = 250

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"database_outage": {"()": "core.errors.DatabaseOutageLogFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # Says when Redis fails (WARNING) and when it answers again (INFO).
        "core.cache": {"level": "INFO"},
        # One error a minute while the database is unavailable, not one per request.
        "django.request": {"filters": ["database_outage"]},
    },
}


def require(name, value):
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value
