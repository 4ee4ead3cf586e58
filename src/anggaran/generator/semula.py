"""The version before the revision (semula, the m_* tables) of a generated satker: its clean
tree with some lines changed, some taken away (new in the revision) and some added (lines
the revision removed), in the shares the real archives show (``profil.json``'s
``semula``)."""

from __future__ import annotations

import random
from dataclasses import replace

from anggaran.core.money import jumlah_sakti
from anggaran.core.tree import (
    KRO,
    RO,
    Akun,
    Detail,
    Kegiatan,
    Keluaran,
    Komponen,
    Program,
    RkaSatker,
    SubKomponen,
)
from anggaran.generator.bangun import Pembangun, bagi_bulanan
from anggaran.generator.profil import Profil


def salin(tree: RkaSatker) -> RkaSatker:
    """A copy of ``tree`` down to the akun (the lists are the copy's own; the detail lines
    are shared: a change makes a new line, never changes one in place)."""
    out = RkaSatker(
        dokumen=tree.dokumen,
        kementerian=tree.kementerian,
        unit_organisasi=tree.unit_organisasi,
        satker=tree.satker,
        provinsi=tree.provinsi,
        lokasi=tree.lokasi,
    )
    for p in tree.program:
        np = Program(p.kode, p.nama)
        out.program.append(np)
        for k in p.kegiatan:
            nk = Kegiatan(k.kode, k.nama)
            np.kegiatan.append(nk)
            for x in k.kro:
                nx = KRO(x.kode, x.nama, keluaran=Keluaran(x.keluaran.volume, x.keluaran.satuan))
                nk.kro.append(nx)
                for r in x.ro:
                    nr = RO(r.kode, r.nama, keluaran=Keluaran(r.keluaran.volume, r.keluaran.satuan))
                    nx.ro.append(nr)
                    for c in r.komponen:
                        nc = Komponen(c.kode, c.nama)
                        nr.komponen.append(nc)
                        for sk in c.sub_komponen:
                            ns = SubKomponen(sk.kode, sk.nama)
                            nc.sub_komponen.append(ns)
                            for a in sk.akun:
                                ns.akun.append(
                                    Akun(
                                        a.kode,
                                        a.nama,
                                        sumber_dana=a.sumber_dana,
                                        kppn=a.kppn,
                                        detail=list(a.detail),
                                        uraian_blokir=a.uraian_blokir,
                                    )
                                )
    return out


def semula(tree: RkaSatker, p: Profil, b: Pembangun, rng: random.Random) -> RkaSatker:
    """The semula of the clean ``tree``: each line changed (its volume's first factor or
    its price, and so its jumlah and plan), taken away or joined by a line after it, in
    the measured shares; every akun keeps at least one line."""
    out = salin(tree)
    changed, only_menjadi, only_semula = (
        p.semula["berubah"],
        p.semula["hanya_menjadi"],
        p.semula["hanya_semula"],
    )
    plans = b.bulanan
    for prog in out.program:
        for k in prog.kegiatan:
            for x in k.kro:
                for r in x.ro:
                    for c in r.komponen:
                        for sk in c.sub_komponen:
                            for a in sk.akun:
                                lines = []
                                for d in a.detail:
                                    u = rng.random()
                                    if d.tingkat:
                                        lines.append(d)
                                    elif u < only_menjadi and len(a.detail) > 1:
                                        continue
                                    elif u < only_menjadi + changed:
                                        harga = max(1, round(d.harga_satuan * (0.7 + 0.6 * rng.random())))
                                        jumlah = jumlah_sakti(d.volume, harga)
                                        shape = d.rencana_bulanan if any(d.rencana_bulanan) else [1] * 12
                                        lines.append(_ganti(d, harga, jumlah, bagi_bulanan(jumlah, shape)))
                                    else:
                                        lines.append(d)
                                n = len(a.detail)
                                for _ in range(_poisson(rng, only_semula * n)):
                                    sample = rng.choice(b.baris[a.kode]) if a.kode in b.baris else None
                                    if sample is None:
                                        break
                                    plan = rng.choice(plans.get(a.kode[:2]) or plans["52"])
                                    n += 1
                                    lines.append(b.baris_baru(sample, plan, rng, str(n)))
                                a.detail = lines
    return out


def _ganti(d: Detail, harga: int, jumlah: int, plan: list[int]) -> Detail:
    return replace(d, harga_satuan=harga, jumlah=jumlah, rencana_bulanan=plan)


def _poisson(rng: random.Random, mean: float) -> int:
    """A count with the given mean: its whole part, and one more with the chance of the
    rest (enough for shares of a few lines)."""
    whole = int(mean)
    return whole + (1 if rng.random() < mean - whole else 0)
