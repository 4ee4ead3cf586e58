"""A cell's value as the budget needs it, never through float arithmetic: whole rupiah,
a volume (``Decimal``), a volume expression (``2 ORG x 3 KALI``) or text.

Excel keeps numbers as binary floating point with 15 significant digits; a number cell
comes from openpyxl as ``int`` or ``float``. A float is turned into a Decimal through its
shortest decimal form (``repr``), and to 15 significant digits when it has more (what
Excel shows: ``5887999.999999999`` from a formula is ``5888000``). Text cells are read
with ``core.money`` in the sheet's grouping (``5,181,000`` or ``5.181.000``). What does
not fit comes back as a problem (a variant of ``READ_XLSX_NILAI`` and its value), and the
caller reports it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from anggaran.core import money

#: Excel's precision: 15 significant digits
_DIGITS = 15
_FACTOR = re.compile(r"(?P<num>[0-9][0-9.,]*)\s*(?P<satuan>.*)")
_TIMES = re.compile(r"\s+[xX\u00d7*]\s+")


@dataclass(frozen=True, slots=True)
class Masalah:
    """Why a cell was not read: a variant of ``READ_XLSX_NILAI`` and the value as shown."""

    variant: str
    nilai: str


def teks(value: object) -> str:
    """A cell as text: empty for None, a number without float noise (``75``, ``3979.3``),
    a text stripped of its surrounding spaces."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        number = angka(value)
        return money.format_angka(number) if number is not None else str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def angka(value: object) -> Decimal | None:
    """A number cell (``int``, ``float``) as an exact Decimal; None for anything else."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if value != value or value in (float("inf"), float("-inf")):
        return None
    d = Decimal(repr(value))
    if len(d.as_tuple().digits) > _DIGITS:
        d = Decimal(f"{value:.{_DIGITS}g}")
    return d


def kosong(value: object) -> bool:
    """Whether the cell shows nothing (None or only spaces)."""
    return value is None or (isinstance(value, str) and not value.strip())


def rupiah(value: object, grouping: str) -> tuple[int | None, Masalah | None]:
    """(whole rupiah or None when the cell is empty, the problem when it is no amount):
    a number cell must be integral; a text cell is read by ``money.parse_amount`` in the
    sheet's grouping (``-`` is 0)."""
    if kosong(value):
        return None, None
    number = angka(value)
    if number is not None:
        if number != number.to_integral_value():
            return None, Masalah("pecahan", str(number.normalize()))
        return int(number), None
    text = teks(value)
    for g in (grouping, "." if grouping == "," else ","):
        try:
            return money.parse_amount(text, g), None
        except ValueError:
            continue
    return None, Masalah("", text[:60])


def volume(value: object, grouping: str) -> tuple[Decimal | None, str | None, Masalah | None]:
    """(volume, satuan written with it, problem) of a volume cell: a number, or a text
    ``6``, ``237.00 Orang``, ``3,5 OH`` (the sheet's decimal mark, else the other one when
    only it fits). Empty: (None, None, None)."""
    if kosong(value):
        return None, None, None
    number = angka(value)
    if number is not None:
        return number, None, None
    text = teks(value)
    m = _FACTOR.fullmatch(text)
    if m:
        number = _number(m.group("num"), grouping)
        if number is not None:
            return number, m.group("satuan").strip() or None, None
    return None, None, Masalah("volume", text[:60])


def _number(text: str, grouping: str) -> Decimal | None:
    for g in (grouping, "." if grouping == "," else ","):
        try:
            return money.parse_volume(text, g)
        except (ValueError, InvalidOperation):
            continue
    return None


def rincian(value: object, grouping: str) -> tuple[list[tuple[Decimal, str]], Masalah | None]:
    """The volume factors of an expression ``2 ORG x 3 KALI`` (``x``, ``X``, ``×`` or ``*``
    between them) as [(volume, satuan)]; [] for an empty cell. A number cell is one factor
    without satuan."""
    if kosong(value):
        return [], None
    number = angka(value)
    if number is not None:
        return [(number, "")], None
    text = teks(value)
    out = []
    for part in _TIMES.split(text):
        m = _FACTOR.fullmatch(part.strip())
        number = _number(m.group("num"), grouping) if m else None
        if m is None or number is None:
            return [], Masalah("rincian", text[:60])
        out.append((number, m.group("satuan").strip()))
    return out, None


def is_rincian(value: object) -> bool:
    """Whether a cell holds a volume expression of more than one factor (``2 ORG x 3 KALI``)."""
    return isinstance(value, str) and len(_TIMES.split(value.strip())) > 1
