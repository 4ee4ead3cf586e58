"""The plan of a generated set: which units (K/L + unit eselon I) there are, the satkers of
each (code, lokasi, KPPN), each unit's catalogue of programs, kegiatan, KRO and RO, and
where the faults go. Everything here is drawn from the seed before any satker is built,
so that the archives can be built in any order (or in parallel) and still come out the
same."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from anggaran.generator.profil import KroKatalog, Profil
from anggaran.reference import referensi, rows

#: the lines a satker has on average (25,000 satkers: about 5,000,000 lines)
BARIS_PER_SATKER = 200

#: the unit whose catalogue is the real one (the three real archives are its)
UNIT_NYATA = ("015", "08")
#: the size of a unit's archive: at least, at most (satkers)
UNIT_MIN, UNIT_MAKS = 40, 400
#: the most detail lines (d_item and m_item rows, as planned) an archive holds, so that
#: Anggaran's reader takes it whole: at about 3 KB of tables a line, 50,000 lines unpack to
#: about 150 MB (``formats.batas``: 256 MiB an archive, 128 MiB a member; d_item's XML
#: takes about 2 KB a line)
BARIS_MAKS = 50_000
#: lines in semula for each line of menjadi (the real archives: 1.24)
SEMULA_PER_MENJADI = 1.24


@dataclass(frozen=True)
class SatkerRencana:
    """One satker of the plan: its place in the whole set (``indeks``), code, lokasi and
    KPPN, and the faults to plant in it (rule ids)."""

    indeks: int
    kode: str
    kdlokasi: str
    kdkabkota: str
    kppn: str
    #: the detail lines (header lines left out) the satker is built to have, about
    baris: float = 200.0
    kesalahan: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnitRencana:
    """One archive: its number in the set, K/L, unit, the catalogue its satkers draw
    from, its satkers, and which of them carry their semula (m_*) tables."""

    nomor: int
    kl: str
    unit: str
    katalog: tuple[KroKatalog, ...]
    satker: tuple[SatkerRencana, ...]
    semula: frozenset[str] = field(default_factory=frozenset)

    @property
    def nyata(self) -> bool:
        """Whether the unit uses the real catalogue (its KRO are in the reference)."""
        return (self.kl, self.unit) == UNIT_NYATA


def _lokasi() -> list[tuple[str, str]]:
    return sorted((r["kdlokasi"], r["kdkabkota"]) for r in rows("lokasi.csv") if r["kdkabkota"])


def _katalog(rng: random.Random, p: Profil) -> tuple[KroKatalog, ...]:
    """A unit's catalogue: the real unit's Program Dukungan Manajemen (WA: its KRO are the
    same in every K/L) under new kegiatan codes, and one or two technical programs of
    two to five kegiatan, each with two to four KRO shaped as the real technical ones."""
    codes = rng.sample(range(1000, 8000), 30)
    out: list[KroKatalog] = []
    wa = [k for k in p.katalog if k.program == "WA"]
    teknis = [k for k in p.katalog if k.program != "WA" and k.p >= 0.05]
    remap: dict[str, str] = {}
    for k in wa:
        keg = remap.setdefault(k.kegiatan, str(codes.pop()))
        out.append(KroKatalog("WA", keg, f"{keg}.{k.kro.split('.')[1]}", k.p, k.ro))
    letters = "ABCDEFGHIJKLMNOPQRSTUVXYZ"
    programs: list[str] = []
    while len(programs) < (1 if rng.random() < 0.7 else 2):
        name = rng.choice(letters[:8]) + rng.choice(letters)
        if name != "WA" and name not in programs:
            programs.append(name)
    for prog in programs:
        for _ in range(rng.randint(2, 5)):
            keg = str(codes.pop())
            seen: set[str] = set()
            for k in rng.sample(teknis, min(len(teknis), rng.randint(2, 4))):
                kro = k.kro.split(".")[1]
                if kro in seen:
                    continue
                seen.add(kro)
                out.append(KroKatalog(prog, keg, f"{keg}.{kro}", max(k.p, 0.3), k.ro))
    return tuple(sorted(out, key=lambda k: (k.program, k.kegiatan, k.kro)))


def rencanakan(
    n: int, seed: int, p: Profil, faults: int, semula: float, kinds: list[str], nyata_only: set[str]
) -> list[UnitRencana]:
    """The plan of ``n`` satkers from ``seed``: units, their satkers and catalogues, which
    satkers carry semula tables (a share ``semula`` of them), and ``faults`` faults of
    ``kinds`` spread over the satkers (kinds in ``nyata_only`` only where the real
    catalogue is used). Raises ValueError for ``n`` < 1."""
    if n < 1:
        raise ValueError("n < 1")
    rng = random.Random(f"anggaran-generate/{seed}/rencana")
    ref = referensi()
    lokasi = _lokasi()
    kppn: dict[tuple[str, str], str] = {}
    for s in rows("satker.csv"):
        if s["kdlokasi"] and s["kdkabkota"] and s["kdkppn"]:
            kppn.setdefault((s["kdlokasi"], s["kdkabkota"]), s["kdkppn"])
    free = [f"{c:03d}" for c in range(1, 200) if f"{c:03d}" not in set(kppn.values())]
    rng.shuffle(free)
    for pair in lokasi:
        if pair not in kppn:
            kppn[pair] = free.pop()
    real = sorted(
        (s["kode"], s["kdlokasi"], s["kdkabkota"])
        for s in rows("satker.csv")
        if (s["kddept"], s["kdunit"]) == UNIT_NYATA and (s["kdlokasi"], s["kdkabkota"]) in kppn
    )
    known = set(ref.satker)
    pool = [c for c in rng.sample(range(100000, 1000000), n + len(known) + 10) if f"{c:06d}" not in known]
    kl_pool = [f"{c:03d}" for c in rng.sample(range(1, 120), 119) if f"{c:03d}" not in ("013", "015")]
    skala = BARIS_PER_SATKER / p.rata_baris * (1 - p.bagian_header)
    per_line = 1 / (1 - p.bagian_header)
    units: list[UnitRencana] = []
    indeks = 0
    kl, unit_codes = "", list[str]()
    while indeks < n:
        nomor = len(units)
        if nomor == 0:
            kl, unit, katalog = *UNIT_NYATA, p.katalog
        else:
            if not unit_codes:
                kl = kl_pool.pop(0)
                unit_codes = [f"{u:02d}" for u in sorted(rng.sample(range(1, 13), rng.randint(1, 6)))]
            unit = unit_codes.pop(0)
            katalog = _katalog(rng, p)
        # the unit's size: drawn log-uniform, less when its lines would pass BARIS_MAKS; a
        # remainder too small for a unit of its own joins this one
        size = round(UNIT_MIN * (UNIT_MAKS / UNIT_MIN) ** rng.random())
        mine = real if nomor == 0 else []
        satker: list[SatkerRencana] = []
        chosen: set[str] = set()
        weight = 0.0
        while indeks < n and (len(satker) < size or n - indeks < UNIT_MIN // 2):
            baris = rng.choice(p.baris_per_satker) * skala
            old = rng.random() < semula
            w = baris * per_line * (1 + (SEMULA_PER_MENJADI if old else 0))
            if satker and weight + w > BARIS_MAKS:
                break
            weight += w
            if len(satker) < len(mine):
                kode, kdlokasi, kdkabkota = mine[len(satker)]
            else:
                kode = f"{pool.pop():06d}"
                kdlokasi, kdkabkota = rng.choice(lokasi)
            satker.append(
                SatkerRencana(indeks, kode, kdlokasi, kdkabkota, kppn[(kdlokasi, kdkabkota)], baris)
            )
            if old:
                chosen.add(kode)
            indeks += 1
        satker.sort(key=lambda s: s.kode)
        units.append(UnitRencana(nomor + 1, kl, unit, katalog, tuple(satker), frozenset(chosen)))
    return _sebar(rng, units, faults, kinds, nyata_only)


def _sebar(
    rng: random.Random, units: list[UnitRencana], faults: int, kinds: list[str], nyata_only: set[str]
) -> list[UnitRencana]:
    """``faults`` faults spread over the satkers: kinds in turn (in an order drawn from
    the seed), each on a satker not yet given one while there are such (then again from
    the start); a kind of ``nyata_only`` on a satker of the real unit."""
    if not faults or not kinds:
        return units
    everyone = [(u.nomor, s.indeks) for u in units for s in u.satker]
    nyata = [(u.nomor, s.indeks) for u in units if u.nyata for s in u.satker]
    order = list(kinds)
    rng.shuffle(order)
    todo: dict[int, list[str]] = {}
    free = list(everyone)
    rng.shuffle(free)
    free_nyata = list(nyata)
    rng.shuffle(free_nyata)
    for i in range(faults):
        kind = order[i % len(order)]
        if kind in nyata_only:
            if not nyata:
                kind = next(k for k in order if k not in nyata_only)
            else:
                if not free_nyata:
                    free_nyata = list(nyata)
                    rng.shuffle(free_nyata)
                target = free_nyata.pop()
                if target in free:
                    free.remove(target)
                todo.setdefault(target[1], []).append(kind)
                continue
        if not free:
            free = list(everyone)
            rng.shuffle(free)
        target = free.pop()
        if target in free_nyata:
            free_nyata.remove(target)
        todo.setdefault(target[1], []).append(kind)
    out = []
    for u in units:
        satker = tuple(
            SatkerRencana(
                s.indeks, s.kode, s.kdlokasi, s.kdkabkota, s.kppn, s.baris, tuple(todo.get(s.indeks, ()))
            )
            for s in u.satker
        )
        out.append(UnitRencana(u.nomor, u.kl, u.unit, u.katalog, satker, u.semula))
    return out
