"""Names on every print: code tables users load (CSV, XLSX), laid over the shipped ones; a
code no one names prints alone and is told once per code; the real archives name every
satker of ``reference/satker.csv``."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from anggaran.core.errors import InputError
from anggaran.formats.adk.reader import read_adk
from anggaran.formats.referensi import read_referensi
from anggaran.reference import BarisReferensi, pakai, referensi, rows
from anggaran.reports import bagian_a, rincian
from anggaran.reports.matriks import matriks_satker
from anggaran.reports.tabel import render_html
from anggaran.reports.text import render_text
from anggaran.rules import run_rules
from anggaran.rules.nama import tanpa_nama
from tests.conftest import ADK_1D01, ADK_2D01, ADK_527010

#: the real archives as SAKTI's tables lie on disk (beside the clone), when present
SHARED = Path("/work/shared/data/adk")
REAL = sorted(SHARED.iterdir()) if SHARED.is_dir() else []
MARK = "(nama tidak diketahui)"


@pytest.fixture(autouse=True)
def _shipped_tables() -> Iterator[None]:
    """Every test starts and ends with the shipped tables alone."""
    pakai(())
    yield
    pakai(())


# -- reading code tables ----------------------------------------------------------------


def test_the_table_missing_writes_reads_back_once_filled_in() -> None:
    text = (
        "jenis,kode,nama,contoh\n"
        "program,015.08.CD,Program Pengelolaan Perbendaharaan,527010 015.08.CD\n"
        "kegiatan,6212,,527010 015.08.CD/6212\n"  # not filled in yet: left out
        "lokasi,01.51,KOTA JAKARTA PUSAT,527010\n"
        "ro,6212.AEF.001,Komunikasi Peraturan,527010\n"
        "sumber_dana,A,Rupiah Murni,527010\n"
    )
    t = read_referensi(text.encode(), "hilang.csv")
    assert [(r.jenis, r.kode, r.nama) for r in t.baris] == [
        ("program", "015.08.CD", "Program Pengelolaan Perbendaharaan"),
        ("lokasi", "01.51", "KOTA JAKARTA PUSAT"),
        ("ro", "6212.AEF.001", "Komunikasi Peraturan"),
        ("sumber_dana", "A", "Rupiah Murni"),
    ]
    assert t.tanpa_nama == 1
    assert t.per_jenis() == {"program": 1, "ro": 1, "lokasi": 1, "sumber_dana": 1}


def test_sakti_columns_build_the_codes_from_their_parts() -> None:
    programs = read_referensi(b"kddept;kdunit;kdprogram;nmprogram\n015;08;CD;Program X\n", "p.csv")
    assert [(r.jenis, r.kode, r.nama) for r in programs.baris] == [("program", "015.08.CD", "Program X")]
    # one file naming kegiatan and their KRO (with a satuan) gives rows of both tables
    kro = read_referensi(
        b"Kode Giat,Nama Giat,KdOutput,NmOutput,Satuan\n6212,Kegiatan A,UAL,Layanan X,Layanan\n",
        "k.csv",
    )
    assert [(r.jenis, r.kode, r.nama, dict(r.data)) for r in kro.baris] == [
        ("kegiatan", "6212", "Kegiatan A", {}),
        ("kro", "6212.UAL", "Layanan X", {"satuan": "Layanan"}),
    ]
    kabkota = read_referensi(b"kdlokasi\tkdkabkota\tnmkabkota\n01\t51\tKOTA JAKARTA PUSAT\n", "l.tsv")
    assert [(r.jenis, r.kode) for r in kabkota.baris] == [("lokasi", "01.51")]


def test_an_xlsx_whose_numbers_lost_their_leading_zeros(tmp_path: Path) -> None:
    """rapid's ref_satker.xlsx form (kdsatker, nmsatker, ..., nmlokasi, tipe), codes typed
    as numbers (Excel drops the 0 of 015114), on the second sheet after a notes sheet."""
    wb = openpyxl.Workbook()
    wb.active.append(["Daftar satker DJPb"])  # a sheet that is no table: skipped
    ws = wb.create_sheet("ref_satker")
    ws.append(["kdsatker", "nmsatker", "Latitude", "Longitude", "nmlokasi", "tipe"])
    ws.append([15114, "KPPN JAKARTA VI", -6.16, 106.81, "DKI JAKARTA", "A1"])
    ws.append([527010, "KANTOR PUSAT DITJEN PERBENDAHARAAN", None, None, "DKI JAKARTA", "P"])
    buf = io.BytesIO()
    wb.save(buf)
    t = read_referensi(buf.getvalue(), "ref_satker.xlsx")
    assert t.lembar == "ref_satker"
    assert [(r.jenis, r.kode, r.nama) for r in t.baris] == [
        ("satker", "015114", "KPPN JAKARTA VI"),
        ("satker", "527010", "KANTOR PUSAT DITJEN PERBENDAHARAAN"),
    ]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("kode,nama\n521211,Belanja Bahan\n", "kode, nama"),  # which table? refused
        ("jenis,kode,nama\nakun,52121,Belanja Bahan\n", "'52121'"),
        ("jenis,kode,nama\nkro,6212.AEF,A\nkro,6212.AEF,B\n", "'B'"),
        ("jenis,kode,nama\nkomponen,001,A\n", "'komponen'"),
    ],
)
def test_what_cannot_be_loaded_is_refused_naming_the_row(text: str, said: str) -> None:
    with pytest.raises(InputError) as e:
        read_referensi(text.encode(), "x.csv")
    message = str(e.value)
    assert said in message and "x.csv" in message


# -- names in use: loaded rows over the shipped ones ------------------------------------


def test_loaded_rows_are_laid_over_the_shipped_tables() -> None:
    assert referensi().nama("satker", "527010") == "KANTOR PUSAT DIREKTORAT JENDERAL PERBENDAHARAAN"
    assert referensi().nama("program", "015.08.CD") is None
    pakai(
        [
            BarisReferensi("program", "015.08.CD", "Program Pengelolaan Perbendaharaan"),
            BarisReferensi("satker", "015114", "KPPN JAKARTA VI (baru)"),
            BarisReferensi("kro", "6212.UAL", "Layanan X", {"satuan": "Layanan"}),
        ]
    )
    ref = referensi()
    assert ref.nama("program", "015.08.CD") == "Program Pengelolaan Perbendaharaan"
    assert ref.satker["015114"].nama == "KPPN JAKARTA VI (baru)" and ref.satker["015114"].kdlokasi == "01"
    assert (ref.kro["6212.UAL"].nama, ref.kro["6212.UAL"].satuan) == ("Layanan X", "Layanan")
    pakai(())
    assert referensi().nama("program", "015.08.CD") is None


@pytest.fixture(scope="module")
def arsip_527010():  # type: ignore[no-untyped-def]
    return read_adk(ADK_527010).arsip


def test_each_unnamed_code_of_527010_is_told_once(arsip_527010) -> None:  # type: ignore[no-untyped-def]
    tree = arsip_527010.satker[0]
    found = [f for f in run_rules(tree) if f.rule == "KODE_TANPA_NAMA"]
    codes = [(f.args["jenis"], f.args["kode"]) for f in found]
    assert len(codes) == len(set(codes)) == 25
    assert sorted(k for j, k in codes if j == "kegiatan") == [
        "4711", "4715", "4718", "4719", "4722", "4725", "6212", "6213", "6214", "6215", "6216",
    ]  # fmt: skip
    assert ("program", "015.08.CD") in codes and ("program", "015.08.WA") not in codes
    by = {(f.args["jenis"], f.args["kode"]): f for f in found}
    # the satker's own place, printed on the header and after 28 KRO: one finding
    assert by[("lokasi", "01.51")].args["lain"] == 28 and by[("lokasi", "01.51")].path == ""
    assert by[("sumber_dana", "A")].args["lain"] == 345  # every akun row, told once
    places = tanpa_nama(tree)
    assert len(places[("sumber_dana", "A")]) == 346


def test_a_code_no_one_names_prints_alone(arsip_527010) -> None:  # type: ignore[no-untyped-def]
    tree = arsip_527010.satker[0]
    model = bagian_a.build(tree)
    row = next(r for r in model.rows if r.kode == "015.08.CD")
    assert row.uraian == ""
    assert ("LOKASI", "51", "") in model.header
    text = render_text(model)
    assert "015.08.CD\t\t\t2,867,874,000\t\t2,867,874,000" in text and MARK not in text
    b = render_html(rincian.bagian_b(tree))
    assert MARK not in b and "(nama" not in b


def test_loaded_names_reach_every_document_and_the_findings(arsip_527010) -> None:  # type: ignore[no-untyped-def]
    tree = arsip_527010.satker[0]
    pakai(
        [
            BarisReferensi("program", "015.08.CD", "Program Pengelolaan Perbendaharaan"),
            BarisReferensi("kegiatan", "6212", "Kegiatan Enam Dua Satu Dua"),
            BarisReferensi("lokasi", "01.51", "KOTA JAKARTA PUSAT"),
            BarisReferensi("sumber_dana", "A", "Rupiah Murni"),
            BarisReferensi("ro", "6212.AEF.001", "", {"satuan": "Orang"}),
        ]
    )
    model = bagian_a.build(tree)
    assert next(r for r in model.rows if r.kode == "015.08.CD").uraian == "Program Pengelolaan Perbendaharaan"
    assert ("LOKASI", "51", "KOTA JAKARTA PUSAT") in model.header
    kro = next(r for r in model.rows if r.kode == "6212.AEF")
    assert kro.uraian == "Sosialisasi dan Diseminasi 01.51 KOTA JAKARTA PUSAT"
    ro = next(r for r in model.rows if r.kode == "001" and r.level == "ro")
    assert ro.volume == "301.00 Orang"  # the RO's satuan from a loaded RO table
    rekap = render_html(rincian.rekap(tree))
    assert "Rupiah Murni" in rekap and "Kegiatan Enam Dua Satu Dua" in rekap
    matriks = render_html(matriks_satker(arsip_527010.semula[0], tree))
    assert "Program Pengelolaan Perbendaharaan" in matriks
    told = {(f.args["jenis"], f.args["kode"]) for f in run_rules(tree) if f.rule == "KODE_TANPA_NAMA"}
    assert len(told) == 21 and ("program", "015.08.CD") not in told and ("sumber_dana", "A") not in told


# -- the real archives: every satker of satker.csv named --------------------------------

SATKER_CSV = {r["kode"]: r["nama"] for r in rows("satker.csv")}


@pytest.mark.parametrize("archive", [ADK_1D01, ADK_2D01, ADK_527010, *REAL], ids=lambda p: p.name)
def test_every_satker_of_the_real_archives_is_named_and_no_print_says_unknown(archive: Path) -> None:
    arsip = read_adk(archive).arsip
    assert arsip.satker and all(t.satker.kode in SATKER_CSV for t in arsip.satker)
    for tree in arsip.satker:
        assert tree.satker.nama == SATKER_CSV[tree.satker.kode]
        assert tree.dokumen.kop == [SATKER_CSV[tree.satker.kode]]  # the letterhead
        a = render_text(bagian_a.build(tree))
        b = render_html(rincian.bagian_b(tree))
        for text in (a, b, render_html(rincian.rekap(tree))):
            assert MARK not in text and SATKER_CSV[tree.satker.kode] in text
    summary = render_html(rincian.ringkasan(arsip))
    assert MARK not in summary and all(SATKER_CSV[t.satker.kode] in summary for t in arsip.satker)


# -- complete documents from archives: the KPA, the letterhead, the RO's satuan ---------


def _pdf_text(data: bytes) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))


@pytest.mark.parametrize("archive", [ADK_527010, *(p for p in REAL if p.name.startswith("527010"))])
def test_the_bagian_b_pdf_of_527010_carries_its_kpa_from_d_kpa(archive: Path) -> None:
    from anggaran.reports.tabel import render_pdf

    tree = read_adk(archive).arsip.satker[0]
    ttd = tree.dokumen.penandatangan
    assert ttd is not None and (ttd.jabatan, ttd.nama, ttd.nip) == (
        "Kuasa Pengguna Anggaran",
        "BUDI SANTOSO",
        "",
    )
    text = _pdf_text(render_pdf(rincian.bagian_b(tree))).replace("\r", "")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[0] == "KANTOR PUSAT DIREKTORAT JENDERAL PERBENDAHARAAN"  # the letterhead, first
    end = lines.index("Kuasa Pengguna Anggaran")
    assert lines[end : end + 3] == ["Kuasa Pengguna Anggaran", "BUDI SANTOSO", "NIP -"]  # no NIP in d_kpa
    assert MARK not in text


def test_the_bagian_a_of_527010_signs_with_its_kpa_in_every_form(arsip_527010) -> None:  # type: ignore[no-untyped-def]
    from anggaran.reports.html import render_html as html_a
    from anggaran.reports.pdf import render_pdf
    from anggaran.reports.xlsx import render_xlsx

    model = bagian_a.build(arsip_527010.satker[0])
    assert (model.kop, model.jabatan, model.nama, model.nip) == (
        ["KANTOR PUSAT DIREKTORAT JENDERAL PERBENDAHARAAN"],
        "Kuasa Pengguna Anggaran",
        "BUDI SANTOSO",
        "",
    )
    pdf = [line.strip() for line in _pdf_text(render_pdf(model)).splitlines() if line.strip()]
    assert pdf[:2] == ["KANTOR PUSAT DIREKTORAT JENDERAL PERBENDAHARAAN", "RENCANA KERJA ANGGARAN SATKER"]
    assert pdf[-3:] == ["Kuasa Pengguna Anggaran", "BUDI SANTOSO", "NIP -"]
    assert "JUMLAH SATKER" not in pdf
    assert "<b>BUDI SANTOSO</b><br>NIP -" in html_a(model)
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(model))).active
    cells = [c for row in ws.iter_rows(values_only=True) for c in row if c]
    assert cells[0] == "KANTOR PUSAT DIREKTORAT JENDERAL PERBENDAHARAAN"
    assert cells[-3:] == ["Kuasa Pengguna Anggaran", "BUDI SANTOSO", "NIP -"]


def test_1d01_whose_d_kpa_csv_and_xml_disagree_has_no_signatory_and_says_why() -> None:
    """In 1d01 (and 2d01) the CSV and the XML rows of d_kpa name different people (BUDI
    SANTOSO / DEWI LESTARI 4 …): the name columns cannot be placed, so no KPA is printed
    rather than a wrong one, and the reader tells it."""
    result = read_adk(ADK_1D01)
    assert all(t.dokumen.penandatangan is None for t in result.arsip.satker)
    said = [f for f in result.findings if f.rule == "READ_ADK_KOLOM" and f.args["tabel"] == "d_kpa"]
    assert [(f.variant, f.args.get("posisi") or f.args.get("kolom")) for f in said] == [
        ("tidak_dikenal", 8),
        ("tidak_dikenal", 9),
        ("tidak_dikenal", 10),
        ("hilang", "kpa"),
    ]


def test_an_ro_satuan_from_d_soutput(tmp_path: Path) -> None:
    from tests.conftest import extract

    folder = extract(ADK_527010, tmp_path / "adk")
    name = "d_soutput01508005270101"
    data = (folder / f"{name}.csv").read_bytes()
    old = (
        b"^AEF^|^01^|^51^|^1^|^001^|^Komunikasi Peraturan dan Pedoman Mengenai Akuntansi dan "
        b"Pelaporan Keuangan Pemerintah^|^0^|^^|^0^"
    )
    assert data.count(old) == 1  # RO 6212.AEF.001, the first row
    new = old.replace(b"^|^0^|^^|^0^", b"^|^0^|^Orang^|^0^")
    (folder / f"{name}.csv").write_bytes(data.replace(old, new))
    xml = (folder / f"{name}.xml").read_bytes()
    (folder / f"{name}.xml").write_bytes(xml.replace(b"<sbmksat></sbmksat>", b"<sbmksat>Orang</sbmksat>", 1))
    tree = read_adk(folder).arsip.satker[0]
    ro = next(r for _, _, k, r in tree.ro() if k.kode == "6212.AEF" and r.kode == "001")
    assert ro.keluaran.satuan == "Orang"
    row = next(r for r in bagian_a.build(tree).rows if r.level == "ro" and r.kode == "001")
    assert row.volume == "301.00 Orang"


def test_the_missing_table_lists_what_prints_alone(arsip_527010) -> None:  # type: ignore[no-untyped-def]
    from anggaran.services.masukan import open_adk
    from anggaran.services.referensi import hilang, hilang_csv

    codes = hilang(open_adk(ADK_527010))
    got = list(csv.DictReader(io.StringIO(hilang_csv(codes))))
    assert got[0] == {"jenis": "program", "kode": "015.08.CD", "nama": "", "contoh": "527010 015.08.CD"}
    kinds = [(r["jenis"], r["kode"]) for r in got]
    assert len(kinds) == len(set(kinds)) == 27
    assert {j: sum(1 for k, _ in kinds if k == j) for j in dict.fromkeys(j for j, _ in kinds)} == {
        "program": 1,
        "kegiatan": 11,
        "kro": 12,
        "akun": 1,  # 511632: no akun list names it (AKUN_TIDAK_DIKENAL)
        "lokasi": 1,
        "sumber_dana": 1,
    }
    # the plan before the revision (m_*) prints a KRO the revision dropped: listed too
    assert ("kro", "6212.FAN") in kinds and ("akun", "511632") in kinds
    by = {(k.jenis, k.kode): k for k in codes}
    assert (by[("lokasi", "01.51")].tempat, by[("sumber_dana", "A")].tempat) == (59, 864)
    assert read_referensi(hilang_csv(codes).encode(), "h.csv").tanpa_nama == len(codes)


def test_codes_a_spreadsheet_wrote_back_into_a_csv_get_their_zeros() -> None:
    """``referensi missing``'s CSV filled in Excel and saved as CSV loses the leading
    zeros as text (15114, 1.51): they were refused; an akun has none to lose."""
    got = read_referensi(
        b"jenis,kode,nama\nlokasi,1.51,KOTA JAKARTA PUSAT\nsatker,15114,KPPN JAKARTA VI\n", "isi.csv"
    )
    assert [(b.jenis, b.kode) for b in got.baris] == [("lokasi", "01.51"), ("satker", "015114")]
    got = read_referensi(b"kdsatker,nmsatker\n15114,KPPN JAKARTA VI\n", "s.csv")
    assert [(b.jenis, b.kode, b.nama) for b in got.baris] == [("satker", "015114", "KPPN JAKARTA VI")]


def test_a_database_without_loaded_names_is_not_opened(tmp_path: Path) -> None:
    """A command that reads a file asks the SQLite file itself whether it holds loaded
    names, and starts the store (0.3 s) only when it does."""
    import sqlite3

    from anggaran.services.referensi import _ada_dimuat

    path = tmp_path / "a.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("create table lain (x)")
    assert _ada_dimuat(path) is False
    with sqlite3.connect(path) as db:
        db.execute("create table anggaran_referensidimuat (id integer)")
    assert _ada_dimuat(path) is False
    with sqlite3.connect(path) as db:
        db.execute("insert into anggaran_referensidimuat values (1)")
    assert _ada_dimuat(path) is True
    broken = tmp_path / "b.sqlite3"
    broken.write_bytes(b"not a database at all")
    assert _ada_dimuat(broken) is True  # the store then says what is wrong
