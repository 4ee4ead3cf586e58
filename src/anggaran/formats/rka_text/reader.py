"""Read an RKA Satker Bagian A ("Rencana Kinerja Satuan Kerja") from the text extracted
from its official PDF: Markdown headings and bold, ``<b>``/``<i>`` tags, tab-separated
table rows, the title and K/L...LOKASI block and "Halaman : N" repeated on every page.

Every line is either used or reported as a finding; nothing is dropped silently. The
quirks handled are those of real documents (see DOMAIN.md, "The documents"):

* indicator lists flattened into one paragraph (``Sasaran Program : 06 ... Indikator
  Kinerja Program : 06.01 ... 06.02 ... 07 ...``) and lists continuing across pages;
* indicator numbers in the KODE column or at the start of the description, and a label
  merged with its content (``Indikator RO Jumlah Layanan Perkantoran``);
* values shifted one column: a value is placed by what it is (a volume carries a satuan,
  an amount is a grouped integer), not by its tab position alone;
* KRO labels (``[SBK]``) and the trailing lokasi (``16.52 KOTA BALIKPAPAN``) split off;
* amounts grouped ``1,234,567`` or ``1.234.567`` (decided once per document);
* UTF-8 with or without BOM or Windows-1252, LF or CRLF, any number of pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from anggaran.core import kode as kd
from anggaran.core import money
from anggaran.core.errors import InputError
from anggaran.core.findings import N_, Finding, Severity, SourceRef
from anggaran.core.tree import (
    HEADER_FIELDS,
    KRO,
    RO,
    Alokasi,
    Dokumen,
    Indikator,
    Kegiatan,
    Keluaran,
    KodeNama,
    PageHeader,
    Program,
    RkaSatker,
    Sasaran,
)
from anggaran.formats.result import ReadResult
from anggaran.formats.rka_text.lexicon import (
    COLUMN_HEADER_CELLS,
    COLUMN_HEADER_STARTS,
    GROUPED_INTEGER,
    HALAMAN,
    HEADER_FIELD,
    JABATAN,
    KODE_AND_NAME,
    PLACE_DATE,
    SMALL_DECIMAL,
    TA_IN_COLUMN_HEADER,
    TITLE,
    TOTAL_ROW,
    VOLUME,
    Ctx,
    RowValues,
    as_written,
    clean,
    decode,
    header_label,
    month_numbers,
    name_and_labels,
    split_kro_name,
    split_labels,
    split_numbered,
    visible,
)
from anggaran.formats.rka_text.signature import read_signature

# --- the reader ------------------------------------------------------------------------


@dataclass
class Baris:
    """One line of a Bagian A as its reader takes it, whatever it was read from (text, PDF,
    spreadsheet): a table row's cells (KODE, uraian, volume/satuan, angka dasar, inisiatif
    baru, jumlah) or, for a line outside the table (title, header block, "Halaman : N",
    signature), its text alone."""

    number: int  # the line in the file (text) or on its page (PDF), the row (sheet)
    raw: str  # as read, for messages
    cells: list[str] | None  # None for a line that is not a table row
    text: str  # the cleaned whole line
    page: int | None = None  # the sheet of paper it is on, where the input tells (PDF)

    @classmethod
    def of(cls, number: int, raw: str, cells: list[str] | None = None, page: int | None = None) -> Baris:
        return cls(number, raw, None if cells is None else [clean(c) for c in cells], clean(raw), page)


_Line = Baris


def text_lines(text: str) -> list[Baris]:
    """The lines of a tab-separated Bagian A text: a line with a tab is a table row."""
    return [
        Baris.of(i, raw, raw.split("\t") if "\t" in raw else None)
        for i, raw in enumerate(text.splitlines(), start=1)
    ]


class _Reader:
    def __init__(self, lines: list[Baris], file: str) -> None:
        self.file = file
        self.findings: list[Finding] = []
        self.lines = lines
        self.grouping = money.detect_grouping(
            [c for ln in self.lines if ln.cells for c in ln.cells[3:] if c],
            [c for ln in self.lines if ln.cells for c in ln.cells[2:3] if c],
        )
        self.months = month_numbers()
        self.pages: list[PageHeader] = []
        self.phase = "header"
        self.kop: list[str] = []
        self.tahun: int | None = None
        self.bagian: str | None = None
        self.judul: str | None = None
        self.programs: list[Program] = []
        self.program: Program | None = None
        self.kegiatan: Kegiatan | None = None
        self.kro: KRO | None = None
        self.ro: RO | None = None
        self.ctx: Ctx | None = None
        self.signature: list[_Line] = []
        self.table_rows = 0
        self.last_field: tuple[str, KodeNama] | None = None
        self.jumlah_tercetak: Alokasi | None = None
        self.jumlah_source: SourceRef | None = None
        #: the tree row whose name a following text row may continue, and its whole name
        self.wrap: tuple[Program | Kegiatan | KRO | RO, str] | None = None
        self.page_top = False  # the column heads seen, no row yet on this page
        self.continued = False  # this row is the first of its page, text alone

    # findings
    def src(self, line: _Line) -> SourceRef:
        return SourceRef(self.file, line.page or len(self.pages) or None, line.number)

    def report(
        self,
        line: _Line,
        rule: str,
        path: str = "",
        variant: str = "",
        severity: Severity | None = None,
        **args: object,
    ) -> None:
        """A reader finding about ``line``; its arguments hold the line's text (``baris``)."""
        self.findings.append(
            Finding.of(
                rule,
                path,
                self.src(line),
                variant=variant,
                severity=severity,
                **{"baris": line.raw.strip()[:200], **args},
            )
        )

    # pages
    def new_page(self, line: _Line) -> None:
        self.pages.append(
            PageHeader(
                page=len(self.pages) + 1,
                printed_number=None,
                source=SourceRef(self.file, line.page or len(self.pages) + 1, line.number),
            )
        )
        self.phase = "header"

    def header_page(self, line: _Line) -> PageHeader:
        """The page a header line belongs to: a new one when the table had begun."""
        if self.phase != "header" or not self.pages:
            self.new_page(line)
        return self.pages[-1]

    def page(self, line: _Line) -> PageHeader:
        if not self.pages:
            self.new_page(line)
        return self.pages[-1]

    def read(self) -> ReadResult:
        for line in self.lines:
            if line.cells is not None:
                self.table_line(line)
            elif line.text:
                self.text_line(line)
        return self.finish()

    def text_line(self, line: _Line) -> None:
        if self.furniture(line, line.text):
            return
        text = line.text
        if self.phase == "header" and self.last_field is not None and _looks_like_name(text):
            # a header value wrapped onto the next line (a long satker name)
            value = self.last_field[1]
            value.nama = f"{value.nama} {text}".strip()
            return
        if len(self.pages) <= 1 and self.phase == "header" and not self.page(line).fields:
            self.kop.append(text)  # the letterhead above the title block of page 1
            return
        self.report(line, "READ_LINE_UNRECOGNISED", text=text[:80])

    def furniture(self, line: _Line, text: str) -> bool:
        """Handle a title, header-field, "Halaman" or signature line; False for others."""
        upper = text.upper()
        for i, pattern in enumerate(TITLE):
            m = pattern.fullmatch(upper)
            if m:
                self.header_page(line)
                self.last_field = None
                if i in (0, 2) and m.group(1):
                    year = int(m.group(1))
                    self.tahun = self.tahun or year
                    self.page(line).tahun_anggaran = year
                if i == 0 and self.judul is None:
                    self.judul = re.sub(r"\s+\d{4}$", "", upper)
                if i == 3:
                    self.bagian = self.bagian or m.group(1)
                return True
        m = HEADER_FIELD.fullmatch(text)
        name = header_label(m.group("label")) if m else None
        if m and name:
            self.header_page(line)
            page = self.page(line)
            if name in page.fields:
                self.report(line, "READ_HEADER_REPEATED", label=HEADER_FIELDS[name])
            value = KodeNama(m.group("kode") or m.group("bare"), m.group("nama").strip())
            page.fields[name] = value
            page.field_sources[name] = self.src(line)
            self.last_field = (name, value)
            return True
        m = HALAMAN.fullmatch(text)
        if m:
            if not (self.phase == "table" and self.pages and self.pages[-1].printed_number is None):
                self.header_page(line)
            # (else the number at the foot of the page whose table it ends)
            self.page(line).printed_number = int(m.group(1))
            self.last_field = None
            return True
        if self.table_rows and (self.signature or PLACE_DATE.fullmatch(text) or JABATAN.fullmatch(text)):
            self.signature.append(replace(line, text=text))
            return True
        return False

    def table_line(self, line: _Line) -> None:
        cells = line.cells or []
        while len(cells) > 6 and not cells[-1]:
            cells = cells[:-1]
        if not any(cells):
            return
        cells = cells + [""] * (2 - len(cells))
        if self.is_column_header(cells):
            page = self.page(line)
            self.last_field = None
            m = TA_IN_COLUMN_HEADER.search(" ".join(cells))
            if m:
                self.tahun = self.tahun or int(m.group(1))
                page.tahun_kolom = page.tahun_kolom or int(m.group(1))
                page.kolom_source = page.kolom_source or self.src(line)
            numbers = [c.strip("()") for c in cells if c]
            if all(n.isdigit() for n in numbers) and page.nomor_kolom is None:
                page.nomor_kolom = numbers  # checked by PAGE_HEADER_MISMATCH
                page.kolom_source = self.src(line)
            self.phase = "table"
            self.page_top = True
            return
        code, desc = cells[0], cells[1]
        if not self.is_row_code(code) and self.furniture(line, " ".join(c for c in cells if c)):
            return  # page furniture or signature written with tabs
        self.page(line)
        self.continued = self.page_top and not code and not any(cells[2:])
        self.page_top = False
        self.phase = "table"
        self.last_field = None
        self.table_rows += 1
        m = KODE_AND_NAME.fullmatch(code)
        if m and not desc:
            code, desc = m.group(1), m.group(2)
        values = self.values(cells, line)
        if code or self.ctx is not None:
            self.wrap = None
        full_ro = kd.RO_LENGKAP.fullmatch(code)
        if full_ro:
            code = full_ro.group(2)
            if self.kro is None or self.kro.kode != full_ro.group(1):
                self.report(
                    line,
                    "READ_PARENT_MISSING",
                    full_ro.group(0),
                    variant="ro_lengkap",
                    kode=full_ro.group(0),
                    kro=full_ro.group(1),
                )
                return
        level = kd.level_of(code)
        if level is kd.Level.RO and self.continues_list(code, values):
            level = None  # indicator number 100, 101, ... of a long list
        if level is kd.Level.PROGRAM:
            self.on_program(line, code, desc, values)
        elif level is kd.Level.KEGIATAN:
            self.on_kegiatan(line, code, desc, values)
        elif level is kd.Level.KRO:
            self.on_kro(line, code, desc, values)
        elif level is kd.Level.RO:
            self.on_ro(line, code, desc, values)
        elif TOTAL_ROW.fullmatch(f"{code} {desc}".strip()) and values.alokasi is not None:
            # a total row, its label in the uraian column or (merged cells) in KODE
            self.jumlah_tercetak = values.alokasi
            self.jumlah_source = self.src(line)
        elif code and not kd.NOMOR.fullmatch(code):
            self.report(line, "READ_KODE_UNKNOWN", kode=code)
        else:
            self.on_text(line, code or None, desc, values)

    @staticmethod
    def is_row_code(code: str) -> bool:
        if code.upper().startswith("NIP"):
            return False  # a signature's NIP line, its page broken before it
        return bool(
            kd.level_of(code)
            or kd.RO_LENGKAP.fullmatch(code)
            or KODE_AND_NAME.fullmatch(code)
            or kd.NOMOR.fullmatch(code)
        )

    def continues_list(self, code: str, values: RowValues) -> bool:
        """A 3-digit code without volume or money that continues an indicator list past 99
        (``100`` after ``99``) is an indicator number, not an RO."""
        if values.alokasi is not None or values.keluaran is not None or self.ctx is None:
            return False
        last = self.last_number()
        return (
            code.isdigit()
            and last is not None
            and last.isdigit()
            and int(last) >= 99
            and int(code) == int(last) + 1
        )

    @staticmethod
    def is_column_header(cells: list[str]) -> bool:
        if cells[0].upper() == "KODE":
            return True
        if any(c.upper().startswith(COLUMN_HEADER_STARTS) for c in cells):
            return True  # a line of the heads above or below KODE (a PDF's, laid out)
        if [c.strip("()") for c in cells if c] == ["1", "2", "3", "4", "5", "6"]:
            return True  # the column numbers, with or without brackets
        return sum(1 for c in cells if c.upper() in COLUMN_HEADER_CELLS) >= 3

    def values(self, cells: list[str], line: _Line) -> RowValues:
        """Place each value cell by what it holds: a volume carries a satuan or decimals, an
        amount is a whole number, grouped or not, in any form ``money.read_amount`` reads
        (``Rp``, decimals, space groups, negative). The amounts are the last three cells of
        the row, right-aligned when the row has fewer than six (JUMLAH is always the last);
        a volume found among them (``4.00 Layanan``, or ``4.00``: a bare number below 1,000
        with decimals) leaves its amount empty. An amount with a fraction of a rupiah keeps
        its whole rupiah and is reported (READ_AMOUNT_FRACTION); a message shows a cell as
        the line writes it, invisible characters visible (``609 139<U+00A0>000``)."""
        result = RowValues()
        value_cells = cells[2:]
        amount_start = len(value_cells) - 3
        amounts: list[money.Rupiah | None] = [None, None, None]
        for j, cell in enumerate(value_cells):
            is_amount_col = j >= amount_start
            if not cell or (cell == "-" and not is_amount_col):
                continue
            small_volume = SMALL_DECIMAL.fullmatch(cell) is not None and cell.strip("0.,") != ""
            if is_amount_col and not small_volume and money.looks_like_amount(cell):
                try:
                    amount = money.read_amount(cell, self.grouping)
                except ValueError:
                    shown = visible(as_written(cell, line.raw))
                    result.problems.append(
                        ("READ_VALUE_UNRECOGNISED", "pemisah", {"cell": shown, "pemisah": self.grouping})
                    )
                    continue
                amounts[j - amount_start] = amount.rupiah
                if amount.fraction:
                    shown = visible(as_written(cell, line.raw))
                    result.problems.append(
                        ("READ_AMOUNT_FRACTION", "", {"cell": shown, "kolom": j + 3, "jumlah": amount.rupiah})
                    )
                continue
            if not is_amount_col and not any(ch.isdigit() for ch in cell) and result.keluaran is None:
                result.keluaran = Keluaran(None, cell)  # a satuan printed without volume
                continue
            vm = VOLUME.fullmatch(cell)
            # a grouped integer without satuan ("40,000") is an amount out of place
            grouped = (
                vm is not None and not vm.group("satuan") and GROUPED_INTEGER.fullmatch(cell) is not None
            )
            if vm and (vm.group("satuan") or not is_amount_col) and not grouped:
                volume = self.volume(vm.group("num"))
                if volume is not None and result.keluaran is None:
                    result.keluaran = Keluaran(volume, (vm.group("satuan") or "").strip() or None)
                    continue
            shown = visible(as_written(cell, line.raw))
            result.problems.append(("READ_VALUE_UNRECOGNISED", "", {"cell": shown, "kolom": j + 3}))
        dashes = [c for c in value_cells[max(amount_start, 0) :] if c]
        if any(a is not None for a in amounts) and not all(c == "-" for c in dashes):
            # (a row whose amount cells hold only "-", printed for nothing, has no amounts)
            result.alokasi = Alokasi(*(a or 0 for a in amounts))
            if len(cells) < 6:
                result.short = True
        return result

    def volume(self, number: str) -> Decimal | None:
        """A volume in the document's convention, or in the other one when only that fits
        (``2.00`` in a dot-grouped document: two digits cannot be a thousands group)."""
        for grouping in (self.grouping, "." if self.grouping == "," else ","):
            try:
                return money.parse_volume(number, grouping)
            except ValueError:
                continue
        return None

    def value_problems(self, line: _Line, values: RowValues, path: str = "") -> None:
        for rule, variant, args in values.problems:
            self.report(line, rule, path, variant, **args)

    def check_values(self, line: _Line, values: RowValues, path: str) -> None:
        self.value_problems(line, values, path)
        if values.short:
            self.report(
                line,
                "READ_CELLS_MISSING",
                path,
            )

    # tree rows
    def on_program(self, line: _Line, code: str, desc: str, values: RowValues) -> None:
        nama, rest = name_and_labels(desc)
        self.program = Program(code, nama, values.alokasi or Alokasi(), source=self.src(line))
        self.programs.append(self.program)
        self.wrap = (self.program, nama) if not rest else None
        self.kegiatan = self.kro = self.ro = None
        self.ctx = None
        self.check_values(line, values, code)
        self.unexpected_volume(line, values, code)
        self.text_pieces(line, None, rest)

    def on_kegiatan(self, line: _Line, code: str, desc: str, values: RowValues) -> None:
        if self.program is None:
            self.report(line, "READ_PARENT_MISSING", code, level="Kegiatan", kode=code, induk="program")
            return
        nama, rest = name_and_labels(desc)
        self.kegiatan = Kegiatan(code, nama, values.alokasi or Alokasi(), source=self.src(line))
        self.program.kegiatan.append(self.kegiatan)
        self.wrap = (self.kegiatan, nama) if not rest else None
        self.kro = self.ro = None
        self.ctx = None
        path = f"{self.program.kode}/{code}"
        self.check_values(line, values, path)
        self.unexpected_volume(line, values, path)
        self.text_pieces(line, None, rest)

    def on_kro(self, line: _Line, code: str, desc: str, values: RowValues) -> None:
        if self.kegiatan is None or self.program is None:
            self.report(line, "READ_PARENT_MISSING", code, level="KRO", kode=code, induk="kegiatan")
            return
        name, rest = name_and_labels(desc)
        nama, labels, lokasi, lokasi_nama = split_kro_name(name)
        self.kro = KRO(
            code,
            nama,
            labels,
            lokasi,
            lokasi_nama,
            values.keluaran or Keluaran(),
            values.alokasi or Alokasi(),
            source=self.src(line),
        )
        self.kegiatan.kro.append(self.kro)
        self.wrap = (self.kro, name) if not rest else None
        self.ro = None
        self.ctx = None
        self.check_values(line, values, f"{self.program.kode}/{self.kegiatan.kode}/{code}")
        self.text_pieces(line, None, rest)

    def on_ro(self, line: _Line, code: str, desc: str, values: RowValues) -> None:
        if self.kro is None or self.kegiatan is None or self.program is None:
            self.report(line, "READ_PARENT_MISSING", code, level="RO", kode=code, induk="KRO")
            return
        nama, rest = name_and_labels(desc)
        self.ro = RO(
            code, nama, values.keluaran or Keluaran(), values.alokasi or Alokasi(), source=self.src(line)
        )
        self.kro.ro.append(self.ro)
        self.wrap = (self.ro, nama) if not rest else None
        self.ctx = None
        self.check_values(line, values, f"{self.program.kode}/{self.kegiatan.kode}/{self.kro.kode}/{code}")
        self.text_pieces(line, None, rest)

    def unexpected_volume(self, line: _Line, values: RowValues, path: str) -> None:
        if values.keluaran is not None:
            self.report(line, "READ_VALUE_UNEXPECTED", path, variant="program")

    # indicator rows
    def on_text(self, line: _Line, number: str | None, desc: str, values: RowValues) -> None:
        if number is None and kd.NOMOR.fullmatch(desc) and values.alokasi is None:
            # the number in the description column and its text one cell right (a shifted
            # row): the text was read as a satuan
            keluaran = values.keluaran
            if keluaran is not None and keluaran.volume is None and keluaran.satuan:
                number, desc, values = desc, keluaran.satuan, replace(values, keluaran=None)
        pieces = split_labels(desc)
        if (
            number is None
            and self.ctx is None
            and self.wrap is not None
            and pieces
            and pieces[0][0] is None
            and values.alokasi is None
            and values.keluaran is None
            and _continues_name(self.wrap[1], pieces[0][1])
        ):
            # the rest of a program, kegiatan, KRO or RO name wrapped onto a row of its own
            self.join_name(pieces[0][1])
            pieces = pieces[1:]
        if values.alokasi is not None:
            self.report(line, "READ_VALUE_UNEXPECTED", variant="jumlah", severity=Severity.ERROR)
        self.value_problems(line, values)
        created = self.text_pieces(line, number, pieces)
        if values.keluaran is not None:
            if isinstance(created, Indikator):
                created.target = values.keluaran.volume
                created.satuan = values.keluaran.satuan
            else:
                self.report(line, "READ_VALUE_UNEXPECTED")

    def join_name(self, text: str) -> None:
        """Join ``text`` to the name of the tree row above (a KRO's labels and lokasi are
        split off again from the whole)."""
        assert self.wrap is not None
        node, name = self.wrap
        name = f"{name} {text}".strip()
        self.wrap = (node, name)
        if isinstance(node, KRO):
            node.nama, node.label, node.lokasi, node.lokasi_nama = split_kro_name(name)
        else:
            node.nama = name

    def text_pieces(
        self, line: _Line, number: str | None, pieces: list[tuple[Ctx | None, str]]
    ) -> Indikator | Sasaran | None:
        created: Indikator | Sasaran | None = None
        for ctx, text in pieces:
            if ctx is not None and not self.set_ctx(line, ctx):
                continue
            if not text and number is None:
                continue
            if self.ctx is None:
                self.report(line, "READ_ROW_UNPLACED", text=text[:60])
                continue
            # a number in the KODE column numbers the whole text; only unnumbered rows can
            # be flattened lists
            items = split_numbered(text, self.ctx, self.last_number()) if number is None else [(None, text)]
            for item_number, item_text in items:
                if number is not None:
                    if item_number is not None and item_number != number:
                        item_text = f"{item_number} {item_text}"
                    item_number, number = number, None
                previous = self.last_item()
                if (
                    item_number is None
                    and previous is not None
                    and (item_text[:1].islower() or (self.continued and previous.kode is not None))
                ):
                    # the rest of a text wrapped onto the next row or page (a numbered
                    # list's item: whatever its case, where a page begins with it)
                    previous.uraian = f"{previous.uraian} {item_text}".strip()
                    continue
                created = self.add_item(line, item_number, item_text)
            if number is not None and not text:
                created = self.add_item(line, number, "")
                number = None
        return created

    def last_item(self) -> Indikator | Sasaran | None:
        """The last item of the list being fed, or None."""
        if self.ctx in (Ctx.SASARAN, Ctx.IKP):
            assert self.program is not None
            sasaran = self.program.sasaran
            if self.ctx is Ctx.IKP:
                return sasaran[-1].indikator[-1] if sasaran and sasaran[-1].indikator else None
            return sasaran[-1] if sasaran else None
        items = self.owner_list()
        return items[-1] if items else None

    def set_ctx(self, line: _Line, ctx: Ctx) -> bool:
        owner = {
            Ctx.SASARAN: self.program,
            Ctx.IKP: self.program,
            Ctx.IKK: self.kegiatan,
            Ctx.KRO: self.kro,
            Ctx.RO: self.ro,
        }[ctx]
        if owner is None:
            self.ctx = None
            self.report(line, "READ_LABEL_ORPHAN", label=ctx.value)
            return False
        self.ctx = ctx
        return True

    def owner_list(self) -> list[Indikator]:
        """The indicator list the IKK, Indikator KRO or Indikator RO context feeds."""
        owner = {Ctx.IKK: self.kegiatan, Ctx.KRO: self.kro, Ctx.RO: self.ro}.get(self.ctx)  # type: ignore[arg-type]
        assert owner is not None, "set_ctx only sets a context whose owner exists"
        return owner.indikator

    def last_number(self) -> str | None:
        """The last number of the list being fed, for plausibility of flattened numbers."""
        if self.ctx in (Ctx.SASARAN, Ctx.IKP):
            assert self.program is not None
            sasaran = self.program.sasaran
            if self.ctx is Ctx.IKP and sasaran and sasaran[-1].indikator:
                return sasaran[-1].indikator[-1].kode
            return sasaran[-1].kode if sasaran else None
        return next((i.kode for i in reversed(self.owner_list()) if i.kode), None)

    def add_item(self, line: _Line, number: str | None, text: str) -> Indikator | Sasaran:
        src = self.src(line)
        if self.ctx is Ctx.SASARAN or (self.ctx is Ctx.IKP and number and "." not in number):
            assert self.program is not None
            sasaran = Sasaran(number, text, source=src)
            self.program.sasaran.append(sasaran)
            self.ctx = Ctx.SASARAN
            return sasaran
        indikator = Indikator(number, text, source=src)
        if self.ctx is Ctx.IKP:
            assert self.program is not None
            prefix = number.split(".")[0] if number else None
            target = next((s for s in reversed(self.program.sasaran) if s.kode == prefix), None)
            if target is None and self.program.sasaran and prefix is None:
                target = self.program.sasaran[-1]
            if target is None:
                target = Sasaran(prefix, "", source=src)
                self.program.sasaran.append(target)
                self.report(line, "READ_SASARAN_MISSING", self.program.kode, kode=number, sasaran=prefix)
            target.indikator.append(indikator)
            return indikator
        self.owner_list().append(indikator)
        return indikator

    # end of document
    def one_document(self) -> None:
        """Refuse a file that holds two documents (two satkers, or one printed twice), which
        read as one would merge into one satker with doubled totals."""
        first = next((p for p in self.pages if "satker" in p.fields), None)
        if first is not None:
            for page in self.pages:
                other = page.fields.get("satker")
                again = page is not first and page.printed_number == 1 and page.page > first.page
                if (other is not None and other.kode != first.fields["satker"].kode) or again:
                    other = other or first.fields["satker"]
                    raise InputError(
                        N_(
                            "this file holds two documents: satker {satker} from page {halaman}, "
                            "and satker {lain} from page {halaman_lain}"
                        ),
                        file=self.file,
                        page=page.source.page if page.source else page.page,
                        expected=N_("one RKA Satker Bagian A per file: split the file, one document each"),
                        satker=first.fields["satker"].kode,
                        halaman=first.source.page if first.source else first.page,
                        lain=other.kode,
                        halaman_lain=page.source.page if page.source else page.page,
                    )
        seen: dict[str, Program] = {}
        for program in self.programs:
            if program.kode in seen:  # a program printed twice: the document again
                satker = next((p.fields["satker"].kode for p in self.pages if "satker" in p.fields), "?")
                raise InputError(
                    N_(
                        "this file holds two documents: program {program} of satker {satker} is "
                        "printed from page {halaman}, and again from page {halaman_lain}"
                    ),
                    file=self.file,
                    page=program.source.page if program.source else None,
                    expected=N_("one RKA Satker Bagian A per file: split the file, one document each"),
                    program=program.kode,
                    satker=satker,
                    halaman=_page_of(seen[program.kode]),
                    halaman_lain=_page_of(program),
                )
            seen[program.kode] = program

    def finish(self) -> ReadResult:
        if not self.table_rows or not self.programs:
            raise InputError(
                N_("no program/kegiatan/KRO/RO table rows"),
                file=self.file,
                expected=N_("an RKA Satker Bagian A: table rows with a program KODE (e.g. 013.05.BF)"),
            )
        self.one_document()
        header: dict[str, KodeNama] = {}
        for name in HEADER_FIELDS:
            values = [p.fields[name] for p in self.pages if name in p.fields]
            if not values:
                label = HEADER_FIELDS[name]
                raise InputError(
                    N_("the document header has no {label}"),
                    file=self.file,
                    page=1,
                    expected=N_("a line '{label} : (KODE) NAMA' in the page header"),
                    label=label,
                )
            header[name] = _most_common(values)
        if self.bagian not in (None, "A"):
            raise InputError(
                N_("this document is Bagian {bagian}"),
                file=self.file,
                page=1,
                expected=N_("RKA Satker Bagian A (Rencana Kinerja Satuan Kerja)"),
                bagian=self.bagian,
            )
        tahun = self.tahun
        if tahun is not None and not 1900 <= tahun <= 2200:
            raise InputError(
                N_("fiscal year {tahun} makes no sense"),
                file=self.file,
                page=1,
                expected=N_("a fiscal year 1900-2200"),
                tahun=tahun,
            )
        if tahun is None:
            raise InputError(
                N_("no fiscal year found"),
                file=self.file,
                page=1,
                expected=N_("'TAHUN ANGGARAN 2023' in the page header"),
            )
        dokumen = Dokumen(
            tahun_anggaran=tahun,
            bagian=self.bagian or "A",
            judul=self.judul or "RENCANA KERJA ANGGARAN SATKER",
            jumlah_halaman=len(self.pages),
            kop=self.kop,
            halaman=self.pages,
        )
        read_signature(self, dokumen)
        tree = RkaSatker(
            dokumen,
            header["kementerian"],
            header["unit_organisasi"],
            header["satker"],
            header["provinsi"],
            header["lokasi"],
            program=self.programs,
            source_file=self.file,
            jumlah_tercetak=self.jumlah_tercetak,
            jumlah_tercetak_source=self.jumlah_source,
        )
        return ReadResult(tree, self.findings)


def _continues_name(name: str, text: str) -> bool:
    """Whether ``text``, on a row of its own without label, code or values, is the rest
    of ``name``: the name left a bracket open or ends with a hyphen, or the text starts in
    lower case, closes a bracket or ends with a KRO's lokasi (``16.52 KOTA BALIKPAPAN``).
    Anything else is a text without its label (READ_ROW_UNPLACED)."""
    if not text:
        return False
    return (
        name.count("[") > name.count("]")
        or name.rstrip().endswith(("-", ","))
        or text[:1].islower()
        or "]" in text
        or split_kro_name(text)[2] is not None
    )


def _page_of(node: Program) -> int | str:
    return node.source.page if node.source and node.source.page else "?"


def _looks_like_name(text: str) -> bool:
    """An upper-case line without digits, as header names are printed (``KELAS I``)."""
    return text == text.upper() and not any(ch.isdigit() for ch in text)


def _most_common(values: list[KodeNama]) -> KodeNama:
    """The spelling most pages print; the first page's on a tie."""
    counts: dict[tuple[str, str], int] = {}
    for v in values:
        counts[(v.kode, v.nama)] = counts.get((v.kode, v.nama), 0) + 1
    best = max(counts.values())
    for v in values:
        if counts[(v.kode, v.nama)] == best:
            return KodeNama(v.kode, v.nama)
    raise AssertionError("unreachable")


def read_rka_text(data: bytes, file: str = "<input>") -> ReadResult:
    """Read an RKA Satker Bagian A text into a tree and reader findings.

    ``data`` is the file's bytes; ``file`` its name for messages. Raises InputError when
    the bytes are not text or hold no Bagian A table (no program row, no header block).
    Problems inside the document are findings (``READ_*`` rules) with page and line.
    """
    return _Reader(text_lines(decode(data, file)), file).read()


def read_rka_baris(lines: list[Baris], file: str = "<input>") -> ReadResult:
    """Read a Bagian A given as lines already split into cells (from a PDF, a text laid out
    with spaces, a spreadsheet): the same reader, rules and findings as the text form."""
    return _Reader(lines, file).read()


def looks_like_rka_text(data: bytes) -> bool:
    """True when the bytes look like a Bagian A text (used to recognise the format)."""
    try:
        whole = len(data) <= 20000 or data[:2] in (b"\xff\xfe", b"\xfe\xff")
        probe = data if whole else data[:20000].rsplit(b"\n", 1)[0]
        head = decode(probe, "<probe>").upper()
    except InputError:
        return False
    return "KODE" in head and ("\t" in head) and ("SATUAN KERJA" in head or "SATKER" in head)
