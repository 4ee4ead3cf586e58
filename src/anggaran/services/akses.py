"""Who may do what on which satker: users with roles on scopes, the one place the faces
(web, API, CLI) ask. A satker outside a user's scope does not exist for that user: reads
raise :class:`~anggaran.core.errors.OutOfScope` (the web answers 404), and lists leave it
out. Every write is in the audit log (who, when, what, old -> new).

Roles (DOMAIN.md "Who does what"): ``operator`` keys and imports its satkers' plans,
``kpa`` approves, ``reviewer`` reads, comments, sets ceilings and returns drafts,
``kanwil`` (Kanwil DJPb) and ``dja`` ratify the revisions in their authority, ``admin``
manages users, roles, ceilings and the audit log over every satker (but approves nothing:
approving is a KPA's, ratifying a Kanwil DJPb's or the DJA's). Each is granted on a
scope: a satker, a unit eselon I, a K/L or a province (a Kanwil DJPb), or every satker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from anggaran.core.errors import AnggaranError, InputError, OutOfScope
from anggaran.core.findings import N_
from anggaran.core.lingkup import JenisLingkup, Lingkup, SatkerKode, parse_lingkup
from anggaran.store import Store, tim
from anggaran.store.tim import PERAN as PERAN  # the roles, for the faces
from anggaran.store.tim import HakInfo, PenggunaInfo

#: which roles allow which action
AKSI: dict[str, frozenset[str]] = {
    "lihat": frozenset(PERAN),
    "komentar": frozenset(PERAN),
    "impor": frozenset({"operator", "admin"}),
    "kelola": frozenset({"admin"}),
    "ubah": frozenset({"operator"}),  # start and edit drafts, submit them
    "setujui": frozenset({"kpa"}),
    "sahkan_KANWIL_DJPB": frozenset({"kanwil"}),
    "sahkan_DJA": frozenset({"dja"}),
    "kembalikan": frozenset({"kpa", "reviewer", "kanwil", "dja"}),
    "pagu": frozenset({"reviewer", "admin"}),
    "tinjau": frozenset({"reviewer"}),  # review: return a draft
}


class Forbidden(AnggaranError):
    """The user's roles do not allow the action at all (the web and the API answer 403);
    a satker outside the user's scope is :class:`OutOfScope` instead (404)."""


@dataclass(frozen=True)
class Pengguna:
    """A user as the faces see them: id, login name, full name, roles on scopes."""

    id: int
    username: str
    nama: str
    hak: tuple[HakInfo, ...] = ()
    nip: str = ""

    @classmethod
    def of(cls, info: PenggunaInfo) -> Pengguna:
        return cls(info.id, info.username, info.nama, info.hak, info.nip)

    @property
    def is_admin(self) -> bool:
        return any(h.peran == "admin" for h in self.hak)

    def peran(self) -> list[str]:
        """The roles the user holds (on any scope), in the order of :data:`PERAN`."""
        held = {h.peran for h in self.hak}
        return [p for p in PERAN if p in held]

    def lingkup(self, aksi: str = "lihat") -> list[Lingkup] | None:
        """The scopes on which the user may do ``aksi``; None for every satker (an
        administrator)."""
        if self.is_admin and "admin" in AKSI[aksi]:
            return None
        return [h.lingkup for h in self.hak if h.peran in AKSI[aksi]]

    def boleh(self, aksi: str, satker: SatkerKode) -> bool:
        """Whether the user may do ``aksi`` on ``satker``."""
        scopes = self.lingkup(aksi)
        return scopes is None or any(s.covers(satker) for s in scopes)

    def bisa(self, aksi: str) -> bool:
        """Whether the user may do ``aksi`` on some satker."""
        scopes = self.lingkup(aksi)
        return scopes is None or bool(scopes)

    def wajib(self, aksi: str) -> None:
        """Raise Forbidden unless the user may do ``aksi`` on some satker."""
        if not self.bisa(aksi):
            raise Forbidden(aksi)


def pengguna(store: Store, user_id: int) -> Pengguna | None:
    """The active user with that id, or None."""
    info = tim.pengguna(store, user_id=user_id)
    return None if info is None or not info.aktif else Pengguna.of(info)


def dari_token(store: Store, key: str, pada: dt.datetime) -> Pengguna | None:
    """The user whose API token ``key`` is, or None."""
    info = tim.cek_token(store, key, pada)
    return None if info is None else Pengguna.of(info)


def satker_kode(store: Store, kode: str) -> SatkerKode:
    """What a scope looks at of a stored satker; OutOfScope when none is stored (it does
    not exist for anyone)."""
    try:
        return store.satker_kode(kode)
    except InputError:
        raise OutOfScope(kode) from None


def wajib_satker(store: Store, user: Pengguna, kode: str, aksi: str = "lihat") -> SatkerKode:
    """The satker ``kode`` when the user may do ``aksi`` on it; OutOfScope otherwise
    (unknown and unseen are the same to the user)."""
    s = satker_kode(store, kode)
    if not user.boleh(aksi, s):
        raise OutOfScope(kode)
    return s


def wajib_versi(store: Store, user: Pengguna, versi_id: int, aksi: str = "lihat") -> Any:
    """The version ``versi_id`` (its :class:`~anggaran.store.VersiInfo`) when the user may
    do ``aksi`` on its satker; OutOfScope otherwise."""
    found = store.versions(ids=[versi_id])
    if not found:
        raise OutOfScope(str(versi_id))
    wajib_satker(store, user, found[0].satker, aksi)
    return found[0]


# -- managing users (administrators) ------------------------------------------------------


def wajib_admin(user: Pengguna) -> None:
    """Raise Forbidden unless ``user`` is an administrator."""
    if not user.is_admin:
        raise Forbidden("kelola")


def daftar_pengguna(store: Store, user: Pengguna) -> list[PenggunaInfo]:
    """Every user with their roles, for an administrator (Forbidden for anyone else)."""
    wajib_admin(user)
    return tim.daftar_pengguna(store)


def daftar_pengguna_semua(store: Store) -> list[PenggunaInfo]:
    """Every user with their roles (the command line, whose user holds the database)."""
    return tim.daftar_pengguna(store)


def daftar_audit(
    store: Store,
    user: Pengguna,
    offset: int = 0,
    limit: int = 100,
    aksi: str | None = None,
    oleh: str | None = None,
) -> tuple[list[tim.AuditInfo], int]:
    """A page of the audit log, newest first, and how many rows match; for an
    administrator (Forbidden for anyone else)."""
    wajib_admin(user)
    return tim.daftar_audit(store, offset, limit, aksi, oleh)


def catat_masuk(store: Store, aksi: str, username: str, alamat: str = "", now: Clock | None = None) -> None:
    """A login (``masuk``), logout (``keluar``) or failed login (``masuk_gagal``) in the
    audit log."""
    tim.catat(store, (now or _now)(), username, aksi, username, None, None, alamat)


Clock = Callable[[], dt.datetime]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def tambah_pengguna(
    store: Store,
    oleh: str,
    username: str,
    password: str,
    nama: str = "",
    alamat: str = "",
    now: Clock = _now,
    nip: str = "",
) -> PenggunaInfo:
    """Add a user (audited), with the NIP they sign with. Raises InputError for a taken or
    malformed name or NIP."""
    if nip:
        tim.cek_nip(nip)
    info = tim.buat_pengguna(store, username, password, nama)
    tim.catat(store, now(), oleh, "pengguna_tambah", username, None, {"nama": nama, "nip": nip}, alamat)
    if nip:
        tim.set_nip(store, username, nip)
    return info


def set_nip(store: Store, oleh: str, username: str, nip: str, alamat: str = "", now: Clock = _now) -> None:
    """Set the NIP a user signs with (audited)."""
    tim.set_nip(store, username, nip)
    tim.catat(store, now(), oleh, "pengguna_nip", username, None, {"nip": nip}, alamat)


def ganti_sandi(
    store: Store, oleh: str, username: str, password: str, alamat: str = "", now: Clock = _now
) -> None:
    """Set a user's password (audited, the password itself never)."""
    tim.ubah_sandi(store, username, password)
    tim.catat(store, now(), oleh, "sandi_ganti", username, None, None, alamat)


def beri(
    store: Store, oleh: str, username: str, peran: str, lingkup: str, alamat: str = "", now: Clock = _now
) -> bool:
    """Grant a role on a scope (``satker:109141``, ``unit:015.08``, ``kl:013``,
    ``provinsi:16``, ``semua``; an administrator's is every satker). Audited, with the
    user's roles before and after. Raises InputError for an unknown user, role or scope."""
    scope = _scope(peran, lingkup)
    before = _roles(store, username)
    made = tim.beri_hak(store, username, peran, scope, oleh, now())
    if made:
        tim.catat(store, now(), oleh, "hak_beri", username, before, _roles(store, username), alamat)
    return made


def cabut(
    store: Store, oleh: str, username: str, peran: str, lingkup: str, alamat: str = "", now: Clock = _now
) -> bool:
    """Revoke a role on a scope (audited). False when the user did not hold it. The last
    active administrator's role is refused (InputError): someone must manage users."""
    scope = _scope(peran, lingkup)
    before = _roles(store, username)
    gone = tim.cabut_hak(store, username, peran, scope)
    if gone:
        tim.catat(store, now(), oleh, "hak_cabut", username, before, _roles(store, username), alamat)
    return gone


def token(store: Store, oleh: str, username: str, alamat: str = "", now: Clock = _now) -> str:
    """A new API token for the user, shown once (audited by its first characters)."""
    key = tim.buat_token(store, username, now())
    tim.catat(store, now(), oleh, "token_buat", username, None, {"awalan": key[:10]}, alamat)
    return key


def _scope(peran: str, text: str) -> Lingkup:
    if peran not in PERAN:
        raise InputError(N_("unknown role {peran!r}"), expected=", ".join(PERAN), peran=peran)
    if peran == "admin":
        return Lingkup(JenisLingkup.SEMUA)
    try:
        scope = parse_lingkup(text)
    except ValueError:
        raise InputError(
            N_("{lingkup!r} is not a scope"),
            expected=N_("satker:109141, unit:015.08, kl:013, provinsi:16 or semua"),
            lingkup=text,
        ) from None
    return scope


def _roles(store: Store, username: str) -> list[str]:
    info = tim.pengguna(store, username=username)
    if info is None:
        raise InputError(N_("no user {username}"), username=username)
    return [f"{h.peran} {h.lingkup}" for h in info.hak]
