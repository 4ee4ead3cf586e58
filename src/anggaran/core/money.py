"""Money: whole rupiah as ``int``, never a float.

One place owns the parsing of printed amounts and the rounding SAKTI applies.
"""

from __future__ import annotations

import re
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

Rupiah = int
"""Whole rupiah. Amounts in RKA documents carry no sen."""

_COMMA_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")
_DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")
_PLAIN = re.compile(r"\d+")


#: a volume whose decimal mark is certain: a fraction of other than three digits
#: (``237.00``, ``0,5``), the whole part grouped by the other mark or not at all; or a
#: whole part of 0 (``0,001``: no grouped number starts with a group of 0)
_DECIMAL_DOT = re.compile(
    r"\d{1,3}(?:,\d{3})*\.(?:\d{1,2}|\d{4,})(?:\s.*)?|\d+\.(?:\d{1,2}|\d{4,})(?:\s.*)?|0\.\d+(?:\s.*)?"
)
_DECIMAL_COMMA = re.compile(
    r"\d{1,3}(?:\.\d{3})*,(?:\d{1,2}|\d{4,})(?:\s.*)?|\d+,(?:\d{1,2}|\d{4,})(?:\s.*)?|0,\d+(?:\s.*)?"
)


def detect_grouping(samples: list[str], volumes: list[str] | None = None) -> str:
    """Decide a document's thousands separator from its amount cells.

    Returns ``","`` (``1,234,567``, as SAKTI prints) or ``"."`` (``1.234.567``). A document
    uses one convention: the one most of its grouped amounts follow. When no amount is
    grouped, the volumes decide (``volumes``: the texts of the volume column): ``237,00``
    has a decimal comma, so the document groups with dots; else ``","``. ``samples`` are
    the stripped texts of the amount columns.
    """
    comma = sum(1 for s in samples if _COMMA_GROUPED.fullmatch(s))
    dot = sum(1 for s in samples if _DOT_GROUPED.fullmatch(s))
    if comma == dot == 0 and volumes:
        dot = sum(1 for v in volumes if _DECIMAL_COMMA.fullmatch(v.strip()))
        comma = sum(1 for v in volumes if _DECIMAL_DOT.fullmatch(v.strip()))
    return "." if dot > comma else ","


def looks_like_amount(text: str) -> bool:
    """True for ``1,234``, ``1.234``, ``1234``, ``0`` and ``-`` (printed for zero)."""
    t = text.strip()
    return bool(t == "-" or _PLAIN.fullmatch(t) or _COMMA_GROUPED.fullmatch(t) or _DOT_GROUPED.fullmatch(t))


def parse_amount(text: str, grouping: str = ",") -> Rupiah:
    """Parse a printed amount in whole rupiah.

    ``"609,139,000"`` -> ``609139000`` with ``grouping=","``; ``"609.139.000"`` with
    ``grouping="."``; ``""`` and ``"-"`` -> 0. Raises ValueError for anything else,
    including an amount grouped with the other separator.
    """
    t = text.strip()
    if t in ("", "-"):
        return 0
    if _PLAIN.fullmatch(t):
        return int(t)
    pattern = _COMMA_GROUPED if grouping == "," else _DOT_GROUPED
    if pattern.fullmatch(t):
        return int(t.replace(grouping, ""))
    raise ValueError(f"not an amount in rupiah grouped with {grouping!r}: {text!r}")


def parse_volume(text: str, grouping: str = ",") -> Decimal:
    """Parse a printed volume (``"237.00"``; ``"237,00"`` in a dot-grouped document).

    The decimal mark is the separator that is not the document's thousands separator;
    thousands in the whole part must be grouped by three. Raises ValueError.
    """
    t = text.strip()
    decimal_mark = "." if grouping == "," else ","
    whole, sep, frac = t.rpartition(decimal_mark) if decimal_mark in t else (t, "", "")
    grouped = re.fullmatch(r"\d{1,3}(?:" + re.escape(grouping) + r"\d{3})+", whole)
    if not (re.fullmatch(r"\d+", whole) or grouped) or (sep and not re.fullmatch(r"\d+", frac)):
        raise ValueError(f"not a volume: {text!r}")
    return Decimal(whole.replace(grouping, "") + (f".{frac}" if sep else ""))


def format_rupiah(amount: Rupiah, grouping: str = ",") -> str:
    """``1234567`` -> ``"1,234,567"`` (or ``"1.234.567"`` with ``grouping="."``)."""
    text = f"{amount:,}"
    return text.replace(",", ".") if grouping == "." else text


def format_volume(volume: Decimal, grouping: str = ",") -> str:
    """A volume as SAKTI prints it, with two decimals (more when it has them) and
    thousands grouped: ``Decimal(237)`` -> ``"237.00"``, ``Decimal("123456.125")`` ->
    ``"123,456.125"``; with ``grouping="."``: ``"123.456,125"``."""
    places = max(2, -int(volume.normalize().as_tuple().exponent))
    text = f"{volume:,.{places}f}"
    if grouping == ".":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def jumlah_sakti(volume: Decimal, harga_satuan: Rupiah) -> Rupiah:
    """A detail line's jumlah as SAKTI computes it: volume x harga satuan rounded down to a
    multiple of Rp 1,000, and at least Rp 1,000 when the product is positive.

    Source: seen on about 50,000 lines of five real ADK archives (DOMAIN.md rule 6).
    """
    product = volume * harga_satuan
    if product <= 0:
        return 0
    rounded = int((product / 1000).to_integral_value(rounding=ROUND_FLOOR)) * 1000
    return max(rounded, 1000)


def ribuan_ke_atas(volume: Decimal, harga_satuan: Rupiah) -> Rupiah:
    """volume x harga satuan rounded *up* to a multiple of Rp 1,000 (0 when not positive):
    how the exceptions to SAKTI's rule were seen (two payroll allowances, DOMAIN.md rule 6)."""
    product = volume * harga_satuan
    if product <= 0:
        return 0
    return int((product / 1000).to_integral_value(rounding=ROUND_CEILING)) * 1000


def format_angka(value: Decimal, grouped: bool = False) -> str:
    """A number without trailing zeros, as SAKTI prints volume factors:
    ``Decimal("75")`` -> ``75``, ``Decimal("3979.30")`` -> ``3979.3``; with ``grouped``,
    comma thousands: ``Decimal("1596")`` -> ``1,596``."""
    text = format(value, ",f" if grouped else "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_persen(part: Rupiah, whole: Rupiah) -> str:
    """``part`` as a share of ``whole`` with two decimals, computed exactly:
    ``format_persen(283_973_000, 1_009_271_000)`` -> ``"28.14%"``; ``""`` when ``whole`` is 0."""
    if not whole:
        return ""
    return f"{(Decimal(100) * part / whole).quantize(Decimal('0.01'))}%"
