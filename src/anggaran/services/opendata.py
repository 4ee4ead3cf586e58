"""Open data: a consolidation written as a Fiscal Data Package (``anggaran export-data``),
for OpenSpending and any tool that reads Frictionless Data packages.

The folder it writes (``OUT``), described in :mod:`anggaran.konsolidasi.fdp`:

- ``datapackage.json``: package metadata, resources (each with its Table Schema) and the
  fiscal ``model``;
- ``data/anggaran.csv``: the budget lines summed per year, stage, version, satker, program,
  kegiatan, KRO, RO, komponen, akun, sumber dana, provinsi and kab/kota, written by DuckDB
  (``COPY … TO``) straight from the consolidation's ``item`` dataset;
- ``data/<dimensi>.csv``: code → name of each dimension a reference table names.

The package is validated before it is put in place: frictionless (the Tabular Data Package:
every row against its Table Schema, primary and foreign keys), FDP 0.3.0's own rules
(:func:`anggaran.konsolidasi.fdp.periksa`), and the CSV's totals per year, stage and
version against the consolidation's. A package that fails is our bug: OutputError, and
nothing is written. The folder is written beside its place under a temporary name and
renamed at the end (all of it or nothing); a folder that is not an earlier export (its
``datapackage.json`` marked by Anggaran) is never written over, nor one that holds an input.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.metadata
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from anggaran import __version__
from anggaran.core.errors import InputError, OutputError
from anggaran.core.findings import N_
from anggaran.konsolidasi import fdp
from anggaran.konsolidasi import mesin as ms
from anggaran.services import konsolidasi as svc

#: the file that marks a folder as an export (with :data:`fdp.PENANDA` in it)
PENANDA = "datapackage.json"
#: the licence of the data unless the publisher names one
LISENSI_BAWAAN = "CC-BY-4.0"
#: frictionless's errors kept in the summary
CONTOH = 20


@dataclass(slots=True)
class Ekspor:
    """What an export wrote and what its validation found."""

    folder: Path
    files: list[Path] = field(default_factory=list)
    #: per year, stage and version: phase, satker, CSV rows, detail lines, total
    total: list[dict[str, Any]] = field(default_factory=list)
    #: the validation's summary: valid, versions, seconds, per resource rows and errors
    validasi: dict[str, Any] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        """The rows of the main CSV."""
        return sum(int(t["rows"]) for t in self.total)

    def to_dict(self) -> dict[str, Any]:
        return {
            "folder": str(self.folder),
            "files": [str(p) for p in self.files],
            "total": self.total,
            "validasi": self.validasi,
        }


def is_ekspor(path: Path) -> bool:
    """Whether ``path`` is a folder an export wrote (its ``datapackage.json`` carries
    Anggaran's mark)."""
    p = path / PENANDA
    if not path.is_dir() or not p.is_file():
        return False
    try:
        desc = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return isinstance(desc, dict) and isinstance(desc.get(fdp.PENANDA), dict)


def periksa_keluar(keluar: Path, inputs: Sequence[svc.Masukan] = ()) -> None:
    """Raise WriteError unless ``keluar`` may be written: missing, empty, or an earlier
    export; and neither an input nor inside one, nor holding one."""
    svc.periksa_folder_keluar(
        keluar,
        inputs,
        is_ekspor,
        N_("{folder} exists and is not an earlier export-data package: it is not written over"),
        N_("{folder} holds or is inside the input {masukan}: an input is never written over"),
    )


def _periksa_lisensi(lisensi: str) -> None:
    if not fdp.LISENSI_POLA.fullmatch(lisensi):
        raise InputError(
            N_("licence {nama!r}"), expected=N_("an Open Definition licence id, e.g. CC-BY-4.0"), nama=lisensi
        )


def _q(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _lookups(mesin: ms.Mesin, tmp: Path) -> None:
    for lk in fdp.LOOKUP:
        keys = list(lk.kolom) if len(lk.kolom) > 1 else ["kode"]
        with (tmp / fdp.path_lookup(lk)).open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow([*keys, "nama"])
            for row in mesin.sql(fdp.kode_sql(lk)):
                kode = ["" if v is None else str(v) for v in row]
                w.writerow([*kode, fdp.nama(lk, kode) or ""])


def _total(mesin: ms.Mesin, csv_path: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """The totals per year, stage and version of the consolidation, and where the CSV's
    differ from them."""
    rows = mesin.sql(
        f"SELECT tahun, tahap, versi, {fdp.fase_sql()} AS fase, count(DISTINCT satker), count(*), "
        "coalesce(sum(jumlah), 0) FROM item WHERE tingkat = 0 GROUP BY ALL ORDER BY 1, 2, 3"
    )
    got = {
        (r[0], r[1], r[2]): (int(r[3]), int(r[4]), int(r[5]))
        for r in mesin.sql(
            f"SELECT tahun, tahap, versi, count(*), sum(CAST(baris AS BIGINT)), "
            f"sum(CAST(jumlah AS HUGEINT)) FROM read_csv({_q(csv_path)}, all_varchar = true, header = true) "
            "GROUP BY ALL"
        )
    }
    total: list[dict[str, Any]] = []
    masalah: list[str] = []
    for tahun, tahap, versi, phase, satker, lines, jumlah in rows:
        n, lines_csv, jumlah_csv = got.pop((tahun, tahap, versi), (0, 0, 0))
        total.append(
            {
                "tahun": tahun,
                "tahap": tahap,
                "versi": versi,
                "fase": phase,
                "satker": int(satker),
                "rows": n,
                "baris": int(lines),
                "jumlah": int(jumlah),
            }
        )
        if (lines_csv, jumlah_csv) != (int(lines), int(jumlah)):
            masalah.append(
                f"{fdp.PATH} {tahun} {tahap} {versi}: {lines_csv} lines, {jumlah_csv} rupiah; "
                f"the consolidation: {lines} lines, {jumlah} rupiah"
            )
    masalah += [f"{fdp.PATH}: {k} is in no consolidated line" for k in got]
    return total, masalah


def _validasi(path: Path) -> dict[str, Any]:
    """frictionless's validation of the package at ``path``, summarised."""
    import frictionless

    start = time.perf_counter()
    report = frictionless.Package(str(path)).validate()
    errors = [f"{e[0] or '(package)'}: {e[1]}" for e in report.flatten(["name", "message"])]
    return {
        "valid": bool(report.valid),
        "frictionless": importlib.metadata.version("frictionless"),
        "fdp": fdp.VERSI_FDP,
        "seconds": round(time.perf_counter() - start, 2),
        "resources": [
            {"name": t.name, "rows": int(t.stats.get("rows") or 0), "errors": int(t.stats.get("errors") or 0)}
            for t in report.tasks
        ],
        "errors": errors[:CONTOH],
        "error_count": len(errors),
    }


def _tulis(mesin: ms.Mesin, con: Any, tmp: Path, lisensi: str) -> Ekspor:
    (tmp / "data").mkdir()
    csv_path = tmp / fdp.PATH
    con.execute(f"COPY ({fdp.baris_sql()}) TO {_q(csv_path)} (FORMAT csv, HEADER true, DELIMITER ',')")
    _lookups(mesin, tmp)
    k = Ekspor(tmp)
    k.total, masalah = _total(mesin, csv_path)
    phases = {t["fase"] for t in k.total}
    sumber = [
        {"title": f"{arsip}: FY {tahun}, stage {tahap}"}
        for arsip, tahun, tahap in mesin.sql(
            "SELECT DISTINCT arsip, tahun, tahap FROM item WHERE tingkat = 0 ORDER BY 2, 3, 1"
        )
    ]
    desc = fdp.descriptor(
        tahun=[str(t["tahun"]) for t in k.total],
        sumber=sumber,
        lisensi_=fdp.lisensi(lisensi),
        dibuat=dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        penulis={"program": "anggaran", "version": __version__, "command": "export-data"},
        phase=phases.pop() if len(phases) == 1 else None,
        satker=int(mesin.sql("SELECT count(DISTINCT satker) FROM item WHERE tingkat = 0")[0][0]),
    )
    (tmp / PENANDA).write_text(json.dumps(desc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    masalah = fdp.periksa(desc) + masalah
    k.validasi = _validasi(tmp / PENANDA)
    k.validasi["fdp_errors"] = masalah
    if masalah or not k.validasi["valid"]:
        problems = masalah + list(k.validasi["errors"])
        raise OutputError(
            N_("the Fiscal Data Package is not valid: {contoh} ({n} problems in all)"),
            n=len(masalah) + int(k.validasi["error_count"]),
            contoh="; ".join(problems[:3]),
        )
    return k


def tulis_paket(mesin: ms.Mesin, keluar: Path, lisensi: str = LISENSI_BAWAAN) -> Ekspor:
    """Write the consolidation ``mesin`` (DuckDB: its connection ``con`` writes the CSV) as
    a Fiscal Data Package into the folder ``keluar``, validated; all of the folder or none
    of it. Raises WriteError when ``keluar`` may not be written, OutputError when the
    package is not valid."""
    con = getattr(mesin, "con", None)
    if con is None:
        raise OutputError(N_("export-data needs the DuckDB engine, not {engine}"), engine=mesin.nama)
    _periksa_lisensi(lisensi)
    periksa_keluar(keluar)
    with svc.folder_baru(keluar) as tmp:
        k = _tulis(mesin, con, tmp, lisensi)
        files = sorted(p.relative_to(tmp) for p in tmp.rglob("*") if p.is_file())
    k.folder = keluar
    k.files = [keluar / p for p in files]
    return k


def export_data(
    inputs: Sequence[svc.Masukan],
    keluar: Path,
    maju: svc.Maju | None = None,
    store: Any = None,
    lisensi: str = LISENSI_BAWAAN,
) -> Ekspor:
    """Export what ``inputs`` name (a consolidation folder, archives or documents
    consolidated on the fly, or with none the latest stored version of every satker and
    stage in ``store``) as a Fiscal Data Package into ``keluar``. Raises InputError when
    an input cannot be read, WriteError when ``keluar`` may not be written (both before
    anything is read), OutputError when the package is not valid."""
    _periksa_lisensi(lisensi)
    periksa_keluar(keluar, inputs)
    with svc.data(inputs, maju, "duckdb", store) as mesin:
        return tulis_paket(mesin, keluar, lisensi)
