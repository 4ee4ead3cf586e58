"""Ceilings (pagu): a draft's totals against the ceilings set for its satker, year and
stage, at the satker, per kegiatan, per sumber dana and per jenis belanja. Each level has a
policy, as ERP budget controls have it: ignore, warn, or block, beyond a tolerance in
percent of the ceiling. An excess to block is an error (it refuses the submit, not the
typing); one to warn of a warning. The ceilings are given, not read: rules never read the
database."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from anggaran.core.findings import N_, Finding, Severity, register
from anggaran.core.kode import Level
from anggaran.core.tree import Akun, Kegiatan, RkaSatker, nodes

register(
    "PAGU_TERLAMPAUI",
    Severity.WARNING,
    N_("A total exceeds the ceiling (pagu) set for it"),
    "Pagu indikatif, pagu anggaran, alokasi anggaran per satker (PMK 62/2023); each level's ceiling policy",
    N_("{tingkat} {kode}: jumlah {jumlah:rp} exceeds the ceiling {pagu:rp} by {lebih:rp}"),
    {
        "toleransi": N_(
            "{tingkat} {kode}: jumlah {jumlah:rp} exceeds the ceiling {pagu:rp} by {lebih:rp}, beyond the "
            "tolerance of {toleransi}% (up to {batas:rp})"
        )
    },
)


@dataclass(frozen=True)
class Plafon:
    """One ceiling: level (``satker``, ``kegiatan``, ``sumber_dana``, ``jenis_belanja``),
    code (``""`` for the satker) and amount in whole rupiah."""

    tingkat: str
    kode: str
    jumlah: int


@dataclass(frozen=True)
class Aturan:
    """A level's policy: ``abaikan``, ``peringatkan`` or ``blokir``, with a tolerance in
    percent of the ceiling."""

    tindakan: str
    toleransi: Decimal = Decimal(0)


def realisasi(tree: RkaSatker, tingkat: str) -> dict[str, int]:
    """The draft's totals at a ceiling's level: code -> jumlah (whole rupiah). Sumber dana
    is the detail line's, else its akun's."""
    if tingkat == "satker":
        return {"": tree.jumlah().jumlah}
    if tingkat == "kegiatan":
        out: dict[str, int] = {}
        for step in nodes(tree, Level.KEGIATAN):
            k = step.node
            assert isinstance(k, Kegiatan)
            out[k.kode] = out.get(k.kode, 0) + k.alokasi.jumlah
        return out
    if tingkat == "jenis_belanja":
        return tree.per_jenis_belanja()
    if tingkat == "sumber_dana":
        out = {}
        for step in nodes(tree, Level.AKUN):
            a = step.node
            assert isinstance(a, Akun)
            for d in a.detail:
                if d.header:
                    continue
                key = d.sumber_dana or a.sumber_dana or ""
                out[key] = out.get(key, 0) + d.jumlah
        return out
    raise ValueError(tingkat)


_LABEL = {
    "satker": "Satker",
    "kegiatan": "Kegiatan",
    "sumber_dana": "Sumber dana",
    "jenis_belanja": "Jenis belanja",
}


def cek_pagu(tree: RkaSatker, ceilings: Iterable[Plafon], policy: dict[str, Aturan]) -> list[Finding]:
    """Every total over its ceiling beyond the tolerance, as PAGU_TERLAMPAUI: an error
    where the level's policy blocks, a warning where it warns, nothing where it ignores."""
    out: list[Finding] = []
    cache: dict[str, dict[str, int]] = {}
    for c in ceilings:
        rule = policy.get(c.tingkat, Aturan("abaikan"))
        if rule.tindakan == "abaikan":
            continue
        totals = cache.setdefault(c.tingkat, realisasi(tree, c.tingkat))
        jumlah = totals.get(c.kode, 0)
        batas = c.jumlah + int(
            (Decimal(c.jumlah) * rule.toleransi / 100).to_integral_value(rounding=ROUND_FLOOR)
        )
        if jumlah <= batas:
            continue
        severity = Severity.ERROR if rule.tindakan == "blokir" else Severity.WARNING
        args: dict[str, Any] = {
            "tingkat": _LABEL.get(c.tingkat, c.tingkat),
            "kode": c.kode or tree.satker.kode,
            "jumlah": jumlah,
            "pagu": c.jumlah,
            "lebih": jumlah - c.jumlah,
        }
        if rule.toleransi:
            out.append(
                Finding.of(
                    "PAGU_TERLAMPAUI",
                    "",
                    variant="toleransi",
                    severity=severity,
                    toleransi=str(rule.toleransi.normalize()),
                    batas=batas,
                    **args,
                )
            )
        else:
            out.append(Finding.of("PAGU_TERLAMPAUI", "", severity=severity, **args))
    return out
