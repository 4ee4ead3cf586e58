"""Ctrl-C (SIGINT) and what it leaves: the few steps that must not be cut half-way (the
renames that put written files in place, the clean-up after a failed write) run to their
end with the interrupt held back, which then takes effect; and whether this process has
put anything in place yet, so that the command line can say truthfully what an interrupt
left behind: nothing, or everything written in full.

Python turns SIGINT into KeyboardInterrupt in the main thread only, and only while its
own handler is installed: a server's handler (gunicorn's), an inherited "ignore", and
the other threads are left alone.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _State:
    committed = False


_state = _State()


def reset() -> None:
    """Forget what earlier commands of this process committed (each command starts here)."""
    _state.committed = False


def committed() -> bool:
    """Whether this process has put an output in place (a file renamed into place, a
    database transaction stored) since :func:`reset`."""
    return _state.committed


def mark_committed() -> None:
    """Note that an output is in place: an interrupt from now on leaves it whole."""
    _state.committed = True


def _catching() -> bool:
    return (
        threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGINT) is signal.default_int_handler
    )


@contextmanager
def held() -> Iterator[None]:
    """Run the block with SIGINT held back; an interrupt that came meanwhile is raised as
    KeyboardInterrupt when the block ends normally (an exception of the block's own goes
    first). For steps of a few milliseconds that leave a half-done state when cut, never
    for long work: the interrupt waits for the block. Outside the main thread, or when
    Python's own SIGINT handler is not installed, the block runs as it is."""
    if not _catching():
        yield
        return
    pending: list[int] = []
    signal.signal(signal.SIGINT, lambda signum, frame: pending.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if pending:
        raise KeyboardInterrupt
