"""Planning in the browser (Debian's chromium, Playwright, ``anggaran serve --demo``): the
operator starts a revision of 527010, changes the volume of a detail line and sees the
line's jumlah, its RO's and the satker's totals and its finding change while typing, fixes
the two monthly plans SAKTI would refuse (053), submits; the KPA approves and the DJA (the
satker's pagu changed) ratifies; the new version's PDF carries the change. Runs after
``test_browser.py`` (whose tests read 527010's latest version as the demo imports it)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pdfplumber
from playwright.sync_api import Browser, Page, expect

from tests.web.conftest import Server
from tests.web.test_browser import browser, open_as, row, shots  # noqa: F401  (fixtures)

LISTRIK = "015.08.WA/4715/4715.EBA/994/002/DB/522111/1"
BAHAN = "015.08.WA/4719/4719.EBA/003/100/DB/521211/3"
RO_BAHAN = "015.08.WA/4719/4719.EBA/003"


def _saved(page: Page, field: object, value: str) -> None:
    """Type ``value`` into ``field`` and leave it (Tab), waiting for the save's answer."""
    with page.expect_response(re.compile(r"/konsep/\d+/baris/$")) as info:
        field.fill(value)  # type: ignore[attr-defined]
        field.press("Tab")  # type: ignore[attr-defined]
    assert info.value.status == 200


def _plan(page: Page, path: str, months: list[int]) -> None:
    line = row(page, path)
    details = line.locator("details.bulanan")  # type: ignore[attr-defined]
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()
    for i, amount in enumerate(months, 1):
        _saved(page, row(page, path).locator(f"input[name=bln{i}]"), str(amount))  # type: ignore[attr-defined]


def test_an_operator_revises_and_the_kpa_and_dja_approve(  # type: ignore[no-untyped-def]
    browser: Browser,  # noqa: F811
    server: Server,
    shots,  # noqa: F811
    tmp_path: Path,
) -> None:
    page = open_as(browser, server, "operator")
    page.goto(server.url + "/satker/527010/")
    page.locator("table a[href^='/versi/']").last.click()
    page.click("#mulai-revisi")
    expect(page).to_have_url(re.compile(r"/konsep/\d+/$"))
    draft = page.url
    expect(page.locator(".baris-info .lencana.galat")).to_have_text("2")
    # a finding's link opens its akun with the lines, the line marked
    page.locator("#temuan summary").click()
    page.locator(f'#temuan a.ke-baris[href$="{BAHAN}"]').first.click()
    page.wait_for_url(re.compile(r"\?buka="))
    line = row(page, BAHAN)
    expect(line.locator(".temuan li.error")).to_contain_text("RENCANA_BULANAN_SUM")  # type: ignore[attr-defined]
    expect(line.locator("td.jumlah")).to_have_text("Rp 3.285.000")  # type: ignore[attr-defined]
    satker_before = page.locator("#jumlah-satker").inner_text()
    ro_before = row(page, RO_BAHAN).locator("td.jumlah").inner_text()  # type: ignore[attr-defined]
    shots(page, "konsep-sebelum", full=False)

    # the volume of the line: 1 -> 2 PKT, and everything derived follows at once
    _saved(page, line.locator("input[name=vol1]"), "2")  # type: ignore[attr-defined]
    expect(line.locator("td.jumlah")).to_have_text("Rp 6.570.000")  # type: ignore[attr-defined]
    expect(row(page, RO_BAHAN).locator("td.jumlah")).not_to_have_text(ro_before)  # type: ignore[attr-defined]
    expect(page.locator("#jumlah-satker")).to_have_text("Rp 468.230.622.000")
    assert satker_before == "Rp 468.227.337.000"
    expect(line.locator(".temuan li.error")).to_contain_text("6.570.000")  # type: ignore[attr-defined]
    shots(page, "konsep-volume-berubah", full=False)

    # its monthly plan made to add up: the error goes while typing
    _plan(page, BAHAN, [0] * 11 + [6_570_000])
    expect(row(page, BAHAN).locator(".temuan li.error")).to_have_count(0)  # type: ignore[attr-defined]
    expect(page.locator(".baris-info .lencana.galat")).to_have_text("1")
    # the other line of 053: the electricity, twelve equal months
    page.goto(draft + "?buka=" + LISTRIK)
    _plan(page, LISTRIK, [2_833_211_000] * 12)
    expect(page.locator(".baris-info .lencana.galat")).to_have_text("0")
    # the counts beside the rows above it follow too
    expect(row(page, "015.08.WA/4715/4715.EBA/994/002/DB/522111").locator(".lencana.galat")).to_have_count(0)  # type: ignore[attr-defined]
    shots(page, "konsep-bersih", full=False)

    # submit: the revision page names the authority of each change
    page.goto(draft + "revisi/")
    perubahan = page.locator("#perubahan")
    expect(perubahan).to_contain_text("PERUBAHAN_PAGU_SATKER")
    expect(perubahan).to_contain_text("RENCANA_BULANAN_RINCIAN")
    expect(page.locator("#persetujuan")).to_contain_text("DJA")
    shots(page, "konsep-revisi")
    page.click("#tombol-ajukan")
    expect(page.locator(".baris-info")).to_contain_text("KPA")

    kpa = open_as(browser, server, "kpa")
    kpa.goto(draft + "revisi/")
    # the page III changes the table does not place: the KPA says they need nobody else
    kpa.select_option("#tanpa-baris", "KPA")
    kpa.click("#tombol-setujui")
    expect(kpa.locator(".baris-info")).to_contain_text("DJA")

    dja = open_as(browser, server, "dja")
    dja.goto(draft + "revisi/")
    dja.click("#tombol-sahkan")
    expect(dja).to_have_url(re.compile(r"/versi/\d+/$"))
    expect(dja.locator(".baris-info")).to_contain_text("revisi-2")
    expect(dja.locator(".baris-info")).to_contain_text("Rp 468.230.622.000")
    with dja.expect_download() as info:
        # Bagian B: it prints the satker's total (a Bagian A prints no JUMLAH SATKER row
        # that its source did not print)
        dja.locator(".unduh a[href*='/dokumen/bagian-b.pdf']").click()
    target = tmp_path / "bagian-b.pdf"
    info.value.save_as(target)
    with pdfplumber.open(io.BytesIO(target.read_bytes())) as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    assert "468.230.622" in text or "468,230,622" in text
    assert "197001012000031001" in text
