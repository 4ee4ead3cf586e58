"""Compare two versions of a satker's tree (semula -> menjadi): every level from program to
detail line, matched by code (detail lines by their uraian within their akun), with the
amount before, after and the difference. Pure: the matrix reports print it.

Sources: the Matriks Semula-Menjadi of a budget revision (PMK 62/2023 on revisions).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from anggaran.core.money import Rupiah
from anggaran.core.tree import KRO, LEVELS, Akun, Detail, RkaSatker, children, segment

#: the levels of a comparison row, top-down
TINGKAT = tuple(level.value for level in LEVELS)


@dataclass(frozen=True, slots=True)
class BarisBanding:
    """One compared node. ``semula``/``menjadi`` are None where the node is absent on that
    side (added or removed); amounts in whole rupiah. ``path`` is the printed codes from
    the program down (two akun differing only in KPPN or sumber dana share a path; their
    rows stay apart)."""

    tingkat: str
    kode: str
    uraian: str
    semula: Rupiah | None
    menjadi: Rupiah | None
    path: tuple[str, ...] = ()

    @property
    def selisih(self) -> Rupiah:
        """menjadi - semula (absent counts as 0)."""
        return (self.menjadi or 0) - (self.semula or 0)

    @property
    def status(self) -> str:
        """``baru`` (added), ``dihapus`` (removed), ``berubah`` (amount changed) or ``tetap``."""
        if self.semula is None:
            return "baru"
        if self.menjadi is None:
            return "dihapus"
        return "berubah" if self.selisih else "tetap"


def _key(node: Any) -> str:
    """What matches a node with its counterpart on the other side: its code; a KRO's with
    its lokasi; an akun's with its KPPN and sumber dana; a detail line's uraian (spaces
    and case ignored)."""
    if isinstance(node, KRO):
        return f"{node.kode}@{node.lokasi or ''}"
    if isinstance(node, Akun):
        return f"{node.kode}@{node.kppn or ''}@{node.sumber_dana or ''}"
    if isinstance(node, Detail):
        return " ".join(node.uraian.split()).casefold()
    return str(node.kode)


def _children(node: Any) -> list[tuple[str, Any]]:
    """(key, child) pairs of ``node`` one level down; a detail group's header lines are
    not compared (they carry no money)."""
    return [(_key(c), c) for c in children(node) if not (isinstance(c, Detail) and c.header)]


def _amount(node: Any) -> Rupiah:
    if isinstance(node, Detail):
        return node.jumlah
    value: Rupiah = node.alokasi.jumlah
    return value


def _label(node: Any) -> tuple[str, str]:
    if isinstance(node, Detail):
        return node.kode or "", node.uraian
    return segment(node), node.nama


def _numbered(pairs: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """Keys made unique by occurrence (a code or uraian printed twice is two nodes)."""
    seen: dict[str, int] = {}
    out = []
    for k, node in pairs:
        n = seen.get(k, 0)
        seen[k] = n + 1
        out.append((f"{k}#{n}" if n else k, node))
    return out


def _merge(a: list[tuple[str, Any]], b: list[tuple[str, Any]]) -> list[tuple[str, Any, Any]]:
    """Keys of both sides in order: those of ``b`` (menjadi) in its order, with keys only
    in ``a`` placed after the key that preceded them in ``a``."""
    a, b = _numbered(a), _numbered(b)
    bmap = dict(b)
    amap = dict(a)
    order = [k for k, _ in b]
    pos = {k: i for i, k in enumerate(order)}
    last = -1
    result_keys = list(order)
    for k, _ in a:
        if k in pos:
            last = result_keys.index(k)
            continue
        result_keys.insert(last + 1, k)
        last += 1
    return [(k, amap.get(k), bmap.get(k)) for k in result_keys]


def banding(
    semula: RkaSatker | None, menjadi: RkaSatker | None, detail: bool = True
) -> Iterator[BarisBanding]:
    """Every node of either tree in document order (menjadi's, removed nodes where they
    stood), program down to akun, and detail lines when ``detail`` (each line matched by
    its uraian within its akun; a changed uraian shows as one line removed, one added)."""
    a = [(p.kode, p) for p in semula.program] if semula else []
    b = [(p.kode, p) for p in menjadi.program] if menjadi else []
    yield from _walk(a, b, 0, (), detail)


def _walk(
    a: list[tuple[str, Any]], b: list[tuple[str, Any]], depth: int, path: tuple[str, ...], detail: bool
) -> Iterator[BarisBanding]:
    tingkat = TINGKAT[depth]
    if tingkat == "detail" and not detail:
        return
    for _key, old, new in _merge(a, b):
        node = new if new is not None else old
        kode, uraian = _label(node)
        here = (*path, kode)
        yield BarisBanding(
            tingkat,
            kode,
            uraian,
            None if old is None else _amount(old),
            None if new is None else _amount(new),
            here,
        )
        if depth + 1 < len(TINGKAT):
            yield from _walk(
                _children(old) if old is not None else [],
                _children(new) if new is not None else [],
                depth + 1,
                here,
                detail,
            )


def per_jenis_belanja(
    semula: Iterable[RkaSatker | None], menjadi: Iterable[RkaSatker | None]
) -> dict[str, tuple[Rupiah, Rupiah]]:
    """jenis belanja -> (semula, menjadi) summed over the trees of each side (None for a
    satker absent from that side), in code order."""
    out: dict[str, tuple[Rupiah, Rupiah]] = {}
    for side, trees in ((0, semula), (1, menjadi)):
        for tree in trees:
            for kode, value in (tree.per_jenis_belanja() if tree else {}).items():
                pair = out.get(kode, (0, 0))
                out[kode] = (pair[0] + value, pair[1]) if side == 0 else (pair[0], pair[1] + value)
    return dict(sorted(out.items()))
