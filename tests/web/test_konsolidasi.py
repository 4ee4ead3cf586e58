"""The consolidation for reviewers: ``/api/v1/agregat/`` (OpenSpending's aggregate shape),
``/api/v1/agregat/banding/`` and the page ``/konsolidasi/``, on the two sources the web
reads: the national set ``ANGGARAN_KONSOLIDASI`` names (here the three real ADK archives,
consolidated by ``anggaran consolidate``'s service, plus one satker of another unit) and
the store's latest versions (the demonstration).

A satker outside the reader's scope is in no cell, summary, count, comparison or list of
findings; a cut that names it answers nothing, not its numbers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.conftest import ADK_1D01, ADK_2D01, ADK_527010
from tests.web.conftest import Demo, login

#: the three real archives, menjadi (``anggaran consolidate examples/adk``)
TOTAL = 602_854_818_000
PER_JENIS_BELANJA = {"51": 42_047_001_000, "52": 533_221_891_000, "53": 27_585_926_000}
#: the same before the revision (their m_* tables)
TOTAL_SEMULA = 79_613_275_000 + 63_217_086_000 + 558_223_915_000
#: satker 527010 alone (its own archive)
TOTAL_527010 = 468_227_337_000
#: a satker of another unit, added to the national set: a copy of 527010's lines
LAIN = "999999"


@pytest.fixture(scope="module")
def nasional(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real archives consolidated, with satker 999999 of unit 015.07 (another unit)
    and findings of 527010 and 999999."""
    import duckdb
    import pyarrow as pa
    import pyarrow.parquet as pq

    from anggaran.services import konsolidasi as svc

    folder = tmp_path_factory.mktemp("nasional") / "k"
    svc.konsolidasi([svc.Masukan("adk", p) for p in (ADK_1D01, ADK_2D01, ADK_527010)], folder)
    part = folder / "item" / "tahun=2026" / "tahap=adk"
    (src,) = part.glob("527010d01_*-menjadi-*.parquet")
    duckdb.sql(
        f"COPY (SELECT * REPLACE ('{LAIN}' AS satker, '015.07' AS unit, 'lain' AS arsip) "
        f"FROM read_parquet('{src}', hive_partitioning = false)) TO '{part / 'lain-menjadi.parquet'}' "
        "(FORMAT parquet)"
    )
    from anggaran.konsolidasi import mesin as ms

    ms.tulis_saji(folder)  # the cube again, with the satker added
    rows = [
        (LAIN, "RENCANA_BULANAN_SUM", "error", "a", "f", "1", "x"),
        (LAIN, "RENCANA_BULANAN_SUM", "error", "b", "f", "2", "x"),
        ("527010", "AKUN_TANPA_RINCIAN", "warning", "c", "f", "3", "x"),
    ]
    cols = ["satker", "rule", "severity", "path", "file", "line", "message"]
    pq.write_table(pa.table({c: [r[i] for r in rows] for i, c in enumerate(cols)}), folder / "temuan.parquet")
    return folder


@pytest.fixture(autouse=True)
def _data_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The store's consolidation in a folder of the run (kept across its tests), never the
    user's data folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.getbasetemp() / "data-konsolidasi"))
    monkeypatch.delenv("ANGGARAN_KONSOLIDASI", raising=False)


@pytest.fixture
def national(nasional: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("ANGGARAN_KONSOLIDASI", str(nasional))
    yield nasional


def user(username: str, *scopes: str, peran: str = "reviewer") -> Client:
    """A client of a new user holding ``peran`` on ``scopes`` (none: no role at all)."""
    from anggaran.services import akses
    from anggaran.store import Store

    store = Store.default()
    akses.tambah_pengguna(store, "admin", username, "anggaran-demo")
    for s in scopes:
        akses.beri(store, "admin", username, peran, s)
    return login(username)


def agregat(client: Client, status: int = 200, path: str = "/api/v1/agregat/", **params: Any) -> Any:
    response = client.get(path, params)
    assert response.status_code == status, (params, response.status_code, response.content[:300])
    return json.loads(response.content)


def cells(answer: dict[str, Any], dim: str) -> dict[str, int]:
    return {c[dim]: c["jumlah.sum"] for c in answer["cells"]}


# -- the API on the national set ----------------------------------------------------------------


def test_a_reviewer_of_unit_015_08_sees_the_real_archives_totals(web: Demo, national: Path) -> None:
    got = agregat(login("reviewer"), cut="unit:015.08", drilldown="jenis_belanja", order="jumlah.sum:desc")
    assert got["summary"] == {"jumlah.sum": TOTAL, "_count": got["summary"]["_count"], "satker.count": 80}
    assert cells(got, "jenis_belanja") == PER_JENIS_BELANJA
    assert [c["jenis_belanja"] for c in got["cells"]] == ["52", "51", "53"]  # largest first
    assert got["cells"][0]["jenis_belanja.nama"] == "Belanja Barang"
    assert got["attributes"] == ["jenis_belanja"] and got["total_cell_count"] == 3
    assert got["cell"] == [{"ref": "unit", "operator": ":", "value": "015.08"}]
    # two dimensions, a page of them, as OpenSpending pages
    got = agregat(login("reviewer"), drilldown="provinsi|jenis_belanja", page=2, pagesize=5)
    assert got["page"] == 2 and got["page_size"] == 5 and len(got["cells"]) == 5
    assert got["total_cell_count"] > 10 and got["summary"]["jumlah.sum"] == TOTAL


def test_a_reviewer_of_one_unit_gets_nothing_of_another(web: Demo, national: Path) -> None:
    # the administrator sees the satker of unit 015.07 …
    admin = agregat(login("admin"), drilldown="satker")
    assert cells(admin, "satker")[LAIN] == TOTAL_527010
    assert admin["summary"]["jumlah.sum"] == TOTAL + TOTAL_527010 and admin["summary"]["satker.count"] == 81
    # … the reviewer of unit 015.08 nothing of it: not in cells, summary nor counts
    reviewer = login("reviewer")
    got = agregat(reviewer, drilldown="satker", pagesize=1000)
    assert LAIN not in cells(got, "satker")
    assert got["summary"]["jumlah.sum"] == TOTAL and got["summary"]["satker.count"] == 80
    assert got["total_cell_count"] == 80
    got = agregat(reviewer, drilldown="unit")
    assert cells(got, "unit") == {"015.08": TOTAL} and got["total_cell_count"] == 1
    # a cut on it answers an empty result, not its numbers
    for cut in (f"satker:{LAIN}", "unit:015.07", f"satker:{LAIN};527010|unit:015.07"):
        got = agregat(reviewer, cut=cut, drilldown="program")
        assert got["cells"] == [] and got["total_cell_count"] == 0, cut
        assert got["summary"] == {"jumlah.sum": 0, "_count": 0, "satker.count": 0}, cut
        got = agregat(reviewer, cut=cut)  # no drilldown: the one cell is the summary
        assert got["cells"] == [{"jumlah.sum": 0, "_count": 0, "satker.count": 0}], cut
    # nor in a comparison
    got = agregat(
        reviewer,
        path="/api/v1/agregat/banding/",
        semula="adk:semula",
        menjadi="adk:menjadi",
        drilldown="satker",
    )
    assert LAIN not in {c["satker"] for c in got["cells"]} and got["summary"]["menjadi"] == TOTAL
    # nor on the page: its total, its row, its findings
    page = reviewer.get("/konsolidasi/", {"rinci": "satker"}).content.decode()
    assert "527010" in page and LAIN not in page
    page = reviewer.get("/konsolidasi/", {"cut": f"satker:{LAIN}", "rinci": "satker"}).content.decode()
    hasil = page.split('<div id="hasil">')[1].split('id="judul-banding"')[0]
    assert "Rp 468.227.337.000" not in hasil and f">{LAIN}<" not in hasil
    admin_page = login("admin").get("/konsolidasi/", {"rinci": "satker"}).content.decode()
    assert f'data-satker="{LAIN}"' in admin_page  # its findings, for whom it is in scope


def test_a_reviewer_of_one_satker_gets_nothing_of_the_others(web: Demo, national: Path) -> None:
    client = user("r527010", "satker:527010")
    got = agregat(client, drilldown="satker")
    assert cells(got, "satker") == {"527010": TOTAL_527010}
    assert got["summary"]["satker.count"] == 1 and got["total_cell_count"] == 1
    got = agregat(client, cut="satker:015114", drilldown="program")
    assert got["cells"] == [] and got["summary"]["jumlah.sum"] == 0


def test_two_stages_compared(web: Demo, national: Path) -> None:
    got = agregat(
        login("reviewer"),
        path="/api/v1/agregat/banding/",
        semula="adk:semula",
        menjadi="adk:menjadi",
        drilldown="program",
    )
    assert got["summary"] == {"semula": TOTAL_SEMULA, "menjadi": TOTAL, "selisih": TOTAL - TOTAL_SEMULA}
    assert {c["program"] for c in got["cells"]} == {"015.08.CD", "015.08.WA"}
    assert sum(c["menjadi"] for c in got["cells"]) == TOTAL
    assert got["semula"] == {"tahap": "adk", "versi": "semula"}
    biggest = [abs(c["selisih"]) for c in got["cells"]]
    assert biggest == sorted(biggest, reverse=True)


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"cut": "bukan:1"}, "bukan"),
        ({"cut": "unit"}, "unit"),
        ({"drilldown": "provinsi|kabupaten"}, "kabupaten"),
        ({"order": "jumlah:naik"}, "jumlah:naik"),
        ({"pagesize": 0}, "0"),
    ],
)
def test_a_bad_cut_or_dimension_is_400_with_the_reason(
    web: Demo, national: Path, params: dict[str, Any], words: str
) -> None:
    got = agregat(login("reviewer"), 400, **params)
    assert words in got["detail"]
    got = agregat(
        login("reviewer"), 400, path="/api/v1/agregat/banding/", semula="adk:lama", menjadi="adk", **params
    )
    assert got["detail"]


def test_anonymous_users_and_users_without_scope_are_refused(web: Demo, national: Path) -> None:
    assert Client().get("/api/v1/agregat/").status_code == 401
    assert Client().get("/api/v1/agregat/banding/?semula=adk:semula&menjadi=adk").status_code == 401
    assert Client().get("/konsolidasi/")["Location"].startswith("/masuk/")
    nobody = user("tanpa-peran")
    assert nobody.get("/api/v1/agregat/").status_code == 403
    assert nobody.get("/konsolidasi/").status_code == 403
    assert "/konsolidasi/" not in nobody.get("/").content.decode()  # not in the navigation


def test_a_token_reads_the_api(web: Demo, national: Path) -> None:
    from anggaran.services import akses
    from anggaran.store import Store

    key = akses.token(Store.default(), "admin", "lain")
    got = json.loads(
        Client().get("/api/v1/agregat/?drilldown=satker", HTTP_AUTHORIZATION=f"Token {key}").content
    )
    assert [c["satker"] for c in got["cells"]] == ["015114"]


def test_the_api_is_in_the_openapi_description(web: Demo) -> None:
    doc = json.loads(login("reviewer").get("/api/v1/openapi.json").content)
    for path in ("/api/v1/agregat/", "/api/v1/agregat/banding/"):
        assert path in doc["paths"], path
    names = {p["name"] for p in doc["paths"]["/api/v1/agregat/"]["get"]["parameters"]}
    assert names == {"cut", "drilldown", "order", "page", "pagesize"}


# -- the page ---------------------------------------------------------------------------------


def test_the_page_for_a_reviewer(web: Demo, national: Path) -> None:
    client = login("reviewer")
    home = client.get("/").content.decode()
    assert 'href="/konsolidasi/"' in home  # in the navigation
    response = client.get("/konsolidasi/", {"rinci": "jenis_belanja"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="form-konsolidasi"' in page and 'data-rinci="jenis_belanja"' in page
    assert "Rp 533.221.891.000" in page and "Rp 602.854.818.000" in page  # 52 and the total
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="grafik"' in page  # the charts
    assert 'id="tabel-banding"' in page  # adk semula → adk menjadi, chosen by itself
    assert 'id="temuan-satker"' in page and 'data-satker="527010"' in page
    # htmx asks for the results alone
    part = client.get("/konsolidasi/", {"rinci": "program"}, HTTP_HX_REQUEST="true")
    text = part.content.decode()
    assert text.lstrip().startswith('<div id="hasil">') and "<html" not in text
    assert 'data-rinci="program"' in text and "015.08.WA" in text
    assert "HX-Request" in part["Vary"]
    # a page of totals at a time, the next one swapped in by htmx
    page = client.get("/konsolidasi/", {"rinci": "satker", "urut": "kode"}).content.decode()
    assert 'id="halaman"' in page and "page=2" in page
    nxt = client.get(
        "/konsolidasi/", {"rinci": "satker", "urut": "kode", "page": "2"}, HTTP_HX_REQUEST="true"
    )
    assert nxt.status_code == 200 and "page=1" in nxt.content.decode()
    # a cut that cannot be read: the reason, the form kept
    bad = client.get("/konsolidasi/", {"cut": "bukan:1"})
    assert bad.status_code == 400 and "bukan" in bad.content.decode()
    assert 'id="form-konsolidasi"' in bad.content.decode()


def test_the_page_in_english(web: Demo, national: Path) -> None:
    client = login("reviewer")
    client.post("/bahasa/", {"language": "en", "next": "/"})
    page = client.get("/konsolidasi/").content.decode()
    assert "Consolidation" in page and "Rp 602,854,818,000" in page


# -- the store's versions (no ANGGARAN_KONSOLIDASI) --------------------------------------------


def test_the_store_source_within_scope(web: Demo) -> None:
    reviewer = login("reviewer")
    got = agregat(reviewer, drilldown="tahap")
    stages = cells(got, "tahap")
    assert stages["revisi-1"] == 543_026_041_000  # 1d01's 39 satkers and 527010, revisi 1
    assert "pagu-anggaran" not in stages  # 109141 (K/L 013) is not the reviewer's
    lain = agregat(login("lain"), drilldown="satker")
    assert lain["attributes"] == ["tahap", "satker"]  # two stages: never added together
    assert {c["satker"] for c in lain["cells"]} == {"015114"} and lain["summary"]["satker.count"] == 1
    got = agregat(login("lain"), cut="satker:527010")
    assert got["summary"] == {"jumlah.sum": 0, "_count": 0, "satker.count": 0}
    got = agregat(reviewer, cut="satker:109141")
    assert got["summary"] == {"jumlah.sum": 0, "_count": 0, "satker.count": 0}
    # the page: a total per stage (never added together), the stored findings of the
    # satkers in scope, most errors first
    page = reviewer.get("/konsolidasi/").content.decode()
    assert 'data-tahap="revisi-1"' in page and "Rp 543.026.041.000" in page
    assert 'id="total"' not in page
    table = page.split('id="temuan-satker"')[1]
    assert table.index('data-satker="497607"') < table.index('data-satker="527010"')
    assert 'data-satker="109141"' not in table
    assert 'data-satker="497607"' not in login("lain").get("/konsolidasi/").content.decode()


def test_the_store_source_is_made_once_per_state(web: Demo) -> None:
    from anggaran.services import konsolidasi as svc
    from anggaran.store import Store

    store = Store.default()
    first = svc.sumber_web(store)
    made = (first / svc.PENANDA).stat().st_mtime_ns
    assert svc.sumber_web(store) == first and (first / svc.PENANDA).stat().st_mtime_ns == made
    meta = json.loads((first / svc.PENANDA).read_text(encoding="utf-8"))
    assert meta["sumber"] == "store" and meta["satker"] >= 80
