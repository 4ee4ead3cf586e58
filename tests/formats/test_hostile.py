"""Inputs a web server gets from anyone: each fault a trial of mutated and hostile files
found, with its input. Every one gives a clear error (exit 2) or a finding: no traceback,
no memory blow-up, no silent loss."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import openpyxl
import pytest

from anggaran import services
from anggaran.core.errors import InputError
from anggaran.formats import batas
from anggaran.formats.adk.reader import read_adk
from anggaran.rules import run_rules
from tests.conftest import ADK_527010, EXAMPLE, extract, pesan, raises_id, teks

ROOT = Path(__file__).resolve().parent.parent.parent


def _zip_of(folder: Path, target: Path, rename: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(folder.iterdir()):
            z.write(f, (rename or {}).get(f.name, f.name))
    return target


# -- member names that are not UTF-8, or leave the archive's folder -----------------------


def test_zip_member_name_that_is_not_utf8(tmp_path: Path) -> None:
    """A zip whose UTF-8 flag is set on a name that is not UTF-8 (here a note beside the
    tables): read, the bad bytes replaced; no TypeError."""
    src = extract(ADK_527010, tmp_path / "src")
    target = _zip_of(src, tmp_path / "adk.zip")
    with zipfile.ZipFile(target, "a") as z:
        z.writestr(
            zipfile.ZipInfo("catatan-\udcff.txt".encode("utf-8", "surrogateescape").decode("latin-1")), b"x"
        )
    data = target.read_bytes()
    # the name was written as latin-1 bytes; mark it UTF-8 (flag bit 11) so it is not
    flagged = bytearray(data)
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        at = data.find(sig)
        while at >= 0:
            name_len = int.from_bytes(data[at + (26 if sig == b"PK\x03\x04" else 28) :][:2], "little")
            start = at + (30 if sig == b"PK\x03\x04" else 46)
            if data[start : start + name_len].startswith(b"catatan-"):
                off = at + (6 if sig == b"PK\x03\x04" else 8)
                flags = int.from_bytes(data[off : off + 2], "little") | 0x800
                flagged[off : off + 2] = flags.to_bytes(2, "little")
            at = data.find(sig, at + 4)
    target.write_bytes(bytes(flagged))
    result = read_adk(target)
    assert result.arsip.jumlah() == 468_227_337_000


def test_tar_member_name_that_is_not_utf8(tmp_path: Path) -> None:
    src = extract(ADK_527010, tmp_path / "src")
    target = tmp_path / "adk.tar"
    with tarfile.open(target, "w", format=tarfile.GNU_FORMAT, encoding="latin-1") as t:
        for f in sorted(src.iterdir()):
            t.add(f, f.name)
        info = tarfile.TarInfo("bukan-\xff.txt")
        info.size = 1
        t.addfile(info, io.BytesIO(b"x"))
    assert read_adk(target).arsip.jumlah() == 468_227_337_000


@pytest.mark.parametrize(
    "name", ["../d_item01508005270101.csv", "/tmp/d_item01508005270101.csv", "a/../../x.csv"]
)
def test_member_named_outside_the_archive_is_refused(tmp_path: Path, name: str) -> None:
    target = tmp_path / "adk.zip"
    with zipfile.ZipFile(target, "w") as z:
        z.writestr(zipfile.ZipInfo(name), b"x")
    with raises_id(InputError, "di luar folder arsip ditolak"):
        read_adk(target)


# -- archive bombs: refused while inflating, within 2 GiB -----------------------------------


def _bomb(target: Path, member: str, size: int, line: bytes) -> Path:
    """A zip whose ``member`` inflates to ``size`` bytes of ``line`` repeated, written in
    chunks (the test itself holds little)."""
    chunk = line * max(1, (1 << 20) // len(line))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z, z.open(member, "w") as out:
        written = 0
        while written < size:
            out.write(chunk)
            written += len(chunk)
    return target


def _max_rss_of_reading(path: Path) -> tuple[int, str, int]:
    """(exit status, standard error, peak resident memory in bytes) of ``anggaran check``."""
    code = (
        "import resource, subprocess, sys\n"
        "p = subprocess.run([sys.executable, '-m', 'anggaran', 'check', sys.argv[1]],\n"
        "                   capture_output=True, text=True)\n"
        "print(p.returncode)\nprint(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.stderr.write(p.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=600
    )
    status, rss = proc.stdout.split()
    return int(status), proc.stderr, int(rss) * 1024


def test_a_zip_bomb_of_zeros_fails_quickly_within_2_gib(tmp_path: Path) -> None:
    """A 1 GiB d_item member that packs to about 1 MB."""
    bomb = _bomb(tmp_path / "bom.zip", "d_item01508005270101.csv", 1 << 30, b"0" * 4096)
    assert bomb.stat().st_size < 8 << 20
    status, err, rss = _max_rss_of_reading(bomb)
    assert status == 2 and "bom arsip" in err and "Traceback" not in err
    assert rss < 2 << 30, rss


def test_an_archive_of_real_rows_past_the_limit_fails_within_2_gib(tmp_path: Path) -> None:
    """Real d_item rows repeated past what one member may hold (the trial's 130 MB zip of
    1 GiB of rows ended in a MemoryError traceback)."""
    src = extract(ADK_527010, tmp_path / "src")
    rows = (src / "d_item01508005270101.csv").read_bytes()
    bomb = _bomb(tmp_path / "rows.zip", "d_item01508005270101.csv", batas.MAX_MEMBER + (8 << 20), rows)
    status, err, rss = _max_rss_of_reading(bomb)
    assert status == 2 and "terurai lebih dari 128 MiB" in err and "Traceback" not in err
    assert rss < 2 << 30, rss


def test_nested_archives_past_the_depth(tmp_path: Path) -> None:
    data = b"x"
    for n in range(batas.MAX_DEPTH + 2):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr(f"lapis{n}.zip", data)
        data = buf.getvalue()
    target = tmp_path / "sarang.zip"
    target.write_bytes(data)
    with raises_id(InputError, "bersarang lebih dari 4 tingkat"):
        read_adk(target)


# -- a Bagian A past its size --------------------------------------------------------------


def test_a_bagian_a_past_its_size_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "besar.txt"
    with big.open("wb") as out:
        out.write(EXAMPLE.read_bytes())
        out.write(b"\n" * (batas.MAX_TEXT + 1))
    with raises_id(InputError, "lebih besar dari 8 MiB"):
        services.open_input(big)


def test_findings_printed_are_capped_per_rule(tmp_path: Path) -> None:
    """200 RO rows whose jumlah is not angka dasar + inisiatif baru: 50 printed, then the
    count of the rest; the JSON lists all."""
    from click.testing import CliRunner

    from anggaran.cli import cli

    text = EXAMPLE.read_text(encoding="utf-8")
    row = "002\t<b>Layanan Perkantoran</b>\t<b>1.00 Layanan</b>\t<b>10</b>\t\t<b>11</b>\n"
    at = text.index("\n", text.index("Indikator RO")) + 1
    many = tmp_path / "banyak.txt"
    many.write_text(text[:at] + row * 200 + text[at:], encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(many)])
    lines = result.stdout.splitlines()
    assert sum(1 for line in lines if line.startswith("GALAT ROW_SUM")) == 50
    assert any("dan 150 ROW_SUM lainnya" in line for line in lines)
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(many)])
    assert (
        sum(1 for f in __import__("json").loads(result.stdout)[0]["findings"] if f["rule"] == "ROW_SUM")
        == 200
    )


# -- a column the mapping cannot place -------------------------------------------------------


def test_one_character_changed_in_one_ket_keeps_both_akun_notes(tmp_path: Path) -> None:
    folder = extract(ADK_527010, tmp_path / "adk")
    xml = folder / "d_cttakun01508005270101.xml"
    xml.write_bytes(xml.read_bytes().replace(b"seluas 1.640 m2", b"seluas 1.641 m2"))
    result = read_adk(folder)
    notes = [a.catatan for t in result.arsip.satker for *_, a in t.akun() if a.catatan]
    assert notes == [
        ["Renovasi Gedung Kantor seluas 1.640 m2"],
        ["Renovasi Rumah Dinas Golongan II Tipe D seluas 519 m2"],
    ]
    [finding] = result.findings
    assert (finding.rule, finding.args["kolom"], finding.args["beda"]) == ("READ_ADK_KOLOM", "ket", 1)
    assert "kolom ket ditempatkan menurut posisinya" in pesan(finding)


def test_a_csv_field_no_column_explains_is_reported(tmp_path: Path) -> None:
    """Every value of d_cttakun's ket differs from its XML (both rows): not placed, and
    said so; the notes are not read from a wrong column."""
    folder = extract(ADK_527010, tmp_path / "adk")
    xml = folder / "d_cttakun01508005270101.xml"
    xml.write_bytes(xml.read_bytes().replace(b"<ket>Renovasi", b"<ket>Lain"))
    result = read_adk(folder)
    rules = {(f.rule, f.variant) for f in result.findings}
    assert rules == {("READ_ADK_KOLOM", "tidak_dikenal"), ("READ_ADK_KOLOM", "hilang")}
    assert not [a for t in result.arsip.satker for *_, a in t.akun() if a.catatan]


# -- a header line with a price or volume factors -------------------------------------------


def test_a_header_line_with_harga_satuan_or_factors_is_an_error(tmp_path: Path) -> None:
    folder = extract(ADK_527010, tmp_path / "adk")
    tree = read_adk(folder).arsip.satker[0]
    header = next(d for _, d in tree.detail() if d.header)
    header.harga_satuan = 150_000
    found = [f for f in run_rules(tree) if f.rule == "DETAIL_HEADER_BERNILAI"]
    assert [(f.variant, f.args["harga_satuan"]) for f in found] == [("volume", 150_000)]
    assert "baris judul hanya mengelompokkan rincian" in pesan(found[0])


# -- an XLSX cell past its size ---------------------------------------------------------------


def test_an_uraian_too_long_for_an_xlsx_cell_is_said(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from anggaran.cli import cli

    long_name = "Layanan " + "x" * 40_000
    text = EXAMPLE.read_text(encoding="utf-8").replace("994\tLayanan Perkantoran\t", f"994\t{long_name}\t", 1)
    source = tmp_path / "panjang.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "panjang.xlsx"
    result = CliRunner().invoke(cli, ["export", str(source), "--to", "xlsx", "-o", str(out)])
    assert result.exit_code == 0
    assert "XLSX_TEKS_TERPOTONG" in result.stderr and "32.767" in result.stderr
    wb = openpyxl.load_workbook(out)
    cells = [c for row in wb["Bagian A"].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert max(len(c) for c in cells) == 32_767
    assert any(row[1] == "XLSX_TEKS_TERPOTONG" for row in wb["Temuan"].iter_rows(values_only=True))
    # the other formats keep it whole
    html = tmp_path / "panjang.html"
    CliRunner().invoke(cli, ["export", str(source), "--to", "html", "-o", str(html)])
    assert long_name in html.read_text(encoding="utf-8")


# -- page furniture that disagrees ------------------------------------------------------------


def test_a_column_header_of_another_year_is_a_finding(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    second = text.index("ALOKASI ANGGARAN T.A 2023", text.index("Halaman : 2"))
    changed = text[:second] + "ALOKASI ANGGARAN T.A 2020" + text[second + len("ALOKASI ANGGARAN T.A 2023") :]
    source = tmp_path / "tahun.txt"
    source.write_text(changed, encoding="utf-8")
    inp = services.open_input(source)
    [f] = [f for f in inp.findings if f.variant == "tahun_kolom"]
    assert f.source is not None and f.source.page == 2
    assert pesan(f) == "Halaman 2: kepala kolom menyebut T.A 2020, dokumen tahun anggaran 2023"


def test_misnumbered_columns_are_a_finding(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    at = text.index("(1)\t(2)\t(3)\t(4)\t(5)\t(6)", text.index("Halaman : 3"))
    changed = text[:at] + "(1)\t(2)\t(4)\t(3)\t(5)\t(6)" + text[at + len("(1)\t(2)\t(3)\t(4)\t(5)\t(6)") :]
    source = tmp_path / "kolom.txt"
    source.write_text(changed, encoding="utf-8")
    [f] = [f for f in services.open_input(source).findings if f.variant == "nomor_kolom"]
    assert pesan(f) == "Halaman 3: kolom bernomor 1, 2, 4, 3, 5, 6, seharusnya 1, 2, 3, 4, 5, 6"


def test_the_real_example_has_no_page_furniture_finding() -> None:
    inp = services.open_input(EXAMPLE)
    assert not [f for f in inp.findings if f.variant in ("tahun_kolom", "nomor_kolom")]


# -- the store's sealed rows from a plain SQLite connection -----------------------------------


def test_update_or_replace_cannot_delete_a_sealed_file(tmp_path: Path) -> None:
    """The trial's steps: an unsealed file row inserted by hand, then ``UPDATE OR REPLACE``
    setting its SHA-256 to a stored file's. SQLite would delete the stored row (and with it
    version 1's file) without its DELETE trigger; now the UPDATE is refused."""
    import datetime as dt
    import sqlite3

    from anggaran.services import versi as v

    db = tmp_path / "a.sqlite3"
    store = v.Store(f"sqlite:///{db}")
    v.import_file(store, EXAMPLE, oleh="penguji", pada=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    store.close()
    con = sqlite3.connect(db)
    sha = con.execute("SELECT sha256 FROM anggaran_berkas").fetchone()[0]
    con.execute(
        "INSERT INTO anggaran_berkas (nama, sha256, ukuran, format, diimpor_oleh, diimpor_pada, catatan, "
        "tersegel) VALUES ('x', 'ff', 1, 'x', 'x', '2026-01-01', '', 0)"
    )
    with pytest.raises(sqlite3.DatabaseError, match="tidak dapat diubah"):
        con.execute(f"UPDATE OR REPLACE anggaran_berkas SET sha256 = '{sha}' WHERE sha256 = 'ff'")
    con.rollback()
    assert con.execute("SELECT count(*) FROM anggaran_berkas WHERE sha256 = ?", (sha,)).fetchone() == (1,)
    assert con.execute("SELECT count(*) FROM anggaran_versi").fetchone() == (1,)
    con.close()


def test_every_hostile_input_message_is_in_both_languages(tmp_path: Path) -> None:
    """The limits speak the user's language too."""
    big = tmp_path / "besar.txt"
    big.write_bytes(EXAMPLE.read_bytes() + b"\n" * batas.MAX_TEXT)
    with pytest.raises(InputError) as e:
        services.open_input(big)
    assert "larger than 8 MiB" in teks(e.value, "en") and "lebih besar dari 8 MiB" in teks(e.value)


def test_cli_without_traceback_on_a_bomb(tmp_path: Path) -> None:
    bomb = _bomb(tmp_path / "b.zip", "d_item01508000000000.csv", 300 << 20, b"0" * 4096)
    proc = subprocess.run(
        [sys.executable, "-m", "anggaran", "check", "--lang", "en", str(bomb)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 2 and "archive bomb" in proc.stderr and "Traceback" not in proc.stderr


def test_xml_entities_are_refused_not_expanded(tmp_path: Path) -> None:
    """A table whose CSV is missing is read from its XML: an entity declared there would
    expand past every archive limit (the trial's 393 KB zip took 2.3 GB), so a DTD or
    entity is refused (a SAKTI export has none)."""
    target = tmp_path / "entitas.zip"
    with zipfile.ZipFile(ADK_527010) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name in src.namelist():
            if name == "d_item01508005270101.csv":
                continue
            data = src.read(name)
            if name == "d_item01508005270101.xml":
                text = data.decode("utf-8", "replace")
                text = re.sub(
                    r"(<\?xml[^>]*\?>)", r'\1<!DOCTYPE VFPData [<!ENTITY e "AAAAAAAAAA">]>', text, count=1
                )
                text = text.replace("<thang>", "<thang>&e;&e;&e;", 1)
                data = text.encode("utf-8")
            out.writestr(name, data)
    with raises_id(InputError, "DTD atau entitas"):
        read_adk(target)
