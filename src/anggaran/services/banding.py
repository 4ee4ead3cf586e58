"""Use cases comparing two versions: an archive's semula (``m_*``) against its menjadi
(``d_*``), one file or archive against another, or two stored versions; the Matriks
Semula-Menjadi."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from anggaran.core.banding import per_jenis_belanja
from anggaran.core.errors import InputError
from anggaran.core.findings import N_, Finding
from anggaran.core.money import Rupiah
from anggaran.core.tree import RkaSatker
from anggaran.services.dokumen import Written, pdf_pool, safe_name, write_all
from anggaran.services.masukan import Input, open_input


@dataclass
class Perbandingan:
    """Two sides to compare: their trees and labels, and the reader errors met on the way
    (lines whose place is not certain: a comparison built on them would mislead).
    ``inputs`` are the files read (never written over)."""

    judul: str
    label_semula: str
    label_menjadi: str
    semula: list[RkaSatker]
    menjadi: list[RkaSatker]
    read_errors: list[Finding] = field(default_factory=list)
    inputs: list[Path] = field(default_factory=list)

    def jumlah(self) -> tuple[Rupiah, Rupiah]:
        """(semula, menjadi) totals in whole rupiah."""
        return (sum(t.jumlah().jumlah for t in self.semula), sum(t.jumlah().jumlah for t in self.menjadi))

    def per_jenis_belanja(self) -> dict[str, tuple[Rupiah, Rupiah]]:
        """jenis belanja -> (semula, menjadi), in code order."""
        return per_jenis_belanja(self.semula, self.menjadi)

    def has_rincian(self) -> bool:
        """Whether both sides carry their akun (a Bagian A stops at RO)."""
        return all(t.has_rincian() for t in self.semula + self.menjadi)

    def satker(self) -> dict[str, int]:
        """How many satkers are ``berubah`` (changed), ``tetap``, ``baru`` (only in menjadi)
        and ``dihapus`` (only in semula), comparing their trees."""
        old = {t.satker.kode: t for t in self.semula}
        new = {t.satker.kode: t for t in self.menjadi}
        counts = {"berubah": 0, "tetap": 0, "baru": 0, "dihapus": 0}
        for kode in set(old) | set(new):
            if kode not in old:
                counts["baru"] += 1
            elif kode not in new:
                counts["dihapus"] += 1
            else:
                counts["tetap" if old[kode] == new[kode] else "berubah"] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        before, after = self.jumlah()
        return {
            "semula": self.label_semula,
            "menjadi": self.label_menjadi,
            "jumlah": {"semula": before, "menjadi": after, "selisih": after - before},
            "per_jenis_belanja": {
                k: {"semula": a, "menjadi": b, "selisih": b - a}
                for k, (a, b) in self.per_jenis_belanja().items()
            }
            if self.has_rincian()
            else {},
            "satker": self.satker(),
        }


def _side(inp: Input, satker: str | None) -> list[RkaSatker]:
    return [c.tree for c in inp.satker if satker is None or c.tree.satker.kode == satker]


def perbandingan(old: Path, new: Path | None = None, satker: str | None = None) -> Perbandingan:
    """What to compare: with one path, an archive's ``m_*`` tables (semula) against its
    ``d_*`` tables (menjadi); with two, the first version against the second (archives or
    single documents). ``satker`` keeps one satker, which may be on one side only. Raises
    InputError when an input cannot be read, an archive has no semula tables, or
    ``satker`` is on neither side. Reader errors (semula faults of an archive are
    warnings) come in ``read_errors``."""
    if new is None:
        inp = open_input(old, satker=satker)
        if not inp.is_arsip:
            raise InputError(
                N_("one file only: an ADK archive with m_* (semula) tables is needed"),
                file=str(old),
                expected=N_("an ADK archive, or two versions: OLD NEW"),
            )
        if inp.semula is None:
            raise InputError(
                N_("this archive has no semula tables (m_item etc.)"),
                file=str(old),
                expected=N_("an ADK revision archive, or two versions: OLD NEW"),
            )
        return Perbandingan(
            old.name, "semula (m_*)", "menjadi (d_*)", inp.semula, _side(inp, None), inp.read_errors, [old]
        )
    a, b = open_input(old), open_input(new)
    before, after = _side(a, satker), _side(b, satker)
    if satker is not None and not before and not after:
        raise InputError(N_("satker {satker} is in neither version"), file=f"{old} / {new}", satker=satker)
    errors = [
        f for f in a.read_errors + b.read_errors if satker is None or f.args.get("satker") in (None, satker)
    ]
    return Perbandingan(f"{old.name} -> {new.name}", old.name, new.name, before, after, errors, [old, new])


def write_diff(p: Perbandingan, out_dir: Path) -> Written:
    """Write the matrix of the whole comparison (``matriks-semula-menjadi.*``) and one per
    satker (``<satker>/matriks-semula-menjadi-<satker>.*``) as PDF, XLSX and HTML."""
    files = matriks_files(p)
    targets = {out_dir / name: data for name, data in files.items()}
    notes: list[Finding] = []
    write_all(targets, inputs=p.inputs)
    return Written(list(targets), notes)


def matriks_files(p: Perbandingan, formats: tuple[str, ...] = ("pdf", "xlsx", "html")) -> dict[Path, bytes]:
    """The matrices of a comparison by relative file name: the whole comparison's, and one
    per satker (in its folder) when there are several."""
    from anggaran.reports import matriks, tabel

    laps = {
        Path("matriks-semula-menjadi"): matriks.matriks_arsip(
            p.semula, p.menjadi, p.judul, p.label_semula, p.label_menjadi
        )
    }
    for kode, old, new in matriks.pasangan(p.semula, p.menjadi):
        folder = Path(safe_name(kode))
        laps[folder / f"matriks-semula-menjadi-{safe_name(kode)}"] = matriks.matriks_satker(
            old, new, p.label_semula, p.label_menjadi
        )
    files: dict[Path, bytes] = {}
    with pdf_pool() as pool:
        futures = {stem: pool.submit(tabel.render_pdf, lap) for stem, lap in laps.items() if "pdf" in formats}
        for stem, lap in laps.items():
            if "xlsx" in formats:
                files[stem.with_name(stem.name + ".xlsx")] = tabel.render_xlsx(lap, "Matriks")
            if "html" in formats:
                files[stem.with_name(stem.name + ".html")] = tabel.render_html(lap).encode("utf-8")
        for stem, future in futures.items():
            files[stem.with_name(stem.name + ".pdf")] = future.result()
    return files
