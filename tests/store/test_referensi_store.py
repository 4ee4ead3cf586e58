"""Code tables loaded into the store: kept with their source and date, one row per code
(a later file's name takes its place), audited; what the processes lay over the shipped
tables (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from anggaran.reference import BarisReferensi, referensi
from anggaran.services import referensi as svc
from anggaran.store import Store, tim
from anggaran.store.referensi import muat_referensi, referensi_dimuat, sumber_dimuat, tanda_referensi

T0 = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
T1 = dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _shipped_tables() -> Iterator[None]:
    svc.lepas()
    yield
    svc.lepas()


def test_a_table_is_kept_with_its_source_and_date_and_audited(store: Store) -> None:
    rows = [
        BarisReferensi("program", "015.08.CD", "Program Pengelolaan Perbendaharaan"),
        BarisReferensi("kro", "6212.UAL", "Layanan X", {"satuan": "Layanan"}),
    ]
    first = muat_referensi(store, rows, "nama-djpb.csv", "a" * 64, "siti", T0, "10.0.0.7")
    assert (first.baru, first.diubah, first.sama) == ({"program": 1, "kro": 1}, {}, {})
    again = muat_referensi(
        store,
        [BarisReferensi("program", "015.08.CD", "Program Perbendaharaan"), rows[1]],
        "nama-djpb-2.xlsx",
        "b" * 64,
        "budi",
        T1,
    )
    assert (again.baru, again.diubah, again.sama) == ({}, {"program": 1}, {"kro": 1})
    assert again.lama == {"program 015.08.CD": "Program Pengelolaan Perbendaharaan"}
    assert referensi_dimuat(store) == [
        BarisReferensi("kro", "6212.UAL", "Layanan X", {"satuan": "Layanan"}),
        BarisReferensi("program", "015.08.CD", "Program Perbendaharaan"),
    ]
    assert [(s.sumber, s.dimuat_oleh, s.dimuat_pada, s.per_jenis) for s in sumber_dimuat(store)] == [
        ("nama-djpb-2.xlsx", "budi", T1, {"program": 1}),
        ("nama-djpb.csv", "siti", T0, {"kro": 1}),
    ]
    log, _ = tim.daftar_audit(store, aksi="referensi_impor")
    assert [(r.oleh, r.objek) for r in log] == [("budi", "nama-djpb-2.xlsx"), ("siti", "nama-djpb.csv")]
    assert log[0].lama == {"program 015.08.CD": "Program Pengelolaan Perbendaharaan"}
    assert log[1].baru["baru"] == {"program": 1, "kro": 1} and log[1].alamat == "10.0.0.7"


def test_the_processes_use_what_the_store_holds(store: Store) -> None:
    assert tanda_referensi(store)[0] == 0
    svc.aktifkan(store)
    assert referensi().nama("program", "015.08.CD") is None
    data = b"jenis,kode,nama\nprogram,015.08.CD,Program Pengelolaan Perbendaharaan\nkegiatan,6212,\n"
    hasil = svc.impor_bytes(store, data, "isi.csv", "siti", T0)
    assert (hasil.dibaca, hasil.tanpa_nama, len(hasil.sha256)) == ({"program": 1}, 1, 64)
    assert referensi().nama("program", "015.08.CD") == "Program Pengelolaan Perbendaharaan"
    svc.lepas()
    assert referensi().nama("program", "015.08.CD") is None
    svc.aktifkan(store)  # as another process (a web worker) finds it
    assert referensi().nama("program", "015.08.CD") == "Program Pengelolaan Perbendaharaan"


def test_a_file_naming_nothing_loads_nothing(store: Store) -> None:
    from anggaran.core.errors import InputError

    with pytest.raises(InputError) as e:
        svc.impor_bytes(store, b"jenis,kode,nama\nkegiatan,6212,\n", "kosong.csv", "siti", T0)
    assert "kosong.csv" in str(e.value)
    assert referensi_dimuat(store) == [] and tim.daftar_audit(store, aksi="referensi_impor")[1] == 0
