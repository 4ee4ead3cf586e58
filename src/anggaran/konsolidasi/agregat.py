"""Totals of a consolidation at any cut and drilldown, answered in the shape of
OpenSpending's aggregate API (babbage: ``cells``, ``summary``, ``page``, ``page_size``,
``total_cell_count``, ``attributes``, ``aggregates``, ``cell``, ``order``), and two
versions compared for all satkers at once (the national semula-menjadi).

A cut is ``dimensi:nilai`` (``unit:015.08``; ``=`` is taken for ``:`` too), several joined
by ``|``, a set of values by ``;`` (``provinsi:01;16``). A drilldown names dimensions
joined by ``|`` or ``,`` (``provinsi|jenis_belanja``). The dimensions are the codes a
detail line carries (:data:`DIMENSI`); values are codes as printed, matched exactly.

Every total is the sum of ``jumlah`` over the detail lines (header lines carry no money),
read from ``kubus`` (:data:`anggaran.konsolidasi.skema.KUBUS`: the lines summed per every
dimension, a fifth of their number),
of the version ``menjadi`` unless a cut names ``versi``; when the data hold more than one
year or stage and the cut does not choose, ``tahun`` and ``tahap`` are drilled down first,
so that no total ever adds two stages together: the summary's ``jumlah.sum`` is then null
and ``summary.per`` gives each year's and stage's total.

A user's scope (:class:`anggaran.core.lingkup.Lingkup`) limits the satkers every query
sees: a satker outside it is absent from cells, summary and counts alike. A satker's
provinsi, for a scope by province, is the reference's (``satker.csv``) when it names the
satker, else that of the satker's first KRO row, as the per-tree reader places it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from anggaran.core.errors import InputError
from anggaran.core.findings import N_
from anggaran.core.lingkup import JenisLingkup, Lingkup
from anggaran.konsolidasi.mesin import Mesin
from anggaran.reference import referensi

#: the dimensions a cut or a drilldown may name, each with the reference table that names
#: its codes (None: codes only)
DIMENSI: dict[str, str | None] = {
    "tahun": None,
    "tahap": None,
    "versi": None,
    "kl": "kementerian",
    "unit": "unit_organisasi",
    "satker": "satker",
    "program": "program",
    "kegiatan": "kegiatan",
    "kro": "kro",
    "ro": None,
    "komponen": None,
    "sub_komponen": None,
    "akun": "akun",
    "jenis_belanja": "jenis_belanja",
    "sumber_dana": "sumber_dana",
    "provinsi": "lokasi",
    "kabkota": None,
    "kppn": None,
}
#: the aggregates every cell carries
AGREGAT = ("jumlah.sum", "_count", "satker.count")
#: a value a cut may hold: a code as printed (letters, digits, dots, dashes, a space)
_NILAI = re.compile(r"[A-Za-z0-9][A-Za-z0-9_. -]{0,39}", re.ASCII)
#: the largest page a caller may ask for
PAGE_MAX = 10_000


@dataclass(frozen=True, slots=True)
class Potong:
    """One cut: a dimension and the values it keeps."""

    dimensi: str
    nilai: tuple[str, ...]


@dataclass(slots=True)
class Permintaan:
    """What an aggregate asks: cuts, drilldown, order, page."""

    cut: list[Potong] = field(default_factory=list)
    drilldown: list[str] = field(default_factory=list)
    order: list[tuple[str, str]] = field(default_factory=list)
    page: int = 1
    page_size: int = 100


def _dimensi(name: str, what: str) -> str:
    name = name.strip()
    if name not in DIMENSI:
        raise InputError(
            N_("{apa}: no dimension {nama!r}"),
            expected=N_("one of {daftar}"),
            apa=what,
            nama=name,
            daftar=", ".join(DIMENSI),
        )
    return name


def baca_cut(text: str | Sequence[str] | None) -> list[Potong]:
    """The cuts of ``text`` (``unit:015.08|provinsi:01;16``, or a list of such texts).

    Raises InputError naming the part that is not a cut."""
    parts: list[str] = []
    for t in [text] if isinstance(text, str) else list(text or []):
        parts.extend(p for p in t.split("|") if p.strip())
    out: list[Potong] = []
    for p in parts:
        m = re.fullmatch(r"\s*([a-z_]+)\s*[:=]\s*(.+?)\s*", p)
        if not m:
            raise InputError(N_("cut {teks!r}"), expected=N_("dimension:value, e.g. unit:015.08"), teks=p)
        dim = _dimensi(m[1], "cut")
        values = tuple(v.strip().strip('"') for v in m[2].split(";") if v.strip())
        bad = [v for v in values if not _NILAI.fullmatch(v)]
        if bad or not values:
            raise InputError(
                N_("cut {teks!r}"),
                expected=N_("codes as printed, e.g. unit:015.08 or provinsi:01;16"),
                teks=p,
            )
        out.append(Potong(dim, values))
    return out


def baca_drilldown(text: str | Sequence[str] | None) -> list[str]:
    """The dimensions of ``text`` (``provinsi|jenis_belanja`` or ``provinsi,jenis_belanja``)."""
    parts: list[str] = []
    for t in [text] if isinstance(text, str) else list(text or []):
        parts.extend(p for p in re.split(r"[|,]", t) if p.strip())
    out: list[str] = []
    for p in parts:
        d = _dimensi(p, "drilldown")
        if d not in out:
            out.append(d)
    return out


def baca_order(text: str | None) -> list[tuple[str, str]]:
    """``jumlah.sum:desc|program`` as (key, asc/desc) pairs."""
    out: list[tuple[str, str]] = []
    for p in (text or "").split("|"):
        if not p.strip():
            continue
        key, _, arah = p.strip().partition(":")
        arah = arah or "asc"
        if (key not in DIMENSI and key not in AGREGAT) or arah not in ("asc", "desc"):
            raise InputError(
                N_("order {teks!r}"), expected=N_("a dimension or jumlah.sum, then :asc or :desc"), teks=p
            )
        out.append((key, arah))
    return out


def _lit(v: str) -> str:
    return "'" + v.replace("'", "''") + "'"


def _daftar(values: Sequence[str]) -> str:
    return ", ".join(_lit(v) for v in values) if values else "NULL"


def lingkup_sql(lingkup: Sequence[Lingkup] | None) -> str:
    """A condition on the rows of ``item`` or ``kubus`` keeping the satkers within ``lingkup`` (None: every
    satker; an empty list: none)."""
    if lingkup is None:
        return "TRUE"
    conds: list[str] = []
    for s in lingkup:
        if s.jenis is JenisLingkup.SEMUA:
            return "TRUE"
        if s.jenis is JenisLingkup.SATKER:
            conds.append(f"satker = {_lit(s.kode)}")
        elif s.jenis is JenisLingkup.UNIT:
            conds.append(f"unit = {_lit(s.kode)}")
        elif s.jenis is JenisLingkup.KL:
            conds.append(f"kl = {_lit(s.kode)}")
        elif s.jenis is JenisLingkup.PROVINSI:
            known = {k: r for k, r in referensi().satker.items() if r.kdlokasi}
            inside = [k for k, r in known.items() if r.kdlokasi == s.kode]
            conds.append(
                f"(satker IN ({_daftar(inside)}) OR (satker NOT IN ({_daftar(list(known))}) AND satker IN "
                f"(SELECT satker FROM kro GROUP BY satker HAVING arg_min(provinsi, baris) = {_lit(s.kode)})))"
            )
    return "(" + " OR ".join(conds) + ")" if conds else "FALSE"


def _where(cut: Sequence[Potong], lingkup: Sequence[Lingkup] | None) -> str:
    conds = [lingkup_sql(lingkup)]
    if not any(p.dimensi == "versi" for p in cut):
        conds.append("versi = 'menjadi'")
    for p in cut:
        conds.append(f"{p.dimensi} IN ({_daftar(p.nilai)})")
    return " AND ".join(conds)


def _per_tahap(mesin: Mesin, where: str) -> list[tuple[Any, ...]]:
    """Per year and stage within ``where``: sum, lines, satkers (one scan)."""
    return mesin.sql(
        f"SELECT tahun, tahap, sum(jumlah), sum(baris), count(DISTINCT satker) FROM kubus WHERE {where} "
        "GROUP BY tahun, tahap ORDER BY tahun, tahap"
    )


def _nama(dim: str, kode: Any) -> str | None:
    jenis = DIMENSI.get(dim)
    if jenis is None or kode is None:
        return None
    if jenis == "jenis_belanja":
        return referensi().jenis_belanja.get(str(kode))
    return referensi().nama(jenis, str(kode))


def agregat(mesin: Mesin, minta: Permintaan, lingkup: Sequence[Lingkup] | None = None) -> dict[str, Any]:
    """The totals ``minta`` asks of the consolidation ``mesin``, within ``lingkup``, as
    OpenSpending's aggregate API answers them."""
    if minta.page < 1 or not 1 <= minta.page_size <= PAGE_MAX:
        raise InputError(
            N_("page {page}, page size {size}"),
            expected=N_("page >= 1, page size 1..10000"),
            page=minta.page,
            size=minta.page_size,
        )
    where = _where(minta.cut, lingkup)
    per = _per_tahap(mesin, where)
    ganda = [d for i, d in enumerate(("tahun", "tahap")) if len({r[i] for r in per}) > 1]
    drill = [*[d for d in ganda if d not in minta.drilldown], *minta.drilldown]
    aggs = "sum(jumlah) AS jumlah_sum, sum(baris) AS n, count(DISTINCT satker) AS satker_n"
    summary: dict[str, Any]
    if ganda:
        # stages are never added together: the summary gives each one's total
        satker = mesin.sql(f"SELECT count(DISTINCT satker) FROM kubus WHERE {where}")
        summary = {
            "jumlah.sum": None,
            "_count": sum(int(r[3] or 0) for r in per),
            "satker.count": int(satker[0][0] or 0) if satker else 0,
            "per": [
                {
                    **{d: r[("tahun", "tahap").index(d)] for d in ganda},
                    "jumlah.sum": int(r[2] or 0),
                    "_count": int(r[3] or 0),
                }
                for r in per
            ],
        }
    else:
        s = per[0] if per else ("", "", 0, 0, 0)
        summary = {"jumlah.sum": int(s[2] or 0), "_count": int(s[3] or 0), "satker.count": int(s[4] or 0)}
    cells: list[dict[str, Any]] = []
    total = 1 if not drill else 0
    if drill:
        keys = ", ".join(drill)
        order_sql = []
        for k, arah in minta.order or [(d, "asc") for d in drill]:
            col = {"jumlah.sum": "jumlah_sum", "_count": "n", "satker.count": "satker_n"}.get(k, k)
            if col in drill or col in ("jumlah_sum", "n", "satker_n"):
                order_sql.append(f"{col} {arah.upper()}")
        order_sql += [f"{d} ASC" for d in drill]
        offset = (minta.page - 1) * minta.page_size
        rows = mesin.sql(
            f"SELECT {keys}, {aggs}, count(*) OVER () AS cells FROM kubus WHERE {where} GROUP BY {keys} "
            f"ORDER BY {', '.join(order_sql)} LIMIT {int(minta.page_size)} OFFSET {int(offset)}"
        )
        if rows:
            total = int(rows[0][-1])
        elif minta.page > 1:
            got = mesin.sql(
                f"SELECT count(*) FROM (SELECT {keys} FROM kubus WHERE {where} GROUP BY {keys}) t"
            )
            total = int(got[0][0]) if got else 0
        for r in rows:
            cell: dict[str, Any] = {}
            for i, d in enumerate(drill):
                cell[d] = r[i]
                nama = _nama(d, r[i])
                if nama:
                    cell[f"{d}.nama"] = nama
            cell["jumlah.sum"] = int(r[len(drill)] or 0)
            cell["_count"] = int(r[len(drill) + 1] or 0)
            cell["satker.count"] = int(r[len(drill) + 2] or 0)
            cells.append(cell)
    else:
        cells = [dict(summary)]
    return {
        "attributes": drill,
        "aggregates": list(AGREGAT),
        "cell": [{"ref": p.dimensi, "operator": ":", "value": ";".join(p.nilai)} for p in minta.cut],
        "order": [list(o) for o in minta.order],
        "cells": cells,
        "summary": summary,
        "page": minta.page,
        "page_size": minta.page_size,
        "total_cell_count": total,
    }


@dataclass(frozen=True, slots=True)
class Sisi:
    """One side of a comparison: a stage and a version (``dipa``, ``menjadi``); an empty
    stage takes every stage the cut leaves."""

    tahap: str
    versi: str

    @classmethod
    def baca(cls, text: str) -> Sisi:
        """``tahap:versi``, ``tahap`` (menjadi) or ``:versi`` (every stage)."""
        tahap, _, versi = text.strip().partition(":")
        versi = versi or "menjadi"
        if versi not in ("semula", "menjadi") or (tahap and not _NILAI.fullmatch(tahap)):
            raise InputError(
                N_("version {teks!r}"), expected=N_("stage:version, e.g. dipa:menjadi or :semula"), teks=text
            )
        return cls(tahap, versi)

    def sql(self) -> str:
        cond = f"versi = {_lit(self.versi)}"
        return f"{cond} AND tahap = {_lit(self.tahap)}" if self.tahap else cond


def banding(
    mesin: Mesin,
    semula: Sisi,
    menjadi: Sisi,
    cut: Sequence[Potong],
    drilldown: Sequence[str],
    lingkup: Sequence[Lingkup] | None = None,
    limit: int = PAGE_MAX,
) -> dict[str, Any]:
    """``semula`` and ``menjadi`` side by side with their difference, per ``drilldown``
    cell (every satker at once), biggest change first; and the summary."""
    conds = [lingkup_sql(lingkup), f"(({semula.sql()}) OR ({menjadi.sql()}))"]
    conds += [f"{p.dimensi} IN ({_daftar(p.nilai)})" for p in cut if p.dimensi != "versi"]
    where = " AND ".join(conds)
    aggs = (
        f"coalesce(sum(jumlah) FILTER (WHERE {semula.sql()}), 0) AS semula, "
        f"coalesce(sum(jumlah) FILTER (WHERE {menjadi.sql()}), 0) AS menjadi"
    )
    s = mesin.sql(f"SELECT {aggs} FROM kubus WHERE {where}")
    a, b = (int(s[0][0] or 0), int(s[0][1] or 0)) if s else (0, 0)
    summary = {"semula": a, "menjadi": b, "selisih": b - a}
    cells: list[dict[str, Any]] = []
    total = 0
    if drilldown:
        keys = ", ".join(drilldown)
        rows = mesin.sql(
            f"SELECT {keys}, semula, menjadi, menjadi - semula AS selisih, count(*) OVER () AS cells FROM "
            f"(SELECT {keys}, {aggs} FROM kubus WHERE {where} GROUP BY {keys}) t "
            f"ORDER BY abs(menjadi - semula) DESC, {', '.join(f'{d} ASC' for d in drilldown)} "
            f"LIMIT {int(limit)}"
        )
        total = int(rows[0][-1]) if rows else 0
        for r in rows:
            cell: dict[str, Any] = {}
            for i, d in enumerate(drilldown):
                cell[d] = r[i]
                nama = _nama(d, r[i])
                if nama:
                    cell[f"{d}.nama"] = nama
            n = len(drilldown)
            cell.update(semula=int(r[n]), menjadi=int(r[n + 1]), selisih=int(r[n + 2]))
            cells.append(cell)
    return {
        "attributes": list(drilldown),
        "semula": {"tahap": semula.tahap, "versi": semula.versi},
        "menjadi": {"tahap": menjadi.tahap, "versi": menjadi.versi},
        "cell": [{"ref": p.dimensi, "operator": ":", "value": ";".join(p.nilai)} for p in cut],
        "cells": cells,
        "summary": summary,
        "total_cell_count": total,
    }
