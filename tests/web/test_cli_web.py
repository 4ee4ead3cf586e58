"""``anggaran user`` and ``anggaran manage`` as an administrator runs them, each in a process
of its own on a SQLite file: accounts, roles, tokens, the audit of each change, clear
refusals, and the production settings' own checks."""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

#: what the test settings set in this process, which a process of the CLI must not inherit
_TEST_ENV = ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "ANGGARAN_HTTPS", "SECRET_KEY")


def anggaran(
    *args: str, db: Path, stdin: str = "", extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in _TEST_ENV}
    env |= {"DATABASE_URL": f"sqlite:///{db}", "SECRET_KEY": "k" * 50, **(extra or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "anggaran", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-web") / "tim.sqlite3"
    made = anggaran(
        "user",
        "add",
        "siti",
        "--nama",
        "Siti Rahayu",
        "--password-stdin",
        db=path,
        stdin="sandi-yang-panjang\n",
    )
    assert made.returncode == 0 and "siti" in made.stdout, made.stderr
    return path


def audit(db: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT aksi, oleh, objek FROM anggaran_audit ORDER BY id").fetchall()


def test_add_grant_list_revoke(db: Path) -> None:
    assert anggaran("user", "grant", "siti", "operator", "satker:109141", db=db).stdout.strip() == "diberikan"
    assert (
        anggaran("user", "grant", "siti", "operator", "satker:109141", db=db).stdout.strip()
        == "sudah dimiliki"
    )
    assert anggaran("user", "grant", "siti", "reviewer", "unit:015.08", db=db).returncode == 0
    listed = json.loads(anggaran("user", "list", "--format", "json", db=db).stdout)
    siti = next(u for u in listed if u["username"] == "siti")
    assert siti["nama"] == "Siti Rahayu"
    assert sorted((h["peran"], h["lingkup"]) for h in siti["hak"]) == [
        ("operator", "satker:109141"),
        ("reviewer", "unit:015.08"),
    ]
    assert anggaran("user", "revoke", "siti", "reviewer", "unit:015.08", db=db).stdout.strip() == "dicabut"
    text = anggaran("user", "list", db=db).stdout
    assert "siti" in text and "operator satker:109141" in text and "reviewer" not in text
    me = f"cli:{os.environ.get('USER') or os.environ.get('LOGNAME') or ''}"
    actions = [(a, o) for a, who, o in audit(db) if who.startswith("cli:")]
    assert ("pengguna_tambah", "siti") in actions and ("hak_beri", "siti") in actions
    assert ("hak_cabut", "siti") in actions
    assert all(who.startswith("cli:") for _, who, _ in audit(db)), me


def test_a_token_is_shown_once_and_stored_hashed(db: Path) -> None:
    key = anggaran("user", "token", "siti", db=db).stdout.strip()
    assert len(key) >= 32
    with sqlite3.connect(db) as con:
        stored = [r[0] for r in con.execute("SELECT * FROM anggaran_token").fetchall()]
        rows = con.execute("SELECT * FROM anggaran_token").fetchall()
    assert stored and not any(key in str(r) for r in rows)  # only its SHA-256 is kept


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("grant", "siti", "penguasa", "semua"), "penguasa"),
        (("grant", "siti", "operator", "satker:12"), "satker:12"),
        (("grant", "tidakada", "operator", "semua"), "tidakada"),
        (("token", "tidakada"), "tidakada"),
    ],
)
def test_refusals_are_clear(db: Path, args: tuple[str, ...], message: str) -> None:
    proc = anggaran("user", *args, db=db)
    assert proc.returncode == 2 and message in proc.stderr, (proc.returncode, proc.stderr)


def test_a_short_password_is_refused(db: Path) -> None:
    proc = anggaran("user", "add", "budi", "--password-stdin", db=db, stdin="123\n")
    assert proc.returncode == 2 and "kata sandi lebih pendek dari 10 karakter" in proc.stderr, proc.stderr
    assert "budi" not in anggaran("user", "list", db=db).stdout


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    proc = anggaran(
        "manage",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        db=tmp_path / "prod.sqlite3",
        extra={"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "anggaran.example.go.id"},
    )
    assert proc.returncode == 0, proc.stderr
    assert "System check identified no issues (0 silenced)." in proc.stdout


def test_without_a_secret_key_one_is_made_and_kept(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "SECRET_KEY")
    }
    for _ in range(2):
        proc = subprocess.run(
            [sys.executable, "-m", "anggaran", "manage", "check"],
            capture_output=True,
            text=True,
            env=base | env,
            timeout=300,
        )
        assert proc.returncode == 0, proc.stderr
    keys = list((tmp_path / "data" / "anggaran").glob("*secret*"))
    assert len(keys) == 1 and len(keys[0].read_text().strip()) >= 50
    assert oct(keys[0].stat().st_mode & 0o777) == "0o600"


def test_accounts_of_a_database_that_does_not_exist(tmp_path: Path) -> None:
    """Only ``user add`` (and ``serve``) make a database; the others say there is none."""
    missing = tmp_path / "tidak-ada.sqlite3"
    for args in (("list",), ("grant", "siti", "operator", "satker:109141"), ("token", "siti")):
        proc = anggaran("user", *args, db=missing)
        assert proc.returncode == 2 and "basis data belum ada" in proc.stderr, (args, proc.stderr)
    assert not missing.exists()


def test_serve_on_a_port_in_use_says_so(tmp_path: Path) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = anggaran("serve", "--port", str(port), db=tmp_path / "x.sqlite3")
    assert proc.returncode == 2
    assert f"tidak dapat mendengarkan di 127.0.0.1:{port}" in proc.stderr
    assert not (tmp_path / "x.sqlite3").exists()  # refused before anything was made
