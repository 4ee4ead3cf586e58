"""Use cases: read a document, check it, export and report it. The CLI (and later the web
application) call these; they own the file I/O and keep writes atomic."""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from anggaran.core.arsip import Arsip
from anggaran.core.errors import InputError
from anggaran.core.findings import Finding, Severity, has_errors
from anggaran.core.tree import RkaSatker
from anggaran.formats import json as canonical
from anggaran.formats.adk.reader import read_adk
from anggaran.formats.result import ReadResult
from anggaran.formats.rka_text.lexicon import decode
from anggaran.formats.rka_text.reader import looks_like_rka_text, read_rka_text
from anggaran.reports import bagian_a
from anggaran.reports.findings import render_findings_json, render_findings_text
from anggaran.rules import run_rules

Reader = Callable[[bytes, str], ReadResult]

#: input formats: name -> (recogniser, reader); recognised in this order
INPUT_FORMATS: dict[str, tuple[Callable[[bytes], bool], Reader]] = {
    "json": (canonical.looks_like_json, canonical.read_json),
    "rka-text": (looks_like_rka_text, read_rka_text),
}

#: export formats: name -> file extension
EXPORT_FORMATS = {"json": "json", "xlsx": "xlsx", "html": "html", "pdf": "pdf", "text": "txt"}


@dataclass
class Checked:
    """A document read and checked: the tree and every finding (reader's, then rules')."""

    file: str
    tree: RkaSatker
    findings: list[Finding]

    @property
    def has_errors(self) -> bool:
        return has_errors(self.findings)

    @property
    def read_errors(self) -> list[Finding]:
        """Errors of the reader: lines it could not place, so the tree is incomplete."""
        return [f for f in self.findings
                if f.severity is Severity.ERROR and f.rule.startswith("READ_")]


def read_bytes(path: Path) -> bytes:
    """The file's bytes. Raises InputError when it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("berkas tidak ditemukan", file=str(path)) from None
    except IsADirectoryError:
        raise InputError("ini folder, bukan berkas", file=str(path)) from None
    except OSError as exc:
        raise InputError(f"berkas tidak dapat dibaca: {exc.strerror}", file=str(path)) from None


def load(path: Path, from_: str | None = None) -> ReadResult:
    """Read ``path`` into a tree. The format is recognised from the content unless
    ``from_`` names it (a key of ``INPUT_FORMATS``). Raises InputError."""
    data = read_bytes(path)
    name = str(path)
    if from_ is not None:
        if from_ not in INPUT_FORMATS:
            raise InputError(f"format masukan tidak dikenal: {from_}",
                             expected=", ".join(INPUT_FORMATS))
        return INPUT_FORMATS[from_][1](data, name)
    for recognise, reader in INPUT_FORMATS.values():
        if recognise(data):
            return reader(data, name)
    if data.startswith(b"%PDF"):
        raise InputError("berkas PDF belum dapat dibaca langsung", file=name,
                         expected="teks yang diekstrak dari PDF RKA Satker (berpisah tab)")
    decode(data, name)  # says "binary" or where the bytes are not text, when they are not
    raise InputError("format tidak dikenali", file=name,
                     expected="RKA Satker Bagian A (teks) atau JSON rka-satker/1")


def check(path: Path, from_: str | None = None) -> Checked:
    """Read and check ``path``: the reader's findings, then every rule's. Raises InputError."""
    result = load(path, from_)
    return Checked(str(path), result.tree, result.findings + run_rules(result.tree))


def render(checked: Checked, to: str, lang: str = "id",
           report: bagian_a.BagianA | None = None) -> bytes:
    """The document in export format ``to`` (a key of ``EXPORT_FORMATS``). ``report`` is the
    Bagian A model when the caller already built it."""
    if to == "json":
        return canonical.dumps(checked.tree)
    # renderers are imported when needed, so `anggaran check` starts without Typst & co.
    from anggaran.reports.html import render_html
    from anggaran.reports.pdf import render_pdf
    from anggaran.reports.text import render_text
    from anggaran.reports.xlsx import render_xlsx

    report = report or bagian_a.build(checked.tree)
    if to == "pdf":
        return render_pdf(report)
    if to == "xlsx":
        return render_xlsx(report, checked.findings, lang)
    if to == "html":
        return render_html(report, checked.findings, lang).encode("utf-8")
    if to == "text":
        return render_text(report).encode("utf-8")
    raise ValueError(f"unknown export format {to!r}")


def base_name(tree: RkaSatker) -> str:
    """``rka-satker-2023-109141-bagian-a``: the stem of every file written for a tree. Only
    letters, digits, dots and dashes, so a code from a foreign JSON cannot leave the
    output folder."""
    stem = (f"rka-satker-{tree.dokumen.tahun_anggaran}-{tree.satker.kode}-"
            f"bagian-{tree.dokumen.bagian.lower().replace('+', '')}")
    return re.sub(r"[^0-9A-Za-z.-]+", "_", stem).strip(".") or "rka-satker"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader never sees half a file. Raises OSError."""
    write_all({path: data})


def write_all(files: dict[Path, bytes]) -> None:
    """Write several files all or nothing, as far as a file system allows: every file goes
    to a temporary file beside its target first, and only when all are written are they
    renamed into place. A symlink is followed (its target is replaced); a device or pipe
    (``/dev/null``) is written directly; an existing file keeps its permissions. Raises
    OSError naming the file; nothing is left behind when a temporary write fails."""
    staged: list[tuple[str, Path]] = []
    direct: list[tuple[Path, bytes]] = []
    try:
        for path, data in files.items():
            target = Path(os.path.realpath(path))
            if target.exists() and not target.is_file():
                if target.is_dir():
                    raise IsADirectoryError(errno.EISDIR, "ini folder", str(path))
                direct.append((target, data))
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                       suffix=".tmp")
            staged.append((tmp, target))
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
            os.chmod(tmp, mode)
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
    for tmp, target in staged:
        os.replace(tmp, target)
    for target, data in direct:
        with open(target, "wb") as f:
            f.write(data)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def report(checked: Checked, out_dir: Path, lang: str = "id") -> list[Path]:
    """Write the PDF, XLSX, HTML, JSON, text and the findings (text and JSON) of a checked
    document into ``out_dir``. Everything is rendered before the first file is written; the
    PDF on a second thread (Typst releases the GIL), so it overlaps the other renderers."""
    stem = base_name(checked.tree)
    model = bagian_a.build(checked.tree)
    with ThreadPoolExecutor(max_workers=1) as pool:
        pdf = pool.submit(render, checked, "pdf", lang, model)
        files = {f"{stem}.{ext}": render(checked, to, lang, model)
                 for to, ext in EXPORT_FORMATS.items() if to != "pdf"}
        files[f"{stem}.pdf"] = pdf.result()
    files[f"{stem}.temuan.txt"] = render_findings_text(checked.findings, lang).encode("utf-8")
    files[f"{stem}.temuan.json"] = render_findings_json(checked.findings,
                                                        checked.file).encode("utf-8")
    targets = {out_dir / name: data for name, data in files.items()}
    write_all(targets)
    return list(targets)


# -- SAKTI ADK archives (many satkers) ---------------------------------------------------

_ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c")


def is_adk(path: Path) -> bool:
    """Whether ``path`` is an ADK: a folder of table files, or an archive (zip, rar, 7z),
    told by its first bytes."""
    if path.is_dir():
        return True
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError:
        return False
    return head.startswith(_ARCHIVE_MAGIC)


@dataclass
class CheckedArsip:
    """An archive read and checked: per satker a :class:`Checked` (its reader findings and
    rule findings, menjadi side)."""

    file: str
    arsip: Arsip
    satker: list[Checked]

    @property
    def has_errors(self) -> bool:
        return any(c.has_errors for c in self.satker)

    @property
    def findings(self) -> list[Finding]:
        return [f for c in self.satker for f in c.findings]

    def findings_by_satker(self) -> dict[str, list[Finding]]:
        return {c.tree.satker.kode: c.findings for c in self.satker}


def check_arsip(path: Path, satker: str | None = None) -> CheckedArsip:
    """Read the ADK at ``path`` and check every satker (or only ``satker``). The checks
    apply to the budget as it stands (menjadi); semula is history. Raises InputError."""
    result = read_adk(path, satker)
    by_satker: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_satker.setdefault(str(f.data.get("satker", "")), []).append(f)
    checked = [Checked(str(path), t, by_satker.get(t.satker.kode, []) + run_rules(t))
               for t in result.arsip.satker]
    return CheckedArsip(str(path), result.arsip, checked)


#: the documents of a satker's full tree: Bagian A, Bagian B, rekap
DOKUMEN = ("bagian-a", "bagian-b", "rekap")


def render_dokumen(checked: Checked, to: str, dokumen: str = "bagian-a", lang: str = "id") -> bytes:
    """One document of a checked tree in export format ``to``: ``bagian-a`` (every format
    of :func:`render`), ``bagian-b`` or ``rekap`` (pdf, xlsx, html; json gives the whole
    tree). Raises ValueError for a combination that does not exist."""
    if dokumen == "bagian-a" or to == "json":
        return render(checked, to, lang)
    from anggaran.reports import rincian, tabel

    lap = rincian.bagian_b(checked.tree) if dokumen == "bagian-b" else rincian.rekap(checked.tree)
    if to == "pdf":
        return tabel.render_pdf(lap)
    if to == "xlsx":
        return tabel.render_xlsx(lap, dokumen)
    if to == "html":
        return tabel.render_html(lap).encode("utf-8")
    raise ValueError(f"{dokumen} has no {to} form")


def satker_stem(tree: RkaSatker) -> str:
    """``rka-satker-2026-015116``: the stem of a satker's files from an archive."""
    stem = f"rka-satker-{tree.dokumen.tahun_anggaran}-{tree.satker.kode}"
    return re.sub(r"[^0-9A-Za-z.-]+", "_", stem).strip(".") or "rka-satker"


def _safe(name: str) -> str:
    return re.sub(r"[^0-9A-Za-z.-]+", "_", name).strip("._") or "arsip"


def report_arsip(checked: CheckedArsip, out_dir: Path, lang: str = "id",
                 progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """Write, for every satker of the archive, into ``out_dir/<satker>/``: Bagian A (PDF,
    XLSX, HTML, text), Bagian B and the rekap (PDF, XLSX, HTML), the canonical JSON (the
    whole tree) and the findings; and into ``out_dir`` the archive summary (PDF, XLSX,
    HTML). PDFs are compiled on two threads while the rest renders. Everything is rendered
    before the first file is written. ``progress(done, total)`` is called per satker."""
    from anggaran.reports import rincian, tabel

    files: dict[Path, bytes] = {}
    pdfs: list[tuple[Path, Future[bytes]]] = []
    total = len(checked.satker)
    with ThreadPoolExecutor(max_workers=2) as pool:
        summary = rincian.ringkasan(checked.arsip, checked.findings_by_satker())
        name = f"ringkasan-{_safe(checked.arsip.nama)}"
        pdfs.append((out_dir / f"{name}.pdf", pool.submit(tabel.render_pdf, summary)))
        files[out_dir / f"{name}.xlsx"] = tabel.render_xlsx(summary, "Ringkasan")
        files[out_dir / f"{name}.html"] = tabel.render_html(summary).encode("utf-8")
        for n, c in enumerate(checked.satker, 1):
            folder = out_dir / _safe(c.tree.satker.kode)
            stem = satker_stem(c.tree)
            model = bagian_a.build(c.tree)
            pdfs.append((folder / f"{stem}-bagian-a.pdf", pool.submit(render, c, "pdf", lang, model)))
            for to in ("xlsx", "html", "text"):
                files[folder / f"{stem}-bagian-a.{EXPORT_FORMATS[to]}"] = render(c, to, lang, model)
            files[folder / f"{stem}.json"] = canonical.dumps(c.tree)
            for part, lap in (("bagian-b", rincian.bagian_b(c.tree)), ("rekap", rincian.rekap(c.tree))):
                pdfs.append((folder / f"{stem}-{part}.pdf", pool.submit(tabel.render_pdf, lap)))
                files[folder / f"{stem}-{part}.xlsx"] = tabel.render_xlsx(lap, part)
                files[folder / f"{stem}-{part}.html"] = tabel.render_html(lap).encode("utf-8")
            files[folder / f"{stem}.temuan.txt"] = render_findings_text(c.findings, lang).encode("utf-8")
            files[folder / f"{stem}.temuan.json"] = render_findings_json(c.findings, c.file).encode("utf-8")
            if progress is not None:
                progress(n, total)
        for path, future in pdfs:
            files[path] = future.result()
    write_all(files)
    return list(files)


@dataclass
class Perbandingan:
    """Two sides to compare: their trees and labels."""

    judul: str
    label_semula: str
    label_menjadi: str
    semula: list[RkaSatker]
    menjadi: list[RkaSatker]

    def jumlah(self) -> tuple[int, int]:
        """(semula, menjadi) totals in whole rupiah."""
        return (sum(t.jumlah().jumlah for t in self.semula),
                sum(t.jumlah().jumlah for t in self.menjadi))


def _trees(path: Path, satker: str | None) -> list[RkaSatker]:
    if is_adk(path):
        return read_adk(path, satker).arsip.satker
    tree = load(path).tree
    return [tree] if satker is None or tree.satker.kode == satker else []


def perbandingan(old: Path, new: Path | None = None, satker: str | None = None) -> Perbandingan:
    """What to compare: with one path, an archive's ``m_*`` tables (semula) against its
    ``d_*`` tables (menjadi); with two, the first version against the second (archives or
    single documents). Raises InputError when an archive has no semula tables."""
    if new is None:
        if not is_adk(old):
            raise InputError("satu berkas saja: perlu arsip ADK yang memuat tabel m_* (semula)",
                             file=str(old), expected="arsip ADK, atau dua versi: LAMA BARU")
        result = read_adk(old, satker)
        if result.arsip.semula is None:
            raise InputError("arsip ini tidak memuat tabel semula (m_item dst.)", file=str(old),
                             expected="arsip ADK revisi, atau dua versi: LAMA BARU")
        return Perbandingan(old.name, "semula (m_*)", "menjadi (d_*)", result.arsip.semula,
                            result.arsip.satker)
    return Perbandingan(f"{old.name} -> {new.name}", old.name, new.name,
                        _trees(old, satker), _trees(new, satker))


def write_diff(p: Perbandingan, out_dir: Path) -> list[Path]:
    """Write the matrix of the whole comparison (``matriks-semula-menjadi.*``) and one per
    satker (``<satker>/matriks-semula-menjadi-<satker>.*``) as PDF, XLSX and HTML."""
    from anggaran.reports import matriks, tabel

    laps = {out_dir / "matriks-semula-menjadi": matriks.matriks_arsip(
        p.semula, p.menjadi, p.judul, p.label_semula, p.label_menjadi)}
    for kode, old, new in matriks.pasangan(p.semula, p.menjadi):
        laps[out_dir / _safe(kode) / f"matriks-semula-menjadi-{_safe(kode)}"] = matriks.matriks_satker(
            old, new, p.label_semula, p.label_menjadi)
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
