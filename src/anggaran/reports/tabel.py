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
from anggaran.core.tree import RkaSatker
from anggaran.reference import referensi
from anggaran.reports.typst_pdf import compile_pdf

Sel = str | int | Decimal | None


def nama(text: str, jenis: str | None = None, kode: str | None = None) -> str:
    """The name to print: ``text`` (as the document gives it), else the name the
    references in use give ``kode`` of table ``jenis`` (``anggaran.reference.JENIS``),
    else empty: a code no one names prints alone, and the findings say so once per code
    (``KODE_TANPA_NAMA``), not every line."""
    if text.strip():
        return text
    if jenis and kode:
        return referensi().nama(jenis, kode) or ""
    return ""


#: each header field's reference table
_JENIS_KEPALA = {
    "kementerian": "kementerian",
    "unit_organisasi": "unit_organisasi",
    "satker": "satker",
    "provinsi": "lokasi",
    "lokasi": "lokasi",
}


def nama_kepala(tree: RkaSatker, field: str) -> str:
    """The name a header field (``kementerian`` … ``lokasi``) prints: the tree's, else
    the references' (``unit_organisasi`` by ``015.08``, ``lokasi`` by ``01.51``)."""
    kn = getattr(tree, field)
    kode = kn.kode
    if field == "unit_organisasi":
        kode = f"{tree.kementerian.kode}.{kn.kode}"
    elif field == "lokasi":
        kode = f"{tree.provinsi.kode}.{kn.kode}"
    return nama(kn.nama, _JENIS_KEPALA[field], kode)


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
    #: a key naming the row's node for a reader of the XLSX (Bagian B: its place in the
    #: tree's walk); written to a hidden column of the XLSX, printed nowhere
    kunci: str | None = None


@dataclass(slots=True)
class Tabel:
    """One table with an optional title and total row."""

    kolom: list[Kolom]
    baris: list[Baris] = field(default_factory=list)
    judul: str | None = None
    total: Baris | None = None


@dataclass(frozen=True, slots=True)
class Tandatangan:
    """A signature block: place and date (when known), jabatan, name, rank, NIP (empty
    when the source does not hold it: printed ``NIP -``)."""

    jabatan: str
    nama: str
    nip: str = ""
    tempat_tanggal: str | None = None
    pangkat: str | None = None

    def baris(self) -> list[str]:
        """The lines as printed; an empty one is the space left for the signature."""
        lines = [self.tempat_tanggal] if self.tempat_tanggal else []
        lines += [self.jabatan, "", self.nama]
        if self.pangkat:
            lines.append(self.pangkat)
        return [*lines, f"NIP {self.nip or '-'}"]

    @property
    def baris_nama(self) -> int:
        """Which of :meth:`baris` is the name (printed bold)."""
        return 3 if self.tempat_tanggal else 2


@dataclass(slots=True)
class Laporan:
    """A report: title lines, header (label, value) pairs, tables, notes; the letterhead
    above the title and the signature block after the tables, when it has them."""

    judul: list[str]
    header: list[tuple[str, str]] = field(default_factory=list)
    tabel: list[Tabel] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    kop: list[str] = field(default_factory=list)
    ttd: Tandatangan | None = None


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
            "kop": lap.kop,
            "ttd": None if lap.ttd is None else {"baris": lap.ttd.baris(), "nama": lap.ttd.baris_nama},
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

#: the title of the hidden column of row keys (``formats.xlsx.lampiran.KOLOM_KUNCI``)
KOLOM_KUNCI = "ID BARIS"

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


def render_xlsx(
    lap: Laporan,
    sheet: str = "Laporan",
    notes: list[Finding] | None = None,
    lampiran: tuple[str, list[tuple[str, str]]] | None = None,
) -> bytes:
    """The report as a workbook: one sheet, amounts numeric with a thousands format, codes
    and texts as text (never formulas), an outline level per row level, the header of the
    first table frozen. A table whose rows carry keys (``Baris.kunci``) gets them in a
    hidden column after its last, titled ``ID BARIS``; ``lampiran`` (name, rows of key and
    value) is written as a hidden sheet with a copy of the header block and of the keyed
    rows as written: data for a reader of the workbook, so that it tells what a user
    changed, not for a person (``formats.xlsx.lampiran``). A text cut to fit its cell is
    added to ``notes``."""
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
    for line in lap.kop:  # the letterhead, above the title
        ws.write_string(r, 0, line, title)
        r += 1
    if lap.kop:
        r += 1
    for line in lap.judul:
        ws.write_string(r, 0, line, title)
        r += 1
    for label, value in lap.header:
        ws.write_string(r, 0, label, title)
        ws.write_string(r, 1, value)
        r += 1
    widths = [10.0] * width
    frozen = False
    hidden: set[int] = set()
    for t in lap.tabel:
        r += 1
        if t.judul:
            ws.write_string(r, 0, t.judul, title)
            r += 1
        for c, k in enumerate(t.kolom):
            ws.write_string(r, c, k.judul, head)
            widths[c] = max(widths[c], min(12 * k.lebar, 70))
        keyed = any(b.kunci is not None for b in t.baris)
        if keyed:
            ws.write_string(r, len(t.kolom), KOLOM_KUNCI, head)
            hidden.add(len(t.kolom))
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
            if keyed and b.kunci is not None:
                ws.write_string(r, len(t.kolom), b.kunci)
            if b.tingkat:
                ws.set_row(r, None, None, {"level": min(b.tingkat, 7)})
            r += 1
    for c, w in enumerate(widths):
        if c not in hidden:
            ws.set_column(c, c, w)
    for c in sorted(hidden):
        ws.set_column(c, c, 10, None, {"hidden": True})
    if lampiran is not None:
        _lampiran(wb, lampiran, lap)
    if lap.ttd is not None:
        r += 1
        for i, line in enumerate(lap.ttd.baris()):
            if line:
                ws.write_string(r, 1, line, title if i == lap.ttd.baris_nama else None)
            r += 1
    for i, note in enumerate(lap.catatan):
        ws.write_string(r + 1 + i, 0, note)
    wb.close()
    return buf.getvalue()


def _lampiran(wb: Any, lampiran: tuple[str, list[tuple[str, str]]], lap: Laporan) -> None:
    """The hidden data sheet: the rows of ``lampiran`` (key, value), then a copy of what the
    report sheet shows where a reader needs to tell a user's change from what was written:
    each header row (``kepala``, label, value), the column titles of a keyed table
    (``kolom``, "", titles) and each of its rows (``baris``, key, its cells as written)."""
    data = wb.add_worksheet(lampiran[0][:31])
    data.hide()
    r = 0
    for key, value in lampiran[1]:
        data.write_string(r, 0, key)
        data.write_string(r, 1, value)
        r += 1
    for label, value in lap.header:
        for c, text in enumerate(("kepala", label, value)):
            data.write_string(r, c, text)
        r += 1
    for t in lap.tabel:
        if not any(b.kunci is not None for b in t.baris):
            continue
        for c, text in enumerate(("kolom", "", *(k.judul for k in t.kolom))):
            data.write_string(r, c, text)
        r += 1
        for b in t.baris:
            if b.kunci is None:
                continue
            data.write_string(r, 0, "baris")
            data.write_string(r, 1, b.kunci)
            for c, s in enumerate(b.sel, start=2):
                if isinstance(s, int):
                    data.write_number(r, c, s)
                elif isinstance(s, Decimal):
                    data.write_number(r, c, float(s))
                elif s:
                    data.write_string(r, c, s[:XLSX_MAX_TEXT])
            r += 1


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
