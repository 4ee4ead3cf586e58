"""What the pages show, on the demonstration's real inputs: the list, a satker, a
version's tree with its findings next to their rows, the comparison, the downloads,
comments, the language switch, hostile text, the audit log and login throttling."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from django.test import Client

from anggaran.store import Store, tim
from tests.conftest import EXAMPLE
from tests.web.conftest import Demo, login


def text(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_list_of_an_operator(web: Demo) -> None:
    page = text(login("operator").get("/"))
    rows = re.findall(r'<tr data-satker="(\d{6})">', page)
    assert rows == ["109141", "527010"]
    assert "Rp 3.212.301.000" in page and "Rp 468.227.337.000" in page
    # totals per fiscal year, never added across years
    assert (
        "2 satker · versi terakhir TA 2023: Rp 3.212.301.000 · versi terakhir TA 2026: Rp 468.227.337.000"
        in page
    )


def test_the_list_filters_by_unit_province_status_and_search(web: Demo) -> None:
    admin = login("admin")
    assert re.findall(r'data-satker="(\d+)"', text(admin.get("/", {"unit": "013.05"}))) == ["109141"]
    assert re.findall(r'data-satker="(\d+)"', text(admin.get("/", {"status": "galat"}))) == ["527010"]
    assert re.findall(r'data-satker="(\d+)"', text(admin.get("/", {"cari": "balikpapan"}))) == ["109141"]
    assert re.findall(r'data-satker="(\d+)"', text(admin.get("/", {"provinsi": "16"}))) == ["109141"]
    everyone = re.findall(r'data-satker="(\d+)"', text(admin.get("/")))
    assert len(everyone) == 81


def test_a_satker_page_lists_its_versions_and_compares(web: Demo) -> None:
    page = text(login("operator").get("/satker/527010/"))
    for n in web.versi["527010"]:
        assert f'href="/versi/{n}/"' in page
    assert "revisi-1" in page and "dipa" in page and 'id="bandingkan"' in page
    assert "catatan reviewer" in page  # the reviewer's comment, seen by the operator


def test_a_version_shows_its_findings_next_to_their_rows(web: Demo) -> None:
    client = login("operator")
    n = web.latest("527010")
    page = text(client.get(f"/versi/{n}/"))
    assert f"<title>versi {n} · 527010 · Anggaran</title>" in page
    assert "RENCANA_BULANAN_SUM" in page and page.count("AKUN_TIDAK_DIKENAL") >= 1
    # the findings list links to the rows; opening one shows the row, marked
    path = "015.08.WA/4715/4715.EBA/994/002/DB/522111/1"
    assert f"?buka={path}" in page
    opened = text(client.get(f"/versi/{n}/", {"buka": path}))
    row = re.search(rf'<tr id="b-detail-\d+" data-path="{re.escape(path)}"[^>]*class="([^"]*)"', opened, re.S)
    assert row is not None and "sorot" in row.group(1)
    after = opened[row.end() : opened.index("</tr>", row.end())]
    assert "Langganan Listrik" in after and "Rp 33.998.532.000" in after and "RENCANA_BULANAN_SUM" in after
    assert "Rp 2.833.211.000" in after  # the line's harga satuan


def test_children_load_on_demand(web: Demo) -> None:
    client = login("reviewer")
    n = web.latest("527010")
    rows = text(client.get(f"/versi/{n}/simpul/program/{web.program['527010']}/"))
    assert re.findall(r'data-level="(\w+)"', rows) == ["kegiatan"] * len(re.findall(r'data-level="', rows))
    assert 'data-path="015.08.CD/' in rows


def test_only_rows_with_findings(web: Demo) -> None:
    page = text(login("operator").get(f"/versi/{web.latest('527010')}/", {"temuan": "1"}))
    assert 'class="hanya-temuan"' in page
    assert 'data-path="015.08.WA/4719/4719.EBA/003/100/DB/521211/3"' in page  # opened down to the line


def test_the_comparison_highlights_changed_rows(web: Demo) -> None:
    a, b = web.versi["527010"]
    page = text(login("reviewer").get(f"/banding/{a}/{b}/"))
    assert "Rp 558.223.915.000" in page and "Rp 468.227.337.000" in page and "Rp -89.996.578.000" in page
    assert 'class="st-berubah lv-program"' in page and "st-baru" in page and "st-dihapus" in page
    matrix = json.loads(login("reviewer").get(f"/banding/{a}/{b}/matriks.json").content)
    assert matrix["jumlah"] == {
        "semula": 558_223_915_000,
        "menjadi": 468_227_337_000,
        "selisih": -89_996_578_000,
    }


@pytest.mark.parametrize(
    ("nama", "ext", "magic"),
    [
        ("bagian-a", "pdf", b"%PDF"),
        ("bagian-a", "xlsx", b"PK"),
        ("bagian-a", "html", b"<!doctype html>"),
        ("bagian-b", "pdf", b"%PDF"),
        ("bagian-b", "xlsx", b"PK"),
        ("rekap", "html", b"<!doctype html>"),
    ],
)
def test_downloads(web: Demo, nama: str, ext: str, magic: bytes) -> None:
    response = login("operator").get(f"/versi/{web.latest('527010')}/dokumen/{nama}.{ext}")
    assert response.status_code == 200 and response.content.lower().startswith(magic.lower())
    assert f'filename="rka-satker-2026-527010-{nama}.{ext}"' in response["Content-Disposition"]


def test_the_json_download_is_the_stored_tree(web: Demo) -> None:
    from anggaran.formats import json as canonical

    data = login("operator").get(f"/versi/{web.latest('109141')}/dokumen/bagian-a.json").content
    assert canonical.read_json(data).tree == canonical.read_json(EXAMPLE_JSON()).tree


def EXAMPLE_JSON() -> bytes:  # noqa: N802
    from anggaran.formats import json as canonical
    from anggaran.formats.rka_text.reader import read_rka_text

    tree = read_rka_text(EXAMPLE.read_bytes(), EXAMPLE.name).tree
    tree.dokumen.tahap = "pagu-anggaran"
    return canonical.dumps(tree)


def test_a_bagian_a_has_no_bagian_b(web: Demo) -> None:
    assert login("operator").get(f"/versi/{web.latest('109141')}/dokumen/bagian-b.pdf").status_code == 404


def test_comments_on_a_row_and_their_audit(web: Demo) -> None:
    client = login("reviewer")
    n = web.latest("527010")
    path = "015.08.WA/4715/4715.EBA/994/002/DB/522111"
    response = client.post(f"/versi/{n}/komentar/", {"path": path, "teks": "Mohon cek rencana bulanan"})
    assert response.status_code == 302
    store = Store.default()
    mine = [k for k in tim.komentar_versi(store, n) if k.teks == "Mohon cek rencana bulanan"]
    assert [(k.path, k.oleh, k.selesai) for k in mine] == [(path, "reviewer", False)]
    page = text(login("operator").get(f"/versi/{n}/", {"buka": path}))
    assert "Mohon cek rencana bulanan" in page
    assert login("operator").post(f"/komentar/{mine[0].id}/selesai/", {"selesai": "1"}).status_code == 302
    assert tim.komentar(store, mine[0].id).selesai  # type: ignore[union-attr]
    log, _ = tim.daftar_audit(store, limit=20)
    actions = [(r.aksi, r.oleh) for r in log]
    assert ("komentar_tambah", "reviewer") in actions and ("komentar_selesai", "operator") in actions


def test_an_empty_comment_is_refused(web: Demo) -> None:
    client = login("reviewer")
    n = web.latest("527010")
    before = len(tim.komentar_versi(Store.default(), n))
    client.post(f"/versi/{n}/komentar/", {"path": "", "teks": "   "})
    assert len(tim.komentar_versi(Store.default(), n)) == before


def test_indonesian_by_default_english_by_the_switch(web: Demo) -> None:
    client = login("operator")
    page = text(client.get("/"))
    assert 'lang="id"' in page and "Satker dalam lingkup Anda" in page and "Rp 3.212.301.000" in page
    client.post("/bahasa/", {"language": "en", "next": "/"})
    page = text(client.get("/"))
    assert 'lang="en"' in page and "Satkers in your scope" in page and "Rp 3,212,301,000" in page
    versi = text(client.get(f"/versi/{web.latest('527010')}/"))
    assert "monthly plan January–December" in versi and "1 December 2026" in versi


def test_dates_in_indonesian(web: Demo) -> None:
    page = text(login("operator").get(f"/versi/{web.latest('109141')}/"))
    assert "1 Desember 2026" in page


def test_hostile_text_is_shown_escaped_and_written_to_xlsx_as_text(web: Demo) -> None:
    from anggaran.formats import json as canonical
    from anggaran.services import akses
    from anggaran.services.unggah import impor_sekarang

    hostile = '<script>alert("x")</script> =HYPERLINK("http://x","y")'
    d = json.loads(EXAMPLE_JSON())
    d["program"][0]["nama"] = hostile
    d["dokumen"]["tahap"] = "pagu-indikatif"
    store = Store.default()
    operator = akses.pengguna(store, tim.pengguna(store, username="operator").id)  # type: ignore[union-attr]
    assert operator is not None
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp()) / "jahat.json"
    path.write_bytes(canonical.dumps(canonical.from_dict(d)))
    result = impor_sekarang(store, operator, path, "jahat.json")
    n = result.versi[0].id
    client = login("operator")
    page = text(client.get(f"/versi/{n}/"))
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    wb = openpyxl.load_workbook(io.BytesIO(client.get(f"/versi/{n}/dokumen/bagian-a.xlsx").content))
    cells = [c for row in wb["Bagian A"].iter_rows() for c in row if c.value == hostile]
    assert cells and all(c.data_type == "s" for c in cells)


def test_failed_logins_are_audited_and_throttled(web: Demo) -> None:
    client = Client()
    for _ in range(5):
        response = client.post("/masuk/", {"username": "kpa", "password": "salah"})
        assert response.status_code in (200, 429)
    log, _ = tim.daftar_audit(Store.default(), aksi="masuk_gagal", limit=50)
    assert sum(1 for r in log if r.objek == "kpa") >= 5
    locked = client.post("/masuk/", {"username": "kpa", "password": "anggaran-demo"})
    assert locked.status_code == 429 and "Terlalu banyak gagal masuk" in locked.content.decode()


def test_administrators_manage_users_and_roles(web: Demo) -> None:
    admin = login("admin")
    admin.post(
        "/pengguna/",
        {"aksi": "tambah", "username": "baru", "password": "sandi-panjang-sekali", "nama": "Baru"},
    )
    admin.post(
        "/pengguna/", {"aksi": "beri", "username": "baru", "peran": "reviewer", "lingkup": "satker:109141"}
    )
    page = text(admin.get("/pengguna/"))
    assert "reviewer · satker 109141" in page
    token_page = text(admin.post("/pengguna/", {"aksi": "token", "username": "baru"}))
    key = re.search(r'<code id="token-baru">([^<]+)</code>', token_page)
    assert key is not None
    rows = json.loads(Client().get("/api/v1/satker/", HTTP_AUTHORIZATION=f"Token {key.group(1)}").content)
    assert [r["kode"] for r in rows] == ["109141"]
    log, _ = tim.daftar_audit(Store.default(), limit=10)
    grant = next(r for r in log if r.aksi == "hak_beri" and r.objek == "baru")
    assert grant.lama == [] and grant.baru == ["reviewer satker 109141"]
    audit = text(admin.get("/audit/", {"aksi": "hak_beri"}))
    assert "reviewer satker 109141" in audit


def test_the_audit_log_cannot_be_changed(web: Demo) -> None:
    from django.db import connection

    with pytest.raises(Exception, match="tidak dapat diubah"), connection.cursor() as cur:
        cur.execute("UPDATE anggaran_audit SET oleh = 'x'")


@pytest.mark.parametrize(("ext", "magic"), [("pdf", b"%PDF"), ("xlsx", b"PK"), ("html", b"<!doctype html>")])
def test_the_comparison_downloads(web: Demo, ext: str, magic: bytes) -> None:
    a, b = web.versi["527010"]
    response = login("reviewer").get(f"/banding/{a}/{b}/matriks.{ext}")
    assert response.status_code == 200 and response.content.lower().startswith(magic.lower())
    assert "matriks-semula-menjadi" in response["Content-Disposition"]
    if ext == "xlsx":
        wb = openpyxl.load_workbook(io.BytesIO(response.content))
        values = [c.value for ws in wb for row in ws.iter_rows() for c in row]
        assert 558_223_915_000 in values and 468_227_337_000 in values and -89_996_578_000 in values
        assert "015.08.WA" in values  # codes as text, dots kept


def test_a_comparison_of_another_kind_of_file_is_404(web: Demo) -> None:
    a, b = web.versi["527010"]
    assert login("reviewer").get(f"/banding/{a}/{b}/matriks.exe").status_code == 404


def test_a_renamed_line_is_shown_under_its_akun(web: Demo, tmp_path: Path) -> None:
    """Only a detail line's uraian changed: the matrix shows it with the rows above it."""
    from anggaran.services import akses
    from anggaran.services.unggah import impor_sekarang

    data = json.loads(login("operator").get(f"/api/v1/versi/{web.latest('527010')}/").content)

    def rename(node: object) -> bool:
        if isinstance(node, dict):
            if node.get("uraian") == "Langganan Listrik":
                node["uraian"] = "Langganan Listrik PLN"
                return True
            return any(rename(v) for v in node.values())
        return isinstance(node, list) and any(rename(v) for v in node)

    assert rename(data)
    data["dokumen"]["tahap"] = "revisi-2"
    path = tmp_path / "527010-revisi-2.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    store = Store.default()
    operator = akses.pengguna(store, tim.pengguna(store, username="operator").id)  # type: ignore[union-attr]
    assert operator is not None
    new = impor_sekarang(store, operator, path, path.name).versi[0].id
    page = text(login("reviewer").get(f"/banding/{web.latest('527010')}/{new}/"))
    paths = re.findall(r'<tr[^>]*data-path="([^"]*)"', page)
    assert "015.08.WA/4715/4715.EBA/994/002/DB/522111" in paths  # the akun above the line
    assert "Langganan Listrik PLN" in page and "Rp 33.998.532.000" in page
