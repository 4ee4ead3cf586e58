"""Names: a code that neither the document nor any reference in use names (the shipped
tables and the rows users loaded, ``anggaran.reference``) prints as its code alone; the
findings say so once per code, not on every line that prints it.

:func:`tanpa_nama` lists them (``anggaran referensi missing`` writes them as a table to
fill in); the rule reports each once, at its first place, with the count of the others.
Akun are left to ``AKUN_TIDAK_DIKENAL`` when the akun table lacks the code itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from anggaran.core.findings import N_, Finding, Severity, SourceRef
from anggaran.core.kode import Level
from anggaran.core.tree import KRO, RO, Akun, Kegiatan, Program, RkaSatker, walk
from anggaran.reference import referensi
from anggaran.rules.registry import rule

#: each table's name in messages (a term of the catalogue)
LABEL = {
    "kementerian": N_("K/L"),
    "unit_organisasi": N_("organisational unit"),
    "satker": N_("work unit"),
    "lokasi": N_("location"),
    "program": N_("program"),
    "kegiatan": N_("kegiatan"),
    "kro": N_("KRO"),
    "ro": N_("RO"),
    "akun": N_("akun"),
    "sumber_dana": N_("sumber dana"),
}


@dataclass(frozen=True)
class Tempat:
    """Where an unnamed code is printed: the code path (empty for the header block) and
    the source location."""

    path: str
    source: SourceRef | None


def tanpa_nama(tree: RkaSatker) -> dict[tuple[str, str], list[Tempat]]:
    """(table, code) -> every place of a code that ``tree`` prints without a name: the
    document leaves it empty and no reference in use names it. Tables as
    :data:`anggaran.reference.JENIS` names them; codes as printed (``lokasi`` ``01.51``,
    ``ro`` ``6212.AEF.001``); in document order."""
    ref = referensi()
    out: dict[tuple[str, str], list[Tempat]] = {}

    def add(jenis: str, kode: str, nama: str | None, path: str, source: SourceRef | None = None) -> None:
        if not kode or (nama or "").strip() or ref.nama(jenis, kode):
            return
        out.setdefault((jenis, kode), []).append(Tempat(path, source))

    kl, unit = tree.kementerian.kode, tree.unit_organisasi.kode
    add("kementerian", kl, tree.kementerian.nama, "")
    add("unit_organisasi", f"{kl}.{unit}", tree.unit_organisasi.nama, "")
    add("satker", tree.satker.kode, tree.satker.nama, "")
    add("lokasi", tree.provinsi.kode, tree.provinsi.nama, "")
    if tree.lokasi.kode:
        add("lokasi", f"{tree.provinsi.kode}.{tree.lokasi.kode}", tree.lokasi.nama, "")
    for step in walk(tree, Level.AKUN):
        node = step.node
        if isinstance(node, Program):
            add("program", node.kode, node.nama, step.path, node.source)
        elif isinstance(node, Kegiatan):
            add("kegiatan", node.kode, node.nama, step.path, node.source)
        elif isinstance(node, KRO):
            add("kro", node.kode, node.nama, step.path, node.source)
            if node.lokasi:
                add("lokasi", node.lokasi, node.lokasi_nama, step.path, node.source)
        elif isinstance(node, RO):
            add("ro", f"{step.parent.kode}.{node.kode}", node.nama, step.path, node.source)  # type: ignore[union-attr]
        elif isinstance(node, Akun):
            add("akun", node.kode, node.nama, step.path, node.source)
            if node.sumber_dana:
                add("sumber_dana", node.sumber_dana, None, step.path, node.source)
    return out


@rule(
    "KODE_TANPA_NAMA",
    Severity.INFO,
    N_("Every code printed has a name (in the document or a reference in use)"),
    "reference/*.csv and the tables loaded with `anggaran referensi import`",
    N_(
        "{label:t} {kode}: neither the document nor a loaded reference names it; the documents print its "
        "code alone (`anggaran referensi missing` lists it to fill in)"
    ),
    {
        "lain": N_(
            "{label:t} {kode}: neither the document nor a loaded reference names it; the documents print "
            "its code alone, here and in {lain} more places (`anggaran referensi missing` lists it to fill "
            "in)"
        ),
    },
)
def kode_tanpa_nama(tree: RkaSatker) -> Iterator[Finding]:
    """One finding per unnamed code (see :func:`tanpa_nama`), at its first place; an akun
    the akun table lacks altogether is ``AKUN_TIDAK_DIKENAL``'s."""
    ref = referensi()
    for (jenis, kode), places in tanpa_nama(tree).items():
        if jenis == "akun" and not ref.akun_dikenal(kode):
            continue
        first = places[0]
        others = len(places) - 1
        yield Finding.of(
            "KODE_TANPA_NAMA",
            first.path,
            first.source,
            variant="lain" if others else "",
            jenis=jenis,
            label=LABEL[jenis],
            kode=kode,
            lain=others,
        )
