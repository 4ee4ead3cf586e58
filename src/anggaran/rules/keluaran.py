"""Output-volume rules: KRO volume = the sum of its RO volumes; an RO's satuan is one of its
KRO's satuan (PMK 62/2023; DOMAIN.md rules 3-4)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from anggaran.core.findings import Finding, Severity
from anggaran.core.tree import RkaSatker
from anggaran.rules.registry import rule


def _v(volume: Decimal) -> str:
    return f"{volume:.2f}"


@rule(
    "KRO_VOLUME_SUM",
    Severity.WARNING,
    "Volume KRO = jumlah volume RO-nya",
    "KRO volume = sum of its RO volumes",
    "PMK 62/2023",
)
def kro_volume(tree: RkaSatker) -> Iterator[Finding]:
    """KRO volume (in its satuan) = the sum of its RO volumes; RO without volume named."""
    for p, k, kro in tree.kro():
        volumes = [ro.keluaran.volume for ro in kro.ro if ro.keluaran.volume is not None]
        if kro.keluaran.volume is None or not volumes:
            continue
        total = sum(volumes, Decimal(0))
        if total != kro.keluaran.volume:
            parts = " + ".join(_v(v) for v in volumes)
            diff = kro.keluaran.volume - total
            missing = [ro.kode for ro in kro.ro if ro.keluaran.volume is None]
            tanpa = f"; RO tanpa volume: {', '.join(missing)}" if missing else ""
            without = f"; RO without volume: {', '.join(missing)}" if missing else ""
            yield Finding(
                "KRO_VOLUME_SUM",
                Severity.WARNING,
                f"{p.kode}/{k.kode}/{kro.kode}",
                f"KRO {kro.kode}: volume {_v(kro.keluaran.volume)}, jumlah volume RO-nya "
                f"{parts} = {_v(total)} (selisih {_v(diff)}){tanpa}",
                f"KRO {kro.kode}: volume {_v(kro.keluaran.volume)}, its RO volumes add up to "
                f"{parts} = {_v(total)} (difference {_v(diff)}){without}",
                kro.source,
                {
                    "volume": str(kro.keluaran.volume),
                    "jumlah_ro": str(total),
                    "selisih": str(diff),
                    "ro_tanpa_volume": missing,
                },
            )


@rule(
    "RO_SATUAN_OUTSIDE_KRO",
    Severity.WARNING,
    "Satuan RO termasuk satuan KRO-nya",
    "An RO's satuan is one of its KRO's satuan",
    "PMK 62/2023",
)
def ro_satuan(tree: RkaSatker) -> Iterator[Finding]:
    """An RO's satuan is one of the satuan printed on its KRO (case ignored)."""
    for p, k, kro, ro in tree.ro():
        allowed = {s.casefold() for s in kro.keluaran.satuan_set()}
        satuan = ro.keluaran.satuan
        if not allowed or not satuan or satuan.casefold() in allowed:
            continue
        yield Finding(
            "RO_SATUAN_OUTSIDE_KRO",
            Severity.WARNING,
            f"{p.kode}/{k.kode}/{kro.kode}/{ro.kode}",
            f"RO {kro.kode}.{ro.kode}: satuan {satuan!r} tidak termasuk satuan KRO ({kro.keluaran.satuan})",
            f"RO {kro.kode}.{ro.kode}: satuan {satuan!r} is not one of the KRO's satuan "
            f"({kro.keluaran.satuan})",
            ro.source,
            {"satuan": satuan, "satuan_kro": kro.keluaran.satuan_set()},
        )
