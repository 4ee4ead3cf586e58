"""One ADK table: the column names from the XSD inside its ``.xml`` (a Visual FoxPro
export), the rows from its ``.csv`` (``|``-separated, strings quoted with ``^``, no header).

The CSV is mapped to the columns by evidence: its first rows are compared with the first
``c_<table>`` elements of the XML, which name every value (see ``_columns_by_evidence``).
Columns the XSD does not name but the XML rows carry (``kdstatus``, ``levelrev``,
``revrkaklke``, ``revdipake``) are named from the XML. A row with another field count, an
unterminated quote, a CSV and XML of different row counts, a number that is not a number
or bytes that are not UTF-8 raise :class:`InputError` naming the file and the row.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import xml.etree.ElementTree as ET
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import defusedxml.ElementTree as safe_xml
from defusedxml import DefusedXmlException

from anggaran.core import money
from anggaran.core.errors import InputError
from anggaran.core.findings import N_

_XSD = "{http://www.w3.org/2001/XMLSchema}"
_SCHEMA_END = "</xsd:schema>"
#: rows compared between CSV and XML to map the columns
_SAMPLE = 200
#: a number as Visual FoxPro writes it: ASCII digits, an optional fraction
_NUMBER = re.compile(r"[0-9]{1,18}(?:\.[0-9]{1,8})?", re.ASCII)


def missing_column(table: Table, name: str) -> InputError:
    """The error for a column ``table`` does not have: absent from its schema, or named by
    the XSD but not found in the CSV (whose values then matched no XML column)."""
    return _missing(table.nama, table.origin, table.skema, name)


def _missing(nama: str, origin: str, skema: tuple[str, ...], name: str) -> InputError:
    if name in skema:
        return InputError(
            N_(
                "column {kolom} (named by the XSD schema) not found in the CSV of table {tabel}: the column "
                "is missing, or its values do not match the XML rows (rows in another order? a file edited?)"
            ),
            kolom=name,
            tabel=nama,
            file=origin,
            expected=N_("the .csv and .xml of one SAKTI export"),
        )
    return InputError(
        N_("column {kolom} is not in table {tabel}"),
        file=origin,
        expected=N_("the columns SAKTI's ADK schema names"),
        kolom=name,
        tabel=nama,
    )


def _decode(data: bytes, origin: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        # the codec counts from after the byte-order mark
        at = e.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
        raise _not_utf8(data[at], data.count(b"\n", 0, at) + 1, origin) from None


def _check_utf8(data: bytes, origin: str) -> None:
    """Raise what :func:`_decode` raises for ``data`` that is not UTF-8, without holding
    its text (decoded a MiB at a time; ASCII, as SAKTI's tables mostly are, at once)."""
    if data.isascii():
        return
    decoder = codecs.getincrementaldecoder("utf-8")()
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    step = 1 << 20
    view = memoryview(data)
    for at in range(start, len(data) + 1, step):
        pending = decoder.getstate()[0]
        chunk = bytes(view[at : at + step])
        try:
            decoder.decode(chunk, at + step >= len(data))
        except UnicodeDecodeError as e:
            bad = at - len(pending) + e.start
            raise _not_utf8(data[bad], data.count(b"\n", 0, bad) + 1, origin) from None


def _head_text(data: bytes) -> str:
    """The text of ``data`` (UTF-8, checked) up to its first line that holds more than
    blanks: what :func:`separator` reads of it."""
    end = 0
    while True:
        nxt = data.find(b"\n", end)
        text = (data if nxt < 0 else data[:nxt]).decode("utf-8-sig")
        if nxt < 0 or text[text.rfind("\n") + 1 :].strip():
            return text
        end = nxt + 1


def _not_utf8(byte: int, line: int, origin: str) -> InputError:
    return InputError(
        N_("byte {byte} is not UTF-8 (SAKTI writes its ADK archives in UTF-8)"),
        file=origin,
        line=line,
        byte=f"0x{byte:02x}",
    )


def parse_xsd(xml: str, origin: str) -> tuple[str, list[str]]:
    """The row element (``c_item``) and the column names of the inline XSD of ``xml``
    (their types are not needed: values are read by what the reader asks of them).

    Raises InputError when the XML holds no readable schema.
    """
    start = xml.find("<xsd:schema")
    end = xml.find(_SCHEMA_END)
    if start < 0 or end < 0:
        raise InputError(
            N_("no XSD schema (xsd:schema) found"),
            file=origin,
            expected=N_("a Visual FoxPro export from SAKTI"),
        )
    try:
        schema = _parse(xml[start : end + len(_SCHEMA_END)], origin)
    except ET.ParseError as e:
        line = xml.count("\n", 0, start) + e.position[0]
        raise InputError(
            N_("the XSD schema cannot be read: {sebab}"),
            file=origin,
            line=line,
            sebab=str(getattr(e, "msg", e)),
        ) from None
    elements = list(schema.iter(f"{_XSD}element"))
    if len(elements) < 3:
        raise InputError(N_("the XSD schema names no column"), file=origin)
    row_element = elements[1].get("name", "")
    kolom = [element.get("name", "") for element in elements[2:]]
    return row_element, kolom


def _parse(text: str, origin: str) -> ET.Element:
    """``text`` parsed as XML without entities or DTDs (defusedxml): a SAKTI export has
    none, and their expansion would get past the archive limits."""
    try:
        return safe_xml.fromstring(text)  # type: ignore[no-any-return]
    except DefusedXmlException:
        raise InputError(
            N_("the XML declares a DTD or entities, which a SAKTI export never does"),
            file=origin,
            expected=N_("a Visual FoxPro export from SAKTI"),
        ) from None


def xml_rows(xml: str, row_element: str, origin: str, limit: int) -> list[list[tuple[str, str]]]:
    """The first ``limit`` ``<c_table>`` rows of ``xml``, each as (element, text) pairs in
    document order (text kept verbatim: VFP pads strings with spaces).

    The rows are parsed together, as one document; when that fails (or does not give one
    element per row), row by row, so the message names the row that cannot be read."""
    spans: list[tuple[int, int]] = []
    open_tag, close_tag = f"<{row_element}>", f"</{row_element}>"
    pos = xml.find(_SCHEMA_END)
    unclosed = False
    while len(spans) < limit:
        start = xml.find(open_tag, pos)
        if start < 0:
            break
        end = xml.find(close_tag, start)
        if end < 0:
            unclosed = True
            break
        pos = end + len(close_tag)
        spans.append((start, pos))
    rows = _rows_together(xml, spans, row_element, origin)
    if rows is None:
        rows = []
        for start, end in spans:
            try:
                element = _parse(xml[start:end], origin)
            except ET.ParseError as e:
                raise InputError(
                    N_("XML row {n} cannot be read: {sebab}"), file=origin, n=len(rows) + 1, sebab=str(e)
                ) from None
            rows.append([(child.tag, child.text or "") for child in element])
    if unclosed:
        raise InputError(
            N_("XML row {n} <{elemen}> is not closed (a file cut short?)"),
            file=origin,
            n=len(rows) + 1,
            elemen=row_element,
        )
    return rows


def _rows_together(
    xml: str, spans: list[tuple[int, int]], row_element: str, origin: str
) -> list[list[tuple[str, str]]] | None:
    """The rows at ``spans`` parsed as one document (one parser for all: parsing each row
    alone cost more than the rest of reading a table); None when that document is not
    one ``row_element`` per span, so that the rows are parsed one by one."""
    if not spans:
        return []
    text = "<r>" + "".join(xml[start:end] for start, end in spans) + "</r>"
    try:
        root = safe_xml.fromstring(text)
    except (ET.ParseError, DefusedXmlException):
        return None
    if len(root) != len(spans) or any(element.tag != row_element for element in root):
        return None
    return [[(child.tag, child.text or "") for child in element] for element in root]


def _loose(value: str) -> str:
    value = value.strip()
    try:
        return str(Decimal(value).normalize())
    except InvalidOperation:
        return value


def parse_angka(text: str, origin: str, line: int, kolom: str) -> Decimal:
    """A field as a non-negative Decimal (empty = 0), written as VFP writes numbers: ASCII
    digits, an optional fraction, at most 18 digits before the point (no sign, exponent,
    grouping or other scripts' digits). Raises InputError naming the file (``origin``),
    the line and the column otherwise."""
    if text.isdigit() and text.isascii() and len(text) <= 18:  # most values: whole numbers
        return Decimal(text)
    text = text.strip()
    if not text:
        return Decimal(0)
    if len(text) <= 18 and text.isdigit() and text.isascii():
        return Decimal(text)
    if not _NUMBER.fullmatch(text):
        what = (
            N_("column {kolom} holds {nilai!r} (negative)")
            if text.startswith("-")
            else N_("column {kolom} holds {nilai!r} (not a number)")
        )
        raise InputError(
            what,
            file=origin,
            line=line,
            expected=N_("a number without sign, e.g. 5181000 or 3979.30"),
            kolom=kolom,
            nilai=text[:40],
        )
    return Decimal(text)


def parse_rupiah(text: str, origin: str, line: int, kolom: str) -> int:
    """A field as whole rupiah (see :func:`parse_angka`); raises InputError when the value has a
    fraction of a rupiah."""
    if text.isdigit() and text.isascii() and len(text) <= 18:  # most values: whole numbers
        return int(text)
    digits = text.strip()
    if len(digits) <= 18 and digits.isdigit() and digits.isascii():
        return int(digits)
    value = parse_angka(digits, origin, line, kolom)
    if value != value.to_integral_value():
        raise InputError(
            N_("column {kolom} = {nilai}"),
            file=origin,
            line=line,
            expected=N_("whole rupiah"),
            kolom=kolom,
            nilai=str(value),
        )
    return int(value)


@dataclass(slots=True)
class Table:
    """The rows of one ADK table as strings, with the column names mapped by evidence.

    ``rows`` are lists of field strings in column order, ``lines`` their 1-based line
    numbers in the CSV (for messages); ``origin`` names the file (inside its archive).
    """

    nama: str
    origin: str
    kolom: list[str]
    rows: list[list[str]]
    lines: list[int]
    #: the columns the XSD names (some may be absent from the CSV)
    skema: tuple[str, ...] = ()
    #: how columns were placed where the values did not tell: (variant of READ_ADK_KOLOM,
    #: its arguments), reported by the reader
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def index(self, name: str) -> int:
        """The position of column ``name``; raises InputError when the table lacks it."""
        for i, k in enumerate(self.kolom):
            if k == name:
                return i
        raise missing_column(self, name)

    def getter(self, name: str) -> Callable[[int], str]:
        """A function giving the text of column ``name`` in row ``i``."""
        col = self.index(name)
        rows = self.rows
        return lambda i: rows[i][col]

    def number(self, name: str) -> Callable[[int], Decimal]:
        """A function giving column ``name`` of row ``i`` as a non-negative Decimal (see
        :func:`parse_angka`)."""
        col = self.index(name)
        rows, lines, origin = self.rows, self.lines, self.origin
        return lambda i: parse_angka(rows[i][col], origin, lines[i], name)

    def rupiah(self, name: str) -> Callable[[int], int]:
        """A function giving column ``name`` of row ``i`` as whole rupiah (see
        :func:`parse_rupiah`)."""
        col = self.index(name)
        rows, lines, origin = self.rows, self.lines, self.origin
        return lambda i: parse_rupiah(rows[i][col], origin, lines[i], name)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[int]:
        return iter(range(len(self.rows)))


def _columns_by_evidence(
    kolom: list[str],
    sample: list[list[tuple[str, str]]],
    first: list[list[str]],
    origin: str,
    line: int,
    notes: list[tuple[str, dict[str, Any]]],
) -> list[str]:
    """The column list that explains the CSV rows ``first`` given the XML rows ``sample``
    (the same rows of the same table: SAKTI writes both from one cursor).

    Each CSV position is scored against each XML column by the sampled rows whose values
    agree (verbatim, else as trimmed text or equal numbers); pairs are taken best score
    first and, among equals (columns the sample cannot tell apart, all zero say), nearest
    to the column's place in the table (the XML rows' order when those are in table order,
    else the XSD's). So a value edited in one file only does not shift its neighbours. A CSV
    may lack columns the XSD names (d_skmpnen of archive 1d01 has no ``kdlokus`` ..
    ``refrowid``): asking for one then raises. A position whose values agree with no XML
    column because a value or two was edited in one file only (in a table of two rows,
    one row is half of them) is placed by its neighbours when they agree on where it is
    and its values differ from that column's in at most a tenth of the rows (or one);
    else it is named ``kolom_N``. Both are
    noted in ``notes`` (variant of READ_ADK_KOLOM, arguments), so nothing is lost
    silently. Without XML rows the XSD order is used and extra CSV fields are named
    ``kolom_N``.
    """
    width = len(first[0])
    if not sample:
        if width < len(kolom):
            raise InputError(
                N_("{lebar} columns, the XSD schema names {skema} (columns missing?)"),
                file=origin,
                line=line,
                lebar=width,
                skema=len(kolom),
            )
        return kolom + [f"kolom_{i + 1}" for i in range(len(kolom), width)]
    n = min(len(sample), len(first))
    xml_order = [tag for tag, _ in sample[0]]
    table_order = xml_order != sorted(xml_order)
    known = set(kolom)
    order = xml_order if table_order else kolom + [t for t in xml_order if t not in known]
    place = {name: i for i, name in enumerate(order)}
    rows = [dict(r) for r in sample[:n]]
    xml_cols = {tag: [row.get(tag, "") for row in rows] for tag in order}
    csv_cols = [[first[r][p] for r in range(n)] for p in range(width)]
    seen: dict[str, str] = {}  # value -> _loose(value): the same values recur in every column

    def loose_all(values: list[str]) -> tuple[str, ...]:
        out = []
        for v in values:
            lv = seen.get(v)
            if lv is None:
                lv = seen[v] = _loose(v)
            out.append(lv)
        return tuple(out)

    exact: dict[tuple[str, ...], list[str]] = {}
    loose: dict[tuple[str, ...], list[str]] = {}
    for tag, values in xml_cols.items():
        exact.setdefault(tuple(values), []).append(tag)
        loose.setdefault(loose_all(values), []).append(tag)
    pairs: list[tuple[int, int, int, str]] = []  # (-score, distance, position, column)
    unexplained = []
    for p, values in enumerate(csv_cols):
        full = exact.get(tuple(values)) or loose.get(loose_all(values))
        if full:
            pairs.extend((-n, abs(place[c] - p), p, c) for c in full)
        else:
            unexplained.append(p)
    for p in unexplained:  # agreement row by row: a value edited in one file only
        values = csv_cols[p]
        for tag, xml_values in xml_cols.items():
            score = sum(
                1 for a, b in zip(values, xml_values, strict=True) if a == b or _loose(a) == _loose(b)
            )
            if score * 2 > n:
                pairs.append((-score, abs(place[tag] - p), p, tag))
    chosen: dict[int, str] = {}
    used: set[str] = set()
    for _, _, p, c in sorted(pairs):
        if p not in chosen and c not in used:
            chosen[p] = c
            used.add(c)
    for p in range(width):  # placed by position, when both neighbours agree where it is
        if p in chosen:
            continue
        guess = _by_position(p, chosen, order, place)
        differ = (
            n
            if guess is None or guess in used
            else sum(
                1
                for a, b in zip(csv_cols[p], xml_cols[guess], strict=True)
                if a != b and _loose(a) != _loose(b)
            )
        )
        if guess is not None and differ <= max(1, n // 10):  # a value or two edited in one file only
            chosen[p] = guess
            used.add(guess)
            notes.append(("", {"kolom": guess, "posisi": p + 1, "beda": differ, "sampel": n}))
        else:
            example = next((v for v in csv_cols[p] if v.strip()), "")
            notes.append(("tidak_dikenal", {"posisi": p + 1, "contoh": example[:40]}))
    return [chosen.get(p, f"kolom_{p + 1}") for p in range(width)]


def _by_position(p: int, chosen: dict[int, str], order: list[str], place: dict[str, int]) -> str | None:
    """The column at CSV position ``p`` told by its nearest placed neighbours: when the one
    before and the one after are both at the same distance from their own place in the
    table, ``p`` is taken to be at that distance too (a CSV may lack a column, shifting
    the rest by one)."""
    left = next((q for q in range(p - 1, -1, -1) if q in chosen), None)
    right = next((q for q in range(p + 1, max(chosen, default=p) + 1) if q in chosen), None)
    shifts = {place[chosen[q]] - q for q in (left, right) if q is not None}
    if len(shifts) != 1:
        return None
    at = p + shifts.pop()
    return order[at] if 0 <= at < len(order) else None


def read_table(
    nama: str,
    csv_bytes: bytes | None,
    xml_bytes: bytes,
    origin_csv: str,
    origin_xml: str,
    *,
    xml_count: int | None = None,
) -> Table:
    """Read one table from its CSV (or, when there is none, the rows of its XML).

    ``xml_count`` is the number of rows of the XML when ``xml_bytes`` holds only its
    start (:class:`XmlHead`: the schema and the rows the columns are mapped by).

    Raises InputError naming the file and line on anything that does not fit: a row with
    another field count than the first, an unterminated ``^`` quote, bytes that are not
    UTF-8, a CSV whose row count differs from its XML's. CSV positions no XML column
    explains are kept as ``kolom_N`` (see ``_columns_by_evidence``).
    """
    xml = _decode(xml_bytes, origin_xml)
    row_element, kolom = parse_xsd(xml, origin_xml)
    if csv_bytes is None:
        return _table_from_xml(nama, xml, row_element, kolom, origin_xml)
    # Visual FoxPro may end a file with the DOS end-of-file byte (Ctrl-Z)
    text = _decode(csv_bytes, origin_csv).rstrip("\x1a")
    pemisah = separator(text)
    rows, lines = _csv_rows(text, pemisah, origin_csv)
    del text
    _same_count(len(rows), xml, row_element, origin_csv, xml_count)
    skema = tuple(kolom)
    if not rows:
        return Table(nama, origin_csv, kolom, rows, lines, skema)
    sample = xml_rows(xml, row_element, origin_xml, _SAMPLE)
    notes: list[tuple[str, dict[str, Any]]] = []
    before = [list(row) for row in rows] if pemisah != "|" else []
    if pemisah != "|":
        _spreadsheet_numbers(rows, lines, pemisah, origin_csv)
    if pemisah != "|":
        # the codes' leading zeros back first, by the columns the values tell, so that the
        # columns are then placed as in a table SAKTI wrote
        guess = _columns_by_evidence(kolom, sample, rows, origin_csv, lines[0], [])
        _as_in_xml(rows, guess, sample)
        angka = sum(1 for a, b in zip(before, rows, strict=True) for x, y in zip(a, b, strict=True) if x != y)
        nol = _leading_zeros(rows, guess, sample, _string_widths(xml))
        notes.append(("disimpan_ulang", {"pemisah": pemisah, "angka": angka, "nol": nol}))
    columns = _columns_by_evidence(kolom, sample, rows, origin_csv, lines[0], notes)
    return Table(nama, origin_csv, columns, rows, lines, skema, notes)


def _same_count(n: int, xml: str, row_element: str, origin_csv: str, xml_count: int | None) -> None:
    """Raise InputError when the CSV's ``n`` rows are not the XML's (``xml_count``, else
    counted in ``xml``)."""
    in_xml = xml.count(f"<{row_element}>", xml.find(_SCHEMA_END)) if xml_count is None else xml_count
    if in_xml != n:
        raise InputError(
            N_(
                "{csv} rows in the CSV, {xml} rows <{elemen}> in the XML (one of them cut short or replaced?)"
            ),
            file=origin_csv,
            expected=N_("the same rows in the .csv and the .xml, as SAKTI writes them"),
            csv=n,
            xml=in_xml,
            elemen=row_element,
        )


def _blank(row: list[str]) -> bool:
    """Whether a parsed row is a blank line (skipped, as :func:`_csv_records` skips it)."""
    return not row or (len(row) == 1 and not row[0].strip())


@dataclass(slots=True)
class GroupedTable:
    """The rows of one ADK table grouped by a column's value (``kdsatker``: each satker's
    rows together, in file order) without a Python object per cell or row: the CSV's
    bytes are held once (``data``) with, per group, each row's line and where its bytes
    start and end. :meth:`table` parses one group's rows again into a :class:`Table`. A
    table read otherwise (from its XML, or saved again by a spreadsheet program) holds its
    rows as lists (``data`` None). ``length`` is the number of rows."""

    nama: str
    origin: str
    kolom: list[str]
    skema: tuple[str, ...]
    notes: list[tuple[str, dict[str, Any]]]
    by: str
    data: bytes | None = None
    #: value of ``by`` (trailing blanks dropped, as codes are read) -> (lines, starts, ends)
    groups: dict[str, tuple[array[int], array[int], array[int]]] = field(default_factory=dict)
    #: value of ``by`` -> (lines, rows), for a table whose rows are lists
    lists: dict[str, tuple[list[int], list[list[str]]]] = field(default_factory=dict)
    length: int = 0
    #: whether the rows could not be grouped: the table lacks the column ``by``
    ungrouped: bool = False

    def __len__(self) -> int:
        return self.length

    def keys(self) -> list[str]:
        """The values of ``by``, in the order their first rows come."""
        return list(self.groups or self.lists)

    def firsts(self) -> Iterator[tuple[str, list[str]]]:
        """Each value of ``by`` with the first row that has it, in that order."""
        for key in self.keys():
            yield key, self._rows(key, first=True)[0]

    def empty(self) -> Table:
        """The table without rows (its columns, to ask for them)."""
        return Table(self.nama, self.origin, self.kolom, [], [], self.skema, self.notes)

    def table(self, key: str) -> Table:
        """The rows whose ``by`` is ``key`` (none: an empty table) with their lines. Raises
        InputError when the table has rows but not the column ``by``."""
        if self.ungrouped:
            raise _missing(self.nama, self.origin, self.skema, self.by)
        if key in self.lists:
            lines, rows = self.lists[key]
            return Table(self.nama, self.origin, self.kolom, rows, list(lines), self.skema, self.notes)
        if key not in self.groups:
            return self.empty()
        rows = self._rows(key)
        return Table(
            self.nama, self.origin, self.kolom, rows, list(self.groups[key][0]), self.skema, self.notes
        )

    def _rows(self, key: str, first: bool = False) -> list[list[str]]:
        if key in self.lists:
            return self.lists[key][1]
        assert self.data is not None
        _, starts, ends = self.groups[key]
        n = 1 if first else len(starts)
        rows: list[list[str]] = []
        i = 0
        while i < n:  # the rows that follow each other in the file, parsed together
            j = i
            while j + 1 < n and starts[j + 1] == ends[j]:
                j += 1
            text = self.data[starts[i] : ends[j]].decode("utf-8")
            reader = csv.reader(io.StringIO(text, newline=""), delimiter="|", quotechar="^", strict=True)
            rows.extend(row for row in reader if not _blank(row))
            i = j + 1
        assert len(rows) == n, (self.nama, key)
        return rows

    @classmethod
    def of(cls, table: Table, by: str) -> GroupedTable:
        """``table`` (its rows as lists) grouped by the column ``by``."""
        out = cls(table.nama, table.origin, table.kolom, table.skema, table.notes, by, length=len(table))
        if not table.rows:
            return out
        if by not in table.kolom:
            out.ungrouped = True
            return out
        pos = table.kolom.index(by)
        for line, row in zip(table.lines, table.rows, strict=True):
            group = out.lists.setdefault(row[pos].rstrip(), ([], []))
            group[0].append(line)
            group[1].append(row)
        return out


def read_grouped(
    nama: str,
    csv_bytes: bytes | None,
    xml_bytes: bytes,
    origin_csv: str,
    origin_xml: str,
    *,
    by: str = "kdsatker",
    xml_count: int | None = None,
    xml_error: InputError | None = None,
) -> GroupedTable:
    """:func:`read_table`, the rows grouped by the column ``by`` (see
    :class:`GroupedTable`): the same checks, the same errors and columns; of the rows only
    where each starts and ends is kept (and the first ones, which map the columns, until
    they have). ``xml_count`` and ``xml_error`` come with an XML of which only the start
    is given (:class:`XmlHead`)."""
    xml = _decode(xml_bytes, origin_xml)
    if xml_error is not None:  # past the start: after any fault of the start
        raise xml_error
    row_element, kolom = parse_xsd(xml, origin_xml)
    if csv_bytes is None:
        return GroupedTable.of(_table_from_xml(nama, xml, row_element, kolom, origin_xml), by)
    _check_utf8(csv_bytes, origin_csv)
    # Visual FoxPro may end a file with the DOS end-of-file byte (Ctrl-Z)
    end = len(csv_bytes)
    while end and csv_bytes[end - 1] == 0x1A:
        end -= 1
    data = csv_bytes if end == len(csv_bytes) else csv_bytes[:end]
    if separator(_head_text(data)) != "|":  # saved again by a spreadsheet program
        table = read_table(nama, csv_bytes, xml_bytes, origin_csv, origin_xml, xml_count=xml_count)
        return GroupedTable.of(table, by)
    out = GroupedTable(nama, origin_csv, kolom, tuple(kolom), [], by, data)
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    pos = bom

    def lines() -> Iterator[str]:  # the text decoded as it is parsed, its place in bytes followed
        nonlocal pos
        for line in io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline=""):
            pos += len(line) if line.isascii() else len(line.encode("utf-8"))
            yield line

    first: list[list[str]] = []  # the rows that map the columns, with their places
    places: list[tuple[int, int, int]] = []
    mapped: tuple[list[str], list[tuple[str, dict[str, Any]]]] | None = None
    early = False  # whether the columns were mapped before all rows were read
    at = -1  # the column ``by``, once the columns are mapped
    groups = out.groups
    done = bom
    n = 0
    for row, line in _csv_records(lines(), "|", origin_csv):
        start, done = done, pos
        n += 1
        if not early:
            first.append(row)
            places.append((line, start, done))
            if len(first) < _SAMPLE:
                continue
            # as soon as the rows that map the columns are read: the rows so far placed
            early = True
            mapped = _map(kolom, xml, row_element, origin_xml, first, origin_csv, places[0][0], quiet=True)
            at = mapped[0].index(by) if mapped is not None and by in mapped[0] else -1
            if at >= 0:
                for r, place in zip(first, places, strict=True):
                    _place(groups, r[at].rstrip(), place)
            continue
        if at >= 0:
            _place(groups, row[at].rstrip(), (line, start, done))
    _same_count(n, xml, row_element, origin_csv, xml_count)
    out.length = n
    if not n:
        return out
    if mapped is None:  # fewer rows than map the columns (or mapping them failed: it fails again here)
        mapped = _map(kolom, xml, row_element, origin_xml, first, origin_csv, places[0][0])
        assert mapped is not None
        if not early and by in mapped[0]:
            at = mapped[0].index(by)
            for r, place in zip(first, places, strict=True):
                _place(groups, r[at].rstrip(), place)
    out.kolom, out.notes = mapped
    out.ungrouped = by not in out.kolom
    return out


def _map(
    kolom: list[str],
    xml: str,
    row_element: str,
    origin_xml: str,
    first: list[list[str]],
    origin_csv: str,
    line: int,
    quiet: bool = False,
) -> tuple[list[str], list[tuple[str, dict[str, Any]]]] | None:
    """The columns mapped by the XML's first rows and the CSV's ``first`` rows
    (:func:`_columns_by_evidence`), with their notes; ``quiet``: None when that raises (it
    is raised when :func:`read_table` would, once the rows are counted)."""
    notes: list[tuple[str, dict[str, Any]]] = []
    try:
        sample = xml_rows(xml, row_element, origin_xml, _SAMPLE)
        return _columns_by_evidence(kolom, sample, first, origin_csv, line, notes), notes
    except InputError:
        if quiet:
            return None
        raise


def _place(
    groups: dict[str, tuple[array[int], array[int], array[int]]], key: str, place: tuple[int, int, int]
) -> None:
    group = groups.get(key)
    if group is None:
        group = groups[key] = (array("l"), array("q"), array("q"))
    group[0].append(place[0])
    group[1].append(place[1])
    group[2].append(place[2])


class XmlHead:
    """What :func:`read_table` needs of a table's ``.xml`` beside its CSV, taken block by
    block as the archive is unpacked: the start kept (the schema and the first rows, which
    map the columns), the rest only counted (its rows) and checked (UTF-8), so an XML
    several times the size of its CSV is never held whole. Anything unusual before the
    start is complete (no schema, a schema that cannot be read, bytes that are not UTF-8)
    keeps the whole file, for :func:`read_table` to say what is wrong as it always has.

    After :meth:`close`: ``data`` (the start, or the whole file), ``count`` (the rows of
    the whole file when ``data`` is only its start, else None) and ``error`` (bytes that
    are not UTF-8 past the start, raised when the table is read)."""

    def __init__(self, origin: str, sample: int = _SAMPLE) -> None:
        self.origin = origin
        self.sample = sample
        self.data = bytearray()
        self.count: int | None = None
        self.error: InputError | None = None
        self._whole = False  # keep everything
        self._schema_end = -1
        self._open = self._close = b""
        self._pos = 0  # where the next row is looked for
        self._scan = 0  # where the current search goes on from (so no byte is searched twice)
        self._start = -1  # the row being completed
        self._rows = 0
        self._cut = False
        self._tail = b""
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._fed = 0  # bytes past the start given to the decoder
        self._newlines = 0

    def feed(self, block: bytes) -> None:
        if self._cut:
            self._rest(block)
            return
        self.data += block
        if not self._whole:
            self._advance()

    def _advance(self) -> None:
        data = self.data
        end_tag = _SCHEMA_END.encode()
        if self._schema_end < 0:
            at = data.find(end_tag, self._scan)
            if at < 0:
                self._scan = max(0, len(data) - len(end_tag) + 1)
                return
            self._schema_end = at
            try:
                row_element, _ = parse_xsd(bytes(data[: at + len(end_tag)]).decode("utf-8-sig"), self.origin)
            except (InputError, UnicodeDecodeError):
                self._whole = True
                return
            self._open, self._close = f"<{row_element}>".encode(), f"</{row_element}>".encode()
            self._pos = self._scan = at
        while self._rows < self.sample:  # the rows xml_rows takes, found as it finds them
            if self._start < 0:
                start = data.find(self._open, self._scan)
                if start < 0:
                    self._scan = max(self._pos, len(data) - len(self._open) + 1)
                    return
                self._start = self._scan = start
            end = data.find(self._close, self._scan)
            if end < 0:
                self._scan = max(self._start, len(data) - len(self._close) + 1)
                return
            self._pos = self._scan = end + len(self._close)
            self._start = -1
            self._rows += 1
        cut = self._pos
        rest = bytes(data[cut:])
        del data[cut:]
        self._cut = True
        self.count = data.count(self._open, self._schema_end)
        self._newlines = data.count(b"\n")
        self._rest(rest)

    def _rest(self, block: bytes) -> None:
        joined = self._tail + block
        assert self.count is not None
        self.count += joined.count(self._open)
        self._tail = joined[max(0, len(joined) - len(self._open) + 1) :]  # a tag cut between blocks
        if self.error is None:
            self._check(block, final=False)
        self._newlines += block.count(b"\n")

    def _check(self, block: bytes, final: bool) -> None:
        pending = self._decoder.getstate()[0]
        try:
            self._decoder.decode(block, final)
        except UnicodeDecodeError as e:
            seen = pending + block
            line = self._newlines + seen.count(b"\n", 0, e.start) + 1
            self.error = _not_utf8(seen[e.start], line, self.origin)
        self._fed += len(block)

    def close(self) -> None:
        """The end of the file: what was not kept is checked to its last byte."""
        if self._cut and self.error is None:
            self._check(b"", final=True)

    @property
    def whole(self) -> bool:
        """Whether ``data`` is the whole file."""
        return not self._cut


def separator(text: str) -> str:
    """The field separator of a table's text: ``|`` as SAKTI writes it; else, for a table
    saved again by a spreadsheet program, the one of ``;``, ``,`` and the tab its first
    line holds most of (``|`` when it holds none of them)."""
    first, start = "", 0
    while start < len(text) and not first.strip():  # the first line with text, not the whole text split
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        first, start = text[start:end], end + 1
    if "|" in first:
        return "|"
    counts = {s: first.count(s) for s in (";", ",", "\t")}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] else "|"


def _csv_rows(text: str, pemisah: str, origin: str) -> tuple[list[list[str]], list[int]]:
    """The rows of a table's text and their line numbers: fields separated by ``|``, texts
    quoted with ``^`` (SAKTI); or, saved again by a spreadsheet program, separated by
    ``pemisah`` and quoted with ``"`` where needed. Raises InputError naming the line of
    a row with another field count than the first, or a quote not closed."""
    rows: list[list[str]] = []
    lines: list[int] = []
    for row, line in _csv_records(text, pemisah, origin):
        rows.append(row)
        lines.append(line)
    return rows, lines


def _csv_records(text: str | Iterable[str], pemisah: str, origin: str) -> Iterator[tuple[list[str], int]]:
    """Each row of a table's text (or of its lines, split as ``io.StringIO(text,
    newline="")`` splits them) with its line number (see :func:`_csv_rows`), one at a
    time."""
    quote = "^" if pemisah == "|" else '"'
    lines = io.StringIO(text, newline="") if isinstance(text, str) else text
    reader = csv.reader(lines, delimiter=pemisah, quotechar=quote, strict=True)
    width = -1
    start = 1
    try:
        for row in reader:
            if row and not (len(row) == 1 and not row[0].strip()):
                if width < 0:
                    width = len(row)
                elif len(row) != width:
                    if pemisah != "|":
                        raise InputError(
                            N_(
                                "{n} fields separated by {pemisah!r} where the first row has {pertama}: the "
                                "table was saved again by a spreadsheet program and cannot be read back"
                            ),
                            file=origin,
                            line=start,
                            expected=N_(
                                "the table as SAKTI writes it: fields separated by '|', texts quoted with ^"
                            ),
                            n=len(row),
                            pertama=width,
                            pemisah=pemisah,
                        )
                    raise InputError(
                        N_("{n} columns (a row cut short or columns missing?)"),
                        file=origin,
                        line=start,
                        expected=N_("{pertama} columns like the first row"),
                        n=len(row),
                        pertama=width,
                    )
                yield row, start
            start = reader.line_num + 1
    except csv.Error as e:
        if "unexpected end of data" in str(e):
            raise InputError(
                N_("the file ends inside a value quoted with ^ (a file cut short?)"),
                file=origin,
                line=start,
            ) from None
        raise InputError(
            N_("{sebab} (a ^ quote not closed?)"), file=origin, line=start, sebab=str(e)
        ) from None


#: a number a spreadsheet program shortened to its exponent form (``1,97003E+17``)
_EXPONENT = re.compile(r"[0-9]+(?:[.,][0-9]+)?[eE][+-]?[0-9]+", re.ASCII)


def _spreadsheet_numbers(rows: list[list[str]], lines: list[int], pemisah: str, origin: str) -> None:
    """Write back, in place, the numbers of a table saved again by a spreadsheet program as
    Visual FoxPro writes them (``1.234.567,00`` -> ``1234567``, ``3979,30`` ->
    ``3979.3``): in each field whose every value is such a number, the decimal mark being
    the comma when the fields are separated by ``;`` (as a spreadsheet in Indonesian
    does), the point when by ``,``, and for a tab the one the values show. Raises
    InputError naming the row of a number shortened to an exponent (its digits are
    lost)."""
    width = len(rows[0]) if rows else 0
    group = {";": ".", ",": ","}.get(pemisah)  # the thousands separator, by the field separator
    if group is None:
        group = money.detect_grouping([v.strip() for row in rows for v in row if v.strip()])
    for p in range(width):
        values = [row[p].strip() for row in rows]
        for i, v in enumerate(values):
            if _EXPONENT.fullmatch(v):
                raise InputError(
                    N_(
                        "field {posisi} holds {nilai!r}, a number the spreadsheet program shortened (its "
                        "digits are lost); the table was saved again with fields separated by {pemisah!r}"
                    ),
                    file=origin,
                    line=lines[i],
                    expected=N_("the table as SAKTI writes it: fields separated by '|', texts quoted with ^"),
                    posisi=p + 1,
                    nilai=v[:40],
                    pemisah=pemisah,
                )
        numbers = [_number(v, group) if v else None for v in values]
        if not any(values) or any(n is None for n, v in zip(numbers, values, strict=True) if v):
            continue
        for row, number in zip(rows, numbers, strict=True):
            if number is not None:
                row[p] = money.format_angka(number)


def _number(text: str, group: str) -> Decimal | None:
    """A number as a spreadsheet program writes it (``1.234.567,00``, ``3979,3`` with
    ``group`` ``.``), or None."""
    try:
        return money.parse_volume(text, group)
    except ValueError:
        return None


def _xml_values(sample: list[list[tuple[str, str]]], column: str) -> list[str]:
    return [text.strip() for row in sample for tag, text in row if tag == column and text.strip()]


def _as_in_xml(rows: list[list[str]], columns: list[str], sample: list[list[tuple[str, str]]]) -> None:
    """Give the numbers of each column the decimals its XML rows show (``3979.3`` ->
    ``3979.30`` where SAKTI writes two), in place."""
    for p, column in enumerate(columns):
        xml = _xml_values(sample, column)
        if not xml or not all(_NUMBER.fullmatch(v) for v in xml):
            continue
        places = {len(v.partition(".")[2]) for v in xml}
        if len(places) != 1:
            continue
        exp = Decimal(1).scaleb(-places.pop())
        for row in rows:
            v = row[p].strip()
            if v and _NUMBER.fullmatch(v) and Decimal(v).quantize(exp) == Decimal(v):
                row[p] = str(Decimal(v).quantize(exp))


def _string_widths(xml: str) -> dict[str, int]:
    """Each text column of the inline XSD with its width (``<xsd:maxLength value="6"/>``
    of an ``xsd:string``): ``{"kdsatker": 6, ...}``."""
    start, end = xml.find("<xsd:schema"), xml.find(_SCHEMA_END)
    if start < 0 or end < 0:
        return {}
    try:
        schema = safe_xml.fromstring(xml[start : end + len(_SCHEMA_END)])
    except (ET.ParseError, DefusedXmlException):
        return {}
    widths = {}
    for element in schema.iter(f"{_XSD}element"):
        restriction = element.find(f"{_XSD}simpleType/{_XSD}restriction")
        length = restriction.find(f"{_XSD}maxLength") if restriction is not None else None
        if restriction is not None and length is not None and restriction.get("base") == "xsd:string":
            widths[element.get("name", "")] = int(length.get("value", "0") or 0)
    return widths


def _leading_zeros(
    rows: list[list[str]], columns: list[str], sample: list[list[tuple[str, str]]], widths: dict[str, int]
) -> int:
    """Give back, in place, the leading zeros a spreadsheet program takes from a code
    (``015116`` read as the number 15116, ``001`` as 1): in a text column of the XSD whose
    XML rows all fill its width (a code SAKTI pads: ``kdsatker``, ``kdsoutput``), a value
    of digits shorter than the width is filled with zeros to it. Returns how many values
    changed."""
    changed = 0
    for p, column in enumerate(columns):
        width = widths.get(column, 0)
        xml = [text for row in sample for tag, text in row if tag == column]
        if not width or not xml or any(len(v) != width for v in xml):
            continue
        for row in rows:
            v = row[p].strip()
            if v.isascii() and v.isdigit() and len(v) < width:
                row[p] = v.zfill(width)
                changed += 1
    return changed


def _table_from_xml(nama: str, xml: str, row_element: str, kolom: list[str], origin: str) -> Table:
    try:
        root = _parse(xml, origin)
    except ET.ParseError as e:
        raise InputError(N_("the XML cannot be read: {sebab}"), file=origin, sebab=str(e)) from None
    rows = []
    for element in root.iter(row_element):
        values = {child.tag: child.text or "" for child in element}
        rows.append([values.get(n, "") for n in kolom])
    return Table(nama, origin, kolom, rows, list(range(1, len(rows) + 1)), tuple(kolom))
