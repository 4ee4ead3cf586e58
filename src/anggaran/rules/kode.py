"""Code rules: every code has its level's format, sits under the right parent and is unique
among its siblings (PMK 62/2023 klasifikasi anggaran; formats in ``core.kode``)."""

from __future__ import annotations

from collections.abc import Iterator

from anggaran.core import kode as kd
from anggaran.core.findings import N_, Finding, Severity
from anggaran.core.tree import KRO, Kegiatan, Program, RkaSatker, segment, walk
from anggaran.rules.registry import rule

_HEADER_FORMATS = {
    "kementerian": (kd.KL, N_("3 digits")),
    "unit_organisasi": (kd.UNIT, N_("2 digits")),
    "satker": (kd.SATKER, N_("6 digits")),
    "provinsi": (kd.PROVINSI, N_("2 digits")),
    "lokasi": (kd.LOKASI, N_("2 digits")),
}

#: the levels of Bagian A with the format their codes have
_FORMATS = {
    kd.Level.PROGRAM: N_("KL.UNIT.XX (013.05.BF)"),
    kd.Level.KEGIATAN: N_("4 digits (5252)"),
    kd.Level.KRO: N_("KEGIATAN.XXX (5252.BDC)"),
    kd.Level.RO: N_("3 letters or digits (U01)"),
}


@rule(
    "KODE_FORMAT",
    Severity.ERROR,
    N_("Every code has its level's format"),
    "PMK 62/2023",
    N_("{level} code {kode!r} does not have the format {format:t}"),
    {"kepala": N_("Header code {kolom} {kode!r} does not have the format {format:t}")},
)
def kode_format(tree: RkaSatker) -> Iterator[Finding]:
    """Header codes and every program, kegiatan, KRO and RO code in its level's format."""
    for name, (pattern, expected) in _HEADER_FORMATS.items():
        value = getattr(tree, name).kode
        if not pattern.fullmatch(value):
            yield Finding.of(
                "KODE_FORMAT", "", None, variant="kepala", kolom=name, kode=value, format=expected
            )
    for step in walk(tree, kd.Level.RO):
        node = step.node
        kode = segment(node)
        if not kd.is_valid(step.level, kode):
            yield Finding.of(
                "KODE_FORMAT",
                step.path,
                node.source,
                level=step.level.nama,
                kode=kode,
                format=_FORMATS[step.level],
            )


@rule(
    "KODE_HIERARCHY",
    Severity.ERROR,
    N_("A program code starts with the header's K/L and unit; a KRO code with its kegiatan's"),
    "PMK 62/2023",
    N_("Program {kode} does not start with the header's K/L and unit ({awalan})"),
    {"kro": N_("KRO {kode} is listed under kegiatan {kegiatan}")},
)
def kode_hierarchy(tree: RkaSatker) -> Iterator[Finding]:
    """Program codes under the header's K/L and unit; KRO codes under their kegiatan."""
    prefix = f"{tree.kementerian.kode}.{tree.unit_organisasi.kode}."
    for step in walk(tree, kd.Level.KRO):
        node = step.node
        if isinstance(node, Program) and not node.kode.startswith(prefix):
            yield Finding.of("KODE_HIERARCHY", step.path, node.source, kode=node.kode, awalan=prefix)
        elif isinstance(node, KRO):
            kegiatan = step.parent
            assert isinstance(kegiatan, Kegiatan)
            if not node.kode.startswith(kegiatan.kode + "."):
                yield Finding.of(
                    "KODE_HIERARCHY",
                    step.path,
                    node.source,
                    variant="kro",
                    kode=node.kode,
                    kegiatan=kegiatan.kode,
                )


@rule(
    "KODE_DUPLICATE",
    Severity.ERROR,
    N_("Codes unique among their siblings (program, kegiatan, KRO, RO)"),
    "PMK 62/2023",
    N_("{level} code {kode} listed twice"),
    {"di_bawah": N_("{level} code {kode} listed twice under {induk}")},
)
def kode_duplicate(tree: RkaSatker) -> Iterator[Finding]:
    """A code listed twice among its siblings."""
    seen: set[tuple[int, str]] = set()  # (id of the parent list, code)
    for step in walk(tree, kd.Level.RO):
        node = step.node
        key = (id(step.parent), segment(node))
        if key in seen:
            parent = step.parent
            yield Finding.of(
                "KODE_DUPLICATE",
                step.path,
                node.source,
                variant="di_bawah" if parent is not None else "",
                level=step.level.nama,
                kode=segment(node),
                induk=segment(parent) if parent is not None else "",
            )
        seen.add(key)


@rule(
    "KEGIATAN_PROGRAM",
    Severity.ERROR,
    N_("A kegiatan belongs to one program"),
    "PMK 62/2023; DOMAIN.md rule 10",
    N_("Kegiatan {kode} is listed under programs {pertama} and {kedua}; a kegiatan belongs to one program"),
)
def kegiatan_program(tree: RkaSatker) -> Iterator[Finding]:
    """A kegiatan code listed under two programs."""
    first: dict[str, str] = {}
    for p, k in tree.kegiatan():
        other = first.setdefault(k.kode, p.kode)
        if other != p.kode:
            yield Finding.of(
                "KEGIATAN_PROGRAM", f"{p.kode}/{k.kode}", k.source, kode=k.kode, pertama=other, kedua=p.kode
            )
