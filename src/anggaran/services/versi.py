"""Use cases on the store of versions: import a file (a Bagian A, a canonical JSON, an ADK
archive with many satkers) as new versions, list and load them, check, export and compare
stored versions.

An import is atomic: the file's every satker is stored, or nothing is. A file whose bytes
were imported before (same SHA-256) is recognised and not stored again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from anggaran.core.errors import InputError
from anggaran.core.findings import Finding
from anggaran.core.tree import RkaSatker
from anggaran.formats import json as canonical
from anggaran.rules import run_rules
from anggaran.services.banding import Perbandingan
from anggaran.services.dokumen import Checked, check_bytes, format_of, read_bytes
from anggaran.store import (
    TAHAP,
    AlreadyImported,
    BerkasInfo,
    NewBerkas,
    NewVersi,
    Store,
    VersiInfo,
    tahap_label,
)

__all__ = [
    "ImportResult",
    "Store",
    "VersiInfo",
    "check_version",
    "fingerprint",
    "import_file",
    "parse_tahap",
    "perbandingan_versi",
    "sha256_path",
]

_TAHAP_RE = re.compile(
    r"^\s*(pagu[- ]indikatif|pagu[- ]anggaran|alokasi(?:[- ]anggaran)?|dipa|"
    r"revisi(?:[- ]?(?:ke)?[- ]?(\d{1,3}))?)\s*$",
    re.IGNORECASE,
)


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
class ImportResult:
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
    #: version id -> an earlier version with the same content (equal tree)
    sama: dict[int, int] = field(default_factory=dict)
    #: the versions made of an archive's semula tables (``--semula``)
    semula: set[int] = field(default_factory=set)

    @property
    def findings(self) -> list[Finding]:
        return [f for c in self.checked for f in c.findings]


def _hash(path: Path) -> tuple[bytes | None, str, int]:
    """(the bytes of a single document, or None for an archive or folder; their SHA-256;
    size in bytes). A single document is read once here, and its very bytes are parsed
    later. Raises InputError when ``path`` cannot be read."""
    from anggaran.formats.adk.source import is_archive_bytes

    if path.is_dir():
        return None, *sha256_path(path)
    data = read_bytes(path)
    return (None if is_archive_bytes(data[:265]) else data), hashlib.sha256(data).hexdigest(), len(data)


def _read(
    path: Path, data: bytes | None, sha: str
) -> tuple[str, list[Checked], list[Finding], list[RkaSatker] | None]:
    """(format, one Checked per satker, reader errors, the semula trees of an ADK or None)
    of the input :func:`_hash` saw. An archive or folder, which libarchive reads from the
    path, must still have SHA-256 ``sha`` afterwards. Raises InputError when the input
    cannot be read, or changed while it was read."""
    if data is not None:
        c = check_bytes(data, str(path))
        return format_of(data) or "?", [c], c.read_errors, None
    from anggaran.services.arsip import check_arsip

    arsip = check_arsip(path)
    if sha256_path(path)[0] != sha:
        raise InputError(
            "berkas berubah selama dibaca", file=str(path), expected="berkas yang tidak sedang ditulis"
        )
    return "adk", arsip.satker, arsip.read_errors, arsip.arsip.semula


def fingerprint(tree: RkaSatker) -> str:
    """The SHA-256 (hex) of ``tree``'s canonical JSON with sorted keys: equal for equal
    trees, whatever file they came from."""
    text = json.dumps(canonical.to_dict(tree), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _baru(tree: RkaSatker, tahap: tuple[str, int | None] | None, catatan: str, file: str) -> NewVersi:
    """The version to store of ``tree``: its stage is ``tahap``, else the one the document
    names. The stage goes into the tree (``dokumen.tahap``: ``revisi-1``), so that the
    version's JSON carries it and reads back to the same version. Raises InputError when
    ``tahap`` and the document name different stages."""
    own = tree.dokumen.tahap
    parsed = None
    if own:
        try:
            parsed = parse_tahap(own)
        except ValueError:
            parsed = None  # free text: kept as the document says it, the stage stays unknown
            if tahap is not None:
                raise InputError(
                    f"satker {tree.satker.kode}: dokumen menyebut tahap {own!r}, yang "
                    f"tidak dapat dipastikan sama dengan --stage {tahap_label(*tahap)}",
                    file=file,
                    expected="dokumen.tahap salah satu dari pagu-indikatif, "
                    "pagu-anggaran, alokasi-anggaran, dipa, revisi-N; atau impor "
                    "tanpa --stage",
                ) from None
    if parsed is not None and tahap is not None and parsed != tahap:
        raise InputError(
            f"satker {tree.satker.kode}: dokumen menyebut tahap {own!r}, "
            f"--stage menyebut {tahap_label(*tahap)}",
            file=file,
            expected="tahap yang sama, atau impor tanpa --stage",
        )
    tahap = tahap or parsed
    if tahap is not None and (not own or parsed is not None):
        tree = replace(tree, dokumen=replace(tree.dokumen, tahap=tahap_label(*tahap)))
    stage, revisi_ke = tahap or (None, None)
    return NewVersi(tree, stage, revisi_ke, fingerprint=fingerprint(tree), catatan=catatan)


def import_file(
    store: Store,
    path: Path,
    *,
    tahap: tuple[str, int | None] | None = None,
    catatan: str = "",
    oleh: str,
    pada: dt.datetime,
    semula: bool = False,
    tahap_semula: tuple[str, int | None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Import ``path`` (a Bagian A text, a canonical JSON, an ADK folder or archive) into
    ``store``: one new version per satker, all in one transaction, stored by ``oleh`` at
    ``pada`` with ``catatan``. ``tahap`` is (stage, revision number) as
    :func:`parse_tahap` gives; None takes the document's own ``tahap`` when it names one,
    else the stage is left unknown. With ``semula``, an ADK's semula trees (``m_*``
    tables, the plan before the revision) are stored too, each before its satker's
    menjadi version, at ``tahap_semula``, with the note prefixed ``semula (m_*)``.

    Nothing is stored when the file was imported before (recognised by its SHA-256) or
    when the reader could not place a line. Raises InputError when the file cannot be
    read, ``semula`` is asked of a file without semula tables, or the database refuses the
    file (then nothing is stored either)."""
    if path.exists() and not (path.is_file() or path.is_dir()):
        raise InputError(
            "bukan berkas biasa (pipa, perangkat …): sidik SHA-256 dan nama berkas tidak dapat dicatat",
            file=str(path),
            expected="berkas atau folder",
        )
    oleh, catatan = _text(oleh), _text(catatan)
    data, sha, size = _hash(path)
    before = store.find_file(sha)
    if before is not None:
        return ImportResult(
            _text(str(path)), before.format, before, False, versi=store.versions(ids=before.versi)
        )
    fmt, checked, read_errors, trees_semula = _read(path, data, sha)
    if read_errors:
        return ImportResult(_text(str(path)), fmt, None, False, checked, read_errors)
    if semula and trees_semula is None:
        raise InputError(
            "berkas ini tidak memuat tabel semula (m_item dst.)",
            file=str(path),
            expected="arsip ADK revisi, atau impor tanpa --semula",
        )
    old = {t.satker.kode: t for t in trees_semula or []} if semula else {}
    note_semula = f"{_SEMULA}: {catatan}" if catatan else _SEMULA
    new: list[NewVersi] = []
    is_semula: list[bool] = []
    for c in checked:
        if c.tree.satker.kode in old:
            new.append(_baru(old.pop(c.tree.satker.kode), tahap_semula, note_semula, str(path)))
            is_semula.append(True)
        new.append(_baru(c.tree, tahap, catatan, str(path)))
        is_semula.append(False)
    # satkers only in semula (removed by the revision)
    new += [_baru(tree, tahap_semula, note_semula, str(path)) for tree in old.values()]
    is_semula += [True] * (len(new) - len(is_semula))
    try:
        berkas = store.save(
            NewBerkas(_text(os.path.basename(os.path.normpath(path))), sha, size, fmt),
            new,
            oleh,
            pada,
            catatan,
            progress,
        )
    except AlreadyImported as exc:  # another process stored the same bytes meanwhile
        return ImportResult(
            _text(str(path)), exc.berkas.format, exc.berkas, False, versi=store.versions(ids=exc.berkas.versi)
        )
    stored = store.versions(ids=berkas.versi)
    earlier = store.same_content([i.fingerprint for i in stored], exclude=berkas.versi)
    return ImportResult(
        _text(str(path)),
        fmt,
        berkas,
        True,
        checked,
        [],
        stored,
        {i.id: earlier[i.fingerprint] for i in stored if i.fingerprint in earlier},
        {i for i, old_side in zip(berkas.versi, is_semula, strict=True) if old_side},
    )


def _text(text: str) -> str:
    """``text`` as UTF-8 can hold it: bytes a file name or argument carried that are not
    UTF-8 (Python keeps them as surrogates) become U+FFFD."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate no undecodable byte made
        return text.encode("utf-8", "replace").decode("utf-8")


#: the note that marks a version made of an archive's semula tables
_SEMULA = "semula (m_*)"


def check_version(store: Store, ref: str) -> tuple[VersiInfo, Checked]:
    """The version ``ref`` names (see :meth:`Store.version`) with its tree checked
    by every rule (the file name of the Checked is ``versi <id>``). Raises InputError."""
    info = store.version(ref)
    tree = store.load_tree(info.id)
    return info, Checked(f"versi {info.id}", tree, run_rules(tree))


def label(info: VersiInfo) -> str:
    """``versi 12 (015116, TA 2026, dipa)``: a version as the comparison labels it."""
    return f"versi {info.id} ({info.satker}, TA {info.tahun_anggaran}, {info.tahap_label})"


def perbandingan_versi(store: Store, semula: str, menjadi: str) -> Perbandingan:
    """The matriks semula-menjadi of two stored versions (ids or satker codes), which may
    be of different satkers or years. Raises InputError when one does not exist."""
    a, b = store.version(semula), store.version(menjadi)
    return Perbandingan(
        f"versi {a.id} -> versi {b.id}", label(a), label(b), [store.load_tree(a.id)], [store.load_tree(b.id)]
    )
