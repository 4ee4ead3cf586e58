"""The demonstration: the bundled real inputs imported (the Bagian A of satker 109141 and
every SAKTI ADK archive with its plan before the revision) and a cast of users to try the
web application with, each with the password ``anggaran-demo``. Run again, it adds what
is missing and changes nothing else (a file imported before is recognised)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from anggaran.core.findings import N_
from anggaran.services import akses
from anggaran.services.versi import ImportResult, import_file
from anggaran.store import Store, tim

PASSWORD = "anggaran-demo"


@dataclass(frozen=True)
class Pemeran:
    """A user of the cast: login name, full name, what they are, and their roles."""

    username: str
    nama: str
    keterangan: str
    hak: tuple[tuple[str, str], ...]
    nip: str = ""


#: the cast (issue 5): who they are and what they may do
CAST = (
    Pemeran("admin", "Administrator", N_("administrator"), (("admin", "semua"),)),
    Pemeran(
        "operator",
        "Operator Satker",
        N_("operator of satkers 109141 and 527010"),
        (("operator", "satker:109141"), ("operator", "satker:527010")),
    ),
    Pemeran(
        "kpa",
        "Kuasa Pengguna Anggaran",
        N_("KPA of satkers 109141 and 527010"),
        (("kpa", "satker:109141"), ("kpa", "satker:527010")),
        "197001012000031001",  # an invented NIP (18 digits), printed under the KPA's signature
    ),
    Pemeran(
        "reviewer",
        "Reviewer Ditjen Perbendaharaan",
        N_("reviewer of unit 015.08"),
        (("reviewer", "unit:015.08"),),
    ),
    Pemeran(
        "kanwil",
        "Kanwil DJPb Provinsi DKI Jakarta",
        N_("Kanwil DJPb of provinsi 01 (DKI Jakarta): ratifies the revisions in its authority"),
        (("kanwil", "provinsi:01"),),
    ),
    Pemeran(
        "dja",
        "Direktorat Jenderal Anggaran",
        N_("DJA for K/L 015: ratifies the revisions in its authority"),
        (("dja", "kl:015"),),
    ),
    Pemeran("lain", "Operator Lain", N_("operator of satker 015114 only"), (("operator", "satker:015114"),)),
)


def contoh() -> Path:
    """The folder of the bundled real inputs (``anggaran/contoh``, also ``examples/`` of a
    clone)."""
    return Path(str(resources.files("anggaran").joinpath("contoh")))


#: what is imported, in order: (file under contoh/, stage, semula?, stage of the semula)
IMPORTS = (
    ("rka-satker-2023-109141-bagian-a.txt", "pagu-anggaran", False, None),
    ("adk/1d01_01508_00_000000_0.zip", "revisi-1", True, "dipa"),
    ("adk/2d01_01508_00_000000_0.zip", "revisi-2", True, None),
    ("adk/527010d01_01508_00_527010_1.zip", "revisi-1", True, "dipa"),
)


def siapkan(store: Store, now: dt.datetime | None = None) -> list[ImportResult]:
    """Import the bundled inputs and create the cast (what is there already stays)."""
    from anggaran.services.versi import parse_tahap

    stamp = now or dt.datetime.now(dt.UTC)
    results = []
    for name, stage, semula, stage_semula in IMPORTS:
        results.append(
            import_file(
                store,
                contoh() / name,
                tahap=parse_tahap(stage),
                catatan="demo",
                oleh="demo",
                pada=stamp,
                semula=semula,
                tahap_semula=parse_tahap(stage_semula) if stage_semula else None,
                nama=Path(name).name,
            )
        )
    for p in CAST:
        if tim.pengguna(store, username=p.username) is None:
            akses.tambah_pengguna(store, "demo", p.username, PASSWORD, p.nama, now=lambda: stamp)
        for peran, lingkup in p.hak:
            akses.beri(store, "demo", p.username, peran, lingkup, now=lambda: stamp)
        held = tim.pengguna(store, username=p.username)
        if p.nip and held is not None and held.nip != p.nip:
            akses.set_nip(store, "demo", p.username, p.nip, now=lambda: stamp)
    return results
