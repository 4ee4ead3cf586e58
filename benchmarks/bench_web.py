"""The web application under load (issue 9), on demand, not in the test suite.

1. ``anggaran serve --demo`` (gunicorn, its default workers, SQLite) on loopback; 20
   concurrent clients, each logged in, ask for the tree page of satker 527010's latest
   version and for the satker list, again and again: latency percentiles per page.
2. The import of ``examples/adk/1d01_01508_00_000000_0.zip`` through the upload page (sent,
   imported in the background, polled until done) against ``anggaran db import`` of the
   same archive, each into a fresh database.

    python benchmarks/bench_web.py [--clients 20] [--requests 30] [--imports 3]
"""

from __future__ import annotations

import argparse
import http.client
import http.cookies
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADK_1D01 = ROOT / "examples" / "adk" / "1d01_01508_00_000000_0.zip"
PASSWORD = "anggaran-demo"


def env(**extra: str) -> dict[str, str]:
    drop = ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "SECRET_KEY", "ANGGARAN_HTTPS")
    return {k: v for k, v in os.environ.items() if k not in drop} | extra


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, args: list[str], folder: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = (folder / f"serve-{self.port}.log").open("w+")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "anggaran", "serve", "--port", str(self.port), *args],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=env(XDG_DATA_HOME=str(folder / "data")),
        )
        deadline = time.monotonic() + 600
        while True:
            try:
                with urllib.request.urlopen(self.url + "/masuk/", timeout=5):
                    return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.log.seek(0)
                    raise SystemExit("the server did not start:\n" + self.log.read()) from None
                time.sleep(0.5)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


class Client:
    """A browser's worth of HTTP: one kept-alive connection, cookies, the CSRF token, a
    login."""

    def __init__(self, base: str) -> None:
        self.base = base
        parsed = urllib.parse.urlparse(base)
        self.host, self.port = parsed.hostname or "127.0.0.1", parsed.port or 80
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=600)
        self.cookies: dict[str, str] = {}

    def csrf(self) -> str:
        return self.cookies["csrftoken"]

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes, str]:
        """(status, body, the path it ended at): redirects followed, as a browser does."""
        for _ in range(5):
            h = dict(headers or {})
            if self.cookies:
                h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            try:
                self.conn.request(method, path, body=body, headers=h)
                r = self.conn.getresponse()
            except (http.client.HTTPException, OSError):  # the server closed a kept connection
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=600)
                self.conn.request(method, path, body=body, headers=h)
                r = self.conn.getresponse()
            data = r.read()
            for header in r.headers.get_all("Set-Cookie") or []:
                cookie = http.cookies.SimpleCookie(header)
                for k, morsel in cookie.items():
                    self.cookies[k] = morsel.value
            if r.status in (301, 302, 303) and r.headers.get("Location"):
                path = urllib.parse.urljoin(path, r.headers["Location"])
                method, body, headers = "GET", None, None
                continue
            return r.status, data, path
        raise RuntimeError("too many redirects")

    def get(self, path: str) -> tuple[int, bytes, str]:
        return self.request("GET", path)

    def post(self, path: str, data: bytes, content_type: str) -> tuple[int, bytes, str]:
        headers = {"Content-Type": content_type, "X-CSRFToken": self.csrf(), "Referer": self.base + path}
        return self.request("POST", path, data, headers)

    def login(self, username: str, password: str = PASSWORD) -> None:
        self.get("/masuk/")
        form = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": self.csrf()}
        ).encode()
        _, _, path = self.post("/masuk/", form, "application/x-www-form-urlencoded")
        if path.startswith("/masuk/"):
            raise SystemExit(f"login of {username} failed")

    def upload(self, path: str, file: Path, fields: dict[str, str]) -> tuple[int, bytes, str]:
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in (fields | {"csrfmiddlewaretoken": self.csrf()}).items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="berkas"; filename="{file.name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
            + file.read_bytes()
            + b"\r\n"
        )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.post(path, body, f"multipart/form-data; boundary={boundary}")


def percentiles(values: list[float]) -> str:
    q = statistics.quantiles(values, n=100)
    return (
        f"n={len(values)} p50={q[49] * 1000:.0f} ms p95={q[94] * 1000:.0f} ms "
        f"p99={q[98] * 1000:.0f} ms max={max(values) * 1000:.0f} ms"
    )


def load(server: Server, clients: int, requests: int) -> None:
    probe = Client(server.url)
    probe.login("admin")
    _, body, _ = probe.get("/satker/527010/")
    latest = re.findall(rb'href="/versi/(\d+)/"', body)[-1].decode()
    pages = {"tree of 527010": f"/versi/{latest}/", "satker list (admin, 81)": "/"}
    for name, path in pages.items():
        size = len(probe.get(path)[1])
        print(f"{name}: {path} ({size:,} bytes)")
    probe.conn.close()
    sessions = [Client(server.url) for _ in range(clients)]
    for i, c in enumerate(sessions):
        c.login(("admin", "operator", "reviewer")[i % 3])
    for c in sessions:  # warm every worker
        for path in pages.values():
            c.get(path)
    times: dict[str, list[float]] = {name: [] for name in pages}
    lock = threading.Lock()

    def work(c: Client) -> None:
        for i in range(requests):
            name = list(pages)[i % 2]
            start = time.perf_counter()
            status, _, _ = c.get(pages[name])
            took = time.perf_counter() - start
            assert status == 200
            with lock:
                times[name].append(took)

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(work, sessions))
    wall = time.perf_counter() - start
    total = sum(len(v) for v in times.values())
    print(f"{clients} clients, {total} requests in {wall:.1f} s ({total / wall:.1f} req/s)")
    for name, values in times.items():
        print(f"  {name}: {percentiles(values)}")


def import_cli(folder: Path) -> float:
    db = folder / f"cli-{uuid.uuid4().hex}.sqlite3"
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "anggaran", "db", "import", str(ADK_1D01), "--db", f"sqlite:///{db}"],
        check=True,
        capture_output=True,
        env=env(XDG_DATA_HOME=str(folder / "data")),
    )
    return time.perf_counter() - start


def import_web(folder: Path) -> float:
    db = folder / f"web-{uuid.uuid4().hex}.sqlite3"
    url = f"sqlite:///{db}"
    e = env(XDG_DATA_HOME=str(folder / "data"))
    base = [sys.executable, "-m", "anggaran", "user"]
    subprocess.run(
        [*base, "add", "siti", "--password-stdin", "--db", url],
        input=b"sandi-yang-panjang\n",
        check=True,
        env=e,
    )
    subprocess.run(
        [*base, "grant", "siti", "operator", "semua", "--db", url], check=True, env=e, capture_output=True
    )
    server = Server(["--db", url], folder)
    try:
        c = Client(server.url)
        c.login("siti", "sandi-yang-panjang")
        c.get("/impor/")
        start = time.perf_counter()
        _, _, path = c.upload("/impor/", ADK_1D01, {"tahap": "", "catatan": ""})
        while True:
            _, body, _ = c.get(path)
            state = re.search(rb'data-status="(\w+)"', body)
            if state and state.group(1) not in (b"menunggu", b"berjalan"):
                break
            time.sleep(0.1)
        took = time.perf_counter() - start
        assert state.group(1) == b"selesai", body[:2000]
        return took
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=30, help="per client")
    parser.add_argument("--imports", type=int, default=3, help="runs of each import")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        server = Server(["--demo", "--db", f"sqlite:///{folder / 'demo.sqlite3'}"], folder)
        try:
            load(server, args.clients, args.requests)
        finally:
            server.stop()
        cli = [import_cli(folder) for _ in range(args.imports)]
        web = [import_web(folder) for _ in range(args.imports)]
        print(f"import of {ADK_1D01.name}:")
        print(f"  anggaran db import: min {min(cli):.2f} s, median {statistics.median(cli):.2f} s")
        web_median = statistics.median(web)
        print(f"  upload + background import + polling: min {min(web):.2f} s, median {web_median:.2f} s")
        print(f"  ratio of medians: {web_median / statistics.median(cli):.2f}")


if __name__ == "__main__":
    main()
