"""Output-volume rules: KRO volume = the sum of its RO volumes; an RO's satuan is one of its
KRO's satuan (PMK 62/2023; DOMAIN.md rules 3-4)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from anggaran.core.findings import N_, Finding, Severity
from anggaran.core.kode import Level
from anggaran.core.tree import KRO, RO, RkaSatker, nodes
from anggaran.rules.registry import rule


@rule(
    "KRO_VOLUME_SUM",
    Severity.WARNING,
    N_("KRO volume = sum of its RO volumes"),
    "PMK 62/2023",
    N_(
        "KRO {kode}: volume {volume:vol}, its RO volumes add up to {volume_ro:plus} = {jumlah_ro:vol} "
        "(difference {selisih:vol})"
    ),
    {
        "tanpa": N_(
            "KRO {kode}: volume {volume:vol}, its RO volumes add up to {volume_ro:plus} = {jumlah_ro:vol} "
            "(difference {selisih:vol}); RO without volume: {ro_tanpa_volume:list}"
        )
    },
)
def kro_volume(tree: RkaSatker) -> Iterator[Finding]:
    """KRO volume (in its satuan) = the sum of its RO volumes; RO without volume named.
    Volumes are given as decimal text (``"237.00"``)."""
    for step in nodes(tree, Level.KRO):
        kro = step.node
        assert isinstance(kro, KRO)
        volumes = [ro.keluaran.volume for ro in kro.ro if ro.keluaran.volume is not None]
        if kro.keluaran.volume is None or not volumes:
            continue
        total = sum(volumes, Decimal(0))
        if total != kro.keluaran.volume:
            missing = [ro.kode for ro in kro.ro if ro.keluaran.volume is None]
            yield Finding.of(
                "KRO_VOLUME_SUM",
                step.path,
                kro.source,
                variant="tanpa" if missing else "",
                kode=kro.kode,
                volume=str(kro.keluaran.volume),
                volume_ro=[str(v) for v in volumes],
                jumlah_ro=str(total),
                selisih=str(kro.keluaran.volume - total),
                ro_tanpa_volume=missing,
            )


@rule(
    "RO_SATUAN_OUTSIDE_KRO",
    Severity.WARNING,
    N_("An RO's satuan is one of its KRO's satuan"),
    "PMK 62/2023",
    N_("RO {kode}: satuan {satuan!r} is not one of the KRO's satuan ({satuan_kro:list})"),
)
def ro_satuan(tree: RkaSatker) -> Iterator[Finding]:
    """An RO's satuan is one of the satuan printed on its KRO (case ignored)."""
    for step in nodes(tree, Level.RO):
        ro, kro = step.node, step.parent
        assert isinstance(ro, RO) and isinstance(kro, KRO)
        allowed = {s.casefold() for s in kro.keluaran.satuan_set()}
        satuan = ro.keluaran.satuan
        if not allowed or not satuan or satuan.casefold() in allowed:
            continue
        yield Finding.of(
            "RO_SATUAN_OUTSIDE_KRO",
            step.path,
            ro.source,
            kode=f"{kro.kode}.{ro.kode}",
            satuan=satuan,
            satuan_kro=kro.keluaran.satuan_set(),
        )
