"""The JSON API under ``/api/v1/`` (django-ninja, OpenAPI at ``/api/v1/openapi.json``,
documentation at ``/api/v1/docs``): session login or ``Authorization: Token <key>`` (from
``anggaran user token NAME``). The same services as the pages: a satker outside the
user's scope answers 404, an action their roles do not allow 403."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from ninja import File, Form, NinjaAPI, Schema
from ninja.files import UploadedFile
from ninja.security import APIKeyHeader, django_auth

from anggaran import i18n
from anggaran.core.errors import InputError, OutOfScope
from anggaran.core.findings import N_
from anggaran.services import akses, jelajah, unggah
from anggaran.services.akses import Forbidden, Pengguna
from anggaran.store import Store
from anggaran.web.jinja import pesan_galat
from anggaran.web.middleware import alamat


class TokenAuth(APIKeyHeader):
    """``Authorization: Token <key>``."""

    param_name = "Authorization"

    def authenticate(self, request: HttpRequest, key: str | None) -> Pengguna | None:
        if not key or not key.startswith("Token "):
            return None
        user = akses.dari_token(Store.default(), key[len("Token ") :].strip(), dt.datetime.now(dt.UTC))
        if user is not None:
            request.pengguna = user
        return user


def _session(request: HttpRequest) -> Any:
    """The logged-in user, CSRF checked for writes (as django-ninja's session auth does);
    None for an anonymous request, which the API then answers 401 (not a CSRF 403)."""
    if not request.user.is_authenticated:
        return None
    return django_auth(request)


api = NinjaAPI(
    title="Anggaran API",
    version="1",
    description="RKA Satker versions, findings and documents of the satkers in your scope.",
    auth=[TokenAuth(), _session],
    urls_namespace="api",
    docs_decorator=login_required,  # the description too, as everything, needs a login
)


def _user(request: HttpRequest) -> tuple[Store, Pengguna]:
    store = Store.default()
    user = getattr(request, "pengguna", None)
    if user is None:  # logged in through the session
        user = akses.pengguna(store, request.user.id)
        if user is None:
            raise Forbidden("inactive")
    return store, user


def _lang(request: HttpRequest) -> str:
    accept = request.headers.get("Accept-Language", "")
    return "en" if accept.lower().startswith("en") else i18n.DEFAULT


@api.exception_handler(OutOfScope)
def _not_found(request: HttpRequest, exc: OutOfScope) -> HttpResponse:
    return api.create_response(request, {"detail": "Not Found"}, status=404)


@api.exception_handler(Forbidden)
def _forbidden(request: HttpRequest, exc: Forbidden) -> HttpResponse:
    return api.create_response(request, {"detail": "Forbidden"}, status=403)


@api.exception_handler(InputError)
def _unreadable(request: HttpRequest, exc: InputError) -> HttpResponse:
    return api.create_response(request, {"detail": pesan_galat(exc, _lang(request))}, status=422)


#: the largest number a version, job or comment can have (a 64-bit key)
_MAX_NOMOR = 2**63 - 1


def _nomor(n: int) -> int:
    """``n`` as a stored row's number: past what a key can be, no such row (404)."""
    if not 0 < n <= _MAX_NOMOR:
        raise OutOfScope(str(n))
    return n


class VersiTerakhir(Schema):
    nomor: int
    tahap: str | None
    tahun_anggaran: int
    jumlah: int
    galat: int
    peringatan: int


class SatkerOut(Schema):
    kode: str
    nama: str
    unit: str
    provinsi: str
    versi_terakhir: VersiTerakhir | None


@api.get("/satker/", response=list[SatkerOut], summary="The satkers in your scope with their latest version")
def daftar_satker(request: HttpRequest) -> list[dict[str, Any]]:
    store, user = _user(request)
    out = []
    for r in jelajah.daftar_satker(store, user):
        v = r.versi
        out.append(
            {
                "kode": r.kode,
                "nama": r.nama,
                "unit": r.unit,
                "provinsi": r.provinsi,
                "versi_terakhir": None
                if v is None
                else {
                    "nomor": v.id,
                    "tahap": v.tahap_label if v.tahap else None,
                    "tahun_anggaran": v.tahun_anggaran,
                    "jumlah": v.jumlah,
                    "galat": r.galat,
                    "peringatan": r.peringatan,
                },
            }
        )
    return out


@api.get("/satker/{kode}/versi/", summary="A satker's versions, oldest first")
def versi_satker(request: HttpRequest, kode: str) -> list[dict[str, Any]]:
    store, user = _user(request)
    page = jelajah.halaman_satker(store, user, kode)
    return [
        v.to_dict() | {"galat": counts[_sev("error")], "peringatan": counts[_sev("warning")]}
        for v, counts in page.versi
    ]


def _sev(name: str) -> Any:
    from anggaran.core.findings import Severity

    return Severity(name)


@api.get("/versi/{n}/", summary="A version as canonical JSON (rka-satker/1)")
def versi(request: HttpRequest, n: int) -> HttpResponse:
    store, user = _user(request)
    return HttpResponse(jelajah.versi_json(store, user, _nomor(n)), content_type="application/json")


@api.get("/versi/{n}/temuan/", summary="A version's findings, as `anggaran check --format json` gives them")
def temuan(request: HttpRequest, n: int) -> dict[str, Any]:
    store, user = _user(request)
    return jelajah.temuan_json(store, user, _nomor(n))


@api.get("/versi/{n}/dokumen/{berkas}", summary="A document: bagian-a|bagian-b|rekap . pdf|xlsx|html|json")
def dokumen(request: HttpRequest, n: int, berkas: str) -> HttpResponse:
    store, user = _user(request)
    nama, _, ext = berkas.rpartition(".")
    data, name, media = jelajah.dokumen(store, user, _nomor(n), nama, ext, _lang(request))
    response = HttpResponse(data, content_type=media)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@api.post(
    "/impor/",
    summary="Import a file (Bagian A, JSON, ADK zip/rar): the result of `anggaran db import --format json`",
)
def impor(
    request: HttpRequest,
    berkas: File[UploadedFile | None] = None,
    tahap: Form[str] = "",
    catatan: Form[str] = "",
) -> Any:
    store, user = _user(request)
    user.wajib("impor")
    if getattr(request, "batas_unggah", False):  # the upload handler stopped it while it arrived
        raise InputError(
            N_("the upload is larger than {batas}: nothing was stored"), batas=f"{unggah.MAX_UNGGAH >> 20} MB"
        )
    if berkas is None:
        raise InputError(N_("no file: send it as the multipart field berkas"))
    path = unggah.simpan(berkas.chunks(), berkas.name or "")
    try:
        result = unggah.impor_sekarang(
            store,
            user,
            path,
            (berkas.name or "unggahan")[:255],
            tahap,
            catatan[:2000],
            alamat=alamat(request),
        )
    finally:
        unggah.buang(path)
    if result.read_errors:  # lines the reader could not place: nothing stored
        return api.create_response(request, result.to_dict(), status=422)
    return result.to_dict()
