"""``anggaran export FILE --to adk``: one SAKTI ADK archive of every satker of FILE, which
reads back as the same trees; never written over its input."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import zipfile
from pathlib import Path

from click.testing import CliRunner

from anggaran.cli import cli
from anggaran.formats.adk.reader import AdkResult, read_adk
from tests.cli.test_cli import run
from tests.conftest import ADK_1D01, ADK_527010, EXAMPLE


def test_export_1d01_as_adk_reads_back_the_same(adk_1d01: AdkResult, tmp_path: Path) -> None:
    out = tmp_path / "keluar.zip"
    code, _, err = run("export", str(ADK_1D01), "--to", "adk", "-o", str(out))
    assert code == 0, err
    assert f"ditulis: {out}" in err
    back = read_adk(out)
    assert back.arsip.satker == adk_1d01.arsip.satker and back.arsip.semula == adk_1d01.arsip.semula
    assert not back.findings
    with zipfile.ZipFile(out) as z:
        assert "d_item01508000000000.csv" in z.namelist() and "m_item01508000000000.xml" in z.namelist()


def test_default_name_is_saktis_and_the_input_is_never_written_over(tmp_path: Path) -> None:
    """Exported in the folder that holds it, the archive would take its own input's name:
    refused (exit 2), the input untouched; so is -o naming the input."""
    source = tmp_path / ADK_527010.name
    shutil.copy(ADK_527010, source)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    (tmp_path / "sub").mkdir()
    for args in (["-o", str(source)], ["-o", f"sub/../{source.name}"], []):
        cwd = os.getcwd()
        os.chdir(tmp_path)
        try:
            code, _, err = run("export", source.name, "--to", "adk", *args)
        finally:
            os.chdir(cwd)
        assert code == 2, err
        assert "masukan perintah ini" in err and "tidak ditimpa" in err
        assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [ADK_527010.name, "sub"]


def test_one_satker_of_an_archive_to_standard_output(adk_1d01: AdkResult, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["export", str(ADK_1D01), "--to", "adk", "--satker", "015116", "-o", "-"]
    )
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(io.BytesIO(result.stdout_bytes)) as z:
        assert "d_item01508000151161.csv" in z.namelist()  # one satker: its own archive's names
    path = tmp_path / "015116.zip"
    path.write_bytes(result.stdout_bytes)
    back = read_adk(path).arsip
    assert [t.satker.kode for t in back.satker] == ["015116"] == [t.satker.kode for t in back.semula or []]
    assert back.satker == [adk_1d01.arsip.cari("015116")]


def test_an_archive_with_check_errors_is_written_and_exits_1(tmp_path: Path) -> None:
    code, _, err = run("export", str(ADK_527010), "--to", "adk", "-o", str(tmp_path / "x.zip"))
    assert code == 1 and "RENCANA_BULANAN_SUM" in err
    assert (tmp_path / "x.zip").exists()


def test_a_bagian_a_as_adk(example, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        code, _, err = run("export", str(EXAMPLE), "--to", "adk")
    finally:
        os.chdir(cwd)
    assert code == 0, err
    out = tmp_path / "109141d01_01305_00_109141_1.zip"
    tree = read_adk(out).arsip.satker[0]
    assert [(x.kode, x.lokasi) for *_, x in tree.kro()] == [
        (x.kode, x.lokasi) for *_, x in example.tree.kro()
    ]
    assert [(r.kode, r.nama) for *_, r in tree.ro()] == [(r.kode, r.nama) for *_, r in example.tree.ro()]
    assert len(list(tree.ro())) == 15
