"""On-demand benchmark of the consolidation at national scale (not part of the test suite).

    python benchmarks/bench_konsolidasi.py --satker 25000 [--gen DIR] [--out DIR] [--skip-load]
    python benchmarks/bench_konsolidasi.py --growth 1000,5000,25000

For a generated set of N satkers (``anggaran generate --satker N --seed 1 --faults N/50``;
made into ``--gen`` unless it is there already):

1. **load**: the archives into Parquet (``konsolidasi.muat``, two worker processes), a
   fresh process: wall time, peak memory of the largest process and, as a bound of the
   whole, the main process's plus twice the largest worker's;
2. **checks and roll-ups** over that Parquet, a fresh process, each step timed: open the
   engine, build the cube (``konsolidasi.duckdb``), the set-based rules a consolidation
   runs (``konsolidasi.aturan``: all but KODE_TANPA_NAMA, ``services.konsolidasi.TANPA``,
   timed apart after the total), the totals at every level and every node of every satker
   written to Parquet; beside it, in the same process, the bare DuckDB ``GROUP BY`` of
   jumlah per (satker, akun) over the same Parquet written to Parquet too; the ratio;
   peak memory; and whether the findings are the manifest's planted faults;
3. **per-tree** path on 1/100 of the archives (``read_adk`` and ``run_rules``, satker by
   satker), extrapolated by lines to the whole set, for the ratio;
4. **aggregate**: 200 cuts + 2-level drilldowns (unit, provinsi or K/L cut; drilldowns of
   two dimensions) through ``services.konsolidasi.query``: p50, p95, max.

``--growth`` runs 1 and 2 at each size and fits the exponent of time against lines.
Figures go to docs/performance.md and docs/scale.md with the command and the machine.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_LOAD = """
import json, resource, sys, time
from pathlib import Path
from anggaran.konsolidasi.muat import muat_semua
t = time.perf_counter()
rs = list(muat_semua([("adk", Path(sys.argv[1]))], Path(sys.argv[2])))
Path(sys.argv[2], "konsolidasi.json").write_text("{}")
print(json.dumps({"detik": time.perf_counter() - t, "baris": sum(r.baris for r in rs),
                  "satker": sum(r.satker for r in rs), "jumlah": sum(r.jumlah for r in rs),
                  "rss_mb": max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                                resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024,
                  "rss_mb_sum": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                                 + 2 * resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024}))
"""

_CHECK = """
import collections, json, resource, sys, time
from pathlib import Path
import duckdb
from anggaran import rules  # noqa: F401  (register the finding kinds)
from anggaran.konsolidasi import aturan, mesin as ms
from anggaran.services import konsolidasi as svc
folder, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
step = {}
t0 = t = time.perf_counter()
ms.tulis_saji(folder)
step["cube"] = time.perf_counter() - t
t = time.perf_counter()
m = ms.buka(folder)
step["open"] = time.perf_counter() - t
t = time.perf_counter()
found = list(aturan.temuan(m, aturan=[i for i in aturan.RULES_SET if i not in svc.TANPA]))
step["rules"] = time.perf_counter() - t
t = time.perf_counter()
for level in svc.skema.LEVEL:
    m.con.execute(f"COPY ({svc.rekap_sql(level)}) TO '{out / (level + '.parquet')}' (FORMAT parquet)")
m.con.execute(f"COPY ({svc.pohon_sql(urut=False)}) TO '{out / 'pohon.parquet'}' (FORMAT parquet)")
step["rollups"] = time.perf_counter() - t
total = time.perf_counter() - t0
t = time.perf_counter()
tanpa_nama = len(aturan.temuan(m, aturan=sorted(svc.TANPA)))
step["tanpa_nama"] = time.perf_counter() - t
glob = str(folder / "item" / "**" / "*.parquet")
bare = []
for _ in range(3):
    t = time.perf_counter()
    duckdb.execute(
        f"COPY (SELECT satker, akun, sum(jumlah) AS jumlah FROM read_parquet('{glob}') "
        f"GROUP BY satker, akun) TO '{out / 'bare.parquet'}' (FORMAT parquet)"
    )
    bare.append(time.perf_counter() - t)
kinds = collections.Counter((f.temuan.severity.value, f.temuan.rule) for f in found)
print(json.dumps({"langkah": step, "total": total, "bare": min(bare), "tanpa_nama": tanpa_nama,
                  "temuan": {f"{s} {r}": n for (s, r), n in sorted(kinds.items())},
                  "planted": sorted([f.satker, f.temuan.rule, f.temuan.path] for f in found
                                    if f.temuan.severity.value != "info"),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _run(code: str, *args: str) -> dict:  # type: ignore[type-arg]
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def generate(n: int, gen: Path) -> dict:  # type: ignore[type-arg]
    if not (gen / "manifest.json").is_file():
        t = time.perf_counter()
        cmd = [sys.executable, "-m", "anggaran", "generate", "--satker", str(n), "--seed", "1"]
        subprocess.run(
            [*cmd, "--faults", str(max(10, n // 50)), "-o", str(gen)], check=True, capture_output=True
        )
        print(f"generated {n} satkers in {time.perf_counter() - t:.1f} s")
    return json.loads((gen / "manifest.json").read_text())


def per_tree(gen: Path, manifest: dict, share: float = 0.01) -> tuple[float, int]:  # type: ignore[type-arg]
    """read_adk + run_rules on every ``1/share``-th archive; (seconds, lines)."""
    from anggaran.formats.adk.reader import read_adk
    from anggaran.rules import run_rules

    archives = manifest["archives"]
    step = max(1, round(1 / share))
    chosen = archives[::step][: max(1, round(len(archives) * share))]
    t = time.perf_counter()
    lines = 0
    for a in chosen:
        r = read_adk(gen / a["archive"])
        for tree in r.arsip.satker:
            run_rules(tree)
        lines += a["lines"]
    return time.perf_counter() - t, lines


def aggregate(folder: Path, n: int = 200) -> list[float]:
    from anggaran.konsolidasi import mesin as ms
    from anggaran.services import konsolidasi as svc

    m = ms.buka(folder)
    units = [r[0] for r in m.sql("SELECT DISTINCT unit FROM kubus ORDER BY 1")]
    provs = [r[0] for r in m.sql("SELECT DISTINCT provinsi FROM kubus ORDER BY 1")]
    dims = ["provinsi", "jenis_belanja", "program", "akun", "satker", "kegiatan", "sumber_dana", "kppn"]
    rnd = random.Random(1)
    times = []
    for _ in range(n):
        u = rnd.choice(units)
        cut = rnd.choice([f"unit:{u}", f"kl:{u[:3]}", f"provinsi:{rnd.choice(provs)}"])
        drill = rnd.sample(dims, 2)
        t = time.perf_counter()
        svc.query(m, cut, drill, page_size=100)
        times.append(time.perf_counter() - t)
    m.close()
    return sorted(times)


def one(n: int, gen: Path, out: Path, skip_load: bool, full: bool) -> dict:  # type: ignore[type-arg]
    manifest = generate(n, gen)
    result: dict = {"satker": n, "lines": manifest["counts"]["lines"]}  # type: ignore[type-arg]
    if not skip_load or not (out / "item").is_dir():
        import shutil

        shutil.rmtree(out, ignore_errors=True)
        result["load"] = _run(_LOAD, str(gen), str(out))
        print(f"load: {result['load']}")
    with tempfile.TemporaryDirectory() as tmp:
        result["check"] = _run(_CHECK, str(out), tmp)
    c = result["check"]
    planted = sorted([f["satker"], f["rule"], f["path"]] for f in manifest["faults"])
    c["planted_equal_manifest"] = c.pop("planted") == planted
    print(
        f"checks + roll-ups: {c['total']:.1f} s (cube {c['langkah']['cube']:.1f}, rules "
        f"{c['langkah']['rules']:.1f}, roll-ups {c['langkah']['rollups']:.1f}); bare GROUP BY "
        f"{c['bare']:.2f} s; roll-ups / bare {c['langkah']['rollups'] / c['bare']:.1f}x; "
        f"peak {c['rss_mb']:.0f} MB; "
        f"findings = planted faults: {c['planted_equal_manifest']}"
    )
    print(f"findings: {c['temuan']}")
    print(
        f"besides (not in the consolidation's checks): KODE_TANPA_NAMA, {c['tanpa_nama']} infos, "
        f"{c['langkah']['tanpa_nama']:.1f} s"
    )
    if "load" in result:
        whole = result["load"]["detik"] + c["total"]
        result["whole"] = whole
        print(
            f"load + checks + roll-ups: {whole:.1f} s (target <= 20 s), {whole / c['bare']:.0f}x the bare "
            f"GROUP BY (target <= 3x); peak {max(result['load']['rss_mb'], c['rss_mb']):.0f} MB "
            f"(target <= 4096)"
        )
    if full:
        secs, lines = per_tree(gen, manifest)
        whole = secs * manifest["counts"]["lines"] / lines
        result["per_tree"] = {"detik": secs, "lines": lines, "extrapolated": whole}
        print(f"per-tree on {lines} lines: {secs:.1f} s; the whole set extrapolated: {whole:.0f} s")
        times = aggregate(out)
        p = {k: times[int(len(times) * q) - 1] for k, q in (("p50", 0.5), ("p95", 0.95))}
        result["agregat"] = {**p, "max": times[-1]}
        print(
            f"aggregate (cut + 2-level drilldown), 200 queries: p50 {p['p50'] * 1000:.0f} ms, "
            f"p95 {p['p95'] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms"
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--satker", type=int, default=25000)
    parser.add_argument("--gen", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--skip-load", action="store_true", help="reuse --out's Parquet")
    parser.add_argument("--growth", default=None, help="sizes, e.g. 1000,5000,25000")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    if args.growth:
        sizes = [int(s) for s in args.growth.split(",")]
        rows = []
        for n in sizes:
            print(f"== {n} satkers")
            gen = Path(tempfile.gettempdir()) / f"gen{n}"
            out = Path(tempfile.gettempdir()) / f"kons{n}"
            rows.append(one(n, gen, out, args.skip_load, full=False))
        for a, b in zip(rows, rows[1:], strict=False):
            for key, get in (
                ("load", lambda r: r["load"]["detik"]),
                ("checks", lambda r: r["check"]["total"]),
            ):
                k = math.log(get(b) / get(a)) / math.log(b["lines"] / a["lines"])
                print(f"{key}: {a['satker']} -> {b['satker']} satkers: exponent {k:.2f}")
        return
    gen = args.gen or Path(tempfile.gettempdir()) / f"gen{args.satker}"
    out = args.out or Path(tempfile.gettempdir()) / f"kons{args.satker}"
    one(args.satker, gen, out, args.skip_load, full=True)
    print(f"this process: peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
