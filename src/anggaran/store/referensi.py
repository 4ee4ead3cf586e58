"""The shipped reference tables (``anggaran/reference/data/*.csv``, gathered from
``../shared/reference`` with their sources) as rows of :class:`~anggaran.store.models.Referensi`,
so that queries over stored versions can join code to name in the database; and the code
tables users load (:class:`~anggaran.store.models.ReferensiDimuat`), with their source
and date, which every output lays over the shipped ones.

Migration 0002 loads the tables as they ship with that release. A release that changes
them adds a data migration of its own calling :func:`isi_referensi` again, so an existing
database follows (the loaded rows are another table: they stay).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from anggaran.reference import BarisReferensi, rows

if TYPE_CHECKING:
    from anggaran.store import Store

#: table -> the column(s) holding its code (joined with a dot) and its name column(s),
#: the first non-empty one taken
TABEL: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "akun": (("kode",), ("nama",)),
    "jenis_belanja": (("kode",), ("nama",)),
    "kegiatan": (("kode",), ("nama",)),
    "kementerian": (("kode",), ("nama",)),
    "kro": (("kode",), ("nama",)),
    "lokasi": (("kdlokasi", "kdkabkota"), ("kabkota", "provinsi")),
    "program": (("kode",), ("nama",)),
    "satker": (("kode",), ("nama",)),
    "sumber_dana": (("kdbeban",), ("nama",)),
    "unit_organisasi": (("kode",), ("nama",)),
}


def baris_referensi() -> list[dict[str, Any]]:
    """Every reference row as ``{"jenis", "kode", "nama", "sumber", "data"}`` (``data``:
    the row's other columns)."""
    out = []
    for jenis, (kode_cols, nama_cols) in TABEL.items():
        for row in rows(f"{jenis}.csv"):
            kode = ".".join(row[c] for c in kode_cols if row[c])
            nama = next((row[c].strip() for c in nama_cols if row[c].strip()), "")
            rest = {k: v for k, v in row.items() if k not in {*kode_cols, *nama_cols, "sumber"}}
            out.append(
                {"jenis": jenis, "kode": kode, "nama": nama, "sumber": row.get("sumber", ""), "data": rest}
            )
    return out


def isi_referensi(model: Any, using: str) -> None:
    """Replace the rows of ``model`` (the Referensi model, historical in a migration) in
    database ``using`` with the shipped tables."""
    model.objects.using(using).all().delete()
    model.objects.using(using).bulk_create([model(**r) for r in baris_referensi()])


# -- what users load ----------------------------------------------------------------------


@dataclass(frozen=True)
class HasilMuat:
    """What loading a code table did: rows new, rows whose name changed, rows the store
    held already as they are, per table; and the names replaced (``jenis kode`` -> old)."""

    baru: dict[str, int]
    diubah: dict[str, int]
    sama: dict[str, int]
    lama: dict[str, str]


@dataclass(frozen=True)
class SumberDimuat:
    """A file whose rows the store holds: its name as given, SHA-256, who loaded it and
    when (the latest load), and how many codes of each table still carry its name."""

    sumber: str
    sha256: str
    dimuat_oleh: str
    dimuat_pada: dt.datetime
    per_jenis: dict[str, int]


def muat_referensi(
    store: Store,
    rows: list[BarisReferensi],
    sumber: str,
    sha256: str,
    oleh: str,
    pada: dt.datetime,
    alamat: str = "",
) -> HasilMuat:
    """Keep ``rows`` (a code table read from the file ``sumber``) in the store, all or
    nothing, each code's row taking the place of the one held before; with an audit entry
    (``referensi_impor``, ``alamat`` where it came from) in the same transaction. Raises
    InputError (StoreError) when the database refuses."""
    from django.db import transaction

    from anggaran.store.models import ReferensiDimuat
    from anggaran.store.tim import catat

    baru: dict[str, int] = {}
    diubah: dict[str, int] = {}
    sama: dict[str, int] = {}
    lama: dict[str, str] = {}
    q = ReferensiDimuat.objects.using(store.alias)
    with store.errors(sumber), transaction.atomic(using=store.alias):
        held = {(r.jenis, r.kode): r for r in q.filter(jenis__in={r.jenis for r in rows})}
        made = []
        for r in rows:
            old = held.get((r.jenis, r.kode))
            fields = {
                "nama": r.nama,
                "data": dict(r.data),
                "sumber": sumber,
                "sha256": sha256,
                "dimuat_oleh": oleh,
                "dimuat_pada": pada,
            }
            if old is None:
                made.append(ReferensiDimuat(jenis=r.jenis, kode=r.kode, **fields))
                baru[r.jenis] = baru.get(r.jenis, 0) + 1
            elif old.nama == r.nama and old.data == dict(r.data):
                sama[r.jenis] = sama.get(r.jenis, 0) + 1
            else:
                lama[f"{r.jenis} {r.kode}"] = old.nama
                q.filter(id=old.id).update(**fields)
                diubah[r.jenis] = diubah.get(r.jenis, 0) + 1
        q.bulk_create(made, batch_size=500)
        catat(
            store,
            pada,
            oleh,
            "referensi_impor",
            sumber,
            lama=lama or None,
            baru={"sha256": sha256, "baru": baru, "diubah": diubah, "sama": sama},
            alamat=alamat,
        )
    return HasilMuat(baru, diubah, sama, lama)


def referensi_dimuat(store: Store) -> list[BarisReferensi]:
    """Every loaded row, by table and code."""
    from anggaran.store.models import ReferensiDimuat

    with store.errors():
        return [
            BarisReferensi(r.jenis, r.kode, r.nama, r.data or {})
            for r in ReferensiDimuat.objects.using(store.alias).order_by("jenis", "kode")
        ]


def tanda_referensi(store: Store) -> tuple[int, dt.datetime | None, int | None]:
    """What changes whenever a table is loaded: (rows, the latest load, the highest row
    id); one query, for knowing when the rows in use are stale."""
    from django.db.models import Count, Max

    from anggaran.store.models import ReferensiDimuat

    with store.errors():
        got = ReferensiDimuat.objects.using(store.alias).aggregate(
            n=Count("id"), t=Max("dimuat_pada"), i=Max("id")
        )
    return got["n"], got["t"], got["i"]


def sumber_dimuat(store: Store) -> list[SumberDimuat]:
    """The files whose rows the store holds, the latest load first."""
    from anggaran.store.models import ReferensiDimuat

    out: dict[tuple[str, str], SumberDimuat] = {}
    with store.errors():
        q = ReferensiDimuat.objects.using(store.alias).values_list(
            "sumber", "sha256", "dimuat_oleh", "dimuat_pada", "jenis"
        )
        for sumber, sha, oleh, pada, jenis in q.order_by("-dimuat_pada", "jenis"):
            s = out.get((sumber, sha))
            if s is None:
                s = out[(sumber, sha)] = SumberDimuat(sumber, sha, oleh, pada, {})
            s.per_jenis[jenis] = s.per_jenis.get(jenis, 0) + 1
    return list(out.values())
