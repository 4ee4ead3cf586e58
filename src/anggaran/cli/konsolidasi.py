"""``anggaran consolidate`` and ``anggaran query``: many satkers at once, as columns."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from anggaran import i18n
from anggaran.cli.common import (
    clean,
    console_out,
    lang_option,
    maju_arsip,
    print_findings,
    progress,
    translator,
)
from anggaran.core.findings import Severity
from anggaran.services import konsolidasi as svc


def _inputs(values: tuple[str, ...]) -> list[svc.Masukan]:
    return [svc.Masukan.baca(v) for v in values]


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="[TAHAP=]INPUT...")
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder to write the consolidation into (replaced when it holds an earlier one).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option
def consolidate(inputs: tuple[str, ...], out_dir: Path, fmt: str, lang: str) -> None:
    """Consolidate many satkers into one folder of Parquet datasets, with the totals at
    every level and the findings of every satker.

    INPUT is a SAKTI ADK archive (folder, .zip or .rar), a folder of archives (as
    `anggaran generate` writes), or a single document (JSON, PDF, text, XLSX). Prefix it
    with a stage label to tell versions apart: `dipa=1d01.zip revisi-1=2d01.zip` (default
    stage: adk). An archive's m_* tables are kept as version `semula` of its stage.

    Writes OUT/item, akun, kro, ro, trktrm (Parquet, partitioned by year and stage),
    OUT/rekap/<level>.csv and .parquet (totals per K/L, unit, satker, program, kegiatan,
    KRO, RO, komponen, akun, jenis belanja, sumber dana, provinsi, kab/kota, KPPN),
    OUT/rekap/pohon.parquet (every node of every satker, in no particular order),
    OUT/temuan.csv and .parquet (the findings), OUT/konsolidasi.xlsx and
    OUT/konsolidasi.json. Exit 1 when a satker has an
    error finding (everything is written all the same), 2 when an input cannot be read or
    OUT may not be written (nothing is written; a folder that is not a consolidation is
    never replaced), 130 when interrupted (all of OUT or none of it).
    """
    _ = translator(lang)
    with progress() as bar:
        maju = maju_arsip(bar, lang)
        k = svc.konsolidasi(_inputs(inputs), out_dir, maju, lang)
    out = console_out()
    if fmt == "json":
        out.print_json(json.dumps(k.to_dict(), ensure_ascii=False))
    else:
        out.print(
            clean(
                _(
                    "{n} archives, {satker:n} satker, {baris:n} lines, total {jumlah:rp}",
                    n=len(k.arsip),
                    satker=k.satker,
                    baris=k.baris,
                    jumlah=k.jumlah,
                )
            ),
            style="bold",
        )
        for level in ("kl", "unit", "program", "jenis_belanja"):
            cols, rows = k.rekap[level]
            for r in rows:
                if r[2] != "menjadi":
                    continue
                codes = " ".join(str(v) for v in r[3 : 3 + len(cols) - 6])
                out.print(clean(f"  {r[1]} {level} {codes}: {i18n.rupiah(r[-3], lang)}"))
        found = [f for _s, f in k.temuan]
        print_findings(out, [f for f in found if f.severity is not Severity.INFO], lang)
        out.print(clean(i18n.summary(found, lang)), style="bold")
        out.print(clean(_("{n} files written to {folder}", n=len(k.files), folder=str(out_dir))))
    if any(f.severity is Severity.ERROR for _s, f in k.temuan):
        sys.exit(1)


def _table(columns: list[str], rows: list[list[Any]], lang: str) -> Table:
    t = Table(show_header=True, header_style="bold")
    for c in columns:
        t.add_column(c, justify="right" if c in _ANGKA else "left")
    for r in rows:
        t.add_row(*(clean(_teks(c, v, lang)) for c, v in zip(columns, r, strict=True)))
    return t


_ANGKA = {"jumlah.sum", "_count", "satker.count", "semula", "menjadi", "selisih"}


def _teks(col: str, v: Any, lang: str) -> str:
    """A cell as the command's language writes it (an amount or a count: 602.854.818.000)."""
    if v is None:
        return ""
    if col in _ANGKA:
        return i18n.number(int(v), lang)
    return str(v)


@click.command()
@click.argument("inputs", nargs=-1, metavar="[[TAHAP=]INPUT...]")
@click.option(
    "--cut",
    "cuts",
    multiple=True,
    metavar="DIM:NILAI",
    help="Keep only these: unit:015.08, "
    "provinsi:01;16 (values joined by ;), several --cut or joined by |. `=` works as `:`.",
)
@click.option(
    "--drilldown",
    "drill",
    multiple=True,
    metavar="DIM,...",
    help="Totals per these dimensions: provinsi,jenis_belanja.",
)
@click.option("--order", default=None, metavar="KEY:asc|desc", help="jumlah.sum:desc, program:asc …")
@click.option(
    "--banding",
    default=None,
    metavar="SEMULA..MENJADI",
    help="Compare two stages or versions for every satker at once: adk:semula..adk:menjadi, "
    "dipa..revisi-1 (a stage alone means its menjadi).",
)
@click.option("--page", default=1, show_default=True, type=click.IntRange(1))
@click.option("--page-size", default=1000, show_default=True, type=click.IntRange(1, 10_000))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
@click.option(
    "--engine",
    type=click.Choice(["duckdb", "spark"]),
    default="duckdb",
    show_default=True,
    help="The query engine: DuckDB embedded, or Apache Spark (pyspark and Java needed).",
)
@click.option(
    "--db",
    "db_url",
    default=None,
    metavar="URL",
    help="With no INPUT: the database whose versions are read (default: $DATABASE_URL, else the "
    "user's anggaran.sqlite3).",
)
@lang_option
def query(
    inputs: tuple[str, ...],
    cuts: tuple[str, ...],
    drill: tuple[str, ...],
    order: str | None,
    banding: str | None,
    page: int,
    page_size: int,
    fmt: str,
    engine: str,
    db_url: str | None,
    lang: str,
) -> None:
    """Totals of many satkers at any cut and drilldown, or two versions compared.

    INPUT is a consolidation folder (`anggaran consolidate`), ADK archives or folders of
    them, or documents (consolidated on the fly); with none, the latest stored version
    of every satker and stage in the database. Dimensions: tahun, tahap, versi, kl, unit,
    satker, program, kegiatan, kro, ro, komponen, sub_komponen, akun, jenis_belanja,
    sumber_dana, provinsi, kabkota, kppn. Totals are of version menjadi unless a cut
    names versi; stages are never added together. JSON is OpenSpending's aggregate
    shape (cells, summary, total_cell_count). Exit 2 when an input cannot be read or a
    cut or dimension is not known.
    """
    _ = translator(lang)
    store = None
    if not inputs:
        from anggaran.store import Store

        store = Store(db_url, create=False) if db_url else Store.default(create=False)
    with progress() as bar:
        maju = maju_arsip(bar, lang)
        with svc.data(_inputs(inputs), maju, engine, store) as mesin:
            if banding:
                semula, sep, menjadi = banding.partition("..")
                if not sep:
                    raise click.BadParameter(
                        _("SEMULA..MENJADI, e.g. adk:semula..adk:menjadi"), param_hint="--banding"
                    )
                hasil = svc.banding(mesin, semula, menjadi, list(cuts), list(drill))
                columns = [*hasil["attributes"], "semula", "menjadi", "selisih"]
            else:
                hasil = svc.query(mesin, list(cuts), list(drill), order, page, page_size)
                columns = [*hasil["attributes"], *hasil["aggregates"]]
    if fmt == "json":
        sys.stdout.write(json.dumps(hasil, ensure_ascii=False, indent=1, default=str) + "\n")
        return
    rows = [[c.get(k) for k in columns] for c in hasil["cells"]]
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(columns)
        w.writerows(rows)
        sys.stdout.write(buf.getvalue())
        return
    out = console_out()
    out.print(_table(columns, rows, lang))
    s = hasil["summary"]
    line = " · ".join(f"{k} {_teks(k, v, lang)}" for k, v in s.items())
    out.print(
        clean(_("{n} cells; total: {ringkas}", n=hasil["total_cell_count"], ringkas=line)), style="bold"
    )
