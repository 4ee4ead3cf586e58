"""Shared fixtures: the real example and small inputs in the document's own notation."""

from __future__ import annotations

from pathlib import Path

import pytest

from anggaran.formats.result import ReadResult
from anggaran.formats.rka_text.reader import read_rka_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "rka-satker-2023-109141-bagian-a.txt"


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def example() -> ReadResult:
    return read_rka_text(EXAMPLE.read_bytes(), EXAMPLE.name)


def read_text(text: str, name: str = "test.txt") -> ReadResult:
    """Read a small Bagian A written in the test as text."""
    return read_rka_text(text.encode("utf-8"), name)
