"""The rows of an ADK archive that a tree gives, the same for the writer and the reader.

A row is built in four layers, each over the one before:

1. the table's defaults (:data:`formats.adk.skema.BAWAAN`: what SAKTI writes most often);
2. what it takes from its parent's row: the codes that place it (satker, program,
   kegiatan, KRO and its lokasi and ``kddekon``, RO, komponen, sub-komponen, akun) and the
   columns SAKTI copies down (``kdjendok``, ``kdib``, ``register`` …: :data:`WARIS`);
3. what the tree models (codes, names, volumes, amounts, the monthly plan …) and what
   follows from it (``header1``/``header2`` of a detail line: the number of the header
   line it falls under; ``persenNN`` and ``chkNN`` of the withdrawal plan);
4. the node's ``adk``: the raw values of its row where they differ from 1-3.

The reader (:func:`isi_adk`) builds layers 1-3 for every row it read and keeps in
``adk`` what differs, so that the writer gives every row back field by field. A raw value
of a column the tree models is used only while it still reads as what the tree says
(``" ORG"`` for the satuan ``ORG``; the factors ``0 x 2 ORG`` for ``2 ORG``): when the
tree has been changed since, the tree wins. Columns the tree does not model are written
from ``adk`` as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache, lru_cache
from operator import itemgetter
from typing import Any

from anggaran.core.errors import OutputError
from anggaran.core.findings import N_
from anggaran.core.tree import (
    BULAN,
    KRO,
    Akun,
    Detail,
    RencanaPenarikan,
    RkaSatker,
)
from anggaran.formats.adk.skema import tabel

Row = dict[str, str]
#: what the caller does with a row's layers 1-3 (``base``): gives the row as written.
#: Arguments: table, node, base, prefix of the node's ``adk`` keys for this row (``""``;
#: ``catatan.N.`` for the N-th note of an akun)
Selesai = Callable[[str, Any, Row, str], Row]

#: a number as Visual FoxPro writes it (the reader's own pattern)
_NUMBER = re.compile(r"[0-9]{1,18}(?:\.[0-9]{1,8})?", re.ASCII)
_DIGITS = re.compile(r"[0-9]+", re.ASCII)

#: columns a row takes from its parent's row when both tables have them
WARIS = frozenset(
    (
        "thang",
        "kdjendok",
        "kdsatker",
        "kddept",
        "kdunit",
        "kdprogram",
        "kdgiat",
        "kdoutput",
        "kdlokasi",
        "kdkabkota",
        "kddekon",
        "kdsoutput",
        "kdkmpnen",
        "kdskmpnen",
        "kdakun",
        "kdkppn",
        "kdbeban",
        "kdjnsban",
        "kdctarik",
        "register",
        "carahitung",
        "kdib",
        "revrkaklke",
        "revdipake",
    )
)


# -- how the reader reads a column (a raw value is used while it reads as the tree says) --
def _kode(r: Mapping[str, str], k: str) -> object:
    return r[k].rstrip()


def _teks(r: Mapping[str, str], k: str) -> object:
    return r[k].strip()


def _opsional(r: Mapping[str, str], k: str) -> object:
    return r[k].strip() or None


def _angka(r: Mapping[str, str], k: str) -> object:
    text = r[k].strip()
    if not text:
        return Decimal(0)
    if not _NUMBER.fullmatch(text):
        raise ValueError(text)
    return Decimal(text)


def _nmitem(r: Mapping[str, str], k: str) -> object:
    return r[k].rstrip()


def _kdtrktrm(r: Mapping[str, str], k: str) -> object:
    return r[k].strip() or "1"


def _faktor(r: Mapping[str, str]) -> object:
    out = []
    for n in (1, 2, 3, 4):
        v = _angka(r, f"vol{n}")
        if v != 0:
            out.append((v, r[f"sat{n}"].strip()))
    return out


def _bulanan(r: Mapping[str, str]) -> object:
    kdheader = r["kdheader"].strip()
    rencana = [_angka(r, b) for b in BULAN]
    tingkat = int(kdheader) if kdheader in ("1", "2") else 0
    return tingkat, rencana if any(rencana) or not kdheader else []


def _catatan(r: Mapping[str, str]) -> object:
    return " ".join(r[k].strip() for k in ("ket", "ket2") if r[k].strip())


@dataclass(frozen=True, slots=True)
class _Kelompok:
    """Columns the tree models together, and how the reader reads them."""

    kolom: tuple[str, ...]
    baca: Callable[[Mapping[str, str]], object]


def _satu(k: str, baca: Callable[[Mapping[str, str], str], object]) -> _Kelompok:
    return _Kelompok((k,), lambda r: baca(r, k))


_KUNCI_KRO = (
    "thang",
    "kdsatker",
    "kddept",
    "kdunit",
    "kdprogram",
    "kdgiat",
    "kdoutput",
    "kdlokasi",
    "kdkabkota",
)
_KUNCI_RO = (*_KUNCI_KRO, "kddekon", "kdsoutput")
_KUNCI_AKUN = (*_KUNCI_RO, "kdkmpnen", "kdskmpnen", "kdakun")
#: the columns that place a row in the tree (read as codes: trailing blanks dropped)
_KUNCI = {
    "output": _KUNCI_KRO,
    "soutput": _KUNCI_RO,
    "kmpnen": (*_KUNCI_RO, "kdkmpnen"),
    "skmpnen": (*_KUNCI_RO, "kdkmpnen", "kdskmpnen"),
    "akun": _KUNCI_AKUN,
    "item": (*_KUNCI_AKUN, "kdkppn", "kdbeban"),
    "cttakun": (*_KUNCI_AKUN, "kdkppn", "kdbeban"),
    "trktrm": ("thang", "kdsatker", "kddept", "kdunit", "kdprogram", "kdgiat"),
    "kpa": ("thang", "kdsatker", "kddept", "kdunit"),
}
#: the columns the tree models besides the codes
_MODEL: dict[str, list[_Kelompok]] = {
    "output": [_satu("vol", _angka)],
    "soutput": [_satu("ursoutput", _teks), _satu("volsout", _angka)],
    "kmpnen": [_satu("urkmpnen", _teks)],
    "skmpnen": [_satu("urskmpnen", _teks)],
    "akun": [_satu("kdkppn", _opsional), _satu("kdbeban", _opsional), _satu("uraiblokir", _opsional)],
    "item": [
        _satu("nmitem", _nmitem),
        _satu("noitem", _opsional),
        _satu("volkeg", _angka),
        _satu("satkeg", _teks),
        _satu("hargasat", _angka),
        _satu("jumlah", _angka),
        _satu("rphblokir", _angka),
        _satu("kdib", _opsional),
        _Kelompok(tuple(f"{c}{n}" for n in (1, 2, 3, 4) for c in ("vol", "sat")), _faktor),
        _Kelompok(("kdheader", *BULAN), _bulanan),
    ],
    "cttakun": [_Kelompok(("ket", "ket2"), _catatan)],
    "trktrm": [
        _satu("jnsbelanja", _teks),
        _satu("rphpagu", _angka),
        _satu("kdtrktrm", _kdtrktrm),
        *(_satu(f"jml{m:02d}", _angka) for m in range(1, 13)),
    ],
    "kpa": [],
}


@cache
def _kelompok(nama: str) -> dict[str, _Kelompok]:
    """Column -> the group that models it, for table ``nama``."""
    out = {k: _satu(k, _kode) for k in _KUNCI[nama]}
    for g in _MODEL[nama]:
        for k in g.kolom:
            out[k] = g
    return out


@cache
def _waris(nama: str) -> tuple[str, ...]:
    return tuple(k for k in tabel(nama).baris if k in WARIS)


@cache
def _kosong(nama: str) -> Row:
    return tabel(nama).kosong()


def terapkan(nama: str, base: Row, over: Mapping[str, str]) -> Row:
    """``base`` (layers 1-3 of a row of table ``nama``) with the raw values ``over``: those
    of columns the tree does not model as they are; those of a column (or group of
    columns) it models only when they read as ``base`` does. Columns the table lacks are
    left out."""
    row = dict(base)
    if not over:
        return row
    groups = _kelompok(nama)
    touched: dict[int, _Kelompok] = {}
    for k, v in over.items():
        if k not in row:
            continue
        g = groups.get(k)
        if g is None:
            row[k] = v
        else:
            touched[id(g)] = g
    for g in touched.values():
        candidate = {k: over.get(k, base[k]) for k in g.kolom}
        try:
            same = g.baca(candidate) == g.baca(base)
        except (ValueError, InvalidOperation):
            same = False
        if same:
            row.update(candidate)
    return row


def beda(nama: str, base: Row, kolom: tuple[str, ...], nilai: tuple[str, ...]) -> dict[str, str]:
    """The raw values ``nilai`` of the columns ``kolom`` (a row as read) that differ from
    ``base``."""
    if not kolom:
        return {}
    mine = itemgetter(*kolom)(base)
    if len(kolom) == 1:
        mine = (mine,)
    if mine == nilai:
        return {}
    return {k: v for k, v, b in zip(kolom, nilai, mine, strict=True) if v != b}


def adk_baris(adk: dict[str, str] | None, prefix: str = "") -> dict[str, str]:
    """The part of a node's ``adk`` for one of its rows: its own row's columns (``prefix``
    ``""``: the keys without a dot) or those of a note row (``catatan.N.``)."""
    if not adk:
        return {}
    if not prefix:
        return {k: v for k, v in adk.items() if "." not in k}
    return {k[len(prefix) :]: v for k, v in adk.items() if k.startswith(prefix)}


def tulis(nama: str, node: Any, base: Row, prefix: str) -> Row:
    """:data:`Selesai` of the writer: the row with the node's ``adk`` applied."""
    return terapkan(nama, base, adk_baris(getattr(node, "adk", None), prefix))


# -- numbers ---------------------------------------------------------------------------
class _BukanAngka(Exception):
    def __init__(self, kolom: str, nilai: object) -> None:
        self.kolom, self.nilai = kolom, nilai
        self.where = ""


def angka(v: Decimal | int, kolom: str = "") -> str:
    """A number as Visual FoxPro writes it: digits, a fraction without trailing zeros
    (``3979.3``, ``8.8``, ``12``). Raises ``_BukanAngka`` for one the ADK cannot hold
    (negative, more than 18 digits before the point or 8 after it)."""
    if type(v) is int and 0 <= v < _BATAS:
        return str(v)
    if isinstance(v, int):
        raise _BukanAngka(kolom, v)
    text = "0" if v == 0 else format(v.normalize(), "f")
    if not _NUMBER.fullmatch(text):
        raise _BukanAngka(kolom, v)
    return text


#: the first whole number with more than 18 digits
_BATAS = 10**18


def _persen(jml: int, pagu: int) -> str:
    """``persenNN`` of the withdrawal plan: the month's share of the pagu in percent,
    rounded half up to 2 decimals (seen on 7,954 of 7,956 months; the two others are
    in 527010, whose archive is not consistent)."""
    if not pagu:
        return "0"
    return angka((Decimal(jml) * 100 / Decimal(pagu)).quantize(Decimal("0.01"), ROUND_HALF_UP))


# -- the rows of a tree ----------------------------------------------------------------
#: the columns of the rows above the tables: a satker's own, and a kegiatan's
_KONTEKS = {
    "satker": ("thang", "kdsatker", "kddept", "kdunit"),
    "kegiatan": ("thang", "kdsatker", "kddept", "kdunit", "kdprogram", "kdgiat"),
}


@cache
def _dari(nama: str, induk: str) -> tuple[tuple[str, ...], Callable[[Row], tuple[str, ...]]]:
    """The columns a row of ``nama`` takes from a row of ``induk`` (a table, or a context
    of :data:`_KONTEKS`), and a function giving their values."""
    above = set(_KONTEKS.get(induk) or tabel(induk).baris)
    keys = tuple(k for k in _waris(nama) if k in above)
    return keys, itemgetter(*keys)


def _dasar(nama: str, parent: Row, induk: str, model: dict[str, str]) -> Row:
    """Layers 1-3 of a row of table ``nama`` under ``parent`` (a row of ``induk``)."""
    row = dict(_kosong(nama))
    keys, get = _dari(nama, induk)
    row.update(zip(keys, get(parent), strict=True))
    row.update(model)
    return row


def _kode_akhir(kode: str) -> str:
    """The last segment of a dotted code: ``BF`` of ``013.05.BF``, ``BDC`` of ``5252.BDC``."""
    return kode.rsplit(".", 1)[-1]


def _lokasi(tree: RkaSatker, kro: KRO) -> tuple[str, str]:
    if kro.lokasi:
        a, _, b = kro.lokasi.partition(".")
        return a, b
    return tree.provinsi.kode, tree.lokasi.kode


def _noitem(details: list[Detail]) -> Iterator[str]:
    """Each line's item number; a line without one takes the next free number."""
    taken = [int(d.kode) for d in details if d.kode is not None and _DIGITS.fullmatch(d.kode.strip())]
    nxt = max(taken, default=0)
    for d in details:
        if d.kode is not None:
            yield d.kode
        else:
            nxt += 1
            yield str(nxt)


_FAKTOR = tuple((f"vol{n}", f"sat{n}") for n in (1, 2, 3, 4))


def _detail(d: Detail, noitem: str, header: tuple[int, int]) -> Row:
    n1, n2 = header
    out = {
        "kdheader": str(d.tingkat) if d.tingkat in (1, 2) else "",
        "header1": f"{n1:02d}" if n1 else "",
        "header2": f"{n2:02d}" if n2 else "",
        "noitem": noitem,
        "nmitem": d.uraian,
        "volkeg": _volume(d.volume, "volkeg"),
        "satkeg": d.satuan,
        "hargasat": angka(d.harga_satuan, "hargasat"),
        "jumlah": angka(d.jumlah, "jumlah"),
        "rphblokir": angka(d.blokir, "rphblokir"),
        "kdib": d.kdib or "",
    }
    faktor = d.faktor
    for n, (vol, sat) in enumerate(_FAKTOR):
        if n < len(faktor):
            out[vol], out[sat] = _volume(faktor[n][0], vol), faktor[n][1]
        else:
            out[vol], out[sat] = "0", ""
    rencana = d.rencana_bulanan
    if rencana:  # 12 months (fewer: the rest 0, as none: 0)
        for b, v in zip(BULAN, rencana, strict=False):
            out[b] = str(v) if type(v) is int and -1 < v < _BATAS else angka(v, b)
        for b in BULAN[len(rencana) :]:
            out[b] = "0"
    else:
        out.update(_NOL_BULAN)
    return out


_NOL_BULAN = dict.fromkeys(BULAN, "0")


@lru_cache(maxsize=65536)
def _teks_volume(v: Decimal) -> str | None:
    try:
        return angka(v)
    except _BukanAngka:
        return None


def _volume(v: Decimal, kolom: str) -> str:
    """:func:`angka` of a volume, remembered (the same volumes recur on many lines)."""
    text = _teks_volume(v)
    if text is None:
        raise _BukanAngka(kolom, v)
    return text


def _penarikan(r: RencanaPenarikan) -> Row:
    bulanan = [*r.bulanan, *[0] * (12 - len(r.bulanan))][:12]
    out = {
        "kdprogram": _kode_akhir(r.program),
        "kdgiat": r.kegiatan,
        "jnsbelanja": r.jenis_belanja,
        "rphpagu": angka(r.pagu, "rphpagu"),
        "kdtrktrm": r.kdtrktrm,
    }
    for m, v in enumerate(bulanan, 1):
        out[f"jml{m:02d}"] = angka(v, f"jml{m:02d}")
        out[f"persen{m:02d}"] = _persen(v, r.pagu)
        out[f"chk{m:02d}"] = "1" if v else "0"
    return out


def konteks(tree: RkaSatker) -> Row:
    """The satker's own columns, which every row of it takes."""
    return {
        "thang": str(tree.dokumen.tahun_anggaran),
        "kdsatker": tree.satker.kode,
        "kddept": tree.kementerian.kode,
        "kdunit": tree.unit_organisasi.kode,
    }


def rows(tree: RkaSatker, selesai: Selesai, rincian: bool = True) -> Iterator[tuple[str, Row, str]]:
    """Every row of ``tree`` as (table, row, where), in document order: a KRO's row, then
    its RO's, each followed by its komponen … down to an akun's row, its detail lines and
    its notes (``cttakun``); then the withdrawal plan (``trktrm``) and, when the document
    names its signatory, ``kpa``. ``where`` names the node (``015116 013.05.BF/5252/…``).
    ``rincian`` False leaves out the notes, the withdrawal plan and ``kpa`` (the ``m_*``
    tables have none). ``selesai`` turns each row's layers 1-3 into the row written, and
    the children are built on that. Raises OutputError for a number the ADK cannot hold."""
    top = konteks(tree)
    satker = tree.satker.kode
    where = satker
    try:
        for p in tree.program:
            pctx = {**top, "kdprogram": _kode_akhir(p.kode)}
            for k in p.kegiatan:
                kctx = {**pctx, "kdgiat": k.kode}
                for x in k.kro:
                    where = f"{satker} {p.kode}/{k.kode}/{x.kode}"
                    kdlokasi, kdkabkota = _lokasi(tree, x)
                    model = {
                        "kdoutput": _kode_akhir(x.kode),
                        "kdlokasi": kdlokasi,
                        "kdkabkota": kdkabkota,
                        "vol": angka(x.keluaran.volume or Decimal(0), "vol"),
                    }
                    xrow = selesai("output", x, _dasar("output", kctx, "kegiatan", model), "")
                    yield "output", xrow, where
                    for r in x.ro:
                        at_ro = where = f"{satker} {p.kode}/{k.kode}/{x.kode}/{r.kode}"
                        volume = angka(r.keluaran.volume or Decimal(0), "volsout")
                        model = {"kdsoutput": r.kode, "ursoutput": r.nama, "volsout": volume}
                        rrow = selesai("soutput", r, _dasar("soutput", xrow, "output", model), "")
                        yield "soutput", rrow, where
                        for c in r.komponen:
                            at_c = where = f"{at_ro}/{c.kode}"
                            model = {"kdkmpnen": c.kode, "urkmpnen": c.nama}
                            crow = selesai("kmpnen", c, _dasar("kmpnen", rrow, "soutput", model), "")
                            yield "kmpnen", crow, where
                            for sk in c.sub_komponen:
                                at_s = where = f"{at_c}/{sk.kode.strip()}"
                                model = {"kdskmpnen": sk.kode, "urskmpnen": sk.nama}
                                srow = selesai("skmpnen", sk, _dasar("skmpnen", crow, "kmpnen", model), "")
                                yield "skmpnen", srow, where
                                for a in sk.akun:
                                    where = f"{at_s}/{a.kode}"
                                    yield from _akun(srow, a, selesai, where, rincian)
        if rincian:
            for pn in tree.rencana_penarikan:
                where = f"{satker} {pn.program}/{pn.kegiatan}/{pn.jenis_belanja}"
                yield (
                    "trktrm",
                    selesai("trktrm", pn, _dasar("trktrm", top, "satker", _penarikan(pn)), ""),
                    where,
                )
            ttd = tree.dokumen.penandatangan
            if ttd is not None:
                model = {"kdlokasi": tree.provinsi.kode, "kpa": ttd.nama}
                yield "kpa", selesai("kpa", ttd, _dasar("kpa", top, "satker", model), ""), satker
    except _BukanAngka as e:
        raise OutputError(
            N_(
                "{where}: {kolom} = {nilai} cannot go into an ADK archive (SAKTI writes numbers without "
                "a sign, with at most 18 digits before the point and 8 after it)"
            ),
            where=e.where or where,
            kolom=e.kolom,
            nilai=str(e.nilai),
        ) from None


def _akun(
    parent: Row, a: Akun, selesai: Selesai, where: str, rincian: bool
) -> Iterator[tuple[str, Row, str]]:
    model = {
        "kdakun": a.kode,
        "kdkppn": a.kppn or "",
        "kdbeban": a.sumber_dana or "",
        "uraiblokir": a.uraian_blokir or "",
    }
    row = selesai("akun", a, _dasar("akun", parent, "skmpnen", model), "")
    yield "akun", row, where
    n1 = n2 = 0
    for d, noitem in zip(a.detail, _noitem(a.detail), strict=True):
        if d.tingkat == 1:
            n1, n2 = n1 + 1, 0
        elif d.tingkat == 2:
            n2 += 1
        try:
            base = _dasar("item", row, "akun", _detail(d, noitem, (n1, n2)))
        except _BukanAngka as e:
            e.where = f"{where}/{noitem}"
            raise
        yield "item", selesai("item", d, base, ""), f"{where}/{noitem}"
    if rincian:
        for n, text in enumerate(a.catatan, 1):
            base = _dasar("cttakun", row, "akun", {"ket": text})
            yield "cttakun", selesai("cttakun", a, base, f"catatan.{n}."), where


# -- the reader's side -----------------------------------------------------------------
def isi_adk(
    tree: RkaSatker,
    raw: Callable[[str, Any, str], tuple[tuple[str, ...], tuple[str, ...]] | None],
    rincian: bool,
) -> None:
    """Give each node of ``tree`` that came from an ADK row its ``adk``: what its row holds
    beyond what the writer would write without it (layers 1-3). ``raw(table, node,
    prefix)`` gives the row a node was read from as (columns, values), None for a node no
    row made. Nodes are visited top-down, so each row is built on its parent's row as
    written."""

    def selesai(nama: str, node: Any, base: Row, prefix: str) -> Row:
        got = raw(nama, node, prefix) if node is not None else None
        if got is None:
            return base
        diff = beda(nama, base, *got)
        if not diff:
            return base
        node.adk = {**(node.adk or {}), **{prefix + k: v for k, v in diff.items()}}
        return terapkan(nama, base, diff)

    for _ in rows(tree, selesai, rincian):
        pass
