"""The budget tree of one satker: header, Program -> Kegiatan -> KRO -> RO (Bagian A) and
Komponen -> Sub-komponen -> Akun -> Detail (Bagian B).

Amounts are whole rupiah (``int``); volumes are ``Decimal`` with their satuan beside them.
Lists keep the document's order. Each node remembers where it was read (``source``), which
takes no part in equality: two trees are equal when their budget content is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from anggaran.core.findings import SourceRef
from anggaran.core.kode import Level
from anggaran.core.money import Rupiah, format_angka


@dataclass(slots=True)
class KodeNama:
    """A code with its name, e.g. ``KodeNama("013", "KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA RI")``."""

    kode: str
    nama: str


@dataclass(slots=True)
class Alokasi:
    """Money of one row in whole rupiah: angka dasar (baseline), inisiatif baru (new
    initiatives) and jumlah, which should be their sum (PMK 62/2023)."""

    angka_dasar: Rupiah = 0
    inisiatif_baru: Rupiah = 0
    jumlah: Rupiah = 0

    def __add__(self, other: Alokasi) -> Alokasi:
        return Alokasi(
            self.angka_dasar + other.angka_dasar,
            self.inisiatif_baru + other.inisiatif_baru,
            self.jumlah + other.jumlah,
        )

    @staticmethod
    def total(items: list[Alokasi]) -> Alokasi:
        """The sum of ``items`` (an empty list gives zeros)."""
        result = Alokasi()
        for a in items:
            result = result + a
        return result


@dataclass(slots=True)
class Keluaran:
    """Output volume with its satuan: ``Keluaran(Decimal("237.00"), "Orang")``.

    On a KRO the satuan is the KRO's list of admissible satuan as printed
    (``"layanan, bidang, dokumen, Miliar Rp, titik"``).
    """

    volume: Decimal | None = None
    satuan: str | None = None

    def satuan_set(self) -> list[str]:
        """The satuan list split at commas: ``["layanan", "bidang", ...]``."""
        if not self.satuan:
            return []
        return [s.strip() for s in self.satuan.split(",") if s.strip()]


@dataclass(slots=True)
class Indikator:
    """A performance indicator: number as printed (``"01"``, ``"06.01"``; None when none
    is printed) and its text."""

    kode: str | None
    uraian: str
    target: Decimal | None = None
    satuan: str | None = None
    source: SourceRef | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Sasaran:
    """A Sasaran Program with its Indikator Kinerja Program (IKP)."""

    kode: str | None
    uraian: str
    indikator: list[Indikator] = field(default_factory=list)
    source: SourceRef | None = field(default=None, compare=False, repr=False)


#: the months of a withdrawal plan, in order (field names of SAKTI's d_item)
BULAN = (
    "januari",
    "pebruari",
    "maret",
    "april",
    "mei",
    "juni",
    "juli",
    "agustus",
    "september",
    "oktober",
    "nopember",
    "desember",
)


@dataclass(slots=True)
class Detail:
    """A detail line of Bagian B: volume x harga satuan = jumlah (whole rupiah).

    ``faktor`` are the up-to-four volume factors with their satuan, as
    ``[(Decimal("1"), "KEG"), (Decimal("75"), "ORG")]`` for ``1 KEG x 75 ORG``.
    ``rencana_bulanan`` is the withdrawal plan januari..desember (12 amounts, or empty).
    A header line (``tingkat`` 1 or 2, SAKTI's kdheader; ``header`` says so) groups the
    lines after it and carries no money. ``kdib`` is SAKTI's baseline/initiative code (``00`` = angka dasar).
    """

    uraian: str
    volume: Decimal
    satuan: str
    harga_satuan: Rupiah
    jumlah: Rupiah
    faktor: list[tuple[Decimal, str]] = field(default_factory=list)
    sumber_dana: str | None = None
    blokir: Rupiah = 0
    rencana_bulanan: list[Rupiah] = field(default_factory=list)
    kode: str | None = None
    tingkat: int = 0
    kdib: str | None = None
    source: SourceRef | None = field(default=None, compare=False, repr=False)
    #: the row's raw values of the ADK columns the tree does not model (or whose raw text
    #: the model cannot give back), only those that differ from what the ADK writer would
    #: write without them (``formats.adk.baris``); None when the node did not come from an
    #: ADK row or its row holds nothing more. Takes no part in equality.
    adk: dict[str, str] | None = field(default=None, compare=False, repr=False)

    @property
    def header(self) -> bool:
        """Whether this is a header line of a detail group (``tingkat`` 1 or 2)."""
        return self.tingkat > 0

    def volume_faktor(self) -> Decimal | None:
        """The product of the non-zero factors, or None when the line has none."""
        if not self.faktor:
            return None
        result = Decimal(1)
        for v, _ in self.faktor:
            result *= v
        return result

    def volume_text(self) -> str:
        """The volume expression as SAKTI prints it: ``1 KEG x 75 ORG`` (factors), else the
        volume and satuan (``264 OH``)."""
        if self.faktor:
            return " x ".join(f"{format_angka(v)} {s}".strip() for v, s in self.faktor)
        return f"{format_angka(self.volume)} {self.satuan}".strip()


@dataclass(slots=True)
class Akun:
    """An akun (Bagan Akun Standar, 6 digits) with its detail lines, the sumber dana code
    as the ADK stores it (``kdbeban``: ``A``), KPPN, blocked amount and reason, and the
    notes (catatan) SAKTI keeps per akun. Its ``adk`` also holds the raw columns of its
    notes' rows (``d_cttakun``) as ``catatan.N.<column>`` (N from 1)."""

    kode: str
    nama: str
    alokasi: Alokasi = field(default_factory=Alokasi)
    sumber_dana: str | None = None
    blokir: Rupiah = 0
    detail: list[Detail] = field(default_factory=list)
    kppn: str | None = None
    uraian_blokir: str | None = None
    catatan: list[str] = field(default_factory=list)
    source: SourceRef | None = field(default=None, compare=False, repr=False)
    #: the row's raw values of the ADK columns the tree does not model (or whose raw text
    #: the model cannot give back), only those that differ from what the ADK writer would
    #: write without them (``formats.adk.baris``); None when the node did not come from an
    #: ADK row or its row holds nothing more. Takes no part in equality.
    adk: dict[str, str] | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class SubKomponen:
    """A sub-komponen (``" A"``, ``RB``) with its akun."""

    kode: str
    nama: str
    alokasi: Alokasi = field(default_factory=Alokasi)
    akun: list[Akun] = field(default_factory=list)
    source: SourceRef | None = field(default=None, compare=False, repr=False)
    #: the row's raw values of the ADK columns the tree does not model (or whose raw text
    #: the model cannot give back), only those that differ from what the ADK writer would
    #: write without them (``formats.adk.baris``); None when the node did not come from an
    #: ADK row or its row holds nothing more. Takes no part in equality.
    adk: dict[str, str] | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Komponen:
    """A komponen (3 digits) with its sub-komponen."""

    kode: str
    nama: str
    alokasi: Alokasi = field(default_factory=Alokasi)
    sub_komponen: list[SubKomponen] = field(default_factory=list)
    source: SourceRef | None = field(default=None, compare=False, repr=False)
    #: the row's raw values of the ADK columns the tree does not model (or whose raw text
    #: the model cannot give back), only those that differ from what the ADK writer would
    #: write without them (``formats.adk.baris``); None when the node did not come from an
    #: ADK row or its row holds nothing more. Takes no part in equality.
    adk: dict[str, str] | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class RO:
    """A Rincian Output: 3-character code under its KRO (``U01``), volume with one satuan."""

    kode: str
    nama: str
    keluaran: Keluaran = field(default_factory=Keluaran)
    alokasi: Alokasi = field(default_factory=Alokasi)
    indikator: list[Indikator] = field(default_factory=list)
    komponen: list[Komponen] = field(default_factory=list)
    source: SourceRef | None = field(default=None, compare=False, repr=False)
    #: the row's raw values of the ADK columns the tree does not model (or whose raw text
    #: the model cannot give back), only those that differ from what the ADK writer would
    #: write without them (``formats.adk.baris``); None when the node did not come from an
    #: ADK row or its row holds nothing more. Takes no part in equality.
    adk: dict[str, str] | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class KRO:
    """A Klasifikasi Rincian Output (``5252.BDC``) with its labels (``SBK``), lokasi
    (``16.52`` and its name) and the satuan set on ``keluaran``."""

    kode: str
    nama: str
    label: list[str] = field(default_factory=list)
    lokasi: str | None = None
    lokasi_nama: str | None = None
    keluaran: Keluaran = field(default_factory=Keluaran)
    alokasi: Alokasi = field(default_factory=Alokasi)
    indikator: list[Indikator] = field(default_factory=list)
    ro: list[RO] = field(default_factory=list)
    source: SourceRef | None = field(default=None, compare=False, repr=False)
    #: the row's raw values of the ADK columns the tree does not model (or whose raw text
    #: the model cannot give back), only those that differ from what the ADK writer would
    #: write without them (``formats.adk.baris``); None when the node did not come from an
    #: ADK row or its row holds nothing more. Takes no part in equality.
    adk: dict[str, str] | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Kegiatan:
    """A kegiatan (4 digits) with its Indikator Kinerja Kegiatan (IKK) and KRO."""

    kode: str
    nama: str
    alokasi: Alokasi = field(default_factory=Alokasi)
    indikator: list[Indikator] = field(default_factory=list)
    kro: list[KRO] = field(default_factory=list)
    source: SourceRef | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Program:
    """A program (``013.05.BF``) with its Sasaran Program and kegiatan."""

    kode: str
    nama: str
    alokasi: Alokasi = field(default_factory=Alokasi)
    sasaran: list[Sasaran] = field(default_factory=list)
    kegiatan: list[Kegiatan] = field(default_factory=list)
    source: SourceRef | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class RencanaPenarikan:
    """One row of the withdrawal plan (DIPA page III, SAKTI table d_trktrm): per program,
    kegiatan and jenis belanja (``52``), the pagu and the 12 monthly amounts (whole rupiah).

    ``kdtrktrm`` is SAKTI's kind of row: ``1`` spending (penarikan, by jenis belanja);
    ``6`` was seen for a revenue estimate, whose ``jenis_belanja`` holds the revenue akun.
    """

    program: str
    kegiatan: str
    jenis_belanja: str
    pagu: Rupiah
    bulanan: list[Rupiah] = field(default_factory=list)
    kdtrktrm: str = "1"
    source: SourceRef | None = field(default=None, compare=False, repr=False)
    #: the row's raw values of the ADK columns the tree does not model (or whose raw text
    #: the model cannot give back), only those that differ from what the ADK writer would
    #: write without them (``formats.adk.baris``); None when the node did not come from an
    #: ADK row or its row holds nothing more. Takes no part in equality.
    adk: dict[str, str] | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Penandatangan:
    """The signatory: jabatan (``Kuasa Pengguna Anggaran``), nama, the 18-digit NIP (empty
    when the source does not hold it: SAKTI's ``d_kpa`` names the KPA without one) and the
    rank (pangkat/golongan) when printed."""

    jabatan: str
    nama: str
    nip: str
    pangkat: str | None = None
    source: SourceRef | None = field(default=None, compare=False, repr=False)
    #: the raw values of its ADK row (``d_kpa``) the tree does not model, as a node's
    #: ``adk`` (``formats.adk.baris``); None when it came from no ADK row. Takes no part in
    #: equality.
    adk: dict[str, str] | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class PageHeader:
    """The header block as printed on one page, kept to check that every page agrees.

    ``fields`` maps ``kementerian``, ``unit_organisasi``, ``satker``, ``provinsi`` and
    ``lokasi`` to what the page prints.
    """

    page: int
    printed_number: int | None
    fields: dict[str, KodeNama] = field(default_factory=dict)
    tahun_anggaran: int | None = None
    source: SourceRef | None = None
    field_sources: dict[str, SourceRef] = field(default_factory=dict)
    #: the fiscal year the column header prints (``ALOKASI ANGGARAN T.A 2023``)
    tahun_kolom: int | None = None
    #: the column numbers printed under the column titles (``["1", ..., "6"]``)
    nomor_kolom: list[str] | None = None
    kolom_source: SourceRef | None = None


#: the header fields of an RKA Satker, in printed order, with the label SAKTI prints
HEADER_FIELDS: dict[str, str] = {
    "kementerian": "KEMEN/LEMB",
    "unit_organisasi": "UNIT ORG",
    "satker": "SATUAN KERJA",
    "provinsi": "PROPINSI",
    "lokasi": "LOKASI",
}


@dataclass(slots=True)
class Dokumen:
    """About the document: fiscal year, part (``A``), stage, pages, place, date, signatory."""

    tahun_anggaran: int
    bagian: str = "A"
    judul: str = "RENCANA KERJA ANGGARAN SATKER"
    tahap: str | None = None
    jumlah_halaman: int | None = field(default=None, compare=False)
    tempat: str | None = None
    tanggal: dt.date | None = None
    penandatangan: Penandatangan | None = None
    kop: list[str] = field(default_factory=list, compare=False)
    halaman: list[PageHeader] = field(default_factory=list, compare=False, repr=False)


@dataclass(slots=True)
class RkaSatker:
    """One satker's RKA for one fiscal year: header and programs.

    ``jumlah()`` is derived from the programs, never stored.
    """

    dokumen: Dokumen
    kementerian: KodeNama
    unit_organisasi: KodeNama
    satker: KodeNama
    provinsi: KodeNama
    lokasi: KodeNama
    program: list[Program] = field(default_factory=list)
    source_file: str | None = field(default=None, compare=False, repr=False)
    #: a total row as printed (``JUMLAH``), when the document has one; checked, not used
    jumlah_tercetak: Alokasi | None = field(default=None, compare=False, repr=False)
    jumlah_tercetak_source: SourceRef | None = field(default=None, compare=False, repr=False)
    #: the withdrawal plan per program/kegiatan/jenis belanja (ADK d_trktrm), when read
    rencana_penarikan: list[RencanaPenarikan] = field(default_factory=list)
    #: whether the source carried a withdrawal plan at all (so that a satker with no row
    #: in it can be told from a document that has none)
    rencana_penarikan_ada: bool = field(default=False, compare=False, repr=False)

    def jumlah(self) -> Alokasi:
        """The satker total: the sum of its programs' printed amounts (whole rupiah)."""
        return Alokasi.total([p.alokasi for p in self.program])

    def kegiatan(self) -> Iterator[tuple[Program, Kegiatan]]:
        """Every kegiatan with its program, in document order."""
        for step in nodes(self, Level.KEGIATAN):
            yield (*step.ancestors, step.node)  # type: ignore[misc]

    def kro(self) -> Iterator[tuple[Program, Kegiatan, KRO]]:
        """Every KRO with its program and kegiatan, in document order."""
        for step in nodes(self, Level.KRO):
            yield (*step.ancestors, step.node)  # type: ignore[misc]

    def ro(self) -> Iterator[tuple[Program, Kegiatan, KRO, RO]]:
        """Every RO with its ancestors, in document order."""
        for step in nodes(self, Level.RO):
            yield (*step.ancestors, step.node)  # type: ignore[misc]

    def akun(self) -> Iterator[tuple[Program, Kegiatan, KRO, RO, Komponen, SubKomponen, Akun]]:
        """Every akun with its ancestors, in document order."""
        for step in nodes(self, Level.AKUN):
            yield (*step.ancestors, step.node)  # type: ignore[misc]

    def detail(self) -> Iterator[tuple[Akun, Detail]]:
        """Every detail line (header lines included) with its akun, in document order."""
        for step in nodes(self, Level.DETAIL):
            yield step.parent, step.node  # type: ignore[misc]

    def per_jenis_belanja(self) -> dict[str, Rupiah]:
        """jenis belanja (the akun's first two digits, ``52``) -> jumlah, in code order."""
        out: dict[str, Rupiah] = {}
        for step in nodes(self, Level.AKUN):
            a = step.node
            assert isinstance(a, Akun)
            out[a.kode[:2]] = out.get(a.kode[:2], 0) + a.alokasi.jumlah
        return dict(sorted(out.items()))

    def has_rincian(self) -> bool:
        """Whether the tree goes below RO (Bagian B: komponen, akun, detail lines)."""
        return any(step.node.komponen for step in nodes(self, Level.RO))  # type: ignore[union-attr]


def alokasi_detail(d: Detail) -> Alokasi:
    """The money of a detail line: its jumlah as angka dasar when ``kdib`` is ``00`` or
    unknown, else as inisiatif baru (SAKTI marks baseline rows ``00``)."""
    if d.kdib in (None, "", "00"):
        return Alokasi(d.jumlah, 0, d.jumlah)
    return Alokasi(0, d.jumlah, d.jumlah)


def hitung_alokasi(tree: RkaSatker) -> None:
    """Derive every level's alokasi (and each akun's blokir) from the detail lines,
    bottom-up (akun, sub-komponen, komponen, RO, KRO, kegiatan, program), in place. For
    trees read from detail data (ADK), where the levels carry no printed amounts of their
    own. Header lines group lines and carry no money in SAKTI: they are not counted (rule
    DETAIL_HEADER_BERNILAI tells when one does). An RO without komponen (a Bagian A-only
    plan) carries the amounts entered for it, its jumlah their sum."""
    # the walk is in document order, parents before children: backwards, every node's
    # children are summed before the node itself
    for step in reversed(list(walk(tree, Level.AKUN))):
        node = step.node
        if isinstance(node, Akun):
            node.alokasi = Alokasi.total([alokasi_detail(d) for d in node.detail if not d.header])
            node.blokir = sum(d.blokir for d in node.detail)
        elif isinstance(node, RO) and not node.komponen:
            a = node.alokasi
            node.alokasi = Alokasi(a.angka_dasar, a.inisiatif_baru, a.angka_dasar + a.inisiatif_baru)
        else:
            node.alokasi = Alokasi.total([c.alokasi for c in children(node)])  # type: ignore[union-attr]


# -- the one walk of the tree ------------------------------------------------------------

#: the levels of the tree, top-down
LEVELS: tuple[Level, ...] = tuple(Level)

Node = Program | Kegiatan | KRO | RO | Komponen | SubKomponen | Akun | Detail

#: each level's list of children, by attribute name
_CHILDREN: dict[Level, str] = {
    Level.PROGRAM: "kegiatan",
    Level.KEGIATAN: "kro",
    Level.KRO: "ro",
    Level.RO: "komponen",
    Level.KOMPONEN: "sub_komponen",
    Level.SUB_KOMPONEN: "akun",
    Level.AKUN: "detail",
}
_LEVEL_OF: dict[type, Level] = {
    Program: Level.PROGRAM,
    Kegiatan: Level.KEGIATAN,
    KRO: Level.KRO,
    RO: Level.RO,
    Komponen: Level.KOMPONEN,
    SubKomponen: Level.SUB_KOMPONEN,
    Akun: Level.AKUN,
    Detail: Level.DETAIL,
}


def level_of(node: Node) -> Level:
    """The level of a tree node (``Level.KRO`` for a :class:`KRO`)."""
    return _LEVEL_OF[type(node)]


def children(node: Node) -> list[Any]:
    """The node's children one level down (a detail line has none)."""
    name = _CHILDREN.get(level_of(node))
    return [] if name is None else list(getattr(node, name))


def segment(node: Node, index: int = 0) -> str:
    """The node's part of a code path: its code as printed (a sub-komponen's ``" A"`` without
    its padding); a detail line's item number, or ``#n`` (its place under the akun, from 1)
    when it has none."""
    if isinstance(node, Detail):
        return (node.kode or "").strip() or f"#{index + 1}"
    if isinstance(node, SubKomponen):
        return node.kode.strip()
    return node.kode


@dataclass(frozen=True, slots=True)
class Step:
    """One node met by :func:`walk`: its level, its code path
    (``013.05.BF/5252/5252.BDC/U01/051/A/521211/3``: the segments from the program down),
    the node, its parent (None for a program) and every ancestor from the program down."""

    level: Level
    path: str
    node: Node
    parent: Node | None
    ancestors: tuple[Node, ...]


def walk(tree: RkaSatker, bottom: Level = Level.DETAIL) -> Iterator[Step]:
    """Every node of ``tree`` from the programs down to ``bottom`` (detail lines by
    default), in document order, each parent before its children. A consumer may reorder a
    node's children when the node is yielded: the walk descends into them afterwards."""
    stop = LEVELS.index(bottom)

    def descend(
        depth: int, items: list[Any], parent: Node | None, ancestors: tuple[Node, ...], prefix: str
    ) -> Iterator[Step]:
        level = LEVELS[depth]
        for i, node in enumerate(items):
            path = f"{prefix}/{segment(node, i)}" if prefix else segment(node, i)
            yield Step(level, path, node, parent, ancestors)
            if depth < stop:
                yield from descend(depth + 1, getattr(node, _CHILDREN[level]), node, (*ancestors, node), path)

    yield from descend(0, tree.program, None, (), "")


def nodes(tree: RkaSatker, level: Level) -> Iterator[Step]:
    """The steps of :func:`walk` at ``level`` only."""
    for step in walk(tree, level):
        if step.level is level:
            yield step
