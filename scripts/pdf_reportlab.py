"""Bagian A of the bundled example drawn with ReportLab in many layouts (another engine
than Anggaran's own and Chromium's), to try the PDF reader on the kind of document, not
one example. ReportLab is not a dependency: ``pip install reportlab`` first. Run:
``python scripts/pdf_reportlab.py [NAME ...]``; writes ``OUT/NAME.pdf`` and
``OUT/NAME.layout.txt`` (pdftotext -layout, when installed). The layouts that once
misread are kept in ``tests/data/pdf/reportlab/`` (tests/formats/test_rka_pdf.py).

Each variant is a dict of options (see DEFAULT)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LEGAL, LETTER, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from anggaran.formats.rka_text.reader import read_rka_text
from anggaran.reports import bagian_a

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "src" / "anggaran" / "contoh" / "rka-satker-2023-109141-bagian-a.txt"
OUT = Path("/tmp/pdf_reportlab")
F4 = (215 * mm, 330 * mm)


def _ttf():
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    d = "/usr/share/fonts/truetype/dejavu/"
    names = ("DVC", "DVC-Bold", "DVC-Oblique", "DVC-BoldOblique")
    files = (
        "DejaVuSansCondensed.ttf",
        "DejaVuSansCondensed-Bold.ttf",
        "DejaVuSansCondensed-Oblique.ttf",
        "DejaVuSansCondensed-BoldOblique.ttf",
    )
    for n, f in zip(names, files, strict=True):
        pdfmetrics.registerFont(TTFont(n, d + f))
    addMapping("DVC", 0, 0, "DVC")
    addMapping("DVC", 1, 0, "DVC-Bold")
    addMapping("DVC", 0, 1, "DVC-Oblique")
    addMapping("DVC", 1, 1, "DVC-BoldOblique")
    return names


FONTS = {
    "Helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"),
    "Times": ("Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic"),
    "Courier": ("Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique"),
}

DEFAULT = dict(
    page=A4,
    orient="landscape",
    font="Helvetica",
    size=8,
    grid="full",  # full | none | hlines | box | inner
    cols=[0.10, 0.45, 0.12, 0.11, 0.11, 0.11],
    colnums=True,  # the (1)..(6) row
    colnum_style="(n)",  # (n) | n
    halaman="top",  # top | bottom | none
    halaman_fmt="Halaman : {n}",
    header_every_page=True,  # title + K/L..LOKASI block on every page (drawn on canvas)
    kop=False,
    signature=True,
    sig_fmt="plain",  # plain | nip_dot | nip_spaced | pangkat | left
    grouping=",",  # "," -> 609,139,000 ; "." -> 609.139.000 ; ".00" -> 609.139.000,00
    valign="TOP",
    lists="rows",  # rows: an indicator per row ; cell: label + items in one cell (SAKTI)
    heads="two",  # two: KODE.. + ALOKASI ANGGARAN spanning ; one: single row, no ALOKASI
    rotate=0,  # /Rotate of every page
    pad=3,
    indent=True,
    kode_in_uraian=False,  # indicator numbers at the start of the description, KODE empty
    zero_dash=False,  # empty amounts printed as "-"
    header_lines=None,  # override the K/L block format: "table" (label : (kode) nama in 2 cells)
    total_row=False,
    margins=(12 * mm, 12 * mm, 12 * mm, 12 * mm),  # left right top bottom
    vol_split=False,  # volume and satuan in separate lines of the cell
    compress=1,  # ReportLab's pageCompression
    break_before=None,  # a list of body row indices (rows mode) before which a page breaks
    cell_chunk=10,
    repeat_labels=False,  # at a break inside a list, print the list's label again on top
    vol_align="left",  # left | right
    head2="long",  # long: PROGRAM/SASARAN.. ; uraian: URAIAN
    hal_pos="right",  # right | left | center (for top)
    kode_align="left",  # left | center
    head_case="upper",  # upper | title
    sig_page=False,  # the signature on a page of its own
    sig_date=None,  # override the place/date line
    sig_two=False,  # a second signatory ("Mengetahui") on the left
)

V = {
    # 1 A4 landscape, Helvetica 8, full grid, like garis but ReportLab
    "rl01-a4l-helv-grid": {},
    # 2 A4 portrait, Times 7.5, no rules at all, values vertically centred, Hal. N bottom
    "rl02-a4p-times-nogrid-mid": dict(
        orient="portrait",
        font="Times",
        size=7.5,
        grid="none",
        valign="MIDDLE",
        halaman="bottom",
        halaman_fmt="Hal. {n}",
        colnums=False,
    ),
    # 3 Letter portrait, Courier 6.5, horizontal rules only, narrow description column
    "rl03-letter-courier-hlines": dict(
        page=LETTER,
        orient="portrait",
        font="Courier",
        size=6.5,
        grid="hlines",
        cols=[0.11, 0.33, 0.14, 0.14, 0.14, 0.14],
    ),
    # 4 Legal landscape, Helvetica 9, grid, wide description
    "rl04-legal-l-helv-wide": dict(
        page=LEGAL, orient="landscape", size=9, cols=[0.08, 0.56, 0.1, 0.087, 0.087, 0.086]
    ),
    # 5 F4 portrait, Times 8, no grid, header only on page 1, column heads repeated, kop, dot grouping ,00
    "rl05-f4-times-p1header-kop-dec": dict(
        page=F4,
        orient="portrait",
        font="Times",
        size=8,
        grid="none",
        header_every_page=False,
        kop=True,
        grouping=".00",
        halaman="bottom",
        halaman_fmt="Halaman {n}",
    ),
    # 6 A4 landscape, grid, lists in one cell (SAKTI), dot grouping
    "rl06-a4l-grid-cells-dot": dict(lists="cell", grouping="."),
    # 7 A4 portrait, rotated page /Rotate 90 (content drawn on a landscape-shaped media turned)
    "rl07-rotate90": dict(rotate=90),
    # 8 one-row heads, no ALOKASI, no column numbers, Halaman at the bottom centre
    "rl08-onehead-nonum": dict(heads="one", colnums=False, halaman="bottom"),
    # 9 narrow everything: A4 portrait Helvetica 7 with narrow amount columns (heads wrap)
    "rl09-a4p-narrow-amounts": dict(orient="portrait", size=7, cols=[0.1, 0.42, 0.12, 0.12, 0.12, 0.12]),
    # 10 indicator numbers inside the description, KODE empty for indicators
    "rl10-kode-in-uraian": dict(kode_in_uraian=True),
    # 11 empty amounts as "-"
    "rl11-zero-dash": dict(zero_dash=True, grid="none"),
    # 12 Letter landscape Courier 8, no grid, middle valign, lists in cell, p1 header only
    "rl12-letter-l-courier-cell-p1": dict(
        page=LETTER,
        orient="landscape",
        font="Courier",
        size=8,
        grid="none",
        valign="MIDDLE",
        lists="cell",
        header_every_page=False,
    ),
    # 13 signature with spaced NIP, pangkat line
    "rl13-sig-variants": dict(sig_fmt="nip_spaced"),
    # 14 Legal portrait Times 9, grid, colnums "1 2 3", bottom halaman "Hal. N"
    "rl14-legal-p-times": dict(
        page=LEGAL,
        orient="portrait",
        font="Times",
        size=9,
        colnum_style="n",
        halaman="bottom",
        halaman_fmt="Hal. {n}",
    ),
    # 15 rotate 270 and dot grouping
    "rl15-rotate270-dot": dict(rotate=270, grouping="."),
    # 16 box only (outer border + head line)
    "rl16-box": dict(grid="box"),
    # 17 inner grid (vertical lines only between columns)
    "rl17-vlines": dict(grid="vlines"),
    # 18 total row at the end
    "rl18-total-row": dict(total_row=True),
    # 19 volume and satuan on two lines
    "rl19-vol-split": dict(vol_split=True, cols=[0.10, 0.45, 0.09, 0.12, 0.12, 0.12]),
    # 20 tight padding, Helvetica 6, big pages: fewer page breaks
    "rl20-a4l-tight": dict(size=6, pad=1, grid="none"),
    # 21 as rl01 but content streams not compressed (ReportLab pageCompression=0)
    "rl21-uncompressed": dict(compress=0),
    # 22 every cell vertically centred (code too), full grid
    "rl22-allmiddle-grid": dict(valign="MIDDLE"),
    # 23 every cell bottom-aligned (spreadsheet default), no grid
    "rl23-allbottom-nogrid": dict(valign="BOTTOM", grid="none"),
    # 24 header block on page 1 only, column heads repeated, Halaman at the top right
    "rl24-p1header-haltop": dict(header_every_page=False),
    # 25 "Halaman 1 dari 10" at the top left
    "rl25-hal-dari-left": dict(halaman_fmt="Halaman {n} dari 10", hal_pos="left"),
    # 26 signature: NIP. with a dot, pangkat line
    "rl26-sig-pangkat": dict(sig_fmt="pangkat"),
    # 27 realistic tight: A4 portrait Helvetica 7, padding 2, full grid
    "rl27-a4p-helv7-pad2-grid": dict(orient="portrait", size=7, pad=2),
    # 28 volumes right-aligned, grid
    "rl28-vol-right": dict(vol_align="right"),
    # 29 second head "URAIAN"
    "rl29-head-uraian": dict(head2="uraian"),
    # 30 no grid, all middle, indicator rows (not cells), A4 landscape Helvetica 8
    "rl30-allmiddle-nogrid": dict(valign="MIDDLE", grid="none"),
    # 31 Halaman centred at the top
    "rl31-hal-top-center": dict(hal_pos="center"),
    # 32 Times 8 A4 portrait no grid padding 2 (another tight case)
    "rl32-a4p-times-pad2-nogrid": dict(orient="portrait", font="Times", size=8, pad=2, grid="none"),
    # 33 /Rotate 180 (content stored upside down)
    "rl33-rotate180": dict(rotate=180),
    # 34 codes centred in the KODE column
    "rl34-kode-center": dict(kode_align="center"),
    # 35 column heads in title case (Kode, Volume / Satuan, Angka Dasar ...)
    "rl35-heads-titlecase": dict(head_case="title"),
    # 36 the signature on a page of its own
    "rl36-sig-own-page": dict(sig_page=True),
    # 37 two signatories side by side (Mengetahui on the left)
    "rl37-sig-two": dict(sig_two=True),
    # 38 a day name and numeric date
    "rl38-sig-date-dayname": dict(sig_date="Balikpapan, Kamis, 30 Maret 2023"),
    # 39 signature left aligned, NIP. with dot
    "rl39-sig-left-nipdot": dict(sig_fmt="left"),
    # 40 no grid, Hal. at the top left, Times 8 landscape A4, no column numbers
    "rl40-a4l-times-nonum-hal-left": dict(
        font="Times", grid="none", colnums=False, halaman_fmt="Hal. {n}", hal_pos="left"
    ),
    # 41 = rl01 with only the page number moved to the bottom of the page
    "rl41-hal-bottom-only": dict(halaman="bottom"),
    # 42 = rl01 with a wide volume column (18%)
    "rl42-wide-volume-col": dict(cols=[0.10, 0.39, 0.18, 0.11, 0.11, 0.11]),
    # 43 = rl01 with a page break just before 5252.BDC's "Indikator KRO" label
    "rl43-break-before-label": dict(break_before=[65]),
    # 44 = rl01 with a page break in the middle of 5252.BDC's indicator list (no label repeated)
    "rl44-break-mid-list": dict(break_before=[90]),
    # 45 = rl02-like no grid, page break before 5252.BAH's "Indikator KRO" label, Halaman top
    "rl45-nogrid-break-before-label": dict(grid="none", break_before=[56]),
    # 46 = rl01 with a page break before an "Indikator RO" label
    "rl46-break-before-ro-label": dict(break_before=[117]),
    # 47 = rl01 with the real document's page breaks, the list label repeated on top as SAKTI does
    # 49 = rl01 with amounts 609.139.000,00 (dots, decimal comma)
    "rl49-amount-dec": dict(grouping=".00"),
    # 50 = rl01 with a letterhead, the header block on page 1 only (Halaman top right)
    "rl50-kop-p1header": dict(kop=True, header_every_page=False),
    # 51 = rl01 with "-" for empty amounts, only in the amount columns of money rows (not indicator rows)
    "rl51-zero-dash-money-rows": dict(zero_dash="money"),
    # 52 embedded subset TrueType (DejaVu Sans Condensed 7.5), A4 portrait, no grid, values centred
    "rl52-ttf-dejavu-a4p": dict(font="DVC", size=7.5, orient="portrait", grid="none"),
    # 53 embedded TrueType, full grid, landscape Legal
    "rl53-ttf-dejavu-legal-grid": dict(font="DVC", size=8, page=LEGAL),
    "rl47-sakti-pages": dict(break_before=[38, 75, 109, 131, 169], repeat_labels=True),
    # 48 = the same, Times 8, no grid (F4 portrait)
    "rl48-sakti-pages-nogrid": dict(
        page=F4,
        orient="portrait",
        font="Times",
        grid="none",
        break_before=[38, 75, 109, 131, 169],
        repeat_labels=True,
    ),
}


def fmt_amount(v, opt, money_row=True) -> str:
    if not v:
        if opt["zero_dash"] == "money":
            return "-" if money_row else ""
        return "-" if opt["zero_dash"] else ""
    s = f"{v:,}"
    if opt["grouping"] == ".":
        return s.replace(",", ".")
    if opt["grouping"] == ".00":
        return s.replace(",", ".") + ",00"
    return s


def fmt_volume(r, opt) -> str:
    if r.keluaran is None:
        return r.volume
    text = bagian_a.volume_text(r.keluaran, "." if opt["grouping"] != "," else ",")
    if opt["vol_split"] and " " in text:
        num, sat = text.split(" ", 1)
        return f"{num}<br/>{escape(sat)}"
    return escape(text)


def build(name: str, opt: dict) -> Path:
    opt = {**DEFAULT, **opt}
    tree = read_rka_text(SEED.read_bytes(), str(SEED)).tree
    doc = bagian_a.build(tree)
    if opt["font"] == "DVC":
        FONTS["DVC"] = _ttf()
    reg, bold, ital, boldital = FONTS[opt["font"]]
    size = opt["size"]
    lead = size * 1.2
    pagesize = landscape(opt["page"]) if opt["orient"] == "landscape" else portrait(opt["page"])
    st = ParagraphStyle("c", fontName=reg, fontSize=size, leading=lead, alignment=TA_LEFT)
    st_r = ParagraphStyle("r", parent=st, alignment=TA_RIGHT)
    st_c = ParagraphStyle("cc", parent=st, alignment=TA_CENTER, fontName=bold)
    _st_b = ParagraphStyle("b", parent=st, fontName=bold)
    lm, rm, tm, bm = opt["margins"]
    width = pagesize[0] - lm - rm
    colw = [f * width for f in opt["cols"]]

    st_k = ParagraphStyle("k", parent=st, alignment=TA_CENTER) if opt["kode_align"] == "center" else st

    def P(text, style=st, indent=0):
        s = style
        if indent and opt["indent"]:
            s = ParagraphStyle("i", parent=style, leftIndent=indent * size)
        return Paragraph(text, s)

    def styled(r, text):
        t = escape(text)
        if r.italic:
            t = f"<i>{t}</i>"
        if r.bold:
            t = f"<b>{t}</b>"
        return t

    # --- heads
    year = doc.tahun_anggaran
    titles = list(bagian_a.COLUMN_TITLES)
    if opt["head2"] == "uraian":
        titles[1] = "URAIAN"
    tc = (lambda x: x.title()) if opt["head_case"] == "title" else (lambda x: x)
    titles = [tc(t) for t in titles]
    if opt["heads"] == "two":
        head = [
            [
                P(tc("KODE"), st_c),
                P(escape(titles[1]), st_c),
                "",
                P(tc("ALOKASI ANGGARAN") + f" T.A {year}", st_c),
                "",
                "",
            ],
            [
                "",
                "",
                P(tc("VOLUME / SATUAN"), st_c),
                P(tc("ANGKA DASAR"), st_c),
                P(tc("INISIATIF BARU"), st_c),
                P(tc("JUMLAH"), st_c),
            ],
        ]
        spans = [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (3, 0), (5, 0))]
    else:
        head = [[P(escape(t), st_c) for t in titles]]
        spans = []
    if opt["colnums"]:
        head.append([P(f"({i})" if opt["colnum_style"] == "(n)" else str(i), st_c) for i in range(1, 7)])
    nhead = len(head)

    # --- body
    body = []
    _bold_rows: list[int] = []

    def row_cells(r):
        kode = r.kode
        text = styled(r, r.uraian)
        if (
            opt["kode_in_uraian"]
            and r.level in ("sasaran", "ikp", "ikk", "indikator_kro", "indikator_ro")
            and kode
        ):
            text = escape(kode) + " " + text
            kode = ""
        return [
            P((f"<b>{escape(kode)}</b>") if r.bold else escape(kode), st_k),
            P(text, indent=r.indent),
            P(fmt_volume(r, opt), st_r if opt["vol_align"] == "right" else st),
            P(fmt_amount(r.angka_dasar, opt, r.jumlah is not None), st_r),
            P(fmt_amount(r.inisiatif_baru, opt, r.jumlah is not None), st_r),
            P(fmt_amount(r.jumlah, opt, r.jumlah is not None), st_r),
        ]

    wanted = set(opt["break_before"] or [])
    breaks = []
    if opt["lists"] == "rows":
        for i, r in enumerate(doc.rows):
            if i in wanted:
                breaks.append(len(body))
                if opt["repeat_labels"] and r.level in ("ikk", "ikp", "indikator_kro", "indikator_ro"):
                    j = max(k for k in range(i) if doc.rows[k].level in ("label", "label_italic"))
                    body.append(row_cells(doc.rows[j]))
            body.append(row_cells(r))
    else:
        pending: list[str] = []

        def flush():
            if pending:
                body.append(["", P("<br/>".join(pending)), "", "", "", ""])
                pending.clear()

        for r in doc.rows:
            is_item = r.level in ("sasaran", "ikp", "ikk", "indikator_kro", "indikator_ro") and not r.volume
            if r.level in ("label", "label_italic"):
                flush()
                pending.append(styled(r, r.uraian))
                continue
            if is_item and pending:
                if len(pending) > opt["cell_chunk"]:
                    flush()
                pending.append(escape(f"{r.kode} {r.uraian}".strip()))
                continue
            flush()
            body.append(
                [
                    P((f"<b>{escape(r.kode)}</b>") if r.bold else escape(r.kode)),
                    P(styled(r, r.uraian)),
                    P(fmt_volume(r, opt)),
                    P(fmt_amount(r.angka_dasar, opt), st_r),
                    P(fmt_amount(r.inisiatif_baru, opt), st_r),
                    P(fmt_amount(r.jumlah, opt), st_r),
                ]
            )
        flush()
    if opt["total_row"]:
        j = doc.jumlah
        body.append(
            [
                "",
                P("<b>JUMLAH</b>"),
                "",
                P(fmt_amount(j.angka_dasar, opt), st_r),
                P(fmt_amount(j.inisiatif_baru, opt), st_r),
                P(fmt_amount(j.jumlah, opt), st_r),
            ]
        )

    def table(rows):
        t = Table(head + rows, colWidths=colw, repeatRows=nhead)
        t.setStyle(TableStyle(ts))
        return t

    _t = None
    ts = [
        ("VALIGN", (0, 0), (-1, nhead - 1), "MIDDLE"),
        ("VALIGN", (0, nhead), (-1, -1), opt["valign"]),
        ("LEFTPADDING", (0, 0), (-1, -1), opt["pad"]),
        ("RIGHTPADDING", (0, 0), (-1, -1), opt["pad"]),
        ("TOPPADDING", (0, 0), (-1, -1), opt["pad"]),
        ("BOTTOMPADDING", (0, 0), (-1, -1), opt["pad"]),
        *spans,
    ]
    g = opt["grid"]
    if g == "full":
        ts.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    elif g == "hlines":
        ts.append(("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.black))
        ts.append(("LINEABOVE", (0, 0), (-1, 0), 0.4, colors.black))
    elif g == "box":
        ts.append(("BOX", (0, 0), (-1, -1), 0.7, colors.black))
        ts.append(("LINEBELOW", (0, nhead - 1), (-1, nhead - 1), 0.7, colors.black))
    elif g == "vlines":
        ts.append(("INNERGRID", (0, 0), (-1, -1), 0, colors.white))
        for c in range(1, 6):
            ts.append(("LINEBEFORE", (c, 0), (c, -1), 0.5, colors.black))
        ts.append(("BOX", (0, 0), (-1, -1), 0.5, colors.black))

    # --- page furniture
    hdr_lines = list(doc.judul)
    block = [(label, kode, nama) for label, kode, nama in doc.header]

    def furniture_flowables(first: bool):
        fl = []
        if first and opt["kop"]:
            for k in doc.kop:
                fl.append(P(f"<b>{escape(k)}</b>", st))
            fl.append(Spacer(1, lead))
        for j in hdr_lines:
            fl.append(
                P(
                    f"<b>{escape(j)}</b>",
                    ParagraphStyle("t", parent=st_c, fontSize=size + 1, leading=lead + 1),
                )
            )
        fl.append(Spacer(1, lead / 2))
        kt = Table(
            [[P(f"<b>{escape(lb)}</b>"), P(":"), P(f"({escape(k)}) {escape(n)}")] for lb, k, n in block],
            colWidths=[30 * mm, 4 * mm, 120 * mm],
            hAlign="LEFT",
        )
        kt.setStyle(
            TableStyle(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ]
            )
        )
        fl.append(kt)
        fl.append(Spacer(1, lead / 2))
        return fl

    # header drawn on every page: measure it and draw it on the canvas
    def draw_text_flow(canv, flows, y_top):
        y = y_top
        for f in flows:
            w, h = f.wrap(width, pagesize[1])
            f.drawOn(canv, lm, y - h)
            y -= h
        return y

    def header_height(first):
        return sum(f.wrap(width, pagesize[1])[1] for f in furniture_flowables(first))

    hal_h = lead * 1.5

    def on_page(canv, docx):
        n = canv.getPageNumber()
        if opt["header_every_page"]:
            draw_text_flow(
                canv,
                furniture_flowables(n == 1),
                pagesize[1] - tm - (hal_h if opt["halaman"] == "top" else 0),
            )
        text = opt["halaman_fmt"].format(n=n)
        canv.setFont(reg, size)
        if opt["halaman"] == "top":
            if opt["hal_pos"] == "left":
                canv.drawString(lm, pagesize[1] - tm - size, text)
            elif opt["hal_pos"] == "center":
                canv.drawCentredString(pagesize[0] / 2, pagesize[1] - tm - size, text)
            else:
                canv.drawRightString(pagesize[0] - rm, pagesize[1] - tm - size, text)
        elif opt["halaman"] == "bottom":
            canv.drawCentredString(pagesize[0] / 2, bm / 2, text)

    top_extra = hal_h if opt["halaman"] == "top" else 0
    story = []
    if opt["header_every_page"]:
        h1 = header_height(True) + top_extra
        hn = header_height(False) + top_extra
        f1 = Frame(
            lm,
            bm,
            width,
            pagesize[1] - tm - bm - h1,
            id="f1",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        fn = Frame(
            lm,
            bm,
            width,
            pagesize[1] - tm - bm - hn,
            id="fn",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

        templates = [
            PageTemplate("first", [f1], onPage=on_page, autoNextPageTemplate="later"),
            PageTemplate("later", [fn], onPage=on_page),
        ]
    else:
        fr = Frame(
            lm,
            bm,
            width,
            pagesize[1] - tm - bm - top_extra,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        templates = [PageTemplate("all", [fr], onPage=on_page)]
        story.extend(furniture_flowables(True))
    from reportlab.platypus import PageBreak

    cuts = [0, *breaks, len(body)]
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a:
            story.append(PageBreak())
        story.append(table(body[a:b]))
    if opt["signature"] and doc.nama:
        if opt["sig_page"]:
            from reportlab.platypus import PageBreak

            story.append(PageBreak())
        story.append(Spacer(1, 3 * lead))
        sig = []
        sf = opt["sig_fmt"]
        sig.append(escape(opt["sig_date"] or doc.tempat_tanggal or ""))
        sig.append(escape(doc.jabatan or ""))
        sig += ["", "", ""]
        sig.append(f"<b><u>{escape(doc.nama)}</u></b>")
        if sf == "pangkat":
            sig.append("Pembina (IV/a)")
        nip = doc.nip or ""
        if sf == "nip_spaced":
            nip = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
        sig.append(("NIP. " if sf == "nip_dot" else "NIP ") + escape(nip))
        sp = Paragraph("<br/>".join(sig), st)
        if opt["sig_two"]:
            left = Paragraph(
                "<br/>".join(
                    [
                        "Mengetahui,",
                        "Kepala Kantor Wilayah",
                        "",
                        "",
                        "",
                        "<b><u>AHMAD FAUZI</u></b>",
                        "NIP 196805121990031002",
                    ]
                ),
                st,
            )
            sp = Paragraph("<br/>".join(sig), st)
            story.append(
                KeepTogether([Table([[left, "", sp]], colWidths=[width * 0.38, width * 0.24, width * 0.38])])
            )
        elif sf == "left":
            story.append(KeepTogether([sp]))
        else:
            st2 = Table([["", sp]], colWidths=[width * 0.62, width * 0.38])
            story.append(KeepTogether([st2]))
    d = BaseDocTemplate(
        str(OUT / f"{name}.pdf"),
        pagesize=pagesize,
        leftMargin=lm,
        rightMargin=rm,
        topMargin=tm,
        bottomMargin=bm,
        title="RKA Satker Bagian A",
        pageCompression=opt["compress"],
    )
    d.addPageTemplates(templates)
    d.build(story)
    pdf = OUT / f"{name}.pdf"
    if opt["rotate"]:
        rotate(pdf, opt["rotate"])
    subprocess.run(["pdftotext", "-layout", str(pdf), str(OUT / f"{name}.layout.txt")], check=True)
    return pdf


def rotate(pdf: Path, angle: int) -> None:
    """Keep the page's look but store it turned: the media box turned a quarter, the content
    turned back, and /Rotate telling the viewer to turn it (as a scanner or a printer
    driver writes a landscape page)."""
    from pypdf import PdfWriter, Transformation
    from pypdf.generic import RectangleObject

    w = PdfWriter(clone_from=str(pdf))
    for page in w.pages:
        W, H = float(page.mediabox.width), float(page.mediabox.height)
        if angle == 90:
            m = (0, 1, -1, 0, H, 0)
        elif angle == 180:
            m = (-1, 0, 0, -1, W, H)
        else:
            m = (0, -1, 1, 0, 0, W)
        page.add_transformation(Transformation(m))
        box = (0, 0, W, H) if angle == 180 else (0, 0, H, W)
        page.mediabox = RectangleObject(box)
        page.cropbox = RectangleObject(box)
        page.rotation = angle
        page.compress_content_streams()
    with open(pdf, "wb") as f:
        w.write(f)


def main(names):
    OUT.mkdir(exist_ok=True)
    for n in names or V:
        build(n, V[n])
        print("made", n)


if __name__ == "__main__":
    main(sys.argv[1:])
