"""The pages of planning: the drafts in scope and starting one, the editor (the tree down to
every detail line, each change saved as it is made and checked at once), the revision's
changes with the authority each needs, the workflow's buttons, the draft's documents, and
a satker's ceilings. Each view asks :mod:`anggaran.services.konsep`; a draft outside the
user's scope raises OutOfScope (404), an action their roles do not allow Forbidden (403)."""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from anggaran.core.errors import InputError, OutOfScope, OutputError
from anggaran.core.findings import N_, Severity, count_by_severity
from anggaran.core.kode import Level
from anggaran.core.tree import BULAN
from anggaran.services import akses, konsep, ulasan
from anggaran.services.akses import Pengguna
from anggaran.services.konsep import Stale
from anggaran.store import Store
from anggaran.store.konsep import TINDAKAN_PAGU, TINGKAT_PAGU, Kebijakan, PaguInfo
from anggaran.web.jinja import pesan_galat
from anggaran.web.middleware import alamat

_CLIP = "anggaran_salinan"


def _ctx(request: HttpRequest) -> tuple[Store, Pengguna]:
    return request.store, request.pengguna


def _nomor_form(request: HttpRequest, name: str) -> int | None:
    text = request.POST.get(name, "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


# -- the list, starting a draft -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def daftar(request: HttpRequest) -> HttpResponse:
    """``/konsep/``: the open drafts in scope; POST starts one (``dari_versi`` with
    ``jenis`` revisi or tahun-berikut; or ``satker`` and ``tahun_anggaran``)."""
    store, user = _ctx(request)
    if request.method == "POST":
        dari = _nomor_form(request, "dari_versi")
        tahun = _nomor_form(request, "tahun_anggaran")
        try:
            info = konsep.mulai(
                store,
                user,
                dari_versi=dari,
                tahun_berikut=request.POST.get("jenis") == "tahun-berikut",
                satker=request.POST.get("satker", "").strip()[:20] or None,
                tahun_anggaran=tahun,
                tahap=request.POST.get("tahap", "").strip()[:20] or None,
                alamat=alamat(request),
            )
        except InputError as e:
            messages.error(request, pesan_galat(e))
            return redirect(request.META.get("HTTP_REFERER") or reverse("konsep_daftar"))
        return redirect("konsep", n=info.id)
    return render(
        request, "anggaran/konsep_daftar.html", {"rows": konsep.daftar(store, user), "nav": "konsep"}
    )


# -- the editor ---------------------------------------------------------------------------------


def _halaman(request: HttpRequest, n: int, draf: konsep.Draf, buka: str = "") -> dict[str, Any]:
    store, user = _ctx(request)
    opened = ""
    if buka:  # the akun of the row asked for, opened with its lines
        parts = buka.split("/")
        opened = "/".join(parts[:7]) if len(parts) >= 7 else ""
    return {
        "d": draf,
        "info": draf.info,
        "rows": konsep.baris(draf),
        "rincian": konsep.baris(draf, under=opened) if opened else [],
        "opened": opened,
        "buka": buka,
        "ringkasan": count_by_severity(draf.findings),
        "Severity": Severity,
        "bisa_ubah": user.boleh("ubah", draf.info.tempat) and draf.info.status == "konsep",
        "salinan": request.session.get(_CLIP, {}).get("level"),
        "BULAN": BULAN,
        "nav": "konsep",
        "komentar": ulasan.komentar_konsep(store, n),
        "pilihan_program": konsep.pilihan_kode(Level.PROGRAM),
    }


@require_GET
def halaman(request: HttpRequest, n: int) -> HttpResponse:
    """``/konsep/<n>/``: the editor; ``?buka=PATH`` opens the akun of that row."""
    store, user = _ctx(request)
    draf = konsep.buka(store, user, n)
    ctx = _halaman(request, n, draf, request.GET.get("buka", "").strip()[:500])
    return render(request, "anggaran/konsep.html", ctx)


@require_GET
def rincian(request: HttpRequest, n: int) -> HttpResponse:
    """The detail lines of one akun (``?path=``), for the editor."""
    store, user = _ctx(request)
    draf = konsep.buka(store, user, n)
    path = request.GET.get("path", "").strip()[:500]
    return render(
        request,
        "anggaran/_konsep_rincian.html",
        {
            "d": draf,
            "info": draf.info,
            "rincian": konsep.baris(draf, under=path),
            "akun": path,
            "bisa_ubah": user.boleh("ubah", draf.info.tempat) and draf.info.status == "konsep",
            "BULAN": BULAN,
            "Severity": Severity,
        },
    )


@require_GET
def aksi(request: HttpRequest, n: int) -> HttpResponse:
    """What can be done to one row above the detail lines (``?path=``), for the editor:
    loaded when its panel opens, so that the page holds only the rows."""
    store, user = _ctx(request)
    draf = konsep.buka(store, user, n)
    path = request.GET.get("path", "").strip()[:500]
    rows = [r for r in konsep.baris(draf) if r.path == path]
    if not rows or not (user.boleh("ubah", draf.info.tempat) and draf.info.status == "konsep"):
        raise OutOfScope(path)
    r = rows[0]
    child = tuple(Level)[tuple(Level).index(r.level) + 1] if r.level is not Level.DETAIL else None
    pilihan = konsep.pilihan_kode(child, r.kode) if child is not None else []
    return render(
        request,
        "anggaran/_konsep_aksi.html",
        {
            "r": r,
            "info": draf.info,
            "salinan": request.session.get(_CLIP, {}).get("level"),
            "pilihan": pilihan,
            "asal": json.dumps(konsep.nilai_baris(r.node), sort_keys=True),
        },
    )


def _angka(text: str, field: str) -> Decimal:
    """A volume or percentage as typed: digits with at most one decimal point or comma."""
    t = text.strip().replace(" ", "")
    if "," in t and "." not in t:
        t = t.replace(",", ".")
    if not _ANGKA.fullmatch(t or "0"):
        raise InputError(N_("{field}: {value!r} is not a number"), field=field, value=text[:40])
    try:
        return Decimal(t or "0")
    except InvalidOperation:
        raise InputError(N_("{field}: {value!r} is not a number"), field=field, value=text[:40]) from None


_ANGKA = re.compile(r"[0-9]{1,13}(\.[0-9]{1,6})?", re.ASCII)
_RUPIAH = re.compile(
    r"[0-9]{1,3}(?:([.,\u00a0 ])[0-9]{3})?(?:\1[0-9]{3})*(?:[.,]([0-9]{2}))?|[0-9]+", re.ASCII
)


def _rupiah(text: str, field: str) -> int:
    """Whole rupiah as people write them: ``1026000``, ``1.026.000``, ``1,026,000``,
    ``Rp 1.026.000,00`` (a fraction of a rupiah other than ``00`` is refused)."""
    t = text.strip()
    if t.lower().startswith("rp"):
        t = t[2:].strip()
    if not t:
        return 0
    m = _RUPIAH.fullmatch(t)
    if m is None or m.group(2) not in (None, "00") or len(re.sub(r"[^0-9]", "", t)) > 18:
        raise InputError(
            N_("{field}: {value!r} is not a whole number of rupiah"), field=field, value=text[:40]
        )
    whole = t[: m.start(2) - 1] if m.group(2) is not None else t
    return int(re.sub(r"[^0-9]", "", whole))


def _nilai_rincian(post: Any) -> dict[str, Any]:
    """A detail row's fields from the editor's form."""
    faktor = []
    for i in range(1, 5):
        v, s = post.get(f"vol{i}", "").strip(), post.get(f"sat{i}", "").strip()
        if v or s:
            faktor.append([konsep._dec_text(_angka(v or "0", f"vol{i}")), s])
    values: dict[str, Any] = {
        "uraian": post.get("uraian", ""),
        "faktor": faktor,
        "harga_satuan": _rupiah(post.get("harga_satuan", ""), "harga_satuan"),
        "sumber_dana": post.get("sumber_dana", "").strip() or None,
    }
    if any(f"bln{i}" in post for i in range(1, 13)):
        months = [_rupiah(post.get(f"bln{i}", ""), BULAN[i - 1]) for i in range(1, 13)]
        values["rencana_bulanan"] = months if any(months) else []
    return values


def _respon_baris(
    request: HttpRequest,
    draf: konsep.Draf,
    path: str,
    pesan: str = "",
    baru: bool = False,
    utuh: bool = False,
) -> HttpResponse:
    """What follows from a row's save: out of band, the line's jumlah, findings and values,
    every total above it and the findings' summary (the fields being typed in stay); the
    whole row when it is new, or in place of the row (``utuh``) when its values must be
    shown again (a conflict, a refused value)."""
    store, user = _ctx(request)
    found = konsep.baris(draf, bottom=Level.DETAIL, only={path, *konsep.leluhur(path)})
    rows = [r for r in found if r.path == path]
    above = [r for r in found if r.path != path]
    response = render(
        request,
        "anggaran/_konsep_baris_respon.html",
        {
            "d": draf,
            "info": draf.info,
            "rincian": rows,
            "above": above,
            "galat_baris": pesan,
            "baru": baru,
            "utuh": utuh or baru,
            "d_tree_jumlah": draf.tree.jumlah().jumlah,
            "ringkasan": count_by_severity(draf.findings),
            "bisa_ubah": draf.info.status == "konsep" and user.boleh("ubah", draf.info.tempat),
            "BULAN": BULAN,
            "Severity": Severity,
        },
    )
    if utuh and rows:  # shown again whole, in place of the row as it was
        response["HX-Retarget"] = f"#{rows[0].dom_id}"
        response["HX-Reswap"] = "outerHTML"
    return response


@require_POST
def simpan_baris(request: HttpRequest, n: int) -> HttpResponse:
    """Save one detail row of the editor (htmx): the row, the totals above it and the
    findings come back; a row someone else changed meanwhile is refused with its current
    values."""
    store, user = _ctx(request)
    path = request.POST.get("path", "")[:500]
    try:
        values = _nilai_rincian(request.POST)
        hasil = konsep.ubah_baris_rincian(
            store, user, n, path, values, request.POST.get("asal", ""), alamat(request)
        )
    except Stale as e:
        draf = konsep.buka(store, user, n)
        return _respon_baris(
            request,
            draf,
            path,
            pesan_galat(
                InputError(
                    N_("{oleh} changed this line meanwhile; your values were not saved. Here it is now."),
                    oleh=e.info.diubah_oleh,
                )
            ),
            utuh=True,
        )
    except InputError as e:
        draf = konsep.buka(store, user, n)
        return _respon_baris(request, draf, path, pesan_galat(e), utuh=True)
    return _respon_baris(request, hasil.draf, path)


@require_POST
def tambah(request: HttpRequest, n: int) -> HttpResponse:
    """Add a row under ``parent`` (a detail line under an akun: after ``setelah``, and it
    comes back as a row; any other level reloads the page)."""
    store, user = _ctx(request)
    parent = request.POST.get("parent", "")[:500]
    try:
        hasil = konsep.tambah(
            store,
            user,
            n,
            parent,
            request.POST.get("kode", "")[:20],
            request.POST.get("nama", "")[:500],
            request.POST.get("setelah", "")[:500] or None,
            alamat=alamat(request),
        )
    except InputError as e:
        messages.error(request, pesan_galat(e))
        return HttpResponseClientRefresh() if request.htmx else redirect("konsep", n=n)
    if hasil.path.count("/") == 7:  # a detail line
        return _respon_baris(request, hasil.draf, hasil.path, baru=True)
    if request.htmx:
        return HttpResponseClientRefresh()
    return redirect(reverse("konsep", kwargs={"n": n}) + f"?buka={hasil.path}")


@require_POST
def indikator(request: HttpRequest, n: int) -> HttpResponse:
    """Set the indicators of a kegiatan, KRO or RO (one a line: number | text | target |
    satuan)."""
    store, user = _ctx(request)
    return _ubah_lalu_muat(
        request,
        n,
        lambda: konsep.ubah_indikator(
            store,
            user,
            n,
            request.POST.get("path", "")[:500],
            konsep.parse_indikator(request.POST.get("indikator", "")[:20000]),
            nomor=_nomor_form(request, "nomor"),
            alamat=alamat(request),
        ),
    )


def _ubah_lalu_muat(request: HttpRequest, n: int, action: Any) -> HttpResponse:
    try:
        hasil = action()
    except InputError as e:
        messages.error(request, pesan_galat(e))
        hasil = None
    if request.htmx:
        return HttpResponseClientRefresh()
    url = reverse("konsep", kwargs={"n": n})
    path = getattr(hasil, "path", "") if hasil is not None else ""
    return redirect(url + (f"?buka={path}" if path else ""))


@require_POST
def hapus(request: HttpRequest, n: int) -> HttpResponse:
    """Remove a row with everything under it."""
    store, user = _ctx(request)
    return _ubah_lalu_muat(
        request,
        n,
        lambda: konsep.hapus(store, user, n, request.POST.get("path", "")[:500], alamat=alamat(request)),
    )


@require_POST
def ubah_node(request: HttpRequest, n: int) -> HttpResponse:
    """Change a row above the detail lines: its name; an RO's or KRO's volume and satuan;
    an akun's sumber dana and blokir reason; an RO without komponen: its amounts."""
    store, user = _ctx(request)
    post = request.POST
    values: dict[str, Any] = {}
    for name in ("nama", "satuan", "sumber_dana", "uraian_blokir", "kppn"):
        if name in post:
            values[name] = post.get(name, "")[:500]
    if "volume" in post:
        values["volume"] = post.get("volume", "").strip()[:30]

    def action() -> Any:
        if "angka_dasar" in post or "inisiatif_baru" in post:
            values["alokasi"] = {
                "angka_dasar": _rupiah(post.get("angka_dasar", ""), "angka_dasar"),
                "inisiatif_baru": _rupiah(post.get("inisiatif_baru", ""), "inisiatif_baru"),
            }
        try:
            asal = json.loads(post.get("asal", "") or "null")
        except ValueError:
            asal = None
        return konsep.ubah_baris(
            store,
            user,
            n,
            post.get("path", "")[:500],
            values,
            alamat=alamat(request),
            asal=asal if isinstance(asal, dict) else None,
        )

    return _ubah_lalu_muat(request, n, action)


@require_POST
def pindah(request: HttpRequest, n: int) -> HttpResponse:
    """Move a row with everything under it under another parent."""
    store, user = _ctx(request)
    return _ubah_lalu_muat(
        request,
        n,
        lambda: konsep.pindah(
            store,
            user,
            n,
            request.POST.get("path", "")[:500],
            request.POST.get("ke", "").strip()[:500],
            alamat=alamat(request),
        ),
    )


@require_POST
def komentar(request: HttpRequest, n: int) -> HttpResponse:
    """A comment on a row of the draft (anyone who sees it: a reviewer to the operator);
    htmx gets the comment back, to show under the row."""
    store, user = _ctx(request)
    path = request.POST.get("path", "")[:500]
    try:
        made = ulasan.tambah_konsep(store, user, n, path, request.POST.get("teks", ""), alamat(request))
    except InputError as e:
        if request.htmx:
            return HttpResponse(pesan_galat(e), status=422)
        messages.error(request, pesan_galat(e))
        return redirect("konsep", n=n)
    if request.htmx:
        return render(request, "anggaran/_komentar.html", {"komentar": [made]})
    return redirect(reverse("konsep", kwargs={"n": n}) + f"?buka={path}")


@require_POST
def salin(request: HttpRequest, n: int) -> HttpResponse:
    """Copy a row with everything under it (kept in the user's session, to paste into any
    of their drafts)."""
    store, user = _ctx(request)
    try:
        request.session[_CLIP] = konsep.salin(store, user, n, request.POST.get("path", "")[:500])
        messages.info(
            request, pesan_galat(InputError(N_("copied: paste it under a row of the same level's parent")))
        )
    except InputError as e:
        messages.error(request, pesan_galat(e))
    return HttpResponseClientRefresh() if request.htmx else redirect("konsep", n=n)


@require_POST
def tempel(request: HttpRequest, n: int) -> HttpResponse:
    """Paste the row copied last under ``parent``."""
    store, user = _ctx(request)
    clip = request.session.get(_CLIP) or {}
    return _ubah_lalu_muat(
        request,
        n,
        lambda: konsep.tempel(
            store, user, n, request.POST.get("parent", "")[:500], clip, alamat=alamat(request)
        ),
    )


@require_POST
def urung(request: HttpRequest, n: int) -> HttpResponse:
    """Undo the draft's last change."""
    store, user = _ctx(request)
    return _ubah_lalu_muat(request, n, lambda: konsep.urung(store, user, n, alamat(request)))


# -- the revision, the workflow --------------------------------------------------------------------


@require_GET
def revisi(request: HttpRequest, n: int) -> HttpResponse:
    """``/konsep/<n>/revisi/``: the changes against the version the draft started from,
    each with the authority that must approve it and the table row saying so; the
    approvals the revision needs; the workflow's buttons."""
    store, user = _ctx(request)
    draf = konsep.buka(store, user, n)
    changes = konsep.perubahan(store, user, n)
    return render(
        request,
        "anggaran/konsep_revisi.html",
        {
            "d": draf,
            "info": draf.info,
            "perubahan": changes,
            "kewenangan": konsep.kewenangan(changes),
            "tidak_diketahui": konsep.tidak_diketahui(changes),
            "ringkasan": count_by_severity(draf.findings),
            "Severity": Severity,
            "alur": _boleh_alur(user, draf.info),
            "nav": "konsep",
        },
    )


def _boleh_alur(user: Pengguna, info: Any) -> dict[str, bool]:
    """Which workflow buttons the user gets on this draft."""
    sendiri = user.id in (info.diajukan_oleh_id, info.dibuat_oleh_id)
    return {
        "ajukan": info.status == "konsep" and user.boleh("ubah", info.tempat),
        "setujui": info.status == "diajukan" and user.boleh("setujui", info.tempat) and not sendiri,
        "sahkan": info.status == "disetujui"
        and any(user.boleh(f"sahkan_{k}", info.tempat) for k in info.perlu)
        and not sendiri,
        "kembalikan": konsep.boleh_kembalikan(user, info),
    }


@require_POST
def alur(request: HttpRequest, n: int, aksi: str) -> HttpResponse:
    """A workflow step: ajukan, setujui, sahkan, kembalikan (with ``catatan``)."""
    store, user = _ctx(request)
    steps = {
        "ajukan": lambda: konsep.ajukan(store, user, n, alamat(request), nomor=_nomor_form(request, "nomor")),
        "setujui": lambda: konsep.setujui(
            store, user, n, alamat(request), tanpa_baris=request.POST.get("tanpa_baris", "")[:20] or None
        ),
        "sahkan": lambda: konsep.sahkan(store, user, n, alamat(request)),
        "kembalikan": lambda: konsep.kembalikan(
            store, user, n, request.POST.get("catatan", "")[:2000], alamat(request)
        ),
    }
    if aksi not in steps:
        raise OutOfScope(aksi)
    try:
        t = steps[aksi]()
    except InputError as e:
        messages.error(request, pesan_galat(e))
        return redirect("konsep_revisi", n=n)
    if t.versi is not None:
        messages.success(request, pesan_galat(InputError(N_("the draft is now version {n}"), n=t.versi)))
        return redirect("versi", n=t.versi)
    return redirect("konsep_revisi", n=n)


@require_GET
def dokumen(request: HttpRequest, n: int, nama: str, ext: str) -> HttpResponse:
    """A draft's document: bagian-a|bagian-b|rekap . pdf|xlsx|html, bagian-a.json."""
    from anggaran.web.jinja import bahasa

    store, user = _ctx(request)
    try:
        data, name, media = konsep.dokumen_konsep(store, user, n, nama, ext, bahasa())
    except OutputError as e:  # what the format cannot hold (an ADK: a control character)
        messages.error(request, pesan_galat(e))
        return redirect("konsep", n=n)
    response = HttpResponse(data, content_type=media)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# -- ceilings ------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def pagu(request: HttpRequest, kode: str) -> HttpResponse:
    """``/satker/<kode>/pagu/?tahun=&tahap=``: the satker's ceilings and the policies;
    POST sets them (a reviewer or an administrator), from the form or a CSV/XLSX file."""
    store, user = _ctx(request)
    akses.wajib_satker(store, user, kode)
    src = request.POST if request.method == "POST" else request.GET
    tahun_text = src.get("tahun", "").strip()
    tahun = (
        int(tahun_text)
        if tahun_text.isascii() and tahun_text.isdigit() and len(tahun_text) == 4
        else _tahun_terakhir(store, kode)
    )
    tahap = src.get("tahap", "").strip()[:20] or "revisi"
    if request.method == "POST":
        try:
            if request.POST.get("kebijakan"):
                konsep.set_kebijakan(
                    store,
                    user,
                    Kebijakan(
                        request.POST.get("tingkat", "")[:20],
                        request.POST.get("tindakan", "")[:12],
                        _angka(request.POST.get("toleransi", "0")[:10], "toleransi"),
                    ),
                    alamat(request),
                )
            else:
                upload = request.FILES.get("berkas")
                if upload is not None:
                    items = konsep.baca_pagu(upload.read(2 << 20), upload.name or "pagu")
                else:
                    items = [
                        PaguInfo(t, "" if t == "satker" else k.strip()[:20], _rupiah(j, "jumlah"))
                        for t, k, j in zip(
                            request.POST.getlist("tingkat"),
                            request.POST.getlist("kode"),
                            request.POST.getlist("jumlah"),
                            strict=False,
                        )
                        if j.strip()
                    ]
                konsep.set_pagu(
                    store, user, kode, tahun, tahap, items, alamat(request), ganti=upload is not None
                )
            messages.success(request, pesan_galat(InputError(N_("saved"))))
        except InputError as e:
            messages.error(request, pesan_galat(e))
        return redirect(reverse("pagu", kwargs={"kode": kode}) + f"?tahun={tahun}&tahap={tahap}")
    p = konsep.pagu(store, user, kode, tahun, tahap)
    return render(
        request,
        "anggaran/pagu.html",
        {
            "kode": kode,
            "tahun": tahun,
            "tahap": tahap,
            "p": p,
            "TINGKAT": TINGKAT_PAGU,
            "TINDAKAN": TINDAKAN_PAGU,
            "boleh_ubah": user.boleh("pagu", akses.satker_kode(store, kode)),
            "nav": "konsep",
        },
    )


def _tahun_terakhir(store: Store, kode: str) -> int:
    versions = store.versions(satker=kode)
    return versions[-1].tahun_anggaran if versions else 2026
