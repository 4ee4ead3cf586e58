"""Money rules of the Bagian A tree and below: every row adds up, every parent is the sum
of its children (PMK 62/2023: jumlah = angka dasar + inisiatif baru; DOMAIN.md rules 1-2)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from anggaran.core.findings import Finding, Severity, SourceRef
from anggaran.core.money import format_rupiah as rp
from anggaran.core.tree import Alokasi, RkaSatker
from anggaran.rules.registry import rule


@dataclass
class _Node:
    level: str  # Indonesian level name used in messages
    child_level: str
    path: str
    alokasi: Alokasi
    children: list[Alokasi]
    source: SourceRef | None
    bagian_a: bool = True  # carries the angka dasar / inisiatif baru split
    needs_children: bool = False  # money here must come from rows below (satker..KRO)


def _nodes(tree: RkaSatker) -> Iterator[_Node]:
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
    for p in tree.program:
        yield _Node(
            "Program",
            "kegiatan",
            p.kode,
            p.alokasi,
            [k.alokasi for k in p.kegiatan],
            p.source,
            needs_children=True,
        )
        for k in p.kegiatan:
            kp = f"{p.kode}/{k.kode}"
            yield _Node(
                "Kegiatan", "KRO", kp, k.alokasi, [x.alokasi for x in k.kro], k.source, needs_children=True
            )
            for kro in k.kro:
                krop = f"{kp}/{kro.kode}"
                yield _Node(
                    "KRO",
                    "RO",
                    krop,
                    kro.alokasi,
                    [r.alokasi for r in kro.ro],
                    kro.source,
                    needs_children=True,
                )
                for ro in kro.ro:
                    rop = f"{krop}/{ro.kode}"
                    yield _Node(
                        "RO", "komponen", rop, ro.alokasi, [c.alokasi for c in ro.komponen], ro.source
                    )
                    for c in ro.komponen:
                        cp = f"{rop}/{c.kode}"
                        yield _Node(
                            "Komponen",
                            "sub-komponen",
                            cp,
                            c.alokasi,
                            [s.alokasi for s in c.sub_komponen],
                            c.source,
                            False,
                        )
                        for s in c.sub_komponen:
                            sp = f"{cp}/{s.kode.strip()}"
                            yield _Node(
                                "Sub-komponen",
                                "akun",
                                sp,
                                s.alokasi,
                                [a.alokasi for a in s.akun],
                                s.source,
                                False,
                            )
                            for a in s.akun:
                                details = [Alokasi(0, 0, d.jumlah) for d in a.detail if not d.header]
                                yield _Node(
                                    "Akun", "detail", f"{sp}/{a.kode}", a.alokasi, details, a.source, False
                                )


@rule(
    "ROW_SUM",
    Severity.ERROR,
    "Jumlah setiap baris = angka dasar + inisiatif baru",
    "Every row: jumlah = angka dasar + inisiatif baru",
    "PMK 62/2023",
)
def row_sum(tree: RkaSatker) -> Iterator[Finding]:
    """Every Bagian A row (satker total to RO): jumlah = angka dasar + inisiatif baru, in
    whole rupiah; the finding gives the three amounts and the difference."""
    for n in _nodes(tree):
        a = n.alokasi
        if not n.bagian_a and a.angka_dasar == 0 and a.inisiatif_baru == 0:
            continue  # levels below RO may carry jumlah only
        if a.angka_dasar + a.inisiatif_baru != a.jumlah:
            total = a.angka_dasar + a.inisiatif_baru
            diff = a.jumlah - total
            yield Finding(
                "ROW_SUM",
                Severity.ERROR,
                n.path,
                f"{n.level} {n.path.split('/')[-1]}: jumlah Rp {rp(a.jumlah)} ≠ angka dasar "
                f"Rp {rp(a.angka_dasar)} + inisiatif baru Rp {rp(a.inisiatif_baru)} = "
                f"Rp {rp(total)} (selisih Rp {rp(diff)})",
                f"{n.level} {n.path.split('/')[-1]}: jumlah Rp {rp(a.jumlah)} ≠ angka dasar "
                f"Rp {rp(a.angka_dasar)} + inisiatif baru Rp {rp(a.inisiatif_baru)} = "
                f"Rp {rp(total)} (difference Rp {rp(diff)})",
                n.source,
                {
                    "jumlah": a.jumlah,
                    "angka_dasar": a.angka_dasar,
                    "inisiatif_baru": a.inisiatif_baru,
                    "selisih": diff,
                },
            )


@rule(
    "ROLLUP_MISMATCH",
    Severity.ERROR,
    "Jumlah induk = jumlah anak-anaknya, di setiap tingkat",
    "A parent's jumlah = the sum of its children's, at every level",
    "PMK 62/2023",
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
            diff = n.alokasi.jumlah - total
            kode = n.path.split("/")[-1]
            yield Finding(
                "ROLLUP_MISMATCH",
                Severity.ERROR,
                n.path,
                f"{n.level} {kode}: jumlah tercetak Rp {rp(n.alokasi.jumlah)}, jumlah "
                f"{n.child_level}-nya Rp {rp(total)} (selisih Rp {rp(diff)})",
                f"{n.level} {kode}: printed jumlah Rp {rp(n.alokasi.jumlah)}, sum of its "
                f"{n.child_level} Rp {rp(total)} (difference Rp {rp(diff)})",
                n.source,
                {"tercetak": n.alokasi.jumlah, "jumlah_anak": total, "selisih": diff},
            )


@rule(
    "SPLIT_MISMATCH",
    Severity.WARNING,
    "Pembagian angka dasar/inisiatif baru induk berbeda dari anak-anaknya (jumlah sama)",
    "A parent's angka dasar / inisiatif baru split differs from its children's (jumlah agrees)",
    "PMK 62/2023",
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
            kode = n.path.split("/")[-1]
            yield Finding(
                "SPLIT_MISMATCH",
                Severity.WARNING,
                n.path,
                f"{n.level} {kode}: angka dasar Rp {rp(a.angka_dasar)} / inisiatif baru "
                f"Rp {rp(a.inisiatif_baru)}, sedangkan {n.child_level}-nya angka dasar "
                f"Rp {rp(total.angka_dasar)} / inisiatif baru Rp {rp(total.inisiatif_baru)} "
                f"(jumlah sama: Rp {rp(a.jumlah)})",
                f"{n.level} {kode}: angka dasar Rp {rp(a.angka_dasar)} / inisiatif baru "
                f"Rp {rp(a.inisiatif_baru)}, its {n.child_level} angka dasar "
                f"Rp {rp(total.angka_dasar)} / inisiatif baru Rp {rp(total.inisiatif_baru)} "
                f"(jumlah agrees: Rp {rp(a.jumlah)})",
                n.source,
                {
                    "angka_dasar": a.angka_dasar,
                    "inisiatif_baru": a.inisiatif_baru,
                    "angka_dasar_anak": total.angka_dasar,
                    "inisiatif_baru_anak": total.inisiatif_baru,
                },
            )
