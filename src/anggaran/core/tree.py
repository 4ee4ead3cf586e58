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

from anggaran.core.findings import SourceRef
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
    notes (catatan) SAKTI keeps per akun."""

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


@dataclass(slots=True)
class SubKomponen:
    """A sub-komponen (``" A"``, ``RB``) with its akun."""

    kode: str
    nama: str
    alokasi: Alokasi = field(default_factory=Alokasi)
    akun: list[Akun] = field(default_factory=list)
    source: SourceRef | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Komponen:
    """A komponen (3 digits) with its sub-komponen."""

    kode: str
    nama: str
    alokasi: Alokasi = field(default_factory=Alokasi)
    sub_komponen: list[SubKomponen] = field(default_factory=list)
    source: SourceRef | None = field(default=None, compare=False, repr=False)


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


@dataclass(slots=True)
class Penandatangan:
    """The signatory: jabatan (``Kuasa Pengguna Anggaran``), nama, the 18-digit NIP and the
    rank (pangkat/golongan) when printed."""

    jabatan: str
    nama: str
    nip: str
    pangkat: str | None = None
    source: SourceRef | None = field(default=None, compare=False, repr=False)


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
        for p in self.program:
            for k in p.kegiatan:
                yield p, k

    def kro(self) -> Iterator[tuple[Program, Kegiatan, KRO]]:
        """Every KRO with its program and kegiatan, in document order."""
        for p, k in self.kegiatan():
            for kro in k.kro:
                yield p, k, kro

    def ro(self) -> Iterator[tuple[Program, Kegiatan, KRO, RO]]:
        """Every RO with its ancestors, in document order."""
        for p, k, kro in self.kro():
            for ro in kro.ro:
                yield p, k, kro, ro

    def akun(self) -> Iterator[tuple[Program, Kegiatan, KRO, RO, Komponen, SubKomponen, Akun]]:
        """Every akun with its ancestors, in document order."""
        for p, k, kro, ro in self.ro():
            for c in ro.komponen:
                for s in c.sub_komponen:
                    for a in s.akun:
                        yield p, k, kro, ro, c, s, a

    def detail(self) -> Iterator[tuple[Akun, Detail]]:
        """Every detail line (header lines included) with its akun, in document order."""
        for *_, a in self.akun():
            for d in a.detail:
                yield a, d

    def per_jenis_belanja(self) -> dict[str, Rupiah]:
        """jenis belanja (the akun's first two digits, ``52``) -> jumlah, in code order."""
        out: dict[str, Rupiah] = {}
        for *_, a in self.akun():
            out[a.kode[:2]] = out.get(a.kode[:2], 0) + a.alokasi.jumlah
        return dict(sorted(out.items()))

    def has_rincian(self) -> bool:
        """Whether the tree goes below RO (Bagian B: komponen, akun, detail lines)."""
        return any(ro.komponen for *_, ro in self.ro())


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
    DETAIL_HEADER_BERNILAI tells when one does)."""
    for p in tree.program:
        for k in p.kegiatan:
            for kro in k.kro:
                for ro in kro.ro:
                    for c in ro.komponen:
                        for s in c.sub_komponen:
                            for a in s.akun:
                                a.alokasi = Alokasi.total(
                                    [alokasi_detail(d) for d in a.detail if not d.header]
                                )
                                a.blokir = sum(d.blokir for d in a.detail)
                            s.alokasi = Alokasi.total([a.alokasi for a in s.akun])
                        c.alokasi = Alokasi.total([s.alokasi for s in c.sub_komponen])
                    ro.alokasi = Alokasi.total([c.alokasi for c in ro.komponen])
                kro.alokasi = Alokasi.total([ro.alokasi for ro in kro.ro])
            k.alokasi = Alokasi.total([kro.alokasi for kro in k.kro])
        p.alokasi = Alokasi.total([k.alokasi for k in p.kegiatan])
