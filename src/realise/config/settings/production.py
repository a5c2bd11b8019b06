"""Production settings: every secret comes from the environment and has no default.

``manage.py check --deploy`` passes with no warnings (a test runs it): HTTPS-only cookies, HSTS,
secure headers. Set ``DJANGO_SECRET_KEY`` (or ``SECRET_KEY``), ``ALLOWED_HOSTS`` (comma separated)
and ``DATABASE_URL``. Behind a proxy that terminates TLS, set ``REALISE_BEHIND_PROXY=1`` so
Django trusts its ``X-Forwarded-Proto`` header and the sign-in throttle counts the address the
proxy adds to ``X-Forwarded-For`` (without it that header is never read).

Static files (the built GOV.UK Frontend, the charts' CSS) are served by WhiteNoise from
``STATIC_ROOT`` (``REALISE_STATIC_ROOT``, default ``<data dir>/static``) with compressed copies and
content-hashed names, after ``python -m django collectstatic``; see docs/howto/deploy.md.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from realise.config.settings.base import *  # noqa: F403


def _required(*names: str) -> str:
    for name in names:
        value = os.environ.get(name, "").strip()
        if value:
            return value
    raise ImproperlyConfigured(f"Set the {names[0]} environment variable: production needs it.")


SECRET_KEY = _required("DJANGO_SECRET_KEY", "SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in _required("ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{h.lstrip('.')}" for h in ALLOWED_HOSTS if h != "*"]

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind a proxy, X-Forwarded-Proto says whether the request came over HTTPS, and the sign-in
# throttle counts the address the proxy adds to X-Forwarded-For (realise/accounts/addresses.py).
REALISE_BEHIND_PROXY = os.environ.get("REALISE_BEHIND_PROXY", "").strip() == "1"
if REALISE_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Static files: WhiteNoise, just after the security middleware (its documented place).
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405
STATIC_ROOT = Path(os.environ.get("REALISE_STATIC_ROOT", "").strip() or data_dir() / "static")  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
