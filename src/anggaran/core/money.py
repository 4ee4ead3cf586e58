"""Money: whole rupiah as ``int``, never a float.

One place owns the parsing of printed amounts and the rounding SAKTI applies. An amount
printed with a fraction of a rupiah (``1,234.50``) is never rounded: :func:`read_amount`
gives its integer part (toward zero) and the fraction apart, for the reader to report.
"""

from __future__ import annotations

import re
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import NamedTuple

Rupiah = int
"""Whole rupiah. Amounts in RKA documents carry no sen."""

#: the characters that group digits by three besides ``,`` and ``.``: a space, a no-break
#: space (U+00A0), a thin space (U+2009) and a narrow no-break space (U+202F)
SPACE_SEPARATORS = " \u00a0\u2009\u202f"
#: the signs of a negative amount: the hyphen-minus and the minus sign (U+2212); brackets
#: around the amount say the same (``(5,000,000)``, as accountants print a cut)
MINUS_SIGNS = "-\u2212"

_RP = re.compile(r"Rp\.?\s*", re.IGNORECASE)


def _number_pattern(grouping: str) -> re.Pattern[str]:
    """An unsigned amount of a document grouped with ``grouping``: the whole rupiah grouped
    by three with ``grouping`` or with one of SPACE_SEPARATORS throughout, or not grouped;
    then, after the other mark, a fraction of one or two digits (sen)."""
    group, decimal = re.escape(grouping), re.escape("." if grouping == "," else ",")
    return re.compile(
        rf"(?P<whole>\d{{1,3}}(?P<grouped>{group}\d{{3}})+"
        rf"|\d{{1,3}}(?P<space>[{SPACE_SEPARATORS}])\d{{3}}(?:(?P=space)\d{{3}})*"
        rf"|\d+)"
        rf"(?:{decimal}(?P<fraction>\d{{1,2}}))?"
    )


_NUMBER = {",": _number_pattern(","), ".": _number_pattern(".")}


class Amount(NamedTuple):
    """A printed amount as read: ``rupiah``, the whole rupiah it writes (its integer part,
    so toward zero: ``-1,234.50`` is ``-1234``), and ``fraction``, the part of a rupiah
    written after the decimal mark with the amount's sign (``Decimal("-0.50")``; 0 when
    none). ``rupiah + fraction`` is the amount exactly."""

    rupiah: Rupiah
    fraction: Decimal


def _unwrap(text: str) -> tuple[int, bool, str]:
    """``(sign, rp, number)``: ``text`` without its ``Rp``, minus sign and brackets (each at
    most once, in any order): ``"Rp (5.000,00)"`` -> ``(-1, True, "5.000,00")``."""
    t = text.strip()
    sign, rp = 1, False
    while True:
        m = None if rp else _RP.match(t)
        if m:
            rp, t = True, t[m.end() :]
        elif sign > 0 and len(t) > 1 and t[0] in MINUS_SIGNS:
            sign, t = -1, t[1:].lstrip()
        elif sign > 0 and len(t) > 2 and t[0] == "(" and t[-1] == ")":
            sign, t = -1, t[1:-1].strip()
        else:
            return sign, rp, t


def _read(text: str, grouping: str) -> Amount | None:
    """``text`` as an amount of a document grouped with ``grouping``, or None."""
    sign, rp, t = _unwrap(text)
    if t == "" and not rp or t == "-" and sign > 0:
        return Amount(0, Decimal(0))  # "", "-" and "Rp -": zero, as documents print it
    n = _NUMBER[grouping].fullmatch(t)
    if n is None:
        return None
    whole = int(re.sub(r"\D", "", n.group("whole")))
    fraction = n.group("fraction") or ""
    return Amount(
        sign * whole,
        Decimal(f"{'-' if sign < 0 else ''}0.{fraction}") if fraction.strip("0") else Decimal(0),
    )


#: a volume whose decimal mark is certain: a fraction of other than three digits
#: (``237.00``, ``0,5``), the whole part grouped by the other mark or not at all; or a
#: whole part of 0 (``0,001``: no grouped number starts with a group of 0)
_DECIMAL_DOT = re.compile(
    r"\d{1,3}(?:,\d{3})*\.(?:\d{1,2}|\d{4,})(?:\s.*)?|\d+\.(?:\d{1,2}|\d{4,})(?:\s.*)?|0\.\d+(?:\s.*)?"
)
_DECIMAL_COMMA = re.compile(
    r"\d{1,3}(?:\.\d{3})*,(?:\d{1,2}|\d{4,})(?:\s.*)?|\d+,(?:\d{1,2}|\d{4,})(?:\s.*)?|0,\d+(?:\s.*)?"
)


def _style(text: str) -> str | None:
    """The grouping an amount shows: ``","`` for ``1,234`` or ``1234.50``, ``"."`` for
    ``1.234`` or ``1 234,50``; None when it shows none (``950``, ``1 234``)."""
    t = _unwrap(text)[2]
    for grouping in (",", "."):
        m = _NUMBER[grouping].fullmatch(t)
        if m and (m.group("grouped") or m.group("fraction")):
            return grouping
    return None


def detect_grouping(samples: list[str], volumes: list[str] | None = None) -> str:
    """Decide a document's thousands separator from its amount cells.

    Returns ``","`` (``1,234,567``, as SAKTI prints) or ``"."`` (``1.234.567``). A document
    uses one convention: the one most of its amounts show, by their grouping or by their
    decimal mark (``609.139.000``, ``609 139 000,00`` and ``Rp (1.000,00)`` say ``"."``;
    ``609,139,000`` and ``609139000.00`` say ``","``). When no amount shows one, the
    volumes decide (``volumes``: the texts of the volume column): ``237,00`` has a decimal
    comma, so the document groups with dots; else ``","``. ``samples`` are the texts of
    the amount columns.
    """
    styles = [_style(s) for s in samples]
    comma, dot = styles.count(","), styles.count(".")
    if comma == dot == 0 and volumes:
        dot = sum(1 for v in volumes if _DECIMAL_COMMA.fullmatch(v.strip()))
        comma = sum(1 for v in volumes if _DECIMAL_DOT.fullmatch(v.strip()))
    return "." if dot > comma else ","


def looks_like_amount(text: str) -> bool:
    """True for an amount in either grouping (see :func:`read_amount`): ``1,234``,
    ``1.234``, ``1234``, ``0``, ``-`` (printed for zero), ``609,139,000.00``,
    ``609.139.000,00``, ``609 139 000``, ``Rp 5.000``, ``-5,000``, ``(5,000)``,
    ``\u22125,000``, ``Rp (5.000.000,00)``; False for ``""`` and anything else."""
    return bool(text.strip()) and (_read(text, ",") is not None or _read(text, ".") is not None)


def read_amount(text: str, grouping: str = ",") -> Amount:
    """Read a printed amount of a document grouped with ``grouping`` (``","`` or ``"."``,
    see :func:`detect_grouping`) into whole rupiah and the fraction of a rupiah it writes.

    The forms, each with ``Rp``, ``Rp.`` or ``Rp `` before it or not:

    * the whole rupiah grouped by three with ``grouping`` (``609,139,000``), with a space,
      a no-break space or a thin space (``609 139 000``: the same one throughout), or not
      grouped (``609139000``);
    * then, optionally, the other mark and one or two digits of sen (``609,139,000.00``;
      ``609.139.000,00`` with ``grouping="."``);
    * negative with ``-``, the minus sign U+2212 or in brackets: ``-5,000,000``,
      ``(5,000,000)``, ``Rp (5.000.000,00)``;
    * ``""``, ``"-"`` and ``"Rp -"`` are 0.

    A fraction is never rounded: ``"1,234.50"`` -> ``Amount(1234, Decimal("0.50"))``, the
    integer part the document writes and the rest for the caller to report. Raises
    ValueError for anything else, including an amount grouped with the other separator
    (``"609.139.000"`` with ``grouping=","``).
    """
    amount = _read(text, grouping)
    if amount is None:
        raise ValueError(f"not an amount in rupiah grouped with {grouping!r}: {text!r}")
    return amount


def parse_amount(text: str, grouping: str = ",") -> Rupiah:
    """Parse a printed amount in whole rupiah, in any form :func:`read_amount` reads.

    ``"609,139,000"`` -> ``609139000`` with ``grouping=","``; ``"609.139.000"`` and
    ``"Rp 609.139.000,00"`` with ``grouping="."``; ``"(5,000,000)"`` -> ``-5000000``;
    ``""`` and ``"-"`` -> 0. Raises ValueError for anything else, including an amount
    grouped with the other separator and an amount with a fraction of a rupiah
    (``"1,234.50"``: :func:`read_amount` keeps both parts).
    """
    amount = read_amount(text, grouping)
    if amount.fraction:
        raise ValueError(f"amount with a fraction of a rupiah: {text!r}")
    return amount.rupiah


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
