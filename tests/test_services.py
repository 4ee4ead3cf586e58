"""Services: writing outputs and reading canonical JSON that the schema lets through."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from anggaran import services
from anggaran.core.errors import InputError, WriteError
from anggaran.formats import json as canonical
from anggaran.formats.result import ReadResult
from anggaran.rules import run_rules
from tests.conftest import raises_id, teks


def test_write_all_is_all_or_nothing(tmp_path: Path) -> None:
    (tmp_path / "b.pdf").mkdir()
    with pytest.raises(WriteError) as exc:
        services.write_all({tmp_path / "a.json": b"{}", tmp_path / "b.pdf": b"%PDF"})
    assert exc.value.file == str(tmp_path / "b.pdf")
    assert "tidak dapat menulis" in teks(exc.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.pdf"]


def test_write_follows_symlinks_and_keeps_permissions(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    real.chmod(0o600)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    services.write_all({link: b"new"})
    assert link.is_symlink()
    assert real.read_text() == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_write_to_a_device_writes_through_it() -> None:
    services.write_all({Path(os.devnull): b"data"})
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
    with raises_id(InputError, message):
        canonical.read_json(json.dumps(d).encode(), "x.json")


def test_json_nan_is_refused(example: ReadResult) -> None:
    text = canonical.dumps(example.tree).decode().replace('"volume": 237', '"volume": NaN', 1)
    with raises_id(InputError, "NaN"):
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
    assert [(f.path, f.args["selisih"]) for f in satker] == [("109141", 1000)]


def test_a_failed_write_names_the_file_asked_for(tmp_path: Path) -> None:
    """Not the temporary file beside it; and nothing is left behind."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    target = blocker / "out.pdf"  # a file where a folder should be
    with pytest.raises(WriteError) as e:
        services.write_all({tmp_path / "ok.txt": b"1", target: b"2"})
    assert e.value.file == str(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_an_output_never_replaces_an_input(tmp_path: Path, example_path: Path) -> None:
    """The same file by its own name, through a symlink or a hard link, or a file inside an
    input folder: refused before anything is written, the input unchanged."""
    source = tmp_path / "in.txt"
    source.write_bytes(example_path.read_bytes())
    before = source.read_bytes()
    (tmp_path / "link.txt").symlink_to(source)
    os.link(source, tmp_path / "hard.txt")
    folder = tmp_path / "adk"
    folder.mkdir()
    (folder / "d_item.csv").write_text("x")
    for target, inputs in (
        (source, [source]),
        (tmp_path / "link.txt", [source]),
        (tmp_path / "hard.txt", [source]),
        (folder / "d_item.csv", [folder]),
    ):
        with pytest.raises(WriteError) as e:
            services.write_all({tmp_path / "other.txt": b"1", target: b"new"}, inputs=inputs)
        assert "masukan perintah ini" in teks(e.value)
        assert not (tmp_path / "other.txt").exists()
    assert source.read_bytes() == before
    services.write_all({folder / "new.json": b"{}"}, inputs=[folder])  # beside the tables: allowed
