"""The cast at every URL pattern. The table below says how to reach each pattern for a
satker; it is checked against the URL configuration, so a new view without a case fails.
``lain`` (operator of 015114 only) gets 404 for 109141 and 527010 everywhere (pages,
downloads, API, search results, counts); ``reviewer`` (unit 015.08) reads 527010 but not
109141 and cannot import; anonymous users are sent to the login page (the API answers
401)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import ADK_527010, EXAMPLE
from tests.web.conftest import Demo, login

SATKER = ("109141", "527010")


@dataclass(frozen=True)
class Case:
    """How to reach a URL pattern: method, the path for a satker (``None`` for a pattern
    that is not about one satker), what to post, and what success looks like."""

    method: str
    path: Callable[[Demo, str], str] | None
    data: dict[str, Any] = field(default_factory=dict)
    ok: tuple[int, ...] = (200,)


def _versi(n: str = "") -> Callable[[Demo, str], str]:
    return lambda d, k: f"/versi/{d.latest(k)}/{n}"


def _konsep(n: str = "") -> Callable[[Demo, str], str]:
    return lambda d, k: f"/konsep/{d.extra['konsep'][k]}/{n}"  # type: ignore[index]


CASES: dict[str, Case] = {
    "daftar": Case("GET", None),
    "satker": Case("GET", lambda d, k: f"/satker/{k}/"),
    "versi": Case("GET", _versi()),
    "anak": Case("GET", lambda d, k: f"/versi/{d.latest(k)}/simpul/program/{d.program[k]}/"),
    "dokumen": Case("GET", _versi("dokumen/bagian-a.json")),
    "komentar_tambah": Case("POST", _versi("komentar/"), {"path": "", "teks": "uji"}, (302,)),
    "komentar_selesai": Case(
        "POST", lambda d, k: f"/komentar/{d.komentar[k]}/selesai/", {"selesai": "1"}, (302,)
    ),
    "bandingkan": Case(
        "GET", lambda d, k: f"/banding/?semula={d.versi[k][0]}&menjadi={d.latest(k)}", ok=(302,)
    ),
    "banding": Case("GET", lambda d, k: f"/banding/{d.versi[k][0]}/{d.latest(k)}/"),
    "matriks": Case("GET", lambda d, k: f"/banding/{d.versi[k][0]}/{d.latest(k)}/matriks.json"),
    "konsep_daftar": Case("GET", None),
    "konsep": Case("GET", _konsep()),
    "konsep_rincian": Case("GET", _konsep("rincian/?path=x")),
    "konsep_aksi": Case("GET", _konsep("aksi/?path=x"), ok=(404,)),
    "konsep_baris": Case("POST", _konsep("baris/"), {"path": "x", "asal": "{}"}, (200, 403)),
    "konsep_tambah": Case("POST", _konsep("tambah/"), {"parent": "x"}, (302, 403)),
    "konsep_hapus": Case("POST", _konsep("hapus/"), {"path": "x"}, (302, 403)),
    "konsep_indikator": Case("POST", _konsep("indikator/"), {"path": "x", "indikator": "a"}, (302, 403)),
    "konsep_ubah": Case("POST", _konsep("ubah/"), {"path": "x", "nama": "y"}, (302, 403)),
    "konsep_pindah": Case("POST", _konsep("pindah/"), {"path": "x", "ke": "y"}, (302, 403)),
    "konsep_komentar": Case("POST", _konsep("komentar/"), {"path": "", "teks": "uji"}, (302,)),
    "konsep_salin": Case("POST", _konsep("salin/"), {"path": "x"}, (302,)),
    "konsep_tempel": Case("POST", _konsep("tempel/"), {"parent": "x"}, (302, 403)),
    "konsep_urung": Case("POST", _konsep("urung/"), {}, (302, 403)),
    "konsep_revisi": Case("GET", _konsep("revisi/")),
    "konsep_alur": Case("POST", _konsep("alur/kembalikan/"), {"catatan": "x"}, (302, 403)),
    "konsep_dokumen": Case("GET", _konsep("dokumen/bagian-a.json")),
    "pagu": Case("GET", lambda d, k: f"/satker/{k}/pagu/"),
    "konsolidasi": Case("GET", None),  # scope: tests/web/test_konsolidasi.py
    "api:konsep_baru": Case("POST", None),
    "api:konsep_daftar": Case("GET", None),
    "api:konsep_baca": Case("GET", lambda d, k: f"/api/v1/konsep/{d.extra['konsep'][k]}/"),  # type: ignore[index]
    "api:konsep_simpan": Case("PUT", lambda d, k: f"/api/v1/konsep/{d.extra['konsep'][k]}/", ok=(428,)),  # type: ignore[index]
    "api:konsep_revisi": Case("GET", lambda d, k: f"/api/v1/konsep/{d.extra['konsep'][k]}/revisi/"),  # type: ignore[index]
    "api:konsep_ajukan": Case(
        "POST", lambda d, k: f"/api/v1/konsep/{d.extra['konsep'][k]}/ajukan/", ok=(200, 403, 422)
    ),  # type: ignore[index]
    "api:konsep_setujui": Case(
        "POST", lambda d, k: f"/api/v1/konsep/{d.extra['konsep'][k]}/setujui/", ok=(403, 422)
    ),  # type: ignore[index]
    "api:konsep_sahkan": Case(
        "POST", lambda d, k: f"/api/v1/konsep/{d.extra['konsep'][k]}/sahkan/", ok=(403, 422)
    ),  # type: ignore[index]
    "api:konsep_kembalikan": Case(
        "POST", lambda d, k: f"/api/v1/konsep/{d.extra['konsep'][k]}/kembalikan/", ok=(403, 422)
    ),  # type: ignore[index]
    "impor": Case("GET", None),
    "impor_status": Case("GET", None),
    "pengguna": Case("GET", None),
    "referensi": Case("GET", None),
    "audit": Case("GET", None),
    "masuk": Case("GET", None),
    "keluar": Case("POST", None),
    "bahasa": Case("POST", None),
    "api:api-root": Case("GET", None),
    "api:openapi-json": Case("GET", None),
    "api:openapi-view": Case("GET", None),
    "api:daftar_satker": Case("GET", None),
    "api:versi_satker": Case("GET", lambda d, k: f"/api/v1/satker/{k}/versi/"),
    "api:versi": Case("GET", lambda d, k: f"/api/v1/versi/{d.latest(k)}/"),
    "api:temuan": Case("GET", lambda d, k: f"/api/v1/versi/{d.latest(k)}/temuan/"),
    "api:dokumen": Case("GET", lambda d, k: f"/api/v1/versi/{d.latest(k)}/dokumen/bagian-a.pdf"),
    "api:impor": Case("POST", None),
    "api:agregat": Case("GET", None),
    "api:agregat_banding": Case("GET", None),
}


def patterns() -> list[str]:
    def walk(items: list[Any], ns: str | None = None) -> list[str]:
        out = []
        for p in items:
            if isinstance(p, URLResolver):
                out += walk(p.url_patterns, p.namespace or ns)
            elif isinstance(p, URLPattern):
                out.append(f"{ns}:{p.name}" if ns else str(p.name))
        return out

    return walk(get_resolver().url_patterns)


def test_every_url_pattern_has_its_case() -> None:
    assert sorted(patterns()) == sorted(CASES), "a view without a case in tests/web/test_akses.py"


def _call(client: Client, case: Case, path: str) -> Any:
    if case.method == "POST":
        if path.startswith("/api/"):
            return client.post(path, case.data, content_type="application/json")
        return client.post(path, case.data)
    if case.method == "PUT":
        return client.put(path, "{}", content_type="application/json")
    return client.get(path)


SCOPED = [name for name, case in CASES.items() if case.path is not None]


@pytest.mark.parametrize("name", SCOPED)
@pytest.mark.parametrize("kode", SATKER)
def test_lain_gets_404_for_other_satkers(web: Demo, name: str, kode: str) -> None:
    case = CASES[name]
    assert case.path is not None
    client = login("lain")
    response = _call(client, case, case.path(web, kode))
    assert response.status_code == 404, (name, kode, response.status_code)


@pytest.mark.parametrize("name", SCOPED)
def test_reviewer_reads_unit_015_08_not_109141(web: Demo, name: str) -> None:
    case = CASES[name]
    assert case.path is not None
    client = login("reviewer")
    assert _call(client, case, case.path(web, "527010")).status_code in case.ok, name
    assert _call(client, case, case.path(web, "109141")).status_code == 404, name


@pytest.mark.parametrize("name", SCOPED)
@pytest.mark.parametrize("who", ["operator", "admin"])
def test_their_own_satkers_answer(web: Demo, name: str, who: str) -> None:
    case = CASES[name]
    assert case.path is not None
    client = login(who)
    for kode in SATKER:
        assert _call(client, case, case.path(web, kode)).status_code in case.ok, (name, who, kode)


@pytest.mark.parametrize("name", list(CASES))
def test_anonymous_users_are_sent_to_the_login_page(web: Demo, name: str) -> None:
    case = CASES[name]
    client = Client()
    if name in ("masuk", "bahasa"):  # the login page itself, and the language switch
        response = _call(client, case, "/masuk/" if name == "masuk" else "/bahasa/")
        assert response.status_code in (200, 302)
        return
    if case.path is not None:
        path = case.path(web, "527010")
    else:
        path = {
            "daftar": "/",
            "impor": "/impor/",
            "impor_status": f"/impor/{web.impor_operator}/",
            "pengguna": "/pengguna/",
            "referensi": "/referensi/",
            "audit": "/audit/",
            "keluar": "/keluar/",
            "api:api-root": "/api/v1/",
            "api:openapi-json": "/api/v1/openapi.json",
            "api:openapi-view": "/api/v1/docs",
            "api:daftar_satker": "/api/v1/satker/",
            "api:impor": "/api/v1/impor/",
            "konsep_daftar": "/konsep/",
            "api:konsep_baru": "/api/v1/konsep/",
            "api:konsep_daftar": "/api/v1/konsep/",
            "konsolidasi": "/konsolidasi/",
            "api:agregat": "/api/v1/agregat/",
            "api:agregat_banding": "/api/v1/agregat/banding/?semula=adk:semula&menjadi=adk:menjadi",
        }[name]
    response = _call(client, case, path)
    if name == "api:api-root":  # ninja's placeholder of the API's root: 404 for anyone
        assert response.status_code == 404
    elif path.startswith("/api/v1/") and name not in ("api:openapi-json", "api:openapi-view"):
        assert response.status_code == 401, (name, response.status_code)
    elif name == "keluar":
        assert response.status_code == 302
    else:
        assert response.status_code == 302 and response["Location"].startswith("/masuk/"), (
            name,
            response.status_code,
        )


def test_lain_lists_counts_and_searches_without_the_others(web: Demo) -> None:
    client = login("lain")
    page = client.get("/").content.decode()
    assert "015114" in page and "109141" not in page and "527010" not in page
    assert "1 satker" in page
    for term in ("109141", "527010", "BALIKPAPAN"):
        found = client.get("/", {"cari": term}).content.decode()
        assert "0 satker" in found and 'data-satker="' not in found, term
    rows = json.loads(client.get("/api/v1/satker/").content)
    assert [r["kode"] for r in rows] == ["015114"]
    # another's import job does not exist either
    assert client.get(f"/impor/{web.impor_operator}/").status_code == 404


def test_reviewer_lists_unit_015_08(web: Demo) -> None:
    client = login("reviewer")
    rows = json.loads(client.get("/api/v1/satker/").content)
    codes = [r["kode"] for r in rows]
    assert "527010" in codes and "109141" not in codes and len(codes) == 80
    assert all(r["unit"] == "015.08" for r in rows)


@pytest.mark.parametrize("who", ["reviewer", "kpa"])
def test_who_may_not_import_gets_403(web: Demo, who: str) -> None:
    client = login(who)
    assert client.get("/impor/").status_code == 403
    with EXAMPLE.open("rb") as fh:
        assert client.post("/api/v1/impor/", {"berkas": fh}).status_code == 403
    assert client.get(f"/impor/{web.impor_operator}/").status_code == 404


def test_an_archive_outside_scope_is_404_and_nothing_stored(web: Demo) -> None:
    from anggaran.store import Store

    store = Store.default()
    before = len(store.versions())
    client = login("lain")
    with ADK_527010.open("rb") as fh:
        response = client.post("/api/v1/impor/", {"berkas": fh})
    assert response.status_code == 404
    assert len(store.versions()) == before


@pytest.mark.parametrize("name", ["pengguna", "referensi", "audit"])
@pytest.mark.parametrize("who", ["operator", "kpa", "reviewer", "lain"])
def test_only_administrators_manage(web: Demo, name: str, who: str) -> None:
    assert login(who).get(f"/{name}/").status_code == 403
    assert login("admin").get(f"/{name}/").status_code == 200


def test_the_api_with_a_token(web: Demo) -> None:
    from anggaran.services import akses
    from anggaran.store import Store

    key = akses.token(Store.default(), "admin", "lain")
    client = Client()
    rows = json.loads(client.get("/api/v1/satker/", HTTP_AUTHORIZATION=f"Token {key}").content)
    assert [r["kode"] for r in rows] == ["015114"]
    assert (
        client.get(f"/api/v1/versi/{web.latest('527010')}/", HTTP_AUTHORIZATION=f"Token {key}").status_code
        == 404
    )
    assert client.get("/api/v1/satker/", HTTP_AUTHORIZATION="Token salah").status_code == 401


def test_an_import_job_of_a_satker_no_longer_in_scope_is_404(web: Demo) -> None:
    from anggaran.services import akses
    from anggaran.store import Store, tim

    store = Store.default()
    operator = tim.pengguna(store, username="operator")
    assert operator is not None
    from anggaran.services.versi import import_file

    # the operator's import of 527010's archive (imported before: recognised), as a job's result
    hasil = import_file(store, ADK_527010, oleh="operator", pada=web_now()).to_dict()
    assert [v["satker"] for v in hasil["versi"]] == ["527010", "527010"]
    job = tim.buat_impor(
        store, operator.id, "a.zip", "/tmp/none/a.zip", web_now(), status="selesai", hasil=hasil
    )
    client = login("operator")
    assert client.get(f"/impor/{job}/").status_code == 200
    akses.cabut(store, "admin", "operator", "operator", "satker:527010")
    assert client.get(f"/impor/{job}/").status_code == 404


def web_now():  # type: ignore[no-untyped-def]
    from tests.web.conftest import NOW

    return NOW


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_resolving_a_comment_never_leaves_the_site(web: Demo, target: str) -> None:
    client = login("reviewer")
    response = client.post(f"/komentar/{web.komentar['527010']}/selesai/", {"selesai": "1", "next": target})
    assert response.status_code == 302 and response["Location"] == "/satker/527010/"


def test_an_import_cut_off_by_a_restart_ends_as_failed(web: Demo) -> None:
    import datetime as dt

    from anggaran.store import Store, tim

    store = Store.default()
    operator = tim.pengguna(store, username="operator")
    assert operator is not None
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)
    job = tim.buat_impor(
        store, operator.id, "besar.zip", "/tmp/none/unggahan.zip", long_ago, status="berjalan"
    )
    page = login("operator").get(f"/impor/{job}/").content.decode()
    assert 'data-status="gagal"' in page and "Impor terputus" in page
    assert tim.impor(store, job).status == "gagal"  # type: ignore[union-attr]
