"""The code stays as the guide asks: formatted by ruff, clean of its lint, and typed
(mypy over all of src, strict)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_format_and_lint() -> None:
    fmt = run("ruff", "format", "--check", "src", "tests", "benchmarks", "scripts")
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr
    lint = run("ruff", "check", "src", "tests", "benchmarks", "scripts")
    assert lint.returncode == 0, lint.stdout + lint.stderr


def test_mypy_over_all_of_src() -> None:
    proc = run("mypy")
    assert proc.returncode == 0, proc.stdout + proc.stderr
