"""ADK archives into a consolidation's Parquet datasets, read by DuckDB.

Each archive's tables are found as the per-tree reader finds them (``formats.adk.source``:
folder, zip, rar, nested); each ``.csv`` is then read by DuckDB, not cell by cell in
Python. Its columns are named by the same evidence as the per-tree reader
(``formats.adk.table``: the first rows compared with the XML rows), so an archive whose
CSV lacks a column or orders ``d_akun`` differently reads the same. A table a spreadsheet
program saved again (``;`` or ``,`` between fields) is read by the per-tree table reader
instead, which knows how to put its numbers and zeros back.

A value that is not what SAKTI writes (a number that is not a number, a fraction of a
rupiah, a row with another field count) raises InputError naming the file, the line and
what was expected; nothing of the consolidation is kept then (the caller writes into a
temporary folder and renames it at the end).
"""

from __future__ import annotations

import functools
import re
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from anggaran.core.errors import InputError
from anggaran.core.findings import N_
from anggaran.core.tree import BULAN
from anggaran.formats.adk import skema as adk_skema
from anggaran.formats.adk import source
from anggaran.formats.adk import table as adk_table
from anggaran.konsolidasi.proses import pekerja_bawaan, peta

#: the tables a consolidation reads of an archive, by dataset
_TABEL = {"item": "item", "akun": "akun", "kro": "output", "ro": "soutput", "trktrm": "trktrm"}
#: of these, the ones an archive's ``m_*`` side repeats (the version before revision)
_SEMULA = ("item", "akun", "kro", "ro")
#: CSV rows compared with the XML rows to name the columns (as the per-tree reader)
_CONTOH = 200
#: the rows checked against SAKTI's layout before it is taken
_SAMPEL_CEPAT = 20
#: a number as Visual FoxPro writes it; whole rupiah
_ANGKA = r"^[0-9]{1,18}(\.[0-9]{1,8})?$"
_RUPIAH = r"^[0-9]{1,18}(\.0{1,8})?$"
#: a version label a user gives (``dipa``, ``revisi-1``): a path segment of a partition
LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,39}", re.ASCII)


@dataclass(slots=True)
class Ringkasan:
    """What a load read: per archive its satkers, lines and total (menjadi), and the
    semula lines when the archive has them."""

    arsip: str
    tahun: str
    tahap: str
    satker: int = 0
    baris: int = 0
    jumlah: int = 0
    baris_semula: int = 0
    jumlah_semula: int = 0
    catatan: list[str] = field(default_factory=list)


def _kepala(data: bytes, origin: str, size: int) -> str:
    """The first ``size`` bytes of ``data`` (cut at a line end) as text; all of it when
    shorter."""
    if len(data) <= size:
        return adk_table._decode(data, origin)
    cut = data.rfind(b"\n", 0, size)
    return adk_table._decode(data[: cut + 1] if cut > 0 else data, origin)


def _sesuai_skema(nama: str, rows: list[list[str]], sample: list[list[tuple[str, str]]]) -> list[str] | None:
    """The columns SAKTI's layout gives table ``nama`` (``d_item``) when every value of
    the sampled CSV rows equals its XML row's value of that column (so the evidence the
    per-tree reader weighs could only agree); None otherwise."""
    try:
        t = adk_skema.tabel(nama.split("_", 1)[1])
    except KeyError:
        return None
    if not rows or len(rows[0]) != len(t.baris) or len(sample) < min(len(rows), _SAMPEL_CEPAT):
        return None
    for csv_row, xml_row in zip(rows, sample, strict=False):
        values = dict(xml_row)
        for p, col in enumerate(t.baris):
            v = values.get(col)
            if v is None or (v != csv_row[p] and adk_table._loose(v) != adk_table._loose(csv_row[p])):
                return None
    return list(t.baris)


def _kolom_csv(nama: str, files: source.TableFiles) -> tuple[list[str], str] | None:
    """The CSV's column names and the XML's row element; None when the CSV is not as SAKTI
    writes it (read by the per-tree table reader then).

    The columns are SAKTI's layout when the first rows of the CSV and the XML agree on
    every value of it (checked); else they are placed by the evidence of 200 rows, as
    the per-tree reader places them."""
    assert files.csv is not None and files.xml is not None
    xml = _kepala(files.xml, files.xml_origin, 1 << 19)
    if adk_table._SCHEMA_END not in xml:
        xml = adk_table._decode(files.xml, files.xml_origin)
    elemen, kolom = adk_table.parse_xsd(xml, files.xml_origin)
    text = _kepala(files.csv, files.csv_origin, 1 << 17).rstrip("\x1a")
    if adk_table.separator(text) != "|":
        return None
    try:
        rows, lines = adk_table._csv_rows(text, "|", files.csv_origin)
    except InputError:
        text = adk_table._decode(files.csv, files.csv_origin).rstrip("\x1a")
        rows, lines = adk_table._csv_rows(text, "|", files.csv_origin)
    if not rows:
        return kolom, elemen
    cepat = _sesuai_skema(
        nama, rows[:_SAMPEL_CEPAT], adk_table.xml_rows(xml, elemen, files.xml_origin, _SAMPEL_CEPAT)
    )
    if cepat is not None:
        return cepat, elemen
    if len(rows) < _CONTOH and len(text) < len(files.csv.rstrip(b"\x1a")) - 2:
        rows, lines = adk_table._csv_rows(
            adk_table._decode(files.csv, files.csv_origin).rstrip("\x1a"), "|", files.csv_origin
        )
    if len(xml.encode()) < len(files.xml) - 2:
        xml = adk_table._decode(files.xml, files.xml_origin)
    sample = adk_table.xml_rows(xml, elemen, files.xml_origin, _CONTOH)
    columns = adk_table._columns_by_evidence(kolom, sample, rows[:_CONTOH], files.csv_origin, lines[0], [])
    return columns, elemen


def _baca(
    con: duckdb.DuckDBPyConnection,
    nama: str,
    files: source.TableFiles,
    kerja: Path,
    perlu: Callable[[set[str]], set[str]],
) -> str:
    """Read one table into the DuckDB table ``nama`` (its columns as text, plus
    ``_baris``, the line read) and return it: of a CSV as SAKTI writes it, only the
    columns ``perlu(columns)`` names (every column is still parsed and counted; those
    not kept are not stored); of one saved again by a spreadsheet program, every column."""
    if files.csv is None or files.xml is None:
        origin = files.csv_origin or files.xml_origin
        raise InputError(
            N_("the .xml file of table {tabel} is missing; the column names come from its XSD schema"),
            file=origin,
            tabel=nama,
        )
    found = _kolom_csv(nama, files)
    con.execute(f'DROP TABLE IF EXISTS "{nama}"')
    if found is None:  # saved again by a spreadsheet program: the per-tree reader restores it
        t = adk_table.read_table(nama, files.csv, files.xml, files.csv_origin, files.xml_origin)
        import pyarrow as pa

        arrays: dict[str, list[Any]] = {c: [r[i] for r in t.rows] for i, c in enumerate(t.kolom)}
        arrays["_baris"] = list(t.lines)
        con.register("_py", pa.table(arrays))
        con.execute(f'CREATE TEMP TABLE "{nama}" AS SELECT * FROM _py')
        con.unregister("_py")
        return nama
    columns, elemen = found
    path = kerja / f"{nama}.csv"
    path.write_bytes(files.csv.rstrip(b"\x1a"))
    spec = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in columns) + "}"
    keep = perlu(set(columns))
    kolom = ", ".join(f'"{c}"' for c in columns if c in keep) or "*"
    try:
        con.execute(
            f'CREATE TEMP TABLE "{nama}" AS SELECT {kolom}, CAST(row_number() OVER () AS INTEGER) AS _baris '
            f"FROM read_csv(?, delim='|', quote='^', escape='^', header=false, auto_detect=false, "
            f"columns={spec}, strict_mode=true, null_padding=false, parallel=false)",
            [str(path)],
        )
    except duckdb.Error as e:
        # DuckDB names the line; the per-tree reader says it in the project's words
        adk_table.read_table(nama, files.csv, files.xml, files.csv_origin, files.xml_origin)
        raise InputError(
            N_("the table cannot be read ({sebab})"), file=files.csv_origin, sebab=str(e).splitlines()[0]
        ) from None
    finally:
        path.unlink(missing_ok=True)
    n = con.execute(f'SELECT count(*) FROM "{nama}"').fetchone()
    in_xml = files.xml.count(f"<{elemen}>".encode())
    if n is not None and n[0] != in_xml:
        raise InputError(
            N_(
                "{csv} rows in the CSV, {xml} rows <{elemen}> in the XML (one of them cut short or replaced?)"
            ),
            file=files.csv_origin,
            expected=N_("the same rows in the .csv and the .xml, as SAKTI writes them"),
            csv=n[0],
            xml=in_xml,
            elemen=elemen,
        )
    return nama


def _periksa_angka(con: duckdb.DuckDBPyConnection, nama: str, origin: str, angka: dict[str, str]) -> None:
    """Raise InputError at the first value of ``angka``'s columns (name → pattern) that is
    not a number as SAKTI writes it."""
    if not angka:
        return
    checks = ", ".join(
        f"min(_baris) FILTER (WHERE trim(\"{k}\") <> '' AND NOT regexp_matches(trim(\"{k}\"), '{p}'))"
        for k, p in angka.items()
    )
    first = con.execute(f'SELECT {checks} FROM "{nama}"').fetchone() or ()
    found = [(line, kol, pola) for line, (kol, pola) in zip(first, angka.items(), strict=True) if line]
    if found:
        line, kol, pola = min(found)
        value = con.execute(f'SELECT "{kol}" FROM "{nama}" WHERE _baris = ?', [line]).fetchone()
        bad = (line, value[0] if value else "")
        text = str(bad[1]).strip()
        if pola == _RUPIAH and re.fullmatch(_ANGKA, text):
            raise InputError(
                N_("column {kolom} = {nilai}"),
                file=origin,
                line=bad[0],
                expected=N_("whole rupiah"),
                kolom=kol,
                nilai=text,
            )
        what = (
            N_("column {kolom} holds {nilai!r} (negative)")
            if text.startswith("-")
            else N_("column {kolom} holds {nilai!r} (not a number)")
        )
        raise InputError(
            what,
            file=origin,
            line=bad[0],
            expected=N_("a number without sign, e.g. 5181000 or 3979.30"),
            kolom=kol,
            nilai=text[:40],
        )


def _teks(c: str) -> str:
    return f"trim(coalesce(\"{c}\", ''))"


def _num(c: str) -> str:
    return f"CAST(coalesce(NULLIF(trim(\"{c}\"), ''), '0') AS DECIMAL(18,4))"


def _rp(c: str) -> str:
    # whole rupiah of at most 18 digits (``_periksa_angka`` has refused any other value):
    # DECIMAL(18,0) reads ``5181000.00`` as it is, at a quarter of DECIMAL(28,8)'s cost
    return f"CAST(CAST(coalesce(NULLIF(trim(\"{c}\"), ''), '0') AS DECIMAL(18,0)) AS BIGINT)"


def _asal(arsip: str, versi: str, origin: str) -> list[str]:
    return [
        f"'{versi}' AS versi",
        f"{_sql_str(arsip)} AS arsip",
        f"{_sql_str(origin)} AS berkas",
        "_baris AS baris",
        f"{_teks('kddept')} AS kl",
        f"{_teks('kddept')} || '.' || {_teks('kdunit')} AS unit",
        f"{_teks('kdsatker')} AS satker",
        f"{_teks('kddept')} || '.' || {_teks('kdunit')} || '.' || {_teks('kdprogram')} AS program",
        f"{_teks('kdgiat')} AS kegiatan",
    ]


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _pilih(dataset: str, arsip: str, versi: str, origin: str, cols: set[str]) -> str:
    """The SELECT list that turns a table's text columns into ``dataset``'s columns."""

    def t(c: str) -> str:
        return _teks(c) if c in cols else "''"

    def n(c: str) -> str:
        return _num(c) if c in cols else "CAST(0 AS DECIMAL(18,4))"

    def r(c: str) -> str:
        return _rp(c) if c in cols else "CAST(0 AS BIGINT)"

    out = _asal(arsip, versi, origin)
    kro = f"{t('kdgiat')} || '.' || {t('kdoutput')} AS kro"
    if dataset in ("item", "akun"):
        out += [
            kro,
            f"{t('kdsoutput')} AS ro",
            f"{t('kdkmpnen')} AS komponen",
            f"{t('kdskmpnen')} AS sub_komponen",
            f"{t('kdakun')} AS akun",
            f"substr({t('kdakun')}, 1, 2) AS jenis_belanja",
            f"{t('kdbeban')} AS sumber_dana",
            f"{t('kdkppn')} AS kppn",
            f"{t('kdlokasi')} AS provinsi",
            f"{t('kdkabkota')} AS kabkota",
        ]
    if dataset == "item":
        out += [
            f"{t('noitem')} AS item",
            f"CAST(CASE WHEN {t('kdheader')} IN ('1', '2') THEN {t('kdheader')} ELSE '0' END AS TINYINT) "
            "AS tingkat",
            f"rtrim(coalesce({'nmitem' if 'nmitem' in cols else 'NULL'}, '')) AS uraian",
            *(f"{n(f'vol{i}')} AS vol{i}" for i in (1, 2, 3, 4)),
            *(f"{t(f'sat{i}')} AS sat{i}" for i in (1, 2, 3, 4)),
            f"{n('volkeg')} AS volume",
            f"{t('satkeg')} AS satuan",
            f"{r('hargasat')} AS harga_satuan",
            f"{r('jumlah')} AS jumlah",
            f"{r('rphblokir')} AS blokir",
            f"{t('kdib')} AS kdib",
            *(f"{r(b)} AS {b}" for b in BULAN),
        ]
    elif dataset == "akun":
        out += [f"{t('kdblokir')} AS kdblokir", f"{t('uraiblokir')} AS uraian_blokir"]
    elif dataset == "kro":
        out += [kro, f"{t('kdlokasi')} AS provinsi", f"{t('kdkabkota')} AS kabkota", f"{n('vol')} AS volume"]
    elif dataset == "ro":
        out += [
            kro,
            f"{t('kdlokasi')} AS provinsi",
            f"{t('kdkabkota')} AS kabkota",
            f"{t('kdsoutput')} AS ro",
            f"trim(coalesce({'ursoutput' if 'ursoutput' in cols else 'NULL'}, '')) AS uraian",
            f"{n('volsout')} AS volume",
            f"{t('sbmksat')} AS satuan",
        ]
    elif dataset == "trktrm":
        out += [
            f"{t('jnsbelanja')} AS jenis_belanja",
            f"CASE WHEN {t('kdtrktrm')} = '' THEN '1' ELSE {t('kdtrktrm')} END AS kdtrktrm",
            f"{r('rphpagu')} AS pagu",
            *(f"{r(f'jml{m:02d}')} AS {b}" for m, b in enumerate(BULAN, start=1)),
        ]
    return ", ".join(out)


#: the number columns of each table read, as SAKTI writes them (money must be whole)
_ANGKA_TABEL = {
    "item": {
        **{c: _ANGKA for c in ("vol1", "vol2", "vol3", "vol4", "volkeg")},
        **{c: _RUPIAH for c in ("hargasat", "jumlah", "rphblokir", *BULAN)},
    },
    "akun": {},
    "output": {"vol": _ANGKA},
    "soutput": {"volsout": _ANGKA},
    "trktrm": {"rphpagu": _RUPIAH, **{f"jml{m:02d}": _RUPIAH for m in range(1, 13)}},
}


#: the columns the load reads of every table besides those its dataset takes: the year,
#: and of ``d_item`` what the summary counts
_PERLU = {"thang", "kdheader", "kdsatker", "jumlah"}
#: a column named in a SELECT list of :func:`_pilih` (they are quoted there, but the two
#: free-text columns, named as they are)
_NAMA_KOLOM = re.compile(r'"([A-Za-z0-9_]+)"|\b(nmitem|ursoutput)\b')


def _perlu(dataset: str, tabel: str, cols: set[str]) -> set[str]:
    """The columns of a table (``cols``) the load of ``dataset`` reads: those its SELECT
    list names, the number columns it checks, and :data:`_PERLU`."""
    named = {a or b for a, b in _NAMA_KOLOM.findall(_pilih(dataset, "", "", "", cols))}
    return cols & (named | set(_ANGKA_TABEL[tabel]) | _PERLU)


def arsip_dari(path: Path) -> list[Path]:
    """The archives at ``path``: itself when it is one (a file, or a folder holding table
    files), else every archive and table folder inside it, in name order (a generated
    national set is a folder of archives)."""
    if not path.is_dir():
        return [path]
    if any(source.TABLE_FILE.match(c.name) for c in path.iterdir() if c.is_file()):
        return [path]
    found: list[Path] = []
    for c in sorted(path.iterdir()):
        if c.is_file() and source.is_archive_name(c.name):
            found.append(c)
        elif c.is_dir():
            found.extend(arsip_dari(c))
    return found


def muat_adk(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    tahap: str,
    keluar: Path,
    kerja: Path,
) -> Ringkasan:
    """Read the ADK archive at ``path`` into Parquet files under ``keluar``
    (``keluar/<dataset>/tahun=…/tahap=…/``) and say what was read."""
    files = source.collect(path)
    if not files.tables:
        raise InputError(N_("no ADK tables (d_item…csv/xml) in it"), file=str(path))
    missing = [f"d_{t}" for t in ("item", "akun", "output", "soutput") if f"d_{t}" not in files.tables]
    if missing:
        found = ", ".join(sorted(files.tables)) or "tidak ada"
        raise InputError(
            N_("table(s) {tabel:list} not in the ADK archive (found: {ditemukan})"),
            file=files.origin,
            tabel=missing,
            ditemukan=found,
        )
    arsip = source.archive_stem(path.name)
    ringkas = Ringkasan(arsip, "", tahap)
    sides = [("d", "menjadi")]
    if "m_item" in files.tables:
        sides.append(("m", "semula"))
    for prefix, versi in sides:
        for dataset, tabel in _TABEL.items():
            if versi == "semula" and dataset not in _SEMULA:
                continue
            f = files.tables.get(f"{prefix}_{tabel}")
            if f is None:
                continue
            nama = _baca(con, f"{prefix}_{tabel}", f, kerja, functools.partial(_perlu, dataset, tabel))
            origin = Path(f.csv_origin.split("!")[-1]).name
            cols = {r[0] for r in con.execute(f'DESCRIBE "{nama}"').fetchall()}
            _periksa_angka(
                con, nama, f.csv_origin, {k: v for k, v in _ANGKA_TABEL[tabel].items() if k in cols}
            )
            tahun = (
                con.execute(f'SELECT min(trim(thang)) FROM "{nama}"').fetchone() if "thang" in cols else None
            )
            year = (tahun[0] if tahun else None) or ringkas.tahun or "0000"
            ringkas.tahun = ringkas.tahun or year
            select = _pilih(dataset, arsip, versi, origin, cols)
            target = keluar / dataset / f"tahun={year}" / f"tahap={tahap}"
            target.mkdir(parents=True, exist_ok=True)
            out = target / f"{arsip}-{versi}-{uuid.uuid4().hex[:8]}.parquet"
            con.execute(
                f'COPY (SELECT {select} FROM "{nama}") TO ? (FORMAT parquet, COMPRESSION zstd)',
                [str(out)],
            )
            if dataset == "item":
                hdr = _teks("kdheader") if "kdheader" in cols else "''"
                got = con.execute(
                    f"SELECT count(*), count(DISTINCT {_teks('kdsatker')}), "
                    f"coalesce(sum({_rp('jumlah')}) FILTER (WHERE {hdr} NOT IN ('1', '2')), 0) "
                    f'FROM "{nama}"'
                ).fetchone()
                assert got is not None
                if versi == "menjadi":
                    ringkas.baris, ringkas.satker, ringkas.jumlah = int(got[0]), int(got[1]), int(got[2])
                else:
                    ringkas.baris_semula, ringkas.jumlah_semula = int(got[0]), int(got[2])
            con.execute(f'DROP TABLE "{nama}"')
    return ringkas


def muat_semua(
    inputs: list[tuple[str, Path]],
    keluar: Path,
    maju: Callable[[str, int, int], None] | None = None,
    workers: int | None = None,
) -> Iterator[Ringkasan]:
    """Load every archive of ``inputs`` (``(tahap, path)``; a path may be a folder of
    archives) into ``keluar``, one archive at a time in each of ``workers`` processes (by
    default two on a machine of two cores or more), in input order; ``maju(arsip, done,
    total)`` is told as each is read."""
    archives = [(tahap, a) for tahap, p in inputs for a in arsip_dari(p)]
    if not archives:
        raise InputError(N_("no ADK archive in it"), file=", ".join(str(p) for _, p in inputs))
    workers = min(workers or pekerja_bawaan(), len(archives))
    if maju:
        maju(archives[0][1].name, 0, len(archives))
    if workers > 1:
        hasil = peta(_muat_satu, [(tahap, a, keluar) for tahap, a in archives], workers)
    else:
        hasil = _muat_di_sini(archives, keluar)
    for i, r in enumerate(hasil, start=1):
        if maju:
            maju(archives[i][1].name if i < len(archives) else "", i, len(archives))
        yield r


def _koneksi(threads: int | None = None) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = true")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    return con


def _muat_di_sini(archives: list[tuple[str, Path]], keluar: Path) -> Iterator[Ringkasan]:
    """Load the archives in this process, with one connection."""
    con = _koneksi()
    try:
        with tempfile.TemporaryDirectory(prefix="anggaran-muat-") as tmp:
            for tahap, a in archives:
                yield muat_adk(con, a, tahap, keluar, Path(tmp))
    finally:
        con.close()


#: a worker process's DuckDB connection, kept for every archive it loads
_con: duckdb.DuckDBPyConnection | None = None


def _muat_satu(tugas: tuple[str, Path, Path]) -> Ringkasan:
    """Load one archive in a worker process (``tahap``, its path, the output folder);
    DuckDB keeps to one thread there, the other processes having the other cores."""
    global _con
    tahap, path, keluar = tugas
    if _con is None:
        _con = _koneksi(threads=1)
    with tempfile.TemporaryDirectory(prefix="anggaran-muat-") as tmp:
        return muat_adk(_con, path, tahap, keluar, Path(tmp))
