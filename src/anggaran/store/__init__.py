"""Persistence: every version of every satker's tree, in SQLite (by default) or PostgreSQL,
through Django's ORM. The only package that imports Django's database layer.

``Store(url)`` opens (and on first use creates and migrates) the database; see
:mod:`anggaran.store.config` for how the URL is chosen. A store gives and takes plain
values (:class:`VersiInfo`, :class:`BerkasInfo`, trees of :mod:`anggaran.core.tree`),
never model instances.

Errors: :class:`anggaran.core.errors.InputError` for a database that cannot be opened or
reached, a version that does not exist, or a tree the database cannot hold (an amount
above 2^63 - 1 rupiah).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anggaran.core.errors import InputError
from anggaran.core.money import Rupiah
from anggaran.core.tree import RkaSatker
from anggaran.store.config import default_path, display_url, register, resolve_url

#: the stages a version can be stored at: ``--stage`` values (``revisi-N`` for a revision)
TAHAP = ("pagu-indikatif", "pagu-anggaran", "alokasi-anggaran", "dipa", "revisi")


def tahap_label(tahap: str | None, revisi_ke: int | None) -> str:
    """``"revisi-2"``, ``"dipa"``; ``"-"`` when the stage was not given."""
    if tahap is None:
        return "-"
    return f"revisi-{revisi_ke}" if tahap == "revisi" else tahap


@dataclass(frozen=True)
class BerkasInfo:
    """A file imported: name, SHA-256, size in bytes, format, who imported it and when, the
    note, and the ids of the versions it gave (in order)."""

    id: int
    nama: str
    sha256: str
    ukuran: int
    format: str
    diimpor_oleh: str
    diimpor_pada: dt.datetime
    catatan: str
    versi: tuple[int, ...]


@dataclass(frozen=True)
class VersiInfo:
    """A stored version without its tree: id, satker code and name, fiscal year, stage,
    file, who stored it and when, the note, the satker total (whole rupiah) and the
    SHA-256 of its canonical JSON (``sidik``)."""

    id: int
    satker: str
    satker_nama: str
    tahun_anggaran: int
    tahap: str | None
    revisi_ke: int | None
    berkas: str
    berkas_sha256: str
    disimpan_oleh: str
    disimpan_pada: dt.datetime
    catatan: str
    jumlah: Rupiah
    sidik: str

    @property
    def tahap_label(self) -> str:
        return tahap_label(self.tahap, self.revisi_ke)


@dataclass(frozen=True)
class VersiBaru:
    """A tree to store as a new version, at a stage (``tahap`` one of :data:`TAHAP` or
    None; ``revisi_ke`` for a revision), with ``sidik``, the SHA-256 of its canonical JSON,
    and its note."""

    tree: RkaSatker
    tahap: str | None
    revisi_ke: int | None
    sidik: str
    catatan: str = ""


@dataclass(frozen=True)
class BerkasBaru:
    """A file to import: name as given, SHA-256 and size of its bytes, input format."""

    nama: str
    sha256: str
    ukuran: int
    format: str


class SudahDiimpor(InputError):
    """The file is stored already (same SHA-256): ``berkas`` is that import. Raised when
    another process stored the same bytes while this one was reading them."""

    def __init__(self, berkas: BerkasInfo) -> None:
        super().__init__("berkas ini sudah diimpor", file=berkas.nama)
        self.berkas = berkas


_VERSI_FIELDS = ("id", "satker__kode", "satker_nama", "tahun_anggaran", "tahap", "revisi_ke",
                 "berkas__nama", "berkas__sha256", "disimpan_oleh", "disimpan_pada", "catatan",
                 "jumlah", "sidik")

#: the largest amount a money column holds (PostgreSQL bigint, SQLite integer)
MAX_RUPIAH = 2**63 - 1


class Store:
    """One database of versions. ``url`` as :func:`anggaran.store.config.resolve_url`
    takes it (None: ``$DATABASE_URL`` or the default SQLite file). Opening creates the
    SQLite file's folder when it is the default one, and applies pending migrations.
    Raises InputError when the database cannot be opened."""

    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_url(url)
        self.alias = register(self.url)
        self._prepare()

    @property
    def nama(self) -> str:
        """The database as shown to users (password hidden)."""
        return display_url(self.url)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        from django.db import DatabaseError, DataError, InterfaceError

        try:
            yield
        except (OverflowError, DataError) as exc:
            # SQLite: "Python int too large to convert to SQLite INTEGER";
            # PostgreSQL: "bigint out of range"
            raise InputError(f"basis data {self.nama}: angka melebihi batas kolom ({exc})",
                             expected=f"jumlah rupiah paling besar {MAX_RUPIAH:,}") from None
        except (DatabaseError, InterfaceError) as exc:
            raise InputError(f"basis data {self.nama}: {str(exc).strip() or type(exc).__name__}") from None

    def _prepare(self) -> None:
        from django.core.management import call_command
        from django.db import connections

        settings = connections.settings[self.alias]
        if settings["ENGINE"].endswith("sqlite3"):
            folder = Path(settings["NAME"]).parent
            if folder == default_path().parent:
                folder.mkdir(parents=True, exist_ok=True)
            if not folder.is_dir():
                raise InputError(f"folder basis data tidak ada: {folder}", file=settings["NAME"],
                                 expected="folder yang sudah ada")
        from django.db import DatabaseError

        with self._errors():
            try:
                call_command("migrate", "anggaran", database=self.alias, verbosity=0, interactive=False)
            except DatabaseError:
                # another process may have been migrating the same new database at the same
                # moment: all is well when nothing is left to apply now
                if self._pending():
                    raise

    def _pending(self) -> bool:
        """Whether migrations are left to apply to this database."""
        from django.db import connections
        from django.db.migrations.executor import MigrationExecutor

        connections[self.alias].close()
        executor = MigrationExecutor(connections[self.alias])
        return bool(executor.migration_plan(executor.loader.graph.leaf_nodes("anggaran")))

    def close(self) -> None:
        """Close this store's connection (of the current thread)."""
        from django.db import connections

        connections[self.alias].close()

    # -- reading -------------------------------------------------------------------------

    def berkas(self, sha256: str) -> BerkasInfo | None:
        """The file imported with these bytes, or None."""
        from anggaran.store.models import Berkas, Versi

        with self._errors():
            b = Berkas.objects.using(self.alias).filter(sha256=sha256).first()
            if b is None:
                return None
            ids = Versi.objects.using(self.alias).filter(berkas=b).order_by("id").values_list("id", flat=True)
            return BerkasInfo(b.id, b.nama, b.sha256, b.ukuran, b.format, b.diimpor_oleh,
                              b.diimpor_pada, b.catatan, tuple(ids))

    def daftar(self, satker: str | None = None, tahun_anggaran: int | None = None,
               ids: list[int] | None = None) -> list[VersiInfo]:
        """The stored versions, oldest first, optionally of one satker, one fiscal year or
        the given ids."""
        from anggaran.store.models import Versi

        q = Versi.objects.using(self.alias).all()
        if satker is not None:
            q = q.filter(satker__kode=satker)
        if tahun_anggaran is not None:
            q = q.filter(tahun_anggaran=tahun_anggaran)
        if ids is not None:
            q = q.filter(id__in=ids)
        with self._errors():
            return [VersiInfo(*row) for row in q.order_by("id").values_list(*_VERSI_FIELDS)]

    def sidik_sama(self, sidik: list[str], kecuali: tuple[int, ...] = ()) -> dict[str, int]:
        """sidik -> the first version stored with that content, for those of ``sidik`` that
        some version other than ``kecuali`` has."""
        from anggaran.store.models import Versi

        with self._errors():
            rows = (Versi.objects.using(self.alias).filter(sidik__in=sidik).exclude(id__in=kecuali)
                    .order_by("-id").values_list("sidik", "id"))
            return dict(rows)

    def versi(self, ref: str) -> VersiInfo:
        """The version ``ref`` names: a satker code (6 digits: that satker's latest version)
        or else a version id (digits). Raises InputError when there is none."""
        ref = ref.strip()
        if not ref.isdigit():
            raise InputError(f"{ref!r} bukan nomor versi atau kode satker",
                             expected="nomor versi (mis. 12) atau kode satker 6 angka (mis. 015116)")
        if len(ref) == 6:
            found = self.daftar(satker=ref)
            if not found:
                raise InputError(f"satker {ref} belum punya versi di basis data {self.nama}")
            return max(found, key=lambda v: (v.disimpan_pada, v.id))
        found = self.daftar(ids=[int(ref)])
        if not found:
            raise InputError(f"versi {int(ref)} tidak ada di basis data {self.nama}",
                             expected="nomor dari `anggaran db list`")
        return found[0]

    def muat(self, versi_id: int) -> RkaSatker:
        """The tree of version ``versi_id``, equal to the tree stored. Raises InputError
        when there is no such version."""
        from anggaran.store.models import Versi
        from anggaran.store.pohon import baca_pohon

        with self._errors():
            row = (Versi.objects.using(self.alias).filter(id=versi_id)
                   .values(*(f.attname for f in Versi._meta.concrete_fields), satker_kode=_F("satker__kode"))
                   .first())
            if row is None:
                raise InputError(f"versi {versi_id} tidak ada di basis data {self.nama}")
            return baca_pohon(self.alias, row)

    # -- writing -------------------------------------------------------------------------

    def simpan(self, berkas: BerkasBaru, versi: list[VersiBaru], oleh: str, pada: dt.datetime,
               catatan: str = "",
               progress: Callable[[int, int], None] | None = None) -> BerkasInfo:
        """Store a file and the versions it gave, all in one transaction: either all are
        stored or none is. ``pada`` is the time of storing (timezone-aware); ``catatan``
        the file's note (each version has its own); ``progress`` is called with (versions
        written, all) after each version. Raises :class:`SudahDiimpor` when the file is
        stored already (same SHA-256), InputError when a tree cannot be held."""
        from django.db import IntegrityError, transaction

        from anggaran.store.models import Berkas, Versi
        from anggaran.store.pohon import tulis_pohon, versi_fields

        with self._errors():
            try:
                with transaction.atomic(using=self.alias):
                    b = Berkas(nama=berkas.nama, sha256=berkas.sha256, ukuran=berkas.ukuran,
                               format=berkas.format, diimpor_oleh=oleh, diimpor_pada=pada,
                               catatan=catatan)
                    b.save(using=self.alias)
                    satker = self._satker({v.tree.satker.kode: v.tree for v in versi})
                    ids = []
                    for i, v in enumerate(versi, 1):
                        row = Versi(satker=satker[v.tree.satker.kode], tahap=v.tahap,
                                    revisi_ke=v.revisi_ke, berkas=b, disimpan_oleh=oleh,
                                    disimpan_pada=pada, catatan=v.catatan, sidik=v.sidik,
                                    **versi_fields(v.tree))
                        row.save(using=self.alias)
                        tulis_pohon(self.alias, row, v.tree)
                        ids.append(row.id)
                        if progress is not None:
                            progress(i, len(versi))
            except IntegrityError:
                earlier = self.berkas(berkas.sha256)
                if earlier is not None:
                    raise SudahDiimpor(earlier) from None
                raise
        return BerkasInfo(b.id, b.nama, b.sha256, b.ukuran, b.format, oleh, pada, catatan, tuple(ids))

    def _satker(self, trees: dict[str, RkaSatker]) -> dict[str, Any]:
        """The Satker rows of these trees, created or brought up to date with the header
        each tree prints."""
        from anggaran.store.models import Satker

        rows = {s.kode: s for s in Satker.objects.using(self.alias).filter(kode__in=list(trees))}
        for kode, t in trees.items():
            fields = {
                "nama": t.satker.nama, "kementerian_kode": t.kementerian.kode,
                "kementerian_nama": t.kementerian.nama, "unit_kode": t.unit_organisasi.kode,
                "unit_nama": t.unit_organisasi.nama, "provinsi_kode": t.provinsi.kode,
                "provinsi_nama": t.provinsi.nama, "lokasi_kode": t.lokasi.kode,
                "lokasi_nama": t.lokasi.nama}
            row = rows.get(kode)
            if row is None:
                rows[kode] = row = Satker(kode=kode, **fields)
                row.save(using=self.alias)
            elif any(getattr(row, k) != v for k, v in fields.items()):
                for k, v in fields.items():
                    setattr(row, k, v)
                row.save(using=self.alias)
        return rows


def _F(name: str) -> Any:
    from django.db.models import F

    return F(name)
