"""Findings as text (one line each, grouped by severity) and as JSON."""

from __future__ import annotations

import json

from anggaran.core.findings import Finding, Severity, by_severity, count_by_severity

_SEVERITY_ID = {Severity.ERROR: "GALAT", Severity.WARNING: "PERINGATAN", Severity.INFO: "INFO"}
_SEVERITY_EN = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def finding_line(f: Finding, lang: str = "id") -> str:
    """``GALAT ROLLUP_MISMATCH 013.05.BF/5252/5252.BDC: ... [file, halaman 4, baris 170]``."""
    sev = (_SEVERITY_EN if lang == "en" else _SEVERITY_ID)[f.severity]
    where = f" [{f.source.text(lang)}]" if f.source else ""
    path = f" {f.path}" if f.path else ""
    return f"{sev} {f.rule}{path}: {f.text(lang)}{where}"


def summary_line(findings: list[Finding], lang: str = "id") -> str:
    """``2 galat, 7 peringatan, 0 info``."""
    c = count_by_severity(findings)
    if lang == "en":
        return f"{c[Severity.ERROR]} errors, {c[Severity.WARNING]} warnings, {c[Severity.INFO]} info"
    return f"{c[Severity.ERROR]} galat, {c[Severity.WARNING]} peringatan, {c[Severity.INFO]} info"


def render_findings_text(findings: list[Finding], lang: str = "id") -> str:
    """Every finding on a line, errors first, then a summary line."""
    lines = [finding_line(f, lang) for f in by_severity(findings)]
    lines.append(summary_line(findings, lang))
    return "\n".join(lines) + "\n"


def finding_dict(f: Finding) -> dict[str, object]:
    """A finding as a JSON-ready dict."""
    return {
        "rule": f.rule,
        "severity": f.severity.value,
        "path": f.path,
        "pesan": f.pesan,
        "message": f.message,
        "source": None
        if f.source is None
        else {"file": f.source.file, "page": f.source.page, "line": f.source.line},
        "data": f.data,
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
