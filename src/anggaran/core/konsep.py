"""Editing a draft (konsep): the pure operations on one satker's tree.

A draft is a tree a user changes; a stored version never changes. Every operation here
takes a tree and changes it in place, then :func:`hitung_ulang` derives what is derived:

* a detail line's volume is the product of its factors (when it has factors) and its
  jumlah is volume x harga satuan rounded as SAKTI rounds (:func:`jumlah_sakti`, DOMAIN rule 6),
  computed when the line's volume or harga satuan change (a line brought in from SAKTI keeps
  the jumlah SAKTI gave it until then: SAKTI itself rounds two payroll allowances up);
* every parent's alokasi is the sum of its children's, and an akun's blokir the sum of its
  lines'; an RO without komponen (a Bagian A-only plan) keeps its amounts as entered.

Nodes are addressed by their code path as :func:`anggaran.core.tree.walk` gives it
(``015.08.WA/4719/4719.EBA/994/001/CB/511621/1``). An operation that cannot be done raises
:class:`EditError` with a message id and its figures, which the faces translate.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from anggaran.core import kode as kd
from anggaran.core.findings import N_
from anggaran.core.kode import Level
from anggaran.core.money import Rupiah, jumlah_sakti
from anggaran.core.tree import (
    BULAN,
    KRO,
    RO,
    Akun,
    Alokasi,
    Detail,
    Kegiatan,
    Komponen,
    Node,
    Program,
    RkaSatker,
    Step,
    SubKomponen,
    children,
    hitung_alokasi,
    level_of,
    walk,
)

#: each level's node type and the attribute of its parent's list that holds it
_TYPE: dict[Level, type] = {
    Level.PROGRAM: Program,
    Level.KEGIATAN: Kegiatan,
    Level.KRO: KRO,
    Level.RO: RO,
    Level.KOMPONEN: Komponen,
    Level.SUB_KOMPONEN: SubKomponen,
    Level.AKUN: Akun,
    Level.DETAIL: Detail,
}
_LIST: dict[Level, str] = {
    Level.PROGRAM: "program",
    Level.KEGIATAN: "kegiatan",
    Level.KRO: "kro",
    Level.RO: "ro",
    Level.KOMPONEN: "komponen",
    Level.SUB_KOMPONEN: "sub_komponen",
    Level.AKUN: "akun",
    Level.DETAIL: "detail",
}
#: the greatest number of volume factors of a detail line (SAKTI's vol1..vol4)
MAKS_FAKTOR = 4
#: the greatest rupiah amount a field takes (the store's 64-bit columns, with room for sums)
MAKS_RUPIAH = 10**15


class EditError(Exception):
    """An edit that cannot be done: ``message`` is a message id (``N_``), ``args`` its
    figures, ``path`` the node concerned."""

    def __init__(self, message: str, where: str = "", **args: Any) -> None:
        super().__init__(message)
        self.message = message
        self.path = where
        self.args_ = args


# -- finding nodes -----------------------------------------------------------------------


@dataclass(frozen=True)
class Tempat:
    """A node found by its path: the node, its level, its parent (None for a program) and
    the list of the parent that holds it."""

    node: Node
    level: Level
    parent: Node | RkaSatker
    siblings: list[Any]


def langkah(tree: RkaSatker, bottom: Level = Level.DETAIL) -> Iterator[Step]:
    """:func:`walk` with paths that name one node each: a row whose code a sibling before
    it has already (two akun of one code told apart by KPPN or sumber dana) gets ``~2``,
    ``~3`` after its segment (``.../JA/521211~2``). Without such siblings the paths are
    :func:`walk`'s."""
    unique: dict[int, str] = {}
    seen: dict[tuple[int, str], int] = {}
    for step in walk(tree, bottom):
        parent_path = unique.get(id(step.parent), "") if step.parent is not None else ""
        seg = step.path.rsplit("/", 1)[-1]
        n = seen[(id(step.parent), seg)] = seen.get((id(step.parent), seg), 0) + 1
        if n > 1:
            seg = f"{seg}~{n}"
        path = f"{parent_path}/{seg}" if parent_path else seg
        unique[id(step.node)] = path
        yield Step(step.level, path, step.node, step.parent, step.ancestors)


def jalur_temuan(path: str) -> str:
    """The path the rules give a row whose editor path is ``path`` (``~n`` dropped)."""
    return "/".join(seg.split("~", 1)[0] for seg in path.split("/"))


def cari(tree: RkaSatker, path: str) -> Tempat:
    """The node at ``path`` (:func:`langkah`'s); EditError when there is none."""
    for step in langkah(tree):
        if step.path == path:
            parent: Node | RkaSatker = step.parent if step.parent is not None else tree
            return Tempat(step.node, step.level, parent, getattr(parent, _LIST[step.level]))
    raise EditError(N_("there is no row {path} in this draft"), path, path=path)


def _root_or(tree: RkaSatker, path: str) -> tuple[Node | RkaSatker, Level]:
    """The node at ``path`` and the level of its children; the tree itself (programs)
    for the empty path."""
    if not path:
        return tree, Level.PROGRAM
    t = cari(tree, path)
    if t.level is Level.DETAIL:
        raise EditError(N_("a detail line has no rows under it"), path)
    return t.node, kd.Level(tuple(Level)[tuple(Level).index(t.level) + 1])


# -- deriving ----------------------------------------------------------------------------


def hitung_detail(d: Detail) -> None:
    """Derive a line's volume from its factors and its jumlah from volume x harga satuan
    (SAKTI's rounding); a header line carries no money."""
    if d.faktor:
        v = d.volume_faktor()
        assert v is not None
        d.volume = v
        if not d.satuan:  # SAKTI's combined unit (satkeg, ``OK``) is the user's; a new line's is its factors'
            d.satuan = " ".join(s for _, s in d.faktor if s).strip()
    if d.header:
        d.jumlah = 0
        return
    d.jumlah = jumlah_sakti(d.volume, d.harga_satuan)


def hitung_ulang(tree: RkaSatker) -> None:
    """Derive what is derived above the lines, in place: DIPA page III from the lines'
    monthly plans, then every level's alokasi bottom-up (:func:`hitung_alokasi`: an RO
    without komponen keeps the amounts entered for it)."""
    if tree.rencana_penarikan or tree.rencana_penarikan_ada:
        hitung_rencana_penarikan(tree)
    hitung_alokasi(tree)


def hitung_jalur(tree: RkaSatker, akun_path: str) -> None:
    """:func:`hitung_ulang` after a change of one akun's lines only (their values): the
    akun and the rows above it, and the withdrawal plan's row of its group, the rest as it
    was. The same result as :func:`hitung_ulang` (a test holds it), in a fraction of the
    time on a large plan."""
    from anggaran.core.tree import RencanaPenarikan, alokasi_detail

    step = next((s for s in langkah(tree, Level.AKUN) if s.path == akun_path), None)
    if step is None or not isinstance(step.node, Akun):
        hitung_ulang(tree)
        return
    akun = step.node
    akun.alokasi = Alokasi.total([alokasi_detail(d) for d in akun.detail if not d.header])
    akun.blokir = sum(d.blokir for d in akun.detail)
    for node in reversed(step.ancestors):
        if isinstance(node, RO) and not node.komponen:
            continue
        node.alokasi = Alokasi.total([c.alokasi for c in children(node)])  # type: ignore[union-attr]
    if not (tree.rencana_penarikan or tree.rencana_penarikan_ada):
        return
    program, kegiatan = step.ancestors[0], step.ancestors[1]
    key = (str(program.kode), str(kegiatan.kode), akun.kode[:2])
    row = [0] * 13
    planned = False
    assert isinstance(kegiatan, Kegiatan)
    for kro in kegiatan.kro:
        for ro in kro.ro:
            for komp in ro.komponen:
                for sub in komp.sub_komponen:
                    for a in sub.akun:
                        if a.kode[:2] != key[2]:
                            continue
                        for d in a.detail:
                            if d.header:
                                continue
                            row[0] += d.jumlah
                            if d.rencana_bulanan:
                                planned = True
                                for i, v in enumerate(d.rencana_bulanan[:12]):
                                    row[i + 1] += v
    rows = [
        r
        for r in tree.rencana_penarikan
        if r.kdtrktrm == "1" and (r.program, r.kegiatan, r.jenis_belanja) == key
    ]
    if rows:
        rows[0].pagu, rows[0].bulanan = row[0], (row[1:] if planned else [])
        if not row[0]:
            tree.rencana_penarikan.remove(rows[0])
    elif row[0]:
        tree.rencana_penarikan.append(RencanaPenarikan(*key, row[0], row[1:] if planned else []))


def hitung_rencana_penarikan(tree: RkaSatker) -> None:
    """Derive the withdrawal plan (DIPA page III: per program, kegiatan and jenis belanja,
    the pagu and its 12 months) from the detail lines, in place: each spending row's pagu
    is its lines' jumlah and each month their plans' sum (DOMAIN rule 7); a group without
    lines loses its row, a new group gets one at the end; other rows (revenue) stay."""
    from anggaran.core.tree import RencanaPenarikan

    sums: dict[tuple[str, str, str], list[int]] = {}
    planned: set[tuple[str, str, str]] = set()
    for step in walk(tree):
        d = step.node
        if not isinstance(d, Detail) or d.header:
            continue
        program, kegiatan, *_ = step.ancestors
        akun = step.parent
        assert isinstance(akun, Akun)
        key = (str(program.kode), str(kegiatan.kode), akun.kode[:2])
        row = sums.setdefault(key, [0] * 13)
        row[0] += d.jumlah
        if d.rencana_bulanan:
            planned.add(key)
            for i, v in enumerate(d.rencana_bulanan[:12]):
                row[i + 1] += v
    out = []
    seen = set()
    for r in tree.rencana_penarikan:
        if r.kdtrktrm != "1":
            out.append(r)
            continue
        key = (r.program, r.kegiatan, r.jenis_belanja)
        if key not in sums or key in seen:
            continue
        seen.add(key)
        s = sums[key]
        r.pagu, r.bulanan = s[0], (s[1:] if key in planned else [])
        out.append(r)
    for key, s in sums.items():
        if key not in seen:
            out.append(RencanaPenarikan(*key, s[0], s[1:] if key in planned else []))
    tree.rencana_penarikan = out


# -- changing ----------------------------------------------------------------------------

#: the fields of a detail line a user may set
DETAIL_FIELDS = (
    "uraian",
    "faktor",
    "harga_satuan",
    "sumber_dana",
    "blokir",
    "rencana_bulanan",
    "tingkat",
    "kdib",
)


def _rupiah(value: Any, name: str, path: str) -> Rupiah:
    if isinstance(value, bool) or not isinstance(value, int):
        raise EditError(N_("{field} must be a whole number of rupiah"), path, field=name)
    if not 0 <= value <= MAKS_RUPIAH:
        raise EditError(N_("{field} must be between 0 and {maks}"), path, field=name, maks=f"{MAKS_RUPIAH:,}")
    return int(value)


def _faktor(value: Any, path: str) -> list[tuple[Decimal, str]]:
    out: list[tuple[Decimal, str]] = []
    for item in value:
        v, s = item
        try:
            d = Decimal(str(v))
            bad = not d.is_finite() or d < 0 or d > 10**12 or d.as_tuple().exponent < -6  # type: ignore[operator]
        except ArithmeticError:
            raise EditError(N_("a volume must be a number, not {value!r}"), path, value=str(v)[:40]) from None
        if bad:
            raise EditError(N_("a volume must be a number, not {value!r}"), path, value=str(v)[:40])
        out.append((d, str(s or "").strip()[:20]))
    if len(out) > MAKS_FAKTOR:
        raise EditError(N_("a detail line has at most {n} volume factors"), path, n=MAKS_FAKTOR)
    return out


def ubah_detail(tree: RkaSatker, path: str, **values: Any) -> Detail:
    """Set fields of the detail line at ``path`` (:data:`DETAIL_FIELDS`; ``faktor`` as
    ``[(volume, satuan), ...]``, ``rencana_bulanan`` 12 amounts or empty), derive its volume
    and jumlah and the totals above it. Returns the line."""
    t = cari(tree, path)
    if not isinstance(t.node, Detail):
        raise EditError(N_("{path} is not a detail line"), path, path=path)
    d = t.node
    for name, value in values.items():
        if name not in DETAIL_FIELDS:
            raise EditError(N_("a detail line has no field {field}"), path, field=name)
        if name == "uraian":
            text = str(value).strip()
            if not text:
                raise EditError(N_("a detail line needs its uraian"), path)
            d.uraian = text[:500]
        elif name == "faktor":
            d.faktor = _faktor(value, path)
            if not d.faktor:
                d.volume, d.satuan = Decimal(0), ""
        elif name == "harga_satuan":
            d.harga_satuan = _rupiah(value, "harga_satuan", path)
        elif name == "blokir":
            d.blokir = _rupiah(value, "blokir", path)
        elif name == "sumber_dana":
            d.sumber_dana = str(value).strip() or None if value is not None else None
        elif name == "rencana_bulanan":
            months = list(value or [])
            if months and len(months) != len(BULAN):
                raise EditError(N_("a monthly plan has 12 amounts, not {n}"), path, n=len(months))
            d.rencana_bulanan = [_rupiah(m, "rencana_bulanan", path) for m in months]
        elif name == "tingkat":
            if value not in (0, 1, 2):
                raise EditError(N_("{field} must be between 0 and {maks}"), path, field="tingkat", maks=2)
            d.tingkat = int(value)
        elif name == "kdib":
            d.kdib = str(value) if value else None
    if {"faktor", "harga_satuan", "tingkat"} & values.keys():
        hitung_detail(d)
    hitung_jalur(tree, path.rsplit("/", 1)[0])
    return d


def _next_item(akun: Akun) -> str:
    numbers = [int(d.kode) for d in akun.detail if d.kode and d.kode.strip().isdigit()]
    return str(max(numbers, default=0) + 1)


def tambah_detail(tree: RkaSatker, akun_path: str, setelah: str | None = None, **values: Any) -> str:
    """Add a detail line to the akun at ``akun_path`` (after the line ``setelah``, else at
    the end) with the next item number; returns its path."""
    t = cari(tree, akun_path)
    if not isinstance(t.node, Akun):
        raise EditError(N_("{path} is not an akun"), akun_path, path=akun_path)
    akun = t.node
    d = Detail(
        uraian="-",
        volume=Decimal(1),
        satuan="",
        harga_satuan=0,
        jumlah=0,
        faktor=[(Decimal(1), "")],
        sumber_dana=akun.sumber_dana,
        kode=_next_item(akun),
        kdib="00",
    )
    at = len(akun.detail)
    if setelah:
        after = cari(tree, setelah)
        if after.node not in akun.detail:
            raise EditError(N_("there is no row {path} in this draft"), setelah, path=setelah)
        at = next(i for i, x in enumerate(akun.detail) if x is after.node) + 1
    akun.detail.insert(at, d)
    path = f"{akun_path}/{d.kode}"
    if values:
        ubah_detail(tree, path, **values)
    else:
        hitung_detail(d)
        hitung_ulang(tree)
    return path


def _make(level: Level, kode: str, nama: str) -> Node:
    node: Node = _TYPE[level](kode=kode, nama=nama)
    return node


def tambah(tree: RkaSatker, parent_path: str, kode: str, nama: str = "") -> str:
    """Add a program, kegiatan, KRO, RO, komponen, sub-komponen or akun under
    ``parent_path`` (``""`` for a program), in code order; its code must be valid for its
    level and new among its siblings. Returns its path."""
    parent, level = _root_or(tree, parent_path)
    if level is Level.DETAIL:
        return tambah_detail(tree, parent_path)
    kode = kode.strip() if level is not Level.SUB_KOMPONEN else kode.strip().rjust(2)
    if not _valid(level, kode):
        raise EditError(N_("{kode!r} is not a {level} code"), parent_path, kode=kode, level=level.nama)
    siblings: list[Any] = getattr(parent, _LIST[level])
    if any(s.kode == kode for s in siblings):
        raise EditError(
            N_("{level} {kode} is there already"), parent_path, kode=kode.strip(), level=level.nama
        )
    node = _make(level, kode, nama.strip())
    at = next((i for i, s in enumerate(siblings) if kd.sort_key(s.kode) > kd.sort_key(kode)), len(siblings))
    siblings.insert(at, node)
    hitung_ulang(tree)
    return f"{parent_path}/{kode.strip()}" if parent_path else kode


def _valid(level: Level, kode: str) -> bool:
    if level is Level.KOMPONEN:
        return len(kode) == 3 and kode.isascii() and kode.isdigit()
    if level is Level.SUB_KOMPONEN:
        return 1 <= len(kode.strip()) <= 2 and kode.strip().isascii() and kode.strip().isalnum()
    if level is Level.AKUN:
        return len(kode) == 6 and kode.isascii() and kode.isdigit()
    return kd.is_valid(level, kode)


#: the fields of a row above the detail lines a user may set
NODE_FIELDS = ("nama", "volume", "satuan", "alokasi", "sumber_dana", "uraian_blokir", "kppn")


def ubah(tree: RkaSatker, path: str, **values: Any) -> Node:
    """Set fields of the row at ``path`` above the detail lines: its name; an RO's or KRO's
    volume and satuan; an akun's sumber dana, KPPN and blokir reason; and the amounts
    (``alokasi`` as ``{"angka_dasar": n, "inisiatif_baru": m}``) of an RO without komponen,
    whose jumlah is their sum. Returns the node."""
    t = cari(tree, path)
    node = t.node
    for name, value in values.items():
        if name not in NODE_FIELDS:
            raise EditError(N_("a {level} has no field {field}"), path, field=name, level=t.level.nama)
        if name == "nama":
            node.nama = str(value).strip()[:500]  # type: ignore[union-attr]
        elif name in ("volume", "satuan") and isinstance(node, RO | KRO):
            if name == "volume":
                node.keluaran.volume = None if value in (None, "") else _faktor([(value, "")], path)[0][0]
            else:
                node.keluaran.satuan = str(value).strip() or None
        elif name == "alokasi" and isinstance(node, RO) and not node.komponen:
            ad = _rupiah(value.get("angka_dasar", 0), "angka_dasar", path)
            ib = _rupiah(value.get("inisiatif_baru", 0), "inisiatif_baru", path)
            node.alokasi = Alokasi(ad, ib, ad + ib)
        elif name in ("sumber_dana", "uraian_blokir", "kppn") and isinstance(node, Akun):
            setattr(node, name, str(value).strip() or None if value is not None else None)
        else:
            raise EditError(N_("a {level} has no field {field}"), path, field=name, level=t.level.nama)
    hitung_ulang(tree)
    return node


def validasi(tree: RkaSatker) -> None:
    """Refuse (EditError) a tree whose entered values the editor would refuse: a line's
    price, blokir or monthly plan outside 0..MAKS_RUPIAH, more than four factors, a volume
    that is not a number from 0 to 10^12; an RO's amounts likewise. For a document sent
    whole (the API), before its derived values are computed."""
    for step in langkah(tree):
        node = step.node
        if isinstance(node, Detail):
            _rupiah(node.harga_satuan, "harga_satuan", step.path)
            _rupiah(node.blokir, "blokir", step.path)
            for m in node.rencana_bulanan:
                _rupiah(m, "rencana_bulanan", step.path)
            if node.rencana_bulanan and len(node.rencana_bulanan) != len(BULAN):
                raise EditError(
                    N_("a monthly plan has 12 amounts, not {n}"), step.path, n=len(node.rencana_bulanan)
                )
            _faktor(node.faktor, step.path)
            _faktor([(node.volume, "")], step.path)
        elif isinstance(node, RO) and not node.komponen:
            _rupiah(node.alokasi.angka_dasar, "angka_dasar", step.path)
            _rupiah(node.alokasi.inisiatif_baru, "inisiatif_baru", step.path)


def ubah_indikator(
    tree: RkaSatker, path: str, items: list[tuple[str | None, str, str | None, str | None]]
) -> None:
    """Set the indicators of the kegiatan, KRO or RO at ``path``: each (number or None,
    text, target as a number or None, satuan)."""
    from anggaran.core.tree import Indikator

    t = cari(tree, path)
    if not isinstance(t.node, Kegiatan | KRO | RO):
        raise EditError(N_("a {level} has no field {field}"), path, field="indikator", level=t.level.nama)
    out = []
    for kode, uraian, target, satuan in items:
        text = uraian.strip()
        if not text:
            raise EditError(N_("an indicator needs its text"), path)
        value = None
        if target not in (None, ""):
            value = _faktor([(str(target).replace(",", "."), "")], path)[0][0]
        out.append(
            Indikator((kode or "").strip() or None, text[:1000], value, (satuan or "").strip() or None)
        )
    t.node.indikator = out


def hapus(tree: RkaSatker, path: str) -> None:
    """Remove the row at ``path`` with everything under it."""
    t = cari(tree, path)
    t.siblings.remove(t.node)
    hitung_ulang(tree)


def salin(tree: RkaSatker, path: str) -> tuple[Level, Node]:
    """A copy of the row at ``path`` with everything under it, for :func:`tempel`."""
    t = cari(tree, path)
    return t.level, copy.deepcopy(t.node)


def tempel(tree: RkaSatker, parent_path: str, level: Level, node: Node) -> str:
    """Put a copy of ``node`` (of ``level``) under ``parent_path``: a copy with the code of
    a sibling already there is refused, so that two rows never share a path. Returns its
    path."""
    parent, child_level = _root_or(tree, parent_path)
    if child_level is not level:
        raise EditError(
            N_("a {level} cannot go under {path}"), parent_path, level=level.nama, path=parent_path or "/"
        )
    node = copy.deepcopy(node)
    siblings: list[Any] = getattr(parent, _LIST[level])
    if isinstance(node, Detail):
        assert isinstance(parent, Akun)
        node.kode = _next_item(parent)
        siblings.append(node)
    else:
        if any(s.kode == node.kode for s in siblings):
            raise EditError(
                N_("{level} {kode} is there already"), parent_path, kode=node.kode.strip(), level=level.nama
            )
        at = next(
            (i for i, s in enumerate(siblings) if kd.sort_key(s.kode) > kd.sort_key(node.kode)), len(siblings)
        )
        siblings.insert(at, node)
    hitung_ulang(tree)
    seg = (node.kode or "").strip()
    return f"{parent_path}/{seg}" if parent_path else seg


def pindah(tree: RkaSatker, path: str, parent_path: str) -> str:
    """Move the row at ``path`` with everything under it under ``parent_path``. Returns
    its new path."""
    level, node = salin(tree, path)
    if parent_path == path or parent_path.startswith(path + "/"):
        raise EditError(N_("a {level} cannot go under {path}"), path, level=level.nama, path=parent_path)
    new = tempel(tree, parent_path, level, node)
    # remove the original (found again: the paste may have shifted nothing above it)
    original = cari(tree, path) if new != path else None
    if original is not None:
        original.siblings.remove(original.node)
    hitung_ulang(tree)
    return new


# -- starting a draft --------------------------------------------------------------------


def tahun_berikut(tree: RkaSatker) -> RkaSatker:
    """Next year's plan from this year's: the fiscal year plus one; every amount becomes
    angka dasar and inisiatif baru starts at 0; indicators and detail lines kept; the
    withdrawal plan (it is a year's), the signatory, place and date dropped."""
    out = copy.deepcopy(tree)
    out.dokumen = dataclasses.replace(
        out.dokumen,
        tahun_anggaran=tree.dokumen.tahun_anggaran + 1,
        tahap=None,
        tanggal=None,
        tempat=None,
        penandatangan=None,
        halaman=[],
        jumlah_halaman=None,
    )
    out.rencana_penarikan = []
    out.rencana_penarikan_ada = False
    out.jumlah_tercetak = None
    for step in walk(out):
        node = step.node
        if isinstance(node, Detail):
            node.kdib = "00"
            node.rencana_bulanan = []
        elif isinstance(node, RO) and not node.komponen:
            node.alokasi = Alokasi(node.alokasi.jumlah, 0, node.alokasi.jumlah)
    hitung_ulang(out)
    return out


def kosong(tree: RkaSatker) -> RkaSatker:
    """An empty plan with ``tree``'s header (header only)."""
    out = copy.deepcopy(tree)
    out.program = []
    out.rencana_penarikan = []
    out.rencana_penarikan_ada = False
    out.jumlah_tercetak = None
    out.dokumen = dataclasses.replace(out.dokumen, halaman=[], jumlah_halaman=None, penandatangan=None)
    return out


def leluhur(path: str) -> list[str]:
    """The paths of ``path``'s ancestors, from the program down (``a/b/c`` -> ``a``,
    ``a/b``)."""
    parts = path.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts))]


def level_path(tree: RkaSatker, path: str) -> Level:
    """The level of the row at ``path``."""
    return level_of(cari(tree, path).node)
