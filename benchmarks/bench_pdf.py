"""On-demand benchmark of reading a Bagian A PDF (not part of the test suite).

    python benchmarks/bench_pdf.py [--runs N] [--ro 5000]

1. ``anggaran check`` of the bundled example's PDF (Anggaran's own print of it), as a
   fresh process, beside the same check of its text form;
2. the same of a generated Bagian A with ``--ro`` RO rows (bench_report's generator),
   printed to PDF by Anggaran;
3. the reading alone in one process: PDFium's words (pypdfium2), the layout into cells,
   the reader; and pdfplumber's words of the same PDF, for the library choice.

Figures go to docs/performance.md with the command and the machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import subprocess  # noqa: E402

from bench_report import describe, generated_tree  # noqa: E402

from anggaran.formats.rka_text.pdf import halaman_pdf  # noqa: E402
from anggaran.formats.rka_text.reader import read_rka_baris, read_rka_text  # noqa: E402
from anggaran.formats.rka_text.tata import baris_halaman  # noqa: E402
from anggaran.reports import bagian_a  # noqa: E402
from anggaran.reports.pdf import render_pdf  # noqa: E402

EXAMPLE = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "anggaran"
    / "contoh"
    / "rka-satker-2023-109141-bagian-a.txt"
)


def time_check(path: Path, runs: int) -> list[float]:
    """``anggaran check PATH`` as a fresh process, ``runs`` times."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(["anggaran", "check", str(path)], capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            raise SystemExit(proc.stdout.decode() + proc.stderr.decode())
    return times


def stages(data: bytes) -> dict[str, float]:
    t0 = time.perf_counter()
    pages = halaman_pdf(data, "bench.pdf")
    t1 = time.perf_counter()
    lines = baris_halaman(pages)
    t2 = time.perf_counter()
    read_rka_baris(lines, "bench.pdf")
    t3 = time.perf_counter()
    out = {"pdfium words": t1 - t0, "layout": t2 - t1, "reader": t3 - t2, "pages": float(len(pages))}
    try:
        import pdfplumber
    except ImportError:
        return out
    import io

    t4 = time.perf_counter()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_words()
    out["pdfplumber words (for comparison)"] = time.perf_counter() - t4
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ro", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        example_pdf = Path(tmp) / "contoh.pdf"
        example_pdf.write_bytes(render_pdf(bagian_a.build(read_rka_text(EXAMPLE.read_bytes(), "x").tree)))
        print("example, text:", describe(time_check(EXAMPLE, args.runs)))
        print("example, PDF: ", describe(time_check(example_pdf, args.runs)))
        big = Path(tmp) / "besar.pdf"
        t = time.perf_counter()
        big.write_bytes(render_pdf(bagian_a.build(generated_tree(args.ro))))
        print(
            f"{args.ro} RO PDF printed in {time.perf_counter() - t:.1f} s, {big.stat().st_size / 1e6:.1f} MB"
        )
        print(f"{args.ro} RO, PDF:", describe(time_check(big, max(1, args.runs // 2))))
        for name, value in stages(big.read_bytes()).items():
            print(f"  {name}: {value:.2f}" + ("" if name == "pages" else " s"))


if __name__ == "__main__":
    main()
