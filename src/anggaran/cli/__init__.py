"""The ``anggaran`` command: thin commands over ``anggaran.services``.

Exit status: 0 when no errors (warnings allowed), 1 when a check finds an error, 2 when an
input cannot be read or an output cannot be written, 130 when interrupted.
"""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from anggaran import __version__, i18n, services
from anggaran.cli.common import (
    AnggaranGroup,
    check_text_form,
    clean,
    console_err,
    console_out,
    exit_on_errors,
    export_options,
    fail,
    lang_option,
    nama_or_unknown,
    print_findings,
    progress,
    refuse_read_errors,
    satker_code,
    translator,
)
from anggaran.cli.referensi import pakai_referensi
from anggaran.core.errors import InputError
from anggaran.core.findings import KINDS, Finding, Severity
from anggaran.reports.findings import summary_line
from anggaran.services.dokumen import WHOLE_TREE, render_adk, report_adk
from anggaran.services.masukan import check_adk

from_option = click.option(
    "--from",
    "from_",
    type=click.Choice(sorted(services.INPUT_FORMATS)),
    default=None,
    help="Input format; recognised from the content when omitted.",
)
jumlah_satker_option = click.option(
    "--jumlah-satker",
    is_flag=True,
    help="End Bagian A with a JUMLAH SATKER row (the satker's total), which SAKTI's Bagian A does not "
    "print; a document that printed one keeps it without this.",
)


satker_option = click.option(
    "--satker",
    default=None,
    metavar="KODE",
    callback=satker_code,
    help="Only this satker (6 digits): of an ADK archive, every satker by default; a single "
    "document must be this satker's.",
)


def describe(console: Console, file: str, checked: services.Checked, lang: str) -> None:
    """The line that names a checked satker: file, satker, year, programs, total."""
    t = checked.tree
    _ = translator(lang)
    console.print(
        clean(
            _(
                "{file}: satker {kode} {nama}, FY {tahun}, {program} program, total {jumlah:rp}",
                file=file,
                kode=t.satker.kode,
                nama=nama_or_unknown(t.satker.nama, lang),
                tahun=t.dokumen.tahun_anggaran,
                program=len(t.program),
                jumlah=t.jumlah().jumlah,
            )
        ),
        style="bold",
    )


def describe_input(console: Console, inp: services.Input, lang: str) -> None:
    """The findings of an input, each satker's under the line that names it (an archive:
    first the line that names the archive)."""
    _ = translator(lang)
    if inp.is_arsip:
        a = inp.arsip()
        semula = a.jumlah_semula()
        line = _(
            "{file}: ADK archive FY {tahun}, {n} satker, total {jumlah:rp}",
            file=inp.file,
            tahun=a.tahun_anggaran,
            n=len(a.satker),
            jumlah=a.jumlah(),
        )
        if semula is not None:
            line += _(", before the revision {semula:rp}", semula=semula)
        console.print(clean(line), style="bold")
        for c in inp.satker:
            if c.findings:
                describe(console, inp.file, c, lang)
                print_findings(console, c.findings, lang)
        print_findings(console, inp.lain, lang)
    else:
        describe(console, inp.file, inp.satker[0], lang)
        print_findings(console, inp.satker[0].findings, lang)


def print_notes(notes: list[Finding], lang: str) -> None:
    """What the outputs could not hold (a text cut to fit an XLSX cell)."""
    print_findings(console_err(), notes, lang)


@click.group(cls=AnggaranGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="anggaran")
def cli() -> None:
    """Anggaran: plan, check and print RKA Satker budgets, keep every version, and serve
    them to a team in the browser.

    Input: an RKA Satker Bagian A as its PDF or the text taken from it (tab-separated, or
    pdftotext -layout), the canonical JSON
    (rka-satker/1), an XLSX workbook (the Bagian A or B Anggaran writes, edited or not;
    SAKTI's Kertas Kerja Satker), or a SAKTI ADK archive (folder, .zip, .rar; nested *.sNN
    as SAKTI downloads come). Exit status: 0 no errors, 1 errors found, 2 input unreadable or output
    not writable, 130 interrupted.
    """


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format of the findings.",
)
@from_option
@satker_option
@lang_option
def check(files: tuple[Path, ...], fmt: str, from_: str | None, satker: str | None, lang: str) -> None:
    """Check FILE... as a reviewer would and list the findings.

    FILE is an RKA Satker Bagian A (its PDF, or the text taken from it), a canonical JSON,
    an XLSX workbook (Bagian A or B as Anggaran writes them, SAKTI's Kertas Kerja Satker),
    or a SAKTI ADK archive (folder, .zip or .rar, nested as SAKTI downloads come), whose
    every satker is checked. Text output lists at most 50 findings of one id per satker
    (JSON lists all). Exit 0 when no file has an error (warnings allowed), 1 when any has
    an error, 2 when a file cannot be read, 130 when interrupted.
    """
    status = 0
    results: list[dict[str, Any]] = []
    out = console_out()
    pakai_referensi(lang)
    for path in files:
        try:
            if from_ is None and services.is_adk(path):  # one satker at a time: its trees let go once checked
                inp = check_adk(path, satker)
            else:
                inp = services.open_input(path, from_, satker)
        except InputError as exc:
            fail(exc, lang)
            results.append(
                {
                    "file": str(path),
                    "readable": False,
                    "error": i18n.error_text(exc, lang),
                    "summary": None,
                    "jumlah": None,
                    "findings": [],
                }
            )
            status = 2
            continue
        if inp.has_errors and status == 0:
            status = 1
        if fmt == "json":
            results.extend(inp.to_dict())
            continue
        describe_input(out, inp, lang)
        out.print(summary_line(inp.findings, lang), style="bold")
    if fmt == "json":
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=2, default=str) + "\n")
    sys.exit(status)


def _open(file: Path, from_: str | None, satker: str | None, lang: str) -> services.Input:
    """The input read and checked (a status line on standard error for an archive);
    reader errors stop the command (exit 1, nothing written). The names loaded into the
    database are used (``anggaran referensi``)."""
    _ = translator(lang)
    pakai_referensi(lang)
    if from_ is None and services.is_adk(file):
        with console_err().status(_("reading the ADK archive…")):
            inp = services.open_input(file, from_, satker)
    else:
        inp = services.open_input(file, from_, satker)
    refuse_read_errors(str(file), inp.read_errors, lang)
    return inp


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@export_options(
    output_help="Output file ('-' for standard output); default: rka-satker-<TA>-<satker>-bagian-a.<ext> in "
    "the current folder. For an ADK archive: the folder to write one file per satker into "
    "(default: current). --to adk: the archive's file (default: SAKTI's name, "
    "e.g. 1d01_01508_00_000000_0.zip).",
    dokumen_help="Which document (ADK input): Bagian A, Bagian B (rincian) or the rekap. JSON and ADK always "
    "hold the whole tree; text exists for Bagian A only.",
)
@jumlah_satker_option
@from_option
@satker_option
@lang_option
def export(
    file: Path,
    to: str,
    output: Path | None,
    dokumen: str,
    jumlah_satker: bool,
    from_: str | None,
    satker: str | None,
    lang: str,
) -> None:
    """Write FILE as json, xlsx, html, pdf, text or adk.

    A Bagian A or JSON gives one file (-o names it); an ADK archive gives one file per
    satker (or only --satker) into the folder -o names, each named
    rka-satker-<TA>-<satker>-<dokumen>.<ext> (JSON: the whole tree,
    rka-satker-<TA>-<satker>.json). --to adk writes one SAKTI ADK archive (zip: the d_*
    tables as CSV and XML, and an archive's m_* tables) of every satker of FILE, in the
    file -o names (default SAKTI's name: 527010d01_01508_00_527010_1.zip for one satker,
    1d01_01508_00_000000_0.zip for a unit's). -o - writes a single file to standard
    output. An output that would replace the input is refused (exit 2). Exit 1 when the
    check finds an error (the files are written all the same and the errors are listed on
    standard error), when the reader could not place a line or when the output cannot be
    made (nothing is written); 2 when FILE cannot be read or an output cannot be written.
    """
    check_text_form(to, dokumen)
    _ = translator(lang)
    inp = _open(file, from_, satker, lang)
    if to not in WHOLE_TREE and dokumen != "bagian-a" and not all(c.tree.has_rincian() for c in inp.satker):
        raise click.BadParameter(
            _("{file} has no detail lines (Bagian B): only bagian-a", file=str(file)), param_hint="--dokumen"
        )
    notes: list[Finding] = []
    if output is not None and str(output) == "-" and to == "adk":
        sys.stdout.buffer.write(render_adk(inp.arsip()))
        sys.stdout.flush()
    elif output is not None and str(output) == "-":
        if len(inp.satker) != 1:
            raise click.BadParameter(
                _(
                    "the archive gives {n} files (one per satker): name a folder, or choose one "
                    "with --satker",
                    n=len(inp.satker),
                ),
                param_hint="-o/--output",
            )
        sys.stdout.buffer.write(
            services.render_dokumen(inp.satker[0], to, dokumen, lang, notes, jumlah_satker=jumlah_satker)
        )
        sys.stdout.flush()
    else:
        files = services.export_files(inp, to, dokumen, output, lang, notes, jumlah_satker=jumlah_satker)
        services.write_all(files, inputs=[inp.path])
        for path in files:
            console_err().print(clean(_("written: {file}", file=str(path))))
    print_notes(notes, lang)
    errors = [f for f in inp.findings if f.severity is Severity.ERROR]
    print_findings(console_err(), errors, lang)
    exit_on_errors(errors)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder to write into (created when missing).",
)
@jumlah_satker_option
@from_option
@satker_option
@lang_option
def report(
    file: Path, out_dir: Path, jumlah_satker: bool, from_: str | None, satker: str | None, lang: str
) -> None:
    """Check FILE and write its documents and findings into a folder.

    For a Bagian A or JSON: PDF, XLSX, HTML, JSON, text and findings. For an ADK archive,
    per satker (OUT/<satker>/): Bagian A (PDF, XLSX, HTML, text), Bagian B and rekap (PDF,
    XLSX, HTML), JSON and findings; and the archive summary (OUT/ringkasan-*). Exit 1 when
    the check finds an error (the files are written all the same) or when the reader could
    not place a line (nothing is written); 2 when FILE cannot be read or a file cannot be
    written (nothing is left half-written; the input is never written over); 130 when
    interrupted (Ctrl-C: all of the folder written or none of it).
    """
    if str(out_dir) == "-":
        raise click.BadParameter(translator(lang)("a folder is needed, not '-'"), param_hint="-o/--output")
    _ = translator(lang)
    if from_ is None and services.is_adk(file):
        inp, written = _report_adk(file, out_dir, jumlah_satker, satker, lang)
    else:
        inp = _open(file, from_, satker, lang)
        with progress() as bar:
            task = bar.add_task(_("reports per satker"), total=len(inp.satker))
            written = services.report(
                inp,
                out_dir,
                lang,
                lambda done, total: bar.update(task, completed=done),
                jumlah_satker=jumlah_satker,
            )
    out = console_out()
    describe_input(out, inp, lang)
    out.print(summary_line(inp.findings, lang), style="bold")
    print_notes(written.notes, lang)
    if inp.is_arsip:
        out.print(clean(_("{n} files written to {folder}", n=len(written.files), folder=str(out_dir))))
    else:
        for path in written.files:
            out.print(clean(_("written: {file}", file=str(path))))
    exit_on_errors(inp.findings)


def _report_adk(
    file: Path, out_dir: Path, jumlah_satker: bool, satker: str | None, lang: str
) -> tuple[services.Input, services.Written]:
    """``anggaran report`` of an ADK archive, one satker at a time (read, checked and
    written before the next is read); reader errors stop the command (exit 1, nothing
    written), as for any input."""
    _ = translator(lang)
    pakai_referensi(lang)
    with progress() as bar:
        task = bar.add_task(_("reading the ADK archive…"), total=None)

        def maju(done: int, total: int) -> None:
            bar.update(task, description=_("reports per satker"), completed=done, total=total)

        try:
            inp, written = report_adk(file, out_dir, lang, maju, satker, jumlah_satker=jumlah_satker)
        except BaseException:
            bar.console.quiet = True  # the bar leaves nothing (a blank line) before the message
            raise
        if written is None:
            bar.console.quiet = True
    if written is None:
        refuse_read_errors(str(file), inp.read_errors, lang)
    assert written is not None
    return inp, written


def print_perbandingan(p: services.Perbandingan, lang: str, show_title: bool) -> None:
    """The totals of a comparison: per jenis belanja, overall, and the satker counts."""
    _ = translator(lang)
    out = console_out()
    before, after = p.jumlah()
    out.print(
        f"[bold]{clean(p.label_semula)} -> {clean(p.label_menjadi)}[/]"
        + (f" ({clean(p.judul)})" if show_title else "")
    )
    if p.has_rincian():  # per jenis belanja only when both sides have their akun
        for kode, (a, b) in p.per_jenis_belanja().items():
            out.print(
                _(
                    "  belanja {kode}: {semula:rp} -> {menjadi:rp} (difference {selisih:rp})",
                    kode=kode,
                    semula=a,
                    menjadi=b,
                    selisih=b - a,
                )
            )
    out.print(
        _(
            "total: {semula:rp} -> {menjadi:rp} (difference {selisih:rp})",
            semula=before,
            menjadi=after,
            selisih=after - before,
        ),
        style="bold",
    )
    n = p.satker()
    out.print(_("satker: {berubah} changed, {tetap} unchanged, {baru} added, {dihapus} removed", **n))


@cli.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path), required=False)
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder to write the matrix into (PDF, XLSX, HTML); without it only the totals are printed.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@satker_option
@lang_option
def diff(old: Path, new: Path | None, out_dir: Path | None, fmt: str, satker: str | None, lang: str) -> None:
    """Matriks semula-menjadi: compare OLD with NEW, or an archive's own semula (m_*)
    with its menjadi (d_*) tables when NEW is omitted.

    OLD and NEW are ADK archives or single documents (Bagian A text, JSON). Prints the
    totals per jenis belanja and overall, and how many satkers changed, stayed, were added
    or removed; with -o writes the matrix of the whole comparison and one per satker (PDF,
    XLSX, HTML). Exit 1, comparing nothing, when the reader could not place a line; 2 when an
    input cannot be read.
    """
    _ = translator(lang)
    pakai_referensi(lang)
    p = services.perbandingan(old, new, satker)
    refuse_read_errors(str(old if new is None else new), p.read_errors, lang)
    if fmt == "json":
        sys.stdout.write(json.dumps(p.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        print_perbandingan(p, lang, show_title=new is None)
    if out_dir is not None:
        with console_err().status(_("writing the matrix…")):
            written = services.write_diff(p, out_dir)
        console_err().print(
            clean(_("{n} files written to {folder}", n=len(written.files), folder=str(out_dir)))
        )


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option
def rules(fmt: str, lang: str) -> None:
    """List every finding id a user can see: each check with its severity and source, and
    what the readers and the outputs report (READ_*, XLSX_*)."""
    if fmt == "json":
        sys.stdout.write(
            json.dumps(
                [
                    {
                        "id": k.id,
                        "severity": k.severity.value,
                        "uraian": i18n.description(k.id, "id"),
                        "description": i18n.description(k.id, "en"),
                        "source": k.source,
                        "reader": k.reader,
                    }
                    for k in KINDS.values()
                ],
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
        return
    out = console_out()
    for k in KINDS.values():
        out.print(
            f"[bold]{k.id}[/] ({i18n.severity_label(k.severity, lang)}): "
            f"{clean(i18n.description(k.id, lang))} [{clean(k.source)}]"
        )


def _register_subcommands() -> None:
    from anggaran.cli.db import db
    from anggaran.cli.generate import generate
    from anggaran.cli.konsolidasi import consolidate, query
    from anggaran.cli.opendata import export_data
    from anggaran.cli.referensi import referensi
    from anggaran.cli.web import manage, serve, user

    for command in (db, referensi, serve, user, manage, consolidate, query, generate, export_data):
        cli.add_command(command)


_register_subcommands()


def main() -> None:
    """Run the ``anggaran`` command (:mod:`anggaran.__main__` loads this module and calls
    it). Once the command has ended and set its exit status, Ctrl-C is ignored: the
    interpreter's shutdown (freeing a large tree takes a moment) has nothing left to cut,
    and the status stays the command's."""
    try:
        cli()
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
