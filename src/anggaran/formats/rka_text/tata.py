"""A Bagian A laid out on a page: words with their positions (from a PDF, or the character
columns of a text laid out with spaces, as ``pdftotext -layout`` writes it) turned into the
lines of cells that :mod:`~anggaran.formats.rka_text.reader` reads.

Nothing here assumes a page size, a font or column widths. On every page:

* the page furniture (title, the K/L ... LOKASI block, "Halaman : N") is recognised by
  what it says, wherever it stands, and passed on as text lines;
* the column heads are found by what they say (``KODE``, ``VOLUME / SATUAN``, ``ANGKA
  DASAR`` ..., and the column numbers ``(1)`` ... ``(6)`` when printed); each column's
  anchor is its head's centre; the border between two columns is the vertical rule
  between their anchors where the page rules its columns, else the gap the fewest words
  of the page's table cross (see :func:`_borders`); in a text laid out with spaces, each
  run of words is placed by what it holds (:func:`_cells_teks`);
* the table's lines are grouped into rows: by the horizontal rules where the page rules
  its rows, else by the white between lines (a wrapped cell's lines stand closer than two
  rows), else (every line equally spaced, as in a text) a line that holds only the rest
  of a description, or of a satuan, is joined to the row above;
* a description wrapped onto several lines is joined into one cell; so is a list of
  numbered indicators printed inside one cell, which the reader then splits.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from anggaran.core import money
from anggaran.formats.result import ReadResult
from anggaran.formats.rka_text.lexicon import (
    HALAMAN,
    HEADER_FIELD,
    JABATAN,
    PLACE_DATE,
    TITLE,
    TOTAL_ROW,
    header_label,
)
from anggaran.formats.rka_text.reader import Baris, read_rka_baris

KOLOM = 6  # KODE, uraian, volume/satuan, angka dasar, inisiatif baru, jumlah


@dataclass(slots=True)
class Kata:
    """A word: its text and box (points or character columns; ``top`` grows downwards)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool = False
    italic: bool = False


@dataclass
class Garis:
    """A visual line: the words side by side, left to right, and its number (the line in
    the file for a text, the line on its page for a PDF)."""

    nomor: int
    kata: list[Kata]
    top: float = field(init=False)
    bottom: float = field(init=False)
    text: str = field(init=False)

    def __post_init__(self) -> None:
        self.top = min(k.top for k in self.kata)
        self.bottom = max(k.bottom for k in self.kata)
        self.text = " ".join(k.text for k in self.kata)


@dataclass
class Halaman:
    """A page: its lines top to bottom, and the y of its horizontal rules (PDF)."""

    garis: list[Garis]
    rules: list[float] = field(default_factory=list)
    #: the sheet's number (a PDF's page); None for a text's pages, told by its furniture
    nomor: int | None = None
    #: the x of its vertical rules (PDF): where a table rules its columns, their borders
    garis_tegak: list[float] = field(default_factory=list)
    #: True for a text: every line is one line of characters, no spacing tells rows apart
    teks: bool = False


def kata_dari_teks(line: str, nomor: int) -> list[Kata]:
    """The words of a line of text laid out with spaces, by character column."""
    return [Kata(m.group(), m.start(), m.end(), nomor, nomor + 1) for m in re.finditer(r"\S+", line)]


def garis_dari_kata(kata: Iterable[Kata]) -> list[Garis]:
    """Words into visual lines: a word belongs to the line its vertical middle falls in."""
    lines: list[list[Kata]] = []
    top = bottom = 0.0
    for k in sorted(kata, key=lambda k: (k.top + k.bottom) / 2):
        mid = (k.top + k.bottom) / 2
        if lines and (top <= mid <= bottom or abs(mid - (top + bottom) / 2) < 0.35 * (bottom - top)):
            lines[-1].append(k)
            top, bottom = min(top, k.top), max(bottom, k.bottom)
            continue
        lines.append([k])
        top, bottom = k.top, k.bottom
    return [Garis(i, sorted(ws, key=lambda k: k.x0)) for i, ws in enumerate(lines, start=1)]


# --- the column heads ------------------------------------------------------------------

_NOMOR_KOLOM = re.compile(r"\(?([1-6])\)?")
_KEPALA = [
    ("KODE",),
    ("PROGRAM/", "INDIKATOR", "URAIAN"),
    ("VOLUME",),
    ("ANGKA",),
    ("INISIATIF",),
    ("JUMLAH",),
]


def _nomor_kolom(g: Garis) -> list[float] | None:
    """The anchors of the column-number line ``(1) (2) ... (6)``, or None."""
    ms = [_NOMOR_KOLOM.fullmatch(k.text) for k in g.kata]
    if len(g.kata) == KOLOM and all(ms) and [m.group(1) for m in ms if m] == list("123456"):
        return [(k.x0 + k.x1) / 2 for k in g.kata]
    return None


_KEPALA_KATA = {
    "KODE", "PROGRAM", "SASARAN", "INDIKATOR", "KINERJA", "AKTIVITAS", "KRO", "URAIAN", "VOLUME", "/",
    "SATUAN", "ANGKA", "DASAR", "INISIATIF", "BARU", "JUMLAH", "ALOKASI", "ANGGARAN", "T.A", "TA", "T.A.",
}  # fmt: skip
_KEPALA_KUAT = {"KODE", "VOLUME", "ANGKA", "INISIATIF", "ALOKASI"}
_LABEL_SAJA = re.compile(r"(?:<[bi]>)*(?:Indikator\s+KRO|Sasaran\s+Program)\s*:?(?:</[bi]>)*", re.I)


def _is_kepala(g: Garis, weak: bool = False) -> bool:
    """A line of the column heads: only their words (``KODE``, ``ALOKASI ANGGARAN T.A
    2023``, ``PROGRAM/SASARAN PROGRAM/...``, ``VOLUME / SATUAN``, ``(1)``...), at least
    one of them a head of its own (unless ``weak``: the rest of a head wrapped onto a line
    of its own, ``SATUAN DASAR BARU``), or the column numbers."""
    if _nomor_kolom(g):
        return True
    if _LABEL_SAJA.fullmatch(g.text):
        return False  # "Indikator KRO", "Sasaran Program :": a list's label at a page's top
    strong = weak
    for k in g.kata:
        word = k.text.upper()
        parts = [p for p in word.split("/") if p]
        if (
            word in _KEPALA_KUAT
            or any(p in ("AKTIVITAS", "KRO") for p in parts)
            or word.startswith("PROGRAM/")
        ):
            strong = True
        if not (
            word in _KEPALA_KATA
            or re.fullmatch(r"\d{4}|\(\d\)", word)
            or ("/" in word and all(p.isalpha() for p in parts))  # any case: "Program/Sasaran"
        ):
            return False
    return strong


def _anchors(kepala: list[Garis]) -> list[float] | None:
    """Each column's anchor: the column numbers' centres, else the heads' centres."""
    for g in kepala:
        anchors = _nomor_kolom(g)
        if anchors:
            return anchors
    found: list[float | None] = [None] * KOLOM
    for i, starts in enumerate(_KEPALA):
        for g in kepala:
            ks = g.kata
            for j, k in enumerate(ks):
                if k.text.upper().startswith(starts):
                    # a head of several words: take the words up to the next wide gap
                    end = j
                    gap = max(1.0, (k.bottom - k.top))
                    while end + 1 < len(ks) and ks[end + 1].x0 - ks[end].x1 < gap and i != 0:
                        end += 1
                    found[i] = (k.x0 + ks[end].x1) / 2
                    break
            if found[i] is not None:
                break
    if found[0] is None or found[5] is None:
        return None
    # a missing head between two found ones: halfway
    for i in range(KOLOM):
        if found[i] is None:
            left = next((found[j] for j in range(i - 1, -1, -1) if found[j] is not None), None)
            right = next((found[j] for j in range(i + 1, KOLOM) if found[j] is not None), None)
            if left is None or right is None:
                return None
            found[i] = (left + right) / 2
    anchors = [a for a in found if a is not None]
    return anchors if anchors == sorted(anchors) else None


def _borders(anchors: list[float], body: list[Garis], vertical: list[float] | None = None) -> list[float]:
    """The border between each two columns: a vertical rule between their anchors where the
    page rules its columns, else the gap between them that the fewest of the body's words
    cross; of those, one wider than the space between two words; then the one where most
    words start at its right edge (a left-aligned column's texts) or end at its left edge
    (a right-aligned column's amounts); then the widest. (A column wider than its texts
    leaves a wider gap inside it than before it.)"""
    spans = [(k.x0, k.x1) for g in body for k in g.kata]
    starts = sorted(x0 for x0, _ in spans)
    ends = sorted(x1 for _, x1 in spans)
    height = sorted(k.bottom - k.top for g in body for k in g.kata)
    tol = 0.15 * height[len(height) // 2] if height else 1.0
    gutter = 0.45 * height[len(height) // 2] if height else 1.0  # wider than a space between words

    def crossing(x: float) -> int:
        return bisect.bisect_left(starts, x) - bisect.bisect_right(ends, x)

    def aligned(a: float, b: float) -> int:
        return (bisect.bisect_right(starts, b + tol) - bisect.bisect_left(starts, b - tol)) + (
            bisect.bisect_right(ends, a + tol) - bisect.bisect_left(ends, a - tol)
        )

    borders = []
    for left, right in zip(anchors, anchors[1:], strict=False):
        rules = [x for x in vertical or () if left < x < right]
        if rules:
            borders.append(min(rules, key=lambda x: (crossing(x), abs(x - (left + right) / 2))))
            continue
        points = sorted({left, right, *(x for sp in spans for x in sp if left < x < right)})
        best: tuple[int, bool, int, float, float] | None = None
        for a, b in zip(points, points[1:], strict=False):
            mid = (a + b) / 2
            key = (crossing(mid), b - a < gutter, -aligned(a, b), -(b - a), mid)
            if best is None or key[:4] < best[:4]:
                best = key
        borders.append(best[4] if best else (left + right) / 2)
    return borders


def _cells(g: Garis, borders: list[float]) -> list[list[Kata]]:
    cells: list[list[Kata]] = [[] for _ in range(KOLOM)]
    for k in g.kata:
        col = 0
        while col < len(borders) and k.x0 >= borders[col]:
            col += 1
        if col < len(borders) and k.x1 > borders[col]:
            # across a border: the column holding most of it
            if borders[col] - k.x0 < k.x1 - borders[col]:
                col += 1
        cells[col].append(k)
    return cells


#: an amount beyond doubt: grouped by thousands, or of four digits and more
_AMOUNT_GROUPED = re.compile(
    r"(?:Rp\.?)?[-(\u2212]?(?:\d{1,3}(?:[.,\u00a0\u2009\u202f]\d{3})+(?:[.,]\d{2})?|\d{4,})\)?"
)
_VOLUME = re.compile(r"\d[\d.,]*\s+[^\d\s].*")
#: a code in the KODE column: program, kegiatan, KRO, RO (also ``5252.BDC.U02``), indicator
_KODE = re.compile(
    r"\d{3}\.\d{2}\.[A-Z]{2}|\d{4}(?:\.[A-Z]{3}(?:\.[0-9A-Z]{3})?)?|[0-9A-Z]{3}|\d{2}(?:\.\d{2})?"
)
_NOMOR_AWAL = re.compile(r"\d{2}(?:\.\d{2})?")


def _runs(g: Garis) -> list[list[Kata]]:
    """A text line's runs: words one space apart (a column's text), parted by two or more."""
    runs: list[list[Kata]] = []
    for k in g.kata:
        gap = k.x0 - runs[-1][-1].x1 if runs else 0
        if runs and (gap <= 1 or (k.text in ("-", "\u2013") and gap <= 3)):
            runs[-1].append(k)  # (a dash a few spaces off ends the text before it)
        else:
            runs.append([k])
    # the amounts at the end of a line are each a cell of its own, one space apart or more
    # (with the "Rp" written before one)
    amounts: list[list[Kata]] = []
    while runs and _AMOUNT_GROUPED.fullmatch(runs[-1][-1].text):
        last = runs[-1]
        amount = [last.pop()]
        if not last and len(runs) > 1 and runs[-2][-1].text in ("Rp", "Rp."):
            runs.pop()
            last = runs[-1]
        if last and last[-1].text in ("Rp", "Rp."):
            amount.insert(0, last.pop())
        if not last:
            runs.pop()
        amounts.insert(0, amount)
    runs.extend(amounts)
    return runs


def _run_text(run: list[Kata]) -> str:
    return " ".join(k.text for k in run)


def _volume_left(body: list[Garis]) -> float | None:
    """Where a text page's volume column begins: the leftmost run that is a volume with
    its satuan (``1.00 layanan``), or a number with two decimals (its satuan wrapped
    below), and not the line's first run."""
    starts = [
        run[0].x0
        for g in body
        for run in _runs(g)[1:]
        if _VOLUME.fullmatch(_run_text(run)) or re.fullmatch(r"\d+[.,]\d{2}", _run_text(run))
    ]
    return min(starts) if starts else None


def _split_at_volume(runs: list[list[Kata]], volume_left: float | None) -> list[list[Kata]]:
    """Runs split where the volume column begins: a description one space from the volume
    after it (``Pelayanan Publik Lainnya 1.00 layanan``), or from the rest of a satuan
    standing where the volumes start."""
    if volume_left is None:
        return runs
    out: list[list[Kata]] = []
    for run in runs:
        starts_left = run[0].x0 < volume_left - 1
        # a volume as SAKTI prints it (two decimals) and its satuan end the run, after two
        # words of description at least
        cut = next(
            (
                j
                for j, k in enumerate(run)
                if j >= 2
                and starts_left
                and re.fullmatch(r"\d+[.,]\d{2}", k.text)
                and j + 1 < len(run)
                and not (run[j + 1].text.isupper() and len(run[j + 1].text) > 2)  # "16.52 KOTA": a lokasi
                and not any(ch.isdigit() for w in run[j + 1 :] for ch in w.text)
            ),
            None,
        )
        if cut is None:
            cut = next(
                (
                    j
                    for j, k in enumerate(run)
                    if j > 0
                    and starts_left
                    and (
                        (k.x0 >= volume_left - 1 and re.fullmatch(r"\d+(?:[.,]\d+)?", k.text))
                        or (abs(k.x0 - volume_left) <= 1 and not any(ch.isdigit() for ch in k.text))
                    )
                ),
                None,
            )
        if cut is None:
            out.append(run)
        else:
            out.extend((run[:cut], run[cut:]))
    return out


def _cells_teks(g: Garis, anchors: list[float], volume_left: float | None, left: float) -> list[list[Kata]]:
    """A text line's cells by what each run holds (a text laid out with spaces crowds its
    columns, so that a description may reach past the head of the next): a code first,
    the amounts last (each to the amount column whose head is nearest), a volume with its
    satuan, or the rest of a satuan under it, in the volume column, and the rest is the
    description."""
    cells: list[list[Kata]] = [[] for _ in range(KOLOM)]
    runs = _runs(g)
    tail = len(runs)
    while (
        tail > 0
        and money.looks_like_amount(_run_text(runs[tail - 1]))
        and runs[tail - 1][-1].x1 >= anchors[3] - 1
    ):
        tail -= 1  # (amounts end right of the first amount head: not a "-" in a text, nor a volume)
    # the amounts from the right: the last is JUMLAH; each other one goes to the nearest
    # amount head left of the one after it
    limit = KOLOM
    for run in reversed(runs[tail:]):
        mid = (run[0].x0 + run[-1].x1) / 2
        if limit == KOLOM:
            col = KOLOM - 1
        elif limit > 3:
            col = min(range(3, limit), key=lambda c: abs(anchors[c] - mid))
        else:
            col = 3  # more amounts than columns: the reader reports the cell
        cells[col][:0] = run
        limit = max(col, 4)
    for i, run in enumerate(_split_at_volume(runs[:tail], volume_left)):
        if (
            i == 0
            and run[0].x0 <= left + 1
            and _KODE.fullmatch(run[0].text)
            and (len(run) > 1 or len(runs) > 1)
        ):
            cells[0].append(run[0])  # a code at the table's left edge
            run = run[1:]
            if not run:
                continue
        text = _run_text(run)
        at_volume = volume_left is not None and run[0].x0 >= volume_left - 1
        if _VOLUME.fullmatch(text) and (i > 0 or cells[0] or at_volume):
            cells[2].extend(run)
        elif at_volume and re.fullmatch(r"\d[\d.,]*", text):
            cells[2].extend(run)  # a volume whose satuan is on the lines below
        elif at_volume and not any(ch.isdigit() for ch in text):
            cells[2].extend(run)  # the rest of a satuan
        else:
            cells[1].extend(run)
    return cells


def _text(words: list[Kata]) -> str:
    """A cell's words as text, bold and italic marked as the text form marks them
    (``<b>``, ``<i>``); a word broken at its hyphen onto the next line (``Pasca-`` /
    ``Rehabilitasi``) joined again."""
    runs: list[tuple[tuple[bool, bool], list[str]]] = []
    previous: Kata | None = None
    for k in words:
        style = (k.bold, k.italic)
        broken = (
            previous is not None
            and k.top >= previous.bottom - 0.1 * (previous.bottom - previous.top)
            and len(previous.text) > 1
            and previous.text.endswith("-")
            and previous.text[-2].isalpha()
            and k.text[:1].isalpha()
        )
        previous = k
        if runs and runs[-1][0] == style:
            if broken:
                runs[-1][1][-1] += k.text
            else:
                runs[-1][1].append(k.text)
        else:
            runs.append((style, [k.text]))
    out = []
    for (bold, italic), texts in runs:
        text = " ".join(texts)
        if italic:
            text = f"<i>{text}</i>"
        if bold:
            text = f"<b>{text}</b>"
        out.append(text)
    return " ".join(out)


# --- furniture -------------------------------------------------------------------------

_HALAMAN_DI_AKHIR = re.compile(
    r"(?P<a>.*\S)\s+(?P<h>(?:Halaman|HALAMAN|Hal\.?)\s*:?\s*\d+(?:\s*(?:dari|/)\s*\d+)?)"
)


def _furniture(text: str) -> list[str] | None:
    """The text line(s) of a furniture line (``LOKASI : (52) KOTA ...  Halaman : 2`` is
    two), or None when the line is not furniture."""
    m = _HALAMAN_DI_AKHIR.fullmatch(text)
    if m and _furniture(m.group("a")):
        return [m.group("a"), m.group("h")]
    upper = text.upper()
    if any(p.fullmatch(upper) for p in TITLE) or HALAMAN.fullmatch(text):
        return [text]
    hm = HEADER_FIELD.fullmatch(text)
    if hm and header_label(hm.group("label")):
        return [text]
    return None


# --- rows ------------------------------------------------------------------------------


@dataclass
class _Row:
    nomor: int
    cells: list[list[Kata]]
    bottom: float

    def join(self, cells: list[list[Kata]], bottom: float) -> None:
        for i, words in enumerate(cells):
            self.cells[i].extend(words)
        self.bottom = max(self.bottom, bottom)


def _has(cells: list[list[Kata]], *cols: int) -> bool:
    return any(cells[c] for c in cols)


_LABEL_AWAL = re.compile(r"(?:<b>)?(?:Sasaran\s+Program|Indikator\s+(?:Kinerja|KRO|RO)\b)", re.I)


def _continues(cells: list[list[Kata]], row: _Row) -> bool:
    """Whether a line of an evenly spaced table continues the row above: no code and no
    amount, and either only description (a wrapped name or indicator list) or the rest of
    a satuan under a volume."""
    if cells[0]:
        return False
    if _has(cells, 3, 4, 5):
        # values centred in a tall row, on a line below its code
        text = " ".join(k.text for k in cells[1])
        return bool(row.cells[0]) and not _has(row.cells, 3, 4, 5) and not TOTAL_ROW.fullmatch(text)
    if cells[2]:
        satuan = " ".join(k.text for k in cells[2])
        if _VOLUME.fullmatch(satuan):
            return not cells[1] and bool(row.cells[0]) and not row.cells[2]  # a centred volume
        return bool(row.cells[2]) and not any(ch.isdigit() for ch in satuan)
    first = cells[1][0].text if cells[1] else ""
    text = " ".join(k.text for k in cells[1])
    if PLACE_DATE.match(text) or _LABEL_AWAL.match(text):
        return False  # a signature, or a list's label: a row of its own
    return bool(cells[1]) and bool(row.cells[1]) and not _NOMOR_AWAL.fullmatch(first)


def _rows(body: list[Garis], borders: list[float], anchors: list[float], page: Halaman) -> list[_Row]:
    rules = sorted(r for r in page.rules if body and body[0].top - 2 <= r <= body[-1].bottom + 2)
    volume_left = _volume_left(body) if page.teks else None
    left = min((g.kata[0].x0 for g in body), default=0.0)
    all_cells = [
        _cells_teks(g, anchors, volume_left, left) if page.teks else _cells(g, borders) for g in body
    ]
    # the white between two lines: about none between a wrapped cell's lines (or less:
    # columns whose cells are centred interleave their lines), a cell's padding between
    # two rows, told by the white above the lines that start with a code
    heights = sorted(g.bottom - g.top for g in body)
    height = heights[len(heights) // 2] if heights else 0.0
    above = sorted(
        b.top - a.bottom
        for a, b, cells in zip(body, body[1:], all_cells[1:], strict=False)
        if cells[0] and b.top - a.bottom > 0
    )
    padding = above[(3 * len(above)) // 4] if above else 0.0
    white = 0.6 * padding
    spaced = not page.teks and padding > 0.15 * height

    def ruled(a: Garis, b: Garis) -> bool:
        return any((a.top + a.bottom) / 2 < r < (b.top + b.bottom) / 2 for r in rules)

    # rules between rows (not only round the table): each two rows with a code apart
    coded = [g for g, cells in zip(body, all_cells, strict=True) if cells[0]]
    pairs = list(zip(coded, coded[1:], strict=False))
    row_rules = len(rules) >= 2 and bool(pairs) and sum(ruled(a, b) for a, b in pairs) >= 0.8 * len(pairs)
    rows: list[_Row] = []
    previous: Garis | None = None
    for g, cells in zip(body, all_cells, strict=True):
        row = rows[-1] if rows else None
        same = False
        if row is not None and previous is not None:
            if row_rules:  # a cell's lines, whatever their alignment, stand between two rules
                same = not ruled(previous, g)
            elif spaced:  # a cell's lines stand closer than two rows
                same = g.top - row.bottom <= white
            else:
                same = not cells[0] and _continues(cells, row)
        if same and row is not None:
            row.join(cells, g.bottom)
        else:
            rows.append(_Row(g.nomor, cells, g.bottom))
        previous = g
    return rows


# --- the pages to lines ----------------------------------------------------------------


def baris_halaman(pages: list[Halaman]) -> list[Baris]:
    """The reader's lines of a Bagian A laid out in ``pages``."""
    out: list[Baris] = []
    borders: list[float] | None = None
    anchors: list[float] | None = None
    for page in pages:
        lines = page.garis
        start = next((i for i, g in enumerate(lines) if _is_kepala(g) and "KODE" in g.text.upper()), None)
        if start is None:
            start = next((i for i, g in enumerate(lines) if _nomor_kolom(g)), None)
        kepala: list[Garis] = []
        body_from = 0
        if start is not None:
            first = start
            while (
                first > 0 and _is_kepala(lines[first - 1], True) and _furniture(lines[first - 1].text) is None
            ):
                first -= 1
            last = start
            while last + 1 < len(lines) and _is_kepala(lines[last + 1], True):
                last += 1
            kepala = lines[first : last + 1]
            for g in lines[:first]:
                out.extend(_text_lines(g, page.nomor))
            body_from = last + 1
        body = lines[body_from:]
        page_anchors = _anchors(kepala) if kepala else None
        if page_anchors:
            table = [g for g in body if _furniture(g.text) is None]
            borders, anchors = _borders(page_anchors, table, page.garis_tegak), page_anchors
        if kepala and borders is not None:
            # the heads as one row (KODE, then the other heads' words: what the reader needs
            # of them is that they are the heads, and the year), then the column numbers
            heads = [g for g in kepala if not _nomor_kolom(g)]
            if heads:
                words = [k.text for g in heads for k in g.kata if k.text.upper() != "KODE"]
                cells = ["KODE", " ".join(words), "", "", "", ""]
                out.append(Baris.of(heads[0].nomor, " ".join(g.text for g in heads), cells, page.nomor))
            for g in kepala:
                if _nomor_kolom(g):
                    out.append(Baris.of(g.nomor, g.text, [k.text for k in g.kata], page.nomor))
        elif kepala:
            out.extend(Baris.of(g.nomor, g.text, None, page.nomor) for g in kepala)
        if borders is None or anchors is None:
            for g in body:
                out.extend(_text_lines(g, page.nomor))
            continue
        out.extend(_body_lines(body, borders, anchors, page))
    return out


def _text_lines(g: Garis, page: int | None) -> list[Baris]:
    return [Baris.of(g.nomor, t, None, page) for t in (_furniture(g.text) or [g.text])]


def _body_lines(body: list[Garis], borders: list[float], anchors: list[float], page: Halaman) -> list[Baris]:
    """The table's rows, with furniture and the signature block (from its place and date
    on) as text lines, in page order."""
    out: list[Baris] = []
    chunk: list[Garis] = []
    signature: float | None = None  # the x where the signatory's block begins
    aside: list[Baris] = []  # another block beside it ("Mengetahui, ..."), told after it

    def flush() -> None:
        for row in _rows(chunk, borders, anchors, page):
            texts = [_text(c) for c in row.cells]
            out.append(Baris.of(row.nomor, "\t".join(texts), texts, page.nomor))
        chunk.clear()

    for g in body:
        start = _signature_start(g) if signature is None else None
        if signature is not None or start is not None or _furniture(g.text) is not None:
            flush()
            signature = start if start is not None else signature
            if signature is None:
                out.extend(_text_lines(g, page.nomor))
                continue
            mine = [k for k in g.kata if k.x1 > signature - 1]
            other = [k for k in g.kata if k.x1 <= signature - 1]
            if other:
                aside.extend(_text_lines(Garis(g.nomor, other), page.nomor))
            if mine:
                out.extend(_text_lines(Garis(g.nomor, mine), page.nomor))
        else:
            chunk.append(g)
    flush()
    return out + aside


def _signature_start(g: Garis) -> float | None:
    """Where the place and date of the signature stand on ``g`` (``Balikpapan, 30 Maret
    2023``), or None: the whole line, or its part after a wide gap (another signatory's
    block beside it: ``Mengetahui,      Balikpapan, 30 Maret 2023``)."""
    if JABATAN.fullmatch(g.text) or re.match(r"NIP\b", g.text):
        return g.kata[0].x0  # a signature printed without place and date, or its rest on a new page
    if not PLACE_DATE.fullmatch(g.text):
        return None
    em = g.bottom - g.top
    for j in range(len(g.kata) - 1, 0, -1):
        if g.kata[j].x0 - g.kata[j - 1].x1 > 2 * em and PLACE_DATE.fullmatch(
            " ".join(k.text for k in g.kata[j:])
        ):
            return g.kata[j].x0
    return g.kata[0].x0


# --- a text laid out with spaces -------------------------------------------------------


def halaman_teks(text: str) -> list[Halaman]:
    """The pages of a text laid out with spaces (``pdftotext -layout``): split at form
    feeds, each line's words at their character columns. Without form feeds the text is
    one page, and each repeated column head sets the columns of the lines below it."""
    pages: list[Halaman] = []
    nomor = 0
    chunks = text.split("\f")
    for sheet, chunk in enumerate(chunks, start=1):
        lines = []
        for raw in chunk.splitlines():
            nomor += 1
            words = kata_dari_teks(raw.replace("\t", " "), nomor)
            if words:
                lines.append(Garis(nomor, words))
        if lines:
            parts = _per_kepala(lines)
            if len(chunks) > 1:  # form feeds: the sheets of the PDF it was taken from
                for part in parts:
                    part.nomor = sheet
            pages.extend(parts)
    return pages


def _per_kepala(lines: list[Garis]) -> list[Halaman]:
    """A page cut before the furniture that precedes each column head after the first."""
    starts = [0]
    seen_body = False
    for i, g in enumerate(lines):
        if _is_kepala(g) and "KODE" in g.text.upper().split():
            if seen_body:
                j = i
                while j > starts[-1] and (
                    _is_kepala(lines[j - 1]) or _furniture(lines[j - 1].text) is not None
                ):
                    j -= 1
                starts.append(j)
                seen_body = False
        elif _furniture(g.text) is None and not _is_kepala(g):
            seen_body = True
    return [Halaman(lines[a:b], teks=True) for a, b in zip(starts, [*starts[1:], len(lines)], strict=False)]


def looks_like_layout(text: str) -> bool:
    """A Bagian A whose columns are laid out with runs of spaces: the column heads on a
    line with ``KODE`` and the table's rows with a code, text and amounts far apart."""
    upper = text.upper()
    if "KODE" not in upper or ("SATUAN KERJA" not in upper and "SATKER" not in upper):
        return False
    if not re.search(r"^\s*\d{3}\.\d{2}\.[A-Z]{2}\s+\S", text, re.M):
        return False
    return len(re.findall(r"^.*\S {3,}\S.*$", text, re.M)) >= 5  # columns far apart


def read_rka_layout(text: str, file: str = "<input>") -> ReadResult:
    """Read a Bagian A text whose columns are laid out with spaces (``pdftotext
    -layout``, a fixed-width print) by the columns of its heads."""
    return read_rka_baris(baris_halaman(halaman_teks(text)), file)
