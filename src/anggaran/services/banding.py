"""Use cases comparing two versions: an archive's semula (``m_*``) against its menjadi
(``d_*``), or one file or archive against another; the Matriks Semula-Menjadi."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from anggaran.core.banding import per_jenis_belanja
from anggaran.core.errors import InputError
from anggaran.core.findings import Finding, Severity
from anggaran.core.money import Rupiah
from anggaran.core.tree import RkaSatker
from anggaran.services.arsip import is_adk
from anggaran.services.dokumen import load, safe_name, write_all


@dataclass
class Perbandingan:
    """Two sides to compare: their trees and labels, and the reader errors met on the way
    (lines whose place is not certain: a comparison built on them would mislead)."""

    judul: str
    label_semula: str
    label_menjadi: str
    semula: list[RkaSatker]
    menjadi: list[RkaSatker]
    read_errors: list[Finding] = field(default_factory=list)

    def jumlah(self) -> tuple[Rupiah, Rupiah]:
        """(semula, menjadi) totals in whole rupiah."""
        return (sum(t.jumlah().jumlah for t in self.semula), sum(t.jumlah().jumlah for t in self.menjadi))

    def per_jenis_belanja(self) -> dict[str, tuple[Rupiah, Rupiah]]:
        """jenis belanja -> (semula, menjadi), in code order."""
        return per_jenis_belanja(self.semula, self.menjadi)

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


def _errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR and f.rule.startswith("READ_")]


def _trees(path: Path, satker: str | None) -> tuple[list[RkaSatker], list[Finding]]:
    """The trees of one side, and its reader errors. ``satker`` filters without failing:
    a satker may be on one side only."""
    from anggaran.formats.adk.reader import read_adk

    if is_adk(path):
        result = read_adk(path)
        trees = [t for t in result.arsip.satker if satker is None or t.satker.kode == satker]
        return trees, _errors(
            [f for f in result.findings if satker is None or f.data.get("satker") == satker]
        )
    read = load(path)
    keep = satker is None or read.tree.satker.kode == satker
    return ([read.tree] if keep else []), _errors(read.findings)


def perbandingan(old: Path, new: Path | None = None, satker: str | None = None) -> Perbandingan:
    """What to compare: with one path, an archive's ``m_*`` tables (semula) against its
    ``d_*`` tables (menjadi); with two, the first version against the second (archives or
    single documents). Raises InputError when an input cannot be read, an archive has no
    semula tables, or ``satker`` is on neither side. Reader errors (semula faults of an
    archive are warnings) come in ``read_errors``."""
    from anggaran.formats.adk.reader import read_adk

    if new is None:
        if not is_adk(old):
            raise InputError(
                "satu berkas saja: perlu arsip ADK yang memuat tabel m_* (semula)",
                file=str(old),
                expected="arsip ADK, atau dua versi: LAMA BARU",
            )
        result = read_adk(old, satker)
        if result.arsip.semula is None:
            raise InputError(
                "arsip ini tidak memuat tabel semula (m_item dst.)",
                file=str(old),
                expected="arsip ADK revisi, atau dua versi: LAMA BARU",
            )
        return Perbandingan(
            old.name,
            "semula (m_*)",
            "menjadi (d_*)",
            result.arsip.semula,
            result.arsip.satker,
            _errors(result.findings),
        )
    before, errors_before = _trees(old, satker)
    after, errors_after = _trees(new, satker)
    if satker is not None and not before and not after:
        raise InputError(f"satker {satker} tidak ada di kedua versi", file=f"{old} / {new}")
    return Perbandingan(
        f"{old.name} -> {new.name}", old.name, new.name, before, after, errors_before + errors_after
    )


def write_diff(p: Perbandingan, out_dir: Path) -> list[Path]:
    """Write the matrix of the whole comparison (``matriks-semula-menjadi.*``) and one per
    satker (``<satker>/matriks-semula-menjadi-<satker>.*``) as PDF, XLSX and HTML."""
    from anggaran.reports import matriks, tabel

    laps = {
        out_dir / "matriks-semula-menjadi": matriks.matriks_arsip(
            p.semula, p.menjadi, p.judul, p.label_semula, p.label_menjadi
        )
    }
    for kode, old, new in matriks.pasangan(p.semula, p.menjadi):
        folder = out_dir / safe_name(kode)
        laps[folder / f"matriks-semula-menjadi-{safe_name(kode)}"] = matriks.matriks_satker(
            old, new, p.label_semula, p.label_menjadi
        )
    files: dict[Path, bytes] = {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {stem: pool.submit(tabel.render_pdf, lap) for stem, lap in laps.items()}
        for stem, lap in laps.items():
            files[stem.with_name(stem.name + ".xlsx")] = tabel.render_xlsx(lap, "Matriks")
            files[stem.with_name(stem.name + ".html")] = tabel.render_html(lap).encode("utf-8")
        for stem, future in futures.items():
            files[stem.with_name(stem.name + ".pdf")] = future.result()
    write_all(files)
    return list(files)
