"""Spreadsheets through the command line: ``anggaran check|export|report FILE.xlsx`` as a
user runs them, on what Anggaran wrote, on an edited workbook, and on workbooks that
cannot be read (exit 2, the file named, nothing written)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from anggaran.cli import cli
from anggaran.core.errors import InputError
from anggaran.formats.xlsx import buku, read_xlsx
from tests.conftest import ADK_1D01


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def bagian_b(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "015116-b.xlsx"
    result = CliRunner().invoke(
        cli,
        ["export", str(ADK_1D01), "--satker", "015116", "--to", "xlsx", "--dokumen", "bagian-b", "-o", "-"],
    )
    assert result.exit_code == 0
    path.write_bytes(result.stdout_bytes)
    return path


def test_check_and_export_of_the_bagian_b(bagian_b: Path, tmp_path: Path) -> None:
    code, out, _ = run("check", "--format", "json", str(bagian_b))
    assert code == 0
    [entry] = json.loads(out)
    assert (entry["satker"], entry["jumlah"], entry["summary"].get("error", 0)) == (
        "015116",
        1_009_271_000,
        0,
    )
    code, _, _ = run("export", str(bagian_b), "--to", "json", "-o", str(tmp_path / "b.json"))
    assert code == 0
    archive = CliRunner().invoke(
        cli, ["export", str(ADK_1D01), "--satker", "015116", "--to", "json", "-o", "-"]
    )
    assert (tmp_path / "b.json").read_bytes() == archive.stdout_bytes


def test_an_edited_workbook_is_checked_and_reported(bagian_b: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(bagian_b)
    ws = wb["bagian-b"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 6).value == 19_625)
    ws.cell(row, 4).value = 300
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    code, out, _ = run("check", "--lang", "en", str(edited))
    # the line's monthly plan (not in the sheet) no longer adds up to it, nor DIPA page III:
    # errors, as a reviewer would see them
    assert code == 1
    assert f"READ_XLSX_JUMLAH 015.08.CD/6212/6212.FAL/002/100/A/521211/1: cell G{row}" in out
    assert "ERROR RENCANA_BULANAN_SUM 015.08.CD/6212/6212.FAL/002/100/A/521211/1" in out
    assert out.splitlines()[-1].startswith("2 errors, 9 warnings")
    code, _, _ = run("report", str(edited), "-o", str(tmp_path / "laporan"))
    assert code == 1  # written all the same
    again = tmp_path / "laporan" / "rka-satker-2026-015116-bagian-b.xlsx"
    result = read_xlsx(again.read_bytes(), again.name)
    assert result.findings == [] and result.tree.jumlah().jumlah == 1_009_271_000 + 706_000


def test_a_row_that_cannot_be_placed_stops_export(bagian_b: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(bagian_b)
    ws = wb["bagian-b"]
    ws.cell(20, 1).value = "XYZ-1"
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    code, _, err = run("export", str(bad), "--to", "json", "-o", str(tmp_path / "out.json"))
    assert code == 1 and not (tmp_path / "out.json").exists()


def _cases(bagian_b: Path) -> dict[str, bytes]:
    rekap = (
        CliRunner()
        .invoke(
            cli,
            ["export", str(ADK_1D01), "--satker", "015116", "--to", "xlsx", "--dokumen", "rekap", "-o", "-"],
        )
        .stdout_bytes
    )
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook")
    return {
        "rekap": rekap,
        "cut": bagian_b.read_bytes()[:5000],
        "broken": broken.getvalue(),
    }


@pytest.mark.parametrize("case", ["rekap", "cut", "broken"])
def test_unreadable_workbooks_exit_2_and_write_nothing(case: str, bagian_b: Path, tmp_path: Path) -> None:
    path = tmp_path / f"{case}.xlsx"
    path.write_bytes(_cases(bagian_b)[case])
    code, _, err = run("report", str(path), "-o", str(tmp_path / "out"))
    assert code == 2 and f"{case}.xlsx" in err
    assert not (tmp_path / "out").exists()
    expected = {
        "rekap": "no sheet holds an RKA Satker table (sheets: rekap)",
        "cut": "the workbook cannot be read",
        "broken": "the workbook cannot be read",
    }[case]
    code, _, err = run("check", "--lang", "en", str(path))
    assert code == 2 and expected in err


def test_a_workbook_that_unpacks_too_far_is_refused(bagian_b: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(buku, "MAX_UNPACKED", 100_000)
    with pytest.raises(InputError) as e:
        read_xlsx(bagian_b.read_bytes(), "bom.xlsx")
    assert e.value.file == "bom.xlsx" and "unpacks to" in str(e.value)
