"""The store on SQLite and on PostgreSQL: real inputs in and out unchanged, one import per
file, all or nothing, immutable versions."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anggaran.core.errors import InputError
from anggaran.core.tree import RkaSatker
from anggaran.formats import json as canonical
from anggaran.services import versi as v
from anggaran.services.banding import perbandingan
from anggaran.store import BerkasBaru, Store, VersiBaru
from tests.conftest import ADK_1D01, ADK_2D01, ADK_527010, EXAMPLE
from tests.strategies import rka_satker, rka_satker_b

NOW = dt.datetime(2026, 11, 29, 10, 0, tzinfo=dt.UTC)


def impor(store: Store, path: Path, **kw) -> v.HasilImpor:  # type: ignore[no-untyped-def]
    return v.impor(store, path, oleh="penguji", pada=NOW, **kw)


def counts(store: Store) -> dict[str, int]:
    """Rows per table of the store."""
    from django.apps import apps

    return {m._meta.db_table: m.objects.using(store.alias).count()
            for m in apps.get_app_config("anggaran").get_models()}


@pytest.mark.parametrize(("archive", "n_satker", "n_detail", "jumlah"), [
    (ADK_1D01, 39, 4805, 74_798_704_000),
    (ADK_2D01, 40, 5190, 59_828_777_000),
    (ADK_527010, 1, 1150, 468_227_337_000),
])
def test_real_archive_in_and_out_unchanged(store: Store, archive: Path, n_satker: int,
                                           n_detail: int, jumlah: int) -> None:
    result = impor(store, archive, tahap=("dipa", None), catatan="uji")
    assert result.baru and result.format == "adk" and not result.read_errors
    assert len(result.versi) == n_satker
    assert sum(i.jumlah for i in result.versi) == jumlah
    rows = counts(store)
    assert rows["anggaran_detail"] == n_detail
    assert rows["anggaran_versi"] == n_satker and rows["anggaran_berkas"] == 1
    for checked, info in zip(result.checked, result.versi, strict=True):
        assert info.satker == checked.tree.satker.kode
        assert (info.tahap, info.tahap_label, info.catatan) == ("dipa", "dipa", "uji")
        tree = store.muat(info.id)
        assert tree == replace(checked.tree, dokumen=replace(checked.tree.dokumen, tahap="dipa"))
        assert v.sidik(tree) == info.sidik
        assert [d.rencana_bulanan for _, d in tree.detail()] == \
            [d.rencana_bulanan for _, d in checked.tree.detail()]


def test_bagian_a_example_in_and_out_unchanged(store: Store) -> None:
    result = impor(store, EXAMPLE)
    assert result.format == "rka-text" and len(result.versi) == 1
    info = result.versi[0]
    assert (info.satker, info.tahun_anggaran, info.jumlah, info.tahap) == (
        "109141", 2023, 3_212_301_000, None)
    tree = store.muat(info.id)
    assert tree == result.checked[0].tree
    assert tree.dokumen.penandatangan == result.checked[0].tree.dokumen.penandatangan
    assert [len(s.indikator) for s in tree.program[0].sasaran] == [4, 6, 1]
    bdc = next(x for *_, x in tree.kro() if x.kode == "5252.BDC")
    assert str(bdc.keluaran.volume) == "237.00" and len(bdc.indikator) == 50


def test_same_file_twice_is_stored_once(store: Store, tmp_path: Path) -> None:
    first = impor(store, ADK_527010)
    before = counts(store)
    copy = tmp_path / "salinan dengan nama lain.zip"
    copy.write_bytes(ADK_527010.read_bytes())
    again = impor(store, copy, tahap=("dipa", None))
    assert not again.baru and again.berkas is not None
    assert again.berkas.versi == first.berkas.versi  # type: ignore[union-attr]
    assert again.berkas.nama == ADK_527010.name
    assert counts(store) == before


def test_exported_json_imports_as_an_identical_version(store: Store, tmp_path: Path) -> None:
    first = impor(store, ADK_527010, tahap=("revisi", 2)).versi[0]
    path = tmp_path / "v.json"
    path.write_bytes(canonical.dumps(store.muat(first.id)))
    second = impor(store, path)
    assert second.format == "json"
    again = second.versi[0]
    assert (again.tahap, again.revisi_ke) == ("revisi", 2)  # the stage travels in dokumen.tahap
    assert again.sidik == first.sidik and second.sama == {again.id: first.id}
    assert store.muat(again.id) == store.muat(first.id)


def test_semula_versions_compare_as_the_archive_does(store: Store) -> None:
    result = impor(store, ADK_1D01, tahap=("revisi", 1), tahap_semula=("dipa", None), semula=True)
    assert len(result.versi) == 78 and len(result.semula) == 39
    semula = [i for i in result.versi if i.id in result.semula]
    assert {i.tahap_label for i in semula} == {"dipa"}
    assert all(i.catatan == "semula (m_*)" for i in semula)
    assert sum(i.jumlah for i in semula) == 79_613_275_000
    p = v.perbandingan_versi(store, str(semula[0].id), str(semula[0].id + 1))
    q = perbandingan(ADK_1D01, satker=semula[0].satker)
    assert p.jumlah() == q.jumlah() == (2_940_351_000, 2_856_148_000)
    assert p.per_jenis_belanja() == q.per_jenis_belanja()
    assert p.satker() == {"berubah": 1, "tetap": 0, "baru": 0, "dihapus": 0}


def test_semula_of_a_file_without_it_is_refused(store: Store) -> None:
    with pytest.raises(InputError, match="semula"):
        impor(store, EXAMPLE, semula=True)
    assert counts(store)["anggaran_berkas"] == 0


def test_an_import_that_fails_midway_stores_nothing(store: Store, adk_527010) -> None:  # type: ignore[no-untyped-def]
    impor(store, EXAMPLE)
    before = counts(store)
    good = adk_527010.arsip.satker[0]
    bad = replace(good, satker=replace(good.satker, kode="999999"))
    bad.program = [replace(bad.program[0], alokasi=replace(bad.program[0].alokasi, jumlah=2**63))]
    with pytest.raises(InputError, match="melebihi batas"):
        store.simpan(BerkasBaru("dua.zip", "ab" * 32, 1, "adk"),
                     [VersiBaru(good, None, None, v.sidik(good)), VersiBaru(bad, None, None, "x")],
                     "penguji", NOW)
    assert counts(store) == before
    assert store.berkas("ab" * 32) is None


def test_versions_cannot_be_changed_or_deleted(store: Store) -> None:
    from django.db import connections

    from anggaran.store.models import Detail, ImmutableError, Versi

    impor(store, ADK_527010)
    row = Versi.objects.using(store.alias).get()
    with pytest.raises(ImmutableError):
        row.save(using=store.alias)
    with pytest.raises(ImmutableError):
        row.delete()
    for sql in ("UPDATE anggaran_detail SET jumlah = jumlah + 1000",
                "DELETE FROM anggaran_versi", "UPDATE anggaran_berkas SET nama = 'lain'"):
        with pytest.raises(Exception, match="tidak dapat diubah"), \
                connections[store.alias].cursor() as cur:
            cur.execute(sql)
        connections[store.alias].close()  # PostgreSQL: the failed statement ended the transaction
    assert Detail.objects.using(store.alias).count() == 1150


def test_reference_tables_are_loaded(store: Store) -> None:
    from anggaran.store.models import Referensi

    rows = Referensi.objects.using(store.alias)
    assert rows.get(jenis="akun", kode="521211").nama == "Belanja Bahan"
    assert rows.get(jenis="satker", kode="015116").nama == "KPPN KHUSUS PENERIMAAN"
    assert rows.get(jenis="kro", kode="5252.BDC").data["satuan"] == "Orang"
    assert rows.get(jenis="lokasi", kode="01").nama == "DKI JAKARTA"
    from anggaran.store.referensi import baris_referensi

    assert rows.count() == len(baris_referensi()) > 100


def test_version_by_id_or_satker_code(store: Store) -> None:
    impor(store, ADK_527010, tahap=("dipa", None))
    info = impor(store, ADK_1D01).versi[2]
    assert store.versi(str(info.id)) == info
    assert store.versi(info.satker).id == info.id
    with pytest.raises(InputError, match="versi 999 tidak ada"):
        store.versi("999")
    with pytest.raises(InputError, match="satker 123456 belum punya versi"):
        store.versi("123456")
    with pytest.raises(InputError, match="bukan nomor versi"):
        store.versi("abc")


def test_stage_named_twice_must_agree(store: Store, tmp_path: Path) -> None:
    data = json.loads(canonical.dumps(impor(store, EXAMPLE, tahap=("pagu-anggaran", None)).checked[0].tree))
    data["dokumen"]["tahap"] = "Pagu Anggaran"
    path = tmp_path / "pagu.json"
    path.write_text(json.dumps(data))
    with pytest.raises(InputError, match="dokumen menyebut tahap 'Pagu Anggaran', --stage menyebut dipa"):
        impor(store, path, tahap=("dipa", None))
    assert impor(store, path).versi[0].tahap == "pagu-anggaran"


@pytest.mark.parametrize(("text", "expected"), [
    ("dipa", ("dipa", None)), ("DIPA", ("dipa", None)), ("pagu anggaran", ("pagu-anggaran", None)),
    ("Pagu Indikatif", ("pagu-indikatif", None)), ("alokasi", ("alokasi-anggaran", None)),
    ("revisi-2", ("revisi", 2)), ("Revisi ke-3", ("revisi", 3)), ("revisi 12", ("revisi", 12)),
])
def test_parse_tahap(text: str, expected: tuple[str, int | None]) -> None:
    assert v.parse_tahap(text) == expected


@pytest.mark.parametrize("text", ["revisi", "revisi-0", "final", "dipa 2", ""])
def test_parse_tahap_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        v.parse_tahap(text)


def test_database_that_cannot_be_opened(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder basis data tidak ada"):
        Store(f"sqlite:///{tmp_path}/tidak/ada.sqlite3")
    with pytest.raises(InputError, match="tidak didukung"):
        Store("mysql://root@127.0.0.1/test")
    with pytest.raises(InputError, match="basis data postgresql://nobody:\\*\\*\\*@127.0.0.1:1/x"):
        Store("postgresql://nobody:rahasia@127.0.0.1:1/x")
    garbage = tmp_path / "bukan.sqlite3"
    garbage.write_bytes(b"bukan basis data" * 100)
    with pytest.raises(InputError, match="bukan.sqlite3: file is not a database"):
        Store(str(garbage))


def _roundtrip(store: Store, tree: RkaSatker, n: list[int]) -> None:
    n[0] += 1
    sha = f"{n[0]:064x}"
    stored = store.simpan(BerkasBaru(f"pohon-{n[0]}.json", sha, 1, "json"),
                          [VersiBaru(tree, None, None, v.sidik(tree))], "penguji", NOW)
    back = store.muat(stored.versi[0])
    assert back == tree
    # exact to the rupiah, and to the digit of every volume
    assert canonical.to_dict(back) == canonical.to_dict(tree)
    assert [str(d.volume) for _, d in back.detail()] == [str(d.volume) for _, d in tree.detail()]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tree=st.one_of(rka_satker(), rka_satker_b()))
def test_any_valid_tree_survives_store_and_load(store: Store, tree: RkaSatker) -> None:
    _roundtrip(store, tree, _N)


_N = [0]


def test_the_same_bytes_stored_meanwhile_by_another_process(store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from anggaran.store import SudahDiimpor

    first = impor(store, ADK_527010)
    with pytest.raises(SudahDiimpor) as caught:  # the database's unique SHA-256 refuses it
        store.simpan(BerkasBaru("lagi.zip", first.berkas.sha256, 1, "adk"),  # type: ignore[union-attr]
                     [VersiBaru(first.checked[0].tree, None, None, "x")], "penguji", NOW)
    assert caught.value.berkas.versi == first.berkas.versi  # type: ignore[union-attr]
    # the import found nothing when it looked, then lost the race: told as "imported before"
    looks = iter([None])
    real = store.berkas
    monkeypatch.setattr(store, "berkas", lambda sha: next(looks, real(sha)))
    again = impor(store, ADK_527010)
    assert not again.baru and again.berkas.versi == first.berkas.versi  # type: ignore[union-attr]
    assert counts(store)["anggaran_versi"] == 1
