"""Imports from the web: a file uploaded into its own temporary folder is imported as
``anggaran db import`` imports it (all or nothing, each version with its findings), by the
user who uploaded it and only for satkers they may import; the web runs it in the
background and shows how far it got, the API waits for it. The upload is removed when the
import ends, whatever came of it. Every import is in the audit log."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from anggaran.core.errors import InputError, MessageError, OutOfScope, StoreError
from anggaran.core.findings import N_
from anggaran.formats import batas
from anggaran.services.akses import Pengguna
from anggaran.services.versi import ImportResult, import_file, parse_tahap
from anggaran.store import Store, tim
from anggaran.store.tim import ImporInfo

#: the largest upload taken (the real ADK archives are 0.4-1.6 MB zipped)
MAX_UNGGAH = 64 * batas.MIB

_running: dict[int, threading.Thread] = {}

#: an import still running after this long was cut off (its worker restarted): the
#: largest archive takes seconds
TERPUTUS = dt.timedelta(hours=1)


log = logging.getLogger(__name__)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def folder_unggah() -> Path:
    """A new temporary folder for one upload (the upload never leaves it)."""
    return Path(tempfile.mkdtemp(prefix="anggaran-unggah-"))


def simpan(chunks: Iterable[bytes], nama: str) -> Path:
    """Write an upload (its ``chunks``) into a new private temporary folder, under a fixed
    name that keeps only a plain extension of ``nama`` (the name its user gave is kept as
    text only); the path. Nothing is left behind when writing fails (InputError)."""
    folder = folder_unggah()
    suffix = "".join(c for c in Path(nama or "").suffix[:10] if c.isalnum() or c == ".")
    path = folder / f"unggahan{suffix}"
    try:
        with path.open("wb") as out:
            for chunk in chunks:
                out.write(chunk)
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise InputError(N_("the upload cannot be kept: {sebab}"), sebab=exc.strerror or str(exc)) from None
    return path


def buang(path: Path) -> None:
    """Remove an upload's temporary folder (one :func:`folder_unggah` made, nothing else)."""
    if path.parent.name.startswith("anggaran-unggah-"):
        shutil.rmtree(path.parent, ignore_errors=True)


def _tahap(text: str) -> tuple[str, int | None] | None:
    if not text.strip():
        return None
    try:
        return parse_tahap(text)
    except ValueError:
        raise InputError(
            N_("unknown stage {tahap!r}"),
            expected=N_("pagu-indikatif, pagu-anggaran, alokasi-anggaran, dipa, revisi-N"),
            tahap=text,
        ) from None


def error_dict(exc: MessageError) -> dict[str, Any]:
    """An error as data, so a page shows it in its reader's language."""
    return {
        "template": exc.template,
        "expected": exc.expected,
        "params": {
            k: v if isinstance(v, str | int | float | list | type(None)) else str(v)
            for k, v in exc.params.items()
        },
        "file": getattr(exc, "file", None),
        "page": getattr(exc, "page", None),
        "line": getattr(exc, "line", None),
    }


def impor_sekarang(
    store: Store,
    user: Pengguna,
    path: Path,
    nama: str,
    tahap: str = "",
    catatan: str = "",
    semula: bool = False,
    tahap_semula: str = "",
    alamat: str = "",
    progress: Callable[[str, int, int], None] | None = None,
    now: Callable[[], dt.datetime] = _now,
) -> ImportResult:
    """Import the uploaded file ``path`` (named ``nama`` by its user) for ``user``, and
    audit it. Raises Forbidden when the user may import nothing, OutOfScope when the file
    holds a satker they may not import (nothing stored), InputError when it cannot be
    read. ``progress(phase, done, total)`` tells how far it got."""
    user.wajib("impor")
    stage, stage_semula = _tahap(tahap), _tahap(tahap_semula)
    if progress is not None:
        progress("membaca", 0, 0)
    try:
        result = import_file(
            store,
            path,
            tahap=stage,
            catatan=catatan,
            oleh=user.username,
            pada=now(),
            semula=semula,
            tahap_semula=stage_semula,
            progress=None if progress is None else lambda done, total: progress("menyimpan", done, total),
            boleh=lambda s: user.boleh("impor", s),
            nama=nama,
            alamat=alamat,
            boleh_pindah=user.is_admin,
        )
    except OutOfScope:
        tim.catat(
            store, now(), user.username, "impor_ditolak", nama, None, {"sebab": "di luar lingkup"}, alamat
        )
        raise
    except InputError as exc:  # unreadable, or refused: nothing stored, the attempt kept
        tim.catat(store, now(), user.username, "impor_gagal", nama, None, {"galat": exc.plain()}, alamat)
        raise
    if result.read_errors:
        tim.catat(
            store,
            now(),
            user.username,
            "impor_gagal",
            nama,
            None,
            {"baris_tak_terbaca": len(result.read_errors)},
            alamat,
        )
    return result  # a stored import is in the audit log with its versions (Store.save)


def mulai(
    store: Store,
    user: Pengguna,
    path: Path,
    nama: str,
    tahap: str = "",
    catatan: str = "",
    semula: bool = False,
    tahap_semula: str = "",
    alamat: str = "",
    store_factory: Callable[[], Store] | None = None,
) -> int:
    """Start importing an upload in the background; the job's id. Raises Forbidden when
    the user may import nothing (the upload is removed then)."""
    try:
        user.wajib("impor")
        _tahap(tahap), _tahap(tahap_semula)
    except Exception:
        buang(path)
        raise
    job = tim.buat_impor(
        store,
        user.id,
        nama,
        str(path),
        _now(),
        tahap=tahap,
        semula=semula,
        tahap_semula=tahap_semula,
        catatan=catatan,
    )
    thread = threading.Thread(
        target=_run, args=(store_factory or (lambda: Store.default()), user, job, alamat), daemon=True
    )
    _running[job] = thread
    thread.start()
    return job


def _run(store_factory: Callable[[], Store], user: Pengguna, job: int, alamat: str) -> None:
    store = store_factory()
    info = tim.impor(store, job)
    assert info is not None
    path = Path(info.jalur)
    tim.ubah_impor(store, job, status="berjalan")

    def progress(phase: str, done: int, total: int) -> None:
        tim.ubah_impor(store, job, langkah=phase, selesai=done, jumlah=total)

    try:
        result = impor_sekarang(
            store,
            user,
            path,
            info.nama,
            info.tahap,
            info.catatan,
            info.semula,
            info.tahap_semula,
            alamat,
            progress,
        )
        ok = result.berkas is not None
        tim.ubah_impor(
            store,
            job,
            status="selesai" if ok else "gagal",
            langkah="selesai",
            hasil=result.to_dict(),
            berakhir_pada=_now(),
        )
    except OutOfScope:
        tim.ubah_impor(store, job, status="gagal", langkah="di_luar_lingkup", berakhir_pada=_now())
    except MessageError as exc:
        if isinstance(exc, StoreError):  # names the database: for the server's log only
            log.error("import job %s: %s", job, exc)
            exc = InputError(N_("the database refused the import"))
        tim.ubah_impor(
            store,
            job,
            status="gagal",
            langkah="galat",
            hasil={"galat": error_dict(exc)},
            berakhir_pada=_now(),
        )
    except Exception:  # noqa: BLE001 - the job must end, and say why, whatever happens
        log.exception("import job %s failed", job)  # the details for the operator of the server
        tim.ubah_impor(store, job, status="gagal", langkah="galat", galat="internal", berakhir_pada=_now())
    finally:
        buang(path)
        store.close()
        _running.pop(job, None)


def tunggu(job: int, timeout: float = 120) -> None:
    """Wait for a background import to end (for tests and benchmarks)."""
    thread = _running.get(job)
    if thread is not None:
        thread.join(timeout)


def status(store: Store, user: Pengguna, job: int) -> ImporInfo:
    """An import job of the user's (an administrator sees every one); OutOfScope for
    another's, and for one whose versions hold a satker no longer in the user's scope."""
    info = tim.impor(store, job)
    if info is None or (info.user_id != user.id and not user.is_admin):
        raise OutOfScope(str(job))
    if info.status in ("menunggu", "berjalan") and _now() - info.dibuat_pada > TERPUTUS:
        # its worker stopped (a restart) before it ended: it never will
        tim.ubah_impor(store, job, status="gagal", langkah="terputus", berakhir_pada=_now())
        buang(Path(info.jalur))
        info = tim.impor(store, job) or info
    for kode in {str(v.get("satker", "")) for v in (info.hasil or {}).get("versi", [])}:
        try:
            place = store.satker_kode(kode)
        except InputError:
            raise OutOfScope(str(job)) from None
        if not user.boleh("lihat", place):
            raise OutOfScope(str(job))
    return info
