"""Amounts as people write them (issue 11, item 3): the real example with its amount cells
rewritten into every form people and other tools write, read by the whole reader to the
same tree; a fraction of a rupiah and an unreadable amount reported."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from decimal import Decimal
from importlib import resources

import pytest

from anggaran import i18n
from anggaran.core.findings import Severity
from anggaran.core.tree import RkaSatker, walk
from anggaran.formats.result import ReadResult
from anggaran.formats.rka_text.lexicon import as_written, visible
from anggaran.formats.rka_text.reader import read_rka_text
from tests.conftest import pesan, read_text
from tests.formats.test_rka_text_quirks import SIMPLE, doc

NAME = "rka-satker-2023-109141-bagian-a.txt"
EXAMPLE = resources.files("anggaran").joinpath("contoh", NAME).read_text(encoding="utf-8")

_CELL = re.compile(r"(?P<open>(?:<b>)?)(?P<text>.*?)(?P<close>(?:</b>)?)")
_AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})*")
_VOLUME = re.compile(r"(?P<whole>\d+)\.(?P<fraction>\d\d)(?P<satuan>\s.*)?")


def rewrite(text: str, amount: Callable[[int], str], decimal_comma: bool) -> str:
    """``text`` with every amount cell (columns 4-6 of a table row) written by ``amount``
    and, with ``decimal_comma``, every volume with a decimal comma (``237,00 Orang``), as
    a dot-grouped document prints it."""
    lines = []
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        cells = body.split("\t")
        if len(cells) < 4:
            lines.append(line)
            continue
        for i in range(2, len(cells)):
            m = _CELL.fullmatch(cells[i])
            assert m is not None
            inner = m.group("text")
            if i >= 3 and _AMOUNT.fullmatch(inner):
                inner = amount(int(inner.replace(",", "")))
            elif decimal_comma and (v := _VOLUME.fullmatch(inner)):
                inner = f"{v.group('whole')},{v.group('fraction')}{v.group('satuan') or ''}"
            cells[i] = m.group("open") + inner + m.group("close")
        lines.append("\t".join(cells) + line[len(body) :])
    return "".join(lines)


def grouped(n: int, separator: str) -> str:
    return f"{n:,}".replace(",", separator)


#: name: (how an amount of n rupiah is written, volumes with a decimal comma, negative)
FORMS: dict[str, tuple[Callable[[int], str], bool, bool]] = {
    "comma": (lambda n: grouped(n, ","), False, False),
    "comma, .00": (lambda n: grouped(n, ",") + ".00", False, False),
    "dot": (lambda n: grouped(n, "."), True, False),
    "dot, volumes with a decimal point": (lambda n: grouped(n, "."), False, False),
    "dot, ,00": (lambda n: grouped(n, ".") + ",00", True, False),
    "space": (lambda n: grouped(n, " "), False, False),
    "space, ,00": (lambda n: grouped(n, " ") + ",00", True, False),
    "space, .00": (lambda n: grouped(n, " ") + ".00", False, False),
    "no-break space": (lambda n: grouped(n, "\u00a0"), False, False),
    "thin space": (lambda n: grouped(n, "\u2009"), False, False),
    "narrow no-break space, ,00": (lambda n: grouped(n, "\u202f") + ",00", True, False),
    "not grouped, .00": (lambda n: f"{n}.00", False, False),
    "Rp": (lambda n: "Rp " + grouped(n, ","), False, False),
    "Rp.": (lambda n: "Rp. " + grouped(n, ".") + ",00", True, False),
    "Rp without a space": (lambda n: "Rp" + grouped(n, "."), True, False),
    "Rp and a no-break space": (lambda n: "Rp\u00a0" + grouped(n, ".") + ",00", True, False),
    "minus": (lambda n: "-" + grouped(n, ","), False, True),
    "brackets": (lambda n: f"({grouped(n, ',')})", False, True),
    "minus sign U+2212": (lambda n: "\u2212" + grouped(n, "."), True, True),
    "Rp (5.000.000,00)": (lambda n: f"Rp ({grouped(n, '.')},00)", True, True),
    "-Rp 5,000,000.00": (lambda n: f"-Rp {grouped(n, ',')}.00", False, True),
    "(Rp 5 000 000)": (lambda n: f"(Rp {grouped(n, chr(0x2009))})", False, True),
}


def negated(tree: RkaSatker) -> RkaSatker:
    """A copy of ``tree`` with every amount of its own sign turned."""
    result = copy.deepcopy(tree)
    for step in walk(result):
        a = step.node.alokasi
        a.angka_dasar, a.inisiatif_baru, a.jumlah = -a.angka_dasar, -a.inisiatif_baru, -a.jumlah
    return result


@pytest.mark.parametrize("form", list(FORMS))
def test_every_amount_form_reads_to_the_same_tree(form: str, example: ReadResult) -> None:
    amount, decimal_comma, negative = FORMS[form]
    text = rewrite(EXAMPLE, amount, decimal_comma)
    assert (text == EXAMPLE) == (form == "comma")
    r = read_rka_text(text.encode("utf-8"), NAME)
    assert r.findings == []
    sign = -1 if negative else 1
    assert [(p.kode, p.alokasi.jumlah) for p in r.tree.program] == [
        ("013.05.BF", sign * 609_139_000),
        ("013.05.WA", sign * 2_603_162_000),
    ]
    assert r.tree.jumlah().jumlah == sign * 3_212_301_000
    bdc = r.tree.program[0].kegiatan[0].kro[1]
    assert (bdc.kode, bdc.keluaran.volume, len(bdc.indikator)) == ("5252.BDC", Decimal("237.00"), 50)
    # the whole tree, volumes, indicators and sources included, is the original's
    assert r.tree == (negated(example.tree) if negative else example.tree)


def test_the_example_is_rewritten_where_its_amounts_are() -> None:
    text = rewrite(EXAMPLE, lambda n: f"Rp ({grouped(n, '.')},00)", True)
    assert "013.05.BF\t<b>Program Penegakan dan Pelayanan Hukum</b>\t\t\tRp (609.139.000,00)\t" in text
    assert "<b>237,00 Orang</b>\t\t<b>Rp (603.479.000,00)</b>" in text
    assert "\t4,00 Layanan, Laporan, Dokumen, Rekomendasi, Unit\tRp (2.502.162.000,00)\t" in text


@pytest.mark.parametrize(
    ("cell", "shown", "rupiah"),
    [
        ("40,000.50", "40,000.50", 40_000),
        ("Rp 40,000.5", "Rp 40,000.5", 40_000),
        ("40\u00a0000.99", "40<U+00A0>000.99", 40_000),
        ("(40,000.50)", "(40,000.50)", -40_000),
    ],
)
def test_a_fraction_of_a_rupiah_keeps_the_whole_rupiah_and_is_an_error(
    cell: str, shown: str, rupiah: int
) -> None:
    text = doc(SIMPLE.replace("<b>1.00 Orang</b>\t<b>40,000</b>", f"<b>1.00 Orang</b>\t<b>{cell}</b>"))
    r = read_text(text)
    ro = r.tree.program[0].kegiatan[0].kro[0].ro[0]
    assert ro.alokasi.angka_dasar == rupiah
    [f] = r.findings
    assert (f.rule, f.severity, f.path) == (
        "READ_AMOUNT_FRACTION",
        Severity.ERROR,
        "013.05.BF/5252/5252.BDC/U01",
    )
    assert f.source is not None and f.source.page == 1
    assert f.source.line == next(i for i, ln in enumerate(text.splitlines(), 1) if "RO satu" in ln)
    assert (f.args["cell"], f.args["kolom"], f.args["jumlah"]) == (shown, 4, rupiah)
    assert i18n.message(f, "en") == (
        f"amount {shown!r} in column (4) has a fraction of a rupiah; read as {i18n.rupiah(rupiah, 'en')}, "
        "the whole rupiah it writes"
    )


def test_a_zero_fraction_is_no_finding() -> None:
    rows = SIMPLE.replace("<b>40,000</b>\t\t<b>40,000</b>", "<b>40,000.00</b>\t\t<b>40,000.0</b>")
    r = read_text(doc(rows))
    assert r.findings == []
    assert r.tree.program[0].kegiatan[0].kro[0].ro[0].alokasi.jumlah == 40_000


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        # a zero-width space and a left-to-right mark, as copied from a PDF viewer
        ("40\u200b000", "40<U+200B>000"),
        ("40,000\u200e", "40,000<U+200E>"),
        # a space and a no-break space mixed: the line's own characters, not the cleaned cell's
        ("1 040\u00a0000 x", "1 040<U+00A0>000 x"),
    ],
)
def test_an_unreadable_amount_shows_its_invisible_characters(cell: str, shown: str) -> None:
    rows = SIMPLE.replace("<b>60,000</b>\t\t<b>60,000</b>", f"<b>60,000</b>\t\t<b>{cell}</b>")
    r = read_text(doc(rows))
    [f] = r.findings
    assert (f.rule, f.severity, f.args["cell"]) == ("READ_VALUE_UNRECOGNISED", Severity.ERROR, shown)
    assert f"'{shown}'" in pesan(f)
    assert f"'{shown}'" in i18n.message(f, "en")


def test_visible_writes_what_cannot_be_seen_as_its_code_point() -> None:
    assert visible("609 139\u00a0000") == "609 139<U+00A0>000"
    assert visible("1\u2009000\u202f000\t\ufeff") == "1<U+2009>000<U+202F>000<U+0009><U+FEFF>"
    assert visible("Rp (5.000.000,00) \u2212 café") == "Rp (5.000.000,00) \u2212 café"
    assert as_written("609 139 000", "x\t<b>609 139\u00a0000</b>\t") == "609 139\u00a0000"
    assert as_written("609 139 000", "609 139 0 00") == "609 139 000"  # not found: the cell


def test_an_amount_with_the_other_grouping_shows_the_cell_and_the_separator() -> None:
    rows = SIMPLE.replace("<b>40,000</b>\t\t<b>40,000</b>", "<b>Rp\u00a040.000,00</b>\t\t<b>40,000</b>")
    r = read_text(doc(rows))
    [f] = r.findings
    assert (f.rule, f.variant, f.args["cell"]) == (
        "READ_VALUE_UNRECOGNISED",
        "pemisah",
        "Rp<U+00A0>40.000,00",
    )


@pytest.mark.parametrize("cell", ["4.00", "12,5", "0.50"])
def test_a_small_bare_decimal_in_an_amount_column_is_a_volume_out_of_place(cell: str) -> None:
    """``4.00`` (a volume without satuan shifted right) is reported as before, not read as Rp 4."""
    old = "<b>1.00 Orang</b>\t<b>40,000</b>\t\t<b>40,000</b>"
    rows = SIMPLE.replace(old, f"\t<b>{cell}</b>\t<b>40,000</b>\t<b>40,000</b>")
    r = read_text(doc(rows))
    assert [(f.rule, f.variant, f.args["cell"]) for f in r.findings] == [
        ("READ_VALUE_UNRECOGNISED", "", cell)
    ]
    assert r.tree.program[0].kegiatan[0].kro[0].ro[0].alokasi.angka_dasar == 0


def test_zero_with_decimals_is_an_amount() -> None:
    rows = SIMPLE.replace("<b>40,000</b>\t\t<b>40,000</b>", "<b>0.00</b>\t<b>40,000.00</b>\t<b>40,000.00</b>")
    r = read_text(doc(rows))
    assert r.findings == []
    a = r.tree.program[0].kegiatan[0].kro[0].ro[0].alokasi
    assert (a.angka_dasar, a.inisiatif_baru, a.jumlah) == (0, 40_000, 40_000)


@pytest.mark.parametrize("cell", ["Rp 40,000", "(40,000)", "-40,000", "40 000"])
def test_an_amount_in_the_volume_column_is_not_a_volume(cell: str) -> None:
    rows = SIMPLE.replace("<b>1.00 Orang</b>\t<b>40,000</b>", f"<b>{cell}</b>\t<b>40,000</b>")
    r = read_text(doc(rows))
    assert [(f.rule, f.args["cell"], f.args["kolom"]) for f in r.findings] == [
        ("READ_VALUE_UNRECOGNISED", cell, 3)
    ]
    assert r.tree.program[0].kegiatan[0].kro[0].ro[0].keluaran.volume is None
