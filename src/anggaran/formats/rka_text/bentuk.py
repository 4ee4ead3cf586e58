"""Which text form of a Bagian A a file is, and its reader: tab-separated cells (the form
the PDF's text was first taken in), columns laid out with spaces (``pdftotext -layout``,
a fixed-width print), or the words without their columns (``pdftotext`` by default or
``-raw``, a copy from a PDF viewer), which is refused with the ways that work: the
amounts' columns (angka dasar or inisiatif baru) can no longer be told apart."""

from __future__ import annotations

import re

from anggaran.core.errors import InputError
from anggaran.core.findings import N_
from anggaran.formats.result import ReadResult
from anggaran.formats.rka_text.lexicon import decode
from anggaran.formats.rka_text.reader import read_rka_baris, text_lines
from anggaran.formats.rka_text.tata import looks_like_layout, read_rka_layout

_PROBE = 20000
_TAB_ROW = re.compile(r"^[^\t\n]*\t", re.M)


def _head(data: bytes) -> str | None:
    whole = len(data) <= _PROBE or data[:2] in (b"\xff\xfe", b"\xfe\xff")
    probe = data if whole else data[:_PROBE].rsplit(b"\n", 1)[0]
    try:
        return decode(probe, "<probe>")
    except InputError:
        return None


def looks_like_bagian_a_text(data: bytes) -> bool:
    """True when the bytes look like a Bagian A text in any of its forms."""
    head = _head(data)
    if head is None:
        return False
    upper = head.upper()
    return "KODE" in upper and ("SATUAN KERJA" in upper or "SATKER" in upper)


def read_bagian_a_text(data: bytes, file: str = "<input>") -> ReadResult:
    """Read a Bagian A text in whichever form it is. Raises InputError for bytes that are
    not text, and for a text whose columns were lost."""
    text = decode(data, file)
    if text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        raise InputError(
            N_("an HTML page is not read"),
            file=file,
            expected=N_("the RKA Satker PDF, its text (pdftotext -layout), an XLSX, or the canonical JSON"),
        )
    if len(_TAB_ROW.findall(text)) >= 3:
        return read_rka_baris(text_lines(text), file)
    if looks_like_layout(text):
        return read_rka_layout(text, file)
    if looks_like_bagian_a_text(data):
        raise InputError(
            N_(
                "this text holds an RKA Satker, but not its columns (pdftotext without -layout, "
                "or a copy from a PDF viewer): which amount is the angka dasar and which the "
                "inisiatif baru can no longer be told"
            ),
            file=file,
            expected=N_(
                "the PDF itself, or its text with the columns kept (pdftotext -layout FILE.pdf), "
                "or tab-separated cells"
            ),
        )
    return read_rka_baris(text_lines(text), file)
