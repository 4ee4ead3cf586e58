"""``anggaran db`` as a new user runs it: on SQLite with nothing configured (the default file
in the user's data folder), and on PostgreSQL with one setting (DATABASE_URL)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from anggaran.cli import cli
from tests.conftest import ADK_1D01, ADK_2D01, ADK_527010, BACKENDS, EXAMPLE


class User:
    """Runs ``anggaran`` with the environment of one user: a data folder of its own, and
    DATABASE_URL when given."""

    def __init__(self, home: Path, database_url: str | None) -> None:
        self.env = {"XDG_DATA_HOME": str(home), "DATABASE_URL": database_url}

    def run(self, *args: str) -> tuple[int, str, str]:
        result = CliRunner().invoke(cli, list(args), env=self.env)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        return result.exit_code, result.stdout, result.stderr

    def versions(self, *args: str) -> list[dict[str, object]]:
        code, out, _ = self.run("db", "list", "--format", "json", *args)
        assert code == 0
        return json.loads(out)  # type: ignore[no-any-return]


@pytest.fixture(params=BACKENDS)
def user(request: pytest.FixtureRequest, fresh_db, tmp_path: Path) -> User:  # type: ignore[no-untyped-def]
    """SQLite: nothing configured. PostgreSQL: DATABASE_URL names a new database."""
    return User(tmp_path / "data", None if request.param == "sqlite" else fresh_db("postgresql"))


def test_import_list_show_diff_export(user: User, tmp_path: Path) -> None:
    code, out, _ = user.run("db", "import", str(EXAMPLE), "--stage", "pagu-anggaran", "--note", "awal")
    assert code == 0, out
    assert "1 versi disimpan: 1, tahap pagu-anggaran, jumlah Rp 3.212.301.000" in out
    if user.env["DATABASE_URL"] is None:  # created on first use, where the user's data lives
        assert (tmp_path / "data" / "anggaran" / "anggaran.sqlite3").is_file()
        assert f"sqlite:///{tmp_path / 'data' / 'anggaran' / 'anggaran.sqlite3'}" in out
    assert user.run("db", "import", str(ADK_1D01), "--stage", "dipa")[0] == 0
    code, out, _ = user.run("db", "import", str(ADK_2D01), "--stage", "revisi-1", "--lang", "en")
    assert code == 0 and "40 version(s) stored: 41–80, stage revisi-1, total Rp 59,828,777,000" in out
    code, out, _ = user.run(
        "db", "import", str(ADK_527010), "--semula", "--stage", "revisi-2", "--semula-stage", "revisi-1"
    )
    assert code == 1  # its two RENCANA_BULANAN_SUM errors: stored all the same
    assert (
        "1 versi + 1 semula (m_*) disimpan: 81–82, tahap revisi-2 (semula: revisi-1), "
        "jumlah Rp 468.227.337.000"
    ) in out
    assert "2 galat, 3 peringatan" in out

    # the same file again: recognised, nothing stored
    code, out, _ = user.run("db", "import", str(ADK_1D01), "--stage", "dipa")
    assert code == 0 and "sudah diimpor" in out and "versi 2–40" in out
    every = user.versions()
    assert len(every) == 82
    assert [(r["id"], r["tahap"], r["jumlah"]) for r in user.versions("--satker", "527010")] == [
        (81, "revisi-1", 558_223_915_000),
        (82, "revisi-2", 468_227_337_000),
    ]
    assert len(user.versions("--year", "2023")) == 1

    code, out, _ = user.run("db", "show", "527010")
    assert code == 1 and out.count("GALAT RENCANA_BULANAN_SUM") == 2  # as `check` finds
    assert "versi 82: satker 527010" in out and "tahap revisi-2" in out
    assert "jumlah: Rp 468.227.337.000" in out and "1150 rincian" in out
    assert "versi satker ini: 81 (TA 2026, revisi-1), 82 (TA 2026, revisi-2)" in out
    code, out, _ = user.run("db", "show", "1", "--format", "json")
    shown = json.loads(out)
    assert (shown["satker"], shown["catatan"], shown["ringkasan"]["warning"]) == ("109141", "awal", 7)
    assert (shown["kro"], shown["ro"], shown["akun"], shown["detail"]) == (5, 15, 0, 0)
    # the same 7 warnings as `anggaran check`, with their places in the file; the rules that
    # can run on the stored tree were run again
    _, checked, _ = user.run("check", "--format", "json", str(EXAMPLE))
    expected = json.loads(checked)[0]["findings"]
    assert [(f["rule"], f["path"], f["source"]) for f in shown["temuan"]] == [
        (f["rule"], f["path"], f["source"]) for f in expected
    ]
    status = {(f["rule"], f["status"]) for f in shown["temuan"]}
    assert status == {
        ("SPLIT_MISMATCH", "diperiksa"),
        ("INDIKATOR_GAP", "diperiksa"),
        ("PAGE_HEADER_MISMATCH", "impor"),
    }
    code, out, _ = user.run("db", "show", "1", "--lang", "en")
    assert "version 1: satker 109141 BALAI PEMASYARAKATAN BALIKPAPAN, FY 2023, stage pagu-anggaran" in out
    assert "WARNING INDIKATOR_GAP" in out

    code, out, _ = user.run("db", "diff", "81", "527010", "-o", str(tmp_path / "matriks"))
    assert code == 0
    assert "jumlah: Rp 558.223.915.000 -> Rp 468.227.337.000 (selisih Rp -89.996.578.000)" in out
    assert "satker: 1 berubah" in out
    code, out, _ = user.run("db", "diff", "v81", "v82", "--format", "json")
    compared = json.loads(out)
    assert compared["jumlah"] == {
        "semula": 558_223_915_000,
        "menjadi": 468_227_337_000,
        "selisih": -89_996_578_000,
    }
    assert sum(x["menjadi"] for x in compared["per_jenis_belanja"].values()) == 468_227_337_000
    # a Bagian A (down to RO) against a full tree: no per-jenis-belanja lines that cannot add up
    code, out, _ = user.run("db", "diff", "1", "3")
    assert code == 0 and "belanja 5" not in out and "jumlah: Rp 3.212.301.000 -> Rp 1.414.326.000" in out
    assert sorted(p.name for p in (tmp_path / "matriks").rglob("*.xlsx")) == [
        "matriks-semula-menjadi-527010.xlsx",
        "matriks-semula-menjadi.xlsx",
    ]

    # export, and the JSON back in: the same content
    for version in ("3", "1"):  # from an archive, and the Bagian A with its letterhead
        out_json = tmp_path / f"v{version}.json"
        assert user.run("db", "export", version, "--to", "json", "-o", str(out_json))[0] == 0
        code, out, _ = user.run("db", "import", str(out_json), "--format", "json")
        assert code == 0
        imported = json.loads(out)
        assert imported["baru"] and imported["versi"][0]["sama_dengan"] == int(version)
    assert [r["tahap"] for r in user.versions()[-2:]] == ["dipa", "pagu-anggaran"]
    for to, dokumen in (("pdf", "bagian-a"), ("xlsx", "bagian-b"), ("html", "rekap")):
        target = tmp_path / f"v3-{dokumen}.{to}"
        assert user.run("db", "export", "3", "--to", to, "--dokumen", dokumen, "-o", str(target))[0] == 0
        assert target.stat().st_size > 1000
    code, _, err = user.run("db", "export", "527010", "--to", "xlsx", "-o", str(tmp_path / "e.xlsx"))
    assert code == 1 and "RENCANA_BULANAN_SUM" in err and (tmp_path / "e.xlsx").exists()
    code, out, _ = user.run("db", "export", "1", "--to", "text", "-o", "-")
    assert code == 0 and "BALAI PEMASYARAKATAN BALIKPAPAN" in out


def test_refusals(user: User, tmp_path: Path) -> None:
    assert user.run("db", "import", str(EXAMPLE))[0] == 0
    code, _, err = user.run("db", "show", "99")
    assert code == 2 and "versi 99 tidak ada" in err
    code, _, err = user.run("db", "diff", "1", "654321")
    assert code == 2 and "satker 654321 belum punya versi" in err
    code, _, err = user.run("db", "import", str(tmp_path / "tidak-ada.txt"))
    assert code == 2 and "berkas tidak ditemukan" in err
    code, _, err = user.run("db", "import", str(EXAMPLE), "--stage", "final")
    assert code == 2 and "revisi-N" in err
    code, _, err = user.run("db", "import", str(ADK_527010), "--semula-stage", "dipa")
    assert code == 2 and "hanya bersama --semula" in err
    # a line the reader cannot place: nothing stored, exit 1
    bad = tmp_path / "rusak.txt"
    bad.write_text(EXAMPLE.read_text().replace("<b>20.00 Orang</b>", "<b>20.00.0 Orang</b>"))
    code, _, err = user.run("db", "import", str(bad))
    assert code == 1 and "READ_VALUE_UNRECOGNISED" in err and "tidak ada yang disimpan" in err
    assert len(user.versions()) == 1
    code, _, err = user.run("db", "list", "--db", "postgresql://nobody:rahasia@127.0.0.1:1/x")
    assert code == 2 and "rahasia" not in err and "nobody:***@" in err
    code, _, err = user.run("db", "list", "--db", str(tmp_path / "tidak" / "ada.sqlite3"))
    assert code == 2 and "basis data belum ada" in err
    code, _, err = user.run("db", "import", str(EXAMPLE), "--db", str(tmp_path / "tidak" / "ada.sqlite3"))
    assert code == 2 and "folder basis data tidak ada" in err
    assert not (tmp_path / "tidak").exists()


def test_db_commands_are_documented() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for command in ("import", "list", "show", "diff", "export"):
        code = CliRunner().invoke(cli, ["db", command, "--help"]).exit_code
        assert code == 0 and f"anggaran db {command}" in readme


def test_fresh_process_default_database(tmp_path: Path) -> None:
    """A new process with nothing configured: the default file, created and migrated."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONDONTWRITEBYTECODE": "1"}
    for args in (["db", "import", str(EXAMPLE)], ["db", "list"]):
        proc = subprocess.run(
            [sys.executable, "-m", "anggaran", *args], env=env, capture_output=True, text=True, timeout=120
        )
        assert proc.returncode == 0, proc.stderr
    assert "109141" in proc.stdout
    assert (tmp_path / ".local" / "share" / "anggaran" / "anggaran.sqlite3").is_file()


def test_hostile_input_gets_a_message_not_a_traceback(user: User, tmp_path: Path) -> None:
    """Each case a breaker found: exit 2 with a message, nothing stored."""
    import os
    import sqlite3

    assert user.run("db", "import", str(EXAMPLE), "--note", "baris\x1b[31m merah\nbaru")[0] == 0
    code, out, _ = user.run("db", "list")
    assert "\x1b" not in out and "baris\\x1b[31m merah\\x0abaru" in out
    for ref, message in (
        ("²", "bukan nomor versi"),
        ("99999999999999999999", "tidak ada"),
        ("v0", "versi 0 tidak ada"),
    ):
        code, _, err = user.run("db", "show", ref)
        assert code == 2 and message in err, (ref, err)
    fifo = tmp_path / "pipa"
    os.mkfifo(fifo)
    code, _, err = user.run("db", "import", str(fifo))
    assert code == 2 and "bukan berkas biasa" in err
    for url, message in (
        ("postgresql://", "tanpa nama basis data"),
        ("postgresql://postgres:x@127.0.0.1:5432/", "tanpa nama basis data"),
        ("postgresql://postgres@[::1/x", "alamat basis data tidak dikenal"),
        ("postgresql://postgres:ab#c?d/e@127.0.0.1:1/x", "postgres:***@127.0.0.1:1/x"),
    ):
        code, _, err = user.run("db", "list", "--db", url)
        assert code == 2 and message in err and "ab#c" not in err, (url, err)
    # a file name that is not UTF-8 is stored with U+FFFD in its place
    odd = tmp_path / os.fsdecode(b"anggaran-\xe9.json")
    code, out, _ = user.run("db", "export", "1", "--to", "json", "-o", str(odd))
    data = json.loads(odd.read_text())
    data["dokumen"]["tahap"] = "Pagu Indikatif (perubahan)"
    odd.write_text(json.dumps(data))
    code, _, err = user.run("db", "import", str(odd), "--stage", "pagu-indikatif")
    assert code == 2 and "tidak dapat dipastikan sama dengan --stage pagu-indikatif" in err
    code, out, _ = user.run("db", "import", str(odd), "--format", "json")
    assert code == 0 and json.loads(out)["berkas"]["nama"] == "anggaran-\ufffd.json"
    assert json.loads(out)["versi"][0]["tahap"] is None  # free text: the stage stays unknown
    # a SQLite file of something else is not turned into ours by a command that only reads
    other = tmp_path / "lain.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    before = other.read_bytes()
    code, _, err = user.run("db", "list", "--db", str(other))
    assert code == 2 and "belum berisi tabel Anggaran" in err
    assert other.read_bytes() == before  # not even its journal mode
    code, _, err = user.run("db", "list", "--db", "postgresql://u@127.0.0.1:1/x?password=rahasia")
    assert code == 2 and "rahasia" not in err and "password=***" in err
    # a path with '#', '?', '%' and a space is the file it names
    odd_db = tmp_path / "sp ace" / "h#a?s%41.sqlite3"
    odd_db.parent.mkdir()
    assert user.run("db", "import", str(EXAMPLE), "--db", str(odd_db))[0] == 0
    # in the URL form '#' and '?' are part of the path too (%XX is decoded, as in any URL)
    url = f"sqlite:///{odd_db.parent}/c#d?e.sqlite3"
    assert user.run("db", "import", str(ADK_527010), "--db", url)[0] == 1
    assert {p.name.split(".sqlite3")[0] for p in odd_db.parent.iterdir()} == {"h#a?s%41", "c#d?e"}
    code, out, _ = user.run("db", "list", "--db", str(odd_db), "--format", "json")
    assert [r["satker"] for r in json.loads(out)] == ["109141"]


def test_unwritable_data_folder(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "berkas"
    not_a_folder.write_text("x")
    code, _, err = User(not_a_folder, None).run("db", "import", str(EXAMPLE))
    assert code == 2 and "folder basis data tidak dapat dibuat" in err
