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

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from anggaran.core.errors import InputError

_XSD = "{http://www.w3.org/2001/XMLSchema}"
_SCHEMA_END = "</xsd:schema>"
#: rows compared between CSV and XML to map the columns
_SAMPLE = 200
#: a number as Visual FoxPro writes it: ASCII digits, an optional fraction
_NUMBER = re.compile(r"[0-9]{1,18}(?:\.[0-9]{1,8})?", re.ASCII)


def missing_column(table: Table, name: str) -> InputError:
    """The error for a column ``table`` does not have: absent from its schema, or named by
    the XSD but not found in the CSV (whose values then matched no XML column)."""
    if name in table.skema:
        return InputError(
            f"kolom {name} (dinamai skema XSD) tidak ditemukan di CSV tabel {table.nama}: "
            "kolomnya tidak ada, atau nilainya tidak cocok dengan baris XML (urutan baris "
            "berbeda? berkas diedit?)",
            file=table.origin,
            expected=".csv dan .xml dari ekspor SAKTI yang sama",
        )
    return InputError(
        f"kolom {name} tidak ada di tabel {table.nama}",
        file=table.origin,
        expected="kolom yang dinamai skema ADK SAKTI",
    )


def _decode(data: bytes, origin: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise InputError(
            f"byte 0x{data[e.start]:02x} bukan UTF-8 (arsip ADK SAKTI ditulis dalam UTF-8)",
            file=origin,
            line=line,
        ) from None


def parse_xsd(xml: str, origin: str) -> tuple[str, list[str]]:
    """The row element (``c_item``) and the column names of the inline XSD of ``xml``
    (their types are not needed: values are read by what the reader asks of them).

    Raises InputError when the XML holds no readable schema.
    """
    start = xml.find("<xsd:schema")
    end = xml.find(_SCHEMA_END)
    if start < 0 or end < 0:
        raise InputError(
            "skema XSD (xsd:schema) tidak ditemukan; diharapkan ekspor Visual FoxPro dari SAKTI", file=origin
        )
    try:
        schema = ET.fromstring(xml[start : end + len(_SCHEMA_END)])
    except ET.ParseError as e:
        line = xml.count("\n", 0, start) + e.position[0]
        raise InputError(
            f"skema XSD tidak dapat dibaca: {e.msg if hasattr(e, 'msg') else e}", file=origin, line=line
        ) from None
    elements = list(schema.iter(f"{_XSD}element"))
    if len(elements) < 3:
        raise InputError("skema XSD tidak menamai kolom apa pun", file=origin)
    row_element = elements[1].get("name", "")
    kolom = [element.get("name", "") for element in elements[2:]]
    return row_element, kolom


def xml_rows(xml: str, row_element: str, origin: str, limit: int) -> list[list[tuple[str, str]]]:
    """The first ``limit`` ``<c_table>`` rows of ``xml``, each as (element, text) pairs in
    document order (text kept verbatim: VFP pads strings with spaces)."""
    rows = []
    open_tag, close_tag = f"<{row_element}>", f"</{row_element}>"
    pos = xml.find(_SCHEMA_END)
    while len(rows) < limit:
        start = xml.find(open_tag, pos)
        if start < 0:
            break
        end = xml.find(close_tag, start)
        if end < 0:
            raise InputError(
                f"baris XML ke-{len(rows) + 1} <{row_element}> tidak ditutup (berkas terpotong?)", file=origin
            )
        pos = end + len(close_tag)
        try:
            element = ET.fromstring(xml[start:pos])
        except ET.ParseError as e:
            raise InputError(f"baris XML ke-{len(rows) + 1} tidak dapat dibaca: {e}", file=origin) from None
        rows.append([(child.tag, child.text or "") for child in element])
    return rows


def _loose(value: str) -> str:
    value = value.strip()
    try:
        return str(Decimal(value).normalize())
    except InvalidOperation:
        return value


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
        """A function giving column ``name`` of row ``i`` as a non-negative Decimal (empty
        = 0), written as VFP writes numbers: ASCII digits, an optional fraction, at most 18
        digits before the point (no sign, exponent, grouping or other scripts' digits).
        Raises InputError naming the file and row otherwise."""
        col = self.index(name)
        rows, lines, origin = self.rows, self.lines, self.origin

        def get(i: int) -> Decimal:
            text = rows[i][col].strip()
            if not text:
                return Decimal(0)
            if not _NUMBER.fullmatch(text):
                what = "negatif" if text.startswith("-") else "bukan angka"
                raise InputError(
                    f"kolom {name} berisi {text[:40]!r} ({what})",
                    file=origin,
                    line=lines[i],
                    expected="angka tanpa tanda, mis. 5181000 atau 3979.30",
                )
            return Decimal(text)

        return get

    def rupiah(self, name: str) -> Callable[[int], int]:
        """A function giving column ``name`` of row ``i`` as whole rupiah (see
        :meth:`number`); raises InputError when the value has a fraction of a rupiah."""
        num = self.number(name)
        lines, origin = self.lines, self.origin

        def get(i: int) -> int:
            value = num(i)
            if value != value.to_integral_value():
                raise InputError(
                    f"kolom {name} = {value}, diharapkan rupiah utuh", file=origin, line=lines[i]
                )
            return int(value)

        return get

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[int]:
        return iter(range(len(self.rows)))


def _columns_by_evidence(
    kolom: list[str], sample: list[list[tuple[str, str]]], first: list[list[str]], origin: str, line: int
) -> list[str]:
    """The column list that explains the CSV rows ``first`` given the XML rows ``sample``
    (the same rows of the same table: SAKTI writes both from one cursor).

    Each CSV position is scored against each XML column by the sampled rows whose values
    agree (verbatim, else as trimmed text or equal numbers); pairs are taken best score
    first and, among equals (columns the sample cannot tell apart, all zero say), nearest
    to the column's place in the table (the XML rows' order when those are in table order,
    else the XSD's). So a value edited in one file only does not shift its neighbours. A CSV
    may lack columns the XSD names (d_skmpnen of archive 1d01 has no ``kdlokus`` ..
    ``refrowid``): asking for one then raises. Without XML rows the XSD order is used and
    extra CSV fields are named ``kolom_N``; so are positions no column explains.
    """
    width = len(first[0])
    if not sample:
        if width < len(kolom):
            raise InputError(
                f"{width} kolom, skema XSD menamai {len(kolom)} (kolom hilang?)", file=origin, line=line
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
    exact: dict[tuple[str, ...], list[str]] = {}
    loose: dict[tuple[str, ...], list[str]] = {}
    for tag, values in xml_cols.items():
        exact.setdefault(tuple(values), []).append(tag)
        loose.setdefault(tuple(_loose(v) for v in values), []).append(tag)
    pairs: list[tuple[int, int, int, str]] = []  # (-score, distance, position, column)
    unexplained = []
    for p, values in enumerate(csv_cols):
        full = exact.get(tuple(values)) or loose.get(tuple(_loose(v) for v in values))
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
    return [chosen.get(p, f"kolom_{p + 1}") for p in range(width)]


def read_table(
    nama: str, csv_bytes: bytes | None, xml_bytes: bytes, origin_csv: str, origin_xml: str
) -> Table:
    """Read one table from its CSV (or, when there is none, the rows of its XML).

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
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="|", quotechar="^", strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    start = 1
    try:
        for row in reader:
            if row and not (len(row) == 1 and not row[0].strip()):
                if rows and len(row) != len(rows[0]):
                    raise InputError(
                        f"{len(row)} kolom (baris terpotong atau kolom hilang?)",
                        file=origin_csv,
                        line=start,
                        expected=f"{len(rows[0])} kolom seperti baris pertama",
                    )
                rows.append(row)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as e:
        reason = (
            "berkas berakhir di tengah nilai bertanda kutip ^ (berkas terpotong?)"
            if "unexpected end of data" in str(e)
            else f"{e} (tanda kutip ^ tidak ditutup?)"
        )
        raise InputError(reason, file=origin_csv, line=start) from None
    in_xml = xml.count(f"<{row_element}>", xml.find(_SCHEMA_END))
    if in_xml != len(rows):
        raise InputError(
            f"{len(rows)} baris di CSV, {in_xml} baris <{row_element}> di XML "
            "(salah satu terpotong atau diganti?)",
            file=origin_csv,
            expected="baris yang sama di .csv dan .xml, seperti ditulis SAKTI",
        )
    skema = tuple(kolom)
    if not rows:
        return Table(nama, origin_csv, kolom, rows, lines, skema)
    sample = xml_rows(xml, row_element, origin_xml, _SAMPLE)
    columns = _columns_by_evidence(kolom, sample, rows, origin_csv, lines[0])
    return Table(nama, origin_csv, columns, rows, lines, skema)


def _table_from_xml(nama: str, xml: str, row_element: str, kolom: list[str], origin: str) -> Table:
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as e:
        raise InputError(f"XML tidak dapat dibaca: {e}", file=origin) from None
    rows = []
    for element in root.iter(row_element):
        values = {child.tag: child.text or "" for child in element}
        rows.append([values.get(n, "") for n in kolom])
    return Table(nama, origin, kolom, rows, list(range(1, len(rows) + 1)), tuple(kolom))
