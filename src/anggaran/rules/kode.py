"""Code rules: every code has its level's format, sits under the right parent and is unique
among its siblings (PMK 62/2023 klasifikasi anggaran; formats in ``core.kode``)."""

from __future__ import annotations

from collections.abc import Iterator

from anggaran.core import kode as kd
from anggaran.core.findings import Finding, Severity, SourceRef
from anggaran.core.tree import RkaSatker
from anggaran.rules.registry import rule

_HEADER_FORMATS = {
    "kementerian": (kd.KL, "3 digit"),
    "unit_organisasi": (kd.UNIT, "2 digit"),
    "satker": (kd.SATKER, "6 digit"),
    "provinsi": (kd.PROVINSI, "2 digit"),
    "lokasi": (kd.LOKASI, "2 digit"),
}


def _format(
    path: str, level: kd.Level, kode: str, expected: str, source: SourceRef | None
) -> Iterator[Finding]:
    if not kd.is_valid(level, kode):
        yield Finding(
            "KODE_FORMAT",
            Severity.ERROR,
            path,
            f"Kode {level.value} {kode!r} tidak berformat {expected}",
            f"{level.value} code {kode!r} does not have the format {expected}",
            source,
            {"kode": kode, "format": expected},
        )


@rule(
    "KODE_FORMAT",
    Severity.ERROR,
    "Setiap kode berformat tingkatnya",
    "Every code has its level's format",
    "PMK 62/2023",
)
def kode_format(tree: RkaSatker) -> Iterator[Finding]:
    """Header codes and every program, kegiatan, KRO and RO code in its level's format."""
    for name, (pattern, expected) in _HEADER_FORMATS.items():
        value = getattr(tree, name).kode
        if not pattern.fullmatch(value):
            yield Finding(
                "KODE_FORMAT",
                Severity.ERROR,
                "",
                f"Kode {name} {value!r} di kepala dokumen tidak berformat {expected}",
                f"Header code {name} {value!r} does not have the format {expected}",
                None,
                {"kode": value, "format": expected},
            )
    for p in tree.program:
        yield from _format(p.kode, kd.Level.PROGRAM, p.kode, "KL.UNIT.XX (013.05.BF)", p.source)
        for k in p.kegiatan:
            kp = f"{p.kode}/{k.kode}"
            yield from _format(kp, kd.Level.KEGIATAN, k.kode, "4 digit (5252)", k.source)
            for kro in k.kro:
                yield from _format(
                    f"{kp}/{kro.kode}", kd.Level.KRO, kro.kode, "KEGIATAN.XXX (5252.BDC)", kro.source
                )
                for ro in kro.ro:
                    yield from _format(
                        f"{kp}/{kro.kode}/{ro.kode}", kd.Level.RO, ro.kode, "3 huruf/angka (U01)", ro.source
                    )


@rule(
    "KODE_HIERARCHY",
    Severity.ERROR,
    "Kode program diawali K/L dan unit kepala dokumen; kode KRO diawali kode kegiatannya",
    "A program code starts with the header's K/L and unit; a KRO code with its kegiatan's",
    "PMK 62/2023",
)
def kode_hierarchy(tree: RkaSatker) -> Iterator[Finding]:
    """Program codes under the header's K/L and unit; KRO codes under their kegiatan."""
    prefix = f"{tree.kementerian.kode}.{tree.unit_organisasi.kode}."
    for p in tree.program:
        if not p.kode.startswith(prefix):
            yield Finding(
                "KODE_HIERARCHY",
                Severity.ERROR,
                p.kode,
                f"Program {p.kode} tidak diawali K/L dan unit kepala dokumen ({prefix})",
                f"Program {p.kode} does not start with the header's K/L and unit ({prefix})",
                p.source,
                {"kode": p.kode, "awalan": prefix},
            )
        for k in p.kegiatan:
            for kro in k.kro:
                if not kro.kode.startswith(k.kode + "."):
                    yield Finding(
                        "KODE_HIERARCHY",
                        Severity.ERROR,
                        f"{p.kode}/{k.kode}/{kro.kode}",
                        f"KRO {kro.kode} tercantum di bawah kegiatan {k.kode}",
                        f"KRO {kro.kode} is listed under kegiatan {k.kode}",
                        kro.source,
                        {"kode": kro.kode, "kegiatan": k.kode},
                    )


@rule(
    "KODE_DUPLICATE",
    Severity.ERROR,
    "Kode unik di antara saudaranya (program, kegiatan, KRO, RO)",
    "Codes unique among their siblings (program, kegiatan, KRO, RO)",
    "PMK 62/2023",
)
def kode_duplicate(tree: RkaSatker) -> Iterator[Finding]:
    """A code listed twice among its siblings."""
    groups: list[tuple[str, str, list[tuple[str, SourceRef | None]]]] = [
        ("", "program", [(p.kode, p.source) for p in tree.program])
    ]
    for p in tree.program:
        groups.append((p.kode, "kegiatan", [(k.kode, k.source) for k in p.kegiatan]))
        for k in p.kegiatan:
            kp = f"{p.kode}/{k.kode}"
            groups.append((kp, "KRO", [(x.kode, x.source) for x in k.kro]))
            for kro in k.kro:
                groups.append((f"{kp}/{kro.kode}", "RO", [(r.kode, r.source) for r in kro.ro]))
    for parent, level, codes in groups:
        seen: set[str] = set()
        for code, source in codes:
            if code in seen:
                where = f" di bawah {parent.split('/')[-1]}" if parent else ""
                where_en = f" under {parent.split('/')[-1]}" if parent else ""
                yield Finding(
                    "KODE_DUPLICATE",
                    Severity.ERROR,
                    f"{parent}/{code}" if parent else code,
                    f"Kode {level} {code} tercantum dua kali{where}",
                    f"{level} code {code} listed twice{where_en}",
                    source,
                    {"kode": code},
                )
            seen.add(code)


@rule(
    "KEGIATAN_PROGRAM",
    Severity.ERROR,
    "Satu kegiatan hanya milik satu program",
    "A kegiatan belongs to one program",
    "PMK 62/2023; DOMAIN.md rule 10",
)
def kegiatan_program(tree: RkaSatker) -> Iterator[Finding]:
    """A kegiatan code listed under two programs."""
    first: dict[str, str] = {}
    for p in tree.program:
        for k in p.kegiatan:
            other = first.setdefault(k.kode, p.kode)
            if other != p.kode:
                yield Finding(
                    "KEGIATAN_PROGRAM",
                    Severity.ERROR,
                    f"{p.kode}/{k.kode}",
                    f"Kegiatan {k.kode} tercantum di bawah program {other} dan "
                    f"{p.kode}; satu kegiatan hanya milik satu program",
                    f"Kegiatan {k.kode} is listed under programs {other} and "
                    f"{p.kode}; a kegiatan belongs to one program",
                    k.source,
                    {"kode": k.kode, "program": [other, p.kode]},
                )
