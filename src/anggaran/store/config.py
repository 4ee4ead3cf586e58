"""Which database, and Django set up to reach it.

One setting chooses the database: a URL (``--db URL`` or the environment variable
``DATABASE_URL``): ``sqlite:///path/to/file.sqlite3`` or
``postgresql://user:password@host:5432/name`` (psycopg 3). A plain path is a SQLite file.
Without one, the store is the SQLite file ``anggaran.sqlite3`` in the user's data folder
(``~/.local/share/anggaran`` on Linux, by platformdirs; ``XDG_DATA_HOME`` moves it),
created and migrated on first use.

Django is configured here only when nothing configured it before (the web project of
issue 5 brings its own settings). Each URL opened gets its own connection alias, so one
process can hold a SQLite and a PostgreSQL store at once (the tests do).
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from anggaran.core.errors import InputError
from anggaran.core.findings import N_

#: the environment variable naming the database
ENV = "DATABASE_URL"
_lock = threading.Lock()


def default_path() -> Path:
    """The default SQLite file: ``<user data folder>/anggaran.sqlite3``."""
    import platformdirs

    return Path(platformdirs.user_data_dir("anggaran", appauthor=False)) / "anggaran.sqlite3"


def resolve_url(url: str | None) -> str:
    """The database URL to use: ``url`` if given, else ``$DATABASE_URL``, else the default
    SQLite file. A plain path becomes ``sqlite:///<absolute path>``."""
    url = url or os.environ.get(ENV) or None
    if url is None:
        return _sqlite_url(default_path())
    if "://" not in url:
        return _sqlite_url(Path(url).expanduser().resolve())
    return url


def _sqlite_url(path: Path) -> str:
    # quoted, so that a name with '#', '?', '%' or spaces is the file it names
    return "sqlite:///" + quote(str(path), safe="/")


def display_url(url: str) -> str:
    """``url`` for messages: its password hidden (also one holding ``#``, ``?`` or
    ``/``), a SQLite path unquoted."""
    if url.startswith("sqlite:///"):
        return "sqlite:///" + unquote(url[len("sqlite:///") :])
    url = re.sub(r"^([A-Za-z0-9+.-]+://[^:/@]*:).*@", r"\1***@", url, count=1)
    return re.sub(r"(?i)([?&]password=)[^&]*", r"\1***", url)


def database_settings(url: str) -> dict[str, Any]:
    """Django's DATABASES entry for ``url``. Raises InputError for a URL that names no
    supported database (SQLite or PostgreSQL)."""
    import dj_database_url

    if url.startswith("sqlite:///"):
        # the rest is a path, '#' and '?' included (no fragment, no query); %XX decoded
        cfg: dict[str, Any] = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": unquote(url[len("sqlite:///") :]),
        }
    else:
        cfg = {}
    try:
        cfg = cfg or dict(dj_database_url.parse(url))
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(
            N_("unknown database address: {url} ({sebab})"),
            expected=N_("sqlite:///file.sqlite3 or postgresql://user@host/name"),
            url=display_url(url),
            sebab=str(exc),
        ) from None
    engine = cfg.get("ENGINE", "")
    if engine == "django.db.backends.sqlite3":
        if not cfg.get("NAME") or cfg["NAME"] == ":memory:":
            raise InputError(
                N_("a SQLite database without a file: {url}"),
                expected=N_("sqlite:///path/to/file.sqlite3"),
                url=url,
            )
        # a writer waits for another (up to 30 s) instead of failing at once, and takes the
        # write lock when its transaction begins (Django's advice for SQLite). WAL mode
        # (readers go on while an import writes) is set once, when the file is migrated:
        # it stays with the file, and a command that only reads changes nothing
        cfg["OPTIONS"] = {"timeout": 30, "transaction_mode": "IMMEDIATE"}
    elif engine == "django.db.backends.postgresql":
        if not cfg.get("NAME"):
            raise InputError(
                N_("a PostgreSQL address without a database name: {url}"),
                expected=N_("postgresql://user@host:5432/name"),
                url=display_url(url),
            )
        options = cfg.setdefault("OPTIONS", {})
        # an unreachable server fails in seconds instead of hanging (libpq waits forever),
        # and an import does not wait for ever behind another one's lock
        options.setdefault("connect_timeout", 10)
        options.setdefault("options", "-c lock_timeout=120s")
    else:
        raise InputError(
            N_("database not supported: {url}"),
            expected=N_("SQLite (sqlite:///…) or PostgreSQL (postgresql://…)"),
            url=display_url(url),
        )
    return cfg


def setup_django() -> None:
    """Configure Django with the store's application (and Django's accounts, which the
    store's roles and comments refer to), once per process, unless settings were
    configured before or ``DJANGO_SETTINGS_MODULE`` names them (the web application's:
    then the store's app is in its INSTALLED_APPS)."""
    import django
    from django.conf import settings

    with _lock:
        if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
            settings.configure(
                # accounts and roles live beside the versions (the web shares the database)
                INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "anggaran.store"],
                DATABASES={},
                USE_TZ=True,
                TIME_ZONE="UTC",
                DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
                PASSWORD_HASHERS=PASSWORD_HASHERS,
                AUTH_PASSWORD_VALIDATORS=PASSWORD_VALIDATORS,
            )
        django.setup()


#: how passwords are kept (Django's default first; the CLI and the web must agree)
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

#: what a password must be (the CLI and the web alike): ten characters or more, not a
#: common password, not digits only
PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


def register(url: str) -> str:
    """The connection alias for ``url``, added to Django's connections when new.
    Raises InputError for an unsupported URL."""
    from django.db import connections

    cfg = database_settings(url)
    setup_django()
    alias = "anggaran-" + hashlib.sha256(url.encode()).hexdigest()[:12]
    with _lock:
        if alias not in connections.settings:
            full = connections.configure_settings({"default": {}, alias: cfg})[alias]
            connections.settings[alias] = full
    return alias
