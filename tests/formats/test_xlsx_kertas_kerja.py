"""SAKTI's "Kertas Kerja Satker" export: columns found by their titles in any order (other
columns ignored), the header row found by its texts, both RO code forms, the volume as an
expression (``2 ORG x 3 KALI``), the file's own totals reconciled with its lines. No real
export is in the repository: these workbooks are made here, in two layouts, from the
real satker 015116 (TA 2026, Rp 1,009,271,000, 61 detail lines)."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest

from anggaran.core.errors import InputError
from anggaran.core.money import format_angka
from anggaran.core.tree import (
    KRO,
    RO,
    Akun,
    Detail,
    Kegiatan,
    Komponen,
    Program,
    RkaSatker,
    SubKomponen,
    walk,
)
from anggaran.formats.xlsx import read_xlsx
from anggaran.formats.xlsx.rincian import kolom_of
from tests.conftest import pesan

SATKER = "015116"


@pytest.fixture(scope="module")
def tree(adk_1d01) -> RkaSatker:  # type: ignore[no-untyped-def]
    return adk_1d01.arsip.cari(SATKER)


def _rows(tree: RkaSatker, short_ro: bool) -> list[tuple[str, str, str, Any, str, Any, Any, str]]:
    """(kode, uraian, volume expression, volume, satuan, harga satuan, jumlah, sumber dana)
    of each row of the tree, as a Kertas Kerja prints them."""
    out = []
    for step in walk(tree):
        n = step.node
        if isinstance(n, Detail):
            if n.header:
                out.append(("", n.uraian, "", None, "", None, None, ""))
            else:
                expr = n.volume_text() if n.faktor else ""
                out.append(("", n.uraian, expr, n.volume, n.satuan, n.harga_satuan, n.jumlah, "RM"))
            continue
        kode = n.kode.strip()
        vol: Any = None
        sat = ""
        if isinstance(n, RO):
            kro = step.parent
            assert isinstance(kro, KRO)
            kode = n.kode if short_ro else f"{kro.kode}.{n.kode}"
        if isinstance(n, KRO | RO):
            vol, sat = n.keluaran.volume, n.keluaran.satuan or ""
        nama = n.nama or f"Uraian {kode}"
        assert isinstance(n, Program | Kegiatan | KRO | RO | Komponen | SubKomponen | Akun)
        out.append((kode, nama, "", vol, sat, None, n.alokasi.jumlah, "RM" if isinstance(n, Akun) else ""))
    return out


def layout_a(tree: RkaSatker) -> bytes:
    """SAKTI-like: title, the header block one field per cell, titles KODE | PROGRAM/...
    /DETIL | VOLUME | SATUAN | HARGA SATUAN | JUMLAH BIAYA | SD/CP, column numbers, the RO
    in full form, the volume expression in the VOLUME column, numbers as numbers, a total
    row JUMLAH."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Kertas Kerja"
    ws.append(["KERTAS KERJA SATUAN KERJA"])
    ws.append(["TAHUN ANGGARAN 2026"])
    ws.append([])
    ws.append(["Kementerian/Lembaga : (015) KEMENTERIAN KEUANGAN"])
    ws.append(["Unit Eselon I : (08) DIREKTORAT JENDERAL PERBENDAHARAAN"])
    ws.append(["Satuan Kerja : (015116) KPPN KHUSUS PENERIMAAN"])
    ws.append(["Provinsi : (01) DKI JAKARTA"])
    ws.append(["Kabupaten/Kota : (51) KOTA JAKARTA PUSAT"])
    ws.append([])
    ws.append(
        [
            "KODE",
            "PROGRAM/ KEGIATAN/ OUTPUT/ SUBOUTPUT/ KOMPONEN/ SUBKOMP/ AKUN/ DETIL",
            "VOLUME",
            "SATUAN",
            "HARGA SATUAN",
            "JUMLAH BIAYA",
            "SD/CP",
        ]
    )
    ws.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"])
    for kode, uraian, expr, vol, sat, harga, jumlah, sd in _rows(tree, short_ro=False):
        volume = expr or (float(vol) if isinstance(vol, Decimal) else vol)
        ws.append([kode, uraian, volume, sat, harga, jumlah, sd])
    ws.append(["", "JUMLAH", None, None, None, tree.jumlah().jumlah, None])
    ws.append([])
    ws.append([None, None, None, None, "Jakarta, 10 Januari 2026"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def layout_b(tree: RkaSatker, total: int | None = None) -> bytes:
    """Another layout: a sheet of notes first, the header block in two cells, the columns
    in another order with extra ones (No, Keterangan), a second header row under a merged
    RINCIAN PERHITUNGAN, the RO by its short code, the volume expression and the volume in
    their own columns, amounts as dot-grouped text, a total row TOTAL."""
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Petunjuk"
    notes.append(["Diunduh dari SAKTI"])
    ws = wb.create_sheet("KK Satker")
    ws.append(["Rincian Kertas Kerja Satker T.A. 2026"])
    for label, value in (
        ("Kementerian Negara/Lembaga", ": 015 - KEMENTERIAN KEUANGAN"),
        ("Unit Organisasi", ": 08 - DIREKTORAT JENDERAL PERBENDAHARAAN"),
        ("Satker", ": 015116 - KPPN KHUSUS PENERIMAAN"),
        ("Provinsi", ": 01 - DKI JAKARTA"),
        ("Lokasi", ": 51 - KOTA JAKARTA PUSAT"),
    ):
        ws.append([label, value])
    ws.append([])
    ws.append(
        [
            "No",
            "Uraian",
            "Kode",
            "Rincian Perhitungan",
            None,
            None,
            "Sumber Dana",
            "Jumlah (Rp)",
            "Keterangan",
        ]
    )
    ws.append([None, None, None, "Rincian Volume", "Volume", "Harga Satuan (Rp)", None, None, None])
    for i, (kode, uraian, expr, vol, sat, harga, jumlah, sd) in enumerate(_rows(tree, short_ro=True), 1):
        volume = f"{format_angka(vol)} {sat}".strip() if vol is not None else None
        money = [None if v is None else f"{v:,}".replace(",", ".") for v in (harga, jumlah)]
        ws.append([i, uraian, kode, expr, volume, money[0], sd, money[1], "-"])
    ws.append(
        [None, "TOTAL", None, None, None, None, None, f"{total or tree.jumlah().jumlah:,}".replace(",", ".")]
    )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def same_money(read: RkaSatker, tree: RkaSatker) -> None:
    """Every level's jumlah and every line's values equal the real satker's."""
    assert read.jumlah().jumlah == tree.jumlah().jumlah == 1_009_271_000
    assert read.per_jenis_belanja() == tree.per_jenis_belanja()
    lines = [(d.uraian, d.volume, d.harga_satuan, d.jumlah, d.header) for _, d in read.detail()]
    assert lines == [(d.uraian, d.volume, d.harga_satuan, d.jumlah, d.header) for _, d in tree.detail()]
    assert len([d for d in lines if not d[4]]) == 61
    assert [(s.path, s.node.alokasi.jumlah) for s in walk(read) if not isinstance(s.node, Detail)] == [  # type: ignore[union-attr]
        (s.path, s.node.alokasi.jumlah)
        for s in walk(tree)
        if not isinstance(s.node, Detail)  # type: ignore[union-attr]
    ]


def test_titles_name_the_columns() -> None:
    assert [
        kolom_of(t) for t in ("KODE", "Uraian", "JUMLAH BIAYA", "Jumlah (Rp)", "SD/CP", "Sumber Dana")
    ] == [
        "kode",
        "uraian",
        "jumlah",
        "jumlah",
        "sd",
        "sd",
    ]
    assert kolom_of("Harga Satuan (Rp)") == "harga" and kolom_of("Rincian Volume") == "rincian"
    assert kolom_of("Keterangan") is None and kolom_of("No") is None


@pytest.mark.parametrize("layout", [layout_a, layout_b], ids=["sakti", "lain"])
def test_both_layouts_read_to_the_real_money(tree: RkaSatker, layout: Any) -> None:
    result = read_xlsx(layout(tree), "kk.xlsx")
    read = result.tree
    assert result.findings == []
    assert (read.satker.kode, read.satker.nama, read.dokumen.tahun_anggaran) == (
        "015116",
        "KPPN KHUSUS PENERIMAAN",
        2026,
    )
    assert (read.kementerian.kode, read.unit_organisasi.kode, read.provinsi.kode, read.lokasi.kode) == (
        "015",
        "08",
        "01",
        "51",
    )
    same_money(read, tree)
    ro = read.program[0].kegiatan[0].kro[0].ro[0]
    assert (ro.kode, ro.keluaran.volume) == ("002", 2)
    line = next(d for _, d in read.detail() if d.faktor == [(Decimal(1), "KEG"), (Decimal(75), "ORG")])
    assert line.volume == 75 and line.sumber_dana == "RM"
    assert read.program[0].kegiatan[0].kro[0].ro[0].komponen[0].sub_komponen[0].kode == " A"


def test_the_files_own_total_is_reconciled(tree: RkaSatker) -> None:
    result = read_xlsx(layout_b(tree, total=1_009_000_000), "kk.xlsx")
    assert [(f.rule, f.variant, f.args["tercetak"], f.args["dihitung"]) for f in result.findings] == [
        ("READ_XLSX_JUMLAH", "satker", 1_009_000_000, 1_009_271_000)
    ]
    assert "1.009.000.000" in pesan(result.findings[0]) and result.findings[0].args["sel"].startswith("H")


def test_a_line_whose_jumlah_is_not_volume_times_harga(tree: RkaSatker) -> None:
    """A line printed with another jumlah: the derived one is used, the printed one is a
    finding, and so is every total above it that printed the old sum."""
    data = layout_a(tree)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.active
    row = next(
        r for r in range(1, ws.max_row + 1) if ws.cell(r, 6).value == 5_181_000 and not ws.cell(r, 1).value
    )
    ws.cell(row, 5).value = 20_000  # harga satuan changed, jumlah not
    out = io.BytesIO()
    wb.save(out)
    result = read_xlsx(out.getvalue(), "kk.xlsx")
    kinds = [(f.variant, f.args["sel"]) for f in result.findings]
    assert kinds[0] == ("", "F12") and ("detail", f"F{row}") in kinds and kinds[-1][0] == "satker"
    assert result.tree.jumlah().jumlah == 1_009_271_000 + 264 * 20_000 - 5_181_000


def test_rows_that_cannot_be_placed_are_errors(tree: RkaSatker) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(layout_a(tree)))
    ws = wb.active
    ws.insert_rows(12)
    ws.cell(12, 1).value = "9999.XYZ.U01"  # an RO of a KRO that is not above it
    ws.cell(12, 2).value = "RO lain"
    ws.insert_rows(12)
    ws.cell(12, 2).value = "Honor tanpa akun"  # a detail line before any akun
    ws.cell(12, 3).value = "2 ORG x 3 KALI"
    ws.cell(12, 5).value = 100_000
    ws.insert_rows(12)
    ws.cell(12, 1).value = "ABCD-1"  # no code of the tree
    out = io.BytesIO()
    wb.save(out)
    result = read_xlsx(out.getvalue(), "kk.xlsx")
    errors = [(f.rule, f.variant, f.source.line) for f in result.findings if f.severity == "error"]  # type: ignore[union-attr]
    assert errors == [
        ("READ_XLSX_BARIS", "", 12),
        ("READ_XLSX_BARIS", "tanpa_akun", 13),
        ("READ_XLSX_BARIS", "induk", 14),
    ]
    assert "ABCD-1" in pesan(result.findings[0])


def test_header_row_missing_is_refused_naming_the_sheets(tree: RkaSatker) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(layout_b(tree)))
    wb["KK Satker"].delete_rows(7, 2)
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(InputError) as e:
        read_xlsx(out.getvalue(), "kk.xlsx")
    assert e.value.file == "kk.xlsx" and e.value.params["lembar"] == ["Petunjuk", "KK Satker"]


def test_satker_missing_from_the_header_is_refused(tree: RkaSatker) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(layout_a(tree)))
    wb.active.delete_rows(6)
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(InputError) as e:
        read_xlsx(out.getvalue(), "kk.xlsx")
    assert e.value.file == "kk.xlsx!Kertas Kerja" and e.value.params["label"] == "SATUAN KERJA"
