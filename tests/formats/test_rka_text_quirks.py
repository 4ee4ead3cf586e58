"""One small input per quirk of real Bagian A texts, written in the document's notation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from anggaran.core.errors import InputError
from anggaran.core.findings import Severity
from anggaran.formats.rka_text.lexicon import split_kro_name
from anggaran.formats.rka_text.reader import read_rka_text
from tests.conftest import pesan, raises_id, read_text

HEADER = """**RENCANA KERJA ANGGARAN SATKER**
**RENCANA KINERJA SATUAN KERJA**
**TAHUN ANGGARAN 2024**

**BAGIAN-A**

**KEMEN/LEMB** : (013) **KEMENTERIAN HUKUM**
**UNIT ORG** : (05) **Ditjen Pemasyarakatan**
**SATUAN KERJA** : (123456) **BAPAS CONTOH**
**PROPINSI** : (16) **KALIMANTAN TIMUR**
**LOKASI** : (52) **KOTA BALIKPAPAN**

Halaman : {page}

KODE\tPROGRAM/SASARAN PROGRAM/.../KRO\tALOKASI ANGGARAN T.A 2024\t\t\t
\t\tVOLUME / SATUAN\tANGKA DASAR\tINISIATIF BARU\tJUMLAH
(1)\t(2)\t(3)\t(4)\t(5)\t(6)
"""
SIGNATURE = """
Samarinda, 2 Januari 2024
Kuasa Pengguna Anggaran

**SITI AMINAH**
NIP 198001012005012002
"""


def doc(*pages: str, signature: str = SIGNATURE) -> str:
    """A document whose pages hold the given table rows (one string per page)."""
    return (
        "\n".join(HEADER.format(page=i) + rows.strip("\n") + "\n" for i, rows in enumerate(pages, start=1))
        + signature
    )


SIMPLE = """013.05.BF\t<b>Program A</b>\t\t\t100,000\t100,000
5252\t<b>Kegiatan B</b>\t\t\t100,000\t100,000
5252.BDC\t<b>Layanan C 16.52 KOTA BALIKPAPAN</b>\t<b>3.00 Orang</b>\t\t<b>100,000</b>\t<b>100,000</b>
<b>U01</b>\t<b>RO satu</b>\t<b>1.00 Orang</b>\t<b>40,000</b>\t\t<b>40,000</b>
<b>U02</b>\t<b>RO dua</b>\t<b>2.00 Orang</b>\t<b>60,000</b>\t\t<b>60,000</b>
"""


def test_simple_document() -> None:
    r = read_text(doc(SIMPLE))
    assert r.findings == []
    t = r.tree
    assert t.satker.kode == "123456"
    assert t.dokumen.tahun_anggaran == 2024
    assert t.dokumen.tanggal == dt.date(2024, 1, 2)
    assert t.dokumen.penandatangan is not None
    assert t.dokumen.penandatangan.nip == "198001012005012002"
    assert [ro.alokasi.jumlah for _, _, _, ro in t.ro()] == [40_000, 60_000]


def test_markdown_and_html_emphasis_removed() -> None:
    rows = SIMPLE.replace("<b>Kegiatan B</b>", "**Kegiatan <i>B</i>**")
    r = read_text(doc(rows))
    assert r.tree.program[0].kegiatan[0].nama == "Kegiatan B"
    assert r.tree.program[0].nama == "Program A"


def test_flattened_sasaran_and_ikp_paragraph() -> None:
    rows = SIMPLE.replace(
        "5252\t",
        (
            "\t<b>Sasaran Program :</b> 01 Sasaran satu <b>Indikator Kinerja Program :</b> "
            "01.01 Indeks A 01.02 Indeks B 02 Sasaran dua dalam 24 jam "
            "<b>Indikator Kinerja Program :</b> 02.01 Indeks C\t\t\t\t\n5252\t"
        ),
        1,
    )
    r = read_text(doc(rows))
    assert r.findings == []
    sasaran = r.tree.program[0].sasaran
    assert [(s.kode, s.uraian) for s in sasaran] == [
        ("01", "Sasaran satu"),
        ("02", "Sasaran dua dalam 24 jam"),
    ]
    assert [(i.kode, i.uraian) for i in sasaran[0].indikator] == [
        ("01.01", "Indeks A"),
        ("01.02", "Indeks B"),
    ]
    assert [(i.kode, i.uraian) for i in sasaran[1].indikator] == [("02.01", "Indeks C")]


def test_sasaran_and_ikp_numbers_in_kode_column() -> None:
    rows = SIMPLE.replace(
        "5252\t",
        (
            "07\t<b>Sasaran Program :</b> Mewujudkan tata kelola\t\t\t\t\n"
            "07.10\t<b>Indikator Kinerja Program :</b> Layanan tata kelola\t\t\t\t\n5252\t"
        ),
        1,
    )
    r = read_text(doc(rows))
    s = r.tree.program[0].sasaran
    assert [(x.kode, x.uraian, [(i.kode, i.uraian) for i in x.indikator]) for x in s] == [
        ("07", "Mewujudkan tata kelola", [("07.10", "Layanan tata kelola")])
    ]


def test_indicator_numbers_in_kode_column_or_description() -> None:
    rows = SIMPLE.replace(
        "<b>U01</b>",
        (
            "\t<i>Indikator KRO</i>\t\t\t\t\n01\t<i>Persentase satu</i>\t\t\t\t\n"
            "\t02 <i>Persentase dua</i>\t\t\t\t\n<b>U01</b>"
        ),
    )
    r = read_text(doc(rows))
    kro = r.tree.program[0].kegiatan[0].kro[0]
    assert [(i.kode, i.uraian) for i in kro.indikator] == [
        ("01", "Persentase satu"),
        ("02", "Persentase dua"),
    ]


def test_flattened_ikk_with_restarts_and_cut_texts() -> None:
    rows = SIMPLE.replace(
        "5252.BDC",
        (
            "\t<b>Indikator Kinerja Kegiatan :</b> 01 Indeks A 01 Persentase B (ibu hamil "
            "02 Persentase C HIV- 03 Persentase D\t\t\t\t\n5252.BDC"
        ),
    )
    r = read_text(doc(rows))
    keg = r.tree.program[0].kegiatan[0]
    assert [(i.kode, i.uraian) for i in keg.indikator] == [
        ("01", "Indeks A"),
        ("01", "Persentase B (ibu hamil"),
        ("02", "Persentase C HIV-"),
        ("03", "Persentase D"),
    ]


def test_label_merged_with_content() -> None:
    rows = SIMPLE + "01\t<i>Indikator RO</i> Jumlah Layanan Perkantoran\t\t\t\t\n"
    r = read_text(doc(rows))
    ro = r.tree.program[0].kegiatan[0].kro[0].ro[1]
    assert [(i.kode, i.uraian) for i in ro.indikator] == [("01", "Jumlah Layanan Perkantoran")]


def test_list_continues_across_page_break() -> None:
    page1 = SIMPLE.replace(
        "<b>U01</b>",
        ("\t<i>Indikator KRO</i>\t\t\t\t\n01\t<i>Satu</i>\t\t\t\t\n02\t<i>Dua</i>\t\t\t\t\n<b>U01</b>"),
    ).split("<b>U01</b>")[0]
    page2 = (
        "\t<i>Indikator KRO</i>\t\t\t\t\n\t03 <i>Tiga</i>\t\t\t\t\n<b>U01</b>" + SIMPLE.split("<b>U01</b>")[1]
    )
    r = read_text(doc(page1, page2))
    assert r.findings == []
    kro = r.tree.program[0].kegiatan[0].kro[0]
    assert [i.kode for i in kro.indikator] == ["01", "02", "03"]
    assert [i.source.page for i in kro.indikator if i.source] == [1, 1, 2]
    assert [ro.kode for ro in kro.ro] == ["U01", "U02"]
    assert r.tree.dokumen.jumlah_halaman == 2


def test_value_shifted_one_column_is_placed_by_what_it_is() -> None:
    rows = SIMPLE.replace(
        "<b>3.00 Orang</b>\t\t<b>100,000</b>\t<b>100,000</b>",
        "\t<b>3.00 Orang</b>\t<b>100,000</b>\t<b>100,000</b>",
    )
    r = read_text(doc(rows))
    assert r.findings == []
    kro = r.tree.program[0].kegiatan[0].kro[0]
    assert (kro.keluaran.volume, kro.keluaran.satuan) == (Decimal("3.00"), "Orang")
    assert (kro.alokasi.angka_dasar, kro.alokasi.inisiatif_baru, kro.alokasi.jumlah) == (0, 100_000, 100_000)


def test_kro_labels_and_lokasi_split_off() -> None:
    assert split_kro_name(
        "[SBK] Fasilitas dan Pembinaan Masyarakat [Program Baru - Perubahan Kebijakan] 16.52 KOTA BALIKPAPAN"
    ) == (
        "Fasilitas dan Pembinaan Masyarakat",
        ["SBK", "Program Baru - Perubahan Kebijakan"],
        "16.52",
        "KOTA BALIKPAPAN",
    )
    assert split_kro_name("Layanan Umum") == ("Layanan Umum", [], None, None)


def test_dot_grouped_amounts_decided_per_document() -> None:
    rows = (
        SIMPLE.replace("100,000", "100.000")
        .replace("40,000", "40.000")
        .replace("60,000", "60.000")
        .replace("3.00 Orang", "3,00 Orang")
        .replace("1.00 Orang", "1,00 Orang")
        .replace("2.00 Orang", "2,00 Orang")
    )
    rows = rows.replace(
        "013.05.BF\t<b>Program A</b>\t\t\t100.000\t100.000",
        "013.05.BF\t<b>Program A</b>\t\t\t1.100.000\t1.100.000",
    )
    r = read_text(doc(rows))
    t = r.tree
    assert t.program[0].kode == "013.05.BF"  # codes never de-grouped
    assert t.program[0].alokasi.jumlah == 1_100_000
    assert [ro.alokasi.jumlah for _, _, _, ro in t.ro()] == [40_000, 60_000]
    assert t.program[0].kegiatan[0].kro[0].keluaran.volume == Decimal("3.00")


def test_amount_with_the_other_grouping_is_an_error() -> None:
    rows = SIMPLE.replace("<b>40,000</b>\t\t<b>40,000</b>", "<b>40.000</b>\t\t<b>40,000</b>")
    r = read_text(doc(rows))
    errors = [f for f in r.findings if f.severity is Severity.ERROR]
    assert [f.rule for f in errors] == ["READ_VALUE_UNRECOGNISED"]
    assert errors[0].source is not None and errors[0].source.line is not None
    assert "40.000" in pesan(errors[0])


@pytest.mark.parametrize(
    "encoding,bom,newline", [("utf-8", False, "\n"), ("utf-8", True, "\r\n"), ("cp1252", False, "\r\n")]
)
def test_encodings_and_line_ends(encoding: str, bom: bool, newline: str) -> None:
    text = doc(SIMPLE.replace("RO satu", "RO satu – café"))
    data = text.replace("\n", newline).encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    r = read_rka_text(data, "enc.txt")
    assert r.findings == []
    assert r.tree.program[0].kegiatan[0].kro[0].ro[0].nama == "RO satu – café"


def test_many_pages() -> None:
    ros = "".join(f"{i:03d}\tRO {i}\t1.00 Orang\t1,000\t\t1,000\n" for i in range(1, 301))
    kro = (
        "013.05.BF\tProgram\t\t\t300,000\t300,000\n5252\tKegiatan\t\t\t300,000\t300,000\n"
        "5252.BDC\tKRO\t300.00 Orang\t\t300,000\t300,000\n"
    )
    lines = (kro + ros).splitlines()
    pages = ["\n".join(lines[i : i + 30]) for i in range(0, len(lines), 30)]
    r = read_text(doc(*pages))
    assert r.findings == []
    assert r.tree.dokumen.jumlah_halaman == len(pages) == 11
    assert len(r.tree.program[0].kegiatan[0].kro[0].ro) == 300


def test_unrecognised_line_is_reported_not_dropped() -> None:
    text = doc(SIMPLE + "sebuah catatan lepas tanpa tab\n")
    line = text.splitlines().index("sebuah catatan lepas tanpa tab") + 1
    r = read_text(text)
    assert [(f.rule, f.severity, f.source.line if f.source else None) for f in r.findings] == [
        ("READ_LINE_UNRECOGNISED", Severity.WARNING, line)
    ]


def test_unplaced_text_row_is_an_error() -> None:
    rows = SIMPLE.replace("5252\t", "\tTeks tanpa label\t\t\t\t\n5252\t", 1)
    r = read_text(doc(rows))
    assert [f.rule for f in r.findings] == ["READ_ROW_UNPLACED"]
    assert r.findings[0].severity is Severity.ERROR


def test_ro_without_kro_is_an_error() -> None:
    rows = "013.05.BF\tProgram\t\t\t1,000\t1,000\nU01\tRO\t1.00 Orang\t1,000\t\t1,000\n"
    r = read_text(doc(rows))
    assert [(f.rule, f.source.page if f.source else None) for f in r.findings] == [("READ_PARENT_MISSING", 1)]


def test_value_that_is_neither_volume_nor_amount() -> None:
    rows = SIMPLE.replace("<b>60,000</b>\t\t<b>60,000</b>", "<b>60,000</b>\t\t<b>enam</b>")
    r = read_text(doc(rows))
    assert [f.rule for f in r.findings] == ["READ_VALUE_UNRECOGNISED"]
    assert "enam" in pesan(r.findings[0])


def test_binary_file_cannot_be_read() -> None:
    with raises_id(InputError, "biner"):
        read_rka_text(b"%PDF-1.7\x00\x01\x02", "x.pdf")


def test_no_table_is_not_a_bagian_a() -> None:
    with raises_id(InputError, "tidak ada baris tabel") as exc:
        read_rka_text(b"hanya teks biasa\nbaris kedua\n", "x.txt")
    assert exc.value.file == "x.txt"


def test_missing_header_field_names_what_is_expected() -> None:
    text = doc(SIMPLE).replace("**LOKASI** : (52) **KOTA BALIKPAPAN**\n", "")
    with raises_id(InputError, "tanpa LOKASI"):
        read_text(text)


def test_missing_signature_is_reported() -> None:
    r = read_text(doc(SIMPLE, signature=""))
    assert [f.rule for f in r.findings] == ["READ_SIGNATURE_MISSING"]
    assert r.tree.dokumen.penandatangan is None


def test_indicator_target_in_volume_column() -> None:
    rows = SIMPLE + "\t<i>Indikator RO</i>\t\t\t\t\n01\tPersentase layanan\t100.00 Persen\t\t\t\n"
    r = read_text(doc(rows))
    ind = r.tree.program[0].kegiatan[0].kro[0].ro[1].indikator[0]
    assert (ind.kode, ind.uraian, ind.target, ind.satuan) == (
        "01",
        "Persentase layanan",
        Decimal("100.00"),
        "Persen",
    )


def test_amount_in_the_volume_column_is_not_taken_for_a_volume() -> None:
    rows = SIMPLE.replace(
        "<b>1.00 Orang</b>\t<b>40,000</b>\t\t<b>40,000</b>", "<b>40,000</b>\t\t\t<b>40,000</b>"
    )
    r = read_text(doc(rows))
    assert [f.rule for f in r.findings] == ["READ_VALUE_UNRECOGNISED"]
    assert r.tree.program[0].kegiatan[0].kro[0].ro[0].keluaran.volume is None


def test_volume_without_satuan_keeps_its_decimals() -> None:
    rows = SIMPLE.replace("<b>1.00 Orang</b>", "<b>1.00</b>")
    r = read_text(doc(rows))
    assert r.findings == []
    ro = r.tree.program[0].kegiatan[0].kro[0].ro[0]
    assert (ro.keluaran.volume, ro.keluaran.satuan) == (Decimal("1.00"), None)
