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
from anggaran.reports.tabel import nama

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
    parts = [*before, nama(kro.nama), *after]
    if kro.lokasi:
        parts.append(f"{kro.lokasi} {kro.lokasi_nama or ''}".strip())
    return " ".join(p for p in parts if p)


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


def build(tree: RkaSatker) -> BagianA:
    """The Bagian A report of ``tree``."""
    rows: list[Row] = []
    for p in tree.program:
        rows.append(Row("program", p.kode, nama(p.nama), **_amounts(p.alokasi)))
        for s in p.sasaran:
            rows.append(Row("label", "", LABEL_TEXT["sasaran"], list_of="sasaran"))
            rows.append(Row("sasaran", s.kode or "", s.uraian))
            _list(rows, "ikp", "ikp", s.indikator)
        for k in p.kegiatan:
            rows.append(Row("kegiatan", k.kode, nama(k.nama), **_amounts(k.alokasi)))
            _list(rows, "ikk", "ikk", k.indikator)
            for kro in k.kro:
                rows.append(
                    Row(
                        "kro",
                        kro.kode,
                        kro_text(kro),
                        volume_text(kro.keluaran),
                        **_amounts(kro.alokasi),
                        keluaran=kro.keluaran,
                    )
                )
                _list(rows, "indikator_kro", "indikator_kro", kro.indikator)
                for ro in kro.ro:
                    rows.append(
                        Row(
                            "ro",
                            ro.kode,
                            nama(ro.nama),
                            volume_text(ro.keluaran),
                            **_amounts(ro.alokasi),
                            keluaran=ro.keluaran,
                        )
                    )
                    _list(rows, "indikator_ro", "indikator_ro", ro.indikator)
    doc = tree.dokumen
    signer = doc.penandatangan
    return BagianA(
        judul=[doc.judul, "RENCANA KINERJA SATUAN KERJA", f"TAHUN ANGGARAN {doc.tahun_anggaran}", "BAGIAN-A"],
        kop=list(doc.kop),
        header=[
            (label, getattr(tree, name).kode, nama(getattr(tree, name).nama))
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
    )
