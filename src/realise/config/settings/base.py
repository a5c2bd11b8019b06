"""Settings every environment shares.

The database comes from ``DATABASE_URL`` (PostgreSQL in production); with none set, Realise keeps
an SQLite file in ``REALISE_DATA_DIR`` (default ``./data``), created on first run.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from realise.core import limits

BASE_DIR = Path(__file__).resolve().parents[3]


def data_dir() -> Path:
    """The directory that holds the embedded database, created if missing."""
    path = Path(os.environ.get("REALISE_DATA_DIR", "data")).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_from_environment() -> dict[str, Any]:
    """PostgreSQL (or any dj-database-url URL) from ``DATABASE_URL``, else the SQLite file.

    Each thread keeps its connection between requests (opening one costs more than a cached
    dashboard, ADR 0011), and Django checks a kept connection before a request first uses it, so
    one that the database dropped (a restart, a failover) is replaced instead of failing the
    request (ADR 0019)."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(data_dir() / "realise.sqlite3"),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }


def duration_from_environment(name: str, default: float, unit: str) -> int:
    """A duration set in the environment in ``unit`` ("minutes" or "hours"; fractions allowed),
    as whole seconds, or ``default`` when unset. Anything but a number above 0 stops Realise
    starting, with a message naming the variable."""
    text = os.environ.get(name, "").strip()
    try:
        value = float(text) if text else default
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise ImproperlyConfigured(f'{name} must be a number of {unit} above 0, not "{text}"')
    return max(1, round(value * {"minutes": 60, "hours": 3600}[unit]))


DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "csp",  # Content-Security-Policy header (its checks catch a policy in the old format)
    "ninja",  # serves the API docs' Swagger UI from local static files, never a CDN
    "realise.portfolio",
    "realise.benefits",
    "realise.funding",
    "realise.risks",
    "realise.cases",
    "realise.accounts",
    "realise.reconciliation",
    "realise.web",  # the shared layout: base page, components, widgets, template tags, assets
    # The web's rooms, one per domain (ADR 0021): apps only so their templates are found.
    "realise.web.core",
    "realise.web.portfolio",
    "realise.web.benefits",
    "realise.web.funding",
    "realise.web.risks",
    "realise.web.cases",
    "realise.web.people",
    "realise.web.audit",
    "realise.web.reports",
    "realise.web.settings",
    "realise.web.reconciliation",
    "realise.imports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "realise.config.headers.response_headers_middleware",  # no-store, Permissions-Policy
    "csp.middleware.CSPMiddleware",
    # Outside the rest, so an error any later layer answers under /api/ becomes a problem too.
    "realise.config.api.json_errors_middleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "realise.accounts.session_limits.session_limits_middleware",  # idle and maximum lifetime
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

# Content-Security-Policy (ADR 0013): scripts, styles, fonts and images from Realise's own origin
# only, no inline script anywhere, no plugins, no framing, forms post only to Realise. Inline
# SVG charts need no exception; `data:` images are for the API docs' icons. Committee reports in
# HTML carry their stylesheet inline and allow inline styles for themselves (reports/views.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

ROOT_URLCONF = "realise.config.urls"
WSGI_APPLICATION = "realise.config.wsgi.application"
ASGI_APPLICATION = "realise.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "realise.web.context.navigation",
                "realise.accounts.session_limits.session_context",
            ],
        },
    },
]

DATABASES = {"default": database_from_environment()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "artifacts" / "static"

# The web app: sign-in pages and where to go after signing in.
LOGIN_URL = "web:sign_in"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:sign_in"
# Size limits (business-case files, import uploads, the workbooks inside them): each is the
# environment variable of the same name, else its default in realise/core/limits.py (all listed
# in docs/howto/deploy.md). A file over any of them is refused before it is read.
for _limit in limits.LIMITS:
    globals()[_limit.setting] = _limit.from_environment()
# Business-case files offered on the business-case page (the repository's examples/ folder).
REALISE_EXAMPLES_DIR = Path(
    os.environ.get("REALISE_EXAMPLES_DIR", Path(__file__).resolve().parents[4] / "examples")
)
# Sign-in: the model backend with throttling (realise/accounts/throttle.py).
AUTHENTICATION_BACKENDS = ["realise.accounts.throttle.ThrottledModelBackend"]
SESSION_ENGINE = "realise.accounts.sessions"  # database sessions, looked up without the ORM
# A signed-in session ends after this long unused, and this long after signing in, whichever comes
# first; the page warns REALISE_SESSION_WARNING_SECONDS before the first (ADR 0019).
REALISE_SESSION_IDLE_SECONDS = duration_from_environment(
    "REALISE_SESSION_IDLE_MINUTES", 30, "minutes"
)
REALISE_SESSION_MAX_SECONDS = duration_from_environment("REALISE_SESSION_MAX_HOURS", 12, "hours")
REALISE_SESSION_WARNING_SECONDS = 2 * 60
SESSION_COOKIE_AGE = REALISE_SESSION_MAX_SECONDS
# A form whose CSRF check fails gets Realise's page in plain words (JSON under /api/).
CSRF_FAILURE_VIEW = "realise.web.core.views.csrf_failure"
REALISE_SIGNIN_MAX_FAILURES = 5  # per user name and address (ADR 0007)
REALISE_SIGNIN_MAX_FAILURES_PER_IP = 50
REALISE_SIGNIN_MAX_FAILURES_PER_NAME = 100
REALISE_SIGNIN_LOCKOUT_SECONDS = 15 * 60
