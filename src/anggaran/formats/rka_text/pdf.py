"""Read an RKA Satker Bagian A from its PDF: the words of every page with their boxes
(PDFium, through pypdfium2), the horizontal rules, and then the same layout reading
(:mod:`~anggaran.formats.rka_text.tata`) and reader as a text.

pypdfium2 rather than pdfplumber: on the bundled example (7 pages) it takes 0.05 s where
pdfplumber takes 0.43 s, and the difference grows with the pages (docs/performance.md).
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from anggaran.core.errors import InputError
from anggaran.core.findings import N_
from anggaran.formats.result import ReadResult
from anggaran.formats.rka_text.reader import read_rka_baris
from anggaran.formats.rka_text.tata import Garis, Halaman, Kata, baris_halaman, garis_dari_kata

_BOLD = 600  # PDFium's font weight from which a font is bold
_BREAK = frozenset(" \t\r\n\x00\x0b\x0c\u00a0")  # what ends a word


def looks_like_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF")


def _words(page: pdfium.PdfPage) -> list[Kata]:
    """The page's words as the page is shown (x right, y down; a page turned by
    ``/Rotate`` read turned), built from PDFium's characters (their loose boxes, as high
    as the font): a word ends at a space, a line break, a step back (text overlapping a
    neighbour) or a gap wider than an eighth of the font's height. (PDFium's own text
    rectangles overlap where an engine kerns letter by letter, as Chromium does.)"""
    width, height = page.get_size()
    rotation = page.get_rotation() % 360
    textpage = page.get_textpage()
    words: list[Kata] = []
    try:
        n = textpage.count_chars()
        text = textpage.get_text_range(0, n) if n else ""
        if len(text) != n:  # characters outside the BMP: one call per character
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i) or 32) for i in range(n))
        box = pdfium_c.FS_RECTF()
        ref = ctypes.byref(box)
        loose_box = pdfium_c.FPDFText_GetLooseCharBox
        raw = textpage.raw
        chars: list[str] = []
        first = 0
        x0 = x1 = top = bottom = last_left = 0.0
        for i, ch in enumerate(text):
            if ch in _BREAK:
                if chars:
                    words.append(_kata(textpage, first, chars, x0, x1, top, bottom))
                    chars = []
                continue
            loose_box(raw, i, ref)
            if rotation:
                left, right, c_top, c_bottom = _turn(
                    box.left, box.right, box.bottom, box.top, width, height, rotation
                )
            else:  # (inline: the most of the reading's time is spent in this loop)
                left, right, c_top, c_bottom = box.left, box.right, height - box.top, height - box.bottom
            if chars:
                size = c_bottom - c_top
                if (
                    abs((c_top + c_bottom) - (top + bottom)) > size
                    or (left < x1 - 0.25 * size and abs(left - last_left) > 0.05 * size)  # a step back
                    or left - x1 > 0.12 * size  # a gap: a space the engine did not write
                ):  # (a ligature's letters share one box: no step back)
                    words.append(_kata(textpage, first, chars, x0, x1, top, bottom))
                    chars = []
            if chars:
                if right > x1:
                    x1 = right
                if c_top < top:
                    top = c_top
                if c_bottom > bottom:
                    bottom = c_bottom
            else:
                first, x0, x1, top, bottom = i, left, right, c_top, c_bottom
            last_left = left
            chars.append("-" if ch in "\x02\ufffe" else ch)  # PDFium's mark of a line-end hyphen
        if chars:
            words.append(_kata(textpage, first, chars, x0, x1, top, bottom))
    finally:
        textpage.close()
    return words


def _kata(
    textpage: pdfium.PdfTextPage,
    first: int,
    chars: list[str],
    x0: float,
    x1: float,
    top: float,
    bottom: float,
) -> Kata:
    """A word, bold and italic as its first character's font is."""
    bold, italic = _style(textpage, first)
    return Kata("".join(chars), x0, x1, top, bottom, bold, italic)


_STYLES: dict[int, tuple[bool, bool]] = {}


def _style(textpage: pdfium.PdfTextPage, index: int) -> tuple[bool, bool]:
    """(bold, italic) of the font of character ``index``: its weight, its italic angle or
    flag, or its name (``…-BoldItalic``, ``…Oblique``), looked at once per font."""
    obj = pdfium_c.FPDFText_GetTextObject(textpage.raw, index)
    font = pdfium_c.FPDFTextObj_GetFont(obj) if obj else None
    key = ctypes.cast(font, ctypes.c_void_p).value if font else None
    if key is None:
        return _weight(textpage, index) >= _BOLD, False
    style = _STYLES.get(key)
    if style is None:
        buf = ctypes.create_string_buffer(256)
        pdfium_c.FPDFFont_GetBaseFontName(font, buf, 256)
        name = buf.value.decode("latin-1").lower()
        angle = ctypes.c_int()
        slanted = bool(pdfium_c.FPDFFont_GetItalicAngle(font, ctypes.byref(angle))) and angle.value != 0
        flags = pdfium_c.FPDFFont_GetFlags(font)
        weight = pdfium_c.FPDFFont_GetWeight(font)
        style = (
            (isinstance(weight, int) and weight >= _BOLD) or "bold" in name or "black" in name,
            slanted or bool(flags & 64) or "italic" in name or "oblique" in name,
        )
        _STYLES[key] = style
    return style


def _weight(textpage: pdfium.PdfTextPage, index: int) -> int:
    weight = pdfium_c.FPDFText_GetFontWeight(textpage.raw, index)
    return weight if isinstance(weight, int) else 0


def _turn(
    left: float, right: float, bottom: float, top: float, width: float, height: float, rotation: int
) -> tuple[float, float, float, float]:
    """A box in PDF space (y up) to the page as shown (x right, y down), for /Rotate."""
    if rotation == 90:
        return bottom, top, left, right
    if rotation == 180:
        return width - right, width - left, bottom, top
    if rotation == 270:
        return height - top, height - bottom, width - right, width - left
    return left, right, height - top, height - bottom


def _rules(page: pdfium.PdfPage) -> tuple[list[float], list[float]]:
    """The page's rules as shown: the y (top-down) of the horizontal ones and the x of the
    vertical ones, from thin paths or the edges of drawn boxes (cell borders). (PDFium's C
    functions directly: the objects of a ruled page are many, and the Python wrappers cost
    30 us each.)"""
    width, height = page.get_size()
    rotation = page.get_rotation() % 360
    ys: list[float] = []
    xs: list[float] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    refs = [ctypes.byref(v) for v in (left, bottom, right, top)]
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw = page.raw
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = pdfium_c.FPDFPage_GetObject(raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *refs):
            continue
        x0, x1, y0, y1 = _turn(left.value, right.value, bottom.value, top.value, width, height, rotation)
        wide, tall = x1 - x0, y1 - y0
        if wide >= 20 and tall < 2.5:
            ys.append((y0 + y1) / 2)
        elif tall >= 8 and wide < 2.5:
            xs.append((x0 + x1) / 2)
        elif wide >= 20 and tall >= 2.5:
            if pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)) and stroke.value:
                ys.extend((y0, y1))
                xs.extend((x0, x1))
    return sorted(set(round(y, 1) for y in ys)), sorted(set(round(x, 1) for x in xs))


def halaman_pdf(data: bytes, file: str) -> list[Halaman]:
    """The pages of a PDF as words and rules. Raises InputError for a PDF that cannot be
    opened (broken, encrypted) or has no text (a scan)."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(
            N_("the PDF cannot be opened: {sebab}"),
            file=file,
            expected=N_("an RKA Satker Bagian A PDF as SAKTI prints it"),
            sebab=str(exc),
        ) from None
    pages: list[Halaman] = []
    try:
        for number, page in enumerate(pdf, start=1):
            try:
                words = _words(page)
                lines: list[Garis] = garis_dari_kata(words)
                rules, columns = _rules(page) if lines else ([], [])
                pages.append(Halaman(lines, rules, nomor=number, garis_tegak=columns))
            finally:
                page.close()
    finally:
        _STYLES.clear()  # the fonts' handles die with the document
        pdf.close()
    if not any(p.garis for p in pages):
        raise InputError(
            N_("this PDF has no text layer (a scanned image?): its words cannot be read"),
            file=file,
            expected=N_("the RKA Satker PDF as SAKTI prints it, with its text; a scan needs OCR first"),
        )
    return pages


def read_rka_pdf(data: bytes, file: str = "<input>") -> ReadResult:
    """Read an RKA Satker Bagian A PDF into a tree and reader findings, as the text form of
    the same document reads. Raises InputError (see :func:`halaman_pdf`)."""
    return read_rka_baris(baris_halaman(halaman_pdf(data, file)), file)
