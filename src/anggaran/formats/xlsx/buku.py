"""A workbook opened for reading: every sheet as rows of cells, each cell its value (what
Excel or LibreOffice last computed, for a formula) and whether it is a formula.

The workbook is a zip; its unpacked size is checked against the limits of
``formats.batas`` before openpyxl parses anything, and openpyxl parses its XML through
defusedxml (no entities, no DTD). Any workbook openpyxl cannot read is an InputError
naming the file.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from anggaran.core.errors import InputError
from anggaran.core.findings import N_
from anggaran.formats import batas
from anggaran.formats.adk.source import is_ooxml_head

#: the most columns and rows of a sheet looked at: Excel's own limits are 16,384 and
#: 1,048,576; a budget sheet uses a dozen columns and a few thousand rows
MAX_COLUMNS = 64
MAX_ROWS = 1_048_576
#: the most a workbook may unpack to (the real Bagian B of 527010, 1,150 lines: ~4 MB)
MAX_UNPACKED = batas.MAX_ARCHIVE
_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")


@dataclass(slots=True)
class Lembar:
    """One sheet: its name, whether a user sees it, and its rows from row 1 (``nilai[r][c]``
    is the value of row r+1, column c+1: ``int``, ``float``, ``str``, ``bool``, a date or
    None), with the cells that hold a formula (``rumus``: (row, column) 1-based -> the
    formula) and whether the formula's computed value is missing."""

    nama: str
    tampak: bool
    nilai: list[tuple[Any, ...]]
    rumus: dict[tuple[int, int], str] = field(default_factory=dict)

    def value(self, row: int, col: int) -> Any:
        """The value of the cell at (row, col), 1-based; None outside the sheet."""
        if 1 <= row <= len(self.nilai):
            cells = self.nilai[row - 1]
            if 1 <= col <= len(cells):
                return cells[col - 1]
        return None


def sel(row: int, col: int) -> str:
    """A cell's name as a spreadsheet shows it: ``sel(57, 7)`` -> ``"G57"``."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


def is_xlsx(data: bytes) -> bool:
    """Whether ``data`` is an XLSX workbook: a zip holding ``xl/workbook.xml``, or a zip
    cut short or damaged whose first member is a part of one (reading it then says what
    is wrong rather than "not recognised")."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "xl/workbook.xml" in z.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return is_ooxml_head(data)


def _check_size(z: zipfile.ZipFile, name: str, packed: int) -> None:
    unpacked = sum(i.file_size for i in z.infolist())
    if unpacked > MAX_UNPACKED or (
        unpacked > batas.RATIO_FROM and unpacked > batas.MAX_RATIO * max(packed, 1)
    ):
        raise InputError(
            N_("the workbook unpacks to {ukuran}, more than a budget workbook may ({batas})"),
            file=name,
            expected=N_("an XLSX workbook of an RKA Satker (a few MB unpacked)"),
            ukuran=batas.mib(unpacked),
            batas=batas.mib(MAX_UNPACKED),
        )


def buka(data: bytes, name: str) -> list[Lembar]:
    """The sheets of the XLSX ``data`` (the file ``name``), in the workbook's order. Cells
    holding a formula give the value the spreadsheet program stored with it (openpyxl's
    ``data_only``), None when it stored none; their formulas are in ``Lembar.rumus``.
    Raises InputError when the bytes are no readable workbook or unpack beyond the limits."""
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            _check_size(z, name, len(data))
            if "xl/workbook.xml" not in z.namelist():
                raise InputError(
                    N_("a zip without xl/workbook.xml is no XLSX workbook"),
                    file=name,
                    expected=N_("an XLSX workbook (Excel, LibreOffice)"),
                )
            has_formulas = any(
                _FORMULA.search(z.read(i))
                for i in z.infolist()
                if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")
            )
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = (
            openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
            if has_formulas
            else None
        )
        sheets = []
        for ws in values.worksheets:
            rows = [
                tuple(row)
                for row in ws.iter_rows(min_row=1, max_row=MAX_ROWS, max_col=MAX_COLUMNS, values_only=True)
            ]
            while rows and all(v is None for v in rows[-1]):
                rows.pop()
            sheet = Lembar(ws.title, getattr(ws, "sheet_state", "visible") == "visible", rows)
            if formulas is not None:
                for cells in formulas[ws.title].iter_rows(min_row=1, max_row=len(rows), max_col=MAX_COLUMNS):
                    for c in cells:
                        if getattr(c, "data_type", None) == "f":
                            text = c.value if isinstance(c.value, str) else getattr(c.value, "text", "")
                            sheet.rumus[(c.row, c.column)] = str(text or "")
            sheets.append(sheet)
        values.close()
        if formulas is not None:
            formulas.close()
        return sheets
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001  (openpyxl and zipfile raise many kinds on a broken file)
        raise InputError(
            N_("the workbook cannot be read: {sebab}"),
            file=name,
            expected=N_("an XLSX workbook (Excel, LibreOffice)"),
            sebab=f"{type(exc).__name__}: {exc}"[:200],
        ) from None
