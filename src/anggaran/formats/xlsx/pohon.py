"""The rows of a detail table (``formats.xlsx.rincian``) made into a tree.

Each row is placed by its code's form under the rows above it (:meth:`_Pembaca.level`).
A row that still carries its key of the hidden data (``formats.xlsx.lampiran``) starts
from its node there: each of its cells that still holds what was written gives the
node's own value back, each cell a user changed gives the new value, and what the sheet
does not show (indicators, monthly plans, item numbers, the ADK's own columns) comes from
the node. What is derived is derived: a line's volume from its factors when only they
changed, its jumlah from volume x harga satuan (``core.money.jumlah_sakti``, through
``core.konsep.hitung_detail`` when the volume follows the factors), every total
(``core.tree.hitung_alokasi``); a JUMLAH the sheet prints that is not what its rows give
is a finding (``READ_XLSX_JUMLAH``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from anggaran.core import kode as kd
from anggaran.core.findings import Finding, SourceRef
from anggaran.core.kode import Level
from anggaran.core.konsep import hitung_detail
from anggaran.core.money import detect_grouping, jumlah_sakti, looks_like_amount
from anggaran.core.tree import (
    KRO,
    RO,
    Akun,
    Alokasi,
    Detail,
    Kegiatan,
    Keluaran,
    Komponen,
    Node,
    Program,
    RkaSatker,
    SubKomponen,
    level_of,
    walk,
)
from anggaran.formats.rka_text.lexicon import split_kro_name
from anggaran.formats.xlsx import sel as cell
from anggaran.formats.xlsx.buku import Lembar, sel
from anggaran.formats.xlsx.lampiran import Data

#: what an unknown name printed as (Anggaran before it named codes from references)
NAMA_TIDAK_DIKETAHUI = "(nama tidak diketahui)"

_TOTAL = re.compile(r"(?:JUMLAH|TOTAL)(?:\s+(?:SATKER|SATUAN KERJA|SELURUHNYA|KESELURUHAN|BIAYA))?", re.I)
_LOKASI_SUFFIX = re.compile(r"\s*\[lokasi\s+([0-9.]+)\]$")
_SHORT_CODE = re.compile(r"[0-9A-Z]{1,3}", re.ASCII)


@dataclass
class Tercetak:
    """A JUMLAH the sheet prints: of a node (None: the satker's total row), in row ``row``."""

    node: Node | None
    jumlah: int | None
    row: int


@dataclass
class _Ctx:
    program: Program | None = None
    kegiatan: Kegiatan | None = None
    kro: KRO | None = None
    ro: RO | None = None
    komponen: Komponen | None = None
    sub: SubKomponen | None = None
    akun: Akun | None = None


@dataclass
class _Row:
    """The row being read: its number, its node of the hidden data and what the sheet
    showed of it when written (field -> value), when it has them."""

    r: int
    base: Node | None = None
    written: dict[str, object] | None = None


@dataclass
class Pembaca:
    """Reads the rows of one table: ``kolom`` field -> column (1-based), ``judul`` column ->
    its title as printed; ``file`` names the sheet (``laporan.xlsx!bagian-b``)."""

    sheet: Lembar
    kolom: dict[str, int]
    judul: dict[int, str]
    file: str
    data: Data | None
    findings: list[Finding] = field(default_factory=list)
    programs: list[Program] = field(default_factory=list)
    tercetak: list[Tercetak] = field(default_factory=list)
    total: Tercetak | None = None
    grouping: str = ","
    _ctx: _Ctx = field(default_factory=_Ctx)
    _used: set[int] = field(default_factory=set)
    _ro: list[tuple[RO, int | None, RO | None, int]] = field(default_factory=list)
    _titles: dict[str, str] = field(default_factory=dict)
    _bases: list[tuple[Any, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        from anggaran.formats.xlsx.rincian import kolom_of

        samples = [
            v.strip()
            for row in self.sheet.nilai
            for name in ("harga", "jumlah")
            if name in self.kolom and self.kolom[name] <= len(row)
            for v in [row[self.kolom[name] - 1]]
            if isinstance(v, str) and v.strip()
        ]
        self.grouping = detect_grouping(samples)
        if self.data is not None and self.data.baris:
            titles = next(iter(self.data.baris.values())).keys()
            self._titles = {name: t for t in titles if (name := kolom_of(t) or "")}

    # cells ------------------------------------------------------------------------------
    def src(self, r: int) -> SourceRef:
        return SourceRef(self.file, None, r)

    def raw(self, r: int, name: str) -> Any:
        """The value of column ``name`` in row ``r`` (None without that column); a formula
        without its computed value is reported and read as empty."""
        c = self.kolom.get(name)
        if c is None:
            return None
        value = self.sheet.value(r, c)
        formula = self.sheet.rumus.get((r, c))
        if formula is not None and value is None:
            self.findings.append(
                Finding.of("READ_XLSX_RUMUS", "", self.src(r), sel=sel(r, c), rumus=formula[:80])
            )
        return value

    def same(self, row: _Row, name: str) -> bool:
        """Whether column ``name`` of the row still shows what was written (a column the
        sheet no longer has cannot have been changed)."""
        if row.written is None:
            return False
        if name not in self.kolom:
            return True
        title = self._titles.get(name)
        before = row.written.get(title) if title is not None else None
        return cell.teks(self.sheet.value(row.r, self.kolom[name])) == cell.teks(before)

    def problem(self, r: int, name: str, problem: cell.Masalah | None) -> None:
        if problem is None:
            return
        c = self.kolom[name]
        self.findings.append(
            Finding.of(
                "READ_XLSX_NILAI",
                "",
                self.src(r),
                variant=problem.variant,
                sel=sel(r, c),
                kolom=self.judul.get(c, name),
                nilai=problem.nilai,
            )
        )

    def rupiah(self, r: int, name: str) -> int | None:
        value, problem = cell.rupiah(self.raw(r, name), self.grouping)
        if value is not None and value < 0 and name != "jumlah":
            value, problem = None, cell.Masalah("negatif", f"{value:,}")
        self.problem(r, name, problem)
        return value

    def volume(self, r: int, value: Any, name: str) -> tuple[Decimal | None, str | None]:
        number, satuan, problem = cell.volume(value, self.grouping)
        if number is not None and number < 0:
            number, problem = None, cell.Masalah("negatif", str(number))
        self.problem(r, name, problem)
        return number, satuan

    def row_error(self, r: int, variant: str = "", **args: Any) -> None:
        self.findings.append(Finding.of("READ_XLSX_BARIS", "", self.src(r), variant=variant, baris=r, **args))

    # rows -------------------------------------------------------------------------------
    def read(self, start: int) -> None:
        """Read every row from ``start`` to the end of the sheet."""
        for r in range(start, len(self.sheet.nilai) + 1):
            self.row(r)

    def row(self, r: int) -> None:
        empty = all(cell.kosong(self.sheet.value(r, c)) for n, c in self.kolom.items() if n != "kunci")
        if empty and (self.data is None or "kunci" not in self.kolom):
            return
        if self.total is not None:
            # below the total row: a signature, notes; amounts there belong to no row
            if any(
                self.amount_like(self.sheet.value(r, self.kolom[n]))
                for n in ("harga", "jumlah")
                if n in self.kolom
            ):
                self.row_error(r, "setelah_total")
            return
        row = self.keyed(r)
        if empty and row.base is None:
            return  # an empty row (a header line without uraian keeps its place by its key)
        kode = cell.teks(self.raw(r, "kode"))
        uraian = cell.teks(self.raw(r, "uraian"))
        if (not kode or _TOTAL.fullmatch(kode)) and _TOTAL.fullmatch(uraian or kode):
            self.total = Tercetak(None, self.rupiah(r, "jumlah"), r)
            return
        level = self.level(r, kode, row.base)
        if level is None:
            self.row_error(r, kode=kode)
            return
        if row.base is not None and level_of(row.base) is not level:
            row = _Row(r)
        if level is Level.DETAIL:
            self.detail(row, uraian)
        else:
            self.node(row, level, kode, uraian)

    @staticmethod
    def amount_like(value: Any) -> bool:
        return cell.angka(value) is not None or (isinstance(value, str) and looks_like_amount(value))

    def keyed(self, r: int) -> _Row:
        """The row with its node of the hidden data, when its key names one not taken by a
        row above (a copied row is a new row)."""
        if self.data is None or "kunci" not in self.kolom:
            return _Row(r)
        i = self.data.index(self.sheet.value(r, self.kolom["kunci"]))
        if i is None or i in self._used:
            return _Row(r)
        self._used.add(i)
        return _Row(r, self.data.nodes[i], self.data.baris.get(i))

    def level(self, r: int, kode: str, base: Node | None) -> Level | None:
        """The level of a row by its code's form: program, kegiatan, KRO, RO (full form;
        three characters with a letter; three digits where no RO is open under the KRO or
        with a volume), komponen (three digits), sub-komponen (one or two characters), akun
        (six digits), a detail line (no code). A row with a node of the hidden data keeps
        its node's level while its code fits it."""
        if not kode:
            return Level.DETAIL
        if base is not None and not isinstance(base, Detail):
            lv = level_of(base)
            if kd.is_valid(lv, kode) or (lv is Level.RO and kd.RO_LENGKAP.fullmatch(kode)):
                return lv
        for lv, pattern in (
            (Level.PROGRAM, kd.PROGRAM),
            (Level.RO, kd.RO_LENGKAP),
            (Level.KRO, kd.KRO),
            (Level.KEGIATAN, kd.KEGIATAN),
            (Level.AKUN, kd.AKUN),
        ):
            if pattern.fullmatch(kode):
                return lv
        if not _SHORT_CODE.fullmatch(kode):
            return None
        if len(kode) < 3:
            return Level.SUB_KOMPONEN
        if not kode.isdigit() or (self._ctx.kro is not None and self._ctx.ro is None):
            return Level.RO
        volume = self.sheet.value(r, self.kolom["volume"]) if "volume" in self.kolom else None
        return Level.RO if not cell.kosong(volume) else Level.KOMPONEN

    def nama(self, row: _Row, shown: str) -> str:
        """A name: the node's own where the sheet shows it as written (a name the writer
        took from the references, an empty one), else what the sheet shows."""
        if row.base is not None:
            old = str(getattr(row.base, "nama", ""))
            if (
                self.same(row, "uraian")
                if row.written is not None
                else shown in (old.strip(), NAMA_TIDAK_DIKETAHUI)
            ):
                return old
        return "" if shown == NAMA_TIDAK_DIKETAHUI else shown

    def keluaran(self, row: _Row, base: KRO | RO | None) -> Keluaran:
        if base is not None and self.same(row, "volume") and self.same(row, "satuan"):
            return base.keluaran
        volume, satuan_in = self.volume(row.r, self.raw(row.r, "volume"), "volume")
        satuan = cell.teks(self.raw(row.r, "satuan")) or satuan_in or None
        if base is not None and volume == base.keluaran.volume and satuan == base.keluaran.satuan:
            return base.keluaran
        return Keluaran(volume, satuan)

    def text_or(self, row: _Row, name: str, old: str | None) -> str | None:
        """A text cell, or ``old`` where the sheet shows it as written; None when empty."""
        if row.base is not None and self.same(row, name):
            return old
        return cell.teks(self.raw(row.r, name)) or None

    def node(self, row: _Row, level: Level, kode: str, uraian: str) -> None:
        ctx, src, r, base = self._ctx, self.src(row.r), row.r, row.base
        made: Node
        if level is Level.PROGRAM:
            made = ctx.program = Program(kode, self.nama(row, uraian), source=src)
            if isinstance(base, Program):
                made.sasaran = base.sasaran
            self.programs.append(made)
            ctx.kegiatan = ctx.kro = ctx.ro = ctx.komponen = ctx.sub = ctx.akun = None
        elif level is Level.KEGIATAN:
            if ctx.program is None:
                return self.row_error(r, "induk", kode=kode, induk="program")
            made = ctx.kegiatan = Kegiatan(kode, self.nama(row, uraian), source=src)
            if isinstance(base, Kegiatan):
                made.indikator = base.indikator
            ctx.program.kegiatan.append(made)
            ctx.kro = ctx.ro = ctx.komponen = ctx.sub = ctx.akun = None
        elif level is Level.KRO:
            if ctx.kegiatan is None:
                return self.row_error(r, "induk", kode=kode, induk="kegiatan")
            m = _LOKASI_SUFFIX.search(uraian)
            shown = uraian[: m.start()] if m else uraian
            bk = base if isinstance(base, KRO) else None
            made = ctx.kro = KRO(kode, "", keluaran=self.keluaran(row, bk), source=src)
            if bk is not None:
                made.nama = self.nama(row, shown)
                made.label, made.lokasi, made.lokasi_nama = bk.label, bk.lokasi, bk.lokasi_nama
                made.indikator, made.adk = bk.indikator, bk.adk
            else:
                nama, made.label, lokasi, made.lokasi_nama = split_kro_name(self.nama(row, shown))
                made.nama, made.lokasi = nama, lokasi or (m.group(1) if m else None)
            ctx.kegiatan.kro.append(made)
            ctx.ro = ctx.komponen = ctx.sub = ctx.akun = None
        elif level is Level.RO:
            full = kd.RO_LENGKAP.fullmatch(kode)
            if ctx.kro is None:
                return self.row_error(r, "induk", kode=kode, induk="KRO")
            if full and full.group(1) != ctx.kro.kode:
                return self.row_error(r, "ro_kro", kode=kode, kro=full.group(1), di_atas=ctx.kro.kode)
            br = base if isinstance(base, RO) else None
            made = ctx.ro = RO(full.group(2) if full else kode, self.nama(row, uraian), source=src)
            made.keluaran = self.keluaran(row, br)
            if br is not None:
                made.indikator, made.adk = br.indikator, br.adk
            ctx.kro.ro.append(made)
            self._ro.append((made, self.rupiah(r, "jumlah"), br, r))
            if br is not None:
                self._bases.append((made, br))
            ctx.komponen = ctx.sub = ctx.akun = None
            return None
        elif level is Level.KOMPONEN:
            if ctx.ro is None:
                return self.row_error(r, "induk", kode=kode, induk="RO")
            made = ctx.komponen = Komponen(kode, self.nama(row, uraian), source=src)
            made.adk = base.adk if isinstance(base, Komponen) else None
            ctx.ro.komponen.append(made)
            ctx.sub = ctx.akun = None
        elif level is Level.SUB_KOMPONEN:
            if ctx.komponen is None:
                return self.row_error(r, "induk", kode=kode, induk="komponen")
            own = base.kode if isinstance(base, SubKomponen) and base.kode.strip() == kode else None
            made = ctx.sub = SubKomponen(own or kode.rjust(2), self.nama(row, uraian), source=src)
            made.adk = base.adk if isinstance(base, SubKomponen) else None
            ctx.komponen.sub_komponen.append(made)
            ctx.akun = None
        else:  # akun
            if ctx.sub is None:
                return self.row_error(r, "induk", kode=kode, induk="sub-komponen")
            b = base if isinstance(base, Akun) else None
            made = ctx.akun = Akun(kode, self.nama(row, uraian), source=src)
            made.sumber_dana = self.text_or(row, "sd", b.sumber_dana if b else None)
            if b is not None:
                made.kppn, made.uraian_blokir, made.catatan, made.adk = (
                    b.kppn,
                    b.uraian_blokir,
                    b.catatan,
                    b.adk,
                )
            ctx.sub.akun.append(made)
        printed = self.rupiah(r, "jumlah")
        if printed is not None:
            self.tercetak.append(Tercetak(made, printed, r))
        if base is not None:
            self._bases.append((made, base))
        return None

    def detail(self, row: _Row, uraian: str) -> None:
        r, akun = row.r, self._ctx.akun
        if akun is None:
            self.row_error(r, "tanpa_akun", uraian=uraian[:60])
            return
        d0 = row.base if isinstance(row.base, Detail) else None
        expr_col = "rincian" if "rincian" in self.kolom else "volume"
        expression = self.raw(r, "rincian")
        volume_cell = self.raw(r, "volume")
        if "rincian" not in self.kolom and cell.is_rincian(volume_cell):
            expression, volume_cell = volume_cell, None  # ``2 ORG x 3 KALI`` in the VOLUME column
        faktor, problem = cell.rincian(expression, self.grouping)
        self.problem(r, expr_col, problem)
        volume, satuan_in = self.volume(r, volume_cell, "volume")
        harga = self.rupiah(r, "harga")
        printed = self.rupiah(r, "jumlah")
        shown_satuan = cell.teks(self.raw(r, "satuan")) or satuan_in or ""
        header = not faktor and volume is None and harga is None and printed is None
        header = header and (d0 is None or d0.header)
        d = Detail(uraian, volume or Decimal(0), shown_satuan, harga or 0, 0, faktor, source=self.src(r))
        d.sumber_dana = self.text_or(row, "sd", d0.sumber_dana if d0 else None)
        d.blokir = self.rupiah(r, "blokir") or 0
        d.tingkat = 1 if header else 0
        same_faktor = same_volume = same_harga = False
        if d0 is not None:
            d.kode, d.kdib, d.rencana_bulanan, d.adk = d0.kode, d0.kdib, d0.rencana_bulanan, d0.adk
            d.tingkat = d0.tingkat if header else 0
            if self.same(row, "uraian"):
                d.uraian = d0.uraian
            if self.same(row, "satuan"):
                d.satuan = d0.satuan
            if self.same(row, "sd"):
                d.sumber_dana = d0.sumber_dana
            if self.same(row, "blokir"):
                d.blokir = d0.blokir
            same_faktor = self.same(row, expr_col)
            same_volume = self.same(row, "volume")
            same_harga = self.same(row, "harga")
            if same_faktor:
                d.faktor = d0.faktor
            if same_volume:
                d.volume = d0.volume
            if same_harga:
                d.harga_satuan = d0.harga_satuan
        if d0 is not None and not d0.header and same_faktor and same_volume and same_harga:
            d.jumlah = d0.jumlah  # unchanged: as SAKTI computed it (a line SAKTI rounded otherwise stays)
        elif d.faktor and (volume is None or (same_volume and not same_faktor)):
            hitung_detail(d)  # the volume is its factors' product, as SAKTI derives it
        else:
            d.jumlah = 0 if d.header else jumlah_sakti(d.volume, d.harga_satuan)
        if printed is not None and printed != d.jumlah and not d.header:
            self.tercetak.append(Tercetak(d, printed, r))
        akun.detail.append(d)

    # totals -----------------------------------------------------------------------------
    def amounts(self, tree: RkaSatker) -> None:
        """Every total of ``tree`` derived (an RO without komponen carries the amount its
        row prints: a Bagian A-only plan), then each printed JUMLAH that differs from what
        was derived reported."""
        from anggaran.core.tree import hitung_alokasi

        for ro, printed, b, r in self._ro:
            if ro.komponen:
                if printed is not None:
                    self.tercetak.append(Tercetak(ro, printed, r))
            elif b is not None and not b.komponen and printed == b.alokasi.jumlah:
                ro.alokasi = b.alokasi
            else:
                ro.alokasi = Alokasi(printed or 0, 0, printed or 0)
        hitung_alokasi(tree)
        for node, base in self._bases:
            # the sheet shows a row's jumlah, not its angka dasar / inisiatif baru: above ROs
            # without lines (a Bagian A-only plan) where the sum is the node's own jumlah,
            # so is its split as printed
            if node.alokasi.jumlah == base.alokasi.jumlah and not _has_lines(node):
                node.alokasi = base.alokasi
        paths = {id(step.node): step.path for step in walk(tree)}
        col = self.kolom["jumlah"]
        for p in sorted(self.tercetak, key=lambda p: p.row):
            node = p.node
            computed = node.jumlah if isinstance(node, Detail) else node.alokasi.jumlah  # type: ignore[union-attr]
            if p.jumlah is not None and p.jumlah != computed:
                self.findings.append(
                    Finding.of(
                        "READ_XLSX_JUMLAH",
                        paths.get(id(node), ""),
                        self.src(p.row),
                        variant="detail" if isinstance(node, Detail) else "",
                        sel=sel(p.row, col),
                        tercetak=p.jumlah,
                        dihitung=computed,
                    )
                )
        total = self.total
        if total is not None and total.jumlah is not None and total.jumlah != tree.jumlah().jumlah:
            self.findings.append(
                Finding.of(
                    "READ_XLSX_JUMLAH",
                    "",
                    self.src(total.row),
                    variant="satker",
                    sel=sel(total.row, col),
                    tercetak=total.jumlah,
                    dihitung=tree.jumlah().jumlah,
                )
            )


def _has_lines(node: Any) -> bool:
    """Whether a program, kegiatan, KRO or RO has komponen (and so lines) under it; True for
    the levels below RO."""
    if isinstance(node, RO):
        return bool(node.komponen)
    if isinstance(node, KRO):
        return any(ro.komponen for ro in node.ro)
    if isinstance(node, Kegiatan):
        return any(_has_lines(k) for k in node.kro)
    if isinstance(node, Program):
        return any(_has_lines(k) for k in node.kegiatan)
    return True
