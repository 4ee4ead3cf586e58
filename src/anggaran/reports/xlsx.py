"""Render Bagian A as an XLSX workbook (XlsxWriter): amounts as numeric cells with a
thousands format, codes as text (leading zeros kept), an outline level per hierarchy
level, frozen header rows, and a sheet of findings."""

from __future__ import annotations

import io

import xlsxwriter

from anggaran import i18n
from anggaran.core.findings import N_, Finding
from anggaran.reports.bagian_a import COLUMN_TITLES, BagianA
from anggaran.reports.tabel import KEPALA_KOLOM, CellFormats, write_text

AMOUNT_FORMAT = '#,##0;-#,##0;""'


def render_xlsx(
    report: BagianA,
    findings: list[Finding] | None = None,
    lang: str = "id",
    notes: list[Finding] | None = None,
) -> bytes:
    """The workbook as bytes. Sheet ``Bagian A`` holds the document (texts as text, never
    formulas); ``Temuan`` the findings when given, in ``lang``. A text cut to fit its cell
    is added to ``notes`` and to the findings sheet."""
    cut: list[Finding] = []
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    title = wb.add_format({"bold": True, "align": "center"})
    bold = wb.add_format({"bold": True})
    head = wb.add_format(KEPALA_KOLOM)
    fmt = CellFormats(wb, AMOUNT_FORMAT)

    ws = wb.add_worksheet("Bagian A")
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_column(0, 0, 12)
    ws.set_column(1, 1, 70)
    ws.set_column(2, 2, 22)
    ws.set_column(3, 5, 17)
    r = 0
    for line in report.kop:  # the letterhead of the first page, above the title
        ws.merge_range(r, 0, r, 5, line, title)
        r += 1
    if report.kop:
        r += 1
    for line in report.judul:
        ws.merge_range(r, 0, r, 5, line, title)
        r += 1
    r += 1
    for label, kode, nama in report.header:
        ws.write_string(r, 0, label, bold)
        ws.write_string(r, 1, f": ({kode}) {nama}")
        r += 1
    r += 1
    ws.write_string(r, 0, COLUMN_TITLES[0], head)
    ws.write_string(r, 1, COLUMN_TITLES[1], head)
    ws.merge_range(r, 2, r, 5, f"ALOKASI ANGGARAN T.A {report.tahun_anggaran}", head)
    r += 1
    for c, text in enumerate(("", "", *COLUMN_TITLES[2:])):
        ws.write_string(r, c, text, head)
    r += 1
    for c in range(6):
        ws.write_string(r, c, f"({c + 1})", head)
    r += 1
    ws.freeze_panes(r, 0)
    ws.repeat_rows(r - 3, r - 1)
    ws.outline_settings(True, False, True, False)  # parents above their children
    for row in report.rows:
        ws.write_string(r, 0, row.kode, fmt(row.bold, row.italic, "text"))
        write_text(ws, r, 1, row.uraian, fmt(row.bold, row.italic, "wrap", row.indent), cut)
        ws.write_string(r, 2, row.volume, fmt(row.bold, row.italic, "text"))
        for c, v in ((3, row.angka_dasar), (4, row.inisiatif_baru), (5, row.jumlah)):
            if v is None:
                ws.write_blank(r, c, None, fmt(row.bold, row.italic, "amount"))
            else:
                ws.write_number(r, c, v, fmt(row.bold, row.italic, "amount"))
        ws.set_row(r, None, None, {"level": min(row.outline, 7)} if row.outline else {})
        r += 1
    if report.jumlah_satker:
        total = wb.add_format({"bold": True, "num_format": AMOUNT_FORMAT, "top": 2})
        ws.write_string(r, 1, "JUMLAH SATKER", total)
        ws.write_number(r, 3, report.jumlah.angka_dasar, total)
        ws.write_number(r, 4, report.jumlah.inisiatif_baru, total)
        ws.write_number(r, 5, report.jumlah.jumlah, total)
        r += 1
    r += 1
    if report.ttd:
        signature: tuple[str | None, ...] = (
            report.tempat_tanggal,
            report.jabatan,
            "",
            report.nama,
            report.pangkat,
            f"NIP {report.nip or '-'}",
        )
        for entry in signature:
            if entry is not None:
                ws.write_string(r, 4, entry)
            r += 1
    if notes is not None:
        notes.extend(cut)
    if findings is not None:
        _findings_sheet(wb, [*findings, *cut], lang, head)
    wb.close()
    return buf.getvalue()


#: the titles of the findings sheet
_TITLES = (N_("Severity"), N_("Rule"), N_("Code path"), N_("Message"), N_("File"), N_("Page"), N_("Line"))


def _findings_sheet(wb: xlsxwriter.Workbook, findings: list[Finding], lang: str, head: object) -> None:
    ws = wb.add_worksheet(i18n.gettext("Findings", lang)[:31])
    for c, t in enumerate(_TITLES):
        ws.write_string(0, c, i18n.gettext(t, lang), head)
    ws.freeze_panes(1, 0)
    ws.set_column(0, 1, 20)
    ws.set_column(2, 2, 30)
    ws.set_column(3, 3, 100)
    for r, f in enumerate(findings, start=1):
        ws.write_string(r, 0, i18n.severity_label(f.severity, lang))
        ws.write_string(r, 1, f.rule)
        ws.write_string(r, 2, f.path)
        write_text(ws, r, 3, i18n.message(f, lang), None, None)
        if f.source:
            ws.write_string(r, 4, f.source.file or "")
            if f.source.page is not None:
                ws.write_number(r, 5, f.source.page)
            if f.source.line is not None:
                ws.write_number(r, 6, f.source.line)
    ws.autofilter(0, 0, max(len(findings), 1), len(_TITLES) - 1)
