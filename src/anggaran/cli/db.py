"""``anggaran db``: keep every version in a database and compare them.

The database is chosen by ``--db URL`` or ``DATABASE_URL`` (``sqlite:///file.sqlite3``,
``postgresql://user@host/name``, or a plain path to a SQLite file), else the SQLite file in
the user's data folder, created on first use.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import sys
from pathlib import Path

import click

from anggaran import i18n, services
from anggaran.cli.common import (
    check_text_form,
    clean,
    console_err,
    console_out,
    exit_on_errors,
    export_options,
    lang_of,
    lang_option,
    nama_or_unknown,
    print_findings,
    progress,
    refuse_read_errors,
    satker_code,
    translator,
)
from anggaran.core.findings import N_, Finding, Severity
from anggaran.reports.findings import finding_line, summary_line
from anggaran.services import versi as v

db_option = click.option(
    "--db",
    "db_url",
    envvar="DATABASE_URL",
    default=None,
    metavar="URL",
    help="Database: postgresql://USER[:PASSWORD]@HOST[:PORT]/NAME, sqlite:////ABSOLUTE/PATH "
    "(four slashes), or a SQLite file path. Default: $DATABASE_URL, else anggaran.sqlite3 in "
    "the user's data folder.",
)


def user_name() -> str:
    """Who runs the command (the login name)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"


def _tahap(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, int | None] | None:
    if value is None:
        return None
    try:
        return v.parse_tahap(value)
    except ValueError:
        _ = translator(lang_of(ctx))
        raise click.BadParameter(
            _(
                "unknown stage {tahap!r}; one of pagu-indikatif, pagu-anggaran, alokasi-anggaran, "
                "dipa, revisi-N",
                tahap=value,
            )
        ) from None


def ids_text(ids: list[int] | tuple[int, ...]) -> str:
    """``3``, ``3–7`` or ``3, 5, 9``."""
    if not ids:
        return "-"
    if len(ids) == 1:
        return str(ids[0])
    if list(ids) == list(range(ids[0], ids[-1] + 1)):
        return f"{ids[0]}–{ids[-1]}"
    return ", ".join(map(str, ids))


@click.group()
def db() -> None:
    """Keep every version of every satker in a database: import, list, show, compare, export.

    The database: --db URL or $DATABASE_URL (postgresql://USER@HOST/NAME, or
    sqlite:////ABSOLUTE/PATH, or a SQLite file path), else anggaran.sqlite3 in the user's
    data folder. `import` creates and migrates it on first use. VERSION is a version's
    number (12 or v12, from `anggaran db list`) or a satker code (6 digits: the version of
    that satker stored last).
    """


@db.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--stage",
    "tahap",
    callback=_tahap,
    default=None,
    metavar="TAHAP",
    help="Stage of the version: pagu-indikatif, pagu-anggaran, alokasi-anggaran, dipa, revisi-N. Default: "
    "the stage the document names, else none.",
)
@click.option(
    "--semula",
    is_flag=True,
    help="ADK revision archive: also store each satker's plan before the revision (the m_* tables) as a "
    "version of its own, before the new one.",
)
@click.option(
    "--semula-stage",
    "tahap_semula",
    callback=_tahap,
    default=None,
    metavar="TAHAP",
    help="Stage of the --semula versions (same values as --stage).",
)
@click.option("--note", "catatan", default="", help="A note kept with the file and its versions.")
@click.option("--user", "oleh", default=None, help="Who stores it (default: the login name).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@db_option
@lang_option
def import_(
    file: Path,
    tahap: tuple[str, int | None] | None,
    semula: bool,
    tahap_semula: tuple[str, int | None] | None,
    catatan: str,
    oleh: str | None,
    fmt: str,
    db_url: str | None,
    lang: str,
) -> None:
    """Store FILE as new versions: one per satker, all or nothing.

    FILE is a Bagian A (text), a canonical JSON, an XLSX workbook (Bagian A or B, SAKTI's
    Kertas Kerja Satker) or an ADK archive (folder, zip, rar). A file imported before
    (same SHA-256) is recognised and not stored again (exit 0, the options are not
    applied). Each version keeps the findings of its reading and checking,
    with their places in the file (`anggaran db show` lists them); a version is stored
    whatever they find. Exit 1 when a check finds an error (stored all the same) or,
    storing nothing, when the reader could not place a line; 2 when FILE or the database
    cannot be read.
    """
    _ = translator(lang)
    if tahap_semula is not None and not semula:
        raise click.BadParameter(_("only with --semula"), param_hint="--semula-stage")
    store = v.Store(db_url, create=True)
    with progress() as bar:
        task = bar.add_task(_("saving versions"), total=None)
        result = v.import_file(
            store,
            file,
            tahap=tahap,
            catatan=catatan,
            oleh=oleh or user_name(),
            pada=dt.datetime.now(dt.UTC),
            semula=semula,
            tahap_semula=tahap_semula,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    refuse_read_errors(str(file), result.read_errors, lang, stored=True)
    b = result.berkas
    assert b is not None
    if fmt == "json":
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
        exit_on_errors(result.findings)
        return
    out = console_out()
    if not result.baru:
        out.print(
            clean(
                _(
                    "{file}: already imported on {pada} by {oleh} as version(s) {versi}; nothing stored",
                    file=str(file),
                    pada=i18n.waktu(b.diimpor_pada, lang) + " UTC",
                    oleh=b.diimpor_oleh,
                    versi=ids_text(b.versi),
                )
            )
        )
        return
    menjadi = result.menjadi
    stage = ", ".join(dict.fromkeys(i.tahap_label for i in menjadi)) or "-"
    if result.semula:
        stage += (
            " (semula: "
            + ", ".join(dict.fromkeys(i.tahap_label for i in result.versi if i.id in result.semula))
            + ")"
        )
    before = f" + {len(result.semula)} semula (m_*)" if result.semula else ""
    out.print(
        clean(
            _(
                "{file} ({format}, sha256 {sha}…): {n} version(s){semula} stored: {versi}, stage {tahap}, "
                "total {jumlah:rp}",
                file=str(file),
                format=result.format,
                sha=b.sha256[:12],
                n=len(menjadi),
                semula=before,
                versi=ids_text(b.versi),
                tahap=stage,
                jumlah=sum(i.jumlah for i in menjadi),
            )
        ),
        style="bold",
    )
    for info in result.versi[:50]:
        extra = (
            " (" + _("same content as version {versi}", versi=result.sama[info.id]) + ")"
            if info.id in result.sama
            else ""
        )
        out.print(
            clean(
                f"  {info.id:>6}  {info.satker}  TA {info.tahun_anggaran}  {info.tahap_label:<16}"
                f"{i18n.rupiah(info.jumlah, lang):>24}  {nama_or_unknown(info.satker_nama, lang)}{extra}"
            )
        )
    if len(result.versi) > 50:
        out.print(_("  … {n} more", n=len(result.versi) - 50))
    out.print(summary_line(result.findings, lang) + " " + _("(anggaran db show VERSION lists them)"))
    out.print(clean(_("database: {db}", db=store.name)))
    exit_on_errors(result.findings)


@db.command("list")
@click.option(
    "--satker", default=None, metavar="KODE", callback=satker_code, help="Only this satker's versions."
)
@click.option("--year", "tahun", type=int, default=None, help="Only this fiscal year.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@db_option
@lang_option
def list_(satker: str | None, tahun: int | None, fmt: str, db_url: str | None, lang: str) -> None:
    """List the stored versions, oldest first."""
    _ = translator(lang)
    store = v.Store(db_url, create=False)
    found = store.versions(satker=satker, tahun_anggaran=tahun)
    if fmt == "json":
        sys.stdout.write(json.dumps([i.to_dict() for i in found], ensure_ascii=False, indent=2) + "\n")
        return
    out = console_out()
    if not found:
        empty = (
            N_("no versions in {db}")
            if satker is None and tahun is None
            else N_("no version matches in {db}")
        )
        out.print(clean(_(empty, db=store.name)))
        return
    head = tuple(
        _(t)
        for t in (
            "version",
            "satker",
            "FY",
            "stage",
            "total (Rp)",
            "stored (UTC)",
            "by",
            "file",
            "name / note",
        )
    )
    rows = [
        (
            str(i.id),
            i.satker,
            str(i.tahun_anggaran),
            i.tahap_label,
            i18n.number(i.jumlah, lang),
            f"{i.disimpan_pada:%Y-%m-%d %H:%M}",
            i.disimpan_oleh,
            i.berkas,
            nama_or_unknown(i.satker_nama, lang) + (f" / {i.catatan}" if i.catatan else ""),
        )
        for i in found
    ]
    widths = [max(len(r[c]) for r in [head, *rows]) for c in range(len(head) - 1)]
    right = {0, 2, 4}
    for n, r in enumerate([head, *rows]):
        cells = [r[c].rjust(w) if c in right else r[c].ljust(w) for c, w in enumerate(widths)]
        line = clean("  ".join([*cells, r[-1]]))
        out.print(f"[bold]{line}[/]" if n == 0 else line)


#: how ``db show`` marks what became of a stored finding
_STATUS = {
    "impor": N_("as imported"),
    "diperiksa": N_("checked again"),
    "tidak_lagi": N_("no longer found"),
    "baru": N_("new"),
}


@db.command()
@click.argument("version")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@db_option
@lang_option
def show(version: str, fmt: str, db_url: str | None, lang: str) -> None:
    """Show VERSION: where it came from, its totals per program and jenis belanja, its size,
    and its findings: those its import gave, with their places in the file, each marked
    'checked again' (the rule, run again on the stored tree, still finds it), 'as
    imported' (a finding of the reading or the page layout, which the store does not keep)
    or 'no longer found'; and any new."""
    _ = translator(lang)
    store = v.Store(db_url, create=False)
    shown = v.show_version(store, version)
    if fmt == "json":
        sys.stdout.write(json.dumps(shown.to_dict(), ensure_ascii=False, indent=2) + "\n")
        exit_on_errors(shown.findings)
        return
    info, t = shown.info, shown.tree
    out = console_out()
    out.print(
        clean(
            _(
                "version {versi}: satker {satker} {nama}, FY {tahun}, stage {tahap}",
                versi=info.id,
                satker=info.satker,
                nama=nama_or_unknown(info.satker_nama, lang),
                tahun=info.tahun_anggaran,
                tahap=info.tahap_label,
            )
        ),
        style="bold",
    )
    out.print(clean(_("file: {file} (sha256 {sha})", file=info.berkas, sha=info.berkas_sha256)))
    pada = info.disimpan_pada.strftime("%Y-%m-%d %H:%M:%S")
    stored = _("stored: {pada} UTC by {oleh}", pada=pada, oleh=info.disimpan_oleh)
    if info.catatan:
        stored += "; " + _("note: {catatan}", catatan=info.catatan)
    out.print(clean(stored))
    for p in t.program:
        out.print(
            clean(
                f"  program {p.kode} {nama_or_unknown(p.nama, lang)}: {i18n.rupiah(p.alokasi.jumlah, lang)}"
            )
        )
    for kode, jumlah in t.per_jenis_belanja().items():
        out.print(f"  belanja {kode}: {i18n.rupiah(jumlah, lang)}")
    c = shown.counts()
    out.print(
        _(
            "total: {jumlah:rp}; {kro} KRO, {ro} RO, {akun} akun, {detail} detail",
            jumlah=t.jumlah().jumlah,
            **c,
        ),
        style="bold",
    )
    for item in shown.temuan:
        line = f"{finding_line(item.finding, lang)} ({_(_STATUS[item.status])})"
        style = (
            "dim"
            if not item.holds
            else {"error": "bold red", "warning": "yellow"}.get(item.finding.severity.value, "cyan")
        )
        out.print(clean(line), style=style)
    out.print(summary_line(shown.findings, lang))
    versions = ", ".join(
        f"{'[bold]' if i.id == info.id else ''}{i.id} (TA {i.tahun_anggaran}, {i.tahap_label})"
        f"{'[/]' if i.id == info.id else ''}"
        for i in shown.history
    )
    out.print(_("versions of this satker: {versi}", versi=versions))
    exit_on_errors(shown.findings)


@db.command()
@click.argument("semula")
@click.argument("menjadi")
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder to write the matrix into (PDF, XLSX, HTML).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@db_option
@lang_option
def diff(semula: str, menjadi: str, out_dir: Path | None, fmt: str, db_url: str | None, lang: str) -> None:
    """Matriks semula-menjadi of two stored versions: SEMULA (before) against MENJADI
    (after), each a version number or a satker code (its latest version). Prints the
    totals (per jenis belanja when both have their akun) and whether the satker changed;
    with -o writes the matrix as `anggaran diff` does."""
    from anggaran.cli import print_perbandingan

    _ = translator(lang)
    store = v.Store(db_url, create=False)
    p = v.perbandingan_versi(store, semula, menjadi)
    if fmt == "json":
        sys.stdout.write(json.dumps(p.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        print_perbandingan(p, lang, show_title=False)
    if out_dir is not None:
        with console_err().status(_("writing the matrix…")):
            written = services.write_diff(p, out_dir)
        console_err().print(
            clean(_("{n} files written to {folder}", n=len(written.files), folder=str(out_dir)))
        )


@db.command()
@click.argument("version")
@export_options(
    output_help="Output file ('-' for standard output); default: the document's usual name "
    "(rka-satker-<TA>-<satker>[-<dokumen>].<ext>) in the current folder.",
    dokumen_help="Which document: Bagian A, Bagian B (rincian) or the rekap. JSON always holds the whole "
    "tree.",
)
@click.option(
    "--jumlah-satker",
    is_flag=True,
    help="End Bagian A with a JUMLAH SATKER row, which SAKTI's Bagian A does not print.",
)
@db_option
@lang_option
def export(
    version: str,
    to: str,
    output: Path | None,
    dokumen: str,
    jumlah_satker: bool,
    db_url: str | None,
    lang: str,
) -> None:
    """Write stored VERSION as json, xlsx, html, pdf or text, as `anggaran export` writes a
    file. The JSON, imported again, gives an equal tree. Exit 1 when the check finds an
    error (the file is written all the same)."""
    check_text_form(to, dokumen)
    _ = translator(lang)
    store = v.Store(db_url, create=False)
    info, checked = v.check_version(store, version)
    if to != "json" and dokumen != "bagian-a" and not checked.tree.has_rincian():
        raise click.BadParameter(
            _("version {n} has no detail lines (Bagian B): only bagian-a", n=info.id), param_hint="--dokumen"
        )
    notes: list[Finding] = []
    data = services.render_dokumen(checked, to, dokumen, lang, notes, jumlah_satker=jumlah_satker)
    if output is not None and str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        target = output or Path(services.nama_berkas(checked.tree, to, dokumen))
        services.write_all({target: data}, inputs=[p for p in (store.path,) if p is not None])
        console_err().print(clean(_("written: {file}", file=str(target))))
    print_findings(console_err(), notes, lang)
    errors = [f for f in checked.findings if f.severity is Severity.ERROR]
    print_findings(console_err(), errors, lang)
    exit_on_errors(errors)
