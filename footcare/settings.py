"""Settings for footcare: one module, every knob from an environment variable.

The defaults are production's (DEBUG off, so a server started without the environment it
needs refuses to start rather than run in debug mode). ``make run`` and the tests turn
``DJANGO_DEBUG`` on for themselves, which makes a local development service (SQLite file,
in-process cache, a fixed insecure key). Production sets ``DJANGO_SECRET_KEY``,
``DJANGO_ALLOWED_HOSTS``, ``DATABASE_URL`` and ``REDIS_URL``; the README lists every variable.
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
import xstatic.pkg.jquery_ui
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}."
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_networks(
    name: str, default: list[str]
) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    networks = []
    for item in env_list(name, default):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must list addresses or networks (10.0.0.5, 10.0.0.0/8); got {item!r}."
            ) from None
    return networks


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. It is required when DJANGO_DEBUG is off, as it is "
            "by default: set it to a long random string (for example the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`), or, on a "
            "developer's machine, set DJANGO_DEBUG=1 (make run and make test do)."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its translated admin fields register.
    "modeltranslation",
    # django.contrib.admin, with footcare's site: its index is the editors' dashboard.
    "footcare.admin.apps.FootcareAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "footcare.apps.StaticFilesWithoutUnusedVendorStyles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "adminsortable2",
    "reversion",
    "reversion_compare",
    "axes",
    "csp",
    "footcare",
    "zones",
    "routines",
]

# The order, and why each stands where it does: footcare/api/middleware/__init__.py.
MIDDLEWARE = [
    "footcare.api.middleware.content_length.ContentLengthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Right inside SecurityMiddleware so that any error page produced further in, including
    # Django's debug pages, leaves /api/ as problem+json and still gets the security headers.
    "footcare.api.middleware.problems.ProblemDetailsMiddleware",
    "footcare.api.middleware.rate_limit_headers.RateLimitHeadersMiddleware",
    # Every answer, stored ones included, may not be framed by another site.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Before any work, and before a stored answer could go to a host we do not serve.
    "footcare.api.middleware.hostile_input.RefuseHostileInputMiddleware",
    "footcare.api.middleware.deprecation.DeprecationMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "footcare.api.middleware.language.ApiLanguageMiddleware",
    "footcare.api.middleware.unknown_parameters.RefuseUnknownParametersMiddleware",
    # After the language is chosen (it is part of the key), before anything touches the DB.
    "footcare.api.middleware.response_cache.ResponseCacheMiddleware",
    # Inside it: the header it sets is stored with the answer.
    "footcare.api.middleware.translation_fallback.TranslationFallbackMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Inside the stored answers (JSON needs no policy): the admin's and the docs' pages.
    "csp.middleware.CSPMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes asks: it answers a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
]

# The benchmark swaps in bench.urls, which adds its reference view.
ROOT_URLCONF = os.environ.get("DJANGO_ROOT_URLCONF", "footcare.urls")
WSGI_APPLICATION = "footcare.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # footcare's templates first, so that its admin pages (header with the language
        # switch, the dashboard) replace the admin's own.
        "DIRS": [BASE_DIR / "footcare" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}

# A database that is down or hangs must cost a request seconds, not minutes: past these the
# API answers 503 with Retry-After (footcare.api.problems).
DB_CONNECT_TIMEOUT = env_int("DJANGO_DB_CONNECT_TIMEOUT", 3)
DB_STATEMENT_TIMEOUT_MS = env_int("DJANGO_DB_STATEMENT_TIMEOUT_MS", 5000)
DATABASE_RETRY_AFTER = env_int("DJANGO_DB_RETRY_AFTER", 5)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        connect_timeout=DB_CONNECT_TIMEOUT,
        options=f"-c statement_timeout={DB_STATEMENT_TIMEOUT_MS}",
    )
    # A pool per process, shared by its requests (psycopg_pool, through Django's own support):
    # gunicorn's gevent workers (gunicorn.conf.py) run each request in a new greenlet, which
    # cannot keep a connection for the next one. 0: a connection per thread, as Django does.
    DB_POOL_SIZE = env_int("DJANGO_DB_POOL_SIZE", 0)
    if DB_POOL_SIZE:
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": 1,
            "max_size": DB_POOL_SIZE,
            "timeout": DB_CONNECT_TIMEOUT,
        }
        DATABASES["default"]["CONN_MAX_AGE"] = 0

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Live-server tests (the browser, the generated client) run the app in other threads. An
    # in-memory test database would be one connection shared by all of them, which can hang;
    # a file gives each thread its own.
    # FOOTCARE_TEST_DB_NAME lets two test runs share a checkout without sharing a database.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("FOOTCARE_TEST_DB_NAME") or str(BASE_DIR / ".test-db.sqlite3")
    }

REDIS_URL = os.environ.get("REDIS_URL", "").strip()
REDIS_TIMEOUT = float(os.environ.get("DJANGO_REDIS_TIMEOUT", "").strip() or 0.25)
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "footcare",
            # A Redis that hangs must not hang requests: past this, answers come from the
            # database (footcare.api.response_cache).
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT,
                "socket_timeout": REDIS_TIMEOUT,
            },
        }
    }
else:
    # Per process: fine for one process (make run, tests); several workers need REDIS_URL.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The admin and the docs pages load everything from this service and run no inline script;
# inline styles stay allowed (the admin's and Redoc's own).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Admin logins (footcare/admin/logins.py): after AXES_FAILURE_LIMIT wrong passwords for one account
# from one client address, or LOGIN_ADDRESS_FAILURE_LIMIT from one address whatever the
# accounts, further attempts from that address are refused for AXES_COOLOFF_TIME (429), the
# right password too. Other addresses are not affected, and a success clears only its own
# account's failures from its own address.
# `manage.py axes_reset_username NAME` / `axes_reset_ip ADDRESS` lift a lockout early.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "footcare.admin.logins.AccountsBackend",
]
AXES_HANDLER = "footcare.admin.logins.LockoutHandler"
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("DJANGO_LOGIN_ADDRESS_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The same client address as the API's rate limit: never a header the client wrote itself.
AXES_CLIENT_IP_CALLABLE = "footcare.api.throttling.client_address"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The service's own strings in Russian (compiled .mo committed beside the .po), inside the
# package so that an installed service has them. Named here, not only found as the footcare
# app's catalogue, because LOCALE_PATHS comes before every app's: our words win over Django's.
# A str, not a Path: makemessages groups the sources by catalogue folder, and would count this
# Path and the str it finds while walking footcare/ as two folders, writing zones' and
# routines' strings into the .po before footcare's.
LOCALE_PATHS = [str(BASE_DIR / "footcare" / "locale")]
LANGUAGES = [("en", _("English")), ("ru", _("Russian"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Packaged front-end files the admin needs, served like our own (never from a CDN).
STATICFILES_DIRS = [("vendor/jquery-ui", xstatic.pkg.jquery_ui.BASE_DIR)]
# django-modeltranslation reads this (unprefixed) name for its language tabs.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", "").strip() or BASE_DIR / "staticfiles")
# WhiteNoise serves straight from the apps' static folders locally (and in tests).
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
# Source maps (7 of the 17 MB collected, the API docs' bundles) are read only by a browser's
# developer tools: compressing them took half of collectstatic's time for no reader.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files in production (after collectstatic); plain finders locally so
    # that a newcomer and the test suite need no collectstatic step.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Production hardening; each can be relaxed for a plain-HTTP setup such as the benchmark.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_TLS_PROXY", False) else None
)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

REST_FRAMEWORK = {
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "ALLOWED_VERSIONS": ["v1"],
    "DEFAULT_RENDERER_CLASSES": ["footcare.api.rendering.ORJSONRenderer"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "footcare.api.rendering.StrictContentNegotiation",
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # The public API is anonymous and read-only: no sessions, so no CSRF either.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_CLASSES": ["footcare.api.throttling.ClientRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "footcare.api.pagination.LimitOffsetPagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "footcare.api.search.UnicodeSearchFilter",
        "footcare.api.search.StrictOrderingFilter",
    ],
    "EXCEPTION_HANDLER": "footcare.api.problems.drf_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "footcare.api.schema.AutoSchema",
}


# How many proxies of ours stand in front (nginx, a load balancer): the client address, for the
# rate limit and the login lockout, is the one the nearest of them saw (footcare/api/
# throttling.py). 0 trusts no X-Forwarded-For at all.
TRUSTED_PROXIES = env_int("DJANGO_TRUSTED_PROXIES", 0)
# The addresses our proxies connect from (nginx on the same host by default). Only a request
# from one of them, or through a unix socket, may tell the client's address in X-Forwarded-For.
TRUSTED_PROXY_NETWORKS = env_networks("DJANGO_TRUSTED_PROXY_ADDRESSES", ["127.0.0.1", "::1"])

# Requests per client address, e.g. "600/minute"; empty turns throttling off. Behind a CDN the
# address is the edge's, so the default is off and operators opt in where it makes sense.
# Counted in the shared cache: `manage.py check` refuses a rate without REDIS_URL.
API_THROTTLE_RATE = os.environ.get("DJANGO_API_THROTTLE_RATE", "").strip() or None
API_PAGE_SIZE = env_int("DJANGO_API_PAGE_SIZE", 50)
API_MAX_PAGE_SIZE = env_int("DJANGO_API_MAX_PAGE_SIZE", 500)

# The editorial workflow (routines.drafts): on, a published routine is changed only through a
# draft of changes that an editor publishes over it, so readers never get half a rewrite. Off
# (local development, the test suite) editors may also save a published routine directly.
LIVE_EDITS_THROUGH_DRAFTS = env_bool("DJANGO_LIVE_EDITS_THROUGH_DRAFTS", not DEBUG)
# On, a routine is published only once a reviewer (the Reviewers group: clinicians) approved
# that exact version, and an editor may not approve her own change unless
# REVIEW_SELF_APPROVAL allows it (a one-person team that holds both roles).
REVIEW_REQUIRED = env_bool("DJANGO_REVIEW_REQUIRED", not DEBUG)
REVIEW_SELF_APPROVAL = env_bool("DJANGO_REVIEW_SELF_APPROVAL", False)
# How long a webhook endpoint has to answer one delivery (footcare.webhooks.delivery).
WEBHOOK_TIMEOUT_SECONDS = env_int("DJANGO_WEBHOOK_TIMEOUT_SECONDS", 10)
# How long a preview link an editor hands to a device stays valid (routines.preview_links).
PREVIEW_LINK_HOURS = env_int("DJANGO_PREVIEW_LINK_HOURS", 24)

# Versions being retired: {"v1": {"since": datetime(...), "sunset": datetime(...), "link": "…"}}.
# Every answer of such a version then carries Deprecation, Sunset and Link headers.
API_DEPRECATED_VERSIONS: dict[str, dict[str, object]] = {}

# Stored API representations (footcare/representations.py) and the HTTP caching headers.
API_REPRESENTATION_CACHE = env_bool("DJANGO_API_REPRESENTATION_CACHE", True)
API_CACHED_PREFIX = "/api/v1/"
API_UNCACHED_PREFIXES = ["/api/v1/schema/", "/api/v1/docs/", "/api/v1/redoc/"]
# Read content, in a snapshot like every read, but never stored: a preview shows what readers
# do not have, to whoever holds its link.
API_PRIVATE_PREFIXES = ["/api/v1/previews/"]
# Names this release (a git commit, a version) for the stored answers: answers stored by an
# earlier release are not served after a deploy, even where the contract did not change
# (a reworded cue, a fixed translation). The contract's own digest is always part of it.
API_RELEASE = os.environ.get("DJANGO_RELEASE", "").strip()
# The scheme and host clients use, e.g. https://api.example.com: the API's links (a list's
# next page) start with it, whatever Host a request names, and `publish_static` publishes for
# it. Unset (local development), links follow the request's host (footcare/api/origin.py).
PUBLIC_ORIGIN = os.environ.get("DJANGO_PUBLIC_ORIGIN", "").strip().rstrip("/")
if PUBLIC_ORIGIN and not PUBLIC_ORIGIN.startswith(("http://", "https://")):
    raise ImproperlyConfigured(
        f"DJANGO_PUBLIC_ORIGIN must be a scheme and host, e.g. https://api.example.com; "
        f"got {PUBLIC_ORIGIN!r}."
    )
API_CACHE_MAX_AGE = env_int("DJANGO_API_CACHE_MAX_AGE", 60)
API_CACHE_STALE_WHILE_REVALIDATE = env_int("DJANGO_API_CACHE_STALE_WHILE_REVALIDATE", 600)
API_REPRESENTATION_TIMEOUT = env_int("DJANGO_API_REPRESENTATION_TIMEOUT", 24 * 3600)

# How long the content journal keeps entries: a client away longer must sync in full again.
JOURNAL_RETENTION_DAYS = env_int("DJANGO_JOURNAL_RETENTION_DAYS", 90)

SPECTACULAR_SETTINGS = {
    "TITLE": "footcare API",
    "DESCRIPTION": (
        "Read-only content for foot-care apps: the reflexology foot map, techniques, "
        "contraindications and guided routines, in English and Russian.\n\n"
        "Reflexology is not a diagnostic method; the evidence supports relaxation, not cures. "
        "Traditional beliefs are labelled as such in the content.\n\n"
        "Choose the language with `Accept-Language` or `?lang=`. Every error is "
        "`application/problem+json` (RFC 9457)."
    ),
    "VERSION": "1.0.0",
    # First relative: the contract is served by the service it describes, on whatever host
    # that is, and tools that take the first server (Swagger UI, openapi-generator) then call
    # that host. Then a deployment by its public origin (DJANGO_PUBLIC_ORIGIN), as a variable
    # with a placeholder default: the committed contract is the same for every deployment.
    "SERVERS": [
        {"url": "/", "description": "The host that serves this document."},
        {
            "url": "https://{host}",
            "description": "A deployment, by the host of its public origin.",
            "variables": {
                "host": {
                    "default": "api.example.org",
                    "description": "The host of the deployment's DJANGO_PUBLIC_ORIGIN.",
                }
            },
        },
    ],
    # In the order the docs list them.
    "TAGS": [
        {"name": "Index", "description": "Where everything is."},
        {"name": "Foot map", "description": "Reflex zones, body parts and the map of each foot."},
        {"name": "Techniques", "description": "How to do each massage technique."},
        {"name": "Benefits", "description": "What foot massage may do, and the evidence."},
        {"name": "Safety", "description": "When not to massage, and what to show first."},
        {"name": "Routines", "description": "Guided routines and who they are for."},
        {"name": "Sources", "description": "The references the content cites."},
        {"name": "Sync", "description": "The catalogue for offline use."},
        {"name": "Labels", "description": "What each enum value means, in words."},
    ],
    "SERVE_INCLUDE_SCHEMA": False,
    # Its deploy check generates a schema of no version, which NamespaceVersioning leaves
    # empty, and fails on that; footcare.checks generates v1 instead.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    # 3.1: JSON Schema's own `null`, so a nullable object is `oneOf: [Thing, null]`, which every
    # validator reads alike; 3.0's `nullable` beside an `allOf` was read differently by each.
    "OAS_VERSION": "3.1.0",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "footcare.api.schema.require_what_is_always_present",
        "footcare.api.schema.describe_partial_lists",
    ],
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # The Redoc page loads our copy of the sidecar's bundle, without its logo from a CDN
    # (footcare/api/views/redoc.py); this is what drf-spectacular would load otherwise.
    "REDOC_DIST": "SIDECAR",
    # Swagger UI would otherwise send the schema to an online validator.
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "deepLinking": True},
    # Pinned so that generated clients keep their enum type names as the schema grows.
    "ENUM_NAME_OVERRIDES": {
        "FootEnum": "zones.models.Foot",
        "FootSideEnum": "zones.models.FootSide",
        "ViewEnum": "zones.models.View",
        "RegionEnum": "zones.models.Region",
        "SensitivityEnum": "zones.models.Sensitivity",
        "SkinEnum": "zones.models.Skin",
        "BodySystemEnum": "zones.models.BodySystem",
        "TraditionEnum": "zones.models.Tradition",
        "PressureLabelEnum": "zones.models.PRESSURE_LABELS",
        "CueKindEnum": "routines.player.CueKind.ALL",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line": {"()": "footcare.logging.EscapeControlCharacters"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["one_line"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
