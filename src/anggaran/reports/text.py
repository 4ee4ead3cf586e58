"""Render Bagian A as text in the layout of the text extracted from the official PDF
(tab-separated rows, the title and header block and the column headers on every page).

What this writes, ``formats.rka_text.reader`` reads back into the same tree.
"""

from __future__ import annotations

from anggaran.core.money import format_rupiah
from anggaran.reports.bagian_a import COLUMN_TITLES, BagianA, Row, volume_text


def _amount(v: int | None, grouping: str) -> str:
    return format_rupiah(v, grouping) if v is not None else ""


def _page_header(report: BagianA, number: int, first: bool) -> list[str]:
    lines: list[str] = []
    if first:
        lines += [f"# **{report.judul[0]} {report.tahun_anggaran}**", ""]
        if report.kop:
            lines += ["**" + "  \n".join(report.kop) + "**", ""]
    lines += ["**" + "  \n".join(report.judul[:3]) + "**", "", f"**{report.judul[3]}**", ""]
    for i, (label, kode, nama) in enumerate(report.header):
        end = "" if i == len(report.header) - 1 else "  "
        lines.append(f"**{label}** : ({kode}) **{nama}**{end}")
    lines += [
        "",
        f"Halaman : {number}",
        "",
        f"{COLUMN_TITLES[0]}\t{COLUMN_TITLES[1]}\tALOKASI ANGGARAN T.A {report.tahun_anggaran}\t\t\t",
        "\t\t" + "\t".join(COLUMN_TITLES[2:]),
        "\t".join(f"({i})" for i in range(1, 7)),
    ]
    return lines


def _one_line(text: str) -> str:
    """A cell on one line: tabs and line breaks would split the row."""
    return " ".join(text.split())


def _row(row: Row, grouping: str) -> str:
    uraian = _one_line(row.uraian)
    if row.bold and uraian:
        uraian = f"<b>{uraian}</b>"
    elif row.italic and uraian:
        uraian = f"<i>{uraian}</i>"
    volume = volume_text(row.keluaran, grouping) if row.keluaran else row.volume
    cells = [
        row.kode,
        uraian,
        _one_line(volume),
        _amount(row.angka_dasar, grouping),
        _amount(row.inisiatif_baru, grouping),
        _amount(row.jumlah, grouping),
    ]
    return "\t".join(cells)


def render_text(report: BagianA, rows_per_page: int = 40, grouping: str = ",") -> str:
    """The document as Bagian A text. A list cut by a page break is continued under its
    label on the next page, as the official document does."""
    lines: list[str] = []
    page = 0
    label: Row | None = None
    for i, row in enumerate(report.rows):
        if i % rows_per_page == 0:
            page += 1
            if page > 1:
                lines.append("")
            lines += _page_header(report, page, page == 1)
            if label is not None and row.level == label.list_of:
                lines.append(_row(label, grouping))
        if row.list_of:
            label = row
        elif row.level in ("program", "kegiatan", "kro", "ro"):
            label = None
        lines.append(_row(row, grouping))
    if report.jumlah_satker:
        t = report.jumlah_tercetak or report.jumlah
        lines.append(
            _row(
                Row("kegiatan", "", "JUMLAH", "", t.angka_dasar or None, t.inisiatif_baru or None, t.jumlah),
                grouping,
            )
        )
    lines.append("")
    # the text form is read back: its signature block starts with the place and date, as
    # the original's does (a signatory without them, from an ADK, prints in the PDF,
    # XLSX and HTML)
    if report.tempat_tanggal:
        lines += [f"{report.tempat_tanggal}  ", report.jabatan or "", "", f"**{report.nama or ''}**  "]
        if report.pangkat:
            lines.append(report.pangkat)
        lines.append(f"NIP {report.nip or ''}")
    return "\n".join(lines) + "\n"
