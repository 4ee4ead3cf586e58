"""On-demand benchmark of the store (not part of the test suite).

    python benchmarks/bench_store.py [--runs N] [--pg postgresql://postgres@127.0.0.1:5432/postgres]

For SQLite (a new file each run) and PostgreSQL (a new database each run, made and dropped
through the admin URL):

1. ``anggaran db import ARCHIVE`` of archive 1d01 (39 satkers, 4,805 detail lines) as a
   fresh process into an empty, migrated database: the issue-4 target is <= 5 s;
2. the same import in one process, split into reading + checking and storing;
3. loading one satker's tree (the largest of 1d01, and 527010's 1,150 lines), in a warm
   process: the target is <= 100 ms.

Figures go to docs/performance.md with the command and the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
ADK = ROOT / "examples" / "adk"
ARCHIVE = ADK / "1d01_01508_00_000000_0.zip"
SATKER = ADK / "527010d01_01508_00_527010_1.zip"


def show(label: str, times: list[float], unit: str = "s") -> None:
    k = 1000 if unit == "ms" else 1
    print(
        f"{label}: min {min(times) * k:.{0 if k > 1 else 2}f} {unit}, "
        f"median {statistics.median(times) * k:.{0 if k > 1 else 2}f} {unit}, "
        f"max {max(times) * k:.{0 if k > 1 else 2}f} {unit} ({len(times)} runs)"
    )


class Databases:
    """New empty databases, migrated, one per call."""

    def __init__(self, admin: str) -> None:
        self.admin = admin
        self.made: list[str] = []
        self.n = 0

    def sqlite(self, folder: str) -> str:
        self.n += 1
        return f"sqlite:///{folder}/bench-{self.n}.sqlite3"

    def postgresql(self, folder: str) -> str:
        import psycopg

        self.n += 1
        name = f"anggaran_bench_{os.getpid()}_{self.n}"
        with psycopg.connect(self.admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return urlunsplit(urlsplit(self.admin)._replace(path=f"/{name}"))

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(self.admin, autocommit=True) as conn:
            for name in self.made:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def migrate(url: str) -> None:
    subprocess.run(
        [sys.executable, "-c", "import sys; from anggaran.store import Store; Store(sys.argv[1])", url],
        check=True,
        capture_output=True,
    )


def cli_import(make, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            url = make(tmp)
            migrate(url)  # first use creates the schema; the target is the import itself
            start = time.perf_counter()
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "anggaran",
                    "db",
                    "import",
                    str(ARCHIVE),
                    "--db",
                    url,
                    "--stage",
                    "dipa",
                ],
                capture_output=True,
            )
            times.append(time.perf_counter() - start)
            if done.returncode != 0:
                raise SystemExit(done.stderr.decode())
    return times


def in_process(make, runs: int) -> None:  # type: ignore[no-untyped-def]
    from anggaran.services import arsip, versi

    read, store_t, loads, loads_small = [], [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            store = versi.Store(make(tmp))
            t = time.perf_counter()
            checked = arsip.check_arsip(ARCHIVE)
            read.append(time.perf_counter() - t)
            t = time.perf_counter()
            result = versi.import_file(store, ARCHIVE, oleh="bench", pada=dt.datetime.now(dt.UTC))
            store_t.append(time.perf_counter() - t - read[-1])  # impor reads again: subtract it
            lines = {c.tree.satker.kode: sum(1 for _ in c.tree.detail()) for c in checked.satker}
            biggest = max(result.versi, key=lambda i: lines[i.satker])
            n = lines[biggest.satker]
            for _ in range(20):
                t = time.perf_counter()
                store.load_tree(biggest.id)
                loads.append(time.perf_counter() - t)
            small = versi.import_file(store, SATKER, oleh="bench", pada=dt.datetime.now(dt.UTC)).versi[0]
            for _ in range(20):
                t = time.perf_counter()
                store.load_tree(small.id)
                loads_small.append(time.perf_counter() - t)
            store.close()
    show("  read + check 1d01 (in process)", read)
    show("  store 39 versions (in process, import minus read + check)", store_t)
    show(f"  load one tree: satker {biggest.satker} ({n} detail lines)", loads, "ms")
    show("  load one tree: satker 527010 (1,150 detail lines)", loads_small, "ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument(
        "--pg",
        default="postgresql://postgres@127.0.0.1:5432/postgres",
        help="admin URL of the PostgreSQL server to make databases on",
    )
    args = ap.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    dbs = Databases(args.pg)
    try:
        for backend in ("sqlite", "postgresql"):
            make = getattr(dbs, backend)
            print(f"{backend}:")
            show("  anggaran db import 1d01 (fresh process)", cli_import(make, args.runs))
            in_process(make, args.runs)
    finally:
        dbs.drop()


if __name__ == "__main__":
    main()
