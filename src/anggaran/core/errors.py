"""The one exception tree of Anggaran. User-data problems are findings, not exceptions;
these are for input that cannot be read at all, outputs that cannot be made or written,
and environment faults.

Messages are English templates marked for translation (``N_``) with ``{named}`` fields, as
finding messages are; ``anggaran.i18n.error_text`` gives one in the user's language.
``str(exc)`` is the English text, for logs and tracebacks.
"""

from __future__ import annotations

from typing import Any


def _fill(template: str, args: dict[str, Any]) -> str:
    try:
        return template.format_map(_Plain(args))
    except (KeyError, ValueError, IndexError):
        return template


class _Plain(dict[str, Any]):
    """Arguments for ``str.format_map`` without the i18n formats (``{x:rp}`` as a number)."""

    def __getitem__(self, key: str) -> Any:
        value = super().__getitem__(key)
        return _Bare(value)


class _Bare:
    def __init__(self, value: Any) -> None:
        self.value = value

    def __format__(self, spec: str) -> str:
        if spec == "rp":
            return f"Rp {self.value:,}" if isinstance(self.value, int) else f"Rp {self.value}"
        if spec == "list":
            return ", ".join(map(str, self.value))
        if spec == "plus":
            return " + ".join(map(str, self.value))
        if spec in ("n", "vol", "pct", "tanggal", "t", ""):
            return str(self.value)
        return format(self.value, spec)

    def __repr__(self) -> str:
        return repr(self.value)

    def __str__(self) -> str:
        return str(self.value)


class AnggaranError(Exception):
    """Root of every exception Anggaran raises on purpose."""


class MessageError(AnggaranError):
    """An error whose message is a template with arguments (see the module docstring)."""

    def __init__(self, message: str, *, expected: str | None = None, **args: Any) -> None:
        self.template = message
        self.expected = expected
        self.params = args
        super().__init__(self.plain())

    def plain(self) -> str:
        text = _fill(self.template, self.params)
        if self.expected:
            text += f" (expected: {_fill(self.expected, self.params)})"
        return text


class InputError(MessageError):
    """An input that cannot be read at all (missing, not text, not a known format, too
    large, or so malformed that no tree can be built). The CLI exits with status 2.

    ``file``, ``page`` and ``line`` say where; ``expected`` what was expected there.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        page: int | None = None,
        line: int | None = None,
        expected: str | None = None,
        **args: Any,
    ) -> None:
        self.file = file
        self.page = page
        self.line = line
        super().__init__(message, expected=expected, **args)

    def plain(self) -> str:
        where = ", ".join(
            part
            for part in (
                self.file,
                f"page {self.page}" if self.page is not None else None,
                f"line {self.line}" if self.line is not None else None,
            )
            if part
        )
        text = super().plain()
        return f"{where}: {text}" if where else text

    def renamed(self, old: str, new: str) -> InputError:
        """This error, naming ``new`` where it named ``old`` (a file, or a member of it): an
        upload read from a temporary copy names the file its user gave."""
        params = {k: v.replace(old, new) if isinstance(v, str) else v for k, v in self.params.items()}
        file = self.file
        if file is not None and file.startswith(old):
            file = new + file[len(old) :]
        made = type(self).__new__(type(self))
        InputError.__init__(
            made, self.template, file=file, page=self.page, line=self.line, expected=self.expected, **params
        )
        return made

    def at(self, file: str) -> InputError:
        """This error, naming ``file`` when it names none."""
        if self.file is not None:
            return self
        return InputError(
            self.template, file=file, page=self.page, line=self.line, expected=self.expected, **self.params
        )


class StoreError(InputError):
    """The database refused or failed a request (a value it cannot hold, a connection
    lost). Its message names the database: the command line shows it; the web shows a
    general message and logs it."""


class OutputError(MessageError):
    """An output that cannot be produced from a tree (for instance canonical JSON for a
    document whose printed NIP does not have 18 digits, which the schema refuses). The CLI
    exits with status 1 and writes nothing."""


class WriteError(MessageError):
    """An output file that cannot be written (a folder in the way, no permission, a full
    disk), or that would replace one of the command's inputs. The CLI exits with status 2;
    nothing is left half-written. ``file`` names the output."""

    def __init__(self, message: str, *, file: str, **args: Any) -> None:
        self.file = file
        super().__init__(message, file=file, **args)


class OutOfScope(AnggaranError):
    """A satker outside the user's scope: for that user it does not exist (the web and the
    API answer 404, and nothing is stored)."""
