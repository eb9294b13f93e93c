"""Settings for the Reisgids zorg en welzijn.

One module, read from the environment (twelve-factor). Safe local defaults; set
``DJANGO_ENV=production`` for the production profile (see docs/operations.md).
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    env.read_env(BASE_DIR / ".env", overwrite=False)

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
PRODUCTION = DJANGO_ENV == "production"

if PRODUCTION:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY")  # required: fails loudly when missing
else:
    SECRET_KEY = env.str(
        "DJANGO_SECRET_KEY",
        default="dev-only-insecure-key-change-me-0123456789abcdefghijklmnopqrstuvwxyz",
    )
# Off unless asked for (DJANGO_DEBUG=1): the demo shows the product's own error pages, as in production.
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "reisgids.apps.ReisgidsStaticFilesConfig",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "django_htmx",
    "rules",
    "axes",
    "csp",
    "reisgids.core",
    "atlas",
    "deals",
    "deals.residence",
    "schouw",
    "kompas",
]
# The demo data (seed_demo) and the benchmark (bench) sit above every app and are installed only
# outside production, where REISGIDS_DEMO=0 leaves them out too; production never has them.
DEMO = not PRODUCTION and env.bool("REISGIDS_DEMO", default=True)
if DEMO:
    INSTALLED_APPS += ["reisgids.demo", "reisgids.bench"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "reisgids.core.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a lockout into the Dutch lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "reisgids.urls"
WSGI_APPLICATION = "reisgids.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reisgids.core.context_processors.navigation",
            ],
        },
    },
]


# --- Database ---------------------------------------------------------------
# DATABASE_URL is required in production. Locally, ``python -m reisgids.devrun``
# starts an embedded PostgreSQL and sets DATABASE_URL for its children. A socket
# directory can be given URL-encoded as host: postgres://postgres@%2Fpath%2Fto%2Fdir/db
def _database_from_env():
    config = env.db_url("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/reisgids")
    config["HOST"] = unquote(str(config.get("HOST") or ""))
    config["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60 if PRODUCTION else 0)
    config["CONN_HEALTH_CHECKS"] = True
    config.setdefault("OPTIONS", {})
    config["OPTIONS"].setdefault("connect_timeout", 5)
    return config


DATABASES = {"default": _database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# --- Celery -----------------------------------------------------------------
def _broker_url_from_database(db):
    """Kombu's SQLAlchemy transport on the same PostgreSQL: a real broker without Redis."""
    user = quote(db.get("USER") or "postgres", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or ""
    if host.startswith("/"):
        return f"sqla+postgresql+psycopg://{user}{password}@/{db['NAME']}?host={host}"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"sqla+postgresql+psycopg://{user}{password}@{host}{port}/{db['NAME']}"


REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = env.str(
    "CELERY_BROKER_URL", default=REDIS_URL or _broker_url_from_database(DATABASES["default"])
)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis redelivers unacknowledged tasks after the visibility timeout; the SQLAlchemy
# transport passes its options to create_engine, so it gets none.
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {"visibility_timeout": 3600} if CELERY_BROKER_URL.startswith("redis") else {}
)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "Europe/Amsterdam"
# The beat schedule lives in code; each app adds its own periodic tasks here.
CELERY_BEAT_SCHEDULE = {
    "core-heartbeat": {"task": "reisgids.core.tasks.heartbeat_record", "schedule": 60.0},
    "deals-checkin-reminders": {
        "task": "deals.tasks.checkin_reminders_send",
        "schedule": 24 * 60 * 60.0,
    },
    "atlas-radar-daily": {
        "task": "atlas.tasks.radar_digest_send",
        "schedule": crontab(hour=7, minute=0),
        "kwargs": {"frequency": "dagelijks"},
    },
    "atlas-radar-weekly": {
        "task": "atlas.tasks.radar_digest_send",
        "schedule": crontab(hour=7, minute=15, day_of_week=1),
        "kwargs": {"frequency": "wekelijks"},
    },
    "residence-action-reminders": {
        "task": "residence.tasks.action_reminders_send",
        "schedule": crontab(hour=8, minute=0),
    },
    "residence-meeting-reminders": {
        "task": "residence.tasks.meeting_reminders_send",
        "schedule": crontab(hour=8, minute=10),
    },
    "atlas-listings-expire": {
        "task": "atlas.tasks.listings_expire",
        "schedule": crontab(hour=0, minute=30),
    },
    "atlas-notifications-daily": {
        "task": "atlas.tasks.notification_digest_send",
        "schedule": crontab(hour=7, minute=30),
        "kwargs": {"frequency": "dagelijks"},
    },
    "atlas-notifications-weekly": {
        "task": "atlas.tasks.notification_digest_send",
        "schedule": crontab(hour=7, minute=45, day_of_week=1),
        "kwargs": {"frequency": "wekelijks"},
    },
    "schouw-reminders": {
        "task": "schouw.tasks.schouw_reminders_send",
        "schedule": crontab(hour=8, minute=20),
    },
    "schouw-guest-data-retention": {
        "task": "schouw.tasks.guest_data_expire",
        "schedule": crontab(hour=3, minute=40),
    },
    "schouw-lessons-to-kennisbank": {
        "task": "schouw.tasks.lessons_kennisbank_deliver",
        "schedule": crontab(hour=8, minute=30),
    },
    # Checks daily whether the next kompas edition is due (see REISGIDS["KOMPAS_CADENCE_MONTHS"])
    # and keeps an open concept up to date. Tests shorten the interval with the env var.
    "kompas-draft": {
        "task": "kompas.tasks.edition_draft_scheduled",
        "schedule": float(env.int("REISGIDS_KOMPAS_DRAFT_SECONDS", default=24 * 60 * 60)),
    },
    "kompas-monitoring-reminders": {
        "task": "kompas.tasks.monitoring_reminders_send",
        "schedule": crontab(hour=8, minute=20),
    },
}

if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


# --- Auth -------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a login while the username and address are locked out (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "reisgids.core.backends.StaffModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "reisgids.core.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_HASHERS = env.list(
    "DJANGO_PASSWORD_HASHERS",
    default=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    ],
)


# --- E-mail -----------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Reisgids zorg en welzijn <noreply@reisgids.example>"
)


# --- Internationalisation ----------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "reisgids" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True


# --- Static files --------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
_NODE = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/utrecht", _NODE / "@utrecht" / "component-library-css" / "dist"),
    ("vendor/rotterdam", _NODE / "@nl-design-system-unstable" / "rotterdam-design-tokens" / "dist"),
    ("vendor/leaflet", _NODE / "leaflet" / "dist"),
    ("vendor/leaflet-markercluster", _NODE / "leaflet.markercluster" / "dist"),
    ("vendor/htmx", _NODE / "htmx.org" / "dist"),
]
# Source maps are only fetched by developer tools: not worth compressing at every deploy.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [
    *(
        "jpg",
        "jpeg",
        "png",
        "gif",
        "webp",
        "zip",
        "gz",
        "tgz",
        "bz2",
        "tbz",
        "xz",
        "br",
        "swf",
        "flv",
    ),
    *(
        "woff",
        "woff2",
        "3gp",
        "3gpp",
        "asf",
        "avi",
        "m4v",
        "mov",
        "mp4",
        "mpeg",
        "mpg",
        "webm",
        "wmv",
    ),
    "map",
]
# WhiteNoise serves the static files in every profile; outside production straight from the
# finders (no collectstatic needed for `make run`). Files in static/root are served at the site's
# root (/favicon.ico).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Private files (schouw photos) live outside MEDIA_ROOT and are streamed by views after a permission check.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / ".data" / "private-media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}


# --- API --------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so that an unauthenticated API call gets 401 with a WWW-Authenticate header.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "reisgids.core.errors.api_exception_handler",
    "NUM_PROXIES": env.int("REISGIDS_TRUSTED_PROXY_COUNT", default=1 if PRODUCTION else 0),
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="120/min"),
        "user": env.str("API_THROTTLE_USER", default="600/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Reisgids zorg en welzijn API",
    "DESCRIPTION": "Open API van de Reisgids zorg en welzijn (Rotterdam): atlas, deals, schouw en kompas.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI is served from our own static files, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Without deep links an operation's header is one button, not a link nested in a button
    # (WCAG 4.1.2; axe: nested-interactive); plain code samples keep their contrast.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "syntaxHighlight": False},
    # Every operation documents its refusals ({"detail": ...}); also for `manage.py spectacular`.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "reisgids.api.add_error_responses",
    ],
    # Name the atlas's choice sets, so enum names do not depend on the order of the schema.
    "ENUM_NAME_OVERRIDES": {
        "PriorityEnum": "deals.models.DealTheme.Priority",
        "KnelpuntCategoryEnum": "deals.models.Knelpunt.Category",
        "KompasEditionStatusEnum": "kompas.models.Edition.Status",
        "KompasDraftRunStatusEnum": "kompas.models.DraftRun.Status",
        "KompasMonitoringStatusEnum": "kompas.models.MonitoringEntry.Status",
        "KompasAgendaOutcomeEnum": "kompas.models.AgendaItem.Outcome",
        "AreaKindEnum": "atlas.models.Area.Kind",
        "NetworkGroupKindEnum": "atlas.models.NetworkGroup.Kind",
        "EventKindEnum": "atlas.models.Event.Kind",
        "ListingKindEnum": "atlas.models.Listing.Kind",
        "ListingCategoryEnum": "atlas.models.Listing.Category",
        "ListingStatusEnum": "atlas.models.Listing.Status",
        "NewsItemCategoryEnum": "atlas.models.NewsItem.Category",
        "NewsItemStatusEnum": "atlas.models.NewsItem.Status",
        "LessonKindEnum": "atlas.models.Lesson.Kind",
        "LessonStatusEnum": "atlas.models.Lesson.Status",
        "SchouwRoundStatusEnum": "schouw.models.SchouwRound.Status",
        "SchouwRoundSettingEnum": "schouw.models.SchouwRound.Setting",
        "SchouwParticipantKindEnum": "schouw.models.Participant.Kind",
        "SchouwObservationToneEnum": "schouw.models.Observation.Tone",
        "SchouwAppraisalLevelEnum": "schouw.models.Appraisal.Level",
        "SchouwCommitmentVerdictEnum": "schouw.models.CommitmentCheck.Verdict",
        "SchouwLessonKindEnum": "schouw.models.Lesson.Kind",
        "SchouwLessonKennisbankEnum": "schouw.models.Lesson.Kennisbank",
        "SchouwAudienceEnum": "schouw.models.Audience",
        "DealStatusEnum": "deals.models.Deal.Status",
        "DealToetsingMethodEnum": "deals.models.Deal.ToetsingMethod",
        "DealPartnerRoleEnum": "deals.models.DealPartner.Role",
        "DealPartnerStatusEnum": "deals.models.DealPartner.Status",
        "ContributionKindEnum": "deals.models.Contribution.Kind",
        "ProcessAgreementKindEnum": "deals.models.ProcessAgreement.Kind",
        "CheckInStatusEnum": "deals.models.CheckIn.Status",
        "KnelpuntStatusEnum": "deals.models.Knelpunt.Status",
        "IntakeKindEnum": "deals.models.Intake.Kind",
        "IntakeStatusEnum": "deals.models.Intake.Status",
        "MembershipRoleEnum": "atlas.models.Membership.Role",
        "LogEntryKindEnum": "deals.residence.models.LogEntry.Kind",
    },
}


# --- Security -----------------------------------------------------------------
# Every profile sends the same Content-Security-Policy, so the browser tests run under it:
# no inline scripts or styles, nothing from other hosts except the configured map tiles.
def _tile_source(url: str) -> list[str]:
    """The host of REISGIDS_MAP_TILE_URL as a CSP source; ``{s}`` subdomains become a wildcard."""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return []
    host = parts.netloc.replace("{s}", "*")
    return [f"{parts.scheme}://{host}"] if "{" not in host else []


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_tile_source(env.str("REISGIDS_MAP_TILE_URL", default=""))],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not from the cookie
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Load balancers probe /healthz over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Submitting the domain to the browsers' preload list is a decision of the municipality.
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins for the same
# e-mail address from the same IP address, that pair is locked out for AXES_COOLOFF_TIME.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"  # the login form's field holds the e-mail address
AXES_USERNAME_CALLABLE = "reisgids.core.throttling.axes_username"
AXES_LOCKOUT_CALLABLE = "reisgids.core.views.login_lockout"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_DISABLE_ACCESS_LOG = True  # successful logins are not kept by axes
AXES_SENSITIVE_PARAMETERS = ["password", "password1", "password2", "new_password1", "new_password2"]
AXES_CLIENT_IP_CALLABLE = "reisgids.core.throttling.client_ip"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # django-axes logs every login with e-mail address and IP at INFO; keep only failures and lockouts.
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# Reisgids-specific settings.
REISGIDS = {
    # Worker heartbeat older than this (seconds) counts as "worker not seen" in /healthz.
    "HEARTBEAT_STALE_SECONDS": env.int("REISGIDS_HEARTBEAT_STALE_SECONDS", default=300),
    # Map tiles for the atlas, e.g. https://{s}.tile.example/{z}/{x}/{y}.png. Empty: no tile server,
    # the map draws points and areas on a plain background.
    "MAP_TILE_URL": env.str("REISGIDS_MAP_TILE_URL", default=""),
    "MAP_TILE_ATTRIBUTION": env.str("REISGIDS_MAP_TILE_ATTRIBUTION", default=""),
    # Informal care between residents goes to Zorgzaam010; vraag en aanbod links there.
    "ZORGZAAM010_URL": env.str("REISGIDS_ZORGZAAM010_URL", default="https://www.zorgzaam010.nl/"),
    # The kompas cadence in months: 12 is yearly (default), 24 every two years, 6 twice a year.
    # The seed says both "jaarlijks" and "bijvoorbeeld tweejaarlijks", so it is configurable.
    "KOMPAS_CADENCE_MONTHS": env.int("REISGIDS_KOMPAS_CADENCE_MONTHS", default=12),
    # How many days before the end of the current period the next concept edition is drafted.
    "KOMPAS_DRAFT_LEAD_DAYS": env.int("REISGIDS_KOMPAS_DRAFT_LEAD_DAYS", default=90),
    # Reverse proxies in front of the application that append to X-Forwarded-For; the client
    # address for throttling is the entry the outermost trusted proxy saw. 0: REMOTE_ADDR.
    "TRUSTED_PROXY_COUNT": env.int("REISGIDS_TRUSTED_PROXY_COUNT", default=1 if PRODUCTION else 0),
    # Rate limit of public forms (registration, password reset, guest schouw forms): at most
    # this many posts per IP address per window, per form.
    "FORM_RATE_LIMIT": env.int("REISGIDS_FORM_RATE_LIMIT", default=10),
    "FORM_RATE_WINDOW_SECONDS": env.int("REISGIDS_FORM_RATE_WINDOW_SECONDS", default=600),
    "GUEST_FORM_RATE_LIMIT": env.int("REISGIDS_GUEST_FORM_RATE_LIMIT", default=120),
    # Days after a schouw round finished before the data of its guests (name, e-mail address,
    # consent, link) is anonymised by the beat task schouw.tasks.guest_data_expire.
    "SCHOUW_GUEST_RETENTION_DAYS": env.int("REISGIDS_SCHOUW_GUEST_RETENTION_DAYS", default=365),
    # Where to report a vulnerability (docs/security.md, SECURITY.md, the privacy page).
    "SECURITY_CONTACT": env.str("REISGIDS_SECURITY_CONTACT", default="security@reisgids.example"),
}

FORM_RENDERER = "reisgids.core.forms.UtrechtFormRenderer"
FORMS_URLFIELD_ASSUME_HTTPS = True
