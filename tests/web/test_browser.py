"""What people do in the web application, in Debian's chromium driven by Playwright, on
``anggaran serve --demo`` as the README starts it: log in, import a file and follow it,
open a tree down to a detail line and see its finding, comment on a row, compare two
versions, download a PDF, switch the language; and a user outside a satker's scope who
finds nothing of it.

Each test leaves screenshots in its temporary folder; with ``ANGGARAN_SCREENSHOTS=DIR``
they go to DIR too (``docs/screenshots`` holds the ones the documentation shows)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.conftest import EXAMPLE
from tests.web.conftest import Server

#: chromium's own switches for a machine without a display or network
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str:
    found = (
        os.environ.get("ANGGARAN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if not found:
        pytest.fail(
            "the browser tests need Debian's chromium: apt-get install chromium (or ANGGARAN_CHROMIUM=path)"
        )
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Chromium for this module's tests (Playwright's event loop ends with it: Django's
    database calls of later tests refuse to run beside a running loop)."""
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=_chromium(), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def shots(tmp_path: Path) -> Iterator[object]:
    """``shots(page, name)`` saves a full-page screenshot."""
    wanted = os.environ.get("ANGGARAN_SCREENSHOTS")

    def take(page: Page, name: str, full: bool = True) -> None:
        path = tmp_path / f"{name}.png"
        page.screenshot(path=str(path), full_page=full)
        if wanted:
            Path(wanted).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(wanted) / path.name)

    yield take


def open_as(browser: Browser, server: Server, username: str, lang: str = "id-ID") -> Page:
    """A new browser (no cookies) logged in as ``username`` through the login form."""
    context = browser.new_context(locale=lang, viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(server.url + "/")
    expect(page).to_have_url(re.compile(r"/masuk/"))
    page.fill("#id_username", username)
    page.fill("#id_password", "anggaran-demo")
    page.click("button[type=submit]")
    expect(page).to_have_url(server.url + "/")
    return page


def row(page: Page, path: str) -> object:
    return page.locator(f'tr[data-path="{path}"]')


def test_an_operator_opens_a_tree_down_to_a_detail_line_and_its_finding(
    browser: Browser, server: Server, shots
) -> None:  # type: ignore[no-untyped-def]
    page = open_as(browser, server, "operator")
    expect(page.locator("tr[data-satker]")).to_have_count(2)
    shots(page, "daftar-satker")
    page.click('tr[data-satker="527010"] a')
    expect(page.locator("h1")).to_contain_text("527010")
    page.locator("table a[href^='/versi/']").last.click()
    expect(page).to_have_url(re.compile(r"/versi/\d+/$"))
    # the findings are counted at the top and at each row that holds some below it
    expect(page.locator(".baris-info .lencana.galat")).to_have_text("2")
    shots(page, "versi", full=False)
    path = "015.08.WA"
    for segment in ("4715", "4715.EBA", "994", "002", "DB", "522111"):
        row(page, path).locator("button.buka").click()
        path = f"{path}/{segment}"
        expect(row(page, path)).to_be_visible()
    row(page, path).locator("button.buka").click()
    line = row(page, path + "/1")
    expect(line).to_contain_text("Langganan Listrik")
    expect(line).to_contain_text("Rp 33.998.532.000")
    expect(line.locator(".temuan li.error")).to_contain_text("RENCANA_BULANAN_SUM")
    line.scroll_into_view_if_needed()
    shots(page, "pohon-sampai-detail", full=False)
    # closing the program takes every row under it away
    row(page, "015.08.WA").locator("button.buka").click()
    expect(page.locator('tr[data-path^="015.08.WA/"]')).to_have_count(0)


def test_an_operator_imports_a_file_and_follows_it(
    browser: Browser, server: Server, shots, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    upload = tmp_path / "rka-satker-2023-109141-alokasi.txt"
    upload.write_bytes(EXAMPLE.read_bytes() + b"\n")  # other bytes, the same plan
    page = open_as(browser, server, "operator")
    page.click("nav >> text=Impor")
    page.set_input_files("input[name=berkas]", str(upload))
    page.select_option("select[name=tahap]", "alokasi-anggaran")
    page.fill("textarea[name=catatan]", "alokasi dari Kanwil")
    page.click("#form-impor button[type=submit]")
    expect(page).to_have_url(re.compile(r"/impor/\d+/$"))
    status = page.locator("#status-impor")
    expect(status).to_have_attribute("data-status", "selesai", timeout=120_000)
    expect(status).to_contain_text("1 versi disimpan")
    expect(status).to_contain_text("Rp 3.212.301.000")
    shots(page, "impor-selesai")
    status.locator("a[href^='/versi/']").first.click()
    expect(page.locator(".baris-info")).to_contain_text("alokasi dari Kanwil")
    expect(page.locator(".baris-info")).to_contain_text("alokasi-anggaran")
    # the findings name the file as its user gave it, with the page and line
    expect(page.locator("#temuan")).to_contain_text(
        "[rka-satker-2023-109141-alokasi.txt, halaman 2, baris 40]"
    )
    # the same file again: recognised, nothing stored
    page.goto(server.url + "/impor/")
    page.set_input_files("input[name=berkas]", str(upload))
    page.click("#form-impor button[type=submit]")
    expect(page.locator("#status-impor")).to_have_attribute("data-status", "selesai", timeout=120_000)
    # when, in the server's time zone (Asia/Jakarta) and in Indonesian
    expect(page.locator("#status-impor")).to_contain_text(
        re.compile(
            r"sudah diimpor pada \d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|"
            r"Oktober|November|Desember) \d{4} \d{2}[.:]\d{2} oleh operator"
        )
    )


def test_a_reviewer_comments_on_a_row(browser: Browser, server: Server, shots) -> None:  # type: ignore[no-untyped-def]
    page = open_as(browser, server, "reviewer")
    page.goto(server.url + "/satker/527010/")
    page.locator("table a[href^='/versi/']").last.click()
    program = row(page, "015.08.CD")
    program.locator("button[data-komentar-form]").click()
    program.locator("textarea[name=teks]").fill("Mohon rincian KRO 6212.AEF dijelaskan")
    program.locator("form button[type=submit]").click()
    expect(program.locator("ul.komentar")).to_contain_text("Mohon rincian KRO 6212.AEF dijelaskan")
    expect(program.locator("ul.komentar")).to_contain_text("reviewer")
    shots(page, "komentar", full=False)
    page.reload()
    expect(row(page, "015.08.CD").locator("ul.komentar")).to_contain_text(
        "Mohon rincian KRO 6212.AEF dijelaskan"
    )


def test_a_reviewer_compares_two_versions(browser: Browser, server: Server, shots) -> None:  # type: ignore[no-untyped-def]
    page = open_as(browser, server, "reviewer")
    page.fill("input[name=cari]", "527010")
    page.keyboard.press("Enter")
    expect(page.locator("tr[data-satker]")).to_have_count(1)
    page.click('tr[data-satker="527010"] a')
    shots(page, "satker")
    page.click("#bandingkan")
    expect(page).to_have_url(re.compile(r"/banding/\d+/\d+/$"))
    expect(page.locator("body")).to_contain_text("Rp 558.223.915.000")
    expect(page.locator("body")).to_contain_text("Rp 468.227.337.000")
    expect(page.locator("body")).to_contain_text("Rp -89.996.578.000")
    expect(page.locator("tr.st-berubah").first).to_be_visible()
    shots(page, "banding", full=False)


def test_a_kpa_downloads_the_pdf(browser: Browser, server: Server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = open_as(browser, server, "kpa")
    page.goto(server.url + "/satker/527010/")
    page.locator("table a[href^='/versi/']").last.click()
    with page.expect_download() as info:
        page.locator(".unduh a[href*='/dokumen/bagian-b.pdf']").click()
    download = info.value
    assert download.suggested_filename == "rka-satker-2026-527010-bagian-b.pdf"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 50_000


def test_the_language_switch(browser: Browser, server: Server) -> None:  # type: ignore[no-untyped-def]
    page = open_as(browser, server, "operator")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    page.select_option("select[name=language]", "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("body")).to_contain_text("Rp 3,212,301,000")
    page.goto(server.url + "/satker/109141/")
    expect(page.locator("html")).to_have_attribute("lang", "en")  # kept across pages


def test_outside_the_scope_there_is_nothing(browser: Browser, server: Server, shots) -> None:  # type: ignore[no-untyped-def]
    page = open_as(browser, server, "lain")
    expect(page.locator("tr[data-satker]")).to_have_count(1)
    expect(page.locator("tr[data-satker]")).to_have_attribute("data-satker", "015114")
    response = page.goto(server.url + "/satker/527010/")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("Tidak ditemukan")
    shots(page, "di-luar-lingkup")


def test_wrong_password_then_right(browser: Browser, server: Server) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="id-ID")
    page = context.new_page()
    page.goto(server.url + "/masuk/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "bukan-sandinya")
    page.click("button[type=submit]")
    expect(page.locator(".kilat.error")).to_be_visible()
    page.fill("#id_password", "anggaran-demo")
    page.click("button[type=submit]")
    expect(page).to_have_url(server.url + "/")
    expect(page.locator("nav")).to_contain_text("Pengguna")  # the administrator's pages
