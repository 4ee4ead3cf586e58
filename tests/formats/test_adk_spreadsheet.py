"""An ADK table opened and saved again by a spreadsheet program, as a user does to look at
it or fix a value: fields separated by ``;`` (a spreadsheet in Indonesian), SAKTI's ``^``
quotes lost (``"`` only around a value holding ``;``), a BOM, CRLF, codes that became
numbers (``015116`` -> ``15116``) and amounts formatted ``1.234.567,00``. Built here
from the real tables; read back to the same trees, or refused naming the row, the
separator found and the one expected."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from anggaran.core.errors import InputError
from anggaran.formats.adk.reader import read_adk
from anggaran.formats.adk.table import _string_widths, read_table
from tests.conftest import ADK_1D01, ADK_527010, extract, teks


def _excel_number(v: str) -> str:
    """``5181000`` as a spreadsheet in Indonesian shows it with the format ``#.##0,00``:
    ``5.181.000,00`` (more decimals when the number has them)."""
    d = Decimal(v)
    places = max(2, -int(d.normalize().as_tuple().exponent))
    whole, frac = f"{d:.{places}f}".split(".")
    return f"{int(whole):,}".replace(",", ".") + "," + frac


def resave(csv_path: Path) -> None:
    """Write the table at ``csv_path`` (beside its .xml) as a spreadsheet program in
    Indonesian saves it: a code (a text column of the XSD) of digits becomes a number
    without its leading zeros, a number of a numeric column is formatted ``1.234.567,00``,
    the fields are separated by ``;`` and quoted with ``"`` only when they must be, with a
    BOM and CRLF."""
    xml_path = csv_path.with_suffix(".xml")
    xml = xml_path.read_bytes()
    table = read_table(csv_path.stem, csv_path.read_bytes(), xml, str(csv_path), str(xml_path))
    text_columns = _string_widths(xml.decode("utf-8-sig"))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quotechar='"', lineterminator="\r\n")
    for row in table.rows:
        cells = []
        for column, value in zip(table.kolom, row, strict=True):
            v = value
            if column in text_columns:
                if v.isdigit() and len(v) <= 15:
                    v = str(int(v))
            elif v.strip() and v.replace(".", "", 1).isdigit():
                v = _excel_number(v)
            cells.append(v)
        writer.writerow(cells)
    csv_path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))


def test_excel_number() -> None:
    assert [_excel_number(v) for v in ("5181000", "3979.30", "0", "264")] == [
        "5.181.000,00",
        "3.979,30",
        "0,00",
        "264,00",
    ]


@pytest.fixture(scope="module")
def resaved_1d01(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = extract(ADK_1D01, tmp_path_factory.mktemp("adk") / "1d01")
    for path in sorted(folder.glob("*.csv")):
        resave(path)
    return folder


def test_every_table_saved_again_reads_to_the_same_trees(adk_1d01, resaved_1d01: Path) -> None:  # type: ignore[no-untyped-def]
    item = next(resaved_1d01.glob("d_item*.csv")).read_bytes()
    assert item.startswith(b"\xef\xbb\xbf2026;1;15116;15;8;CD;6212;FAL;1;51;2;2;100; A;521211;19;A;")
    assert b"19.625,00;5.181.000,00" in item and b"^" not in item and b"\r\n" in item
    result = read_adk(resaved_1d01)
    assert result.arsip.satker == adk_1d01.arsip.satker
    assert result.arsip.semula == adk_1d01.arsip.semula
    assert result.arsip.jumlah() == 74_798_704_000 and result.arsip.jumlah_semula() == 79_613_275_000
    assert {t.satker.kode: t.jumlah().jumlah for t in result.arsip.satker}["015116"] == 1_009_271_000
    new = [f for f in result.findings if f not in adk_1d01.findings]
    assert {f.variant for f in new} == {"disimpan_ulang"}
    item_note = next(f for f in new if f.args["tabel"] == "d_item")
    assert (
        item_note.args["pemisah"] == ";" and item_note.args["angka"] > 4_805 and item_note.args["nol"] > 4_805
    )


def test_a_satker_archive_saved_again(adk_527010, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The satker archive quotes its numbers too: they are read as numbers all the same."""
    folder = extract(ADK_527010, tmp_path / "527010")
    for name in ("d_item", "d_akun", "d_soutput"):
        resave(next(folder.glob(f"{name}*.csv")))
    result = read_adk(folder)
    assert result.arsip.satker == adk_527010.arsip.satker
    assert result.arsip.jumlah() == 468_227_337_000


def test_a_value_holding_the_separator_unquoted_is_refused_naming_the_row(tmp_path: Path) -> None:
    """A row whose text holds ``;`` without quotes (the file edited in a text editor after
    the spreadsheet) cannot be split: refused, naming the row, the separator found and
    the one expected."""
    folder = extract(ADK_527010, tmp_path / "527010")
    path = next(folder.glob("d_item*.csv"))
    resave(path)
    lines = path.read_bytes().split(b"\r\n")
    lines[40] = lines[40].replace(b";", b"; x;", 1)
    path.write_bytes(b"\r\n".join(lines))
    with pytest.raises(InputError) as e:
        read_adk(folder)
    assert e.value.file is not None and e.value.file.endswith(path.name) and e.value.line == 41
    assert e.value.params["pemisah"] == ";"
    assert "'|'" in teks(e.value, "en") and "';'" in teks(e.value, "en")


def test_a_number_the_spreadsheet_shortened_is_refused(tmp_path: Path) -> None:
    folder = extract(ADK_527010, tmp_path / "527010")
    path = next(folder.glob("d_item*.csv"))
    resave(path)
    lines = path.read_bytes().split(b"\r\n")
    fields = lines[9].split(b";")
    fields[3] = b"1,97003E+17"
    lines[9] = b";".join(fields)
    path.write_bytes(b"\r\n".join(lines))
    with pytest.raises(InputError) as e:
        read_adk(folder)
    assert e.value.line == 10 and e.value.params["nilai"] == "1,97003E+17"
