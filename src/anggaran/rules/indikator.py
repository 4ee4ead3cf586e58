"""Indicator numbering: no duplicates, no gaps.

A kegiatan's IKK list may restart at 01 (it lists the IKK of its groups one after the
other, as the real document does); other lists do not. Within a run numbers go up by one.
Lists that do not start at 01
(Sasaran 06, 07, 08; IKP 07.10) are selections from the ministry's numbering: only
duplicates are checked there. The IKP number's first part is its sasaran's number.
"""

from __future__ import annotations

from collections.abc import Iterator

from anggaran.core.findings import N_, Finding, Severity, SourceRef
from anggaran.core.kode import Level
from anggaran.core.tree import KRO, RO, Indikator, Kegiatan, Program, RkaSatker, Sasaran, walk
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
                yield Finding.of("INDIKATOR_DUPLICATE", path, source, daftar=what, kode=kode)
            elif highest is not None and n < highest[1]:
                yield Finding.of(
                    "INDIKATOR_DUPLICATE",
                    path,
                    source,
                    variant="mundur",
                    daftar=what,
                    kode=kode,
                    sebelum=highest[0],
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
                missing = [f"{m:02d}" for m in range(prev + 1, n)]
                yield Finding.of(
                    "INDIKATOR_GAP", path, source, daftar=what, kode=kode, dari=prev_kode, hilang=missing
                )
            if n > prev:
                prev_kode, prev = kode, n


def _lists(tree: RkaSatker) -> Iterator[tuple[str, str, list[Indikator] | list[Sasaran], bool]]:
    """Every numbered list: ``(path, what, items, restarts)``; ``what`` names the list in
    the document's terms (``Indikator KRO 5252.BDC``)."""
    for step in walk(tree, Level.RO):
        node = step.node
        if isinstance(node, Program):
            yield step.path, f"Sasaran Program {node.kode}", node.sasaran, False
            for s in node.sasaran:
                own = [  # an IKP of another sasaran: IKP_SASARAN
                    i
                    for i in s.indikator
                    if not (s.kode and i.kode and "." in i.kode) or i.kode.split(".")[0] == s.kode
                ]
                yield step.path, f"IKP sasaran {s.kode} program {node.kode}", own, False
        elif isinstance(node, Kegiatan):
            yield step.path, f"IKK kegiatan {node.kode}", node.indikator, True
        elif isinstance(node, KRO):
            yield step.path, f"Indikator KRO {node.kode}", node.indikator, False
        elif isinstance(node, RO):
            kro = step.parent
            assert isinstance(kro, KRO)
            yield step.path, f"Indikator RO {kro.kode}.{node.kode}", node.indikator, False


@rule(
    "INDIKATOR_DUPLICATE",
    Severity.WARNING,
    N_("Indicator numbers neither repeated nor out of order"),
    "RKA Satker Bagian A",
    N_("{daftar}: number {kode} listed twice"),
    {"mundur": N_("{daftar}: number {kode} after {sebelum} (out of order)")},
)
def indikator_duplicate(tree: RkaSatker) -> Iterator[Finding]:
    """A number listed twice, or lower than one before it, in any indicator list."""
    for path, what, items, restarts in _lists(tree):
        yield from _duplicates(path, what, items, restarts)


@rule(
    "INDIKATOR_GAP",
    Severity.WARNING,
    N_("Indicator numbers without gaps"),
    "RKA Satker Bagian A",
    N_("{daftar}: numbering jumps from {dari} to {kode} (no {hilang:list})"),
)
def indikator_gap(tree: RkaSatker) -> Iterator[Finding]:
    """A number skipped in a list that starts at 01 (6231.EBD lists 01 and 03)."""
    for path, what, items, restarts in _lists(tree):
        yield from _gaps(path, what, items, restarts)


@rule(
    "IKP_SASARAN",
    Severity.WARNING,
    N_("An IKP number starts with its sasaran's number"),
    "RKA Satker Bagian A",
    N_("IKP program {program}: number {kode} under sasaran {sasaran}"),
)
def ikp_sasaran(tree: RkaSatker) -> Iterator[Finding]:
    """IKP ``07.01`` listed under sasaran ``06``."""
    for p in tree.program:
        for s in p.sasaran:
            for ikp in s.indikator:
                if s.kode and ikp.kode and "." in ikp.kode and ikp.kode.split(".")[0] != s.kode:
                    yield Finding.of(
                        "IKP_SASARAN", p.kode, ikp.source, program=p.kode, kode=ikp.kode, sasaran=s.kode
                    )
