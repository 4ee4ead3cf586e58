"""The consolidation page in the browser (Debian's chromium, Playwright, ``anggaran serve
--demo``): the reviewer of unit 015.08 opens it from the navigation, picks another
drilldown and sees the table change in place (htmx, no reload), then follows a code down
one level. The data is the store's latest versions (the demonstration serves no
``ANGGARAN_KONSOLIDASI``)."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from tests.web.conftest import Server
from tests.web.test_browser import browser, open_as, shots  # noqa: F401  (fixtures)


def test_a_reviewer_picks_a_drilldown_and_the_table_changes(  # type: ignore[no-untyped-def]
    browser: Browser,  # noqa: F811
    server: Server,
    shots,  # noqa: F811
) -> None:
    page = open_as(browser, server, "reviewer")
    page.click("nav a[href='/konsolidasi/']")
    expect(page).to_have_url(server.url + "/konsolidasi/")
    table = page.locator("#tabel-agregat")
    expect(table).to_have_attribute("data-rinci", re.compile(r"(^|,)program$"), timeout=120_000)
    expect(table).to_contain_text("015.08.WA")
    page.evaluate("window.__sama = true")  # gone if the page were loaded again
    page.select_option("select[name=rinci]", "jenis_belanja")
    expect(table).to_have_attribute("data-rinci", re.compile(r"(^|,)jenis_belanja$"))
    expect(table).to_contain_text("Belanja Barang")
    expect(table).not_to_contain_text("015.08.WA")
    assert page.evaluate("window.__sama") is True  # swapped in place, not reloaded
    expect(page).to_have_url(re.compile(r"rinci=jenis_belanja"))  # the address says what is shown
    # the stages are never added together: the demonstration holds several
    expect(table).to_have_attribute("data-rinci", "tahap,jenis_belanja")
    expect(page.locator("#tabel-banding tbody tr").first).to_be_visible()
    shots(page, "konsolidasi")
    # a code's link: only that jenis belanja, per akun
    table.locator("a.kode", has_text=re.compile(r"^52$")).first.click()
    expect(page).to_have_url(re.compile(r"cut=jenis_belanja%3A52"))
    expect(page.locator("#tabel-agregat")).to_have_attribute("data-rinci", re.compile(r"(^|,)akun$"))
    expect(page.locator("#tabel-agregat a.kode", has_text=re.compile(r"^52\d{4}$")).first).to_be_visible()
