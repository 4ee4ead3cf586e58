"""Golden values of the three real ADK archives: the DOMAIN.md figures, and per satker and
per jenis belanja totals of semula and menjadi against an independent count made here with
the csv module from the raw d_item/m_item files."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ADK_1D01, ADK_2D01, ADK_527010


def _oracle(archive: Path, table: str) -> tuple[Counter[str], Counter[tuple[str, str]], Counter[str]]:
    """(jumlah per satker, jumlah per (satker, jenis belanja), lines per satker) straight
    from the CSV, columns named by the XSD (d_item's first 76 columns follow it)."""
    with zipfile.ZipFile(archive) as z:
        name = next(n for n in z.namelist() if n.startswith(table) and n.endswith(".csv"))
        xml = z.read(name[:-4] + ".xml").decode("utf-8")
        text = z.read(name).decode("utf-8")
    names = re.findall(r'<xsd:element name="([^"]+)"', xml[: xml.index("</xsd:schema>")])[2:]
    col = {n: i for i, n in enumerate(names)}
    per_satker: Counter[str] = Counter()
    per_jenis: Counter[tuple[str, str]] = Counter()
    lines: Counter[str] = Counter()
    for row in csv.reader(io.StringIO(text, newline=""), delimiter="|", quotechar="^"):
        if not row:
            continue
        satker, akun, jumlah = row[col["kdsatker"]], row[col["kdakun"]], int(row[col["jumlah"]])
        per_satker[satker] += jumlah
        per_jenis[(satker, akun[:2])] += jumlah
        lines[satker] += 1
    return per_satker, per_jenis, lines


CASES = [
    # fixture, archive, satkers, d lines, d total, m lines, m total (DOMAIN.md, examples/adk)
    ("adk_1d01", ADK_1D01, 39, 4805, 74_798_704_000, 5738, 79_613_275_000),
    ("adk_2d01", ADK_2D01, 40, 5190, 59_828_777_000, 6308, 63_217_086_000),
    ("adk_527010", ADK_527010, 1, 1150, 468_227_337_000, 1759, 558_223_915_000),
]


@pytest.mark.parametrize("fixture,archive,satkers,d_lines,d_total,m_lines,m_total", CASES)
def test_archive_totals(request, fixture, archive, satkers, d_lines, d_total, m_lines, m_total):
    arsip = request.getfixturevalue(fixture).arsip
    assert len(arsip.satker) == satkers
    assert arsip.tahun_anggaran == 2026
    assert sum(1 for t in arsip.satker for _ in t.detail()) == d_lines
    assert arsip.jumlah() == d_total
    assert sum(1 for t in arsip.semula for _ in t.detail()) == m_lines
    assert arsip.jumlah_semula() == m_total


@pytest.mark.parametrize("fixture,archive", [(c[0], c[1]) for c in CASES])
@pytest.mark.parametrize("side,table", [("satker", "d_item"), ("semula", "m_item")])
def test_per_satker_and_jenis_belanja(request, fixture, archive, side, table):
    arsip = request.getfixturevalue(fixture).arsip
    per_satker, per_jenis, lines = _oracle(archive, table)
    trees = getattr(arsip, side)
    assert {t.satker.kode: t.jumlah().jumlah for t in trees} == dict(per_satker)
    assert {(t.satker.kode, j): v for t in trees for j, v in t.per_jenis_belanja().items()} == dict(per_jenis)
    assert {t.satker.kode: sum(1 for _ in t.detail()) for t in trees} == dict(lines)


def test_1d01_cut_is_all_belanja_barang(adk_1d01):
    arsip = adk_1d01.arsip
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    for t in arsip.semula:
        before.update(t.per_jenis_belanja())
    for t in arsip.satker:
        after.update(t.per_jenis_belanja())
    assert dict(before) == {"51": 13_555_849_000, "52": 54_354_727_000, "53": 11_702_699_000}
    assert dict(after) == {"51": 13_555_849_000, "52": 49_540_156_000, "53": 11_702_699_000}


def test_one_satker_tree_of_1d01(adk_1d01):
    """Satker 015116 (KPPN Khusus Penerimaan), read by hand from its d_* rows."""
    t = adk_1d01.arsip.cari("015116")
    assert t is not None
    assert (t.kementerian.kode, t.unit_organisasi.kode, t.satker.nama) == (
        "015",
        "08",
        "KPPN KHUSUS PENERIMAAN",
    )
    assert (t.provinsi.kode, t.provinsi.nama, t.lokasi.kode) == ("01", "DKI JAKARTA", "51")
    assert [p.kode for p in t.program] == ["015.08.CD", "015.08.WA"]
    assert t.program[0].nama == ""  # 015.08.CD: no source names it (reference/README.md)
    fal = t.program[0].kegiatan[0].kro[0]
    assert (fal.kode, fal.nama, fal.lokasi) == (
        "6212.FAL",
        "Pengelolaan Pelaksanaan Anggaran dan Pembiayaan",
        "01.51",
    )
    assert str(fal.keluaran.volume) == "2" and fal.keluaran.satuan == "Dokumen"
    ro = fal.ro[0]
    assert (ro.kode, ro.nama) == ("002", "Komunikasi dan Edukasi Dalam Rangka Penerimaan dan Pengeluaran Kas")
    c = ro.komponen[0]
    s = c.sub_komponen[0]
    a = s.akun[0]
    assert (c.kode, c.nama, s.kode, a.kode, a.nama, a.sumber_dana, a.kppn) == (
        "100",
        "Tidak ada komponen",
        " A",
        "521211",
        "Belanja Bahan",
        "A",
        "019",
    )
    d = a.detail[0]
    assert (d.kode, d.uraian, str(d.volume), d.satuan, d.harga_satuan, d.jumlah) == (
        "1",
        "KDM  Snack Rapat Pelaksanaan Customer Service dan Helpdesk",
        "264",
        "OH",
        19_625,
        5_181_000,
    )
    assert d.rencana_bulanan == [0, 160_374, 0, 1_244_177, 3_776_449, 0, 0, 0, 0, 0, 0, 0]
    assert d.source is not None and (d.source.file, d.source.line) == ("d_item01508000000000.csv", 1)
    b = s.akun[0].detail[1]
    assert b.jumlah == 11_035_000
    sos = c.sub_komponen[1].akun[0].detail[0]
    assert sos.faktor and sos.volume_text() == "1 KEG x 75 ORG" and sos.volume == 75


def test_header_lines_and_groups(adk_1d01):
    """kdheader 1/2 rows are header lines of detail groups (no money)."""
    headers = [d for t in adk_1d01.arsip.satker for _, d in t.detail() if d.header]
    assert len(headers) == 497
    assert Counter(d.tingkat for d in headers) == {1: 477, 2: 20}
    assert all(d.jumlah == 0 for d in headers)


def test_withdrawal_plan_rows(adk_1d01):
    rows = [r for t in adk_1d01.arsip.satker for r in t.rencana_penarikan]
    assert len(rows) == 316
    assert Counter(r.kdtrktrm for r in rows) == {"1": 315, "6": 1}
    revenue = next(r for r in rows if r.kdtrktrm == "6")
    assert (revenue.program, revenue.kegiatan, revenue.jenis_belanja, revenue.pagu) == (
        "015.08.WA",
        "4715",
        "425131",
        15_364_000,
    )


def test_notes_per_akun(adk_1d01):
    notes = [
        (t.satker.kode, a.kode, n) for t in adk_1d01.arsip.satker for *_, a in t.akun() for n in a.catatan
    ]
    assert ("325237", "533121", "Renovasi 1 Unit Rumah Negara Tipe D Seluas 50 M2") in notes
    assert len(notes) == 7
    assert ("330171", "533121", "Revonasi Rumah Dinas Kepala KPPN Jalan Diponegoro 150 M2") in notes
