"""The pages that write: importing a file (in the background, with its progress),
commenting on a row and resolving a comment, and the administrators' pages (users, roles,
tokens, the reference tables, the audit log). Every write goes through a service that
audits it."""

from __future__ import annotations

import math
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from anggaran.core.errors import InputError
from anggaran.core.findings import N_
from anggaran.i18n import fill
from anggaran.services import akses, ulasan, unggah
from anggaran.services import referensi as referensi_svc
from anggaran.services.akses import Pengguna
from anggaran.store import Store
from anggaran.web.jinja import bahasa, pesan_galat
from anggaran.web.middleware import alamat


def _ctx(request: HttpRequest) -> tuple[Store, Pengguna]:
    return request.store, request.pengguna


def _alamat(request: HttpRequest) -> str:
    return alamat(request)


def _pesan_galat(exc: InputError) -> str:
    return pesan_galat(exc)


# -- importing -------------------------------------------------------------------------------


def _terlalu_besar(request: HttpRequest) -> bool:
    """Whether the upload went past the limit while it arrived; if so, says that nothing was
    stored."""
    if not getattr(request, "batas_unggah", False):
        return False
    messages.error(
        request,
        fill(
            "The file is larger than {mb} MB: nothing was stored.", {"mb": unggah.MAX_UNGGAH >> 20}, bahasa()
        ),
    )
    return True


@require_http_methods(["GET", "POST"])
def impor(request: HttpRequest) -> HttpResponse:
    """``/impor/``: upload a Bagian A, a JSON or an ADK archive; imported in the background
    (``/impor/<id>/`` shows how far it got). 403 for a user who may import nothing."""
    store, user = _ctx(request)
    if not user.bisa("impor"):
        return render(request, "anggaran/impor.html", {"boleh_impor": False}, status=403)
    if request.method == "GET":
        return render(request, "anggaran/impor.html", {"boleh_impor": True, "batas": unggah.MAX_UNGGAH})
    upload = request.FILES.get("berkas")  # reads the upload: the limit is checked while it arrives
    if _terlalu_besar(request):
        return _ke(request, reverse("impor"))
    if upload is None:
        messages.error(request, fill("Choose a file to import.", {}, bahasa()))
        return _ke(request, reverse("impor"))
    try:
        path = unggah.simpan(upload.chunks(), upload.name or "")
    except InputError as exc:
        messages.error(request, _pesan_galat(exc))
        return _ke(request, reverse("impor"))
    try:
        job = unggah.mulai(
            store,
            user,
            path,
            (upload.name or "unggahan")[:255],
            request.POST.get("tahap", ""),
            request.POST.get("catatan", "")[:2000],
            request.POST.get("semula") == "1",
            request.POST.get("tahap_semula", ""),
            _alamat(request),
        )
    except InputError as exc:
        messages.error(request, _pesan_galat(exc))
        return _ke(request, reverse("impor"))
    return _ke(request, reverse("impor_status", kwargs={"job": job}))


def _ke(request: HttpRequest, url: str) -> HttpResponse:
    """Go to ``url``: a redirect, or for an upload htmx sent (to show its progress) a
    full page load, so that the address bar follows."""
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)


@require_GET
def impor_status(request: HttpRequest, job: int) -> HttpResponse:
    """An import's progress and outcome; polled by htmx while it runs."""
    store, user = _ctx(request)
    info = unggah.status(store, user, job)
    template = "anggaran/_impor_status.html" if request.htmx else "anggaran/impor_status.html"
    versi_ids = [v["id"] for v in (info.hasil or {}).get("versi", [])]
    return render(request, template, {"job": info, "versi_ids": versi_ids})


# -- comments --------------------------------------------------------------------------------


@require_POST
def komentar_tambah(request: HttpRequest, n: int) -> HttpResponse:
    store, user = _ctx(request)
    path = request.POST.get("path", "")[:500]
    try:
        made = ulasan.tambah(store, user, n, path, request.POST.get("teks", ""), _alamat(request))
    except InputError as exc:
        if request.htmx:
            return HttpResponse(_pesan_galat(exc), status=422)
        messages.error(request, _pesan_galat(exc))
        return redirect("versi", n=n)
    if request.htmx:
        return render(request, "anggaran/_komentar.html", {"komentar": [made], "versi_id": n})
    return redirect(f"{reverse('versi', kwargs={'n': n})}?{urlencode({'buka': path})}#komentar-{made.id}")


@require_POST
def komentar_selesai(request: HttpRequest, k: int) -> HttpResponse:
    store, user = _ctx(request)
    done = ulasan.selesai(store, user, k, request.POST.get("selesai", "1") == "1", _alamat(request))
    if request.htmx:
        return render(request, "anggaran/_komentar.html", {"komentar": [done], "versi_id": done.versi})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=False):
        next_url = reverse("satker", kwargs={"kode": done.satker})
    return redirect(next_url)


# -- administrators --------------------------------------------------------------------------


def _admin(request: HttpRequest) -> tuple[Store, Pengguna]:
    store, user = _ctx(request)
    akses.wajib_admin(user)  # Forbidden: 403
    return store, user


@require_http_methods(["GET", "POST"])
def pengguna(request: HttpRequest) -> HttpResponse:
    """``/pengguna/``: users with their roles; add a user, grant and revoke roles, make an
    API token (shown once)."""
    store, admin = _admin(request)
    token = None
    if request.method == "POST":
        form = request.POST
        aksi = form.get("aksi")
        name = form.get("username", "").strip()
        try:
            if aksi == "tambah":
                akses.tambah_pengguna(
                    store,
                    admin.username,
                    name,
                    form.get("password", ""),
                    form.get("nama", ""),
                    _alamat(request),
                )
                messages.success(request, fill("User {name} added.", {"name": name}, bahasa()))
            elif aksi in ("beri", "cabut"):
                ubah, done = (
                    (akses.beri, N_("Role granted."))
                    if aksi == "beri"
                    else (akses.cabut, N_("Role revoked."))
                )
                ubah(
                    store,
                    admin.username,
                    name,
                    form.get("peran", ""),
                    form.get("lingkup", ""),
                    _alamat(request),
                )
                messages.success(request, fill(done, {}, bahasa()))
            elif aksi == "token":
                token = (name, akses.token(store, admin.username, name, _alamat(request)))
            elif aksi == "sandi":
                akses.ganti_sandi(store, admin.username, name, form.get("password", ""), _alamat(request))
                messages.success(request, fill("Password changed.", {}, bahasa()))
        except InputError as exc:
            messages.error(request, _pesan_galat(exc))
        if token is None:
            return redirect("pengguna")
    return render(
        request,
        "anggaran/pengguna.html",
        {"users": akses.daftar_pengguna(store, admin), "token": token, "peran": akses.PERAN},
    )


@require_http_methods(["GET", "POST"])
def referensi(request: HttpRequest) -> HttpResponse:
    """``/referensi/``: the code tables loaded (file, who, when, codes per table) and the
    upload of another (CSV or XLSX, told by its header): every output names its codes
    from then on. Administrators only (403 for anyone else); each load in the audit log."""
    store, admin = _admin(request)
    if request.method == "POST":
        upload = request.FILES.get("berkas")
        if _terlalu_besar(request):
            pass  # said
        elif upload is None:
            messages.error(request, fill("Choose a file to import.", {}, bahasa()))
        else:
            try:
                hasil = referensi_svc.impor_web(
                    store,
                    admin,
                    b"".join(upload.chunks()),
                    (upload.name or "referensi")[:255],
                    _alamat(request),
                )
            except InputError as exc:
                messages.error(request, _pesan_galat(exc))
            else:
                messages.success(
                    request,
                    fill(
                        N_("{file}: {n} codes loaded: {baru} new, {diubah} changed, {sama} as they were"),
                        {
                            "file": hasil.berkas,
                            "n": sum(hasil.dibaca.values()),
                            "baru": sum(hasil.hasil.baru.values()),
                            "diubah": sum(hasil.hasil.diubah.values()),
                            "sama": sum(hasil.hasil.sama.values()),
                        },
                        bahasa(),
                    ),
                )
        return redirect("referensi")
    return render(request, "anggaran/referensi.html", {"sumber": referensi_svc.daftar(store, admin)})


@require_GET
def audit(request: HttpRequest) -> HttpResponse:
    """``/audit/``: the audit log, newest first, a page at a time."""
    store, admin = _admin(request)
    per = 100
    try:
        page = min(max(1, int(request.GET.get("hal", "1")[:9])), 10**8)
    except ValueError:
        page = 1
    aksi = request.GET.get("aksi", "").strip()[:50]
    oleh = request.GET.get("oleh", "").strip()[:150]
    rows, total = akses.daftar_audit(store, admin, (page - 1) * per, per, aksi or None, oleh or None)
    return render(
        request,
        "anggaran/audit.html",
        {
            "rows": rows,
            "total": total,
            "hal": page,
            "halaman": max(1, math.ceil(total / per)),
            "aksi": aksi,
            "oleh": oleh,
        },
    )
