"""Editing a draft (issue 10), on demand, not in the test suite.

``anggaran serve --demo`` (gunicorn, SQLite) on loopback; the operator starts a revision of
satker 527010 (1,150 detail lines) through the API, then, as the editor does:

1. opens the draft's page (``GET /konsep/N/``), again and again;
2. changes one detail line (``POST /konsep/N/baris/``: its price, a new value each time),
   each saved with its recheck and answered with the line's jumlah, the totals above it
   and the findings;

and the same two through the services in this process (no HTTP), for the split.

    python benchmarks/bench_konsep.py [--edits 40] [--opens 15]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_web import Client, Server, percentiles  # noqa: E402

LINE = "015.08.CD/6212/6212.AEF/001/100/JA/521211/2"  # KDM Makan Rapat: 18 ORG x 1 FR x 57,000


def over_http(folder: Path, edits: int, opens: int) -> None:
    server = Server(["--demo", "--db", f"sqlite:///{folder / 'demo.sqlite3'}"], folder)
    try:
        op = Client(server.url)
        op.login("operator")
        _, body, _ = op.get("/api/v1/satker/527010/versi/")
        latest = json.loads(body)[-1]["id"]
        status, body, _ = op.post(
            "/api/v1/konsep/", json.dumps({"dari_versi": latest}).encode(), "application/json"
        )
        assert status == 201, body[:300]
        n = json.loads(body)["id"]
        times = []
        for _ in range(opens):
            t = time.perf_counter()
            status, page, _ = op.get(f"/konsep/{n}/")
            times.append(time.perf_counter() - t)
            assert status == 200
        print(f"open the draft's page ({len(page) // 1024} KiB): {percentiles(times)}")
        _, body, _ = op.get(f"/api/v1/konsep/{n}/")
        from anggaran.core.konsep import cari
        from anggaran.formats import json as canonical
        from anggaran.services.konsep import tanda

        line = cari(canonical.from_dict(json.loads(body)), LINE).node
        asal = tanda(line)
        times = []
        for i in range(edits):
            form = {
                "path": LINE,
                "asal": asal,
                "uraian": line.uraian,  # type: ignore[union-attr]
                "vol1": "18",
                "sat1": "ORG",
                "vol2": "1",
                "sat2": "FR",
                "harga_satuan": str(57_000 + 1_000 * (i + 1)),
                "sumber_dana": "A",
            }
            data = urllib.parse.urlencode(form).encode()
            t = time.perf_counter()
            status, body, _ = op.post(f"/konsep/{n}/baris/", data, "application/x-www-form-urlencoded")
            times.append(time.perf_counter() - t)
            assert status == 200 and b"kilat error" not in body, body[:500]
            asal = json.dumps({**json.loads(asal), "harga_satuan": 57_000 + 1_000 * (i + 1)}, sort_keys=True)
        print(f"change one line, saved and checked ({edits} changes): {percentiles(times)}")
    finally:
        server.stop()


def in_process(folder: Path, edits: int, opens: int) -> None:
    from anggaran.services import akses, demo, konsep
    from anggaran.store import Store, tim

    store = Store(f"sqlite:///{folder / 'svc.sqlite3'}")
    demo.siapkan(store)
    info = tim.pengguna(store, username="operator")
    assert info is not None
    op = akses.Pengguna.of(info)
    k = konsep.mulai(store, op, dari_versi=store.versions(satker="527010")[-1].id)
    times = []
    for _ in range(opens):
        t = time.perf_counter()
        konsep.buka(store, op, k.id)
        times.append(time.perf_counter() - t)
    print(f"services: open the draft: {percentiles(times)} (the first: {times[0] * 1000:.0f} ms)")
    times = []
    for i in range(edits):
        t = time.perf_counter()
        konsep.ubah_detail(store, op, k.id, LINE, {"harga_satuan": 57_000 + 1_000 * (i + 1)})
        times.append(time.perf_counter() - t)
    print(f"services: change one line, saved and checked: {percentiles(times)}")
    print(f"          median {statistics.median(times) * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--opens", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        over_http(folder, args.edits, args.opens)
        in_process(folder, args.edits, args.opens)


if __name__ == "__main__":
    main()
