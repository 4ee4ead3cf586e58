"""``anggaran consolidate`` and ``anggaran query`` on the real archives: what a reviewer
types, what it prints, its exit status."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.cli.test_cli import run
from tests.conftest import ADK, ADK_1D01, ADK_527010
from tests.konsolidasi.conftest import MENJADI


def test_consolidate_prints_the_totals_and_exits_1_on_527010s_errors(tmp_path: Path) -> None:
    code, out, _ = run("consolidate", str(ADK), "-o", str(tmp_path / "k"))
    assert code == 1  # 527010 has two RENCANA_BULANAN_SUM errors; everything is written
    assert out.splitlines()[0] == "3 arsip, 80 satker, 11.145 baris, jumlah Rp 602.854.818.000"
    assert "GALAT RENCANA_BULANAN_SUM 015.08.WA/4715/4715.EBA/994/002/DB/522111/1" in out
    assert (tmp_path / "k" / "konsolidasi.xlsx").is_file()


def test_consolidate_json_counts_the_findings(tmp_path: Path) -> None:
    code, out, _ = run("consolidate", f"dipa={ADK_1D01}", "-o", str(tmp_path / "k"), "--format", "json")
    assert code == 0
    got = json.loads(out)
    assert (got["satker"], got["baris"], got["jumlah"]) == (39, 4805, 74_798_704_000)
    assert got["arsip"][0]["tahap"] == "dipa" and got["temuan"]["error"] == 0


def test_consolidate_refuses_an_unreadable_input_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    code, _, err = run("consolidate", str(bad), "-o", str(tmp_path / "k"))
    assert code == 2 and "bad.zip" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.zip"]


def test_consolidate_never_replaces_a_folder_of_other_files(tmp_path: Path) -> None:
    (tmp_path / "k").mkdir()
    (tmp_path / "k" / "laporan.pdf").write_bytes(b"%PDF")
    code, _, err = run("consolidate", str(ADK_527010), "-o", str(tmp_path / "k"))
    assert code == 2 and "bukan konsolidasi" in err
    assert [p.name for p in (tmp_path / "k").iterdir()] == ["laporan.pdf"]


def test_query_a_consolidation_as_a_table(tmp_path: Path) -> None:
    run("consolidate", str(ADK), "-o", str(tmp_path / "k"))
    code, out, _ = run("query", str(tmp_path / "k"), "--cut", "unit=015.08", "--drilldown", "jenis_belanja")
    assert code == 0
    # amounts as the command's language writes them (Indonesian by default, as consolidate's)
    assert "533.221.891.000" in out and "Belanja" not in out.splitlines()[0]
    assert out.splitlines()[-1].startswith("3 sel; jumlah: jumlah.sum 602.854.818.000")
    code, out, _ = run(
        "query", str(tmp_path / "k"), "--cut", "unit=015.08", "--drilldown", "jenis_belanja", "--lang", "en"
    )
    assert code == 0 and "533,221,891,000" in out
    assert out.splitlines()[-1].startswith("3 cells; total: jumlah.sum 602,854,818,000")


def test_query_archives_on_the_fly_as_csv(tmp_path: Path) -> None:
    code, out, _ = run(
        "query",
        str(ADK_527010),
        "--drilldown",
        "program,jenis_belanja",
        "--format",
        "csv",
        "--order",
        "jumlah.sum:desc",
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["program", "jenis_belanja", "jumlah.sum", "_count", "satker.count"]
    assert sum(int(r["jumlah.sum"]) for r in rows) == 468_227_337_000
    assert rows[0]["program"] == "015.08.WA" and rows[0]["jenis_belanja"] == "52"


def test_query_json_is_openspendings_aggregate_shape(tmp_path: Path) -> None:
    code, out, _ = run("query", str(ADK), "--drilldown", "satker", "--page-size", "5", "--format", "json")
    assert code == 0
    got = json.loads(out)
    assert set(got) >= {
        "cells",
        "summary",
        "page",
        "page_size",
        "total_cell_count",
        "attributes",
        "aggregates",
    }
    assert (
        got["summary"]["jumlah.sum"] == MENJADI and got["total_cell_count"] == 80 and len(got["cells"]) == 5
    )


def test_query_compares_semula_and_menjadi_for_every_satker(tmp_path: Path) -> None:
    code, out, _ = run(
        "query", str(ADK), "--banding", "adk:semula..adk:menjadi", "--drilldown", "program", "--format", "csv"
    )
    assert code == 0
    assert out.splitlines() == [
        "program,semula,menjadi,selisih",
        "015.08.CD,86835671000,10816955000,-76018716000",
        "015.08.WA,614218605000,592037863000,-22180742000",
    ]


def test_query_refuses_an_unknown_dimension_with_exit_2() -> None:
    code, _, err = run("query", str(ADK_527010), "--drilldown", "negara")
    assert code == 2 and "negara" in err


def test_query_of_the_store_reads_its_latest_versions(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    code, _, _ = run("db", "import", str(ADK_527010), "--db", url, "--stage", "dipa")
    assert code in (0, 1)
    code, out, _ = run("query", "--db", url, "--drilldown", "tahap", "--format", "json")
    assert code == 0
    got = json.loads(out)
    assert got["cells"] == [
        {"tahap": "dipa", "jumlah.sum": 468_227_337_000, "_count": 1012, "satker.count": 1}
    ]
