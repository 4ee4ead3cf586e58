"""The team in the store: accounts (Django's users), the roles granted to them on scopes,
API tokens (only their SHA-256 kept), the audit log (rows only added), comments on the rows
of versions, and imports started from the web. Functions take a :class:`Store` and give
plain values, never model instances."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from anggaran.core.errors import InputError
from anggaran.core.findings import N_
from anggaran.core.lingkup import JenisLingkup, Lingkup

if TYPE_CHECKING:
    from anggaran.store import Store

#: the roles a user can hold
PERAN = ("operator", "kpa", "reviewer", "kanwil", "dja", "admin")
_USERNAME = re.compile(r"[A-Za-z0-9_.@+-]{1,150}")


@dataclass(frozen=True)
class HakInfo:
    """A role on a scope."""

    peran: str
    lingkup: Lingkup
    diberikan_oleh: str = ""
    diberikan_pada: dt.datetime | None = None


@dataclass(frozen=True)
class PenggunaInfo:
    """A user: id, login name, full name, whether the account is active, when they last
    logged in, and their roles."""

    id: int
    username: str
    nama: str
    aktif: bool
    terakhir_masuk: dt.datetime | None
    hak: tuple[HakInfo, ...] = ()
    nip: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "username": self.username,
            "nama": self.nama,
            "aktif": self.aktif,
            "hak": [{"peran": h.peran, "lingkup": h.lingkup.teks} for h in self.hak],
        }


@dataclass(frozen=True)
class AuditInfo:
    id: int
    pada: dt.datetime
    oleh: str
    aksi: str
    objek: str
    lama: Any
    baru: Any
    alamat: str


@dataclass(frozen=True)
class KomentarInfo:
    """A comment on the row ``path`` of version ``versi`` (of satker ``satker``)."""

    id: int
    versi: int | None
    satker: str
    path: str
    teks: str
    oleh: str
    pada: dt.datetime
    selesai: bool
    selesai_oleh: str | None
    selesai_pada: dt.datetime | None
    konsep: int | None = None


@dataclass
class ImporInfo:
    """An import started from the web and how far it got."""

    id: int
    user_id: int
    nama: str
    jalur: str
    tahap: str
    semula: bool
    tahap_semula: str
    catatan: str
    status: str
    langkah: str
    selesai: int
    jumlah: int
    hasil: Any
    galat: str
    dibuat_pada: dt.datetime
    berakhir_pada: dt.datetime | None
    extra: dict[str, Any] = field(default_factory=dict)


def _user_model() -> Any:
    from django.contrib.auth.models import User

    return User


def _pengguna(store: Store, rows: Iterable[Any]) -> list[PenggunaInfo]:
    from anggaran.store.models import Hak, Profil

    rows = list(rows)
    nip = dict(
        Profil.objects.using(store.alias)
        .filter(user_id__in=[u.id for u in rows])
        .values_list("user_id", "nip")
    )
    hak: dict[int, list[HakInfo]] = {}
    for h in Hak.objects.using(store.alias).filter(user_id__in=[u.id for u in rows]).order_by("id"):
        hak.setdefault(h.user_id, []).append(
            HakInfo(h.peran, Lingkup(JenisLingkup(h.lingkup), h.kode), h.diberikan_oleh, h.diberikan_pada)
        )
    return [
        PenggunaInfo(
            u.id,
            u.username,
            u.first_name,
            u.is_active,
            u.last_login,
            tuple(hak.get(u.id, [])),
            nip.get(u.id, ""),
        )
        for u in rows
    ]


def pengguna(store: Store, username: str | None = None, user_id: int | None = None) -> PenggunaInfo | None:
    """The user of that login name (or id), or None."""
    user = _user_model()
    with store.errors():
        q = user.objects.using(store.alias)
        row = q.filter(username=username).first() if username is not None else q.filter(id=user_id).first()
        return None if row is None else _pengguna(store, [row])[0]


def daftar_pengguna(store: Store) -> list[PenggunaInfo]:
    """Every user, by login name."""
    with store.errors():
        return _pengguna(store, _user_model().objects.using(store.alias).order_by("username"))


def buat_pengguna(store: Store, username: str, password: str, nama: str = "") -> PenggunaInfo:
    """A new user. Raises InputError for a login name that is taken or not of letters,
    digits and ``_ . @ + -``, or an empty password."""
    if not _USERNAME.fullmatch(username):
        raise InputError(
            N_("{username!r} is not a login name"),
            expected=N_("letters, digits and _ . @ + - (at most 150)"),
            username=username,
        )
    user = _user_model()
    with store.errors():
        if user.objects.using(store.alias).filter(username=username).exists():
            raise InputError(N_("user {username} exists already"), username=username)
        row = user(username=username, first_name=nama[:150])
        _sandi_layak(password, row)
        row.set_password(password)
        row.save(using=store.alias)
        return _pengguna(store, [row])[0]


def cek_nip(nip: str) -> None:
    """InputError unless ``nip`` is 18 digits."""
    if not (len(nip) == 18 and nip.isascii() and nip.isdigit()):
        raise InputError(N_("{nip!r} is not a NIP"), expected=N_("18 digits"), nip=nip)


def set_nip(store: Store, username: str, nip: str) -> None:
    """Set the NIP a user signs with (18 digits, or empty)."""
    from anggaran.store.models import Profil

    if nip:
        cek_nip(nip)
    with store.errors():
        user = _user_model().objects.using(store.alias).filter(username=username).first()
        if user is None:
            raise InputError(N_("no user {username}"), username=username)
        Profil.objects.using(store.alias).update_or_create(user=user, defaults={"nip": nip})


#: why Django's password validators refuse a password, by their error code
_SANDI_DITOLAK = {
    "password_too_short": N_("the password is shorter than {n} characters"),
    "password_too_common": N_("the password is too common"),
    "password_entirely_numeric": N_("the password is only digits"),
}


def _sandi_layak(password: str, row: Any) -> None:
    """Raise InputError when the settings' password validators refuse ``password`` for
    the user ``row``."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    if not password:
        raise InputError(N_("a password is needed"))
    try:
        validate_password(password, row)
    except ValidationError as exc:
        first = exc.error_list[0]
        code = first.code or ""
        n = (first.params or {}).get("min_length", 10)
        raise InputError(
            _SANDI_DITOLAK.get(code, N_("the password is not accepted")),
            expected=N_("ten characters or more, not a common password, not only digits"),
            n=n,
        ) from None


def ubah_sandi(store: Store, username: str, password: str) -> None:
    """Set a user's password. Raises InputError for an unknown user or empty password."""
    user = _user_model()
    with store.errors():
        row = user.objects.using(store.alias).filter(username=username).first()
        if row is None:
            raise InputError(N_("no user {username}"), username=username)
        _sandi_layak(password, row)
        row.set_password(password)
        row.save(using=store.alias)


def cek_sandi(store: Store, username: str, password: str) -> PenggunaInfo | None:
    """The user when the password is theirs and the account active, else None."""
    user = _user_model()
    with store.errors():
        row = user.objects.using(store.alias).filter(username=username, is_active=True).first()
        if row is None or not row.check_password(password):
            return None
        return _pengguna(store, [row])[0]


def beri_hak(store: Store, username: str, peran: str, lingkup: Lingkup, oleh: str, pada: dt.datetime) -> bool:
    """Grant ``peran`` on ``lingkup`` to the user; False when they held it already.
    Raises InputError for an unknown user or role."""
    from anggaran.store.models import Hak

    if peran not in PERAN:
        raise InputError(N_("unknown role {peran!r}"), expected=", ".join(PERAN), peran=peran)
    user = _user_model()
    with store.errors():
        row = user.objects.using(store.alias).filter(username=username).first()
        if row is None:
            raise InputError(N_("no user {username}"), username=username)
        _, made = Hak.objects.using(store.alias).get_or_create(
            user=row,
            peran=peran,
            lingkup=lingkup.jenis.value,
            kode=lingkup.kode,
            defaults={"diberikan_oleh": oleh, "diberikan_pada": pada},
        )
        return bool(made)


def cabut_hak(store: Store, username: str, peran: str, lingkup: Lingkup) -> bool:
    """Take ``peran`` on ``lingkup`` from the user; False when they did not hold it. The
    last active administrator's ``admin`` role is refused (InputError), also when two
    administrators take each other's at the same moment: the administrators' roles are
    locked while one is taken (PostgreSQL; SQLite writes one transaction at a time)."""
    from django.db import transaction

    from anggaran.store.models import Hak

    rows = Hak.objects.using(store.alias)
    with store.errors(), transaction.atomic(using=store.alias):
        if peran == "admin":
            list(rows.select_for_update().filter(peran="admin").values_list("id", flat=True))
        n, _ = rows.filter(
            user__username=username, peran=peran, lingkup=lingkup.jenis.value, kode=lingkup.kode
        ).delete()
        if n and peran == "admin" and not rows.filter(peran="admin", user__is_active=True).exists():
            raise InputError(  # rolls the deletion back
                N_("{username} is the last administrator: grant another user the role admin first"),
                username=username,
            )
        return bool(n)


def _sha(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def buat_token(store: Store, username: str, pada: dt.datetime) -> str:
    """A new API token for the user; the key is returned once (only its SHA-256 is kept).
    Raises InputError for an unknown user."""
    from anggaran.store.models import Token

    key = "ang_" + secrets.token_urlsafe(32)
    user = _user_model()
    with store.errors():
        row = user.objects.using(store.alias).filter(username=username).first()
        if row is None:
            raise InputError(N_("no user {username}"), username=username)
        Token.objects.using(store.alias).create(user=row, sha256=_sha(key), awalan=key[:10], dibuat_pada=pada)
    return key


def cek_token(store: Store, key: str, pada: dt.datetime) -> PenggunaInfo | None:
    """The active user whose token ``key`` is (noting when it was used), else None."""
    from anggaran.store.models import Token

    with store.errors():
        row = Token.objects.using(store.alias).select_related("user").filter(sha256=_sha(key)).first()
        if row is None or not row.user.is_active:
            return None
        Token.objects.using(store.alias).filter(id=row.id).update(dipakai_pada=pada)
        return _pengguna(store, [row.user])[0]


# -- the audit log -------------------------------------------------------------------------


def catat(
    store: Store,
    pada: dt.datetime,
    oleh: str,
    aksi: str,
    objek: str = "",
    lama: Any = None,
    baru: Any = None,
    alamat: str = "",
) -> None:
    """Add a row to the audit log: who did what, on what, old -> new."""
    from anggaran.store.models import Audit

    with store.errors():
        Audit.objects.using(store.alias).create(
            pada=pada, oleh=oleh, aksi=aksi, objek=objek, lama=lama, baru=baru, alamat=alamat
        )


def daftar_audit(
    store: Store, offset: int = 0, limit: int = 100, aksi: str | None = None, oleh: str | None = None
) -> tuple[list[AuditInfo], int]:
    """The audit log, newest first (a page of it), and how many rows match."""
    from anggaran.store.models import Audit

    with store.errors():
        q = Audit.objects.using(store.alias).all()
        if aksi:
            q = q.filter(aksi=aksi)
        if oleh:
            q = q.filter(oleh=oleh)
        total = q.count()
        rows = [
            AuditInfo(r.id, r.pada, r.oleh, r.aksi, r.objek, r.lama, r.baru, r.alamat)
            for r in q.order_by("-id")[offset : offset + limit]
        ]
    return rows, total


# -- comments --------------------------------------------------------------------------------


def _komentar(q: Any) -> list[KomentarInfo]:
    return [
        KomentarInfo(
            r.id,
            r.versi_id,
            r.versi.satker.kode if r.versi_id else r.konsep.satker.kode,
            r.path,
            r.teks,
            r.oleh.username,
            r.pada,
            r.selesai,
            r.selesai_oleh.username if r.selesai_oleh else None,
            r.selesai_pada,
            r.konsep_id,
        )
        for r in q.select_related("versi__satker", "konsep__satker", "oleh", "selesai_oleh").defer(
            "konsep__dokumen", "konsep__sebelumnya", "konsep__temuan"
        )
    ]


def tambah_komentar(
    store: Store,
    versi_id: int | None,
    path: str,
    teks: str,
    user_id: int,
    pada: dt.datetime,
    konsep_id: int | None = None,
) -> KomentarInfo:
    """A new comment on the row ``path`` of version ``versi_id`` (or of draft ``konsep_id``)."""
    from anggaran.store.models import Komentar

    with store.errors():
        row = Komentar.objects.using(store.alias).create(
            versi_id=versi_id, konsep_id=konsep_id, path=path, teks=teks, oleh_id=user_id, pada=pada
        )
        return _komentar(Komentar.objects.using(store.alias).filter(id=row.id))[0]


def selesaikan_komentar(
    store: Store, komentar_id: int, user_id: int, pada: dt.datetime, selesai: bool = True
) -> None:
    """Mark a comment resolved (or open again)."""
    from anggaran.store.models import Komentar

    with store.errors():
        Komentar.objects.using(store.alias).filter(id=komentar_id).update(
            selesai=selesai,
            selesai_oleh_id=user_id if selesai else None,
            selesai_pada=pada if selesai else None,
        )


def komentar(store: Store, komentar_id: int) -> KomentarInfo | None:
    from anggaran.store.models import Komentar

    with store.errors():
        found = _komentar(Komentar.objects.using(store.alias).filter(id=komentar_id))
    return found[0] if found else None


def komentar_konsep(store: Store, konsep_id: int) -> list[KomentarInfo]:
    """The comments on the rows of a draft, oldest first."""
    from anggaran.store.models import Komentar

    with store.errors():
        return _komentar(Komentar.objects.using(store.alias).filter(konsep_id=konsep_id).order_by("id"))


def komentar_versi(store: Store, versi_id: int) -> list[KomentarInfo]:
    """The comments on a version, oldest first."""
    from anggaran.store.models import Komentar

    with store.errors():
        return _komentar(Komentar.objects.using(store.alias).filter(versi_id=versi_id).order_by("id"))


def komentar_satker(store: Store, kode: str) -> list[KomentarInfo]:
    """The comments on every version of a satker, newest first."""
    from anggaran.store.models import Komentar

    with store.errors():
        return _komentar(Komentar.objects.using(store.alias).filter(versi__satker__kode=kode).order_by("-id"))


# -- imports started from the web ------------------------------------------------------------

_IMPOR_FIELDS = (
    "id",
    "user_id",
    "nama",
    "jalur",
    "tahap",
    "semula",
    "tahap_semula",
    "catatan",
    "status",
    "langkah",
    "selesai",
    "jumlah",
    "hasil",
    "galat",
    "dibuat_pada",
    "berakhir_pada",
)


def buat_impor(store: Store, user_id: int, nama: str, jalur: str, pada: dt.datetime, **options: Any) -> int:
    """A new import job (waiting); its id."""
    from anggaran.store.models import Impor

    with store.errors():
        return int(
            Impor.objects.using(store.alias)
            .create(user_id=user_id, nama=nama, jalur=jalur, dibuat_pada=pada, **options)
            .id
        )


def ubah_impor(store: Store, impor_id: int, **fields: Any) -> None:
    """Record how far an import job got (status, phase, progress, result, error)."""
    from anggaran.store.models import Impor

    with store.errors():
        Impor.objects.using(store.alias).filter(id=impor_id).update(**fields)


def impor(store: Store, impor_id: int) -> ImporInfo | None:
    from anggaran.store.models import Impor

    with store.errors():
        row = Impor.objects.using(store.alias).filter(id=impor_id).values(*_IMPOR_FIELDS).first()
    return None if row is None else ImporInfo(**row)
