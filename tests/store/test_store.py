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
from anggaran.store import NewBerkas, NewVersi, Store
from tests.conftest import ADK_1D01, ADK_2D01, ADK_527010, EXAMPLE, raises_id
from tests.strategies import rka_satker, rka_satker_b

NOW = dt.datetime(2026, 11, 29, 10, 0, tzinfo=dt.UTC)


def import_file(store: Store, path: Path, **kw) -> v.ImportResult:  # type: ignore[no-untyped-def]
    return v.import_file(store, path, oleh="penguji", pada=NOW, **kw)


def counts(store: Store) -> dict[str, int]:
    """Rows per table of the store."""
    from django.apps import apps

    return {
        m._meta.db_table: m.objects.using(store.alias).count()
        for m in apps.get_app_config("anggaran").get_models()
    }


@pytest.mark.parametrize(
    ("archive", "n_satker", "n_detail", "jumlah"),
    [
        (ADK_1D01, 39, 4805, 74_798_704_000),
        (ADK_2D01, 40, 5190, 59_828_777_000),
        (ADK_527010, 1, 1150, 468_227_337_000),
    ],
)
def test_real_archive_in_and_out_unchanged(
    store: Store, archive: Path, n_satker: int, n_detail: int, jumlah: int
) -> None:
    result = import_file(store, archive, tahap=("dipa", None), catatan="uji")
    assert result.baru and result.format == "adk" and not result.read_errors
    assert len(result.versi) == n_satker
    assert sum(i.jumlah for i in result.versi) == jumlah
    rows = counts(store)
    assert rows["anggaran_detail"] == n_detail
    assert rows["anggaran_versi"] == n_satker and rows["anggaran_berkas"] == 1
    for checked, info in zip(result.input.satker, result.versi, strict=True):
        assert info.satker == checked.tree.satker.kode
        assert (info.tahap, info.tahap_label, info.catatan) == ("dipa", "dipa", "uji")
        tree = store.load_tree(info.id)
        expected = replace(checked.tree, dokumen=replace(checked.tree.dokumen, tahap="dipa"))
        assert tree == expected
        assert canonical.to_dict(tree) == canonical.to_dict(expected)
        assert v.fingerprint(tree) == info.fingerprint
        assert [d.rencana_bulanan for _, d in tree.detail()] == [
            d.rencana_bulanan for _, d in checked.tree.detail()
        ]


def test_bagian_a_example_in_and_out_unchanged(store: Store) -> None:
    result = import_file(store, EXAMPLE)
    assert result.format == "rka-text" and len(result.versi) == 1
    info = result.versi[0]
    assert (info.satker, info.tahun_anggaran, info.jumlah, info.tahap) == (
        "109141",
        2023,
        3_212_301_000,
        None,
    )
    tree = store.load_tree(info.id)
    assert tree == result.input.satker[0].tree
    # what equality leaves out but the document and its JSON carry: the letterhead, pages
    assert canonical.to_dict(tree) == canonical.to_dict(result.input.satker[0].tree)
    assert tree.dokumen.kop[0].startswith("BALAI PEMASYARAKATAN") and tree.dokumen.jumlah_halaman == 6
    assert [len(s.indikator) for s in tree.program[0].sasaran] == [4, 6, 1]
    bdc = next(x for *_, x in tree.kro() if x.kode == "5252.BDC")
    assert str(bdc.keluaran.volume) == "237.00" and len(bdc.indikator) == 50


def test_same_file_twice_is_stored_once(store: Store, tmp_path: Path) -> None:
    first = import_file(store, ADK_527010)
    before = counts(store)
    copy = tmp_path / "salinan dengan nama lain.zip"
    copy.write_bytes(ADK_527010.read_bytes())
    again = import_file(store, copy, tahap=("dipa", None))
    assert not again.baru and again.berkas is not None
    assert again.berkas.versi == first.berkas.versi  # type: ignore[union-attr]
    assert again.berkas.nama == ADK_527010.name
    assert counts(store) == before


def test_exported_json_imports_as_an_identical_version(store: Store, tmp_path: Path) -> None:
    first = import_file(store, ADK_527010, tahap=("revisi", 2)).versi[0]
    path = tmp_path / "v.json"
    path.write_bytes(canonical.dumps(store.load_tree(first.id)))
    second = import_file(store, path)
    assert second.format == "json"
    again = second.versi[0]
    assert (again.tahap, again.revisi_ke) == ("revisi", 2)  # the stage travels in dokumen.tahap
    assert again.fingerprint == first.fingerprint and second.sama == {again.id: first.id}
    assert store.load_tree(again.id) == store.load_tree(first.id)


def test_semula_versions_compare_as_the_archive_does(store: Store) -> None:
    result = import_file(store, ADK_1D01, tahap=("revisi", 1), tahap_semula=("dipa", None), semula=True)
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
    with raises_id(InputError, "semula"):
        import_file(store, EXAMPLE, semula=True)
    assert counts(store)["anggaran_berkas"] == 0


def test_an_import_that_fails_midway_stores_nothing(store: Store, adk_527010) -> None:  # type: ignore[no-untyped-def]
    import_file(store, EXAMPLE)
    before = counts(store)
    good = adk_527010.arsip.satker[0]
    bad = replace(good, satker=replace(good.satker, kode="999999"))
    bad.program = [replace(bad.program[0], alokasi=replace(bad.program[0].alokasi, jumlah=2**63))]
    with raises_id(InputError, "angka melebihi yang dapat disimpan basis data"):
        store.save(
            NewBerkas("dua.zip", "ab" * 32, 1, "adk"),
            [NewVersi(good, None, None, v.fingerprint(good)), NewVersi(bad, None, None, "x")],
            "penguji",
            NOW,
        )
    assert counts(store) == before
    assert store.find_file("ab" * 32) is None


TREE_TABLES = (
    "program",
    "sasaran",
    "kegiatan",
    "kro",
    "ro",
    "indikator",
    "komponen",
    "subkomponen",
    "akun",
    "detail",
    "rencanapenarikan",
)


def _refused(store: Store, sql: str) -> None:
    """``sql`` is refused by the database's triggers."""
    from django.db import connections

    connection = connections[store.alias]
    with (
        pytest.raises(Exception, match="tidak dapat diubah, dihapus atau ditambah"),
        connection.cursor() as cur,
    ):
        cur.execute(sql)
    connection.close()  # PostgreSQL: the failed statement ended the transaction


def test_versions_cannot_be_changed_deleted_or_added_to(store: Store) -> None:
    from django.db import connections

    from anggaran.store.models import Berkas, Detail, ImmutableError, Satker, Versi

    import_file(store, EXAMPLE)  # sasaran and indicators: every table holds rows
    first = import_file(store, ADK_527010)
    before = counts(store)
    assert all(before[f"anggaran_{table}"] for table in TREE_TABLES)
    row = Versi.objects.using(store.alias).get(id=first.versi[0].id)
    with pytest.raises(ImmutableError):
        row.save(using=store.alias)
    with pytest.raises(ImmutableError):
        row.delete()
    vid, bid = first.versi[0].id, first.berkas.id  # type: ignore[union-attr]
    for table in TREE_TABLES:
        _refused(store, f"UPDATE anggaran_{table} SET urutan = urutan + 100000")
        _refused(store, f"DELETE FROM anggaran_{table}")
    for table in ("versi", "berkas"):
        _refused(store, f"UPDATE anggaran_{table} SET catatan = 'lain'")
        _refused(store, f"UPDATE anggaran_{table} SET tersegel = false")
        _refused(store, f"DELETE FROM anggaran_{table}")
    # nothing can be added to a sealed version, nor a version to a sealed file
    _refused(
        store,
        "INSERT INTO anggaran_program (versi_id, urutan, kode, nama, angka_dasar, "
        f"inisiatif_baru, jumlah) VALUES ({vid}, 99, '015.08.XX', 'tambahan', 0, 0, 0)",
    )
    columns = [f.column for f in Versi._meta.concrete_fields if f.column != "id"]
    _refused(
        store,
        f"INSERT INTO anggaran_versi ({', '.join(columns)}) SELECT {', '.join(columns)} "
        f"FROM anggaran_versi WHERE id = {vid}",
    )
    # the satker its versions hang on
    _refused(store, "DELETE FROM anggaran_satker")
    _refused(store, "UPDATE anggaran_satker SET kode = '999999' WHERE kode = '527010'")
    _refused(store, "UPDATE anggaran_satker SET id = id + 1000 WHERE kode = '527010'")
    # nor can rows be planted for a version or file to come
    _refused(
        store,
        "INSERT INTO anggaran_program (versi_id, urutan, kode, nama, angka_dasar, "
        f"inisiatif_baru, jumlah) VALUES ({vid + 1}, 0, '015.08.XX', 'sisipan', 0, 0, 0)",
    )
    if "postgresql" in store.url:
        for table in (*TREE_TABLES, "versi", "berkas", "satker"):
            _refused(store, f"TRUNCATE anggaran_{table} CASCADE")
    else:  # INSERT OR REPLACE deletes the old row without firing its DELETE trigger
        for table in ("detail", "versi", "berkas"):
            _refused(
                store,
                f"INSERT OR REPLACE INTO anggaran_{table} SELECT * FROM anggaran_{table} ORDER BY id LIMIT 1",
            )
        # nor by a new file row taking a stored one's SHA-256, or a row taking a stored id
        _refused(
            store,
            "INSERT OR REPLACE INTO anggaran_berkas (nama, sha256, ukuran, format, "
            "diimpor_oleh, diimpor_pada, catatan, tersegel) SELECT 'palsu', sha256, 1, "
            "format, 'x', diimpor_pada, '', 0 FROM anggaran_berkas ORDER BY id LIMIT 1",
        )
        for table in ("versi", "berkas"):
            _refused(store, f"UPDATE OR REPLACE anggaran_{table} SET id = 1 WHERE id = 2")
        with connections[store.alias].cursor() as cur:  # a second 527010: skipped
            cur.execute(
                "INSERT OR REPLACE INTO anggaran_satker (kode, nama, kementerian_kode, "
                "kementerian_nama, unit_kode, unit_nama, provinsi_kode, provinsi_nama, "
                "lokasi_kode, lokasi_nama) VALUES ('527010', 'LAIN', '', '', '', '', '', '', "
                "'', '')"
            )
    assert (
        Satker.objects.using(store.alias).get(kode="527010").nama
        == "KANTOR PUSAT DIREKTORAT JENDERAL PERBENDAHARAAN"
    )
    assert counts(store) == before
    assert Detail.objects.using(store.alias).count() == 1150
    assert Berkas.objects.using(store.alias).get(id=bid).tersegel
    # and the tree reads back as stored
    assert store.load_tree(vid) == replace(first.input.satker[0].tree)


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
    import_file(store, ADK_527010, tahap=("dipa", None))
    info = import_file(store, ADK_1D01).versi[2]
    assert store.version(str(info.id)) == store.version(f"v{info.id}") == store.version(f"#{info.id}") == info
    assert store.version(info.satker).id == info.id
    assert store.version("527010").id == 1 and store.version("v1").satker == "527010"
    # a 6-digit number that is no satker's code is a version number
    with raises_id(InputError, "satker 100002 belum punya versi.*dan tidak ada versi 100002"):
        store.version("100002")
    with raises_id(InputError, "versi 999 tidak ada"):
        store.version("999")
    with raises_id(InputError, "satker 123456 belum punya versi"):
        store.version("123456")
    with raises_id(InputError, "bukan nomor versi"):
        store.version("abc")


def test_stage_named_twice_must_agree(store: Store, tmp_path: Path) -> None:
    first = import_file(store, EXAMPLE, tahap=("pagu-anggaran", None))
    data = json.loads(canonical.dumps(first.input.satker[0].tree))
    data["dokumen"]["tahap"] = "Pagu Anggaran"
    path = tmp_path / "pagu.json"
    path.write_text(json.dumps(data))
    with raises_id(InputError, "dokumen menyebut tahap 'Pagu Anggaran', --stage menyebut dipa"):
        import_file(store, path, tahap=("dipa", None))
    assert import_file(store, path).versi[0].tahap == "pagu-anggaran"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dipa", ("dipa", None)),
        ("DIPA", ("dipa", None)),
        ("pagu anggaran", ("pagu-anggaran", None)),
        ("Pagu Indikatif", ("pagu-indikatif", None)),
        ("alokasi", ("alokasi-anggaran", None)),
        ("revisi-2", ("revisi", 2)),
        ("Revisi ke-3", ("revisi", 3)),
        ("revisi 12", ("revisi", 12)),
    ],
)
def test_parse_tahap(text: str, expected: tuple[str, int | None]) -> None:
    assert v.parse_tahap(text) == expected


@pytest.mark.parametrize("text", ["revisi", "revisi-0", "final", "dipa 2", ""])
def test_parse_tahap_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        v.parse_tahap(text)


def test_database_that_cannot_be_opened(tmp_path: Path) -> None:
    with raises_id(InputError, "folder basis data tidak ada"):
        Store(f"sqlite:///{tmp_path}/tidak/ada.sqlite3")
    with raises_id(InputError, "tidak didukung"):
        Store("mysql://root@127.0.0.1/test")
    with raises_id(InputError, "basis data postgresql://nobody:\\*\\*\\*@127.0.0.1:1/x"):
        Store("postgresql://nobody:rahasia@127.0.0.1:1/x")
    garbage = tmp_path / "bukan.sqlite3"
    garbage.write_bytes(b"bukan basis data" * 100)
    with raises_id(InputError, "bukan.sqlite3: file is not a database"):
        Store(str(garbage))


def _roundtrip(store: Store, tree: RkaSatker, n: list[int]) -> None:
    n[0] += 1
    sha = f"{n[0]:064x}"
    stored = store.save(
        NewBerkas(f"pohon-{n[0]}.json", sha, 1, "json"),
        [NewVersi(tree, None, None, v.fingerprint(tree))],
        "penguji",
        NOW,
    )
    back = store.load_tree(stored.versi[0])
    assert back == tree
    # exact to the rupiah, and to the digit of every volume
    assert canonical.to_dict(back) == canonical.to_dict(tree)
    assert [str(d.volume) for _, d in back.detail()] == [str(d.volume) for _, d in tree.detail()]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    tree=st.one_of(rka_satker(), rka_satker_b()),
    kop=st.lists(
        st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=40),
        max_size=3,
    ),
)
def test_any_valid_tree_survives_store_and_load(store: Store, tree: RkaSatker, kop: list[str]) -> None:
    tree.dokumen.kop = kop
    _roundtrip(store, tree, _N)


_N = [0]


def test_the_same_bytes_stored_meanwhile_by_another_process(store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from anggaran.store import AlreadyImported

    first = import_file(store, ADK_527010)
    with pytest.raises(AlreadyImported) as caught:  # the database's unique SHA-256 refuses it
        store.save(
            NewBerkas("lagi.zip", first.berkas.sha256, 1, "adk"),  # type: ignore[union-attr]
            [NewVersi(first.input.satker[0].tree, None, None, "x")],
            "penguji",
            NOW,
        )
    assert caught.value.berkas.versi == first.berkas.versi  # type: ignore[union-attr]
    # the import found nothing when it looked, then lost the race: told as "imported before"
    looks = iter([None])
    real = store.find_file
    monkeypatch.setattr(store, "find_file", lambda sha: next(looks, real(sha)))
    again = import_file(store, ADK_527010)
    assert not again.baru and again.berkas.versi == first.berkas.versi  # type: ignore[union-attr]
    assert counts(store)["anggaran_versi"] == 1


def test_text_postgresql_cannot_hold_is_refused_clearly(db_url: str, tmp_path: Path) -> None:
    store = Store(db_url)
    data = json.loads(canonical.dumps(import_file(store, EXAMPLE).input.satker[0].tree))
    data["program"][0]["nama"] = "Program\u0000Dukungan"
    path = tmp_path / "nul.json"
    path.write_text(json.dumps(data))
    if db_url.startswith("postgresql"):
        with raises_id(InputError, "nilai ditolak.*NUL"):
            import_file(store, path)
        assert len(store.versions()) == 1
    else:
        stored = import_file(store, path).versi[0]
        assert store.load_tree(stored.id).program[0].nama == "Program\u0000Dukungan"
    store.close()
