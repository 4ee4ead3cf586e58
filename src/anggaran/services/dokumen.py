"""Use cases that make documents: render a checked tree as Bagian A, Bagian B or the rekap
(PDF, XLSX, HTML, JSON, text) or as a SAKTI ADK archive, export an input, write the report
of an input (one folder, or one per satker and the archive summary), and write files all
or nothing, never over an input."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from anggaran.core.arsip import Arsip
from anggaran.core.errors import WriteError
from anggaran.core.findings import N_, Finding
from anggaran.core.tree import Alokasi, RkaSatker
from anggaran.formats import json as canonical
from anggaran.formats.adk.source import archive_stem
from anggaran.reports import bagian_a
from anggaran.reports.findings import render_findings_json, render_findings_text
from anggaran.services import interrupts
from anggaran.services.masukan import Checked, Input

#: export formats: name -> file extension (``adk``: a SAKTI ADK archive, zipped)
EXPORT_FORMATS = {"json": "json", "xlsx": "xlsx", "html": "html", "pdf": "pdf", "text": "txt", "adk": "zip"}
#: the formats that hold the whole tree, whichever document is asked for
WHOLE_TREE = ("json", "adk")

#: the documents of a full tree: Bagian A, Bagian B, rekap
DOKUMEN = ("bagian-a", "bagian-b", "rekap")

#: the media type of each export format (the web's downloads)
MEDIA_TYPES = {
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "text": "text/plain; charset=utf-8",
    "adk": "application/zip",
}


def render(
    checked: Checked,
    to: str,
    lang: str = "id",
    report: bagian_a.BagianA | None = None,
    notes: list[Finding] | None = None,
    *,
    jumlah_satker: bool = False,
) -> bytes:
    """The Bagian A of a checked tree in export format ``to`` (a key of ``EXPORT_FORMATS``;
    JSON and ADK hold the whole tree). ``report`` is the Bagian A model when the caller
    already built it; what the output could not hold (a text cut to fit an XLSX cell) is
    added to ``notes`` as findings. ``jumlah_satker`` ends the table with the JUMLAH SATKER
    row, which SAKTI's Bagian A does not print. Raises OutputError when the document
    cannot be made."""
    if to == "json":
        return canonical.dumps(checked.tree)
    if to == "adk":
        return render_adk([checked.tree])
    # renderers are imported when needed, so `anggaran check` starts without Typst & co.
    from anggaran.reports.html import render_html
    from anggaran.reports.pdf import render_pdf
    from anggaran.reports.text import render_text
    from anggaran.reports.xlsx import render_xlsx

    report = report or bagian_a.build(checked.tree, jumlah_satker)
    if to == "pdf":
        return render_pdf(report)
    if to == "xlsx":
        return render_xlsx(report, checked.findings, lang, notes)
    if to == "html":
        return render_html(report, checked.findings, lang).encode("utf-8")
    if to == "text":
        return render_text(report).encode("utf-8")
    raise ValueError(f"unknown export format {to!r}")


def render_dokumen(
    checked: Checked,
    to: str,
    dokumen: str = "bagian-a",
    lang: str = "id",
    notes: list[Finding] | None = None,
    *,
    jumlah_satker: bool = False,
) -> bytes:
    """One document of a checked tree in export format ``to``: ``bagian-a`` (every format
    of :func:`render`; ``jumlah_satker`` as there), ``bagian-b`` or ``rekap`` (pdf, xlsx,
    html; json and adk give the whole tree). Raises ValueError for a combination that does
    not exist."""
    if dokumen == "bagian-a" or to in WHOLE_TREE:
        return render(checked, to, lang, notes=notes, jumlah_satker=jumlah_satker)
    from anggaran.reports import rincian, tabel

    lap = rincian.bagian_b(checked.tree) if dokumen == "bagian-b" else rincian.rekap(checked.tree)
    if to == "pdf":
        return tabel.render_pdf(lap)
    if to == "xlsx":
        return tabel.render_xlsx(lap, dokumen, notes, lampiran_xlsx(checked.tree, dokumen))
    if to == "html":
        return tabel.render_html(lap).encode("utf-8")
    raise ValueError(f"{dokumen} has no {to} form")


def lampiran_xlsx(tree: RkaSatker, dokumen: str) -> tuple[str, list[tuple[str, str]]] | None:
    """The hidden data of the XLSX of ``dokumen`` (``formats.xlsx.lampiran``): for a Bagian
    B, what makes it read back to ``tree`` after a user edits it; None for the others."""
    if dokumen != "bagian-b":
        return None
    from anggaran.formats.xlsx.lampiran import lampiran

    return lampiran(tree, dokumen)


def render_adk(trees: list[RkaSatker] | Arsip, semula: list[RkaSatker] | None = None) -> bytes:
    """A SAKTI ADK archive (zip bytes) of ``trees`` and, when given (an :class:`Arsip`
    brings its own), the trees before the revision as its ``m_*`` tables: one satker's
    archive for one satker, a unit's for more (``formats.adk.writer``). Raises OutputError
    when the trees are of more than one unit or year, or hold what an ADK cannot."""
    from anggaran.formats.adk.writer import adk_zip

    return adk_zip(trees, semula)


def nama_adk(trees: list[RkaSatker] | Arsip, semula: list[RkaSatker] | None = None) -> str:
    """SAKTI's name of the ADK archive of ``trees``: ``527010d01_01508_00_527010_1.zip``
    for one satker, ``1d01_01508_00_000000_0.zip`` for a unit's."""
    from anggaran.formats.adk.writer import nama_arsip

    return nama_arsip(trees, semula)


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


def nama_berkas(tree: RkaSatker, to: str, dokumen: str = "bagian-a") -> str:
    """The file name of one output: the JSON holds the whole tree
    (``rka-satker-2026-015116.json``), the ADK archive takes SAKTI's name
    (``527010d01_01508_00_527010_1.zip``), the rest name their document
    (``rka-satker-2026-015116-bagian-b.pdf``)."""
    if to == "json":
        return f"{base_name(tree)}.json"
    if to == "adk":
        return safe_name(nama_adk([tree]))
    return f"{satker_stem(tree)}-{dokumen}.{EXPORT_FORMATS[to]}"


def satker_files(
    checked: Checked,
    folder: Path,
    lang: str,
    pool: Executor,
    pdfs: list[tuple[Path, Future[bytes]]],
    files: dict[Path, bytes],
    notes: list[Finding],
    *,
    jumlah_satker: bool = False,
) -> None:
    """Render a full tree's documents into ``files`` (and its PDFs onto ``pool``, into
    ``pdfs``): Bagian A (PDF, XLSX, HTML, text; ``jumlah_satker`` as :func:`render`),
    Bagian B and rekap (PDF, XLSX, HTML), the canonical JSON and the findings (text,
    JSON), named after :func:`satker_stem`."""
    from anggaran.reports import rincian, tabel

    tree = checked.tree
    stem = satker_stem(tree)
    model = bagian_a.build(tree, jumlah_satker)
    pdfs.append((folder / f"{stem}-bagian-a.pdf", pool.submit(render, checked, "pdf", lang, model)))
    for to in ("xlsx", "html", "text"):
        files[folder / f"{stem}-bagian-a.{EXPORT_FORMATS[to]}"] = render(checked, to, lang, model, notes)
    files[folder / f"{stem}.json"] = canonical.dumps(tree)
    for part, lap in (("bagian-b", rincian.bagian_b(tree)), ("rekap", rincian.rekap(tree))):
        pdfs.append((folder / f"{stem}-{part}.pdf", pool.submit(tabel.render_pdf, lap)))
        files[folder / f"{stem}-{part}.xlsx"] = tabel.render_xlsx(lap, part, notes, lampiran_xlsx(tree, part))
        files[folder / f"{stem}-{part}.html"] = tabel.render_html(lap).encode("utf-8")
    files[folder / f"{stem}.temuan.txt"] = render_findings_text(checked.findings, lang).encode("utf-8")
    files[folder / f"{stem}.temuan.json"] = render_findings_json(checked.findings, checked.file).encode(
        "utf-8"
    )


@dataclass
class Written:
    """What a command wrote: the files, and what the outputs could not hold (findings
    such as a text cut to fit an XLSX cell)."""

    files: list[Path]
    notes: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        from anggaran.reports.findings import finding_dict

        return {"files": [str(p) for p in self.files], "findings": [finding_dict(f) for f in self.notes]}


def export_files(
    inp: Input,
    to: str,
    dokumen: str,
    output: Path | None,
    lang: str = "id",
    notes: list[Finding] | None = None,
    *,
    jumlah_satker: bool = False,
) -> dict[Path, bytes]:
    """The files of ``anggaran export``: ``dokumen`` of each satker of ``inp`` rendered as
    ``to``, into the folder ``output`` for an archive (one file per satker; default the
    current folder), else to the file ``output`` (default the document's usual name). An
    ADK (``to`` ``adk``) is one archive of every satker of ``inp`` and their semula, to
    the file ``output`` (default SAKTI's name, in the current folder)."""
    if to == "adk":
        arsip = inp.arsip()
        return {output or Path(safe_name(nama_adk(arsip))): render_adk(arsip)}
    out: dict[Path, bytes] = {}
    for c in inp.satker:
        name = nama_berkas(c.tree, to, dokumen)
        target = (output or Path(".")) / name if inp.is_arsip else output or Path(name)
        out[target] = render_dokumen(c, to, dokumen, lang, notes, jumlah_satker=jumlah_satker)
    return out


def report(
    inp: Input,
    out_dir: Path,
    lang: str = "id",
    progress: Callable[[int, int], None] | None = None,
    *,
    jumlah_satker: bool = False,
) -> Written:
    """Write every output of a checked input into ``out_dir``. A Bagian A: its PDF, XLSX,
    HTML, JSON, text and the findings (text and JSON). A full tree (Bagian B lines): also
    Bagian B and the rekap (see :func:`satker_files`). An archive: that per satker, into
    ``out_dir/<satker>/``, and the archive summary (``ringkasan-<archive>``: PDF, XLSX,
    HTML). PDFs are compiled on two threads (Typst releases the GIL) while the rest
    renders; everything is rendered before the first file is written, and no file is
    written over the input. ``progress(done, total)`` is called per satker;
    ``jumlah_satker`` ends each Bagian A with the JUMLAH SATKER row. Raises WriteError
    (nothing is left) or OutputError."""
    from anggaran.reports import rincian, tabel

    files: dict[Path, bytes] = {}
    notes: list[Finding] = []
    pdfs: list[tuple[Path, Future[bytes]]] = []
    total = len(inp.satker)
    with pdf_pool() as pool:
        if inp.is_arsip:
            summary = rincian.ringkasan(inp.arsip(), inp.findings_by_satker())
            name = f"ringkasan-{safe_name(archive_stem(inp.path.name))}"
            pdfs.append((out_dir / f"{name}.pdf", pool.submit(tabel.render_pdf, summary)))
            files[out_dir / f"{name}.xlsx"] = tabel.render_xlsx(summary, "Ringkasan", notes)
            files[out_dir / f"{name}.html"] = tabel.render_html(summary).encode("utf-8")
        for n, checked in enumerate(inp.satker, 1):
            folder = out_dir / safe_name(checked.tree.satker.kode) if inp.is_arsip else out_dir
            if checked.tree.has_rincian():
                satker_files(checked, folder, lang, pool, pdfs, files, notes, jumlah_satker=jumlah_satker)
            else:
                _bagian_a_files(checked, folder, lang, pool, pdfs, files, notes, jumlah_satker)
            if progress is not None:
                progress(n, total)
        for path, future in pdfs:
            files[path] = future.result()
    write_all(files, inputs=[inp.path])
    return Written(list(files), notes)


#: PDFs compiling or waiting while an archive's report goes on (three per satker): the
#: satkers they keep in memory, not more
_PDFS_PENDING = 6


def report_adk(
    path: Path,
    out_dir: Path,
    lang: str = "id",
    progress: Callable[[int, int], None] | None = None,
    satker: str | None = None,
    *,
    jumlah_satker: bool = False,
) -> tuple[Input, Written | None]:
    """:func:`report` of an ADK archive, read, checked and written one satker at a time
    (``masukan.check_adk``): each satker's files go to their temporary files as soon as
    they are made, its PDFs compile on two threads while the next satker is read, and the
    archive summary comes last; everything is put in place at the end, all or nothing, as
    :func:`report` does. Memory holds a few satkers' trees, not the archive's.

    Returns the input checked (its trees cut to their totals, ``masukan.ringkas``) and
    what was written; when the reader could not place a line (``Input.read_errors``)
    nothing is written and the second is None (every satker is still read and checked,
    for the message). Raises InputError, WriteError (nothing is left) or OutputError."""
    from anggaran.reports import rincian, tabel
    from anggaran.services.masukan import check_adk

    notes: list[Finding] = []
    pending: deque[tuple[Path, Future[bytes]]] = deque()
    satkers: list[_Ringkas] = []
    refused = False
    with staging([path]) as out, pdf_pool() as pool:

        def drain(keep: int) -> None:
            while len(pending) > keep or (pending and pending[0][1].done()):
                name, future = pending.popleft()
                out.add(name, future.result())

        def each(checked: Checked, semula: RkaSatker | None, n: int, total: int) -> None:
            nonlocal refused
            refused = refused or bool(checked.read_errors)
            if not refused:
                satkers.append(_Ringkas(checked.tree))
                files: dict[Path, bytes] = {}
                pdfs: list[tuple[Path, Future[bytes]]] = []
                folder = out_dir / safe_name(checked.tree.satker.kode)
                if checked.tree.has_rincian():
                    satker_files(checked, folder, lang, pool, pdfs, files, notes, jumlah_satker=jumlah_satker)
                else:
                    _bagian_a_files(checked, folder, lang, pool, pdfs, files, notes, jumlah_satker)
                for name, data in files.items():
                    out.add(name, data)
                del files
                pending.extend(pdfs)
                drain(_PDFS_PENDING)
            if progress is not None:
                progress(n, total)

        inp = check_adk(path, satker, each)
        if refused or inp.read_errors:
            drain(0)
            out.discard()
            return inp, None
        # the summary, as report() makes it first: its notes come first
        summary_notes: list[Finding] = []
        arsip = Arsip(inp.path.name, inp.tahun_anggaran, cast(list[RkaSatker], satkers), inp.semula)
        summary = rincian.ringkasan(arsip, inp.findings_by_satker())
        name = f"ringkasan-{safe_name(archive_stem(inp.path.name))}"
        pending.append((out_dir / f"{name}.pdf", pool.submit(tabel.render_pdf, summary)))
        out.add(out_dir / f"{name}.xlsx", tabel.render_xlsx(summary, "Ringkasan", summary_notes))
        out.add(out_dir / f"{name}.html", tabel.render_html(summary).encode("utf-8"))
        drain(0)
    return inp, Written(out.paths, summary_notes + notes)


class _Ringkas:
    """What the archive summary (``reports.rincian.ringkasan``) reads of a satker's tree,
    kept when the tree is gone: its codes, its total and its totals per jenis belanja, and
    how many KRO, RO and detail lines it has (its walks give that many placeholders, no
    nodes). Not a tree: it stands in for one in that summary only."""

    __slots__ = ("_counts", "_jenis", "_jumlah", "lokasi", "provinsi", "satker")

    def __init__(self, tree: RkaSatker) -> None:
        self.satker, self.provinsi, self.lokasi = tree.satker, tree.provinsi, tree.lokasi
        self._jumlah = tree.jumlah()
        self._jenis = tree.per_jenis_belanja()
        self._counts = (sum(1 for _ in tree.kro()), sum(1 for _ in tree.ro()), sum(1 for _ in tree.detail()))

    def jumlah(self) -> Alokasi:
        return self._jumlah

    def per_jenis_belanja(self) -> dict[str, int]:
        return dict(self._jenis)

    def kro(self) -> Iterator[None]:
        return iter([None] * self._counts[0])

    def ro(self) -> Iterator[None]:
        return iter([None] * self._counts[1])

    def detail(self) -> Iterator[None]:
        return iter([None] * self._counts[2])


@contextlib.contextmanager
def pdf_pool() -> Iterator[ThreadPoolExecutor]:
    """Two threads to compile PDFs on while the rest renders. When the work stops early
    (an error, Ctrl-C), the PDFs not yet started are dropped, so the command ends after
    the ones being compiled rather than after all of them."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        try:
            yield pool
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _bagian_a_files(
    checked: Checked,
    folder: Path,
    lang: str,
    pool: Executor,
    pdfs: list[tuple[Path, Future[bytes]]],
    files: dict[Path, bytes],
    notes: list[Finding],
    jumlah_satker: bool = False,
) -> None:
    stem = base_name(checked.tree)
    model = bagian_a.build(checked.tree, jumlah_satker)
    pdfs.append((folder / f"{stem}.pdf", pool.submit(render, checked, "pdf", lang, model)))
    for to, ext in EXPORT_FORMATS.items():
        if to not in ("pdf", "adk"):
            files[folder / f"{stem}.{ext}"] = render(checked, to, lang, model, notes)
    files[folder / f"{stem}.temuan.txt"] = render_findings_text(checked.findings, lang).encode("utf-8")
    files[folder / f"{stem}.temuan.json"] = render_findings_json(checked.findings, checked.file).encode(
        "utf-8"
    )


def _is_input(target: Path, inputs: list[Path]) -> bool:
    """Whether writing ``target`` would replace one of ``inputs`` (the same file, by any
    name or link) or a file inside an input folder."""
    real = os.path.realpath(target)
    for source in inputs:
        src = os.path.realpath(source)
        if real == src or (os.path.isdir(src) and real.startswith(src + os.sep) and os.path.exists(real)):
            return True
        with contextlib.suppress(OSError):
            if os.path.exists(real) and os.path.samefile(real, src):
                return True
    return False


def write_all(files: dict[Path, bytes], inputs: Iterable[Path] = ()) -> None:
    """Write several files all or nothing, as far as a file system allows: every file goes
    to a temporary file beside its target first, and only when all are written are they
    renamed into place. A symlink is followed (its target is replaced); a device or pipe
    (``/dev/null``) is written directly; an existing file keeps its permissions. A target
    that is one of ``inputs`` (the files and folders the command read) is refused before
    anything is written. Raises WriteError naming the file; nothing is left behind when a
    temporary write fails or Ctrl-C comes before the renames (folders made for the files
    are removed again); Ctrl-C during the renames takes effect after the last of them
    (KeyboardInterrupt, every file in place)."""
    sources = list(inputs)
    for path in files:
        _refuse_input(path, sources)
    with staging() as out:
        for path, data in files.items():
            out.add(path, data)


def _refuse_input(path: Path, sources: list[Path]) -> None:
    if _is_input(path, sources):
        raise WriteError(
            N_("{file} is an input of this command: it is not written over (name another output with -o)"),
            file=str(path),
        )


class Staging:
    """Files written as they come, each to a temporary file beside its target, and put in
    place together at the end (:func:`staging`): a command that makes hundreds of files
    holds none of them in memory, and still leaves all of them or none."""

    def __init__(self, inputs: Iterable[Path] = ()) -> None:
        self.sources = list(inputs)
        self.staged: list[tuple[str, Path]] = []
        self.direct: list[tuple[Path, bytes]] = []
        self.made: list[Path] = []  # folders created here, removed again on failure
        self.paths: list[Path] = []

    def add(self, path: Path, data: bytes) -> None:
        """Write ``data`` for ``path`` (a temporary file; a device is kept to be written at
        the end). Raises WriteError when ``path`` is an input or a folder, OSError (with
        the name asked for) when the temporary file cannot be written."""
        _refuse_input(path, self.sources)
        target = Path(os.path.realpath(path))
        if target.exists() and not target.is_file():
            if target.is_dir():
                raise WriteError(
                    N_("cannot write {file}: a folder of that name is in the way"), file=str(path)
                )
            self.direct.append((target, data))
            self.paths.append(path)
            return
        try:
            missing = [d for d in (target.parent, *target.parent.parents) if not d.exists()]
            self.made.extend(reversed(missing))
            target.parent.mkdir(parents=True, exist_ok=True)
            # the name is noted before the file exists, so an interrupt cannot leave
            # a temporary file nobody knows of
            tmp = str(target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp")
            self.staged.append((tmp, target))
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
            os.chmod(tmp, mode)
        except OSError as exc:  # name the file asked for, not the temporary one
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        self.paths.append(path)

    def discard(self) -> None:
        """Remove every temporary file and folder made so far; nothing is put in place."""
        _discard(self.staged, self.made)
        self.staged, self.direct, self.made, self.paths = [], [], [], []

    def commit(self) -> None:
        """Put every file in place (see :func:`write_all`)."""
        _commit(self.staged, self.made)
        try:
            for target, data in self.direct:
                with open(target, "wb") as f:
                    f.write(data)
        except OSError as exc:
            raise WriteError(
                N_("cannot write {file}: {sebab}"), file=str(target), sebab=exc.strerror or str(exc)
            ) from None


@contextlib.contextmanager
def staging(inputs: Iterable[Path] = ()) -> Iterator[Staging]:
    """A :class:`Staging` whose files are put in place when the block ends normally, and
    removed when it raises (an OSError becomes the WriteError naming the file)."""
    out = Staging(inputs)
    try:
        yield out
    except BaseException as exc:
        out.discard()
        if isinstance(exc, OSError):
            raise WriteError(
                N_("cannot write {file}: {sebab}"),
                file=str(exc.filename or "?"),
                sebab=exc.strerror or str(exc),
            ) from None
        raise
    out.commit()


def _commit(staged: list[tuple[str, Path]], made: list[Path]) -> None:
    """Rename the temporary files into place, with Ctrl-C held back until the last is
    renamed (a few milliseconds even for a report of hundreds of files): an interrupt then
    leaves every file written, never some old and some new; one before the first rename
    leaves none (the temporary files are removed). Raises WriteError when a rename fails
    (the files not yet renamed are removed; those renamed stay)."""
    done = 0
    try:
        with interrupts.held():
            for tmp, target in staged:
                os.replace(tmp, target)
                done += 1
            if staged:
                interrupts.mark_committed()
    except BaseException as exc:
        _discard(staged[done:], made if done == 0 else [])
        if isinstance(exc, OSError):
            target = staged[done][1]
            raise WriteError(
                N_("cannot write {file}: {sebab}"), file=str(target), sebab=exc.strerror or str(exc)
            ) from None
        raise


def _discard(staged: list[tuple[str, Path]], made: list[Path]) -> None:
    """Remove the temporary files of ``staged`` and the folders ``made`` for them, with
    Ctrl-C held back until done (a second Ctrl-C cannot leave some behind)."""
    with interrupts.held():
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                Path(tmp).unlink(missing_ok=True)
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
