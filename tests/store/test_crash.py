"""An import killed half-way (another process, SIGKILL, inside its transaction) leaves the
database exactly as it was, on SQLite and on PostgreSQL; the next import goes through."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from anggaran.services import versi as v
from anggaran.store import Store
from tests.conftest import ADK_1D01, EXAMPLE, extract

NOW = dt.datetime(2026, 11, 29, 10, 0, tzinfo=dt.UTC)

#: imports the archive and, once ``STOP_AFTER`` versions are written (inside the
#: transaction), says so in a file and waits to be killed
IMPORTER = """
import datetime as dt, sys, time
from pathlib import Path
from anggaran.services import versi as v

url, archive, marker, stop_after = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])

def progress(done, total):
    if done == stop_after:
        marker.write_text(f"{done}/{total}")
        time.sleep(120)

v.import_file(v.Store(url), archive, oleh="korban", pada=dt.datetime.now(dt.UTC), progress=progress)
"""


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the store, in id order."""
    from django.apps import apps
    from django.db import connections

    connections[store.alias].close()  # a new connection sees what is committed now
    return {
        m._meta.db_table: list(m.objects.using(store.alias).order_by("pk").values_list())
        for m in apps.get_app_config("anggaran").get_models()
    }


def test_import_killed_half_way_changes_nothing(db_url: str, tmp_path: Path) -> None:
    store = Store(db_url)
    v.import_file(store, EXAMPLE, oleh="penguji", pada=NOW)
    before = snapshot(store)
    assert len(before["anggaran_versi"]) == 1
    marker = tmp_path / "setengah"
    proc = subprocess.Popen(
        [sys.executable, "-c", IMPORTER, db_url, str(ADK_1D01), str(marker), "20"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=os.environ.copy(),
    )
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the import never reached half-way"
        time.sleep(0.05)
    assert marker.read_text() == "20/39"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert snapshot(store) == before
    # nothing is left locked or half-done: the same file imports whole afterwards
    result = v.import_file(store, ADK_1D01, oleh="penguji", pada=NOW)
    assert result.baru and len(result.versi) == 39
    after = snapshot(store)
    assert len(after["anggaran_versi"]) == 40 and len(after["anggaran_detail"]) == 4805
    store.close()


def test_two_processes_import_the_same_file_at_once(db_url: str) -> None:
    """Both succeed; the file is stored once."""
    Store(db_url).close()
    cmd = [sys.executable, "-m", "anggaran", "db", "import", str(ADK_1D01), "--db", db_url]
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    stored = [out for out, _ in outs if "39 versi disimpan" in out]
    told = [out for out, _ in outs if "sudah diimpor" in out]
    assert len(stored) == 1 and len(told) == 1, outs
    store = Store(db_url)
    assert len(snapshot(store)["anggaran_versi"]) == 39
    store.close()


def test_two_files_with_the_same_new_satkers_at_once(db_url: str, tmp_path: Path) -> None:
    """The archive and its unpacked folder (other bytes, the same 39 new satkers), imported
    at the same moment: both are stored, the satkers once."""
    Store(db_url).close()
    folder = extract(ADK_1D01, tmp_path / "1d01")
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "anggaran", "db", "import", str(path), "--db", db_url],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in (ADK_1D01, folder)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert all("39 versi disimpan" in out for out, _ in outs), outs
    store = Store(db_url)
    rows = snapshot(store)
    assert len(rows["anggaran_versi"]) == 78 and len(rows["anggaran_satker"]) == 39
    assert len(rows["anggaran_berkas"]) == 2
    store.close()
