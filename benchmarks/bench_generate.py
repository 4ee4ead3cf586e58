"""On-demand benchmark of ``anggaran generate`` (not part of the test suite).

    python benchmarks/bench_generate.py [--satker 1000] [--workers 2] [--check]

1. ``anggaran generate --satker N`` as a fresh process: wall time, the archives' size on
   disk, detail lines, and the extrapolation to 25,000 satkers;
2. the stages of one archive in one process (trees, semula, the ADK writer, zip levels 6
   and 1), to see where the time goes;
3. with ``--check``: ``anggaran check --format json`` over the archives (the per-tree
   rules on every satker), and whether it reports exactly the manifest's faults.
"""

from __future__ import annotations

import argparse
import collections
import json
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def fresh(n: int, workers: int, faults: int, out: Path) -> float:
    cmd = [sys.executable, "-m", "anggaran", "generate", "--satker", str(n), "--seed", "1"]
    cmd += ["--faults", str(faults), "--workers", str(workers), "-o", str(out)]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{cmd} failed: {done.stderr}")
    return took


def stages(n: int) -> None:
    from anggaran.formats.adk import skema
    from anggaran.formats.adk.writer import write_adk
    from anggaran.generator import rencanakan
    from anggaran.generator.arsip import zip_members
    from anggaran.generator.bangun import Pembangun, rencana_penarikan
    from anggaran.generator.profil import profil
    from anggaran.generator.semula import semula

    unit = rencanakan(n, 1)[0]
    p = profil()
    b = Pembangun(p, unit, 2026)
    times: dict[str, float] = collections.defaultdict(float)
    trees, old = [], []
    for s in unit.satker:
        rng = random.Random(s.kode)
        t = time.perf_counter()
        tree = b.satker(s, rng)
        rencana_penarikan(tree)
        times["trees"] += time.perf_counter() - t
        t = time.perf_counter()
        if s.kode in unit.semula:
            old.append(semula(tree, p, b, rng))
        times["semula"] += time.perf_counter() - t
        trees.append(tree)
    t = time.perf_counter()
    members = write_adk(trees, old or None, bentuk=skema.UNIT)
    times["write_adk"] = time.perf_counter() - t
    for level in (6, 1):
        t = time.perf_counter()
        data = zip_members(members, level)
        times[f"zip level {level} ({len(data) / 1e6:.1f} MB)"] = time.perf_counter() - t
    size = sum(len(v) for v in members.values()) / 1e6
    print(f"one archive of {len(trees)} satkers ({size:.0f} MB of tables):")
    for k, v in times.items():
        print(f"  {k}: {v:.2f} s")


def check(out: Path) -> None:
    manifest = json.loads((out / "manifest.json").read_text())
    zips = sorted(str(p) for p in out.glob("*.zip"))
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "anggaran", "check", "--format", "json", *zips], capture_output=True, text=True
    )
    took = time.perf_counter() - start
    found = collections.Counter(
        (s["satker"], f["rule"], f["path"])
        for s in json.loads(done.stdout)
        for f in s["findings"]
        if f["severity"] in ("error", "warning")
    )
    expected = collections.Counter((f["satker"], f["rule"], f["path"]) for f in manifest["faults"])
    print(
        f"anggaran check over {len(zips)} archives: {took:.1f} s; "
        f"the manifest's faults exactly: {found == expected}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--satker", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--faults", type=int, default=100)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "gen"
        took = fresh(args.satker, args.workers, args.faults, out)
        manifest = json.loads((out / "manifest.json").read_text())
        c = manifest["counts"]
        disk = sum(p.stat().st_size for p in out.iterdir())
        print(
            f"generate --satker {args.satker} --workers {args.workers}: {took:.1f} s, "
            f"{c['archives']} archives, "
            f"{c['lines']:,} lines ({c['lines_semula']:,} semula), {disk / 1e6:.1f} MB on disk"
        )
        scale = 25_000 / args.satker
        print(f"  25,000 satkers (extrapolated): {took * scale / 60:.1f} min, {disk * scale / 1e9:.2f} GB")
        if args.check:
            check(out)
    stages(min(args.satker, 300))


if __name__ == "__main__":
    main()
