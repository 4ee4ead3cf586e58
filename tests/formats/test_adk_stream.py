"""An ADK archive read one satker at a time (issue 12): ``iter_adk`` gives each satker the
trees and findings ``read_adk`` gives it; the tables are held as their CSV bytes with each
row's place (``GroupedTable``), the XML as its start and its row count (``XmlHead``);
``check_adk`` and ``report_adk`` give what ``open_input`` and ``report`` gave."""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from pathlib import Path

import pytest

from anggaran.core.errors import InputError
from anggaran.formats import json as canonical
from anggaran.formats.adk.reader import iter_adk, read_adk
from anggaran.formats.adk.source import collect
from anggaran.formats.adk.table import GroupedTable, XmlHead, read_grouped, read_table
from anggaran.reports.findings import finding_dict
from anggaran.services import dokumen, masukan
from tests.conftest import ADK_1D01, ADK_2D01, ADK_527010, extract, teks


@pytest.mark.parametrize("archive", [ADK_1D01, ADK_2D01, ADK_527010], ids=lambda p: p.name[:6])
def test_one_satker_at_a_time_gives_what_read_adk_gives(
    archive: Path, request: pytest.FixtureRequest
) -> None:
    whole = request.getfixturevalue(
        {ADK_1D01: "adk_1d01", ADK_2D01: "adk_2d01", ADK_527010: "adk_527010"}[archive]
    )
    stream = iter_adk(archive)
    assert len(stream) == len(whole.arsip.satker) and stream.tahun_anggaran == whole.arsip.tahun_anggaran
    menjadi, semula, findings = [], [], list(f for _, f in stream.said)
    for one in stream:
        assert all(f.args.get("satker") == one.kode for f in one.findings)
        menjadi += [one.menjadi] if one.menjadi is not None else []
        semula += [one.semula] if one.semula is not None else []
        findings += one.findings
    assert [canonical.dumps(t) for t in menjadi] == [canonical.dumps(t) for t in whole.arsip.satker]
    assert [canonical.dumps(t) for t in semula] == [canonical.dumps(t) for t in whole.arsip.semula or []]
    # the same findings (read_adk puts them in the order of the tables and their rows)
    assert sorted(map(repr, findings)) == sorted(map(repr, whole.findings))


def test_one_satker_asked_for(adk_1d01) -> None:  # type: ignore[no-untyped-def]
    stream = iter_adk(ADK_1D01, "015116")
    (one,) = list(stream)
    assert one.kode == "015116" and one.menjadi is not None and one.semula is not None
    expected = next(t for t in adk_1d01.arsip.satker if t.satker.kode == "015116")
    assert canonical.dumps(one.menjadi) == canonical.dumps(expected)
    assert stream.lain() == []
    with pytest.raises(InputError) as e:
        iter_adk(ADK_1D01, "999999")
    assert "999999" in teks(e.value)


def test_check_adk_keeps_what_the_check_prints(tmp_path: Path) -> None:
    """The trees cut to their totals: the JSON and the archive's totals as before."""
    full = masukan.open_adk(ADK_1D01)
    light = masukan.check_adk(ADK_1D01)
    assert light.to_dict() == full.to_dict()
    assert (light.arsip().jumlah(), light.arsip().jumlah_semula()) == (
        full.arsip().jumlah(),
        full.arsip().jumlah_semula(),
    )
    assert [len(c.tree.program) for c in light.satker] == [len(c.tree.program) for c in full.satker]
    assert all(not p.kegiatan for c in light.satker for p in c.tree.program)
    seen: list[tuple[str, int, int]] = []
    masukan.check_adk(
        ADK_527010, each=lambda c, semula, n, total: seen.append((c.tree.satker.kode, n, total))
    )
    assert seen == [("527010", 1, 1)]


def test_a_report_with_reader_errors_writes_nothing(tmp_path: Path) -> None:
    folder = extract(ADK_527010, tmp_path / "adk")
    csv, xml = folder / "d_akun01508005270101.csv", folder / "d_akun01508005270101.xml"
    csv.write_bytes(b"\r\n".join(csv.read_bytes().split(b"\r\n")[1:]))  # an akun's row gone
    data = xml.read_bytes()
    xml.write_bytes(data[: data.index(b"<c_akun>")] + data[data.index(b"</c_akun>") + 9 :])
    inp, written = dokumen.report_adk(folder, tmp_path / "laporan")
    assert written is None and inp.read_errors
    assert not (tmp_path / "laporan").exists()


# -- the tables held compactly -----------------------------------------------------------------


def _table(archive: Path, name: str) -> tuple[bytes, bytes]:
    files = collect(archive)
    f = files.tables[name]
    assert f.csv is not None and f.xml is not None
    return f.csv, f.xml


def _rows(g: GroupedTable) -> list[tuple[int, list[str]]]:
    out = []
    for key in g.keys():
        t = g.table(key)
        out += list(zip(t.lines, t.rows, strict=True))
    return sorted(out)


@pytest.mark.parametrize(
    "change",
    [
        lambda b: b,
        lambda b: codecs.BOM_UTF8 + b + b"\x1a",  # a byte-order mark, the DOS end of file
        lambda b: b.replace(b"\r\n", b"\r"),  # old Mac lines
        lambda b: b.replace(b"\r\n", b"\r\n\r\n"),  # blank lines between the rows
        lambda b: b.replace(
            b"^KDM  Snack", "^Kudapan rapat ‘é’\r\nbaris dua".encode()
        ),  # a line break, UTF-8
    ],
    ids=["as-is", "bom-eof", "cr", "blank-lines", "multiline-utf8"],
)
def test_grouped_rows_are_the_table_rows(change) -> None:  # type: ignore[no-untyped-def]
    csv, xml = _table(ADK_1D01, "d_item")
    csv = change(csv)
    whole = read_table("d_item", csv, xml, "d_item.csv", "d_item.xml")
    g = read_grouped("d_item", csv, xml, "d_item.csv", "d_item.xml")
    assert g.kolom == whole.kolom and g.notes == whole.notes and len(g) == len(whole)
    assert g.keys() == list(dict.fromkeys(r[whole.kolom.index("kdsatker")].rstrip() for r in whole.rows))
    assert _rows(g) == sorted(zip(whole.lines, whole.rows, strict=True))
    assert g.data is not None and len(g.data) <= len(csv)  # the bytes, once


def test_grouped_rows_of_satkers_taking_turns() -> None:
    """Rows of one satker that do not follow each other are read in their order."""
    csv, xml = _table(ADK_527010, "d_output")
    body = [line for line in csv.split(b"\r\n") if line]
    mixed = []
    for i, line in enumerate(body):  # every other row of another satker (same rows, new code)
        mixed.append(line if i % 2 else line.replace(b"^527010^", b"^527011^", 1))
    data = b"\r\n".join(mixed) + b"\r\n"
    rows = re.split(rb"(?=<c_output>)", xml)  # the XML's rows told the same
    for i in range(1, len(rows), 2):
        rows[i] = rows[i].replace(b"<kdsatker>527010</kdsatker>", b"<kdsatker>527011</kdsatker>")
    xml = b"".join(rows)
    g = read_grouped("d_output", data, xml, "d_output.csv", "d_output.xml")
    assert g.keys() == ["527011", "527010"]
    whole = read_table("d_output", data, xml, "d_output.csv", "d_output.xml")
    assert _rows(g) == sorted(zip(whole.lines, whole.rows, strict=True))
    assert g.table("527010").lines == list(range(2, len(body) + 1, 2))


def test_a_grouped_table_reports_as_read_table(tmp_path: Path) -> None:
    csv, xml = _table(ADK_527010, "d_item")
    lines = csv.split(b"\r\n")
    fields = lines[699].split(b"|")
    del fields[3]
    lines[699] = b"|".join(fields)
    bad = b"\r\n".join(lines)
    for read in (read_table, read_grouped):
        with pytest.raises(InputError) as e:
            read("d_item", bad, xml, "d_item.csv", "d_item.xml")
        assert e.value.line == 700 and "79 kolom" in teks(e.value)


# -- the XML: its start and its row count ------------------------------------------------------


def _head(xml: bytes, block: int) -> XmlHead:
    head = XmlHead("d_item.xml")
    for at in range(0, len(xml), block):
        head.feed(xml[at : at + block])
    head.close()
    return head


@pytest.mark.parametrize("block", [1, 5, 8, 4096, 1 << 20])
def test_the_xml_start_and_count_whatever_the_blocks(block: int) -> None:
    csv, xml = _table(ADK_527010, "d_item")
    head = _head(xml, block)
    assert not head.whole and head.error is None
    assert head.count == xml.count(b"<c_item>") == 1150
    assert xml.startswith(bytes(head.data)) and bytes(head.data).count(b"</c_item>") == 200
    full = read_table("d_item", csv, xml, "d_item.csv", "d_item.xml")
    part = read_grouped("d_item", csv, bytes(head.data), "d_item.csv", "d_item.xml", xml_count=head.count)
    assert part.kolom == full.kolom and len(part) == len(full)


def test_a_small_xml_or_one_without_schema_is_kept_whole() -> None:
    _, xml = _table(ADK_527010, "d_cttakun")  # 2 rows: fewer than map the columns
    head = _head(xml, 100)
    assert head.whole and bytes(head.data) == xml and head.count is None
    broken = b"<VFPData><c_item><a>1</a></c_item></VFPData>"
    head = _head(broken, 5)
    assert head.whole and bytes(head.data) == broken


def test_a_bad_byte_past_the_start_is_told_as_before(tmp_path: Path) -> None:
    csv, xml = _table(ADK_527010, "d_item")
    at = xml.rindex(b"<nmitem>") + 8
    bad = xml[:at] + b"\xff" + xml[at + 1 :]
    with pytest.raises(InputError) as before:
        read_table("d_item", csv, bad, "d_item.csv", "d_item.xml")
    head = _head(bad, 4096)
    assert head.error is not None and not head.whole
    with pytest.raises(InputError) as now:
        read_grouped(
            "d_item",
            csv,
            bytes(head.data),
            "d_item.csv",
            "d_item.xml",
            xml_count=head.count,
            xml_error=head.error,
        )
    assert (now.value.line, teks(now.value)) == (before.value.line, teks(before.value))
    assert "0xff" in teks(now.value)


def test_an_archive_without_a_csv_reads_the_whole_xml(tmp_path: Path) -> None:
    """The XML kept as its start must be collected whole when its rows are the table's."""
    source = zipfile.ZipFile(ADK_527010)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in source.namelist():
            if name != "d_item01508005270101.csv":
                z.writestr(name, source.read(name))
    archive = tmp_path / "tanpa-csv.zip"
    archive.write_bytes(out.getvalue())
    stream = iter_adk(archive)
    assert sum(1 for one in stream for _ in (one.menjadi.detail() if one.menjadi else [])) == 1150
    assert canonical.dumps(read_adk(archive).arsip.satker[0]).count(b'"uraian"') > 0


def test_findings_as_json_are_unchanged(adk_527010) -> None:  # type: ignore[no-untyped-def]
    stream = iter_adk(ADK_527010)
    got = [finding_dict(f) for _, f in stream.said] + [
        finding_dict(f) for one in stream for f in one.findings
    ]
    assert sorted(map(repr, got)) == sorted(map(repr, (finding_dict(f) for f in adk_527010.findings)))
