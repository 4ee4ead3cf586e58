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
    return Demo(versi, program, komentar, job)


def login(username: str) -> Client:
    """A client logged in as ``username`` of the cast (through the login form, so the
    login throttling and the audit see it)."""
    client = Client()
    response = client.post("/masuk/", {"username": username, "password": "anggaran-demo"})
    assert response.status_code == 302, response.content[:500]
    return client


@pytest.fixture
def web(db, demo: Demo) -> Demo:  # type: ignore[no-untyped-def]
    """The demonstration, in a transaction rolled back after the test."""
    return demo
