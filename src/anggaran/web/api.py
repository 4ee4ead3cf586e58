"""The JSON API under ``/api/v1/`` (django-ninja, OpenAPI at ``/api/v1/openapi.json``,
documentation at ``/api/v1/docs``): session login or ``Authorization: Token <key>`` (from
``anggaran user token NAME``). The same services as the pages: a satker outside the
user's scope answers 404, an action their roles do not allow 403."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from ninja import Field, File, Form, NinjaAPI, Schema
from ninja.files import UploadedFile
from ninja.security import APIKeyHeader, django_auth

from anggaran import i18n
from anggaran.core.errors import InputError, OutOfScope
from anggaran.core.findings import N_
from anggaran.formats import json as canonical
from anggaran.services import akses, jelajah, konsep, konsolidasi, unggah
from anggaran.services.akses import Forbidden, Pengguna
from anggaran.store import Store
from anggaran.store.konsep import Stale
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


# -- drafts (konsep) ---------------------------------------------------------------------------


class KonsepBaru(Schema):
    dari_versi: int | None = None
    tahun_berikut: bool = False
    satker: str | None = None
    tahun_anggaran: int | None = None
    tahap: str | None = None


class Catatan(Schema):
    catatan: str = ""


class Persetujuan(Schema):
    tanpa_baris: str | None = None


def _konsep_response(
    request: HttpRequest, store: Store, user: Pengguna, n: int, status: int = 200
) -> HttpResponse:
    """The draft as canonical JSON with its ETag."""
    info, doc = konsep.dokumen_json(store, user, n)
    response = api.create_response(request, doc, status=status)
    response["ETag"] = info.etag
    return response


def _if_match(request: HttpRequest, n: int) -> int:
    """The change number the client's ``If-Match`` names; -1 when it names another."""
    tag = request.headers.get("If-Match", "").strip()
    if tag.startswith("W/"):
        tag = tag[2:]
    prefix = f'"konsep-{n}-'
    if not (
        tag.startswith(prefix)
        and tag.endswith('"')
        and tag[len(prefix) : -1].isascii()
        and tag[len(prefix) : -1].isdigit()
    ):
        return -1
    return int(tag[len(prefix) : -1])


@api.post("/konsep/", summary="Start a draft: a revision of a version, next year's plan, or an empty plan")
def konsep_baru(request: HttpRequest, body: KonsepBaru) -> HttpResponse:
    store, user = _user(request)
    info = konsep.mulai(
        store,
        user,
        dari_versi=_nomor(body.dari_versi) if body.dari_versi is not None else None,
        tahun_berikut=body.tahun_berikut,
        satker=body.satker,
        tahun_anggaran=body.tahun_anggaran,
        tahap=body.tahap,
        alamat=alamat(request),
    )
    response = api.create_response(request, info.to_dict(), status=201)
    response["ETag"] = info.etag
    response["Location"] = f"/api/v1/konsep/{info.id}/"
    return response


@api.get("/konsep/", summary="The open drafts in your scope")
def konsep_daftar(request: HttpRequest, satker: str | None = None) -> list[dict[str, Any]]:
    store, user = _user(request)
    return [k.to_dict() for k in konsep.daftar(store, user, satker)]


@api.get("/konsep/{n}/", summary="A draft as canonical JSON (rka-satker/1), with its ETag")
def konsep_baca(request: HttpRequest, n: int) -> HttpResponse:
    store, user = _user(request)
    return _konsep_response(request, store, user, _nomor(n))


@api.put(
    "/konsep/{n}/",
    summary="Replace a draft's tree (If-Match: its ETag); derived amounts are computed by the server",
)
def konsep_simpan(request: HttpRequest, n: int) -> HttpResponse:
    store, user = _user(request)
    n = _nomor(n)
    konsep.info(store, user, n)  # 404 out of scope, before anything about the request
    if "If-Match" not in request.headers:
        return api.create_response(
            request, {"detail": "If-Match with the draft's ETag is required"}, status=428
        )
    try:
        doc = json.loads(request.body or b"null")
    except ValueError:
        raise InputError(N_("the body is not JSON")) from None
    if not isinstance(doc, dict):
        raise InputError(N_("the document is not a canonical RKA Satker JSON"))
    try:
        draf = konsep.simpan_dokumen(store, user, n, _if_match(request, n), doc, alamat(request))
    except Stale:
        return _konsep_response(request, store, user, n, status=412)
    response = api.create_response(
        request, {"konsep": draf.to_dict(), "dokumen": canonical.to_dict(draf.tree)}, status=200
    )
    response["ETag"] = draf.info.etag
    return response


@api.get(
    "/konsep/{n}/revisi/", summary="The draft's changes against the version it started from, with authority"
)
def konsep_revisi(request: HttpRequest, n: int) -> dict[str, Any]:
    store, user = _user(request)
    changes = konsep.perubahan(store, user, _nomor(n))
    return {"perubahan": [c.to_dict() for c in changes], "kewenangan": konsep.kewenangan(changes)}


@api.post("/konsep/{n}/ajukan/", summary="Submit the draft to the KPA (an operator)")
def konsep_ajukan(request: HttpRequest, n: int) -> dict[str, Any]:
    store, user = _user(request)
    return konsep.ajukan(store, user, _nomor(n), alamat(request)).to_dict()


@api.post(
    "/konsep/{n}/setujui/", summary="Approve the draft (the KPA): the new version's number, or who ratifies"
)
def konsep_setujui(request: HttpRequest, n: int, body: Persetujuan | None = None) -> dict[str, Any]:
    store, user = _user(request)
    tanpa_baris = body.tanpa_baris if body is not None else None
    return konsep.setujui(store, user, _nomor(n), alamat(request), tanpa_baris=tanpa_baris).to_dict()


@api.post(
    "/konsep/{n}/sahkan/",
    summary="Ratify an approved revision (Kanwil DJPb or DJA): the new version's number",
)
def konsep_sahkan(request: HttpRequest, n: int) -> dict[str, Any]:
    store, user = _user(request)
    return konsep.sahkan(store, user, _nomor(n), alamat(request)).to_dict()


@api.post("/konsep/{n}/kembalikan/", summary="Return the draft to its operator with a note")
def konsep_kembalikan(request: HttpRequest, n: int, body: Catatan) -> dict[str, Any]:
    store, user = _user(request)
    return konsep.kembalikan(store, user, _nomor(n), body.catatan, alamat(request)).to_dict()


# -- consolidation: totals of every satker in scope (OpenSpending's aggregate) ---------------


class Galat(Schema):
    detail: str


class Potongan(Schema):
    ref: str
    operator: str
    value: str


class Agregat(Schema):
    attributes: list[str]
    aggregates: list[str]
    cell: list[Potongan]
    order: list[list[str]]
    cells: list[dict[str, Any]]
    summary: dict[str, Any]
    page: int
    page_size: int
    total_cell_count: int


class Sisi(Schema):
    tahap: str
    versi: str


class Banding(Schema):
    attributes: list[str]
    semula: Sisi
    menjadi: Sisi
    cell: list[Potongan]
    cells: list[dict[str, Any]]
    summary: dict[str, int]
    total_cell_count: int


_AGREGAT_DOC = """Totals of the satkers in your scope, in the shape of OpenSpending's aggregate API
(babbage): `cells`, `summary`, `total_cell_count`… Every total is the sum of `jumlah` over
the detail lines of version `menjadi` (unless the cut names `versi`); a satker outside
your scope is in no cell, summary or count. When the data hold more than one year or
stage and the cut does not choose one, `tahun` and `tahap` are drilled down first, and the
summary's `jumlah.sum` is null with `summary.per` giving each year's and stage's total
(stages are never added together).

The data: the consolidation `ANGGARAN_KONSOLIDASI` names (a folder of `anggaran
consolidate`), else the latest stored version of every satker and stage.

- `cut`: `dimension:value`, several joined by `|`, several values by `;`
  (`unit:015.08|provinsi:01;16`);
- `drilldown`: dimensions joined by `|` (`provinsi|jenis_belanja`);
- `order`: `jumlah.sum:desc`, `program:asc`…, joined by `|`.

Dimensions: tahun, tahap, versi, kl, unit, satker, program, kegiatan, kro, ro, komponen,
sub_komponen, akun, jenis_belanja, sumber_dana, provinsi, kabkota, kppn. A cut or a
dimension not known answers 400 with the reason."""


def _konsolidasi(request: HttpRequest, tanya: Any) -> Any:
    """``tanya(mesin, lingkup)`` on the web's consolidation within the user's scope for
    reading; a cut, drilldown or page that cannot be read answers 400."""
    store, user = _user(request)
    user.wajib("lihat")
    with konsolidasi.mesin_web(store) as (mesin, _):
        try:
            return tanya(mesin, user.lingkup("lihat"))
        except InputError as exc:
            return api.create_response(request, {"detail": pesan_galat(exc, _lang(request))}, status=400)


@api.get(
    "/agregat/",
    response={200: Agregat, 400: Galat},
    summary="Totals of the satkers in your scope at a cut and drilldown (OpenSpending's aggregate)",
    description=_AGREGAT_DOC,
)
def agregat(
    request: HttpRequest,
    cut: str = "",
    drilldown: str = "",
    order: str = "",
    page: int = 1,
    pagesize: int = 100,
) -> Any:
    return _konsolidasi(
        request,
        lambda mesin, lingkup: konsolidasi.query(
            mesin, cut or None, drilldown or None, order or None, page, pagesize, lingkup
        ),
    )


@api.get(
    "/agregat/banding/",
    response={200: Banding, 400: Galat},
    summary="Two stages or versions compared for every satker in your scope (semula-menjadi)",
    description="`semula` and `menjadi` as `tahap:versi` (`adk:semula`, `dipa`, `revisi-1:menjadi`; "
    "a stage alone means its menjadi); `cut` and `drilldown` as `/agregat/` takes them; the cells "
    "with the largest change first, at most `limit` (1-10000).",
)
def agregat_banding(
    request: HttpRequest,
    semula: str,
    menjadi: str,
    cut: str = "",
    drilldown: str = "",
    limit: Annotated[int, Field(ge=1, le=10_000)] = 1000,
) -> Any:
    return _konsolidasi(
        request,
        lambda mesin, lingkup: konsolidasi.banding(
            mesin, semula, menjadi, cut or None, drilldown or None, lingkup, limit
        ),
    )
