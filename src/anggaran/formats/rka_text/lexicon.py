"""The vocabulary of a Bagian A text: clean-up of markup, page furniture, labels,
indicator numbering, values and KRO names. Pure functions used by ``reader``."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from typing import Any

from babel import Locale

from anggaran.core import kode as kd
from anggaran.core.errors import InputError
from anggaran.core.findings import N_
from anggaran.core.tree import Alokasi, Keluaran

# --- text clean-up ---------------------------------------------------------------------

_TAG = re.compile(r"</?(?:b|i|u|strong|em|span|br)\b[^>]*>", re.I)
_MD_EMPHASIS = re.compile(r"\*\*|__")
_SPACES = re.compile(r"\s+")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")


_NEEDS_CLEAN = re.compile(r"[<*_&\\#]|[^\S ]| {2}")


def clean(text: str) -> str:
    """Remove Markdown/HTML emphasis and headings, unescape entities, collapse spaces."""
    if not _NEEDS_CLEAN.search(text):
        return text.strip()  # nothing to remove (most cells)
    text = _TAG.sub("", text)
    text = _MD_EMPHASIS.sub("", text)
    text = _MD_ESCAPE.sub(r"\1", html.unescape(text))
    text = text.strip()
    text = re.sub(r"^#+\s*", "", text)
    return _SPACES.sub(" ", text).strip()


def decode(data: bytes, file: str) -> str:
    """Bytes to text: UTF-16 with its BOM, UTF-8 (with or without BOM), else Windows-1252.

    Raises InputError for binary data (NUL bytes) or bytes that are neither.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(N_("broken UTF-16 text"), file=file, expected=N_("text")) from None
    if b"\x00" in data[:4096]:
        raise InputError(
            N_("a binary file, not text"),
            file=file,
            expected=N_("an RKA Satker Bagian A text (UTF-8 or Windows-1252)"),
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            N_("byte {byte} is neither UTF-8 nor Windows-1252"),
            file=file,
            line=line,
            expected=N_("text"),
            byte=f"0x{data[exc.start]:02x}",
        ) from None


# --- recognisers for the page furniture ------------------------------------------------

TITLE = [
    re.compile(r"RENCANA KERJA (?:DAN )?ANGGARAN(?: SATUAN KERJA| SATKER)?(?:\s+(?:T\.?A\.?\s*)?(\d{4}))?"),
    re.compile(r"RENCANA KINERJA SATUAN KERJA"),
    re.compile(r"TAHUN ANGGARAN\s*:?\s*(\d{4})"),
    re.compile(r"BAGIAN\s*-?\s*([ABC])"),
]
HEADER_FIELD = re.compile(
    r"(?P<label>[A-Za-z][A-Za-z0-9/ .]*?)\s*:\s*"
    r"(?:\(\s*(?P<kode>[0-9A-Za-z.]+)\s*\)|(?P<bare>\d[\d.]*)(?=\s|$))\s*(?:[-\u2013]\s+)?(?P<nama>.*)"
)
HEADER_LABELS = {
    "KEMEN/LEMB": "kementerian",
    "KEMENTERIAN/LEMBAGA": "kementerian",
    "KEMENTERIAN": "kementerian",
    "K/L": "kementerian",
    "UNIT ORG": "unit_organisasi",
    "UNIT ORGANISASI": "unit_organisasi",
    "UNIT ESELON I": "unit_organisasi",
    "ESELON I": "unit_organisasi",
    "SATUAN KERJA": "satker",
    "SATKER": "satker",
    "PROPINSI": "provinsi",
    "PROVINSI": "provinsi",
    "LOKASI": "lokasi",
    "KABUPATEN/KOTA": "lokasi",
    "KAB/KOTA": "lokasi",
    "KOTA/KABUPATEN": "lokasi",
    "KEMENTERIAN NEGARA/LEMBAGA": "kementerian",
    "BAGIAN ANGGARAN": "kementerian",
    "UNIT ORGANISASI ESELON I": "unit_organisasi",
}


def header_label(label: str) -> str | None:
    """The header field a printed label names (``"UNIT ORG."`` -> ``"unit_organisasi"``), or
    None. Case, dots, spaces around ``/`` and ``1`` for ``I`` do not matter."""
    norm = _SPACES.sub(" ", label.upper().replace(".", " ")).strip()
    norm = re.sub(r"\s*/\s*", "/", norm)
    norm = re.sub(r"\b1$", "I", norm)
    return HEADER_LABELS.get(norm)


HALAMAN = re.compile(r"(?:Halaman|HALAMAN|Hal\.?)\s*:?\s*(\d+)(?:\s*(?:dari|/)\s*\d+)?")
COLUMN_HEADER_CELLS = {
    "KODE",
    "VOLUME / SATUAN",
    "ANGKA DASAR",
    "INISIATIF BARU",
    "JUMLAH",
    "(1)",
    "(2)",
    "(3)",
    "(4)",
    "(5)",
    "(6)",
}
#: the start of a head that only a column-head line holds
COLUMN_HEADER_STARTS = ("PROGRAM/SASARAN", "ALOKASI ANGGARAN", "INDIKATOR KINERJA AKTIVITAS/KRO")
TA_IN_COLUMN_HEADER = re.compile(r"T\.?\s*A\.?\s*(\d{4})")
NIP = re.compile(r"NIP\.?\s*:?\s*([\d ]{6,}|-?)")  # "NIP -": a signatory whose NIP no table holds
#: the signatory's office, which begins a signature printed without place and date
JABATAN = re.compile(r"(?:Kuasa\s+)?Pengguna\s+Anggaran|KPA", re.I)
PLACE_DATE = re.compile(
    r"(?P<tempat>[^,\d].*?),\s*(?:(?:Senin|Selasa|Rabu|Kamis|Jum.?at|Sabtu|Minggu),?\s+)?"
    r"(?P<d>\d{1,2})\s+(?P<m>[A-Za-z]+)\.?\s+(?P<y>\d{4})",
    re.I,
)
#: a rank line (pangkat/golongan) between the signatory's name and NIP: "Pembina (IV/a)"
PANGKAT = re.compile(r"(?:.*\((?:I|II|III|IV)\s*/\s*[a-eA-E]\)|(?:Pembina|Penata|Pengatur|Juru)\b.*)")


@cache
def month_numbers() -> dict[str, int]:
    """Month names to numbers, Indonesian (from Babel's CLDR data) and English."""
    names: dict[str, int] = {}
    for locale in ("id", "en"):
        months = Locale.parse(locale).months["format"]
        for width in ("wide", "abbreviated"):
            for number, name in months[width].items():
                names[name.lower().rstrip(".")] = number
    aliases = {
        "agt": 8,
        "agust": 8,
        "agustus": 8,
        "pebruari": 2,
        "peb": 2,
        "nopember": 11,
        "nop": 11,
        "sept": 9,
        "okt": 10,
        "des": 12,
        "mei": 5,
        "jun": 6,
        "jul": 7,
    }
    names.update(aliases)
    return names


# --- labels and indicator numbering ----------------------------------------------------


class Ctx(Enum):
    """Which list the text rows feed."""

    SASARAN = "Sasaran Program"
    IKP = "Indikator Kinerja Program"
    IKK = "Indikator Kinerja Kegiatan"
    KRO = "Indikator KRO"
    RO = "Indikator RO"


_LABEL = re.compile(
    r"(?P<label>Sasaran\s+Program|Indikator\s+Kinerja\s+Program|"
    r"Indikator\s+Kinerja\s+(?:Kegiatan|Aktivitas)|Indikator\s+KRO|Indikator\s+RO)\b"
    r"(?:\s*\([A-Za-z]{2,5}\))?\s*(?P<colon>:)?",
    re.I,
)


def _label_ctx(label: str) -> Ctx:
    norm = _SPACES.sub(" ", label).lower()
    if norm.startswith("sasaran"):
        return Ctx.SASARAN
    if norm == "indikator kinerja program":
        return Ctx.IKP
    if norm.startswith("indikator kinerja"):
        return Ctx.IKK
    if norm == "indikator kro":
        return Ctx.KRO
    return Ctx.RO


def split_labels(text: str, anywhere: bool = False) -> list[tuple[Ctx | None, str]]:
    """Split a description into ``(label, text)`` pieces.

    ``"Sasaran Program : 06 A Indikator Kinerja Program : 06.01 B"`` ->
    ``[(SASARAN, "06 A"), (IKP, "06.01 B")]``. A label is recognised with its colon
    anywhere, or without one at the start of the text. Text before the first label has
    label None. With ``anywhere`` (a program, kegiatan, KRO or RO row, whose name may be
    followed by its first indicator list) a capitalised label without colon is also taken
    inside the text.
    """
    pieces: list[tuple[Ctx | None, str]] = []
    current: Ctx | None = None
    start = 0
    for m in _LABEL.finditer(text):
        if not m.group("colon") and m.start() != 0 and not (anywhere and m.group("label")[0].isupper()):
            continue
        before = text[start : m.start()].strip()
        if before or current is not None:
            pieces.append((current, before))
        current = _label_ctx(m.group("label"))
        start = m.end()
    rest = text[start:].strip()
    if rest or current is not None:
        pieces.append((current, rest))
    return pieces


def name_and_labels(text: str) -> tuple[str, list[tuple[Ctx | None, str]]]:
    """A row's name and the labelled pieces merged after it:
    ``"Dukungan Indikator Kinerja Kegiatan : 01 A"`` -> ``("Dukungan", [(IKK, "01 A")])``."""
    pieces = split_labels(text, anywhere=True)
    if pieces and pieces[0][0] is None:
        return pieces[0][1], pieces[1:]
    return "", pieces


_NUM2 = re.compile(r"(?<!\S)(\d{2})(?=\s+\S)")
_NUM_IKP = re.compile(r"(?<!\S)(\d{2}\.\d{2}|\d{2})(?=\s+\S)")


def split_numbered(text: str, ctx: Ctx, prev: str | None) -> list[tuple[str | None, str]]:
    """Split a flattened indicator paragraph into ``(number, text)`` items.

    A number at the start is always taken. Inside the text a two-digit token is taken as
    the next item's number only when it is plausible: ``01`` (a list restarting) or up to
    three past the previous number (so ``24 jam`` inside a text is not a number). In the
    IKP context ``NN.NN`` tokens are always numbers and a bare ``NN`` starts a new sasaran.
    ``prev`` is the last number of the list so far.
    """
    pattern = _NUM_IKP if ctx in (Ctx.IKP, Ctx.SASARAN) else _NUM2
    items: list[tuple[str | None, str]] = []
    number: str | None = None
    start = 0
    last = prev
    for m in pattern.finditer(text):
        token = m.group(1)
        if m.start() != 0 and not _plausible(token, last, ctx):
            continue
        if m.start() == 0:
            number = token
        else:
            items.append((number, text[start : m.start()].strip()))
            number = token
        start = m.end()
        last = token
    items.append((number, text[start:].strip()))
    return [(n, t) for n, t in items if n is not None or t]


def _plausible(token: str, last: str | None, ctx: Ctx) -> bool:
    if "." in token:
        return True
    n = int(token)
    if last is None:
        return n == 1 or ctx in (Ctx.IKP, Ctx.SASARAN)
    prev = int(last.split(".")[0]) if ctx in (Ctx.IKP, Ctx.SASARAN) else int(last[-2:])
    return n == 1 or prev < n <= prev + 3


# --- row values ------------------------------------------------------------------------

#: a volume with its satuan (``237.00 Orang``, ``237,00`` in a dot-grouped document,
#: ``1.00 layanan``); amounts (``Rp``, signs, brackets, space-grouped) are not volumes
VOLUME = re.compile(r"(?P<num>\d[\d.,]*)\s*(?P<satuan>[^\d\s].*)?")
#: a whole number grouped by three (``40,000``, ``40.000``): without a satuan, an amount
GROUPED_INTEGER = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+")
#: a bare number below 1,000 with decimals (``4.00``, ``0,5``): unless it is zero, in an
#: amount column a volume out of place rather than an amount (Bagian A amounts are
#: thousands of rupiah)
SMALL_DECIMAL = re.compile(r"\d{1,3}[.,]\d{1,2}")
KODE_AND_NAME = re.compile(
    r"(\d{3}\.\d{2}\.[A-Z]{2}|\d{4}\.[A-Z]{3}\.[0-9A-Z]{3}|\d{4}\.[A-Z]{3}|\d{4}|[0-9A-Z]{3})\s+(\S.*)"
)
#: a printed total row: ``JUMLAH``, ``JUMLAH SATKER``, ``TOTAL``
TOTAL_ROW = re.compile(r"(?:JUMLAH|TOTAL)(?: SATKER| SELURUHNYA| KESELURUHAN)?", re.I)
_KRO_LABEL = re.compile(r"\s*\[([^\]]+)\]\s*")
_KRO_LOKASI = re.compile(r"\s+(" + kd.KRO_LOKASI.pattern + r")\s+([A-Za-z][A-Za-z0-9 .,'()/-]*)$")
_KRO_LOKASI_KODE = re.compile(r"\s+(" + kd.KRO_LOKASI.pattern + r")$")


@dataclass
class RowValues:
    """The values of one table row once each cell is placed by what it holds."""

    keluaran: Keluaran | None = None
    alokasi: Alokasi | None = None
    #: (finding id, variant, its arguments): READ_VALUE_UNRECOGNISED, READ_AMOUNT_FRACTION
    problems: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    short: bool = False  # fewer than six cells: amounts right-aligned


def visible(text: str) -> str:
    """``text`` for a message, every character one cannot see written as its code point:
    ``"609 139\u00a0000"`` -> ``"609 139<U+00A0>000"``. Invisible: whitespace other than
    the space, and what Python does not print (controls, U+200B, U+FEFF ...)."""
    return "".join(ch if ch == " " or ch.isprintable() else f"<U+{ord(ch):04X}>" for ch in text)


def as_written(cell: str, raw: str) -> str:
    """The text of the line ``raw`` that :func:`clean` made into ``cell``, with its own
    spaces (``"609 139\u00a0000"`` for the cell ``"609 139 000"``); ``cell`` when the line
    does not hold it so (markup inside it)."""
    m = re.search(r"\s+".join(re.escape(word) for word in cell.split(" ")), raw)
    return m.group(0) if m else cell


def split_kro_name(name: str) -> tuple[str, list[str], str | None, str | None]:
    """``"[SBK] Fasilitas ... [Program Baru - Perubahan Kebijakan] 16.52 KOTA BALIKPAPAN"``
    -> ``("Fasilitas ...", ["SBK", "Program Baru - Perubahan Kebijakan"], "16.52",
    "KOTA BALIKPAPAN")``; ``"Komunikasi Publik 02.09"`` -> ``("Komunikasi Publik", [],
    "02.09", None)``."""
    labels = _KRO_LABEL.findall(name)
    rest = _KRO_LABEL.sub(" ", name).strip()
    lokasi = lokasi_nama = None
    m = _KRO_LOKASI.search(" " + rest)
    if m:
        lokasi, lokasi_nama = m.group(1), m.group(4).strip()
        rest = (" " + rest)[: m.start()].strip()
    else:
        m = _KRO_LOKASI_KODE.search(" " + rest)
        if m:  # the lokasi's code printed without a name (no reference names it)
            lokasi = m.group(1)
            rest = (" " + rest)[: m.start()].strip()
    return _SPACES.sub(" ", rest), [label.strip() for label in labels], lokasi, lokasi_nama
