"""The table of revision authorities (``data/kewenangan_revisi.csv``) and the komponen of
operational spending (``data/komponen_operasional.csv``), as a
:class:`anggaran.core.revisi.TabelKewenangan` for :func:`anggaran.core.revisi.klasifikasi`.

Each row of ``kewenangan_revisi.csv`` places one or more kinds of change
(``jenis_perubahan``, separated by spaces) with the authority that approves them
(``KPA``, ``KANWIL_DJPB``, ``DJA``), its basis as cited (``dasar``), the source's wording
(``uraian``), ``pasti`` (``ya``: read in PMK 62/2023's own table; ``tidak``: a secondary
source), where it was read (``sumber``) and notes. A kind without a row is classed
TIDAK_DIKETAHUI (``core.revisi.TANPA_BARIS`` says why). docs/domain.md, "Which authority
approves a change", tells the sources.
"""

from __future__ import annotations

import functools

from anggaran.core.revisi import BarisKewenangan, JenisPerubahan, Kewenangan, TabelKewenangan
from anggaran.reference import rows


def _baris(r: dict[str, str]) -> BarisKewenangan:
    """A row of the CSV as a :class:`BarisKewenangan`; raises ValueError for a kind or an
    authority the code does not know, or a ``pasti`` other than ``ya``/``tidak``."""
    if r["pasti"] not in ("ya", "tidak"):
        raise ValueError(f"row {r['kode']}: pasti is ya or tidak, not {r['pasti']!r}")
    return BarisKewenangan(
        kode=r["kode"],
        jenis=tuple(JenisPerubahan(j) for j in r["jenis_perubahan"].split()),
        kewenangan=Kewenangan(r["kewenangan"]),
        dasar=r["dasar"],
        uraian=r["uraian"],
        pasti=r["pasti"] == "ya",
        sumber=r["sumber"],
        catatan=r["catatan"],
    )


@functools.cache
def tabel_kewenangan_revisi() -> TabelKewenangan:
    """The shipped table of revision authorities (read on first use, then shared)."""
    return TabelKewenangan(
        tuple(_baris(r) for r in rows("kewenangan_revisi.csv")),
        frozenset(r["komponen"] for r in rows("komponen_operasional.csv")),
    )
