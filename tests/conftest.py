"""Shared fixtures: the real example and small inputs in the document's own notation."""

from __future__ import annotations

import os
import tempfile

# the web application's settings, for every test (pytest-django sets Django up with them):
# plain HTTP, a key of the run, and a default database of the run, never the user's
os.environ.setdefault("SECRET_KEY", "anggaran-tests-" + "x" * 40)
os.environ["ANGGARAN_HTTPS"] = "0"
os.environ.setdefault(
    "DATABASE_URL", "sqlite:///" + os.path.join(tempfile.mkdtemp(prefix="anggaran-uji-"), "default.sqlite3")
)

import itertools
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from anggaran.formats.result import ReadResult
from anggaran.formats.rka_text.reader import read_rka_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "rka-satker-2023-109141-bagian-a.txt"


@pytest.fixture(autouse=True)
def _store_databases(request: pytest.FixtureRequest, django_db_blocker) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The store's own databases (one per test, by URL) are open to every test;
    pytest-django guards only its test database of the web application (tests that use
    it ask for ``db``)."""
    if request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(request.fixturenames):
        yield
        return
    with django_db_blocker.unblock():
        yield


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def example() -> ReadResult:
    return read_rka_text(EXAMPLE.read_bytes(), EXAMPLE.name)


def read_text(text: str, name: str = "test.txt") -> ReadResult:
    """Read a small Bagian A written in the test as text."""
    return read_rka_text(text.encode("utf-8"), name)


# -- SAKTI ADK archives (the real ones, zipped; see examples/adk/README.md) ----------------

ADK = ROOT / "examples" / "adk"
ADK_1D01 = ADK / "1d01_01508_00_000000_0.zip"
ADK_2D01 = ADK / "2d01_01508_00_000000_0.zip"
ADK_527010 = ADK / "527010d01_01508_00_527010_1.zip"


@pytest.fixture(scope="session")
def adk_1d01():  # type: ignore[no-untyped-def]
    from anggaran.formats.adk.reader import read_adk

    return read_adk(ADK_1D01)


@pytest.fixture(scope="session")
def adk_2d01():  # type: ignore[no-untyped-def]
    from anggaran.formats.adk.reader import read_adk

    return read_adk(ADK_2D01)


@pytest.fixture(scope="session")
def adk_527010():  # type: ignore[no-untyped-def]
    from anggaran.formats.adk.reader import read_adk

    return read_adk(ADK_527010)


def extract(archive: Path, folder: Path) -> Path:
    """Unzip ``archive`` into ``folder`` (the ADK as SAKTI's tables lie on disk)."""
    import zipfile

    with zipfile.ZipFile(archive) as z:
        z.extractall(folder)
    return folder


# -- databases: every store test runs on SQLite and on PostgreSQL -------------------------

#: an administrative connection to the PostgreSQL server the tests create databases on;
#: ``skip`` runs without PostgreSQL (each such test is reported as skipped, with the reason)
PG_ENV = "ANGGARAN_TEST_POSTGRES"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
BACKENDS = ["sqlite", "postgresql"]


def _pg_admin_url() -> str:
    return os.environ.get(PG_ENV) or PG_ADMIN


def _pg_execute(sql: str) -> None:
    import psycopg

    with psycopg.connect(_pg_admin_url(), autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)


def _pg_url(name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    return urlunsplit(urlsplit(_pg_admin_url())._replace(path=f"/{name}"))


def _drop_stale_databases() -> None:
    """Drop the test databases of earlier runs that were killed before cleaning up (their
    process is gone)."""
    import psycopg

    with psycopg.connect(_pg_admin_url(), autocommit=True, connect_timeout=5) as conn:
        names = [
            r[0]
            for r in conn.execute("SELECT datname FROM pg_database WHERE datname LIKE 'anggaran\\_test\\_%'")
        ]
        for name in names:
            pid = name.split("_")[2]
            if pid.isdigit() and not Path(f"/proc/{pid}").exists():
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def db_templates(tmp_path_factory: pytest.TempPathFactory, django_db_blocker) -> Iterator[dict[str, str]]:  # type: ignore[no-untyped-def]
    """A migrated empty database per backend, copied for each test: a SQLite file, and a
    PostgreSQL template database (dropped at the end)."""
    with django_db_blocker.unblock():
        yield from _db_templates(tmp_path_factory)


def _db_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    from anggaran.store import Store

    folder = tmp_path_factory.mktemp("db")
    sqlite = Store(f"sqlite:///{folder / 'template.sqlite3'}")
    sqlite.close()
    templates = {"sqlite": str(folder / "template.sqlite3")}
    pg_name = None
    if os.environ.get(PG_ENV) != "skip":
        import psycopg

        pg_name = f"anggaran_test_{os.getpid()}_template"
        try:
            _drop_stale_databases()
            _pg_execute(f'DROP DATABASE IF EXISTS "{pg_name}"')
            _pg_execute(f'CREATE DATABASE "{pg_name}"')
        except psycopg.OperationalError as exc:
            pytest.fail(
                f"PostgreSQL is not reachable at {_pg_admin_url()} ({exc}). Start it, point "
                f"{PG_ENV} at a server, or set {PG_ENV}=skip to skip its tests."
            )
        store = Store(_pg_url(pg_name))
        store.close()
        templates["postgresql"] = pg_name
    yield templates
    if pg_name is not None:
        _pg_execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')


_counter = itertools.count()


@pytest.fixture
def fresh_db(
    request: pytest.FixtureRequest, db_templates: dict[str, str], tmp_path: Path
) -> Callable[[str], str]:
    """A function: backend -> the URL of a new migrated empty database (dropped after the
    test)."""
    made: list[str] = []

    def make(backend: str) -> str:
        if backend == "sqlite":
            path = tmp_path / f"anggaran-{next(_counter)}.sqlite3"
            shutil.copyfile(db_templates["sqlite"], path)
            return f"sqlite:///{path}"
        if "postgresql" not in db_templates:
            pytest.skip(f"PostgreSQL tests skipped: {PG_ENV}=skip")
        name = f"anggaran_test_{os.getpid()}_{next(_counter)}"
        _pg_execute(f'CREATE DATABASE "{name}" TEMPLATE "{db_templates["postgresql"]}"')
        made.append(name)
        return _pg_url(name)

    yield make  # type: ignore[misc]
    from django.db import connections

    for alias in list(connections.settings):
        if alias.startswith("anggaran-"):
            connections[alias].close()
    for name in made:
        _pg_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, fresh_db: Callable[[str], str]) -> str:
    """The URL of a new empty database, once on SQLite and once on PostgreSQL."""
    return fresh_db(request.param)


@pytest.fixture
def store(db_url: str):  # type: ignore[no-untyped-def]
    """A Store on a new empty database (SQLite, then PostgreSQL)."""
    from anggaran.store import Store

    s = Store(db_url)
    yield s
    s.close()


def pesan(finding: object, lang: str = "id") -> str:
    """A finding's message as the user reads it (Indonesian by default)."""
    from anggaran import i18n

    return i18n.message(finding, lang)  # type: ignore[arg-type]


def teks(exc: BaseException, lang: str = "id") -> str:
    """An error's message as the user reads it (Indonesian by default)."""
    from anggaran import i18n

    return i18n.error_text(exc, lang)  # type: ignore[arg-type]


@contextmanager
def raises_id(exc_type: type[BaseException], pattern: str) -> Iterator[pytest.ExceptionInfo[BaseException]]:
    """``pytest.raises`` whose ``pattern`` is searched in the Indonesian message."""
    import re

    with pytest.raises(exc_type) as info:
        yield info
    assert re.search(pattern, teks(info.value)), teks(info.value)
