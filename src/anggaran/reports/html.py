"""Render Bagian A as one self-contained HTML file (Jinja2; inline CSS, no external
resources)."""

from __future__ import annotations

from functools import cache

import jinja2

from anggaran import i18n
from anggaran.core.findings import Finding
from anggaran.core.money import format_rupiah
from anggaran.reports.bagian_a import COLUMN_TITLES, BagianA
from anggaran.reports.findings import finding_line, summary_line


@cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("anggaran.reports", "templates"),
        autoescape=True,
        trim_blocks=False,
        keep_trailing_newline=True,
    )


def render_html(report: BagianA, findings: list[Finding] | None = None, lang: str = "id") -> str:
    """The document (and its findings, when given) as HTML text."""
    return (
        _env()
        .get_template("bagian_a.html.j2")
        .render(
            r=report,
            titles=COLUMN_TITLES,
            findings=findings,
            lang=lang,
            summary=summary_line(findings or [], lang),
            rp=lambda v: "" if v is None else format_rupiah(v),
            line=lambda f: finding_line(f, lang),
            judul_temuan=i18n.gettext("Findings", lang),
        )
    )
