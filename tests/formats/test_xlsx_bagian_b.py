"""Spreadsheets in: the Bagian B that Anggaran writes reads back to the same tree, and to
exactly the tree a user's edit in Excel or LibreOffice makes (here with openpyxl, as a
script or another program would): a volume or a harga satuan changed, a line added, one
deleted, a row copied, a formula typed. Every real satker of the three archives, with
their golden totals."""

from __future__ import annotations

import copy
import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest

from anggaran.core.money import jumlah_sakti
from anggaran.core.tree import Detail, RkaSatker, hitung_alokasi, walk
from anggaran.formats import json as canonical
from anggaran.formats.adk.source import is_archive_bytes
from anggaran.formats.xlsx import looks_like_xlsx, read_xlsx
from anggaran.rules import run_rules
from anggaran.services.dokumen import render_dokumen
from anggaran.services.masukan import Checked, format_of
from tests.conftest import pesan

SATKER = "015116"
SHEET = "bagian-b"
#: the Bagian B's columns (1-based): KODE, URAIAN, RINCIAN VOLUME, VOLUME, SATUAN,
#: HARGA SATUAN, JUMLAH, SD, BLOKIR, and the hidden ID BARIS
KODE, URAIAN, RINCIAN, VOLUME, SATUAN, HARGA, JUMLAH, SD, BLOKIR, KUNCI = range(1, 11)


def bagian_b(tree: RkaSatker) -> bytes:
    """The Bagian B XLSX of ``tree`` as ``anggaran export --to xlsx --dokumen bagian-b``
    writes it."""
    return render_dokumen(Checked("x", tree, []), "xlsx", "bagian-b")


def edit(data: bytes, change: Any) -> bytes:
    """The workbook after ``change(worksheet)``, saved by openpyxl (which keeps no computed
    values of formulas, as a program that does not compute them)."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    change(wb[SHEET])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def rows_of(ws: Any) -> list[int]:
    """The rows of detail lines (no code, a harga satuan) of a sheet, in order."""
    return [
        r
        for r in range(1, ws.max_row + 1)
        if not ws.cell(r, KODE).value and isinstance(ws.cell(r, HARGA).value, int)
    ]


def node_of(tree: RkaSatker, ws: Any, row: int) -> Any:
    """The node of ``tree`` a sheet row was written from (its hidden key)."""
    return list(walk(tree))[int(ws.cell(row, KUNCI).value)].node


@pytest.fixture(scope="module")
def tree(adk_1d01) -> RkaSatker:  # type: ignore[no-untyped-def]
    return adk_1d01.arsip.cari(SATKER)


@pytest.fixture(scope="module")
def data(tree: RkaSatker) -> bytes:
    return bagian_b(tree)


def test_recognised_by_content(data: bytes) -> None:
    assert looks_like_xlsx(data) and format_of(data) == "xlsx"
    assert not looks_like_xlsx(b"PK\x03\x04" + b"\0" * 100)
    # a zip, but a document, not an ADK archive of tables; saved by openpyxl too
    assert not is_archive_bytes(data[:265])
    assert not is_archive_bytes(edit(data, lambda ws: None)[:265])


def test_the_bagian_b_of_a_bagian_a_reads_back(example) -> None:  # type: ignore[no-untyped-def]
    """A plan without detail lines: each RO carries its own amount, and each level its
    angka dasar / inisiatif baru as printed (the sheet shows only the jumlah)."""
    result = read_xlsx(bagian_b(example.tree), "b.xlsx")
    assert result.tree == example.tree and result.findings == []
    # the same findings but for the page headers, which a sheet does not have
    assert [(f.rule, f.path) for f in run_rules(result.tree)] == [
        (f.rule, f.path) for f in run_rules(example.tree) if f.rule != "PAGE_HEADER_MISMATCH"
    ]


def test_reads_back_to_the_same_tree(tree: RkaSatker, data: bytes) -> None:
    result = read_xlsx(data, "b.xlsx")
    assert result.tree == tree
    assert result.findings == []
    # what the sheet does not show comes back too: item numbers, monthly plans, the
    # ADK's own columns (so that --to adk gives SAKTI's tables back)
    assert canonical.dumps(result.tree) == canonical.dumps(tree)
    assert result.tree.jumlah().jumlah == 1_009_271_000


def test_saved_by_openpyxl_unchanged_reads_back_the_same(tree: RkaSatker, data: bytes) -> None:
    assert read_xlsx(edit(data, lambda ws: None), "b.xlsx").tree == tree


def test_one_volume_edited_changes_exactly_that_line_and_its_totals(tree: RkaSatker, data: bytes) -> None:
    """Done when: an XLSX written by Anggaran, edited (one detail line's volume) with
    openpyxl, reads back with exactly that change."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb[SHEET]
    row = rows_of(ws)[0]
    line = node_of(tree, ws, row)
    assert (line.uraian, line.volume, line.harga_satuan, line.jumlah) == (
        "KDM  Snack Rapat Pelaksanaan Customer Service dan Helpdesk",
        264,
        19_625,
        5_181_000,
    )

    def change(ws: Any) -> None:
        ws.cell(row, VOLUME).value = 300

    result = read_xlsx(edit(data, change), "b.xlsx")
    expected = copy.deepcopy(tree)
    changed = list(walk(expected))[int(ws.cell(row, KUNCI).value)].node
    assert isinstance(changed, Detail)
    changed.volume, changed.jumlah = Decimal(300), 5_887_000  # 300 x 19,625 = 5,887,500, down to Rp 1,000
    hitung_alokasi(expected)
    assert result.tree == expected
    # nothing else: every other node has the money and values it had
    before = {s.path: s.node for s in walk(tree)}
    after = {s.path: s.node for s in walk(result.tree)}
    assert before.keys() == after.keys()
    differ = [p for p in before if before[p] != after[p]]
    line_path = next(p for p in differ if isinstance(after[p], Detail))
    assert line_path == "015.08.CD/6212/6212.FAL/002/100/A/521211/1"
    assert set(differ) == {line_path.rsplit("/", n)[0] for n in range(8)}  # the line and its 7 parents
    for p in differ:
        if not isinstance(after[p], Detail):
            assert after[p].alokasi.jumlah - before[p].alokasi.jumlah == 706_000  # type: ignore[attr-defined]
    assert result.tree.jumlah().jumlah == 1_009_271_000 + 706_000
    # the JUMLAH the sheet still prints is not trusted: each is a finding naming its cell
    found = {(f.variant, f.path, f.args["tercetak"], f.args["dihitung"]) for f in result.findings}
    assert ("detail", line_path, 5_181_000, 5_887_000) in found
    assert ("satker", "", 1_009_271_000, 1_009_977_000) in found
    assert len(found) == 9 and {f.rule for f in result.findings} == {"READ_XLSX_JUMLAH"}
    first = next(f for f in result.findings if f.variant == "detail")
    assert first.source is not None and first.source.file == f"b.xlsx!{SHEET}" and first.source.line == row
    assert pesan(first, "en") == (
        f"cell G{row}: JUMLAH printed Rp 5,181,000, volume × harga satuan gives Rp 5,887,000 "
        "(rounded down to Rp 1,000 as SAKTI does); the computed amount is used"
    )


def test_harga_satuan_edited_and_the_jumlah_typed_to_match(tree: RkaSatker, data: bytes) -> None:
    """A user who also types the new jumlah gets no finding for that line."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    row = rows_of(wb[SHEET])[1]
    line = node_of(tree, wb[SHEET], row)

    def change(ws: Any) -> None:
        ws.cell(row, HARGA).value = 42_000
        ws.cell(row, JUMLAH).value = jumlah_sakti(line.volume, 42_000)

    result = read_xlsx(edit(data, change), "b.xlsx")
    got = next(d for _, d in result.tree.detail() if d.uraian == line.uraian)
    assert (got.harga_satuan, got.jumlah, got.volume) == (42_000, 11_088_000, line.volume)
    assert got.rencana_bulanan == line.rencana_bulanan and got.kode == line.kode
    assert not [f for f in result.findings if f.variant == "detail"]


def test_a_line_added_and_one_deleted(tree: RkaSatker, data: bytes) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    rows = rows_of(wb[SHEET])
    gone = node_of(tree, wb[SHEET], rows[2])

    def change(ws: Any) -> None:
        ws.delete_rows(rows[2])
        ws.insert_rows(rows[0] + 1)
        new = rows[0] + 1
        for col, value in ((URAIAN, "Konsumsi rapat tambahan"), (RINCIAN, "2 ORG x 3 KALI"), (SATUAN, "OK")):
            ws.cell(new, col).value = value
        ws.cell(new, HARGA).value = 50_000

    result = read_xlsx(edit(data, change), "b.xlsx")
    akun = result.tree.program[0].kegiatan[0].kro[0].ro[0].komponen[0].sub_komponen[0].akun[0]
    added = akun.detail[1]
    assert (added.uraian, added.faktor, added.volume, added.satuan, added.jumlah) == (
        "Konsumsi rapat tambahan",
        [(Decimal(2), "ORG"), (Decimal(3), "KALI")],
        Decimal(6),
        "OK",
        300_000,
    )
    assert added.kode is None and added.rencana_bulanan == []
    assert gone.uraian not in [d.uraian for _, d in result.tree.detail()]
    assert result.tree.jumlah().jumlah == tree.jumlah().jumlah + 300_000 - gone.jumlah
    assert sum(1 for _ in result.tree.detail()) == sum(1 for _ in tree.detail())


def test_a_copied_row_is_a_new_line(tree: RkaSatker, data: bytes) -> None:
    """A row copied with its hidden key is a second line, not the first one's twin."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    row = rows_of(wb[SHEET])[0]

    def change(ws: Any) -> None:
        ws.insert_rows(row + 1)
        for col in range(1, KUNCI + 1):
            ws.cell(row + 1, col).value = ws.cell(row, col).value

    result = read_xlsx(edit(data, change), "b.xlsx")
    lines = [d for _, d in result.tree.detail()]
    first, copied = lines[0], lines[1]
    assert copied.uraian == first.uraian and copied.jumlah == first.jumlah
    assert first.kode == "1" and copied.kode is None and copied.rencana_bulanan == []
    assert result.tree.jumlah().jumlah == tree.jumlah().jumlah + first.jumlah


def test_a_volume_expression_edited_gives_the_volume(tree: RkaSatker, data: bytes) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb[SHEET]
    row = next(r for r in rows_of(ws) if ws.cell(r, RINCIAN).value == "1 KEG x 75 ORG")

    def change(ws: Any) -> None:
        ws.cell(row, RINCIAN).value = "1 KEG x 80 ORG"

    result = read_xlsx(edit(data, change), "b.xlsx")
    line = next(d for _, d in result.tree.detail() if d.faktor and d.faktor[-1] == (Decimal(80), "ORG"))
    assert line.volume == 80 and line.jumlah == jumlah_sakti(Decimal(80), line.harga_satuan)
    assert line.satuan == node_of(tree, ws, row).satuan


def test_excel_numbers_as_floats_and_text(tree: RkaSatker, data: bytes) -> None:
    """A harga satuan stored as 19625.0, a volume with float noise, an amount typed as
    text: the same values, never float money."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    row = rows_of(wb[SHEET])[0]

    def change(ws: Any) -> None:
        ws.cell(row, HARGA).value = 19625.0
        ws.cell(row, VOLUME).value = 263.99999999999997
        ws.cell(row, JUMLAH).value = "5,181,000"

    result = read_xlsx(edit(data, change), "b.xlsx")
    assert result.tree == tree and result.findings == []


def test_a_fraction_of_a_rupiah_is_refused_with_a_finding(data: bytes) -> None:
    row = rows_of(openpyxl.load_workbook(io.BytesIO(data))[SHEET])[0]

    def change(ws: Any) -> None:
        ws.cell(row, HARGA).value = 19625.5

    result = read_xlsx(edit(data, change), "b.xlsx")
    bad = [f for f in result.findings if f.rule == "READ_XLSX_NILAI"]
    assert [(f.variant, f.args["sel"], f.args["kolom"], f.args["nilai"]) for f in bad] == [
        ("pecahan", f"F{row}", "HARGA SATUAN", "19625.5")
    ]
    assert bad[0].severity == "error"


def test_a_formula_reads_its_computed_value_or_says_it_has_none(tree: RkaSatker, data: bytes) -> None:
    """openpyxl keeps no computed value: the formula's cell is reported, and read empty."""
    row = rows_of(openpyxl.load_workbook(io.BytesIO(data))[SHEET])[0]

    def change(ws: Any) -> None:
        ws.cell(row, JUMLAH).value = f"=D{row}*F{row}"

    result = read_xlsx(edit(data, change), "b.xlsx")
    assert [(f.rule, f.args["sel"], f.args["rumus"]) for f in result.findings] == [
        ("READ_XLSX_RUMUS", f"G{row}", f"=D{row}*F{row}")
    ]
    assert result.tree == tree  # the line's jumlah is derived, not read
    # with its computed value stored (as Excel or LibreOffice save it), the value is read
    import zipfile

    edited = edit(data, change)
    z = zipfile.ZipFile(io.BytesIO(edited))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as w:
        for item in z.infolist():
            content = z.read(item)
            if item.filename.startswith("xl/worksheets/") and f"<f>D{row}*F{row}</f>".encode() in content:
                content = content.replace(
                    f"<f>D{row}*F{row}</f><v></v>".encode(), f"<f>D{row}*F{row}</f><v>5181000</v>".encode()
                ).replace(f"<f>D{row}*F{row}</f>".encode(), f"<f>D{row}*F{row}</f><v>5181000</v>".encode())
            w.writestr(item, content)
    cached = read_xlsx(out.getvalue(), "b.xlsx")
    assert cached.findings == [] and cached.tree == tree


def test_without_its_hidden_data_the_visible_cells_still_give_the_money(tree: RkaSatker, data: bytes) -> None:
    def change(ws: Any) -> None:
        del ws.parent["anggaran"]

    result = read_xlsx(edit(data, change), "b.xlsx")
    assert result.tree.jumlah() == tree.jumlah()
    assert [d.jumlah for _, d in result.tree.detail()] == [d.jumlah for _, d in tree.detail()]
    assert [d.kode for _, d in result.tree.detail() if d.kode] == []  # item numbers are not shown


def test_hidden_data_of_another_satker_is_not_used(adk_1d01, tree: RkaSatker, data: bytes) -> None:  # type: ignore[no-untyped-def]
    other = bagian_b(adk_1d01.arsip.cari("015114"))
    wb = openpyxl.load_workbook(io.BytesIO(data))
    theirs = openpyxl.load_workbook(io.BytesIO(other))["anggaran"]
    mine = wb["anggaran"]
    for row in theirs.iter_rows():
        for c in row:
            mine.cell(c.row, c.column).value = c.value
    out = io.BytesIO()
    wb.save(out)
    result = read_xlsx(out.getvalue(), "b.xlsx")
    assert [f.rule for f in result.findings] == ["READ_XLSX_DATA"]
    assert "015114" in pesan(result.findings[0])
    assert result.tree.jumlah() == tree.jumlah()


@pytest.mark.parametrize(
    ("archive", "total", "satkers"),
    [
        ("adk_1d01", 74_798_704_000, 39),
        ("adk_2d01", 59_828_777_000, 40),
        ("adk_527010", 468_227_337_000, 1),
    ],
)
def test_every_real_satker_reads_back(archive: str, total: int, satkers: int, request) -> None:  # type: ignore[no-untyped-def]
    """The Bagian B of every satker of the three real archives reads back to its tree,
    with the same findings of every rule; the totals are the archives' golden ones."""
    arsip = request.getfixturevalue(archive).arsip
    assert len(arsip.satker) == satkers
    read_total = 0
    for t in arsip.satker:
        result = read_xlsx(bagian_b(t), f"{t.satker.kode}.xlsx")
        assert result.tree == t, t.satker.kode
        assert result.findings == []
        assert [(f.rule, f.path) for f in run_rules(result.tree)] == [(f.rule, f.path) for f in run_rules(t)]
        read_total += result.tree.jumlah().jumlah
    assert read_total == total
