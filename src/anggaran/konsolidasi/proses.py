"""Work spread over processes: one item at a time in each, the answers in input order
(``anggaran generate`` builds archives so, ``anggaran consolidate`` loads them so).

A worker ignores Ctrl-C: the main process gets it, ends the workers and says what was
left (nothing half-written: the callers write whole files or into a temporary folder)."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def pekerja_bawaan() -> int:
    """The worker processes used by default: two where the machine has two cores or more."""
    return 2 if (os.cpu_count() or 1) >= 2 else 1


def _diam() -> None:
    """A worker leaves Ctrl-C to the main process, which ends it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def peta(fn: Callable[[T], R], items: Iterable[T], workers: int) -> Iterator[R]:
    """``fn`` of each item, in order: here when ``workers`` is 1 or there is one item, else
    in up to ``workers`` fresh (spawned) processes; ``fn`` and the items must pickle."""
    items = list(items)
    if workers <= 1 or len(items) <= 1:
        yield from map(fn, items)
        return
    pool = multiprocessing.get_context("spawn").Pool(min(workers, len(items)), initializer=_diam)
    try:
        yield from pool.imap(fn, items, chunksize=1)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
