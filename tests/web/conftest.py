"""The web application on the demonstration: the bundled real inputs and the cast, set up
once in the test database (pytest-django's), each test then running in a transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.test import Client

NOW = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)


@dataclass
class Demo:
    """What the demonstration holds, for building URLs: per satker its versions (oldest
    first), a program row of its latest version, a comment on it; an import job of the
    operator's."""

    versi: dict[str, list[int]]
    program: dict[str, int]
    komentar: dict[str, int]
    impor_operator: int
    extra: dict[str, object] = field(default_factory=dict)

    def latest(self, kode: str) -> int:
        return self.versi[kode][-1]


@pytest.fixture(scope="session")
def demo(django_db_setup, django_db_blocker) -> Demo:  # type: ignore[no-untyped-def]
    from anggaran.services import akses, ulasan
    from anggaran.services.demo import siapkan
    from anggaran.store import Store, jelajah, tim

    with django_db_blocker.unblock():
        store = Store.default()
        siapkan(store, NOW)
        versi = {k: [v.id for v in store.versions(satker=k)] for k in ("109141", "527010", "015114")}
        program = {k: jelajah.anak(store, ids[-1], None, None)[0].id for k, ids in versi.items()}
        komentar = {}
        for kode, who in (("109141", "operator"), ("527010", "reviewer")):
            user = akses.pengguna(store, tim.pengguna(store, username=who).id)  # type: ignore[union-attr]
            assert user is not None
            komentar[kode] = ulasan.tambah(
                store, user, versi[kode][-1], "", f"catatan {who}", now=lambda: NOW
            ).id
        operator = tim.pengguna(store, username="operator")
        assert operator is not None
        job = tim.buat_impor(store, operator.id, "x.zip", "/tmp/none/x.zip", NOW, status="selesai", hasil={})
        # a draft of each of the operator's satkers: a revision of its latest version
        from anggaran.services import konsep

        op = akses.pengguna(store, operator.id)
        assert op is not None
        drafts = {
            k: konsep.mulai(store, op, dari_versi=versi[k][-1], now=lambda: NOW).id
            for k in ("109141", "527010")
        }
    return Demo(versi, program, komentar, job, {"konsep": drafts})


def login(username: str) -> Client:
    """A client logged in as ``username`` of the cast (through the login form, so the
    login throttling and the audit see it)."""
    client = Client()
    response = client.post("/masuk/", {"username": username, "password": "anggaran-demo"})
    assert response.status_code == 302, response.content[:500]
    return client


@pytest.fixture
def web(db, demo: Demo) -> Demo:  # type: ignore[no-untyped-def]
    """The demonstration, in a transaction rolled back after the test (the drafts' trees
    kept in this process are forgotten: their change numbers are rolled back too)."""
    from anggaran.services import konsep

    konsep._TERAKHIR.items.clear()
    return demo


# -- a real server: `anggaran serve --demo` in a process of its own ---------------------------

#: what the test settings set in this process, which a process of the CLI must not inherit
TEST_ENV = ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "ANGGARAN_HTTPS", "SECRET_KEY")


def cli_env(**extra: str) -> dict[str, str]:
    """The environment of a user's own process: this one's, without the test settings."""
    import os

    return {k: v for k, v in os.environ.items() if k not in TEST_ENV} | extra


@dataclass
class Server:
    """``anggaran serve --demo`` running: its address and the database it serves."""

    url: str
    db: str
    log: object


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The demonstration served as its README says (``anggaran serve --demo``), on a free
    port and a database of its own; stopped at the end of the session."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    folder = tmp_path_factory.mktemp("serve")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = f"sqlite:///{folder / 'demo.sqlite3'}"
    log = (folder / "serve.log").open("w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "anggaran", "serve", "--demo", "--db", db, "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=cli_env(XDG_DATA_HOME=str(folder / "data")),
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while True:
        try:
            with urllib.request.urlopen(url + "/masuk/", timeout=5) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            log.seek(0)
            pytest.fail(f"anggaran serve --demo did not start:\n{log.read()}")
        time.sleep(0.5)
    yield Server(url, db, log)
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()
