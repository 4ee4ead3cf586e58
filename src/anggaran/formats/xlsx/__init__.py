"""Spreadsheets in: an XLSX workbook (Excel, LibreOffice) holding an RKA Satker.

* the Bagian A that Anggaran writes (or one like it): read by the Bagian A reader
  (``bagian_a``);
* the Bagian B that Anggaran writes, and SAKTI's "Kertas Kerja Satker" export: the tree
  down to its detail lines, columns found by their titles (``rincian``); what Anggaran
  wrote carries hidden data (``lampiran``) so that it reads back to the same tree after
  a user edits it.

Recognised by content: a zip holding ``xl/workbook.xml``. Cells are read without float
money (``sel``); a formula gives the value the spreadsheet program stored with it.
"""

from __future__ import annotations

from anggaran.core.errors import InputError
from anggaran.core.findings import N_
from anggaran.formats import batas
from anggaran.formats.result import ReadResult
from anggaran.formats.xlsx import temuan  # noqa: F401  (registers the READ_XLSX_* findings)
from anggaran.formats.xlsx.buku import buka, is_xlsx
from anggaran.formats.xlsx.lampiran import LEMBAR_DATA, baca_data, lampiran

__all__ = ["MAX_XLSX", "lampiran", "looks_like_xlsx", "read_xlsx"]

#: the largest workbook taken (a Bagian B of 1,150 lines is ~150 KB)
MAX_XLSX = 64 * batas.MIB


def looks_like_xlsx(data: bytes) -> bool:
    """Whether ``data`` is an XLSX workbook (a zip holding ``xl/workbook.xml``)."""
    return is_xlsx(data)


def read_xlsx(data: bytes, file: str = "<input>") -> ReadResult:
    """Read the first visible sheet of the workbook ``data`` that holds a Bagian A or a
    table of detail lines (Bagian B, Kertas Kerja Satker) into a tree and the reader's
    findings. Raises InputError (naming the file, and the sheet and row where it applies)
    when the workbook cannot be read or no sheet holds such a table."""
    from anggaran.formats.xlsx.bagian_a import is_bagian_a, read_bagian_a
    from anggaran.formats.xlsx.rincian import cari_kepala, read_rincian

    sheets = buka(data, file)
    shown = [s for s in sheets if s.tampak and s.nama != LEMBAR_DATA]
    for sheet in shown:
        if is_bagian_a(sheet):
            return read_bagian_a(sheet, file)
        kepala = cari_kepala(sheet)
        if kepala is not None:
            data_, findings = baca_data(sheets, file)
            result = read_rincian(sheet, kepala, file, data_)
            result.findings[:0] = findings
            return result
    raise InputError(
        N_("no sheet holds an RKA Satker table (sheets: {lembar:list})"),
        file=file,
        expected=N_(
            "a Bagian A, a Bagian B or SAKTI's Kertas Kerja Satker: a row of column titles such as "
            "KODE, URAIAN, VOLUME, HARGA SATUAN, JUMLAH"
        ),
        lembar=[s.nama for s in sheets] or ["-"],
    )
