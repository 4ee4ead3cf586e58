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
from typing import Any

from anggaran.core import kode as kd
from anggaran.core.errors import InputError, OutOfScope
from anggaran.core.findings import KINDS, N_, Finding, count_by_severity, has_errors
from anggaran.core.kode import Level
from anggaran.core.lingkup import SatkerKode
from anggaran.core.tree import RkaSatker, nodes
from anggaran.formats import batas
from anggaran.formats import json as canonical
from anggaran.reports.findings import finding_dict
from anggaran.rules import run_rules
from anggaran.services import interrupts
from anggaran.services.banding import Perbandingan
from anggaran.services.masukan import Checked, Input, open_adk, open_document, read_bytes
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
        raise InputError(N_("file not found"), file=str(path)) from None
    except OSError as exc:
        raise InputError(N_("the file cannot be read: {sebab}"), file=str(path), sebab=exc.strerror) from None
    return h.hexdigest(), size


@dataclass
class ImportResult:
    """What an import did. ``baru`` False: the file was imported before (``berkas`` is
    that import) and nothing was stored. ``input``: the file read and checked (None when it
    was imported before); ``read_errors``: lines the reader could not place (then nothing
    is stored and ``berkas`` is None)."""

    file: str
    format: str
    berkas: BerkasInfo | None
    baru: bool
    input: Input | None = None
    read_errors: list[Finding] = field(default_factory=list)
    versi: list[VersiInfo] = field(default_factory=list)
    #: version id -> an earlier version with the same content (equal tree)
    sama: dict[int, int] = field(default_factory=dict)
    #: the versions made of an archive's semula tables (``--semula``)
    semula: set[int] = field(default_factory=set)

    @property
    def findings(self) -> list[Finding]:
        return [] if self.input is None else self.input.findings

    @property
    def has_errors(self) -> bool:
        return has_errors(self.findings)

    @property
    def menjadi(self) -> list[VersiInfo]:
        """The versions of the plan as the file states it (not its semula)."""
        return [i for i in self.versi if i.id not in self.semula]

    def to_dict(self) -> dict[str, Any]:
        """As ``anggaran db import --format json`` prints it."""
        return {
            "file": self.file,
            "baru": self.baru,
            "format": self.format,
            "berkas": None if self.berkas is None else self.berkas.to_dict(),
            "versi": [
                i.to_dict() | {"semula": i.id in self.semula, "sama_dengan": self.sama.get(i.id)}
                for i in self.versi
            ],
            "ringkasan": {s.value: n for s, n in count_by_severity(self.findings).items()},
            "temuan": [finding_dict(f) for f in self.findings],
            "galat_baca": [finding_dict(f) for f in self.read_errors],
        }


def _hash(path: Path) -> tuple[bytes | None, str, int]:
    """(the bytes of a single document, or None for an archive or folder; their SHA-256;
    size in bytes). A single document is read once here, and its very bytes are parsed
    later. Raises InputError when ``path`` cannot be read or is too large."""
    from anggaran.formats.adk.source import is_archive_bytes
    from anggaran.services.masukan import MAX_DOCUMENT, is_adk

    if path.is_dir():
        return None, *sha256_path(path)
    if is_adk(path):
        sha, size = sha256_path(path)
        if size > batas.MAX_ARCHIVE:
            raise InputError(
                N_("the archive is larger than {batas}"), file=str(path), batas=batas.mib(batas.MAX_ARCHIVE)
            )
        return None, sha, size
    data = read_bytes(path, MAX_DOCUMENT)
    return (None if is_archive_bytes(data[:265]) else data), hashlib.sha256(data).hexdigest(), len(data)


def _read(path: Path, data: bytes | None, sha: str, shown: str) -> Input:
    """The input :func:`_hash` saw, read and checked, its findings and errors naming it
    ``shown``. An archive or folder, which libarchive reads from the path, must still have
    SHA-256 ``sha`` afterwards. Raises InputError when the input cannot be read, or
    changed while it was read."""
    try:
        if data is not None:
            return open_document(data, path, name=shown)
        inp = open_adk(path)
    except InputError as exc:
        raise exc.renamed(str(path), shown) from None
    if sha256_path(path)[0] != sha:
        raise InputError(
            N_("the file changed while it was read"), file=shown, expected=N_("a file not being written")
        )
    return inp


def _stored_place(store: Store, kode: str) -> SatkerKode | None:
    """Where the stored satker ``kode`` is (K/L, unit, provinsi), None when it is new."""
    try:
        return store.satker_kode(kode)
    except InputError:
        return None


def fingerprint(tree: RkaSatker) -> str:
    """The SHA-256 (hex) of ``tree``'s canonical JSON with sorted keys: equal for equal
    trees, whatever file they came from."""
    text = json.dumps(canonical.to_dict(tree), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def satker_kode(tree: RkaSatker) -> SatkerKode:
    """What a scope looks at of a tree's satker."""
    return SatkerKode(tree.satker.kode, tree.kementerian.kode, tree.unit_organisasi.kode, tree.provinsi.kode)


def _baru(
    tree: RkaSatker, tahap: tuple[str, int | None] | None, catatan: str, file: str, temuan: list[Finding]
) -> NewVersi:
    """The version to store of ``tree``, with the findings its import gave: its stage is
    ``tahap``, else the one the document names. The stage goes into the tree
    (``dokumen.tahap``: ``revisi-1``), so that the version's JSON carries it and reads back
    to the same version. Raises InputError when ``tahap`` and the document name different
    stages."""
    own = tree.dokumen.tahap
    parsed = None
    if own:
        try:
            parsed = parse_tahap(own)
        except ValueError:
            parsed = None  # free text: kept as the document says it, the stage stays unknown
            if tahap is not None:
                raise InputError(
                    N_(
                        "satker {satker}: the document names stage {tahap_dokumen!r}, which cannot be "
                        "told to be the same as --stage {tahap}"
                    ),
                    file=file,
                    expected=N_(
                        "dokumen.tahap one of pagu-indikatif, pagu-anggaran, alokasi-anggaran, dipa, "
                        "revisi-N; or an import without --stage"
                    ),
                    satker=tree.satker.kode,
                    tahap_dokumen=own,
                    tahap=tahap_label(*tahap),
                ) from None
    if parsed is not None and tahap is not None and parsed != tahap:
        raise InputError(
            N_("satker {satker}: the document names stage {tahap_dokumen!r}, --stage names {tahap}"),
            file=file,
            expected=N_("the same stage, or an import without --stage"),
            satker=tree.satker.kode,
            tahap_dokumen=own,
            tahap=tahap_label(*tahap),
        )
    tahap = tahap or parsed
    if tahap is not None and (not own or parsed is not None):
        tree = replace(tree, dokumen=replace(tree.dokumen, tahap=tahap_label(*tahap)))
    stage, revisi_ke = tahap or (None, None)
    return NewVersi(
        tree, stage, revisi_ke, fingerprint=fingerprint(tree), catatan=catatan, temuan=tuple(temuan)
    )


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
    boleh: Callable[[SatkerKode], bool] | None = None,
    nama: str | None = None,
    alamat: str = "",
    boleh_pindah: bool = True,
) -> ImportResult:
    """Import ``path`` (a Bagian A text, a canonical JSON, an ADK folder or archive) into
    ``store``: one new version per satker, all in one transaction, stored by ``oleh`` at
    ``pada`` with ``catatan``, each with the findings of its reading and checking. ``tahap``
    is (stage, revision number) as :func:`parse_tahap` gives; None takes the document's
    own ``tahap`` when it names one, else the stage is left unknown. With ``semula``, an
    ADK's semula trees (``m_*`` tables, the plan before the revision) are stored too, each
    before its satker's menjadi version, at ``tahap_semula``, with the note prefixed
    ``semula (m_*)``. ``nama`` is the file's name to keep (default: ``path``'s; an upload
    gives the name its user gave). ``boleh`` says whether the importing user may import a
    satker: a file with a satker it refuses raises OutOfScope and stores nothing; a file that
    places a stored satker elsewhere (K/L, unit, provinsi) raises InputError unless
    ``boleh_pindah`` (an administrator; the command line). The import
    goes to the audit log with the versions (``alamat``: where it came from, for the web).

    Nothing is stored when the file was imported before (recognised by its SHA-256) or
    when the reader could not place a line. Raises InputError when the file cannot be
    read, ``semula`` is asked of a file without semula tables, or the database refuses the
    file (then nothing is stored either)."""
    _referensi(store)
    if path.exists() and not (path.is_file() or path.is_dir()):
        raise InputError(
            N_("not a regular file (a pipe, a device …): its SHA-256 and name cannot be recorded"),
            file=str(path),
            expected=N_("a file or a folder"),
        )
    shown = _text(nama or str(path))
    oleh, catatan = _text(oleh), _text(catatan)
    try:
        data, sha, size = _hash(path)
    except InputError as exc:
        raise exc.renamed(str(path), shown) from None
    before = store.find_file(sha)
    if before is not None:
        stored = store.versions(ids=before.versi)
        if boleh is not None and not all(boleh(store.satker_kode(i.satker)) for i in stored):
            raise OutOfScope(shown)
        return ImportResult(shown, before.format, before, False, versi=stored)
    inp = _read(path, data, sha, shown)
    trees = [c.tree for c in inp.satker] + (inp.semula or [])
    for t in trees:
        if not kd.SATKER.fullmatch(t.satker.kode):
            raise InputError(
                N_("satker code {kode!r}: a version is stored under its satker's code"),
                file=shown,
                expected=N_("a satker code of 6 digits"),
                kode=t.satker.kode,
            )
    if boleh is not None:
        # the file's header, and the satker as stored: a header that moves a satker into
        # the importer's scope (another K/L, unit or province) does not take it there
        for here in dict.fromkeys(satker_kode(t) for t in trees):  # a satker's semula: once
            if not boleh(here):
                raise OutOfScope(shown)
            tempat = _stored_place(store, here.kode)
            if tempat is None:
                continue
            if not boleh(tempat):
                raise OutOfScope(shown)
            if tempat != here and not boleh_pindah:
                raise InputError(
                    N_(
                        "the file places satker {satker} in K/L {kl_baru}, unit {unit_baru}, provinsi "
                        "{provinsi_baru}; it is stored in K/L {kl}, unit {unit}, provinsi {provinsi}: only "
                        "an administrator moves a satker (it changes who sees it)"
                    ),
                    file=shown,
                    satker=here.kode,
                    kl_baru=here.kementerian,
                    unit_baru=here.unit,
                    provinsi_baru=here.provinsi,
                    kl=tempat.kementerian,
                    unit=tempat.unit,
                    provinsi=tempat.provinsi,
                )
    if inp.read_errors:
        return ImportResult(shown, inp.format, None, False, inp, inp.read_errors)
    if semula and inp.semula is None:
        raise InputError(
            N_("this file has no semula tables (m_item etc.)"),
            file=shown,
            expected=N_("an ADK revision archive, or an import without --semula"),
        )
    whole_file = [f for f in inp.lain if "satker" not in f.args]  # about whole tables
    old = {t.satker.kode: t for t in inp.semula or []} if semula else {}
    note_semula = f"{_SEMULA}: {catatan}" if catatan else _SEMULA

    def semula_version(tree: RkaSatker) -> NewVersi:
        read = [
            f for f in inp.lain + _reader_findings(inp, tree.satker.kode) if f.args.get("sisi") == "semula"
        ]
        read = [f for f in read if f.args.get("satker") == tree.satker.kode]
        return _baru(tree, tahap_semula, note_semula, shown, whole_file + read + run_rules(tree))

    new: list[NewVersi] = []
    is_semula: list[bool] = []
    for c in inp.satker:
        kode = c.tree.satker.kode
        own = c.findings
        if kode in old:
            new.append(semula_version(old.pop(kode)))
            is_semula.append(True)
            own = [f for f in own if f.args.get("sisi") != "semula"]
        new.append(_baru(c.tree, tahap, catatan, shown, whole_file + own))
        is_semula.append(False)
    # satkers only in semula (removed by the revision)
    new += [semula_version(tree) for tree in old.values()]
    is_semula += [True] * (len(new) - len(is_semula))
    name = _text(os.path.basename(os.path.normpath(nama or str(path))))
    try:
        berkas = store.save(
            NewBerkas(name, sha, size, inp.format), new, oleh, pada, catatan, progress, alamat
        )
    except AlreadyImported as exc:  # another process stored the same bytes meanwhile
        return ImportResult(
            shown, exc.berkas.format, exc.berkas, False, versi=store.versions(ids=exc.berkas.versi)
        )
    interrupts.mark_committed()
    stored = store.versions(ids=berkas.versi)
    earlier = store.same_content([i.fingerprint for i in stored], exclude=berkas.versi)
    return ImportResult(
        shown,
        inp.format,
        berkas,
        True,
        inp,
        [],
        stored,
        {i.id: earlier[i.fingerprint] for i in stored if i.fingerprint in earlier},
        {i for i, old_side in zip(berkas.versi, is_semula, strict=True) if old_side},
    )


def _reader_findings(inp: Input, satker: str) -> list[Finding]:
    """The reader's findings about ``satker`` among a menjadi satker's."""
    checked = next((c for c in inp.satker if c.tree.satker.kode == satker), None)
    return [] if checked is None else [f for f in checked.findings if KINDS[f.rule].reader]


def _text(text: str) -> str:
    """``text`` as UTF-8 can hold it: bytes a file name or argument carried that are not
    UTF-8 (Python keeps them as surrogates) become U+FFFD."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate no undecodable byte made
        return text.encode("utf-8", "replace").decode("utf-8")


#: the note that marks a version made of an archive's semula tables
_SEMULA = "semula (m_*)"


# -- reading stored versions ------------------------------------------------------------

#: what became of a stored finding when the version is shown: ``impor`` (of the reading or
#: the page layout, which the store does not keep: shown as the import gave it),
#: ``diperiksa`` (the rule was run again on the stored tree and finds it still),
#: ``tidak_lagi`` (run again, it finds it no more), ``baru`` (found now, not at the import)
STATUS = ("impor", "diperiksa", "tidak_lagi", "baru")


def _key(f: Finding) -> tuple[str, str, str, str]:
    return f.rule, f.variant, f.path, json.dumps(f.args, sort_keys=True, default=str)


@dataclass
class Temuan:
    """A finding of a stored version and what became of it (one of :data:`STATUS`)."""

    finding: Finding
    status: str

    @property
    def holds(self) -> bool:
        """Whether the finding stands (it was not found no more)."""
        return self.status != "tidak_lagi"


def recheck(stored: list[Finding], tree: RkaSatker) -> list[Temuan]:
    """The findings a version's import gave (``stored``, with their locations), each with
    what the rules find on the stored ``tree`` now; then the findings that are new."""
    now = run_rules(tree)
    counts: dict[tuple[str, str, str, str], int] = {}
    for f in now:
        counts[_key(f)] = counts.get(_key(f), 0) + 1
    out = []
    for f in stored:
        kind = KINDS.get(f.rule)
        if kind is None or not kind.recheck:
            out.append(Temuan(f, "impor"))
            continue
        k = _key(f)
        if counts.get(k):
            counts[k] -= 1
            out.append(Temuan(f, "diperiksa"))
        else:
            out.append(Temuan(f, "tidak_lagi"))
    for f in now:
        if counts.get(_key(f)):
            counts[_key(f)] -= 1
            out.append(Temuan(f, "baru"))
    return out


def _referensi(store: Store) -> None:
    """The names loaded into ``store`` in use (readers, rules, documents)."""
    from anggaran.services.referensi import aktifkan

    aktifkan(store)


def check_version(store: Store, ref: str) -> tuple[VersiInfo, Checked]:
    """The version ``ref`` names (see :meth:`Store.version`) with its tree and the findings
    that stand: those its import gave (with their locations), checked again where the
    rules can be, and any new. The file name of the Checked is ``versi <id>``. Raises
    InputError."""
    _referensi(store)
    info = store.version(ref)
    tree = store.load_tree(info.id)
    found = recheck(store.findings(info.id), tree)
    return info, Checked(f"versi {info.id}", tree, [t.finding for t in found if t.holds])


@dataclass
class ShowResult:
    """A stored version as ``anggaran db show`` shows it: where it came from, its tree, its
    findings (:class:`Temuan`: as its import gave them, checked again), and every version
    of its satker."""

    info: VersiInfo
    tree: RkaSatker
    temuan: list[Temuan]
    history: list[VersiInfo]

    @property
    def findings(self) -> list[Finding]:
        """The findings that stand."""
        return [t.finding for t in self.temuan if t.holds]

    @property
    def has_errors(self) -> bool:
        return has_errors(self.findings)

    def counts(self) -> dict[str, int]:
        """How many KRO, RO, akun and detail lines the tree has."""
        return {
            level.value: sum(1 for _ in nodes(self.tree, level))
            for level in (Level.KRO, Level.RO, Level.AKUN, Level.DETAIL)
        }

    def to_dict(self) -> dict[str, Any]:
        """As ``anggaran db show --format json`` prints it."""
        return (
            self.info.to_dict()
            | {
                "versi_satker": [
                    {
                        "id": i.id,
                        "tahun_anggaran": i.tahun_anggaran,
                        "tahap": i.tahap_label if i.tahap else None,
                    }
                    for i in self.history
                ],
                "program": [
                    {"kode": p.kode, "nama": p.nama, "jumlah": p.alokasi.jumlah} for p in self.tree.program
                ],
                "per_jenis_belanja": self.tree.per_jenis_belanja(),
            }
            | self.counts()
            | {
                "ringkasan": {s.value: n for s, n in count_by_severity(self.findings).items()},
                "temuan": [finding_dict(t.finding) | {"status": t.status} for t in self.temuan],
            }
        )


def show_version(store: Store, ref: str) -> ShowResult:
    """The version ``ref`` names, as :class:`ShowResult`. Raises InputError."""
    info = store.version(ref)
    tree = store.load_tree(info.id)
    return ShowResult(info, tree, recheck(store.findings(info.id), tree), store.versions(satker=info.satker))


def label(info: VersiInfo) -> str:
    """``versi 12 (015116, TA 2026, dipa)``: a version as the comparison labels it."""
    return f"versi {info.id} ({info.satker}, TA {info.tahun_anggaran}, {info.tahap_label})"


def perbandingan_versi(store: Store, semula: str, menjadi: str) -> Perbandingan:
    """The matriks semula-menjadi of two stored versions (ids or satker codes), which may
    be of different satkers or years. Raises InputError when one does not exist."""
    _referensi(store)
    a, b = store.version(semula), store.version(menjadi)
    return Perbandingan(
        f"versi {a.id} -> versi {b.id}",
        label(a),
        label(b),
        [store.load_tree(a.id)],
        [store.load_tree(b.id)],
        inputs=[p for p in (store.path,) if p is not None],
    )
