"""Code -> name tables (K/L, unit eselon I, akun, program, kegiatan, KRO, satker, lokasi,
jenis belanja, sumber dana), shipped with the package from ``../shared/reference`` (each row names its
source; see ``data/README.md``).

A name no source states is absent: the lookups (``referensi().akun["521211"]`` and the
like) give ``None``, and callers show it as unknown. Names are never guessed. The tables
are package data, read once; the rules use them as constants (they read no user file).
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib import resources


def rows(name: str) -> list[dict[str, str]]:
    """The rows of the shipped table ``name`` (``"akun.csv"``) as dicts of its columns."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _named(value: str) -> str | None:
    value = value.strip()
    return value or None


@dataclass(frozen=True, slots=True)
class KroRef:
    """A KRO of the national master: ``kode`` ``5252.BDC``, name and its satuan."""

    kode: str
    nama: str | None
    satuan: str | None


@dataclass(frozen=True, slots=True)
class SatkerRef:
    """A satker: code, name and where it is (kdlokasi, kdkabkota, provinsi name)."""

    kode: str
    nama: str | None
    kdlokasi: str
    kdkabkota: str
    provinsi: str | None


class Referensi:
    """The reference tables, read once. Lookups take codes as strings as printed
    (``"521211"``, ``"015.08.CD"``, ``"5252"``, ``"5252.BDC"``) and return ``None`` for an
    unknown code or an unnamed one."""

    def __init__(self) -> None:
        self.akun: dict[str, str | None] = {r["kode"]: _named(r["nama"]) for r in rows("akun.csv")}
        self.kementerian: dict[str, str | None] = {
            r["kode"]: _named(r["nama"]) for r in rows("kementerian.csv")
        }
        #: ``"015.08"`` -> name of the unit eselon I
        self.unit_organisasi: dict[str, str | None] = {
            r["kode"]: _named(r["nama"]) for r in rows("unit_organisasi.csv")
        }
        self.program: dict[str, str | None] = {r["kode"]: _named(r["nama"]) for r in rows("program.csv")}
        self.kegiatan: dict[str, str | None] = {r["kode"]: _named(r["nama"]) for r in rows("kegiatan.csv")}
        self.kro: dict[str, KroRef] = {
            r["kode"]: KroRef(r["kode"], _named(r["nama"]), _named(r["satuan"])) for r in rows("kro.csv")
        }
        self.satker: dict[str, SatkerRef] = {
            r["kode"]: SatkerRef(
                r["kode"], _named(r["nama"]), r["kdlokasi"], r["kdkabkota"], _named(r["nmlokasi"])
            )
            for r in rows("satker.csv")
        }
        self.provinsi: dict[str, str | None] = {}
        self.kabkota: dict[tuple[str, str], str | None] = {}
        for r in rows("lokasi.csv"):
            if r["kdkabkota"]:
                self.kabkota[(r["kdlokasi"], r["kdkabkota"])] = _named(r["kabkota"])
            else:
                self.provinsi[r["kdlokasi"]] = _named(r["provinsi"])
        self.jenis_belanja: dict[str, str | None] = {
            r["kode"]: _named(r["nama"]) for r in rows("jenis_belanja.csv")
        }
        self.sumber_dana: dict[str, str | None] = {
            r["kdbeban"]: _named(r["nama"]) for r in rows("sumber_dana.csv")
        }

    def akun_dikenal(self, kode: str) -> bool:
        """Whether akun ``kode`` is in the reference (named or not)."""
        return kode in self.akun


@functools.cache
def referensi() -> Referensi:
    """The shipped reference tables (read on first use, then shared)."""
    return Referensi()
