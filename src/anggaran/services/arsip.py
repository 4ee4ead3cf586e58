"""Use cases on a SAKTI ADK archive (many satkers): read and check every satker, and write
their documents and the archive summary."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from anggaran.core.arsip import Arsip
from anggaran.core.findings import Finding, Severity, has_errors
from anggaran.formats.adk.source import archive_stem, is_archive_bytes
from anggaran.rules import run_rules
from anggaran.services.dokumen import Checked, safe_name, satker_files, write_all


def is_adk(path: Path) -> bool:
    """Whether ``path`` is an ADK: a folder (of table files), or an archive (zip, rar, 7z,
    tar, gzip/bzip2/xz) told by its first bytes, whatever its name."""
    if path.is_dir():
        return True
    try:
        with open(path, "rb") as f:
            head = f.read(265)
    except OSError:
        return False
    return is_archive_bytes(head)


@dataclass
class CheckedArsip:
    """An archive read and checked: per satker a :class:`Checked` (the reader's findings
    about it, then the rules' on its menjadi tree), and ``lain``: the reader's findings
    about satkers that are only in the semula tables."""

    file: str
    arsip: Arsip
    satker: list[Checked]
    lain: list[Finding] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(c.has_errors for c in self.satker) or has_errors(self.lain)

    @property
    def findings(self) -> list[Finding]:
        return [f for c in self.satker for f in c.findings] + self.lain

    @property
    def read_errors(self) -> list[Finding]:
        """Reader errors (menjadi side): lines whose place in the tree is not certain."""
        return [f for c in self.satker for f in c.read_errors] + [
            f for f in self.lain if f.severity is Severity.ERROR and f.rule.startswith("READ_")
        ]

    def findings_by_satker(self) -> dict[str, list[Finding]]:
        return {c.tree.satker.kode: c.findings for c in self.satker}


def check_arsip(path: Path, satker: str | None = None) -> CheckedArsip:
    """Read the ADK at ``path`` and check every satker (or only ``satker``). The rules
    apply to the budget as it stands (menjadi, the ``d_*`` tables); what the reader finds
    wrong in the semula tables comes as warnings. Raises InputError."""
    from anggaran.formats.adk.reader import read_adk  # only archives need the ADK reader

    result = read_adk(path, satker)
    by_satker: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_satker.setdefault(str(f.data.get("satker", "")), []).append(f)
    checked = [
        Checked(str(path), t, by_satker.pop(t.satker.kode, []) + run_rules(t)) for t in result.arsip.satker
    ]
    rest = [f for fs in by_satker.values() for f in fs]
    return CheckedArsip(str(path), result.arsip, checked, rest)


def report_arsip(
    checked: CheckedArsip, out_dir: Path, lang: str = "id", progress: Callable[[int, int], None] | None = None
) -> list[Path]:
    """Write, for every satker of the archive, into ``out_dir/<satker>/`` its documents
    (see :func:`~anggaran.services.dokumen.satker_files`: Bagian A, Bagian B, rekap, JSON,
    findings), and into ``out_dir`` the archive summary (``ringkasan-<archive>``: PDF,
    XLSX, HTML). PDFs are compiled on two threads while the rest renders; everything is
    rendered before the first file is written. ``progress(done, total)`` is called per
    satker. Raises OSError naming the file when one cannot be written (nothing is left)."""
    from anggaran.reports import rincian, tabel

    files: dict[Path, bytes] = {}
    pdfs: list[tuple[Path, Future[bytes]]] = []
    total = len(checked.satker)
    with ThreadPoolExecutor(max_workers=2) as pool:
        summary = rincian.ringkasan(checked.arsip, checked.findings_by_satker())
        name = f"ringkasan-{safe_name(archive_stem(checked.arsip.nama))}"
        pdfs.append((out_dir / f"{name}.pdf", pool.submit(tabel.render_pdf, summary)))
        files[out_dir / f"{name}.xlsx"] = tabel.render_xlsx(summary, "Ringkasan")
        files[out_dir / f"{name}.html"] = tabel.render_html(summary).encode("utf-8")
        for n, c in enumerate(checked.satker, 1):
            satker_files(c, out_dir / safe_name(c.tree.satker.kode), lang, pool, pdfs, files)
            if progress is not None:
                progress(n, total)
        for path, future in pdfs:
            files[path] = future.result()
    write_all(files)
    return list(files)
