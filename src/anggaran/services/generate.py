"""Generate a set of SAKTI ADK archives (``anggaran generate``): N satkers shaped after the
real archives, grouped into units (one archive each), with known faults planted, and the
manifest that says what is in them.

One archive is built at a time in each process (its trees, its tables, its zip), written
to a temporary name beside its place and renamed when whole (``dokumen.write_all``), so an
interrupt leaves whole archives and never a part of one; the manifest is written last.
The same seed and options give the same bytes, with one process or several.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from anggaran import __version__
from anggaran.core.errors import WriteError
from anggaran.core.findings import N_
from anggaran.generator import VERSI, HasilArsip, UnitRencana, buat_arsip, rencanakan
from anggaran.konsolidasi.proses import pekerja_bawaan as pekerja_bawaan  # the CLI's default
from anggaran.konsolidasi.proses import peta
from anggaran.services.dokumen import write_all

#: the manifest's name in the output folder
MANIFEST = "manifest.json"
#: the deflate level of the archives (6: as the ADK writer's zip; 1 is faster, larger)
LEVEL = 6

Kemajuan = Callable[[HasilArsip, int, int], None]


def _hasil(units: list[UnitRencana], seed: int, tahun: int, level: int, workers: int) -> Iterator[HasilArsip]:
    """The archives of ``units`` in plan order, built here or by ``workers`` processes."""
    yield from peta(partial(buat_arsip, seed=seed, tahun=tahun, level=level), units, workers)


def _siapkan(out_dir: Path) -> None:
    """Refuse a folder that holds anything already (an earlier set's archives would mix
    with this one's and its manifest); a file in the way is refused when written."""
    if out_dir.is_dir() and any(out_dir.iterdir()):
        raise WriteError(
            N_("{file}: the folder is not empty; generate into a new or empty folder"), file=str(out_dir)
        )


def generate(
    out_dir: Path,
    satker: int,
    seed: int,
    faults: int = 0,
    semula: float = 0.3,
    tahun: int = 2026,
    workers: int = 1,
    level: int = LEVEL,
    kemajuan: Kemajuan | None = None,
) -> dict[str, Any]:
    """Write ``satker`` satkers' archives and the manifest into ``out_dir`` (created; it
    must be empty) and return the manifest. ``kemajuan(archive, satkers done, satkers)``
    is called after each archive is in place.

    Raises ValueError for a count below 1 or a share outside 0..1, WriteError when the
    folder is in the way or a file cannot be written; KeyboardInterrupt leaves whole
    archives (and no manifest)."""
    if satker < 1 or faults < 0 or not 0 <= semula <= 1:
        raise ValueError("satker >= 1, faults >= 0, 0 <= semula <= 1")
    _siapkan(out_dir)
    units = rencanakan(satker, seed, faults, semula)
    archives: list[dict[str, Any]] = []
    planted: list[dict[str, str]] = []
    missing: list[str] = []
    done = 0
    for h in _hasil(units, seed, tahun, level, workers):
        write_all({out_dir / h.nama: h.data})
        done += h.satker
        archives.append(
            {
                "archive": h.nama,
                "kl": h.kl,
                "unit": h.unit,
                "satker": h.satker,
                "lines": h.baris,
                "jumlah": h.jumlah,
                "satker_semula": h.satker_semula,
                "lines_semula": h.baris_semula,
                "jumlah_semula": h.jumlah_semula,
                "bytes": len(h.data),
                "sha256": hashlib.sha256(h.data).hexdigest(),
            }
        )
        planted.extend(f.to_dict() for f in h.kesalahan)
        missing.extend(h.tidak_tertanam)
        if kemajuan is not None:
            kemajuan(h, done, satker)
    manifest: dict[str, Any] = {
        "generator": {"name": "anggaran generate", "version": VERSI, "anggaran": __version__},
        "seed": seed,
        "satker": satker,
        "tahun": tahun,
        "semula": semula,
        "faults_requested": faults,
        "counts": {
            "archives": len(archives),
            "satker": sum(a["satker"] for a in archives),
            "lines": sum(a["lines"] for a in archives),
            "jumlah": sum(a["jumlah"] for a in archives),
            "satker_semula": sum(a["satker_semula"] for a in archives),
            "lines_semula": sum(a["lines_semula"] for a in archives),
            "faults": len(planted),
        },
        "archives": archives,
        "faults": planted,
        "faults_not_planted": missing,
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
    write_all({out_dir / MANIFEST: text.encode("utf-8")})
    return manifest
