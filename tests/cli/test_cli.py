"""The ``anggaran`` command: exit codes, outputs, bad input. Run as a user would, through
click's runner and, once, as a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from anggaran.cli import cli
from anggaran.formats import json as canonical


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def test_check_example_exits_0_and_shows_the_warnings(example_path: Path) -> None:
    code, out, _ = run("check", str(example_path))
    assert code == 0
    assert out.count("PERINGATAN SPLIT_MISMATCH") == 5
    assert "Halaman 2 mencetak unit organisasi (05) 'Ditjen Pemasaryakatan'" in out
    assert "6231.EBD: nomor melompat dari 01 ke 03" in out
    assert out.splitlines()[-1] == "0 galat, 7 peringatan, 0 info"


def test_check_in_english(example_path: Path) -> None:
    code, out, _ = run("check", "--lang", "en", str(example_path))
    assert code == 0
    assert out.splitlines()[-1] == "0 errors, 7 warnings, 0 info"


def test_changed_ro_amount_exits_1_naming_kro_amounts_and_difference(
    example_path: Path, tmp_path: Path
) -> None:
    text = example_path.read_text()
    changed = text.replace(
        "<b>149.00 Orang</b>\t<b>350,150,000</b>\t\t<b>350,150,000</b>",
        "<b>149.00 Orang</b>\t<b>350,250,000</b>\t\t<b>350,250,000</b>",
    )
    assert changed != text
    bad = tmp_path / "changed.txt"
    bad.write_text(changed)
    code, out, _ = run("check", str(bad))
    assert code == 1
    errors = [line for line in out.splitlines() if line.startswith("GALAT")]
    assert errors == [
        "GALAT ROLLUP_MISMATCH 013.05.BF/5252/5252.BDC: KRO 5252.BDC: jumlah tercetak "
        "Rp 603.479.000, jumlah RO-nya Rp 603.579.000 (selisih Rp -100.000) "
        f"[{bad}, halaman 2, baris 77]"
    ]


def test_check_json_format(example_path: Path) -> None:
    code, out, _ = run("check", "--format", "json", str(example_path))
    assert code == 0
    (result,) = json.loads(out)
    assert result["summary"] == {"error": 0, "warning": 7, "info": 0}
    assert result["jumlah"] == 3_212_301_000


def test_unreadable_file_exits_2_without_traceback(tmp_path: Path, example_path: Path) -> None:
    missing = tmp_path / "tidak-ada.txt"
    code, out, err = run("check", str(example_path), str(missing))
    assert code == 2
    assert "tidak ditemukan" in err and str(missing) in err
    assert "Traceback" not in err + out
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02")
    code, _, err = run("check", str(binary))
    assert code == 2 and "biner" in err
    pdf = tmp_path / "rka.pdf"
    pdf.write_bytes(b"%PDF-1.7\n\x00\x01")
    code, _, err = run("check", str(pdf))
    assert code == 2 and "PDF" in err and "rka.pdf" in err


def test_not_a_bagian_a_exits_2(tmp_path: Path) -> None:
    f = tmp_path / "catatan.txt"
    f.write_text("KODE\tX\nSATKER saja\n")
    code, _, err = run("check", str(f))
    assert code == 2
    assert "catatan.txt" in err and "diharapkan" in err


def test_export_each_format(example_path: Path, tmp_path: Path) -> None:
    for to, magic in (
        ("json", b"{"),
        ("pdf", b"%PDF"),
        ("xlsx", b"PK"),
        ("html", b"<!DOCTYPE"),
        ("text", b"# **RENCANA"),
    ):
        out = tmp_path / f"out.{to}"
        code, _, _ = run("export", str(example_path), "--to", to, "-o", str(out))
        assert code == 0
        assert out.read_bytes().startswith(magic)
    jsonschema.validate(json.loads((tmp_path / "out.json").read_text()), canonical.schema())


def test_export_json_to_stdout_and_back(example_path: Path, tmp_path: Path) -> None:
    code, out, _ = run("export", str(example_path), "--to", "json", "-o", "-")
    assert code == 0
    f = tmp_path / "doc.json"
    f.write_text(out)
    code, out, _ = run("check", str(f))  # recognised as JSON from the content
    assert code == 0
    # the JSON carries no page headers, so the page-2 spelling warning is not there
    assert out.splitlines()[-1] == "0 galat, 6 peringatan, 0 info"


def test_from_forces_the_format(example_path: Path) -> None:
    code, _, err = run("check", "--from", "json", str(example_path))
    assert code == 2 and "bukan JSON" in err


def test_report_writes_every_output(example_path: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "laporan"
    code, out, _ = run("report", str(example_path), "-o", str(out_dir))
    assert code == 0
    names = sorted(p.name for p in out_dir.iterdir())
    stem = "rka-satker-2023-109141-bagian-a"
    assert names == sorted(
        f"{stem}.{ext}" for ext in ("json", "pdf", "xlsx", "html", "txt", "temuan.txt", "temuan.json")
    )
    assert json.loads((out_dir / f"{stem}.temuan.json").read_text())["summary"]["warning"] == 7


def export_edited(example_path: Path, tmp_path: Path, old: str, new: str) -> tuple[int, str, Path]:
    """Export to JSON a copy of the example with ``old`` replaced by ``new``: exit status,
    standard error and the output path."""
    text = example_path.read_text()
    assert old in text
    bad = tmp_path / "edited.txt"
    bad.write_text(text.replace(old, new))
    out = tmp_path / "out.json"
    code, _, err = run("export", str(bad), "--to", "json", "-o", str(out))
    return code, err, out


def test_export_refuses_a_document_with_unread_lines(tmp_path: Path, example_path: Path) -> None:
    code, err, out = export_edited(example_path, tmp_path, "<b>20.00 Orang</b>", "<b>20.00.0 Orang</b>")
    assert code == 1
    assert "READ_VALUE_UNRECOGNISED" in err and "20.00.0 Orang" in err
    assert not out.exists()


def test_export_with_check_errors_writes_and_exits_1(example_path: Path, tmp_path: Path) -> None:
    code, err, out = export_edited(example_path, tmp_path, "350,150,000</b>\t\t", "350,250,000</b>\t\t")
    assert code == 1
    assert out.exists()
    assert "GALAT ROW_SUM 013.05.BF/5252/5252.BDC/U02" in err


def test_report_needs_a_folder(example_path: Path) -> None:
    code, _, err = run("report", str(example_path), "-o", "-")
    assert code == 2 and "folder" in err


def test_english_locations(example_path: Path) -> None:
    _, out, _ = run("check", "--lang", "en", str(example_path))
    assert "page 6, line 264]" in out


def test_export_json_refuses_what_the_schema_refuses(example_path: Path, tmp_path: Path) -> None:
    code, err, out = export_edited(example_path, tmp_path, "NIP 197003152000121001", "NIP 19700315200012100")
    assert code == 1
    assert "rka-satker/1" in err and "nip" in err
    assert not out.exists()


def test_rules_listing() -> None:
    code, out, _ = run("rules", "--format", "json")
    assert code == 0
    ids = {r["id"] for r in json.loads(out)}
    assert {
        "ROW_SUM",
        "ROLLUP_MISMATCH",
        "SPLIT_MISMATCH",
        "KRO_VOLUME_SUM",
        "NIP_INVALID",
        "PAGE_HEADER_MISMATCH",
        "INDIKATOR_GAP",
        "KODE_HIERARCHY",
    } <= ids


@pytest.mark.parametrize("command", ["check", "export", "report", "rules"])
def test_every_command_is_documented(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0 and len(out.splitlines()) > 4
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert f"anggaran {command}" in readme


def test_fresh_process(example_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "anggaran", "check", str(example_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "0 galat, 7 peringatan" in proc.stdout


def test_an_export_onto_its_own_input_is_refused(tmp_path: Path, example_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`cd examples && anggaran export rka-satker-2023-109141-bagian-a.txt --to text` would
    write the file's own name: refused (exit 2), the input unchanged; so are -o naming the
    input and a report into the input's own folder and name."""
    source = tmp_path / "rka-satker-2023-109141-bagian-a.txt"
    source.write_bytes(example_path.read_bytes())
    before = source.read_bytes()
    monkeypatch.chdir(tmp_path)
    code, _, err = run("export", source.name, "--to", "text")
    assert code == 2 and "adalah masukan perintah ini: tidak ditimpa" in err
    code, _, err = run("export", str(source), "--to", "json", "-o", str(source))
    assert code == 2 and "tidak ditimpa" in err
    code, _, err = run("report", str(source), "-o", str(tmp_path))
    assert code == 2 and "tidak ditimpa" in err
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]


def test_rules_lists_every_id_a_user_can_see() -> None:
    code, out, _ = run("rules", "--format", "json")
    ids = {r["id"]: r for r in json.loads(out)}
    assert code == 0
    assert {"ROLLUP_MISMATCH", "READ_VALUE_UNRECOGNISED", "READ_ADK_KOLOM", "XLSX_TEKS_TERPOTONG"} <= set(ids)
    assert ids["READ_ADK_KOLOM"]["reader"] and not ids["ROLLUP_MISMATCH"]["reader"]
    assert ids["ROW_SUM"]["uraian"] == "Jumlah setiap baris = angka dasar + inisiatif baru"
    code, out, _ = run("rules", "--lang", "en")
    assert "ROW_SUM (error): Every row: jumlah = angka dasar + inisiatif baru [PMK 62/2023]" in out
    code, out, _ = run("rules")
    assert "ROW_SUM (galat): Jumlah setiap baris" in out


def test_one_language_at_a_time_in_the_xlsx(tmp_path: Path, example_path: Path) -> None:
    import openpyxl

    for lang, sheet, severity in (("id", "Temuan", "peringatan"), ("en", "Findings", "warning")):
        out = tmp_path / f"{lang}.xlsx"
        assert run("export", str(example_path), "--to", "xlsx", "-o", str(out), "--lang", lang)[0] == 0
        rows = list(openpyxl.load_workbook(out)[sheet].iter_rows(values_only=True))
        assert {r[0] for r in rows[1:]} == {severity}
        message = next(r[3] for r in rows if r[1] == "PAGE_HEADER_MISMATCH")
        assert message.startswith("Halaman 2 mencetak" if lang == "id" else "Page 2 prints")
