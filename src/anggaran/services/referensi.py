"""Reference tables as data users load: a code table (CSV or XLSX, told by its header) into
the store with its source and date, and the names every output uses: the shipped tables
with the store's rows laid over them (:func:`aktifkan` installs them in this process, for
the readers, rules and reports, which never read the store themselves); and the codes of
an input no reference names, as a table to fill in and load back (:func:`hilang`).

Loading is an administrator's act on the web (``/referensi/``); the CLI
(``anggaran referensi import``) is for whoever holds the database, as ``anggaran user``.
Every load is in the audit log (``referensi_impor``: the file, its SHA-256, the rows new
and changed, the names replaced).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from anggaran.core.errors import InputError, MessageError
from anggaran.core.findings import N_
from anggaran.formats.referensi import MAX_REFERENSI, csv_referensi, read_referensi
from anggaran.reference import JENIS, pakai
from anggaran.rules.nama import tanpa_nama
from anggaran.services.akses import Pengguna, wajib_admin
from anggaran.services.masukan import Input, read_bytes
from anggaran.store import Store as Store  # the faces open the store through the services
from anggaran.store.referensi import (
    HasilMuat,
    SumberDimuat,
    muat_referensi,
    referensi_dimuat,
    sumber_dimuat,
    tanda_referensi,
)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class HasilImpor:
    """A code table loaded: the file as named, its SHA-256, the rows read per table, the
    rows left out for want of a name, and what the store made of them."""

    berkas: str
    sha256: str
    dibaca: dict[str, int]
    tanpa_nama: int
    hasil: HasilMuat
    lembar: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "berkas": self.berkas,
            "sha256": self.sha256,
            "lembar": self.lembar,
            "dibaca": self.dibaca,
            "tanpa_nama": self.tanpa_nama,
            "baru": self.hasil.baru,
            "diubah": self.hasil.diubah,
            "sama": self.hasil.sama,
            "nama_lama": self.hasil.lama,
        }


def impor_bytes(
    store: Store, data: bytes, nama: str, oleh: str, pada: dt.datetime | None = None, alamat: str = ""
) -> HasilImpor:
    """Load the code table ``data`` (the bytes of the file ``nama``) into ``store``, all or
    nothing, audited as done by ``oleh`` (from ``alamat``); the names are in use in this
    process at once. Raises InputError for a file that cannot be read (see
    :func:`anggaran.formats.referensi.read_referensi`) or names no code."""
    tabel = read_referensi(data, nama)
    if not tabel.baris:
        raise InputError(
            N_("no code in it has a name ({n} rows without one): nothing was loaded"),
            file=nama,
            expected=N_("the nama column filled in"),
            n=tabel.tanpa_nama,
        )
    sha = hashlib.sha256(data).hexdigest()
    hasil = muat_referensi(store, tabel.baris, nama, sha, oleh, pada or _now(), alamat)
    aktifkan(store)
    return HasilImpor(nama, sha, tabel.per_jenis(), tabel.tanpa_nama, hasil, tabel.lembar)


def impor(store: Store, path: Path, oleh: str, pada: dt.datetime | None = None) -> HasilImpor:
    """:func:`impor_bytes` of the file at ``path``."""
    return impor_bytes(store, read_bytes(path, MAX_REFERENSI), str(path), oleh, pada)


def impor_web(store: Store, user: Pengguna, data: bytes, nama: str, alamat: str = "") -> HasilImpor:
    """:func:`impor_bytes` of an upload, by an administrator (Forbidden for anyone else)."""
    wajib_admin(user)
    return impor_bytes(store, data, nama, user.username, alamat=alamat)


def daftar(store: Store, user: Pengguna) -> list[SumberDimuat]:
    """:func:`sumber`, for an administrator (Forbidden for anyone else)."""
    wajib_admin(user)
    return sumber(store)


def sumber(store: Store) -> list[SumberDimuat]:
    """The files whose names the store holds (the latest first), with how many codes of
    each table carry their names."""
    return sumber_dimuat(store)


# -- the names in use --------------------------------------------------------------------

_lock = threading.Lock()
#: the store and the state of its loaded rows whose names are in use
_dipakai: tuple[str, object] | None = None


def aktifkan(store: Store) -> None:
    """Use the shipped tables with ``store``'s loaded rows laid over them in this process
    (the readers, rules and reports read them from :func:`anggaran.reference.referensi`).
    One small query when nothing changed since the last call. Raises InputError
    (StoreError) when the database cannot be read."""
    global _dipakai
    tanda = tanda_referensi(store)
    key = (store.url, tanda)
    if _dipakai == key:
        return
    with _lock:
        rows = referensi_dimuat(store) if tanda[0] else []
        pakai(rows)
        _dipakai = key


def lepas() -> None:
    """Back to the shipped tables alone (tests; a process done with a store)."""
    global _dipakai
    with _lock:
        pakai(())
        _dipakai = None


def _ada_dimuat(path: Path) -> bool:
    """Whether the SQLite file holds a loaded code table, asked of the file directly (4 ms)
    so that a command that reads a file does not start the store (0.3 s) for nothing;
    True when the file cannot be asked (the store then says what is wrong)."""
    import sqlite3

    try:
        with closing(sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)) as db:
            found = db.execute(
                "select name from sqlite_master where type = 'table' and name = 'anggaran_referensidimuat'"
            ).fetchone()
            if not found:
                return False
            return bool(db.execute("select exists(select 1 from anggaran_referensidimuat)").fetchone()[0])
    except sqlite3.Error:
        return True


def aktifkan_default(url: str | None = None) -> str | None:
    """For the commands that read a file: the names loaded into the store in use
    (``url``, else ``$DATABASE_URL``, else the default SQLite file), when there is one; a
    database that does not exist yet is no store to read (nothing said). Returns what went
    wrong when the store cannot be read (the outputs then use the shipped tables alone),
    else None."""
    from urllib.parse import unquote

    from anggaran import i18n
    from anggaran.store.config import resolve_url

    resolved = resolve_url(url)
    if resolved.startswith("sqlite:///"):
        path = Path(unquote(resolved[len("sqlite:///") :]))
        if not path.exists() or path.stat().st_size == 0 or not _ada_dimuat(path):
            lepas()  # no database (yet), or none of its names loaded: the shipped tables
            return None
    try:
        aktifkan(Store(resolved, create=False))
    except MessageError as exc:
        lepas()
        return i18n.error_text(exc)
    return None


# -- what no reference names --------------------------------------------------------------


@dataclass(frozen=True)
class KodeHilang:
    """A code an input prints without a name: its table, the code, how many places print
    it, and the first (``527010 015.08.CD/6212``)."""

    jenis: str
    kode: str
    tempat: int
    contoh: str

    def to_dict(self) -> dict[str, Any]:
        return {"jenis": self.jenis, "kode": self.kode, "tempat": self.tempat, "contoh": self.contoh}


def hilang(inp: Input) -> list[KodeHilang]:
    """Every code of ``inp`` (each satker's tree, and the trees before a revision) that
    neither the input nor a reference in use names, by table (in the order of
    :data:`anggaran.reference.JENIS`) and code."""
    found: dict[tuple[str, str], KodeHilang] = {}
    trees = [c.tree for c in inp.satker] + list(inp.semula or [])
    for tree in trees:
        for (jenis, kode), places in tanpa_nama(tree).items():
            old = found.get((jenis, kode))
            first = f"{tree.satker.kode} {places[0].path}".strip()
            found[(jenis, kode)] = KodeHilang(
                jenis, kode, len(places) + (old.tempat if old else 0), old.contoh if old else first
            )
    order = {j: i for i, j in enumerate(JENIS)}
    return sorted(found.values(), key=lambda k: (order[k.jenis], k.kode))


def hilang_csv(codes: list[KodeHilang]) -> str:
    """``codes`` as the CSV ``jenis,kode,nama,contoh`` (``nama`` empty, to be filled in;
    ``anggaran referensi import`` reads it back)."""
    return csv_referensi([(k.jenis, k.kode, "", k.contoh) for k in codes])
