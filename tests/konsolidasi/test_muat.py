"""The real archives into a consolidation: DuckDB reads SAKTI's tables to the same rows as
the per-tree reader, the totals are the archives' own, bad tables are refused naming the
file and line, and nothing is half-written."""

from __future__ import annotations

import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from anggaran.core.errors import InputError, WriteError
from anggaran.formats.adk import skema as adk_skema
from anggaran.formats.adk.reader import read_adk
from anggaran.konsolidasi import muat, pohon, skema
from anggaran.services import konsolidasi as svc
from tests.conftest import ADK_1D01, ADK_2D01, ADK_527010, extract
from tests.konsolidasi.conftest import MENJADI, SEMULA


def test_every_archive_reads_to_its_own_counts_and_totals(nyata: svc.Konsolidasi) -> None:
    got = {a.arsip: (a.satker, a.baris, a.jumlah, a.baris_semula, a.jumlah_semula) for a in nyata.arsip}
    assert got == {
        "1d01_01508_00_000000_0": (39, 4805, 74_798_704_000, 5738, 79_613_275_000),
        "2d01_01508_00_000000_0": (40, 5190, 59_828_777_000, 6308, 63_217_086_000),
        "527010d01_01508_00_527010_1": (1, 1150, 468_227_337_000, 1759, 558_223_915_000),
    }
    assert nyata.jumlah == MENJADI


def _rows(folder: Path, dataset: str, arsip: str) -> list[tuple[object, ...]]:
    # the per-tree reader keeps a detail's non-zero factors only (their places are lost)
    drop = {"berkas", "arsip"} | ({f"{x}{n}" for x in ("vol", "sat") for n in (1, 2, 3, 4)})
    cols = [c for c in skema.kolom(dataset) if c not in drop]
    return sorted(
        duckdb.sql(
            f"SELECT {', '.join(cols)} FROM read_parquet('{folder}/{dataset}/**/*.parquet', "
            f"hive_partitioning = true, hive_types_autocast = false) WHERE arsip = '{arsip}'"
        ).fetchall(),
        key=repr,
    )


@pytest.mark.parametrize("archive", [ADK_1D01, ADK_2D01, ADK_527010], ids=lambda p: p.name[:6])
def test_duckdb_reads_the_same_rows_as_the_per_tree_reader(
    archive: Path, nyata: svc.Konsolidasi, tmp_path: Path
) -> None:
    result = read_adk(archive)
    arsip = archive.name.removesuffix(".zip")
    trees = [(t, "adk", "menjadi") for t in result.arsip.satker]
    trees += [(t, "adk", "semula") for t in result.arsip.semula or []]
    pohon.muat_pohon(trees, tmp_path, arsip)
    for dataset in skema.DATASET:
        expected = _rows(tmp_path, dataset, arsip)
        assert expected, dataset
        assert _rows(nyata.folder, dataset, arsip) == expected, dataset


def test_codes_keep_their_zeros_and_money_is_whole(duck) -> None:  # type: ignore[no-untyped-def]
    row = duck.sql(
        "SELECT kl, unit, program, kegiatan, kro, ro, komponen, sub_komponen, akun, item, volume, "
        "harga_satuan, jumlah FROM item WHERE satker = '015116' AND versi = 'menjadi' ORDER BY baris LIMIT 1"
    )[0]
    assert row == (
        "015",
        "015.08",
        "015.08.CD",
        "6212",
        "6212.FAL",
        "002",
        "100",
        "A",
        "521211",
        "1",
        Decimal("264.0000"),
        19625,
        5_181_000,
    )


#: the place of jumlah in a row of d_item's CSV
JUMLAH = adk_skema.tabel("item").baris.index("jumlah")


def _archive_with(tmp_path: Path, table: str, edit) -> Path:  # type: ignore[no-untyped-def]
    folder = extract(ADK_527010, tmp_path / "arsip")
    (path,) = folder.rglob(f"{table}*.csv")
    lines = path.read_bytes().split(b"\r\n")
    edit(lines)
    path.write_bytes(b"\r\n".join(lines))
    return folder


def test_a_number_that_is_not_a_number_names_file_line_and_column(tmp_path: Path) -> None:
    def edit(lines: list[bytes]) -> None:
        fields = lines[4].split(b"|")
        fields[JUMLAH] = b"^12x^"  # jumlah of the fifth row
        lines[4] = b"|".join(fields)

    folder = _archive_with(tmp_path, "d_item", edit)
    with pytest.raises(InputError) as e:
        svc.konsolidasi([svc.Masukan("adk", folder)], tmp_path / "out")
    assert e.value.line == 5 and e.value.file.endswith("d_item01508005270101.csv")
    assert e.value.params["nilai"] == "12x"
    assert not (tmp_path / "out").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]


def test_a_fraction_of_a_rupiah_is_refused(tmp_path: Path) -> None:
    def edit(lines: list[bytes]) -> None:
        fields = lines[0].split(b"|")
        fields[JUMLAH] = fields[JUMLAH].replace(b"^", b"").join([b"^", b".50^"])
        lines[0] = b"|".join(fields)

    folder = _archive_with(tmp_path, "d_item", edit)
    with pytest.raises(InputError) as e:
        svc.konsolidasi([svc.Masukan("adk", folder)], tmp_path / "out")
    assert e.value.line == 1 and e.value.params["nilai"].endswith(".50")


def test_whole_rupiah_written_with_zero_decimals_keep_every_digit(tmp_path: Path) -> None:
    # the load reads money as DECIMAL(18,0): the largest amount SAKTI's field holds (18
    # digits) and one written with Visual FoxPro's zero decimals read as they are
    def edit(lines: list[bytes]) -> None:
        for n, value in ((0, b"999999999999999999.00000000"), (1, b"1234.00")):
            fields = lines[n].split(b"|")
            fields[JUMLAH] = value
            lines[n] = b"|".join(fields)

    folder = _archive_with(tmp_path, "d_item", edit)
    svc.konsolidasi([svc.Masukan("adk", folder)], tmp_path / "out")
    got = duckdb.execute(
        "SELECT baris, jumlah FROM read_parquet(?) WHERE baris <= 2 AND versi = 'menjadi' ORDER BY baris",
        [str(tmp_path / "out" / "item" / "**" / "*.parquet")],
    ).fetchall()
    assert got == [(1, 999999999999999999), (2, 1234)]


def test_a_row_cut_short_is_refused_by_its_line(tmp_path: Path) -> None:
    def edit(lines: list[bytes]) -> None:
        lines[2] = b"|".join(lines[2].split(b"|")[:20])

    folder = _archive_with(tmp_path, "d_akun", edit)
    with pytest.raises(InputError) as e:
        svc.konsolidasi([svc.Masukan("adk", folder)], tmp_path / "out")
    assert e.value.file.endswith("d_akun01508005270101.csv") and e.value.line == 3


def test_csv_and_xml_of_other_row_counts_are_refused(tmp_path: Path) -> None:
    def edit(lines: list[bytes]) -> None:
        del lines[7]

    folder = _archive_with(tmp_path, "d_soutput", edit)
    with pytest.raises(InputError) as e:
        svc.konsolidasi([svc.Masukan("adk", folder)], tmp_path / "out")
    assert "d_soutput" in e.value.file and e.value.params["xml"] == e.value.params["csv"] + 1


def test_a_folder_of_archives_is_every_archive_in_name_order(tmp_path: Path) -> None:
    for a in (ADK_527010, ADK_1D01):
        shutil.copy(a, tmp_path / a.name)
    assert [p.name for p in muat.arsip_dari(tmp_path)] == [ADK_1D01.name, ADK_527010.name]
    assert muat.arsip_dari(ADK_1D01) == [ADK_1D01]


def test_a_folder_that_is_not_a_consolidation_is_never_replaced(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    with pytest.raises(WriteError):
        svc.konsolidasi([svc.Masukan("adk", ADK_527010)], mine)
    assert (mine / "notes.txt").read_text() == "keep me"


def test_an_input_is_never_written_over(tmp_path: Path) -> None:
    folder = extract(ADK_527010, tmp_path / "arsip")
    with pytest.raises(WriteError):
        svc.konsolidasi([svc.Masukan("adk", folder)], folder / "out")
    with pytest.raises(WriteError):
        svc.konsolidasi([svc.Masukan("adk", folder)], folder)


def test_an_earlier_consolidation_is_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = svc.konsolidasi([svc.Masukan("adk", ADK_1D01)], out)
    second = svc.konsolidasi([svc.Masukan("dipa", ADK_527010)], out)
    assert first.jumlah == 74_798_704_000 and second.jumlah == 468_227_337_000
    tahap = {p.name for p in (out / "item" / "tahun=2026").iterdir()}
    assert tahap == {"tahap=dipa"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_document_joins_the_archives(tmp_path: Path, example_path: Path) -> None:
    k = svc.konsolidasi(
        [svc.Masukan("adk", ADK_527010), svc.Masukan("rka-2023", example_path)], tmp_path / "out"
    )
    m = svc.ms.buka(k.folder)
    try:
        rows = m.sql("SELECT tahun, tahap, count(DISTINCT satker) FROM item GROUP BY ALL ORDER BY ALL")
    finally:
        m.close()
    assert rows == [("2023", "rka-2023", 1), ("2026", "adk", 1)]


def test_the_outputs_hold_every_level_and_the_summary(nyata: svc.Konsolidasi) -> None:
    import openpyxl

    names = {str(p.relative_to(nyata.folder)) for p in nyata.files}
    assert {
        "konsolidasi.xlsx",
        "konsolidasi.json",
        "temuan.csv",
        "temuan.parquet",
        "rekap/pohon.parquet",
    } <= names
    for level in skema.LEVEL:
        assert f"rekap/{level}.csv" in names and f"rekap/{level}.parquet" in names
    # money and counts as 64-bit whole numbers (DuckDB's 128-bit sums were written as DOUBLE)
    import pyarrow.parquet as pq

    for level in (*skema.LEVEL, "pohon"):
        schema = pq.read_schema(nyata.folder / "rekap" / f"{level}.parquet")
        assert {str(schema.field(c).type) for c in ("jumlah", "baris")} == {"int64"}, level
    wb = openpyxl.load_workbook(nyata.folder / "konsolidasi.xlsx", read_only=True)
    assert wb.sheetnames[:2] == ["ringkasan", "kl"] and wb.sheetnames[-1] == "temuan"
    kl = list(wb["kl"].iter_rows(values_only=True))
    assert kl[0] == ("tahun", "tahap", "versi", "kl", "jumlah", "baris", "jumlah_satker")
    # lines without the header lines (the per-tree reader counts 9,983 and 12,447 too)
    assert kl[1:] == [
        ("2026", "adk", "menjadi", "015", MENJADI, 9983, 80),
        ("2026", "adk", "semula", "015", SEMULA, 12447, 80),
    ]


def test_every_node_of_every_satker_is_rolled_up(duck) -> None:  # type: ignore[no-untyped-def]
    rows = duck.sql(
        f"SELECT kedalaman, sum(jumlah), count(*) FROM ({svc.pohon_sql()}) WHERE versi = 'menjadi' "
        "GROUP BY kedalaman ORDER BY kedalaman"
    )
    # each depth's nodes add up to the national total; one row per satker at depth 0
    assert all(r[1] == MENJADI for r in rows)
    assert rows[0][2] == 80 and [r[0] for r in rows] == list(range(8))


def test_reading_a_zip_needs_no_table_on_disk(tmp_path: Path) -> None:
    with zipfile.ZipFile(ADK_527010) as z:
        assert any(n.startswith("d_item") for n in z.namelist())
    r = list(muat.muat_semua([("x", ADK_527010)], tmp_path))
    assert r[0].jumlah == 468_227_337_000 and r[0].tahap == "x"


def _isi(folder: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every dataset's rows, in the order they were read (archive, side, line)."""
    con = duckdb.connect()
    out = {}
    for d in skema.DATASET:
        glob = str(folder / d / "**" / "*.parquet")
        out[d] = con.execute(
            f"SELECT * EXCLUDE (berkas) FROM read_parquet('{glob}', hive_partitioning = true) "
            "ORDER BY arsip, versi, baris"
        ).fetchall()
    con.close()
    return out


def test_two_processes_load_what_one_does(tmp_path: Path) -> None:
    inputs = [("adk", a) for a in (ADK_1D01, ADK_2D01, ADK_527010)]
    told: list[tuple[str, int, int]] = []
    one = list(muat.muat_semua(inputs, tmp_path / "satu", workers=1))
    two = list(muat.muat_semua(inputs, tmp_path / "dua", lambda *a: told.append(a), workers=2))
    assert two == one and [r.jumlah for r in two] == [74_798_704_000, 59_828_777_000, 468_227_337_000]
    assert told == [(ADK_1D01.name, 0, 3), (ADK_2D01.name, 1, 3), (ADK_527010.name, 2, 3), ("", 3, 3)]
    a, b = _isi(tmp_path / "satu"), _isi(tmp_path / "dua")
    assert len(a["item"]) == sum(r.baris + r.baris_semula for r in one) and a == b


def test_a_bad_archive_read_by_a_worker_is_refused_by_its_line(tmp_path: Path) -> None:
    def edit(lines: list[bytes]) -> None:
        lines[2] = b"|".join(lines[2].split(b"|")[:20])

    folder = _archive_with(tmp_path, "d_akun", edit)
    inputs = [svc.Masukan("adk", a) for a in (ADK_1D01, folder, ADK_2D01)]
    with pytest.raises(InputError) as e:
        svc.konsolidasi(inputs, tmp_path / "out")
    assert e.value.file.endswith("d_akun01508005270101.csv") and e.value.line == 3
    assert not (tmp_path / "out").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]
