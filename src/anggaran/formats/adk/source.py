"""Where an ADK archive's table files come from: a folder, a ``.zip`` or a ``.rar``, also
nested as SAKTI downloads come (an outer ``SAKTI.015.08.<n>_26.rar`` holding an inner
archive ``*.s26``, which holds the tables).

Archives of every kind are read through libarchive (the ``libarchive-c`` package), so RAR5,
ZIP and their nesting share one code path. A member whose name looks like an archive
(``.rar``, ``.zip``, ``.sNN``, ``.7z``, ``.tar``...) is opened in turn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from anggaran.core.errors import InputError

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
#: nesting deeper than this is refused (an archive bomb, not a SAKTI download)
_MAX_DEPTH = 4


@dataclass(slots=True)
class TableFiles:
    """The bytes of one table's ``.csv`` and ``.xml`` with the names they came from."""

    csv: bytes | None = None
    xml: bytes | None = None
    csv_origin: str = ""
    xml_origin: str = ""


@dataclass(slots=True)
class AdkFiles:
    """Every table file found, by lower-case table name (``d_item``), with the 14-digit code
    of the file names (``01508000000000``) and where they were found."""

    origin: str
    tables: dict[str, TableFiles] = field(default_factory=dict)
    kode: str | None = None
    others: list[str] = field(default_factory=list)

    def add(self, name: str, origin: str, data: bytes) -> None:
        base = name.replace("\\", "/").rsplit("/", 1)[-1]
        m = TABLE_FILE.match(base)
        if not m:
            self.others.append(origin)
            return
        table = m["table"].lower()
        files = self.tables.setdefault(table, TableFiles())
        if m["ext"].lower() == "csv":
            if files.csv is not None:
                raise InputError(f"tabel {table} muncul dua kali (juga {files.csv_origin})", file=origin)
            files.csv, files.csv_origin = data, origin
        else:
            if files.xml is not None:
                raise InputError(f"tabel {table} muncul dua kali (juga {files.xml_origin})", file=origin)
            files.xml, files.xml_origin = data, origin
        self.kode = self.kode or m["kode"]


def is_archive_name(name: str) -> bool:
    """Whether ``name`` looks like an archive SAKTI or a user would hand us."""
    return bool(_ARCHIVE.search(name))


def archive_stem(name: str) -> str:
    """``name`` without its archive extension: ``1d01_01508_00_000000_0.zip`` ->
    ``1d01_01508_00_000000_0`` (a folder's name stays as it is)."""
    return _ARCHIVE.sub("", name)


def is_archive_bytes(head: bytes) -> bool:
    """Whether the first bytes (at least 265) are those of an archive: zip, rar, 7z, gzip,
    bzip2, xz, or a tar (``ustar`` at offset 257)."""
    return head.startswith(MAGIC) or head[257:262] == b"ustar"


def _read_archive(data: bytes | None, path: Path | None, origin: str, files: AdkFiles, depth: int) -> None:
    try:
        import libarchive  # imported here: only archives need the C library
    except (ImportError, OSError, AttributeError) as exc:
        raise InputError(
            f"arsip tidak dapat dibuka: pustaka libarchive tidak tersedia ({exc})",
            file=origin,
            expected="libarchive terpasang (Debian: libarchive13)",
        ) from None

    if depth > _MAX_DEPTH:
        raise InputError(f"arsip bersarang lebih dari {_MAX_DEPTH} tingkat", file=origin)
    try:
        opener = (
            libarchive.file_reader(str(path)) if path is not None else libarchive.memory_reader(data or b"")
        )
        with opener as archive:
            for entry in archive:
                if not entry.isfile:
                    continue
                name = entry.pathname or ""
                content = b"".join(entry.get_blocks())
                inner = f"{origin}!{name}"
                table = TABLE_FILE.match(name.replace("\\", "/").rsplit("/", 1)[-1])
                if not table and (is_archive_name(name) or is_archive_bytes(content[:265])):
                    _read_archive(content, None, inner, files, depth + 1)
                else:
                    files.add(name, inner, content)
    except libarchive.ArchiveError as e:
        detail = str(getattr(e, "msg", "") or e)
        raise InputError(
            f"arsip tidak dapat dibuka ({detail}); diharapkan RAR, ZIP atau folder ADK dari SAKTI",
            file=origin,
        ) from None


def collect(path: str | Path) -> AdkFiles:
    """The table files of the ADK at ``path`` (folder, zip, rar, nested).

    Raises InputError when the path does not exist, an archive cannot be read, or a table
    comes twice.
    """
    path = Path(path)
    files = AdkFiles(str(path))
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if not child.is_file():
                continue
            rel = str(child.relative_to(path))
            if is_archive_name(child.name):
                _read_archive(None, child, f"{path}/{rel}", files, 1)
            else:
                files.add(child.name, str(child), child.read_bytes())
    elif path.is_file():
        _read_archive(None, path, str(path), files, 0)
    else:
        raise InputError("tidak ada berkas atau folder dengan nama ini", file=str(path))
    return files
