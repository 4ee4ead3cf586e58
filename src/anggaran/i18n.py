"""Language: messages through the gettext catalogues, numbers, money and dates as each
language writes them.

The catalogue is ``anggaran/locale/<lang>/LC_MESSAGES/django.po`` (compiled to ``.mo``):
Babel extracts the English message templates (marked ``N_`` or ``_``) from the code and
the web templates, and Django reads the same files for the web application. Indonesian
(``id``) is the default language; English (``en``) is the templates' own text.

A template's ``{named}`` fields take their values from a finding's (or an error's)
arguments, with these formats: ``rp`` money (``Rp 609.139.000`` in Indonesian,
``Rp 609,139,000`` in English), ``n`` a number as written (``3.979,3``), ``vol`` a volume
as the document prints it (at least two decimals: ``237,00``), ``pct`` a share, ``list``
items joined by commas, ``plus`` volumes added up (``3,00 + 5,00``), ``tanggal`` a date
(``30 Maret 2023``), ``t`` a term that is itself in the catalogue (``work unit``:
``satuan kerja``); ``!r`` quotes a text the way Python shows it, so invisible characters
become visible.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import gettext as _gettext
import string
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Any

from anggaran.core.errors import InputError, MessageError
from anggaran.core.findings import KINDS, N_, Finding, Severity, SourceRef, count_by_severity

#: the languages of the interface; the first is the default
LANGS = ("id", "en")
DEFAULT = "id"
DOMAIN = "django"  # the name Django looks for, so that both read one catalogue


def lang_in(args: list[str]) -> str:
    """The language ``--lang`` asks for in a command line, read without click: for the
    moments before the command's options are parsed (a Ctrl-C while the command loads)."""
    for i, arg in enumerate(args):
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        if value is not None and value in LANGS:
            return value
    return DEFAULT


def locale_dir() -> str:
    """The folder of the catalogues (``…/anggaran/locale``)."""
    return str(resources.files("anggaran").joinpath("locale"))


@functools.cache
def translation(lang: str) -> _gettext.NullTranslations:
    """The catalogue of ``lang`` (English: the templates as written)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; one of {', '.join(LANGS)}")
    if lang == "en":
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, localedir=locale_dir(), languages=[lang])


def gettext(text: str, lang: str = DEFAULT) -> str:
    """``text`` (an English msgid) in ``lang``."""
    return translation(lang).gettext(text)


def ngettext(singular: str, plural: str, n: int, lang: str = DEFAULT) -> str:
    """The singular or plural form of a message in ``lang`` for ``n``."""
    return translation(lang).ngettext(singular, plural, n)


# -- numbers, money, dates -------------------------------------------------------------


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, str | float):
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return None
    return None


@functools.cache
def _symbols(lang: str) -> tuple[str, str]:
    """(group, decimal) marks of ``lang``, as Babel's locale data has them."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    return get_group_symbol(lang), get_decimal_symbol(lang)


def number(value: Any, lang: str = DEFAULT, min_decimals: int = 0) -> str:
    """A number grouped as ``lang`` writes it, every decimal kept: ``1.596`` and
    ``3.979,3`` in Indonesian, ``1,596`` and ``3,979.3`` in English. ``min_decimals``
    pads the fraction (volumes print with two). Text that is no number is returned as it is."""
    if isinstance(value, int) and not isinstance(value, bool) and not min_decimals:
        # the common case (rupiah), thousands of times a page: Babel's marks, Python's grouping
        group, _ = _symbols(lang)
        return f"{value:,}".replace(",", group)
    from babel.numbers import format_decimal

    d = _decimal(value)
    if d is None:
        return str(value)
    pattern = "#,##0." + "0" * min_decimals + "#" * 12 if min_decimals else "#,##0.############"
    with decimal.localcontext() as ctx:
        ctx.prec = 80  # 2^63 rupiah with twelve decimals, exactly
        return format_decimal(d, format=pattern, locale=lang, decimal_quantization=False)


def rupiah(value: Any, lang: str = DEFAULT) -> str:
    """``Rp 609.139.000`` (Indonesian) or ``Rp 609,139,000`` (English); ``Rp -5.000.000``
    for a cut."""
    return f"Rp {number(value, lang)}"


@functools.lru_cache(maxsize=4096)
def tanggal(value: dt.date | str | None, lang: str = DEFAULT) -> str:
    """``30 Maret 2023`` / ``30 March 2023``."""
    from babel.dates import format_date

    if value is None:
        return ""
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    else:
        day = value
    return str(format_date(day, "d MMMM y", locale=lang))


def waktu(value: dt.datetime, lang: str = DEFAULT) -> str:
    """``30 Maret 2023 14.05`` / ``30 March 2023 14:05`` (in the time zone given)."""
    from babel.dates import format_datetime

    return format_datetime(value, "d MMMM y HH:mm", locale=lang)


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "rp":
            return "-" if value is None else rupiah(value, self.lang)
        if format_spec == "n":
            return number(value, self.lang)
        if format_spec == "vol":
            return number(value, self.lang, min_decimals=2)
        if format_spec == "pct":
            return f"{number(value, self.lang)}%"
        if format_spec == "plus":  # volumes added up: 3,00 + 5,00
            return " + ".join(number(v, self.lang, min_decimals=2) for v in value)
        if format_spec == "list":
            return ", ".join(str(v) for v in value)
        if format_spec == "tanggal":
            return tanggal(value, self.lang)
        if format_spec == "t":  # a term of the catalogue
            return gettext(str(value), self.lang)
        return str(super().format_field(value, format_spec))


@functools.cache
def _formatter(lang: str) -> _Formatter:
    return _Formatter(lang)


def format_text(text: str, args: dict[str, Any], lang: str = DEFAULT) -> str:
    """``text`` (already in ``lang``) filled from ``args`` with the formats of the module
    docstring; left as it is when an argument is missing."""
    try:
        return _formatter(lang).vformat(text, (), args)
    except (KeyError, IndexError, ValueError):
        return text


def fill(template: str, args: dict[str, Any], lang: str = DEFAULT) -> str:
    """``template`` (an English msgid) translated into ``lang`` and filled from ``args``.
    A template whose fields the arguments lack is shown with the fields unfilled rather
    than failing."""
    return format_text(gettext(template, lang), args, lang)


# -- findings and errors -----------------------------------------------------------------

_SEVERITY = {Severity.ERROR: N_("error"), Severity.WARNING: N_("warning"), Severity.INFO: N_("info")}


def severity_label(severity: Severity, lang: str = DEFAULT) -> str:
    """``galat``, ``peringatan``, ``info`` (``error``, ``warning``, ``info``)."""
    return gettext(_SEVERITY[severity], lang)


def message(f: Finding, lang: str = DEFAULT) -> str:
    """The finding's message in ``lang``."""
    return fill(f.template, f.args, lang)


def where(source: SourceRef | None, lang: str = DEFAULT) -> str:
    """``"file.txt, halaman 2, baris 33"`` (``"page 2, line 33"`` in English)."""
    if source is None:
        return ""
    return _where(source.file, source.page, source.line, lang)


def _where(file: str | None, page: int | None, line: int | None, lang: str) -> str:
    parts = [file or "?"]
    if page is not None:
        parts.append(fill("page {page}", {"page": page}, lang))
    if line is not None:
        parts.append(fill("line {line}", {"line": line}, lang))
    return ", ".join(parts)


def error_text(exc: MessageError, lang: str = DEFAULT) -> str:
    """An Anggaran error's message in ``lang``, with where (file, page, line) and what was
    expected."""
    text = fill(exc.template, exc.params, lang)
    if exc.expected:
        text += " (" + fill("expected: {what}", {"what": fill(exc.expected, exc.params, lang)}, lang) + ")"
    if isinstance(exc, InputError) and (exc.file or exc.page is not None or exc.line is not None):
        if exc.file is None:
            place = ", ".join(where(SourceRef(None, exc.page, exc.line), lang).split(", ")[1:])
        else:
            place = _where(exc.file, exc.page, exc.line, lang)
        text = f"{place}: {text}"
    return text


def summary(findings: Iterable[Finding], lang: str = DEFAULT) -> str:
    """``2 galat, 7 peringatan, 0 info`` (``2 errors, 7 warnings, 0 info``)."""
    c = count_by_severity(findings)
    return fill(
        "{errors} errors, {warnings} warnings, {info} info",
        {"errors": c[Severity.ERROR], "warnings": c[Severity.WARNING], "info": c[Severity.INFO]},
        lang,
    )


def description(rule: str, lang: str = DEFAULT) -> str:
    """What the check ``rule`` checks, one line in ``lang``."""
    return gettext(KINDS[rule].description, lang)
