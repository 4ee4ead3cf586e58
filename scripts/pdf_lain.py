"""Make PDFs of a Bagian A with another engine than Anggaran's own (Chromium's, through
Playwright and Debian's ``chromium``), in layouts unlike Anggaran's, for the PDF reader's
tests: ``tests/data/pdf/``.

Layout ``garis``: A4 landscape, Liberation Sans 8 pt, every cell ruled, an indicator per
row with its number in KODE, the column numbers printed, padded cells.
Layout ``polos``: F4 portrait (215 x 330 mm), Liberation Serif 7.5 pt, no rules at all,
other column widths, amounts grouped with dots, each indicator list inside one cell (as
SAKTI prints it: the label and the numbered items on lines of their own), values
vertically centred, no column numbers, the letterhead on page 1, "Hal. N" at the top right.

Run: ``python scripts/pdf_lain.py [TEXT] [--ubah-ro KODE=JUMLAH]``; the pdftotext texts
(``-layout``, default, ``-raw``) are written beside each PDF when pdftotext is installed.
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
from pathlib import Path

from playwright.sync_api import sync_playwright

from anggaran.core.money import format_rupiah
from anggaran.formats.rka_text.reader import read_rka_text
from anggaran.reports import bagian_a

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "pdf"
SEED = ROOT / "src" / "anggaran" / "contoh" / "rka-satker-2023-109141-bagian-a.txt"


def _amount(value: int | None, grouping: str) -> str:
    return "" if not value else format_rupiah(value, grouping)


def _rows_garis(doc: bagian_a.BagianA) -> list[str]:
    out = []
    for r in doc.rows:
        style = "font-weight:bold;" if r.bold else ""
        style += "font-style:italic;" if r.italic else ""
        out.append(
            f"<tr><td>{html.escape(r.kode)}</td>"
            f"<td style='{style}padding-left:{4 + 8 * r.indent}px'>{html.escape(r.uraian)}</td>"
            f"<td>{html.escape(r.volume)}</td>"
            + "".join(
                f"<td class=n>{_amount(v, ',')}</td>" for v in (r.angka_dasar, r.inisiatif_baru, r.jumlah)
            )
            + "</tr>"
        )
    return out


def _rows_polos(doc: bagian_a.BagianA) -> list[str]:
    """Lists inside one cell: a label row and its items become one row without a code."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            out.append(
                "<tr><td></td><td>" + "<br>".join(pending) + "</td><td></td><td></td><td></td><td></td></tr>"
            )
            pending.clear()

    for r in doc.rows:
        is_item = r.level in ("sasaran", "ikp", "ikk", "indikator_kro", "indikator_ro") and not r.volume
        if r.level in ("label", "label_italic"):
            flush()
            pending.append(f"<b>{html.escape(r.uraian)}</b>")
            continue
        if is_item and pending:
            pending.append(html.escape(f"{r.kode} {r.uraian}".strip()))
            continue
        flush()
        style = "font-weight:bold;" if r.bold else ""
        out.append(
            f"<tr><td>{html.escape(r.kode)}</td><td style='{style}'>{html.escape(r.uraian)}</td>"
            f"<td>{html.escape(r.volume.replace(',', '.', 0))}</td>"
            + "".join(
                f"<td class=n>{_amount(v, '.')}</td>" for v in (r.angka_dasar, r.inisiatif_baru, r.jumlah)
            )
            + "</tr>"
        )
    flush()
    return out


CSS = {
    "garis": """
@page { size: A4 landscape; margin: 12mm 10mm; }
body { font-family: 'Liberation Sans'; font-size: 8pt; }
table.t { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.t td, table.t th { border: 0.6pt solid #000; padding: 3px 4px; vertical-align: top; }
table.t th { font-weight: bold; text-align: center; }
td.n { text-align: right; }
.judul { text-align: center; font-weight: bold; }
.kepala td { padding: 0 6px 0 0; }
.hal { text-align: right; }
""",
    "polos": """
@page { size: 215mm 330mm; margin: 15mm 12mm; }
body { font-family: 'Liberation Serif'; font-size: 7.5pt; }
table.t { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.t td, table.t th { padding: 5px 6px; vertical-align: middle; }
table.t td:nth-child(2), table.t td:nth-child(1) { vertical-align: top; }
table.t th { font-weight: bold; text-align: left; border-bottom: 0; }
td.n { text-align: right; }
.judul { text-align: center; font-weight: bold; font-size: 9pt; }
.kop { font-weight: bold; font-size: 8pt; }
.kepala td { padding: 0 10px 0 0; }
.hal { text-align: right; }
""",
}
COLS = {
    "garis": ["9%", "46%", "12%", "11%", "11%", "11%"],
    "polos": ["12%", "31%", "15%", "14%", "14%", "14%"],
}
ROWS_PER_PAGE = {"garis": 24, "polos": 30}


def page_html(doc: bagian_a.BagianA, layout: str, rows: list[str], n: int, pages: int, last: bool) -> str:
    head = ""
    if layout == "polos":
        head += f"<div class=hal>Hal. {n}</div>"
        if n == 1:
            head += "".join(f"<div class=kop>{html.escape(k)}</div>" for k in doc.kop) + "<br>"
    head += "".join(f"<div class=judul>{html.escape(j)}</div>" for j in doc.judul)
    kepala = "".join(
        f"<tr><td>{html.escape(label)}</td><td>: ({html.escape(kode)}) {html.escape(nama)}</td></tr>"
        for label, kode, nama in doc.header
    )
    head += f"<table class=kepala>{kepala}</table>"
    if layout == "garis":
        head += f"<div class=hal>Halaman : {n}</div>"
    cols = "".join(f"<col style='width:{w}'>" for w in COLS[layout])
    ths = (
        "<tr><th rowspan=2>KODE</th><th rowspan=2>PROGRAM/SASARAN PROGRAM/INDIKATOR KINERJA PROGRAM/"
        "AKTIVITAS/INDIKATOR KINERJA AKTIVITAS/KRO</th><th></th>"
        f"<th colspan=3>ALOKASI ANGGARAN T.A {doc.tahun_anggaran}</th></tr>"
        "<tr><th>VOLUME / SATUAN</th><th>ANGKA DASAR</th><th>INISIATIF BARU</th><th>JUMLAH</th></tr>"
    )
    if layout == "garis":
        ths += "<tr>" + "".join(f"<th>({i})</th>" for i in range(1, 7)) + "</tr>"
    body = "".join(rows)
    sign = ""
    if last and doc.nama:
        sign = (
            "<table style='width:100%;margin-top:12px'><tr><td style='width:65%'></td><td>"
            f"{html.escape(doc.tempat_tanggal or '')}<br>{html.escape(doc.jabatan or '')}<br><br><br>"
            f"<b>{html.escape(doc.nama)}</b><br>NIP {html.escape(doc.nip or '')}</td></tr></table>"
        )
    brk = "" if last else "<div style='page-break-after:always'></div>"
    return f"{head}<table class=t>{cols}<thead>{ths}</thead><tbody>{body}</tbody></table>{sign}{brk}"


def make(text: Path, layout: str, out: Path, ubah: dict[str, int]) -> None:
    tree = read_rka_text(text.read_bytes(), str(text)).tree
    for program in tree.program:
        for kegiatan in program.kegiatan:
            for kro in kegiatan.kro:
                for ro in kro.ro:
                    key = f"{kro.kode}.{ro.kode}"
                    if key in ubah:
                        ro.alokasi.jumlah = ubah[key]
                        ro.alokasi.angka_dasar = ubah[key] - ro.alokasi.inisiatif_baru
    doc = bagian_a.build(tree)
    rows = _rows_garis(doc) if layout == "garis" else _rows_polos(doc)
    size = ROWS_PER_PAGE[layout]
    chunks = [rows[i : i + size] for i in range(0, len(rows), size)]
    pages = "".join(
        page_html(doc, layout, c, n, len(chunks), n == len(chunks)) for n, c in enumerate(chunks, start=1)
    )
    page = f"<html><head><meta charset=utf-8><style>{CSS[layout]}</style></head><body>{pages}</body></html>"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        tab = browser.new_page()
        tab.set_content(page)
        tab.pdf(path=str(out), prefer_css_page_size=True, print_background=True)
        browser.close()
    if shutil.which("pdftotext"):
        for mode, suffix in (("-layout", ".layout.txt"), (None, ".txt"), ("-raw", ".raw.txt")):
            args = ["pdftotext", *([mode] if mode else []), str(out), str(out.with_suffix(suffix))]
            subprocess.run(args, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("text", nargs="?", type=Path, default=SEED)
    parser.add_argument(
        "--ubah-ro", action="append", default=[], help="KRO.RO=JUMLAH, e.g. 5252.BDC.U02=1000"
    )
    args = parser.parse_args()
    ubah = {k: int(v) for k, v in (a.split("=") for a in args.ubah_ro)}
    OUT.mkdir(parents=True, exist_ok=True)
    suffix = "-ubah" if ubah else ""
    for layout in ("garis", "polos") if not ubah else ("polos",):
        make(args.text, layout, OUT / f"109141-{layout}{suffix}.pdf", ubah)


if __name__ == "__main__":
    main()
