"""Where ADK tables come from: a folder, a zip, and nested as SAKTI downloads come (an outer
archive holding ``*.s26``, which holds the tables). RAR5 goes through the same libarchive
path; no RAR can be shipped (the real ones carry personal data), so here the nesting is
built with zip, which libarchive reads by content whatever the name says."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from anggaran import services
from anggaran.formats.adk.reader import read_adk
from anggaran.formats.adk.source import collect
from tests.conftest import ADK_527010, extract


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _tables() -> dict[str, bytes]:
    with zipfile.ZipFile(ADK_527010) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_folder_zip_and_nested_give_the_same_trees(tmp_path: Path) -> None:
    folder = extract(ADK_527010, tmp_path / "folder")
    inner = _zip(_tables())
    nested = tmp_path / "SAKTI.015.08.527010_26.rar"  # named as SAKTI names its download
    nested.write_bytes(_zip({"527010d01_01508_00_527010_1.s26": inner, "BACA.txt": b"info"}))
    results = [read_adk(p) for p in (folder, ADK_527010, nested)]
    trees = [r.arsip.satker for r in results]
    assert trees[0] == trees[1] == trees[2]
    assert all(r.arsip.jumlah() == 468_227_337_000 for r in results)
    files = collect(nested)
    assert files.tables["d_item"].csv_origin == (
        f"{nested}!527010d01_01508_00_527010_1.s26!d_item01508005270101.csv"
    )
    assert files.others == [f"{nested}!BACA.txt"]
    assert files.kode == "01508005270101"


def test_tables_in_a_subfolder_of_the_zip(tmp_path: Path) -> None:
    archive = tmp_path / "adk.zip"
    archive.write_bytes(_zip({f"adk/{n}": d for n, d in _tables().items()}))
    assert read_adk(archive).arsip.jumlah() == 468_227_337_000


def test_recognised_as_adk(tmp_path: Path) -> None:
    folder = extract(ADK_527010, tmp_path / "f")
    assert services.is_adk(folder) and services.is_adk(ADK_527010)
    text = tmp_path / "a.txt"
    text.write_text("RENCANA KERJA")
    renamed = tmp_path / "SAKTI.rar"  # told by content, not name
    renamed.write_bytes(ADK_527010.read_bytes())
    assert not services.is_adk(text) and services.is_adk(renamed)


def test_only_one_satker(tmp_path: Path) -> None:
    from tests.conftest import ADK_1D01

    result = read_adk(ADK_1D01, satker="015116")
    assert [t.satker.kode for t in result.arsip.satker] == ["015116"]
    assert [t.satker.kode for t in result.arsip.semula or []] == ["015116"]
    assert result.arsip.jumlah() == 1_009_271_000
