"""The team's side of the store on SQLite and on PostgreSQL: every import in the audit log
with its versions, the audit log only ever added to, accounts and roles, and the lists of
satkers filtered by scope exactly as a scope covers a single satker."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connections

from anggaran.core.lingkup import parse_lingkup
from anggaran.services import akses
from anggaran.services import versi as v
from anggaran.store import Store, jelajah, tim
from tests.conftest import ADK_1D01, EXAMPLE

NOW = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)


def test_an_import_is_audited_with_its_versions(store: Store) -> None:
    result = v.import_file(store, ADK_1D01, oleh="cli:siti", pada=NOW, alamat="10.0.0.7")
    log, total = tim.daftar_audit(store)
    assert total == 1
    [row] = log
    assert (row.aksi, row.oleh, row.objek, row.alamat) == ("impor", "cli:siti", ADK_1D01.name, "10.0.0.7")
    assert row.baru == {
        "berkas": result.berkas.id,  # type: ignore[union-attr]
        "sha256": result.berkas.sha256,  # type: ignore[union-attr]
        "versi": [i.id for i in result.versi],
    }
    assert len(row.baru["versi"]) == 39
    # the same file again stores nothing, and audits nothing
    assert not v.import_file(store, ADK_1D01, oleh="cli:siti", pada=NOW).baru
    assert tim.daftar_audit(store)[1] == 1


@pytest.mark.parametrize(
    "sql",
    ["UPDATE anggaran_audit SET oleh = 'x'", "DELETE FROM anggaran_audit"],
)
def test_the_audit_log_is_only_added_to(store: Store, sql: str) -> None:
    tim.catat(store, NOW, "admin", "hak_beri", "siti", [], ["operator satker 109141"])
    connection = connections[store.alias]
    with pytest.raises(Exception, match="tidak dapat diubah"), connection.cursor() as cur:
        cur.execute(sql)
    connection.close()
    log, _ = tim.daftar_audit(store)
    assert [(r.oleh, r.objek, r.baru) for r in log] == [("admin", "siti", ["operator satker 109141"])]


def test_truncate_of_the_audit_log_is_refused_on_postgresql(store: Store) -> None:
    connection = connections[store.alias]
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"  # SQLite has no TRUNCATE; DELETE is refused above
        return
    tim.catat(store, NOW, "admin", "masuk", "admin")
    with pytest.raises(Exception, match="tidak dapat diubah"), connection.cursor() as cur:
        cur.execute("TRUNCATE anggaran_audit")
    connection.close()
    assert tim.daftar_audit(store)[1] == 1


def test_accounts_roles_and_their_audit(store: Store) -> None:
    akses.tambah_pengguna(store, "cli:root", "siti", "sandi-yang-panjang", "Siti", now=lambda: NOW)
    assert akses.beri(store, "cli:root", "siti", "reviewer", "unit:015.08", now=lambda: NOW)
    assert not akses.beri(store, "cli:root", "siti", "reviewer", "015.08", now=lambda: NOW)  # held
    assert tim.cek_sandi(store, "siti", "sandi-yang-panjang") is not None
    assert tim.cek_sandi(store, "siti", "salah") is None
    key = akses.token(store, "cli:root", "siti", now=lambda: NOW)
    user = akses.dari_token(store, key, NOW)
    assert user is not None and user.username == "siti"
    assert [str(s) for s in user.lingkup()] == ["unit 015.08"]
    assert akses.cabut(store, "cli:root", "siti", "reviewer", "unit:015.08", now=lambda: NOW)
    log, _ = tim.daftar_audit(store)
    assert [r.aksi for r in reversed(log)] == ["pengguna_tambah", "hak_beri", "token_buat", "hak_cabut"]


SCOPES = ["semua", "unit:015.08", "unit:013.05", "kl:015", "kl:013", "satker:109141", "satker:015116"]


def test_a_list_holds_exactly_the_satkers_its_scope_covers(store: Store) -> None:
    v.import_file(store, ADK_1D01, oleh="t", pada=NOW)
    v.import_file(store, EXAMPLE, oleh="t", pada=NOW)
    every = {r.kode for r in jelajah.satker_ringkas(store, None)}
    assert len(every) == 40
    provinsi = sorted({store.satker_kode(k).provinsi for k in every})
    for text in SCOPES + [f"provinsi:{p}" for p in provinsi]:
        scope = parse_lingkup(text)
        listed = {r.kode for r in jelajah.satker_ringkas(store, [scope])}
        covered = {k for k in every if scope.covers(store.satker_kode(k))}
        assert listed == covered, text
    assert {r.kode for r in jelajah.satker_ringkas(store, [parse_lingkup("provinsi:16")])} == {"109141"}
    assert len({r.kode for r in jelajah.satker_ringkas(store, [parse_lingkup("unit:015.08")])}) == 39
    assert jelajah.satker_ringkas(store, []) == []  # no role: no satker


def test_the_last_administrator_keeps_the_role(store: Store) -> None:
    from anggaran.core.errors import InputError

    store.migrate()
    akses.tambah_pengguna(store, "cli:root", "admin", "sandi-yang-panjang", now=lambda: NOW)
    akses.beri(store, "cli:root", "admin", "admin", "semua", now=lambda: NOW)
    with pytest.raises(InputError, match="last administrator"):
        akses.cabut(store, "admin", "admin", "admin", "semua", now=lambda: NOW)
    assert [h.peran for h in akses.pengguna(store, tim.pengguna(store, username="admin").id).hak] == ["admin"]  # type: ignore[union-attr]


def test_two_administrators_taking_each_others_role_at_once_leave_one(db_url: str) -> None:
    """The trial's race: admin and admin2 revoke each other at the same moment (2 rounds
    in 45 left no administrator)."""
    import threading

    from django.db import connections

    from anggaran.core.errors import InputError

    setup = Store(db_url)
    setup.migrate()
    for name in ("admin", "admin2"):
        akses.tambah_pengguna(setup, "cli:root", name, "sandi-yang-panjang", now=lambda: NOW)
    for round_ in range(8):
        for name in ("admin", "admin2"):
            akses.beri(setup, "cli:root", name, "admin", "semua", now=lambda: NOW)
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def take(oleh: str, target: str, barrier: threading.Barrier, outcomes: list[str]) -> None:
            store = Store(db_url)
            barrier.wait()
            try:
                akses.cabut(store, oleh, target, "admin", "semua", now=lambda: NOW)
                outcomes.append("taken")
            except InputError:  # the last administrator, or (SQLite) the other writer won
                outcomes.append("refused")
            finally:
                connections[store.alias].close()

        threads = [
            threading.Thread(target=take, args=(*p, barrier, outcomes))
            for p in (("admin", "admin2"), ("admin2", "admin"))
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        admins = [u.username for u in tim.daftar_pengguna(setup) if any(h.peran == "admin" for h in u.hak)]
        assert len(admins) >= 1, (round_, outcomes)
        assert outcomes.count("taken") <= 1, (round_, outcomes)
