"""The Bagian A XLSX that Anggaran writes reads back, through the Bagian A reader, to the
tree of the text it was made from, with the same findings of the rules; an amount edited
in it is checked as in the text (a roll-up that no longer holds is ROLLUP_MISMATCH)."""

from __future__ import annotations

import io
from typing import Any

import openpyxl

from anggaran.formats.result import ReadResult
from anggaran.formats.xlsx import read_xlsx
from anggaran.reports import bagian_a
from anggaran.reports.xlsx import render_xlsx
from anggaran.rules import run_rules

SHEET = "Bagian A"


def _xlsx(example: ReadResult) -> bytes:
    return render_xlsx(bagian_a.build(example.tree), run_rules(example.tree))


def _edit(data: bytes, change: Any) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    change(wb[SHEET])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_reads_back_to_the_tree_of_the_text(example: ReadResult) -> None:
    result = read_xlsx(_xlsx(example), "a.xlsx")
    assert result.tree == example.tree
    assert result.findings == []
    t = result.tree
    assert (t.jumlah().jumlah, len(t.program), sum(1 for _ in t.kro()), sum(1 for _ in t.ro())) == (
        3_212_301_000,
        2,
        5,
        15,
    )
    kro = next(k for *_, k in t.kro() if k.kode == "5252.BDC")
    assert kro.keluaran.volume == 237 and len(kro.indikator) == 50
    assert t.dokumen.penandatangan is not None and t.dokumen.penandatangan.nip == "197003152000121001"
    # the rules find what they find in the text, but for the pages a sheet does not have
    text_rules = {(f.rule, f.path) for f in run_rules(example.tree)} - {("PAGE_HEADER_MISMATCH", "")}
    assert {(f.rule, f.path) for f in run_rules(t)} == text_rules
    found = next(f for f in run_rules(t) if f.rule == "INDIKATOR_GAP")
    assert found.source is not None and found.source.file == "a.xlsx!Bagian A" and found.source.page is None


def test_an_ro_amount_edited_is_a_rollup_mismatch_of_its_kro(example: ReadResult) -> None:
    def change(ws: Any) -> None:
        row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 6).value == 350_150_000)
        ws.cell(row, 4).value = 350_250_000
        ws.cell(row, 6).value = 350_250_000

    result = read_xlsx(_edit(_xlsx(example), change), "a.xlsx")
    mismatches = [f for f in run_rules(result.tree) if f.rule == "ROLLUP_MISMATCH"]
    assert [f.path for f in mismatches] == ["013.05.BF/5252/5252.BDC"]


def test_amounts_as_floats_and_text_read_the_same(example: ReadResult) -> None:
    def change(ws: Any) -> None:
        for row in ws.iter_rows(min_col=4, max_col=6):
            for c in row:
                if isinstance(c.value, int) and c.value:
                    c.value = float(c.value) if c.row % 2 else f"{c.value:,}"

    assert read_xlsx(_edit(_xlsx(example), change), "a.xlsx").tree == example.tree


def test_bagian_a_of_an_adk_reads_its_ro_amounts(adk_1d01) -> None:  # type: ignore[no-untyped-def]
    tree = adk_1d01.arsip.cari("015116")
    result = read_xlsx(render_xlsx(bagian_a.build(tree)), "a.xlsx")
    assert [(ro.kode, ro.alokasi.jumlah) for *_, ro in result.tree.ro()] == [
        (ro.kode, ro.alokasi.jumlah) for *_, ro in tree.ro()
    ]
    assert result.tree.jumlah().jumlah == 1_009_271_000
    assert not result.tree.has_rincian()
