"""Build one tree per satker from the tables of a SAKTI ADK archive.

The structure comes from the level tables (``d_output`` KRO, ``d_soutput`` RO, ``d_kmpnen``
komponen, ``d_skmpnen`` sub-komponen, ``d_akun`` akun) and the money from the detail lines
(``d_item``); every level's alokasi is derived from its lines (``hitung_alokasi``). The
``m_*`` tables give the same trees before the revision (semula). Names of program,
kegiatan, KRO and akun come from the reference tables in use; a name no source states
stays empty (the documents print the code alone), never invented. What the archive says
of the satker itself goes to its document: the KPA who signs (``d_kpa``; ``d_satker``'s
name and NIP of the KPA when it has rows), the letterhead (the satker's name, and
``d_satker``'s address and city), an RO's satuan (``d_soutput.sbmksat``, when filled).

A row that names a parent the level tables lack still gets its node, and the reader
reports it (``READ_ADK_PARENT_MISSING``): nothing is dropped.

What a row holds beyond what the tree models (SAKTI's other columns, and raw texts the
model cannot give back, such as a name's trailing blanks) goes into its node's ``adk``
(``formats.adk.baris``), so that the ADK writer gives the tables back field by field.

An archive is read one satker at a time (:func:`iter_adk`): its tables are read whole but
held as one string per row, grouped by satker (``formats.adk.table.GroupedTable``), and
each satker's trees are built from its own rows only, so that a reader of hundreds of
satkers holds one satker's trees at a time. :func:`read_adk` gives them all at once.
A satker's trees never depend on another's rows: every key the builder uses starts with
the satker's code, and what is said once per table (a column the CSV lacks, the columns
placed by evidence) is said before the first satker.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

from anggaran.core.arsip import Arsip
from anggaran.core.errors import InputError
from anggaran.core.findings import N_, Finding, Severity, SourceRef
from anggaran.core.kode import Level, sort_key
from anggaran.core.tree import (
    BULAN,
    KRO,
    RO,
    Akun,
    Detail,
    Dokumen,
    Kegiatan,
    Keluaran,
    KodeNama,
    Komponen,
    Penandatangan,
    Program,
    RencanaPenarikan,
    RkaSatker,
    SubKomponen,
    hitung_alokasi,
    walk,
)
from anggaran.formats.adk import skema
from anggaran.formats.adk.baris import isi_adk
from anggaran.formats.adk.source import AdkFiles, collect
from anggaran.formats.adk.table import (
    GroupedTable,
    Table,
    missing_column,
    parse_angka,
    parse_rupiah,
    read_grouped,
)
from anggaran.reference import Referensi, referensi

_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_KDIB = re.compile(r"[0-9]{2}", re.ASCII)

#: the level tables a tree needs, besides d_item
LEVEL_TABLES = ("output", "soutput", "kmpnen", "skmpnen", "akun")
#: the tables whose rows make a satker's tree (d_satker and d_kpa only add to one)
TREE_TABLES = (*LEVEL_TABLES, "item", "cttakun", "trktrm")
#: the order a side's tables are read in; a finding's place follows it (see :data:`Key`)
_TABLE_ORDER = {name: n for n, name in enumerate((*TREE_TABLES, "satker", "kpa"))}

#: where a finding was made in the order of a whole archive read table by table: (side:
#: -1 the tables themselves, 0 menjadi, 1 semula; table in :data:`_TABLE_ORDER`; line, -1 for
#: what is said of the table before its rows). Sorting by it gives the findings in the
#: order a reader of every satker at once would give them.
Key = tuple[int, int, int]

#: the codes that place a row, in the order the builder first reads them (trailing blanks
#: dropped: a VFP CHAR column pads them; leading ones stay, sub-komponen ``" A"``)
_CODES = (
    "kdsatker",
    "thang",
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
)
_S, _T, _D, _U, _P, _G, _O, _L, _K, _DK, _SO, _KMP, _SKMP, _AK, _KPPN, _BEBAN = range(len(_CODES))
#: how many of the codes each table's rows are placed by
_DEPTH = {
    "output": _DK + 1,
    "soutput": _SO + 1,
    "kmpnen": _KMP + 1,
    "skmpnen": _SKMP + 1,
    "akun": len(_CODES),
    "item": len(_CODES),
    "cttakun": len(_CODES),
    "trktrm": _G + 1,
}


@dataclass
class AdkResult:
    """An archive's trees and what the reader had to say (``READ_*`` findings, with the
    satker code each concerns in ``data["satker"]``)."""

    arsip: Arsip
    findings: list[Finding] = field(default_factory=list)


def _base(origin: str) -> str:
    return origin.replace("\\", "/").rsplit("!", 1)[-1].rsplit("/", 1)[-1]


class _Kolom:
    """The column positions of one table; asking for a column the table lacks raises
    InputError naming the file (``missing_column``)."""

    __slots__ = ("pos", "table")

    def __init__(self, table: Table) -> None:
        self.table = table
        self.pos = {k: p for p, k in enumerate(table.kolom)}

    def __getitem__(self, name: str) -> int:
        p = self.pos.get(name)
        if p is None:
            raise missing_column(self.table, name)
        return p

    def __contains__(self, name: object) -> bool:
        return name in self.pos

    def codes(self, depth: int) -> Callable[[list[str]], list[str]]:
        """A function giving a row's first ``depth`` codes (:data:`_CODES`) without their
        trailing blanks."""
        get = itemgetter(*(self[name] for name in _CODES[:depth]))
        return lambda row: [v.rstrip() for v in get(row)]

    def text(self, name: str) -> Callable[[list[str]], str]:
        """A function giving a row's ``name`` ("" when the table lacks the column)."""
        p = self.pos.get(name)
        return (lambda row: row[p]) if p is not None else (lambda row: "")


class _Builder:
    """Builds the trees of one side (``d`` menjadi or ``m`` semula) of an archive from the
    ``tables`` given (one satker's rows: ``GroupedTable.table``). ``totals`` are the
    whole tables' row counts, ``missing`` the (table, column) pairs already told missing
    (:meth:`has`); findings go to ``findings`` with their :data:`Key`."""

    def __init__(
        self,
        tables: dict[str, Table],
        prefix: str,
        ref: Referensi,
        findings: list[tuple[Key, Finding]],
        missing: set[tuple[str, str]] | None = None,
        totals: dict[str, int] | None = None,
        columns: dict[str, tuple[tuple[str, ...], Callable[[list[str]], tuple[str, ...]]]] | None = None,
    ) -> None:
        self.t = tables
        self.prefix = prefix
        self.side = 0 if prefix == "d" else 1
        self.ref = ref
        self.findings = findings
        self.trees: dict[str, RkaSatker] = {}
        self.nodes: dict[tuple[str, ...], object] = {}
        self.own: set[tuple[str, ...]] = set()
        self.tahun: int | None = None
        self.missing = set() if missing is None else missing
        self.totals = totals if totals is not None else {k: len(v) for k, v in tables.items()}
        #: semula is history: what is wrong in it is told, as a warning
        self.sisi = "menjadi" if prefix == "d" else "semula"
        #: the row each node was read from (by ``id``), and each akun's note rows
        self.raw: dict[int, tuple[Table, int]] = {}
        self.notes: dict[int, list[tuple[Table, int]]] = {}
        self.columns = {} if columns is None else columns
        self.bases: dict[str, str] = {}

    def key(self, table: Table, line: int) -> Key:
        return (self.side, _TABLE_ORDER[table.nama[2:]], line)

    def report(
        self, rule: str, path: str, table: Table, i: int, satker: str, variant: str = "", **args: object
    ) -> None:
        """A reader finding about row ``i`` of ``table``; an error on the menjadi side, a
        warning on semula (whose messages say so)."""
        finding = Finding.of(
            rule,
            path,
            self.src(table, i),
            variant=variant,
            severity=Severity.ERROR if self.sisi == "menjadi" else Severity.WARNING,
            satker=satker,
            sisi=self.sisi,
            semula="semula (m_*): " if self.sisi == "semula" else "",
            tabel=table.nama,
            baris=table.lines[i],
            **args,
        )
        self.findings.append((self.key(table, table.lines[i]), finding))

    # -- helpers -------------------------------------------------------------------------
    def table(self, name: str) -> Table | None:
        return self.t.get(f"{self.prefix}_{name}")

    def src(self, table: Table, i: int) -> SourceRef:
        base = self.bases.get(table.origin)
        if base is None:
            base = self.bases[table.origin] = _base(table.origin)
        return SourceRef(base, None, table.lines[i])

    def missing_parent(self, table: Table, i: int, satker: str, what: str, kode: str) -> None:
        level = f"{self.prefix}_{_LEVEL_TABLE[what]}"
        self.report(
            "READ_ADK_PARENT_MISSING", kode, table, i, satker, level=what, kode=kode, tabel_induk=level
        )

    def duplicate(self, table: Table, i: int, satker: str, what: str, kode: str, merged: bool = True) -> None:
        self.report(
            "READ_ADK_DUPLICATE",
            kode,
            table,
            i,
            satker,
            variant="" if merged else "dihitung",
            level=what,
            kode=kode,
        )

    def claim(self, key: tuple[str, ...], table: Table, i: int, satker: str, what: str, kode: str) -> None:
        """Note that a level table's own row made ``key``; a second one is a duplicate."""
        if key in self.own:
            self.duplicate(table, i, satker, what, kode)
        self.own.add(key)

    def tree(self, table: Table, i: int, c: list[str], k: _Kolom) -> RkaSatker:
        """The tree of the row's satker (``c``: its codes), made on its first row."""
        satker = c[_S]
        tree = self.trees.get(satker)
        if tree is None:
            tahun = c[_T].strip()
            if not _DIGITS.fullmatch(tahun) or len(tahun) != 4:
                raise InputError(
                    N_("thang {tahun!r}"),
                    file=table.origin,
                    line=table.lines[i],
                    expected=N_("a fiscal year of 4 digits"),
                    tahun=tahun,
                )
            self.tahun = self.tahun or int(tahun)
            kddept, kdunit = c[_D], c[_U]
            ref = self.ref.satker.get(satker)
            # the satker's own place: the reference's, else the first row naming one (the
            # reference names some satkers without their codes)
            row = table.rows[i]
            kdlokasi = (ref.kdlokasi if ref else "") or (
                row[k["kdlokasi"]].rstrip() if "kdlokasi" in k else ""
            )
            kdkabkota = (ref.kdkabkota if ref else "") or (
                row[k["kdkabkota"]].rstrip() if "kdkabkota" in k else ""
            )
            tree = RkaSatker(
                dokumen=Dokumen(
                    int(tahun), bagian="A+B", kop=[ref.nama] if ref is not None and ref.nama else []
                ),
                kementerian=KodeNama(kddept, self.ref.kementerian.get(kddept) or ""),
                unit_organisasi=KodeNama(kdunit, self.ref.unit_organisasi.get(f"{kddept}.{kdunit}") or ""),
                satker=KodeNama(satker, (ref.nama if ref else None) or ""),
                provinsi=KodeNama(kdlokasi, self.ref.provinsi.get(kdlokasi) or ""),
                lokasi=KodeNama(kdkabkota, self.ref.kabkota.get((kdlokasi, kdkabkota)) or ""),
                source_file=_base(table.origin),
            )
            self.trees[satker] = tree
        return tree

    def same_satker(self, table: Table, i: int, c: list[str], k: _Kolom) -> RkaSatker:
        """The row's satker's tree; the row's fiscal year, K/L and unit must be the
        satker's (one archive, one year). A row that differs is an error: the line would
        be counted in a document of another year or ministry."""
        tree = self.tree(table, i, c, k)
        row = (c[_T], c[_D], c[_U])
        own = (str(tree.dokumen.tahun_anggaran), tree.kementerian.kode, tree.unit_organisasi.kode)
        if row != own:
            satker = tree.satker.kode
            self.report(
                "READ_ADK_BEDA_SATKER", satker, table, i, satker, baris_ini="/".join(row), lazim="/".join(own)
            )
        return tree

    def bad_value(self, table: Table, i: int, satker: str, column: str, value: str, expected: str) -> None:
        self.report("READ_ADK_NILAI", satker, table, i, satker, kolom=column, nilai=value, harapan=expected)

    # -- levels (``c``: the row's codes) ----------------------------------------------------
    def program(self, table: Table, i: int, c: list[str], k: _Kolom) -> Program:
        tree = self.tree(table, i, c, k)
        kode = f"{c[_D]}.{c[_U]}.{c[_P]}"
        key = (tree.satker.kode, kode)
        node = self.nodes.get(key)
        if node is None:
            node = Program(kode, self.ref.program.get(kode) or "", source=self.src(table, i))
            tree.program.append(node)
            self.nodes[key] = node
        assert isinstance(node, Program)
        return node

    def kegiatan(self, table: Table, i: int, c: list[str], k: _Kolom) -> Kegiatan:
        p = self.program(table, i, c, k)
        kode = c[_G]
        key = (c[_S], p.kode, kode)
        node = self.nodes.get(key)
        if node is None:
            node = Kegiatan(kode, self.ref.kegiatan.get(kode) or "", source=self.src(table, i))
            p.kegiatan.append(node)
            self.nodes[key] = node
        assert isinstance(node, Kegiatan)
        return node

    def _level(
        self,
        key: tuple[str, ...],
        make: Callable[[], tuple[Any, str]],
        what: str,
        table: Table,
        i: int,
        satker: str,
        own: bool,
    ) -> Any:
        """The node at ``key``, made (and hung under its parent) by ``make`` on first sight.
        A row of another table naming a node its level table lacks is reported; a level
        table's row naming a node twice is reported too."""
        node: Any = self.nodes.get(key)
        if node is None:
            node, kode = make()
            self.nodes[key] = node
            if not own:
                self.missing_parent(table, i, satker, what, kode)
        if own:
            self.claim(key, table, i, satker, what, str(node.kode).strip())
        return node

    def kro(self, table: Table, i: int, c: list[str], k: _Kolom, own: bool = False) -> KRO:
        def make() -> tuple[KRO, str]:
            keg = self.kegiatan(table, i, c, k)
            kode = f"{keg.kode}.{c[_O]}"
            ref = self.ref.kro.get(kode)
            node = KRO(
                kode,
                (ref.nama if ref else None) or "",
                lokasi=f"{c[_L]}.{c[_K]}",
                lokasi_nama=self.ref.kabkota.get((c[_L], c[_K])),
                keluaran=Keluaran(None, ref.satuan if ref else None),
                source=self.src(table, i),
            )
            keg.kro.append(node)
            return node, kode

        key = ("kro", c[_S], *c[_P : _DK + 1])
        node: KRO = self._level(key, make, "KRO", table, i, c[_S], own)
        return node

    def ro(self, table: Table, i: int, c: list[str], k: _Kolom, own: bool = False) -> RO:
        def make() -> tuple[RO, str]:
            kro = self.kro(table, i, c, k)
            node = RO(c[_SO], "", source=self.src(table, i))
            kro.ro.append(node)
            return node, f"{kro.kode}.{node.kode}"

        node: RO = self._level(("ro", c[_S], *c[_P : _SO + 1]), make, "RO", table, i, c[_S], own)
        return node

    def komponen(self, table: Table, i: int, c: list[str], k: _Kolom, own: bool = False) -> Komponen:
        def make() -> tuple[Komponen, str]:
            ro = self.ro(table, i, c, k)
            node = Komponen(c[_KMP], "", source=self.src(table, i))
            ro.komponen.append(node)
            return node, node.kode

        key = ("kmp", c[_S], *c[_P : _KMP + 1])
        node: Komponen = self._level(key, make, "komponen", table, i, c[_S], own)
        return node

    def sub_komponen(self, table: Table, i: int, c: list[str], k: _Kolom, own: bool = False) -> SubKomponen:
        def make() -> tuple[SubKomponen, str]:
            kmp = self.komponen(table, i, c, k)
            node = SubKomponen(c[_SKMP], "", source=self.src(table, i))
            kmp.sub_komponen.append(node)
            return node, node.kode.strip()

        key = ("skmp", c[_S], *c[_P : _SKMP + 1])
        node: SubKomponen = self._level(key, make, "sub-komponen", table, i, c[_S], own)
        return node

    def akun(self, table: Table, i: int, c: list[str], k: _Kolom, own: bool = False) -> Akun:
        def make() -> tuple[Akun, str]:
            s = self.sub_komponen(table, i, c, k)
            kode = c[_AK]
            node = Akun(
                kode,
                self.ref.akun.get(kode) or "",
                sumber_dana=c[_BEBAN].strip() or None,
                kppn=c[_KPPN].strip() or None,
                source=self.src(table, i),
            )
            s.akun.append(node)
            return node, kode

        node: Akun = self._level(_akun_key(c), make, "akun", table, i, c[_S], own)
        return node

    # -- tables --------------------------------------------------------------------------
    def read_levels(self) -> None:
        """The level tables, top-down, each row making (or naming) its node."""
        Fill = Callable[[Any, list[str], int], None]

        def kro(t: Table, k: _Kolom) -> Fill:
            vol, origin, lines = k["vol"], t.origin, t.lines

            def fill(n: KRO, r: list[str], i: int) -> None:
                n.keluaran.volume = parse_angka(r[vol], origin, lines[i], "vol")

            return fill

        def ro(t: Table, k: _Kolom) -> Fill:
            vol, origin, lines = k["volsout"], t.origin, t.lines
            satuan = k.text("sbmksat")

            def fill(n: RO, r: list[str], i: int) -> None:
                n.nama, n.keluaran.volume = (
                    r[k["ursoutput"]].strip(),
                    parse_angka(r[vol], origin, lines[i], "volsout"),
                )
                n.keluaran.satuan = satuan(r).strip() or None

            return fill

        def named(column: str) -> Callable[[Table, _Kolom], Fill]:
            def filler(t: Table, k: _Kolom) -> Fill:
                def fill(n: Any, r: list[str], i: int) -> None:
                    n.nama = r[k[column]].strip()

                return fill

            return filler

        def akun(t: Table, k: _Kolom) -> Fill:
            reason = k.text("uraiblokir") if self.has(t, "uraiblokir", N_("the reasons of blokir")) else None

            def fill(n: Akun, r: list[str], i: int) -> None:
                n.uraian_blokir = reason(r).strip() or None if reason is not None else None

            return fill

        levels: list[tuple[str, Callable[..., Any], Callable[[Table, _Kolom], Fill]]] = [
            ("output", self.kro, kro),
            ("soutput", self.ro, ro),
            ("kmpnen", self.komponen, named("urkmpnen")),
            ("skmpnen", self.sub_komponen, named("urskmpnen")),
            ("akun", self.akun, akun),
        ]
        for name, make, filler in levels:
            table = self.table(name)
            if table is None:
                continue
            k = _Kolom(table)
            fill = filler(table, k)
            if not table.rows:
                continue
            codes = k.codes(_DEPTH[name])
            for i, r in enumerate(table.rows):
                c = codes(r)
                self.same_satker(table, i, c, k)
                node = make(table, i, c, k, own=True)
                fill(node, r, i)
                node.source = self.src(table, i)
                self.raw[id(node)] = (table, i)

    def read_items(self) -> None:
        it = self.table("item")
        if it is None:
            return
        k = _Kolom(it)
        vols = [k[f"vol{n}"] for n in (1, 2, 3, 4)]
        volkeg, hargasat, jumlah, rphblokir = k["volkeg"], k["hargasat"], k["jumlah"], k["rphblokir"]
        months = [k[b] for b in BULAN]
        if not it.rows:
            return
        codes = k.codes(_DEPTH["item"])
        sats = [k[f"sat{n}"] for n in (1, 2, 3, 4)]
        noitem_at, kdheader_at, kdib_at = k["noitem"], k["kdheader"], k["kdib"]
        nmitem_at, satkeg_at = k["nmitem"], k["satkeg"]
        origin, lines = it.origin, it.lines
        seen: set[tuple[str, ...]] = set()
        for i, r in enumerate(it.rows):
            c = codes(r)
            satker = self.same_satker(it, i, c, k).satker.kode
            a = self.akun(it, i, c, k)
            noitem = r[noitem_at].strip()
            item_key = (*_akun_key(c), noitem)
            if item_key in seen:
                self.duplicate(it, i, satker, "item", f"{a.kode}/{noitem}", merged=False)
            seen.add(item_key)
            kdheader = r[kdheader_at].strip()
            kdib = r[kdib_at].strip()
            if kdib and not _KDIB.fullmatch(kdib):
                self.bad_value(it, i, satker, "kdib", kdib, N_("a 2-digit code (00 = angka dasar)"))
            if not _DIGITS.fullmatch(noitem):
                self.bad_value(it, i, satker, "noitem", noitem, N_("an item number (digits)"))
            line = lines[i]
            faktor = [
                (parse_angka(r[v], origin, line, f"vol{n}"), r[s].strip())
                for n, v, s in zip((1, 2, 3, 4), vols, sats, strict=True)
            ]
            rencana = [parse_rupiah(r[m], origin, line, b) for m, b in zip(months, BULAN, strict=True)]
            detail = Detail(
                uraian=r[nmitem_at].rstrip(),
                volume=parse_angka(r[volkeg], origin, line, "volkeg"),
                satuan=r[satkeg_at].strip(),
                harga_satuan=parse_rupiah(r[hargasat], origin, line, "hargasat"),
                jumlah=parse_rupiah(r[jumlah], origin, line, "jumlah"),
                faktor=[(v, s) for v, s in faktor if v != 0],
                sumber_dana=c[_BEBAN].strip() or None,
                blokir=parse_rupiah(r[rphblokir], origin, line, "rphblokir"),
                rencana_bulanan=rencana if any(rencana) or not kdheader else [],
                kode=noitem or None,
                tingkat=int(kdheader) if kdheader in ("1", "2") else 0,
                kdib=kdib or None,
                source=self.src(it, i),
            )
            a.detail.append(detail)
            self.raw[id(detail)] = (it, i)

    def has(self, table: Table | GroupedTable, name: str, use: str) -> bool:
        """Whether ``table`` has the column ``name``; one its schema names but its CSV lacks
        is reported once (``use``: what cannot be read without it)."""
        if name in table.kolom:
            return True
        if name in table.skema and (table.nama, name) not in self.missing:
            self.missing.add((table.nama, name))
            finding = Finding.of(
                "READ_ADK_KOLOM",
                "",
                SourceRef(_base(table.origin)),
                variant="hilang",
                tabel=table.nama,
                kolom=name,
                guna=use,
            )
            self.findings.append(((self.side, _TABLE_ORDER[table.nama[2:]], -1), finding))
        return False

    def read_notes(self) -> None:
        ct = self.table("cttakun")
        if ct is None:
            return
        k = _Kolom(ct)
        columns = [k[n] for n in ("ket", "ket2") if self.has(ct, n, N_("the notes of akun"))]
        if not ct.rows:
            return
        codes = k.codes(_DEPTH["cttakun"])
        for i, r in enumerate(ct.rows):
            c = codes(r)
            self.same_satker(ct, i, c, k)
            a = self.akun(ct, i, c, k)
            # ket2 continues ket (a field-length limit): one note per row
            text = " ".join(r[p].strip() for p in columns if r[p].strip())
            if text:
                a.catatan.append(text)
                self.notes.setdefault(id(a), []).append((ct, i))

    def read_trktrm(self) -> None:
        tr = self.table("trktrm")
        if tr is None:
            return
        k = _Kolom(tr)
        pagu = k["rphpagu"]
        months = [k[f"jml{m:02d}"] for m in range(1, 13)]
        if self.totals.get(tr.nama, len(tr)):  # the archive has a withdrawal plan
            for tree in self.trees.values():
                tree.rencana_penarikan_ada = True
        if not tr.rows:
            return
        codes = k.codes(_DEPTH["trktrm"])
        origin, lines = tr.origin, tr.lines
        for i, r in enumerate(tr.rows):
            c = codes(r)
            tree = self.same_satker(tr, i, c, k)
            tree.rencana_penarikan_ada = True
            line = lines[i]
            row = RencanaPenarikan(
                f"{c[_D]}.{c[_U]}.{c[_P]}",
                c[_G],
                r[k["jnsbelanja"]].strip(),
                parse_rupiah(r[pagu], origin, line, "rphpagu"),
                [parse_rupiah(r[p], origin, line, f"jml{m:02d}") for m, p in enumerate(months, 1)],
                r[k["kdtrktrm"]].strip() or "1",
                self.src(tr, i),
            )
            tree.rencana_penarikan.append(row)
            self.raw[id(row)] = (tr, i)

    def read_satker(self) -> None:
        """What the archive says of each satker itself: the KPA who signs (``d_kpa``'s
        ``kpa``; ``d_satker``'s ``namakpa`` and ``nipkpa``), the city it signs in and its
        address (``d_satker``'s ``kota``, ``alamat``: the letterhead). A satker with no
        budget rows gets nothing; a column the CSV lacks is reported once."""
        st = self.table("satker")
        if st is not None and len(st):
            k = _Kolom(st)
            cols = {name: k.text(name) for name in ("namakpa", "nipkpa", "alamat", "kota")}
            satker_at = k["kdsatker"]
            for i, r in enumerate(st.rows):
                tree = self.trees.get(r[satker_at].rstrip())
                if tree is None:
                    continue
                doc = tree.dokumen
                nama, nip = cols["namakpa"](r).strip(), cols["nipkpa"](r).strip()
                if nama and doc.penandatangan is None:
                    doc.penandatangan = Penandatangan(_KPA, nama, nip, source=self.src(st, i))
                alamat, kota = cols["alamat"](r).strip(), cols["kota"](r).strip()
                doc.kop = [*doc.kop, *(line for line in (alamat, kota) if line and line not in doc.kop)]
                doc.tempat = doc.tempat or kota.title() or None
        kp = self.table("kpa")
        if kp is None or not len(kp):
            return
        if not self.has(kp, "kpa", N_("the KPA who signs")):
            return
        k = _Kolom(kp)
        satker_at, kpa_at = k["kdsatker"], k["kpa"]
        for i, r in enumerate(kp.rows):
            satker = r[satker_at].rstrip()
            tree = self.trees.get(satker)
            nama = r[kpa_at].strip()
            if tree is None or not nama:
                continue
            old = tree.dokumen.penandatangan
            if old is not None and id(old) in self.raw:  # a second row of the satker: told
                finding = Finding.of(
                    "READ_ADK_DUPLICATE",
                    "",
                    self.src(kp, i),
                    severity=Severity.WARNING,
                    satker=satker,
                    sisi=self.sisi,
                    semula="",
                    tabel=kp.nama,
                    baris=kp.lines[i],
                    level="KPA",
                    kode=satker,
                )
                self.findings.append((self.key(kp, kp.lines[i]), finding))
                continue
            nip = old.nip if old is not None and old.nama == nama else ""
            ttd = Penandatangan(_KPA, nama, nip, source=self.src(kp, i))
            tree.dokumen.penandatangan = ttd
            self.raw[id(ttd)] = (kp, i)

    def row(self, nama: str, node: object, prefix: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """The raw row ``node`` was read from for table ``nama`` as (columns, values);
        with ``prefix`` ``catatan.N.``, its N-th note's row. None when no row made it."""
        if prefix:
            found = self.notes.get(id(node), [])
            n = int(prefix.split(".")[1])
            where = found[n - 1] if n <= len(found) else None
        else:
            where = self.raw.get(id(node))
        if where is None:
            return None
        table, i = where
        columns = self.columns.get(table.nama)
        if columns is None:
            wanted = set(skema.tabel(nama).baris)
            kolom = tuple(k for k in table.kolom if k in wanted)
            places = [p for p, k in enumerate(table.kolom) if k in wanted]
            get = itemgetter(*places) if len(places) > 1 else (lambda r: tuple(r[p] for p in places))
            columns = self.columns[table.nama] = (kolom, get)
        kolom, get = columns
        return kolom, get(table.rows[i])

    def read(self) -> None:
        """Every table of the side, in order (semula has no notes, plan or satker rows)."""
        self.read_levels()
        self.read_items()
        if self.prefix == "d":
            self.read_notes()
            self.read_trktrm()
            self.read_satker()

    def finish(self, adk: bool = True) -> list[RkaSatker]:
        """The trees in code order, each in SAKTI's order with its alokasi and, with
        ``adk``, its nodes' raw rows (``formats.adk.baris``)."""
        trees = [self.trees[k] for k in sorted(self.trees)]
        for tree in trees:
            sort_as_sakti(tree)
            hitung_alokasi(tree)
            if adk:
                isi_adk(tree, self.row, rincian=self.prefix == "d")
        return trees


def _akun_key(c: list[str]) -> tuple[str, ...]:
    return ("akun", c[_S], *c[_P:])


#: the signatory's jabatan on an RKA Satker
_KPA = "Kuasa Pengguna Anggaran"

_LEVEL_TABLE = {
    "KRO": "output",
    "RO": "soutput",
    "komponen": "kmpnen",
    "sub-komponen": "skmpnen",
    "akun": "akun",
}


def _noitem(kode: str | None) -> tuple[int, str]:
    text = (kode or "").strip()
    return (int(text), "") if _DIGITS.fullmatch(text) else (10**9, text)


#: the order SAKTI lists each level's children in: level -> (children, key)
_ORDER: dict[Level, tuple[str, Callable[[Any], Any]]] = {
    Level.PROGRAM: ("kegiatan", lambda k: sort_key(k.kode)),
    Level.KEGIATAN: ("kro", lambda x: (sort_key(x.kode), x.lokasi or "")),
    Level.KRO: ("ro", lambda r: sort_key(r.kode)),
    Level.RO: ("komponen", lambda c: c.kode),
    Level.KOMPONEN: ("sub_komponen", lambda s: s.kode),
    Level.SUB_KOMPONEN: ("akun", lambda a: (a.kode, a.kppn or "", a.sumber_dana or "")),
    Level.AKUN: ("detail", lambda d: _noitem(d.kode)),
}


def sort_as_sakti(tree: RkaSatker) -> None:
    """Every level of ``tree`` in SAKTI's order, in place: codes segment by segment, a KRO
    by its lokasi too, an akun by KPPN and sumber dana, detail lines by item number; the
    withdrawal plan by program, kegiatan and jenis belanja (the walk descends into each
    node's children after they are sorted)."""
    tree.program.sort(key=lambda p: sort_key(p.kode))
    for step in walk(tree, Level.AKUN):
        attr, key = _ORDER[step.level]
        getattr(step.node, attr).sort(key=key)
    tree.rencana_penarikan.sort(key=lambda r: (r.program, r.kegiatan, r.jenis_belanja))


#: tables without which an archive is not one SAKTI wrote
REQUIRED = ("d_item", *(f"d_{t}" for t in LEVEL_TABLES))
#: the tables about each satker itself (its KPA, its address), read when present
SATKER_TABLES = ("d_kpa", "d_satker")
#: the columns read of them (what their other columns hold is told only when one of these
#: cannot be placed)
_SATKER_COLUMNS = {"kdsatker", "kpa", "namakpa", "nipkpa", "alamat", "kota"}


def _read_tables(files: AdkFiles, path: str | Path) -> dict[str, GroupedTable]:
    """The tables the reader needs, each grouped by satker; a table's bytes are let go once
    it is read. A table whose rows come from its XML (no CSV) has its XML collected whole."""
    missing = [t for t in REQUIRED if t not in files.tables]
    if missing:
        found = ", ".join(sorted(files.tables)) or "tidak ada"
        raise InputError(
            N_("table(s) {tabel:list} not in the ADK archive (found: {ditemukan})"),
            file=files.origin,
            tabel=missing,
            ditemukan=found,
        )
    has_m = [t for t in files.tables if t.startswith("m_")]
    if has_m:
        m_missing = [m for m in (t.replace("d_", "m_", 1) for t in REQUIRED) if m not in files.tables]
        if m_missing:
            raise InputError(
                N_("the archive holds semula tables ({ada:list}) but not {hilang:list}"),
                file=files.origin,
                ada=sorted(has_m),
                hilang=m_missing,
            )
    tables = {}
    wanted = {*REQUIRED, "d_trktrm", "d_cttakun", *SATKER_TABLES}
    if has_m:
        wanted |= {t.replace("d_", "m_", 1) for t in REQUIRED}
    whole: AdkFiles | None = None
    for name in sorted(wanted):
        f = files.tables.pop(name, None)
        if f is None:
            continue
        if f.xml is None:
            raise InputError(
                N_("the .xml file of table {tabel} is missing; the column names come from its XSD schema"),
                file=f.csv_origin,
                tabel=name,
            )
        xml, count, error = f.xml, f.xml_count, f.xml_error
        if f.csv is None and not f.xml_whole:  # the rows are the XML's: all of it
            whole = whole or collect(path)
            xml, count, error = whole.tables[name].xml or b"", None, None
        tables[name] = read_grouped(
            name, f.csv, xml, f.csv_origin, f.xml_origin, xml_count=count, xml_error=error
        )
        del f, xml
    return tables


@dataclass
class SatkerAdk:
    """One satker of an archive as :func:`iter_adk` gives it: its tree (menjadi; None for
    a satker only in the semula tables), its tree before the revision (semula; None when
    the ``m_*`` tables have no row of it) and the reader's findings about it, in the order
    they were made (``keys``: where, see :data:`Key`)."""

    kode: str
    menjadi: RkaSatker | None
    semula: RkaSatker | None
    findings: list[Finding]
    keys: list[Key] = field(default_factory=list, repr=False)


class AdkStream:
    """An ADK archive read one satker at a time (:func:`iter_adk`).

    Known before any tree is built: ``nama`` (the archive's name), ``tahun_anggaran``,
    ``kode`` (the satkers given, in code order), ``menjadi`` (those with a menjadi tree:
    ``len()``), ``has_semula`` (whether the archive has ``m_*`` tables) and ``said`` (what
    the reader says of whole tables, with no satker). Iterating builds each satker's trees
    in turn, from its own rows; :meth:`lain` (after the iteration) gives the findings about
    no satker with a menjadi tree, in the order :func:`read_adk`'s callers grouped them."""

    def __init__(self, path: str | Path, satker: str | None = None, adk: bool = True) -> None:
        self.adk = adk
        files = collect(path, xml_heads=True)
        if not files.tables:
            raise InputError(N_("no ADK tables (d_item…csv/xml) in it"), file=str(path))
        self.path = path
        self.nama = Path(path).name
        self.tables = _read_tables(files, path)
        del files
        self.ref = referensi()
        self.has_semula = "m_item" in self.tables
        self.totals = {name: len(t) for name, t in self.tables.items()}
        self._missing: dict[str, set[tuple[str, str]]] = {"d": set(), "m": set()}
        self._columns: dict[str, dict[str, Any]] = {"d": {}, "m": {}}
        said: list[tuple[Key, Finding]] = [
            (
                (-1, n, 0),
                Finding.of(
                    "READ_ADK_KOLOM", "", SourceRef(_base(t.origin)), variant=variant, tabel=t.nama, **args
                ),
            )
            for n, t in enumerate(self.tables.values())
            for variant, args in t.notes
            if t.nama not in SATKER_TABLES or variant or args.get("kolom") in _SATKER_COLUMNS
        ]
        self._said_of_columns(said)
        self.said = said
        self._check_columns()
        sides = ("d", "m") if self.has_semula else ("d",)
        codes = {prefix: self._codes(prefix) for prefix in sides}
        known = sorted({*codes["d"], *codes.get("m", ())})
        if not known:
            raise InputError(
                N_("the archive holds no satker (d_item and its level tables are empty)"),
                file=str(path),
                expected=N_("an ADK archive of RKA Satker from SAKTI"),
            )
        if satker is not None and satker not in known:
            some = ", ".join(known[:8]) + (", …" if len(known) > 8 else "")
            raise InputError(
                N_("satker {satker} is not in this archive"),
                file=str(path),
                expected=N_("one of its {n} satkers: {some}"),
                satker=satker,
                n=len(known),
                some=some,
            )
        self.satker = satker
        self.kode = known if satker is None else [satker]
        self._d, self._m = set(codes["d"]), set(codes.get("m", ()))
        self.menjadi = [k for k in self.kode if k in self._d]
        self.tahun_anggaran = self._first_year() or 0
        self._lain: list[tuple[Key, list[Finding]]] = []

    def __len__(self) -> int:
        return len(self.menjadi)

    def __iter__(self) -> Iterator[SatkerAdk]:
        self._lain = []
        for kode in self.kode:
            one = self.read(kode)
            if one.menjadi is None and one.findings:
                self._lain.append((one.keys[0], one.findings))
            yield one

    def read(self, kode: str) -> SatkerAdk:
        """The trees of satker ``kode`` and the reader's findings about it."""
        found: list[tuple[Key, Finding]] = []
        trees: dict[str, RkaSatker | None] = {"d": None, "m": None}
        for prefix, has in (("d", self._d), ("m", self._m)):
            if kode not in has:
                continue
            views = {n: t.table(kode) for n, t in self.tables.items() if n.startswith(f"{prefix}_")}
            b = _Builder(
                views, prefix, self.ref, found, self._missing[prefix], self.totals, self._columns[prefix]
            )
            b.read()
            (trees[prefix],) = b.finish(self.adk)
        return SatkerAdk(kode, trees["d"], trees["m"], [f for _, f in found], [k for k, _ in found])

    def lain(self) -> list[Finding]:
        """After the iteration: the findings about whole tables (none when one satker was
        asked for) and about satkers only in the semula tables, each group in the order
        its first finding was made."""
        groups = [(self.said[0][0], [f for _, f in self.said])] if self.said and self.satker is None else []
        groups += self._lain
        return [f for _, fs in sorted(groups, key=itemgetter(0)) for f in fs]

    # -- before the first satker ---------------------------------------------------------
    def _said_of_columns(self, said: list[tuple[Key, Finding]]) -> None:
        """The columns a reader needs that a table's CSV lacks, told once per table (the
        builders then know them told)."""
        t = self.tables
        d = _Builder({}, "d", self.ref, said, self._missing["d"])
        d.has(t["d_akun"], "uraiblokir", N_("the reasons of blokir"))
        if "d_cttakun" in t:
            for name in ("ket", "ket2"):
                d.has(t["d_cttakun"], name, N_("the notes of akun"))
        if "d_kpa" in t and len(t["d_kpa"]):
            d.has(t["d_kpa"], "kpa", N_("the KPA who signs"))
        if self.has_semula:
            m = _Builder({}, "m", self.ref, said, self._missing["m"])
            m.has(t["m_akun"], "uraiblokir", N_("the reasons of blokir"))

    def _check_columns(self) -> None:
        """The columns every table must have whatever its rows (its numbers), asked once
        for all satkers: a table that lacks one is refused before the first tree."""
        for prefix in ("d", "m") if self.has_semula else ("d",):
            views = {n: t.empty() for n, t in self.tables.items() if n.startswith(f"{prefix}_")}
            _Builder(views, prefix, self.ref, [], set(self._missing[prefix]), self.totals).read()

    def _codes(self, prefix: str) -> list[str]:
        """The satkers that have rows in the tables that make a side's trees."""
        found: dict[str, None] = {}
        for name in TREE_TABLES:
            t = self.tables.get(f"{prefix}_{name}")
            if t is not None:
                found.update(dict.fromkeys(t.keys()))
        return list(found)

    def _first_year(self) -> int | None:
        """The archive's fiscal year: the first satker's in the order the menjadi tables
        make trees (the first that is not 0). None when a satker's year is not one (the
        satker's trees then say so)."""
        seen: set[str] = set()
        for name in TREE_TABLES:
            t = self.tables.get(f"d_{name}")
            if t is None or not len(t) or t.ungrouped or "thang" not in t.kolom:
                continue
            at = t.kolom.index("thang")
            for key, row in t.firsts():
                if key in seen:
                    continue
                seen.add(key)
                tahun = row[at].strip()
                if not _DIGITS.fullmatch(tahun) or len(tahun) != 4:
                    return None
                if int(tahun):
                    return int(tahun)
        return None


def iter_adk(path: str | Path, satker: str | None = None, *, adk: bool = True) -> AdkStream:
    """The ADK archive at ``path`` (folder, zip, rar, nested) read one satker at a time:
    iterate the result for each satker's trees and findings (:class:`SatkerAdk`), in code
    order. The tables are read (and checked as :func:`read_adk` checks them) before this
    returns; each satker's trees are built as the iteration reaches it. ``satker`` gives
    that satker only. Without ``adk`` the nodes do not get their raw rows (``adk``: what
    the ADK writer and the canonical JSON need, the checks do not; a quarter of the time).

    Raises InputError as :func:`read_adk` does: when the tables cannot be read, before
    returning; when a satker's rows cannot, as the iteration reaches it.
    """
    return AdkStream(path, satker, adk)


def read_adk(path: str | Path, satker: str | None = None) -> AdkResult:
    """Read the ADK archive at ``path`` (folder, zip, rar, nested) into an :class:`Arsip`:
    one tree per satker (menjadi, from ``d_*``) and, when the archive has ``m_*`` tables,
    the trees before revision (semula). ``satker`` keeps only that satker. The findings
    come in the order of the tables and their rows (all of menjadi, then semula).

    Raises InputError naming the file and row on a table that cannot be read, a required
    table that is missing, or an unknown ``satker``.
    """
    stream = iter_adk(path, satker)
    menjadi: list[RkaSatker] = []
    semula: list[RkaSatker] | None = [] if stream.has_semula else None
    keyed = list(stream.said) if satker is None else []
    # every tree is kept (some 20,000 objects a satker): collecting garbage among them as
    # they grow only costs time (a fifth more for 624 satkers)
    enabled = gc.isenabled()
    gc.disable()
    try:
        for one in stream:
            if one.menjadi is not None:
                menjadi.append(one.menjadi)
            if one.semula is not None and semula is not None:
                semula.append(one.semula)
            keyed.extend(zip(one.keys, one.findings, strict=True))
    finally:
        if enabled:
            gc.enable()
    keyed.sort(key=itemgetter(0))
    return AdkResult(Arsip(stream.nama, stream.tahun_anggaran, menjadi, semula), [f for _, f in keyed])
