"""What the pages and the API read, for one user: the satkers in scope with their latest
version, a satker's versions and comments, a version's tree one level at a time with the
findings and comments of each row, two versions compared, documents to download. Each
function checks the user's scope first (OutOfScope: the satker does not exist for them)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from anggaran.core.banding import BarisBanding, banding
from anggaran.core.errors import OutOfScope
from anggaran.core.findings import Finding, Severity, by_severity, count_by_severity
from anggaran.core.kode import Level
from anggaran.core.tree import RkaSatker
from anggaran.reports.findings import finding_dict
from anggaran.services.akses import Pengguna, wajib_satker, wajib_versi
from anggaran.services.banding import Perbandingan, matriks_files
from anggaran.services.dokumen import DOKUMEN, EXPORT_FORMATS, MEDIA_TYPES, nama_berkas, render_dokumen
from anggaran.services.masukan import Checked
from anggaran.services.versi import label
from anggaran.store import Store, VersiInfo, tim
from anggaran.store import jelajah as j
from anggaran.store.jelajah import Baris, SatkerRingkas
from anggaran.store.tim import KomentarInfo


def daftar_satker(
    store: Store, user: Pengguna, cari: str = "", unit: str = "", provinsi: str = "", status: str = ""
) -> list[SatkerRingkas]:
    """The satkers in the user's scope with their latest version and its findings."""
    return j.satker_ringkas(store, user.lingkup(), cari, unit, provinsi, status)


def jumlah_per_tahun(rows: list[SatkerRingkas]) -> dict[int, int]:
    """The latest versions' jumlah added up per fiscal year (years are never mixed), by
    year."""
    out: dict[int, int] = {}
    for r in rows:
        if r.versi is not None:
            out[r.versi.tahun_anggaran] = out.get(r.versi.tahun_anggaran, 0) + r.versi.jumlah
    return dict(sorted(out.items()))


def pilihan(store: Store, user: Pengguna) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The units and provinces to filter the user's list by."""
    return j.pilihan(store, user.lingkup())


@dataclass
class HalamanSatker:
    """A satker's page: the satker, its versions (oldest first) with their findings
    counted, and the comments on any of its versions."""

    satker: SatkerRingkas
    versi: list[tuple[VersiInfo, dict[Severity, int]]]
    komentar: list[KomentarInfo]


def halaman_satker(store: Store, user: Pengguna, kode: str) -> HalamanSatker:
    wajib_satker(store, user, kode)
    [ringkas] = j.satker_ringkas(store, None, kode=kode)
    versions = store.versions(satker=kode)
    counts = store.finding_counts([v.id for v in versions])
    return HalamanSatker(ringkas, [(v, counts[v.id]) for v in versions], tim.komentar_satker(store, kode))


#: no finding of any severity (read only)
_NOL: dict[Severity, int] = {s: 0 for s in Severity}


@dataclass
class Temuan:
    """A version's findings as its import gave them, placed: ``per_path`` the findings of
    each row's code path; ``dokumen`` those of no row of the tree (the document's header,
    the file's tables); ``di_bawah`` how many findings each path has at or below it."""

    semua: list[Finding]
    per_path: dict[str, list[Finding]] = field(default_factory=dict)
    dokumen: list[Finding] = field(default_factory=list)
    di_bawah: dict[str, dict[Severity, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, findings: list[Finding]) -> Temuan:
        findings = by_severity(findings)
        t = cls(findings)
        for f in findings:
            if not f.path or "/" not in f.path and not _is_program(f.path):
                t.dokumen.append(f)
                continue
            t.per_path.setdefault(f.path, []).append(f)
            parts = f.path.split("/")
            for n in range(1, len(parts) + 1):
                key = "/".join(parts[:n])
                counts = t.di_bawah.get(key)
                if counts is None:
                    counts = t.di_bawah[key] = dict(_NOL)
                counts[f.severity] += 1
        return t

    def at(self, path: str) -> list[Finding]:
        return self.per_path.get(path, [])

    def below(self, path: str) -> dict[Severity, int]:
        return self.di_bawah.get(path, _NOL)


def _is_program(path: str) -> bool:
    from anggaran.core import kode as kd

    return bool(kd.PROGRAM.fullmatch(path))


@dataclass(frozen=True)
class _Tetap:
    """What never changes of a stored version (versions are immutable): its top rows, its
    findings placed, its totals, its charts per language. Pages read them from memory
    after the first time."""

    program: list[Baris]
    temuan: Temuan
    totals: dict[str, Any]
    svg: dict[str, dict[str, str]] = field(default_factory=dict)

    def grafik(self, lang: str) -> dict[str, str]:
        """The allocation charts (SVG) per program, per KRO (the 30 largest) and per jenis
        belanja, in ``lang``."""
        if lang not in self.svg:
            from anggaran.reports import grafik

            jenis = self.totals["jenis_belanja"]
            self.svg[lang] = {
                "program": grafik.batang(list(self.totals["program"]), lang),
                "kro": grafik.batang(list(self.totals["kro"])[:30], lang),
                "jenis_belanja": grafik.batang(
                    [(k, grafik.nama_jenis_belanja(k), v) for k, v in jenis.items()], lang
                ),
            }
        return self.svg[lang]


@dataclass
class HalamanVersi:
    """A version's page: the version, its satker's versions, what never changes of it
    (the programs, the tree's top level; its findings placed on rows; its totals and
    charts), and the comments per row."""

    info: VersiInfo
    riwayat: list[VersiInfo]
    tetap: _Tetap
    komentar: dict[str, list[KomentarInfo]]

    @property
    def program(self) -> list[Baris]:
        return self.tetap.program

    @property
    def temuan(self) -> Temuan:
        return self.tetap.temuan

    @property
    def punya_rincian(self) -> bool:
        """Whether the version goes down to its akun (Bagian B and the rekap exist)."""
        return bool(self.tetap.totals["jenis_belanja"])

    def grafik(self, lang: str) -> dict[str, str]:
        return self.tetap.grafik(lang)


def halaman_versi(store: Store, user: Pengguna, versi_id: int) -> HalamanVersi:
    info = wajib_versi(store, user, versi_id)
    return HalamanVersi(
        info,
        store.versions(satker=info.satker),
        _tetap(store, info),
        _per_path(tim.komentar_versi(store, versi_id)),
    )


#: the unchanging part of the versions read lately, per database and version (with its
#: content's and file's SHA-256, so a number reused after a rollback is another key)
_TETAP: OrderedDict[tuple[str, int, str, str], _Tetap] = OrderedDict()
_TETAP_MAX = 64
_TETAP_LOCK = threading.Lock()


def _tetap(store: Store, info: VersiInfo) -> _Tetap:
    key = (store.url, info.id, info.fingerprint, info.berkas_sha256)
    with _TETAP_LOCK:
        found = _TETAP.get(key)
        if found is not None:
            _TETAP.move_to_end(key)
            return found
    made = _Tetap(
        j.anak(store, info.id, None, None), Temuan.of(store.findings(info.id)), j.totals(store, info.id)
    )
    with _TETAP_LOCK:
        _TETAP[key] = made
        while len(_TETAP) > _TETAP_MAX:
            _TETAP.popitem(last=False)
    return made


def _per_path(items: list[KomentarInfo]) -> dict[str, list[KomentarInfo]]:
    out: dict[str, list[KomentarInfo]] = {}
    for k in items:
        out.setdefault(k.path, []).append(k)
    return out


@dataclass
class Anak:
    """The children of a row, with the version's findings and comments to place on
    them."""

    info: VersiInfo
    induk: Baris | None
    baris: list[Baris]
    temuan: Temuan
    komentar: dict[str, list[KomentarInfo]]


def anak(store: Store, user: Pengguna, versi_id: int, level: str, node_id: int) -> Anak:
    """The children of row ``node_id`` of ``level`` in version ``versi_id``; OutOfScope
    when the version is not the user's to see or has no such row."""
    info = wajib_versi(store, user, versi_id)
    try:
        lv = Level(level)
    except ValueError:
        raise OutOfScope(level) from None
    if lv is Level.DETAIL:
        raise OutOfScope(level)
    parent = j.simpul(store, versi_id, lv, node_id)
    if parent is None:
        raise OutOfScope(str(node_id))
    rows = j.anak(store, versi_id, lv, node_id, parent.path)
    return Anak(
        info,
        parent,
        rows,
        _tetap(store, info).temuan,
        _per_path(tim.komentar_versi(store, versi_id)),
    )


def jalan(store: Store, user: Pengguna, versi_id: int, path: str) -> list[tuple[Baris, list[Baris]]]:
    """The rows along ``path`` (a finding's or a comment's), each with its children, so a
    page can open the tree down to that row."""
    wajib_versi(store, user, versi_id)
    out = []
    for row in j.jalan(store, versi_id, path):
        children = [] if row.level is Level.DETAIL else j.anak(store, versi_id, row.level, row.id, row.path)
        out.append((row, children))
    return out


def temuan_json(store: Store, user: Pengguna, versi_id: int) -> dict[str, Any]:
    """A version's findings in the shape of ``anggaran check --format json`` (one satker)."""
    info = wajib_versi(store, user, versi_id)
    findings = store.findings(versi_id)
    return {
        "file": info.berkas,
        "readable": True,
        "satker": info.satker,
        "versi": info.id,
        "summary": {s.value: n for s, n in count_by_severity(findings).items()},
        "jumlah": info.jumlah,
        "findings": [finding_dict(f) for f in findings],
    }


def versi_json(store: Store, user: Pengguna, versi_id: int) -> bytes:
    """A version as canonical JSON (rka-satker/1)."""
    from anggaran.formats import json as canonical

    wajib_versi(store, user, versi_id)
    return canonical.dumps(store.load_tree(versi_id))


def dokumen(
    store: Store, user: Pengguna, versi_id: int, nama: str, ext: str, lang: str
) -> tuple[bytes, str, str]:
    """(bytes, file name, media type) of document ``nama`` (bagian-a, bagian-b, rekap) of a
    version in format ``ext`` (pdf, xlsx, html, json); its findings as its import gave
    them. OutOfScope for a version, document or format that does not exist (for the
    user): a Bagian A has no Bagian B."""
    wajib_versi(store, user, versi_id)
    if (nama, ext) == ("adk", "zip"):  # SAKTI's archive of the version's tree
        from anggaran.services.dokumen import nama_adk, render_adk

        tree = store.load_tree(versi_id)
        return render_adk([tree]), nama_adk([tree]), "application/zip"
    to = next((k for k, v in EXPORT_FORMATS.items() if v == ext and k != "adk"), None)
    if nama not in DOKUMEN or to is None or to in ("text", "json") and nama != "bagian-a":
        # the JSON is the whole tree (Bagian B's lines too): one file, bagian-a.json
        raise OutOfScope(f"{nama}.{ext}")
    tree = store.load_tree(versi_id)
    if nama != "bagian-a" and to != "json" and not tree.has_rincian():
        raise OutOfScope(f"{nama}.{ext}")
    checked = Checked(f"versi {versi_id}", tree, store.findings(versi_id))
    data = render_dokumen(checked, to, nama, lang)
    return data, nama_berkas(tree, to, nama), MEDIA_TYPES[to]


@dataclass
class Banding:
    """Two versions compared: their infos, the comparison, and its rows (every node of
    either tree, the changed detail lines), with totals per jenis belanja."""

    semula: VersiInfo
    menjadi: VersiInfo
    perbandingan: Perbandingan
    baris: list[BarisBanding]


def banding_versi(store: Store, user: Pengguna, a: int, b: int) -> Banding:
    """Version ``a`` (semula) against ``b`` (menjadi): both must be the user's to see."""
    va, vb = wajib_versi(store, user, a), wajib_versi(store, user, b)
    ta, tb = store.load_tree(a), store.load_tree(b)
    p = Perbandingan(f"versi {a} -> versi {b}", label(va), label(vb), [ta], [tb])
    return Banding(va, vb, p, list(banding(ta, tb)))


def baris_matriks(b: Banding, semua: bool = True) -> list[BarisBanding]:
    """The rows a matrix shows: every node of either tree and the detail lines added,
    removed or changed; without ``semua``, what changed and the rows above it (all, when
    nothing did)."""
    rows = [r for r in b.baris if r.tingkat != "detail" or r.status != "tetap"]
    if not semua:
        # what changed, under the rows it sits in (a renamed line keeps its akun and komponen)
        changed = [r for r in rows if r.status != "tetap"]
        above = {r.path[:n] for r in changed for n in range(1, len(r.path))}
        rows = [r for r in rows if r.status != "tetap" or r.path in above] if changed else rows
    return rows


def dokumen_banding(store: Store, user: Pengguna, a: int, b: int, ext: str) -> tuple[bytes, str, str]:
    """The matriks semula-menjadi of two versions as pdf, xlsx, html or json."""
    import json

    result = banding_versi(store, user, a, b)
    name = f"matriks-semula-menjadi-{a}-{b}.{ext}"
    if ext == "json":
        data = result.perbandingan.to_dict() | {
            "baris": [
                {
                    "tingkat": r.tingkat,
                    "path": "/".join(r.path),
                    "kode": r.kode,
                    "uraian": r.uraian,
                    "semula": r.semula,
                    "menjadi": r.menjadi,
                    "selisih": r.selisih,
                    "status": r.status,
                }
                for r in baris_matriks(result)
            ]
        }
        return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"), name, MEDIA_TYPES["json"]
    if ext not in ("pdf", "xlsx", "html"):
        raise OutOfScope(ext)
    files = matriks_files(result.perbandingan, (ext,))
    # two versions of one satker: its own matrix (every level, each detail line changed),
    # not the summary of an archive of one
    own = [f for f in files if len(f.parts) == 2]
    chosen = own[0] if len(own) == 1 else next(f for f in files if len(f.parts) == 1)
    return files[chosen], name, MEDIA_TYPES[ext]


def tree_of(store: Store, user: Pengguna, versi_id: int) -> RkaSatker:
    wajib_versi(store, user, versi_id)
    return store.load_tree(versi_id)
