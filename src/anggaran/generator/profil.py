"""The profile the generator draws from: what ``scripts/profil_adk.py`` measured on the real
ADK archives (``profil.json`` beside this module), loaded once, with weighted choices made
ready for drawing fast."""

from __future__ import annotations

import bisect
import itertools
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any, Generic, TypeVar

from anggaran.reference import referensi

T = TypeVar("T")


class Pilihan(Generic[T]):
    """A weighted choice among ``items`` (weights as counts), drawn with one bisect."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        if not items:
            raise ValueError("nothing to choose from")
        self.items = list(items)
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1]

    def __call__(self, rng: random.Random) -> T:
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]

    def beberapa(self, rng: random.Random, n: int) -> list[T]:
        """``n`` different items (fewer when there are fewer), by weight, in draw order."""
        if n >= len(self.items):
            out = list(self.items)
            rng.shuffle(out)
            return out
        seen: list[T] = []
        while len(seen) < n:
            item = self(rng)
            if item not in seen:
                seen.append(item)
        return seen


def _hist(h: dict[str, int]) -> Pilihan[int]:
    return Pilihan([int(k) for k in h], list(h.values()))


def _kata(h: dict[str, int]) -> Pilihan[str]:
    return Pilihan(list(h), list(h.values()))


@dataclass(frozen=True)
class Baris:
    """A sample detail line of an akun: name, factors, volume (lines without factors),
    satuan and harga satuan."""

    nama: str
    faktor: tuple[tuple[int, str], ...]
    volume: Decimal
    satuan: str
    harga: int


@dataclass(frozen=True)
class RoKatalog:
    kode: str
    nama: str
    p: float


@dataclass(frozen=True)
class KroKatalog:
    """A KRO of a unit's catalogue: program letters, kegiatan, KRO code, the share of the
    unit's satkers that have it, and its RO."""

    program: str
    kegiatan: str
    kro: str
    p: float
    ro: tuple[RoKatalog, ...]


class Profil:
    """The measured profile (see ``scripts/profil_adk.py``)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        ref = referensi()
        lines = data["baris_per_satker"]
        #: the real satkers' line counts, to draw a satker's size from
        self.baris_per_satker: list[int] = lines
        self.rata_baris = sum(lines) / len(lines)
        s = data["struktur"]
        self.ro_per_kro = _hist(s["ro"])
        self.komponen_per_ro = _hist({k: v for k, v in s["komponen"].items() if k != "0"})
        self.sub_per_komponen = _hist(s["sub_komponen"])
        self.akun_per_sub = _hist(s["akun"])
        self.baris_per_akun = _hist({k: v for k, v in s["baris"].items() if k != "0"})
        self.ro_volume = _hist(data["ro_volume"])
        self.komponen_lain = _kata({k: v for k, v in data["komponen"].items() if k not in ("001", "002")})
        self.komponen_nama = {k: _kata(v) for k, v in data["komponen_nama"].items()}
        self.sub_kode = {k: _kata(v) for k, v in data["sub_komponen"].items()}
        self.sub_nama = _kata(data["sub_komponen_nama"])
        allowed = {"001": ("51",), "002": ("52",), "lain": ("52", "53")}
        self.akun: dict[str, Pilihan[str]] = {}
        for kelas, counts in data["akun"].items():
            known = {
                k: v
                for k, v in counts.items()
                if ref.akun_dikenal(k) and k[:2] in allowed[kelas] and k in data["baris"]
            }
            self.akun[kelas] = _kata(known)
        self.baris: dict[str, list[Baris]] = {
            akun: [
                Baris(nama, tuple((int(v), s) for v, s in faktor), Decimal(volume), satuan, int(harga))
                for nama, faktor, volume, satuan, harga in rows
            ]
            for akun, rows in data["baris"].items()
        }
        self.bulanan: dict[str, list[list[int]]] = data["bulanan"]
        h = data["header"]
        self.bagian_header: float = h["bagian"]
        self.header_tingkat2: float = h["tingkat2"]
        self.header_nama = _kata(h["nama"])
        self.catatan_bagian: dict[str, float] = data["catatan"]["bagian"]
        self.catatan_teks: list[str] = data["catatan"]["teks"]
        self.semula: dict[str, float] = data["semula"]
        self.katalog = tuple(
            KroKatalog(
                k["program"],
                k["kegiatan"],
                k["kro"],
                k["p"],
                tuple(RoKatalog(r["kode"], r["nama"], r["p"]) for r in k["ro"]),
            )
            for k in data["katalog_015_08"]
        )
        self.ro_nama = sorted({r.nama for k in self.katalog for r in k.ro if r.nama})
        self.ro_kode = _kata({k: v for k, v in data["ro_kode"].items() if k != "994"})


@cache
def profil() -> Profil:
    """The profile shipped with the package."""
    text = resources.files(__package__).joinpath("profil.json").read_text(encoding="utf-8")
    return Profil(json.loads(text))
