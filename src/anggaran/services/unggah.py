"""Imports from the web: a file uploaded into its own temporary folder is imported as
``anggaran db import`` imports it (all or nothing, each version with its findings), by the
user who uploaded it and only for satkers they may import; the web runs it in the
background and shows how far it got, the API waits for it. The upload is removed when the
import ends, whatever came of it. Every import is in the audit log."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from anggaran.core.errors import InputError, MessageError, OutOfScope
from anggaran.core.findings import N_
from anggaran.formats import batas
from anggaran.services.akses import Pengguna
from anggaran.services.versi import ImportResult, import_file, parse_tahap
from anggaran.store import Store, tim
from anggaran.store.tim import ImporInfo

#: the largest upload taken (the real ADK archives are 0.4-1.6 MB zipped)
MAX_UNGGAH = 64 * batas.MIB

_running: dict[int, threading.Thread] = {}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def folder_unggah() -> Path:
    """A new temporary folder for one upload (the upload never leaves it)."""
    return Path(tempfile.mkdtemp(prefix="anggaran-unggah-"))


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
        )
    except OutOfScope:
        tim.catat(
            store, now(), user.username, "impor_ditolak", nama, None, {"sebab": "di luar lingkup"}, alamat
        )
        raise
    if result.baru and result.berkas is not None:
        tim.catat(
            store,
            now(),
            user.username,
            "impor",
            nama,
            None,
            {"berkas": result.berkas.id, "sha256": result.berkas.sha256, "versi": list(result.berkas.versi)},
            alamat,
        )
    return result


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
        shutil.rmtree(path.parent, ignore_errors=True)
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
        tim.ubah_impor(
            store,
            job,
            status="gagal",
            langkah="galat",
            hasil={"galat": error_dict(exc)},
            berakhir_pada=_now(),
        )
    except Exception as exc:  # noqa: BLE001 - the job must end, and say why, whatever happens
        tim.ubah_impor(store, job, status="gagal", langkah="galat", galat=repr(exc), berakhir_pada=_now())
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)
        store.close()
        _running.pop(job, None)


def tunggu(job: int, timeout: float = 120) -> None:
    """Wait for a background import to end (for tests and benchmarks)."""
    thread = _running.get(job)
    if thread is not None:
        thread.join(timeout)


def status(store: Store, user: Pengguna, job: int) -> ImporInfo:
    """An import job of the user's (an administrator sees every one); OutOfScope for
    another's."""
    info = tim.impor(store, job)
    if info is None or (info.user_id != user.id and not user.is_admin):
        raise OutOfScope(str(job))
    return info
