"""The ``anggaran`` command: thin commands over ``anggaran.services``.

Exit status: 0 when no errors (warnings allowed), 1 when a check finds an error, 2 when an
input cannot be read.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from anggaran import __version__, services
from anggaran.core.errors import InputError, OutputError
from anggaran.core.findings import Finding, Severity, by_severity, count_by_severity
from anggaran.reports.findings import finding_dict, finding_line, summary_line
from anggaran.rules import RULES

_WRITTEN = {"id": "ditulis", "en": "written"}
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}

from_option = click.option(
    "--from", "from_", type=click.Choice(sorted(services.INPUT_FORMATS)), default=None,
    help="Input format; recognised from the content when omitted.")
lang_option = click.option("--lang", type=click.Choice(["id", "en"]), default="id",
                           show_default=True, help="Language of the messages.")


def _out() -> Console:
    return Console(highlight=False, soft_wrap=True)


def _err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _fail_input(exc: InputError, lang: str = "id") -> None:
    label = "cannot be read" if lang == "en" else "tidak dapat dibaca"
    _err().print(f"[bold red]{label}:[/] {escape(str(exc))}")


def _print_findings(console: Console, findings: list[Finding], lang: str) -> None:
    for f in by_severity(findings):
        console.print(escape(finding_line(f, lang)), style=_STYLE[f.severity])


def _describe(console: Console, path: Path, checked: services.Checked) -> None:
    t = checked.tree
    console.print(f"[bold]{escape(str(path))}[/]: satker {t.satker.kode} {escape(t.satker.nama)}, "
                  f"TA {t.dokumen.tahun_anggaran}, {len(t.program)} program, "
                  f"jumlah Rp {t.jumlah().jumlah:,}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="anggaran")
def cli() -> None:
    """Anggaran: read, check and print RKA Satker budget documents.

    Input: an RKA Satker Bagian A as text extracted from its PDF, the canonical JSON
    (rka-satker/1), or a SAKTI ADK archive (folder, .zip, .rar; nested *.sNN as SAKTI
    downloads come). Exit status: 0 no errors, 1 errors found, 2 input unreadable.
    """


satker_option = click.option(
    "--satker", default=None, metavar="KODE",
    help="For an ADK archive: only this satker (6 digits); default: every satker.")


def _describe_arsip(console: Console, path: Path, checked: services.CheckedArsip) -> None:
    a = checked.arsip
    semula = a.jumlah_semula()
    before = f", semula Rp {semula:,}" if semula is not None else ""
    console.print(f"[bold]{escape(str(path))}[/]: arsip ADK TA {a.tahun_anggaran}, "
                  f"{len(a.satker)} satker, jumlah Rp {a.jumlah():,}{before}")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format of the findings.")
@from_option
@satker_option
@lang_option
def check(files: tuple[Path, ...], fmt: str, from_: str | None, satker: str | None,
          lang: str) -> None:
    """Check FILE... as a reviewer would and list the findings.

    FILE is an RKA Satker Bagian A (text), a canonical JSON, or a SAKTI ADK archive
    (folder, .zip or .rar, nested as SAKTI downloads come), whose every satker is checked.
    Exit 0 when no file has an error (warnings allowed), 1 when any has an error, 2 when a
    file cannot be read.
    """
    status = 0
    results: list[dict[str, object]] = []
    out = _out()
    for path in files:
        try:
            if from_ is None and services.is_adk(path):
                arsip = services.check_arsip(path, satker)
                checks = arsip.satker
            else:
                arsip = None
                checks = [services.check(path, from_)]
        except InputError as exc:
            _fail_input(exc, lang)
            results.append({"file": str(path), "readable": False, "error": str(exc),
                            "summary": None, "jumlah": None, "findings": []})
            status = 2
            continue
        if any(c.has_errors for c in checks) and status == 0:
            status = 1
        if arsip is not None and fmt == "text":
            _describe_arsip(out, path, arsip)
        for checked in checks:
            if fmt == "json":
                counts = {s.value: n for s, n in count_by_severity(checked.findings).items()}
                results.append({"file": str(path), "readable": True,
                                "satker": checked.tree.satker.kode, "summary": counts,
                                "jumlah": checked.tree.jumlah().jumlah,
                                "findings": [finding_dict(f) for f in checked.findings]})
            elif arsip is None or checked.findings:
                _describe(out, path, checked)
                _print_findings(out, checked.findings, lang)
        if fmt == "text":
            every = [f for c in checks for f in c.findings]
            out.print(summary_line(every, lang), style="bold")
    if fmt == "json":
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=2, default=str) + "\n")
    sys.exit(status)


@contextmanager
def _writing(file: Path) -> Iterator[None]:
    """Turn output problems into a message and an exit status: 1 when the document cannot
    be rendered (nothing written), 2 when a file cannot be written."""
    try:
        yield
    except OutputError as exc:
        _err().print(f"[bold red]{escape(str(file))}: tidak ada yang ditulis:[/] {escape(str(exc))}")
        sys.exit(1)
    except OSError as exc:
        where = exc.filename or "?"
        _err().print(f"[bold red]tidak dapat menulis {escape(str(where))}:[/] {exc.strerror}")
        sys.exit(2)


def _checked_or_exit(path: Path, from_: str | None, lang: str) -> services.Checked:
    try:
        checked = services.check(path, from_)
    except InputError as exc:
        _fail_input(exc, lang)
        sys.exit(2)
    if checked.read_errors:
        err = _err()
        err.print(f"[bold red]{escape(str(path))}: baris yang tidak terbaca; tidak ada yang "
                  "ditulis[/]")
        _print_findings(err, checked.read_errors, lang)
        sys.exit(1)
    return checked


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--to", "to", type=click.Choice(list(services.EXPORT_FORMATS)), required=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Output file ('-' for standard output); default: "
                   "rka-satker-<TA>-<satker>-bagian-a.<ext> in the current folder. For an ADK "
                   "archive: the folder to write one file per satker into (default: current).")
@click.option("--dokumen", type=click.Choice(services.DOKUMEN), default="bagian-a",
              show_default=True,
              help="Which document (ADK input): Bagian A, Bagian B (rincian) or the rekap. "
                   "JSON always holds the whole tree; text exists for Bagian A only.")
@from_option
@satker_option
@lang_option
def export(file: Path, to: str, output: Path | None, dokumen: str, from_: str | None,
           satker: str | None, lang: str) -> None:
    """Write FILE as json, xlsx, html, pdf or text.

    A Bagian A or JSON gives one file (Bagian A layout). An ADK archive gives one file per
    satker (or only --satker) named rka-satker-<TA>-<satker>-<dokumen>.<ext>. Exit 1 when
    the check finds an error (the files are written all the same and the errors are listed
    on standard error) or when the reader could not place a line (nothing is written); 2
    when FILE cannot be read.
    """
    if from_ is None and services.is_adk(file):
        _export_arsip(file, to, output, dokumen, satker, lang)
        return
    checked = _checked_or_exit(file, from_, lang)
    with _writing(file):
        data = services.render(checked, to, lang)
        if output is not None and str(output) == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            target = output or Path(
                f"{services.base_name(checked.tree)}.{services.EXPORT_FORMATS[to]}")
            services.write_atomic(target, data)
            _err().print(f"{_WRITTEN[lang]}: {escape(str(target))}")
    if checked.has_errors:
        errors = [f for f in checked.findings if f.severity is Severity.ERROR]
        _print_findings(_err(), errors, lang)
        sys.exit(1)


def _export_arsip(file: Path, to: str, output: Path | None, dokumen: str, satker: str | None,
                  lang: str) -> None:
    if to == "text" and dokumen != "bagian-a":
        raise click.BadParameter(f"{dokumen} has no text form; use pdf, xlsx, html or json",
                                 param_hint="--to")
    if output is not None and str(output) == "-":
        raise click.BadParameter("an archive gives one file per satker: name a folder",
                                 param_hint="-o/--output")
    checked = _arsip_or_exit(file, satker, lang)
    folder = output or Path(".")
    ext = services.EXPORT_FORMATS[to]
    part = "" if to == "json" else f"-{dokumen}"
    with _writing(file):
        files = {folder / f"{services.satker_stem(c.tree)}{part}.{ext}":
                 services.render_dokumen(c, to, dokumen, lang) for c in checked.satker}
        services.write_all(files)
    for path in files:
        _err().print(f"{_WRITTEN[lang]}: {escape(str(path))}")
    errors = [f for f in checked.findings if f.severity is Severity.ERROR]
    if errors:
        _print_findings(_err(), errors, lang)
        sys.exit(1)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              required=True, help="Folder to write into (created when missing).")
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
    checked = _checked_or_exit(file, from_, lang)
    with _writing(file):
        written = services.report(checked, out_dir, lang)
    out = _out()
    _describe(out, file, checked)
    _print_findings(out, checked.findings, lang)
    out.print(summary_line(checked.findings, lang), style="bold")
    for path in written:
        out.print(f"{_WRITTEN[lang]}: {escape(str(path))}")
    sys.exit(1 if checked.has_errors else 0)


def _arsip_or_exit(file: Path, satker: str | None, lang: str) -> services.CheckedArsip:
    try:
        with _err().status("membaca arsip ADK…" if lang == "id" else "reading the ADK archive…"):
            return services.check_arsip(file, satker)
    except InputError as exc:
        _fail_input(exc, lang)
        sys.exit(2)


def _report_arsip(file: Path, out_dir: Path, satker: str | None, lang: str) -> None:
    checked = _arsip_or_exit(file, satker, lang)
    read_errors = [f for c in checked.satker for f in c.read_errors]
    if read_errors:
        err = _err()
        err.print(f"[bold red]{escape(str(file))}: baris yang tidak terbaca; tidak ada yang ditulis[/]")
        _print_findings(err, read_errors, lang)
        sys.exit(1)
    with _writing(file), Progress(TextColumn("{task.description}"), BarColumn(),
                                  MofNCompleteColumn(), TimeElapsedColumn(),
                                  console=_err(), transient=True) as bar:
        task = bar.add_task("laporan per satker" if lang == "id" else "reports per satker",
                            total=len(checked.satker))
        written = services.report_arsip(checked, out_dir, lang,
                                        lambda done, total: bar.update(task, completed=done))
    out = _out()
    _describe_arsip(out, file, checked)
    errors = [f for f in checked.findings if f.severity is Severity.ERROR]
    _print_findings(out, errors, lang)
    out.print(summary_line(checked.findings, lang), style="bold")
    label = "berkas ditulis ke" if lang == "id" else "files written to"
    out.print(f"{len(written)} {label} {escape(str(out_dir))}")
    sys.exit(1 if checked.has_errors else 0)


@cli.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path), required=False)
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              default=None, help="Folder to write the matrix into (PDF, XLSX, HTML); "
                                 "without it only the totals are printed.")
@satker_option
@lang_option
def diff(old: Path, new: Path | None, out_dir: Path | None, satker: str | None, lang: str) -> None:
    """Matriks semula-menjadi: compare OLD with NEW, or an archive's own semula (m_*)
    with its menjadi (d_*) tables when NEW is omitted.

    OLD and NEW are ADK archives or single documents (Bagian A text, JSON). Prints the
    totals per jenis belanja and per satker that changed; with -o writes the matrix of the
    whole comparison and one per satker. Exit 2 when an input cannot be read.
    """

    try:
        p = services.perbandingan(old, new, satker)
    except InputError as exc:
        _fail_input(exc, lang)
        sys.exit(2)
    out = _out()
    before, after = p.jumlah()
    out.print(f"[bold]{escape(p.judul)}[/]: {escape(p.label_semula)} -> {escape(p.label_menjadi)}")
    jb_a: dict[str, int] = {}
    jb_b: dict[str, int] = {}
    for t in p.semula:
        for k, v in t.per_jenis_belanja().items():
            jb_a[k] = jb_a.get(k, 0) + v
    for t in p.menjadi:
        for k, v in t.per_jenis_belanja().items():
            jb_b[k] = jb_b.get(k, 0) + v
    for k in sorted(set(jb_a) | set(jb_b)):
        a, b = jb_a.get(k, 0), jb_b.get(k, 0)
        out.print(f"  belanja {k}: Rp {a:,} -> Rp {b:,} (selisih Rp {b - a:,})")
    out.print(f"[bold]jumlah: Rp {before:,} -> Rp {after:,} (selisih Rp {after - before:,})[/]")
    old_by = {t.satker.kode: t.jumlah().jumlah for t in p.semula}
    new_by = {t.satker.kode: t.jumlah().jumlah for t in p.menjadi}
    changed = [k for k in sorted(set(old_by) | set(new_by)) if old_by.get(k) != new_by.get(k)]
    out.print(f"satker berubah: {len(changed)} dari {len(set(old_by) | set(new_by))}")
    if out_dir is not None:
        with _writing(old), _err().status("menulis matriks…"):
            written = services.write_diff(p, out_dir)
        label = "berkas ditulis ke" if lang == "id" else "files written to"
        out.print(f"{len(written)} {label} {escape(str(out_dir))}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@lang_option
def rules(fmt: str, lang: str) -> None:
    """List every check with its id, severity and source."""
    if fmt == "json":
        sys.stdout.write(json.dumps([{"id": r.id, "severity": r.severity.value,
                                      "uraian": r.uraian, "description": r.description,
                                      "source": r.source} for r in RULES],
                                    ensure_ascii=False, indent=2) + "\n")
        return
    out = _out()
    for r in RULES:
        text = r.description if lang == "en" else r.uraian
        out.print(f"[bold]{r.id}[/] ({r.severity.value}): {escape(text)} [{escape(r.source)}]")


def main() -> None:
    """Entry point of the ``anggaran`` command."""
    cli()
