"""The rules as set-based queries: for every satker of a consolidation at once, the findings
the per-tree rules (:mod:`anggaran.rules`) give on the trees the ADK reader builds of the
same archives: the same rule, severity, path, source (file and line) and message
arguments, so that the same :class:`~anggaran.core.findings.Finding` renders the same
message.

Each rule is one query in DuckDB's SQL (run on DuckDB, or on Spark transpiled by sqlglot)
that selects the rows to report; Python only dresses each selected row as its finding
(the per-tree rules' own helpers give the arguments, so that they are the same). Money is
compared exactly: SAKTI's rounding to the thousand with whole-number arithmetic on DECIMAL
volumes and BIGINT prices, never a float.

One tree is one satker of one archive of one stage and year, on one side (``menjadi``:
the ``d_*`` tables, ``semula``: the ``m_*`` ones). The queries rebuild what the reader
makes of the rows: a node is named by the rows of every table below it (a KRO by its
``d_output`` row, else by the first RO, akun or detail row that names it), takes its
values and source from the last row of its own table (the reader merges a repeated row
into the node, the later row's values winning) and its place in the walk from SAKTI's
order (codes segment by segment, digits before letters).

Set-based here (:data:`RULES_SET`): KRO_VOLUME_SUM, RO_SATUAN_OUTSIDE_KRO, KODE_FORMAT,
KODE_HIERARCHY, KODE_DUPLICATE, KEGIATAN_PROGRAM, KODE_TANPA_NAMA, DETAIL_VOLUME_FAKTOR,
DETAIL_JUMLAH, DETAIL_JUMLAH_KE_ATAS, RENCANA_BULANAN_SUM, RENCANA_PENARIKAN,
DETAIL_HEADER_BERNILAI, AKUN_REFERENSI, AKUN_TIDAK_DIKENAL, AKUN_KOMPONEN,
AKUN_TANPA_RINCIAN, BLOKIR_TANPA_URAIAN. The reference tables they read (akun, jenis
belanja, the KRO's satuan, satkers' places, every named code) are the ones in use
(:func:`anggaran.reference.referensi`), registered with the engine at each call.

Not set-based, and why:

- ROW_SUM, ROLLUP_MISMATCH, SPLIT_MISMATCH: an ADK tree's amounts above the detail line
  are derived from its lines (``hitung_alokasi``), so they cannot disagree; the datasets
  hold the lines only.
- PAGE_HEADER_MISMATCH, PAGE_NUMBER: the page layout of a printed document; an ADK has
  none.
- INDIKATOR_DUPLICATE, INDIKATOR_GAP, IKP_SASARAN: the ADK reader reads no indicators.
- NIP_INVALID: the signatory comes from ``d_satker``/``d_kpa``, which a consolidation does
  not hold (it would need a dataset of the satkers' own rows).

Known limits, where the datasets hold less than the reader reads (none of them occurs in
the real archives):

- AKUN_KOMPONEN names the komponen (``komponen_nama``, ``d_kmpnen.urkmpnen``): the
  datasets hold no komponen table, so the argument is empty here.
- Codes are trimmed in the datasets (the reader keeps a leading blank; a sub-komponen is
  ordered as SAKTI pads it, right-aligned), ``kddekon`` is not kept (two KROs that differ
  only by it are one node here), and a node named only by ``d_kmpnen``, ``d_skmpnen`` or
  ``d_cttakun`` rows is not seen (the reader reports such a row as
  READ_ADK_PARENT_MISSING). A row of a satker that names another K/L or unit
  (READ_ADK_BEDA_SATKER) is placed under its own program code here; the reader hangs it
  under the KRO its codes find, whatever program that KRO is under.
- A line's plan counts as given when it is not a header line; the reader drops an all-zero
  plan of a line whose ``kdheader`` is neither blank nor 1/2 (SAKTI writes blank).
- Volume arguments are written without trailing zeros (``3979.3``), as SAKTI writes them;
  the reader keeps the text as written (``3979.30`` would differ in the argument only).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from anggaran.core.findings import Finding, SourceRef
from anggaran.core.kode import AKUN, KEGIATAN, KL, KRO, LOKASI, PROGRAM, PROVINSI, RO, SATKER, UNIT, Level
from anggaran.core.tree import BULAN, Detail
from anggaran.konsolidasi.mesin import Mesin
from anggaran.reference import Referensi, referensi
from anggaran.rules import RULES, rincian
from anggaran.rules import kode as aturan_kode
from anggaran.rules.nama import LABEL

#: a row of a query's answer, by column
_Baris = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Temuan:
    """A finding of one tree: its satker, archive, stage and year."""

    satker: str
    temuan: Finding
    arsip: str
    tahun: str
    tahap: str


# -- the scope and the common parts of every query ------------------------------------------

#: the columns that name a tree
_POHON = ("tahun", "tahap", "arsip", "satker")
_K = ", ".join(_POHON)
#: the code columns that name a node (after its tree's), each from the depth of the level
#: it names (1 program .. 5 akun): a KRO is one per lokasi, an akun one per KPPN and
#: sumber dana (the reader's keys, without ``kddekon``: the datasets do not keep it)
_DALAM = {
    "program": 1,
    "kegiatan": 2,
    "kro": 3,
    "provinsi": 3,
    "kabkota": 3,
    "ro": 4,
    "komponen": 5,
    "sub_komponen": 5,
    "akun": 5,
    "kppn": 5,
    "sumber_dana": 5,
}
_KUNCI_KRO = tuple(c for c, d in _DALAM.items() if d <= 3)
_KUNCI_AKUN = tuple(_DALAM)
#: the segments of an akun's path
_JALUR_AKUN = ("program", "kegiatan", "kro", "ro", "komponen", "sub_komponen", "akun")
#: the reader's order of the tables (``urut``): d_output, d_soutput, (d_kmpnen, d_skmpnen,)
#: d_akun, d_item, (d_cttakun,) d_trktrm; a node's own table
_URUT = {"kro": 1, "ro": 2, "akun": 5, "item": 6, "trktrm": 8}


def _teks(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _digit(col: str) -> str:
    """0 for a code of digits only, else 1: ``sort_key``'s first part of a segment."""
    return f"CASE WHEN regexp_matches({col}, '^[0-9]+\\z') THEN 0 ELSE 1 END"


def _case(col: str, when: dict[str, str]) -> str:
    """``CASE col WHEN 'key' THEN sql ... END``."""
    return f"CASE {col} " + " ".join(f"WHEN {_teks(k)} THEN {v}" for k, v in when.items()) + " END"


def _cocok(col: str, pola: str) -> str:
    """Whether ``col`` matches the whole of ``pola`` (a ``core.kode`` pattern, ASCII)."""
    return (
        f"regexp_matches({col}, {_teks('^(' + pola.replace(chr(92) + 'd', '[0-9]') + ')' + chr(92) + 'z')})"
    )


def _kolom_jalan() -> list[str]:
    """A node's place in SAKTI's order (the reader's ``sort_as_sakti``), as the columns
    ``w1`` .. ``w19`` (a node's code columns below its level are blank): program segment by
    segment (``sort_key``: digits before letters), kegiatan, KRO (by code, then lokasi),
    RO, komponen, sub-komponen (right-aligned as SAKTI pads it: by length, then code),
    akun, KPPN, sumber dana."""
    program2 = "substr(unit, length(kl) + 2)"
    program3 = "substr(program, length(unit) + 2)"
    kro2 = "substr(kro, length(kegiatan) + 2)"
    cols = [
        *(x for seg in ("kl", program2, program3, "kegiatan", kro2) for x in (_digit(seg), seg)),
        "provinsi || '.' || kabkota",
        _digit("ro"),
        "ro",
        "komponen",
        "length(sub_komponen)",
        "sub_komponen",
        "akun",
        "kppn",
        "sumber_dana",
    ]
    return cols


#: the walk-order columns, for ``ORDER BY``
_W = ", ".join(f"w{i}" for i in range(1, len(_kolom_jalan()) + 1))
#: the walk-order columns of a place that is no node (the header): blank
_W_KOSONG = ", ".join(
    f"{'0' if c.startswith(('CASE', 'length')) else chr(39) * 2} AS w{i}"
    for i, c in enumerate(_kolom_jalan(), start=1)
)


@dataclass(frozen=True, slots=True)
class _Lingkup:
    """What the queries read: one side (``versi``), one stage or all; ``disimpan``: the
    common parts kept as tables already."""

    versi: str
    tahap: str | None
    disimpan: frozenset[str] = frozenset()
    #: whether the rows that name nodes are told apart by their place (tree, table, line):
    #: then the nodes name the rows that give their values by it (:func:`_node_level_rujukan`)
    rujukan: bool = False

    def where(self) -> str:
        w = f"versi = {_teks(self.versi)}"
        return w + (f" AND tahap = {_teks(self.tahap)}" if self.tahap is not None else "")


def _baris_node() -> str:
    """Every row that names a node, with its table's place in the reader's order; of the
    detail lines, only the first of each akun (no later line can be the first to name a
    node: the lines of an akun name the same nodes), with what they block in all."""
    nul = "CAST(NULL AS VARCHAR)"
    bawah = ("ro", "komponen", "sub_komponen", "akun", "kppn", "sumber_dana")
    nilai = {
        "volume": "CAST(NULL AS DECIMAL(18,4))",
        "satuan": nul,
        "uraian": nul,
        "uraian_blokir": nul,
        "blokir": "CAST(NULL AS BIGINT)",
    }

    def pilih(tabel: str, ada: tuple[str, ...], punya: tuple[str, ...]) -> str:
        cols = [
            f"{_K}, kl, unit, program, kegiatan, kro, provinsi, kabkota",
            *(c if c in ada else f"{nul} AS {c}" for c in bawah),
            *(c if c in punya else f"{v} AS {c}" for c, v in nilai.items()),
            f"{_URUT[tabel]} AS urut, berkas, baris",
        ]
        return f"SELECT {', '.join(cols)} FROM t_{tabel}"

    pertama = (
        f"SELECT {_K}, min(kl) AS kl, min(unit) AS unit, {', '.join(_KUNCI_AKUN)}, min(berkas) AS berkas, "
        f"min(baris) AS baris, sum(blokir) AS blokir FROM t_item GROUP BY {_K}, {', '.join(_KUNCI_AKUN)}"
    )
    return " UNION ALL ".join(
        [
            pilih("kro", (), ("volume",)),
            pilih("ro", ("ro",), ("volume", "satuan", "uraian")),
            pilih("akun", bawah, ("uraian_blokir",)),
            pilih("item", bawah, ("blokir",)).replace("FROM t_item", f"FROM ({pertama}) AS i"),
        ]
    )


#: each level of a node, from the top: name -> (depth, its own table's ``urut`` (0: none))
_LEVEL = {"program": (1, 0), "kegiatan": (2, 0), "kro": (3, 1), "ro": (4, 2), "akun": (5, 5)}


#: what a node takes of the row that gives its values and source (``b_provinsi``,
#: ``b_kabkota``: that row's place, which the tree's header may take)
_NILAI_NODE = (
    "kl",
    "unit",
    "b_provinsi",
    "b_kabkota",
    "volume",
    "satuan",
    "uraian",
    "uraian_blokir",
    "urut",
    "berkas",
    "baris",
)


#: the levels from the bottom up, the order :func:`_node_level` groups them in
_NAIK = tuple(reversed(_LEVEL))


def _kunci_level(level: str) -> tuple[str, ...]:
    """The code columns that name a node of ``level`` (those of its depth and above)."""
    return tuple(c for c, d in _DALAM.items() if d <= _LEVEL[level][0])


#: a row's place in the reader's order within its tree, as one number: its table's ``urut``
#: x 2^32 + its line
_AWAL = "CAST(urut AS BIGINT) * 4294967296 + baris"


def _node_level(level: str) -> str:
    """The nodes of ``level``, grouped from the rows that name them: at the bottom (akun)
    the akun rows and each akun's first detail line of ``baris_node``; above it, the rows
    of the level's own table (``baris_node``'s KRO or RO rows) and the first row of each
    node of the level below (``atr_n_<below>``'s ``r_awal``): the first row in the
    reader's order of a node is the first of its children's first rows, so each level
    groups a few rows per node instead of every row under it.

    ``r``: the values of the last row of the node's own table, else of its first row (an
    aggregate, ``arg_min``: cheaper than a window); ``r_awal``: of its first row;
    ``blokir`` what its lines block, ``ada_baris`` 1 when detail lines are under it.

    The values travel with the rows (a struct each): this is the form for rows a place
    (tree, table, line) does not tell apart, as a document's rows without a line
    (``baris`` 0); where places are unique, :func:`_node_level_rujukan` names the rows
    by place instead, at less than half the cost."""
    kunci = _kunci_level(level)
    own = _LEVEL[level][1]
    tempat = {"b_provinsi": "provinsi", "b_kabkota": "kabkota"}  # the row's own place
    nilai = ", ".join(f"{c} := {tempat.get(c, c)}" for c in _NILAI_NODE)
    dari_baris = (
        f"SELECT {_K}, {', '.join(kunci)}, struct_pack({nilai}) AS s, urut, baris, blokir, "
        f"CASE WHEN urut = {_URUT['item']} THEN 1 ELSE 0 END AS ada_baris FROM baris_node "
    )
    i = _NAIK.index(level)
    if i == 0:
        rows = dari_baris + f"WHERE urut >= {_URUT['akun']}"
    else:
        bawah = f"SELECT {_K}, {', '.join(kunci)}, r_awal AS s, r_awal.urut AS urut, r_awal.baris AS baris, "
        bawah += f"blokir, ada_baris FROM atr_n_{_NAIK[i - 1]}"
        rows = bawah if not own else f"{dari_baris}WHERE urut = {own} UNION ALL {bawah}"
    awal = _AWAL
    sendiri = f"CASE WHEN urut = {own} THEN -CAST(baris AS BIGINT) ELSE {awal} END" if own else awal
    return (
        f"SELECT {_K}, {', '.join(kunci)}, arg_min(s, {sendiri}) AS r, arg_min(s, {awal}) AS r_awal, "
        f"sum(blokir) AS blokir, max(ada_baris) AS ada_baris FROM ({rows}) AS u "
        f"GROUP BY {_K}, {', '.join(kunci)}"
    )


def _node_level_rujukan(level: str) -> str:
    """:func:`_node_level` when the rows that name nodes are told apart by their place
    (tree, table, line: :func:`temuan` checks it), the nodes of ``level`` grouped from the
    rows that name them: at the bottom (akun) the akun rows and each akun's first detail
    line of ``baris_node``; above it, the rows
    of the level's own table (``baris_node``'s KRO or RO rows) and the first row of each
    node of the level below (``atr_n_<below>``'s ``awal_min``): the first row in the
    reader's order of a node is the first of its children's first rows, so each level
    groups a few rows per node instead of every row under it.

    A node names its rows by their place (:data:`_AWAL`), not their values: ``r_min`` the
    row that gives its values and source (the last row of its own table, as
    ``-1 - line``, else its first row), ``awal_min`` its first row; two whole-number minimums,
    a third of the cost of carrying every value through the grouping (25,000 satkers:
    2.4 s against 5.9 s for the five levels). :func:`_node` looks the values up, for the
    rows a rule keeps. ``blokir``: what its lines block, ``ada_baris`` 1 when detail lines
    are under it."""
    kunci = ", ".join(_kunci_level(level))
    own = _LEVEL[level][1]
    dari_baris = (
        f"SELECT {_K}, {kunci}, {_AWAL} AS awal, urut, baris, blokir, "
        f"CASE WHEN urut = {_URUT['item']} THEN 1 ELSE 0 END AS ada_baris FROM baris_node "
    )
    i = _NAIK.index(level)
    if i == 0:
        rows = dari_baris + f"WHERE urut >= {_URUT['akun']}"
    else:
        bawah = f"SELECT {_K}, {kunci}, awal_min AS awal, 0 AS urut, 0 AS baris, blokir, ada_baris "
        bawah += f"FROM atr_n_{_NAIK[i - 1]}"
        rows = bawah if not own else f"{dari_baris}WHERE urut = {own} UNION ALL {bawah}"
    sendiri = f"CASE WHEN urut = {own} THEN -1 - CAST(baris AS BIGINT) ELSE awal END" if own else "awal"
    return (
        f"SELECT {_K}, {kunci}, min({sendiri}) AS r_min, min(awal) AS awal_min, "
        f"sum(blokir) AS blokir, max(ada_baris) AS ada_baris FROM ({rows}) AS u GROUP BY {_K}, {kunci}"
    )


def _baris_dari(level: str, kolom: str) -> tuple[str, str]:
    """The ``urut`` and line of the row a node's ``kolom`` (``r_min``) names."""
    own = _LEVEL[level][1]
    urut = f"CAST({kolom} // 4294967296 AS INTEGER)"
    baris = f"CAST({kolom} % 4294967296 AS INTEGER)"
    if not own:
        return urut, baris
    return (
        f"CASE WHEN {kolom} < 0 THEN {own} ELSE {urut} END",
        f"CASE WHEN {kolom} < 0 THEN CAST(-1 - {kolom} AS INTEGER) ELSE {baris} END",
    )


def _jalur() -> str:
    """A node's path (``program/kegiatan/kro/ro/komponen/sub_komponen/akun`` down to its
    depth ``dalam``)."""
    return " || ".join(
        ["program"]
        + [
            f"CASE WHEN dalam >= {d} THEN '/' || {c} ELSE '' END"
            for c, d in _DALAM.items()
            if c not in ("program", "provinsi", "kabkota", "kppn", "sumber_dana")
        ]
    )


def _node_nilai(level: str, where: str = "", where_nilai: str = "") -> str:
    """The nodes of ``level`` as the rules read them (those ``where`` keeps, a condition
    on the node's codes and values, and of these those ``where_nilai`` keeps): a node's
    code columns (those below its level blank) and the values of the row that gives them
    and its source (:func:`_node_level`); ``ada_baris`` 1 when detail lines are under it,
    ``blokir`` what they block."""
    kunci = _kunci_level(level)
    cols = ", ".join(c if c in kunci else f"'' AS {c}" for c in _DALAM)
    dalam = _LEVEL[level][0]
    cond = " AND ".join(f"({w})" for w in (where, where_nilai) if w)
    return (
        f"SELECT * FROM (SELECT {_K}, '{level}' AS level, {dalam} AS dalam, {cols}, "
        f"{', '.join(f'r.{c} AS {c}' for c in _NILAI_NODE)}, blokir, ada_baris "
        f"FROM atr_n_{level}) AS y{f' WHERE {cond}' if cond else ''}"
    )


def _node_nilai_rujukan(level: str, where: str = "", where_nilai: str = "") -> str:
    """:func:`_node_nilai` of the nodes :func:`_node_level_rujukan` makes: the nodes of
    ``level`` as the rules read them (those ``where`` keeps, a condition
    on the node's codes, ``urut``, ``baris``, ``blokir`` and ``ada_baris``, and of these
    those ``where_nilai`` keeps, on its values too): a node's code columns (those below its
    level blank), its path (``jalur``), its walk order (``w1`` .. ``w19``) and the values
    of the row that gives them and its source (:func:`_node_level`, looked up in
    ``baris_node`` by the row's place); ``ada_baris`` 1 when detail lines are under it,
    ``blokir`` what they block. The conditions are applied before the values are looked up
    and the path and the walk order made, so that they are made for the rows a rule keeps
    only (a filter of the view's rows is not moved below them when it holds a subquery)."""
    kunci = _kunci_level(level)
    cols = ", ".join(c if c in kunci else f"'' AS {c}" for c in _DALAM)
    dalam = _LEVEL[level][0]
    urut, baris = _baris_dari(level, "r_min")
    nilai = ", ".join(
        f"b.{c} AS b_{c}" if c in ("provinsi", "kabkota") else f"b.{c}"
        for c in (
            "kl",
            "unit",
            "provinsi",
            "kabkota",
            "volume",
            "satuan",
            "uraian",
            "uraian_blokir",
            "berkas",
        )
    )
    on = " AND ".join(f"b.{c} = y.{c}" for c in (*_POHON, "urut", "baris"))
    y = (
        f"SELECT * FROM (SELECT {_K}, '{level}' AS level, {dalam} AS dalam, {cols}, {urut} AS urut, "
        f"{baris} AS baris, blokir, ada_baris FROM atr_n_{level}) AS y0{f' WHERE {where}' if where else ''}"
    )
    x = f"SELECT y.*, {nilai} FROM ({y}) AS y LEFT JOIN baris_node b ON {on}"
    if where_nilai:
        x = f"SELECT * FROM ({x}) AS x0 WHERE {where_nilai}"
    return x


def _nilai(lk: _Lingkup, level: str, where: str = "", where_nilai: str = "") -> str:
    """The nodes of ``level`` with their values, as the scope's nodes are made."""
    pilih = _node_nilai_rujukan if lk.rujukan else _node_nilai
    return pilih(level, where, where_nilai)


def _node(lk: _Lingkup, level: str, where: str = "", where_nilai: str = "") -> str:
    """:func:`_node_nilai` with each node's path (``jalur``) and walk order (``w1`` ..
    ``w19``), made for the rows the conditions keep: applied before the path and the walk
    order are made, so that they are made for the rows a rule keeps only (a filter of the
    view's rows is not moved below them when it holds a subquery)."""
    jalan = ", ".join(f"{c} AS w{i}" for i, c in enumerate(_kolom_jalan(), start=1))
    return f"SELECT x.*, {_jalur()} AS jalur, {jalan} FROM ({_nilai(lk, level, where, where_nilai)}) AS x"


def _akun_yang(cond: str) -> str:
    """The akun codes of the nodes (each once) for which ``cond`` holds: a condition
    that reads the reference tables is asked of the few codes, not of every node."""
    return f"SELECT akun FROM (SELECT DISTINCT akun FROM atr_n_akun) AS d WHERE {cond}"


def _berulang(level: str, kunci: tuple[str, ...]) -> str:
    """``(tree, kunci) IN (...)``: the nodes of ``level`` whose codes ``kunci`` more than
    one node of their tree has (the few a rule about repeated codes reads)."""
    k = ", ".join((*_POHON, *kunci))
    return f"({k}) IN (SELECT {k} FROM atr_n_{level} GROUP BY {k} HAVING count(*) > 1)"


def _pohon() -> str:
    """Each tree with its header as the reader takes it: K/L and unit of its first row,
    provinsi and kab/kota of the satker reference, else of its first row."""
    return (
        "SELECT f.tahun, f.tahap, f.arsip, f.satker, f.kl, substr(f.unit, length(f.kl) + 2) AS kdunit, "
        "coalesce(nullif(s.kdlokasi, ''), f.provinsi) AS provinsi, "
        "coalesce(nullif(s.kdkabkota, ''), f.kabkota) AS kabkota "
        f"FROM (SELECT *, row_number() OVER (PARTITION BY {_K} ORDER BY urut, baris) AS _n FROM ("
        f"SELECT {_K}, kl, unit, b_provinsi AS provinsi, b_kabkota AS kabkota, urut, baris FROM atr_program "
        "UNION ALL "
        f"SELECT {_K}, kl, unit, '' AS provinsi, '' AS kabkota, {_URUT['trktrm']} AS urut, baris "
        "FROM t_trktrm) AS u) AS f LEFT JOIN ref_satker s ON s.kode = f.satker WHERE f._n = 1"
    )


def _nomor() -> str:
    """The detail lines without an item number, each with its place under its akun in
    SAKTI's order (``_nomor``; its path segment is ``#n``): only the few akun that have
    such a line are numbered."""
    kunci = ", ".join(_KUNCI_AKUN)
    digits = "regexp_matches(item, '^[0-9]+\\z') AND length(item) <= 30"
    return (
        f"SELECT {_K}, baris, _nomor FROM (SELECT {_K}, baris, item, row_number() OVER ("
        f"PARTITION BY {_K}, {kunci} ORDER BY CASE WHEN {digits} THEN CAST(item AS DECIMAL(38,0)) "
        f"ELSE 1000000000 END, CASE WHEN {digits} THEN '' ELSE item END, baris) AS _nomor FROM t_item "
        f"WHERE ({_K}, {kunci}) IN (SELECT {_K}, {kunci} FROM t_item WHERE item = '')) AS n WHERE item = ''"
    )


#: the common parts of the queries: name -> (what it reads, its query)
_CTE: dict[str, tuple[tuple[str, ...], Callable[[_Lingkup], str]]] = {
    **{
        f"t_{d}": ((), lambda lk, d=d: f"SELECT * FROM {d} WHERE {lk.where()}")  # type: ignore[misc]
        for d in ("item", "akun", "kro", "ro", "trktrm")
    },
    "baris_node": (("t_kro", "t_ro", "t_akun", "t_item"), lambda lk: _baris_node()),
    **{
        f"atr_n_{lv}": (
            # the lines (at the bottom), the own table's rows (KRO, RO) and the level below
            (
                *(("baris_node",) if i == 0 or _LEVEL[lv][1] else ()),
                *((f"atr_n_{_NAIK[i - 1]}",) if i else ()),
            ),
            lambda lk, lv=lv: _node_level_rujukan(lv) if lk.rujukan else _node_level(lv),  # type: ignore[misc]
        )
        for i, lv in enumerate(_NAIK)
    },
    **{
        f"atr_{lv}": ((f"atr_n_{lv}", "baris_node"), lambda lk, lv=lv: _node(lk, lv))  # type: ignore[misc]
        for lv in _LEVEL
    },
    "atr_node": (
        tuple(f"atr_{lv}" for lv in _LEVEL),
        lambda lk: " UNION ALL ".join(f"SELECT * FROM atr_{lv}" for lv in _LEVEL),
    ),
    "atr_pohon": (("atr_program", "t_trktrm"), lambda lk: _pohon()),
    "atr_nomor": (("t_item",), lambda lk: _nomor()),
}


#: the common parts :func:`temuan` keeps as tables first (``Mesin.simpan``), in order: the
#: rows that name nodes and the nodes level by level (each read by the level above: kept,
#: they are computed once, not again by every level that reads them; 25,000 satkers:
#: 10 s for the nodes, against 16–19 s for one grouping of every row under every node),
#: then the trees. The rules read the levels' tables through views (``atr_<level>``,
#: ``atr_node``: :func:`_node`), which make a node's path and walk order for the rows a
#: rule keeps only
_SIMPAN = ("baris_node", *(f"atr_n_{lv}" for lv in _NAIK), "atr_pohon")
#: the kept parts the rules' queries read (the others are let go of once the parts that
#: read them are kept)
_BACAAN_ATURAN = frozenset(
    {"baris_node", *(f"atr_n_{lv}" for lv in _NAIK), "atr_pohon", "atr_garis", "atr_rencana"}
)


#: a place (tree, table, line) that names more than one row (a document's rows may have no
#: line: ``baris`` 0), asked once ``baris_node`` is kept: with none, the nodes name their
#: rows by place (:func:`_node_level_rujukan`, 25,000 satkers: the levels 2.4 s instead of
#: 5.9 s), else they carry every value (:func:`_node_level`)
_KEMBAR = f"SELECT 1 FROM baris_node GROUP BY {_K}, urut, baris HAVING count(*) > 1 LIMIT 1"


def _dibaca(nama: str, disimpan: frozenset[str]) -> set[str]:
    """The common parts the query of ``nama`` reads: its own, and theirs through those not
    kept as tables."""
    out: set[str] = set()
    for dep in _CTE[nama][0]:
        out.add(dep)
        if dep not in disimpan:
            out |= _dibaca(dep, disimpan)
    return out


def _with(lk: _Lingkup, *names: str) -> str:
    """``WITH`` the common parts ``names`` (and what they read), in order; those the
    scope has kept as tables are read as they are."""
    order: list[str] = []

    def add(n: str) -> None:
        if n in order or n in lk.disimpan:
            return
        for dep in _CTE[n][0]:
            add(dep)
        order.append(n)

    for n in names:
        add(n)
    if not order:
        return ""
    return "WITH " + ", ".join(f"{n} AS ({_CTE[n][1](lk)})" for n in order) + " "


def _rows(mesin: Mesin, query: str) -> list[_Baris]:
    cols, rows = mesin.kolom(query)
    return [dict(zip(cols, r, strict=True)) for r in rows]


# -- the reference tables, registered with the engine --------------------------------------


def _named(ref: Referensi) -> Iterator[tuple[str, str]]:
    """(table, code) of every code a reference in use names."""
    for jenis in ("program", "kegiatan", "akun", "sumber_dana", "kementerian", "unit_organisasi"):
        yield from ((jenis, k) for k in getattr(ref, jenis))
    yield from (("kro", k) for k in ref.kro)
    yield from (("ro", k) for k in ref.ro)
    yield from (("satker", k) for k in ref.satker)
    yield from (("lokasi", k) for k in ref.provinsi)
    yield from (("lokasi", f"{a}.{b}") for a, b in ref.kabkota)


def pasang_referensi(mesin: Mesin, ref: Referensi | None = None) -> None:
    """Register the reference tables the rules read (those in use by default) with
    ``mesin``: ``ref_nama`` (every named code), ``ref_akun`` (every akun known, named or
    not), ``ref_jenis_belanja``, ``ref_kro_satuan`` (each KRO's satuan, lower case) and
    ``ref_satker`` (each satker's provinsi and kab/kota)."""
    ref = ref or referensi()
    v = "VARCHAR"
    nama = sorted({(j, k) for j, k in _named(ref) if (ref.nama(j, k) or "").strip()})
    mesin.daftar_tabel("ref_nama", [("jenis", v), ("kode", v)], nama)
    mesin.daftar_tabel("ref_akun", [("kode", v)], [(k,) for k in sorted(ref.akun)])
    mesin.daftar_tabel("ref_jenis_belanja", [("kode", v)], [(k,) for k in sorted(ref.jenis_belanja)])
    satuan = sorted(
        {(k, s.lower()) for k, r in ref.kro.items() for s in _satuan_kro(r.satuan)},
    )
    mesin.daftar_tabel("ref_kro_satuan", [("kro", v), ("satuan", v)], satuan)
    mesin.daftar_tabel(
        "ref_satker",
        [("kode", v), ("kdlokasi", v), ("kdkabkota", v)],
        [(k, s.kdlokasi, s.kdkabkota) for k, s in sorted(ref.satker.items())],
    )


def _satuan_kro(satuan: str | None) -> list[str]:
    """A KRO's satuan list, as ``Keluaran.satuan_set`` splits it."""
    return [s.strip() for s in (satuan or "").split(",") if s.strip()]


# -- helpers that dress a row as its finding -----------------------------------------------


def _angka(x: Decimal | int | None) -> Decimal:
    """A DECIMAL volume as SAKTI writes it: without trailing zeros (``3979.3``, ``6``)."""
    if x is None:
        return Decimal(0)
    t = format(Decimal(x), "f")
    if "." in t:
        t = t.rstrip("0").rstrip(".")
    return Decimal(t)


def _src(r: _Baris) -> SourceRef | None:
    if r.get("berkas") is None:
        return None
    return SourceRef(r["berkas"], None, int(r["baris"]))


def _jalur_item(r: _Baris) -> str:
    """A detail line's path: its akun's, then its item number (or ``#n``)."""
    return "/".join([*(r[c] for c in _JALUR_AKUN), r["seg"]])


def _rows_item(mesin: Mesin, lk: _Lingkup, query: str) -> list[_Baris]:
    """The detail lines ``query`` answers, each with its path segment (``seg``): its item
    number, else ``#n`` (asked of ``atr_nomor`` for the lines that need it: joined in the
    query, it would make Spark's optimizer take minutes propagating the constraints of the
    join's many columns through the rules' expressions)."""
    rows = _rows(mesin, query)
    nomor: dict[tuple[Any, ...], int] = {}
    if any(not r["item"] for r in rows):
        for n in _rows(mesin, _with(lk, "atr_nomor") + "SELECT * FROM atr_nomor"):
            nomor[tuple(n[c] for c in (*_POHON, "baris"))] = int(n["_nomor"])
    for r in rows:
        r["seg"] = r["item"] or f"#{nomor[tuple(r[c] for c in (*_POHON, 'baris'))]}"
    return rows


def _detail(r: _Baris) -> Detail:
    """A detail row as the reader makes its line (for the rules' own message helpers)."""
    faktor = [(_angka(r[f"vol{n}"]), (r[f"sat{n}"] or "").strip()) for n in (1, 2, 3, 4)]
    return Detail(
        uraian=r["uraian"].rstrip(),
        volume=_angka(r["volume"]),
        satuan=r["satuan"],
        harga_satuan=int(r["harga_satuan"]),
        jumlah=int(r["jumlah"]),
        faktor=[(v, s) for v, s in faktor if v != 0],
        kode=r["item"] or None,
    )


def _t(r: _Baris, f: Finding) -> Temuan:
    return Temuan(r["satker"], f, r["arsip"], r["tahun"], r["tahap"])


_DETAIL_KOLOM = (
    f"{_K}, {', '.join(_KUNCI_AKUN)}, item, uraian, volume, satuan, harga_satuan, jumlah, "
    "vol1, vol2, vol3, vol4, sat1, sat2, sat3, sat4, berkas, baris"
)


# -- the rules, one query each ---------------------------------------------------------------

Aturan = Callable[[Mesin, _Lingkup], Iterable[Temuan]]
_ATURAN: dict[str, Aturan] = {}


def _aturan(id: str) -> Callable[[Aturan], Aturan]:
    def add(f: Aturan) -> Aturan:
        _ATURAN[id] = f
        return f

    return add


@_aturan("KRO_VOLUME_SUM")
def _kro_volume(mesin: Mesin, lk: _Lingkup) -> Iterator[Temuan]:
    """A KRO with its own row and at least one RO with a volume (its own row) whose
    volume is not their sum; one row per RO, in SAKTI's order."""
    kro = ", ".join(f"r.{c}" for c in (*_POHON, *_KUNCI_KRO))
    own = f"r.urut = {_URUT['ro']}"
    # the KROs whose RO volumes do not add up, found first and given back to the engine as a
    # small table: the nodes' paths and walk order are made for theirs only (and Spark's
    # optimizer is not given the search twice in one plan: it runs out of memory)
    kunci = (*_POHON, *_KUNCI_KRO)
    salah = _rows(mesin, _with(lk, "atr_kro_salah") + "SELECT * FROM atr_kro_salah")
    if not salah:
        return
    mesin.daftar_tabel(
        "atr_kro_salah_t", [(c, "VARCHAR") for c in kunci], [[r[c] for c in kunci] for r in salah]
    )
    k = ", ".join(kunci)
    salah_k = f"({k}) IN (SELECT {k} FROM atr_kro_salah_t)"
    ro_n, kro_n = _node(lk, "ro", salah_k), _node(lk, "kro", salah_k)
    q = _with(lk, "atr_n_kro", "atr_n_ro", "baris_node") + (
        "SELECT * FROM (SELECT r.tahun, r.tahap, r.arsip, r.satker, r.program, r.kegiatan, r.kro, "
        "r.provinsi, r.kabkota, k.volume AS volume_kro, k.berkas, k.baris, k.jalur, r.ro, r.w12, r.w13, "
        f"CASE WHEN {own} THEN r.volume END AS volume_ro, "
        f"sum(CASE WHEN {own} THEN r.volume END) OVER (PARTITION BY {kro}) AS total, "
        f"count(CASE WHEN {own} THEN 1 END) OVER (PARTITION BY {kro}) AS n FROM ({ro_n}) AS r "
        f"JOIN ({kro_n}) AS k "
        f"ON {' AND '.join(f'k.{c} = r.{c}' for c in (*_POHON, *_KUNCI_KRO))} "
        f"WHERE k.urut = {_URUT['kro']}) AS x WHERE n > 0 AND total <> volume_kro "
        f"ORDER BY {_K}, {', '.join(_KUNCI_KRO)}, w12, w13"
    )
    groups: dict[tuple[Any, ...], list[_Baris]] = {}
    found = _rows(mesin, q)
    mesin.lepas("atr_kro_salah_t")
    for r in found:
        groups.setdefault(tuple(r[c] for c in (*_POHON, *_KUNCI_KRO)), []).append(r)
    for rows in groups.values():
        r = rows[0]
        volume = _angka(r["volume_kro"])
        volumes = [_angka(x["volume_ro"]) for x in rows if x["volume_ro"] is not None]
        missing = [x["ro"] for x in rows if x["volume_ro"] is None]
        total = sum(volumes, Decimal(0))
        yield _t(
            r,
            Finding.of(
                "KRO_VOLUME_SUM",
                r["jalur"],
                _src(r),
                variant="tanpa" if missing else "",
                kode=r["kro"],
                volume=str(volume),
                volume_ro=[str(v) for v in volumes],
                jumlah_ro=str(total),
                selisih=str(volume - total),
                ro_tanpa_volume=missing,
            ),
        )


@_aturan("RO_SATUAN_OUTSIDE_KRO")
def _ro_satuan(mesin: Mesin, lk: _Lingkup) -> Iterator[Temuan]:
    """An RO (with its own row) whose satuan is none of its KRO's satuan in the
    reference; the case is compared once more in Python (``casefold``, as the rule)."""
    q = _with(lk, "atr_ro") + (
        f"SELECT r.* FROM atr_ro r WHERE r.urut = {_URUT['ro']} AND r.satuan <> '' "
        "AND r.kro IN (SELECT kro FROM ref_kro_satuan) "
        "AND NOT EXISTS (SELECT 1 FROM ref_kro_satuan s WHERE s.kro = r.kro AND s.satuan = lower(r.satuan))"
    )
    ref = referensi()
    for r in _rows(mesin, q):
        kro = ref.kro.get(r["kro"])
        allowed = _satuan_kro(kro.satuan if kro else None)
        if not allowed or r["satuan"].casefold() in {s.casefold() for s in allowed}:
            continue
        yield _t(
            r,
            Finding.of(
                "RO_SATUAN_OUTSIDE_KRO",
                r["jalur"],
                _src(r),
                kode=f"{r['kro']}.{r['ro']}",
                satuan=r["satuan"],
                satuan_kro=allowed,
            ),
        )


#: the header codes a tree's KODE_FORMAT checks: name -> (column of ``pohon``, pattern)
_KEPALA = {
    "kementerian": ("kl", KL),
    "unit_organisasi": ("kdunit", UNIT),
    "satker": ("satker", SATKER),
    "provinsi": ("provinsi", PROVINSI),
    "lokasi": ("kabkota", LOKASI),
}
_FORMAT_LEVEL = {"program": PROGRAM, "kegiatan": KEGIATAN, "kro": KRO, "ro": RO}
_NAMA_LEVEL = {"program": "program", "kegiatan": "kegiatan", "kro": "KRO", "ro": "RO"}


@_aturan("KODE_FORMAT")
def _kode_format(mesin: Mesin, lk: _Lingkup) -> Iterator[Temuan]:
    """Header codes (path ``""``, no source) and every program, kegiatan, KRO and RO node
    whose code has not its level's format."""
    kolom = " UNION ALL ".join(f"SELECT '{n}' AS kolom" for n in _KEPALA)
    kepala = _case("h.kolom", {n: f"t.{c}" for n, (c, _) in _KEPALA.items()})
    kepala_ok = _case("h.kolom", {n: _cocok(f"t.{c}", p.pattern) for n, (c, p) in _KEPALA.items()})
    # each level's nodes whose code has not its format, the path and source made for those
    nodes = " UNION ALL ".join(
        f"SELECT {_K}, '' AS kolom, {lv} AS kode, level, jalur, berkas, baris "
        f"FROM ({_node(lk, lv, f'NOT {_cocok(lv, p.pattern)}')}) AS n{lv}"
        for lv, p in _FORMAT_LEVEL.items()
    )
    q = _with(lk, "atr_pohon", *(f"atr_n_{lv}" for lv in _FORMAT_LEVEL), "baris_node") + (
        f"SELECT t.tahun, t.tahap, t.arsip, t.satker, h.kolom, {kepala} AS kode, '' AS level, '' AS jalur, "
        "CAST(NULL AS VARCHAR) AS berkas, CAST(NULL AS INTEGER) AS baris "
        f"FROM atr_pohon t CROSS JOIN ({kolom}) AS h WHERE NOT {kepala_ok} UNION ALL {nodes}"
    )
    for r in _rows(mesin, q):
        if not r["level"]:
            _, expected = aturan_kode._HEADER_FORMATS[r["kolom"]]
            f = Finding.of(
                "KODE_FORMAT", "", None, variant="kepala", kolom=r["kolom"], kode=r["kode"], format=expected
            )
        else:
            level = Level(r["level"])
            f = Finding.of(
                "KODE_FORMAT",
                r["jalur"],
                _src(r),
                level=_NAMA_LEVEL[r["level"]],
                kode=r["kode"],
                format=aturan_kode._FORMATS[level],
            )
        yield _t(r, f)


@_aturan("KODE_HIERARCHY")
def _kode_hierarchy(mesin: Mesin, lk: _Lingkup) -> Iterator[Temuan]:
    """A program whose code does not start with its tree's K/L and unit (those of the
    tree's first row); a KRO not under its kegiatan's code."""
    awalan = "t.kl || '.' || t.kdunit || '.'"
    q = _with(lk, "atr_pohon", "atr_node") + (
        f"SELECT n.*, {awalan} AS awalan FROM atr_node n "
        f"JOIN atr_pohon t ON {' AND '.join(f't.{c} = n.{c}' for c in _POHON)} "
        f"WHERE (n.level = 'program' AND NOT starts_with(n.program, {awalan})) "
        "OR (n.level = 'kro' AND NOT starts_with(n.kro, n.kegiatan || '.'))"
    )
    for r in _rows(mesin, q):
        if r["level"] == "kro":
            f = Finding.of(
                "KODE_HIERARCHY", r["jalur"], _src(r), variant="kro", kode=r["kro"], kegiatan=r["kegiatan"]
            )
        else:
            f = Finding.of("KODE_HIERARCHY", r["jalur"], _src(r), kode=r["program"], awalan=r["awalan"])
        yield _t(r, f)


@_aturan("KODE_DUPLICATE")
def _kode_duplicate(mesin: Mesin, lk: _Lingkup) -> Iterator[Temuan]:
    """A KRO code listed again under its kegiatan (another lokasi): every one after the
    first in SAKTI's order (the reader merges a repeated row of one node instead, as
    READ_ADK_DUPLICATE; no other level can repeat a code under one parent)."""
    ulang = _node(lk, "kro", _berulang("kro", ("program", "kegiatan", "kro")))
    q = _with(lk, "atr_n_kro", "baris_node") + (
        f"SELECT * FROM (SELECT k.*, row_number() OVER (PARTITION BY {_K}, program, kegiatan, kro "
        f"ORDER BY provinsi || '.' || kabkota) AS _d FROM ({ulang}) AS k) AS x WHERE _d > 1"
    )
    for r in _rows(mesin, q):
        yield _t(
            r,
            Finding.of(
                "KODE_DUPLICATE",
                r["jalur"],
                _src(r),
                variant="di_bawah",
                level="KRO",
                kode=r["kro"],
                induk=r["kegiatan"],
            ),
        )


@_aturan("KEGIATAN_PROGRAM")
def _kegiatan_program(mesin: Mesin, lk: _Lingkup) -> Iterator[Temuan]:
    """A kegiatan code under a second program of its tree: each one after the first
    program in SAKTI's order, naming the first."""
    ulang = _node(lk, "kegiatan", _berulang("kegiatan", ("kegiatan",)))
    q = _with(lk, "atr_n_kegiatan", "baris_node") + (
        "SELECT * FROM (SELECT x.*, first_value(program) OVER (PARTITION BY "
        f"{_K}, kegiatan ORDER BY w1, w2, w3, w4, w5, w6) AS pertama, row_number() OVER (PARTITION BY "
        f"{_K}, kegiatan ORDER BY w1, w2, w3, w4, w5, w6) AS _p FROM ({ulang}) AS x) AS y WHERE _p > 1"
    )
    for r in _rows(mesin, q):
        yield _t(
            r,
            Finding.of(
                "KEGIATAN_PROGRAM",
                r["jalur"],
                _src(r),
                kode=r["kegiatan"],
                pertama=r["pertama"],
                kedua=r["program"],
            ),
        )


#: the places that print a code: (table of the code, the level of the node or ``""`` for
#: the header, the code, the name the document gives it, when it is printed)
_TEMPAT = (
    ("kementerian", "", "kl", "''", "true"),
    ("unit_organisasi", "", "kl || '.' || kdunit", "''", "true"),
    ("satker", "", "satker", "''", "true"),
    ("lokasi", "", "provinsi", "''", "provinsi <> ''"),
    ("lokasi", "", "provinsi || '.' || kabkota", "''", "kabkota <> ''"),
    ("program", "program", "program", "''", "true"),
    ("kegiatan", "kegiatan", "kegiatan", "''", "true"),
    ("kro", "kro", "kro", "''", "true"),
    ("lokasi", "kro", "provinsi || '.' || kabkota", "''", "true"),
    ("ro", "ro", "kro || '.' || ro", f"CASE WHEN urut = {_URUT['ro']} THEN trim(uraian) ELSE '' END", "true"),
    ("akun", "akun", "akun", "''", "true"),
    ("sumber_dana", "akun", "sumber_dana", "''", "sumber_dana <> ''"),
)


def _tempat() -> str:
    """Every place that prints a code, with the name the document gives it (an RO's
    uraian), its path, source and walk order: the header first (path ``""``), then the
    nodes (``nama.tanpa_nama``)."""
    kepala = [(i, t) for i, t in enumerate(_TEMPAT) if not t[1]]
    node = [(i, t) for i, t in enumerate(_TEMPAT) if t[1]]

    def pilih(rows: list[tuple[int, tuple[str, str, str, str, str]]], what: int) -> str:
        return " ".join(f"WHEN {i} THEN {t[what]}" for i, t in rows)

    def tabel(rows: list[tuple[int, tuple[str, str, str, str, str]]]) -> str:
        return " UNION ALL ".join(f"SELECT {i} AS j, '{t[0]}' AS jenis, '{t[1]}' AS level" for i, t in rows)

    return (
        f"SELECT {_K}, p.jenis, CASE p.j {pilih(kepala, 2)} END AS kode, '' AS nama, 0 AS grup, {_W_KOSONG}, "
        f"'' AS jalur, CAST(NULL AS VARCHAR) AS berkas, CAST(NULL AS INTEGER) AS baris FROM atr_pohon "
        f"CROSS JOIN ({tabel(kepala)}) AS p WHERE CASE p.j {pilih(kepala, 4)} END "
        f"UNION ALL SELECT {_K}, p.jenis, CASE p.j {pilih(node, 2)} END AS kode, "
        f"CASE p.j {pilih(node, 3)} END AS nama, 1 AS grup, {_W}, jalur, berkas, baris FROM atr_node n "
        f"JOIN ({tabel(node)}) AS p ON p.level = n.level WHERE CASE p.j {pilih(node, 4)} END"
    )


@_aturan("KODE_TANPA_NAMA")
def _kode_tanpa_nama(mesin: Mesin, lk: _Lingkup) -> Iterator[Temuan]:
    """Each code neither the document nor a reference in use names, once per tree at its
    first place, with the count of the others (an akun the akun table lacks is
    AKUN_TIDAK_DIKENAL's)."""
    kunci = (*_POHON, "jenis", "kode")
    # the first place of each code (an aggregate, ``arg_min`` by the walk order: cheaper
    # than a window sorting every place of a national set)
    urutan = ", ".join(f"{w} := t.{w}" for w in ("grup", *_W.split(", ")))
    q = _with(lk, "atr_pohon", "atr_node") + (
        f"SELECT {', '.join(kunci)}, r.jalur AS jalur, r.berkas AS berkas, r.baris AS baris, n FROM ("
        f"SELECT {', '.join(f't.{c} AS {c}' for c in kunci)}, arg_min(struct_pack(jalur := t.jalur, "
        f"berkas := t.berkas, baris := t.baris), struct_pack({urutan})) AS r, count(*) AS n "
        f"FROM ({_tempat()}) AS t LEFT JOIN ref_nama r ON r.jenis = t.jenis AND r.kode = t.kode "
        "LEFT JOIN ref_akun a ON t.jenis = 'akun' AND a.kode = t.kode "
        "WHERE t.kode <> '' AND t.nama = '' AND r.kode IS NULL "
        f"AND (t.jenis <> 'akun' OR a.kode IS NOT NULL) GROUP BY {', '.join(f't.{c}' for c in kunci)}) AS x"
    )
    for r in _rows(mesin, q):
        others = int(r["n"]) - 1
        yield _t(
            r,
            Finding.of(
                "KODE_TANPA_NAMA",
                r["jalur"],
                _src(r),
                variant="lain" if others else "",
                jenis=r["jenis"],
                label=LABEL[r["jenis"]],
                kode=r["kode"],
                lain=others,
            ),
        )


def _faktor(dari: str) -> str:
    """The rows of ``dari`` with ``sama_faktor``: whether a line's non-zero factors
    multiply to its volume, exactly and in whole numbers on both engines. Each factor x
    10,000 (its 4 decimals) as BIGINT (``m1`` .. ``m4``, 1 for a zero factor); their
    product, when it has fewer than 39 digits (``d``: the digits of the four, or 36 when
    none has more than 9: the common case, without turning numbers into text), against
    volume x 10,000^k (k: the non-zero factors); with 39 digits or more the product is at
    least 10^35, more than any volume x 10,000^k (below 10^30)."""
    m = ", ".join(
        f"CASE WHEN vol{n} = 0 THEN CAST(1 AS BIGINT) "
        f"ELSE CAST(CAST(vol{n} AS DECIMAL(38,4)) * 10000 AS BIGINT) END AS m{n}"
        for n in (1, 2, 3, 4)
    )
    k = " + ".join(f"CASE WHEN vol{n} <> 0 THEN 1 ELSE 0 END" for n in (1, 2, 3, 4))
    # the digits of the four (by their text) only when one has more than 9: else 36 bounds them
    digits = (
        "CASE WHEN greatest(m1, m2, m3, m4) < 1000000000 THEN 36 ELSE "
        + " + ".join(f"length(CAST(m{n} AS VARCHAR))" for n in (1, 2, 3, 4))
        + " END"
    )
    safe = [f"CASE WHEN d <= 38 THEN m{n} ELSE CAST(1 AS BIGINT) END" for n in (1, 2, 3, 4)]
    produk = f"CAST({safe[0]} AS DECIMAL(38,0)) * " + " * ".join(safe[1:])
    skala = "CASE k WHEN 1 THEN 1 WHEN 2 THEN 10000 WHEN 3 THEN 100000000 ELSE 1000000000000 END"
    volume = f"CAST(CAST(volume AS DECIMAL(38,4)) * 10000 AS DECIMAL(38,0)) * ({skala})"
    return (
        f"SELECT z.*, (d <= 38 AND {produk} = {volume}) AS sama_faktor FROM (SELECT y.*, {digits} AS d FROM "
        f"(SELECT x.*, {m}, {k} AS k FROM ({dari}) AS x) AS y) AS z"
    )


@_aturan("DETAIL_VOLUME_FAKTOR")
def _volume_faktor(mesin: Mesin, lk: _Lingkup) -> Iterator[Temuan]:
    """A line (not a header) with factors whose product is not its volume."""
    q = _with(lk, "atr_garis") + "SELECT * FROM atr_garis WHERE salah_faktor"
    for r in _rows_item(mesin, lk, q):
        d = _detail(r)
        product = d.volume_faktor()
        yield _t(
            r,
            Finding.of(
                "DETAIL_VOLUME_FAKTOR",
                _jalur_item(r),
                _src(r),
                variant="kali" if len(d.faktor) > 1 else "",
                **rincian._item(d),
                volume=str(d.volume),
                satuan=d.satuan,
                faktor=d.volume_text(),
                hasil_kali=str(product),
            ),
        )


def _rupiah(dari: str) -> str:
    """The rows of ``dari`` with volume x harga satuan (``kali``, exactly: DECIMAL(38,4)
    on both engines), SAKTI's jumlah of it (``seharusnya``: rounded down to Rp 1,000, at
    least Rp 1,000 when positive) and the product rounded up to Rp 1,000 (``ke_atas``), in
    whole numbers (floor, ceiling, remainder), never a float."""
    return (
        "SELECT y.*, CASE WHEN kali <= 0 THEN 0 ELSE greatest(floor(kali) - floor(kali) % 1000, 1000) END "
        "AS seharusnya, CASE WHEN kali <= 0 THEN 0 ELSE ceil(kali) + (1000 - ceil(kali) % 1000) % 1000 END "
        "AS ke_atas FROM (SELECT x.*, CAST(volume AS DECIMAL(38,4)) * harga_satuan AS kali "
        f"FROM ({dari}) AS x) AS y"
    )


def _jumlah_lain(mesin: Mesin, lk: _Lingkup, rule: str, ke_atas: bool) -> Iterator[Temuan]:
    # a belanja pegawai line rounded up to the thousand is DETAIL_JUMLAH_KE_ATAS's
    q = (
        _with(lk, "atr_garis")
        + f"SELECT * FROM atr_garis WHERE salah_jumlah AND {'' if ke_atas else 'NOT '}naik"
    )
    for r in _rows_item(mesin, lk, q):
        d, expected = _detail(r), int(r["seharusnya"])
        args = rincian._hitungan(d, expected)
        if not ke_atas:
            args["selisih"] = d.jumlah - expected
        yield _t(r, Finding.of(rule, _jalur_item(r), _src(r), **args))


@_aturan("DETAIL_JUMLAH")
def _detail_jumlah(mesin: Mesin, lk: _Lingkup) -> Iterator[Temuan]:
    """A line whose jumlah is not SAKTI's rounding of volume x harga satuan."""
    return _jumlah_lain(mesin, lk, "DETAIL_JUMLAH", ke_atas=False)


@_aturan("DETAIL_JUMLAH_KE_ATAS")
def _detail_jumlah_ke_atas(mesin: Mesin, lk: _Lingkup) -> Iterator[Temuan]:
    """A belanja pegawai line rounded up to the thousand instead."""
    return _jumlah_lain(mesin, lk, "DETAIL_JUMLAH_KE_ATAS", ke_atas=True)


_BULAN_SUM = " + ".join(BULAN)


def _calon_garis() -> str:
    """The lines :func:`_garis` may report: a superset, found in whole numbers of 64 bits
    where the values allow (nearly every line: whole volumes and factors, a product that
    cannot overflow), so that the exact arithmetic of 38 digits is made for these few
    lines only: a header line with any value; a line whose plan does not add up; whose
    jumlah is not SAKTI's rounding (whole volume from 0 below 10^6 and price from 0 below
    10^12: volume x price in 64 bits, else :func:`_rupiah`'s arithmetic); whose factors are
    not shown to multiply to its volume (all whole, from 0 below 50,000, and the volume
    whole: their product in 64 bits; else a candidate). Each fast path is behind a ``CASE`` so that no
    product is made of values that could overflow (Spark's ANSI mode raises then)."""
    faktor = "(vol1 <> 0 OR vol2 <> 0 OR vol3 <> 0 OR vol4 <> 0)"
    utuh = " AND ".join(f"vol{n} = floor(vol{n}) AND vol{n} >= 0 AND vol{n} < 50000" for n in (1, 2, 3, 4))
    hasil = " * ".join(
        f"CASE WHEN vol{n} = 0 THEN CAST(1 AS BIGINT) ELSE CAST(vol{n} AS BIGINT) END" for n in (1, 2, 3, 4)
    )
    faktor_cocok = (
        f"CASE WHEN volume = floor(volume) AND {utuh} THEN {hasil} = CAST(volume AS BIGINT) ELSE false END"
    )
    kali = "CAST(volume AS BIGINT) * harga_satuan"
    kali_tepat = "CAST(volume AS DECIMAL(38,4)) * harga_satuan"

    def seharusnya(k: str, bulat: bool) -> str:
        f = k if bulat else f"floor({k})"
        return f"CASE WHEN {k} <= 0 THEN 0 ELSE greatest({f} - {f} % 1000, 1000) END"

    jumlah_lain = (
        "CASE WHEN volume = floor(volume) AND volume >= 0 AND volume < 1000000 "
        "AND harga_satuan >= 0 AND harga_satuan < 1000000000000 "
        f"THEN jumlah <> {seharusnya(kali, True)} ELSE jumlah <> {seharusnya(kali_tepat, False)} END"
    )
    lines = f"SELECT {_DETAIL_KOLOM}, tingkat, {', '.join(BULAN)}, {_BULAN_SUM} AS rencana FROM t_item"
    return (
        f"SELECT * FROM ({lines}) AS b WHERE (tingkat > 0 AND (jumlah <> 0 OR rencana <> 0 OR volume <> 0 "
        f"OR {faktor} OR harga_satuan <> 0)) OR (tingkat = 0 AND (rencana <> jumlah OR {jumlah_lain} "
        f"OR ({faktor} AND NOT ({faktor_cocok}))))"
    )


def _garis() -> str:
    """The detail lines one of the line rules reports, read in one pass over the lines
    (each rule reads its own of them, instead of every line again), with what each rule
    asks of a line, in exact arithmetic (for the candidates of :func:`_calon_garis`):
    ``salah_faktor`` (DETAIL_VOLUME_FAKTOR: a line with factors whose product is not its
    volume), ``salah_jumlah`` (a line whose jumlah is not SAKTI's rounding; ``naik``: a
    belanja pegawai line rounded up to the thousand instead, DETAIL_JUMLAH_KE_ATAS's, the
    others DETAIL_JUMLAH's), ``salah_bulanan`` (RENCANA_BULANAN_SUM: a plan that does not
    add up to the jumlah) and ``salah_kepala`` (DETAIL_HEADER_BERNILAI: a header line with
    a jumlah, a plan, a volume, factors or a price); ``rencana``: the plan's sum."""
    faktor = "(vol1 <> 0 OR vol2 <> 0 OR vol3 <> 0 OR vol4 <> 0)"
    flags = (
        f"tingkat = 0 AND {faktor} AND NOT sama_faktor AS salah_faktor, "
        "tingkat = 0 AND jumlah <> seharusnya AS salah_jumlah, "
        "(akun LIKE '51%' AND kali > 0 AND jumlah = ke_atas) AS naik, "
        "tingkat = 0 AND rencana <> jumlah AS salah_bulanan, "
        f"tingkat > 0 AND (jumlah <> 0 OR rencana <> 0 OR volume <> 0 OR {faktor} OR harga_satuan <> 0) "
        "AS salah_kepala"
    )
    return (
        f"SELECT * FROM (SELECT g.*, {flags} FROM ({_rupiah(_faktor(_calon_garis()))}) AS g) AS h "
        "WHERE salah_faktor OR salah_jumlah OR salah_bulanan OR salah_kepala"
    )


def _rencana() -> str:
    """The lines (not the headers) of every tree summed per program, kegiatan and jenis
    belanja: jumlah, each month (``s_jan`` ..) and ``salah`` 1 when a line's own plan does
    not add up (RENCANA_PENARIKAN's side of the lines)."""
    g = "program, kegiatan, jenis_belanja"
    sums = ", ".join(f"sum({b}) AS s_{b}" for b in BULAN)
    return (
        f"SELECT {_K}, {g}, sum(jumlah) AS s_jumlah, {sums}, "
        f"max(CASE WHEN {_BULAN_SUM} <> jumlah THEN 1 ELSE 0 END) AS salah FROM t_item WHERE tingkat = 0 "
        f"GROUP BY {_K}, {g}"
    )


def _kro_salah(lk: _Lingkup) -> str:
    """The KROs (tree and codes) with their own row and RO nodes with theirs whose
    volumes do not add up to the KRO's (KRO_VOLUME_SUM's)."""
    k = ", ".join((*_POHON, *_KUNCI_KRO))
    ro = _nilai(lk, "ro", f"urut = {_URUT['ro']}")
    kro = _nilai(lk, "kro", f"urut = {_URUT['kro']}")
    return (
        f"SELECT {', '.join(f'a.{c}' for c in (*_POHON, *_KUNCI_KRO))} FROM (SELECT {k}, "
        f"sum(volume) AS total FROM ({ro}) AS r GROUP BY {k}) AS a JOIN ({kro}) AS b "
        f"ON {' AND '.join(f'b.{c} = a.{c}' for c in (*_POHON, *_KUNCI_KRO))} WHERE a.total <> b.volume"
    )


_CTE["atr_kro_salah"] = (("atr_n_ro", "atr_n_kro", "baris_node"), lambda lk: _kro_salah(lk))
_CTE["atr_garis"] = (("t_item",), lambda lk: _garis())
_CTE["atr_rencana"] = (("t_item",), lambda lk: _rencana())
#: the rules that read :func:`_garis` (kept as a table when one of them runs)
_GARIS = (
    "DETAIL_VOLUME_FAKTOR",
    "DETAIL_JUMLAH",
    "DETAIL_JUMLAH_KE_ATAS",
    "RENCANA_BULANAN_SUM",
    "DETAIL_HEADER_BERNILAI",
)


@_aturan("RENCANA_BULANAN_SUM")
def _rencana_bulanan(mesin: Mesin, lk: _Lingkup) -> Iterator[Temuan]:
    """A line whose monthly plan does not add up to its jumlah."""
    q = _with(lk, "atr_garis") + "SELECT * FROM atr_garis WHERE salah_bulanan"
    for r in _rows_item(mesin, lk, q):
        d = _detail(r)
        bulanan = [int(r[b]) for b in BULAN]
        total = sum(bulanan)
        yield _t(
            r,
            Finding.of(
                "RENCANA_BULANAN_SUM",
                _jalur_item(r),
                _src(r),
                **rincian._item(d),
                jumlah=d.jumlah,
                rencana=total,
                selisih=d.jumlah - total,
                bulanan=bulanan,
            ),
        )


@_aturan("RENCANA_PENARIKAN")
def _rencana_penarikan(mesin: Mesin, lk: _Lingkup) -> Iterator[Temuan]:
    """Each spending row of d_trktrm against its lines (per program, kegiatan and jenis
    belanja): pagu, its months' sum, each month (not where a line's own plan is off); and
    the lines of a group without a row, in an archive that has the table's rows."""
    on = " AND ".join(f"s.{c} = r.{c}" for c in (*_POHON, "program", "kegiatan", "jenis_belanja"))
    month_diff = " OR ".join(f"r.{b} <> coalesce(s.s_{b}, 0)" for b in BULAN)
    rows_q = (
        f"SELECT r.tahun, r.tahap, r.arsip, r.satker, r.program, r.kegiatan, r.jenis_belanja, r.pagu, "
        f"{', '.join(f'r.{b}' for b in BULAN)}, coalesce(s.s_jumlah, 0) AS s_jumlah, "
        f"{', '.join(f'coalesce(s.s_{b}, 0) AS s_{b}' for b in BULAN)}, coalesce(s.salah, 0) AS salah, "
        f"r.berkas, r.baris FROM t_trktrm r LEFT JOIN atr_rencana s ON {on} WHERE r.kdtrktrm = '1' "
        f"AND (r.pagu <> coalesce(s.s_jumlah, 0) OR (coalesce(s.salah, 0) = 0 AND "
        f"({' + '.join(f'r.{b}' for b in BULAN)} <> r.pagu OR {month_diff})))"
    )
    seen = " AND ".join(f"r.{c} = s.{c}" for c in (*_POHON, "program", "kegiatan", "jenis_belanja"))
    ada = " AND ".join(f"a.{c} = s.{c}" for c in ("tahun", "tahap", "arsip"))
    missing_q = (
        f"SELECT s.tahun, s.tahap, s.arsip, s.satker, s.program, s.kegiatan, s.jenis_belanja, s.s_jumlah "
        f"FROM atr_rencana s WHERE s.s_jumlah <> 0 "
        f"AND NOT EXISTS (SELECT 1 FROM t_trktrm r WHERE r.kdtrktrm = '1' AND {seen}) "
        f"AND EXISTS (SELECT 1 FROM t_trktrm a WHERE {ada})"
    )
    base = _with(lk, "atr_rencana", "t_trktrm")
    for r in _rows(mesin, base + rows_q):
        row = {k: r[k] for k in ("program", "kegiatan", "jenis_belanja")} | {"pagu": int(r["pagu"])}
        where = f"{r['program']}/{r['kegiatan']}"
        bulanan = [int(r[b]) for b in BULAN]
        s = [int(r[f"s_{b}"]) for b in BULAN]
        if row["pagu"] != int(r["s_jumlah"]):
            s0 = int(r["s_jumlah"])
            f = Finding.of(
                "RENCANA_PENARIKAN", where, _src(r), **row, jumlah_rincian=s0, selisih=row["pagu"] - s0
            )
        elif sum(bulanan) != row["pagu"]:
            f = Finding.of(
                "RENCANA_PENARIKAN", where, _src(r), variant="bulanan", **row, bulanan=sum(bulanan)
            )
        else:
            months = [m + 1 for m in range(12) if bulanan[m] != s[m]]
            f = Finding.of("RENCANA_PENARIKAN", where, _src(r), variant="bulan", **row, bulan=months)
        yield _t(r, f)
    for r in _rows(mesin, base + missing_q):
        yield _t(
            r,
            Finding.of(
                "RENCANA_PENARIKAN",
                f"{r['program']}/{r['kegiatan']}",
                None,
                variant="tanpa_baris",
                program=r["program"],
                kegiatan=r["kegiatan"],
                jenis_belanja=r["jenis_belanja"],
                jumlah_rincian=int(r["s_jumlah"]),
            ),
        )


@_aturan("DETAIL_HEADER_BERNILAI")
def _header_bernilai(mesin: Mesin, lk: _Lingkup) -> Iterator[Temuan]:
    """A header line with a jumlah or a plan, and one with a volume, factors or a price."""
    q = _with(lk, "atr_garis") + "SELECT * FROM atr_garis WHERE salah_kepala"
    for r in _rows_item(mesin, lk, q):
        d = _detail(r)
        path, src = _jalur_item(r), _src(r)
        if d.jumlah:
            yield _t(r, Finding.of("DETAIL_HEADER_BERNILAI", path, src, **rincian._item(d), jumlah=d.jumlah))
        elif int(r["rencana"]):
            yield _t(
                r,
                Finding.of(
                    "DETAIL_HEADER_BERNILAI",
                    path,
                    src,
                    variant="rencana",
                    **rincian._item(d),
                    rencana=int(r["rencana"]),
                ),
            )
        if d.volume or d.faktor or d.harga_satuan:
            yield _t(
                r,
                Finding.of(
                    "DETAIL_HEADER_BERNILAI",
                    path,
                    src,
                    variant="volume",
                    **rincian._item(d),
                    volume=str(d.volume),
                    faktor=d.volume_text() if d.faktor else "-",
                    harga_satuan=d.harga_satuan,
                ),
            )


#: a spending akun: 6 digits starting with a jenis belanja of the reference
_BELANJA = f"({_cocok('akun', AKUN.pattern)} AND substr(akun, 1, 2) IN (SELECT kode FROM ref_jenis_belanja))"


@_aturan("AKUN_REFERENSI")
def _akun_referensi(mesin: Mesin, lk: _Lingkup) -> Iterator[Temuan]:
    """An akun node that is no spending akun."""
    bukan = _akun_yang(f"NOT {_BELANJA}")
    q = (
        _with(lk, "atr_n_akun", "baris_node")
        + f"SELECT * FROM ({_node(lk, 'akun', f'akun IN ({bukan})')}) AS n"
    )
    for r in _rows(mesin, q):
        yield _t(r, Finding.of("AKUN_REFERENSI", r["jalur"], _src(r), akun=r["akun"]))


@_aturan("AKUN_TIDAK_DIKENAL")
def _akun_tidak_dikenal(mesin: Mesin, lk: _Lingkup) -> Iterator[Temuan]:
    """A spending akun the akun reference lacks: once per tree and code, at its first
    place in SAKTI's order, with the number of places."""
    kenal = _akun_yang(f"{_BELANJA} AND akun NOT IN (SELECT kode FROM ref_akun)")
    q = _with(lk, "atr_n_akun", "baris_node") + (
        f"SELECT * FROM (SELECT x.*, row_number() OVER (PARTITION BY {_K}, akun ORDER BY {_W}) AS _u, "
        f"count(*) OVER (PARTITION BY {_K}, akun) AS n FROM ({_node(lk, 'akun', f'akun IN ({kenal})')}) "
        "AS x) AS y WHERE _u = 1"
    )
    for r in _rows(mesin, q):
        others = int(r["n"]) - 1
        yield _t(
            r,
            Finding.of(
                "AKUN_TIDAK_DIKENAL",
                r["jalur"],
                _src(r),
                variant="" if not others else "lain_satu" if others == 1 else "lain",
                akun=r["akun"],
                tempat=others + 1,
                lain=others,
            ),
        )


@_aturan("AKUN_KOMPONEN")
def _akun_komponen(mesin: Mesin, lk: _Lingkup) -> Iterator[Temuan]:
    """A spending akun under a komponen it does not fit (001: 51 only; 002: 52 only; 51
    under 001 only). The komponen's name is not in the datasets: empty."""
    allowed = " OR ".join(
        f"(komponen = '{k}' AND substr(akun, 1, 2) NOT IN ({', '.join(_teks(j) for j in sorted(js))}))"
        for k, js in rincian._KOMPONEN_JENIS.items()
    )
    cond = f"({allowed} OR (akun LIKE '51%' AND komponen <> '001')) AND akun IN ({_akun_yang(_BELANJA)})"
    q = _with(lk, "atr_n_akun", "baris_node") + f"SELECT * FROM ({_node(lk, 'akun', cond)}) AS n"
    for r in _rows(mesin, q):
        yield _t(
            r,
            Finding.of(
                "AKUN_KOMPONEN",
                r["jalur"],
                _src(r),
                akun=r["akun"],
                jenis=r["akun"][:2],
                komponen=r["komponen"],
                komponen_nama="",
            ),
        )


@_aturan("AKUN_TANPA_RINCIAN")
def _akun_tanpa_rincian(mesin: Mesin, lk: _Lingkup) -> Iterator[Temuan]:
    """An akun node without detail lines, in a tree that has lines."""
    cond = (
        f"urut = {_URUT['akun']} AND ada_baris = 0 "
        f"AND ({_K}) IN (SELECT {_K} FROM atr_n_program WHERE ada_baris = 1)"
    )
    q = (
        _with(lk, "atr_n_akun", "atr_n_program", "baris_node")
        + f"SELECT * FROM ({_node(lk, 'akun', cond)}) AS n"
    )
    for r in _rows(mesin, q):
        yield _t(r, Finding.of("AKUN_TANPA_RINCIAN", r["jalur"], _src(r), akun=r["akun"]))


@_aturan("BLOKIR_TANPA_URAIAN")
def _blokir(mesin: Mesin, lk: _Lingkup) -> Iterator[Temuan]:
    """An akun whose lines block an amount (header lines included) and whose own row
    gives no reason."""
    cond = f"urut <> {_URUT['akun']} OR coalesce(uraian_blokir, '') = ''"
    q = (
        _with(lk, "atr_n_akun", "baris_node")
        + f"SELECT * FROM ({_node(lk, 'akun', 'blokir > 0', cond)}) AS n"
    )
    for r in _rows(mesin, q):
        yield _t(
            r,
            Finding.of("BLOKIR_TANPA_URAIAN", r["jalur"], _src(r), akun=r["akun"], blokir=int(r["blokir"])),
        )


#: the per-tree rules this module gives, in the registry's order
RULES_SET: tuple[str, ...] = tuple(r.id for r in RULES if r.id in _ATURAN)
_ORDER = {r.id: i for i, r in enumerate(RULES)}


def _kunci_tempat(t: Temuan) -> tuple[Any, ...]:
    """:func:`kunci_urut` but the arguments."""
    f = t.temuan
    line = f.source.line if f.source and f.source.line is not None else -1
    return (t.tahun, t.tahap, t.satker, t.arsip, _ORDER[f.rule], f.path, line, f.variant)


def kunci_urut(t: Temuan) -> tuple[Any, ...]:
    """The order of findings: stage and year, satker, archive, then rule (the registry's
    order), path, line and arguments."""
    return (*_kunci_tempat(t), repr(sorted(t.temuan.args.items())))


def urutkan(found: list[Temuan]) -> list[Temuan]:
    """``found`` in :func:`kunci_urut`'s order; the arguments (their text) are made only
    for findings of one place (a national set's hundreds of thousands of findings are
    nearly all at places of their own)."""
    keys = [_kunci_tempat(t) for t in found]
    order = sorted(range(len(found)), key=keys.__getitem__)
    out: list[Temuan] = []
    i = 0
    while i < len(order):
        j = i + 1
        while j < len(order) and keys[order[j]] == keys[order[i]]:
            j += 1
        run = [found[k] for k in order[i:j]]
        out.extend(run if j - i == 1 else sorted(run, key=kunci_urut))
        i = j
    return out


def temuan(
    mesin: Mesin,
    tahap: str | None = None,
    versi: str = "menjadi",
    aturan: Iterable[str] | None = None,
) -> list[Temuan]:
    """The findings of the rules ``aturan`` (every one of :data:`RULES_SET` by default) on
    every tree of the consolidation ``mesin`` runs over: one stage (``tahap``) or all, one
    side (``menjadi`` or ``semula``); in :func:`kunci_urut`'s order.

    The engine is given the reference tables in use and keeps the parts the rules' queries
    share as tables while they run (:data:`_SIMPAN`: the nodes level by level and the
    trees; the lines the line rules report, RENCANA_PENARIKAN's sums: ``Mesin.simpan``),
    letting go of each once nothing reads it (``Mesin.lepas``); one call at a time on one
    engine."""
    if versi not in ("menjadi", "semula"):
        raise ValueError(f"versi must be menjadi or semula, not {versi!r}")
    ids = list(RULES_SET if aturan is None else aturan)
    unknown = [i for i in ids if i not in _ATURAN]
    if unknown:
        raise ValueError(f"not set-based: {', '.join(unknown)}")
    pasang_referensi(mesin)
    lk = _Lingkup(versi, tahap)
    simpan = (
        *_SIMPAN,
        *(("atr_garis",) if set(ids) & set(_GARIS) else ()),
        *(("atr_rencana",) if "RENCANA_PENARIKAN" in ids else ()),
    )
    try:
        for i, nama in enumerate(simpan):
            mesin.simpan(nama, _with(lk, nama) + f"SELECT * FROM {nama}")
            lk = replace(lk, disimpan=lk.disimpan | {nama})
            if nama == "baris_node":
                lk = replace(lk, rujukan=not mesin.sql(_KEMBAR))
            for lama in lk.disimpan - _BACAAN_ATURAN:
                if not any(lama in _dibaca(n, lk.disimpan) for n in simpan[i + 1 :]):
                    mesin.lepas(lama)  # nothing after reads it: its memory is free again
                    lk = replace(lk, disimpan=lk.disimpan - {lama})
        out = [t for i in ids for t in _ATURAN[i](mesin, lk)]
    finally:
        for nama in simpan:
            mesin.lepas(nama)
    return urutkan(out)
