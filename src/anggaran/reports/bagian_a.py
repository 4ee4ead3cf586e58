"""The RKA Satker Bagian A as a format-neutral report: title, header block, table rows in
the official order and style, and the signature block.

Rows follow the printed document: Program, Sasaran Program with its IKP, Kegiatan with its
IKK, KRO with its Indikator KRO, RO with its Indikator RO. Zero amounts print as blanks, as
in the official document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from anggaran.core.money import Rupiah, format_volume
from anggaran.core.tree import HEADER_FIELDS, KRO, Alokasi, Indikator, Keluaran, RkaSatker
from anggaran.reference import referensi
from anggaran.reports.tabel import nama, nama_kepala

COLUMN_TITLES = (
    "KODE",
    "PROGRAM/SASARAN PROGRAM/INDIKATOR KINERJA PROGRAM/AKTIVITAS/INDIKATOR KINERJA AKTIVITAS/KRO",
    "VOLUME / SATUAN",
    "ANGKA DASAR",
    "INISIATIF BARU",
    "JUMLAH",
)

LABEL_TEXT = {
    "sasaran": "Sasaran Program :",
    "ikp": "Indikator Kinerja Program :",
    "ikk": "Indikator Kinerja Kegiatan :",
    "indikator_kro": "Indikator KRO",
    "indikator_ro": "Indikator RO",
}

# level -> (bold, italic, indent) as the official document prints it
STYLE = {
    "program": (True, False, 0),
    "label": (True, False, 1),
    "label_italic": (False, True, 1),
    "sasaran": (False, False, 1),
    "ikp": (False, False, 2),
    "kegiatan": (True, False, 0),
    "ikk": (False, False, 1),
    "kro": (True, False, 0),
    "indikator_kro": (False, True, 1),
    "ro": (True, False, 1),
    "indikator_ro": (False, False, 2),
}


@dataclass
class Row:
    """One printed row. Amounts in whole rupiah, None where the document prints nothing."""

    level: str
    kode: str
    uraian: str
    volume: str = ""
    angka_dasar: Rupiah | None = None
    inisiatif_baru: Rupiah | None = None
    jumlah: Rupiah | None = None
    list_of: str | None = None  # for label rows: which list follows
    keluaran: Keluaran | None = None  # the volume behind ``volume``

    @property
    def bold(self) -> bool:
        return STYLE[self.level][0]

    @property
    def italic(self) -> bool:
        return STYLE[self.level][1]

    @property
    def indent(self) -> int:
        return STYLE[self.level][2]

    @property
    def outline(self) -> int:
        """Outline depth for spreadsheets: program 0, kegiatan 1, KRO 2, RO 3, lists +1."""
        return {
            "program": 0,
            "label": 1,
            "label_italic": 1,
            "sasaran": 1,
            "ikp": 2,
            "kegiatan": 1,
            "ikk": 2,
            "kro": 2,
            "indikator_kro": 3,
            "ro": 3,
            "indikator_ro": 4,
        }[self.level]


@dataclass
class BagianA:
    """The whole printed document."""

    judul: list[str]
    kop: list[str]
    header: list[tuple[str, str, str]]  # (label, kode, nama)
    tahun_anggaran: int
    rows: list[Row]
    jumlah: Alokasi
    tempat_tanggal: str | None = None
    jabatan: str | None = None
    nama: str | None = None
    nip: str | None = None
    satker: str = ""
    pangkat: str | None = None
    jumlah_tercetak: Alokasi | None = None  # a total row the source printed
    #: whether the document ends with the JUMLAH SATKER row: when the source printed a
    #: total, or when asked (``--jumlah-satker``); SAKTI's Bagian A prints none
    jumlah_satker: bool = False

    @property
    def ttd(self) -> bool:
        """Whether the document has a signature block (a signatory, or a place and date)."""
        return bool(self.nama or self.tempat_tanggal)


def volume_text(k: Keluaran, grouping: str = ",") -> str:
    """``"237.00 Orang"`` as printed in column (3) (``"237,00 Orang"`` in a dot-grouped
    document); empty without a volume."""
    if k.volume is None:
        return k.satuan or ""
    number = format_volume(k.volume, grouping)
    return f"{number} {k.satuan}" if k.satuan else number


#: labels SAKTI prints before a KRO's name (``[SBK] Fasilitasi ...``); others follow it
PREFIX_LABELS = {"SBK"}


def kro_text(kro: KRO) -> str:
    """The KRO description as printed: ``[SBK]`` before the name, the other bracketed
    labels after it, then the lokasi (as in the real document)."""
    before = [f"[{label}]" for label in kro.label if label in PREFIX_LABELS]
    after = [f"[{label}]" for label in kro.label if label not in PREFIX_LABELS]
    parts = [*before, nama(kro.nama, "kro", kro.kode), *after]
    if kro.lokasi:
        parts.append(f"{kro.lokasi} {nama(kro.lokasi_nama or '', 'lokasi', kro.lokasi)}".strip())
    return " ".join(p for p in parts if p)


def keluaran_kro(kro: KRO) -> Keluaran:
    """The KRO's volume with its satuan: the document's, else the reference's."""
    k = kro.keluaran
    if k.satuan:
        return k
    ref = referensi().kro.get(kro.kode)
    return Keluaran(k.volume, ref.satuan if ref else None)


def keluaran_ro(kro: KRO, ro_kode: str, k: Keluaran) -> Keluaran:
    """An RO's volume with its satuan: the document's (an ADK's ``d_soutput``), else a
    loaded RO table's (``6212.AEF.001``)."""
    if k.satuan:
        return k
    ref = referensi().ro.get(f"{kro.kode}.{ro_kode}")
    return Keluaran(k.volume, ref.satuan if ref else None)


def _amounts(a: Alokasi) -> dict[str, Any]:
    return {
        "angka_dasar": a.angka_dasar or None,
        "inisiatif_baru": a.inisiatif_baru or None,
        "jumlah": a.jumlah if (a.jumlah or a.angka_dasar or a.inisiatif_baru) else None,
    }


def _list(rows: list[Row], label: str, level: str, items: list[Indikator]) -> None:
    if not items:
        return
    italic = level in ("indikator_kro", "indikator_ro")
    rows.append(Row("label_italic" if italic else "label", "", LABEL_TEXT[label], list_of=level))
    for i in items:
        target = Keluaran(i.target, i.satuan) if i.target is not None or i.satuan else None
        rows.append(
            Row(level, i.kode or "", i.uraian, volume_text(target) if target else "", keluaran=target)
        )


def tanggal_indonesia(tempat: str | None, tanggal: dt.date | None) -> str | None:
    """``"Balikpapan, 30 Maret 2023"`` (month names from Babel's Indonesian locale)."""
    from babel.dates import format_date

    if tanggal is None:
        return tempat
    text = format_date(tanggal, "d MMMM y", locale="id")
    return f"{tempat}, {text}" if tempat else text


def build(tree: RkaSatker, jumlah_satker: bool = False) -> BagianA:
    """The Bagian A report of ``tree``. Names the tree leaves empty come from the
    references in use; a code no one names prints alone. The JUMLAH SATKER row ends the
    table when the source printed a total, or when ``jumlah_satker`` asks for it."""
    rows: list[Row] = []
    for p in tree.program:
        rows.append(Row("program", p.kode, nama(p.nama, "program", p.kode), **_amounts(p.alokasi)))
        for s in p.sasaran:
            rows.append(Row("label", "", LABEL_TEXT["sasaran"], list_of="sasaran"))
            rows.append(Row("sasaran", s.kode or "", s.uraian))
            _list(rows, "ikp", "ikp", s.indikator)
        for k in p.kegiatan:
            rows.append(Row("kegiatan", k.kode, nama(k.nama, "kegiatan", k.kode), **_amounts(k.alokasi)))
            _list(rows, "ikk", "ikk", k.indikator)
            for kro in k.kro:
                kk = keluaran_kro(kro)
                rows.append(
                    Row("kro", kro.kode, kro_text(kro), volume_text(kk), **_amounts(kro.alokasi), keluaran=kk)
                )
                _list(rows, "indikator_kro", "indikator_kro", kro.indikator)
                for ro in kro.ro:
                    rk = keluaran_ro(kro, ro.kode, ro.keluaran)
                    rows.append(
                        Row(
                            "ro",
                            ro.kode,
                            nama(ro.nama, "ro", f"{kro.kode}.{ro.kode}"),
                            volume_text(rk),
                            **_amounts(ro.alokasi),
                            keluaran=rk,
                        )
                    )
                    _list(rows, "indikator_ro", "indikator_ro", ro.indikator)
    doc = tree.dokumen
    signer = doc.penandatangan
    return BagianA(
        judul=[doc.judul, "RENCANA KINERJA SATUAN KERJA", f"TAHUN ANGGARAN {doc.tahun_anggaran}", "BAGIAN-A"],
        kop=list(doc.kop),
        header=[
            (label, getattr(tree, name).kode, nama_kepala(tree, name))
            for name, label in HEADER_FIELDS.items()
        ],
        tahun_anggaran=doc.tahun_anggaran,
        rows=rows,
        jumlah=tree.jumlah(),
        tempat_tanggal=tanggal_indonesia(doc.tempat, doc.tanggal),
        jabatan=signer.jabatan if signer else None,
        nama=signer.nama if signer else None,
        nip=signer.nip if signer else None,
        satker=tree.satker.kode,
        pangkat=signer.pangkat if signer else None,
        jumlah_tercetak=tree.jumlah_tercetak,
        jumlah_satker=jumlah_satker or tree.jumlah_tercetak is not None,
    )
