"""On-demand benchmark of the ADK jobs (not part of the test suite).

    python benchmarks/bench_adk.py [--runs N] [ARCHIVE]
    python benchmarks/bench_adk.py --make N [ARCHIVE]
    python benchmarks/bench_adk.py --reader [--copies 1,4,16] [--runs N] [--numbers reader|all]
                                   [--extra ARCHIVE_OR_DIR ...] [ARCHIVE]
    python benchmarks/bench_adk.py --memory [--copies 1,4,16] [--runs N] [ARCHIVE]

Without a mode (issue 3):

1. ``anggaran report ARCHIVE -o DIR`` as a fresh process (load + all checks + every report
   of every satker), N times: the issue-3 target is <= 10 s for archive 1d01;
2. ``anggaran check ARCHIVE`` and ``anggaran diff ARCHIVE -o DIR`` as fresh processes;
3. the stages in one process: read, checks, Bagian A / Bagian B / rekap / summary renders.

``--make N`` writes an archive of N copies of ARCHIVE's satkers (``--out``, default
``/tmp/adk-bench/adk-<satkers>.zip``): copy 0 keeps the codes, copy k gives each satker
the code ``9<kk><nnn>`` (k two digits, n the satker's place in code order), in every
``d_*`` and ``m_*`` table. The copies' rows are added to each CSV as they are (but the
satker code); each XML gets as many rows, in full (the code changed) while they are among
its first 200 rows, empty (``<c_item></c_item>``) after: the reader maps the columns by the
XML's first 200 rows and only counts the rest, and the copies' rows written in full would
pass the archive limits (256 MiB unpacked, 128 MiB a member) from about 290 satkers on.
The tables are also extracted beside the archive (``adk-<satkers>.tables/``).

``--reader`` (issue 12): on the extracted tables of the archives of ``--copies`` copies
(and of each ``--extra`` archive or folder of tables, e.g. one of a generated set
``/tmp/gen*``), the reader's tables only (d_item, d_akun ... the ``d_*``/``m_*`` tables the reader reads):

(a) DuckDB ``read_csv`` of each table into a table in memory, the columns named (as the
    reader maps them), delimiter ``|``, quote ``^``, no header, every column VARCHAR, and
    in the same statement the columns the reader reads as numbers cast (amounts to BIGINT,
    volumes to the XSD's DECIMAL; ``--numbers all``: every decimal column of the XSD);
    with DuckDB's two threads and with one, the faster counts;
(b) Anggaran's reader reading the same files into its rows: decoded, parsed, checked,
    the columns mapped by the XML's first rows, each row's place kept by satker
    (``formats.adk.table.read_grouped``: what the reader holds of a table);
(b+) (b), then each satker's rows parsed into their cells as the tree builder gets them
    (``GroupedTable.table``) and the same columns read as numbers as the reader reads
    them (amounts as int, ``parse_rupiah``; volumes as Decimal, ``parse_angka``);
(c) the whole reader: every satker's trees (menjadi and semula), findings and the
    ``adk`` of every node, one satker at a time (``formats.adk.reader.iter_adk``, each
    satker's trees let go as the next is built: what ``anggaran check`` does);
(c') the same with every tree kept (``read_adk``);
(c-) (c) without the nodes' raw rows (``iter_adk(adk=False)``: what ``anggaran check``
    builds; the ADK writer and the canonical JSON need them, the checks do not).

Minimum of ``--runs`` runs in one process, each table set read once per run. The ratios
to (a) are printed. Run with ``PYTHONPATH`` at an older source tree to measure it: without
``read_grouped`` the script times ``read_table`` (every row a list of strings) and, for
(b+), the numbers through ``Table.number``/``Table.rupiah``; without ``iter_adk``, (c) is
``read_adk``.

``--memory`` (issue 12): the maximum resident set size (``/usr/bin/time -v``) of ``anggaran
check ARCHIVE`` for the archives of ``--copies`` copies, minimum of ``--runs`` runs.

Figures go to docs/performance.md with the command and the machine.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from anggaran.core.tree import BULAN

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "examples" / "adk" / "1d01_01508_00_000000_0.zip"
WORK = Path("/tmp/adk-bench")
#: the tables the reader reads (formats.adk.reader), on both sides
READER_TABLES = (
    *(f"d_{t}" for t in ("output", "soutput", "kmpnen", "skmpnen", "akun", "item", "trktrm", "cttakun")),
    "d_kpa",
    "d_satker",
    *(f"m_{t}" for t in ("output", "soutput", "kmpnen", "skmpnen", "akun", "item")),
)


#: the columns the reader reads as numbers, by table (without ``d_``/``m_``): True for whole
#: rupiah (int), False for a volume (Decimal)
READER_NUMBERS: dict[str, dict[str, bool]] = {
    "output": {"vol": False},
    "soutput": {"volsout": False},
    "item": {
        **{f"vol{n}": False for n in (1, 2, 3, 4)},
        "volkeg": False,
        **dict.fromkeys(("hargasat", "jumlah", "rphblokir", *BULAN), True),
    },
    "trktrm": dict.fromkeys(("rphpagu", *(f"jml{m:02d}" for m in range(1, 13))), True),
}
#: of all the XSD's decimal columns (``--numbers all``), those read as whole rupiah
RUPIAH = {c for columns in READER_NUMBERS.values() for c, whole in columns.items() if whole}


def numbers_of(name: str, xml: bytes, which: str) -> dict[str, bool]:
    """The columns of table ``name`` read as numbers: the reader's (``reader``), or every
    decimal column of its XSD (``all``); True for whole rupiah."""
    if which == "reader":
        return READER_NUMBERS.get(name[2:], {})
    return {c: c in RUPIAH for c in _decimals(xml)}


def fresh(args: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            cmd = [sys.executable, "-m", "anggaran", *[a.replace("{tmp}", tmp) for a in args]]
            start = time.perf_counter()
            done = subprocess.run(cmd, capture_output=True)
            times.append(time.perf_counter() - start)
            if done.returncode not in (0, 1):
                raise SystemExit(f"{cmd} failed: {done.stderr.decode()}")
    return times


def show(label: str, times: list[float]) -> None:
    print(
        f"{label}: min {min(times):.2f} s, median {statistics.median(times):.2f} s, "
        f"max {max(times):.2f} s ({len(times)} runs)"
    )


def stages(archive: Path) -> None:
    from anggaran import services
    from anggaran.reports import bagian_a, rincian, tabel
    from anggaran.reports.pdf import render_pdf

    t = time.perf_counter()
    from anggaran.formats.adk.reader import read_adk

    result = read_adk(archive)
    t_read = time.perf_counter() - t
    t = time.perf_counter()
    checked = services.open_input(archive)
    t_check = time.perf_counter() - t
    trees = [c.tree for c in checked.satker]
    timings = {}
    for name, build, render in [
        ("Bagian A PDF", bagian_a.build, render_pdf),
        ("Bagian B PDF", rincian.bagian_b, tabel.render_pdf),
        ("Bagian B XLSX", rincian.bagian_b, tabel.render_xlsx),
        ("Bagian B HTML", rincian.bagian_b, tabel.render_html),
        ("rekap PDF", rincian.rekap, tabel.render_pdf),
    ]:
        t = time.perf_counter()
        for tree in trees:
            render(build(tree))
        timings[name] = time.perf_counter() - t
    lines = sum(1 for tree in result.arsip.satker for _ in tree.detail())
    print(
        f"stages ({len(trees)} satkers, {lines} detail lines): read {t_read:.2f} s, "
        f"read + checks {t_check:.2f} s; "
        + ", ".join(f"{k} {v:.2f} s" for k, v in timings.items())
        + " (one thread)"
    )


# -- archives of many satkers -------------------------------------------------------------


def _record_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank record of a table's text, as the reader's csv module
    splits it (a record may hold a line break inside a ``^`` quote)."""
    pos = 0

    def lines() -> Any:
        nonlocal pos
        for line in io.StringIO(text, newline=""):
            pos += len(line)
            yield line

    spans = []
    start = 0
    for row in csv.reader(lines(), delimiter="|", quotechar="^"):
        if row and not (len(row) == 1 and not row[0].strip()):
            spans.append((start, pos))
        start = pos
    return spans


_FIELD_END = re.compile(r"[|\r\n]")


def _field_end(text: str, i: int) -> int:
    if text.startswith("^", i):
        j = i + 1
        while True:
            k = text.index("^", j)
            if text.startswith("^", k + 1):
                j = k + 2
                continue
            return k + 1
    m = _FIELD_END.search(text, i)
    return m.start() if m else len(text)


def _field_span(text: str, start: int, p: int) -> tuple[int, int]:
    i = start
    for _ in range(p):
        i = _field_end(text, i) + 1
    return i, _field_end(text, i)


def make_archive(source: Path, copies: int, out: Path | None = None) -> Path:
    """An archive of ``copies`` copies of ``source``'s satkers (see the module's help), and
    its tables extracted beside it (``<archive>.tables/``). Made once: an existing archive
    of that name is used as it is."""
    from anggaran.formats.adk.source import collect
    from anggaran.formats.adk.table import read_table

    files = collect(source)
    codes: set[str] = set()
    parsed: dict[str, tuple[str, list[tuple[int, int]], list[tuple[int, int]], list[str]]] = {}
    for name, f in sorted(files.tables.items()):
        if f.csv is None or f.xml is None:
            continue
        text = f.csv.decode("utf-8-sig")
        table = read_table(name, f.csv, f.xml, f.csv_origin, f.xml_origin)
        if not table.rows or "kdsatker" not in table.kolom:
            continue
        p = table.kolom.index("kdsatker")
        spans = _record_spans(text)
        assert len(spans) == len(table.rows), name
        fields = [_field_span(text, s, p) for s, _ in spans]
        values = [text[a:b].strip("^").rstrip() for a, b in fields]
        assert values == [r[p].rstrip() for r in table.rows], name
        codes.update(values)
        parsed[name] = (text, spans, fields, values)
    order = {code: n for n, code in enumerate(sorted(codes))}
    n_satker = len(order)
    out = out or WORK / f"adk-{n_satker * copies}.zip"
    if out.exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    members: dict[str, bytes] = {}
    for name, f in files.tables.items():
        csv_name = f.csv_origin.rsplit("!", 1)[-1].rsplit("/", 1)[-1]
        xml_name = f.xml_origin.rsplit("!", 1)[-1].rsplit("/", 1)[-1]
        if name not in parsed:
            if f.csv is not None:
                members[csv_name] = f.csv
            if f.xml is not None:
                members[xml_name] = f.xml
            continue
        text, spans, fields, values = parsed[name]
        parts = [text]
        if not text.endswith(("\n", "\r")):
            parts.append("\r\n" if "\r\n" in text else "\n")
        for k in range(1, copies):
            for (s, e), (a, b), value in zip(spans, fields, values, strict=True):
                new = f"9{k:02d}{order[value]:03d}"
                quoted = f"^{new}^" if text.startswith("^", a) else new
                parts.append(text[s:a] + quoted + text[b:e])
        members[csv_name] = "".join(parts).encode("utf-8")
        xml = f.xml
        assert xml is not None
        element = re.search(rb"<xsd:element name=\"(c_[a-z]+)\"", xml)
        assert element is not None, name
        tag = element[1]
        rows = re.findall(rb"<%s>.*?</%s>\s*" % (tag, tag), xml, re.S)
        assert len(rows) == len(spans), name
        empty = b"<%s></%s>\r\n" % (tag, tag)
        added = []
        for k in range(1, copies):  # full rows while the reader samples them, then empty
            for row, value in zip(rows, values, strict=True):
                if len(rows) + len(added) >= 200:
                    added.append(empty)
                    continue
                new = f"9{k:02d}{order[value]:03d}".encode()
                added.append(
                    re.sub(rb"<kdsatker>[^<]*</kdsatker>", b"<kdsatker>" + new + b"</kdsatker>", row)
                )
        close = xml.rindex(b"</")
        members[xml_name] = xml[:close] + b"".join(added) + xml[close:]
    tmp = out.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for member, data in sorted(members.items()):
            z.writestr(member, data)
    os.replace(tmp, out)
    folder = out.with_suffix(".tables")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for member, data in members.items():
        (folder / member).write_bytes(data)
    print(f"made {out} ({n_satker * copies} satkers, {out.stat().st_size / 1e6:.1f} MB)")
    return out


def archives(source: Path, copies: list[int]) -> list[Path]:
    return [source if c == 1 else make_archive(source, c) for c in copies]


def tables_of(archive: Path) -> Path:
    """The folder of ``archive``'s tables (extracted once beside the made archives)."""
    if archive.is_dir():
        return archive
    folder = WORK / f"{archive.stem}.tables"
    if not folder.exists():
        tmp = WORK / f"{archive.stem}.tables.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        with zipfile.ZipFile(archive) as z:
            z.extractall(tmp)
        os.replace(tmp, folder)
    return folder


# -- the reader against DuckDB ------------------------------------------------------------


def _files(folder: Path) -> dict[str, tuple[Path | None, Path]]:
    """table -> (csv, xml) of the reader's tables in ``folder``."""
    from anggaran.formats.adk.source import TABLE_FILE

    found: dict[str, dict[str, Path]] = {}
    for p in sorted(folder.rglob("*")):
        m = TABLE_FILE.match(p.name)
        if m and m["table"].lower() in READER_TABLES:
            found.setdefault(m["table"].lower(), {})[m["ext"].lower()] = p
    return {t: (f.get("csv"), f["xml"]) for t, f in found.items() if "xml" in f}


def _decimals(xml: bytes) -> dict[str, tuple[int, int]]:
    """The XSD's decimal columns: name -> (totalDigits, fractionDigits)."""
    from anggaran.formats.adk.table import _SCHEMA_END, _XSD, _parse

    text = xml[: xml.index(_SCHEMA_END.encode()) + len(_SCHEMA_END)].decode("utf-8-sig")
    schema = _parse(text[text.index("<xsd:schema") :], "xsd")
    out = {}
    for element in schema.iter(f"{_XSD}element"):
        restriction = element.find(f"{_XSD}simpleType/{_XSD}restriction")
        if restriction is not None and restriction.get("base") == "xsd:decimal":
            total = restriction.find(f"{_XSD}totalDigits")
            fraction = restriction.find(f"{_XSD}fractionDigits")
            out[element.get("name", "")] = (
                int(total.get("value", "18")) if total is not None else 18,
                int(fraction.get("value", "0")) if fraction is not None else 0,
            )
    return out


def _read_xml(path: Path) -> tuple[bytes, int | None]:
    """What the streaming reader keeps of an XML: its start and its row count."""
    from anggaran.formats.adk import table as T

    if not hasattr(T, "XmlHead"):
        return path.read_bytes(), None
    head = T.XmlHead(str(path))
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            head.feed(block)
    head.close()
    return bytes(head.data), None if head.whole else head.count


def anggaran_tables(folder: Path, typed: bool, which: str = "reader") -> int:
    """(b)/(b+): the reader's tables of ``folder`` read as the reader reads them; returns
    the rows read."""
    from anggaran.formats.adk import table as T

    rows = 0
    for name, (csv_path, xml_path) in _files(folder).items():
        csv_bytes = csv_path.read_bytes() if csv_path is not None else None
        xml, count = _read_xml(xml_path)
        numbers = numbers_of(name, xml, which) if typed else {}
        if hasattr(T, "read_grouped"):
            g = T.read_grouped(name, csv_bytes, xml, str(csv_path), str(xml_path), xml_count=count)
            rows += len(g)
            if typed and len(g):  # each satker's rows as the builder gets them, then its numbers
                places = [
                    (g.kolom.index(c), c, T.parse_rupiah if whole else T.parse_angka)
                    for c, whole in numbers.items()
                    if c in g.kolom
                ]
                origin = g.origin
                for key in g.keys():
                    t = g.table(key)
                    for line, cells in zip(t.lines, t.rows, strict=True):
                        for p, c, parse in places:
                            parse(cells[p], origin, line, c)
        else:  # an older reader: every row as a list of strings, numbers read per cell
            t = T.read_table(name, csv_bytes, xml, str(csv_path), str(xml_path))
            rows += len(t)
            if typed and len(t):
                getters = [
                    t.rupiah(c) if whole else t.number(c) for c, whole in numbers.items() if c in t.kolom
                ]
                for i in range(len(t)):
                    for get in getters:
                        get(i)
    return rows


def _decimal_type(total: int, fraction: int) -> str:
    return f"DECIMAL({min(max(total, 1), 38)}, {min(fraction, total)})"


def duckdb_tables(folder: Path, con: Any, columns: dict[str, list[str]], which: str = "reader") -> int:
    """(a): the same tables read by DuckDB into tables in memory, the same columns cast to
    numbers (whole rupiah to BIGINT, the others to the XSD's DECIMAL)."""
    rows = 0
    for name, (csv_path, xml_path) in _files(folder).items():
        if csv_path is None or not csv_path.stat().st_size:
            continue
        names = columns[name]
        with open(xml_path, "rb") as f:
            head = f.read(1 << 20)
        decimals = _decimals(head)
        numbers = numbers_of(name, head, which)
        casts = {
            c: "BIGINT" if whole else _decimal_type(*decimals.get(c, (18, 8))) for c, whole in numbers.items()
        }
        spec = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in names) + "}"
        select = ", ".join(
            f'CAST(NULLIF(trim("{c}"), \'\') AS {casts[c]}) AS "{c}"' if c in casts else f'"{c}"'
            for c in names
        )
        con.execute(
            f"CREATE OR REPLACE TABLE \"{name}\" AS SELECT {select} FROM read_csv(?, delim='|', "
            f"quote='^', escape='^', header=false, auto_detect=false, columns={spec})",
            [str(csv_path)],
        )
        n = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()
        rows += n[0] if n else 0
    con.execute("CHECKPOINT")
    return rows


def _columns(folder: Path) -> dict[str, list[str]]:
    """Each table's columns as the reader maps them (DuckDB is given the same names)."""
    from anggaran.formats.adk import table as T

    out = {}
    for name, (csv_path, xml_path) in _files(folder).items():
        if csv_path is None or not csv_path.stat().st_size:
            continue
        xml, count = _read_xml(xml_path)
        if hasattr(T, "read_grouped"):
            out[name] = T.read_grouped(
                name, csv_path.read_bytes(), xml, str(csv_path), str(xml_path), xml_count=count
            ).kolom
        else:
            out[name] = T.read_table(name, csv_path.read_bytes(), xml, str(csv_path), str(xml_path)).kolom
    return out


def trees(folder: Path, adk: bool = True) -> int:
    """(c): every satker's trees built, one satker at a time when the reader can (an older
    one builds them all at once); returns the satkers."""
    from anggaran.formats.adk import reader as R

    if not hasattr(R, "iter_adk"):
        return len(R.read_adk(folder).arsip.satker)
    return sum(1 for one in R.iter_adk(folder, adk=adk) if one.menjadi is not None)


def reader(sets: list[Path], runs: int, which: str = "reader") -> None:
    import duckdb

    from anggaran.formats.adk.reader import read_adk
    from anggaran.reference import referensi

    referensi()
    for folder in sets:
        columns = _columns(folder)
        size = sum(p.stat().st_size for c, _ in _files(folder).values() for p in [c] if p is not None)
        times: dict[str, list[float]] = {"a": [], "a1": [], "b": [], "b+": [], "c": [], "c2": [], "c-": []}
        rows = 0
        for _ in range(runs):
            con = duckdb.connect()
            t = time.perf_counter()
            rows = duckdb_tables(folder, con, columns, which)
            times["a"].append(time.perf_counter() - t)
            con.close()
            con = duckdb.connect(config={"threads": 1})
            t = time.perf_counter()
            duckdb_tables(folder, con, columns, which)
            times["a1"].append(time.perf_counter() - t)
            con.close()
            for key, typed in (("b", False), ("b+", True)):
                t = time.perf_counter()
                n = anggaran_tables(folder, typed, which)
                times[key].append(time.perf_counter() - t)
                assert n == rows, (n, rows)
            t = time.perf_counter()
            satkers = trees(folder)
            times["c"].append(time.perf_counter() - t)
            t = time.perf_counter()
            read_adk(folder)
            times["c2"].append(time.perf_counter() - t)
            t = time.perf_counter()
            trees(folder, adk=False)
            times["c-"].append(time.perf_counter() - t)
        a = min(times["a"] + times["a1"])
        print(
            f"{folder.name}: {satkers} satkers, {rows:,} rows, CSV {size / 1e6:.1f} MB "
            f"(min of {runs} runs, one process; numbers: {which})\n"
            f"  (a)  DuckDB read_csv + numbers cast: {a:.2f} s (two threads {min(times['a']):.2f} s, "
            f"one thread {min(times['a1']):.2f} s)\n"
            f"  (b)  Anggaran, tables read and grouped: {min(times['b']):.2f} s = "
            f"{min(times['b']) / a:.2f} x (a)\n"
            f"  (b+) and the cells split, the numbers read: {min(times['b+']):.2f} s = "
            f"{min(times['b+']) / a:.2f} x (a)\n"
            f"  (c)  Anggaran, every satker's trees and findings, one satker at a time (iter_adk): "
            f"{min(times['c']):.2f} s = {min(times['c']) / a:.2f} x (a)\n"
            f"  (c') the same, every tree kept (read_adk): {min(times['c2']):.2f} s = "
            f"{min(times['c2']) / a:.2f} x (a)\n"
            f"  (c-) (c) without the nodes' raw rows (iter_adk(adk=False), as anggaran check): "
            f"{min(times['c-']):.2f} s = {min(times['c-']) / a:.2f} x (a)"
        )


# -- peak memory --------------------------------------------------------------------------


def max_rss(args: list[str]) -> tuple[int, float]:
    """(maximum resident set size in KiB, seconds) of ``anggaran ARGS`` in a fresh process."""
    cmd = ["/usr/bin/time", "-v", sys.executable, "-m", "anggaran", *args]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{cmd} failed: {done.stderr[-2000:]}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    assert m, done.stderr[-2000:]
    return int(m[1]), elapsed


def memory(paths: list[Path], runs: int) -> None:
    for path in paths:
        got = [max_rss(["check", str(path), "--format", "json"]) for _ in range(runs)]
        rss = min(k for k, _ in got)
        print(
            f"anggaran check {path.name} --format json: max RSS {rss / 1024:.0f} MiB "
            f"(min of {runs}; {', '.join(f'{k / 1024:.0f}' for k, _ in got)}), "
            f"{min(s for _, s in got):.1f} s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("archive", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=3)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--make", type=int, metavar="N", help="write an archive of N copies of the satkers")
    mode.add_argument("--reader", action="store_true", help="the reader against DuckDB")
    mode.add_argument("--memory", action="store_true", help="peak memory of anggaran check")
    parser.add_argument("--copies", default="1,4,16", help="copies of the satkers (--reader, --memory)")
    parser.add_argument(
        "--extra", type=Path, nargs="*", default=[], help="more archives or folders of tables (--reader)"
    )
    parser.add_argument("--out", type=Path, default=None, help="the archive --make writes")
    parser.add_argument(
        "--numbers",
        choices=("reader", "all"),
        default="reader",
        help="the columns read as numbers (--reader): those the reader reads, or every XSD decimal",
    )
    args = parser.parse_args()
    copies = [int(c) for c in args.copies.split(",")]
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    print(f"{machine}, {args.archive.name}")
    if args.make:
        make_archive(args.archive, args.make, args.out)
    elif args.reader:
        reader(
            [tables_of(a) for a in [*archives(args.archive, copies), *args.extra]], args.runs, args.numbers
        )
    elif args.memory:
        memory(archives(args.archive, copies), args.runs)
    else:
        show("report (fresh process)", fresh(["report", str(args.archive), "-o", "{tmp}/out"], args.runs))
        show("check (fresh process)", fresh(["check", str(args.archive)], args.runs))
        show("diff -o (fresh process)", fresh(["diff", str(args.archive), "-o", "{tmp}/m"], args.runs))
        stages(args.archive)


if __name__ == "__main__":
    main()
