"""One way in: :func:`open_input` reads any input (a Bagian A text, a canonical JSON, a
SAKTI ADK folder or archive) and checks it. A single document is an archive of one satker:
every command, the web and the API get the same :class:`Input`, with one checked tree per
satker and, for an ADK revision, the trees before it (semula)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from anggaran.core.arsip import Arsip
from anggaran.core.errors import InputError
from anggaran.core.findings import N_, Finding, count_by_severity, has_errors, is_read_error
from anggaran.core.tree import Program, RkaSatker
from anggaran.formats import batas, xlsx
from anggaran.formats import json as canonical
from anggaran.formats.adk.source import is_archive_bytes
from anggaran.formats.result import ReadResult
from anggaran.formats.rka_text.bentuk import looks_like_bagian_a_text, read_bagian_a_text
from anggaran.formats.rka_text.lexicon import decode
from anggaran.formats.rka_text.pdf import looks_like_pdf, read_rka_pdf
from anggaran.reports.findings import finding_dict
from anggaran.rules import run_rules

Reader = Callable[[bytes, str], ReadResult]

#: single-document formats: name -> (recogniser, reader, the largest file taken); recognised
#: in this order
INPUT_FORMATS: dict[str, tuple[Callable[[bytes], bool], Reader, int]] = {
    "json": (canonical.looks_like_json, canonical.read_json, batas.MAX_JSON),
    "pdf": (looks_like_pdf, read_rka_pdf, batas.MAX_PDF),  # before text: an uncompressed PDF has the words
    "rka-text": (looks_like_bagian_a_text, read_bagian_a_text, batas.MAX_TEXT),
    "xlsx": (xlsx.looks_like_xlsx, xlsx.read_xlsx, xlsx.MAX_XLSX),
}


@dataclass
class Checked:
    """A satker's tree read and checked: the tree and every finding (the reader's about
    it, then the rules')."""

    file: str
    tree: RkaSatker
    findings: list[Finding]

    @property
    def has_errors(self) -> bool:
        return has_errors(self.findings)

    @property
    def read_errors(self) -> list[Finding]:
        """Errors of the reader: lines it could not place, so the tree is incomplete."""
        return [f for f in self.findings if is_read_error(f)]

    def to_dict(self) -> dict[str, Any]:
        """As ``anggaran check --format json`` gives one satker."""
        return {
            "file": self.file,
            "readable": True,
            "satker": self.tree.satker.kode,
            "summary": {s.value: n for s, n in count_by_severity(self.findings).items()},
            "jumlah": self.tree.jumlah().jumlah,
            "findings": [finding_dict(f) for f in self.findings],
        }


@dataclass
class Input:
    """An input read and checked: one :class:`Checked` per satker (the budget as it stands:
    a document's tree, an ADK's ``d_*`` tables), in code order; ``semula`` the trees before
    the revision (an ADK's ``m_*`` tables) or None; ``lain`` the reader's findings about no
    satker of ``satker`` (satkers only in semula, whole tables). ``format`` is ``rka-text``,
    ``json`` or ``adk``."""

    path: Path
    format: str
    satker: list[Checked]
    semula: list[RkaSatker] | None = None
    lain: list[Finding] = field(default_factory=list)
    tahun_anggaran: int = 0

    @property
    def file(self) -> str:
        return str(self.path)

    @property
    def is_arsip(self) -> bool:
        """Whether the input is an archive of satkers (outputs go one folder per satker)."""
        return self.format == "adk"

    @property
    def findings(self) -> list[Finding]:
        return [f for c in self.satker for f in c.findings] + self.lain

    @property
    def has_errors(self) -> bool:
        return has_errors(self.findings)

    @property
    def read_errors(self) -> list[Finding]:
        """Reader errors (the plan as it stands): lines whose place in the tree is not
        certain; outputs and imports refuse the input then."""
        return [f for f in self.findings if is_read_error(f)]

    def arsip(self) -> Arsip:
        """The input as an archive (its name, year, trees and semula)."""
        return Arsip(self.path.name, self.tahun_anggaran, [c.tree for c in self.satker], self.semula)

    def findings_by_satker(self) -> dict[str, list[Finding]]:
        return {c.tree.satker.kode: c.findings for c in self.satker}

    def to_dict(self) -> list[dict[str, Any]]:
        """As ``anggaran check --format json`` gives the input: one entry per satker, and
        one (``satker`` null) for the findings about no satker."""
        out = [c.to_dict() for c in self.satker]
        if self.lain:
            out.append(
                {
                    "file": self.file,
                    "readable": True,
                    "satker": None,
                    "summary": {s.value: n for s, n in count_by_severity(self.lain).items()},
                    "jumlah": None,
                    "findings": [finding_dict(f) for f in self.lain],
                }
            )
        return out


#: the largest single document of any format
MAX_DOCUMENT = max(limit for *_, limit in INPUT_FORMATS.values())


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


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes. Raises InputError when it cannot be read, or is larger than
    ``limit`` bytes (the size is looked at before reading)."""
    try:
        if limit is not None and path.stat().st_size > limit:
            raise InputError(
                N_("the file is larger than {batas}, the most a single document may be"),
                file=str(path),
                expected=N_("an RKA Satker document (a real Bagian A of 1,000 pages is ~2.5 MB)"),
                batas=batas.mib(limit),
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(N_("file not found"), file=str(path)) from None
    except IsADirectoryError:
        raise InputError(N_("this is a folder, not a file"), file=str(path)) from None
    except OSError as exc:
        raise InputError(N_("the file cannot be read: {sebab}"), file=str(path), sebab=exc.strerror) from None


def format_of(data: bytes) -> str | None:
    """The single-document format (a key of ``INPUT_FORMATS``) ``data`` is in, or None."""
    return next((name for name, (recognise, _, _) in INPUT_FORMATS.items() if recognise(data)), None)


def load_bytes(data: bytes, name: str, from_: str | None = None) -> tuple[str, ReadResult]:
    """(format, tree and reader findings) of ``data``, the bytes of the file ``name``: in
    the format ``from_`` names, else the one recognised from the content. Raises
    InputError when it is none, or the document is larger than its format takes."""
    if from_ is not None and from_ not in INPUT_FORMATS:
        raise InputError(
            N_("unknown input format: {format}"), expected=", ".join(INPUT_FORMATS), format=from_
        )
    if not data.strip():
        raise InputError(
            N_("the file is empty"),
            file=name,
            expected=N_("an RKA Satker Bagian A (text) or a JSON rka-satker/1"),
        )
    fmt = from_ or format_of(data)
    if fmt is None:
        decode(data, name)  # says "binary" or where the bytes are not text, when they are not
        raise InputError(
            N_("format not recognised"),
            file=name,
            expected=N_("an RKA Satker Bagian A (text) or a JSON rka-satker/1"),
        )
    _, reader, limit = INPUT_FORMATS[fmt]
    if len(data) > limit:
        raise InputError(
            N_("the document is larger than {batas}, the most a {format} document may be"),
            file=name,
            batas=batas.mib(limit),
            format=fmt,
        )
    return fmt, reader(data, name)


def check_bytes(data: bytes, name: str, from_: str | None = None) -> tuple[str, Checked]:
    """(format, the document read and checked): the reader's findings, then every rule's.
    Raises InputError."""
    fmt, result = load_bytes(data, name, from_)
    return fmt, Checked(name, result.tree, result.findings + run_rules(result.tree))


def open_input(path: Path, from_: str | None = None, satker: str | None = None) -> Input:
    """Read and check ``path``: an ADK folder or archive (recognised by its content, unless
    ``from_`` names a single-document format), or a single document. The rules apply to
    the budget as it stands (a document's tree, an ADK's ``d_*`` tables); what a reader
    finds wrong in an ADK's semula tables comes as warnings. ``satker`` keeps that satker
    only; a single document must be its. Raises InputError when the input cannot be read
    or ``satker`` is not in it."""
    if from_ is None and is_adk(path):
        return open_adk(path, satker)
    return open_document(read_bytes(path, MAX_DOCUMENT), path, from_, satker)


def open_document(
    data: bytes, path: Path, from_: str | None = None, satker: str | None = None, name: str | None = None
) -> Input:
    """:func:`open_input` of a single document whose bytes were read already (``data``, the
    bytes of ``path``); ``name`` is what its findings and errors call it (default ``path``:
    an upload gives the name its user gave)."""
    shown = str(path) if name is None else name
    fmt, checked = check_bytes(data, shown, from_)
    if satker is not None and checked.tree.satker.kode != satker:
        raise InputError(
            N_("satker {satker} is not this document's satker ({dokumen})"),
            file=shown,
            satker=satker,
            dokumen=checked.tree.satker.kode,
        )
    return Input(path, fmt, [checked], tahun_anggaran=checked.tree.dokumen.tahun_anggaran)


def open_adk(path: Path, satker: str | None = None) -> Input:
    """:func:`open_input` of an ADK folder or archive."""
    return check_adk(path, satker, keep_trees=True)


#: what :func:`check_adk` calls with each satker checked while its whole tree is in
#: memory: (the satker checked, its tree before the revision or None, how many satkers
#: have been checked with this one, how many there are)
Each = Callable[[Checked, RkaSatker | None, int, int], None]


def check_adk(
    path: Path, satker: str | None = None, each: Each | None = None, *, keep_trees: bool = False
) -> Input:
    """:func:`open_input` of an ADK folder or archive, read and checked one satker at a
    time (``formats.adk.reader.iter_adk``), so that an archive of hundreds of satkers
    never has them all in memory: ``each`` is called with each satker checked, its whole
    tree and semula at hand; what is kept of a tree after it (unless ``keep_trees``) is
    :func:`ringkas` of it, all that the check's lines, its JSON and an archive's totals
    read. The findings are those :func:`open_input` gives. Raises InputError."""
    from anggaran.formats.adk.reader import iter_adk  # only archives need the ADK reader

    # a check alone needs no node's raw rows (only the ADK and JSON outputs show them)
    stream = iter_adk(path, satker, adk=keep_trees or each is not None)
    checked: list[Checked] = []
    semula: list[RkaSatker] | None = [] if stream.has_semula else None
    total = len(stream)
    for one in stream:
        if one.menjadi is not None:
            c = Checked(str(path), one.menjadi, one.findings + run_rules(one.menjadi))
            if each is not None:
                each(c, one.semula, len(checked) + 1, total)
            checked.append(c if keep_trees else Checked(c.file, ringkas(c.tree), c.findings))
        if one.semula is not None and semula is not None:
            semula.append(one.semula if keep_trees else ringkas(one.semula))
    return Input(path, "adk", checked, semula, stream.lain(), stream.tahun_anggaran)


def ringkas(tree: RkaSatker) -> RkaSatker:
    """``tree`` cut to its header and its programs' totals (code, name, alokasi; no
    kegiatan below them): its total, its satker and year, its programs counted, as a
    checked satker's lines and JSON give them, without the memory of its lines."""
    return RkaSatker(
        tree.dokumen,
        tree.kementerian,
        tree.unit_organisasi,
        tree.satker,
        tree.provinsi,
        tree.lokasi,
        [Program(p.kode, p.nama, p.alokasi, source=p.source) for p in tree.program],
        tree.source_file,
        rencana_penarikan_ada=tree.rencana_penarikan_ada,
    )
