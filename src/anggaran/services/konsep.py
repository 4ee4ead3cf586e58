"""Drafts (konsep): start, read, change with live checks, undo, copy and paste, submit,
approve, ratify, return; the ceilings they are held to; the revision's changes with the
authority each needs. The one place the pages and the API ask; each function checks the
user's roles and scope (a satker outside it: OutOfScope, 404) and writes the audit log.

The workflow (SAKTI's operator/approver split, PMK 158/2023 art. 20): an operator submits
(``konsep`` -> ``diajukan``); the KPA approves (-> a new version, or ``disetujui`` when the
revision needs a higher authority) or returns it (-> ``konsep`` with a note); the Kanwil
DJPb or the DJA, when needed, ratify (-> a new version) or return it. Nobody approves or
ratifies their own submission.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from anggaran.core import konsep as edit
from anggaran.core.errors import InputError, OutOfScope
from anggaran.core.findings import N_, Finding, Severity, has_errors
from anggaran.core.kode import Level
from anggaran.core.konsep import leluhur as leluhur
from anggaran.core.tree import Detail, Penandatangan, RkaSatker
from anggaran.formats import json as canonical
from anggaran.rules import run_rules
from anggaran.rules.pagu import Aturan, Plafon, cek_pagu
from anggaran.services import akses
from anggaran.services.akses import Forbidden, Pengguna
from anggaran.services.versi import fingerprint
from anggaran.store import NewBerkas, NewVersi, Store, tahap_label
from anggaran.store import konsep as db
from anggaran.store.konsep import KonsepInfo, PaguInfo
from anggaran.store.konsep import Stale as Stale

Clock = Callable[[], dt.datetime]

#: the authorities, lowest first; a revision needs the KPA and every authority above it
#: that one of its changes needs
KEWENANGAN = ("KPA", "KANWIL_DJPB", "DJA")
#: the stages a revision starts from
TAHAP_REVISI = ("dipa", "revisi")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class Draf:
    """A draft opened: its record, its tree, its findings (the rules' and the ceilings')."""

    info: KonsepInfo
    tree: RkaSatker
    findings: list[Finding] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return has_errors(self.findings)

    def to_dict(self) -> dict[str, Any]:
        from anggaran.reports.findings import finding_dict

        return {
            **self.info.to_dict(),
            "jumlah": self.tree.jumlah().jumlah,
            "findings": [finding_dict(f) for f in self.findings],
        }


# -- reading -------------------------------------------------------------------------------


def _wajib(store: Store, user: Pengguna, konsep_id: int, aksi: str = "lihat") -> KonsepInfo:
    """The draft when the user may do ``aksi`` on its satker (OutOfScope otherwise: an
    out-of-scope draft does not exist for the user; Forbidden when the user may see it but
    not do ``aksi``)."""
    info = db.konsep(store, konsep_id)
    if info is None or not user.boleh("lihat", info.tempat):
        raise OutOfScope(str(konsep_id))
    if aksi != "lihat" and not user.boleh(aksi, info.tempat):
        raise Forbidden(aksi)
    return info


def _tree(doc: dict[str, Any]) -> RkaSatker:
    return canonical.from_dict(doc)


class _Terakhir:
    """The trees of the drafts changed last in this process, with their rules' findings,
    by (database, draft, change number): the next change of a draft starts from its tree
    instead of reading and parsing its document again. A tree taken to be changed leaves
    the cache (it is put back, under its new number, once stored)."""

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self.items: OrderedDict[tuple[str, int], tuple[int, RkaSatker, list[Finding]]] = OrderedDict()
        self.lock = threading.Lock()

    def get(
        self, store: Store, info: KonsepInfo, take: bool = False
    ) -> tuple[RkaSatker, list[Finding]] | None:
        key = (store.url, info.id)
        with self.lock:
            hit = self.items.get(key)
            if hit is None or hit[0] != info.nomor:
                return None
            if take:
                del self.items[key]
            else:
                self.items.move_to_end(key)
            return hit[1], hit[2]

    def put(self, store: Store, info: KonsepInfo, tree: RkaSatker, findings: list[Finding]) -> None:
        with self.lock:
            self.items[(store.url, info.id)] = (info.nomor, tree, findings)
            self.items.move_to_end((store.url, info.id))
            while len(self.items) > self.size:
                self.items.popitem(last=False)


_TERAKHIR = _Terakhir()


def _temuan_json(findings: list[Finding]) -> list[dict[str, Any]]:
    """The rules' findings as the draft keeps them beside its document (JSON)."""
    rows = [
        {"rule": f.rule, "severity": f.severity.value, "path": f.path, "args": f.args, "variant": f.variant}
        for f in findings
    ]
    out: list[dict[str, Any]] = json.loads(json.dumps(rows, default=str))
    return out


def _temuan_dari(rows: list[dict[str, Any]]) -> list[Finding]:
    return [
        Finding(r["rule"], Severity(r["severity"]), r["path"], r["args"], None, r["variant"]) for r in rows
    ]


def _muat(
    store: Store, info: KonsepInfo, take: bool = False
) -> tuple[KonsepInfo, RkaSatker, list[Finding] | None]:
    """The draft's tree as of ``info`` (from the cache, or read), with its rules' findings
    when known (kept with the document); ``take``: to be changed."""
    hit = _TERAKHIR.get(store, info, take)
    if hit is not None:
        return info, hit[0], hit[1]
    info, doc, rows = db.dokumen_temuan(store, info.id)
    return info, _tree(doc), None if rows is None else _temuan_dari(rows)


#: rules whose findings on one akun depend on rows outside it (the withdrawal plan sums
#: every line of a program/kegiatan/jenis belanja; an unknown akun, an unnamed code are
#: counted over the tree)
_LINTAS = frozenset({"RENCANA_PENARIKAN", "AKUN_TIDAK_DIKENAL", "KODE_TANPA_NAMA"})


def periksa_akun(tree: RkaSatker, before: list[Finding], akun_path: str) -> list[Finding]:
    """The rules' findings after a change of one akun's lines (their values, not their
    codes or rows): the rules run again on that akun alone (its branch of the tree,
    siblings left out), the rules that look across the tree on all of it, and every other
    finding kept from ``before``; in the order a full run gives. Equal to
    ``run_rules(tree)``: a test holds this on every akun of the real archives."""
    from anggaran.core.tree import walk
    from anggaran.rules import RULES

    def inside(p: str) -> bool:
        return p == akun_path or p.startswith(akun_path + "/")

    branch = _cabang(tree, akun_path)
    local = [r for r in RULES if r.kind.id not in _LINTAS]
    fresh = [f for f in run_rules(branch, local) if inside(f.path)]
    fresh += run_rules(tree, [r for r in RULES if r.kind.id in _LINTAS])
    kept = [f for f in before if f.rule not in _LINTAS and not inside(f.path)]
    rank = {r.kind.id: i for i, r in enumerate(RULES)}
    order = {s.path: i for i, s in enumerate(walk(tree))}
    merged = kept + fresh
    index = {id(f): i for i, f in enumerate(merged)}
    # as a full run: rule by rule, each in document order
    return sorted(merged, key=lambda f: (rank.get(f.rule, len(rank)), order.get(f.path, -1), index[id(f)]))


def _cabang(tree: RkaSatker, akun_path: str) -> RkaSatker:
    """``tree`` with only the branch from the program down to the akun at ``akun_path`` (the
    akun itself whole), sharing its nodes' values: for the rules that read one akun."""
    from anggaran.core.tree import walk

    chain: list[Any] = []
    for step in walk(tree, Level.AKUN):
        if step.path == akun_path:
            chain = [*step.ancestors, step.node]
            break
    names = ["kegiatan", "kro", "ro", "komponen", "sub_komponen", "akun"]
    copies = [copy.copy(n) for n in chain[:-1]] + chain[-1:]
    for i, node in enumerate(copies[:-1]):
        setattr(node, names[i], [copies[i + 1]])
    out = copy.copy(tree)
    out.program = copies[:1]
    out.rencana_penarikan = []
    out.rencana_penarikan_ada = False
    return out


def periksa(
    store: Store, info: KonsepInfo, tree: RkaSatker, rules: list[Finding] | None = None
) -> list[Finding]:
    """The draft's findings: every rule (``rules``, when known already), then its ceilings."""
    found = list(rules) if rules is not None else run_rules(tree)
    p = db.pagu(store, info.satker, info.tahun_anggaran, info.tahap)
    if p.ceilings:
        found.extend(
            cek_pagu(
                tree,
                [Plafon(c.tingkat, c.kode, c.jumlah) for c in p.ceilings],
                {k: Aturan(v.tindakan, v.toleransi) for k, v in p.kebijakan.items()},
            )
        )
    return found


def buka(store: Store, user: Pengguna, konsep_id: int) -> Draf:
    """Open a draft: its tree and findings (the tree is shared: not to be changed)."""
    info = _wajib(store, user, konsep_id)
    hit = _TERAKHIR.get(store, info)
    if hit is not None:
        tree, rules = hit
    else:
        info, tree, known = _muat(store, info)
        rules = run_rules(tree) if known is None else known
        _TERAKHIR.put(store, info, tree, rules)
    return Draf(info, tree, periksa(store, info, tree, rules))


def info(store: Store, user: Pengguna, konsep_id: int) -> KonsepInfo:
    """A draft's record, without its tree."""
    return _wajib(store, user, konsep_id)


def daftar(store: Store, user: Pengguna, satker: str | None = None, terbuka: bool = True) -> list[KonsepInfo]:
    """The drafts the user may see (of one satker), newest first."""
    if satker is not None:
        akses.wajib_satker(store, user, satker)
    return [k for k in db.daftar(store, satker, terbuka) if user.boleh("lihat", k.tempat)]


def dokumen_json(store: Store, user: Pengguna, konsep_id: int) -> tuple[KonsepInfo, dict[str, Any]]:
    """The draft as canonical JSON."""
    _wajib(store, user, konsep_id)
    return db.dokumen(store, konsep_id)


# -- starting --------------------------------------------------------------------------------


def mulai(
    store: Store,
    user: Pengguna,
    *,
    dari_versi: int | None = None,
    tahun_berikut: bool = False,
    satker: str | None = None,
    tahun_anggaran: int | None = None,
    tahap: str | None = None,
    alamat: str = "",
    now: Clock = _now,
) -> KonsepInfo:
    """Start a draft: from a stored version (a revision of it; or, with ``tahun_berikut``,
    next year's plan), or empty for ``satker`` and ``tahun_anggaran`` (header only, from
    its latest version). Only an operator of the satker starts one; a satker has at most
    one open draft per year and stage."""
    user.wajib("ubah")
    if tahun_anggaran is not None and not 2000 <= tahun_anggaran <= 2100:
        raise InputError(N_("{tahun} is not a fiscal year"), expected="2000..2100", tahun=tahun_anggaran)
    if dari_versi is not None:
        v = akses.wajib_versi(store, user, dari_versi)
        if not user.boleh("ubah", store.satker_kode(v.satker)):
            raise Forbidden("ubah")
        tree = store.load_tree(v.id)
        if tahun_berikut:
            tree = edit.tahun_berikut(tree)
            stage, revisi_ke, jenis = "pagu-indikatif", None, "tahun-berikut"
        else:
            tree = _revisi(tree)
            stage = "revisi"
            revisi_ke = (v.revisi_ke or 0) + 1 if v.tahap == "revisi" else 1
            jenis = "revisi"
        kode = v.satker
    else:
        if satker is None or tahun_anggaran is None:
            raise InputError(
                N_("a draft starts from a version, or from a satker and a fiscal year"),
                expected=N_(
                    "dari_versi (with tahun_berikut for next year's plan), or satker and tahun_anggaran"
                ),
            )
        s = akses.wajib_satker(store, user, satker)
        if not user.boleh("ubah", s):
            raise Forbidden("ubah")
        latest = store.versions(satker=satker)
        if not latest:
            raise InputError(
                N_("satker {satker} has no stored version to take its header from"), satker=satker
            )
        base = store.load_tree(latest[-1].id)
        tree = edit.kosong(base)
        tree.dokumen = dataclasses.replace(tree.dokumen, tahun_anggaran=tahun_anggaran, tahap=None)
        stage, revisi_ke, jenis, kode = tahap or "pagu-indikatif", None, "kosong", satker
        if stage not in ("pagu-indikatif", "pagu-anggaran", "alokasi-anggaran", "dipa"):
            raise InputError(
                N_("{tahap!r} is not a stage an empty draft starts at"),
                expected="pagu-indikatif, pagu-anggaran, alokasi-anggaran, dipa",
                tahap=stage,
            )
    tree.dokumen = dataclasses.replace(tree.dokumen, tahap=tahap_label(stage, revisi_ke))
    edit.hitung_ulang(tree)  # every total the sum of its rows from the start (a printed split is not kept)
    return db.buat(
        store,
        kode,
        tree.dokumen.tahun_anggaran,
        stage,
        revisi_ke,
        dari_versi,
        jenis,
        canonical.to_dict(tree),
        user.id,
        user.username,
        now(),
        alamat,
        _temuan_json(run_rules(tree)),
    )


def _revisi(tree: RkaSatker) -> RkaSatker:
    """The tree a revision starts from: the same plan, without the signature of the
    version it revises (the KPA signs the revision when approving it)."""
    tree.dokumen = dataclasses.replace(tree.dokumen, penandatangan=None, tanggal=None, halaman=[])
    tree.jumlah_tercetak = None  # a total as printed: the draft's is derived
    tree.jumlah_tercetak_source = None
    return tree


# -- changing --------------------------------------------------------------------------------


@dataclass
class Hasil:
    """A change made: the draft after it, the path of the row concerned (new rows: theirs)."""

    draf: Draf
    path: str = ""


def _ubah(
    store: Store,
    user: Pengguna,
    konsep_id: int,
    nomor: int | None,
    aksi: str,
    change: Callable[[RkaSatker], str],
    rincian: dict[str, Any],
    alamat: str,
    now: Clock,
    akun: str | None = None,
) -> Hasil:
    """Apply ``change`` to the draft's tree as of change ``nomor`` and store it: Stale when
    the draft has changed since. Edit errors become InputError. A change of the lines of
    one ``akun`` (their values) re-runs the checks of that akun only (and those that look
    across the tree), when the draft's findings before it are known."""
    info = _wajib(store, user, konsep_id, "ubah")
    if nomor is not None and info.nomor != nomor:
        raise Stale(info)
    info, tree, before = _muat(store, info, take=True)
    if nomor is not None and info.nomor != nomor:  # changed while it was read
        raise Stale(info)
    try:
        path = change(tree)
    except edit.EditError as e:
        raise InputError(e.message, expected=None, **e.args_) from None
    rules = periksa_akun(tree, before, akun) if akun and before is not None else run_rules(tree)
    info = db.simpan(
        store,
        konsep_id,
        info.nomor,
        canonical.to_dict(tree),
        user.username,
        now(),
        aksi,
        rincian,
        alamat,
        temuan=_temuan_json(rules),
    )
    _TERAKHIR.put(store, info, tree, rules)
    return Hasil(Draf(info, tree, periksa(store, info, tree, rules)), path)


def ubah_detail(
    store: Store,
    user: Pengguna,
    konsep_id: int,
    path: str,
    values: dict[str, Any],
    nomor: int | None = None,
    alamat: str = "",
    now: Clock = _now,
) -> Hasil:
    """Change fields of a detail line (its jumlah and every total above it derived)."""

    def change(tree: RkaSatker) -> str:
        edit.ubah_detail(tree, path, **values)
        return path

    akun: str | None = "/".join(path.split("/")[:-1])
    if akun and "~" in akun:  # a row sharing its code with a sibling: every rule again
        akun = None

    return _ubah(
        store,
        user,
        konsep_id,
        nomor,
        "konsep.ubah",
        change,
        {"path": path, "nilai": _jsonable(values)},
        alamat,
        now,
        akun,
    )


def ubah_baris(
    store: Store,
    user: Pengguna,
    konsep_id: int,
    path: str,
    values: dict[str, Any],
    nomor: int | None = None,
    alamat: str = "",
    now: Clock = _now,
    asal: dict[str, Any] | None = None,
) -> Hasil:
    """Change fields of a row above the detail lines (name, volume, amounts of an RO
    without komponen, an akun's sumber dana and blokir reason). With ``asal`` (the row's
    fields as the user saw them, :func:`nilai_baris`): only the fields the user changed are
    written, and one someone else changed meanwhile to another value refuses the change."""

    def change(tree: RkaSatker) -> str:
        todo = values
        if asal is not None:
            todo, conflict = _berubah(values, asal, nilai_baris(edit.cari(tree, path).node))
            if conflict is not None:
                raise edit.EditError(
                    N_("{field} of {path} was changed by someone else meanwhile"),
                    path,
                    field=conflict,
                    path=path,
                )
        edit.ubah(tree, path, **todo)
        return path

    return _ubah(
        store,
        user,
        konsep_id,
        nomor,
        "konsep.ubah",
        change,
        {"path": path, "nilai": _jsonable(values)},
        alamat,
        now,
    )


def tambah(
    store: Store,
    user: Pengguna,
    konsep_id: int,
    parent: str,
    kode: str = "",
    nama: str = "",
    setelah: str | None = None,
    nomor: int | None = None,
    alamat: str = "",
    now: Clock = _now,
) -> Hasil:
    """Add a row under ``parent`` (a detail line under an akun: after ``setelah``); the
    name of a program, kegiatan, KRO or akun comes from the reference when not given."""

    def change(tree: RkaSatker) -> str:
        level = edit.level_path(tree, parent) if parent else None
        if level is Level.DETAIL:
            raise edit.EditError(N_("a detail line has no rows under it"), parent)
        if level is Level.AKUN:
            return edit.tambah_detail(tree, parent, setelah)
        return edit.tambah(tree, parent, kode, nama or _nama_referensi(tree, parent, kode))

    return _ubah(
        store, user, konsep_id, nomor, "konsep.tambah", change, {"parent": parent, "kode": kode}, alamat, now
    )


def pilihan_kode(level: Level, parent_kode: str = "") -> list[tuple[str, str]]:
    """The codes the reference offers for a new row of ``level`` (a KRO's: those of its
    kegiatan ``parent_kode``), with their names, for the editor to pick from."""
    from anggaran.reference import referensi

    ref = referensi()
    if level is Level.PROGRAM:
        return sorted((k, v or "") for k, v in ref.program.items())
    if level is Level.KEGIATAN:
        return sorted((k, v or "") for k, v in ref.kegiatan.items())
    if level is Level.KRO:
        return sorted((k, r.nama or "") for k, r in ref.kro.items() if k.startswith(parent_kode + "."))
    if level is Level.AKUN:
        return sorted((k, v or "") for k, v in ref.akun.items())
    return []


def _nama_referensi(tree: RkaSatker, parent: str, kode: str) -> str:
    from anggaran.reference import referensi

    ref = referensi()
    level = (
        Level.PROGRAM if not parent else tuple(Level)[tuple(Level).index(edit.level_path(tree, parent)) + 1]
    )
    k = kode.strip()
    if level is Level.PROGRAM:
        return ref.program.get(k) or ""
    if level is Level.KEGIATAN:
        return ref.kegiatan.get(k) or ""
    if level is Level.AKUN:
        return ref.akun.get(k) or ""
    if level is Level.KRO and k in ref.kro:
        return ref.kro[k].nama or ""
    return ""


def ubah_indikator(
    store: Store,
    user: Pengguna,
    konsep_id: int,
    path: str,
    items: list[tuple[str | None, str, str | None, str | None]],
    nomor: int | None = None,
    alamat: str = "",
    now: Clock = _now,
) -> Hasil:
    """Set the indicators (and their targets) of a kegiatan, KRO or RO."""

    def change(tree: RkaSatker) -> str:
        edit.ubah_indikator(tree, path, items)
        return path

    return _ubah(
        store,
        user,
        konsep_id,
        nomor,
        "konsep.indikator",
        change,
        {"path": path, "indikator": len(items)},
        alamat,
        now,
    )


def parse_indikator(text: str) -> list[tuple[str | None, str, str | None, str | None]]:
    """Indicators as the editor's box holds them, one a line: ``number | text | target |
    satuan`` (number, target and satuan may be left out: ``text`` alone)."""
    out: list[tuple[str | None, str, str | None, str | None]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 1:
            out.append((None, parts[0], None, None))
        else:
            parts += [""] * (4 - len(parts))
            out.append((parts[0] or None, parts[1], parts[2] or None, parts[3] or None))
    return out


def hapus(
    store: Store,
    user: Pengguna,
    konsep_id: int,
    path: str,
    nomor: int | None = None,
    alamat: str = "",
    now: Clock = _now,
) -> Hasil:
    """Remove a row with everything under it."""

    def change(tree: RkaSatker) -> str:
        edit.hapus(tree, path)
        return "/".join(path.split("/")[:-1])

    return _ubah(store, user, konsep_id, nomor, "konsep.hapus", change, {"path": path}, alamat, now)


def pindah(
    store: Store,
    user: Pengguna,
    konsep_id: int,
    path: str,
    parent: str,
    nomor: int | None = None,
    alamat: str = "",
    now: Clock = _now,
) -> Hasil:
    """Move a row with everything under it under ``parent``."""
    return _ubah(
        store,
        user,
        konsep_id,
        nomor,
        "konsep.pindah",
        lambda tree: edit.pindah(tree, path, parent),
        {"path": path, "ke": parent},
        alamat,
        now,
    )


def salin(store: Store, user: Pengguna, konsep_id: int, path: str) -> dict[str, Any]:
    """A row with everything under it, to paste into a draft of the same user (the
    faces keep it: the web in the user's session)."""
    _wajib(store, user, konsep_id)
    _, doc = db.dokumen(store, konsep_id)
    tree = _tree(doc)
    try:
        level, node = edit.salin(tree, path)
    except edit.EditError as e:
        raise InputError(e.message, **e.args_) from None
    holder = edit.kosong(tree)
    # carry the node through the canonical JSON, wrapped in the smallest tree holding it
    wrapped = _wrap(holder, level, node)
    return {"level": level.value, "pengguna": user.id, "dokumen": canonical.to_dict(wrapped)}


def _wrap(holder: RkaSatker, level: Level, node: Any) -> RkaSatker:
    from anggaran.core.tree import KRO, RO, Akun, Kegiatan, Komponen, Program, SubKomponen

    stubs: list[Any] = [
        Program("000.00.XX", ""),
        Kegiatan("0000", ""),
        KRO("0000.XXX", ""),
        RO("XXX", ""),
        Komponen("000", ""),
        SubKomponen(" X", ""),
        Akun("000000", ""),
    ]
    names = ["kegiatan", "kro", "ro", "komponen", "sub_komponen", "akun", "detail"]
    depth = tuple(Level).index(level)
    if depth == 0:
        holder.program = [node]
        return holder
    holder.program = [stubs[0]]
    for i in range(depth - 1):
        setattr(stubs[i], names[i], [stubs[i + 1]])
    setattr(stubs[depth - 1], names[depth - 1], [node])
    return holder


def _unwrap(clip: dict[str, Any]) -> tuple[Level, Any]:
    level = Level(clip["level"])
    tree = canonical.from_dict(clip["dokumen"])
    node: Any = tree.program[0]
    names = ["kegiatan", "kro", "ro", "komponen", "sub_komponen", "akun", "detail"]
    for i in range(tuple(Level).index(level)):
        node = getattr(node, names[i])[0]
    return level, node


def tempel(
    store: Store,
    user: Pengguna,
    konsep_id: int,
    parent: str,
    clip: dict[str, Any],
    nomor: int | None = None,
    alamat: str = "",
    now: Clock = _now,
) -> Hasil:
    """Paste a row copied with :func:`salin` (by the same user) under ``parent``."""
    _wajib(store, user, konsep_id, "ubah")
    if clip.get("pengguna") != user.id:
        raise InputError(N_("nothing copied to paste"))
    level, node = _unwrap(clip)
    return _ubah(
        store,
        user,
        konsep_id,
        nomor,
        "konsep.tempel",
        lambda tree: edit.tempel(tree, parent, level, node),
        {"parent": parent, "level": level.value},
        alamat,
        now,
    )


def urung(
    store: Store,
    user: Pengguna,
    konsep_id: int,
    alamat: str = "",
    now: Clock = _now,
    nomor: int | None = None,
) -> Draf:
    """Undo the draft's last change (Stale when the draft changed since ``nomor``, the state
    the user saw: their undo would take back someone else's change)."""
    info = _wajib(store, user, konsep_id, "ubah")
    if nomor is not None and info.nomor != nomor:
        raise Stale(info)
    if info.diubah_oleh != user.username:
        raise InputError(
            N_("the last change of draft {konsep} is {oleh}'s: only they can undo it"),
            konsep=konsep_id,
            oleh=info.diubah_oleh,
        )
    before = db.sebelumnya(store, konsep_id)
    if before is None:
        raise InputError(N_("draft {konsep} has no change to undo"), konsep=konsep_id)
    tree = _tree(before)
    rules = run_rules(tree)
    info = db.simpan(
        store,
        konsep_id,
        info.nomor,
        before,
        user.username,
        now(),
        "konsep.urung",
        None,
        alamat,
        undo=True,
        temuan=_temuan_json(rules),
    )
    _TERAKHIR.put(store, info, tree, rules)
    return Draf(info, tree, periksa(store, info, tree, rules))


def simpan_dokumen(
    store: Store,
    user: Pengguna,
    konsep_id: int,
    nomor: int,
    doc: dict[str, Any],
    alamat: str = "",
    now: Clock = _now,
) -> Draf:
    """Replace the draft's whole tree (the API's PUT) if it is still at change ``nomor``:
    the satker and year stay the draft's; every derived amount is computed again here,
    whatever the document said. Stale when the draft has changed since."""
    info = _wajib(store, user, konsep_id, "ubah")
    if info.nomor != nomor:
        raise Stale(info)
    where = f"konsep {konsep_id}"
    try:  # the schema first: every field of the right type
        tree = canonical.read_json(json.dumps(doc).encode(), where).tree
    except (RecursionError, ValueError, TypeError):
        raise InputError(N_("the document is not a canonical RKA Satker JSON"), file=where) from None
    _, current = db.dokumen(store, konsep_id)
    now_tree = _tree(current)
    if (
        tree.satker.kode != now_tree.satker.kode
        or tree.dokumen.tahun_anggaran != now_tree.dokumen.tahun_anggaran
    ):
        raise InputError(
            N_(
                "the document is of satker {satker} for {tahun}; draft {konsep} is of {satker_konsep} "
                "({tahun_konsep})"
            ),
            satker=tree.satker.kode,
            tahun=tree.dokumen.tahun_anggaran,
            konsep=konsep_id,
            satker_konsep=now_tree.satker.kode,
            tahun_konsep=now_tree.dokumen.tahun_anggaran,
        )
    # the header, the document's stage and signature are the draft's, not the client's
    for name in ("kementerian", "unit_organisasi", "satker", "provinsi", "lokasi", "dokumen"):
        setattr(tree, name, getattr(now_tree, name))
    tree.jumlah_tercetak = None
    tree.rencana_penarikan = now_tree.rencana_penarikan  # page III: derived from the lines
    tree.rencana_penarikan_ada = now_tree.rencana_penarikan_ada
    try:
        edit.validasi(tree)
    except edit.EditError as e:
        raise InputError(e.message, file=where, **e.args_) from None
    turunkan(tree, now_tree)
    rules = run_rules(tree)
    info = db.simpan(
        store,
        konsep_id,
        nomor,
        canonical.to_dict(tree),
        user.username,
        now(),
        "konsep.simpan",
        None,
        alamat,
        temuan=_temuan_json(rules),
    )
    _TERAKHIR.put(store, info, tree, rules)
    return Draf(info, tree, periksa(store, info, tree, rules))


def turunkan(tree: RkaSatker, stored: RkaSatker | None = None) -> None:
    """Compute every derived amount of ``tree`` again, whatever it said: a line whose own
    values (uraian, factors, price, kind, monthly plan, blokir, sumber dana) are those of the
    same line in ``stored`` takes that line's derived values (SAKTI's, for a line never
    edited: SAKTI rounds two payroll allowances up, and a few lines carry a volume their
    factors do not give); every other line's volume and jumlah are computed; then every
    total."""

    before: dict[str, Detail] = {}
    if stored is not None:
        before = {s.path: s.node for s in edit.langkah(stored) if isinstance(s.node, Detail)}
    for step in edit.langkah(tree):
        d = step.node
        if not isinstance(d, Detail):
            continue
        old = before.get(step.path)
        if old is not None and _masukan(old) == _masukan(d):
            d.volume, d.satuan, d.jumlah = old.volume, old.satuan, old.jumlah
        else:
            edit.hitung_detail(d)
    edit.hitung_ulang(tree)


def _masukan(d: Any) -> tuple[Any, ...]:
    """What a user enters of a detail line (the rest is derived)."""
    return (d.uraian, d.faktor, d.harga_satuan, d.tingkat, d.kdib, d.sumber_dana, d.rencana_bulanan, d.blokir)


def _jsonable(values: dict[str, Any]) -> Any:
    return json.loads(json.dumps(values, default=str))


# -- the revision: its changes and who must approve them ----------------------------------------


def perubahan(store: Store, user: Pengguna, konsep_id: int) -> list[Any]:
    """The draft's changes against the version it started from, each with the authority
    that must approve it (empty for a draft that is not a revision)."""
    draf = buka(store, user, konsep_id)
    return _perubahan(store, draf)


def _perubahan(store: Store, draf: Draf) -> list[Any]:
    if draf.info.jenis != "revisi" or draf.info.dari_versi is None:
        return []
    from anggaran.core import revisi
    from anggaran.reference.kewenangan import tabel_kewenangan_revisi

    semula = store.load_tree(draf.info.dari_versi)
    return revisi.klasifikasi_revisi(semula, draf.tree, tabel_kewenangan_revisi())


def kewenangan(changes: list[Any]) -> list[str]:
    """The authorities a revision needs, lowest first: always the KPA, then the Kanwil
    DJPb and the DJA when one of its changes needs them. A change the table does not place
    (TIDAK_DIKETAHUI) is listed with it and left to the KPA's judgement, never guessed."""
    needed = {str(c.kewenangan) for c in changes if c.kewenangan is not None}
    return [k for k in KEWENANGAN if k == "KPA" or k in needed]


# -- the workflow -------------------------------------------------------------------------------


@dataclass
class Transisi:
    """A workflow step done: the draft after it and, when it became one, the new version."""

    info: KonsepInfo
    versi: int | None = None
    perlu: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"konsep": self.info.to_dict(), "versi": self.versi, "perlu": self.perlu}


def _errors(draf: Draf) -> list[Finding]:
    return [f for f in draf.findings if f.severity is Severity.ERROR]


def ajukan(
    store: Store,
    user: Pengguna,
    konsep_id: int,
    alamat: str = "",
    now: Clock = _now,
    nomor: int | None = None,
) -> Transisi:
    """Submit a draft to the KPA (an operator), as it was checked: refused while it has
    errors (a ceiling that blocks is one), naming them; Stale when it changed meanwhile."""
    _wajib(store, user, konsep_id, "ubah")
    draf = buka(store, user, konsep_id)
    if nomor is not None and draf.info.nomor != nomor:
        raise Stale(draf.info)
    errors = _errors(draf)
    if errors:
        raise InputError(
            N_("draft {konsep} has {n} errors; it can be submitted once they are fixed: {first}"),
            konsep=konsep_id,
            n=len(errors),
            first=errors[0].rule,
        )
    changes = _perubahan(store, draf)
    perlu = kewenangan(changes)
    info = db.pindah_status(
        store,
        konsep_id,
        ("konsep",),
        "diajukan",
        user.username,
        user.id,
        now(),
        "konsep.ajukan",
        {"perlu": perlu, "perubahan": len(changes)},
        alamat,
        nomor=draf.info.nomor,
        perlu=perlu,
        catatan="",
    )
    return Transisi(info, None, perlu)


def _bukan_sendiri(user: Pengguna, info: KonsepInfo) -> None:
    """Nobody approves or ratifies their own submission (nor ratifies their own approval)."""
    if user.id in (info.diajukan_oleh_id, info.dibuat_oleh_id, info.disetujui_oleh_id):
        raise Forbidden("sendiri")


def tidak_diketahui(changes: list[Any]) -> list[Any]:
    """The changes the table of authorities does not place."""
    return [c for c in changes if str(c.kewenangan) == "TIDAK_DIKETAHUI"]


def setujui(
    store: Store,
    user: Pengguna,
    konsep_id: int,
    alamat: str = "",
    now: Clock = _now,
    tanpa_baris: str | None = None,
) -> Transisi:
    """The KPA approves a submitted draft: it becomes a new version, signed with the KPA's
    name and NIP, unless its changes need the Kanwil DJPb or the DJA, who then ratify it.
    Changes the table does not place need the KPA's decision (``tanpa_baris``: KPA,
    KANWIL_DJPB or DJA, the authority they go to), recorded in the audit log; never guessed.
    Refused when the draft has errors now (a ceiling changed since) or when a newer version
    of the satker was stored since the draft started (approving would undo it)."""
    info = _wajib(store, user, konsep_id, "setujui")
    _bukan_sendiri(user, info)
    if info.status != "diajukan":
        raise InputError(
            N_("draft {konsep} is {status}; this needs it {dari}"),
            konsep=konsep_id,
            status=info.status,
            dari="diajukan",
        )
    draf = buka(store, user, konsep_id)
    errors = _errors(draf)
    if errors:
        raise InputError(
            N_("draft {konsep} has {n} errors; it can be submitted once they are fixed: {first}"),
            konsep=konsep_id,
            n=len(errors),
            first=errors[0].rule,
        )
    _masih_terbaru(store, draf.info)
    changes = _perubahan(store, draf)
    unknown = tidak_diketahui(changes)
    if unknown and tanpa_baris not in KEWENANGAN:
        raise InputError(
            N_(
                "{n} changes of draft {konsep} are not placed by the table of authorities (the first: "
                "{jenis} at {path}): say who else must ratify them"
            ),
            expected=N_("tanpa_baris: KPA (nobody else), KANWIL_DJPB or DJA"),
            n=len(unknown),
            konsep=konsep_id,
            jenis=str(unknown[0].jenis),
            path=unknown[0].path or "satker",
        )
    needed = set(kewenangan(changes)) | ({tanpa_baris} if unknown and tanpa_baris else set())
    perlu = [k for k in KEWENANGAN if k in needed and k != "KPA"]
    signed = copy.deepcopy(draf.tree)
    _tandatangani(signed, user, now())
    rincian = {
        "perlu": perlu,
        "tidak_diketahui": len(unknown),
        "tanpa_baris": tanpa_baris if unknown else None,
    }
    if perlu:
        info = db.pindah_status(
            store,
            konsep_id,
            ("diajukan",),
            "disetujui",
            user.username,
            user.id,
            now(),
            "konsep.setujui",
            rincian,
            alamat,
            nomor=draf.info.nomor,
            perlu=perlu,
            dokumen=canonical.to_dict(signed),
        )
        return Transisi(info, None, perlu)
    return _jadi_versi(
        store, user, konsep_id, ("diajukan",), "konsep.setujui", alamat, now, rincian, signed, draf.info.nomor
    )


def _masih_terbaru(store: Store, info: KonsepInfo) -> None:
    """InputError when a version of the draft's satker and year newer than the one it
    started from was stored since."""
    if info.dari_versi is None:
        return
    newer = [
        v
        for v in store.versions(satker=info.satker)
        if v.tahun_anggaran == info.tahun_anggaran
        and v.id > info.dari_versi
        and v.disimpan_pada > info.dibuat_pada
    ]
    if newer:
        raise InputError(
            N_(
                "version {versi} of satker {satker} was stored after draft {konsep} started from version "
                "{dari}: approving it would undo that version; start the revision again from version {versi}"
            ),
            versi=newer[-1].id,
            satker=info.satker,
            konsep=info.id,
            dari=info.dari_versi,
        )


def sahkan(store: Store, user: Pengguna, konsep_id: int, alamat: str = "", now: Clock = _now) -> Transisi:
    """The Kanwil DJPb or the DJA ratify an approved revision that needs them; when no
    authority is left, it becomes a new version."""
    info = _wajib(store, user, konsep_id)
    if info.status != "disetujui":
        raise InputError(
            N_("draft {konsep} is {status}; this needs it {dari}"),
            konsep=konsep_id,
            status=info.status,
            dari="disetujui",
        )
    mine = [k for k in info.perlu if user.boleh(f"sahkan_{k}", info.tempat)]
    if not mine:
        raise Forbidden("sahkan")
    _bukan_sendiri(user, info)
    left = [k for k in info.perlu if k not in mine]
    if left:
        info = db.pindah_status(
            store,
            konsep_id,
            ("disetujui",),
            "disetujui",
            user.username,
            user.id,
            now(),
            "konsep.sahkan",
            {"oleh": mine, "perlu": left},
            alamat,
            nomor=info.nomor,
            perlu=left,
        )
        return Transisi(info, None, left)
    _, tree, _ = _muat(store, info)
    return _jadi_versi(
        store, user, konsep_id, ("disetujui",), "konsep.sahkan", alamat, now, {"oleh": mine}, tree, info.nomor
    )


def boleh_kembalikan(user: Pengguna, info: KonsepInfo) -> bool:
    """Who may return a draft: while it is submitted, its KPA or a reviewer; while it awaits
    ratification, a reviewer or an authority it awaits."""
    if info.status == "diajukan":
        return user.boleh("setujui", info.tempat) or user.boleh("tinjau", info.tempat)
    if info.status == "disetujui":
        return user.boleh("tinjau", info.tempat) or any(
            user.boleh(f"sahkan_{k}", info.tempat) for k in info.perlu
        )
    return False


def kembalikan(
    store: Store, user: Pengguna, konsep_id: int, catatan: str, alamat: str = "", now: Clock = _now
) -> Transisi:
    """Return a submitted (or approved, awaiting ratification) draft to its operator with
    a note; an approval it had no longer holds (its signature goes)."""
    info = _wajib(store, user, konsep_id, "kembalikan")
    if info.status in ("diajukan", "disetujui") and not boleh_kembalikan(user, info):
        raise Forbidden("kembalikan")
    note = catatan.strip()
    if not note:
        raise InputError(N_("a returned draft needs a note saying why"))
    fields: dict[str, Any] = {"catatan": note[:2000], "perlu": []}
    if info.status == "disetujui":
        _, tree, _ = _muat(store, info)
        unsigned = copy.deepcopy(tree)
        unsigned.dokumen = dataclasses.replace(unsigned.dokumen, penandatangan=None, tanggal=None)
        fields["dokumen"] = canonical.to_dict(unsigned)
    info = db.pindah_status(
        store,
        konsep_id,
        ("diajukan", "disetujui"),
        "konsep",
        user.username,
        user.id,
        now(),
        "konsep.kembalikan",
        {"catatan": note[:2000]},
        alamat,
        nomor=info.nomor,
        **fields,
    )
    return Transisi(info)


def _tandatangani(tree: RkaSatker, user: Pengguna, pada: dt.datetime) -> None:
    tree.dokumen = dataclasses.replace(
        tree.dokumen,
        penandatangan=Penandatangan("Kuasa Pengguna Anggaran", user.nama or user.username, user.nip),
        tanggal=pada.date(),
    )


def _jadi_versi(
    store: Store,
    user: Pengguna,
    konsep_id: int,
    dari: tuple[str, ...],
    aksi: str,
    alamat: str,
    now: Clock,
    rincian: dict[str, Any],
    tree: RkaSatker,
    nomor: int,
) -> Transisi:
    """The draft (``tree``: as signed, at change ``nomor``) becomes a new immutable version
    with its findings, in one transaction with its move to ``selesai``."""
    info = db.konsep(store, konsep_id)
    assert info is not None
    found = periksa(store, info, tree)
    data = canonical.dumps(tree)
    sha = hashlib.sha256(f"konsep {konsep_id}\n".encode() + data).hexdigest()
    berkas = NewBerkas(f"konsep-{konsep_id}.json", sha, len(data), "konsep")
    versi = NewVersi(tree, info.tahap, info.revisi_ke, fingerprint(tree), f"konsep {konsep_id}", tuple(found))
    info, versi_id = db.jadi_versi(
        store,
        konsep_id,
        dari,
        berkas,
        versi,
        user.username,
        user.id,
        now(),
        aksi,
        rincian,
        alamat,
        nomor=nomor,
        doc=canonical.to_dict(tree),
    )
    return Transisi(info, versi_id, [])


# -- ceilings ---------------------------------------------------------------------------------


def pagu(store: Store, user: Pengguna, satker: str, tahun: int, tahap: str) -> db.PaguSatker:
    """A satker's ceilings for a year and stage, with the policies."""
    akses.wajib_satker(store, user, satker)
    return db.pagu(store, satker, tahun, tahap)


def set_pagu(
    store: Store,
    user: Pengguna,
    satker: str,
    tahun: int,
    tahap: str,
    items: list[PaguInfo],
    alamat: str = "",
    ganti: bool = False,
    now: Clock = _now,
) -> int:
    """Set ceilings (a reviewer or an administrator of the satker)."""
    s = akses.wajib_satker(store, user, satker)
    if not user.boleh("pagu", s):
        raise Forbidden("pagu")
    for it in items:
        if it.tingkat not in db.TINGKAT_PAGU:
            raise InputError(
                N_("{tingkat!r} is not a ceiling level"),
                expected=", ".join(db.TINGKAT_PAGU),
                tingkat=it.tingkat,
            )
        if it.jumlah < 0:
            raise InputError(N_("a ceiling is not negative: {jumlah}"), jumlah=it.jumlah)
    return db.set_pagu(store, satker, tahun, tahap, items, user.username, now(), alamat, ganti)


def set_kebijakan(
    store: Store, user: Pengguna, kebijakan: db.Kebijakan, alamat: str = "", now: Clock = _now
) -> None:
    """Set a level's ceiling policy (an administrator)."""
    akses.wajib_admin(user)
    if kebijakan.tingkat not in db.TINGKAT_PAGU:
        raise InputError(
            N_("{tingkat!r} is not a ceiling level"),
            expected=", ".join(db.TINGKAT_PAGU),
            tingkat=kebijakan.tingkat,
        )
    if kebijakan.tindakan not in db.TINDAKAN_PAGU:
        raise InputError(
            N_("{tindakan!r} is not a ceiling policy"),
            expected=", ".join(db.TINDAKAN_PAGU),
            tindakan=kebijakan.tindakan,
        )
    if not kebijakan.toleransi.is_finite() or not 0 <= kebijakan.toleransi <= 100:
        raise InputError(
            N_("a tolerance is a percentage from 0 to 100, not {toleransi}"), toleransi=kebijakan.toleransi
        )
    db.set_kebijakan(store, kebijakan, user.username, now(), alamat)


def baca_pagu(data: bytes, nama: str) -> list[PaguInfo]:
    """Ceilings from a CSV or XLSX with the columns ``tingkat``, ``kode``, ``jumlah`` (a
    header row first); InputError naming the row otherwise."""
    rows: list[list[Any]]
    if data[:2] == b"PK":
        import io

        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # noqa: BLE001  (any unreadable workbook)
            raise InputError(N_("not a readable XLSX workbook"), file=nama) from None
        rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    else:
        import csv
        import io

        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(N_("not UTF-8 text"), file=nama) from None
        sample = text[:2000]
        delim = ";" if sample.count(";") > sample.count(",") else ","
        rows = list(csv.reader(io.StringIO(text), delimiter=delim))
    if not rows:
        raise InputError(N_("the file is empty"), file=nama)
    head = [str(c or "").strip().lower() for c in rows[0]]
    want = ("tingkat", "kode", "jumlah")
    if not all(w in head for w in want):
        raise InputError(
            N_("the first row names the columns"), file=nama, line=1, expected="tingkat, kode, jumlah"
        )
    ix = [head.index(w) for w in want]
    out = []
    for n, row in enumerate(rows[1:], 2):
        if not any(str(c or "").strip() for c in row):
            continue
        tingkat, kode, jumlah = (
            str(row[i] if i < len(row) and row[i] is not None else "").strip() for i in ix
        )
        text = jumlah.replace(".", "").replace(",", "") if not jumlah.isdigit() else jumlah
        if tingkat not in db.TINGKAT_PAGU or not text.isdigit():
            raise InputError(
                N_("row {row}: {tingkat!r} {jumlah!r} is not a ceiling"),
                file=nama,
                line=n,
                expected=N_(
                    "tingkat one of satker, kegiatan, sumber_dana, jenis_belanja; jumlah in whole rupiah"
                ),
                row=n,
                tingkat=tingkat,
                jumlah=jumlah,
            )
        out.append(PaguInfo(tingkat, "" if tingkat == "satker" else kode, int(text)))
    return out


# -- the editor's rows ------------------------------------------------------------------------


@dataclass
class BarisKonsep:
    """A row of the draft's tree as the editor shows it."""

    path: str
    level: Level
    depth: int
    kode: str
    nama: str
    jumlah: int
    node: Any
    temuan: list[Finding]
    n_temuan: dict[Severity, int]
    n_anak: int
    tanda: str = ""
    nilai: dict[str, Any] = field(default_factory=dict)

    @property
    def dom_id(self) -> str:
        return dom_id(self.path)


def dom_id(path: str) -> str:
    """A row's id in the page (``k`` + 12 hex digits of its path's SHA-1)."""
    return "k" + hashlib.sha1(path.encode()).hexdigest()[:12]


def nilai_baris(node: Any) -> dict[str, Any]:
    """A row's fields above the detail lines as the editor's panel shows and sends them."""
    from anggaran.core.tree import KRO, RO, Akun

    out: dict[str, Any] = {"nama": node.nama}
    if isinstance(node, RO | KRO):
        out["volume"] = _dec_text(node.keluaran.volume) if node.keluaran.volume is not None else ""
        out["satuan"] = node.keluaran.satuan or ""
    if isinstance(node, RO) and not node.komponen:
        out["alokasi"] = {
            "angka_dasar": node.alokasi.angka_dasar,
            "inisiatif_baru": node.alokasi.inisiatif_baru,
        }
    if isinstance(node, Akun):
        out["sumber_dana"] = node.sumber_dana or ""
        out["uraian_blokir"] = node.uraian_blokir or ""
    return out


def nilai(d: Any) -> dict[str, Any]:
    """A detail line's fields as the editor shows and sends them, in one comparable form."""
    return {
        "uraian": d.uraian,
        # a line without factors shows its volume and satuan as its one factor
        "faktor": [[_dec_text(v), s] for v, s in d.faktor]
        if d.faktor
        else ([[_dec_text(d.volume), d.satuan]] if d.volume or d.satuan else []),
        "harga_satuan": d.harga_satuan,
        "sumber_dana": d.sumber_dana or None,
        "rencana_bulanan": list(d.rencana_bulanan),
    }


def _dec_text(v: Any) -> str:
    from decimal import Decimal

    t = format(Decimal(v), "f")
    return t.rstrip("0").rstrip(".") if "." in t else t


def tanda(node: Any) -> str:
    """A detail line's fields as the editor showed them (JSON), sent back with a save: a
    field the user changed that someone else changed meanwhile to another value is a
    conflict; every other field keeps what is stored now."""
    return json.dumps(nilai(node), sort_keys=True, ensure_ascii=False)


def baris(
    draf: Draf, bottom: Level = Level.AKUN, under: str | None = None, only: set[str] | None = None
) -> list[BarisKonsep]:
    """The rows of the draft from the programs down to ``bottom`` (or only the detail
    lines under the akun ``under``), each with its findings and the counts of those
    below it."""
    from anggaran.core.tree import children

    per_path: dict[str, list[Finding]] = {}
    for f in draf.findings:
        per_path.setdefault(f.path, []).append(f)
    below: dict[str, dict[Severity, int]] = {}
    for f in draf.findings:
        parts = f.path.split("/") if f.path else []
        for i in range(1, len(parts) + 1):
            c = below.setdefault("/".join(parts[:i]), {s: 0 for s in Severity})
            c[f.severity] += 1
    out = []
    for step in edit.langkah(draf.tree, Level.DETAIL if under else bottom):
        if under is not None and not (step.level is Level.DETAIL and step.path.startswith(under + "/")):
            continue
        if only is not None and step.path not in only:
            continue
        node = step.node
        is_detail = step.level is Level.DETAIL
        out.append(
            BarisKonsep(
                step.path,
                step.level,
                step.path.count("/"),
                (node.kode or "").strip() if is_detail else node.kode.strip(),  # type: ignore[union-attr]
                node.uraian if is_detail else node.nama,  # type: ignore[union-attr]
                node.jumlah if is_detail else node.alokasi.jumlah,  # type: ignore[union-attr]
                node,
                per_path.get(edit.jalur_temuan(step.path), []),
                below.get(edit.jalur_temuan(step.path), {s: 0 for s in Severity}),
                len(children(node)),
                tanda(node) if is_detail else "",
                nilai(node) if is_detail else {},
            )
        )
        if only is not None and len(out) == len(only):
            break  # every row asked for found: the rest of the tree is not walked
    return out


def ubah_baris_rincian(
    store: Store,
    user: Pengguna,
    konsep_id: int,
    path: str,
    values: dict[str, Any],
    asal: str,
    alamat: str = "",
    now: Clock = _now,
) -> Hasil:
    """Save the editor's row: only the fields the user changed (against ``asal``, the
    row as the editor showed it, :func:`tanda`) are written. A field someone else changed
    meanwhile to another value than the user's is a conflict (Stale: nothing is saved); a
    change elsewhere meanwhile is none (tried again on the draft as it is now)."""
    try:
        before = json.loads(asal)
    except ValueError:
        before = None
    if not isinstance(before, dict):
        raise InputError(N_("the row was sent without the values it was shown with; reload the page"))
    info: KonsepInfo | None = None
    for _ in range(5):
        info = _wajib(store, user, konsep_id, "ubah")
        info, tree, _rules = _muat(store, info)
        try:
            node = edit.cari(tree, path).node
            if not isinstance(node, Detail):
                raise edit.EditError(N_("{path} is not a detail line"), path, path=path)
            current = nilai(node)
        except edit.EditError as e:
            raise InputError(e.message, **e.args_) from None
        changed, conflict = _berubah(values, before, current)
        if conflict is not None:
            raise Stale(info)
        if not changed:
            return Hasil(Draf(info, tree, periksa(store, info, tree, _rules)), path)
        try:
            return ubah_detail(store, user, konsep_id, path, changed, info.nomor, alamat, now)
        except Stale:
            continue
    assert info is not None
    raise Stale(info)


def _berubah(
    values: dict[str, Any], shown: dict[str, Any], current: dict[str, Any]
) -> tuple[dict[str, Any], str | None]:
    """The fields of ``values`` the user changed (against ``shown``, the row as they saw
    it), and the first of them someone else changed meanwhile to another value (None when
    no field conflicts): a three-way merge, field by field."""
    changed: dict[str, Any] = {}
    for name, new in values.items():
        if _sama(new, shown.get(name)):
            continue  # not changed by the user: whatever is stored stays
        if not _sama(current.get(name), shown.get(name)) and not _sama(current.get(name), new):
            return changed, name
        changed[name] = new
    return changed, None


def _sama(a: Any, b: Any) -> bool:
    """Whether two field values are the same as the editor compares them (volumes as
    numbers)."""
    return json.dumps(_norm(a), sort_keys=True) == json.dumps(_norm(b), sort_keys=True)


def _norm(v: Any) -> Any:
    from decimal import Decimal

    if isinstance(v, (list, tuple)):
        return [_norm(x) for x in v]
    if isinstance(v, Decimal):
        return _dec_text(v)
    if v == "":
        return None
    return v


def dokumen_konsep(
    store: Store, user: Pengguna, konsep_id: int, nama: str, ext: str, lang: str
) -> tuple[bytes, str, str]:
    """(bytes, file name, media type) of a draft's document as for a version: bagian-a,
    bagian-b or rekap in pdf, xlsx or html, bagian-a.json; OutOfScope for one that does not
    exist."""
    from anggaran.services.dokumen import EXPORT_FORMATS, MEDIA_TYPES, nama_berkas, render_dokumen
    from anggaran.services.masukan import Checked

    draf = buka(store, user, konsep_id)
    if (nama, ext) == ("adk", "zip"):  # SAKTI's archive: d_* the draft, m_* the version it revises
        from anggaran.services.dokumen import nama_adk, render_adk

        semula = (
            [store.load_tree(draf.info.dari_versi)]
            if draf.info.jenis == "revisi" and draf.info.dari_versi
            else None
        )
        return render_adk([draf.tree], semula), nama_adk([draf.tree], semula), "application/zip"
    to = next((k for k, v in EXPORT_FORMATS.items() if v == ext and k != "adk"), None)
    if (
        nama not in ("bagian-a", "bagian-b", "rekap")
        or to is None
        or to in ("text", "json")
        and nama != "bagian-a"
    ):
        raise OutOfScope(f"{nama}.{ext}")
    if nama != "bagian-a" and to != "json" and not draf.tree.has_rincian():
        raise OutOfScope(f"{nama}.{ext}")
    data = render_dokumen(Checked(f"konsep {konsep_id}", draf.tree, draf.findings), to, nama, lang)
    return data, "konsep-" + nama_berkas(draf.tree, to, nama), MEDIA_TYPES[to]
