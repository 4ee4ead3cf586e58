"""``anggaran referensi``: the codes a file prints without a name, as a table to fill in;
loading it; every output naming them from then on; and ``--jumlah-satker``."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from anggaran.services import referensi as svc
from tests.cli.test_cli import run
from tests.conftest import ADK_527010, EXAMPLE


@pytest.fixture(autouse=True)
def _shipped_tables() -> Iterator[None]:
    svc.lepas()
    yield
    svc.lepas()


def test_missing_then_import_then_every_output_names_them(
    tmp_path: Path, fresh_db: Callable[[str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = fresh_db("sqlite")
    monkeypatch.setenv("DATABASE_URL", url)
    code, out, err = run("referensi", "missing", str(ADK_527010), "-o", str(tmp_path / "hilang.csv"))
    assert code == 0 and "27" in err
    rows = list(csv.DictReader((tmp_path / "hilang.csv").open(encoding="utf-8")))
    assert len(rows) == 27 and rows[0]["kode"] == "015.08.CD" and rows[0]["nama"] == ""
    names = {
        "015.08.CD": "Program Pengelolaan Perbendaharaan Negara",
        "6212": "Pembinaan Pelaksanaan Anggaran",
        "01.51": "KOTA JAKARTA PUSAT",
    }
    for r in rows:
        r["nama"] = names.get(r["kode"], "")
    with (tmp_path / "isi.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, ["jenis", "kode", "nama", "contoh"])
        w.writeheader()
        w.writerows(rows)
    code, out, _ = run("referensi", "import", str(tmp_path / "isi.csv"), "--user", "siti", "--format", "json")
    assert code == 0
    got = json.loads(out)
    assert (got["dibaca"], got["tanpa_nama"], got["baru"]) == (
        {"program": 1, "kegiatan": 1, "lokasi": 1},
        24,
        {"program": 1, "kegiatan": 1, "lokasi": 1},
    )
    code, out, _ = run("referensi", "list")
    assert code == 0 and "siti" in out and "isi.csv" in out and "program 1, kegiatan 1, lokasi 1" in out
    svc.lepas()  # a new process: the report reads what the store holds
    code, out, _ = run("report", str(ADK_527010), "-o", str(tmp_path / "laporan"))
    assert code == 1  # 527010's two monthly plans that do not add up
    folder = tmp_path / "laporan" / "527010"
    text = (folder / "rka-satker-2026-527010-bagian-a.txt").read_text()
    assert "015.08.CD\t<b>Program Pengelolaan Perbendaharaan Negara</b>" in text
    assert "6212\t<b>Pembinaan Pelaksanaan Anggaran</b>" in text
    assert "**LOKASI** : (51) **KOTA JAKARTA PUSAT**" in text
    temuan = json.loads((folder / "rka-satker-2026-527010.temuan.json").read_text())["findings"]
    told = {(f["data"]["jenis"], f["data"]["kode"]) for f in temuan if f["rule"] == "KODE_TANPA_NAMA"}
    assert len(told) == 22 and ("program", "015.08.CD") not in told and ("kegiatan", "6213") in told
    # and what is left to fill in
    code, out, _ = run("referensi", "missing", str(ADK_527010))
    assert code == 0 and len(list(csv.DictReader(io.StringIO(out)))) == 24


def test_a_store_that_cannot_be_read_is_said_and_the_shipped_tables_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bukan.sqlite3"
    bad.write_bytes(b"not a database" * 100)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{bad}")
    code, out, err = run("check", str(EXAMPLE))
    assert code == 0 and out.splitlines()[-1] == "0 galat, 7 peringatan, 0 info"
    assert "bukan.sqlite3" in err


def test_an_unreadable_table_loads_nothing(tmp_path: Path, fresh_db: Callable[[str], str]) -> None:
    url = fresh_db("sqlite")
    table = tmp_path / "t.csv"
    table.write_text("kode,nama\n6212,Kegiatan\n")
    code, _, err = run("referensi", "import", str(table), "--db", url)
    assert code == 2 and "kode, nama" in err
    code, out, _ = run("referensi", "list", "--db", url, "--format", "json")
    assert code == 0 and json.loads(out) == []


def test_jumlah_satker_only_when_asked(tmp_path: Path) -> None:
    code, _, _ = run("export", str(EXAMPLE), "--to", "text", "-o", str(tmp_path / "a.txt"))
    assert code == 0 and "<b>JUMLAH</b>" not in (tmp_path / "a.txt").read_text()
    code, _, _ = run("export", str(EXAMPLE), "--to", "text", "--jumlah-satker", "-o", str(tmp_path / "b.txt"))
    assert code == 0
    assert "\t<b>JUMLAH</b>\t\t\t3,212,301,000\t3,212,301,000" in (tmp_path / "b.txt").read_text()
    code, _, _ = run("report", str(EXAMPLE), "--jumlah-satker", "-o", str(tmp_path / "r"))
    html = (tmp_path / "r" / "rka-satker-2023-109141-bagian-a.html").read_text()
    assert code == 0 and html.count("JUMLAH SATKER") == 1
