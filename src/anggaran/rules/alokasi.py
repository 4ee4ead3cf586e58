"""Money rules of the Bagian A tree and below: every row adds up, every parent is the sum
of its children (PMK 62/2023: jumlah = angka dasar + inisiatif baru; DOMAIN.md rules 1-2)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from anggaran.core.findings import N_, Finding, Severity, SourceRef
from anggaran.core.kode import Level
from anggaran.core.tree import Akun, Alokasi, RkaSatker, children, walk
from anggaran.rules.registry import rule


@dataclass
class _Node:
    level: str  # the level's name in messages
    child_level: str
    path: str
    alokasi: Alokasi
    children: list[Alokasi]
    source: SourceRef | None
    needs_children: bool = False  # money here must come from rows below (satker..KRO)

    @property
    def kode(self) -> str:
        return self.path.split("/")[-1]


#: level -> (name in messages, name of its children)
_NAMES = {
    Level.PROGRAM: ("Program", "kegiatan"),
    Level.KEGIATAN: ("Kegiatan", "KRO"),
    Level.KRO: ("KRO", "RO"),
    Level.RO: ("RO", "komponen"),
    Level.KOMPONEN: ("Komponen", "sub-komponen"),
    Level.SUB_KOMPONEN: ("Sub-komponen", "akun"),
    Level.AKUN: ("Akun", "detail"),
}


def _nodes(tree: RkaSatker) -> Iterator[_Node]:
    """The printed satker total, then every node program .. akun with its children's money
    (an akun's children are its detail lines, header lines left out)."""
    if tree.jumlah_tercetak is not None:
        yield _Node(
            "Satker",
            "program",
            tree.satker.kode,
            tree.jumlah_tercetak,
            [p.alokasi for p in tree.program],
            tree.jumlah_tercetak_source,
            needs_children=True,
        )
    for step in walk(tree, Level.AKUN):
        node = step.node
        if isinstance(node, Akun):
            below = [Alokasi(0, 0, d.jumlah) for d in node.detail if not d.header]
        else:
            below = [c.alokasi for c in children(node)]
        name, child = _NAMES[step.level]
        yield _Node(
            name,
            child,
            step.path,
            node.alokasi,  # type: ignore[union-attr]
            below,
            node.source,
            needs_children=step.level in (Level.PROGRAM, Level.KEGIATAN, Level.KRO),
        )


@rule(
    "ROW_SUM",
    Severity.ERROR,
    N_("Every row: jumlah = angka dasar + inisiatif baru"),
    "PMK 62/2023",
    N_(
        "{level} {kode}: jumlah {jumlah:rp} ≠ angka dasar {angka_dasar:rp} + inisiatif baru "
        "{inisiatif_baru:rp} = {total:rp} (difference {selisih:rp})"
    ),
)
def row_sum(tree: RkaSatker) -> Iterator[Finding]:
    """Every Bagian A row (satker total to RO): jumlah = angka dasar + inisiatif baru, in
    whole rupiah; the finding gives the three amounts and the difference. Levels below RO
    may carry a jumlah alone."""
    for n in _nodes(tree):
        a = n.alokasi
        total = a.angka_dasar + a.inisiatif_baru
        if total == a.jumlah or (not total and n.level not in _BAGIAN_A):
            continue
        yield Finding.of(
            "ROW_SUM",
            n.path,
            n.source,
            level=n.level,
            kode=n.kode,
            jumlah=a.jumlah,
            angka_dasar=a.angka_dasar,
            inisiatif_baru=a.inisiatif_baru,
            total=total,
            selisih=a.jumlah - total,
        )


#: the levels Bagian A prints, whose rows carry the angka dasar / inisiatif baru split
_BAGIAN_A = ("Satker", "Program", "Kegiatan", "KRO", "RO")


@rule(
    "ROLLUP_MISMATCH",
    Severity.ERROR,
    N_("A parent's jumlah = the sum of its children's, at every level"),
    "PMK 62/2023",
    N_(
        "{level} {kode}: printed jumlah {tercetak:rp}, sum of its {anak} {jumlah_anak:rp} "
        "(difference {selisih:rp})"
    ),
)
def rollup(tree: RkaSatker) -> Iterator[Finding]:
    """Every parent's jumlah = the sum of its children's (whole rupiah), from the printed
    satker total down to akun vs detail lines; money on a program, kegiatan or KRO with
    nothing under it is a mismatch too. The finding names both amounts and the
    difference."""
    for n in _nodes(tree):
        if not n.children and not (n.needs_children and n.alokasi.jumlah):
            continue  # a leaf (an RO without Bagian B rows), or an empty parent
        total = sum(c.jumlah for c in n.children)
        if total != n.alokasi.jumlah:
            yield Finding.of(
                "ROLLUP_MISMATCH",
                n.path,
                n.source,
                level=n.level,
                kode=n.kode,
                anak=n.child_level,
                tercetak=n.alokasi.jumlah,
                jumlah_anak=total,
                selisih=n.alokasi.jumlah - total,
            )


@rule(
    "SPLIT_MISMATCH",
    Severity.WARNING,
    N_("A parent's angka dasar / inisiatif baru split differs from its children's (jumlah agrees)"),
    "PMK 62/2023",
    N_(
        "{level} {kode}: angka dasar {angka_dasar:rp} / inisiatif baru {inisiatif_baru:rp}, its {anak} "
        "angka dasar {angka_dasar_anak:rp} / inisiatif baru {inisiatif_baru_anak:rp} (jumlah agrees: "
        "{jumlah:rp})"
    ),
)
def split(tree: RkaSatker) -> Iterator[Finding]:
    """A parent whose angka dasar / inisiatif baru split differs from its children's
    while the jumlah agrees (the real example prints KRO amounts as inisiatif baru and RO
    amounts as angka dasar)."""
    for n in _nodes(tree):
        if not n.children:
            continue
        total = Alokasi.total(n.children)
        if total.jumlah != n.alokasi.jumlah:
            continue  # ROLLUP_MISMATCH reports it
        if total.angka_dasar == 0 and total.inisiatif_baru == 0:
            continue  # children carry jumlah only (Bagian B)
        a = n.alokasi
        if (a.angka_dasar, a.inisiatif_baru) != (total.angka_dasar, total.inisiatif_baru):
            yield Finding.of(
                "SPLIT_MISMATCH",
                n.path,
                n.source,
                level=n.level,
                kode=n.kode,
                anak=n.child_level,
                jumlah=a.jumlah,
                angka_dasar=a.angka_dasar,
                inisiatif_baru=a.inisiatif_baru,
                angka_dasar_anak=total.angka_dasar,
                inisiatif_baru_anak=total.inisiatif_baru,
            )
