"""Services: writing outputs and reading canonical JSON that the schema lets through."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from anggaran import services
from anggaran.core.errors import InputError
from anggaran.formats import json as canonical
from anggaran.formats.result import ReadResult
from anggaran.rules import run_rules


def test_write_all_is_all_or_nothing(tmp_path: Path) -> None:
    (tmp_path / "b.pdf").mkdir()
    with pytest.raises(IsADirectoryError) as exc:
        services.write_all({tmp_path / "a.json": b"{}", tmp_path / "b.pdf": b"%PDF"})
    assert exc.value.filename == str(tmp_path / "b.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.pdf"]


def test_write_follows_symlinks_and_keeps_permissions(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    real.chmod(0o600)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    services.write_atomic(link, b"new")
    assert link.is_symlink()
    assert real.read_text() == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_write_to_a_device_writes_through_it() -> None:
    services.write_atomic(Path(os.devnull), b"data")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_file_names_stay_in_the_output_folder(example: ReadResult) -> None:
    d = canonical.to_dict(example.tree)
    d["satker"]["kode"] = "1/../../escaped"
    tree = canonical.from_dict(d)
    assert "/" not in services.base_name(tree)


@pytest.mark.parametrize(
    "change,message",
    [
        (lambda d: d["dokumen"].update(tanggal="2023-02-30"), "tidak ada"),
        (lambda d: d["program"][0]["alokasi"].update(jumlah=0.5), "integer"),
    ],
)
def test_json_values_the_schema_lets_through(example: ReadResult, change, message: str) -> None:
    d = canonical.to_dict(example.tree)
    change(d)
    with pytest.raises(InputError, match=message):
        canonical.read_json(json.dumps(d).encode(), "x.json")


def test_json_nan_is_refused(example: ReadResult) -> None:
    text = canonical.dumps(example.tree).decode().replace('"volume": 237', '"volume": NaN', 1)
    with pytest.raises(InputError, match="NaN"):
        canonical.read_json(text.encode(), "x.json")


def test_json_integral_floats_are_whole_rupiah(example: ReadResult) -> None:
    d = canonical.to_dict(example.tree)
    d["program"][0]["alokasi"]["jumlah"] = 609139000.0
    d["dokumen"]["tahun_anggaran"] = 2023.0
    tree = canonical.read_json(json.dumps(d).encode(), "x.json").tree
    assert tree.program[0].alokasi.jumlah == 609_139_000
    assert isinstance(tree.program[0].alokasi.jumlah, int)
    assert services.base_name(tree) == "rka-satker-2023-109141-bagian-a"


def test_printed_total_survives_json(example: ReadResult) -> None:
    d = canonical.to_dict(example.tree)
    d["jumlah"]["jumlah"] += 1000
    d["jumlah"]["inisiatif_baru"] += 1000
    back = canonical.read_json(json.dumps(d).encode(), "x.json")
    again = json.loads(canonical.dumps(back.tree))
    assert again["jumlah"]["jumlah"] == 3_212_302_000
    satker = [f for f in run_rules(back.tree) if f.rule == "ROLLUP_MISMATCH"]
    assert [(f.path, f.data["selisih"]) for f in satker] == [("109141", 1000)]


def test_a_failed_write_names_the_file_asked_for(tmp_path: Path) -> None:
    """Not the temporary file beside it; and nothing is left behind."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    target = blocker / "out.pdf"  # a file where a folder should be
    with pytest.raises(OSError) as e:
        services.write_all({tmp_path / "ok.txt": b"1", target: b"2"})
    assert e.value.filename == str(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]
