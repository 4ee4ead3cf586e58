"""The changes of a revision and the authority that must approve each (semula -> menjadi).

Two steps, kept apart:

1. :func:`perubahan` compares two trees of one satker and gives every change with its
   *jenis* (kind): a structural fact about the two trees, nothing more. Money moved between
   akun is classed by the smallest ancestor whose total did not change (the RO, KRO,
   kegiatan, program, or none: the satker's pagu changed).
2. :func:`klasifikasi` looks each jenis up in a :class:`TabelKewenangan`, the table of
   authorities shipped as data (``reference/data/kewenangan_revisi.csv``, loaded by
   :func:`anggaran.reference.kewenangan.tabel_kewenangan_revisi`); each row cites its source
   (PMK 62/2023 Lampiran, "Revisi Anggaran", and the secondary sources it names). A jenis the
   table has no row for is classed :attr:`Kewenangan.TIDAK_DIKETAHUI`, never guessed;
   :data:`TANPA_BARIS` lists those kinds and why.

Nodes are matched by their code path as :func:`anggaran.core.tree.walk` gives it
(``015.08.WA/4719/4719.EBA/994/001/CB/511621/1``): detail lines by their item number,
as a draft addresses them (two lines SAKTI renumbered show as changed lines, which is the
same jenis as a line removed and one added). Nodes sharing a path (two akun of one code
under one sub-komponen, told apart by KPPN or sumber dana) are taken together. Amounts are
whole rupiah (``int``); totals are the sums of the akun (the RO, for trees without detail
lines), so a mis-added printed total does not move a change's jenis.

Pure: the standard library and :mod:`anggaran.core` only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from anggaran.core.kode import Level
from anggaran.core.money import Rupiah
from anggaran.core.tree import RO, Akun, Detail, Node, Program, RkaSatker, walk

#: a value before or after a change: whole rupiah, a text, the 12 months of a plan (or, for
#: DIPA page III, its pagu and 12 months), or None where the node is absent on that side
Nilai = Rupiah | str | tuple[Rupiah, ...] | None


class Kewenangan(StrEnum):
    """Who approves a change, lowest first (the order of :func:`kewenangan_tertinggi`)."""

    KPA = "KPA"
    KANWIL_DJPB = "KANWIL_DJPB"
    DJA = "DJA"
    #: no row of the table places the change
    TIDAK_DIKETAHUI = "TIDAK_DIKETAHUI"


class JenisPerubahan(StrEnum):
    """The kind of a change, computed from the two trees."""

    # money moved: one change per akun whose jumlah changed (per RO without detail lines),
    # classed by the smallest ancestor whose total did not change
    PERGESERAN_DALAM_RO = "PERGESERAN_DALAM_RO"
    AKUN_BARU_DALAM_RO = "AKUN_BARU_DALAM_RO"
    PERGESERAN_ANTAR_RO_DALAM_KRO = "PERGESERAN_ANTAR_RO_DALAM_KRO"
    PERGESERAN_ANTAR_KRO_DALAM_KEGIATAN = "PERGESERAN_ANTAR_KRO_DALAM_KEGIATAN"
    PERGESERAN_ANTAR_KEGIATAN_DALAM_PROGRAM = "PERGESERAN_ANTAR_KEGIATAN_DALAM_PROGRAM"
    PERGESERAN_ANTAR_PROGRAM = "PERGESERAN_ANTAR_PROGRAM"
    PERUBAHAN_PAGU_SATKER = "PERUBAHAN_PAGU_SATKER"
    # the satker's operational spending fell while its non-operational spending rose
    OPERASIONAL_KE_NON_OPERASIONAL = "OPERASIONAL_KE_NON_OPERASIONAL"
    # the POK: a detail line changed in an akun whose total did not; a line's monthly plan
    RINCIAN_DALAM_AKUN = "RINCIAN_DALAM_AKUN"
    RENCANA_BULANAN_RINCIAN = "RENCANA_BULANAN_RINCIAN"
    # DIPA page III: a withdrawal-plan row (program, kegiatan, jenis belanja)
    HALAMAN_III_DIPA = "HALAMAN_III_DIPA"
    # an akun's blocked amount, its reason, sumber dana, KPPN, notes
    BLOKIR = "BLOKIR"
    URAIAN_BLOKIR = "URAIAN_BLOKIR"
    SUMBER_DANA = "SUMBER_DANA"
    KPPN = "KPPN"
    CATATAN_AKUN = "CATATAN_AKUN"
    # outputs and performance information
    VOLUME_KELUARAN = "VOLUME_KELUARAN"
    INDIKATOR = "INDIKATOR"
    NAMA = "NAMA"
    LOKASI_KRO = "LOKASI_KRO"
    LABEL_KRO = "LABEL_KRO"
    # a program, kegiatan, KRO or RO added or removed (its money is in the akun's changes)
    SIMPUL_BARU = "SIMPUL_BARU"
    SIMPUL_DIHAPUS = "SIMPUL_DIHAPUS"


#: the kinds of money moved at akun (or RO) level: their deltas add up to the change of
#: the satker's total
PERGESERAN: frozenset[JenisPerubahan] = frozenset(
    {
        JenisPerubahan.PERGESERAN_DALAM_RO,
        JenisPerubahan.AKUN_BARU_DALAM_RO,
        JenisPerubahan.PERGESERAN_ANTAR_RO_DALAM_KRO,
        JenisPerubahan.PERGESERAN_ANTAR_KRO_DALAM_KEGIATAN,
        JenisPerubahan.PERGESERAN_ANTAR_KEGIATAN_DALAM_PROGRAM,
        JenisPerubahan.PERGESERAN_ANTAR_PROGRAM,
        JenisPerubahan.PERUBAHAN_PAGU_SATKER,
    }
)

#: the kinds deliberately left without a row of the table (classed TIDAK_DIKETAHUI), and why;
#: a kind gets a row only with a source that places it (docs/domain.md, "Which authority")
TANPA_BARIS: Mapping[JenisPerubahan, str] = {
    JenisPerubahan.HALAMAN_III_DIPA: "no row read for a change of DIPA page III alone",
    JenisPerubahan.BLOKIR: "no row read for blocking or unblocking an amount",
    JenisPerubahan.URAIAN_BLOKIR: "no row read for a blokir's reason",
    JenisPerubahan.SUMBER_DANA: "no row read; the ADK's sumber dana letters are not even mapped",
    JenisPerubahan.KPPN: "no row read for a change of KPPN",
    JenisPerubahan.CATATAN_AKUN: "no row read for the notes per akun",
    JenisPerubahan.VOLUME_KELUARAN: "no row read for a change of a KRO's or RO's volume",
    JenisPerubahan.INDIKATOR: "no row read for a change of indicators",
    JenisPerubahan.NAMA: "no row read for a change of a name",
    JenisPerubahan.LOKASI_KRO: "no row read for a change of a KRO's lokasi",
    JenisPerubahan.LABEL_KRO: "no row read for a change of a KRO's labels",
    JenisPerubahan.SIMPUL_BARU: "no row read for a new program, kegiatan, KRO or RO",
    JenisPerubahan.SIMPUL_DIHAPUS: "no row read for a program, kegiatan, KRO or RO removed",
}


@dataclass(frozen=True, slots=True)
class BarisKewenangan:
    """A row of the table of authorities: ``kode`` (``POK-5b``), the kinds it places, the
    authority, ``dasar`` (the legal basis as cited: ``PMK 62/2023 Lampiran, ..., no. 5.b``),
    ``uraian`` (the row's wording in its source), whether the source is the regulation's own
    table (``pasti``) or a secondary one, ``sumber`` (where it was read) and ``catatan``."""

    kode: str
    jenis: tuple[JenisPerubahan, ...]
    kewenangan: Kewenangan
    dasar: str
    uraian: str = ""
    pasti: bool = False
    sumber: str = ""
    catatan: str = ""


@dataclass(frozen=True, slots=True)
class TabelKewenangan:
    """The table of authorities and what the classification needs besides: the komponen
    codes of operational spending (``001`` gaji, ``002`` operasional). Raises ValueError
    when a kind has two rows or a row places a change as TIDAK_DIKETAHUI."""

    baris: tuple[BarisKewenangan, ...]
    komponen_operasional: frozenset[str] = frozenset()
    _indeks: dict[JenisPerubahan, BarisKewenangan] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        for b in self.baris:
            if b.kewenangan is Kewenangan.TIDAK_DIKETAHUI:
                raise ValueError(f"row {b.kode}: a row places a change; leave an unplaced kind out")
            if not b.jenis or not b.dasar.strip():
                raise ValueError(f"row {b.kode}: a row names its kinds and its basis (dasar)")
            for j in b.jenis:
                if j in self._indeks:
                    raise ValueError(f"kind {j} has two rows: {self._indeks[j].kode} and {b.kode}")
                self._indeks[j] = b

    def untuk(self, jenis: JenisPerubahan) -> BarisKewenangan | None:
        """The row that places ``jenis``, or None."""
        return self._indeks.get(jenis)


@dataclass(frozen=True, slots=True)
class Perubahan:
    """One change: its level (None for the satker as a whole), its code path, its jenis,
    the value before and after (see :data:`Nilai`; None where the node is absent), the
    node's name or uraian, and ``bagian``, the part of the node a change concerns when a
    node has several (a DIPA page III row's jenis belanja, ``52``); (path, jenis, bagian)
    is unique in a list of changes. :func:`klasifikasi` fills ``kewenangan`` and ``baris``
    (None for TIDAK_DIKETAHUI)."""

    level: Level | None
    path: str
    jenis: JenisPerubahan
    semula: Nilai
    menjadi: Nilai
    uraian: str = ""
    bagian: str | None = None
    kewenangan: Kewenangan | None = None
    baris: BarisKewenangan | None = None

    @property
    def selisih(self) -> Rupiah | None:
        """menjadi - semula for money (absent counts as 0); None for other values."""
        a, b = self.semula, self.menjadi
        if isinstance(a, tuple | str) or isinstance(b, tuple | str):
            return None
        return (b or 0) - (a or 0)

    @property
    def kode(self) -> str | None:
        """The code of the table row that placed the change."""
        return self.baris.kode if self.baris else None

    @property
    def dasar(self) -> str | None:
        """The legal basis of the table row that placed the change."""
        return self.baris.dasar if self.baris else None

    def to_dict(self) -> dict[str, Any]:
        """The change as JSON-ready data (tuples as lists)."""

        def plain(v: Nilai) -> Any:
            return list(v) if isinstance(v, tuple) else v

        return {
            "level": self.level.value if self.level else None,
            "path": self.path,
            "bagian": self.bagian,
            "jenis": self.jenis.value,
            "uraian": self.uraian,
            "semula": plain(self.semula),
            "menjadi": plain(self.menjadi),
            "kewenangan": self.kewenangan.value if self.kewenangan else None,
            "baris": None
            if self.baris is None
            else {
                "kode": self.baris.kode,
                "dasar": self.baris.dasar,
                "pasti": self.baris.pasti,
                "sumber": self.baris.sumber,
            },
        }


# -- one side of the comparison ------------------------------------------------------------


@dataclass
class _Sisi:
    """A tree indexed by code path: the nodes at each path (usually one), their level, the
    walk's order, and the money of every leaf (akun, or RO) and of every path above one."""

    simpul: dict[str, list[Node]] = field(default_factory=dict)
    level: dict[str, Level] = field(default_factory=dict)
    urutan: list[str] = field(default_factory=list)
    jumlah: dict[str, Rupiah] = field(default_factory=dict)
    total: Rupiah = 0

    def ada(self, path: str) -> bool:
        return path in self.simpul

    def uang(self, path: str) -> Rupiah:
        return self.jumlah.get(path, 0)


def _prefixes(path: str) -> Iterable[str]:
    """``a/b/c`` -> ``a``, ``a/b`` (the paths of the ancestors)."""
    parts = path.split("/")
    for i in range(1, len(parts)):
        yield "/".join(parts[:i])


def _sisi(tree: RkaSatker, daun: Level) -> _Sisi:
    s = _Sisi()
    for step in walk(tree):
        if step.path not in s.simpul:
            s.simpul[step.path] = []
            s.level[step.path] = step.level
            s.urutan.append(step.path)
        s.simpul[step.path].append(step.node)
        if step.level is daun:
            assert isinstance(step.node, Akun | RO)
            amount = step.node.alokasi.jumlah
            s.total += amount
            for p in (*_prefixes(step.path), step.path):
                s.jumlah[p] = s.jumlah.get(p, 0) + amount
    return s


def _urutan(a: list[str], b: list[str]) -> dict[str, int]:
    """The paths of both sides in order: menjadi's, and those only in semula after the path
    that preceded them there (a removed subtree where it stood, parents before children)."""
    in_b = set(b)
    after: dict[str | None, list[str]] = {}
    anchor: str | None = None
    for p in a:
        if p in in_b:
            anchor = p
        else:
            after.setdefault(anchor, []).append(p)
    order = [*after.get(None, [])]
    for p in b:
        order.append(p)
        order.extend(after.get(p, []))
    return {p: i for i, p in enumerate(order)}


# -- the changes ---------------------------------------------------------------------------


def _teks(nodes: list[Node], get: Callable[[Any], object]) -> str:
    """One text for the attribute of the nodes at a path (joined when they are several)."""
    return " | ".join("" if get(n) is None else str(get(n)) for n in nodes)


def _angka(x: object) -> str:
    """A value as text, a number without trailing zeros (``237.00`` and ``237`` are one
    volume, however a document wrote it)."""
    if isinstance(x, Decimal):
        t = format(x, "f")
        return t.rstrip("0").rstrip(".") if "." in t else t
    return str(x)


def _keluaran(n: Any) -> str:
    k = n.keluaran
    return " ".join(_angka(x) for x in (k.volume, k.satuan) if x is not None)


def _indikator(n: Any) -> str:
    if isinstance(n, Program):
        items = [(s.kode, s.uraian, s.indikator) for s in n.sasaran]
        return "; ".join(f"{k or ''} {u} [{_indikator_list(ind)}]".strip() for k, u, ind in items)
    return _indikator_list(n.indikator)


def _indikator_list(items: list[Any]) -> str:
    return "; ".join(
        " ".join(_angka(x) for x in (i.kode, i.uraian, i.target, i.satuan) if x is not None) for i in items
    )


def _sumber_dana(a: Any) -> str:
    found = {a.sumber_dana} | {d.sumber_dana for d in a.detail}
    return ", ".join(sorted(x for x in found if x))


def _rincian(d: Detail) -> tuple[object, ...]:
    """What a detail line is in the POK: all but its monthly plan, blokir and sumber dana
    (those are compared on their own); whitespace in the uraian does not count."""
    return (
        d.tingkat,
        " ".join(d.uraian.split()),
        d.volume,
        d.satuan,
        d.harga_satuan,
        d.jumlah,
        d.faktor,
        d.kdib,
    )


def _bulanan(d: Detail) -> tuple[Rupiah, ...]:
    return tuple(d.rencana_bulanan)


#: attributes compared at paths present on both sides: (levels, jenis, value of the nodes)
_ATRIBUT: list[tuple[frozenset[Level], JenisPerubahan, Callable[[list[Node]], str]]] = [
    (
        frozenset(Level) - {Level.DETAIL},
        JenisPerubahan.NAMA,
        lambda ns: _teks(ns, lambda n: n.nama),
    ),
    (
        frozenset({Level.PROGRAM, Level.KEGIATAN, Level.KRO, Level.RO}),
        JenisPerubahan.INDIKATOR,
        lambda ns: " | ".join(_indikator(n) for n in ns),
    ),
    (frozenset({Level.KRO, Level.RO}), JenisPerubahan.VOLUME_KELUARAN, lambda ns: _teks(ns, _keluaran)),
    (frozenset({Level.KRO}), JenisPerubahan.LOKASI_KRO, lambda ns: _teks(ns, lambda n: n.lokasi)),
    (frozenset({Level.KRO}), JenisPerubahan.LABEL_KRO, lambda ns: _teks(ns, lambda n: ", ".join(n.label))),
    (frozenset({Level.AKUN}), JenisPerubahan.URAIAN_BLOKIR, lambda ns: _teks(ns, lambda n: n.uraian_blokir)),
    (frozenset({Level.AKUN}), JenisPerubahan.SUMBER_DANA, lambda ns: _teks(ns, _sumber_dana)),
    (frozenset({Level.AKUN}), JenisPerubahan.KPPN, lambda ns: _teks(ns, lambda n: n.kppn)),
    (
        frozenset({Level.AKUN}),
        JenisPerubahan.CATATAN_AKUN,
        lambda ns: _teks(ns, lambda n: "\n".join(n.catatan)),
    ),
]

_STRUKTUR = frozenset({Level.PROGRAM, Level.KEGIATAN, Level.KRO, Level.RO})


def _uraian(nodes: list[Node]) -> str:
    n = nodes[0]
    return n.uraian if isinstance(n, Detail) else n.nama


def perubahan(
    semula: RkaSatker, menjadi: RkaSatker, komponen_operasional: Collection[str] = ()
) -> list[Perubahan]:
    """Every change from ``semula`` to ``menjadi`` (two trees of one satker), unclassified,
    in document order (menjadi's, removed nodes where they stood; the satker-wide change
    first), each (path, jenis, bagian) once.

    * Money: one change per akun whose jumlah changed (added, removed or changed; per RO when
      either tree has no detail lines), semula/menjadi its jumlah in whole rupiah. Its jenis is
      decided by the smallest ancestor whose total did not change: the RO
      (PERGESERAN_DALAM_RO, or AKUN_BARU_DALAM_RO for an akun the RO did not have at that
      path), the KRO, the kegiatan, the program (PERGESERAN_ANTAR_..._DALAM_...), the satker
      (PERGESERAN_ANTAR_PROGRAM), or none (PERUBAHAN_PAGU_SATKER).
    * OPERASIONAL_KE_NON_OPERASIONAL, once for the satker (level None, path ``""``): the
      satker's operational total (akun under a komponen of ``komponen_operasional``) fell
      while the rest rose; semula/menjadi the operational totals.
    * RINCIAN_DALAM_AKUN: a detail line added, removed or changed (uraian, volume, factors,
      satuan, harga satuan, jumlah, kdib, header level) in an akun whose jumlah did not
      change; semula/menjadi the line's jumlah. RENCANA_BULANAN_RINCIAN: a line on both
      sides with the same jumlah and another monthly plan; semula/menjadi the 12 months.
    * HALAMAN_III_DIPA: a row of DIPA page III whose pagu or months changed, the plan as the
      lines give it (``bagian`` the jenis belanja; level KEGIATAN; semula/menjadi (pagu,
      januari, …, desember)). Derived from the lines on both sides, as rule RENCANA_PENARIKAN
      checks d_trktrm against them: an ADK's semula carries no d_trktrm, and a draft's copy
      of it is not kept up to date.
    * BLOKIR (an akun's blocked rupiah, absent counting as 0), and, at paths on both sides,
      URAIAN_BLOKIR, SUMBER_DANA, KPPN, CATATAN_AKUN, NAMA, INDIKATOR, VOLUME_KELUARAN (KRO,
      RO), LOKASI_KRO, LABEL_KRO as texts; SIMPUL_BARU / SIMPUL_DIHAPUS for a program,
      kegiatan, KRO or RO on one side only (its name).
    """
    rincian = semula.has_rincian() and menjadi.has_rincian()
    daun = Level.AKUN if rincian else Level.RO
    s, m = _sisi(semula, daun), _sisi(menjadi, daun)
    urutan = _urutan(s.urutan, m.urutan)
    out: list[Perubahan] = []

    def add(path: str, jenis: JenisPerubahan, a: Nilai, b: Nilai, bagian: str | None = None) -> None:
        nodes = m.simpul.get(path) or s.simpul.get(path)
        level = (m.level.get(path) or s.level.get(path)) if path else None
        out.append(Perubahan(level, path, jenis, a, b, _uraian(nodes) if nodes else "", bagian))

    def sama(path: str) -> bool:
        return s.uang(path) == m.uang(path)

    berubah: set[str] = set()  # leaves whose money changed
    for path in urutan:
        level = m.level.get(path) or s.level[path]
        a_ada, b_ada = s.ada(path), m.ada(path)
        a_nodes, b_nodes = s.simpul.get(path, []), m.simpul.get(path, [])
        if level is daun:
            a_uang = s.uang(path) if a_ada else None
            b_uang = m.uang(path) if b_ada else None
            if (a_uang or 0) != (b_uang or 0):
                berubah.add(path)
                add(path, _jenis_uang(path, daun, a_ada, sama, s.total == m.total), a_uang, b_uang)
        if level in _STRUKTUR and a_ada != b_ada:
            if b_ada:
                add(path, JenisPerubahan.SIMPUL_BARU, None, _uraian(b_nodes))
            else:
                add(path, JenisPerubahan.SIMPUL_DIHAPUS, _uraian(a_nodes), None)
        if level is Level.AKUN:
            blokir_a = sum(n.blokir for n in a_nodes if isinstance(n, Akun))
            blokir_b = sum(n.blokir for n in b_nodes if isinstance(n, Akun))
            if blokir_a != blokir_b:
                add(path, JenisPerubahan.BLOKIR, blokir_a if a_ada else None, blokir_b if b_ada else None)
        if a_ada and b_ada:
            for levels, jenis, get in _ATRIBUT:
                if level in levels and get(a_nodes) != get(b_nodes):
                    add(path, jenis, get(a_nodes), get(b_nodes))
        if level is Level.DETAIL and rincian:
            a_lines = [d for d in a_nodes if isinstance(d, Detail)]
            b_lines = [d for d in b_nodes if isinstance(d, Detail)]
            _detail(path, a_lines, b_lines, path.rsplit("/", 1)[0] in berubah, add)

    if rincian and komponen_operasional:
        op_a, non_a = _operasional(s, komponen_operasional)
        op_b, non_b = _operasional(m, komponen_operasional)
        if op_b < op_a and non_b > non_a:
            out.insert(0, Perubahan(None, "", JenisPerubahan.OPERASIONAL_KE_NON_OPERASIONAL, op_a, op_b))
    if rincian:
        _halaman_iii(semula, menjadi, add)
    urut_jenis = {j: i for i, j in enumerate(JenisPerubahan)}
    return sorted(out, key=lambda c: (urutan.get(c.path, -1), urut_jenis[c.jenis], c.bagian or ""))


def _jenis_uang(
    path: str, daun: Level, ada_semula: bool, sama: Callable[[str], bool], pagu_tetap: bool
) -> JenisPerubahan:
    """The jenis of a leaf's money change: decided by its smallest unchanged ancestor."""
    parts = path.split("/")
    ro, kro, kegiatan, program = ("/".join(parts[:n]) for n in (4, 3, 2, 1))
    if daun is Level.AKUN and sama(ro):
        return JenisPerubahan.PERGESERAN_DALAM_RO if ada_semula else JenisPerubahan.AKUN_BARU_DALAM_RO
    if sama(kro):
        return JenisPerubahan.PERGESERAN_ANTAR_RO_DALAM_KRO
    if sama(kegiatan):
        return JenisPerubahan.PERGESERAN_ANTAR_KRO_DALAM_KEGIATAN
    if sama(program):
        return JenisPerubahan.PERGESERAN_ANTAR_KEGIATAN_DALAM_PROGRAM
    if pagu_tetap:
        return JenisPerubahan.PERGESERAN_ANTAR_PROGRAM
    return JenisPerubahan.PERUBAHAN_PAGU_SATKER


def _detail(
    path: str,
    a: list[Detail],
    b: list[Detail],
    akun_berubah: bool,
    add: Callable[[str, JenisPerubahan, Nilai, Nilai], None],
) -> None:
    """The changes of a detail line: RINCIAN_DALAM_AKUN unless its akun's money moved (then
    the akun's change holds it), and RENCANA_BULANAN_RINCIAN."""
    if not akun_berubah and [_rincian(d) for d in a] != [_rincian(d) for d in b]:
        jumlah_a = sum(d.jumlah for d in a) if a else None
        jumlah_b = sum(d.jumlah for d in b) if b else None
        add(path, JenisPerubahan.RINCIAN_DALAM_AKUN, jumlah_a, jumlah_b)
    if len(a) == len(b) == 1:
        x, y = a[0], b[0]
        if not x.header and not y.header and x.jumlah == y.jumlah and _bulanan(x) != _bulanan(y):
            add(path, JenisPerubahan.RENCANA_BULANAN_RINCIAN, _bulanan(x), _bulanan(y))


def _operasional(sisi: _Sisi, komponen: Collection[str]) -> tuple[Rupiah, Rupiah]:
    """(operational, non-operational) totals: the akun under a komponen of ``komponen``
    and the rest."""
    op = non = 0
    for path, level in sisi.level.items():
        if level is Level.AKUN:
            if path.split("/")[4] in komponen:
                op += sisi.uang(path)
            else:
                non += sisi.uang(path)
    return op, non


def _halaman_iii(
    semula: RkaSatker, menjadi: RkaSatker, add: Callable[[str, JenisPerubahan, Nilai, Nilai, str], None]
) -> None:
    a, b = rencana_penarikan_rincian(semula), rencana_penarikan_rincian(menjadi)
    for key in [*b, *(k for k in a if k not in b)]:
        if a.get(key) != b.get(key):
            program, kegiatan, jenis_belanja = key
            add(
                f"{program}/{kegiatan}",
                JenisPerubahan.HALAMAN_III_DIPA,
                a.get(key),
                b.get(key),
                jenis_belanja,
            )


def rencana_penarikan_rincian(tree: RkaSatker) -> dict[tuple[str, str, str], tuple[Rupiah, ...]]:
    """DIPA page III as the detail lines give it: (program, kegiatan, jenis belanja) ->
    (pagu, januari, …, desember) in whole rupiah, the sums of the lines' jumlah and
    monthly plans (header lines left out), in document order."""
    out: dict[tuple[str, str, str], list[Rupiah]] = {}
    for step in walk(tree):
        d = step.node
        if not isinstance(d, Detail) or d.header:
            continue
        program, kegiatan, *_, akun, _item = step.path.split("/")
        row = out.setdefault((program, kegiatan, akun[:2]), [0] * 13)
        row[0] += d.jumlah
        for i, v in enumerate(d.rencana_bulanan[:12]):
            row[i + 1] += v
    return {k: tuple(v) for k, v in out.items()}


# -- the authority -------------------------------------------------------------------------


def klasifikasi(changes: Iterable[Perubahan], tabel: TabelKewenangan) -> list[Perubahan]:
    """``changes`` with their authority and table row: the row that places the change's
    jenis, or TIDAK_DIKETAHUI and no row."""
    out = []
    for c in changes:
        row = tabel.untuk(c.jenis)
        kewenangan = row.kewenangan if row else Kewenangan.TIDAK_DIKETAHUI
        out.append(dataclasses.replace(c, kewenangan=kewenangan, baris=row))
    return out


def klasifikasi_revisi(semula: RkaSatker, menjadi: RkaSatker, tabel: TabelKewenangan) -> list[Perubahan]:
    """:func:`perubahan` of the two trees (operational komponen from ``tabel``), classified."""
    return klasifikasi(perubahan(semula, menjadi, tabel.komponen_operasional), tabel)


def kewenangan_tertinggi(changes: Iterable[Perubahan]) -> tuple[Kewenangan, ...]:
    """The authorities a revision needs, lowest first: the KPA always (the satker's KPA
    proposes every revision, PMK 158/2023 art. 20), the Kanwil DJPb and/or the DJA when a
    change needs them, and TIDAK_DIKETAHUI last when a change is not placed. Raises
    ValueError for a change not yet classified (:func:`klasifikasi`)."""
    found = {Kewenangan.KPA}
    for c in changes:
        if c.kewenangan is None:
            raise ValueError(f"change {c.jenis} at {c.path!r} is not classified")
        found.add(c.kewenangan)
    return tuple(k for k in Kewenangan if k in found)
