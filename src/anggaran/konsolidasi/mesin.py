"""The engines that run a consolidation's queries: DuckDB, embedded (the default), and
Apache Spark (for a cluster; local mode on one machine).

Every query is written once, in DuckDB's SQL, over the views ``item``, ``akun``, ``kro``,
``ro`` and ``trktrm`` (one per dataset of :mod:`.skema`, the partition columns ``tahun``
and ``tahap`` included). Spark runs the same text transpiled by sqlglot
(``sqlglot.transpile(q, read="duckdb", write="spark")``): one copy of every query, two
engines. Both answer a list of rows as tuples of Python values (text, ``int``, ``Decimal``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
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


def _kosong_sql(dataset: str) -> str:
    cols = ", ".join(f"CAST(NULL AS {t}) AS {n}" for n, t in skema.DATASET[dataset])
    return f"SELECT {cols} WHERE false"


class DuckMesin:
    """DuckDB over the Parquet files of a consolidation (read in place, nothing copied)."""

    nama = "duckdb"

    def __init__(self, folder: Path, memory_limit: str | None = None, threads: int | None = None) -> None:
        import duckdb

        periksa_folder(folder)
        self.folder = folder
        self.con = duckdb.connect()
        if memory_limit:
            self.con.execute(f"SET memory_limit = '{memory_limit}'")
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        for dataset in skema.DATASET:
            if _ada(folder, dataset):
                glob = str(folder / dataset / "**" / "*.parquet").replace("'", "''")
                self.con.execute(
                    f"CREATE VIEW {dataset} AS SELECT * FROM read_parquet('{glob}', "
                    "hive_partitioning = true, hive_types_autocast = false, union_by_name = true)"
                )
            else:
                self.con.execute(f"CREATE VIEW {dataset} AS {_kosong_sql(dataset)}")

    def sql(self, query: str) -> list[Baris]:
        return self.con.execute(query).fetchall()

    def kolom(self, query: str) -> tuple[list[str], list[Baris]]:
        cur = self.con.execute(query)
        return [d[0] for d in cur.description or ()], cur.fetchall()

    def close(self) -> None:
        self.con.close()


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


class SparkMesin:
    """Apache Spark over the same Parquet files: a local session by default
    (``local[*]``), or the ``spark`` session given (a cluster's)."""

    nama = "spark"

    def __init__(self, folder: Path, spark: Any = None, master: str = "local[2]") -> None:
        periksa_folder(folder)
        if spark is None:
            from pyspark.sql import SparkSession

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
            spark.sparkContext.setLogLevel("ERROR")
        self.spark = spark
        for dataset in skema.DATASET:
            if _ada(folder, dataset):
                df = spark.read.option("basePath", str(folder / dataset)).parquet(str(folder / dataset))
            else:
                df = spark.sql(ke_spark(_kosong_sql(dataset)))
            df.createOrReplaceTempView(dataset)

    def sql(self, query: str) -> list[Baris]:
        return [tuple(r) for r in self.spark.sql(ke_spark(query)).collect()]

    def kolom(self, query: str) -> tuple[list[str], list[Baris]]:
        df = self.spark.sql(ke_spark(query))
        return list(df.columns), [tuple(r) for r in df.collect()]

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
