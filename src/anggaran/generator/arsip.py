"""One generated archive (a unit's satkers): the trees built, the semula trees made, the
faults planted and checked, and the ADK archive written by the project's own writer
(``formats.adk.writer.write_adk``: the tables, columns and layout of ``formats.adk.skema``
and ``formats.adk.baris``) and zipped."""

from __future__ import annotations

import io
import random
import zipfile
from dataclasses import dataclass, field

from anggaran.core.tree import RkaSatker
from anggaran.formats import batas
from anggaran.formats.adk import skema
from anggaran.formats.adk.writer import nama_arsip, write_adk
from anggaran.generator import kesalahan as ks
from anggaran.generator.bangun import Pembangun, rencana_penarikan
from anggaran.generator.profil import profil
from anggaran.generator.rencana import UnitRencana
from anggaran.generator.semula import semula

#: the time stamp of every member, as the ADK writer's (the same input, the same bytes)
_WAKTU = (1980, 1, 1, 0, 0, 0)


@dataclass
class HasilArsip:
    """An archive built: its SAKTI name, bytes, and what it holds (satkers, detail lines
    and their total, the same of its semula tables) and the faults planted in it."""

    nama: str
    data: bytes
    kl: str
    unit: str
    satker: int
    baris: int
    jumlah: int
    satker_semula: int = 0
    baris_semula: int = 0
    jumlah_semula: int = 0
    kesalahan: list[ks.Kesalahan] = field(default_factory=list)
    #: faults of the plan no satker of the archive could carry (none so far)
    tidak_tertanam: list[str] = field(default_factory=list)


def _rng(seed: int, unit: UnitRencana, satker: str) -> random.Random:
    return random.Random(f"anggaran-generate/{seed}/{unit.nomor}/{satker}")


def _totals(trees: list[RkaSatker]) -> tuple[int, int]:
    """The detail lines (header lines too: the rows of d_item) and their total (header
    lines left out, as the reader's trees count it)."""
    lines = total = 0
    for t in trees:
        for _, d in t.detail():
            lines += 1
            total += 0 if d.tingkat else d.jumlah
    return lines, total


def zip_members(members: dict[str, bytes], level: int) -> bytes:
    """``members`` as a zip, as ``formats.adk.writer.zip_adk`` makes it (in name order,
    dated 1980-01-01, deflated) at the compression ``level`` given (1 fastest, 9 smallest)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, _WAKTU)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, members[name], compresslevel=level)
    return buf.getvalue()


def _muat(name: str, members: dict[str, bytes]) -> None:
    """Check that Anggaran's reader takes the archive whole (``formats.batas``: the most an
    archive and a member may unpack to): the plan keeps archives well below (``BARIS_MAKS``),
    so an archive past them is a fault of the generator (RuntimeError), never written."""
    total = sum(len(v) for v in members.values())
    largest = max(len(v) for v in members.values())
    if total > batas.MAX_ARCHIVE or largest > batas.MAX_MEMBER:
        raise RuntimeError(f"{name}: {total} bytes unpacked, a member {largest}: past formats.batas")


def buat_arsip(unit: UnitRencana, seed: int, tahun: int, level: int = 6) -> HasilArsip:
    """The archive of ``unit``: every satker's tree from its own random source (so the
    order of building does not matter), the faults of the plan planted (a kind a satker
    cannot carry goes to the next satker of the archive) and checked with the rules."""
    p = profil()
    b = Pembangun(p, unit, tahun)
    trees: list[RkaSatker] = []
    old: list[RkaSatker] = []
    contexts: list[ks.Konteks] = []
    for s in unit.satker:
        rng = _rng(seed, unit, s.kode)
        tree = b.satker(s, rng)
        if s.kode in unit.semula:
            old.append(semula(tree, p, b, rng))
        trees.append(tree)
        contexts.append(ks.Konteks(tree, rng))
    planted: list[list[tuple[str, ks.Tempat]]] = [[] for _ in trees]
    # the faults: each satker its own, then those a satker could not carry on the next one
    waiting: list[str] = []
    later: list[list[str]] = [[] for _ in trees]
    pending = [list(s.kesalahan) for s in unit.satker]
    for _round in range(2):
        for i, ctx in enumerate(contexts):
            todo, waiting = pending[i] + waiting, []
            pending[i] = []
            for kind in todo:
                if kind in ks.SETELAH_PENARIKAN:
                    later[i].append(kind)
                    continue
                got = ks.JENIS[kind](ctx)
                if got is None:
                    waiting.append(kind)
                else:
                    planted[i].extend(got)
        if not waiting:
            break
    for i, (tree, ctx) in enumerate(zip(trees, contexts, strict=True)):
        rencana_penarikan(tree)
        for kind in later[i]:
            got = ks.JENIS[kind](ctx)
            if got is None:
                waiting.append(kind)
            else:
                planted[i].extend(got)
    faults: list[ks.Kesalahan] = []
    name = nama_arsip(trees, old or None, bentuk=skema.UNIT)
    for tree, mine in zip(trees, planted, strict=True):
        if not mine:
            continue
        found = ks.jalur(tree, mine)
        ks.periksa(tree, found)
        faults.extend(
            ks.Kesalahan(name, tree.satker.kode, rule, path, ks.severity(rule).value) for rule, path in found
        )
    members = write_adk(trees, old or None, bentuk=skema.UNIT)
    _muat(name, members)
    lines, total = _totals(trees)
    old_lines, old_total = _totals(old)
    return HasilArsip(
        name,
        zip_members(members, level),
        unit.kl,
        unit.unit,
        len(trees),
        lines,
        total,
        len(old),
        old_lines,
        old_total,
        faults,
        waiting,
    )
