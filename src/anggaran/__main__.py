"""``python -m anggaran`` and the ``anggaran`` command: load the command line, then run it.

Loading takes a moment (about 0.2 s); Ctrl-C meanwhile ends the process as it does during
a command (status 130 and one line, no traceback): nothing has been read or written yet.
"""

from __future__ import annotations

import signal
import sys
from typing import NoReturn


def main() -> None:
    """Entry point of the ``anggaran`` command (``pyproject.toml``'s ``[project.scripts]``)."""
    try:
        _main()
    except SystemExit as e:
        if e.code == 130:
            _exit_interrupted()
        raise


def _exit_interrupted() -> NoReturn:
    """End an interrupted process with status 130, whatever CPython noted of the Ctrl-C.

    Having handled the KeyboardInterrupt, a process run as ``python -m anggaran`` was still
    killed by SIGINT at its very end now and then (status -2 instead of 130): CPython's
    ``Py_RunMain`` re-sends SIGINT to the process after finalising when it holds the
    interrupt for unhandled, which ``strace`` showed right after the line was written.
    So the process runs its exit functions itself and leaves without that last step; the
    command's own clean-up has run already (every ``finally`` on the way out)."""
    import atexit
    import os

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    atexit._run_exitfuncs()
    os._exit(130)


def _main() -> None:
    try:
        from anggaran.cli import main as run
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C cannot cut the line
        from anggaran import i18n

        sys.stderr.write(i18n.fill("interrupted; nothing written", {}, i18n.lang_in(sys.argv[1:])) + "\n")
        sys.exit(130)
    try:
        run()
    except KeyboardInterrupt:
        # a Ctrl-C that came between two of the command's own guards (as it ended, or while
        # a worker was being stopped): the same status and line as any other
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        from anggaran import i18n
        from anggaran.cli.common import interrupted

        interrupted(i18n.lang_in(sys.argv[1:]))


if __name__ == "__main__":
    main()
