"""``python -m anggaran`` and the ``anggaran`` command: load the command line, then run it.

Loading takes a moment (about 0.2 s); Ctrl-C meanwhile ends the process as it does during
a command (status 130 and one line, no traceback): nothing has been read or written yet.
"""

from __future__ import annotations

import signal
import sys


def main() -> None:
    """Entry point of the ``anggaran`` command (``pyproject.toml``'s ``[project.scripts]``)."""
    try:
        from anggaran.cli import main as run
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C cannot cut the line
        from anggaran import i18n

        sys.stderr.write(i18n.fill("interrupted; nothing written", {}, _lang(sys.argv[1:])) + "\n")
        sys.exit(130)
    try:
        run()
    except KeyboardInterrupt:
        # a Ctrl-C that came between two of the command's own guards (as it ended, or while
        # a worker was being stopped): the same status and line as any other
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        from anggaran.cli.common import interrupted

        interrupted(_lang(sys.argv[1:]))


def _lang(args: list[str]) -> str:
    """The language ``--lang`` asks for, read before click parses the options."""
    from anggaran import i18n

    for i, arg in enumerate(args):
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        if value is not None and value in i18n.LANGS:
            return value
    return i18n.DEFAULT


if __name__ == "__main__":
    main()
