"""What a check reports: findings are values, not exceptions."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How serious a finding is. ``error``: a reviewer sends the plan back; ``warning``: a
    reviewer asks; ``info``: noted."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where something was read: file name, page (1-based, as counted in the document) and
    line (1-based line of the input file). Any part may be unknown."""

    file: str | None = None
    page: int | None = None
    line: int | None = None

    def __str__(self) -> str:
        return self.text()

    def text(self, lang: str = "id") -> str:
        """``"file.txt, halaman 2, baris 33"`` (``"page 2, line 33"`` in English)."""
        page, line = ("page", "line") if lang == "en" else ("halaman", "baris")
        parts = [self.file or "?"]
        if self.page is not None:
            parts.append(f"{page} {self.page}")
        if self.line is not None:
            parts.append(f"{line} {self.line}")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a document.

    ``rule`` is a stable id (``ROLLUP_MISMATCH``); ``path`` the code path of the node it
    concerns (``013.05.BF/5252/5252.BDC``), empty for the document as a whole; ``pesan``
    the message in Indonesian, ``message`` in English; ``data`` the figures behind it
    (amounts in whole rupiah) for machines.
    """

    rule: str
    severity: Severity
    path: str
    pesan: str
    message: str
    source: SourceRef | None = None
    data: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    def text(self, lang: str = "id") -> str:
        """The message in ``lang`` (``"id"`` or ``"en"``)."""
        return self.message if lang == "en" else self.pesan


def by_severity(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then info; document order within each."""
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return sorted(findings, key=lambda f: order[f.severity])


def has_errors(findings: list[Finding]) -> bool:
    """True when any finding is an error."""
    return any(f.severity is Severity.ERROR for f in findings)


def count_by_severity(findings: list[Finding]) -> dict[Severity, int]:
    """``{Severity.ERROR: n, Severity.WARNING: n, Severity.INFO: n}``."""
    counts = {s: 0 for s in Severity}
    for f in findings:
        counts[f.severity] += 1
    return counts
