"""The web's import takes the Bagian A PDF itself, as the command line does."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium

from anggaran.store import Store
from tests.web.conftest import Demo, login

PDF = Path(__file__).resolve().parent.parent / "data" / "pdf" / "109141-polos.pdf"


def test_a_pdf_uploads_as_a_version(web: Demo) -> None:
    with PDF.open("rb") as fh:
        response = login("operator").post("/api/v1/impor/", {"berkas": fh, "catatan": "PDF"})
    assert response.status_code == 200, response.content
    versi = json.loads(response.content)["versi"]
    assert [(v["satker"], v["jumlah"]) for v in versi] == [("109141", 3_212_301_000)]


def test_a_scan_is_refused_clearly(web: Demo, tmp_path: Path) -> None:
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    scan = tmp_path / "pindaian.pdf"
    pdf.save(scan)
    before = len(Store.default().versions())
    with scan.open("rb") as fh:
        response = login("operator").post("/api/v1/impor/", {"berkas": fh})
    assert response.status_code == 422
    assert "pindaian.pdf" in json.loads(response.content)["detail"]
    assert len(Store.default().versions()) == before


def test_the_import_page_takes_only_get_and_post(web: Demo) -> None:
    """(Its method check once sat on a helper instead of the view.)"""
    client = login("operator")
    assert client.put("/impor/").status_code == 405
    assert client.delete("/impor/").status_code == 405
    assert client.get("/impor/").status_code == 200
