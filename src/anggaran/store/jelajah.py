"""Reading the store a little at a time, for browsing: the satkers a user may see with
their latest version, and a version's tree one level at a time (a node's children with
their totals and how many children each has), so that a tree of 1,150 detail lines opens
in milliseconds. Scopes (:class:`anggaran.core.lingkup.Lingkup`) become query filters
here; every function takes the scopes of the user it answers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from anggaran.core.findings import Severity
from anggaran.core.kode import Level
from anggaran.core.lingkup import JenisLingkup, Lingkup
from anggaran.core.tree import LEVELS

if TYPE_CHECKING:
    from anggaran.store import Store, VersiInfo

#: ``None``: every satker (an administrator); else the union of these scopes
Lingkupan = Sequence[Lingkup] | None


def _q(lingkup: Lingkupan, prefix: str = "") -> Any:
    """The query filter of satkers within ``lingkup`` (``prefix``: the path from the
    queried model to its Satker, ``satker__``)."""
    from django.db.models import Q

    if lingkup is None or any(s.jenis is JenisLingkup.SEMUA for s in lingkup):
        return Q()
    q = Q(pk__in=[])
    for s in lingkup:
        if s.jenis is JenisLingkup.SATKER:
            q |= Q(**{f"{prefix}kode": s.kode})
        elif s.jenis is JenisLingkup.UNIT:
            kl, unit = s.kode.split(".")
            q |= Q(**{f"{prefix}kementerian_kode": kl, f"{prefix}unit_kode": unit})
        elif s.jenis is JenisLingkup.KL:
            q |= Q(**{f"{prefix}kementerian_kode": s.kode})
        elif s.jenis is JenisLingkup.PROVINSI:
            q |= Q(**{f"{prefix}provinsi_kode": s.kode})
    return q


@dataclass(frozen=True)
class SatkerRingkas:
    """A satker in a list: its header as last seen, its latest version (None when it has
    none the user may see) with that version's findings counted, and how many versions it
    has."""

    kode: str
    nama: str
    kementerian: str
    unit: str
    unit_nama: str
    provinsi: str
    provinsi_nama: str
    versi: VersiInfo | None
    galat: int
    peringatan: int
    n_versi: int

    @property
    def status(self) -> str:
        """``galat`` (its latest version has errors), ``peringatan`` (warnings only) or
        ``bersih``."""
        return "galat" if self.galat else "peringatan" if self.peringatan else "bersih"


def satker_ringkas(
    store: Store,
    lingkup: Lingkupan,
    cari: str = "",
    unit: str = "",
    provinsi: str = "",
    status: str = "",
    kode: str | None = None,
) -> list[SatkerRingkas]:
    """The satkers within ``lingkup``, by code, found by ``cari`` (in code or name),
    ``unit`` (``015.08``), ``provinsi`` (``01``) and ``status`` (see
    :attr:`SatkerRingkas.status`); with ``kode`` that satker only."""
    from django.db.models import Count, Q

    from anggaran.store.models import Satker

    q = Satker.objects.using(store.alias).filter(_q(lingkup)).annotate(n=Count("versi"))
    if kode is not None:
        q = q.filter(kode=kode)
    if cari.strip():
        words = cari.split()
        for w in words:
            q = q.filter(Q(kode__icontains=w) | Q(nama__icontains=w))
    if unit.strip():
        kl, _, u = unit.strip().partition(".")
        q = q.filter(kementerian_kode=kl, **({"unit_kode": u} if u else {}))
    if provinsi.strip():
        q = q.filter(provinsi_kode=provinsi.strip())
    with store.errors():
        rows = list(q.order_by("kode"))
        latest = store.latest_versions([r.kode for r in rows])
        counts = store.finding_counts([v.id for v in latest.values()])
    out = []
    for r in rows:
        v = latest.get(r.kode)
        c = counts.get(v.id, {}) if v else {}
        item = SatkerRingkas(
            r.kode,
            r.nama,
            r.kementerian_kode,
            f"{r.kementerian_kode}.{r.unit_kode}",
            r.unit_nama,
            r.provinsi_kode,
            r.provinsi_nama,
            v,
            c.get(Severity.ERROR, 0),
            c.get(Severity.WARNING, 0),
            r.n,
        )
        if not status or item.status == status:
            out.append(item)
    return out


def pilihan(store: Store, lingkup: Lingkupan) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The units and provinces of the satkers within ``lingkup`` ((code, name) pairs), to
    filter the list by."""
    from anggaran.store.models import Satker

    with store.errors():
        rows = Satker.objects.using(store.alias).filter(_q(lingkup))
        units = sorted({(f"{r.kementerian_kode}.{r.unit_kode}", r.unit_nama) for r in rows})
        provs = sorted({(r.provinsi_kode, r.provinsi_nama) for r in rows})
    return units, provs


def satker_terlihat(store: Store, kode: str, lingkup: Lingkupan) -> bool:
    """Whether satker ``kode`` is stored and within ``lingkup``."""
    from anggaran.store.models import Satker

    with store.errors():
        return bool(Satker.objects.using(store.alias).filter(_q(lingkup), kode=kode).exists())


def versi_terlihat(store: Store, versi_id: int, lingkup: Lingkupan) -> bool:
    """Whether version ``versi_id`` exists and its satker is within ``lingkup``."""
    from anggaran.store.models import Versi

    with store.errors():
        return bool(Versi.objects.using(store.alias).filter(_q(lingkup, "satker__"), id=versi_id).exists())


# -- a version's tree, one level at a time --------------------------------------------------


@dataclass
class Baris:
    """One row of a version's tree as a page shows it: its level, row id (in its level's
    table), code as printed, name (a detail line's uraian), code path, money (whole
    rupiah), volume (decimal text) with satuan, and for a detail line its volume
    expression, harga satuan, sumber dana, blokir and whether it heads a group; how many
    children it has, and its indicators (``(kode, uraian, target, satuan)``)."""

    level: Level
    id: int
    kode: str
    nama: str
    path: str
    jumlah: int
    angka_dasar: int = 0
    inisiatif_baru: int = 0
    volume: str | None = None
    satuan: str | None = None
    harga_satuan: int | None = None
    faktor: str = ""
    sumber_dana: str | None = None
    blokir: int = 0
    header: bool = False
    rencana: list[int] = field(default_factory=list)
    n_anak: int = 0
    indikator: list[tuple[str | None, str, str | None, str | None]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def dom_id(self) -> str:
        """An HTML id for the row."""
        return f"b-{self.level.value}-{self.id}"

    @property
    def depth(self) -> int:
        """The level's depth: program 0 .. detail 7."""
        return LEVELS.index(self.level)


def _models() -> tuple[dict[Level, Any], dict[Level, str]]:
    from anggaran.store.pohon import _MODELS, _PARENT

    return _MODELS, _PARENT


def _segment_detail(kode: str | None, index: int) -> str:
    return (kode or "").strip() or f"#{index + 1}"


def anak(
    store: Store, versi_id: int, level: Level | None, parent_id: int | None, parent_path: str = ""
) -> list[Baris]:
    """The children of a node of version ``versi_id`` in document order: of the version
    itself (its programs) when ``level`` is None, else of the row ``parent_id`` of
    ``level``'s table. Each with its path (``parent_path`` + its segment)."""
    from django.db.models import Count

    from anggaran.store import models as m

    models, parents = _models()
    child_level = Level.PROGRAM if level is None else LEVELS[LEVELS.index(level) + 1]
    model = models[child_level]
    q = model.objects.using(store.alias).filter(versi_id=versi_id)
    if level is not None:
        q = q.filter(**{f"{parents[child_level]}_id": parent_id})
    below = LEVELS.index(child_level) + 1
    if below < len(LEVELS):
        q = q.annotate(n_anak=Count(models[LEVELS[below]].__name__.lower(), distinct=True))
    with store.errors():
        rows = list(q.order_by("urutan").values())
        indikator = _indikator(store, child_level, [r["id"] for r in rows])
        sasaran = _sasaran(store, [r["id"] for r in rows]) if child_level is Level.PROGRAM else {}
    out = []
    for i, r in enumerate(rows):
        if child_level is Level.DETAIL:
            seg = _segment_detail(r["kode"], i)
            plan = [r[b] for b in m.BULAN]
            faktor = " x ".join(f"{_angka(v)} {s}".strip() for v, s in r["faktor"])
            b = Baris(
                child_level,
                r["id"],
                seg,
                r["uraian"],
                f"{parent_path}/{seg}" if parent_path else seg,
                r["jumlah"],
                volume=r["volume"],
                satuan=r["satuan"],
                harga_satuan=r["harga_satuan"],
                faktor=faktor,
                sumber_dana=r["sumber_dana"],
                blokir=r["blokir"],
                header=r["tingkat"] > 0,
                rencana=[] if all(v is None for v in plan) else [v or 0 for v in plan],
            )
        else:
            seg = r["kode"].strip() if child_level is Level.SUB_KOMPONEN else r["kode"]
            b = Baris(
                child_level,
                r["id"],
                seg,
                r["nama"],
                f"{parent_path}/{seg}" if parent_path else seg,
                r["jumlah"],
                r["angka_dasar"],
                r["inisiatif_baru"],
                volume=r.get("volume"),
                satuan=r.get("satuan"),
                sumber_dana=r.get("sumber_dana"),
                blokir=r.get("blokir") or 0,
                n_anak=r.get("n_anak", 0),
                indikator=indikator.get(r["id"], []),
            )
            for key in ("lokasi", "lokasi_nama", "label", "kppn", "uraian_blokir", "catatan"):
                if r.get(key):
                    b.extra[key] = r[key]
            if child_level is Level.PROGRAM:
                b.extra["sasaran"] = sasaran.get(r["id"], [])
        out.append(b)
    return out


def _angka(text: str) -> str:
    from decimal import Decimal

    from anggaran.core.money import format_angka

    return format_angka(Decimal(text))


def _indikator(
    store: Store, level: Level, ids: list[int]
) -> dict[int, list[tuple[str | None, str, str | None, str | None]]]:
    from anggaran.store.models import Indikator

    owner = {Level.KEGIATAN: "kegiatan", Level.KRO: "kro", Level.RO: "ro"}.get(level)
    if owner is None or not ids:
        return {}
    out: dict[int, list[tuple[str | None, str, str | None, str | None]]] = {}
    for r in (
        Indikator.objects.using(store.alias)
        .filter(**{f"{owner}_id__in": ids})
        .order_by("urutan")
        .values(f"{owner}_id", "kode", "uraian", "target", "satuan")
    ):
        out.setdefault(r[f"{owner}_id"], []).append((r["kode"], r["uraian"], r["target"], r["satuan"]))
    return out


def _sasaran(store: Store, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """program id -> its sasaran, each with its IKP."""
    from anggaran.store.models import Indikator, Sasaran

    out: dict[int, list[dict[str, Any]]] = {}
    rows = list(Sasaran.objects.using(store.alias).filter(program_id__in=ids).order_by("urutan").values())
    ikp: dict[int, list[tuple[Any, ...]]] = {}
    for r in (
        Indikator.objects.using(store.alias)
        .filter(sasaran_id__in=[s["id"] for s in rows])
        .order_by("urutan")
        .values("sasaran_id", "kode", "uraian", "target", "satuan")
    ):
        ikp.setdefault(r["sasaran_id"], []).append((r["kode"], r["uraian"], r["target"], r["satuan"]))
    for s in rows:
        out.setdefault(s["program_id"], []).append(
            {"kode": s["kode"], "uraian": s["uraian"], "ikp": ikp.get(s["id"], [])}
        )
    return out


def simpul(store: Store, versi_id: int, level: Level, node_id: int) -> Baris | None:
    """One row of the tree with its path (its ancestors' codes), or None when version
    ``versi_id`` has no such row."""
    models, parents = _models()
    chain = LEVELS[: LEVELS.index(level) + 1]
    # the foreign keys from the node up to its program: "akun__sub_komponen__…"
    up = [parents[lv] for lv in reversed(chain[1:])]
    fields = []
    for depth in range(len(chain)):
        prefix = "__".join(up[: len(chain) - 1 - depth])
        fields.append(f"{prefix}__kode" if prefix else "kode")
    with store.errors():
        row = (
            models[level]
            .objects.using(store.alias)
            .filter(versi_id=versi_id, id=node_id)
            .values(*fields)
            .first()
        )
    if row is None:
        return None
    segs = []
    for f, lv in zip(fields, chain, strict=True):
        kode = row[f] or ""
        segs.append(kode.strip() if lv is Level.SUB_KOMPONEN else kode)
    if level is Level.DETAIL:
        siblings = anak(store, versi_id, Level.AKUN, _parent_id(store, level, node_id), "/".join(segs[:-1]))
        return next(b for b in siblings if b.id == node_id)
    parent_level = None if level is Level.PROGRAM else chain[-2]
    parent_id = None if parent_level is None else _parent_id(store, level, node_id)
    siblings = anak(store, versi_id, parent_level, parent_id, "/".join(segs[:-1]))
    return next(b for b in siblings if b.id == node_id)


def _parent_id(store: Store, level: Level, node_id: int) -> int:
    models, parents = _models()
    with store.errors():
        return int(
            models[level]
            .objects.using(store.alias)
            .filter(id=node_id)
            .values_list(f"{parents[level]}_id", flat=True)[0]
        )


def jalan(store: Store, versi_id: int, path: str) -> list[Baris]:
    """The rows from the program down to the row whose code path is ``path`` (as far as
    the path leads: a segment no child has ends it)."""
    out: list[Baris] = []
    level: Level | None = None
    parent_id: int | None = None
    parent_path = ""
    for seg in [s for s in path.split("/") if s]:
        children = anak(store, versi_id, level, parent_id, parent_path)
        found = next((b for b in children if b.kode == seg), None)
        if found is None:
            break
        out.append(found)
        level, parent_id, parent_path = found.level, found.id, found.path
        if level is Level.DETAIL:
            break
    return out


def totals(store: Store, versi_id: int) -> dict[str, Any]:
    """A version's totals for its charts: ``jenis_belanja`` (the akun's first two digits
    -> jumlah, in code order; empty for a Bagian A), ``program`` and ``kro`` ((kode, nama,
    jumlah) in document order)."""
    from django.db.models import Sum
    from django.db.models.functions import Substr

    from anggaran.store.models import KRO, Akun, Program

    with store.errors():
        jb = (
            Akun.objects.using(store.alias)
            .filter(versi_id=versi_id)
            .annotate(jb=Substr("kode", 1, 2))
            .values("jb")
            .annotate(s=Sum("jumlah"))
            .order_by("jb")
        )
        programs = Program.objects.using(store.alias).filter(versi_id=versi_id).order_by("urutan")
        kros = KRO.objects.using(store.alias).filter(versi_id=versi_id).order_by("urutan")
        return {
            "jenis_belanja": {r["jb"]: int(r["s"] or 0) for r in jb},
            "program": [(r.kode, r.nama, r.jumlah) for r in programs],
            "kro": [(r.kode, r.nama, r.jumlah) for r in kros],
        }
