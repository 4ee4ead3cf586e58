"""Read a sheet of a budget down to its detail lines: the Bagian B that Anggaran writes
(``reports.rincian.bagian_b``) and SAKTI's "Kertas Kerja Satker" export, one reader for
both, since both are the same table: a code, an uraian, a volume (or a volume expression
``2 ORG x 3 KALI``), satuan, harga satuan, jumlah, sumber dana.

Columns are found by their header texts (``KODE``, ``URAIAN``, ``RINCIAN VOLUME``,
``VOLUME``, ``SATUAN``, ``HARGA SATUAN``, ``JUMLAH``/``JUMLAH BIAYA``, ``SD``/``SUMBER
DANA``, ``BLOKIR``; see :func:`kolom_of`), in any order and on one or two header rows;
other columns are not used. Above the header row: the title (``TAHUN ANGGARAN 2026``) and
the header block (``SATUAN KERJA : (015116) NAMA`` in one cell or two). The rows below
make the tree (``formats.xlsx.pohon``): a program ``015.08.CD``, kegiatan ``6212``, KRO
``6212.FAL``, RO ``6212.FAL.002`` or ``002`` under its KRO, komponen ``051``,
sub-komponen ``A``, akun ``521211``, and the detail lines (no code) under their akun,
down to a total row (``JUMLAH SATKER``, ``JUMLAH``, ``TOTAL``), which is reconciled with
the sum of the lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from anggaran.core import kode as kd
from anggaran.core.errors import InputError
from anggaran.core.findings import N_, Finding, SourceRef
from anggaran.core.tree import HEADER_FIELDS, Dokumen, KodeNama, RkaSatker
from anggaran.formats.result import ReadResult
from anggaran.formats.rka_text.lexicon import header_label
from anggaran.formats.xlsx import sel as cell
from anggaran.formats.xlsx.buku import Lembar
from anggaran.formats.xlsx.lampiran import KOLOM_KUNCI, Data
from anggaran.formats.xlsx.pohon import NAMA_TIDAK_DIKETAHUI, Pembaca

#: the rows searched for the header row
HEAD_ROWS = 80

_TAHUN = re.compile(r"TAHUN\s+ANGGARAN\s*:?\s*(\d{4})|\bT\.?\s?A\.?\s*(\d{4})\b")
_JUDUL = re.compile(r"RENCANA KERJA|KERTAS KERJA|RINCIAN")
_HEADER_VALUE = re.compile(
    r":?\s*(?:\(\s*(?P<kode>[0-9A-Za-z.]+)\s*\)|(?P<bare>\d[\d.]*)(?=\s|$))\s*(?:[-\u2013]\s*)?(?P<nama>.*)"
)
_COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?")


def _norm(text: str) -> str:
    text = re.sub(r"\([^)]*\)", " ", text.upper())
    text = re.sub(r"\s*/\s*", "/", text)
    return re.sub(r"\s+", " ", text).strip(" :.")


def kolom_of(title: str) -> str | None:
    """The field a column title names: ``kode``, ``uraian``, ``rincian`` (the volume
    expression), ``volume``, ``satuan``, ``harga``, ``jumlah``, ``sd``, ``blokir``,
    ``kunci`` (Anggaran's hidden row key); None for another column."""
    n = _norm(title)
    if not n:
        return None
    if n == KOLOM_KUNCI:
        return "kunci"
    if "BLOKIR" in n:
        return "blokir"
    if n in ("KODE", "KD", "KODE AKUN", "KODE/AKUN"):
        return "kode"
    if n.startswith(("URAIAN", "PROGRAM/")) or n in ("DESKRIPSI", "NAMA", "KEGIATAN/OUTPUT/AKUN/DETIL"):
        return "uraian"
    if n.startswith("RINCIAN") or n in ("PERHITUNGAN", "VOLUME KEGIATAN", "KUANTITAS", "RINCIAN VOLUME"):
        return "rincian"
    if n in ("VOLUME", "VOL", "VOLUME OUTPUT", "VOLUME/SATUAN"):
        return "volume"
    if n in ("SATUAN", "SAT", "SATUAN VOLUME"):
        return "satuan"
    if n.startswith(("HARGA", "HRG")):
        return "harga"
    if n.startswith("JUMLAH") or n in ("TOTAL", "PAGU", "NILAI", "BIAYA"):
        return "jumlah"
    if n in ("SD", "SUMBER DANA", "SD/CP", "CP/SD", "SUMBER", "SUMBER DANA/CP", "SUMBER DANA/CARA PENARIKAN"):
        return "sd"
    return None


@dataclass
class Kepala:
    """The header of a table: its row, the row its data starts at, field -> column (1-based)
    and each column's title as the sheet prints it."""

    baris: int
    mulai: int
    kolom: dict[str, int]
    judul: dict[int, str] = field(default_factory=dict)


def _map_row(values: tuple[Any, ...]) -> tuple[dict[str, int], dict[int, str]]:
    kolom: dict[str, int] = {}
    judul: dict[int, str] = {}
    for c, v in enumerate(values, start=1):
        text = cell.teks(v) if isinstance(v, str) else ""
        name = kolom_of(text)
        if name is not None and name not in kolom:
            kolom[name] = c
            judul[c] = text
    return kolom, judul


def cari_kepala(sheet: Lembar) -> Kepala | None:
    """The header row of a detail table in ``sheet``: the first row (among the first 80)
    naming an uraian, a jumlah, a code and a volume, volume expression or harga satuan
    column. A second header row below it (``VOLUME``, ``SATUAN``, ``HARGA SATUAN`` under a
    merged ``RINCIAN PERHITUNGAN``) refines it; a row of column numbers ``(1) (2) …`` after
    it is skipped. None when no row fits."""
    for r in range(1, min(HEAD_ROWS, len(sheet.nilai)) + 1):
        kolom, judul = _map_row(sheet.nilai[r - 1])
        if not (
            {"uraian", "jumlah", "kode"} <= kolom.keys() and {"volume", "rincian", "harga"} & kolom.keys()
        ):
            continue
        mulai = r + 1
        if r < len(sheet.nilai):
            sub, sub_judul = _map_row(sheet.nilai[r])
            if sub and not {"kode", "uraian"} & sub.keys():
                for name, c in sub.items():
                    for old in [k for k, v in kolom.items() if v == c]:
                        del kolom[old]
                    kolom[name] = c
                judul.update(sub_judul)
                mulai = r + 2
        while mulai <= len(sheet.nilai):
            texts = [cell.teks(v) for v in sheet.nilai[mulai - 1] if not cell.kosong(v)]
            if not texts or not all(_COLUMN_NUMBER.fullmatch(t) for t in texts):
                break
            mulai += 1
        return Kepala(r, mulai, kolom, judul)
    return None


@dataclass
class _Kepala:
    """The block above the table: each header field (its value, and the label and value
    texts as the sheet shows them), the fiscal year, the title."""

    fields: dict[str, tuple[KodeNama, str, str]] = field(default_factory=dict)
    tahun: int | None = None
    judul: str | None = None


def _header_block(sheet: Lembar, kepala: Kepala) -> _Kepala:
    """The K/L .. LOKASI fields, the fiscal year and the title above the table."""
    out = _Kepala()
    for r in range(1, kepala.baris):
        texts = [cell.teks(v) for v in sheet.nilai[r - 1] if not cell.kosong(v)]
        if not texts:
            continue
        m = _TAHUN.search(" ".join(texts).upper())
        if m and out.tahun is None:
            out.tahun = int(m.group(1) or m.group(2))
        found = _field(texts)
        if found is not None:
            out.fields.setdefault(found[0], (found[1], texts[0], " ".join(texts[1:])))
        elif out.judul is None and _JUDUL.match(texts[0].upper()):
            out.judul = texts[0]
    return out


def _field(texts: list[str]) -> tuple[str, KodeNama] | None:
    """A header-block row as (field, value): ``["SATUAN KERJA", "(015116) KPPN …"]``,
    ``["Satuan Kerja", ":", "015116 - KPPN …"]`` or ``["SATUAN KERJA : (015116) KPPN …"]``."""
    candidates = [(texts[0], " ".join(texts[1:]))]
    if ":" in texts[0]:
        label, _, rest = texts[0].partition(":")
        candidates.insert(0, (label, " ".join([rest, *texts[1:]])))
    for label, rest in candidates:
        name = header_label(label.strip(" :"))
        m = _HEADER_VALUE.fullmatch(rest.strip())
        if name is not None and m and (m.group("kode") or m.group("bare")):
            return name, KodeNama(m.group("kode") or m.group("bare"), m.group("nama").strip())
    return None


def read_rincian(sheet: Lembar, kepala: Kepala, file: str, data: Data | None) -> ReadResult:
    """Read the detail table of ``sheet`` (its header ``kepala``) in the workbook ``file``
    into a tree and reader findings; ``data`` is the workbook's hidden data when Anggaran
    wrote it (its satker must be the sheet's, else it is not used). Raises InputError when
    the table has no program row, or the header block lacks the satker, the provinsi or
    the lokasi (K/L and unit come from the program code when the block lacks them), or
    no fiscal year is found."""
    block = _header_block(sheet, kepala)
    where = f"{file}!{sheet.nama}"
    findings: list[Finding] = []
    satker = block.fields.get("satker")
    if data is not None and (satker is None or satker[0].kode != data.tree.satker.kode):
        shown = satker[0].kode if satker else "-"
        findings.append(
            Finding.of(
                "READ_XLSX_DATA", "", SourceRef(where), sebab=f"satker {data.tree.satker.kode} ≠ {shown}"
            )
        )
        data = None
    reader = Pembaca(sheet, kepala.kolom, kepala.judul, where, data)
    reader.read(kepala.mulai)
    if not reader.programs:
        raise InputError(
            N_("no program/kegiatan/KRO/RO table rows"),
            file=where,
            expected=N_("rows with a program code (e.g. 015.08.CD) in the KODE column"),
        )
    fields: dict[str, KodeNama] = {}
    for name, (value, label, text) in block.fields.items():
        before = getattr(data.tree, name) if data is not None else None
        if before is not None and data is not None and data.kepala.get(label, "").strip() == text:
            value = before  # as written: the tree's own (a name printed from the references)
        elif value.nama == NAMA_TIDAK_DIKETAHUI:
            value = KodeNama(value.kode, "")
        fields[name] = value
    k, u, _ = kd.split_program(reader.programs[0].kode)
    fields.setdefault("kementerian", KodeNama(k, ""))
    fields.setdefault("unit_organisasi", KodeNama(u, ""))
    for name, label in HEADER_FIELDS.items():
        if name not in fields:
            raise InputError(
                N_("the document header has no {label}"),
                file=where,
                expected=N_("a row '{label} : (KODE) NAMA' above the column titles"),
                label=label,
            )
    tahun = block.tahun or (data.tree.dokumen.tahun_anggaran if data is not None else None)
    if tahun is None:
        raise InputError(
            N_("no fiscal year found"),
            file=where,
            expected=N_("'TAHUN ANGGARAN 2026' in a title row above the table"),
        )
    tree = RkaSatker(
        Dokumen(tahun, bagian="A+B", judul=block.judul or "RENCANA KERJA ANGGARAN SATKER"),
        kementerian=fields["kementerian"],
        unit_organisasi=fields["unit_organisasi"],
        satker=fields["satker"],
        provinsi=fields["provinsi"],
        lokasi=fields["lokasi"],
        program=reader.programs,
        source_file=where,
    )
    if data is not None:
        tree.dokumen = data.tree.dokumen
        tree.dokumen.tahun_anggaran = tahun
        tree.rencana_penarikan = data.tree.rencana_penarikan
        tree.rencana_penarikan_ada = data.tree.rencana_penarikan_ada
    elif not tree.has_rincian():
        tree.dokumen.bagian = "A"
    reader.amounts(tree)
    return ReadResult(tree, findings + reader.findings)
