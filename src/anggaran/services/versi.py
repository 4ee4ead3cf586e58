"""Use cases on the store of versions: import a file (a Bagian A, a canonical JSON, an ADK
archive with many satkers) as new versions, list and load them, check, export and compare
stored versions.

An import is atomic: the file's every satker is stored, or nothing is. A file whose bytes
were imported before (same SHA-256) is recognised and not stored again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from anggaran.core.errors import InputError
from anggaran.core.findings import Finding, Severity
from anggaran.formats import json as canonical
from anggaran.rules import run_rules
from anggaran.services.arsip import is_adk
from anggaran.services.banding import Perbandingan
from anggaran.services.dokumen import Checked, load
from anggaran.store import TAHAP, BerkasBaru, BerkasInfo, Store, VersiBaru, VersiInfo

__all__ = ["HasilImpor", "Store", "checked_versi", "impor", "parse_tahap", "perbandingan_versi",
           "sha256_path"]

_TAHAP_RE = re.compile(r"^\s*(pagu[- ]indikatif|pagu[- ]anggaran|alokasi(?:[- ]anggaran)?|dipa|"
                       r"revisi(?:[- ]?(?:ke)?[- ]?(\d{1,3}))?)\s*$", re.IGNORECASE)


def parse_tahap(text: str) -> tuple[str, int | None]:
    """``"revisi-2"`` -> ``("revisi", 2)``; ``"DIPA"`` -> ``("dipa", None)``. Accepts the
    values of :data:`anggaran.store.TAHAP` with spaces or dashes (``pagu anggaran``,
    ``revisi ke-2``, ``alokasi``). Raises ValueError for anything else, and for a revisi
    without its number (DOMAIN.md: revisi 1, 2, …)."""
    match = _TAHAP_RE.match(text)
    if match is None:
        raise ValueError(f"unknown stage {text!r}")
    word = re.sub(r"[\s-]+", "-", match.group(1).lower())
    if word.startswith("revisi"):
        if match.group(2) is None or int(match.group(2)) < 1:
            raise ValueError(f"a revision needs its number (revisi-1, revisi-2 …), not {text!r}")
        return "revisi", int(match.group(2))
    if word == "alokasi":
        word = "alokasi-anggaran"
    assert word in TAHAP
    return word, None


def sha256_path(path: Path) -> tuple[str, int]:
    """(SHA-256 hex, size in bytes) of a file; of a folder (an unpacked ADK), over its
    files' relative paths and bytes in name order. Raises InputError when unreadable."""
    h = hashlib.sha256()
    size = 0
    try:
        if path.is_dir():
            for f in sorted(p for p in path.rglob("*") if p.is_file()):
                data = f.read_bytes()
                h.update(f.relative_to(path).as_posix().encode() + b"\0" + len(data).to_bytes(8, "big"))
                h.update(data)
                size += len(data)
        else:
            with open(path, "rb") as fh:
                while chunk := fh.read(1 << 20):
                    h.update(chunk)
                    size += len(chunk)
    except FileNotFoundError:
        raise InputError("berkas tidak ditemukan", file=str(path)) from None
    except OSError as exc:
        raise InputError(f"berkas tidak dapat dibaca: {exc.strerror}", file=str(path)) from None
    return h.hexdigest(), size


@dataclass
class HasilImpor:
    """What an import did. ``baru`` False: the file was imported before (``berkas`` is
    that import) and nothing was stored. ``checked``: each satker read, with its findings
    (reader's and rules'); ``read_errors``: lines the reader could not place (then nothing
    is stored and ``berkas`` is None)."""

    file: str
    format: str
    berkas: BerkasInfo | None
    baru: bool
    checked: list[Checked] = field(default_factory=list)
    read_errors: list[Finding] = field(default_factory=list)
    versi: list[VersiInfo] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for c in self.checked for f in c.findings]


def _read(path: Path) -> tuple[str, list[Checked], list[Finding]]:
    """(format, one Checked per satker, reader errors) of any readable input."""
    if is_adk(path):
        from anggaran.services.arsip import check_arsip

        arsip = check_arsip(path)
        return "adk", arsip.satker, arsip.read_errors
    result = load(path)
    c = Checked(str(path), result.tree, result.findings + run_rules(result.tree))
    fmt = "json" if canonical.looks_like_json(path.read_bytes()) else "rka-text"
    return fmt, [c], c.read_errors


def impor(store: Store, path: Path, *, tahap: tuple[str, int | None] | None = None,
          catatan: str = "", oleh: str, pada: dt.datetime,
          progress: Callable[[int, int], None] | None = None) -> HasilImpor:
    """Import ``path`` (a Bagian A text, a canonical JSON, an ADK folder or archive) into
    ``store``: one new version per satker, all in one transaction, stored by ``oleh`` at
    ``pada`` with ``catatan``. ``tahap`` is (stage, revision number) as
    :func:`parse_tahap` gives; None takes the document's own ``tahap`` when it names one,
    else the stage is left unknown. Nothing is stored when the file was imported before
    (recognised by its SHA-256) or when the reader could not place a line. Raises
    InputError when the file cannot be read or the database refuses it (then nothing is
    stored either)."""
    sha, size = sha256_path(path)
    before = store.berkas(sha)
    if before is not None:
        return HasilImpor(str(path), before.format, before, False, versi=store.daftar(ids=list(before.versi)))
    fmt, checked, read_errors = _read(path)
    if read_errors:
        return HasilImpor(str(path), fmt, None, False, checked, read_errors)
    new = []
    for c in checked:
        stage = tahap
        if stage is None and c.tree.dokumen.tahap:
            try:
                stage = parse_tahap(c.tree.dokumen.tahap)
            except ValueError:
                stage = None
        sidik = hashlib.sha256(canonical.dumps(c.tree)).hexdigest()
        new.append(VersiBaru(c.tree, *(stage or (None, None)), sidik=sidik))
    berkas = store.simpan(BerkasBaru(os.path.basename(os.path.normpath(path)), sha, size, fmt), new,
                          oleh, pada, catatan, progress)
    return HasilImpor(str(path), fmt, berkas, True, checked, [], store.daftar(ids=list(berkas.versi)))


def checked_versi(store: Store, ref: str) -> tuple[VersiInfo, Checked]:
    """The version ``ref`` names (id, or satker code for its latest) with its tree checked
    by every rule (the file name of the Checked is ``versi <id>``). Raises InputError."""
    info = store.versi(ref)
    tree = store.muat(info.id)
    return info, Checked(f"versi {info.id}", tree, run_rules(tree))


def label(info: VersiInfo) -> str:
    """``versi 12 (015116, TA 2026, dipa)``: a version as the comparison labels it."""
    return f"versi {info.id} ({info.satker}, TA {info.tahun_anggaran}, {info.tahap_label})"


def perbandingan_versi(store: Store, semula: str, menjadi: str) -> Perbandingan:
    """The matriks semula-menjadi of two stored versions (ids or satker codes), which may
    be of different satkers or years. Raises InputError when one does not exist."""
    a, b = store.versi(semula), store.versi(menjadi)
    return Perbandingan(f"versi {a.id} -> versi {b.id}", label(a), label(b),
                        [store.muat(a.id)], [store.muat(b.id)])


def errors_of(findings: list[Finding]) -> list[Finding]:
    """The errors among ``findings``."""
    return [f for f in findings if f.severity is Severity.ERROR]
