"""Every code format of the RKA Satker in one place.

Codes are strings as printed in the KODE column: never numbers, never stripped of their
dots or leading zeros. Source of the formats: PMK 62/2023 (klasifikasi anggaran) and the
RKA Satker documents printed by SAKTI (see DOMAIN.md).

=============  ===============  ==========================================
level          example          format
=============  ===============  ==========================================
K/L            ``013``          3 digits
unit eselon I  ``05``           2 digits
satker         ``109141``       6 digits
provinsi       ``16``           2 digits (Ministry of Finance codes)
lokasi         ``52``           2 digits (kab/kota within the provinsi)
program        ``013.05.BF``    K/L.unit.two letters
kegiatan       ``5252``         4 digits
KRO            ``5252.BDC``     kegiatan.three letters
RO             ``U01``          3 letters or digits (full form 5252.BDC.U01)
komponen       ``051``          3 digits
sub-komponen   ``" A"``, ``RB``  1-2 characters, right-aligned
akun           ``521211``       6 digits; the first two = jenis belanja
sasaran        ``06``           2 digits
IKP            ``06.01``        sasaran.two digits
indikator      ``01``           2 digits (IKK, Indikator KRO, Indikator RO)
=============  ===============  ==========================================
"""

from __future__ import annotations

import re
from enum import StrEnum


class Level(StrEnum):
    """A level of the budget tree, top to bottom."""

    PROGRAM = "program"
    KEGIATAN = "kegiatan"
    KRO = "kro"
    RO = "ro"
    KOMPONEN = "komponen"
    SUB_KOMPONEN = "sub_komponen"
    AKUN = "akun"
    DETAIL = "detail"

    @property
    def nama(self) -> str:
        """The level as documents name it: ``program``, ``KRO``, ``sub-komponen``."""
        return {"kro": "KRO", "ro": "RO", "sub_komponen": "sub-komponen"}.get(self.value, self.value)


KL = re.compile(r"\d{3}", re.ASCII)
UNIT = re.compile(r"\d{2}", re.ASCII)
SATKER = re.compile(r"\d{6}", re.ASCII)
PROVINSI = re.compile(r"\d{2}", re.ASCII)
LOKASI = re.compile(r"\d{2}", re.ASCII)
PROGRAM = re.compile(r"(\d{3})\.(\d{2})\.([A-Z]{2})", re.ASCII)
KEGIATAN = re.compile(r"\d{4}", re.ASCII)
KRO = re.compile(r"(\d{4})\.([A-Z]{3})", re.ASCII)
RO = re.compile(r"[0-9A-Z]{3}", re.ASCII)
KOMPONEN = re.compile(r"\d{3}", re.ASCII)
SUB_KOMPONEN = re.compile(r" ?[0-9A-Z]{1,2}", re.ASCII)
AKUN = re.compile(r"\d{6}", re.ASCII)
NIP = re.compile(r"\d{18}", re.ASCII)
#: the lokasi printed after a KRO name: provinsi.kab/kota, ``16.52``
KRO_LOKASI = re.compile(r"(\d{2})\.(\d{2})", re.ASCII)
#: an RO in its full form, ``5252.BDC.U01`` (KRO code, RO code)
RO_LENGKAP = re.compile(r"(\d{4}\.[A-Z]{3})\.([0-9A-Z]{3})", re.ASCII)
#: a number in the KODE column of a text row: sasaran ``06``, IKP ``06.01``, indicator
#: ``01`` (``100`` and up in long lists)
NOMOR = re.compile(r"\d{2,3}(?:\.\d{2})?", re.ASCII)

_BY_LEVEL: dict[Level, re.Pattern[str]] = {
    Level.PROGRAM: PROGRAM,
    Level.KEGIATAN: KEGIATAN,
    Level.KRO: KRO,
    Level.RO: RO,
    Level.KOMPONEN: KOMPONEN,
    Level.SUB_KOMPONEN: SUB_KOMPONEN,
    Level.AKUN: AKUN,
}


def is_valid(level: Level, kode: str) -> bool:
    """True when ``kode`` has the format of ``level`` (see the module table)."""
    pattern = _BY_LEVEL.get(level)
    return pattern is not None and pattern.fullmatch(kode) is not None


def level_of(kode: str) -> Level | None:
    """The tree level a KODE-column code belongs to (program, kegiatan, KRO or RO), or None.

    Two-digit indicator numbers and ``NN.NN`` IKP numbers give None: they are not tree nodes.
    """
    for level in (Level.PROGRAM, Level.KRO, Level.KEGIATAN, Level.RO):
        if _BY_LEVEL[level].fullmatch(kode):
            return level
    return None


def split_program(kode: str) -> tuple[str, str, str]:
    """``"013.05.BF"`` -> ``("013", "05", "BF")`` (K/L, unit, program). Raises ValueError."""
    m = PROGRAM.fullmatch(kode)
    if not m:
        raise ValueError(f"not a program code: {kode!r}")
    return m.group(1), m.group(2), m.group(3)


def kro_kegiatan(kode: str) -> str:
    """The kegiatan part of a KRO code: ``"5252.BDC"`` -> ``"5252"``. Raises ValueError."""
    m = KRO.fullmatch(kode)
    if not m:
        raise ValueError(f"not a KRO code: {kode!r}")
    return m.group(1)


def jenis_belanja(akun: str) -> str:
    """The jenis belanja of an akun: its first two digits (``"521211"`` -> ``"52"``)."""
    if not AKUN.fullmatch(akun):
        raise ValueError(f"not an akun code: {akun!r}")
    return akun[:2]


def sort_key(kode: str) -> tuple[tuple[int, str], ...]:
    """A key that sorts codes segment by segment as SAKTI lists them.

    Segments are split at dots; digit-only segments sort before letter segments of the same
    width (``"994"`` before ``"U01"``), each compared as text, so leading zeros are kept.
    """
    return tuple((0 if seg.isdigit() else 1, seg) for seg in kode.strip().split("."))
