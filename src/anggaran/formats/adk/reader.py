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
"""

from __future__ import annotations

import re
from collections.abc import Callable
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
from anggaran.formats.adk.table import Table, missing_column, read_table
from anggaran.reference import Referensi, referensi

_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_KDIB = re.compile(r"[0-9]{2}", re.ASCII)

#: the level tables a tree needs, besides d_item
LEVEL_TABLES = ("output", "soutput", "kmpnen", "skmpnen", "akun")


@dataclass
class AdkResult:
    """An archive's trees and what the reader had to say (``READ_*`` findings, with the
    satker code each concerns in ``data["satker"]``)."""

    arsip: Arsip
    findings: list[Finding] = field(default_factory=list)


def _kosong(i: int) -> str:
    """The value of a column the table does not have: empty."""
    return ""


class _Kolom(dict[str, Callable[[int], str]]):
    """Column getters of one table; codes (``kd*``) lose trailing spaces, as a VFP CHAR
    column pads them (leading spaces stay: sub-komponen ``" A"``). Asking for a column
    the file lacks raises InputError naming the file."""

    def __init__(self, table: Table) -> None:
        super().__init__(
            {
                k: _rstrip(table.getter(k)) if k.startswith("kd") or k == "thang" else table.getter(k)
                for k in table.kolom
            }
        )
        self.table = table

    def __missing__(self, name: str) -> Callable[[int], str]:
        raise missing_column(self.table, name)


def _rstrip(get: Callable[[int], str]) -> Callable[[int], str]:
    return lambda i: get(i).rstrip()


def _base(origin: str) -> str:
    return origin.replace("\\", "/").rsplit("!", 1)[-1].rsplit("/", 1)[-1]


class _Builder:
    """Builds the trees of one side (``d`` menjadi or ``m`` semula) of an archive."""

    def __init__(
        self, tables: dict[str, Table], prefix: str, ref: Referensi, findings: list[Finding]
    ) -> None:
        self.t = tables
        self.prefix = prefix
        self.ref = ref
        self.findings = findings
        self.trees: dict[str, RkaSatker] = {}
        self.nodes: dict[tuple[str, ...], object] = {}
        self.own: set[tuple[str, ...]] = set()
        self.tahun: int | None = None
        self.missing: set[tuple[str, str]] = set()
        #: semula is history: what is wrong in it is told, as a warning
        self.sisi = "menjadi" if prefix == "d" else "semula"
        #: the row each node was read from (by ``id``), and each akun's note rows
        self.raw: dict[int, tuple[Table, int]] = {}
        self.notes: dict[int, list[tuple[Table, int]]] = {}
        self.columns: dict[str, tuple[tuple[str, ...], Callable[[list[str]], tuple[str, ...]]]] = {}

    def report(
        self, rule: str, path: str, table: Table, i: int, satker: str, variant: str = "", **args: object
    ) -> None:
        """A reader finding about row ``i`` of ``table``; an error on the menjadi side, a
        warning on semula (whose messages say so)."""
        self.findings.append(
            Finding.of(
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
        )

    # -- helpers -------------------------------------------------------------------------
    def table(self, name: str) -> Table | None:
        return self.t.get(f"{self.prefix}_{name}")

    def src(self, table: Table, i: int) -> SourceRef:
        return SourceRef(_base(table.origin), None, table.lines[i])

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

    def tree(self, table: Table, i: int, g: dict[str, Callable[[int], str]]) -> RkaSatker:
        satker = g["kdsatker"](i)
        tree = self.trees.get(satker)
        if tree is None:
            tahun = g["thang"](i).strip()
            if not _DIGITS.fullmatch(tahun) or len(tahun) != 4:
                raise InputError(
                    N_("thang {tahun!r}"),
                    file=table.origin,
                    line=table.lines[i],
                    expected=N_("a fiscal year of 4 digits"),
                    tahun=tahun,
                )
            self.tahun = self.tahun or int(tahun)
            kddept, kdunit = g["kddept"](i), g["kdunit"](i)
            ref = self.ref.satker.get(satker)
            # the satker's own place: the reference's, else the first row naming one (the
            # reference names some satkers without their codes)
            kdlokasi = (ref.kdlokasi if ref else "") or (g["kdlokasi"](i) if "kdlokasi" in g else "")
            kdkabkota = (ref.kdkabkota if ref else "") or (g["kdkabkota"](i) if "kdkabkota" in g else "")
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

    def same_satker(self, table: Table, i: int, g: dict[str, Callable[[int], str]]) -> str:
        """The row's satker; its fiscal year, K/L and unit must be the satker's (one archive,
        one year). A row that differs is an error: the line would be counted in a
        document of another year or ministry."""
        tree = self.tree(table, i, g)
        satker = tree.satker.kode
        row = (g["thang"](i), g["kddept"](i), g["kdunit"](i))
        own = (str(tree.dokumen.tahun_anggaran), tree.kementerian.kode, tree.unit_organisasi.kode)
        if row != own:
            self.report(
                "READ_ADK_BEDA_SATKER", satker, table, i, satker, baris_ini="/".join(row), lazim="/".join(own)
            )
        return satker

    def bad_value(self, table: Table, i: int, satker: str, column: str, value: str, expected: str) -> None:
        self.report("READ_ADK_NILAI", satker, table, i, satker, kolom=column, nilai=value, harapan=expected)

    # -- levels --------------------------------------------------------------------------
    def program(
        self, table: Table, i: int, g: dict[str, Callable[[int], str]], from_level: str | None = None
    ) -> Program:
        tree = self.tree(table, i, g)
        kode = f"{g['kddept'](i)}.{g['kdunit'](i)}.{g['kdprogram'](i)}"
        key = (tree.satker.kode, kode)
        node = self.nodes.get(key)
        if node is None:
            node = Program(kode, self.ref.program.get(kode) or "", source=self.src(table, i))
            tree.program.append(node)
            self.nodes[key] = node
        assert isinstance(node, Program)
        return node

    def kegiatan(self, table: Table, i: int, g: dict[str, Callable[[int], str]]) -> Kegiatan:
        p = self.program(table, i, g)
        kode = g["kdgiat"](i)
        key = (g["kdsatker"](i), p.kode, kode)
        node = self.nodes.get(key)
        if node is None:
            node = Kegiatan(kode, self.ref.kegiatan.get(kode) or "", source=self.src(table, i))
            p.kegiatan.append(node)
            self.nodes[key] = node
        assert isinstance(node, Kegiatan)
        return node

    def _kro_key(self, i: int, g: dict[str, Callable[[int], str]]) -> tuple[str, ...]:
        return (
            g["kdsatker"](i),
            g["kdprogram"](i),
            g["kdgiat"](i),
            g["kdoutput"](i),
            g["kdlokasi"](i),
            g["kdkabkota"](i),
            g["kddekon"](i),
        )

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

    def kro(self, table: Table, i: int, g: dict[str, Callable[[int], str]], own: bool = False) -> KRO:
        def make() -> tuple[KRO, str]:
            k = self.kegiatan(table, i, g)
            kode = f"{k.kode}.{g['kdoutput'](i)}"
            ref = self.ref.kro.get(kode)
            node = KRO(
                kode,
                (ref.nama if ref else None) or "",
                lokasi=f"{g['kdlokasi'](i)}.{g['kdkabkota'](i)}",
                lokasi_nama=self.ref.kabkota.get((g["kdlokasi"](i), g["kdkabkota"](i))),
                keluaran=Keluaran(None, ref.satuan if ref else None),
                source=self.src(table, i),
            )
            k.kro.append(node)
            return node, kode

        node: KRO = self._level(("kro", *self._kro_key(i, g)), make, "KRO", table, i, g["kdsatker"](i), own)
        return node

    def ro(self, table: Table, i: int, g: dict[str, Callable[[int], str]], own: bool = False) -> RO:
        def make() -> tuple[RO, str]:
            kro = self.kro(table, i, g)
            node = RO(g["kdsoutput"](i), "", source=self.src(table, i))
            kro.ro.append(node)
            return node, f"{kro.kode}.{node.kode}"

        node: RO = self._level(
            ("ro", *self._kro_key(i, g), g["kdsoutput"](i)), make, "RO", table, i, g["kdsatker"](i), own
        )
        return node

    def komponen(
        self, table: Table, i: int, g: dict[str, Callable[[int], str]], own: bool = False
    ) -> Komponen:
        def make() -> tuple[Komponen, str]:
            ro = self.ro(table, i, g)
            node = Komponen(g["kdkmpnen"](i), "", source=self.src(table, i))
            ro.komponen.append(node)
            return node, node.kode

        key = ("kmp", *self._kro_key(i, g), g["kdsoutput"](i), g["kdkmpnen"](i))
        node: Komponen = self._level(key, make, "komponen", table, i, g["kdsatker"](i), own)
        return node

    def sub_komponen(
        self, table: Table, i: int, g: dict[str, Callable[[int], str]], own: bool = False
    ) -> SubKomponen:
        def make() -> tuple[SubKomponen, str]:
            c = self.komponen(table, i, g)
            node = SubKomponen(g["kdskmpnen"](i), "", source=self.src(table, i))
            c.sub_komponen.append(node)
            return node, node.kode.strip()

        key = ("skmp", *self._kro_key(i, g), g["kdsoutput"](i), g["kdkmpnen"](i), g["kdskmpnen"](i))
        node: SubKomponen = self._level(key, make, "sub-komponen", table, i, g["kdsatker"](i), own)
        return node

    def _akun_key(self, i: int, g: dict[str, Callable[[int], str]]) -> tuple[str, ...]:
        return (
            "akun",
            *self._kro_key(i, g),
            g["kdsoutput"](i),
            g["kdkmpnen"](i),
            g["kdskmpnen"](i),
            g["kdakun"](i),
            g["kdkppn"](i),
            g["kdbeban"](i),
        )

    def akun(self, table: Table, i: int, g: dict[str, Callable[[int], str]], own: bool = False) -> Akun:
        def make() -> tuple[Akun, str]:
            s = self.sub_komponen(table, i, g)
            kode = g["kdakun"](i)
            node = Akun(
                kode,
                self.ref.akun.get(kode) or "",
                sumber_dana=g["kdbeban"](i).strip() or None,
                kppn=g["kdkppn"](i).strip() or None,
                source=self.src(table, i),
            )
            s.akun.append(node)
            return node, kode

        node: Akun = self._level(self._akun_key(i, g), make, "akun", table, i, g["kdsatker"](i), own)
        return node

    # -- tables --------------------------------------------------------------------------
    def getters(self, table: Table) -> dict[str, Callable[[int], str]]:
        return _Kolom(table)

    def read_levels(self) -> None:
        """The level tables, top-down, each row making (or naming) its node."""
        Fill = Callable[[Any, int], None]

        def kro(t: Table, g: dict[str, Callable[[int], str]]) -> Fill:
            vol = t.number("vol")
            return lambda n, i: setattr(n.keluaran, "volume", vol(i))

        def ro(t: Table, g: dict[str, Callable[[int], str]]) -> Fill:
            vol = t.number("volsout")
            satuan = g.get("sbmksat", _kosong)

            def fill(n: RO, i: int) -> None:
                n.nama, n.keluaran.volume = g["ursoutput"](i).strip(), vol(i)
                n.keluaran.satuan = satuan(i).strip() or None

            return fill

        def named(column: str) -> Callable[[Table, dict[str, Callable[[int], str]]], Fill]:
            return lambda t, g: lambda n, i: setattr(n, "nama", g[column](i).strip())

        def akun(t: Table, g: dict[str, Callable[[int], str]]) -> Fill:
            reason = g["uraiblokir"] if self.has(t, g, "uraiblokir", N_("the reasons of blokir")) else _kosong
            return lambda n, i: setattr(n, "uraian_blokir", reason(i).strip() or None)

        levels: list[tuple[str, Callable[..., Any], Callable[..., Fill]]] = [
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
            g = self.getters(table)
            fill = filler(table, g)
            for i in table:
                self.same_satker(table, i, g)
                node = make(table, i, g, own=True)
                fill(node, i)
                node.source = self.src(table, i)
                self.raw[id(node)] = (table, i)

    def read_items(self) -> None:
        it = self.table("item")
        if it is None:
            return
        g = self.getters(it)
        num = {name: it.number(name) for name in ("vol1", "vol2", "vol3", "vol4", "volkeg")}
        rp = {name: it.rupiah(name) for name in ("hargasat", "jumlah", "rphblokir", *BULAN)}
        seen: set[tuple[str, ...]] = set()
        for i in it:
            satker = self.same_satker(it, i, g)
            a = self.akun(it, i, g)
            item_key = (*self._akun_key(i, g), g["noitem"](i).strip())
            if item_key in seen:
                self.duplicate(it, i, satker, "item", f"{a.kode}/{item_key[-1]}", merged=False)
            seen.add(item_key)
            kdheader = g["kdheader"](i).strip()
            kdib = g["kdib"](i).strip()
            if kdib and not _KDIB.fullmatch(kdib):
                self.bad_value(it, i, satker, "kdib", kdib, N_("a 2-digit code (00 = angka dasar)"))
            noitem_text = g["noitem"](i).strip()
            if not _DIGITS.fullmatch(noitem_text):
                self.bad_value(it, i, satker, "noitem", noitem_text, N_("an item number (digits)"))
            faktor = [(num[f"vol{n}"](i), g[f"sat{n}"](i).strip()) for n in (1, 2, 3, 4)]
            rencana = [rp[b](i) for b in BULAN]
            noitem = g["noitem"](i).strip()
            detail = Detail(
                uraian=g["nmitem"](i).rstrip(),
                volume=num["volkeg"](i),
                satuan=g["satkeg"](i).strip(),
                harga_satuan=rp["hargasat"](i),
                jumlah=rp["jumlah"](i),
                faktor=[(v, s) for v, s in faktor if v != 0],
                sumber_dana=g["kdbeban"](i).strip() or None,
                blokir=rp["rphblokir"](i),
                rencana_bulanan=rencana if any(rencana) or not kdheader else [],
                kode=noitem or None,
                tingkat=int(kdheader) if kdheader in ("1", "2") else 0,
                kdib=kdib or None,
                source=self.src(it, i),
            )
            a.detail.append(detail)
            self.raw[id(detail)] = (it, i)

    def has(self, table: Table, g: dict[str, Callable[[int], str]], name: str, use: str) -> bool:
        """Whether ``table`` has the column ``name``; one its schema names but its CSV lacks
        is reported once (``use``: what cannot be read without it)."""
        if name in g:
            return True
        if name in table.skema and (table.nama, name) not in self.missing:
            self.missing.add((table.nama, name))
            self.findings.append(
                Finding.of(
                    "READ_ADK_KOLOM",
                    "",
                    SourceRef(_base(table.origin)),
                    variant="hilang",
                    tabel=table.nama,
                    kolom=name,
                    guna=use,
                )
            )
        return False

    def read_notes(self) -> None:
        ct = self.table("cttakun")
        if ct is None:
            return
        g = self.getters(ct)
        columns = [n for n in ("ket", "ket2") if self.has(ct, g, n, N_("the notes of akun"))]
        for i in ct:
            self.same_satker(ct, i, g)
            a = self.akun(ct, i, g)
            # ket2 continues ket (a field-length limit): one note per row
            text = " ".join(g[n](i).strip() for n in columns if g[n](i).strip())
            if text:
                a.catatan.append(text)
                self.notes.setdefault(id(a), []).append((ct, i))

    def read_trktrm(self) -> None:
        tr = self.table("trktrm")
        if tr is None:
            return
        g = self.getters(tr)
        pagu = tr.rupiah("rphpagu")
        months = [tr.rupiah(f"jml{m:02d}") for m in range(1, 13)]
        if len(tr):
            for tree in self.trees.values():
                tree.rencana_penarikan_ada = True
        for i in tr:
            self.same_satker(tr, i, g)
            tree = self.tree(tr, i, g)
            tree.rencana_penarikan_ada = True
            row = RencanaPenarikan(
                f"{g['kddept'](i)}.{g['kdunit'](i)}.{g['kdprogram'](i)}",
                g["kdgiat"](i),
                g["jnsbelanja"](i).strip(),
                pagu(i),
                [m(i) for m in months],
                g["kdtrktrm"](i).strip() or "1",
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
            g = self.getters(st)
            cols = {k: g.get(k, _kosong) for k in ("namakpa", "nipkpa", "alamat", "kota")}
            for i in st:
                tree = self.trees.get(g["kdsatker"](i))
                if tree is None:
                    continue
                doc = tree.dokumen
                nama, nip = cols["namakpa"](i).strip(), cols["nipkpa"](i).strip()
                if nama and doc.penandatangan is None:
                    doc.penandatangan = Penandatangan(_KPA, nama, nip, source=self.src(st, i))
                alamat, kota = cols["alamat"](i).strip(), cols["kota"](i).strip()
                doc.kop = [*doc.kop, *(line for line in (alamat, kota) if line and line not in doc.kop)]
                doc.tempat = doc.tempat or kota.title() or None
        kp = self.table("kpa")
        if kp is None or not len(kp):
            return
        g = self.getters(kp)
        if not self.has(kp, g, "kpa", N_("the KPA who signs")):
            return
        for i in kp:
            satker = g["kdsatker"](i)
            tree = self.trees.get(satker)
            nama = g["kpa"](i).strip()
            if tree is None or not nama:
                continue
            old = tree.dokumen.penandatangan
            if old is not None and id(old) in self.raw:  # a second row of the satker: told
                self.findings.append(
                    Finding.of(
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
                )
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

    def finish(self) -> list[RkaSatker]:
        trees = [self.trees[k] for k in sorted(self.trees)]
        for tree in trees:
            sort_as_sakti(tree)
            hitung_alokasi(tree)
            isi_adk(tree, self.row, rincian=self.prefix == "d")
        return trees


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


def _read_tables(files: AdkFiles) -> dict[str, Table]:
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
    for name in sorted(wanted):
        f = files.tables.get(name)
        if f is None:
            continue
        if f.xml is None:
            raise InputError(
                N_("the .xml file of table {tabel} is missing; the column names come from its XSD schema"),
                file=f.csv_origin,
                tabel=name,
            )
        tables[name] = read_table(name, f.csv, f.xml, f.csv_origin, f.xml_origin)
    return tables


def read_adk(path: str | Path, satker: str | None = None) -> AdkResult:
    """Read the ADK archive at ``path`` (folder, zip, rar, nested) into an :class:`Arsip`:
    one tree per satker (menjadi, from ``d_*``) and, when the archive has ``m_*`` tables,
    the trees before revision (semula). ``satker`` keeps only that satker.

    Raises InputError naming the file and row on a table that cannot be read, a required
    table that is missing, or an unknown ``satker``.
    """
    files = collect(path)
    if not files.tables:
        raise InputError(N_("no ADK tables (d_item…csv/xml) in it"), file=str(path))
    tables = _read_tables(files)
    ref = referensi()
    findings: list[Finding] = [
        Finding.of("READ_ADK_KOLOM", "", SourceRef(_base(t.origin)), variant=variant, tabel=t.nama, **args)
        for t in tables.values()
        for variant, args in t.notes
        if t.nama not in SATKER_TABLES or variant or args.get("kolom") in _SATKER_COLUMNS
    ]
    d = _Builder(tables, "d", ref, findings)
    d.read_levels()
    d.read_items()
    d.read_notes()
    d.read_trktrm()
    d.read_satker()
    menjadi = d.finish()
    semula = None
    if "m_item" in tables:
        m = _Builder(tables, "m", ref, findings)
        m.read_levels()
        m.read_items()
        semula = m.finish()
    if not menjadi and not semula:
        raise InputError(
            N_("the archive holds no satker (d_item and its level tables are empty)"),
            file=str(path),
            expected=N_("an ADK archive of RKA Satker from SAKTI"),
        )
    if satker is not None:
        known = sorted({t.satker.kode for t in [*menjadi, *(semula or [])]})
        menjadi = [t for t in menjadi if t.satker.kode == satker]
        if semula is not None:
            semula = [t for t in semula if t.satker.kode == satker]
        if not menjadi and not semula:
            some = ", ".join(known[:8]) + (", …" if len(known) > 8 else "")
            raise InputError(
                N_("satker {satker} is not in this archive"),
                file=str(path),
                expected=N_("one of its {n} satkers: {some}"),
                satker=satker,
                n=len(known),
                some=some,
            )
        findings = [f for f in findings if f.args.get("satker") == satker]
    tahun = d.tahun or (menjadi[0].dokumen.tahun_anggaran if menjadi else 0)
    return AdkResult(Arsip(Path(path).name, tahun, menjadi, semula), findings)
