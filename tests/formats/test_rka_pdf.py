"""The Bagian A as people hold it: the PDF itself (Anggaran's own, and PDFs made by another
engine, Chromium, in two layouts unlike ours: ``scripts/pdf_lain.py``), and the text that
``pdftotext`` takes out of them. Each reads to the tree of the text form of the same
document, with the same findings; the forms that lost their columns are refused with the
ways that work."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from anggaran.cli import cli
from anggaran.core.errors import InputError
from anggaran.core.tree import RkaSatker
from anggaran.formats.result import ReadResult
from anggaran.formats.rka_text.bentuk import read_bagian_a_text
from anggaran.formats.rka_text.pdf import read_rka_pdf
from anggaran.reports import bagian_a
from anggaran.reports.pdf import render_pdf
from anggaran.rules import run_rules

DATA = Path(__file__).resolve().parent.parent / "data" / "pdf"
HELD_OUT = ["109141-garis", "109141-polos"]


@pytest.fixture(scope="module")
def own_pdf(example: ReadResult) -> bytes:
    return render_pdf(bagian_a.build(example.tree))


def _same_document(tree: RkaSatker, example: RkaSatker) -> None:
    assert tree.program == example.program
    for field in ("kementerian", "unit_organisasi", "satker", "provinsi", "lokasi"):
        assert getattr(tree, field) == getattr(example, field)
    assert tree.dokumen.tahun_anggaran == 2023
    assert tree.dokumen.penandatangan == example.dokumen.penandatangan
    assert (tree.dokumen.tempat, tree.dokumen.tanggal) == (example.dokumen.tempat, example.dokumen.tanggal)


def _golden(tree: RkaSatker) -> None:
    """The example's golden values (tests/formats/test_rka_text_golden.py)."""
    assert [p.kode for p in tree.program] == ["013.05.BF", "013.05.WA"]
    assert tree.jumlah().jumlah == 3_212_301_000
    kros = [k for p in tree.program for g in p.kegiatan for k in g.kro]
    assert len(kros) == 5
    assert sum(len(k.ro) for k in kros) == 15
    bdc = next(k for k in kros if k.kode == "5252.BDC")
    assert (bdc.keluaran.volume, bdc.keluaran.satuan, len(bdc.indikator)) == (Decimal("237.00"), "Orang", 50)
    ttd = tree.dokumen.penandatangan
    assert ttd is not None and (ttd.nama, ttd.nip) == ("BUDI SANTOSO", "197003152000121001")


def _rule_findings(result: ReadResult) -> list[tuple[str, str]]:
    """The findings about the budget. (The example's pages print the unit's name in two
    spellings, PAGE_HEADER_MISMATCH; the PDFs printed from its tree print one.)"""
    return sorted(
        (f.rule, f.path) for f in result.findings + run_rules(result.tree) if f.rule != "PAGE_HEADER_MISMATCH"
    )


def test_own_pdf_reads_to_the_text_forms_tree(own_pdf: bytes, example: ReadResult) -> None:
    result = read_rka_pdf(own_pdf, "own.pdf")
    assert result.findings == []
    _same_document(result.tree, example.tree)
    _golden(result.tree)
    assert _rule_findings(result) == _rule_findings(example)


@pytest.mark.parametrize("name", HELD_OUT)
def test_another_engines_pdf_reads_to_the_text_forms_tree(name: str, example: ReadResult) -> None:
    result = read_rka_pdf((DATA / f"{name}.pdf").read_bytes(), f"{name}.pdf")
    assert result.findings == []
    _same_document(result.tree, example.tree)
    _golden(result.tree)
    assert _rule_findings(result) == _rule_findings(example)


def test_the_letterhead_above_the_title_is_read() -> None:
    """The ``polos`` layout prints the satker's letterhead on its first page."""
    tree = read_rka_pdf((DATA / "109141-polos.pdf").read_bytes(), "polos.pdf").tree
    assert tree.dokumen.kop == [
        "BALAI PEMASYARAKATAN KELAS II BALIKAPAPAN",
        "KANTOR WILAYAH KEMENTERIAN HUKUM DAN HAK",
        "ASASI MANUSIA KALIMANTAN TIMUR",
    ]


def test_pages_and_lines_of_a_pdf_are_its_sheets() -> None:
    """A finding names the sheet of the PDF (Chromium breaks a long table onto sheets
    that repeat only the column heads) and the line on it."""
    result = read_rka_pdf((DATA / "109141-polos-ubah.pdf").read_bytes(), "ubah.pdf")
    rollup = [f for f in run_rules(result.tree) if f.rule == "ROLLUP_MISMATCH"]
    assert [f.path for f in rollup] == ["013.05.BF/5252/5252.BDC"]
    assert rollup[0].source is not None and rollup[0].source.page == 4
    ro = next(
        r
        for p in result.tree.program
        for g in p.kegiatan
        for k in g.kro
        if k.kode == "5252.BDC"
        for r in k.ro
    )
    assert (ro.kode, ro.alokasi.jumlah) == ("003", 80_000_000)


@pytest.mark.parametrize("name", [*HELD_OUT, "109141-typst"])
def test_pdftotext_layout_reads_to_the_same_tree(name: str, example: ReadResult) -> None:
    result = read_bagian_a_text((DATA / f"{name}.layout.txt").read_bytes(), f"{name}.layout.txt")
    assert result.findings == []
    _same_document(result.tree, example.tree)
    _golden(result.tree)
    assert _rule_findings(result) == _rule_findings(example)


def test_pdftotext_layout_of_a_changed_ro_gives_the_rollup_mismatch() -> None:
    result = read_bagian_a_text((DATA / "109141-polos-ubah.layout.txt").read_bytes(), "ubah.txt")
    assert [f.path for f in run_rules(result.tree) if f.rule == "ROLLUP_MISMATCH"] == [
        "013.05.BF/5252/5252.BDC"
    ]


@pytest.mark.parametrize(
    "name", ["109141-garis.txt", "109141-garis.raw.txt", "109141-polos.txt", "109141-polos.raw.txt"]
)
def test_text_without_its_columns_is_refused_naming_what_works(name: str) -> None:
    """pdftotext's default and -raw modes keep the words but not their columns: which
    amount is the angka dasar and which the inisiatif baru cannot be told."""
    with pytest.raises(InputError) as err:
        read_bagian_a_text((DATA / name).read_bytes(), name)
    assert "not its columns" in str(err.value)
    assert "pdftotext -layout" in str(err.value)


def test_a_pdf_without_text_is_refused_as_a_scan(tmp_path: Path) -> None:
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    scan = tmp_path / "scan.pdf"
    pdf.save(scan)
    with pytest.raises(InputError) as err:
        read_rka_pdf(scan.read_bytes(), "scan.pdf")
    assert "no text layer" in str(err.value)
    result = CliRunner().invoke(cli, ["check", str(scan)])
    assert result.exit_code == 2
    assert "scan.pdf" in result.output and "Traceback" not in result.output


def test_a_broken_pdf_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")
    result = CliRunner().invoke(cli, ["check", str(broken)])
    assert result.exit_code == 2
    assert "broken.pdf" in result.output and "Traceback" not in result.output


def test_check_and_export_read_a_pdf(tmp_path: Path) -> None:
    pdf = DATA / "109141-garis.pdf"
    result = CliRunner().invoke(cli, ["check", str(pdf)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "x.json"
    result = CliRunner().invoke(cli, ["export", str(pdf), "--to", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert b'"3212301000"' in out.read_bytes() or b"3212301000" in out.read_bytes()


def _bagian_a_rows(tree: RkaSatker, names: RkaSatker | None = None) -> list[tuple[object, ...]]:
    """The Bagian A's rows of ``tree``; a name where ``names`` (the source) has one (an
    unnamed program or kegiatan prints as the reference or the placeholder names it)."""
    src = names or tree

    def nama(node: Any, other: Any) -> object:
        return node.nama if other.nama else None

    return [
        (p.kode, nama(p, sp), p.alokasi, g.kode, nama(g, sg), g.alokasi, k.kode, nama(k, sk), k.lokasi,
         k.alokasi, k.keluaran,
         [(o.kode, nama(o, so), o.alokasi, o.keluaran) for o, so in zip(k.ro, sk.ro, strict=True)])
        for p, sp in zip(tree.program, src.program, strict=True)
        for g, sg in zip(p.kegiatan, sp.kegiatan, strict=True)
        for k, sk in zip(g.kro, sg.kro, strict=True)
    ]  # fmt: skip


def test_every_kind_of_satker_of_a_real_archive_round_trips_through_its_pdf(adk_1d01) -> None:  # type: ignore[no-untyped-def]
    """Ten satkers of the real 1d01 archive (KPPN, Kanwil, directorates: other programs,
    KRO without a lokasi name, long names, many RO), each printed as its Bagian A PDF and
    read back: every code, name, volume and amount as in the archive."""
    satkers = adk_1d01.arsip.satker[::4]
    assert len(satkers) == 10
    for tree in satkers:
        result = read_rka_pdf(render_pdf(bagian_a.build(tree)), f"{tree.satker.kode}.pdf")
        assert _bagian_a_rows(result.tree, tree) == _bagian_a_rows(tree), tree.satker.kode
        assert [len(p.kegiatan) for p in result.tree.program] == [len(p.kegiatan) for p in tree.program]
        assert result.tree.satker == tree.satker
        assert [f.rule for f in result.findings if f.rule != "READ_SIGNATURE_MISSING"] == [], tree.satker.kode


def test_bold_and_italic_as_the_pdf_has_them(own_pdf: bytes) -> None:
    from anggaran.formats.rka_text.pdf import halaman_pdf
    from anggaran.formats.rka_text.tata import baris_halaman

    raws = [b.raw for b in baris_halaman(halaman_pdf(own_pdf, "own.pdf"))]
    program = next(r for r in raws if r.startswith("<b>013.05.BF"))
    assert program.split("\t")[:2] == ["<b>013.05.BF</b>", "<b>Program Penegakan dan Pelayanan Hukum</b>"]
    assert "\t<i>Indikator KRO</i>\t" in next(r for r in raws if "Indikator KRO" in r)
    assert next(r for r in raws if r.startswith("06.01")).startswith("06.01\tIndeks Kepuasan")  # regular


# --- layouts that once misread (ReportLab's PDFs, scripts/pdf_reportlab.py) --------------

REPORTLAB = DATA / "reportlab"


@pytest.mark.parametrize(
    "name",
    [
        "rl01-a4l-helv-grid.pdf",  # a third engine, every cell ruled
        "rl02-a4p-times-nogrid-mid.pdf",  # no rules, values centred: lines of columns interleave
        "rl07-rotate90.pdf",  # a page shown turned (/Rotate 90)
        "rl11-zero-dash.pdf",  # "-" in every empty cell
        "rl21-uncompressed.pdf",  # its words readable as text: still a PDF
        "rl22-allmiddle-grid.pdf",  # every cell centred between its rules (a code below its name's start)
        "rl35-heads-titlecase.pdf",  # "Kode", "Program/Sasaran ..."
        "rl41-hal-bottom-only.pdf",  # "Halaman : N" at the foot of the page: not a new document
        "rl42-wide-volume-col.pdf",  # a volume column wider than its volumes
        "rl43-break-before-label.pdf",  # "Indikator KRO" at the top of a page: a label, not a head
        "rl03-letter-courier-hlines.layout.txt",  # a volume one space from the description
        "rl14-legal-p-times.layout.txt",  # the same after a dash
        "rl41-hal-bottom-only.layout.txt",
        "rl11-zero-dash.layout.txt",  # "-" right-aligned in the amount columns
    ],
)
def test_layouts_that_once_misread(name: str, example: ReadResult) -> None:
    data = (REPORTLAB / name).read_bytes()
    result = read_rka_pdf(data, name) if name.endswith(".pdf") else read_bagian_a_text(data, name)
    assert result.findings == []
    _same_document(result.tree, example.tree)
    _golden(result.tree)
    assert _rule_findings(result) == _rule_findings(example)


def test_a_second_signatory_beside_the_kpa_is_told_not_taken(example: ReadResult) -> None:
    """ "Mengetahui, ..." with its own name and NIP printed left of the KPA's block: the
    KPA is read, the other block's lines are reported, not mixed into the place."""
    name = "rl37-sig-two.pdf"
    result = read_rka_pdf((REPORTLAB / name).read_bytes(), name)
    _same_document(result.tree, example.tree)
    assert result.tree.dokumen.tempat == "Balikpapan"
    told = [f for f in result.findings if f.rule == "READ_LINE_UNRECOGNISED"]
    assert told and {f.rule for f in result.findings} == {"READ_LINE_UNRECOGNISED"}
    assert any("Mengetahui" in str(f.args.get("text", "")) for f in told)


# --- found by a new user's trial --------------------------------------------------------

TRIAL = DATA / "trial"


def test_amounts_with_rp_one_space_apart_in_layout_text() -> None:
    """``Rp 2,463,162,000 Rp 2,463,162,000`` one space apart (pdftotext): both amounts
    were glued to the names and every row read Rp 0, exit 0."""
    result = read_bagian_a_text((TRIAL / "ib3rp.lay.txt").read_bytes(), "ib3rp.lay.txt")
    assert result.findings == []
    assert result.tree.jumlah().jumlah == 3_072_301_000
    wa = result.tree.program[1]
    assert (wa.kode, wa.alokasi.angka_dasar, wa.alokasi.inisiatif_baru) == ("013.05.WA", 0, 2_463_162_000)
    assert not [f for f in run_rules(result.tree) if f.severity.value == "error"]


def test_a_signature_broken_across_a_page_in_layout_text(example: ReadResult) -> None:
    """The name and NIP on a page of their own: the NIP was read as an RO coded "NIP"."""
    result = read_bagian_a_text((TRIAL / "sigpage2.lay.txt").read_bytes(), "sigpage2.lay.txt")
    assert result.findings == []
    _same_document(result.tree, example.tree)


def test_the_bagian_a_pdf_of_an_archive_reads_back_with_its_kpa(adk_527010) -> None:  # type: ignore[no-untyped-def]
    """527010's KPA from d_kpa prints without place, date or NIP: it was read as a table
    row (READ_VALUE_UNRECOGNISED, exit 1)."""
    tree = adk_527010.arsip.satker[0]
    result = read_rka_pdf(render_pdf(bagian_a.build(tree)), "527010.pdf")
    assert result.findings == []
    assert result.tree.dokumen.penandatangan is not None
    ttd = result.tree.dokumen.penandatangan
    assert (ttd.jabatan, ttd.nama, ttd.nip) == ("Kuasa Pengguna Anggaran", "BUDI SANTOSO", "")
    assert _bagian_a_rows(result.tree, tree) == _bagian_a_rows(tree)
