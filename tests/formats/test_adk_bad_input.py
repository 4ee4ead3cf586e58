"""ADK input that cannot be read: each gives a clear message naming the file and row, an
InputError (the CLI exits 2), and no half-built result. Every case starts from the real
527010 archive and breaks one thing, as archives get broken in the wild."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from anggaran.core.errors import InputError
from anggaran.formats.adk.reader import read_adk
from tests.conftest import ADK_527010, extract, pesan, teks

ITEM = "d_item01508005270101.csv"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return extract(ADK_527010, tmp_path / "527010")


def _rewrite(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    path.write_bytes(change(path.read_bytes()))


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\r\n")


def _edit_row(path: Path, row: int, field: int, value: bytes | Callable[[bytes], bytes]) -> None:
    """Set field ``field`` (0-based) of CSV line ``row`` (1-based) to ``value``, or to what
    ``value`` makes of it."""

    def change(data: bytes) -> bytes:
        lines = _lines(data)
        fields = lines[row - 1].split(b"|")
        fields[field] = value(fields[field]) if callable(value) else value
        lines[row - 1] = b"|".join(fields)
        return b"\r\n".join(lines)

    _rewrite(path, change)


def test_truncated_csv(folder: Path) -> None:
    """The file ends in the middle of row 700 (a download cut short)."""

    def cut(data: bytes) -> bytes:
        lines = _lines(data)
        return b"\r\n".join(lines[:699]) + b"\r\n" + lines[699][:150]

    _rewrite(folder / ITEM, cut)
    with pytest.raises(InputError) as e:
        read_adk(folder)
    assert e.value.file and e.value.file.endswith(ITEM)
    assert e.value.line == 700
    assert "terpotong" in teks(e.value)


def test_truncated_inside_a_quoted_field(folder: Path) -> None:
    def cut(data: bytes) -> bytes:
        lines = _lines(data)
        last = lines[10]
        return b"\r\n".join(lines[:10]) + b"\r\n" + last[: last.index(b"^KDM") + 6]

    _rewrite(folder / ITEM, cut)
    with pytest.raises(InputError) as e:
        read_adk(folder)
    assert e.value.file and e.value.file.endswith(ITEM) and e.value.line == 11
    assert "terpotong" in teks(e.value)


def test_truncated_at_a_field_boundary(folder: Path) -> None:
    def cut(data: bytes) -> bytes:
        lines = _lines(data)
        return b"\r\n".join(lines[:20]) + b"\r\n" + b"|".join(lines[20].split(b"|")[:30])

    _rewrite(folder / ITEM, cut)
    with pytest.raises(InputError) as e:
        read_adk(folder)
    assert e.value.line == 21 and "30 kolom" in teks(e.value) and "terpotong" in teks(e.value)


def test_row_with_a_field_missing(folder: Path) -> None:
    """Row 42 lost its 'satkeg' field."""

    def drop(data: bytes) -> bytes:
        lines = _lines(data)
        fields = lines[41].split(b"|")
        del fields[35]
        lines[41] = b"|".join(fields)
        return b"\r\n".join(lines)

    _rewrite(folder / ITEM, drop)
    with pytest.raises(InputError) as e:
        read_adk(folder)
    assert (e.value.line, e.value.file.endswith(ITEM)) == (42, True)  # type: ignore[union-attr]
    assert "79 kolom" in teks(e.value) and "80 kolom" in teks(e.value)


def test_bytes_that_are_not_utf8(folder: Path) -> None:
    """A cp1252 'é' in row 3's uraian."""

    def latin(data: bytes) -> bytes:
        lines = _lines(data)
        lines[2] = lines[2].replace(b"Rapat", b"R\xe9pat", 1)
        return b"\r\n".join(lines)

    _rewrite(folder / ITEM, latin)
    with pytest.raises(InputError) as e:
        read_adk(folder)
    assert (e.value.line, e.value.file.endswith(ITEM)) == (3, True)  # type: ignore[union-attr]
    assert "0xe9" in teks(e.value) and "UTF-8" in teks(e.value)


def test_a_number_that_is_not_a_number(folder: Path) -> None:
    _edit_row(folder / ITEM, 5, 37, b"12O00")  # jumlah with a letter O
    with pytest.raises(InputError) as e:
        read_adk(folder)
    assert (e.value.line, "jumlah" in teks(e.value), "12O00" in teks(e.value)) == (5, True, True)


def test_a_fraction_of_a_rupiah(folder: Path) -> None:
    _edit_row(folder / ITEM, 7, 36, lambda harga: harga.replace(b"^", b"") + b".5")
    with pytest.raises(InputError) as e:
        read_adk(folder)
    assert e.value.line == 7 and "hargasat" in teks(e.value) and "rupiah utuh" in teks(e.value)


@pytest.mark.parametrize("table", ["d_item", "d_akun", "d_soutput"])
def test_a_table_missing_from_the_archive(folder: Path, table: str) -> None:
    for f in folder.glob(f"{table}0*"):
        f.unlink()
    with pytest.raises(InputError) as e:
        read_adk(folder)
    assert f"tabel {table} tidak ada" in teks(e.value) and e.value.file == str(folder)


def test_a_csv_without_its_xml(folder: Path) -> None:
    (folder / "d_kmpnen01508005270101.xml").unlink()
    with pytest.raises(InputError) as e:
        read_adk(folder)
    assert "d_kmpnen" in teks(e.value) and ".xml" in teks(e.value)


def test_an_xml_without_its_csv_is_read_from_the_xml(folder: Path) -> None:
    """SAKTI writes both; when only the XML survives, its rows are the table."""
    (folder / "d_output01508005270101.csv").unlink()
    arsip = read_adk(folder).arsip
    assert sum(1 for _ in arsip.satker[0].kro()) == 28
    assert arsip.jumlah() == 468_227_337_000


def test_semula_tables_half_present(folder: Path) -> None:
    for f in folder.glob("m_akun0*"):
        f.unlink()
    with pytest.raises(InputError) as e:
        read_adk(folder)
    assert "m_akun" in teks(e.value)


def test_not_an_archive(tmp_path: Path) -> None:
    bad = tmp_path / "SAKTI.015.08.1_26.rar"
    bad.write_bytes(b"Rar!\x1a\x07\x01\x00" + b"\x00" * 40)
    with pytest.raises(InputError) as e:
        read_adk(bad)
    assert e.value.file == str(bad) and "arsip tidak dapat dibuka" in teks(e.value)


def test_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError) as e:
        read_adk(tmp_path)
    assert "tidak ada tabel ADK" in teks(e.value)


def test_a_satker_that_is_not_there() -> None:
    with pytest.raises(InputError) as e:
        read_adk(ADK_527010, satker="999999")
    assert "satker 999999 tidak ada" in teks(e.value)


def test_a_table_twice(folder: Path) -> None:
    sub = folder / "copy"
    sub.mkdir()
    shutil.copy(folder / ITEM, sub / ITEM)
    with pytest.raises(InputError) as e:
        read_adk(folder)
    assert "d_item muncul dua kali" in teks(e.value)


def test_column_order_mismatch_is_explained_by_values(folder: Path) -> None:
    """Archive 1d01's XSD lists d_akun's kdblokir before kdib while its CSV has kdib first;
    the columns are mapped by the values of the XML rows, whatever the XSD order."""
    from anggaran.formats.adk.source import collect
    from anggaran.formats.adk.table import read_table
    from tests.conftest import ADK_1D01

    files = collect(ADK_1D01).tables["d_akun"]
    table = read_table("d_akun", files.csv, files.xml, files.csv_origin, files.xml_origin)
    names = list(table.kolom)
    assert names.index("kdib") < names.index("kdblokir")
    assert {table.getter("kdib")(i) for i in table} == {"00"}


def test_nothing_half_built_in_the_cli(folder: Path, tmp_path: Path) -> None:
    """A broken archive writes no report at all."""
    from click.testing import CliRunner

    from anggaran.cli import cli

    _rewrite(folder / ITEM, lambda d: d[: len(d) // 2])
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["report", str(folder), "-o", str(out)])
    assert result.exit_code == 2
    assert ITEM in result.output and "baris" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_zip_with_a_broken_member(tmp_path: Path) -> None:
    """The same faults inside a zip name the member inside the archive."""
    src = extract(ADK_527010, tmp_path / "src")
    _rewrite(src / ITEM, lambda d: d.replace(b"Rapat", b"R\xe9pat", 1))
    archive = tmp_path / "adk.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in sorted(src.iterdir()):
            z.write(f, f.name)
    with pytest.raises(InputError) as e:
        read_adk(archive)
    assert e.value.file == f"{archive}!{ITEM}" and e.value.line is not None


def test_an_empty_csv_beside_a_full_xml(folder: Path) -> None:
    (folder / ITEM).write_bytes(b"")
    with pytest.raises(InputError) as e:
        read_adk(folder)
    assert "0 baris di CSV, 1150 baris <c_item> di XML" in teks(e.value)


def test_a_column_missing_from_every_row(folder: Path) -> None:
    """kdkppn (field 16) dropped from every d_item row and from the XSD's view of the CSV:
    the reader needs it and says so, naming the file."""

    def drop(data: bytes) -> bytes:
        out = []
        for line in _lines(data):
            fields = line.split(b"|")
            if len(fields) > 1:
                del fields[15]
            out.append(b"|".join(fields))
        return b"\r\n".join(out)

    _rewrite(folder / ITEM, drop)
    with pytest.raises(InputError) as e:
        read_adk(folder)
    assert "kolom kdkppn (dinamai skema XSD) tidak ditemukan di CSV tabel d_item" in teks(e.value)
    assert e.value.file and e.value.file.endswith(ITEM)


def test_a_value_edited_in_the_csv_only_keeps_its_column(folder: Path) -> None:
    """rphblokir (field 47) of row 1 edited in the CSV but not the XML: the column keeps its
    name (mapped by most rows and by place), and the block is read."""
    _edit_row(folder / ITEM, 1, 46, b"5000")
    tree = read_adk(folder).arsip.satker[0]
    first = min((d for _, d in tree.detail()), key=lambda d: d.source.line)  # type: ignore[union-attr]
    assert first.blokir == 5000


def test_duplicate_rows_are_reported(folder: Path) -> None:
    """The last KRO row written twice (in both files, as a faulty export would)."""

    def dup(data: bytes) -> bytes:
        lines = [line for line in _lines(data) if line]
        return b"\r\n".join([*lines, lines[-1], b""])

    _rewrite(folder / "d_output01508005270101.csv", dup)
    _rewrite(
        folder / "d_output01508005270101.xml",
        lambda d: d.replace(
            b"</VFPData>", d[d.rindex(b"<c_output>") : d.rindex(b"</c_output>") + 11] + b"</VFPData>"
        ),
    )
    result = read_adk(folder)
    found = [(f.rule, f.severity.value, f.source.line) for f in result.findings]  # type: ignore[union-attr]
    assert found == [("READ_ADK_DUPLICATE", "error", 29)]


def test_a_missing_parent_row_keeps_the_line(folder: Path) -> None:
    """A d_item line whose akun row is gone from d_akun: the line stays, under an akun made
    for it, and the reader says so."""

    def drop_first(data: bytes) -> bytes:
        return b"\r\n".join(_lines(data)[1:])

    _rewrite(folder / "d_akun01508005270101.csv", drop_first)
    xml = folder / "d_akun01508005270101.xml"
    _rewrite(xml, lambda d: d[: d.index(b"<c_akun>")] + d[d.index(b"</c_akun>") + 9 :])
    result = read_adk(folder)
    assert result.arsip.jumlah() == 468_227_337_000
    assert {(f.rule, f.severity.value) for f in result.findings} == {("READ_ADK_PARENT_MISSING", "error")}


def test_a_fault_in_semula_is_a_warning(folder: Path) -> None:
    def drop_first(data: bytes) -> bytes:
        return b"\r\n".join(_lines(data)[1:])

    _rewrite(folder / "m_akun01508005270101.csv", drop_first)
    _rewrite(
        folder / "m_akun01508005270101.xml",
        lambda d: d[: d.index(b"<c_akun>")] + d[d.index(b"</c_akun>") + 9 :],
    )
    result = read_adk(folder)
    [f] = result.findings
    assert (f.rule, f.severity.value, f.args["sisi"]) == ("READ_ADK_PARENT_MISSING", "warning", "semula")
    assert pesan(f).startswith("semula (m_*): ")


@pytest.mark.parametrize(
    "value,what",
    [
        (b"1e5000", "bukan angka"),
        (b"5_181_000", "bukan angka"),
        (b"+5181000", "bukan angka"),
        (b"-5181000", "negatif"),
        ("٥١٨١".encode(), "bukan angka"),
        (b"1" * 30, "bukan angka"),
    ],
)
def test_money_written_otherwise_than_vfp_writes_it(folder: Path, value: bytes, what: str) -> None:
    _edit_row(folder / ITEM, 1, 37, value)
    with pytest.raises(InputError) as e:
        read_adk(folder)
    assert e.value.line == 1 and "kolom jumlah" in teks(e.value) and what in teks(e.value)


def test_a_year_that_differs_between_rows(folder: Path) -> None:
    _edit_row(folder / ITEM, 5, 0, b"^2025^")
    result = read_adk(folder)
    [f] = result.findings
    assert (f.rule, f.severity.value, f.source.line) == ("READ_ADK_BEDA_SATKER", "error", 5)  # type: ignore[union-attr]
    assert "2025/015/08" in pesan(f) and "2026/015/08" in pesan(f)


@pytest.mark.parametrize("field,value,column", [(75, b"^1,5^", "kdib"), (24, "^¹^".encode(), "noitem")])
def test_codes_that_are_not_codes(folder: Path, field: int, value: bytes, column: str) -> None:
    _edit_row(folder / ITEM, 1, field, value)
    result = read_adk(folder)
    assert [(f.rule, f.severity.value, f.source.line) for f in result.findings] == [  # type: ignore[union-attr]
        ("READ_ADK_NILAI", "error", 1)
    ]
    assert column in pesan(result.findings[0])


def test_codes_padded_with_spaces_read_the_same(folder: Path) -> None:
    """VFP CHAR columns may pad codes with trailing spaces (kdbeban 'A ')."""
    _edit_row(folder / ITEM, 1, 16, b"^A ^")
    result = read_adk(folder)
    assert result.findings == [] and result.arsip.jumlah() == 468_227_337_000


def test_the_dos_end_of_file_byte(folder: Path) -> None:
    _rewrite(folder / ITEM, lambda d: d + b"\x1a")
    assert read_adk(folder).arsip.jumlah() == 468_227_337_000


def test_xml_rows_in_another_order(folder: Path) -> None:
    """The XML's rows reversed: no column can be mapped by its values; the message says so."""
    xml = folder / "d_akun01508005270101.xml"

    def reverse(data: bytes) -> bytes:
        head, _, rest = data.partition(b"<c_akun>")
        body, _, tail = rest.rpartition(b"</c_akun>")
        rows = (b"<c_akun>" + body + b"</c_akun>").split(b"</c_akun>")
        rows = [r + b"</c_akun>" for r in rows if r.strip()]
        return head + b"".join(reversed(rows)) + tail

    _rewrite(xml, reverse)
    with pytest.raises(InputError) as e:
        read_adk(folder)
    assert "tidak ditemukan di CSV tabel d_akun" in teks(e.value)


def test_tar_gz_and_an_inner_archive_without_its_name(tmp_path: Path) -> None:
    import tarfile

    src = extract(ADK_527010, tmp_path / "src")
    tgz = tmp_path / "adk.tar.gz"
    with tarfile.open(tgz, "w:gz") as t:
        for f in sorted(src.iterdir()):
            t.add(f, f.name)
    assert read_adk(tgz).arsip.jumlah() == 468_227_337_000
    wrapped = tmp_path / "wrapped.zip"
    with zipfile.ZipFile(wrapped, "w") as z:
        z.write(tgz, "lampiran.bin")  # an archive whatever its name
    assert read_adk(wrapped).arsip.jumlah() == 468_227_337_000
