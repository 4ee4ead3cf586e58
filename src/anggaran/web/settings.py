"""The web application's settings, all from the environment (twelve-factor):

============================  ==========================================================
``DATABASE_URL``              the store (as every ``anggaran db`` command takes it);
                              default the SQLite file in the user's data folder
``SECRET_KEY``                required in production; without it a key is made once and
                              kept beside the default database (for the demo and trials)
``ALLOWED_HOSTS``             comma-separated host names (default ``127.0.0.1,localhost``)
``ANGGARAN_HTTPS``            ``1`` (default): behind HTTPS: secure cookies, HSTS, a
                              redirect to HTTPS; ``0`` for plain HTTP on loopback
``ANGGARAN_DEBUG``            ``1`` shows Django's debug pages (never in production)
``ANGGARAN_TIME_ZONE``        the zone times are shown in (default ``Asia/Jakarta``)
``ANGGARAN_PROXY_SSL``        ``1`` when a proxy in front terminates TLS and sets
                              ``X-Forwarded-Proto``
``ANGGARAN_KONSOLIDASI``      a folder written by ``anggaran consolidate`` (the national
                              set) for ``/konsolidasi/`` and ``/api/v1/agregat/``;
                              default: the latest stored versions
============================  ==========================================================
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from anggaran.store.config import (
    PASSWORD_HASHERS,
    PASSWORD_VALIDATORS,
    database_settings,
    default_path,
    resolve_url,
)

_TRUE = ("1", "true", "yes", "ya", "on")


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in _TRUE


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    path = default_path().parent / "secret_key"
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        pass
    key = secrets.token_urlsafe(50)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(key)
    except OSError:
        pass  # another process wrote it first, or the folder is read-only: a key for this run
    try:
        return path.read_text(encoding="utf-8").strip() or key
    except OSError:
        return key


BASE = Path(__file__).resolve().parent
DEBUG = _flag("ANGGARAN_DEBUG", False)
HTTPS = _flag("ANGGARAN_HTTPS", True)
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "anggaran.store",
    "anggaran.web",
    "ninja",
    "django_htmx",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "anggaran.web.middleware.BahasaMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "anggaran.web.middleware.PenggunaMiddleware",
]

ROOT_URLCONF = "anggaran.web.urls"
WSGI_APPLICATION = "anggaran.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "APP_DIRS": True,
        "OPTIONS": {"environment": "anggaran.web.jinja.environment", "autoescape": True},
    },
    {  # the API's documentation page (django-ninja) and Django's own pages
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    },
]

DATABASES = {"default": database_settings(resolve_url(None))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = PASSWORD_HASHERS
AUTH_PASSWORD_VALIDATORS = PASSWORD_VALIDATORS
LOGIN_URL = "masuk"
LOGIN_REDIRECT_URL = "daftar"
LOGOUT_REDIRECT_URL = "masuk"

# login throttling (django-axes): five failures lock a name from one address for 15 minutes
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "anggaran/terkunci.html"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = 1 if _flag("ANGGARAN_PROXY_SSL", False) else 0

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [str(BASE.parent / "locale")]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("ANGGARAN_TIME_ZONE", "Asia/Jakarta")

STATIC_URL = "/static/"
WHITENOISE_USE_FINDERS = True  # static files are served from the package, no collectstatic
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# uploads: kept in memory up to 2.5 MB, beyond in a temporary file; refused past the limit
# while they arrive (anggaran.web.unggah)
FILE_UPLOAD_HANDLERS = [
    "anggaran.web.unggah.BatasUnggah",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

# security: CSRF on every form; cookies only over HTTPS, HSTS and a redirect to HTTPS in
# production (ANGGARAN_HTTPS=0 only for plain HTTP on loopback: the demo)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if _flag("ANGGARAN_PROXY_SSL", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# the API's documentation loads its scripts from ninja's static files, never a CDN
NINJA_PAGINATION_PER_PAGE = 100

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django": {"handlers": ["console"], "level": "WARNING"},
        "axes": {"handlers": ["console"], "level": "WARNING"},
    },
}
