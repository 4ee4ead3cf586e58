"""A format-neutral table report (Bagian B, rekap, archive summary, semula-menjadi): titles,
a header block, one or more tables, notes. ``render_pdf``, ``render_xlsx`` and
``render_html`` turn it into bytes.

Cells hold ``str`` (text, codes kept as printed), ``int`` (whole rupiah or a count:
printed with comma thousands, numeric in XLSX), ``Decimal`` (a volume: printed grouped
without trailing zeros, numeric in XLSX) or None (empty).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from anggaran.core.findings import N_, Finding, Severity, register
from anggaran.core.money import format_angka, format_rupiah
from anggaran.reports.typst_pdf import compile_pdf

Sel = str | int | Decimal | None

#: what a report prints for a name no reference states
NAMA_TIDAK_DIKETAHUI = "(nama tidak diketahui)"


def nama(text: str) -> str:
    """``text``, or the marker for an unknown name."""
    return text if text.strip() else NAMA_TIDAK_DIKETAHUI


@dataclass(frozen=True, slots=True)
class Kolom:
    """A column: title, alignment (``left``/``right``/``center``) and relative width."""

    judul: str
    rata: str = "left"
    lebar: float = 1.0


@dataclass(slots=True)
class Baris:
    """A row: its cells, indentation level of the first text column, bold/italic."""

    sel: list[Sel]
    tingkat: int = 0
    tebal: bool = False
    miring: bool = False


@dataclass(slots=True)
class Tabel:
    """One table with an optional title and total row."""

    kolom: list[Kolom]
    baris: list[Baris] = field(default_factory=list)
    judul: str | None = None
    total: Baris | None = None


@dataclass(slots=True)
class Laporan:
    """A report: title lines, header (label, value) pairs, tables, notes."""

    judul: list[str]
    header: list[tuple[str, str]] = field(default_factory=list)
    tabel: list[Tabel] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)


def teks(sel: Sel) -> str:
    """A cell as printed: amounts with comma thousands (SAKTI's style), None empty."""
    if sel is None:
        return ""
    if isinstance(sel, int):
        return format_rupiah(sel)
    if isinstance(sel, Decimal):  # 1,596 and 3,979.3
        return format_angka(sel, grouped=True)
    return sel


# -- PDF ----------------------------------------------------------------------------------


def _typst_data(lap: Laporan) -> str:
    return json.dumps(
        {
            "judul": lap.judul,
            "header": [list(h) for h in lap.header],
            "catatan": lap.catatan,
            "tabel": [
                {
                    "judul": t.judul,
                    "kolom": [{"j": k.judul, "a": k.rata, "w": k.lebar} for k in t.kolom],
                    "baris": [
                        {"s": [teks(s) for s in b.sel], "t": b.tingkat, "b": b.tebal, "i": b.miring}
                        for b in t.baris
                    ],
                    "total": None if t.total is None else [teks(s) for s in t.total.sel],
                }
                for t in lap.tabel
            ],
        },
        ensure_ascii=False,
    )


def render_pdf(lap: Laporan) -> bytes:
    """The report as PDF (A4 landscape). Raises OutputError when Typst fails."""
    return compile_pdf("tabel.typ", _typst_data(lap))


# -- XLSX ---------------------------------------------------------------------------------

AMOUNT_FORMAT = '#,##0;-#,##0;"-"'

#: the most characters a spreadsheet cell holds (Excel's limit, which XlsxWriter applies)
XLSX_MAX_TEXT = 32_767

register(
    "XLSX_TEKS_TERPOTONG",
    Severity.WARNING,
    N_("Every text fits its spreadsheet cell"),
    "XLSX (a cell holds at most 32,767 characters)",
    N_(
        "sheet {sheet!r}, cell {sel}: the text has {panjang:n} characters, a spreadsheet cell holds 32,767; "
        "the XLSX shows its start only (the other formats show it whole)"
    ),
)


#: the XLSX format of column titles (every table report, and Bagian A)
KEPALA_KOLOM = {
    "bold": True,
    "align": "center",
    "valign": "vcenter",
    "border": 1,
    "text_wrap": True,
    "bg_color": "#EEEEEE",
}


def write_text(ws: Any, r: int, c: int, text: str, fmt: object, notes: list[Finding] | None) -> None:
    """Write ``text`` into cell (r, c) as text (never a formula), cut to what a cell holds;
    a cut is added to ``notes`` as a finding."""
    if len(text) > XLSX_MAX_TEXT:
        from xlsxwriter.utility import xl_rowcol_to_cell

        if notes is not None:
            notes.append(
                Finding.of(
                    "XLSX_TEKS_TERPOTONG", "", sheet=ws.name, sel=xl_rowcol_to_cell(r, c), panjang=len(text)
                )
            )
        text = text[:XLSX_MAX_TEXT]
    ws.write_string(r, c, text, fmt)


class CellFormats:
    """XlsxWriter cell formats made once per (bold, italic, kind, indent): ``amount`` (the
    given number format), ``volume`` (a plain number), ``wrap`` (wrapped text) or ``text``
    (kept as typed: codes keep their leading zeros); all with a border, top-aligned."""

    def __init__(self, workbook: Any, amount_format: str) -> None:
        self.workbook = workbook
        self.amount_format = amount_format
        self.made: dict[tuple[bool, bool, str, int], object] = {}

    def __call__(self, bold: bool, italic: bool, kind: str, indent: int = 0) -> object:
        key = (bold, italic, kind, indent)
        if key not in self.made:
            props: dict[str, object] = {
                "bold": bold,
                "italic": italic,
                "valign": "top",
                "border": 1,
                "indent": indent,
            }
            if kind == "wrap":
                props["text_wrap"] = True
            else:
                props["num_format"] = {"amount": self.amount_format, "volume": "General"}.get(kind, "@")
            self.made[key] = self.workbook.add_format(props)
        return self.made[key]


def render_xlsx(lap: Laporan, sheet: str = "Laporan", notes: list[Finding] | None = None) -> bytes:
    """The report as a workbook: one sheet, amounts numeric with a thousands format, codes
    and texts as text (never formulas), an outline level per row level, the header of the
    first table frozen. A text cut to fit its cell is added to ``notes``."""
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet(sheet[:31])
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    title = wb.add_format({"bold": True})
    head = wb.add_format(KEPALA_KOLOM)
    fmt = CellFormats(wb, AMOUNT_FORMAT)
    width = max((len(t.kolom) for t in lap.tabel), default=1)
    r = 0
    for line in lap.judul:
        ws.write_string(r, 0, line, title)
        r += 1
    for label, value in lap.header:
        ws.write_string(r, 0, label, title)
        ws.write_string(r, 1, value)
        r += 1
    widths = [10.0] * width
    frozen = False
    for t in lap.tabel:
        r += 1
        if t.judul:
            ws.write_string(r, 0, t.judul, title)
            r += 1
        for c, k in enumerate(t.kolom):
            ws.write_string(r, c, k.judul, head)
            widths[c] = max(widths[c], min(12 * k.lebar, 70))
        if not frozen:
            ws.freeze_panes(r + 1, 0)
            frozen = True
        r += 1
        rows = [*t.baris, *([t.total] if t.total else [])]
        for b in rows:
            for c, s in enumerate(b.sel):
                indent = b.tingkat if c == _text_column(t) else 0
                if isinstance(s, int):
                    ws.write_number(r, c, s, fmt(b.tebal, b.miring, "amount", 0))
                elif isinstance(s, Decimal):  # a volume: the spreadsheet's number, for display
                    ws.write_number(r, c, float(s), fmt(b.tebal, b.miring, "volume", 0))
                else:
                    write_text(ws, r, c, s or "", fmt(b.tebal, b.miring, "text", min(indent, 7)), notes)
            if b.tingkat:
                ws.set_row(r, None, None, {"level": min(b.tingkat, 7)})
            r += 1
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    for i, note in enumerate(lap.catatan):
        ws.write_string(r + 1 + i, 0, note)
    wb.close()
    return buf.getvalue()


def _text_column(t: Tabel) -> int:
    """The widest column (the uraian), where the indentation goes."""
    return max(range(len(t.kolom)), key=lambda c: t.kolom[c].lebar) if t.kolom else 0


# -- HTML ---------------------------------------------------------------------------------


@cache
def _env() -> object:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("anggaran.reports", "templates"),
        autoescape=True,
        keep_trailing_newline=True,
    )


def render_html(lap: Laporan) -> str:
    """The report as one self-contained HTML page (inline CSS)."""
    env = _env()
    template = env.get_template("tabel.html.j2")  # type: ignore[attr-defined]
    text: str = template.render(lap=lap, teks=teks, text_column=_text_column)
    return text
