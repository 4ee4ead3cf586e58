"""The engines that run a consolidation's queries: DuckDB, embedded (the default), and
Apache Spark (for a cluster; local mode on one machine).

Every query is written once, in DuckDB's SQL, over the views ``item``, ``akun``, ``kro``,
``ro`` and ``trktrm`` (one per dataset of :mod:`.skema`, the partition columns ``tahun``
and ``tahap`` included) and ``kubus`` (the lines summed per every dimension,
:data:`skema.KUBUS`: a table of the consolidation's ``konsolidasi.duckdb`` when it has
one, else the view). Spark runs the same text transpiled by sqlglot
(``sqlglot.transpile(q, read="duckdb", write="spark")``): one copy of every query, two
engines. Both answer a list of rows as tuples of Python values (text, ``int``, ``Decimal``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from anggaran.core.errors import InputError
from anggaran.core.findings import N_
from anggaran.konsolidasi import skema

Baris = tuple[Any, ...]


class Mesin(Protocol):
    """What runs a query over a consolidation."""

    nama: str

    def sql(self, query: str) -> list[Baris]:
        """The rows ``query`` (DuckDB's SQL over the datasets' views) answers."""
        ...

    def kolom(self, query: str) -> tuple[list[str], list[Baris]]:
        """The column names and rows of ``query``."""
        ...

    def daftar_tabel(
        self, nama: str, kolom: Sequence[tuple[str, str]], rows: Iterable[Sequence[Any]]
    ) -> None:
        """Register a small table ``nama`` for the queries to join (a reference table):
        ``kolom`` its columns as (name, DuckDB type), ``rows`` its rows; one of that name is
        replaced."""
        ...

    def simpan(self, nama: str, query: str) -> None:
        """Keep the rows of ``query`` as the table ``nama`` for the next queries to read (a
        step several queries share, computed once); one of that name is replaced."""
        ...

    def lepas(self, nama: str) -> None:
        """Let go of the table ``nama`` :meth:`simpan` kept or :meth:`daftar_tabel`
        registered (its memory); none of that name is no error."""
        ...

    def close(self) -> None: ...


def _ada(folder: Path, dataset: str) -> bool:
    return any((folder / dataset).rglob("*.parquet"))


def periksa_folder(folder: Path) -> None:
    """Raise InputError unless ``folder`` holds a consolidation (an ``item`` dataset)."""
    if not folder.is_dir() or not _ada(folder, "item"):
        raise InputError(
            N_("not a consolidation: no Parquet files under item/"),
            file=str(folder),
            expected=N_("a folder written by `anggaran consolidate`"),
        )


#: the DuckDB file a consolidation keeps its cube in (``kubus``), for quick answers
SAJI = "konsolidasi.duckdb"


def tulis_saji(folder: Path) -> Path:
    """Build the cube of the consolidation at ``folder`` into its DuckDB file (replacing
    it); the file's path."""
    import duckdb

    target = folder / SAJI
    tmp = folder / f".{SAJI}.baru"
    tmp.unlink(missing_ok=True)
    glob = str(folder / "item" / "**" / "*.parquet").replace("'", "''")
    con = duckdb.connect(str(tmp))
    try:
        con.execute(
            f"CREATE VIEW item AS SELECT * FROM read_parquet('{glob}', hive_partitioning = true, "
            "hive_types_autocast = false)"
        )
        con.execute(f"CREATE TABLE kubus AS {skema.KUBUS} ORDER BY satker")
        con.execute("DROP VIEW item")
    finally:
        con.close()
    os.replace(tmp, target)
    return target


def _kosong_sql(dataset: str) -> str:
    cols = ", ".join(f"CAST(NULL AS {t}) AS {n}" for n, t in skema.DATASET[dataset])
    return f"SELECT {cols} WHERE false"


def _values_sql(kolom: Sequence[tuple[str, str]], rows: Iterable[Sequence[Any]]) -> str:
    """A query (DuckDB's SQL) of the constant rows ``rows`` with the columns ``kolom``
    (name, DuckDB type): a small table written out as a VALUES list."""
    from sqlglot import exp

    def nilai(v: Any) -> str:
        return "NULL" if v is None else str(exp.convert(v).sql("duckdb"))

    data = [tuple(r) for r in rows]
    if not data:
        return "SELECT " + ", ".join(f"CAST(NULL AS {t}) AS {n}" for n, t in kolom) + " WHERE false"
    cols = ", ".join(f"CAST(c{i} AS {t}) AS {n}" for i, (n, t) in enumerate(kolom))
    names = ", ".join(f"c{i}" for i in range(len(kolom)))
    values = ", ".join("(" + ", ".join(nilai(v) for v in r) + ")" for r in data)
    return f"SELECT {cols} FROM (VALUES {values}) AS t({names})"


#: what DuckDB may hold in memory by default; past it, it writes to a temporary folder (the
#: rules' node table of 25,000 satkers: 3.9 GB unbounded, 1.9 GB so, 4 s slower)
BATAS_MEMORI = "2GB"


class DuckMesin:
    """DuckDB over the Parquet files of a consolidation (read in place, nothing copied);
    ``memory_limit``: what DuckDB may hold in memory (:data:`BATAS_MEMORI`), the rest goes
    to a temporary folder of its own, removed on :meth:`close`."""

    nama = "duckdb"

    def __init__(
        self, folder: Path, memory_limit: str | None = BATAS_MEMORI, threads: int | None = None
    ) -> None:
        import duckdb

        periksa_folder(folder)
        self.folder = folder
        self.con = duckdb.connect()
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if memory_limit:
            self._tmp = tempfile.TemporaryDirectory(prefix="anggaran-duckdb-")
            self.con.execute(f"SET temp_directory = '{self._tmp.name}'")
            self.con.execute(f"SET memory_limit = '{memory_limit}'")
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        for dataset in skema.DATASET:
            if _ada(folder, dataset):
                glob = str(folder / dataset / "**" / "*.parquet").replace("'", "''")
                self.con.execute(
                    f"CREATE VIEW {dataset} AS SELECT * FROM read_parquet('{glob}', "
                    "hive_partitioning = true, hive_types_autocast = false)"
                )
            else:
                self.con.execute(f"CREATE VIEW {dataset} AS {_kosong_sql(dataset)}")
        saji = folder / SAJI
        if saji.is_file():
            path = str(saji).replace("'", "''")
            self.con.execute(f"ATTACH '{path}' AS saji (READ_ONLY)")
            self.con.execute("CREATE VIEW kubus AS SELECT * FROM saji.kubus")
        else:
            self.con.execute(f"CREATE VIEW kubus AS {skema.KUBUS}")

    def sql(self, query: str) -> list[Baris]:
        return self.con.execute(query).fetchall()

    def kolom(self, query: str) -> tuple[list[str], list[Baris]]:
        cur = self.con.execute(query)
        return [d[0] for d in cur.description or ()], cur.fetchall()

    def daftar_tabel(
        self, nama: str, kolom: Sequence[tuple[str, str]], rows: Iterable[Sequence[Any]]
    ) -> None:
        self.con.execute(f'CREATE OR REPLACE TEMP TABLE "{nama}" AS {_values_sql(kolom, rows)}')

    def simpan(self, nama: str, query: str) -> None:
        self.con.execute(f'CREATE OR REPLACE TEMP TABLE "{nama}" AS {query}')

    def lepas(self, nama: str) -> None:
        self.con.execute(f'DROP TABLE IF EXISTS "{nama}"')

    def close(self) -> None:
        self.con.close()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None


@cache
def ke_spark(query: str) -> str:
    """``query`` (DuckDB's SQL) as Spark SQL, by sqlglot."""
    import sqlglot

    return str(sqlglot.transpile(query, read="duckdb", write="spark")[0])


def spark_tersedia() -> str | None:
    """Why Spark cannot run here (None when it can): pyspark and a Java runtime."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install 'anggaran[spark]')"
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        return "no Java runtime (Debian: apt-get install default-jre-headless)"
    return None


def sesi_spark(master: str = "local[2]") -> Any:
    """A Spark session for Anggaran's queries: local mode on ``master``'s cores, no web UI,
    partition values kept as text (``tahun=2026`` stays ``"2026"``, as codes do)."""
    import signal
    import threading

    from pyspark.sql import SparkSession

    # Starting a SparkContext replaces the Ctrl-C handler with one of its own; Anggaran's
    # (the default, which its writes hold until a file is whole: issue 4) is put back.
    handler = signal.getsignal(signal.SIGINT)
    spark = (
        SparkSession.builder.master(master)
        .appName("anggaran")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    if threading.current_thread() is threading.main_thread() and handler is not None:
        signal.signal(signal.SIGINT, handler)
    spark.sparkContext.setLogLevel("ERROR")
    return spark


#: which engine's views a Spark session holds now (session id → engine id)
_PEMILIK: dict[int, int] = {}


class SparkMesin:
    """Apache Spark over the same Parquet files: a local session by default
    (``local[*]``), or the ``spark`` session given (a cluster's)."""

    nama = "spark"

    def __init__(self, folder: Path, spark: Any = None, master: str = "local[2]") -> None:
        periksa_folder(folder)
        self.folder = folder
        self.spark = spark if spark is not None else sesi_spark(master)
        #: the tables ``simpan`` keeps (cached), by name
        self._simpanan: dict[str, Any] = {}
        self._daftar()

    def _daftar(self) -> None:
        """Register this folder's datasets as the session's views (a session has one set of
        views: an engine that finds another's in place registers its own again)."""
        for dataset in skema.DATASET:
            if _ada(self.folder, dataset):
                path = str(self.folder / dataset)
                df = self.spark.read.option("basePath", path).parquet(path)
            else:
                df = self.spark.sql(ke_spark(_kosong_sql(dataset)))
            df.createOrReplaceTempView(dataset)
        self.spark.sql(ke_spark(skema.KUBUS)).createOrReplaceTempView("kubus")
        _PEMILIK[id(self.spark)] = id(self)

    def _df(self, query: str) -> Any:
        if _PEMILIK.get(id(self.spark)) != id(self):
            self._daftar()
        return self.spark.sql(ke_spark(query))

    def sql(self, query: str) -> list[Baris]:
        return [tuple(r) for r in self._df(query).collect()]

    def kolom(self, query: str) -> tuple[list[str], list[Baris]]:
        df = self._df(query)
        return list(df.columns), [tuple(r) for r in df.collect()]

    def daftar_tabel(
        self, nama: str, kolom: Sequence[tuple[str, str]], rows: Iterable[Sequence[Any]]
    ) -> None:
        # a VALUES list: a local relation the planner sees whole (a DataFrame made from Python
        # rows is an RDD every query scans again)
        self.spark.sql(ke_spark(_values_sql(kolom, rows))).createOrReplaceTempView(nama)

    def simpan(self, nama: str, query: str) -> None:
        old = self._simpanan.pop(nama, None)
        if old is not None:
            old.unpersist()
        df = self._df(query).cache()
        df.count()  # computed now, while what it reads is there (it may be let go of next)
        df.createOrReplaceTempView(nama)
        self._simpanan[nama] = df

    def lepas(self, nama: str) -> None:
        old = self._simpanan.pop(nama, None)
        if old is not None:
            old.unpersist()
        self.spark.catalog.dropTempView(nama)

    def close(self) -> None:
        return None


def buka(folder: Path, engine: str = "duckdb", **opsi: Any) -> Mesin:
    """The engine ``engine`` (``duckdb`` or ``spark``) over the consolidation at ``folder``."""
    if engine == "spark":
        sebab = spark_tersedia()
        if sebab:
            raise InputError(N_("Spark cannot run here: {sebab}"), file=str(folder), sebab=sebab)
        return SparkMesin(folder, **opsi)
    return DuckMesin(folder, **opsi)


def satu(mesin: Mesin, query: str, params: Sequence[Any] = ()) -> Baris:
    """The one row ``query`` answers."""
    rows = mesin.sql(query)
    return rows[0] if rows else ()
