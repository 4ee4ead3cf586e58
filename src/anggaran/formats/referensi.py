"""Code tables users load (``anggaran referensi import``): a CSV or XLSX file whose header
says which codes it names, read into :class:`~anggaran.reference.BarisReferensi` rows.

The header is recognised by its column names, compared without case, spaces or
punctuation:

* ``jenis, kode, nama`` (what ``anggaran referensi missing`` writes): one row per code of
  any table; ``jenis`` one of :data:`anggaran.reference.JENIS`;
* SAKTI's names: a code column ``kd<x>`` (or ``kode <x>``) and a name column ``nm<x>``
  (or ``nama <x>``, ``ur<x>``, ``uraian <x>``), ``<x>`` one of ``satker``, ``program``,
  ``giat``/``kegiatan``, ``output``/``kro``, ``soutput``/``ro``, ``akun``, ``lokasi``/
  ``provinsi``, ``kabkota``, ``beban``/``sumber dana``, ``dept``/``kementerian``,
  ``unit``. A code that needs its parents takes them from their columns (``kdgiat`` and
  ``kdoutput`` for a KRO, ``kddept`` and ``kdunit`` for a program) unless it is written
  whole (``6212.AEF``). Every ``<x>`` with both columns gives rows: rapid's
  ``ref_satker.xlsx`` (``kdsatker, nmsatker, …, nmlokasi``) gives satker names.

A ``satuan`` column gives the satuan of a KRO or RO. A row without a name is left out (a
table from ``missing`` not filled in yet); the same code named twice differently, a code
that is not one of its table, or a header of none of these forms is refused
(:class:`InputError` naming the file and the row), so nothing of the file is loaded.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from anggaran.core import kode as kd
from anggaran.core.errors import InputError
from anggaran.core.findings import N_
from anggaran.formats.rka_text.lexicon import decode
from anggaran.reference import JENIS, BarisReferensi

#: the largest code table taken (rapid's 222 satkers are 20 KB)
MAX_REFERENSI = 16 << 20

#: the stem of a column name -> the table its codes are of
_STEM = {
    "satker": "satker",
    "program": "program",
    "giat": "kegiatan",
    "kegiatan": "kegiatan",
    "output": "kro",
    "kro": "kro",
    "soutput": "ro",
    "suboutput": "ro",
    "ro": "ro",
    "akun": "akun",
    "lokasi": "lokasi",
    "provinsi": "lokasi",
    "kabkota": "kabkota",
    "beban": "sumber_dana",
    "sumberdana": "sumber_dana",
    "dept": "kementerian",
    "kementerian": "kementerian",
    "kl": "kementerian",
    "unit": "unit_organisasi",
    "unitorganisasi": "unit_organisasi",
}
_KODE = ("kode", "kd")
_NAMA = ("nama", "uraian", "nm", "ur")
#: what each code is built from: the parts' stems, outermost first
_BAGIAN = {
    "program": ("kementerian", "unit_organisasi", "program"),
    "kegiatan": ("kegiatan",),
    "kro": ("kegiatan", "kro"),
    "ro": ("kegiatan", "kro", "ro"),
    "unit_organisasi": ("kementerian", "unit_organisasi"),
    "kabkota": ("lokasi", "kabkota"),
}
#: digits of a code part written as a number (a spreadsheet drops leading zeros; an akun
#: has none to drop: 52121 is a mistake, not 052121)
_LEBAR = {
    "satker": 6,
    "kegiatan": 4,
    "kementerian": 3,
    "unit_organisasi": 2,
    "lokasi": 2,
    "kabkota": 2,
    "ro": 3,
}
_FORMAT = {
    "satker": kd.SATKER,
    "program": kd.PROGRAM,
    "kegiatan": kd.KEGIATAN,
    "kro": kd.KRO,
    "ro": kd.RO_LENGKAP,
    "akun": kd.AKUN,
    "lokasi": re.compile(r"\d{2}(?:\.\d{2})?", re.ASCII),
    "sumber_dana": re.compile(r"[0-9A-Z]{1,2}", re.ASCII),
    "kementerian": kd.KL,
    "unit_organisasi": re.compile(r"\d{3}\.\d{2}", re.ASCII),
}
_CONTOH = {
    "satker": "527010",
    "program": "015.08.CD",
    "kegiatan": "6212",
    "kro": "6212.AEF",
    "ro": "6212.AEF.001",
    "akun": "521211",
    "lokasi": "01 / 01.51",
    "sumber_dana": "A",
    "kementerian": "015",
    "unit_organisasi": "015.08",
}
_EXPECTED = N_(
    "a header naming the codes: jenis, kode, nama (as `anggaran referensi missing` writes), or SAKTI's "
    "columns such as kdsatker, nmsatker; kdprogram, nmprogram (with kddept, kdunit); kdgiat, nmgiat; "
    "kdoutput, nmoutput (with kdgiat); kdsoutput, nmsoutput (with kdgiat, kdoutput); kdakun, nmakun; "
    "kdlokasi, nmlokasi; kdkabkota, nmkabkota (with kdlokasi); kdbeban, nmbeban"
)


@dataclass
class TabelReferensi:
    """A code table read: its rows (each code once), how many rows had no name (left
    out), and the form of its header (``jenis`` or the tables of SAKTI's columns)."""

    baris: list[BarisReferensi] = field(default_factory=list)
    tanpa_nama: int = 0
    lembar: str | None = None  # the XLSX sheet read

    def per_jenis(self) -> dict[str, int]:
        """table -> rows, in the order of :data:`JENIS`."""
        counts = {j: 0 for j in JENIS}
        for r in self.baris:
            counts[r.jenis] += 1
        return {j: n for j, n in counts.items() if n}


def _norm(text: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text or "").lower())


def _sel(value: object) -> str:
    """A cell as text: a spreadsheet's whole number without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _kolom(header: list[str]) -> dict[tuple[str, str], int]:
    """(role, table) -> column index, role ``kode`` or ``nama``; the generic form's
    columns as (``jenis``, ``""``) and so on."""
    out: dict[tuple[str, str], int] = {}
    for i, h in enumerate(header):
        n = _norm(h)
        if n in ("jenis", "kode", "nama", "satuan"):
            out.setdefault((n, ""), i)
            continue
        for role, prefixes in (("kode", _KODE), ("nama", _NAMA)):
            for p in prefixes:
                if n.startswith(p) and n[len(p) :] in _STEM:
                    out.setdefault((role, _STEM[n[len(p) :]]), i)
                    break
    return out


def is_header(header: list[str]) -> bool:
    """Whether ``header`` is the header of a code table of any form."""
    cols = _kolom(header)
    if {("jenis", ""), ("kode", ""), ("nama", "")} <= set(cols):
        return True
    return any(("kode", s) in cols and ("nama", s) in cols for s in set(_STEM.values()))


def _padded(value: str, part: str, numeric: bool) -> str:
    width = _LEBAR.get(part)
    if numeric and width and value.isdigit():
        return value.zfill(width)
    return value


def _rows_of(
    header: list[str], rows: Iterator[tuple[int, list[object]]], file: str
) -> tuple[list[tuple[int, str, str, str, dict[str, str]]], int]:
    """(line, table, code, name, data) of every named row, and the count of unnamed ones.
    Raises InputError for a header of no known form."""
    cols = _kolom(header)
    out: list[tuple[int, str, str, str, dict[str, str]]] = []
    unnamed = 0
    satuan_at = cols.get(("satuan", ""))
    if {("jenis", ""), ("kode", ""), ("nama", "")} <= set(cols):
        for line, cells in rows:
            get = {k: _sel(cells[i]) if i < len(cells) else "" for k, i in cols.items()}
            if not any(get.values()):
                continue
            jenis, kode, nama = get[("jenis", "")], get[("kode", "")], get[("nama", "")]
            # a code that went through a spreadsheet lost its leading zeros, whether the
            # cell stayed a number (XLSX) or was written back as text (CSV): 15114, 1.51
            if jenis == "lokasi" and re.fullmatch(r"\d{1,2}(?:\.\d{1,2})?", kode):
                kode = ".".join(part.zfill(2) for part in kode.split("."))
            elif jenis != "lokasi":
                kode = _padded(kode, jenis, True)
            if not nama:
                unnamed += 1
                continue
            data = {"satuan": get[("satuan", "")]} if satuan_at is not None and get[("satuan", "")] else {}
            out.append((line, jenis, kode, nama, data))
        return out, unnamed
    tables = [s for s in dict.fromkeys(_STEM.values()) if ("kode", s) in cols and ("nama", s) in cols]
    if not tables:
        raise InputError(
            N_("the header {header} names no code table"),
            file=file,
            line=1,
            expected=_EXPECTED,
            header=", ".join(h for h in header if h) or "-",
        )
    for line, cells in rows:
        raw = [cells[i] if i < len(cells) else None for i in range(len(header))]
        if not any(_sel(c) for c in raw):
            continue
        for table in tables:
            nama = _sel(raw[cols[("nama", table)]])
            parts = []
            for part in _BAGIAN.get(table, (table,)):
                where = cols.get(("kode", part))
                if where is None:
                    continue
                parts.append(_padded(_sel(raw[where]), part, True))  # (zeros lost: as above)
            own = parts[-1] if parts else ""
            # a code written whole (6212.AEF) stands alone; else its parts are joined
            kode = own if "." in own else ".".join(p for p in parts if p)
            if not own:
                continue
            if not nama:
                unnamed += 1
                continue
            jenis = "lokasi" if table == "kabkota" else table
            satuan = _sel(raw[satuan_at]) if satuan_at is not None and jenis in ("kro", "ro") else ""
            out.append((line, jenis, kode, nama, {"satuan": satuan} if satuan else {}))
    return out, unnamed


def _check(found: list[tuple[int, str, str, str, dict[str, str]]], file: str) -> list[BarisReferensi]:
    """Each row's table and code checked; a code named twice differently refused."""
    seen: dict[tuple[str, str], tuple[int, str]] = {}
    out: list[BarisReferensi] = []
    for line, jenis, kode, nama, data in found:
        if jenis not in JENIS:
            raise InputError(
                N_("unknown table {jenis!r}"), file=file, line=line, expected=", ".join(JENIS), jenis=jenis
            )
        if not _FORMAT[jenis].fullmatch(kode):
            raise InputError(
                N_("{kode!r} is not a code of table {jenis}"),
                file=file,
                line=line,
                expected=N_("a code such as {contoh}"),
                kode=kode,
                jenis=jenis,
                contoh=_CONTOH[jenis],
            )
        nama = " ".join(nama.split())
        before = seen.get((jenis, kode))
        if before is not None:
            if before[1] != nama:
                raise InputError(
                    N_("{jenis} {kode} is named twice: {nama!r} and, on line {baris}, {lain!r}"),
                    file=file,
                    line=line,
                    jenis=jenis,
                    kode=kode,
                    nama=nama,
                    baris=before[0],
                    lain=before[1],
                )
            continue
        seen[(jenis, kode)] = (line, nama)
        out.append(BarisReferensi(jenis, kode, nama, data))
    return out


def _csv_rows(text: str) -> tuple[list[str], Iterator[tuple[int, list[object]]]]:
    sample = text[:4096]
    delimiter = max((",", ";", "\t", "|"), key=lambda d: sample.split("\n", 1)[0].count(d))
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        header = []

    def rest() -> Iterator[tuple[int, list[object]]]:
        for row in reader:
            yield reader.line_num, list(row)

    return header, rest()


def _xlsx(data: bytes, file: str) -> TabelReferensi:
    """The first sheet of the workbook that starts with a code table's header (the
    workbook opened, its unpacked size checked, as every XLSX input is)."""
    from anggaran.formats.xlsx.buku import buka

    for lembar in buka(data, file):
        rows = enumerate((list(r) for r in lembar.nilai), 1)
        for _row, cells in rows:
            if not any(_sel(c) for c in cells):
                continue
            header = [_sel(c) for c in cells]
            if not is_header(header):
                break  # a sheet whose first row is no header: the next sheet
            where = f"{file}!{lembar.nama}"
            found, unnamed = _rows_of(header, rows, where)
            return TabelReferensi(_check(found, where), unnamed, lembar.nama)
    raise InputError(
        N_("no sheet of the workbook starts with a code table's header"), file=file, expected=_EXPECTED
    )


def read_referensi(data: bytes, file: str) -> TabelReferensi:
    """The code table in ``data`` (the bytes of ``file``: CSV with ``,``, ``;``, tab or
    ``|`` between fields, or XLSX: the first sheet that starts with a header). Raises
    InputError for a file larger than :data:`MAX_REFERENSI`, one of no known form, or a
    row that cannot be loaded."""
    if len(data) > MAX_REFERENSI:
        raise InputError(
            N_("the file is larger than {batas}, the most a code table may be"),
            file=file,
            batas=f"{MAX_REFERENSI >> 20} MiB",
        )
    if not data.strip():
        raise InputError(N_("the file is empty"), file=file, expected=_EXPECTED)
    if data.startswith(b"PK\x03\x04"):
        return _xlsx(data, file)
    header, rest = _csv_rows(decode(data, file))
    found, unnamed = _rows_of(header, rest, file)
    return TabelReferensi(_check(found, file), unnamed)


def csv_referensi(rows: list[tuple[str, str, str, str]]) -> str:
    """``jenis,kode,nama,contoh`` rows as CSV text (what ``read_referensi`` reads back
    once ``nama`` is filled in); ``contoh`` says where the code is used."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["jenis", "kode", "nama", "contoh"])
    w.writerows(rows)
    return buf.getvalue()
