"""The faults the generator plants: each kind a small change to a clean satker's tree that
one per-tree rule (``anggaran.rules``) reports as exactly one finding, at a code path
known when it is planted.

Every kind was checked by running the rules on trees read back from the archives written
(``tests/generator/test_generate.py``); the generator also runs the rules on each satker
it plants in before writing it, and stops when they find anything but the faults it
planted (:func:`periksa`). A fault leaves everything else of the
tree as it was: a line's monthly plan follows a changed jumlah, the withdrawal plan
(d_trktrm) is summed after the line faults, and two faults of one satker never touch the
same line, akun, KRO, RO or withdrawal row.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

from anggaran.core.findings import KINDS, Severity
from anggaran.core.kode import Level, sort_key
from anggaran.core.money import jumlah_sakti, ribuan_ke_atas
from anggaran.core.tree import (
    KRO,
    RO,
    Akun,
    Detail,
    Kegiatan,
    Komponen,
    Program,
    RkaSatker,
    hitung_alokasi,
    walk,
)
from anggaran.generator.bangun import bagi_bulanan
from anggaran.reference import referensi
from anggaran.rules import run_rules

#: an RO's satuan that no KRO of the reference lists (RO_SATUAN_OUTSIDE_KRO)
_SATUAN_LAIN = ("Paket", "Naskah", "Kali", "Eksemplar", "Hari")
#: 6-digit akun codes that are no spending akun (revenue akun: AKUN_REFERENSI)
_BUKAN_BELANJA = ("425131", "425111", "423211", "491111")


@dataclass(frozen=True)
class Kesalahan:
    """A fault as the manifest lists it."""

    arsip: str
    satker: str
    rule: str
    path: str
    severity: str

    def to_dict(self) -> dict[str, str]:
        return {
            "archive": self.arsip,
            "satker": self.satker,
            "rule": self.rule,
            "path": self.path,
            "severity": self.severity,
        }


#: where a planted finding is: a node of the tree (its path is known once every fault is
#: in), or a path already known
Tempat = object


@dataclass
class Konteks:
    """A satker being planted in: its tree, a random source, and what faults took."""

    tree: RkaSatker
    rng: random.Random
    lines: set[int] = field(default_factory=set)  # ids of lines a fault changed
    akun: set[int] = field(default_factory=set)  # ids of akun a fault changed as a whole
    akun_lines: set[int] = field(default_factory=set)  # ids of akun holding a changed line
    kro: set[int] = field(default_factory=set)
    ro: set[int] = field(default_factory=set)
    kegiatan: set[str] = field(default_factory=set)
    trktrm: set[tuple[str, str, str]] = field(default_factory=set)

    # -- what can be chosen --------------------------------------------------------------
    def akun_list(self) -> list[tuple[Program, Kegiatan, KRO, RO, Komponen, Akun, list[Akun]]]:
        out = []
        for p in self.tree.program:
            for k in p.kegiatan:
                for x in k.kro:
                    for r in x.ro:
                        for c in r.komponen:
                            for sk in c.sub_komponen:
                                for a in sk.akun:
                                    out.append((p, k, x, r, c, a, sk.akun))
        return out

    def free_lines(self, ok: Callable[[Akun, Komponen, Detail], bool]) -> list[tuple[Akun, int]]:
        """(akun, index) of lines no fault took, in akun no fault took as a whole."""
        out = []
        for _, _, _, _, c, a, _ in self.akun_list():
            if id(a) in self.akun:
                continue
            for i, d in enumerate(a.detail):
                if id(d) not in self.lines and ok(a, c, d):
                    out.append((a, i))
        return out

    def free_akun(self, ok: Callable[[Komponen, Akun], bool]) -> list[tuple[Komponen, Akun, list[Akun]]]:
        return [
            (c, a, siblings)
            for _, _, _, _, c, a, siblings in self.akun_list()
            if id(a) not in self.akun and id(a) not in self.akun_lines and ok(c, a)
        ]

    def take_line(self, a: Akun, i: int, d: Detail) -> Detail:
        a.detail[i] = d
        self.lines.add(id(d))
        self.akun_lines.add(id(a))
        return d


Tanam = Callable[[Konteks], list[tuple[str, Tempat]] | None]


def _plan(d: Detail, jumlah: int) -> list[int]:
    """``d``'s monthly plan's shape over ``jumlah``."""
    shape = list(d.rencana_bulanan) if any(d.rencana_bulanan) else [1] * 12
    return bagi_bulanan(jumlah, shape)


def _line(ctx: Konteks, ok: Callable[[Akun, Komponen, Detail], bool]) -> tuple[Akun, int, Detail] | None:
    found = ctx.free_lines(ok)
    if not found:
        return None
    a, i = ctx.rng.choice(found)
    return a, i, a.detail[i]


def _biasa(a: Akun, c: Komponen, d: Detail) -> bool:
    return not d.tingkat


# -- the kinds ---------------------------------------------------------------------------
def detail_jumlah(ctx: Konteks) -> list[tuple[str, Tempat]] | None:
    """A line's jumlah a few thousand off volume x harga satuan (its plan follows it)."""
    got = _line(ctx, _biasa)
    if got is None:
        return None
    a, i, d = got
    jumlah = jumlah_sakti(d.volume, d.harga_satuan) + 1000 * ctx.rng.randint(2, 50)
    new = ctx.take_line(a, i, replace(d, jumlah=jumlah, rencana_bulanan=_plan(d, jumlah)))
    return [("DETAIL_JUMLAH", new)]


def detail_jumlah_ke_atas(ctx: Konteks) -> list[tuple[str, Tempat]] | None:
    """A belanja pegawai (51x, komponen 001) line rounded up to the thousand."""

    def ok(a: Akun, c: Komponen, d: Detail) -> bool:
        return not d.tingkat and a.kode.startswith("51") and c.kode == "001" and d.volume > 1

    got = _line(ctx, ok)
    if got is None:
        return None
    a, i, d = got
    harga = d.harga_satuan
    for _ in range(20):
        if ribuan_ke_atas(d.volume, harga) != jumlah_sakti(d.volume, harga):
            break
        harga += 1
    else:
        return None
    jumlah = ribuan_ke_atas(d.volume, harga)
    new = ctx.take_line(a, i, replace(d, harga_satuan=harga, jumlah=jumlah, rencana_bulanan=_plan(d, jumlah)))
    return [("DETAIL_JUMLAH_KE_ATAS", new)]


def detail_volume_faktor(ctx: Konteks) -> list[tuple[str, Tempat]] | None:
    """A line whose last factor was changed without its volume."""

    def ok(a: Akun, c: Komponen, d: Detail) -> bool:
        return not d.tingkat and bool(d.faktor)

    got = _line(ctx, ok)
    if got is None:
        return None
    a, i, d = got
    faktor = list(d.faktor)
    v, s = faktor[-1]
    faktor[-1] = (v + ctx.rng.randint(1, 3), s)
    new = ctx.take_line(a, i, replace(d, faktor=faktor))
    return [("DETAIL_VOLUME_FAKTOR", new)]


def rencana_bulanan(ctx: Konteks) -> list[tuple[str, Tempat]] | None:
    """A line's monthly plan that does not add up to its jumlah (one month off)."""
    got = _line(ctx, _biasa)
    if got is None:
        return None
    a, i, d = got
    plan = list(d.rencana_bulanan)
    m = ctx.rng.randrange(12)
    plan[m] += ctx.rng.randint(1, 999) * 1000
    new = ctx.take_line(a, i, replace(d, rencana_bulanan=plan))
    return [("RENCANA_BULANAN_SUM", new)]


def header_bernilai(ctx: Konteks) -> list[tuple[str, Tempat]] | None:
    """A header line carrying a jumlah (added at the end of an akun when the satker has no
    header line free)."""
    got = _line(ctx, lambda a, c, d: bool(d.tingkat))
    jumlah = 1000 * ctx.rng.randint(1, 5000)
    if got is not None:
        a, i, d = got
        new = ctx.take_line(a, i, replace(d, jumlah=jumlah))
        return [("DETAIL_HEADER_BERNILAI", new)]
    found = ctx.free_akun(lambda c, a: True)
    if not found:
        return None
    _, a, _ = ctx.rng.choice(found)
    n = max((int(d.kode) for d in a.detail if d.kode and d.kode.isdigit()), default=0) + 1
    new = Detail("Honor Output Kegiatan", Decimal(0), "", 0, jumlah, tingkat=1, kode=str(n), kdib="00")
    a.detail.append(new)
    ctx.take_line(a, len(a.detail) - 1, new)
    return [("DETAIL_HEADER_BERNILAI", new)]


def _akun_kode(
    ctx: Konteks, ok: Callable[[Komponen, Akun], bool], codes: Callable[[Akun], list[str]]
) -> Akun | None:
    """An akun no fault took, given a new code (one its sub-komponen does not hold)."""
    found = ctx.free_akun(ok)
    ctx.rng.shuffle(found)
    for _, a, siblings in found:
        taken = {s.kode for s in siblings}
        free = [k for k in codes(a) if k not in taken]
        if free:
            a.kode = ctx.rng.choice(free)
            a.nama = referensi().akun.get(a.kode) or ""
            ctx.akun.add(id(a))
            return a
    return None


def akun_tidak_dikenal(ctx: Konteks) -> list[tuple[str, Tempat]] | None:
    """An akun of its jenis belanja that the reference does not list (one per code and
    satker: the rule reports a code once)."""
    ref = referensi()
    used = {a.kode for *_, a, _ in ctx.akun_list()}

    def codes(a: Akun) -> list[str]:
        out: list[str] = []
        while len(out) < 5:
            kode = a.kode[:2] + f"{ctx.rng.randrange(10000):04d}"
            if not ref.akun_dikenal(kode) and kode not in used:
                out.append(kode)
        return out

    a = _akun_kode(ctx, lambda c, a: True, codes)
    return None if a is None else [("AKUN_TIDAK_DIKENAL", a)]


def akun_referensi(ctx: Konteks) -> list[tuple[str, Tempat]] | None:
    """A revenue akun (4xxxxx) among the spending akun."""
    a = _akun_kode(ctx, lambda c, a: True, lambda a: list(_BUKAN_BELANJA))
    return None if a is None else [("AKUN_REFERENSI", a)]


def akun_komponen(ctx: Konteks) -> list[tuple[str, Tempat]] | None:
    """A belanja pegawai akun (51x) under a komponen other than 001."""
    a = _akun_kode(ctx, lambda c, a: c.kode != "001", lambda a: ["511129", "512211", "511111", "511119"])
    return None if a is None else [("AKUN_KOMPONEN", a)]


def akun_tanpa_rincian(ctx: Konteks) -> list[tuple[str, Tempat]] | None:
    """An akun row without detail lines."""
    found = ctx.free_akun(lambda c, a: True)
    if not found:
        return None
    _, a, _ = ctx.rng.choice(found)
    a.detail = []
    ctx.akun.add(id(a))
    return [("AKUN_TANPA_RINCIAN", a)]


def blokir_tanpa_uraian(ctx: Konteks) -> list[tuple[str, Tempat]] | None:
    """Lines of an akun blocked (blokir) without the akun saying why."""
    found = ctx.free_akun(lambda c, a: any(not d.tingkat and d.jumlah >= 2000 for d in a.detail))
    if not found:
        return None
    _, a, _ = ctx.rng.choice(found)
    for i, d in enumerate(a.detail):
        if not d.tingkat and d.jumlah >= 2000:
            a.detail[i] = replace(d, blokir=d.jumlah // 2000 * 1000)
            break
    a.uraian_blokir = None
    ctx.akun.add(id(a))
    return [("BLOKIR_TANPA_URAIAN", a)]


def _kro_list(ctx: Konteks) -> list[tuple[Program, Kegiatan, KRO]]:
    return [(p, k, x) for p in ctx.tree.program for k in p.kegiatan for x in k.kro]


def kro_volume(ctx: Konteks) -> list[tuple[str, Tempat]] | None:
    """A KRO whose volume is not the sum of its RO's."""
    found = [x for *_, x in _kro_list(ctx) if id(x) not in ctx.kro and x.keluaran.volume is not None]
    if not found:
        return None
    x = ctx.rng.choice(found)
    x.keluaran.volume = (x.keluaran.volume or Decimal(0)) + ctx.rng.randint(1, 5)
    ctx.kro.add(id(x))
    return [("KRO_VOLUME_SUM", x)]


def ro_satuan(ctx: Konteks) -> list[tuple[str, Tempat]] | None:
    """An RO whose satuan (d_soutput.sbmksat) is none of its KRO's (KRO of the reference
    only: elsewhere no satuan is known)."""
    found = [r for *_, x in _kro_list(ctx) if x.keluaran.satuan_set() for r in x.ro if id(r) not in ctx.ro]
    if not found:
        return None
    r = ctx.rng.choice(found)
    kro = next(x for *_, x in _kro_list(ctx) if r in x.ro)
    allowed = {s.casefold() for s in kro.keluaran.satuan_set()}
    satuan = ctx.rng.choice([s for s in _SATUAN_LAIN if s.casefold() not in allowed])
    r.keluaran.satuan = satuan
    r.adk = {**(r.adk or {}), "sbmksat": satuan}
    ctx.ro.add(id(r))
    return [("RO_SATUAN_OUTSIDE_KRO", r)]


def kode_format(ctx: Konteks) -> list[tuple[str, Tempat]] | None:
    """An RO code of two characters (``00`` for ``001``): not SAKTI's three."""
    found = [(x, r) for *_, x in _kro_list(ctx) if id(x) not in ctx.kro for r in x.ro if id(r) not in ctx.ro]
    if not found:
        return None
    x, r = ctx.rng.choice(found)
    r.kode = r.kode[:2]
    ctx.kro.add(id(x))
    ctx.ro.add(id(r))
    return [("KODE_FORMAT", r)]


def kegiatan_program(ctx: Konteks) -> list[tuple[str, Tempat]] | None:
    """A KRO of kegiatan K listed under another program too (K under two programs)."""
    programs = ctx.tree.program
    if len(programs) < 2:
        return None
    found = [
        (p, k)
        for p in programs
        for k in p.kegiatan
        if len(k.kro) >= 2 and k.kode not in ctx.kegiatan and all(id(x) not in ctx.kro for x in k.kro)
    ]
    if not found:
        return None
    p, k = ctx.rng.choice(found)
    other = ctx.rng.choice([q for q in programs if q is not p])
    x = k.kro.pop()
    moved = Kegiatan(k.kode, k.nama, kro=[x])
    other.kegiatan.append(moved)
    other.kegiatan.sort(key=lambda g: sort_key(g.kode))
    ctx.kegiatan.add(k.kode)
    ctx.kro.add(id(x))
    later = max(p, other, key=lambda q: sort_key(q.kode))
    return [("KEGIATAN_PROGRAM", f"{later.kode}/{k.kode}")]


def rencana_penarikan(ctx: Konteks) -> list[tuple[str, Tempat]] | None:
    """A withdrawal plan row (d_trktrm) whose pagu is not its lines' total, or a group of
    lines without its row (after the line faults: the plan is summed first)."""
    rows = [
        r for r in ctx.tree.rencana_penarikan if (r.program, r.kegiatan, r.jenis_belanja) not in ctx.trktrm
    ]
    if not rows:
        return None
    r = ctx.rng.choice(rows)
    ctx.trktrm.add((r.program, r.kegiatan, r.jenis_belanja))
    if ctx.rng.random() < 0.25:
        ctx.tree.rencana_penarikan.remove(r)
    else:
        r.pagu += 1000 * ctx.rng.randint(1, 500)
    return [("RENCANA_PENARIKAN", f"{r.program}/{r.kegiatan}")]


#: every kind, by the rule that reports it; those planted after the withdrawal plan is summed
JENIS: dict[str, Tanam] = {
    "DETAIL_JUMLAH": detail_jumlah,
    "DETAIL_JUMLAH_KE_ATAS": detail_jumlah_ke_atas,
    "DETAIL_VOLUME_FAKTOR": detail_volume_faktor,
    "RENCANA_BULANAN_SUM": rencana_bulanan,
    "DETAIL_HEADER_BERNILAI": header_bernilai,
    "AKUN_TIDAK_DIKENAL": akun_tidak_dikenal,
    "AKUN_REFERENSI": akun_referensi,
    "AKUN_KOMPONEN": akun_komponen,
    "AKUN_TANPA_RINCIAN": akun_tanpa_rincian,
    "BLOKIR_TANPA_URAIAN": blokir_tanpa_uraian,
    "KRO_VOLUME_SUM": kro_volume,
    "RO_SATUAN_OUTSIDE_KRO": ro_satuan,
    "KODE_FORMAT": kode_format,
    "KEGIATAN_PROGRAM": kegiatan_program,
    "RENCANA_PENARIKAN": rencana_penarikan,
}
SETELAH_PENARIKAN = frozenset({"RENCANA_PENARIKAN"})
#: kinds that only a satker of the real unit can carry (its KRO are in the reference)
HANYA_NYATA = frozenset({"RO_SATUAN_OUTSIDE_KRO"})


def tanam(ctx: Konteks, kinds: list[str]) -> Iterator[tuple[str, Tempat]]:
    """Plant ``kinds`` (those of :data:`SETELAH_PENARIKAN` are left to the caller's second
    call); each planted fault's (rule, where). A kind the satker cannot carry is skipped."""
    for kind in kinds:
        got = JENIS[kind](ctx)
        if got is not None:
            yield from got


def jalur(tree: RkaSatker, planted: list[tuple[str, Tempat]]) -> list[tuple[str, str]]:
    """(rule, path) of each planted fault: a node's path as the rules print it."""
    paths = {id(step.node): step.path for step in walk(tree, Level.DETAIL)}
    return [(rule, where if isinstance(where, str) else paths[id(where)]) for rule, where in planted]


def severity(rule: str) -> Severity:
    return KINDS[rule].severity


def periksa(tree: RkaSatker, expected: list[tuple[str, str]]) -> None:
    """Check that the rules find in ``tree`` exactly the faults ``expected`` (as (rule,
    path), errors and warnings only). Raises RuntimeError otherwise: a fault that is not
    what the generator says it is would make the manifest wrong."""
    hitung_alokasi(tree)
    found = Counter(
        (f.rule, f.path) for f in run_rules(tree) if f.severity in (Severity.ERROR, Severity.WARNING)
    )
    if found != Counter(expected):
        raise RuntimeError(
            f"satker {tree.satker.kode}: planted {sorted(Counter(expected).items())}, "
            f"the rules find {sorted(found.items())}"
        )
