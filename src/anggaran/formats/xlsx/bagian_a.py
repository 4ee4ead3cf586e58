"""Read a Bagian A sheet (the XLSX ``reports.xlsx`` writes, or one like it) with the reader
of the Bagian A text: each row becomes a line of cells (KODE, uraian, volume/satuan, angka
dasar, inisiatif baru, jumlah) or, outside the table (title, ``KEMEN/LEMB : (013) NAMA``,
the signature), a line of text; ``formats.rka_text.reader.read_rka_baris`` does the rest,
with the same rules and findings as for the text form."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from anggaran.core.findings import Finding, SourceRef
from anggaran.core.tree import HEADER_FIELDS, KodeNama, RkaSatker, walk
from anggaran.formats.result import ReadResult
from anggaran.formats.rka_text.reader import Baris, read_rka_baris
from anggaran.formats.xlsx import sel as cell
from anggaran.formats.xlsx.buku import Lembar, sel
from anggaran.formats.xlsx.pohon import NAMA_TIDAK_DIKETAHUI
from anggaran.formats.xlsx.rincian import HEAD_ROWS

#: column titles only a Bagian A has
_JUDUL_A = {"ANGKA DASAR", "INISIATIF BARU"}


def is_bagian_a(sheet: Lembar) -> bool:
    """Whether ``sheet`` holds a Bagian A table: a column titled ANGKA DASAR or INISIATIF
    BARU among its first rows."""
    return any(
        isinstance(v, str) and " ".join(v.upper().split()) in _JUDUL_A
        for row in sheet.nilai[:HEAD_ROWS]
        for v in row
    )


def _is_code(text: str) -> bool:
    return bool(text) and text[0].isdigit()


def baris_of(sheet: Lembar, file: str) -> tuple[list[Baris], list[Finding]]:
    """The lines of a Bagian A sheet for the text reader, and a finding for each formula
    whose computed value is missing."""
    lines: list[Baris] = []
    findings: list[Finding] = []
    for r, values in enumerate(sheet.nilai, start=1):
        for c in range(1, 7):
            formula = sheet.rumus.get((r, c))
            if formula is not None and sheet.value(r, c) is None:
                findings.append(
                    Finding.of(
                        "READ_XLSX_RUMUS", "", SourceRef(file, None, r), sel=sel(r, c), rumus=formula[:80]
                    )
                )
        cells = [cell.teks(values[c]) if c < len(values) else "" for c in range(6)]
        filled = [c for c in cells if c]
        if not filled:
            continue
        text = " ".join(filled)
        lone = len(filled) == 1 and (cells[0] or cells[4]) and not _is_code(cells[0])
        if lone or cells[1].startswith(":"):
            lines.append(Baris.of(r, text, None))  # title, header field, signature
        else:
            lines.append(Baris.of(r, "\t".join(cells), cells))
    return lines, findings


def read_bagian_a(sheet: Lembar, file: str) -> ReadResult:
    """Read a Bagian A sheet of the workbook ``file`` into a tree and the reader's
    findings (sources name ``file!sheet`` and the row). A name printed as unknown
    (``(nama tidak diketahui)``) is read as none. Raises InputError as the text reader
    does (no program row, a header field missing, no fiscal year)."""
    where = f"{file}!{sheet.nama}"
    lines, findings = baris_of(sheet, where)
    result = read_rka_baris(lines, where)
    tree = result.tree
    # a sheet has no pages: its rows are the lines, and no page header is checked
    tree.dokumen.halaman, tree.dokumen.jumlah_halaman = [], None
    _no_pages(tree)
    read = [replace(f, source=replace(f.source, page=None)) if f.source else f for f in result.findings]
    for step in walk(tree):
        if getattr(step.node, "nama", None) == NAMA_TIDAK_DIKETAHUI:
            step.node.nama = ""  # type: ignore[union-attr]
    for name in HEADER_FIELDS:
        value = getattr(tree, name)
        if value.nama == NAMA_TIDAK_DIKETAHUI:
            setattr(tree, name, KodeNama(value.kode, ""))
    return ReadResult(tree, findings + read)


def _no_pages(tree: RkaSatker) -> None:
    """Every source of ``tree`` without the page the text reader counts (a sheet's row is
    its place)."""
    items: list[Any] = [tree.dokumen.penandatangan]
    for step in walk(tree):
        items.append(step.node)
        items.extend(getattr(step.node, "indikator", []))
        for s in getattr(step.node, "sasaran", []):
            items += [s, *s.indikator]
    for item in items:
        source = getattr(item, "source", None)
        if source is not None:
            item.source = replace(source, page=None)
    if tree.jumlah_tercetak_source is not None:
        tree.jumlah_tercetak_source = replace(tree.jumlah_tercetak_source, page=None)
