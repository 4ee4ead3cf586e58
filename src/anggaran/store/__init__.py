"""Persistence: every version of every satker's tree, in SQLite (by default) or PostgreSQL,
through Django's ORM. The only package that imports Django's database layer.

``Store(url)`` opens (and on first use creates and migrates) the database; see
:mod:`anggaran.store.config` for how the URL is chosen. A store gives and takes plain
values (:class:`VersiInfo`, :class:`BerkasInfo`, trees of :mod:`anggaran.core.tree`),
never model instances.

Errors: :class:`anggaran.core.errors.InputError` for a database that cannot be opened or
reached, a version that does not exist, or a tree the database cannot hold (an amount
above 2^63 - 1 rupiah; on PostgreSQL, text with a NUL character);
:class:`AlreadyImported` (an InputError) for a file stored before.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anggaran.core.errors import InputError, StoreError
from anggaran.core.findings import N_, Finding, Severity
from anggaran.core.lingkup import SatkerKode
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "nama": self.nama,
            "sha256": self.sha256,
            "ukuran": self.ukuran,
            "format": self.format,
            "diimpor_oleh": self.diimpor_oleh,
            "diimpor_pada": self.diimpor_pada.isoformat(),
            "catatan": self.catatan,
            "versi": list(self.versi),
        }


@dataclass(frozen=True)
class VersiInfo:
    """A stored version without its tree: id, satker code and name, fiscal year, stage,
    file, who stored it and when, the note, the satker total (whole rupiah) and the
    SHA-256 of its canonical JSON (``fingerprint``: equal for equal trees)."""

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
    fingerprint: str

    @property
    def tahap_label(self) -> str:
        return tahap_label(self.tahap, self.revisi_ke)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "satker": self.satker,
            "satker_nama": self.satker_nama,
            "tahun_anggaran": self.tahun_anggaran,
            "tahap": self.tahap_label if self.tahap else None,
            "berkas": self.berkas,
            "berkas_sha256": self.berkas_sha256,
            "disimpan_oleh": self.disimpan_oleh,
            "disimpan_pada": self.disimpan_pada.isoformat(),
            "catatan": self.catatan,
            "jumlah": self.jumlah,
            "fingerprint": self.fingerprint,
        }


@dataclass(frozen=True)
class NewVersi:
    """A tree to store as a new version, at a stage (``tahap`` one of :data:`TAHAP` or
    None; ``revisi_ke`` for a revision), with its ``fingerprint`` (the SHA-256 of its
    canonical JSON), its note and the findings its import gave (``temuan``)."""

    tree: RkaSatker
    tahap: str | None
    revisi_ke: int | None
    fingerprint: str
    catatan: str = ""
    #: the findings of its reading and checking, kept with it
    temuan: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class NewBerkas:
    """A file to import: name as given, SHA-256 and size of its bytes, input format."""

    nama: str
    sha256: str
    ukuran: int
    format: str


class AlreadyImported(InputError):
    """The file is stored already (same SHA-256): ``berkas`` is that import. Raised when
    another process stored the same bytes while this one was reading them."""

    def __init__(self, berkas: BerkasInfo) -> None:
        super().__init__(N_("this file was imported before"), file=berkas.nama)
        self.berkas = berkas


_VERSI_FIELDS = (
    "id",
    "satker__kode",
    "satker_nama",
    "tahun_anggaran",
    "tahap",
    "revisi_ke",
    "berkas__nama",
    "berkas__sha256",
    "disimpan_oleh",
    "disimpan_pada",
    "catatan",
    "jumlah",
    "fingerprint",
)

#: the largest amount a money column holds (PostgreSQL bigint, SQLite integer)
MAX_RUPIAH = 2**63 - 1


class Store:
    """One database of versions. ``url`` as :func:`anggaran.store.config.resolve_url`
    takes it (None: ``$DATABASE_URL`` or the default SQLite file). Opening creates the
    SQLite file's folder when it is the default one, and applies pending migrations (one
    process at a time). With ``create`` False, a SQLite file that does not exist yet is not
    created (for commands that only read). Raises InputError when the database cannot be
    opened."""

    def __init__(self, url: str | None = None, create: bool = True) -> None:
        self.url = resolve_url(url)
        self.alias = register(self.url)
        self._prepare(create)

    @classmethod
    def default(cls, create: bool = True) -> Store:
        """The store on Django's ``default`` database, as the web application's settings
        name it (its migrations are applied by ``anggaran serve``, not per request). Without
        ``create``, an SQLite file that does not exist yet is an InputError."""
        from django.db import connections

        if not create:
            _must_exist(
                connections.settings["default"], N_("one made by `anggaran user add` or `anggaran serve`")
            )
        store = cls.__new__(cls)
        store.alias = "default"
        cfg = connections.settings["default"]
        store.url = (
            "sqlite:///" + str(cfg["NAME"])
            if cfg["ENGINE"].endswith("sqlite3")
            else f"postgresql://{cfg.get('USER') or ''}@{cfg.get('HOST') or ''}/{cfg['NAME']}"
        )
        return store

    def migrate(self) -> None:
        """Apply every pending migration of every installed application (the web's
        sessions and login throttling too), one process at a time."""
        self._migrate(everything=True)

    @property
    def name(self) -> str:
        """The database as shown to users (password hidden)."""
        return display_url(self.url)

    @property
    def path(self) -> Path | None:
        """The SQLite file of the store (None on PostgreSQL): an input no output replaces."""
        from django.db import connections

        settings = connections.settings[self.alias]
        return Path(settings["NAME"]) if settings["ENGINE"].endswith("sqlite3") else None

    @contextmanager
    def errors(self, file: str | None = None) -> Iterator[None]:
        """Database errors as InputError naming the database (and ``file``, the input)."""
        from django.db import DatabaseError, DataError, InterfaceError

        try:
            yield
        except (OverflowError, DataError) as exc:
            # SQLite: "Python int too large to convert to SQLite INTEGER"; PostgreSQL:
            # "bigint out of range", or "text fields cannot contain NUL (0x00) bytes"
            text = str(exc).strip()
            if isinstance(exc, OverflowError) or "out of range" in text:
                raise InputError(  # about the value, not the database: any face shows it
                    N_("a number beyond what the database holds"),
                    file=file,
                    expected=N_("amounts of at most {batas:rp}"),
                    batas=MAX_RUPIAH,
                ) from None
            raise StoreError(
                N_("database {db}: a value refused ({sebab})"), file=file, db=self.name, sebab=text
            ) from None
        except (DatabaseError, InterfaceError) as exc:
            raise StoreError(
                N_("database {db}: {sebab}"),
                file=file,
                db=self.name,
                sebab=str(exc).strip() or type(exc).__name__,
            ) from None

    def _prepare(self, create: bool) -> None:
        from django.db import connections

        settings = connections.settings[self.alias]
        if settings["ENGINE"].endswith("sqlite3"):
            if not create:
                _must_exist(settings, N_("a file made by `anggaran db import`"))
            folder = Path(settings["NAME"]).parent
            if folder == default_path().parent and create:
                try:
                    folder.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise InputError(
                        N_("the database folder cannot be made: {sebab}"),
                        file=str(folder),
                        expected=N_("a folder that can be written (XDG_DATA_HOME), or --db / DATABASE_URL"),
                        sebab=exc.strerror,
                    ) from None
            if not folder.is_dir():
                raise InputError(
                    N_("the database folder does not exist: {folder}"),
                    file=settings["NAME"],
                    expected=N_("a folder that exists"),
                    folder=str(folder),
                )
        with self.errors():
            if self._pending():
                if not create and not self._ours():
                    raise InputError(
                        N_("database {db} holds no tables of Anggaran yet"),
                        expected=N_("a database filled by `anggaran db import`"),
                        db=self.name,
                    )
                self._migrate()

    def _pending(self) -> bool:
        """Whether migrations are left to apply to this database."""
        from django.db import connections
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connections[self.alias])
        return bool(executor.migration_plan(executor.loader.graph.leaf_nodes("anggaran")))

    def _ours(self) -> bool:
        """Whether some migration of Anggaran was applied here (the database is one of
        ours, maybe of an older release)."""
        from django.db import connections
        from django.db.migrations.recorder import MigrationRecorder

        applied = MigrationRecorder(connections[self.alias]).applied_migrations()
        return any(app == "anggaran" for app, _ in applied)

    def _migrate(self, everything: bool = False) -> None:
        """Apply the pending migrations, one process at a time: on PostgreSQL under an
        advisory lock; on SQLite (whose writers queue on the file) by trying again when
        another process was creating the same tables."""
        from django.core.management import call_command
        from django.db import DatabaseError, connections

        apps = ["migrate"] if everything else ["migrate", "anggaran"]
        connection = connections[self.alias]
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("SELECT pg_advisory_lock(%s)", [_MIGRATION_LOCK])
                try:
                    if everything or self._pending():
                        call_command(*apps, database=self.alias, verbosity=0, interactive=False)
                finally:
                    cur.execute("SELECT pg_advisory_unlock(%s)", [_MIGRATION_LOCK])
            return
        with connection.cursor() as cur:
            cur.execute("PRAGMA journal_mode=WAL")  # kept by the file from now on
        for attempt in range(40):
            try:
                call_command(*apps, database=self.alias, verbosity=0, interactive=False)
                return
            except DatabaseError:
                connection.close()
                if not everything and not self._pending():
                    return
                if attempt == 39:
                    raise
                time.sleep(0.25)

    def close(self) -> None:
        """Close this store's connection (of the current thread)."""
        from django.db import connections

        connections[self.alias].close()

    # -- reading -------------------------------------------------------------------------

    def find_file(self, sha256: str) -> BerkasInfo | None:
        """The file imported with these bytes (SHA-256, hex), or None."""
        from anggaran.store.models import Berkas, Versi

        with self.errors():
            b = Berkas.objects.using(self.alias).filter(sha256=sha256).first()
            if b is None:
                return None
            ids = Versi.objects.using(self.alias).filter(berkas=b).order_by("id").values_list("id", flat=True)
            return BerkasInfo(
                b.id,
                b.nama,
                b.sha256,
                b.ukuran,
                b.format,
                b.diimpor_oleh,
                b.diimpor_pada,
                b.catatan,
                tuple(ids),
            )

    def versions(
        self,
        satker: str | None = None,
        tahun_anggaran: int | None = None,
        ids: list[int] | tuple[int, ...] | None = None,
    ) -> list[VersiInfo]:
        """The stored versions, oldest first, optionally of one satker, one fiscal year or
        the given ids."""
        from anggaran.store.models import Versi

        q = Versi.objects.using(self.alias).all()
        if satker is not None:
            q = q.filter(satker__kode=satker)
        if tahun_anggaran is not None:
            q = q.filter(tahun_anggaran=tahun_anggaran)
        if ids is not None:
            q = q.filter(id__in=list(ids))
        with self.errors():
            return [VersiInfo(*row) for row in q.order_by("id").values_list(*_VERSI_FIELDS)]

    def latest_versions(self, satker: list[str]) -> dict[str, VersiInfo]:
        """satker code -> its version stored last, for those of ``satker`` that have one."""
        from anggaran.store.models import Versi

        out: dict[str, VersiInfo] = {}
        with self.errors():
            rows = (
                Versi.objects.using(self.alias)
                .filter(satker__kode__in=satker)
                .order_by("satker__kode", "-disimpan_pada", "-id")
                .values_list(*_VERSI_FIELDS)
            )
            for row in rows:
                info = VersiInfo(*row)
                out.setdefault(info.satker, info)
        return out

    def same_content(self, fingerprints: list[str], exclude: tuple[int, ...] = ()) -> dict[str, int]:
        """fingerprint -> the first version stored with that content, for those of
        ``fingerprints`` that a version other than ``exclude`` has."""
        from anggaran.store.models import Versi

        with self.errors():
            rows = (
                Versi.objects.using(self.alias)
                .filter(fingerprint__in=fingerprints)
                .exclude(id__in=exclude)
                .order_by("-id")
                .values_list("fingerprint", "id")
            )
            return dict(rows)

    def version(self, ref: str) -> VersiInfo:
        """The version ``ref`` names: ``v123`` or ``#123`` (version 123); a satker code
        (6 digits: the version of that satker stored last); or else a version number.
        Raises InputError when there is none."""
        match = _REF.match(ref.strip())
        if match is None:
            raise InputError(
                N_("{ref!r} is neither a version number nor a satker code"),
                expected=N_("a version number (12, v12) or a 6-digit satker code (015116)"),
                ref=ref,
            )
        prefix, digits = match.groups()
        if len(digits) > 18:  # more than any version number (a 64-bit id) can be
            raise InputError(N_("version {versi} is not in database {db}"), versi=digits, db=self.name)
        if not prefix and len(digits) == 6:
            found = self.versions(satker=digits)
            if found:
                return max(found, key=lambda v: (v.disimpan_pada, v.id))
        found = self.versions(ids=[int(digits)])
        if found:
            return found[0]
        if not prefix and len(digits) == 6:
            raise InputError(
                N_("satker {satker} has no version in database {db}, and there is no version {versi}"),
                satker=digits,
                db=self.name,
                versi=int(digits),
            )
        raise InputError(
            N_("version {versi} is not in database {db}"),
            expected=N_("a number from `anggaran db list`"),
            versi=int(digits),
            db=self.name,
        )

    def load_tree(self, versi_id: int) -> RkaSatker:
        """The tree of version ``versi_id``, equal to the tree stored (and to its
        canonical JSON). Raises InputError when there is no such version."""
        from django.db.models import F

        from anggaran.store.models import Versi
        from anggaran.store.pohon import read_tree

        with self.errors():
            row = (
                Versi.objects.using(self.alias)
                .filter(id=versi_id)
                .values(*(f.attname for f in Versi._meta.concrete_fields), satker_kode=F("satker__kode"))
                .first()
            )
            if row is None:
                raise InputError(N_("version {versi} is not in database {db}"), versi=versi_id, db=self.name)
            # a tree is some 20,000 objects: collecting garbage half-way only costs time
            enabled = gc.isenabled()
            gc.disable()
            try:
                return read_tree(self.alias, row)
            finally:
                if enabled:
                    gc.enable()

    def satker_kode(self, kode: str) -> SatkerKode:
        """What a scope looks at of the stored satker ``kode`` (its K/L, unit, provinsi as
        last seen). Raises InputError when no version of it is stored."""
        from anggaran.store.models import Satker

        with self.errors():
            row = (
                Satker.objects.using(self.alias)
                .filter(kode=kode)
                .values_list("kode", "kementerian_kode", "unit_kode", "provinsi_kode")
                .first()
            )
        if row is None:
            raise InputError(N_("satker {satker} has no version in database {db}"), satker=kode, db=self.name)
        return SatkerKode(*row)

    def findings(self, versi_id: int) -> list[Finding]:
        """The findings version ``versi_id``'s import gave (the reader's with their page and
        line, and the rules'), in order."""
        from anggaran.store.pohon import read_findings

        with self.errors():
            return read_findings(self.alias, versi_id)

    def finding_counts(self, ids: list[int] | tuple[int, ...]) -> dict[int, dict[Severity, int]]:
        """version id -> its findings counted by severity (as its import gave them)."""
        from django.db.models import Count

        from anggaran.store.models import Temuan

        out: dict[int, dict[Severity, int]] = {i: dict.fromkeys(Severity, 0) for i in ids}
        with self.errors():
            rows = (
                Temuan.objects.using(self.alias)
                .filter(versi_id__in=list(ids))
                .values("versi_id", "severity")
                .annotate(n=Count("id"))
            )
            for r in rows:
                out[r["versi_id"]][Severity(r["severity"])] = r["n"]
        return out

    # -- writing -------------------------------------------------------------------------

    def save(
        self,
        berkas: NewBerkas,
        versions: list[NewVersi],
        oleh: str,
        pada: dt.datetime,
        catatan: str = "",
        progress: Callable[[int, int], None] | None = None,
        alamat: str = "",
    ) -> BerkasInfo:
        """Store a file and the versions it gave in one transaction, which ends by sealing
        them (see :mod:`anggaran.store.models`) and adding the import to the audit log:
        either all are stored, audited, or nothing is. ``oleh`` is who stores, ``pada``
        when (timezone-aware), ``catatan`` the file's note (each version has its own),
        ``alamat`` the address it came from (the web's); ``progress`` is called with
        (versions written, all) after each version. Raises :class:`AlreadyImported` when
        the file is stored already (same SHA-256), InputError when a tree cannot be held."""
        from django.db import IntegrityError, transaction

        from anggaran.store.models import Audit, Berkas, Versi
        from anggaran.store.pohon import versi_fields, write_findings, write_tree

        with self.errors(berkas.nama):
            try:
                with transaction.atomic(using=self.alias):
                    b = Berkas(
                        nama=berkas.nama,
                        sha256=berkas.sha256,
                        ukuran=berkas.ukuran,
                        format=berkas.format,
                        diimpor_oleh=oleh,
                        diimpor_pada=pada,
                        catatan=catatan,
                    )
                    b.save(using=self.alias)
                    satker = self._satker({v.tree.satker.kode: v.tree for v in versions})
                    ids = []
                    for i, v in enumerate(versions, 1):
                        row = Versi(
                            satker_id=satker[v.tree.satker.kode],
                            tahap=v.tahap,
                            revisi_ke=v.revisi_ke,
                            berkas=b,
                            disimpan_oleh=oleh,
                            disimpan_pada=pada,
                            catatan=v.catatan,
                            fingerprint=v.fingerprint,
                            **versi_fields(v.tree),
                        )
                        row.save(using=self.alias)
                        write_tree(self.alias, row, v.tree)
                        write_findings(self.alias, row, list(v.temuan))
                        ids.append(row.id)
                        if progress is not None:
                            progress(i, len(versions))
                    Versi.objects.using(self.alias).filter(berkas=b).update(tersegel=True)
                    Berkas.objects.using(self.alias).filter(id=b.id).update(tersegel=True)
                    Audit.objects.using(self.alias).create(
                        pada=pada,
                        oleh=oleh,
                        aksi="impor",
                        objek=berkas.nama,
                        lama=None,
                        baru={"berkas": b.id, "sha256": berkas.sha256, "versi": ids},
                        alamat=alamat,
                    )
            except IntegrityError:
                earlier = self.find_file(berkas.sha256)
                if earlier is not None:
                    raise AlreadyImported(earlier) from None
                raise
        return BerkasInfo(b.id, b.nama, b.sha256, b.ukuran, b.format, oleh, pada, catatan, tuple(ids))

    def _satker(self, trees: dict[str, RkaSatker]) -> dict[str, int]:
        """satker code -> id of its Satker row, created, or brought up to date with the
        header each tree prints. Safe against another import adding the same satker at
        the same time (the row is inserted or left as the other made it, then updated)."""
        from anggaran.store.models import Satker
        from anggaran.store.pohon import header_fields

        fields = {kode: {"nama": t.satker.nama, **header_fields(t)} for kode, t in trees.items()}
        rows = Satker.objects.using(self.alias)
        rows.bulk_create([Satker(kode=k, **f) for k, f in fields.items()], ignore_conflicts=True)
        ids = {}
        for row in rows.filter(kode__in=list(fields)):
            ids[row.kode] = row.id
            if any(getattr(row, k) != v for k, v in fields[row.kode].items()):
                rows.filter(id=row.id).update(**fields[row.kode])
        return ids


def _must_exist(settings: dict[str, Any], expected: str) -> None:
    """Raise InputError when the connection ``settings`` name an SQLite file that does not
    exist yet (``expected`` says what makes one)."""
    if settings["ENGINE"].endswith("sqlite3") and not Path(settings["NAME"]).exists():
        raise InputError(N_("no database yet: {nama}"), expected=expected, nama=str(settings["NAME"]))


#: a version reference: ``v12``, ``#12``, ``12`` or a satker code ``015116``
_REF = re.compile(r"^([v#]?)([0-9]+)$", re.IGNORECASE)
#: the key of the PostgreSQL advisory lock held while migrating
_MIGRATION_LOCK = 7_263_724_426
