"""The ``anggaran`` command on real ADK archives: check, export, report and diff."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from tests.cli.test_cli import run
from tests.conftest import ADK_1D01, ADK_2D01, ADK_527010, EXAMPLE, extract


def test_check_exits_0_on_1d01_and_2d01() -> None:
    code, out, _ = run("check", str(ADK_1D01), str(ADK_2D01))
    assert code == 0
    assert "arsip ADK TA 2026, 39 satker, jumlah Rp 74.798.704.000, semula Rp 79.613.275.000" in out
    assert "arsip ADK TA 2026, 40 satker, jumlah Rp 59.828.777.000, semula Rp 63.217.086.000" in out
    lines = out.splitlines()
    # warnings: d_kpa's name columns (CSV and XML disagree: 4 each); info: the codes no
    # reference names, once per code and satker (KODE_TANPA_NAMA)
    assert lines[-1] == "0 galat, 4 peringatan, 415 info" and "0 galat, 6 peringatan, 383 info" in lines


def test_check_exits_1_on_527010_with_its_faults() -> None:
    code, out, _ = run("check", str(ADK_527010))
    assert code == 1
    errors = [line for line in out.splitlines() if line.startswith("GALAT")]
    assert errors == [
        "GALAT RENCANA_BULANAN_SUM 015.08.WA/4715/4715.EBA/994/002/DB/522111/1: item 1 'Langganan "
        "Listrik': jumlah Rp 33.998.532.000, rencana bulanan Januari–Desember Rp 32.557.848.000 "
        "(selisih Rp 1.440.684.000) [d_item01508005270101.csv, baris 515]",
        "GALAT RENCANA_BULANAN_SUM 015.08.WA/4719/4719.EBA/003/100/DB/521211/3: item 3 'Bahan "
        "Pendukung Kegiatan': jumlah Rp 3.285.000, rencana bulanan Januari–Desember Rp "
        "313.000.000 (selisih Rp -309.715.000) [d_item01508005270101.csv, baris 871]",
    ]
    assert out.splitlines()[-1] == "2 galat, 3 peringatan, 25 info"


def test_check_json_per_satker_and_one_satker() -> None:
    code, out, _ = run("check", "--format", "json", "--satker", "015116", str(ADK_1D01))
    assert code == 0
    [entry] = json.loads(out)
    assert (entry["satker"], entry["jumlah"], entry["summary"]) == (
        "015116",
        1_009_271_000,
        {"error": 0, "warning": 0, "info": 8},  # 8 codes no reference names
    )


def test_check_a_folder(tmp_path: Path) -> None:
    folder = extract(ADK_527010, tmp_path / "adk")
    code, out, _ = run("check", str(folder))
    assert code == 1 and out.splitlines()[-1] == "2 galat, 3 peringatan, 25 info"


def test_report_writes_every_satker_of_1d01(tmp_path: Path) -> None:
    out_dir = tmp_path / "laporan"
    code, out, _ = run("report", str(ADK_1D01), "-o", str(out_dir))
    assert code == 0
    folders = sorted(p.name for p in out_dir.iterdir() if p.is_dir())
    assert len(folders) == 39 and folders[0] == "015114"
    for kode in folders:
        stem = f"rka-satker-2026-{kode}"
        names = {p.name for p in (out_dir / kode).iterdir()}
        assert names == {f"{stem}-bagian-a.{e}" for e in ("pdf", "xlsx", "html", "txt")} | {
            f"{stem}-{part}.{e}" for part in ("bagian-b", "rekap") for e in ("pdf", "xlsx", "html")
        } | {f"{stem}.json", f"{stem}.temuan.txt", f"{stem}.temuan.json"}
    summary = openpyxl.load_workbook(out_dir / "ringkasan-1d01_01508_00_000000_0.xlsx").active
    totals = next(r for r in summary.iter_rows(values_only=True) if r[1] == "JUMLAH")
    assert totals[9] == 74_798_704_000
    tree = json.loads((out_dir / "015116" / "rka-satker-2026-015116.json").read_text())
    assert tree["dokumen"]["bagian"] == "A+B" and len(tree["rencana_penarikan"]) == 6
    assert "510 berkas ditulis" in out


def test_export_bagian_b_for_one_satker(tmp_path: Path) -> None:
    code, _, err = run(
        "export",
        str(ADK_1D01),
        "--to",
        "xlsx",
        "--dokumen",
        "bagian-b",
        "--satker",
        "015116",
        "-o",
        str(tmp_path),
    )
    assert code == 0
    book = openpyxl.load_workbook(tmp_path / "rka-satker-2026-015116-bagian-b.xlsx").active
    total = next(r for r in book.iter_rows(values_only=True) if r[1] == "JUMLAH SATKER")
    assert total[6] == 1_009_271_000


def test_export_text_of_bagian_b_is_refused() -> None:
    code, _, err = run("export", str(ADK_527010), "--to", "text", "--dokumen", "bagian-b")
    assert code == 2 and "bagian-b tidak memiliki bentuk teks" in err


def test_diff_of_one_archive_prints_the_totals(tmp_path: Path) -> None:
    code, out, _ = run("diff", str(ADK_1D01), "-o", str(tmp_path / "m"))
    assert code == 0
    assert "  belanja 52: Rp 54.354.727.000 -> Rp 49.540.156.000 (selisih Rp -4.814.571.000)" in out
    assert "jumlah: Rp 79.613.275.000 -> Rp 74.798.704.000 (selisih Rp -4.814.571.000)" in out
    assert "satker: 39 berubah, 0 tetap, 0 baru, 0 dihapus" in out
    names = {p.name for p in (tmp_path / "m").iterdir()}
    assert {
        "matriks-semula-menjadi.pdf",
        "matriks-semula-menjadi.xlsx",
        "matriks-semula-menjadi.html",
        "015116",
    } <= names
    assert len(list((tmp_path / "m" / "015116").iterdir())) == 3


def test_diff_of_two_archives() -> None:
    code, out, _ = run("diff", str(ADK_1D01), str(ADK_2D01))
    assert code == 0
    assert "jumlah: Rp 74.798.704.000 -> Rp 59.828.777.000 (selisih Rp -14.969.927.000)" in out
    # the two real archives hold different satkers: none in common
    assert "satker: 0 berubah, 0 tetap, 40 baru, 39 dihapus" in out


def test_diff_of_two_bagian_a_documents(tmp_path: Path) -> None:
    code, out, _ = run("diff", str(EXAMPLE), str(EXAMPLE))
    assert code == 0 and "(selisih Rp 0)" in out and "satker: 0 berubah, 1 tetap, 0 baru, 0 dihapus" in out


def test_diff_of_one_document_without_semula() -> None:
    code, _, err = run("diff", str(EXAMPLE))
    assert code == 2 and "tabel m_*" in err


def test_broken_archive_exits_2_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "SAKTI.015.08.1_26.rar"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 30)
    for command in (["check"], ["report", "-o", str(tmp_path / "o")], ["diff"]):
        code, out, err = run(*command[:1], str(bad), *command[1:])
        assert code == 2, command
        assert "arsip tidak dapat dibuka" in err and "Traceback" not in out + err
    assert not (tmp_path / "o").exists()


def test_diff_in_english() -> None:
    code, out, _ = run("diff", "--lang", "en", str(ADK_1D01))
    assert code == 0
    assert "total: Rp 79,613,275,000 -> Rp 74,798,704,000 (difference Rp -4,814,571,000)" in out
    assert "satker: 39 changed, 0 unchanged, 0 added, 0 removed" in out


def test_export_one_satker_to_standard_output() -> None:
    code, out, _ = run("export", str(ADK_1D01), "--to", "json", "--satker", "015116", "-o", "-")
    assert code == 0
    tree = json.loads(out)
    assert tree["satker"] == {"kode": "015116", "nama": "KPPN KHUSUS PENERIMAAN"}
    code, _, err = run("export", str(ADK_1D01), "--to", "json", "-o", "-")
    assert code == 2 and "menghasilkan 39 berkas" in err


def test_a_satker_code_must_have_six_digits() -> None:
    code, _, err = run("check", "--satker", "12", str(ADK_1D01))
    assert code == 2 and "kode satker terdiri atas 6 angka" in err
    code, _, err = run("check", "--satker", "999999", str(ADK_1D01))
    assert code == 2 and "satker 999999 tidak ada" in err and "015114" in err


def test_bagian_b_of_a_bagian_a_document_is_refused() -> None:
    code, _, err = run("export", str(EXAMPLE), "--to", "pdf", "--dokumen", "bagian-b")
    assert code == 2 and "tidak memuat rincian (Bagian B)" in err


def test_report_of_a_full_tree_json_writes_bagian_b_and_rekap(tmp_path: Path) -> None:
    code, _, _ = run("export", str(ADK_1D01), "--to", "json", "--satker", "015116", "-o", str(tmp_path))
    assert code == 0
    source = tmp_path / "rka-satker-2026-015116.json"
    code, out, _ = run("report", str(source), "-o", str(tmp_path / "r"))
    assert code == 0
    names = {p.name for p in (tmp_path / "r").iterdir()}
    assert {
        "rka-satker-2026-015116-bagian-b.pdf",
        "rka-satker-2026-015116-rekap.xlsx",
        "rka-satker-2026-015116-bagian-a.pdf",
        "rka-satker-2026-015116.json",
    } <= names
    # the Bagian A heading stays Bagian A for a full tree
    text = (tmp_path / "r" / "rka-satker-2026-015116-bagian-a.txt").read_text()
    assert "BAGIAN-A" in text and "BAGIAN-A+B" not in text


def test_diff_refuses_an_archive_the_reader_could_not_place(tmp_path: Path) -> None:
    folder = extract(ADK_527010, tmp_path / "adk")
    akun = folder / "d_akun01508005270101.csv"
    akun.write_bytes(b"\r\n".join(akun.read_bytes().split(b"\r\n")[1:]))
    xml = folder / "d_akun01508005270101.xml"
    data = xml.read_bytes()
    xml.write_bytes(data[: data.index(b"<c_akun>")] + data[data.index(b"</c_akun>") + 9 :])
    code, out, err = run("diff", str(folder), "-o", str(tmp_path / "m"))
    assert code == 1 and "READ_ADK_PARENT_MISSING" in err and "tidak ada yang ditulis" in err
    assert not (tmp_path / "m").exists()


def test_diff_of_one_satker_on_one_side_only() -> None:
    code, out, _ = run("diff", "--satker", "527425", str(ADK_1D01), str(ADK_2D01))
    assert code == 0 and "satker: 0 berubah, 0 tetap, 1 baru, 0 dihapus" in out


def test_a_failed_report_leaves_no_folders(tmp_path: Path) -> None:
    out_dir = tmp_path / "hw"
    (out_dir / "527183" / "rka-satker-2026-527183.json").mkdir(parents=True)
    code, _, err = run("report", str(ADK_1D01), "-o", str(out_dir))
    assert code == 2 and "ada folder dengan nama itu" in err
    assert sorted(p.name for p in out_dir.iterdir()) == ["527183"]


@pytest.fixture(scope="module")
def full_json(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    folder = tmp_path_factory.mktemp("full")
    code, _, _ = run("export", str(ADK_1D01), "--to", "json", "--satker", "015116", "-o", str(folder))
    assert code == 0
    return json.loads((folder / "rka-satker-2026-015116.json").read_text())


def _akun(doc: dict) -> dict:  # type: ignore[type-arg]
    return doc["program"][0]["kegiatan"][0]["kro"][0]["ro"][0]["komponen"][0]["sub_komponen"][0]["akun"][0]


@pytest.mark.parametrize(
    "edit,where",
    [
        (lambda d: _akun(d)["detail"][0].__setitem__("faktor", "x"), "detail/0/faktor"),
        (lambda d: _akun(d)["detail"][0].__setitem__("rencana_bulanan", [1000] * 11), "rencana_bulanan"),
        (lambda d: _akun(d)["detail"][0].__setitem__("tingkat", 99), "detail/0/tingkat"),
        (lambda d: _akun(d)["detail"][0].__setitem__("kdib", "zz"), "detail/0/kdib"),
        (lambda d: _akun(d).__setitem__("alokasi", 5), "akun/0/alokasi"),
        (lambda d: d["rencana_penarikan"][0].pop("pagu"), "rencana_penarikan/0"),
        (lambda d: d["rencana_penarikan"][0].__setitem__("pagu", 1.5), "rencana_penarikan/0/pagu"),
        (lambda d: d["rencana_penarikan"][0].__setitem__("bulanan", [0] * 11), "rencana_penarikan/0/bulanan"),
    ],
)
def test_bad_bagian_b_fields_in_json(tmp_path: Path, full_json: dict, edit, where: str) -> None:  # type: ignore[no-untyped-def, type-arg]
    import copy

    doc = copy.deepcopy(full_json)
    edit(doc)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    code, out, err = run("check", str(bad))
    assert code == 2 and where in err and "Traceback" not in out + err


def test_jumlah_and_alokasi_must_agree_in_json(tmp_path: Path, full_json: dict) -> None:  # type: ignore[type-arg]
    import copy

    doc = copy.deepcopy(full_json)
    komponen = doc["program"][0]["kegiatan"][0]["kro"][0]["ro"][0]["komponen"][0]
    komponen["jumlah"] += 5
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    code, _, err = run("check", str(bad))
    assert code == 2 and "komponen 100: jumlah" in err and "berbeda dari alokasi.jumlah" in err


def test_a_deeply_nested_json(tmp_path: Path) -> None:
    bad = tmp_path / "deep.json"
    bad.write_text("{" + '"a":[' * 100_000 + "]" * 100_000 + "}")
    code, out, err = run("check", str(bad))
    assert code == 2 and "Traceback" not in out + err


def test_right_to_left_text_in_a_pdf(tmp_path: Path, full_json: dict) -> None:  # type: ignore[type-arg]
    import copy

    doc = copy.deepcopy(full_json)
    _akun(doc)["detail"][0]["uraian"] = "\u202eab  c"
    source = tmp_path / "rtl.json"
    source.write_text(json.dumps(doc))
    code, _, err = run(
        "export", str(source), "--to", "pdf", "--dokumen", "bagian-b", "-o", str(tmp_path / "o.pdf")
    )
    assert code == 0 and (tmp_path / "o.pdf").read_bytes().startswith(b"%PDF")


def test_satker_of_a_single_document(example_path: Path) -> None:
    code, _, err = run("check", "--satker", "999999", str(example_path))
    assert code == 2 and "satker 999999 bukan satker dokumen ini (109141)" in err
    code, _, _ = run("check", "--satker", "109141", str(example_path))
    assert code == 0


def test_without_the_libarchive_library() -> None:
    """A machine without libarchive: a message and exit 2, not a traceback."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "LIBARCHIVE": "/nonexistent/libarchive.so"}
    done = subprocess.run(
        [sys.executable, "-m", "anggaran", "check", str(ADK_527010)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 2
    assert "pustaka libarchive tidak tersedia" in done.stderr and "Traceback" not in done.stderr
