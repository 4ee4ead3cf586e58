"""``anggaran export-data``: the consolidation as a Fiscal Data Package. On the real
archives the package validates with frictionless, its CSV adds up to the consolidation's
totals per stage and version, codes keep their leading zeros, the model names real
columns; the command's exit statuses; nothing half-written when it fails."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import frictionless
import pytest

from anggaran.core.errors import InputError, OutputError, WriteError
from anggaran.konsolidasi import fdp, pohon
from anggaran.konsolidasi import mesin as ms
from anggaran.services import konsolidasi as svc
from anggaran.services import opendata
from tests.cli.test_cli import run
from tests.conftest import ADK, ADK_527010
from tests.konsolidasi.conftest import MENJADI, SEMULA

_kode = fdp.kode_sql


@pytest.fixture(scope="module")
def paket(nyata: svc.Konsolidasi, tmp_path_factory: pytest.TempPathFactory) -> opendata.Ekspor:
    """The real archives' consolidation exported."""
    out = tmp_path_factory.mktemp("opendata") / "fdp"
    with svc.data([svc.Masukan("adk", nyata.folder)]) as mesin:
        return opendata.tulis_paket(mesin, out)


def _desc(folder: Path) -> dict[str, Any]:
    return dict(json.loads((folder / "datapackage.json").read_text(encoding="utf-8")))


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _siblings(folder: Path) -> list[str]:
    """What a write left beside ``folder`` (a temporary folder it did not remove)."""
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}."))


def test_the_real_archives_give_a_valid_package(paket: opendata.Ekspor) -> None:
    report = frictionless.validate(str(paket.folder / "datapackage.json"))
    assert report.valid, report.flatten(["name", "message"])
    assert (
        paket.validasi["valid"] and paket.validasi["error_count"] == 0 and paket.validasi["fdp_errors"] == []
    )
    assert {r["name"]: r["rows"] for r in paket.validasi["resources"]}["anggaran"] == paket.rows == 6356
    assert fdp.periksa(_desc(paket.folder)) == []
    assert sorted(p.relative_to(paket.folder).as_posix() for p in paket.files) == sorted(
        ["datapackage.json", fdp.PATH, *(fdp.path_lookup(lk) for lk in fdp.LOOKUP)]
    )


def test_the_csv_adds_up_to_the_consolidation_per_stage_and_version(
    paket: opendata.Ekspor, nyata: svc.Konsolidasi
) -> None:
    total: dict[tuple[str, str, str], int] = {}
    lines: dict[tuple[str, str, str], int] = {}
    for r in _rows(paket.folder / fdp.PATH):
        key = (r["tahun"], r["tahap"], r["versi"])
        total[key] = total.get(key, 0) + int(r["jumlah"])
        lines[key] = lines.get(key, 0) + int(r["baris"])
    assert MENJADI == 602_854_818_000 == nyata.jumlah
    assert total == {("2026", "adk", "menjadi"): MENJADI, ("2026", "adk", "semula"): SEMULA}
    # every detail line once (the archives' lines less their header lines)
    assert lines == {
        ("2026", "adk", "menjadi"): 4308 + 4663 + 1012,
        ("2026", "adk", "semula"): 5185 + 5705 + 1557,
    }
    assert [(t["versi"], t["jumlah"], t["satker"], t["fase"]) for t in paket.total] == [
        ("menjadi", MENJADI, 80, None),
        ("semula", SEMULA, 80, None),
    ]


def test_codes_keep_their_leading_zeros(paket: opendata.Ekspor) -> None:
    rows = _rows(paket.folder / fdp.PATH)
    assert {r["kl"] for r in rows} == {"015"} and {r["unit"] for r in rows} == {"015.08"}
    assert "015114" in {r["satker"] for r in rows}
    assert {"015.08.CD", "015.08.WA"} == {r["program"] for r in rows}
    assert {"001", "002"} <= {r["komponen"] for r in rows} and "001" in {r["ro"] for r in rows}
    assert "01" in {r["provinsi"] for r in rows}
    # the schema says text, and a reader following it keeps the zeros
    schema = {f["name"]: f["type"] for f in _desc(paket.folder)["resources"][0]["schema"]["fields"]}
    assert all(schema[k] == "string" for k in fdp.KODE)
    assert (schema["jumlah"], schema["baris"], schema["tahun"]) == ("integer", "integer", "year")
    package = frictionless.Package(str(paket.folder / "datapackage.json"))
    first = package.get_resource("anggaran").read_rows(size=1)[0]
    assert (first["kl"], first["satker"], first["provinsi"]) == ("015", "015114", "01")
    assert isinstance(first["jumlah"], int)
    satker = package.get_resource("satker").read_rows()
    assert {"kode": "015114", "nama": "KPPN JAKARTA VI"} in [dict(r) for r in satker]


def test_the_model_names_real_columns(paket: opendata.Ekspor) -> None:
    desc = _desc(paket.folder)
    headers = {}
    for r in desc["resources"]:
        with (paket.folder / r["path"]).open(encoding="utf-8") as f:
            headers[r["name"]] = next(csv.reader(f))
    model = desc["model"]
    assert model["measures"] == {
        "jumlah": {
            "source": "jumlah",
            "resource": "anggaran",
            "currency": "IDR",
            "factor": 1,
            "direction": "expenditure",
            "title": "Amount (jumlah)",
        }
    }
    for name, dim in model["dimensions"].items():
        for key, a in dim["attributes"].items():
            assert a["source"] in headers[a.get("resource", "anggaran")], (name, key)
    types = {n: d.get("dimensionType") for n, d in model["dimensions"].items()}
    assert types == {
        "tahun": "datetime",
        "tahap": "other",
        "administrasi": "classification",
        "program": "activity",
        "akun": "classification",
        "sumber_dana": "entity",
        "lokasi": "location",
    }
    assert model["dimensions"]["akun"]["classificationType"] == "economic"
    assert model["dimensions"]["administrasi"]["attributes"]["code"] == {
        "source": "satker",
        "resource": "anggaran",
        "parent": "unit",
    }
    assert (desc["countryCode"], desc["granularity"], desc["fiscalPeriod"]) == (
        "ID",
        "aggregated",
        {"start": "2026-01-01", "end": "2026-12-31"},
    )
    assert desc["licenses"][0]["name"] == "CC-BY-4.0" and len(desc["sources"]) == 3
    # and a model naming a column that is not there is caught
    desc["model"]["dimensions"]["akun"]["attributes"]["code"]["source"] = "akun_tidak_ada"
    desc["model"]["measures"]["jumlah"]["currency"] = "Rp"
    assert fdp.periksa(desc) == [
        "model/measures/jumlah/currency: 'Rp' does not match '^[A-Z]{3}$'",
        "model/dimensions/akun/code: no field 'akun_tidak_ada' in resource 'anggaran'",
    ]


def _satu(folder: Path, tahap: str, rows: list[dict[str, Any]]) -> Path:
    """A consolidation of ``rows`` (item lines; the codes not given are empty)."""
    base = {"tahun": "2026", "tahap": tahap, "versi": "menjadi", "arsip": "uji", "tingkat": 0, "kl": "015"}
    pohon.tulis({"item": [{**base, **r} for r in rows]}, folder, "uji")
    (folder / svc.PENANDA).write_text("{}\n", encoding="utf-8")
    return folder


def test_empty_codes_are_empty_cells_and_the_stage_gives_the_phase(tmp_path: Path) -> None:
    src = _satu(
        tmp_path / "k",
        "revisi-2",
        [
            {
                "satker": "015114",
                "akun": "521211",
                "sumber_dana": "",
                "provinsi": "01",
                "kabkota": "",
                "jumlah": 5,
            },
            {
                "satker": "015114",
                "akun": "521211",
                "sumber_dana": "A",
                "provinsi": "01",
                "kabkota": "51",
                "jumlah": 7,
            },
            {
                "satker": "015114",
                "akun": "521211",
                "sumber_dana": "A",
                "provinsi": "01",
                "kabkota": "51",
                "jumlah": 1,
            },
        ],
    )
    m = ms.buka(src)
    try:
        k = opendata.tulis_paket(m, tmp_path / "out", "CC0-1.0")
    finally:
        m.close()
    rows = _rows(tmp_path / "out" / fdp.PATH)
    assert [(r["sumber_dana"], r["kabkota"], r["fase"], r["jumlah"], r["baris"]) for r in rows] == [
        ("", "", "adjusted", "5", "1"),
        ("A", "51", "adjusted", "8", "2"),
    ]
    assert _rows(tmp_path / "out" / "data" / "kabkota.csv") == [
        {"provinsi": "01", "kabkota": "", "nama": ""},
        {"provinsi": "01", "kabkota": "51", "nama": ""},
    ]
    desc = _desc(tmp_path / "out")
    assert desc["model"]["measures"]["jumlah"]["phase"] == "adjusted"
    assert desc["licenses"] == [
        {
            "name": "CC0-1.0",
            "path": "https://creativecommons.org/publicdomain/zero/1.0/",
            "title": "CC0 1.0 Public Domain Dedication",
        }
    ]
    assert k.validasi["valid"] and frictionless.validate(str(tmp_path / "out" / "datapackage.json")).valid


def test_phases_of_the_stages() -> None:
    assert [
        fdp.fase(t, "menjadi") for t in ("pagu-indikatif", "pagu-anggaran", "alokasi-anggaran", "dipa")
    ] == [
        "proposed",
        "proposed",
        "approved",
        "approved",
    ]
    assert (
        fdp.fase("revisi-1", "menjadi"),
        fdp.fase("revisi", "menjadi"),
        fdp.fase("revisi-1", "semula"),
    ) == (
        "adjusted",
        "adjusted",
        None,
    )
    assert (fdp.fase("adk", "menjadi"), fdp.fase("dipa2", "menjadi")) == (None, None)


def test_the_command_on_the_archives_then_over_its_earlier_export(tmp_path: Path) -> None:
    out = tmp_path / "fdp"
    code, stdout, _ = run("export-data", f"dipa={ADK}", "-o", str(out), "--lang", "en")
    assert code == 0, stdout
    assert "2026 dipa menjadi: 80 satker, 2854 rows (9983 lines), total Rp 602,854,818,000" in stdout
    assert "Fiscal Data Package 0.3.0: valid (frictionless" in stdout
    assert stdout.splitlines()[-1] == f"13 files written to {out}"
    desc = _desc(out)
    # one stage with a phase (the semula has none): no phase on the measure
    assert "phase" not in desc["model"]["measures"]["jumlah"]
    assert {r["fase"] for r in _rows(out / fdp.PATH) if r["versi"] == "menjadi"} == {"approved"}
    # an earlier export is replaced, in JSON this time
    (out / "data" / "lama.csv").write_text("x\n", encoding="utf-8")
    code, stdout, _ = run("export-data", str(ADK_527010), "-o", str(out), "--format", "json")
    assert code == 0
    got = json.loads(stdout)
    assert got["validasi"]["valid"] and [t["jumlah"] for t in got["total"]] == [
        468_227_337_000,
        558_223_915_000,
    ]
    assert not (out / "data" / "lama.csv").exists() and _siblings(out) == []


def test_the_stores_versions_with_db(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    code, _, _ = run("db", "import", str(ADK_527010), "--stage", "dipa", "--db", url)
    assert code == 1  # its two errors found, stored all the same
    code, stdout, _ = run("export-data", "-o", str(tmp_path / "fdp"), "--db", url, "--format", "json")
    assert code == 0, stdout
    got = json.loads(stdout)
    assert [(t["tahap"], t["versi"], t["fase"], t["jumlah"]) for t in got["total"]] == [
        ("dipa", "menjadi", "approved", 468_227_337_000)
    ]
    assert _desc(tmp_path / "fdp")["model"]["measures"]["jumlah"]["phase"] == "approved"


def test_an_unreadable_input_exits_2_writing_nothing(tmp_path: Path) -> None:
    out = tmp_path / "fdp"
    code, _, err = run("export-data", str(tmp_path / "tidak-ada.zip"), "-o", str(out))
    assert code == 2 and "tidak ada berkas atau folder dengan nama ini" in err
    rusak = tmp_path / "rusak.zip"
    rusak.write_bytes(b"PK\x03\x04 bukan arsip")
    code, _, err = run("export-data", str(rusak), "-o", str(out))
    assert code == 2 and "tidak dapat dibaca: " in err and "arsip tidak dapat dibuka" in err
    assert not out.exists() and _siblings(out) == []


def test_a_folder_that_is_not_an_export_is_never_written_over(tmp_path: Path, nyata: svc.Konsolidasi) -> None:
    lain = tmp_path / "lain"
    lain.mkdir()
    (lain / "catatan.txt").write_text("milik orang lain\n", encoding="utf-8")
    code, _, err = run("export-data", str(nyata.folder), "-o", str(lain))
    assert code == 2 and "bukan paket export-data sebelumnya" in err
    # another tool's datapackage.json is not ours either
    (lain / "datapackage.json").write_text('{"name": "lain", "resources": []}\n', encoding="utf-8")
    assert run("export-data", str(nyata.folder), "-o", str(lain))[0] == 2
    # nor is an input, or a folder inside it
    assert run("export-data", str(nyata.folder), "-o", str(nyata.folder))[0] == 2
    with pytest.raises(WriteError):
        opendata.periksa_keluar(nyata.folder / "fdp", [svc.Masukan("adk", nyata.folder)])
    assert sorted(p.name for p in lain.iterdir()) == ["catatan.txt", "datapackage.json"]
    assert _siblings(lain) == []


def test_an_invalid_package_exits_1_and_leaves_the_earlier_export_whole(
    tmp_path: Path, nyata: svc.Konsolidasi, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "fdp"
    assert run("export-data", str(nyata.folder), "-o", str(out))[0] == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    # a model naming a column the CSV lacks: our bug, caught before anything is put in place
    model = fdp.model

    def rusak(phase: str | None = None) -> dict[str, Any]:
        m = model(phase)
        m["dimensions"]["akun"]["attributes"]["code"]["source"] = "akun_lain"
        return m

    monkeypatch.setattr(fdp, "model", rusak)
    code, _, err = run("export-data", str(nyata.folder), "-o", str(out), "--lang", "en")
    assert code == 1
    assert (
        "nothing written: the Fiscal Data Package is not valid: model/dimensions/akun/code: no field "
        "'akun_lain' in resource 'anggaran' (1 problems in all)"
    ) in err
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert _siblings(out) == []
    # a CSV frictionless refuses (a code that is not in its lookup) is refused the same way
    monkeypatch.setattr(fdp, "model", model)
    monkeypatch.setattr(
        fdp, "kode_sql", lambda lk: "SELECT 'x' WHERE false" if lk.nama == "akun" else _kode(lk)
    )
    with pytest.raises(OutputError) as exc:
        with svc.data([svc.Masukan("adk", nyata.folder)]) as mesin:
            opendata.tulis_paket(mesin, tmp_path / "baru")
    assert 'violates the foreign key: for "akun"' in str(exc.value)
    assert not (tmp_path / "baru").exists() and _siblings(tmp_path / "baru") == []


def test_a_licence_id_is_checked(tmp_path: Path, nyata: svc.Konsolidasi) -> None:
    code, _, err = run(
        "export-data", str(nyata.folder), "-o", str(tmp_path / "fdp"), "--license", "CC BY 4.0"
    )
    assert code == 2 and "CC BY 4.0" in err and not (tmp_path / "fdp").exists()
    with pytest.raises(InputError):
        opendata.export_data([svc.Masukan("adk", nyata.folder)], tmp_path / "fdp", lisensi="")
    assert fdp.lisensi("odc-by-1.0")["name"] == "ODC-BY-1.0" and fdp.lisensi("OGL-UK-3.0") == {
        "name": "OGL-UK-3.0"
    }
