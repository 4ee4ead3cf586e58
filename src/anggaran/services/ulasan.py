"""Comments on the rows of versions: anyone who may see a satker may comment on a row of
its versions and mark a comment resolved (or open again); every write is in the audit
log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from anggaran.core.errors import InputError, OutOfScope
from anggaran.core.findings import N_
from anggaran.services.akses import Pengguna, wajib_satker, wajib_versi
from anggaran.store import Store, tim
from anggaran.store.tim import KomentarInfo

#: the longest comment kept
MAX_TEKS = 4000


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def tambah(
    store: Store,
    user: Pengguna,
    versi_id: int,
    path: str,
    teks: str,
    alamat: str = "",
    now: Callable[[], dt.datetime] = _now,
) -> KomentarInfo:
    """A comment on the row ``path`` of version ``versi_id`` (audited). Raises OutOfScope
    when the version is not the user's to see, InputError for an empty or too long text."""
    wajib_versi(store, user, versi_id, "komentar")
    teks = teks.strip()
    if not teks:
        raise InputError(N_("a comment needs a text"))
    if len(teks) > MAX_TEKS:
        raise InputError(N_("a comment of at most {n} characters"), n=MAX_TEKS)
    made = tim.tambah_komentar(store, versi_id, path.strip(), teks, user.id, now())
    tim.catat(
        store,
        now(),
        user.username,
        "komentar_tambah",
        f"versi {versi_id} {path}".strip(),
        None,
        {"teks": teks},
        alamat,
    )
    return made


def tambah_konsep(
    store: Store,
    user: Pengguna,
    konsep_id: int,
    path: str,
    teks: str,
    alamat: str = "",
    now: Callable[[], dt.datetime] = _now,
) -> KomentarInfo:
    """A comment on the row ``path`` of draft ``konsep_id`` (audited): a reviewer's to the
    operator, who sees it on the row. OutOfScope when the draft is not the user's to see."""
    from anggaran.store import konsep as db

    found = db.konsep(store, konsep_id)
    if found is None or not user.boleh("komentar", found.tempat):
        raise OutOfScope(str(konsep_id))
    teks = teks.strip()
    if not teks:
        raise InputError(N_("a comment needs a text"))
    if len(teks) > MAX_TEKS:
        raise InputError(N_("a comment of at most {n} characters"), n=MAX_TEKS)
    made = tim.tambah_komentar(store, None, path.strip(), teks, user.id, now(), konsep_id=konsep_id)
    tim.catat(
        store,
        now(),
        user.username,
        "komentar_tambah",
        f"konsep {konsep_id} {path}".strip(),
        None,
        {"teks": teks},
        alamat,
    )
    return made


def komentar_konsep(store: Store, konsep_id: int) -> dict[str, list[KomentarInfo]]:
    """A draft's comments by row path (the caller has checked the draft is in scope)."""
    out: dict[str, list[KomentarInfo]] = {}
    for k in tim.komentar_konsep(store, konsep_id):
        out.setdefault(k.path, []).append(k)
    return out


def selesai(
    store: Store,
    user: Pengguna,
    komentar_id: int,
    selesai: bool = True,
    alamat: str = "",
    now: Callable[[], dt.datetime] = _now,
) -> KomentarInfo:
    """Mark a comment resolved (or, with ``selesai`` False, open again); audited."""
    found = tim.komentar(store, komentar_id)
    if found is None:
        raise OutOfScope(str(komentar_id))
    wajib_satker(store, user, found.satker, "komentar")
    tim.selesaikan_komentar(store, komentar_id, user.id, now(), selesai)
    tim.catat(
        store,
        now(),
        user.username,
        "komentar_selesai" if selesai else "komentar_buka",
        f"komentar {komentar_id}",
        {"selesai": found.selesai},
        {"selesai": selesai},
        alamat,
    )
    after = tim.komentar(store, komentar_id)
    assert after is not None
    return after
