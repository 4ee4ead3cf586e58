"""On-demand benchmark of the main job (not part of the test suite).

    python benchmarks/bench_report.py [--runs N] [--ro 5000]

1. ``anggaran report`` on the bundled real example, as a fresh process;
2. ``anggaran report`` on a generated Bagian A with ``--ro`` RO rows (50 RO per KRO, 10 KRO
   per kegiatan; each RO with one Indikator RO, i.e. three table rows per RO, unless
   ``--no-indikator-ro``), as a fresh process;
3. the same large document stage by stage, in one process.

Figures go to docs/performance.md with the command and the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from anggaran.core.tree import (
    KRO,
    RO,
    Alokasi,
    Dokumen,
    Indikator,
    Kegiatan,
    Keluaran,
    KodeNama,
    Penandatangan,
    Program,
    RkaSatker,
)
from anggaran.reports import bagian_a
from anggaran.reports.text import render_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "rka-satker-2023-109141-bagian-a.txt"


def generated_tree(n_ro: int, indikator_ro: bool = True) -> RkaSatker:
    """A consistent tree with ``n_ro`` RO: 50 RO per KRO, 10 KRO per kegiatan; each RO with
    one Indikator RO when ``indikator_ro``."""
    kegiatan: list[Kegiatan] = []
    made = 0
    k = 0
    while made < n_ro:
        k += 1
        kode_keg = f"{5000 + k}"
        kros = []
        for x in range(10):
            if made >= n_ro:
                break
            count = min(50, n_ro - made)
            ros = [
                RO(
                    f"{i:03d}",
                    f"Rincian output nomor {made + i} layanan perkantoran",
                    Keluaran(Decimal(1), "Layanan"),
                    Alokasi(1_250_000 * i, 0, 1_250_000 * i),
                    [Indikator("01", f"Persentase layanan {made + i} yang tepat waktu")]
                    if indikator_ro
                    else [],
                )
                for i in range(1, count + 1)
            ]
            made += count
            total = sum(r.alokasi.jumlah for r in ros)
            kros.append(
                KRO(
                    f"{kode_keg}.{chr(65 + x)}AA",
                    f"Layanan keluaran {x}",
                    ["Program Baru - Perubahan Kebijakan"],
                    "16.52",
                    "KOTA BALIKPAPAN",
                    Keluaran(Decimal(count), "Layanan, Dokumen"),
                    Alokasi(0, total, total),
                    [Indikator("01", "Jumlah layanan")],
                    ros,
                )
            )
        total = sum(x.alokasi.jumlah for x in kros)
        kegiatan.append(
            Kegiatan(
                kode_keg,
                f"Kegiatan {k}",
                Alokasi(0, total, total),
                [Indikator("01", "Indeks kegiatan")],
                kros,
            )
        )
    total = sum(k.alokasi.jumlah for k in kegiatan)
    header = {
        "kementerian": KodeNama("013", "KEMENTERIAN CONTOH"),
        "unit_organisasi": KodeNama("05", "Ditjen Contoh"),
        "satker": KodeNama("999999", "SATKER BENCHMARK"),
        "provinsi": KodeNama("16", "KALIMANTAN TIMUR"),
        "lokasi": KodeNama("52", "KOTA BALIKPAPAN"),
    }
    import datetime as dt

    dok = Dokumen(
        2023,
        tempat="Balikpapan",
        tanggal=dt.date(2023, 3, 30),
        penandatangan=Penandatangan("Kuasa Pengguna Anggaran", "BUDI SANTOSO", "197003152000121001"),
    )
    return RkaSatker(
        dok,
        program=[Program("013.05.BF", "Program benchmark", Alokasi(0, total, total), [], kegiatan)],
        **header,
    )


def time_process(args: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            proc = subprocess.run([*args, "-o", out], capture_output=True, check=False)
            times.append(time.perf_counter() - start)
            if proc.returncode not in (0, 1):
                raise SystemExit(proc.stderr.decode())
    return times


def stages(path: Path) -> dict[str, float]:
    from anggaran import services
    from anggaran.reports.html import render_html
    from anggaran.reports.pdf import render_pdf
    from anggaran.reports.xlsx import render_xlsx

    result: dict[str, float] = {}
    t = time.perf_counter()
    checked = services.check(path)
    result["read + check"] = time.perf_counter() - t
    report = bagian_a.build(checked.tree)
    for name, func in (
        ("pdf", lambda: render_pdf(report)),
        ("xlsx", lambda: render_xlsx(report, checked.findings)),
        ("html", lambda: render_html(report, checked.findings)),
    ):
        t = time.perf_counter()
        func()
        result[name] = time.perf_counter() - t
    return result


def describe(times: list[float]) -> str:
    return (
        f"min {min(times):.2f} s, median {statistics.median(times):.2f} s, "
        f"max {max(times):.2f} s over {len(times)} runs"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ro", type=int, default=5000)
    parser.add_argument(
        "--no-indikator-ro", action="store_true", help="RO rows only (no Indikator RO rows under each RO)"
    )
    args = parser.parse_args()
    exe = [sys.executable, "-m", "anggaran", "report"]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.platform()}"
    )
    print(f"example report (fresh process): {describe(time_process([*exe, str(EXAMPLE)], args.runs))}")
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / f"generated-{args.ro}-ro.txt"
        tree = generated_tree(args.ro, not args.no_indikator_ro)
        report = bagian_a.build(tree)
        big.write_text(render_text(report))
        print(
            f"generated document: {args.ro} RO, {len(report.rows)} table rows, "
            f"{big.stat().st_size // 1024} KiB"
        )
        runs = max(1, args.runs // 2)
        print(f"generated report (fresh process): {describe(time_process([*exe, str(big)], runs))}")
        print("stages (one process): " + ", ".join(f"{k} {v:.2f} s" for k, v in stages(big).items()))


if __name__ == "__main__":
    main()
