"""On-demand benchmark of the ADK jobs (not part of the test suite).

    python benchmarks/bench_adk.py [--runs N] [ARCHIVE]

1. ``anggaran report ARCHIVE -o DIR`` as a fresh process (load + all checks + every report
   of every satker), N times: the issue-3 target is <= 10 s for archive 1d01;
2. ``anggaran check ARCHIVE`` and ``anggaran diff ARCHIVE -o DIR`` as fresh processes;
3. the stages in one process: read, checks, Bagian A / Bagian B / rekap / summary renders.

Figures go to docs/performance.md with the command and the machine.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "examples" / "adk" / "1d01_01508_00_000000_0.zip"


def fresh(args: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            cmd = [sys.executable, "-m", "anggaran", *[a.replace("{tmp}", tmp) for a in args]]
            start = time.perf_counter()
            done = subprocess.run(cmd, capture_output=True)
            times.append(time.perf_counter() - start)
            if done.returncode not in (0, 1):
                raise SystemExit(f"{cmd} failed: {done.stderr.decode()}")
    return times


def show(label: str, times: list[float]) -> None:
    print(
        f"{label}: min {min(times):.2f} s, median {statistics.median(times):.2f} s, "
        f"max {max(times):.2f} s ({len(times)} runs)"
    )


def stages(archive: Path) -> None:
    from anggaran import services
    from anggaran.reports import bagian_a, rincian, tabel
    from anggaran.reports.pdf import render_pdf

    t = time.perf_counter()
    from anggaran.formats.adk.reader import read_adk

    result = read_adk(archive)
    t_read = time.perf_counter() - t
    t = time.perf_counter()
    checked = services.check_arsip(archive)
    t_check = time.perf_counter() - t - t_read
    trees = [c.tree for c in checked.satker]
    timings = {}
    for name, build, render in [
        ("Bagian A PDF", bagian_a.build, render_pdf),
        ("Bagian B PDF", rincian.bagian_b, tabel.render_pdf),
        ("Bagian B XLSX", rincian.bagian_b, tabel.render_xlsx),
        ("Bagian B HTML", rincian.bagian_b, tabel.render_html),
        ("rekap PDF", rincian.rekap, tabel.render_pdf),
    ]:
        t = time.perf_counter()
        for tree in trees:
            render(build(tree))
        timings[name] = time.perf_counter() - t
    lines = sum(1 for tree in result.arsip.satker for _ in tree.detail())
    print(
        f"stages ({len(trees)} satkers, {lines} detail lines): read {t_read:.2f} s, "
        f"read + checks {t_check + t_read:.2f} s; "
        + ", ".join(f"{k} {v:.2f} s" for k, v in timings.items())
        + " (one thread)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("archive", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{platform.machine()}, Python {platform.python_version()}, {args.archive.name}")
    show("report (fresh process)", fresh(["report", str(args.archive), "-o", "{tmp}/out"], args.runs))
    show("check (fresh process)", fresh(["check", str(args.archive)], args.runs))
    show("diff -o (fresh process)", fresh(["diff", str(args.archive), "-o", "{tmp}/m"], args.runs))
    stages(args.archive)


if __name__ == "__main__":
    main()
