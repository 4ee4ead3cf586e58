"""``anggaran referensi``: reference tables (code -> name) as data users load.

Every output (``check``, ``export``, ``report``, ``diff``, ``db``, the web) names codes
from the shipped tables with the rows loaded into the database laid over them; a code no
one names prints alone, and the findings say so once per code (``KODE_TANPA_NAMA``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from anggaran import i18n, services
from anggaran.cli.common import clean, console_err, console_out, lang_option, satker_code, translator
from anggaran.cli.db import db_option, user_name
from anggaran.reference import JENIS
from anggaran.services import referensi as svc


def per_jenis(counts: dict[str, int]) -> str:
    """``satker 3, kro 2``: counts per table, in the order of JENIS; ``-`` for none."""
    return ", ".join(f"{j} {counts[j]}" for j in JENIS if counts.get(j)) or "-"


def pakai_referensi(lang: str, db_url: str | None = None) -> None:
    """The names loaded into the database in use, for a command that reads a file; when
    the database cannot be read, a line on standard error says so (the shipped tables
    are used)."""
    problem = svc.aktifkan_default(db_url)
    if problem is not None:
        _ = translator(lang)
        console_err().print(
            clean(
                _(
                    "the names loaded into the database cannot be read ({sebab}); the shipped reference "
                    "tables are used",
                    sebab=problem,
                )
            ),
            style="yellow",
        )


@click.group()
def referensi() -> None:
    """Reference tables (code -> name) as data: load a code table into the database, see
    what is loaded, list the codes of a file that no reference names.

    The database: --db URL or $DATABASE_URL, else anggaran.sqlite3 in the user's data
    folder (as `anggaran db`). Every output names codes from the tables shipped with
    Anggaran with the loaded rows laid over them; a code no one names prints alone, and
    the findings say so once per code (KODE_TANPA_NAMA).
    """


@referensi.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--user", "oleh", default=None, help="Who loads it (default: the login name).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@db_option
@lang_option
def import_(file: Path, oleh: str | None, fmt: str, db_url: str | None, lang: str) -> None:
    """Load the code table FILE (CSV or XLSX) into the database, with its name and date.

    The header says which codes it names: `jenis,kode,nama` (what `anggaran referensi
    missing` writes, filled in), or SAKTI's columns: kdsatker/nmsatker, kdprogram/nmprogram
    (with kddept, kdunit), kdgiat/nmgiat, kdoutput/nmoutput (KRO, with kdgiat),
    kdsoutput/nmsoutput (RO, with kdgiat and kdoutput), kdakun/nmakun, kdlokasi/nmlokasi,
    kdkabkota/nmkabkota (with kdlokasi), kdbeban/nmbeban (sumber dana); `kode satker`,
    `nama satker` and the like too. A `satuan` column gives a KRO's or RO's satuan. A row
    without a name is left out; a code loaded before takes the new name. All or nothing,
    in the audit log. Exit 2 when FILE cannot be read (nothing loaded).
    """
    _ = translator(lang)
    store = svc.Store(db_url, create=True)
    hasil = svc.impor(store, file, oleh or user_name())
    if fmt == "json":
        sys.stdout.write(json.dumps(hasil.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    out = console_out()
    out.print(
        clean(
            _(
                "{file}: {n} codes loaded ({tabel}): {baru} new, {diubah} changed, {sama} as they were",
                file=str(file),
                n=sum(hasil.dibaca.values()),
                tabel=per_jenis(hasil.dibaca),
                baru=sum(hasil.hasil.baru.values()),
                diubah=sum(hasil.hasil.diubah.values()),
                sama=sum(hasil.hasil.sama.values()),
            )
        ),
        style="bold",
    )
    for key, old in sorted(hasil.hasil.lama.items()):
        out.print(clean(_("  {kode}: was {lama!r}", kode=key, lama=old)))
    if hasil.tanpa_nama:
        out.print(clean(_("{n} rows without a name left out", n=hasil.tanpa_nama)))


@referensi.command("missing")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The CSV to write (default: standard output).",
)
@click.option(
    "--satker",
    default=None,
    metavar="KODE",
    callback=satker_code,
    help="Only this satker of an ADK archive (6 digits).",
)
@db_option
@lang_option
def missing(file: Path, output: Path | None, satker: str | None, db_url: str | None, lang: str) -> None:
    """List the codes of FILE that neither FILE nor a loaded reference names, as a CSV to
    fill in and load back with `anggaran referensi import`.

    FILE is anything `anggaran check` reads (an ADK archive: every satker, and its plans
    before the revision). The CSV's columns: jenis (satker, program, kegiatan, kro, ro,
    akun, lokasi, sumber_dana, kementerian, unit_organisasi), kode, nama (empty: to fill
    in) and contoh (a satker and place that prints it). Exit 2 when FILE cannot be read.
    """
    _ = translator(lang)
    pakai_referensi(lang, db_url)
    inp = services.open_input(file, None, satker)
    codes = svc.hilang(inp)
    text = svc.hilang_csv(codes)
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        services.write_all({output: text.encode("utf-8")}, inputs=[inp.path])
    counts: dict[str, int] = {}
    for k in codes:
        counts[k.jenis] = counts.get(k.jenis, 0) + 1
    console_err().print(
        clean(_("{n} codes without a name ({tabel})", n=len(codes), tabel=per_jenis(counts))),
    )


@referensi.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@db_option
@lang_option
def list_(fmt: str, db_url: str | None, lang: str) -> None:
    """The code tables loaded into the database: each file (name, SHA-256), who loaded it
    and when, and how many codes of each table still carry its names."""
    store = svc.Store(db_url, create=False)
    rows = svc.sumber(store)
    if fmt == "json":
        data = [
            {
                "sumber": r.sumber,
                "sha256": r.sha256,
                "dimuat_oleh": r.dimuat_oleh,
                "dimuat_pada": r.dimuat_pada.isoformat(),
                "kode": r.per_jenis,
            }
            for r in rows
        ]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    out = console_out()
    _ = translator(lang)
    if not rows:
        out.print(_("no code table loaded: the shipped tables alone"))
    for r in rows:
        out.print(
            clean(
                f"{i18n.waktu(r.dimuat_pada, lang)} UTC  {r.dimuat_oleh}  {r.sumber} "
                f"({r.sha256[:12]}…): {per_jenis(r.per_jenis)}"
            )
        )
