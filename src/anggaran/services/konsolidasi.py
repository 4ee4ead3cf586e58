"""Consolidation at national scale: many archives (or documents, or the store's versions)
into one folder of Parquet datasets, rolled up at every level and checked by set-based
queries, then cut and compared (``anggaran consolidate``, ``anggaran query``, the web's
consolidation page and ``/api/v1/agregat/``).

The folder a consolidation writes (``OUT``):

- ``item/``, ``akun/``, ``kro/``, ``ro/``, ``trktrm/``: the datasets (:mod:`anggaran.konsolidasi.skema`),
  Parquet, partitioned by year and stage;
- ``rekap/<level>.csv`` and ``.parquet``: the totals per level (K/L, unit, satker, program,
  kegiatan, KRO, RO, komponen, akun, jenis belanja, sumber dana, provinsi, kab/kota, KPPN),
  and ``rekap/pohon.parquet``: every node of every satker with its total (in no particular
  order);
- ``temuan.csv`` and ``.parquet``: the findings of every satker;
- ``konsolidasi.xlsx``: the summary, the totals per level and the findings, in one workbook;
- ``konsolidasi.json``: what was read (archives, satkers, lines, totals) and when.

The folder is written beside its place under a temporary name and renamed at the end: all
of it or nothing. A folder that is not a consolidation is never written over, nor one
that holds an input.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from anggaran import __version__
from anggaran.core.errors import InputError, WriteError
from anggaran.core.findings import N_, Finding
from anggaran.core.lingkup import Lingkup
from anggaran.konsolidasi import agregat as ag
from anggaran.konsolidasi import mesin as ms
from anggaran.konsolidasi import muat, pohon, skema
from anggaran.services import interrupts

Maju = Callable[[str, int, int], None]

#: the file that marks a folder as a consolidation
PENANDA = "konsolidasi.json"
#: the default stage of an input that names none
TAHAP_BAWAAN = "adk"


@dataclass(frozen=True, slots=True)
class Masukan:
    """An input of a consolidation: a stage label and a path (``dipa=arsip.zip``)."""

    tahap: str
    path: Path

    @classmethod
    def baca(cls, text: str) -> Masukan:
        """``LABEL=PATH`` or ``PATH`` (stage :data:`TAHAP_BAWAAN`)."""
        label, sep, rest = text.partition("=")
        if sep and muat.LABEL.fullmatch(label) and not Path(text).exists():
            return cls(label, Path(rest))
        return cls(TAHAP_BAWAAN, Path(text))


@dataclass(slots=True)
class Konsolidasi:
    """What a consolidation read, found and wrote."""

    folder: Path
    arsip: list[muat.Ringkasan] = field(default_factory=list)
    rekap: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = field(default_factory=dict)
    temuan: list[tuple[str, Finding]] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def satker(self) -> int:
        return sum(a.satker for a in self.arsip)

    @property
    def baris(self) -> int:
        return sum(a.baris for a in self.arsip)

    @property
    def jumlah(self) -> int:
        return sum(a.jumlah for a in self.arsip)

    def to_dict(self) -> dict[str, Any]:
        return {
            "folder": str(self.folder),
            "satker": self.satker,
            "baris": self.baris,
            "jumlah": self.jumlah,
            "arsip": [
                {
                    "arsip": a.arsip,
                    "tahun": a.tahun,
                    "tahap": a.tahap,
                    "satker": a.satker,
                    "baris": a.baris,
                    "jumlah": a.jumlah,
                    "baris_semula": a.baris_semula,
                    "jumlah_semula": a.jumlah_semula,
                }
                for a in self.arsip
            ],
            "temuan": {
                "error": sum(1 for _, f in self.temuan if f.severity.value == "error"),
                "warning": sum(1 for _, f in self.temuan if f.severity.value == "warning"),
                "info": sum(1 for _, f in self.temuan if f.severity.value == "info"),
            },
        }


def is_konsolidasi(path: Path) -> bool:
    """Whether ``path`` is a folder a consolidation wrote."""
    return path.is_dir() and (path / PENANDA).is_file()


def _periksa_keluar(keluar: Path, inputs: Sequence[Masukan]) -> None:
    periksa_folder_keluar(
        keluar,
        inputs,
        is_konsolidasi,
        N_("the folder exists and is not a consolidation: it is not written over"),
        N_("the folder holds or is inside the input {masukan}: an input is never written over"),
    )


def _dokumen(m: Masukan) -> bool:
    """Whether ``m`` is a single document rather than an ADK archive or folder."""
    from anggaran.services.masukan import is_adk

    return m.path.is_file() and not is_adk(m.path)


def _muat(inputs: Sequence[Masukan], tmp: Path, maju: Maju | None) -> list[muat.Ringkasan]:
    from anggaran.services.masukan import open_input

    out: list[muat.Ringkasan] = []
    adk = [(m.tahap, m.path) for m in inputs if not _dokumen(m)]
    for m in inputs:
        if not m.path.exists():
            raise InputError(N_("no file or folder of this name"), file=str(m.path))
    if adk:
        out.extend(muat.muat_semua(adk, tmp, maju))
    for m in (m for m in inputs if _dokumen(m)):
        inp = open_input(m.path)
        trees = [(c.tree, m.tahap, "menjadi") for c in inp.satker]
        nama = m.path.stem
        pohon.muat_pohon(trees, tmp, nama)
        t = inp.satker[0].tree
        out.append(
            muat.Ringkasan(
                nama,
                str(t.dokumen.tahun_anggaran),
                m.tahap,
                satker=len(trees),
                baris=sum(1 for c in inp.satker for _ in c.tree.detail()),
                jumlah=sum(c.tree.jumlah().jumlah for c in inp.satker),
            )
        )
    return out


#: a sum of rupiah or of lines as a 64-bit whole number: DuckDB sums BIGINT into a 128-bit
#: HUGEINT, which its Parquet writer stores as a DOUBLE (money must never be a float; a
#: national total is far below 2^63; past it, DuckDB and Spark's ANSI mode, its default
#: since Spark 4, raise instead of rounding)
_BIGINT = "CAST({} AS BIGINT)"


def rekap_sql(level: str) -> str:
    """The totals of ``level`` (one of :data:`skema.LEVEL`) for every year, stage and
    version."""
    keys = ", ".join(skema.LEVEL[level])
    # the satkers counted as the groups of a first sum per satker (a third cheaper than
    # count(DISTINCT satker) on DuckDB)
    per_satker = (
        f"SELECT tahun, tahap, versi, {keys}, satker, sum(jumlah) AS jumlah, sum(baris) AS baris FROM kubus "
        f"GROUP BY tahun, tahap, versi, {keys}, satker"
    )
    return (
        f"SELECT tahun, tahap, versi, {keys}, {_BIGINT.format('sum(jumlah)')} AS jumlah, "
        f"{_BIGINT.format('sum(baris)')} AS baris, count(*) AS jumlah_satker FROM ({per_satker}) AS s "
        f"GROUP BY tahun, tahap, versi, {keys} ORDER BY tahun, tahap, versi, {keys}"
    )


#: the nodes of every satker's tree, outermost first: their totals in one roll-up
POHON = ("program", "kegiatan", "kro", "ro", "komponen", "sub_komponen", "akun")


def pohon_sql(urut: bool = True) -> str:
    """Every node of every satker's tree (satker, program, …, akun) with its total, over
    all satkers at once (``kedalaman`` says how deep the row is: 0 the satker's total, 7
    an akun; the codes below it are NULL): each depth summed from the one below it (the
    akun from the cube), a roll-up of a few rows per node instead of every cube row
    summed again at every depth (25,000 satkers: 1.3 s against ``GROUP BY ROLLUP``'s 3.8).
    ``urut``: in the tree's order (satker, then its nodes outermost first); without it the
    rows come in no particular order (sorting 5 million nodes costs more than summing
    them)."""
    kunci = "tahun, tahap, versi, satker"
    parts = []
    for d in range(len(POHON), -1, -1):
        keys = ", ".join([kunci, *POHON[:d]])
        nulls = "".join(f", CAST(NULL AS VARCHAR) AS {k}" for k in POHON[d:])
        src = "kubus" if d == len(POHON) else f"p{d + 1}"
        parts.append(
            f"p{d} AS (SELECT {keys}{nulls}, {d} AS kedalaman, {_BIGINT.format('sum(jumlah)')} AS jumlah, "
            f"{_BIGINT.format('sum(baris)')} AS baris FROM {src} GROUP BY {keys})"
        )
    q = (
        "WITH "
        + ", ".join(parts)
        + " "
        + " UNION ALL ".join(f"SELECT * FROM p{d}" for d in range(len(POHON) + 1))
    )
    if urut:
        q = f"SELECT * FROM ({q}) AS p ORDER BY {kunci}, {', '.join(f'{k} NULLS FIRST' for k in POHON)}"
    return q


def rekap(mesin: ms.Mesin) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """The totals per level of the consolidation ``mesin`` (level → columns, rows)."""
    return {level: mesin.kolom(rekap_sql(level)) for level in skema.LEVEL}


#: the set-based rules a consolidation leaves out: KODE_TANPA_NAMA says that a code has no
#: name in the references loaded (about the reference, not the budget); nationally it is
#: hundreds of thousands of infos (731,982 on the generated 25,000 satkers), which
#: `anggaran referensi missing` lists once per code instead
TANPA = frozenset({"KODE_TANPA_NAMA"})


def temuan(mesin: ms.Mesin) -> list[tuple[str, Finding]]:
    """The findings of every satker by the set-based rules but :data:`TANPA` (satker,
    finding)."""
    from anggaran.konsolidasi import aturan

    ids = [i for i in aturan.RULES_SET if i not in TANPA]
    return [(t.satker, t.temuan) for t in aturan.temuan(mesin, aturan=ids)]


def _tulis_csv(path: Path, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(columns)
        w.writerows(rows)


def _temuan_rows(found: Sequence[tuple[str, Finding]], lang: str) -> tuple[list[str], list[list[Any]]]:
    from anggaran import i18n

    cols = ["satker", "rule", "severity", "path", "file", "line", "message"]
    rows = [
        [
            s,
            f.rule,
            f.severity.value,
            f.path,
            f.source.file if f.source else "",
            (f.source.line if f.source else None) or "",
            i18n.message(f, lang),
        ]
        for s, f in found
    ]
    return cols, rows


def _tulis(k: Konsolidasi, mesin: ms.Mesin, tmp: Path, lang: str) -> None:
    import xlsxwriter

    (tmp / "rekap").mkdir(exist_ok=True)
    duck = getattr(mesin, "con", None)
    for level, (cols, rows) in k.rekap.items():
        _tulis_csv(tmp / "rekap" / f"{level}.csv", cols, rows)
        if duck is not None:
            duck.execute(
                f"COPY ({rekap_sql(level)}) TO '{tmp / 'rekap' / (level + '.parquet')}' (FORMAT parquet)"
            )
    if duck is not None:
        duck.execute(
            f"COPY ({pohon_sql(urut=False)}) TO '{tmp / 'rekap' / 'pohon.parquet'}' (FORMAT parquet)"
        )
    tcols, trows = _temuan_rows(k.temuan, lang)
    _tulis_csv(tmp / "temuan.csv", tcols, trows)
    if duck is not None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(
            pa.table({c: [str(r[i]) for r in trows] for i, c in enumerate(tcols)}), tmp / "temuan.parquet"
        )
    wb = xlsxwriter.Workbook(str(tmp / "konsolidasi.xlsx"), {"constant_memory": True})
    bold = wb.add_format({"bold": True})
    rp = wb.add_format({"num_format": "#,##0"})
    ws = wb.add_worksheet("ringkasan")
    head = ["arsip", "tahun", "tahap", "satker", "baris", "jumlah", "baris_semula", "jumlah_semula"]
    ws.write_row(0, 0, head, bold)
    for i, a in enumerate(k.arsip, start=1):
        ws.write_row(i, 0, [a.arsip, a.tahun, a.tahap, a.satker, a.baris])
        ws.write_number(i, 5, a.jumlah, rp)
        ws.write_number(i, 6, a.baris_semula)
        ws.write_number(i, 7, a.jumlah_semula, rp)
    ws.set_column(0, 0, 32)
    ws.set_column(5, 7, 20)
    for level, (cols, rows) in k.rekap.items():
        ws = wb.add_worksheet(level[:31])
        ws.write_row(0, 0, cols, bold)
        ws.freeze_panes(1, 0)
        for i, r in enumerate(rows[:1_048_575], start=1):
            for j, v in enumerate(r):
                if cols[j] == "jumlah":
                    ws.write_number(i, j, int(v), rp)
                elif isinstance(v, int):
                    ws.write_number(i, j, v)
                else:
                    ws.write_string(i, j, "" if v is None else str(v))
        ws.set_column(0, len(cols), 14)
    ws = wb.add_worksheet("temuan")
    ws.write_row(0, 0, tcols, bold)
    ws.freeze_panes(1, 0)
    for i, tr in enumerate(trows[:1_048_575], start=1):
        ws.write_row(i, 0, [str(v) for v in tr])
    ws.set_column(0, 5, 14)
    ws.set_column(6, 6, 90)
    wb.close()
    meta: dict[str, Any] = {
        "anggaran": __version__,
        "dibuat": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        **k.to_dict(),
    }
    meta["folder"] = str(k.folder)
    (tmp / PENANDA).write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


@contextmanager
def folder_baru(keluar: Path) -> Iterator[Path]:
    """A folder beside ``keluar`` to write into. When the block ends normally it takes
    the place of ``keluar`` whole (an earlier folder there is removed; Ctrl-C is held for
    the two renames); else it is removed: all of ``keluar`` or none of it."""
    keluar.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{keluar.name}.", dir=keluar.parent))
    try:
        yield tmp
        with interrupts.held():
            old = None
            if keluar.exists():
                old = keluar.with_name(f".{keluar.name}.lama-{uuid.uuid4().hex[:8]}")
                os.replace(keluar, old)
            os.replace(tmp, keluar)
            interrupts.mark_committed()
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def periksa_folder_keluar(
    keluar: Path, inputs: Sequence[Masukan], milik: Callable[[Path], bool], bukan: str, memuat: str
) -> None:
    """Raise WriteError unless ``keluar`` may be replaced: missing, empty, or a folder
    ``milik`` says this command wrote (else the message ``bukan``); and neither an input
    nor inside one, nor holding one (the message ``memuat``, with ``{masukan}``)."""
    if keluar.exists() and not milik(keluar):
        if not keluar.is_dir() or any(keluar.iterdir()):
            raise WriteError(bukan, file=str(keluar), folder=str(keluar))
    out = keluar.resolve()
    for m in inputs:
        p = m.path.resolve()
        if p == out or out in p.parents or p in out.parents:
            raise WriteError(memuat, file=str(keluar), folder=str(keluar), masukan=str(m.path))


def konsolidasi(
    inputs: Sequence[Masukan], keluar: Path, maju: Maju | None = None, lang: str = "id"
) -> Konsolidasi:
    """Consolidate ``inputs`` into the folder ``keluar`` (see the module docstring): read,
    roll up, check, write; all of the folder or none of it. Raises InputError when an
    input cannot be read, WriteError when ``keluar`` may not be written."""
    _periksa_keluar(keluar, inputs)
    with folder_baru(keluar) as tmp:
        k = Konsolidasi(keluar)
        k.arsip = _muat(inputs, tmp, maju)
        ms.tulis_saji(tmp)
        m = ms.DuckMesin(tmp)
        try:
            k.rekap = rekap(m)
            k.temuan = temuan(m)
            _tulis(k, m, tmp, lang)
        finally:
            m.close()
        written = sorted(p.relative_to(tmp) for p in tmp.rglob("*") if p.is_file())
    k.files = [keluar / p for p in written]
    return k


@contextmanager
def data(
    inputs: Sequence[Masukan], maju: Maju | None = None, engine: str = "duckdb", store: Any = None
) -> Iterator[ms.Mesin]:
    """An engine over what ``inputs`` name: one consolidation folder (read in place), or
    archives and documents (consolidated first into a temporary folder), or, with no
    input, the latest version of every satker and stage in ``store``."""
    if len(inputs) == 1 and is_konsolidasi(inputs[0].path):
        m = ms.buka(inputs[0].path, engine)
        try:
            yield m
        finally:
            m.close()
        return
    for i in inputs:
        if is_konsolidasi(i.path):
            raise InputError(
                N_("a consolidation is queried alone, not with other inputs"),
                file=str(i.path),
            )
    with tempfile.TemporaryDirectory(prefix="anggaran-kueri-") as tmp:
        folder = Path(tmp)
        if inputs:
            _muat(inputs, folder, maju)
        else:
            dari_store(store, folder)
        (folder / PENANDA).write_text("{}\n", encoding="utf-8")
        if not any((folder / "item").rglob("*.parquet")) if (folder / "item").exists() else True:
            raise InputError(N_("nothing to consolidate: no satker"), file=str(folder))
        m = ms.buka(folder, engine)
        try:
            yield m
        finally:
            m.close()


def dari_store(store: Any, folder: Path) -> int:
    """Write the latest stored version of every satker, per year and stage, into
    ``folder``; the number of versions written."""
    latest: dict[tuple[str, int, str], Any] = {}
    for v in store.versions():
        latest[(v.satker, v.tahun_anggaran, v.tahap_label if v.tahap else "tanpa-tahap")] = v
    trees = ((store.load_tree(v.id), key[2], "menjadi") for key, v in sorted(latest.items()))
    return pohon.muat_pohon(trees, folder, "store")


def query(
    mesin: ms.Mesin,
    cut: str | Sequence[str] | None,
    drilldown: str | Sequence[str] | None,
    order: str | None = None,
    page: int = 1,
    page_size: int = 1000,
    lingkup: Sequence[Lingkup] | None = None,
) -> dict[str, Any]:
    """The aggregate (OpenSpending's shape) of a cut and drilldown."""
    minta = ag.Permintaan(
        ag.baca_cut(cut), ag.baca_drilldown(drilldown), ag.baca_order(order), page, page_size
    )
    return ag.agregat(mesin, minta, lingkup)


def banding(
    mesin: ms.Mesin,
    semula: str,
    menjadi: str,
    cut: str | Sequence[str] | None,
    drilldown: str | Sequence[str] | None,
    lingkup: Sequence[Lingkup] | None = None,
    limit: int = ag.PAGE_MAX,
) -> dict[str, Any]:
    """Two stages or versions compared for every satker at once (the national
    semula-menjadi): ``semula`` and ``menjadi`` as ``tahap:versi``."""
    return ag.banding(
        mesin,
        ag.Sisi.baca(semula),
        ag.Sisi.baca(menjadi),
        ag.baca_cut(cut),
        ag.baca_drilldown(drilldown),
        lingkup,
        limit,
    )


# -- the web's consolidation (the page /konsolidasi/ and /api/v1/agregat/) ----------------------

import threading  # noqa: E402  (the web's part of this module, kept apart from the rest)

#: the environment variable naming the consolidation the web application reads (a folder
#: written by `anggaran consolidate`: the national set); without it, the store's versions
WEB_ENV = "ANGGARAN_KONSOLIDASI"


@dataclass(slots=True)
class _Terbuka:
    """The engine a process keeps open on the web's folder, and how many requests use it."""

    folder: Path
    penanda: float
    mesin: ms.DuckMesin
    dipakai: int = 0
    lama: bool = False


class _Kursor(ms.DuckMesin):
    """One request's engine: the process's DuckDB engine with a cursor of its own (DuckDB
    runs one query at a time per connection; the cursors share the engine's views)."""

    def __init__(self, induk: ms.DuckMesin) -> None:  # the views are the engine's: none made again
        self.__dict__.update(induk.__dict__)
        self.con = induk.con.cursor()


_WEB_KUNCI = threading.Lock()
_WEB_BANGUN = threading.Lock()
_WEB_BUKA: list[_Terbuka] = []


def _web_bangun(store: Any, folder: Path, latest: Sequence[Any]) -> None:
    """Write the consolidation of ``latest`` (versions) with their stored findings into
    ``folder`` (all of it or nothing)."""
    import duckdb
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        dari_store(store, tmp)
        if not (tmp / "item").is_dir() or not any((tmp / "item").rglob("*.parquet")):
            (tmp / "item").mkdir(exist_ok=True)  # no satker with money: every total 0
            cols = ", ".join(f"CAST(NULL AS {t}) AS {n}" for n, t in skema.DATASET["item"])
            kosong = str(tmp / "item" / "kosong.parquet").replace("'", "''")
            with duckdb.connect() as con:
                con.execute(f"COPY (SELECT {cols} WHERE false) TO '{kosong}' (FORMAT parquet)")
        ms.tulis_saji(tmp)
        tcols, trows = _temuan_rows([(v.satker, f) for v in latest for f in store.findings(v.id)], "id")
        table = {c: pa.array([str(r[i]) for r in trows], pa.string()) for i, c in enumerate(tcols)}
        pq.write_table(pa.table(table), tmp / "temuan.parquet")
        meta = {
            "anggaran": __version__,
            "dibuat": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "sumber": "store",
            "db": store.name,
            "versi": len(latest),
            "satker": len({v.satker for v in latest}),
        }
        (tmp / PENANDA).write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        try:
            os.replace(tmp, folder)
        except OSError:  # another process made it meanwhile
            if not is_konsolidasi(folder):
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _web_store(store: Any, cache: Path) -> Path:
    """The consolidation of ``store``'s latest versions under ``cache``: its name says which
    versions it holds (the largest id, how many, and a digest of ids and contents), so a
    change in the store makes another; the one before it stays for a request reading it."""
    import hashlib

    versions = store.versions()
    latest: dict[tuple[str, int, str], Any] = {}
    for v in versions:
        latest[(v.satker, v.tahun_anggaran, v.tahap_label if v.tahap else "tanpa-tahap")] = v
    isi = hashlib.sha256("\n".join(f"{v.id} {v.fingerprint}" for v in versions).encode()).hexdigest()[:12]
    db = hashlib.sha256(str(store.url).encode()).hexdigest()[:10]
    top = max((v.id for v in versions), default=0)
    folder = cache / f"store-{db}-{top}-{len(versions)}-{isi}"
    if is_konsolidasi(folder):
        return folder
    with _WEB_BANGUN:
        if not is_konsolidasi(folder):
            _web_bangun(store, folder, list(latest.values()))
            old = sorted(
                (p for p in cache.glob(f"store-{db}-*") if p != folder and is_konsolidasi(p)),
                key=lambda p: p.stat().st_mtime,
            )
            for p in old[:-1]:
                shutil.rmtree(p, ignore_errors=True)
    return folder


def sumber_web(store: Any) -> Path:
    """The consolidation folder the web application reads: the one ``$ANGGARAN_KONSOLIDASI``
    names (the national set, read in place), else a consolidation of the latest version of
    every satker and stage in ``store`` with their stored findings, kept under the user's
    data folder (a temporary folder when that cannot be written) and made again when the
    stored versions change. Raises InputError when the folder named is no consolidation."""
    named = os.environ.get(WEB_ENV, "").strip()
    if named:
        folder = Path(named).expanduser()
        if not is_konsolidasi(folder):
            raise InputError(
                N_("not a consolidation: no konsolidasi.json in it"),
                file=named,
                expected=N_("a folder written by `anggaran consolidate`"),
            )
        return folder
    from anggaran.store.config import default_path

    try:
        return _web_store(store, default_path().parent / "konsolidasi")
    except OSError:
        return _web_store(store, Path(tempfile.gettempdir()) / "anggaran-konsolidasi")


@contextmanager
def mesin_web(store: Any) -> Iterator[tuple[ms.Mesin, Path]]:
    """An engine over :func:`sumber_web`'s folder for one request, and the folder: a cursor
    of the one DuckDB engine the process keeps open on it (opened again when the folder or
    its contents change; the one before closed when no request uses it any more)."""
    folder = sumber_web(store)
    penanda = (folder / PENANDA).stat().st_mtime
    with _WEB_KUNCI:
        buka = _WEB_BUKA[-1] if _WEB_BUKA else None
        if buka is None or buka.folder != folder or buka.penanda != penanda:
            buka = _Terbuka(folder, penanda, ms.DuckMesin(folder))
            for old in _WEB_BUKA:
                old.lama = True
                if not old.dipakai:
                    old.mesin.close()
            _WEB_BUKA[:] = [o for o in _WEB_BUKA if o.dipakai] + [buka]
        buka.dipakai += 1
        kursor = _Kursor(buka.mesin)
    try:
        yield kursor, folder
    finally:
        kursor.close()
        with _WEB_KUNCI:
            buka.dipakai -= 1
            if buka.lama and not buka.dipakai:
                buka.mesin.close()
                _WEB_BUKA.remove(buka)


def sisi_web(
    mesin: ms.Mesin, lingkup: Sequence[Lingkup] | None
) -> tuple[list[tuple[str, str, int]], dict[tuple[tuple[str, str], tuple[str, str]], int], int]:
    """What the satkers within ``lingkup`` hold: the stages and versions (tahap, versi, how
    many satkers), how many satkers each two of them have in common, and how many satkers
    there are."""
    scope = f"tingkat = 0 AND {ag.lingkup_sql(lingkup)}"
    rows = mesin.sql(
        f"WITH s AS (SELECT DISTINCT tahap, versi, satker FROM item WHERE {scope}) "
        "SELECT a.tahap, a.versi, b.tahap, b.versi, count(*) FROM s a JOIN s b ON a.satker = b.satker "
        "GROUP BY ALL ORDER BY ALL"
    )
    sisi = [(str(r[0]), str(r[1]), int(r[4])) for r in rows if (r[0], r[1]) == (r[2], r[3])]
    bersama = {((str(r[0]), str(r[1])), (str(r[2]), str(r[3]))): int(r[4]) for r in rows}
    n = mesin.sql(f"SELECT count(DISTINCT satker) FROM item WHERE {scope}")
    return sisi, bersama, int(n[0][0]) if n else 0


def temuan_web(
    mesin: ms.Mesin, folder: Path, lingkup: Sequence[Lingkup] | None, limit: int = 10
) -> list[dict[str, Any]]:
    """The satkers within ``lingkup`` with the most errors, then warnings, among the
    findings of the consolidation at ``folder`` (``temuan.parquet``): satker, nama, galat,
    peringatan, aturan (the rules of its errors, else of its warnings)."""
    path = folder / "temuan.parquet"
    if not path.is_file():
        return []
    src = str(path).replace("'", "''")
    rows = mesin.sql(
        "SELECT satker, count(*) FILTER (WHERE severity = 'error') AS galat, "
        "count(*) FILTER (WHERE severity = 'warning') AS peringatan, "
        "list(DISTINCT rule ORDER BY rule) FILTER (WHERE severity = 'error'), "
        "list(DISTINCT rule ORDER BY rule) FILTER (WHERE severity = 'warning') "
        f"FROM read_parquet('{src}') WHERE CAST(satker AS VARCHAR) IN "
        f"(SELECT DISTINCT satker FROM item WHERE {ag.lingkup_sql(lingkup)}) "
        "GROUP BY satker HAVING galat + peringatan > 0 "
        f"ORDER BY galat DESC, peringatan DESC, satker LIMIT {int(limit)}"
    )
    from anggaran.reference import referensi

    return [
        {
            "satker": str(s),
            "nama": referensi().nama("satker", str(s)),
            "galat": int(g),
            "peringatan": int(p),
            "aturan": list(rg or rp or []),
        }
        for s, g, p, rg, rp in rows
    ]
