"""What a check reports: findings are values, not exceptions.

Every finding id (``ROLLUP_MISMATCH``, ``READ_VALUE_UNRECOGNISED``) is a :class:`Kind`
registered once, with its severity, a one-line description, its source and its message
templates (English text with ``{named}`` fields, marked for translation with :func:`N_`;
``anggaran.i18n`` translates them through the gettext catalogues and fills in the
arguments, formatting money and numbers the way the language writes them). A finding
carries the id, the arguments and where it was read, never a finished sentence: the web,
the CLI and the documents speak one language at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


def N_(text: str) -> str:
    """Mark ``text`` for translation (Babel extracts it) without translating it here."""
    return text


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

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "page": self.page, "line": self.line}


@dataclass(frozen=True)
class Kind:
    """A finding id and what it says: ``severity`` (the usual one: a reader reports the same
    id as an error on the plan as it stands and as a warning on its semula side),
    ``description`` (what is checked, one line), ``source`` (regulation or document), and
    ``messages``: the message template of each variant (``""`` the main one). A template
    is English text with ``{named}`` fields filled from the finding's arguments; a field
    may carry a format: ``{jumlah:rp}`` money, ``{volume:vol}`` a volume as printed
    (two decimals), ``{n:n}`` a number, ``{items:list}`` a list, ``{text!r}`` quoted.
    ``reader``: reported by a reader about its input (``READ_*``), not by a rule.
    ``recheck``: whether the rule can be run again on a stored version's tree (False for a
    reader's findings and for rules of the page layout, which the store does not keep)."""

    id: str
    severity: Severity
    description: str
    source: str
    messages: Mapping[str, str]
    reader: bool = False
    recheck: bool = True


#: every finding id, in registration order (rules, then readers)
KINDS: dict[str, Kind] = {}


def register(
    id: str,
    severity: Severity,
    description: str,
    source: str,
    message: str,
    variants: Mapping[str, str] | None = None,
    reader: bool = False,
    recheck: bool = True,
) -> Kind:
    """Register a finding id with its main message and any variants. Registering the same
    id twice with other content is a programming error (ValueError)."""
    kind = Kind(
        id, severity, description, source, {"": message, **(variants or {})}, reader, recheck and not reader
    )
    if id in KINDS and KINDS[id] != kind:
        raise ValueError(f"finding id {id} registered twice")
    KINDS[id] = kind
    return kind


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a document.

    ``rule`` is a stable id (``ROLLUP_MISMATCH``, a registered :class:`Kind`); ``path`` the
    code path of the node it concerns (``013.05.BF/5252/5252.BDC``), empty for the document
    as a whole; ``args`` the figures behind it (amounts in whole rupiah, volumes as decimal
    text), which fill the message template and are given to machines as they are;
    ``variant`` which of the kind's messages applies; ``source`` where it was read.
    """

    rule: str
    severity: Severity
    path: str
    args: dict[str, Any] = field(default_factory=dict, hash=False)
    source: SourceRef | None = None
    variant: str = ""

    @classmethod
    def of(
        cls,
        rule: str,
        path: str = "",
        source: SourceRef | None = None,
        *,
        variant: str = "",
        severity: Severity | None = None,
        **args: Any,
    ) -> Finding:
        """A finding of the registered id ``rule`` at its usual severity (or ``severity``).
        Raises KeyError for an id nobody registered, ValueError for an unknown variant."""
        kind = KINDS[rule]
        if variant not in kind.messages:
            raise ValueError(f"{rule} has no message variant {variant!r}")
        return cls(rule, severity or kind.severity, path, args, source, variant)

    @property
    def template(self) -> str:
        """The English message template of this finding."""
        return KINDS[self.rule].messages[self.variant]


def by_severity(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings, then info; document order within each."""
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return sorted(findings, key=lambda f: order[f.severity])


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error."""
    return any(f.severity is Severity.ERROR for f in findings)


def count_by_severity(findings: Iterable[Finding]) -> dict[Severity, int]:
    """``{Severity.ERROR: n, Severity.WARNING: n, Severity.INFO: n}``."""
    counts = {s: 0 for s in Severity}
    for f in findings:
        counts[f.severity] += 1
    return counts


def is_read_error(f: Finding) -> bool:
    """A reader's error: a line of the input whose place in the tree is not certain, so the
    tree is incomplete (outputs and imports refuse it)."""
    return f.severity is Severity.ERROR and KINDS[f.rule].reader
