"""Findings as text (one line each, grouped by severity) and as JSON, in one language."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from anggaran import i18n
from anggaran.core.findings import Finding, by_severity, count_by_severity


def finding_line(f: Finding, lang: str = "id") -> str:
    """``GALAT ROLLUP_MISMATCH 013.05.BF/5252/5252.BDC: ... [file, halaman 4, baris 170]``."""
    sev = i18n.severity_label(f.severity, lang).upper()
    where = f" [{i18n.where(f.source, lang)}]" if f.source else ""
    path = f" {f.path}" if f.path else ""
    return f"{sev} {f.rule}{path}: {i18n.message(f, lang)}{where}"


def summary_line(findings: Iterable[Finding], lang: str = "id") -> str:
    """``2 galat, 7 peringatan, 0 info`` (``2 errors, 7 warnings, 0 info``)."""
    return i18n.summary(findings, lang)


def capped(findings: Iterable[Finding], cap: int | None) -> Iterator[Finding | tuple[str, int]]:
    """The findings errors first, at most ``cap`` of each id (None: all); after an id's
    last one shown, ``(id, how many more)`` when some were left out."""
    ordered = by_severity(findings)
    if cap is None:
        yield from ordered
        return
    total: dict[str, int] = {}
    for f in ordered:
        total[f.rule] = total.get(f.rule, 0) + 1
    shown: dict[str, int] = {}
    for f in ordered:
        n = shown.get(f.rule, 0)
        if n < cap:
            yield f
            shown[f.rule] = n + 1
            if n + 1 == cap and total[f.rule] > cap:
                yield f.rule, total[f.rule] - cap


def render_findings_text(findings: list[Finding], lang: str = "id") -> str:
    """Every finding on a line, errors first, then a summary line."""
    lines = [finding_line(f, lang) for f in by_severity(findings)]
    lines.append(summary_line(findings, lang))
    return "\n".join(lines) + "\n"


def finding_dict(f: Finding) -> dict[str, Any]:
    """A finding as a JSON-ready dict: its id, severity, code path, message in Indonesian
    (``pesan``) and English (``message``), where it was read, its arguments (``data``:
    amounts in whole rupiah, volumes as decimal text) and its message ``variant``."""
    return {
        "rule": f.rule,
        "severity": f.severity.value,
        "path": f.path,
        "pesan": i18n.message(f, "id"),
        "message": i18n.message(f, "en"),
        "source": None if f.source is None else f.source.to_dict(),
        "data": f.args,
        "variant": f.variant,
    }


def render_findings_json(findings: list[Finding], file: str | None = None) -> str:
    """``{"file": ..., "summary": {"error": n, ...}, "findings": [...]}`` as JSON text."""
    c = count_by_severity(findings)
    return (
        json.dumps(
            {
                "file": file,
                "summary": {s.value: n for s, n in c.items()},
                "findings": [finding_dict(f) for f in findings],
            },
            ensure_ascii=False,
            indent=2,
            default=str,
        )
        + "\n"
    )
