"""Generated SAKTI ADK archives at any scale, shaped after the real ones, with known faults.

``rencanakan`` draws the plan of a set from a seed (units = K/L + unit eselon I, their
satkers, catalogues, semula and faults); ``buat_arsip`` builds one unit's archive from it
(trees → the project's ADK writer → zip), the same bytes for the same seed whatever the
order or the process it is built in. The shapes come from ``profil.json``, measured on the
real archives by ``scripts/profil_adk.py``; the faults (``kesalahan``) are what the
per-tree rules report, each at a known code path.
"""

from __future__ import annotations

from anggaran.generator.arsip import HasilArsip, buat_arsip
from anggaran.generator.kesalahan import HANYA_NYATA, JENIS, Kesalahan
from anggaran.generator.profil import profil
from anggaran.generator.rencana import SatkerRencana, UnitRencana
from anggaran.generator.rencana import rencanakan as _rencanakan

#: the generator's version in the manifest: a new version may give other bytes for a seed
VERSI = 1
#: the fault kinds, by the rule that reports each
JENIS_KESALAHAN = tuple(sorted(JENIS))


def rencanakan(n: int, seed: int, faults: int = 0, semula: float = 0.3) -> list[UnitRencana]:
    """The plan of ``n`` satkers from ``seed`` with ``faults`` faults and a share
    ``semula`` of satkers carrying their semula (m_*) tables."""
    return _rencanakan(n, seed, profil(), faults, semula, list(JENIS_KESALAHAN), set(HANYA_NYATA))


__all__ = [
    "JENIS_KESALAHAN",
    "VERSI",
    "HasilArsip",
    "Kesalahan",
    "SatkerRencana",
    "UnitRencana",
    "buat_arsip",
    "rencanakan",
]
