"""Code -> name tables (K/L, unit eselon I, akun, program, kegiatan, KRO, RO, satker,
lokasi, jenis belanja, sumber dana), shipped with the package from ``../shared/reference``
(each row names its source; see ``data/README.md``), plus the rows users load
(``anggaran referensi import``, kept in the store).

A name no source states is absent: the lookups (``referensi().akun["521211"]`` and the
like) give ``None``, and callers print the code alone. Names are never guessed. The
shipped tables are package data, read once. ``referensi()`` is the set in use: the shipped
tables with the loaded rows laid over them, which the services layer installs with
:func:`pakai` (from the store) before reading, checking or printing; the rules and reports
read it and never the store.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources

#: the code tables a user may load (``anggaran referensi import``), in the order they are
#: listed; each code as printed: ``satker`` 527010, ``program`` 015.08.CD, ``kegiatan``
#: 6212, ``kro`` 6212.AEF, ``ro`` 6212.AEF.001, ``akun`` 521211, ``lokasi`` 01 (a
#: province) or 01.51 (a kab/kota), ``sumber_dana`` A (SAKTI's kdbeban), ``kementerian``
#: 015, ``unit_organisasi`` 015.08
JENIS = (
    "satker",
    "program",
    "kegiatan",
    "kro",
    "ro",
    "akun",
    "lokasi",
    "sumber_dana",
    "kementerian",
    "unit_organisasi",
)


def rows(name: str) -> list[dict[str, str]]:
    """The rows of the shipped table ``name`` (``"akun.csv"``) as dicts of its columns."""
    return [dict(r) for r in _rows(name)]


@functools.cache
def _rows(name: str) -> tuple[dict[str, str], ...]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return tuple(csv.DictReader(io.StringIO(text)))


@dataclass(frozen=True, slots=True)
class BarisReferensi:
    """A loaded reference row: its table (one of :data:`JENIS`), code as printed, name,
    and what else the row holds (``{"satuan": "Orang"}`` for a KRO or RO)."""

    jenis: str
    kode: str
    nama: str
    data: Mapping[str, str] = field(default_factory=dict)


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
class RoRef:
    """An RO of a loaded reference: ``kode`` ``6212.AEF.001``, name and its satuan."""

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
    """The reference tables: the shipped ones with ``tambahan`` (loaded rows) laid over
    them, a loaded name taking the place of a shipped one. Lookups take codes as strings as
    printed (``"521211"``, ``"015.08.CD"``, ``"5252"``, ``"5252.BDC"``) and return
    ``None`` for an unknown code or an unnamed one."""

    def __init__(self, tambahan: Iterable[BarisReferensi] = ()) -> None:
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
        #: ``"6212.AEF.001"`` -> the RO (no table of them ships: loaded ones only)
        self.ro: dict[str, RoRef] = {}
        for row in tambahan:
            self._tambah(row)

    def _tambah(self, r: BarisReferensi) -> None:
        nama = _named(r.nama)
        satuan = _named(r.data.get("satuan", ""))
        if r.jenis == "satker":
            old = self.satker.get(r.kode)
            self.satker[r.kode] = (
                SatkerRef(r.kode, nama, old.kdlokasi, old.kdkabkota, old.provinsi)
                if old
                else SatkerRef(r.kode, nama, "", "", None)
            )
        elif r.jenis == "kro":
            old_kro = self.kro.get(r.kode)
            self.kro[r.kode] = KroRef(r.kode, nama, satuan or (old_kro.satuan if old_kro else None))
        elif r.jenis == "ro":
            self.ro[r.kode] = RoRef(r.kode, nama, satuan)
        elif r.jenis == "lokasi":
            if "." in r.kode:
                kdlokasi, kdkabkota = r.kode.split(".", 1)
                self.kabkota[(kdlokasi, kdkabkota)] = nama
            else:
                self.provinsi[r.kode] = nama
        elif r.jenis in ("program", "kegiatan", "akun", "sumber_dana", "kementerian", "unit_organisasi"):
            table: dict[str, str | None] = getattr(self, r.jenis)
            table[r.kode] = nama

    def nama(self, jenis: str, kode: str) -> str | None:
        """The name of ``kode`` in table ``jenis`` (one of :data:`JENIS`), or None."""
        if jenis == "satker":
            s = self.satker.get(kode)
            return s.nama if s else None
        if jenis == "kro":
            k = self.kro.get(kode)
            return k.nama if k else None
        if jenis == "ro":
            r = self.ro.get(kode)
            return r.nama if r else None
        if jenis == "lokasi":
            if "." in kode:
                kdlokasi, kdkabkota = kode.split(".", 1)
                return self.kabkota.get((kdlokasi, kdkabkota))
            return self.provinsi.get(kode)
        if jenis in ("program", "kegiatan", "akun", "sumber_dana", "kementerian", "unit_organisasi"):
            table: dict[str, str | None] = getattr(self, jenis)
            return table.get(kode)
        raise ValueError(f"unknown reference table {jenis!r}")

    def akun_dikenal(self, kode: str) -> bool:
        """Whether akun ``kode`` is in the reference (named or not)."""
        return kode in self.akun


_aktif: Referensi | None = None
_tambahan: tuple[BarisReferensi, ...] = ()


def referensi() -> Referensi:
    """The reference tables in use: the shipped ones with the rows :func:`pakai` installed
    (built on first use, then shared)."""
    global _aktif
    ref = _aktif
    if ref is None:
        ref = _aktif = Referensi(_tambahan)
    return ref


def pakai(tambahan: Iterable[BarisReferensi]) -> None:
    """Use the shipped tables with ``tambahan`` (the rows loaded into the store) laid over
    them from now on, in this process; ``pakai(())`` goes back to the shipped tables."""
    global _aktif, _tambahan
    rows = tuple(tambahan)
    if rows != _tambahan or _aktif is None:
        ref = Referensi(rows)
        _tambahan, _aktif = rows, ref
