"""Each rule on a small tree that breaks it, and on the real example."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from anggaran.core.findings import Severity
from anggaran.core.tree import (
    KRO,
    RO,
    Alokasi,
    Dokumen,
    Indikator,
    Kegiatan,
    Keluaran,
    KodeNama,
    PageHeader,
    Penandatangan,
    Program,
    RkaSatker,
    Sasaran,
)
from anggaran.formats.result import ReadResult
from anggaran.rules import RULES, run_rules
from anggaran.rules.dokumen import nip_problems
from tests.conftest import pesan


def tree() -> RkaSatker:
    """A consistent tree: 1 program, 1 kegiatan, 1 KRO with two RO."""
    ros = [
        RO(
            "U01",
            "RO satu",
            Keluaran(Decimal(1), "Orang"),
            Alokasi(40_000, 0, 40_000),
            [Indikator("01", "Satu")],
        ),
        RO("U02", "RO dua", Keluaran(Decimal(2), "Orang"), Alokasi(50_000, 10_000, 60_000)),
    ]
    kro = KRO(
        "5252.BDC",
        "KRO",
        keluaran=Keluaran(Decimal(3), "Orang, Layanan"),
        alokasi=Alokasi(90_000, 10_000, 100_000),
        indikator=[Indikator("01", "a"), Indikator("02", "b")],
        ro=ros,
    )
    keg = Kegiatan("5252", "Kegiatan", Alokasi(90_000, 10_000, 100_000), kro=[kro])
    prog = Program(
        "013.05.BF",
        "Program",
        Alokasi(90_000, 10_000, 100_000),
        [Sasaran("06", "S", [Indikator("06.01", "i")])],
        [keg],
    )
    header = {
        "kementerian": KodeNama("013", "KL"),
        "unit_organisasi": KodeNama("05", "Unit"),
        "satker": KodeNama("123456", "Satker"),
        "provinsi": KodeNama("16", "Kaltim"),
        "lokasi": KodeNama("52", "Kota"),
    }
    pages = [PageHeader(1, 1, dict(header), 2024)]
    dok = Dokumen(
        2024,
        tanggal=dt.date(2024, 1, 2),
        penandatangan=Penandatangan("KPA", "Nama", "198001012005012002"),
        halaman=pages,
    )
    return RkaSatker(dok, program=[prog], **header)


def rules_of(t: RkaSatker) -> list[tuple[str, Severity, str]]:
    return [(f.rule, f.severity, f.path) for f in run_rules(t)]


def test_consistent_tree_has_no_findings() -> None:
    assert run_rules(tree()) == []


def test_real_example_has_no_errors_and_the_known_warnings(example: ReadResult) -> None:
    findings = run_rules(example.tree)
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    assert sorted((f.rule, f.path) for f in findings) == sorted(
        [
            ("SPLIT_MISMATCH", "013.05.BF/5252/5252.BAH"),
            ("SPLIT_MISMATCH", "013.05.BF/5252/5252.BDC"),
            ("SPLIT_MISMATCH", "013.05.WA/6231/6231.EBA"),
            ("SPLIT_MISMATCH", "013.05.WA/6231/6231.EBC"),
            ("SPLIT_MISMATCH", "013.05.WA/6231/6231.EBD"),
            ("PAGE_HEADER_MISMATCH", ""),
            ("INDIKATOR_GAP", "013.05.WA/6231/6231.EBD"),
        ]
    )
    page = next(f for f in findings if f.rule == "PAGE_HEADER_MISMATCH")
    assert page.source is not None and (page.source.page, page.source.line) == (2, 40)
    assert "Ditjen Pemasaryakatan" in pesan(page) and "Ditjen Pemasarakatan" in pesan(page)


def test_row_sum() -> None:
    t = tree()
    t.program[0].kegiatan[0].kro[0].ro[1].alokasi = Alokasi(50_000, 10_000, 61_000)
    t.program[0].kegiatan[0].kro[0].ro[0].alokasi = Alokasi(39_000, 0, 39_000)
    findings = run_rules(t)
    row = [f for f in findings if f.rule == "ROW_SUM"]
    assert [(f.path, f.args["selisih"]) for f in row] == [("013.05.BF/5252/5252.BDC/U02", 1_000)]


def test_rollup_names_parent_both_amounts_and_difference() -> None:
    t = tree()
    t.program[0].kegiatan[0].kro[0].ro[0].alokasi = Alokasi(45_000, 0, 45_000)
    findings = [f for f in run_rules(t) if f.rule == "ROLLUP_MISMATCH"]
    assert len(findings) == 1
    f = findings[0]
    assert f.severity is Severity.ERROR
    assert f.path == "013.05.BF/5252/5252.BDC"
    assert pesan(f) == (
        "KRO 5252.BDC: jumlah tercetak Rp 100.000, jumlah RO-nya Rp 105.000 (selisih Rp -5.000)"
    )
    assert (f.args["tercetak"], f.args["jumlah_anak"], f.args["selisih"]) == (100_000, 105_000, -5_000)
    assert (
        pesan(f, "en")
        == "KRO 5252.BDC: printed jumlah Rp 100,000, sum of its RO Rp 105,000 (difference Rp -5,000)"
    )


def test_rollup_at_program_level() -> None:
    t = tree()
    t.program[0].alokasi = Alokasi(90_000, 20_000, 110_000)
    assert ("ROLLUP_MISMATCH", Severity.ERROR, "013.05.BF") in rules_of(t)


def test_split_warning_when_jumlah_agrees() -> None:
    t = tree()
    t.program[0].kegiatan[0].kro[0].alokasi = Alokasi(0, 100_000, 100_000)
    got = rules_of(t)
    assert ("SPLIT_MISMATCH", Severity.WARNING, "013.05.BF/5252/5252.BDC") in got
    assert ("SPLIT_MISMATCH", Severity.WARNING, "013.05.BF/5252") in got
    assert not any(r == "ROLLUP_MISMATCH" for r, _, _ in got)


def test_kro_volume_sum() -> None:
    t = tree()
    t.program[0].kegiatan[0].kro[0].keluaran = Keluaran(Decimal(4), "Orang")
    f = [f for f in run_rules(t) if f.rule == "KRO_VOLUME_SUM"]
    assert [(x.severity, pesan(x)) for x in f] == [
        (
            Severity.WARNING,
            "KRO 5252.BDC: volume 4,00, jumlah volume RO-nya 1,00 + 2,00 = 3,00 (selisih 1,00)",
        )
    ]


def test_ro_satuan_outside_kro() -> None:
    t = tree()
    t.program[0].kegiatan[0].kro[0].ro[1].keluaran = Keluaran(Decimal(2), "Dokumen")
    assert rules_of(t) == [("RO_SATUAN_OUTSIDE_KRO", Severity.WARNING, "013.05.BF/5252/5252.BDC/U02")]


def test_ro_satuan_comparison_ignores_case() -> None:
    t = tree()
    t.program[0].kegiatan[0].kro[0].ro[1].keluaran = Keluaran(Decimal(2), "layanan")
    assert rules_of(t) == []


def test_code_formats_and_hierarchy() -> None:
    t = tree()
    t.program[0].kode = "014.05.BF"
    kro = t.program[0].kegiatan[0].kro[0]
    kro.kode = "5253.BDC"
    kro.ro[1].kode = "U1"
    got = rules_of(t)
    assert ("KODE_HIERARCHY", Severity.ERROR, "014.05.BF") in got
    assert ("KODE_HIERARCHY", Severity.ERROR, "014.05.BF/5252/5253.BDC") in got
    assert ("KODE_FORMAT", Severity.ERROR, "014.05.BF/5252/5253.BDC/U1") in got


def test_duplicate_ro() -> None:
    t = tree()
    t.program[0].kegiatan[0].kro[0].ro[1].kode = "U01"
    assert ("KODE_DUPLICATE", Severity.ERROR, "013.05.BF/5252/5252.BDC/U01") in rules_of(t)


def test_indicator_gap_and_duplicate() -> None:
    t = tree()
    kro = t.program[0].kegiatan[0].kro[0]
    kro.indikator = [Indikator(k, "x") for k in ("01", "03", "03", "04")]
    f = [(x.rule, pesan(x)) for x in run_rules(t)]
    assert f == [
        ("INDIKATOR_DUPLICATE", "Indikator KRO 5252.BDC: nomor 03 tercantum dua kali"),
        ("INDIKATOR_GAP", "Indikator KRO 5252.BDC: nomor melompat dari 01 ke 03 (tidak ada 02)"),
    ]


def test_indicator_restart_and_selection_are_not_findings() -> None:
    t = tree()
    t.program[0].kegiatan[0].indikator = [Indikator(k, "x") for k in ("01", "01", "02", "01")]
    t.program[0].sasaran = [Sasaran("06", "a"), Sasaran("08", "b", [Indikator("08.10", "c")])]
    assert run_rules(t) == []


def test_ikp_under_the_wrong_sasaran() -> None:
    t = tree()
    t.program[0].sasaran[0].indikator.append(Indikator("07.01", "x"))
    assert [f.rule for f in run_rules(t)] == ["IKP_SASARAN"]


def test_page_header_mismatch_names_page_and_both_spellings() -> None:
    t = tree()
    other = dict(t.dokumen.halaman[0].fields)
    other["satker"] = KodeNama("123456", "Satkr")
    t.dokumen.halaman.append(PageHeader(2, 2, other, 2024))
    f = [x for x in run_rules(t)]
    assert [(x.rule, x.source) for x in f] == [("PAGE_HEADER_MISMATCH", None)]
    assert pesan(f[0]) == ("Halaman 2 mencetak satuan kerja (123456) 'Satkr', halaman lain (123456) 'Satker'")


def test_page_numbers() -> None:
    t = tree()
    t.dokumen.halaman.append(PageHeader(2, 3, dict(t.dokumen.halaman[0].fields), 2024))
    assert [f.rule for f in run_rules(t)] == ["PAGE_NUMBER"]


def nip_messages(nip: str, on: dt.date | None = None, lang: str = "id") -> list[str]:
    from anggaran.core.findings import Finding

    return [
        pesan(Finding.of("NIP_INVALID", variant="" if v == "format" else v, **args), lang)
        for v, args in nip_problems(nip, on)
    ]


def test_nip() -> None:
    assert nip_problems("197003152000121001") == []
    assert nip_messages("19700315200012100") == ["NIP '19700315200012100' tidak 18 digit"]
    assert nip_messages("19700315200012100", lang="en") == ["NIP '19700315200012100' is not 18 digits"]
    assert nip_messages("197002302000121001") == [
        "NIP 197002302000121001: tanggal lahir 19700230 tidak valid"
    ]
    assert nip_messages("197003151969121001") == [
        "NIP 197003151969121001: TMT pengangkatan 196912 tidak sesudah tanggal lahir 19700315"
    ]
    assert nip_messages("197003152000131001") == [
        "NIP 197003152000131001: TMT pengangkatan 200013 tidak valid"
    ]
    assert nip_messages("197003152000123001") == [
        "NIP 197003152000123001: digit jenis kelamin '3' bukan 1 atau 2"
    ]
    assert nip_messages("197003152030121001", dt.date(2023, 3, 30)) == [
        "NIP 197003152030121001: TMT pengangkatan 203012 sesudah tanggal dokumen"
    ]


def test_nip_appointed_before_eighteen() -> None:
    assert nip_messages("200003152000121001") == [
        "NIP 200003152000121001: diangkat 200012 sebelum berusia 18 tahun (lahir 20000315)"
    ]


def test_repeated_01_outside_ikk_is_a_duplicate() -> None:
    t = tree()
    t.program[0].kegiatan[0].kro[0].ro[0].indikator = [Indikator("01", "a"), Indikator("01", "b")]
    assert [f.rule for f in run_rules(t)] == ["INDIKATOR_DUPLICATE"]


def test_kegiatan_under_two_programs() -> None:
    t = tree()
    other = Program(
        "013.05.WA", "Lain", Alokasi(0, 0, 0), kegiatan=[Kegiatan("5252", "Kegiatan", Alokasi(0, 0, 0))]
    )
    t.program.append(other)
    f = [x for x in run_rules(t) if x.rule == "KEGIATAN_PROGRAM"]
    assert [(x.path, pesan(x)) for x in f] == [
        (
            "013.05.WA/5252",
            "Kegiatan 5252 tercantum di bawah program 013.05.BF dan 013.05.WA; "
            "satu kegiatan hanya milik satu program",
        )
    ]


def test_money_without_rows_below_is_an_error() -> None:
    t = tree()
    t.program[0].kegiatan[0].kro[0].ro = []
    f = [x for x in run_rules(t) if x.rule == "ROLLUP_MISMATCH"]
    assert [(x.path, x.args["selisih"]) for x in f] == [("013.05.BF/5252/5252.BDC", 100_000)]


def test_bagian_a_row_with_jumlah_only() -> None:
    t = tree()
    t.program[0].kegiatan[0].kro[0].ro[0].alokasi = Alokasi(0, 0, 40_000)
    assert "ROW_SUM" in [f.rule for f in run_rules(t)]


def test_nip_rule_on_tree() -> None:
    t = tree()
    assert t.dokumen.penandatangan is not None
    t.dokumen.penandatangan.nip = "198001012005013002"
    assert rules_of(t) == [("NIP_INVALID", Severity.ERROR, "")]


def test_every_rule_has_id_severity_messages_and_source() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for r in RULES:
        assert r.id.isupper() and r.kind.description and r.source and r.kind.messages[""]
