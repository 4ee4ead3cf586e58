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


def _numbers(items: list[Indikator] | list[Sasaran]) -> list[tuple[str, int, SourceRef | None]]:
    """``(kode, last part as a number, source)`` of the numbered items."""
    out = []
    for i in items:
        if i.kode and i.kode.split(".")[-1].isdigit():
            out.append((i.kode, int(i.kode.split(".")[-1]), i.source))
    return out


def _runs(
    items: list[Indikator] | list[Sasaran], restarts: bool
) -> Iterator[list[tuple[str, int, SourceRef | None]]]:
    """The list cut where it restarts at 01 (IKK lists only)."""
    run: list[tuple[str, int, SourceRef | None]] = []
    for item in _numbers(items):
        if run and restarts and item[1] == 1:
            yield run
            run = []
        run.append(item)
    if run:
        yield run


def _duplicates(
    path: str, what: str, items: list[Indikator] | list[Sasaran], restarts: bool
) -> Iterator[Finding]:
    for run in _runs(items, restarts):
        seen: set[int] = set()
        highest: tuple[str, int] | None = None
        for kode, n, source in run:
            if n in seen:
                yield _finding(
                    "INDIKATOR_DUPLICATE",
                    path,
                    what,
                    f"nomor {kode} tercantum dua kali",
                    f"number {kode} listed twice",
                    source,
                    kode,
                )
            elif highest is not None and n < highest[1]:
                yield _finding(
                    "INDIKATOR_DUPLICATE",
                    path,
                    what,
                    f"nomor {kode} sesudah {highest[0]} (urutan mundur)",
                    f"number {kode} after {highest[0]} (out of order)",
                    source,
                    kode,
                )
            seen.add(n)
            if highest is None or n > highest[1]:
                highest = (kode, n)


def _gaps(path: str, what: str, items: list[Indikator] | list[Sasaran], restarts: bool) -> Iterator[Finding]:
    for run in _runs(items, restarts):
        if run[0][1] != 1:
            continue  # a selection from a longer numbering (Sasaran 06, 07; IKP 07.10)
        prev_kode, prev = run[0][0], run[0][1]
        for kode, n, source in run[1:]:
            if n > prev + 1:
                missing = ", ".join(f"{m:02d}" for m in range(prev + 1, n))
                yield _finding(
                    "INDIKATOR_GAP",
                    path,
                    what,
                    f"nomor melompat dari {prev_kode} ke {kode} (tidak ada {missing})",
                    f"numbering jumps from {prev_kode} to {kode} (no {missing})",
                    source,
                    kode,
                )
            if n > prev:
                prev_kode, prev = kode, n


def _finding(
    rule_id: str, path: str, what: str, pesan: str, message: str, source: SourceRef | None, kode: str
) -> Finding:
    return Finding(
        rule_id, Severity.WARNING, path, f"{what}: {pesan}", f"{what}: {message}", source, {"kode": kode}
    )


def _lists(tree: RkaSatker) -> Iterator[tuple[str, str, list[Indikator] | list[Sasaran], bool]]:
    """Every numbered list: ``(path, what, items, restarts)``."""
    for p in tree.program:
        yield p.kode, f"Sasaran Program {p.kode}", p.sasaran, False
        for s in p.sasaran:
            own = [
                i
                for i in s.indikator  # an IKP of another sasaran: IKP_SASARAN
                if not (s.kode and i.kode and "." in i.kode) or i.kode.split(".")[0] == s.kode
            ]
            yield p.kode, f"IKP sasaran {s.kode} program {p.kode}", own, False
        for k in p.kegiatan:
            kp = f"{p.kode}/{k.kode}"
            yield kp, f"IKK kegiatan {k.kode}", k.indikator, True
            for kro in k.kro:
                yield f"{kp}/{kro.kode}", f"Indikator KRO {kro.kode}", kro.indikator, False
                for ro in kro.ro:
                    yield (
                        f"{kp}/{kro.kode}/{ro.kode}",
                        f"Indikator RO {kro.kode}.{ro.kode}",
                        ro.indikator,
                        False,
                    )


@rule(
    "INDIKATOR_DUPLICATE",
    Severity.WARNING,
    "Nomor indikator tidak ganda dan tidak mundur",
    "Indicator numbers neither repeated nor out of order",
    "RKA Satker Bagian A",
)
def indikator_duplicate(tree: RkaSatker) -> Iterator[Finding]:
    """A number listed twice, or lower than one before it, in any indicator list."""
    for path, what, items, restarts in _lists(tree):
        yield from _duplicates(path, what, items, restarts)


@rule(
    "INDIKATOR_GAP",
    Severity.WARNING,
    "Nomor indikator tidak melompat",
    "Indicator numbers without gaps",
    "RKA Satker Bagian A",
)
def indikator_gap(tree: RkaSatker) -> Iterator[Finding]:
    """A number skipped in a list that starts at 01 (6231.EBD lists 01 and 03)."""
    for path, what, items, restarts in _lists(tree):
        yield from _gaps(path, what, items, restarts)


@rule(
    "IKP_SASARAN",
    Severity.WARNING,
    "Nomor IKP diawali nomor sasarannya",
    "An IKP number starts with its sasaran's number",
    "RKA Satker Bagian A",
)
def ikp_sasaran(tree: RkaSatker) -> Iterator[Finding]:
    """IKP ``07.01`` listed under sasaran ``06``."""
    for p in tree.program:
        for s in p.sasaran:
            for ikp in s.indikator:
                if s.kode and ikp.kode and "." in ikp.kode and ikp.kode.split(".")[0] != s.kode:
                    yield Finding(
                        "IKP_SASARAN",
                        Severity.WARNING,
                        p.kode,
                        f"IKP program {p.kode}: nomor {ikp.kode} di bawah sasaran {s.kode}",
                        f"IKP program {p.kode}: number {ikp.kode} under sasaran {s.kode}",
                        ikp.source,
                        {"kode": ikp.kode},
                    )
