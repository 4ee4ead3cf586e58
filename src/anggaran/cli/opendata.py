"""``anggaran export-data``: the consolidated budget as open data (a Fiscal Data Package)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from anggaran.cli.common import clean, console_out, lang_option, maju_arsip, progress, translator
from anggaran.cli.referensi import pakai_referensi
from anggaran.services import opendata as svc
from anggaran.services.konsolidasi import Masukan


@click.command("export-data")
@click.argument("inputs", nargs=-1, metavar="[[TAHAP=]INPUT...]")
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder to write the package into (replaced when it holds an earlier export).",
)
@click.option(
    "--license",
    "lisensi",
    default=svc.LISENSI_BAWAAN,
    show_default=True,
    metavar="ID",
    help="The data's licence, as an Open Definition id (CC-BY-4.0, CC0-1.0, ODC-PDDL-1.0 …): "
    "the publisher's choice.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--db",
    "db_url",
    default=None,
    metavar="URL",
    help="With no INPUT: the database whose versions are read (default: $DATABASE_URL, else the "
    "user's anggaran.sqlite3); the names loaded into it name the codes.",
)
@lang_option
def export_data(
    inputs: tuple[str, ...], out_dir: Path, lisensi: str, fmt: str, db_url: str | None, lang: str
) -> None:
    """Write the consolidated budget as a Fiscal Data Package (open data, as OpenSpending
    reads it): OUT/datapackage.json and OUT/data/*.csv.

    INPUT is a consolidation folder (`anggaran consolidate`), ADK archives or folders of
    them, or documents (consolidated on the fly; prefix a stage label: dipa=1d01.zip);
    with none, the latest stored version of every satker and stage in the database.
    OUT/data/anggaran.csv holds the detail lines summed per year, stage, version, satker,
    program, kegiatan, KRO, RO, komponen, akun, sumber dana, provinsi and kab/kota (jumlah
    in whole rupiah, and the number of lines); the other CSVs name the codes (from the
    reference tables; empty when none names a code). The package (FDP 0.3.0) is validated
    with frictionless before it is put in place. Exit 1 when it is not valid (a bug:
    nothing is written), 2 when an input cannot be read or OUT may not be written (a
    folder that is not an earlier export is never replaced), 130 when interrupted (all of
    OUT or none of it).
    """
    _ = translator(lang)
    pakai_referensi(lang, db_url)
    store = None
    if not inputs:
        from anggaran.store import Store

        store = Store(db_url, create=False) if db_url else Store.default(create=False)
    with progress() as bar:
        maju = maju_arsip(bar, lang)
        k = svc.export_data([Masukan.baca(v) for v in inputs], out_dir, maju, store, lisensi)
    out = console_out()
    if fmt == "json":
        out.print_json(json.dumps(k.to_dict(), ensure_ascii=False))
        return
    for t in k.total:
        out.print(
            clean(
                _(
                    "{tahun} {tahap} {versi}: {satker} satker, {rows} rows ({baris} lines), "
                    "total {jumlah:rp}",
                    **t,
                )
            )
        )
    v = k.validasi
    out.print(
        clean(
            _(
                "Fiscal Data Package {fdp}: valid (frictionless {versi}): {n} resources, {rows} rows "
                "checked in {detik} s",
                fdp=v["fdp"],
                versi=v["frictionless"],
                n=len(v["resources"]),
                rows=sum(r["rows"] for r in v["resources"]),
                detik=v["seconds"],
            )
        ),
        style="bold",
    )
    out.print(clean(_("{n} files written to {folder}", n=len(k.files), folder=str(out_dir))))
