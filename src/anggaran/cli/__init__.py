"""The ``anggaran`` command: thin commands over ``anggaran.services``.

Exit status: 0 when no errors (warnings allowed), 1 when a check finds an error, 2 when an
input cannot be read.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from anggaran import __version__, services
from anggaran.cli.common import (
    WRITTEN,
    check_text_form,
    console_err,
    console_out,
    fail_input,
    lang_option,
    nama_or_unknown,
    print_findings,
    print_perbandingan,
    refuse_read_errors,
    satker_code,
    write_documents,
    writing,
)
from anggaran.cli.db import db
from anggaran.core.errors import InputError
from anggaran.core.findings import count_by_severity
from anggaran.reports.findings import finding_dict, summary_line
from anggaran.rules import RULES

from_option = click.option(
    "--from",
    "from_",
    type=click.Choice(sorted(services.INPUT_FORMATS)),
    default=None,
    help="Input format; recognised from the content when omitted.",
)


def _describe(console: Console, path: Path, checked: services.Checked, lang: str = "id") -> None:
    t = checked.tree
    nama = escape(nama_or_unknown(t.satker.nama, lang))
    year, total = ("FY", "total") if lang == "en" else ("TA", "jumlah")
    console.print(
        f"[bold]{escape(str(path))}[/]: satker {t.satker.kode} {nama}, "
        f"{year} {t.dokumen.tahun_anggaran}, {len(t.program)} program, "
        f"{total} Rp {t.jumlah().jumlah:,}"
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="anggaran")
def cli() -> None:
    """Anggaran: read, check and print RKA Satker budget documents.

    Input: an RKA Satker Bagian A as text extracted from its PDF, the canonical JSON
    (rka-satker/1), or a SAKTI ADK archive (folder, .zip, .rar; nested *.sNN as SAKTI
    downloads come). Exit status: 0 no errors, 1 errors found, 2 input unreadable.
    """


satker_option = click.option(
    "--satker",
    default=None,
    metavar="KODE",
    callback=satker_code,
    help="Only this satker (6 digits): of an ADK archive, every satker by default; a single "
    "document must be this satker's.",
)


def _print_arsip_findings(console: Console, path: Path, checked: services.CheckedArsip, lang: str) -> None:
    """The findings of an archive, under the line of the satker they concern."""
    for c in checked.satker:
        if c.findings:
            _describe(console, path, c, lang)
            print_findings(console, c.findings, lang)
    print_findings(console, checked.lain, lang)


def _describe_arsip(console: Console, path: Path, checked: services.CheckedArsip, lang: str = "id") -> None:
    a = checked.arsip
    semula = a.jumlah_semula()
    if lang == "en":
        before = f", before revision Rp {semula:,}" if semula is not None else ""
        console.print(
            f"[bold]{escape(str(path))}[/]: ADK archive FY {a.tahun_anggaran}, "
            f"{len(a.satker)} satker, total Rp {a.jumlah():,}{before}"
        )
        return
    before = f", semula Rp {semula:,}" if semula is not None else ""
    console.print(
        f"[bold]{escape(str(path))}[/]: arsip ADK TA {a.tahun_anggaran}, "
        f"{len(a.satker)} satker, jumlah Rp {a.jumlah():,}{before}"
    )


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

    FILE is an RKA Satker Bagian A (text), a canonical JSON, or a SAKTI ADK archive
    (folder, .zip or .rar, nested as SAKTI downloads come), whose every satker is checked.
    Exit 0 when no file has an error (warnings allowed), 1 when any has an error, 2 when a
    file cannot be read.
    """
    status = 0
    results: list[dict[str, object]] = []
    out = console_out()
    for path in files:
        try:
            if from_ is None and services.is_adk(path):
                arsip = services.check_arsip(path, satker)
                checks = arsip.satker
            else:
                arsip = None
                checks = [_only_satker(path, services.check(path, from_), satker)]
        except InputError as exc:
            fail_input(exc, lang)
            results.append(
                {
                    "file": str(path),
                    "readable": False,
                    "error": str(exc),
                    "summary": None,
                    "jumlah": None,
                    "findings": [],
                }
            )
            status = 2
            continue
        if (any(c.has_errors for c in checks) or (arsip is not None and arsip.has_errors)) and status == 0:
            status = 1
        if fmt == "text":
            if arsip is not None:
                _describe_arsip(out, path, arsip, lang)
                _print_arsip_findings(out, path, arsip, lang)
            else:
                _describe(out, path, checks[0], lang)
                print_findings(out, checks[0].findings, lang)
            every = arsip.findings if arsip is not None else checks[0].findings
            out.print(summary_line(every, lang), style="bold")
            continue
        for checked in checks:
            counts = {s.value: n for s, n in count_by_severity(checked.findings).items()}
            results.append(
                {
                    "file": str(path),
                    "readable": True,
                    "satker": checked.tree.satker.kode,
                    "summary": counts,
                    "jumlah": checked.tree.jumlah().jumlah,
                    "findings": [finding_dict(f) for f in checked.findings],
                }
            )
        lain = arsip.lain if arsip is not None else []
        if lain:
            results.append(
                {
                    "file": str(path),
                    "readable": True,
                    "satker": None,
                    "summary": {s.value: n for s, n in count_by_severity(lain).items()},
                    "jumlah": None,
                    "findings": [finding_dict(f) for f in lain],
                }
            )
    if fmt == "json":
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=2, default=str) + "\n")
    sys.exit(status)


def _only_satker(path: Path, checked: services.Checked, satker: str | None) -> services.Checked:
    """``checked``, when ``--satker`` names its satker (or is not given); else InputError."""
    if satker is not None and checked.tree.satker.kode != satker:
        raise InputError(
            f"satker {satker} bukan satker dokumen ini ({checked.tree.satker.kode})", file=str(path)
        )
    return checked


def _checked_or_exit(path: Path, from_: str | None, lang: str, satker: str | None = None) -> services.Checked:
    try:
        checked = _only_satker(path, services.check(path, from_), satker)
    except InputError as exc:
        fail_input(exc, lang)
        sys.exit(2)
    refuse_read_errors(path, checked.read_errors, lang)
    return checked


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--to", "to", type=click.Choice(list(services.EXPORT_FORMATS)), required=True, help="Output format."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Output file ('-' for standard output); default: "
    "rka-satker-<TA>-<satker>-bagian-a.<ext> in the current folder. For an ADK "
    "archive: the folder to write one file per satker into (default: current).",
)
@click.option(
    "--dokumen",
    type=click.Choice(services.DOKUMEN),
    default="bagian-a",
    show_default=True,
    help="Which document (ADK input): Bagian A, Bagian B (rincian) or the rekap. "
    "JSON always holds the whole tree; text exists for Bagian A only.",
)
@from_option
@satker_option
@lang_option
def export(
    file: Path, to: str, output: Path | None, dokumen: str, from_: str | None, satker: str | None, lang: str
) -> None:
    """Write FILE as json, xlsx, html, pdf or text.

    A Bagian A or JSON gives one file (-o names it); an ADK archive gives one file per
    satker (or only --satker) into the folder -o names, each named
    rka-satker-<TA>-<satker>-<dokumen>.<ext> (JSON: the whole tree,
    rka-satker-<TA>-<satker>.json). -o - writes a single file to standard output. Exit 1
    when the check finds an error (the files are written all the same and the errors are
    listed on standard error) or when the reader could not place a line (nothing is
    written); 2 when FILE cannot be read.
    """
    check_text_form(to, dokumen)
    arsip = from_ is None and services.is_adk(file)
    if arsip:
        checked_arsip = _arsip_or_exit(file, satker, lang)
        refuse_read_errors(file, checked_arsip.read_errors, lang)
        checks = checked_arsip.satker
    else:
        checks = [_checked_or_exit(file, from_, lang, satker)]
    if to != "json" and dokumen != "bagian-a" and not all(c.tree.has_rincian() for c in checks):
        raise click.BadParameter(
            f"{file} has no detail lines (Bagian B): only bagian-a", param_hint="--dokumen"
        )
    if output is not None and str(output) == "-" and len(checks) != 1:
        raise click.BadParameter(
            f"the archive gives {len(checks)} files (one per satker): "
            "name a folder, or choose one with --satker",
            param_hint="-o/--output",
        )
    write_documents(file, checks, to, dokumen, output, lang, folder=arsip)


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
@from_option
@satker_option
@lang_option
def report(file: Path, out_dir: Path, from_: str | None, satker: str | None, lang: str) -> None:
    """Check FILE and write its documents and findings into a folder.

    For a Bagian A or JSON: PDF, XLSX, HTML, JSON, text and findings. For an ADK archive,
    per satker (OUT/<satker>/): Bagian A (PDF, XLSX, HTML, text), Bagian B and rekap (PDF,
    XLSX, HTML), JSON and findings; and the archive summary (OUT/ringkasan-*). Exit 1 when
    the check finds an error (the files are written all the same) or when the reader could
    not place a line (nothing is written); 2 when FILE cannot be read.
    """
    if str(out_dir) == "-":
        raise click.BadParameter("a folder is needed, not '-'", param_hint="-o/--output")
    if from_ is None and services.is_adk(file):
        _report_arsip(file, out_dir, satker, lang)
        return
    checked = _checked_or_exit(file, from_, lang, satker)
    with writing(file):
        written = services.report(checked, out_dir, lang)
    out = console_out()
    _describe(out, file, checked, lang)
    print_findings(out, checked.findings, lang)
    out.print(summary_line(checked.findings, lang), style="bold")
    for path in written:
        out.print(f"{WRITTEN[lang]}: {escape(str(path))}")
    sys.exit(1 if checked.has_errors else 0)


def _arsip_or_exit(file: Path, satker: str | None, lang: str) -> services.CheckedArsip:
    try:
        with console_err().status("membaca arsip ADK…" if lang == "id" else "reading the ADK archive…"):
            return services.check_arsip(file, satker)
    except InputError as exc:
        fail_input(exc, lang)
        sys.exit(2)


def _report_arsip(file: Path, out_dir: Path, satker: str | None, lang: str) -> None:
    checked = _arsip_or_exit(file, satker, lang)
    refuse_read_errors(file, checked.read_errors, lang)
    with (
        writing(file),
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console_err(),
            transient=True,
        ) as bar,
    ):
        task = bar.add_task(
            "laporan per satker" if lang == "id" else "reports per satker", total=len(checked.satker)
        )
        written = services.report_arsip(
            checked, out_dir, lang, lambda done, total: bar.update(task, completed=done)
        )
    out = console_out()
    _describe_arsip(out, file, checked, lang)
    _print_arsip_findings(out, file, checked, lang)
    out.print(summary_line(checked.findings, lang), style="bold")
    label = "berkas ditulis ke" if lang == "id" else "files written to"
    out.print(f"{len(written)} {label} {escape(str(out_dir))}")
    sys.exit(1 if checked.has_errors else 0)


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
@satker_option
@lang_option
def diff(old: Path, new: Path | None, out_dir: Path | None, satker: str | None, lang: str) -> None:
    """Matriks semula-menjadi: compare OLD with NEW, or an archive's own semula (m_*)
    with its menjadi (d_*) tables when NEW is omitted.

    OLD and NEW are ADK archives or single documents (Bagian A text, JSON). Prints the
    totals per jenis belanja and overall, and how many satkers changed, stayed, were added
    or removed; with -o writes the matrix of the whole comparison and one per satker (PDF,
    XLSX, HTML). Exit 1, comparing nothing, when the reader could not place a line; 2 when an
    input cannot be read.
    """
    try:
        p = services.perbandingan(old, new, satker)
    except InputError as exc:
        fail_input(exc, lang)
        sys.exit(2)
    refuse_read_errors(old if new is None else new, p.read_errors, lang)
    print_perbandingan(p, lang, show_title=new is None)
    en = lang == "en"
    if out_dir is not None:
        with writing(old), console_err().status("writing the matrix…" if en else "menulis matriks…"):
            written = services.write_diff(p, out_dir)
        label = "files written to" if en else "berkas ditulis ke"
        console_out().print(f"{len(written)} {label} {escape(str(out_dir))}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option
def rules(fmt: str, lang: str) -> None:
    """List every check with its id, severity and source."""
    if fmt == "json":
        sys.stdout.write(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "severity": r.severity.value,
                        "uraian": r.uraian,
                        "description": r.description,
                        "source": r.source,
                    }
                    for r in RULES
                ],
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
        return
    out = console_out()
    for r in RULES:
        text = r.description if lang == "en" else r.uraian
        out.print(f"[bold]{r.id}[/] ({r.severity.value}): {escape(text)} [{escape(r.source)}]")


cli.add_command(db)


def main() -> None:
    """Entry point of the ``anggaran`` command."""
    cli()
