"""Golden files of the renderers on the real example: the canonical JSON, the Bagian A
text, the findings, the PDF as extracted text and the XLSX as cell values. After an
intended change, regenerate with ``UPDATE_GOLDEN=1 python -m pytest tests/reports`` and
read the diff."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import openpyxl
import pdfplumber
import pytest

from anggaran.formats import json as canonical
from anggaran.formats.result import ReadResult
from anggaran.reports import bagian_a
from anggaran.reports.findings import render_findings_text
from anggaran.reports.pdf import render_pdf
from anggaran.reports.text import render_text
from anggaran.reports.xlsx import render_xlsx
from anggaran.rules import run_rules

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
STEM = "rka-satker-2023-109141-bagian-a"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


def test_json(example: ReadResult) -> None:
    check_golden(f"{STEM}.json", canonical.dumps(example.tree).decode())


def test_text(example: ReadResult) -> None:
    check_golden(f"{STEM}.txt", render_text(bagian_a.build(example.tree)))


def test_findings(example: ReadResult) -> None:
    findings = example.findings + run_rules(example.tree)
    check_golden(
        f"{STEM}.temuan.txt",
        render_findings_text(findings).replace(example.tree.source_file or "", "EXAMPLE"),
    )


def test_pdf_text(example: ReadResult) -> None:
    with pdfplumber.open(io.BytesIO(render_pdf(bagian_a.build(example.tree)))) as pdf:
        text = "\n\f\n".join(page.extract_text() or "" for page in pdf.pages)
    check_golden(f"{STEM}.pdf.txt", text + "\n")


def test_xlsx_cells(example: ReadResult) -> None:
    wb = openpyxl.load_workbook(
        io.BytesIO(render_xlsx(bagian_a.build(example.tree), run_rules(example.tree)))
    )
    rows = [[c for c in row] for row in wb["Bagian A"].iter_rows(values_only=True)]
    check_golden(f"{STEM}.xlsx.json", json.dumps(rows, ensure_ascii=False, indent=0) + "\n")


@pytest.mark.parametrize("name", [f"{STEM}.json", f"{STEM}.txt", f"{STEM}.pdf.txt"])
def test_golden_files_exist(name: str) -> None:
    assert (GOLDEN / name).stat().st_size > 1000
