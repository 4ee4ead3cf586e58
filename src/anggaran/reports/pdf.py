"""Render Bagian A as PDF with Typst (the ``typst`` package): the template
``templates/bagian_a.typ`` lays out the page; the data goes in as JSON through
``sys.inputs``, so no text is ever pasted into Typst markup.

Engine choice: Typst, several times faster than WeasyPrint on long tables. The package is
pinned to 0.13: on this machine Typst 0.14/0.15 laid out the same 15,000-row document about
35% slower, and tagged PDF (new in 0.14) tripled time and size (docs/performance.md).
"""

from __future__ import annotations

import json

from anggaran.core.money import format_rupiah
from anggaran.reports.bagian_a import COLUMN_TITLES, BagianA
from anggaran.reports.typst_pdf import compile_pdf


def _rp(v: int | None) -> str:
    return "" if v is None else format_rupiah(v)


def typst_data(report: BagianA) -> str:
    """The JSON the Typst template reads."""
    return json.dumps(
        {
            "judul": report.judul,
            "tahun": report.tahun_anggaran,
            "satker": report.satker,
            "header": [list(h) for h in report.header],
            "titles": list(COLUMN_TITLES),
            "rows": [
                {
                    "k": r.kode,
                    "u": r.uraian,
                    "v": r.volume,
                    "a": _rp(r.angka_dasar),
                    "ib": _rp(r.inisiatif_baru),
                    "j": _rp(r.jumlah),
                    "b": r.bold,
                    "i": r.italic,
                }
                for r in report.rows
            ],
            "kop": report.kop,
            "total": [
                _rp(report.jumlah.angka_dasar or None),
                _rp(report.jumlah.inisiatif_baru or None),
                _rp(report.jumlah.jumlah),
            ]
            if report.jumlah_satker
            else None,
            "ttd": None
            if not report.ttd
            else {
                "tempat": report.tempat_tanggal or "",
                "jabatan": report.jabatan or "",
                "nama": report.nama or "",
                "nip": report.nip or "-",
                "pangkat": report.pangkat,
            },
        },
        ensure_ascii=False,
    )


def render_pdf(report: BagianA) -> bytes:
    """The document as PDF bytes (A4 landscape). Raises OutputError when Typst fails."""
    return compile_pdf("bagian_a.typ", typst_data(report))
