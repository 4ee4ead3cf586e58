"""``anggaran generate``: archives Anggaran's own reader reads back with the counts and totals
of the manifest, the same bytes for the same seed, clean data without errors or warnings,
and every planted fault found by the per-tree rules exactly where the manifest says, and
nothing else."""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from anggaran.cli import cli
from anggaran.core.findings import Severity
from anggaran.generator import JENIS_KESALAHAN, rencanakan
from anggaran.services import Input, open_adk
from anggaran.services import generate as svc

N, SEED, FAULTS = 12, 20260, 30


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def serious(findings: list[Any]) -> list[Any]:
    return [f for f in findings if f.severity in (Severity.ERROR, Severity.WARNING)]


@pytest.fixture(scope="module")
def faulted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("gen") / "set"
    return out, svc.generate(out, N, SEED, faults=FAULTS, semula=0.5)


@pytest.fixture(scope="module")
def checked(faulted: tuple[Path, dict[str, Any]]) -> list[Input]:
    """Every archive of the set read and checked, as `anggaran check` does."""
    out, manifest = faulted
    return [open_adk(out / a["archive"]) for a in manifest["archives"]]


def test_the_same_seed_gives_the_same_bytes(faulted: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    out, _ = faulted
    again = svc.generate(tmp_path / "again", N, SEED, faults=FAULTS, semula=0.5)
    assert files(tmp_path / "again") == files(out)
    other = svc.generate(tmp_path / "other", 5, SEED + 1)
    assert other["archives"][0]["sha256"] != again["archives"][0]["sha256"]


def test_read_back_with_the_manifest_counts_and_totals(
    faulted: tuple[Path, dict[str, Any]], checked: list[Input]
) -> None:
    out, manifest = faulted
    assert manifest["satker"] == N and manifest["counts"]["satker"] == N
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted([a["archive"] for a in manifest["archives"]] + ["manifest.json"])
    for a, inp in zip(manifest["archives"], checked, strict=True):
        arsip = inp.arsip()
        assert not any(f.rule.startswith("READ_") for f in inp.findings)  # every row and column placed
        assert len(arsip.satker) == a["satker"]
        assert sum(1 for t in arsip.satker for _ in t.detail()) == a["lines"]
        assert arsip.jumlah() == a["jumlah"]
        assert len(arsip.semula or []) == a["satker_semula"] > 0
        assert sum(1 for t in arsip.semula or [] for _ in t.detail()) == a["lines_semula"]
        assert arsip.jumlah_semula() == a["jumlah_semula"]
        assert {t.kementerian.kode for t in arsip.satker} == {a["kl"]}
        with zipfile.ZipFile(out / a["archive"]) as z:
            names = set(z.namelist())
        code = f"{a['kl']}{a['unit']}000000000"
        assert {f"d_item{code}.csv", f"d_item{code}.xml", f"m_item{code}.xml", f"d_trktrm{code}.csv"} <= names
    lines = manifest["counts"]["lines"]
    assert 120 * N <= lines <= 260 * N  # about 200 lines a satker


def test_clean_data_has_no_error_nor_warning(tmp_path: Path) -> None:
    manifest = svc.generate(tmp_path / "clean", 5, 7, faults=0)
    assert manifest["faults"] == []
    for a in manifest["archives"]:
        inp = open_adk(tmp_path / "clean" / a["archive"])
        assert [(f.rule, f.path) for f in serious(inp.findings)] == []
        assert all(f.rule == "KODE_TANPA_NAMA" for f in inp.findings)


def test_each_planted_fault_is_found_and_nothing_else(
    faulted: tuple[Path, dict[str, Any]], checked: list[Input]
) -> None:
    _, manifest = faulted
    expected = Counter((f["satker"], f["rule"], f["path"]) for f in manifest["faults"])
    assert sum(expected.values()) == FAULTS == manifest["counts"]["faults"]
    assert manifest["faults_not_planted"] == []
    assert {f["rule"] for f in manifest["faults"]} == set(JENIS_KESALAHAN)  # every kind, twice
    found: Counter[tuple[str, str, str]] = Counter()
    for inp in checked:
        for c in inp.satker:
            found.update((c.tree.satker.kode, f.rule, f.path) for f in serious(c.findings))
        assert serious(inp.lain) == []
    assert found == expected
    for f in manifest["faults"]:
        assert f["severity"] in ("error", "warning") and f["archive"].endswith("_00_000000_0.zip")


def test_the_plan_spreads_satkers_over_units_of_several_ministries() -> None:
    units = rencanakan(3000, 1)
    assert sum(len(u.satker) for u in units) == 3000
    assert len({(u.kl, u.unit) for u in units}) == len(units) > 5
    assert len({u.kl for u in units}) > 2
    assert all(len(u.satker) <= 400 for u in units)
    codes = [s.kode for u in units for s in u.satker]
    assert len(set(codes)) == 3000 and all(len(c) == 6 and c.isdigit() for c in codes)
    assert units[0].kl == "015" and units[0].unit == "08"
    assert rencanakan(3000, 1) == units


def test_cli(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli, ["generate", "--satker", "3", "--seed", "1", "-o", str(tmp_path / "g"), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert "3 satker" in result.stdout and (tmp_path / "g" / "manifest.json").exists()
    # into a folder that is not empty: refused, nothing written
    before = files(tmp_path / "g")
    result = runner.invoke(cli, ["generate", "--satker", "3", "--seed", "2", "-o", str(tmp_path / "g")])
    assert result.exit_code == 2 and files(tmp_path / "g") == before
    result = runner.invoke(cli, ["generate", "--satker", "0", "--seed", "1", "-o", str(tmp_path / "h")])
    assert result.exit_code == 2 and not (tmp_path / "h").exists()
    result = runner.invoke(
        cli, ["generate", "--satker", "2", "--seed", "1", "-o", str(tmp_path / "j"), "--format", "json"]
    )
    assert result.exit_code == 0 and json.loads(result.stdout)["counts"]["satker"] == 2


def test_cli_interrupted_leaves_nothing_half_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(svc, "buat_arsip", interrupt)
    result = CliRunner().invoke(cli, ["generate", "--satker", "3", "--seed", "1", "-o", str(tmp_path / "g")])
    assert result.exit_code == 130
    assert "0" in result.stderr
    assert not (tmp_path / "g").exists() or list((tmp_path / "g").iterdir()) == []


def test_worker_processes_give_the_same_bytes() -> None:
    """Archives built by two spawned processes are those built in this one, in plan order."""
    from dataclasses import replace

    unit = rencanakan(4, 3, faults=3)[0]
    units = [unit, replace(unit, nomor=2, kl="099", unit="01")]
    here = [(h.nama, h.data) for h in svc._hasil(units, 3, 2026, 1, workers=1)]
    there = [(h.nama, h.data) for h in svc._hasil(units, 3, 2026, 1, workers=2)]
    assert here == there and here[0][0] != here[1][0]
