"""Use cases on one document: read it, check it, export and report it, and write files
all or nothing."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from anggaran.core.errors import InputError
from anggaran.core.findings import Finding, Severity, has_errors
from anggaran.core.tree import RkaSatker
from anggaran.formats import json as canonical
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
        return [f for f in self.findings if f.severity is Severity.ERROR and f.rule.startswith("READ_")]


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
    return load_bytes(read_bytes(path), str(path), from_)


def format_of(data: bytes) -> str | None:
    """The input format (a key of ``INPUT_FORMATS``) ``data`` is in, or None."""
    return next((name for name, (recognise, _) in INPUT_FORMATS.items() if recognise(data)), None)


def load_bytes(data: bytes, name: str, from_: str | None = None) -> ReadResult:
    """Read ``data`` (the bytes of the file ``name``) into a tree, as :func:`load` does.
    Raises InputError."""
    if from_ is not None:
        if from_ not in INPUT_FORMATS:
            raise InputError(f"format masukan tidak dikenal: {from_}", expected=", ".join(INPUT_FORMATS))
        return INPUT_FORMATS[from_][1](data, name)
    fmt = format_of(data)
    if fmt is not None:
        return INPUT_FORMATS[fmt][1](data, name)
    if data.startswith(b"%PDF"):
        raise InputError(
            "berkas PDF belum dapat dibaca langsung",
            file=name,
            expected="teks yang diekstrak dari PDF RKA Satker (berpisah tab)",
        )
    decode(data, name)  # says "binary" or where the bytes are not text, when they are not
    raise InputError(
        "format tidak dikenali", file=name, expected="RKA Satker Bagian A (teks) atau JSON rka-satker/1"
    )


def check(path: Path, from_: str | None = None) -> Checked:
    """Read and check ``path``: the reader's findings, then every rule's. Raises InputError."""
    return check_bytes(read_bytes(path), str(path), from_)


def check_bytes(data: bytes, name: str, from_: str | None = None) -> Checked:
    """Read and check ``data``, the bytes of the file ``name``, as :func:`check` does.
    Raises InputError."""
    result = load_bytes(data, name, from_)
    return Checked(name, result.tree, result.findings + run_rules(result.tree))


def render(checked: Checked, to: str, lang: str = "id", report: bagian_a.BagianA | None = None) -> bytes:
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


def safe_name(text: str) -> str:
    """``text`` reduced to letters, digits, dots and dashes (``_`` for the rest), so a code
    or name from a foreign file cannot leave the output folder."""
    return re.sub(r"[^0-9A-Za-z.-]+", "_", text).strip("._") or "anggaran"


def satker_stem(tree: RkaSatker) -> str:
    """``rka-satker-2026-015116``: the stem of a satker's files."""
    return safe_name(f"rka-satker-{tree.dokumen.tahun_anggaran}-{tree.satker.kode}")


def base_name(tree: RkaSatker) -> str:
    """The stem of a tree's single-document outputs: ``rka-satker-2023-109141-bagian-a``
    for a Bagian A; for a full tree (Bagian B lines, from an ADK) its JSON is
    ``rka-satker-2026-015116`` and its documents ``…-bagian-a``, ``…-bagian-b``,
    ``…-rekap`` (see :func:`nama_berkas`)."""
    return satker_stem(tree) if tree.has_rincian() else f"{satker_stem(tree)}-bagian-a"


#: the documents of a full tree: Bagian A, Bagian B, rekap
DOKUMEN = ("bagian-a", "bagian-b", "rekap")


def nama_berkas(tree: RkaSatker, to: str, dokumen: str = "bagian-a") -> str:
    """The file name of one output: the JSON holds the whole tree
    (``rka-satker-2026-015116.json``), the rest name their document
    (``rka-satker-2026-015116-bagian-b.pdf``)."""
    if to == "json":
        return f"{base_name(tree)}.json"
    return f"{satker_stem(tree)}-{dokumen}.{EXPORT_FORMATS[to]}"


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


def satker_files(
    checked: Checked,
    folder: Path,
    lang: str,
    pool: Executor,
    pdfs: list[tuple[Path, Future[bytes]]],
    files: dict[Path, bytes],
) -> None:
    """Render a full tree's documents into ``files`` (and its PDFs onto ``pool``, into
    ``pdfs``): Bagian A (PDF, XLSX, HTML, text), Bagian B and rekap (PDF, XLSX, HTML), the
    canonical JSON and the findings (text, JSON), named after :func:`satker_stem`."""
    from anggaran.reports import rincian, tabel

    tree = checked.tree
    stem = satker_stem(tree)
    model = bagian_a.build(tree)
    pdfs.append((folder / f"{stem}-bagian-a.pdf", pool.submit(render, checked, "pdf", lang, model)))
    for to in ("xlsx", "html", "text"):
        files[folder / f"{stem}-bagian-a.{EXPORT_FORMATS[to]}"] = render(checked, to, lang, model)
    files[folder / f"{stem}.json"] = canonical.dumps(tree)
    for part, lap in (("bagian-b", rincian.bagian_b(tree)), ("rekap", rincian.rekap(tree))):
        pdfs.append((folder / f"{stem}-{part}.pdf", pool.submit(tabel.render_pdf, lap)))
        files[folder / f"{stem}-{part}.xlsx"] = tabel.render_xlsx(lap, part)
        files[folder / f"{stem}-{part}.html"] = tabel.render_html(lap).encode("utf-8")
    files[folder / f"{stem}.temuan.txt"] = render_findings_text(checked.findings, lang).encode("utf-8")
    files[folder / f"{stem}.temuan.json"] = render_findings_json(checked.findings, checked.file).encode(
        "utf-8"
    )


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader never sees half a file. Raises OSError."""
    write_all({path: data})


def write_all(files: dict[Path, bytes]) -> None:
    """Write several files all or nothing, as far as a file system allows: every file goes
    to a temporary file beside its target first, and only when all are written are they
    renamed into place. A symlink is followed (its target is replaced); a device or pipe
    (``/dev/null``) is written directly; an existing file keeps its permissions. Raises
    OSError naming the file; nothing is left behind when a temporary write fails (folders
    made for the files are removed again)."""
    staged: list[tuple[str, Path]] = []
    direct: list[tuple[Path, bytes]] = []
    made: list[Path] = []  # folders created here, removed again on failure
    try:
        for path, data in files.items():
            target = Path(os.path.realpath(path))
            if target.exists() and not target.is_file():
                if target.is_dir():
                    raise IsADirectoryError(errno.EISDIR, "ini folder", str(path))
                direct.append((target, data))
                continue
            try:
                missing = [d for d in (target.parent, *target.parent.parents) if not d.exists()]
                made.extend(reversed(missing))
                target.parent.mkdir(parents=True, exist_ok=True)
                # the name is noted before the file exists, so an interrupt cannot leave
                # a temporary file nobody knows of
                tmp = str(target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp")
                staged.append((tmp, target))
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
                os.chmod(tmp, mode)
            except OSError as exc:  # name the file asked for, not the temporary one
                raise OSError(exc.errno, exc.strerror, str(path)) from None
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
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
    """Write the outputs of a checked document into ``out_dir``: for a Bagian A the PDF,
    XLSX, HTML, JSON, text and the findings (text and JSON); for a full tree (with Bagian B
    lines) also Bagian B and the rekap (see :func:`satker_files`). Everything is rendered
    before the first file is written; the PDFs on other threads (Typst releases the GIL),
    so they overlap the other renderers."""
    files: dict[Path, bytes] = {}
    pdfs: list[tuple[Path, Future[bytes]]] = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        if checked.tree.has_rincian():
            satker_files(checked, out_dir, lang, pool, pdfs, files)
        else:
            stem = base_name(checked.tree)
            model = bagian_a.build(checked.tree)
            pdfs.append((out_dir / f"{stem}.pdf", pool.submit(render, checked, "pdf", lang, model)))
            for to, ext in EXPORT_FORMATS.items():
                if to != "pdf":
                    files[out_dir / f"{stem}.{ext}"] = render(checked, to, lang, model)
            files[out_dir / f"{stem}.temuan.txt"] = render_findings_text(checked.findings, lang).encode(
                "utf-8"
            )
            files[out_dir / f"{stem}.temuan.json"] = render_findings_json(
                checked.findings, checked.file
            ).encode("utf-8")
        for path, future in pdfs:
            files[path] = future.result()
    write_all(files)
    return list(files)
