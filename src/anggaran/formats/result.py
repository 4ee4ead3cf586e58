"""What every reader returns."""

from __future__ import annotations

from dataclasses import dataclass

from anggaran.core.findings import Finding
from anggaran.core.tree import RkaSatker


@dataclass
class ReadResult:
    """A tree and what the reader had to say about its input (``READ_*`` findings)."""

    tree: RkaSatker
    findings: list[Finding]
