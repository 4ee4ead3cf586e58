"""The pages of reading: the satkers in scope, a satker, a version's tree (children loaded
on demand), two versions compared, and the downloads. Each view asks a service and renders
what it returns; a satker outside the user's scope raises OutOfScope (404)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from anggaran.core.findings import Severity, count_by_severity
from anggaran.i18n import fill
from anggaran.services import akses, jelajah, konsep
from anggaran.services.akses import Pengguna, wajib_versi
from anggaran.store import Store
from anggaran.web.jinja import bahasa


def _ctx(request: HttpRequest) -> tuple[Store, Pengguna]:
    return request.store, request.pengguna


@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    """``/``: the satkers in scope with their latest version; search and filters."""
    store, user = _ctx(request)
    q = request.GET
    cari, unit, provinsi, status = (
        q.get(k, "").strip()[:100] for k in ("cari", "unit", "provinsi", "status")
    )
    rows = jelajah.daftar_satker(store, user, cari, unit, provinsi, status)
    units, provs = jelajah.pilihan(store, user)
    return render(
        request,
        "anggaran/daftar.html",
        {
            "rows": rows,
            "cari": cari,
            "unit": unit,
            "provinsi": provinsi,
            "status": status,
            "units": units,
            "provs": provs,
            "per_tahun": jelajah.jumlah_per_tahun(rows),
        },
    )


@require_GET
def satker(request: HttpRequest, kode: str) -> HttpResponse:
    """``/satker/<kode>/``: its versions, a compare form, the comments on its versions."""
    store, user = _ctx(request)
    page = jelajah.halaman_satker(store, user, kode)
    return render(
        request,
        "anggaran/satker.html",
        {"p": page, "Severity": Severity, "konsep": konsep.daftar(store, user, kode, terbuka=False)},
    )


@require_GET
def versi(request: HttpRequest, n: int) -> HttpResponse:
    """``/versi/<n>/``: the tree, level by level; with ``?buka=PATH`` opened down to that
    row; with ``?temuan=1`` only the rows with findings."""
    store, user = _ctx(request)
    page = jelajah.halaman_versi(store, user, n)
    buka = request.GET.get("buka", "").strip()[:500]
    hanya_temuan = request.GET.get("temuan") == "1"
    opened: dict[str, list[Any]] = {}
    paths = [buka] if buka else []
    if hanya_temuan:  # open the tree down to every row with a finding (the first 50)
        paths += list(page.temuan.per_path)[:50]
    for path in paths:
        for row, children in jelajah.jalan(store, user, n, path):
            opened.setdefault(row.path, children)
    charts = page.grafik(bahasa())
    return render(
        request,
        "anggaran/versi.html",
        {
            "p": page,
            "buka": buka,
            "opened": opened,
            "hanya_temuan": hanya_temuan,
            "ringkasan": count_by_severity(page.temuan.semua),
            "charts": charts,
            "konsep": konsep.daftar(store, user, page.info.satker),
            "boleh_ubah": user.boleh("ubah", akses.satker_kode(store, page.info.satker)),
        },
    )


@require_GET
def anak(request: HttpRequest, n: int, level: str, node: int) -> HttpResponse:
    """The rows under a row (htmx): inserted after it."""
    store, user = _ctx(request)
    found = jelajah.anak(store, user, n, level, node)
    return render(
        request,
        "anggaran/_baris.html",
        {
            "rows": found.baris,
            "temuan": found.temuan,
            "komentar": found.komentar,
            "versi": found.info,
            "opened": {},
        },
    )


@require_GET
def banding(request: HttpRequest, a: int, b: int) -> HttpResponse:
    """``/banding/<a>/<b>/``: the matriks semula-menjadi, changed rows highlighted."""
    store, user = _ctx(request)
    result = jelajah.banding_versi(store, user, a, b)
    semua = request.GET.get("semua") == "1"
    rows = jelajah.baris_matriks(result, semua)
    berubah = any(r.status != "tetap" for r in result.baris)
    return render(
        request,
        "anggaran/banding.html",
        {
            "b": result,
            "rows": rows,
            "semua": semua,
            "berubah": berubah,
            "jb": result.perbandingan.per_jenis_belanja(),
        },
    )


@require_GET
def bandingkan(request: HttpRequest) -> HttpResponse:
    """The compare form of a satker's page: to ``/banding/<a>/<b>/``."""
    store, user = _ctx(request)
    try:
        a, b = (int(request.GET[k]) for k in ("semula", "menjadi") if len(request.GET[k]) <= 18)
    except (KeyError, ValueError):  # missing, not a number, or past a 64-bit key
        raise Http404() from None
    wajib_versi(store, user, a)
    info = wajib_versi(store, user, b)
    if a == b:
        messages.error(request, fill("Choose two different versions to compare.", {}, bahasa()))
        return redirect("satker", kode=info.satker)
    return redirect("banding", a=a, b=b)


def _file(data: bytes, name: str, media: str, inline: bool = False) -> HttpResponse:
    response = HttpResponse(data, content_type=media)
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def dokumen(request: HttpRequest, n: int, nama: str, ext: str) -> HttpResponse:
    """``/versi/<n>/dokumen/<bagian-a|bagian-b|rekap>.<pdf|xlsx|html|json>``."""
    store, user = _ctx(request)
    data, name, media = jelajah.dokumen(store, user, n, nama, ext, bahasa())
    return _file(data, name, media)


@require_GET
def matriks(request: HttpRequest, a: int, b: int, ext: str) -> HttpResponse:
    """``/banding/<a>/<b>/matriks.<pdf|xlsx|html|json>``."""
    store, user = _ctx(request)
    data, name, media = jelajah.dokumen_banding(store, user, a, b, ext)
    return _file(data, name, media)
