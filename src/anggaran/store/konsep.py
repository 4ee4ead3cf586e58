"""Drafts and ceilings in the store. A draft's tree is kept as canonical JSON; every write
checks the number the writer last saw (optimistic locking, under a row lock) so that no
update is lost. Functions take a :class:`Store` and give plain values, never model
instances."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from anggaran.core.errors import InputError
from anggaran.core.findings import N_
from anggaran.core.lingkup import SatkerKode

if TYPE_CHECKING:
    from anggaran.store import Store

#: a draft's statuses, in the order of the workflow
STATUS = ("konsep", "diajukan", "disetujui", "selesai")
#: the levels a ceiling is set on
TINGKAT_PAGU = ("satker", "kegiatan", "sumber_dana", "jenis_belanja")
#: what an excess over a ceiling does
TINDAKAN_PAGU = ("abaikan", "peringatkan", "blokir")


@dataclass(frozen=True)
class KonsepInfo:
    """A draft as the services see it (its document is loaded separately)."""

    id: int
    satker: str
    satker_nama: str
    tempat: SatkerKode
    tahun_anggaran: int
    tahap: str
    revisi_ke: int | None
    dari_versi: int | None
    jenis: str
    status: str
    nomor: int
    bisa_urung: bool
    dibuat_oleh: str
    dibuat_oleh_id: int
    dibuat_pada: dt.datetime
    diubah_oleh: str
    diubah_pada: dt.datetime
    diajukan_oleh: str | None
    diajukan_oleh_id: int | None
    diajukan_pada: dt.datetime | None
    disetujui_oleh: str | None
    disetujui_oleh_id: int | None
    disetujui_pada: dt.datetime | None
    perlu: tuple[str, ...]
    catatan: str
    versi: int | None

    @property
    def etag(self) -> str:
        """The draft's ETag: its id and change number."""
        return f'"konsep-{self.id}-{self.nomor}"'

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "satker": self.satker,
            "tahun_anggaran": self.tahun_anggaran,
            "tahap": self.tahap,
            "revisi_ke": self.revisi_ke,
            "dari_versi": self.dari_versi,
            "jenis": self.jenis,
            "status": self.status,
            "nomor": self.nomor,
            "dibuat_oleh": self.dibuat_oleh,
            "dibuat_pada": self.dibuat_pada.isoformat(),
            "diubah_oleh": self.diubah_oleh,
            "diubah_pada": self.diubah_pada.isoformat(),
            "diajukan_oleh": self.diajukan_oleh,
            "disetujui_oleh": self.disetujui_oleh,
            "perlu": list(self.perlu),
            "catatan": self.catatan,
            "versi": self.versi,
        }


class Stale(InputError):
    """A write based on an older state of the draft than the stored one."""

    def __init__(self, info: KonsepInfo) -> None:
        super().__init__(
            N_("draft {konsep} was changed by {oleh} meanwhile (now change {nomor}); nothing was saved"),
            expected=N_("a change made on the draft as it is now"),
            konsep=info.id,
            oleh=info.diubah_oleh,
            nomor=info.nomor,
        )
        self.info = info


def _info(r: Any) -> KonsepInfo:
    s = r.satker
    return KonsepInfo(
        id=r.id,
        satker=s.kode,
        satker_nama=s.nama,
        tempat=SatkerKode(s.kode, s.kementerian_kode, s.unit_kode, s.provinsi_kode),
        tahun_anggaran=r.tahun_anggaran,
        tahap=r.tahap,
        revisi_ke=r.revisi_ke,
        dari_versi=r.dari_versi_id,
        jenis=r.jenis,
        status=r.status,
        nomor=r.nomor,
        bisa_urung=r.ada_sebelumnya,
        dibuat_oleh=r.dibuat_oleh.username,
        dibuat_oleh_id=r.dibuat_oleh_id,
        dibuat_pada=r.dibuat_pada,
        diubah_oleh=r.diubah_oleh,
        diubah_pada=r.diubah_pada,
        diajukan_oleh=r.diajukan_oleh.username if r.diajukan_oleh_id else None,
        diajukan_oleh_id=r.diajukan_oleh_id,
        diajukan_pada=r.diajukan_pada,
        disetujui_oleh=r.disetujui_oleh.username if r.disetujui_oleh_id else None,
        disetujui_oleh_id=r.disetujui_oleh_id,
        disetujui_pada=r.disetujui_pada,
        perlu=tuple(r.perlu or ()),
        catatan=r.catatan,
        versi=r.versi_id,
    )


def _rows(store: Store) -> Any:
    from anggaran.store.models import Konsep

    return (
        Konsep.objects.using(store.alias)
        .select_related("satker", "dibuat_oleh", "diajukan_oleh", "disetujui_oleh")
        .defer("dokumen", "sebelumnya", "temuan")
    )


def konsep(store: Store, konsep_id: int) -> KonsepInfo | None:
    """The draft with that id, or None."""
    with store.errors():
        r = _rows(store).filter(id=konsep_id).first()
        return None if r is None else _info(r)


def dokumen(store: Store, konsep_id: int) -> tuple[KonsepInfo, dict[str, Any]]:
    """The draft and its document (canonical JSON)."""
    from anggaran.store.models import Konsep

    with store.errors():
        r = _rows(store).get(id=konsep_id)
        doc = Konsep.objects.using(store.alias).filter(id=konsep_id).values_list("dokumen", flat=True).get()
        return _info(r), doc


def daftar(store: Store, satker: str | None = None, terbuka: bool = True) -> list[KonsepInfo]:
    """The drafts (of one satker), newest first; only the open ones (not selesai) unless
    ``terbuka`` is False."""
    with store.errors():
        q = _rows(store)
        if satker is not None:
            q = q.filter(satker__kode=satker)
        if terbuka:
            q = q.exclude(status="selesai")
        return [_info(r) for r in q.order_by("-id")]


def buat(
    store: Store,
    satker: str,
    tahun_anggaran: int,
    tahap: str,
    revisi_ke: int | None,
    dari_versi: int | None,
    jenis: str,
    doc: dict[str, Any],
    user_id: int,
    oleh: str,
    pada: dt.datetime,
    alamat: str = "",
    temuan: list[dict[str, Any]] | None = None,
) -> KonsepInfo:
    """Start a draft (audited), with its rules' findings (``temuan``). InputError when the
    satker already has an open draft for that year and stage."""
    from django.db import IntegrityError, transaction

    from anggaran.store.models import Audit, Konsep, Satker

    with store.errors():
        s = Satker.objects.using(store.alias).get(kode=satker)
        try:
            with transaction.atomic(using=store.alias):
                r = Konsep.objects.using(store.alias).create(
                    satker=s,
                    tahun_anggaran=tahun_anggaran,
                    tahap=tahap,
                    revisi_ke=revisi_ke,
                    dari_versi_id=dari_versi,
                    jenis=jenis,
                    dokumen=doc,
                    temuan=temuan,
                    dibuat_oleh_id=user_id,
                    dibuat_pada=pada,
                    diubah_oleh=oleh,
                    diubah_pada=pada,
                )
                Audit.objects.using(store.alias).create(
                    pada=pada,
                    oleh=oleh,
                    aksi="konsep.buat",
                    objek=f"konsep {r.id} satker {satker}",
                    baru={"konsep": r.id, "jenis": jenis, "dari_versi": dari_versi, "tahun": tahun_anggaran},
                    alamat=alamat,
                )
        except IntegrityError:
            open_ = (
                Konsep.objects.using(store.alias)
                .filter(satker=s, tahun_anggaran=tahun_anggaran, tahap=tahap)
                .exclude(status="selesai")
                .first()
            )
            raise InputError(
                N_("satker {satker} has an open draft for {tahun} at this stage already: draft {konsep}"),
                expected=N_("one open draft per satker, year and stage"),
                satker=satker,
                tahun=tahun_anggaran,
                konsep=open_.id if open_ else "?",
            ) from None
        return _info(_rows(store).get(id=r.id))


def simpan(
    store: Store,
    konsep_id: int,
    nomor: int | None,
    doc: dict[str, Any],
    oleh: str,
    pada: dt.datetime,
    aksi: str,
    rincian: dict[str, Any] | None = None,
    alamat: str = "",
    undo: bool = False,
    temuan: list[dict[str, Any]] | None = None,
) -> KonsepInfo:
    """Store a new document (with its rules' findings, ``temuan``) for a draft in state
    ``konsep``, if its change number is still ``nomor`` (None: whatever it is);
    the previous document is kept for undo (``undo``: this write is the undo itself, which
    leaves nothing to undo). Raises :class:`Stale` on a stale ``nomor``; InputError when the
    draft is no longer being edited. Audited as ``aksi`` with ``rincian``."""
    from django.db import transaction
    from django.db.models import F

    from anggaran.store.models import Audit, Konsep, Satker

    with store.errors(), transaction.atomic(using=store.alias):
        r = (
            Konsep.objects.using(store.alias)
            .select_for_update()
            .only("id", "status", "nomor", "satker_id")
            .get(id=konsep_id)
        )
        if r.status != "konsep":
            raise InputError(
                N_("draft {konsep} is {status}: it can be changed only while it is a konsep"),
                konsep=r.id,
                status=r.status,
            )
        if nomor is not None and r.nomor != nomor:
            raise Stale(_info(_rows(store).get(id=konsep_id)))
        Konsep.objects.using(store.alias).filter(id=r.id).update(
            dokumen=doc,
            sebelumnya=None if undo else F("dokumen"),  # the document before, copied by the database
            ada_sebelumnya=not undo,
            temuan=temuan,
            nomor=r.nomor + 1,
            diubah_oleh=oleh,
            diubah_pada=pada,
        )
        satker = Satker.objects.using(store.alias).filter(id=r.satker_id).values_list("kode", flat=True).get()
        Audit.objects.using(store.alias).create(
            pada=pada,
            oleh=oleh,
            aksi=aksi,
            objek=f"konsep {r.id} satker {satker}",
            lama={"nomor": r.nomor},
            baru={"nomor": r.nomor + 1, **(rincian or {})},
            alamat=alamat,
        )
    return _info(_rows(store).get(id=konsep_id))


def dokumen_temuan(
    store: Store, konsep_id: int
) -> tuple[KonsepInfo, dict[str, Any], list[dict[str, Any]] | None]:
    """The draft, its document and the rules' findings stored with it (None: not known),
    read together."""
    from anggaran.store.models import Konsep

    with store.errors():
        r = _rows(store).get(id=konsep_id)
        doc, found, nomor = (
            Konsep.objects.using(store.alias)
            .filter(id=konsep_id)
            .values_list("dokumen", "temuan", "nomor")
            .get()
        )
        if nomor != r.nomor:  # changed between the two reads: read again
            return dokumen_temuan(store, konsep_id)
        return _info(r), doc, found


def sebelumnya(store: Store, konsep_id: int) -> dict[str, Any] | None:
    """The document before the draft's last change (for undo), or None."""
    from anggaran.store.models import Konsep

    with store.errors():
        r = Konsep.objects.using(store.alias).filter(id=konsep_id).values("sebelumnya").first()
        return None if r is None else r["sebelumnya"]


def pindah_status(
    store: Store,
    konsep_id: int,
    dari: tuple[str, ...],
    ke: str,
    oleh: str,
    user_id: int,
    pada: dt.datetime,
    aksi: str,
    rincian: dict[str, Any] | None = None,
    alamat: str = "",
    nomor: int | None = None,
    **fields: Any,
) -> KonsepInfo:
    """Move a draft from one of the statuses ``dari`` to ``ke`` (audited as ``aksi``),
    setting ``fields`` (a ``dokumen`` among them: written with the move); InputError when it
    is not in one of ``dari``, :class:`Stale` when ``nomor`` is given and the draft has
    changed since. The caller's transaction, when there is one, holds the lock."""
    from django.db import transaction

    from anggaran.store.models import Audit, Konsep

    with store.errors(), transaction.atomic(using=store.alias):
        r = (
            Konsep.objects.using(store.alias)
            .select_for_update(of=("self",))
            .select_related("satker")
            .only("id", "status", "nomor", "satker__kode")
            .get(id=konsep_id)
        )
        if r.status not in dari:
            raise InputError(
                N_("draft {konsep} is {status}; this needs it {dari}"),
                konsep=r.id,
                status=r.status,
                dari=" / ".join(dari),
            )
        if nomor is not None and r.nomor != nomor:
            raise Stale(_info(_rows(store).get(id=konsep_id)))
        if ke == "diajukan":
            fields.update(diajukan_oleh_id=user_id, diajukan_pada=pada)
        elif ke == "disetujui" or (ke == "selesai" and r.status == "diajukan"):
            fields.update(disetujui_oleh_id=user_id, disetujui_pada=pada)
        elif ke == "konsep":  # returned: the approval, if any, no longer holds
            fields.update(disetujui_oleh_id=None, disetujui_pada=None)
        Konsep.objects.using(store.alias).filter(id=r.id).update(status=ke, nomor=r.nomor + 1, **fields)
        Audit.objects.using(store.alias).create(
            pada=pada,
            oleh=oleh,
            aksi=aksi,
            objek=f"konsep {r.id} satker {r.satker.kode}",
            lama={"status": r.status},
            baru={"status": ke, **(rincian or {})},
            alamat=alamat,
        )
    return _info(_rows(store).get(id=konsep_id))


# -- ceilings --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PaguInfo:
    tingkat: str
    kode: str
    jumlah: int


@dataclass(frozen=True)
class Kebijakan:
    """The ceiling policy of one level."""

    tingkat: str
    tindakan: str
    toleransi: Decimal = Decimal(0)


#: the policy of a level nobody has set: a satker's pagu blocks, a kegiatan's warns, the
#: others are ignored until a ceiling and a policy are set
KEBIJAKAN_AWAL: dict[str, Kebijakan] = {
    "satker": Kebijakan("satker", "blokir"),
    "kegiatan": Kebijakan("kegiatan", "peringatkan"),
    "sumber_dana": Kebijakan("sumber_dana", "peringatkan"),
    "jenis_belanja": Kebijakan("jenis_belanja", "peringatkan"),
}


@dataclass
class PaguSatker:
    ceilings: list[PaguInfo] = field(default_factory=list)
    kebijakan: dict[str, Kebijakan] = field(default_factory=dict)


def pagu(store: Store, satker: str, tahun: int, tahap: str) -> PaguSatker:
    """The ceilings of a satker for a year and stage, with every level's policy."""
    from anggaran.store.models import KebijakanPagu, Pagu

    with store.errors():
        rows = Pagu.objects.using(store.alias).filter(satker__kode=satker, tahun_anggaran=tahun, tahap=tahap)
        out = PaguSatker(
            [PaguInfo(r.tingkat, r.kode, r.jumlah) for r in rows.order_by("tingkat", "kode")],
            dict(KEBIJAKAN_AWAL),
        )
        for k in KebijakanPagu.objects.using(store.alias).all():
            out.kebijakan[k.tingkat] = Kebijakan(k.tingkat, k.tindakan, k.toleransi)
        return out


def set_pagu(
    store: Store,
    satker: str,
    tahun: int,
    tahap: str,
    items: list[PaguInfo],
    oleh: str,
    pada: dt.datetime,
    alamat: str = "",
    ganti: bool = False,
) -> int:
    """Set ceilings (``ganti``: replacing every ceiling of that satker, year and stage), in
    one transaction, audited. Returns how many were set."""
    from django.db import transaction

    from anggaran.store.models import Audit, Pagu, Satker

    with store.errors(), transaction.atomic(using=store.alias):
        s = Satker.objects.using(store.alias).get(kode=satker)
        q = Pagu.objects.using(store.alias).filter(satker=s, tahun_anggaran=tahun, tahap=tahap)
        lama = [(r.tingkat, r.kode, r.jumlah) for r in q]
        if ganti:
            q.delete()
        for it in items:
            Pagu.objects.using(store.alias).update_or_create(
                satker=s,
                tahun_anggaran=tahun,
                tahap=tahap,
                tingkat=it.tingkat,
                kode=it.kode,
                defaults={"jumlah": it.jumlah, "oleh": oleh, "pada": pada},
            )
        Audit.objects.using(store.alias).create(
            pada=pada,
            oleh=oleh,
            aksi="pagu",
            objek=f"satker {satker} {tahun} {tahap}",
            lama=lama,
            baru=[(i.tingkat, i.kode, i.jumlah) for i in items],
            alamat=alamat,
        )
    return len(items)


def set_kebijakan(store: Store, k: Kebijakan, oleh: str, pada: dt.datetime, alamat: str = "") -> None:
    """Set a level's ceiling policy (audited)."""
    from django.db import transaction

    from anggaran.store.models import Audit, KebijakanPagu

    with store.errors(), transaction.atomic(using=store.alias):
        old = KebijakanPagu.objects.using(store.alias).filter(tingkat=k.tingkat).first()
        KebijakanPagu.objects.using(store.alias).update_or_create(
            tingkat=k.tingkat,
            defaults={"tindakan": k.tindakan, "toleransi": k.toleransi, "oleh": oleh, "pada": pada},
        )
        Audit.objects.using(store.alias).create(
            pada=pada,
            oleh=oleh,
            aksi="pagu.kebijakan",
            objek=k.tingkat,
            lama=None if old is None else {"tindakan": old.tindakan, "toleransi": str(old.toleransi)},
            baru={"tindakan": k.tindakan, "toleransi": str(k.toleransi)},
            alamat=alamat,
        )


def jadi_versi(
    store: Store,
    konsep_id: int,
    dari: tuple[str, ...],
    berkas: Any,
    versi: Any,
    oleh: str,
    user_id: int,
    pada: dt.datetime,
    aksi: str,
    rincian: dict[str, Any],
    alamat: str = "",
    nomor: int | None = None,
    doc: dict[str, Any] | None = None,
) -> tuple[KonsepInfo, int]:
    """Store the draft as a new version (``berkas`` a NewBerkas, ``versi`` a NewVersi: the
    draft's tree as signed, whose document ``doc`` the draft keeps) and close it
    (``selesai``), in one transaction, if it is still at change ``nomor``. Returns the
    draft and the version's id."""
    from django.db import transaction

    from anggaran.store.models import Konsep

    with store.errors(), transaction.atomic(using=store.alias):
        r = (
            Konsep.objects.using(store.alias)
            .select_for_update()
            .only("id", "status", "nomor")
            .get(id=konsep_id)
        )
        if nomor is not None and r.nomor != nomor:
            raise Stale(_info(_rows(store).get(id=konsep_id)))
        if r.status not in dari:
            raise InputError(
                N_("draft {konsep} is {status}; this needs it {dari}"),
                konsep=r.id,
                status=r.status,
                dari=" / ".join(dari),
            )
        stored = store.save(berkas, [versi], oleh, pada, catatan=f"konsep {konsep_id}", alamat=alamat)
        versi_id = stored.versi[0]
        info = pindah_status(
            store,
            konsep_id,
            dari,
            "selesai",
            oleh,
            user_id,
            pada,
            aksi,
            {**rincian, "versi": versi_id},
            alamat,
            versi_id=versi_id,
            perlu=[],
            **({"dokumen": doc} if doc is not None else {}),  # type: ignore[arg-type]
        )
    return info, versi_id
