"""Reports from the real ADK archives: Bagian B, rekap, the archive summary and the
semula-menjadi matrix, read back from their PDF (text), XLSX (cell values) and HTML, with
golden files for one satker (regenerate with ``UPDATE_GOLDEN=1``)."""

from __future__ import annotations

import io
import json
import re

import openpyxl
import pdfplumber

from anggaran.core.money import format_rupiah
from anggaran.reports import bagian_a, matriks, rincian, tabel
from anggaran.reports.pdf import render_pdf as render_bagian_a_pdf
from tests.reports.test_golden import check_golden

SATKER = "015116"


def _pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _cells(data: bytes) -> list[list[object]]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return [[c for c in row] for row in wb.active.iter_rows(values_only=True)]


def test_bagian_b_carries_every_line(adk_1d01) -> None:
    tree = adk_1d01.arsip.cari(SATKER)
    lap = rincian.bagian_b(tree)
    text = _pdf_text(tabel.render_pdf(lap))
    lines = [d for _, d in tree.detail() if not d.header]
    amounts = re.findall(r"\d{1,3}(?:,\d{3})+", text)
    for d in lines:
        assert format_rupiah(d.jumlah) in amounts
    assert "1 KEG x 75 ORG" in text
    assert tree.jumlah().jumlah == 1_009_271_000 and "JUMLAH SATKER 1,009,271,000" in text
    check_golden(f"rka-satker-2026-{SATKER}-bagian-b.pdf.txt", text)
    rows = _cells(tabel.render_xlsx(lap, "bagian-b"))
    detail_rows = [
        r for r in rows if r[0] in (None, "") and isinstance(r[6], int) and r[1] != "JUMLAH SATKER"
    ]
    assert sum(r[6] for r in detail_rows) == tree.jumlah().jumlah
    total = next(r for r in rows if r[1] == "JUMLAH SATKER")
    assert total[6] == 1_009_271_000
    check_golden(
        f"rka-satker-2026-{SATKER}-bagian-b.xlsx.json",
        json.dumps(rows, ensure_ascii=False, indent=0, default=str),
    )


def test_rekap(adk_1d01) -> None:
    tree = adk_1d01.arsip.cari(SATKER)
    lap = rincian.rekap(tree)
    per_jenis = [b.sel for b in lap.tabel[0].baris]
    assert per_jenis == [
        ["51", "Belanja Pegawai", 283_973_000, "28.14%"],
        ["52", "Belanja Barang", 725_298_000, "71.86%"],
    ]
    # no source names sumber dana A: the code prints alone (KODE_TANPA_NAMA says so once)
    assert [b.sel[:3] for b in lap.tabel[1].baris] == [["A", "", 1_009_271_000]]
    text = _pdf_text(tabel.render_pdf(lap))
    assert "Rekapitulasi per jenis belanja" in text and "725,298,000" in text
    html = tabel.render_html(lap)
    assert "<h2>Rekapitulasi per sumber dana</h2>" in html


def test_bagian_a_from_adk(adk_1d01) -> None:
    tree = adk_1d01.arsip.cari(SATKER)
    text = _pdf_text(render_bagian_a_pdf(bagian_a.build(tree)))
    assert "(015116) KPPN KHUSUS PENERIMAAN" in text
    assert "6212.FAL" in text and "20,821,000" in text
    # program 015.08.CD has no name in any source: its code prints alone, no marker
    assert "015.08.CD 30,596,000 30,596,000" in text and "(nama tidak diketahui)" not in text
    assert text.startswith("KPPN KHUSUS PENERIMAAN\nRENCANA KERJA ANGGARAN SATKER")  # letterhead


def test_archive_summary(adk_1d01) -> None:
    arsip = adk_1d01.arsip
    lap = rincian.ringkasan(arsip)
    t = lap.tabel[0]
    assert len(t.baris) == 39
    total = t.total.sel  # type: ignore[union-attr]
    # satker, nama, lokasi, KRO, RO, baris rincian, 51, 52, 53, jumlah, semula, selisih,
    # galat, peringatan
    assert total[3:] == [
        487,
        661,
        4_805,
        13_555_849_000,
        49_540_156_000,
        11_702_699_000,
        74_798_704_000,
        79_613_275_000,
        -4_814_571_000,
        0,
        0,
    ]
    rows = _cells(tabel.render_xlsx(lap, "Ringkasan"))
    total_row = next(r for r in rows if r[1] == "JUMLAH")
    assert total_row[9] == 74_798_704_000


def test_matrix_of_1d01(adk_1d01) -> None:
    arsip = adk_1d01.arsip
    lap = matriks.matriks_arsip(arsip.semula, arsip.satker, "1d01")
    assert lap.tabel[0].total.sel[2:5] == [79_613_275_000, 74_798_704_000, -4_814_571_000]  # type: ignore[union-attr]
    by_jenis = {b.sel[0]: b.sel[2:] for b in lap.tabel[1].baris}
    assert by_jenis == {
        "51": [13_555_849_000, 13_555_849_000, 0],
        "52": [54_354_727_000, 49_540_156_000, -4_814_571_000],
        "53": [11_702_699_000, 11_702_699_000, 0],
    }
    one = matriks.matriks_satker(next(t for t in arsip.semula if t.satker.kode == SATKER), arsip.cari(SATKER))
    text = _pdf_text(tabel.render_pdf(one))
    assert "MATRIKS SEMULA-MENJADI" in text
    check_golden(f"matriks-{SATKER}.pdf.txt", text)


def test_matrix_of_two_archives_keeps_each_total(adk_1d01, adk_2d01) -> None:
    lap = matriks.matriks_arsip(adk_1d01.arsip.satker, adk_2d01.arsip.satker, "1d01 -> 2d01")
    assert lap.tabel[0].total.sel[2:5] == [74_798_704_000, 59_828_777_000, -14_969_927_000]  # type: ignore[union-attr]
    statuses = [b.sel[-1] for b in lap.tabel[0].baris]
    assert statuses.count("dihapus") == 39 and statuses.count("baru") == 40


def test_a_kro_at_two_places_prints_its_lokasi(adk_527010) -> None:
    import copy

    tree = copy.deepcopy(adk_527010.arsip.satker[0])
    k = tree.program[0].kegiatan[0]
    twin = copy.deepcopy(k.kro[0])
    twin.lokasi = "02.51"
    k.kro.append(twin)
    rows = [b.sel[1] for b in rincian.bagian_b(tree).tabel[0].baris if b.sel[0] == twin.kode]
    assert rows == [f"{twin.nama} [lokasi 01.51]", f"{twin.nama} [lokasi 02.51]"]
