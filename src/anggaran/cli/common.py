"""What the commands share: the command group that maps every error to its exit status in
one place, consoles, the language option, and how findings and comparisons are printed.

Exit status: 0 no errors (warnings allowed); 1 a check found an error, the reader could not
place a line, or a document cannot be made; 2 an input cannot be read or an output cannot
be written (also one that would replace an input); 130 interrupted (nothing half-written).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NoReturn

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from anggaran import i18n
from anggaran.core.errors import AnggaranError, InputError, MessageError, OutOfScope, OutputError, WriteError
from anggaran.core.findings import Finding, Severity
from anggaran.reports.findings import capped, finding_line
from anggaran.services import interrupts

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
#: findings printed per id in text output (``--format json`` and the files give them all)
CAP = 50
_LANG = "anggaran.lang"
_ARGS = "anggaran.args"


def lang_of(ctx: click.Context | None = None) -> str:
    """The language the command was asked to speak (``--lang``), default Indonesian; read
    from the command line when the command's options are not parsed yet (a Ctrl-C in that
    moment speaks the language asked for, as every later one does)."""
    ctx = ctx or click.get_current_context(silent=True)
    if ctx is None:
        return i18n.DEFAULT
    if _LANG in ctx.meta:
        return str(ctx.meta[_LANG])
    return i18n.lang_in(ctx.meta.get(_ARGS, []))


def translator(lang: str) -> Callable[..., str]:
    """``_("template {x}", x=1)``: a message of the catalogue in ``lang``, filled in."""

    def _(text: str, **args: Any) -> str:
        return i18n.fill(text, args, lang)

    return _


def _set_lang(ctx: click.Context, param: click.Parameter, value: str) -> str:
    ctx.meta[_LANG] = value
    return value


lang_option = click.option(
    "--lang",
    type=click.Choice(list(i18n.LANGS)),
    default=i18n.DEFAULT,
    show_default=True,
    is_eager=True,
    expose_value=True,
    callback=_set_lang,
    help="Language of the messages.",
)


def export_options(output_help: str, dokumen_help: str) -> Callable[[Any], Any]:
    """``--to``, ``-o/--output`` and ``--dokumen`` of the commands that write one document
    (``export``, ``db export``), each with its own help for the output and the document."""
    from anggaran import services

    def decorate(f: Any) -> Any:
        f = click.option(
            "--dokumen",
            type=click.Choice(services.DOKUMEN),
            default="bagian-a",
            show_default=True,
            help=dokumen_help,
        )(f)
        f = click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help=output_help)(f)
        return click.option(
            "--to",
            "to",
            type=click.Choice(list(services.EXPORT_FORMATS)),
            required=True,
            help="Output format.",
        )(f)

    return decorate


def console_out() -> Console:
    return Console(highlight=False, soft_wrap=True)


def console_err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def fail(exc: AnggaranError, lang: str) -> None:
    """Print an error's message on standard error."""
    _ = translator(lang)
    if isinstance(exc, InputError) and exc.file is None:  # an argument, not a file
        label = _("refused")
    elif isinstance(exc, InputError | OutOfScope):
        label = _("cannot be read")
    else:
        label = _("nothing written")
    text = i18n.error_text(exc, lang) if isinstance(exc, MessageError) else str(exc)
    console_err().print(f"[bold red]{label}:[/] {clean(text)}")


def exit_status(exc: BaseException) -> int | None:
    """The exit status of an error Anggaran raised on purpose (None for others)."""
    if isinstance(exc, InputError | WriteError | OutOfScope):
        return 2
    if isinstance(exc, OutputError):
        return 1
    return None


class AnggaranGroup(click.Group):
    """A command group whose commands' errors end the process with their exit status and a
    message, never a traceback: the one place that maps errors to statuses."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta[_ARGS] = list(args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        interrupts.reset()
        try:
            return super().invoke(ctx)
        except (InputError, OutputError, WriteError, OutOfScope) as exc:
            fail(exc, lang_of(ctx))
            sys.exit(exit_status(exc))
        except KeyboardInterrupt:
            interrupted(lang_of(ctx))
        except click.Abort as exc:  # click's prompt (a password) turns Ctrl-C into Abort
            if isinstance(exc.__context__, KeyboardInterrupt):
                interrupted(lang_of(ctx))
            raise


def interrupted(lang: str) -> NoReturn:
    """End the command after Ctrl-C: status 130 and one line on standard error saying what
    is left: nothing written, or, when the command had already put its output in place
    (the files renamed, the versions stored), all of it; never a part."""
    _ = translator(lang)
    if interrupts.committed():
        console_err().print(_("interrupted after everything was written; nothing half-written"))
    else:
        console_err().print(_("interrupted; nothing written"))
    sys.exit(130)


def print_findings(console: Console, findings: Iterable[Finding], lang: str, cap: int | None = CAP) -> None:
    """Each finding on a line, errors first; at most ``cap`` of one id (then how many more)."""
    _ = translator(lang)
    for item in capped(findings, cap):
        if isinstance(item, tuple):
            rule, more = item
            console.print(
                clean(_("… and {n} more {rule} (--format json lists every one)", n=more, rule=rule)),
                style="dim",
            )
        else:
            console.print(clean(finding_line(item, lang)), style=STYLE[item.severity])


def refuse_read_errors(file: str, read_errors: list[Finding], lang: str, stored: bool = False) -> None:
    """Stop (exit 1, nothing written, or with ``stored`` nothing stored) when the reader
    could not place every line."""
    if read_errors:
        _ = translator(lang)
        err = console_err()
        nothing = _("nothing stored") if stored else _("nothing written")
        err.print(
            "[bold red]"
            + clean(_("{file}: lines that could not be read; {nothing}", file=file, nothing=nothing))
            + "[/]"
        )
        print_findings(err, read_errors, lang)
        sys.exit(1)


def exit_on_errors(findings: Iterable[Finding]) -> NoReturn | None:
    """Exit 1 when any finding is an error."""
    if any(f.severity is Severity.ERROR for f in findings):
        sys.exit(1)
    return None


def satker_code(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A --satker value: 6 digits (BadParameter otherwise)."""
    if value is not None and not (len(value) == 6 and value.isdigit()):
        _ = translator(lang_of(ctx))
        raise click.BadParameter(_("{value!r}: a satker code has 6 digits (e.g. 015116)", value=value))
    return value


def clean(text: str) -> str:
    """``text`` safe to print: control characters (an escape sequence, a line break from a
    stored note or name) shown as ``\\x1b``, never sent to the terminal; markup escaped."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")  # undecodable bytes
    return escape("".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text))


def nama_or_unknown(nama: str | None, lang: str) -> str:
    """A name, or that it is unknown (no source names the code)."""
    _ = translator(lang)
    return nama or _("(name unknown)")


def check_text_form(to: str, dokumen: str) -> None:
    """Refuse ``--to text`` for a document that has no text form (only Bagian A has)."""
    if to == "text" and dokumen != "bagian-a":
        _ = translator(lang_of())
        raise click.BadParameter(
            _("{dokumen} has no text form; use pdf, xlsx, html or json", dokumen=dokumen), param_hint="--to"
        )


def progress() -> Progress:
    """A progress bar on standard error (gone when done): what is being done, the bar,
    n of m, the time taken."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console_err(),
        transient=True,
    )


def maju_arsip(bar: Progress, lang: str) -> Callable[[str, int, int], None]:
    """A task on ``bar`` that follows archives being read (``maju(archive, done, total)``
    of the consolidation services)."""
    _ = translator(lang)
    task = bar.add_task(_("archives read"), total=None)

    def maju(nama: str, done: int, total: int) -> None:
        bar.update(task, completed=done, total=total, description=clean(nama or _("archives read")))

    return maju
