"""Inputs of the same kind as the real example, as other satkers and other text extractions
print them. Each was found failing by a session that tried to break the reader."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from anggaran.core.findings import Severity
from anggaran.formats.rka_text.reader import read_rka_text
from tests.conftest import pesan, raises_id, read_text
from tests.formats.test_rka_text_quirks import SIMPLE, doc


def rules(text: str) -> list[str]:
    return [f.rule for f in read_text(text).findings]


def test_short_row_reads_amounts_from_the_right() -> None:
    rows = SIMPLE.replace(
        "<b>U02</b>\t<b>RO dua</b>\t<b>2.00 Orang</b>\t<b>60,000</b>\t\t<b>60,000</b>",
        "<b>U02</b>\t<b>RO dua</b>\t<b>2.00 Orang</b>\t<b>60,000</b>\t<b>60,000</b>",
    )
    r = read_text(doc(rows))
    ro = r.tree.program[0].kegiatan[0].kro[0].ro[1]
    assert ro.alokasi.jumlah == 60_000
    assert ro.alokasi.angka_dasar + ro.alokasi.inisiatif_baru == 60_000
    assert [(f.rule, f.severity) for f in r.findings] == [("READ_CELLS_MISSING", Severity.WARNING)]


@pytest.mark.parametrize(
    "row,where",
    [
        (
            "5252\t<b>Kegiatan B</b> <b>Indikator Kinerja Kegiatan :</b> 01 Jumlah layanan 02 Nilai kinerja"
            "\t\t\t100,000\t100,000",
            "kegiatan",
        ),
        (
            "5252.BDC\t<b>Layanan C 16.52 KOTA BALIKPAPAN</b> <i>Indikator KRO</i> 01 <i>Jumlah layanan</i> "
            "02 Nilai kinerja\t<b>3.00 Orang</b>\t\t<b>100,000</b>\t<b>100,000</b>",
            "kro",
        ),
    ],
)
def test_label_merged_into_a_kegiatan_or_kro_row(row: str, where: str) -> None:
    rows = SIMPLE.splitlines()
    i = 1 if where == "kegiatan" else 2
    rows[i] = row
    r = read_text(doc("\n".join(rows)))
    assert r.findings == []
    keg = r.tree.program[0].kegiatan[0]
    node = keg if where == "kegiatan" else keg.kro[0]
    assert node.nama in ("Kegiatan B", "Layanan C")
    assert [(i.kode, i.uraian) for i in node.indikator] == [("01", "Jumlah layanan"), ("02", "Nilai kinerja")]
    if where == "kro":
        assert (keg.kro[0].lokasi, keg.kro[0].lokasi_nama) == ("16.52", "KOTA BALIKPAPAN")


def test_label_merged_into_an_ro_row() -> None:
    rows = SIMPLE.replace("<b>RO dua</b>", "<b>RO dua</b> <i>Indikator RO</i> 01 Jumlah Layanan")
    ro = read_text(doc(rows)).tree.program[0].kegiatan[0].kro[0].ro[1]
    assert (ro.nama, [(i.kode, i.uraian) for i in ro.indikator]) == ("RO dua", [("01", "Jumlah Layanan")])


def test_indicator_numbers_past_99_are_not_ro() -> None:
    items = "".join(f"{n:02d}\t<i>Indikator nomor {n}</i>\t\t\t\t\n" for n in range(1, 102))
    rows = SIMPLE.replace("<b>U01</b>", "\t<i>Indikator KRO</i>\t\t\t\t\n" + items + "<b>U01</b>")
    r = read_text(doc(rows))
    kro = r.tree.program[0].kegiatan[0].kro[0]
    assert [ro.kode for ro in kro.ro] == ["U01", "U02"]
    assert [i.kode for i in kro.indikator][-3:] == ["99", "100", "101"]
    assert r.findings == []


def test_numeric_ro_after_an_indicator_list_is_still_an_ro() -> None:
    rows = SIMPLE.replace(
        "<b>U01</b>", "\t<i>Indikator KRO</i>\t\t\t\t\n01\tSatu\t\t\t\t\n<b>002</b>"
    ).replace("<b>U02</b>", "<b>003</b>")
    kro = read_text(doc(rows)).tree.program[0].kegiatan[0].kro[0]
    assert [ro.kode for ro in kro.ro] == ["002", "003"]


def test_label_with_abbreviation() -> None:
    rows = SIMPLE.replace(
        "5252\t",
        (
            "\t<b>Sasaran Program :</b> 01 Tata kelola yang baik <b>Indikator Kinerja Program (IKP) :"
            "</b> 01.01 Nilai SAKIP 01.02 Indeks RB\t\t\t\t\n5252\t"
        ),
        1,
    )
    s = read_text(doc(rows)).tree.program[0].sasaran
    assert [(x.kode, x.uraian, [i.kode for i in x.indikator]) for x in s] == [
        ("01", "Tata kelola yang baik", ["01.01", "01.02"])
    ]


@pytest.mark.parametrize(
    "old,new",
    [
        ("**KEMEN/LEMB** : (013)", "KEMENTERIAN NEGARA/LEMBAGA : (013)"),
        ("**KEMEN/LEMB** : (013)", "KEMENTERIAN / LEMBAGA : (013)"),
        ("**UNIT ORG** : (05)", "UNIT ORG. : (05)"),
        ("**UNIT ORG** : (05)", "UNIT ESELON 1 : (05)"),
        ("**LOKASI** : (52)", "KAB/KOTA : (52)"),
        ("**KEMEN/LEMB** : (013)", "KEMEN/LEMB : ( 013 )"),
        ("**KEMEN/LEMB** : (013)", "KEMEN/LEMB : 013"),
        ("**KEMEN/LEMB** : (013)", "KEMEN/LEMB\t: (013)"),
        ("**KEMEN/LEMB** : (013) **KEMENTERIAN HUKUM**", "KEMEN/LEMB : (013) - KEMENTERIAN HUKUM"),
    ],
)
def test_header_spellings(old: str, new: str) -> None:
    text = doc(SIMPLE).replace(old, new)
    assert old not in text
    t = read_text(text).tree
    assert (t.kementerian.kode, t.kementerian.nama) == ("013", "KEMENTERIAN HUKUM")
    assert (t.unit_organisasi.kode, t.lokasi.kode) == ("05", "52")


def test_wrapped_satker_name_in_the_header() -> None:
    text = doc(SIMPLE).replace(
        "**SATUAN KERJA** : (123456) **BAPAS CONTOH**",
        "**SATUAN KERJA** : (123456) **BAPAS CONTOH**\n**KELAS I**",
    )
    r = read_text(text)
    assert r.tree.satker.nama == "BAPAS CONTOH KELAS I"
    assert r.tree.dokumen.kop == []


def test_rank_line_between_name_and_nip() -> None:
    text = doc(
        SIMPLE,
        signature="\nJakarta, 15 Januari 2024\nKuasa Pengguna Anggaran\n\n"
        "ANI WIJAYA, S.E., M.M.\nPembina Tk. I (IV/b)\nNIP 198001012005012002\n",
    )
    p = read_text(text).tree.dokumen.penandatangan
    assert p is not None
    assert (p.jabatan, p.nama, p.pangkat) == (
        "Kuasa Pengguna Anggaran",
        "ANI WIJAYA, S.E., M.M.",
        "Pembina Tk. I (IV/b)",
    )


def test_wrapped_indicator_text_continues_the_previous_item() -> None:
    rows = SIMPLE + (
        "\t<i>Indikator RO</i>\t\t\t\t\n01\tJumlah Layanan Perkantoran yang\t\t\t\t\n"
        "\tdilaksanakan tepat waktu\t\t\t\t\n"
    )
    r = read_text(doc(rows))
    assert r.findings == []
    ro = r.tree.program[0].kegiatan[0].kro[0].ro[1]
    assert [(i.kode, i.uraian) for i in ro.indikator] == [
        ("01", "Jumlah Layanan Perkantoran yang dilaksanakan tepat waktu")
    ]


def test_flattened_list_continued_after_a_page_break() -> None:
    page1 = SIMPLE.replace(
        "5252.BDC",
        (
            "\t<b>Indikator Kinerja Kegiatan :</b> 01 Jumlah layanan 02 Nilai kinerja organisasi "
            "yang\t\t\t\t\n5252.BDC"
        ),
    ).split("5252.BDC")[0]
    page2 = (
        "\t<b>Indikator Kinerja Kegiatan :</b>\t\t\t\t\n"
        "\tdiukur setiap tahun 03 Persentase realisasi\t\t\t\t\n5252.BDC" + SIMPLE.split("5252.BDC")[1]
    )
    keg = read_text(doc(page1, page2)).tree.program[0].kegiatan[0]
    assert [(i.kode, i.uraian) for i in keg.indikator] == [
        ("01", "Jumlah layanan"),
        ("02", "Nilai kinerja organisasi yang diukur setiap tahun"),
        ("03", "Persentase realisasi"),
    ]


@pytest.mark.parametrize(
    "old,new",
    [
        ("Halaman : 1", "Halaman : 1\t"),
        ("Halaman : 1", "Halaman\t: 1"),
        ("(1)\t(2)\t(3)\t(4)\t(5)\t(6)", "1\t2\t3\t4\t5\t6"),
    ],
)
def test_page_furniture_with_tabs(old: str, new: str) -> None:
    r = read_text(doc(SIMPLE).replace(old, new))
    assert r.findings == []
    assert r.tree.dokumen.halaman[0].printed_number == 1


@pytest.mark.parametrize(
    "signature",
    [
        "\n\t\t\t\tSamarinda, 2 Januari 2024\n\t\t\t\tKuasa Pengguna Anggaran\n\n"
        "\t\t\t\tSITI AMINAH\n\t\t\t\tNIP 198001012005012002\n",
        "\nSamarinda,\t2 Januari 2024\nKuasa Pengguna Anggaran\n\nSITI AMINAH\nNIP 198001012005012002\n",
        "\nSamarinda, Selasa, 2 Januari 2024\nKuasa Pengguna Anggaran\nSITI AMINAH\n"
        "NIP. 19800101 200501 2 002\n",
    ],
)
def test_signature_variants(signature: str) -> None:
    r = read_text(doc(SIMPLE, signature=signature))
    assert r.findings == []
    d = r.tree.dokumen
    assert (d.tempat, d.tanggal) == ("Samarinda", dt.date(2024, 1, 2))
    assert d.penandatangan is not None
    assert (d.penandatangan.nama, d.penandatangan.nip) == ("SITI AMINAH", "198001012005012002")


@pytest.mark.parametrize(
    "month,number",
    [("Agt", 8), ("Agust.", 8), ("Pebruari", 2), ("Nopember", 11), ("Okt", 10), ("December", 12)],
)
def test_month_spellings(month: str, number: int) -> None:
    text = doc(SIMPLE).replace("2 Januari 2024", f"2 {month} 2024")
    assert read_text(text).tree.dokumen.tanggal == dt.date(2024, number, 2)


def test_dot_grouped_document_with_point_decimals_in_volumes() -> None:
    rows = SIMPLE.replace(",000", ".000")
    t = read_text(doc(rows)).tree
    kro = t.program[0].kegiatan[0].kro[0]
    assert (kro.keluaran.volume, kro.alokasi.jumlah) == (Decimal("3.00"), 100_000)


@pytest.mark.parametrize(
    "cell,target,satuan",
    [
        ("3,50 Indeks", Decimal("3.50"), "Indeks"),
        ("85", Decimal("85"), None),
        ("100.00 Persen", Decimal("100.00"), "Persen"),
    ],
)
def test_indicator_targets(cell: str, target: Decimal, satuan: str | None) -> None:
    rows = SIMPLE + f"\t<i>Indikator RO</i>\t\t\t\t\n01\tIndeks kepuasan\t{cell}\t\t\t\n"
    r = read_text(doc(rows))
    assert r.findings == []
    ind = r.tree.program[0].kegiatan[0].kro[0].ro[1].indikator[0]
    assert (ind.target, ind.satuan) == (target, satuan)


def test_unknown_label_is_reported_and_the_rest_of_the_row_kept() -> None:
    rows = SIMPLE.replace(
        "5252.BDC",
        (
            "\t<b>Sasaran Kegiatan :</b> 01 Meningkatnya kualitas layanan <b>Indikator Kinerja "
            "Kegiatan :</b> 01 Jumlah layanan 02 Nilai kinerja\t\t\t\t\n5252.BDC"
        ),
    )
    r = read_text(doc(rows))
    assert [f.rule for f in r.findings] == ["READ_ROW_UNPLACED"]
    assert "Meningkatnya kualitas layanan" in pesan(r.findings[0])
    assert [i.kode for i in r.tree.program[0].kegiatan[0].indikator] == ["01", "02"]


def test_kro_lokasi_in_title_case_and_escaped_markdown() -> None:
    rows = SIMPLE.replace(
        "<b>Layanan C 16.52 KOTA BALIKPAPAN</b>",
        r"Layanan C \[Program Baru \- Perubahan Kebijakan\] 01.51 Kota Jakarta Pusat",
    )
    kro = read_text(doc(rows)).tree.program[0].kegiatan[0].kro[0]
    assert (kro.nama, kro.label, kro.lokasi, kro.lokasi_nama) == (
        "Layanan C",
        ["Program Baru - Perubahan Kebijakan"],
        "01.51",
        "Kota Jakarta Pusat",
    )


def test_ro_in_full_form_and_code_with_name_in_one_cell() -> None:
    rows = SIMPLE.replace("<b>U01</b>\t<b>RO satu</b>", "5252.BDC.U01\t<b>RO satu</b>").replace(
        "<b>U02</b>\t<b>RO dua</b>", "U02 <b>RO dua</b>\t"
    )
    r = read_text(doc(rows))
    assert r.findings == []
    assert [(ro.kode, ro.nama) for ro in r.tree.program[0].kegiatan[0].kro[0].ro] == [
        ("U01", "RO satu"),
        ("U02", "RO dua"),
    ]


def test_ro_in_full_form_under_another_kro_is_an_error() -> None:
    rows = SIMPLE.replace("<b>U01</b>\t<b>RO satu</b>", "5252.XYZ.U01\t<b>RO satu</b>")
    assert "READ_PARENT_MISSING" in rules(doc(rows))


def test_printed_total_row_is_checked() -> None:
    from anggaran.rules import run_rules

    good = read_text(doc(SIMPLE + "\t<b>JUMLAH</b>\t\t\t<b>100,000</b>\t<b>100,000</b>\n"))
    assert good.findings == []
    assert good.tree.jumlah_tercetak is not None
    assert [f.rule for f in run_rules(good.tree)] == ["SPLIT_MISMATCH"]  # KRO vs its RO
    bad = read_text(doc(SIMPLE + "\t<b>JUMLAH</b>\t\t\t<b>110,000</b>\t<b>110,000</b>\n"))
    rollup = [f for f in run_rules(bad.tree) if f.rule == "ROLLUP_MISMATCH"]
    assert [(f.path, f.args["selisih"]) for f in rollup] == [("123456", 10_000)]


def test_utf16_with_bom() -> None:
    r = read_rka_text(doc(SIMPLE).encode("utf-16"), "u16.txt")
    assert r.findings == []
    assert r.tree.satker.kode == "123456"


def test_header_has_no_bold() -> None:
    text = doc(SIMPLE).replace("**", "")
    assert read_text(text).tree.unit_organisasi.nama == "Ditjen Pemasyarakatan"


def test_ro_002_after_an_indicator_01_stays_an_ro() -> None:
    rows = SIMPLE.replace(
        "<b>U01</b>\t<b>RO satu</b>\t<b>1.00 Orang</b>\t<b>40,000</b>\t\t<b>40,000</b>",
        "\t<i>Indikator KRO</i>\t\t\t\t\n01\tSatu\t\t\t\t\n002\tRO tanpa pagu\t\t\t\t",
    )
    kro = read_text(doc(rows)).tree.program[0].kegiatan[0].kro[0]
    assert [ro.kode for ro in kro.ro] == ["002", "U02"]


def test_line_after_a_header_field_that_is_no_name_is_reported() -> None:
    text = doc(SIMPLE).replace(
        "**LOKASI** : (52) **KOTA BALIKPAPAN**",
        "**LOKASI** : (52) **KOTA BALIKPAPAN**\nDicetak oleh SAKTI 12/03/2023",
    )
    r = read_text(text)
    assert r.tree.lokasi.nama == "KOTA BALIKPAPAN"
    assert [f.rule for f in r.findings] == ["READ_LINE_UNRECOGNISED"]


def test_dash_in_the_volume_column_is_empty() -> None:
    rows = SIMPLE.replace("<b>1.00 Orang</b>", "-")
    r = read_text(doc(rows))
    assert r.findings == []
    assert r.tree.program[0].kegiatan[0].kro[0].ro[0].keluaran.satuan is None


@pytest.mark.parametrize(
    "old,new,message",
    [
        ("**BAGIAN-A**", "**BAGIAN-C**", "Bagian C"),
        ("TAHUN ANGGARAN 2024", "TAHUN ANGGARAN 1024", "1024"),
    ],
)
def test_not_a_bagian_a_of_a_plausible_year(old: str, new: str, message: str) -> None:
    from anggaran.core.errors import InputError

    with raises_id(InputError, message):
        read_text(doc(SIMPLE).replace(old, new).replace("T.A 2024", "T.A 1024"))
