"""The JSON API on the demonstration: the shapes its users script against, and that they are
the shapes of the command line (``anggaran check --format json``, ``anggaran db import
--format json``): one service layer under both."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest
from django.test import Client

from anggaran.formats import json as canonical
from anggaran.store import Store, tim
from tests.conftest import ADK_527010, EXAMPLE, ROOT
from tests.formats.test_hostile import _bomb
from tests.web.conftest import Demo, login
from tests.web.test_halaman import EXAMPLE_JSON


def run(*args: str, data_home: Path | None = None) -> tuple[int, str]:
    """``anggaran ARGS`` in a process of its own (its database is not the test's), with its
    own data folder when ``data_home`` is given."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    if data_home is not None:
        env["XDG_DATA_HOME"] = str(data_home)
    proc = subprocess.run(
        [sys.executable, "-m", "anggaran", *args], capture_output=True, text=True, env=env, timeout=300
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stdout


def get(client: Client, path: str) -> object:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def test_the_satkers_of_an_operator(web: Demo) -> None:
    rows = get(login("operator"), "/api/v1/satker/")
    assert rows == [
        {
            "kode": "109141",
            "nama": "BALAI PEMASYARAKATAN BALIKPAPAN",
            "unit": "013.05",
            "provinsi": rows[0]["provinsi"],  # type: ignore[index]
            "versi_terakhir": {
                "nomor": web.latest("109141"),
                "tahap": "pagu-anggaran",
                "tahun_anggaran": 2023,
                "jumlah": 3_212_301_000,
                "galat": 0,
                "peringatan": 7,
            },
        },
        {
            "kode": "527010",
            "nama": rows[1]["nama"],  # type: ignore[index]
            "unit": "015.08",
            "provinsi": rows[1]["provinsi"],  # type: ignore[index]
            "versi_terakhir": {
                "nomor": web.latest("527010"),
                "tahap": "revisi-1",
                "tahun_anggaran": 2026,
                "jumlah": 468_227_337_000,
                "galat": 2,
                "peringatan": 3,
            },
        },
    ]
    assert rows[0]["provinsi"] == "16"  # type: ignore[index]  # Kalimantan Timur, from the reference


def test_the_versions_of_a_satker(web: Demo) -> None:
    rows = get(login("reviewer"), "/api/v1/satker/527010/versi/")
    assert [(r["id"], r["tahap"], r["jumlah"], r["galat"]) for r in rows] == [  # type: ignore[index]
        (web.versi["527010"][0], "dipa", 558_223_915_000, rows[0]["galat"]),  # type: ignore[index]
        (web.versi["527010"][1], "revisi-1", 468_227_337_000, 2),
    ]


def test_findings_are_those_of_check(web: Demo) -> None:
    """A stored version's findings, through the API, are what ``anggaran check --format json``
    says of the same input: the same rules, places, messages and data."""
    code, out = run("check", "--format", "json", "--satker", "527010", str(ADK_527010))
    assert code == 1
    checked = json.loads(out)
    checked = checked[0] if isinstance(checked, list) else checked
    api = get(login("operator"), f"/api/v1/versi/{web.latest('527010')}/temuan/")
    assert isinstance(api, dict)
    assert api["summary"] == checked["summary"] == {"error": 2, "warning": 3, "info": 25}
    assert api["jumlah"] == checked["jumlah"] == 468_227_337_000
    strip = ("source",)  # the file a finding was read from is the stored name in the API
    assert [{k: v for k, v in f.items() if k not in strip} for f in api["findings"]] == [
        {k: v for k, v in f.items() if k not in strip} for f in checked["findings"]
    ]
    assert set(api) - set(checked) == {"versi"}


def test_findings_carry_both_languages(web: Demo) -> None:
    """As ``check --format json``: ``pesan`` in Indonesian, ``message`` in English."""
    rows = get(login("operator"), f"/api/v1/versi/{web.latest('527010')}/temuan/")["findings"]  # type: ignore[index]
    bulanan = next(f for f in rows if f["rule"] == "RENCANA_BULANAN_SUM")
    assert "rencana bulanan Januari–Desember Rp 32.557.848.000" in bulanan["pesan"]
    assert "monthly plan January–December Rp 32,557,848,000" in bulanan["message"]


def test_a_version_is_canonical_json(web: Demo) -> None:
    schema = json.loads(
        (ROOT / "src" / "anggaran" / "formats" / "json" / "rka-satker.schema.json").read_text()
    )
    data = get(login("operator"), f"/api/v1/versi/{web.latest('109141')}/")
    jsonschema.validate(data, schema)
    assert canonical.from_dict(data) == canonical.read_json(EXAMPLE_JSON()).tree  # type: ignore[arg-type]


def test_a_document_download(web: Demo) -> None:
    response = login("kpa").get(f"/api/v1/versi/{web.latest('527010')}/dokumen/bagian-b.xlsx")
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert response["Content-Disposition"] == 'attachment; filename="rka-satker-2026-527010-bagian-b.xlsx"'
    assert login("kpa").get(f"/api/v1/versi/{web.latest('527010')}/dokumen/bagian-z.pdf").status_code == 404


def _changed_example(tmp_path: Path) -> Path:
    """The bundled Bagian A as the next stage, one RO's money moved: a new version."""
    d = json.loads(EXAMPLE_JSON())
    d["dokumen"]["tahap"] = "pagu-indikatif"
    path = tmp_path / "rka-109141-indikatif.json"
    path.write_bytes(canonical.dumps(canonical.from_dict(d)))
    return path


def test_import_answers_as_db_import(web: Demo, tmp_path: Path) -> None:
    path = _changed_example(tmp_path)
    client = login("operator")
    with path.open("rb") as fh:
        response = client.post("/api/v1/impor/", {"berkas": fh, "catatan": "lewat API"})
    assert response.status_code == 200, response.content
    api = json.loads(response.content)
    code, out = run("db", "import", str(path), "--note", "lewat API", "--format", "json", data_home=tmp_path)
    assert code == 0
    cli_result = json.loads(out)
    assert set(api) == set(cli_result)
    assert api["baru"] is cli_result["baru"] is True
    keep = ("satker", "tahap", "jumlah", "catatan", "berkas_sha256", "tahun_anggaran")
    assert [{k: v[k] for k in keep} for v in api["versi"]] == [
        {k: v[k] for k in keep} for v in cli_result["versi"]
    ]
    assert api["versi"][0]["jumlah"] == 3_212_301_000 and api["versi"][0]["tahap"] == "pagu-indikatif"
    assert api["versi"][0]["disimpan_oleh"] == "operator"
    found = get(client, f"/api/v1/versi/{api['versi'][0]['id']}/temuan/")
    sources = {f["source"]["file"] for f in found["findings"] if f["source"]}  # type: ignore[index]
    assert found["summary"]["warning"] == 6 and sources <= {"rka-109141-indikatif.json"}  # type: ignore[index]
    log, _ = tim.daftar_audit(Store.default(), aksi="impor", limit=5)
    assert log[0].oleh == "operator" and log[0].objek == "rka-109141-indikatif.json"


def test_the_same_file_twice_is_recognised(web: Demo, tmp_path: Path) -> None:
    client = login("operator")
    with EXAMPLE.open("rb") as fh:
        response = client.post("/api/v1/impor/", {"berkas": fh})
    result = json.loads(response.content)
    assert response.status_code == 200 and result["baru"] is False
    assert result["versi"][0]["id"] == web.latest("109141")


def _outside(tmp_path: Path) -> Path:
    target = tmp_path / "keluar.zip"
    with zipfile.ZipFile(target, "w") as z:
        z.writestr(zipfile.ZipInfo("../d_item01508005270101.csv"), b"x")
    return target


def _empty(tmp_path: Path) -> Path:
    (tmp_path / "kosong.txt").write_bytes(b"")
    return tmp_path / "kosong.txt"


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (
            lambda p: _bomb(p / "bom.zip", "d_item01508005270101.csv", 200 << 20, b"0" * 4096),
            "bom.zip!d_item01508005270101.csv: satu berkas di dalam arsip terurai lebih dari 128 MiB",
        ),
        (_outside, "keluar.zip"),
        (_empty, "kosong.txt: berkas kosong"),
    ],
    ids=["bomb", "outside", "empty"],
)
def test_hostile_uploads_are_422_and_nothing_is_stored(
    web: Demo, tmp_path: Path, make, expected: str
) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    store = Store.default()
    before = len(store.versions())
    with path.open("rb") as fh:
        response = login("operator").post("/api/v1/impor/", {"berkas": fh})
    assert response.status_code == 422, response.content
    detail = json.loads(response.content)
    assert expected in detail["detail"], detail
    assert "/tmp" not in detail["detail"]  # the name its user gave, not where it was kept
    assert len(store.versions()) == before


def _relabelled(tmp_path: Path) -> Path:
    """The bundled Bagian A of 109141 (K/L 013, unit 05) with a header of unit 015.08."""
    d = json.loads(EXAMPLE_JSON())
    d["dokumen"]["tahap"] = "pagu-indikatif"
    d["kementerian"]["kode"], d["unit_organisasi"]["kode"] = "015", "08"
    path = tmp_path / "109141-pindah.json"
    path.write_bytes(canonical.dumps(canonical.from_dict(d)))
    return path


def test_a_header_cannot_move_a_satker_into_another_scope(web: Demo, tmp_path: Path) -> None:
    """The trial's attack: an operator of 109141 imports its plan with the header of unit
    015.08, so that 015.08's reviewer would see 109141 (and an operator of unit 015.08
    could import into it)."""
    from anggaran.services import akses

    path = _relabelled(tmp_path)
    store = Store.default()
    before = len(store.versions())
    with path.open("rb") as fh:
        refused = login("operator").post("/api/v1/impor/", {"berkas": fh})
    assert refused.status_code == 422
    detail = json.loads(refused.content)["detail"]
    assert "menempatkan satker 109141 di K/L 015, unit 08" in detail and "hanya administrator" in detail
    # an operator of unit 015.08: the satker as stored is not theirs
    akses.tambah_pengguna(store, "admin", "unitop", "sandi-yang-panjang")
    akses.beri(store, "admin", "unitop", "operator", "unit:015.08")
    client = Client()
    client.post("/masuk/", {"username": "unitop", "password": "sandi-yang-panjang"})
    with path.open("rb") as fh:
        assert client.post("/api/v1/impor/", {"berkas": fh}).status_code == 404
    assert len(store.versions()) == before
    assert login("reviewer").get("/satker/109141/").status_code == 404
    # an administrator may move it
    with path.open("rb") as fh:
        assert login("admin").post("/api/v1/impor/", {"berkas": fh}).status_code == 200
    assert login("reviewer").get("/satker/109141/").status_code == 200


@pytest.mark.parametrize("kode", ["a/b", "109141 ", "<b>1</b>", "12345"])
def test_a_satker_code_of_other_than_6_digits_is_refused(web: Demo, tmp_path: Path, kode: str) -> None:
    d = json.loads(EXAMPLE_JSON())
    d["satker"]["kode"] = kode
    d["dokumen"]["tahap"] = "pagu-indikatif"
    path = tmp_path / "aneh.json"
    path.write_text(json.dumps(d), encoding="utf-8")
    with path.open("rb") as fh:
        response = login("admin").post("/api/v1/impor/", {"berkas": fh})
    assert response.status_code == 422
    assert "kode satker 6 digit" in json.loads(response.content)["detail"]


def test_an_upload_past_the_limit_is_refused_clearly(web: Demo, monkeypatch: pytest.MonkeyPatch) -> None:
    from anggaran.services import unggah

    monkeypatch.setattr(unggah, "MAX_UNGGAH", 4096)  # the example is 17 KB
    before = len(Store.default().versions())
    with EXAMPLE.open("rb") as fh:
        response = login("operator").post("/api/v1/impor/", {"berkas": fh})
    assert response.status_code == 422
    assert json.loads(response.content)["detail"] == "unggahan lebih besar dari 0 MB: tidak ada yang disimpan"
    client = login("operator")
    with EXAMPLE.open("rb") as fh:
        page = client.post("/impor/", {"berkas": fh}, follow=True)
    assert "Berkas lebih besar dari 0 MB: tidak ada yang disimpan." in page.content.decode()
    assert len(Store.default().versions()) == before


def test_anonymous_api_calls_are_401(web: Demo) -> None:
    with EXAMPLE.open("rb") as fh:
        assert Client().post("/api/v1/impor/", {"berkas": fh}).status_code == 401
    assert Client().get("/api/v1/satker/").status_code == 401


@pytest.mark.parametrize(
    "path",
    [
        "/versi/99999999999999999999999/",
        "/banding/1/99999999999999999999999/",
        "/banding/?semula=1&menjadi=99999999999999999999999",
        "/api/v1/versi/99999999999999999999999/",
        "/api/v1/versi/9223372036854775808/temuan/",
    ],
)
def test_numbers_past_a_key_are_404(web: Demo, path: str) -> None:
    response = login("admin").get(path)
    assert response.status_code == 404
    assert b"sqlite" not in response.content and b"postgresql" not in response.content


def test_a_far_page_of_the_audit_log_is_empty(web: Demo) -> None:
    page = login("admin").get("/audit/", {"hal": "100000000000000000"})
    assert page.status_code == 200
