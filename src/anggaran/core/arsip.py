"""An archive of many satkers' trees (a SAKTI ADK): the budget as it stands (``satker``,
SAKTI's ``d_*`` tables, "menjadi") and, when the archive carries them, before the
revision (``semula``, the ``m_*`` tables)."""

from __future__ import annotations

from dataclasses import dataclass, field

from anggaran.core.money import Rupiah
from anggaran.core.tree import RkaSatker


@dataclass(slots=True)
class Arsip:
    """The satkers of one archive, in code order. ``nama`` is what the user named (file or
    folder)."""

    nama: str
    tahun_anggaran: int
    satker: list[RkaSatker] = field(default_factory=list)
    semula: list[RkaSatker] | None = None

    def jumlah(self) -> Rupiah:
        """The archive total (menjadi) in whole rupiah."""
        return sum(t.jumlah().jumlah for t in self.satker)

    def jumlah_semula(self) -> Rupiah | None:
        """The archive total before revision, or None without ``m_*`` tables."""
        return None if self.semula is None else sum(t.jumlah().jumlah for t in self.semula)

    def cari(self, kode: str) -> RkaSatker | None:
        """The satker ``kode`` (6 digits), or None."""
        return next((t for t in self.satker if t.satker.kode == kode), None)
