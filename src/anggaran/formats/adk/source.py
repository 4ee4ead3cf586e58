"""Where an ADK archive's table files come from: a folder, a ``.zip`` or a ``.rar``, also
nested as SAKTI downloads come (an outer ``SAKTI.015.08.<n>_26.rar`` holding an inner
archive ``*.s26``, which holds the tables).

Archives of every kind are read through libarchive (the ``libarchive-c`` package), so RAR5,
ZIP and their nesting share one code path. A member whose name looks like an archive
(``.rar``, ``.zip``, ``.sNN``, ``.7z``, ``.tar``...) is opened in turn.

Archives come from anyone (the web application reads uploads), so members are inflated
block by block against the limits of :mod:`anggaran.formats.batas` (the unpacked total,
each member, the ratio of unpacked to packed bytes, the nesting): an archive bomb is
refused before it takes the memory. Nothing is written to disk; a member named with an
absolute path or ``..`` is refused all the same, and one whose name is not UTF-8 is
read under its name with the bad bytes replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from anggaran.core.errors import InputError
from anggaran.core.findings import N_
from anggaran.formats import batas
from anggaran.formats.adk.table import XmlHead

#: ``d_item01508000000000.csv``: prefix d/m, table, dept(3) unit(2) dekon?(2) satker(6) n(1)
TABLE_FILE = re.compile(r"^(?P<table>[dm]_[a-z]+?)(?P<kode>\d{14})\.(?P<ext>csv|xml)$", re.I)
_ARCHIVE = re.compile(r"\.(rar|zip|s\d\d|7z|tar|tgz|tar\.gz|tar\.bz2|tar\.xz)$", re.I)
#: first bytes of the archives libarchive reads: zip, rar, 7z, gzip, bzip2, xz
MAGIC = (
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"Rar!\x1a\x07",
    b"7z\xbc\xaf\x27\x1c",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ\x00",
)


@dataclass(slots=True)
class TableFiles:
    """The bytes of one table's ``.csv`` and ``.xml`` with the names they came from.

    Collected with ``xml_heads`` (:func:`collect`), ``xml`` may be only the start of the
    file (``xml_count`` then gives its rows, and ``xml_error`` what was wrong past the
    start: see :class:`formats.adk.table.XmlHead`)."""

    csv: bytes | None = None
    xml: bytes | None = None
    csv_origin: str = ""
    xml_origin: str = ""
    xml_count: int | None = None
    xml_error: InputError | None = None

    @property
    def xml_whole(self) -> bool:
        """Whether ``xml`` is the whole file."""
        return self.xml_count is None


@dataclass(slots=True)
class AdkFiles:
    """Every table file found, by lower-case table name (``d_item``), with the 14-digit code
    of the file names (``01508000000000``) and where they were found."""

    origin: str
    tables: dict[str, TableFiles] = field(default_factory=dict)
    kode: str | None = None
    others: list[str] = field(default_factory=list)

    def add(self, name: str, origin: str, data: bytes | XmlHead) -> None:
        """The file ``name`` (its bytes, or an XML's :class:`XmlHead`)."""
        base = name.replace("\\", "/").rsplit("/", 1)[-1]
        m = TABLE_FILE.match(base)
        if not m:
            self.others.append(origin)
            return
        table = m["table"].lower()
        files = self.tables.setdefault(table, TableFiles())
        if isinstance(data, XmlHead):
            head = data
            data = bytes(head.data)
            if not head.whole:
                files.xml_count, files.xml_error = head.count, head.error
        if m["ext"].lower() == "csv":
            if files.csv is not None:
                raise InputError(
                    N_("table {tabel} comes twice (also {juga})"),
                    file=origin,
                    tabel=table,
                    juga=files.csv_origin,
                )
            files.csv, files.csv_origin = data, origin
        else:
            if files.xml is not None:
                raise InputError(
                    N_("table {tabel} comes twice (also {juga})"),
                    file=origin,
                    tabel=table,
                    juga=files.xml_origin,
                )
            files.xml, files.xml_origin = data, origin
        self.kode = self.kode or m["kode"]


def is_archive_name(name: str) -> bool:
    """Whether ``name`` looks like an archive SAKTI or a user would hand us."""
    return bool(_ARCHIVE.search(name))


def archive_stem(name: str) -> str:
    """``name`` without its archive extension: ``1d01_01508_00_000000_0.zip`` ->
    ``1d01_01508_00_000000_0`` (a folder's name stays as it is)."""
    return _ARCHIVE.sub("", name)


#: the parts an Office Open XML package (XLSX, DOCX) starts with; no ADK holds them
_OOXML_PARTS = (b"[Content_Types].xml", b"_rels/", b"docProps/", b"xl/", b"word/", b"customXml/")


def is_archive_bytes(head: bytes) -> bool:
    """Whether the first bytes (at least 265) are those of an archive: zip, rar, 7z, gzip,
    bzip2, xz, or a tar (``ustar`` at offset 257). A zip whose first member is a part of an
    Office document (an XLSX workbook: ``[Content_Types].xml``, ``docProps/app.xml``) is
    not an archive of tables but a document (``formats.xlsx``)."""
    if is_ooxml_head(head):
        return False
    return head.startswith(MAGIC) or head[257:262] == b"ustar"


def is_ooxml_head(head: bytes) -> bool:
    """Whether the bytes start a zip whose first member is a part of an Office Open XML
    package (``[Content_Types].xml``, ``docProps/app.xml``, ``xl/...``): a document, told
    even when the zip is cut short."""
    if not head.startswith(b"PK\x03\x04") or len(head) < 30:
        return False
    size = int.from_bytes(head[26:28], "little")
    return head[30 : 30 + size].startswith(_OOXML_PARTS)


@dataclass(slots=True)
class _Budget:
    """What may still be inflated: the bytes unpacked so far against the limits, and the
    packed size of the outermost archive (for the ratio)."""

    origin: str
    packed: int
    unpacked: int = 0

    def take(self, n: int, member: int, where: str) -> None:
        self.unpacked += n
        if member > batas.MAX_MEMBER:
            raise InputError(
                N_("an archive member unpacks to more than {batas} (an archive bomb?); nothing read"),
                file=where,
                expected=N_("the tables of one SAKTI ADK export"),
                batas=batas.mib(batas.MAX_MEMBER),
            )
        if self.unpacked > batas.MAX_ARCHIVE:
            raise InputError(
                N_("the archive unpacks to more than {batas} (an archive bomb?); nothing read"),
                file=self.origin,
                expected=N_("the tables of one SAKTI ADK export"),
                batas=batas.mib(batas.MAX_ARCHIVE),
            )
        if self.unpacked > batas.RATIO_FROM and self.unpacked > batas.MAX_RATIO * max(self.packed, 1):
            raise InputError(
                N_(
                    "the archive unpacks to more than {rasio} times its size (an archive bomb?); nothing read"
                ),
                file=self.origin,
                expected=N_("the tables of one SAKTI ADK export"),
                rasio=batas.MAX_RATIO,
            )


def _member_name(entry: object, origin: str) -> str:
    """The member's name as text (bad bytes replaced); an absolute name or one with ``..``
    is refused: an upload is never written outside its folder, and a SAKTI export has
    neither."""
    raw = getattr(entry, "pathname", None) or ""
    name = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or ".." in parts or re.match(r"^[A-Za-z]:", name):
        raise InputError(
            N_("archive member {nama!r}: a name outside the archive's folder is refused"),
            file=origin,
            expected=N_("member names relative to the archive, without '..'"),
            nama=name,
        )
    return name


#: bytes read of an archive member at a time (libarchive-c's default, a page, costs a
#: Python call per 4 KiB)
_BLOK = 1 << 20


def _read_archive(
    data: bytes | None,
    path: Path | None,
    origin: str,
    files: AdkFiles,
    depth: int,
    budget: _Budget,
    xml_heads: bool = False,
) -> None:
    try:
        import libarchive  # imported here: only archives need the C library
    except (ImportError, OSError, AttributeError) as exc:
        raise InputError(
            N_("the archive cannot be opened: the libarchive library is not available ({sebab})"),
            file=origin,
            expected=N_("libarchive installed (Debian: libarchive13)"),
            sebab=str(exc),
        ) from None

    if depth > batas.MAX_DEPTH:
        raise InputError(N_("archives nested more than {n} levels deep"), file=origin, n=batas.MAX_DEPTH)
    try:
        opener = (
            libarchive.file_reader(str(path)) if path is not None else libarchive.memory_reader(data or b"")
        )
        with opener as archive:
            for entry in archive:
                if not entry.isfile:
                    continue
                name = _member_name(entry, origin)
                inner = f"{origin}!{name}"
                table = TABLE_FILE.match(name.replace("\\", "/").rsplit("/", 1)[-1])
                size = 0
                if xml_heads and table and table["ext"].lower() == "xml":
                    head = XmlHead(inner)
                    for block in entry.get_blocks(_BLOK):
                        size += len(block)
                        budget.take(len(block), size, inner)
                        head.feed(block)
                    head.close()
                    files.add(name, inner, head)
                    continue
                blocks = []
                for block in entry.get_blocks(_BLOK):
                    size += len(block)
                    budget.take(len(block), size, inner)
                    blocks.append(block)
                content = b"".join(blocks)
                del blocks
                if not table and (is_archive_name(name) or is_archive_bytes(content[:265])):
                    _read_archive(content, None, inner, files, depth + 1, budget, xml_heads)
                else:
                    files.add(name, inner, content)
    except libarchive.ArchiveError as e:
        detail = str(getattr(e, "msg", "") or e)
        raise InputError(
            N_("the archive cannot be opened ({sebab})"),
            file=origin,
            expected=N_("a RAR or ZIP archive or an ADK folder from SAKTI"),
            sebab=detail,
        ) from None


def collect(path: str | Path, *, xml_heads: bool = False) -> AdkFiles:
    """The table files of the ADK at ``path`` (folder, zip, rar, nested). With
    ``xml_heads``, of each table's XML only what the reader needs beside its CSV is kept
    (:class:`formats.adk.table.XmlHead`): the reader that streams an archive satker by
    satker asks for that; a table without its CSV then needs its XML collected whole.

    Raises InputError when the path does not exist, an archive cannot be read or goes
    past a limit of :mod:`anggaran.formats.batas`, or a table comes twice.
    """
    path = Path(path)
    files = AdkFiles(str(path))
    if path.is_dir():
        children = [c for c in sorted(path.rglob("*")) if c.is_file()]
        budget = _Budget(str(path), sum(c.stat().st_size for c in children))
        for child in children:
            rel = str(child.relative_to(path))
            if is_archive_name(child.name):
                _read_archive(
                    None,
                    child,
                    f"{path}/{rel}",
                    files,
                    1,
                    _Budget(str(child), child.stat().st_size),
                    xml_heads,
                )
            else:
                size = child.stat().st_size
                budget.take(size, size, str(child))
                table = TABLE_FILE.match(child.name)
                if xml_heads and table and table["ext"].lower() == "xml":
                    head = XmlHead(str(child))
                    with open(child, "rb") as f:
                        for block in iter(lambda: f.read(1 << 20), b""):
                            head.feed(block)
                    head.close()
                    files.add(child.name, str(child), head)
                else:
                    files.add(child.name, str(child), child.read_bytes())
    elif path.is_file():
        _read_archive(None, path, str(path), files, 0, _Budget(str(path), path.stat().st_size), xml_heads)
    else:
        raise InputError(N_("no file or folder of this name"), file=str(path))
    return files
