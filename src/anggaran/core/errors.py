"""The one exception tree of Anggaran. User-data problems are findings, not exceptions;
these are for input that cannot be read at all and for environment faults."""

from __future__ import annotations


class AnggaranError(Exception):
    """Root of every exception Anggaran raises on purpose."""


class InputError(AnggaranError):
    """An input that cannot be read at all (missing, not text, not a known format, or so
    malformed that no tree can be built). The CLI exits with status 2.

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
    ) -> None:
        self.file = file
        self.page = page
        self.line = line
        self.expected = expected
        where = ", ".join(
            part
            for part in (
                file,
                f"halaman {page}" if page is not None else None,
                f"baris {line}" if line is not None else None,
            )
            if part
        )
        text = f"{where}: {message}" if where else message
        if expected:
            text += f" (diharapkan: {expected})"
        super().__init__(text)


class OutputError(AnggaranError):
    """An output that cannot be produced from a tree (for instance canonical JSON for a
    document whose printed NIP does not have 18 digits, which the schema refuses). The CLI
    exits with status 1 and writes nothing."""
