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


# -- SAKTI ADK archives (the real ones, zipped; see examples/adk/README.md) ----------------

ADK = ROOT / "examples" / "adk"
ADK_1D01 = ADK / "1d01_01508_00_000000_0.zip"
ADK_2D01 = ADK / "2d01_01508_00_000000_0.zip"
ADK_527010 = ADK / "527010d01_01508_00_527010_1.zip"


@pytest.fixture(scope="session")
def adk_1d01():  # type: ignore[no-untyped-def]
    from anggaran.formats.adk.reader import read_adk

    return read_adk(ADK_1D01)


@pytest.fixture(scope="session")
def adk_2d01():  # type: ignore[no-untyped-def]
    from anggaran.formats.adk.reader import read_adk

    return read_adk(ADK_2D01)


@pytest.fixture(scope="session")
def adk_527010():  # type: ignore[no-untyped-def]
    from anggaran.formats.adk.reader import read_adk

    return read_adk(ADK_527010)


def extract(archive: Path, folder: Path) -> Path:
    """Unzip ``archive`` into ``folder`` (the ADK as SAKTI's tables lie on disk)."""
    import zipfile

    with zipfile.ZipFile(archive) as z:
        z.extractall(folder)
    return folder
