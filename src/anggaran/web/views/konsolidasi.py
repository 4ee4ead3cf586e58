"""The consolidation page (``/konsolidasi/``): the totals of every satker in the reader's
scope at a cut and drilldown chosen in a form (htmx swaps the results; without script the
form reloads the page), two stages or versions compared (the national semula-menjadi),
and the satkers with the most errors. The data is the web's consolidation
(:func:`anggaran.services.konsolidasi.sumber_web`): the national set
``$ANGGARAN_KONSOLIDASI`` names, else the store's latest versions. A satker outside the
reader's scope is in no total, count or list."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from anggaran.core.errors import InputError
from anggaran.core.findings import N_
from anggaran.reports.grafik import batang
from anggaran.services import konsolidasi as svc
from anggaran.services.akses import Pengguna
from anggaran.store import Store
from anggaran.web.jinja import bahasa, pesan_galat

#: the dimensions a reader may drill down by, as the form names them
DIMENSI = {
    "program": N_("program"),
    "kegiatan": N_("kegiatan"),
    "kro": N_("KRO"),
    "ro": N_("RO"),
    "komponen": N_("komponen"),
    "akun": N_("akun"),
    "jenis_belanja": N_("jenis belanja"),
    "sumber_dana": N_("sumber dana"),
    "kl": N_("K/L"),
    "unit": N_("unit eselon I"),
    "satker": N_("satker"),
    "provinsi": N_("province"),
    "kabkota": N_("kab/kota"),
    "kppn": N_("KPPN"),
    "tahun": N_("fiscal year"),
    "tahap": N_("stage"),
    "versi": N_("version (semula/menjadi)"),
}
#: where a code's link drills next: a program's kegiatan, a province's kab/kota…
LANJUT = {
    "program": "kegiatan",
    "kegiatan": "kro",
    "kro": "ro",
    "ro": "komponen",
    "komponen": "akun",
    "jenis_belanja": "akun",
    "kl": "unit",
    "unit": "satker",
    "satker": "program",
    "provinsi": "kabkota",
    "kabkota": "satker",
    "kppn": "satker",
    "sumber_dana": "program",
}
#: the rows of a page of totals, and of the comparison
PAGE_SIZE = 50
BANDING_LIMIT = 50
#: the bars of a chart
BATANG = 15
#: the orders a reader may choose
URUTAN = {"jumlah": "jumlah.sum:desc", "kode": ""}


def _urutan_tahap(tahap: str) -> tuple[int, int, str]:
    """Stages in the order of a fiscal year (pagu indikatif … DIPA, revisi 1, 2, …); a
    stage the year does not name (``adk``) first."""
    known = ("pagu-indikatif", "pagu-anggaran", "alokasi-anggaran", "dipa")
    if tahap in known:
        return (1 + known.index(tahap), 0, "")
    m = re.fullmatch(r"revisi-(\d{1,4})", tahap)
    if m:
        return (len(known) + 1, int(m[1]), "")
    return (0, 0, tahap)


def _kunci_sisi(sisi: tuple[str, str]) -> tuple[tuple[int, int, str], int]:
    return _urutan_tahap(sisi[0]), 0 if sisi[1] == "semula" else 1


def pasangan(bersama: dict[tuple[tuple[str, str], tuple[str, str]], int]) -> tuple[str, str] | None:
    """The comparison a page opens with: the two stages or versions with the most satkers
    in common (the later pair when even), the earlier one as semula."""
    best: tuple[Any, ...] | None = None
    for (a, b), n in bersama.items():
        if _kunci_sisi(a) >= _kunci_sisi(b):
            continue
        key = (n, _kunci_sisi(b), _kunci_sisi(a))
        if best is None or key > best[0]:
            best = (key, a, b)
    if best is None:
        return None
    return f"{best[1][0]}:{best[1][1]}", f"{best[2][0]}:{best[2][1]}"


def _tambah_cut(cut: str, dim: str, value: str) -> str:
    """``cut`` with ``dim:value`` in place of any cut on ``dim``."""
    parts = [p.strip() for p in cut.split("|") if p.strip()]
    parts = [p for p in parts if not re.match(rf"{dim}\s*[:=]", p)]
    return "|".join([*parts, f"{dim}:{value}"])


def _qs(q: QueryDict, **ubah: Any) -> str:
    """The page's query with ``ubah`` in place (an empty value drops the field)."""
    out = {k: v for k, v in q.items() if k not in ubah and v}
    out.update({k: v for k, v in ubah.items() if v not in (None, "")})
    return urlencode(out)


def _sumber(folder: Path) -> dict[str, Any]:
    """What the page says of its data: a consolidation folder's name, or the store's."""
    try:
        meta = json.loads((folder / svc.PENANDA).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        meta = {}
    return {
        "store": meta.get("sumber") == "store",
        "nama": folder.name,
        "dibuat": meta.get("dibuat") or None,
    }


def _label(cell: dict[str, Any], drill: list[str]) -> tuple[str, str]:
    """A cell as a chart labels it: each code with its name (``01 DKI JAKARTA · 52
    Belanja Barang``), as (code, name) of the chart's items."""
    parts = [" ".join(str(x) for x in (cell.get(d) or "–", cell.get(f"{d}.nama") or "") if x) for d in drill]
    return " · ".join(parts), ""


def _teks(q: QueryDict, name: str, limit: int = 200) -> str:
    return str(q.get(name, "")).strip()[:limit]


@require_GET
def halaman(request: HttpRequest) -> HttpResponse:
    """``/konsolidasi/``: the form and its results; an htmx request of the form gets the
    results alone."""
    store: Store = request.store
    user: Pengguna = request.pengguna
    user.wajib("lihat")
    lingkup = user.lingkup("lihat")
    q = request.GET
    tahap, cut = _teks(q, "tahap", 40), _teks(q, "cut", 300)
    rinci = [d for d in (_teks(q, "rinci", 20) or "program", _teks(q, "rinci2", 20)) if d]
    urut = _teks(q, "urut", 10) or "jumlah"
    try:
        page = max(1, min(int(q.get("page", "1")), 100_000))
    except ValueError:
        page = 1
    semula, menjadi = _teks(q, "semula", 60), _teks(q, "menjadi", 60)
    per = _teks(q, "per", 20) or "program"
    galat: list[str] = []
    agg: dict[str, Any] | None = None
    bd: dict[str, Any] | None = None
    with svc.mesin_web(store) as (mesin, folder):
        sisi, bersama, satker = svc.sisi_web(mesin, lingkup)
        if not (semula and menjadi):
            semula, menjadi = pasangan(bersama) or (semula, menjadi)
        potong = "|".join(p for p in (f"tahap:{tahap}" if tahap else "", cut) if p)
        per_tahap: list[dict[str, Any]] = []
        try:
            agg = svc.query(mesin, potong or None, rinci, URUTAN.get(urut, ""), page, PAGE_SIZE, lingkup)
            ganda = [d for d in agg["attributes"] if d in ("tahun", "tahap") and d not in rinci]
            if ganda:  # the summary would add stages together: a total per stage instead
                per_tahap = svc.query(mesin, potong or None, ganda, None, 1, 100, lingkup)["cells"]
                per_tahap.sort(key=lambda c: (str(c.get("tahun")), _urutan_tahap(str(c.get("tahap")))))
        except InputError as exc:
            galat.append(pesan_galat(exc))
        if semula and menjadi:
            try:
                bd = svc.banding(mesin, semula, menjadi, cut or None, [per], lingkup, BANDING_LIMIT)
            except InputError as exc:
                galat.append(pesan_galat(exc))
        temuan = [] if request.htmx else svc.temuan_web(mesin, folder, lingkup)
    chart = ""
    if agg and agg["attributes"] and agg["cells"]:
        drill = agg["attributes"]
        items = [(*_label(c, drill), int(c["jumlah.sum"])) for c in agg["cells"][:BATANG]]
        chart = batang(items, bahasa())
    tahaps = sorted({t for t, _, _ in sisi}, key=_urutan_tahap)
    ctx = {
        "q": q,
        "qs": lambda **ubah: _qs(q, **ubah),
        "tahap": tahap,
        "cut": cut,
        "rinci": rinci,
        "urut": urut,
        "semula": semula,
        "menjadi": menjadi,
        "per": per,
        "agg": agg,
        "per_tahap": per_tahap,
        "bd": bd,
        "galat": galat,
        "chart": chart,
        "temuan": temuan,
        "satker": satker,
        "tahaps": tahaps,
        "sisi": sorted(((t, v) for t, v, _ in sisi), key=_kunci_sisi),
        "dimensi": DIMENSI,
        "lanjut": LANJUT,
        "tambah_cut": _tambah_cut,
        "sumber": _sumber(folder),
        "page_max": max(1, -(-(agg["total_cell_count"] if agg else 0) // PAGE_SIZE)),
    }
    template = "anggaran/_konsolidasi_hasil.html" if request.htmx else "anggaran/konsolidasi.html"
    response = render(request, template, ctx, status=400 if galat and not request.htmx else 200)
    patch_vary_headers(response, ("HX-Request",))
    return response
