"""Indicator numbering: no duplicates, no gaps.

A kegiatan's IKK list may restart at 01 (it lists the IKK of its groups one after the
other, as the real document does); other lists do not. Within a run numbers go up by one.
Lists that do not start at 01
(Sasaran 06, 07, 08; IKP 07.10) are selections from the ministry's numbering: only
duplicates are checked there. The IKP number's first part is its sasaran's number.
"""

from __future__ import annotations

from collections.abc import Iterator

from anggaran.core.findings import Finding, Severity, SourceRef
from anggaran.core.tree import Indikator, RkaSatker, Sasaran
from anggaran.rules.registry import rule


def _numbering(path: str, what: str, items: list[Indikator] | list[Sasaran],
               restarts: bool = False) -> Iterator[Finding]:
    numbered = [(i.kode, i.source) for i in items if i.kode]
    run_from_one = False
    prev: int | None = None
    prev_kode: str | None = None
    seen_in_run: set[int] = set()
    for kode, source in numbered:
        tail = kode.split(".")[-1]
        if not tail.isdigit():
            continue
        n = int(tail)
        if prev is None or (restarts and n == 1):
            run_from_one = n == 1
            seen_in_run = {n}
            prev, prev_kode = n, kode
            continue
        if n in seen_in_run:
            yield _finding("INDIKATOR_DUPLICATE", path, what,
                           f"nomor {kode} tercantum dua kali", f"number {kode} listed twice",
                           source, kode)
        elif n < prev:
            yield _finding("INDIKATOR_DUPLICATE", path, what,
                           f"nomor {kode} sesudah {prev_kode} (urutan mundur)",
                           f"number {kode} after {prev_kode} (out of order)", source, kode)
        elif run_from_one and n > prev + 1:
            missing = ", ".join(f"{m:02d}" for m in range(prev + 1, n))
            yield _finding("INDIKATOR_GAP", path, what,
                           f"nomor melompat dari {prev_kode} ke {kode} (tidak ada {missing})",
                           f"numbering jumps from {prev_kode} to {kode} (no {missing})",
                           source, kode)
        seen_in_run.add(n)
        prev, prev_kode = max(prev, n), kode


def _finding(rule_id: str, path: str, what: str, pesan: str, message: str,
             source: SourceRef | None, kode: str) -> Finding:
    return Finding(rule_id, Severity.WARNING, path, f"{what}: {pesan}",
                   f"{what}: {message}", source, {"kode": kode})


@rule("INDIKATOR_DUPLICATE", Severity.WARNING, "Nomor indikator tidak ganda",
      "Indicator numbers not duplicated", "RKA Satker Bagian A")
def indikator_duplicate(tree: RkaSatker) -> Iterator[Finding]:
    yield from (f for f in _all(tree) if f.rule == "INDIKATOR_DUPLICATE")


@rule("INDIKATOR_GAP", Severity.WARNING, "Nomor indikator tidak melompat",
      "Indicator numbers without gaps", "RKA Satker Bagian A")
def indikator_gap(tree: RkaSatker) -> Iterator[Finding]:
    yield from (f for f in _all(tree) if f.rule == "INDIKATOR_GAP")


def _all(tree: RkaSatker) -> Iterator[Finding]:
    for p in tree.program:
        yield from _numbering(p.kode, f"Sasaran Program {p.kode}", p.sasaran)
        for s in p.sasaran:
            own = [i for i in s.indikator  # an IKP of another sasaran is reported below
                   if not (s.kode and i.kode and "." in i.kode) or i.kode.split(".")[0] == s.kode]
            yield from _numbering(p.kode, f"IKP sasaran {s.kode} program {p.kode}", own)
            for ikp in s.indikator:
                if s.kode and ikp.kode and "." in ikp.kode and ikp.kode.split(".")[0] != s.kode:
                    yield _finding("INDIKATOR_DUPLICATE", p.kode, f"IKP program {p.kode}",
                                   f"nomor {ikp.kode} di bawah sasaran {s.kode}",
                                   f"number {ikp.kode} under sasaran {s.kode}",
                                   ikp.source, ikp.kode)
        for k in p.kegiatan:
            kp = f"{p.kode}/{k.kode}"
            yield from _numbering(kp, f"IKK kegiatan {k.kode}", k.indikator, restarts=True)
            for kro in k.kro:
                yield from _numbering(f"{kp}/{kro.kode}", f"Indikator KRO {kro.kode}",
                                      kro.indikator)
                for ro in kro.ro:
                    yield from _numbering(f"{kp}/{kro.kode}/{ro.kode}",
                                          f"Indikator RO {kro.kode}.{ro.kode}", ro.indikator)
