"""Nothing is misread silently: the cases found with held-out inputs (issue 11, item 4),
each with its failing input, and a property: a number-looking cell moved to another
column is placed where its kind belongs or reported."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anggaran.core.errors import InputError
from anggaran.formats.rka_text.reader import read_rka_text
from anggaran.rules import run_rules
from tests.conftest import read_text
from tests.formats.test_rka_text_quirks import SIMPLE, doc


def test_indicator_number_in_the_description_column() -> None:
    """``\\t01\\tText``: the number where the text belongs and the text one cell right was
    read as uraian "01" with the text as its satuan, exit 0 and no finding."""
    rows = SIMPLE.replace(
        "<b>U01</b>",
        "\tIndikator KRO\t\t\t\t\n\t01\tJumlah layanan yang diberikan\t\t\t\n<b>U01</b>",
    )
    r = read_text(doc(rows))
    assert r.findings == []
    kro = r.tree.program[0].kegiatan[0].kro[0]
    assert [(i.kode, i.uraian, i.target, i.satuan) for i in kro.indikator] == [
        ("01", "Jumlah layanan yang diberikan", None, None)
    ]


def test_a_kro_name_wrapped_onto_the_next_row_is_joined() -> None:
    rows = SIMPLE.replace(
        "<b>Layanan C 16.52 KOTA BALIKPAPAN</b>",
        "<b>[SBK] Layanan C [Program Baru - Perubahan</b>",
    ).replace("<b>U01</b>", "\t<b>Kebijakan] 16.52 KOTA BALIKPAPAN</b>\t\t\t\t\n<b>U01</b>")
    r = read_text(doc(rows))
    assert r.findings == []
    kro = r.tree.program[0].kegiatan[0].kro[0]
    assert (kro.nama, kro.label, kro.lokasi, kro.lokasi_nama) == (
        "Layanan C",
        ["SBK", "Program Baru - Perubahan Kebijakan"],
        "16.52",
        "KOTA BALIKPAPAN",
    )
    assert kro.keluaran.volume == Decimal("3.00")


def test_a_text_without_label_is_still_reported() -> None:
    rows = SIMPLE.replace("5252\t", "\tTeks tanpa label\t\t\t\t\n5252\t", 1)
    assert [f.rule for f in read_text(doc(rows)).findings] == ["READ_ROW_UNPLACED"]


def test_a_total_row_with_its_label_in_the_kode_column() -> None:
    rows = SIMPLE + "<b>JUMLAH SATKER</b>\t\t\t80,000\t100,000\t180,000\n"
    r = read_text(doc(rows))
    assert r.findings == []
    assert r.tree.jumlah_tercetak is not None
    assert (r.tree.jumlah_tercetak.angka_dasar, r.tree.jumlah_tercetak.jumlah) == (80_000, 180_000)
    rows = SIMPLE + "JUMLAH\tSATKER\t\t100,000\t\t100,000\n"
    assert read_text(doc(rows)).tree.jumlah_tercetak is not None


def test_two_satkers_in_one_file_are_refused_naming_both() -> None:
    other = doc(SIMPLE).replace("(123456) **BAPAS CONTOH**", "(654321) **BAPAS LAIN**")
    with pytest.raises(InputError) as err:
        read_text(doc(SIMPLE) + "\n" + other)
    assert "123456" in str(err.value) and "654321" in str(err.value)


def test_the_same_satker_twice_is_refused_not_doubled() -> None:
    with pytest.raises(InputError) as err:
        read_text(doc(SIMPLE) + "\n" + doc(SIMPLE))
    assert "two documents" in str(err.value)


def test_the_example_twice_is_refused(example_path) -> None:  # type: ignore[no-untyped-def]
    data = example_path.read_bytes()
    with pytest.raises(InputError):
        read_rka_text(data + b"\n" + data, "dua.txt")


# --- a property: moving a number-looking cell ------------------------------------------

ROWS = SIMPLE.strip("\n").split("\n")
AMOUNT_KINDS = {"angka_dasar", "inisiatif_baru", "jumlah"}


@settings(max_examples=150, deadline=None)
@given(
    row=st.integers(min_value=0, max_value=len(ROWS) - 1),
    source=st.integers(min_value=2, max_value=5),
    target=st.integers(min_value=1, max_value=5),
)
def test_a_moved_number_is_placed_by_its_kind_or_reported(row: int, source: int, target: int) -> None:
    """Move one value cell (a volume or an amount) of one row to another column. Either
    every number of the row still reads where its kind belongs (the reader places values
    by what they are), or the reader or the rules report something: never a different
    tree in silence."""
    cells = ROWS[row].split("\t")
    if source == target or not cells[source]:
        return
    moved = list(cells)
    moved[target], moved[source] = moved[source], ""
    if target < 2 and moved[target]:
        moved[target] = (cells[target] + " " + moved[target]).strip() if cells[target] else moved[target]
    rows = list(ROWS)
    rows[row] = "\t".join(moved)
    original = read_text(doc(SIMPLE)).tree
    result = read_text(doc("\n".join(rows) + "\n"))
    findings = result.findings + run_rules(result.tree)
    same = result.tree.program == original.program
    assert same or findings, rows[row]
