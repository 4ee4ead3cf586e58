"""What the commands share: consoles, the language option, how findings, comparisons
and failures are printed, and how output faults become exit statuses."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape

from anggaran import services
from anggaran.core.errors import InputError, OutputError
from anggaran.core.findings import Finding, Severity, by_severity
from anggaran.reports.findings import finding_line

WRITTEN = {"id": "ditulis", "en": "written"}
STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


lang_option = click.option(
    "--lang",
    type=click.Choice(["id", "en"]),
    default="id",
    show_default=True,
    help="Language of the messages.",
)


def console_out() -> Console:
    return Console(highlight=False, soft_wrap=True)


def console_err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def fail_input(exc: InputError, lang: str = "id") -> None:
    label = "cannot be read" if lang == "en" else "tidak dapat dibaca"
    console_err().print(f"[bold red]{label}:[/] {clean(str(exc))}")


def print_findings(console: Console, findings: list[Finding], lang: str) -> None:
    for f in by_severity(findings):
        console.print(escape(finding_line(f, lang)), style=STYLE[f.severity])


@contextmanager
def writing(file: Path) -> Iterator[None]:
    """Turn output problems into a message and an exit status: 1 when the document cannot
    be rendered (nothing written), 2 when a file cannot be written."""
    try:
        yield
    except OutputError as exc:
        console_err().print(f"[bold red]{escape(str(file))}: tidak ada yang ditulis:[/] {escape(str(exc))}")
        sys.exit(1)
    except OSError as exc:
        where = exc.filename or "?"
        console_err().print(f"[bold red]tidak dapat menulis {escape(str(where))}:[/] {exc.strerror}")
        sys.exit(2)


def refuse_read_errors(file: Path, read_errors: list[Finding], lang: str, stored: bool = False) -> None:
    """Stop (exit 1, nothing written, or with ``stored`` nothing stored) when the reader
    could not place every line."""
    if read_errors:
        err = console_err()
        if lang == "en":
            nothing = "nothing stored" if stored else "nothing written"
            err.print(f"[bold red]{escape(str(file))}: lines that could not be read; {nothing}[/]")
        else:
            nothing = "tidak ada yang disimpan" if stored else "tidak ada yang ditulis"
            err.print(f"[bold red]{escape(str(file))}: baris yang tidak terbaca; {nothing}[/]")
        print_findings(err, read_errors, lang)
        sys.exit(1)


def print_perbandingan(p: services.Perbandingan, lang: str, show_title: bool) -> None:
    """The totals of a comparison: per jenis belanja, overall, and the satker counts."""
    en = lang == "en"
    out = console_out()
    before, after = p.jumlah()
    out.print(
        f"[bold]{escape(p.label_semula)} -> {escape(p.label_menjadi)}[/]"
        + (f" ({escape(p.judul)})" if show_title else "")
    )
    diff_word = "difference" if en else "selisih"
    # per jenis belanja only when both sides have their akun (a Bagian A stops at RO)
    if all(t.has_rincian() for t in p.semula + p.menjadi):
        for kode, (a, b) in p.per_jenis_belanja().items():
            out.print(f"  belanja {kode}: Rp {a:,} -> Rp {b:,} ({diff_word} Rp {b - a:,})")
    out.print(
        f"[bold]{'total' if en else 'jumlah'}: Rp {before:,} -> Rp {after:,} "
        f"({diff_word} Rp {after - before:,})[/]"
    )
    n = p.satker()
    if en:
        out.print(
            f"satker: {n['berubah']} changed, {n['tetap']} unchanged, {n['baru']} added, "
            f"{n['dihapus']} removed"
        )
    else:
        out.print(
            f"satker: {n['berubah']} berubah, {n['tetap']} tetap, {n['baru']} baru, {n['dihapus']} dihapus"
        )


def satker_code(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A --satker value: 6 digits (BadParameter otherwise)."""
    if value is not None and not (len(value) == 6 and value.isdigit()):
        raise click.BadParameter(f"{value!r}: a satker code has 6 digits (e.g. 015116)")
    return value


def clean(text: str) -> str:
    """``text`` safe to print: control characters (an escape sequence, a line break from a
    stored note or name) shown as ``\\x1b``, never sent to the terminal; markup escaped."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")  # undecodable bytes
    return escape("".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text))


def nama_or_unknown(nama: str | None, lang: str) -> str:
    """A name, or that it is unknown (no source names the code)."""
    return nama or ("(name unknown)" if lang == "en" else "(nama tidak diketahui)")


def check_text_form(to: str, dokumen: str) -> None:
    """Refuse ``--to text`` for a document that has no text form (only Bagian A has)."""
    if to == "text" and dokumen != "bagian-a":
        raise click.BadParameter(
            f"{dokumen} has no text form; use pdf, xlsx, html or json", param_hint="--to"
        )


def write_documents(
    source: Path,
    checks: list[services.Checked],
    to: str,
    dokumen: str,
    output: Path | None,
    lang: str,
    folder: bool = False,
) -> None:
    """Render ``dokumen`` of each checked tree as ``to`` and write it: to standard output
    (``-o -``, one tree), into the folder ``output`` (``folder``: one file per satker,
    default the current folder), or to the file ``output`` (default the document's usual
    name). Then list the errors the checks found and exit 1 when there are any (the files
    are written all the same)."""
    with writing(source):
        data = [(c, services.render_dokumen(c, to, dokumen, lang)) for c in checks]
        if output is not None and str(output) == "-":
            sys.stdout.buffer.write(data[0][1])
            sys.stdout.flush()
        else:
            files = (
                {(output or Path(".")) / services.nama_berkas(c.tree, to, dokumen): d for c, d in data}
                if folder
                else {output or Path(services.nama_berkas(c.tree, to, dokumen)): d for c, d in data}
            )
            services.write_all(files)
            for path in files:
                console_err().print(f"{WRITTEN[lang]}: {clean(str(path))}")
    errors = [f for c in checks for f in c.findings if f.severity is Severity.ERROR]
    if errors:
        print_findings(console_err(), errors, lang)
        sys.exit(1)
