"""Who sees which satker: a scope (lingkup) names the satkers a role is granted on, as
reviewers are organised: one satker (``109141``), a unit eselon I (``015.08``), a K/L
(``013``), a province (a Kanwil DJPb: the satkers whose lokasi is in provinsi ``16``), or
every satker (an administrator).

Sources: DOMAIN.md "Who does what"; the codes as ``core.kode`` formats them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from anggaran.core import kode as kd


class JenisLingkup(StrEnum):
    """The kinds of scope, narrowest first."""

    SATKER = "satker"
    UNIT = "unit"
    KL = "kl"
    PROVINSI = "provinsi"
    SEMUA = "semua"


#: the format of each kind's code, as a user types it
_FORMAT = {
    JenisLingkup.SATKER: kd.SATKER,
    JenisLingkup.UNIT: re.compile(r"\d{3}\.\d{2}", re.ASCII),
    JenisLingkup.KL: kd.KL,
    JenisLingkup.PROVINSI: kd.PROVINSI,
}


@dataclass(frozen=True, slots=True)
class SatkerKode:
    """What a scope looks at of a satker: its code, K/L, unit eselon I (``05``, within the
    K/L) and provinsi (the Ministry of Finance's code)."""

    kode: str
    kementerian: str
    unit: str
    provinsi: str


@dataclass(frozen=True, slots=True)
class Lingkup:
    """A scope: its kind and code (``Lingkup(JenisLingkup.UNIT, "015.08")``; empty for
    every satker)."""

    jenis: JenisLingkup
    kode: str = ""

    def covers(self, s: SatkerKode) -> bool:
        """Whether the satker ``s`` is within this scope."""
        if self.jenis is JenisLingkup.SEMUA:
            return True
        if self.jenis is JenisLingkup.SATKER:
            return s.kode == self.kode
        if self.jenis is JenisLingkup.UNIT:
            return f"{s.kementerian}.{s.unit}" == self.kode
        if self.jenis is JenisLingkup.KL:
            return s.kementerian == self.kode
        return s.provinsi == self.kode

    def __str__(self) -> str:
        return self.jenis.value if self.jenis is JenisLingkup.SEMUA else f"{self.jenis.value} {self.kode}"

    @property
    def teks(self) -> str:
        """As a user writes it (``satker:109141``, ``semua``): what :func:`parse_lingkup`
        reads back."""
        return self.jenis.value if self.jenis is JenisLingkup.SEMUA else f"{self.jenis.value}:{self.kode}"


def parse_lingkup(text: str) -> Lingkup:
    """A scope as a user writes it: ``satker:109141``, ``unit:015.08``, ``kl:013``,
    ``provinsi:16``, ``semua``; or a bare code, told by its form (6 digits a satker,
    ``NNN.NN`` a unit, 3 digits a K/L, 2 digits a province). Raises ValueError."""
    text = text.strip()
    if text.lower() in ("semua", "all", "*"):
        return Lingkup(JenisLingkup.SEMUA)
    jenis_text, sep, kode = text.partition(":")
    if sep:
        try:
            jenis = JenisLingkup(jenis_text.strip().lower())
        except ValueError:
            raise ValueError(
                f"unknown kind of scope {jenis_text!r}; one of satker, unit, kl, provinsi, semua"
            ) from None
        kode = kode.strip()
        if jenis is JenisLingkup.SEMUA:
            return Lingkup(jenis)
        if not _FORMAT[jenis].fullmatch(kode):
            raise ValueError(f"{kode!r} is not a {jenis.value} code")
        return Lingkup(jenis, kode)
    for jenis, pattern in _FORMAT.items():
        if pattern.fullmatch(text):
            return Lingkup(jenis, text)
    raise ValueError(
        f"{text!r} is no satker (6 digits), unit (015.08), K/L (3 digits) or province (2 digits)"
    )
