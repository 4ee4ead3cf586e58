"""Document rules: the repeated page header agrees on every page, pages are numbered in
order, and the signatory's NIP is well formed (PP 11/2017 and BKN rules on the NIP:
birth date YYYYMMDD + appointment YYYYMM + sex 1/2 + 3-digit sequence)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from anggaran.core import kode as kd
from anggaran.core.findings import N_, Finding, Severity, SourceRef
from anggaran.core.tree import RkaSatker
from anggaran.rules.registry import rule

#: the youngest age at which a civil servant is appointed (PP 11/2017, Pasal 23: 18 years)
MIN_AGE = 18

#: the header fields as messages name them
_FIELD_NAMES = {
    "kementerian": N_("K/L"),
    "unit_organisasi": N_("organisational unit"),
    "satker": N_("work unit"),
    "provinsi": N_("province"),
    "lokasi": N_("location"),
}

#: the column numbers every page prints under the column titles
KOLOM = ["1", "2", "3", "4", "5", "6"]


@rule(
    "PAGE_HEADER_MISMATCH",
    Severity.WARNING,
    N_("The page header agrees on every page"),
    "RKA Satker Bagian A",
    N_(
        "Page {halaman} prints the {nama_kolom:t} as ({kode}) {tercetak!r}, "
        "other pages as ({kode_lazim}) {lazim!r}"
    ),
    {
        "hilang": N_("Page {halaman} does not print the {nama_kolom:t}"),
        "tahun": N_("Page {halaman} prints fiscal year {tahun}, the document {tahun_dokumen}"),
        "tahun_kolom": N_(
            "Page {halaman}: the column header says T.A {tahun}, "
            "the document is of fiscal year {tahun_dokumen}"
        ),
        "nomor_kolom": N_("Page {halaman}: the columns are numbered {nomor:list}, expected 1, 2, 3, 4, 5, 6"),
    },
    recheck=False,
)
def page_header(tree: RkaSatker) -> Iterator[Finding]:
    """Each page's header block against the spelling most pages print (names the page, the
    line and both spellings), the fiscal year of its title and of its column header, and
    its column numbers (1) .. (6)."""
    tahun = tree.dokumen.tahun_anggaran
    for page in tree.dokumen.halaman:
        for name, label in _FIELD_NAMES.items():
            expected = getattr(tree, name)
            printed = page.fields.get(name)
            if printed is None:
                yield Finding.of(
                    "PAGE_HEADER_MISMATCH",
                    "",
                    page.source,
                    variant="hilang",
                    halaman=page.page,
                    kolom=name,
                    nama_kolom=label,
                )
            elif (printed.kode, printed.nama) != (expected.kode, expected.nama):
                yield Finding.of(
                    "PAGE_HEADER_MISMATCH",
                    "",
                    page.field_sources.get(name, page.source),
                    halaman=page.page,
                    kolom=name,
                    nama_kolom=label,
                    kode=printed.kode,
                    tercetak=printed.nama,
                    kode_lazim=expected.kode,
                    lazim=expected.nama,
                )
        if page.tahun_anggaran is not None and page.tahun_anggaran != tahun:
            yield Finding.of(
                "PAGE_HEADER_MISMATCH",
                "",
                page.source,
                variant="tahun",
                halaman=page.page,
                tahun=page.tahun_anggaran,
                tahun_dokumen=tahun,
            )
        if page.tahun_kolom is not None and page.tahun_kolom != tahun:
            yield Finding.of(
                "PAGE_HEADER_MISMATCH",
                "",
                page.kolom_source or page.source,
                variant="tahun_kolom",
                halaman=page.page,
                tahun=page.tahun_kolom,
                tahun_dokumen=tahun,
            )
        if page.nomor_kolom is not None and page.nomor_kolom != KOLOM:
            yield Finding.of(
                "PAGE_HEADER_MISMATCH",
                "",
                page.kolom_source or page.source,
                variant="nomor_kolom",
                halaman=page.page,
                nomor=page.nomor_kolom,
            )


@rule(
    "PAGE_NUMBER",
    Severity.WARNING,
    N_("Pages numbered 1, 2, 3, ... in order"),
    "RKA Satker Bagian A",
    N_("Page {urutan} is numbered {tercetak}: a page missing or out of order?"),
    {"tanpa": N_("Page {urutan} has no 'Halaman : N'")},
    recheck=False,
)
def page_number(tree: RkaSatker) -> Iterator[Finding]:
    """ "Halaman : N" present and equal to the page's place in the document."""
    for page in tree.dokumen.halaman:
        if page.printed_number is None:
            yield Finding.of("PAGE_NUMBER", "", page.source, variant="tanpa", urutan=page.page)
        elif page.printed_number != page.page:
            yield Finding.of("PAGE_NUMBER", "", page.source, urutan=page.page, tercetak=page.printed_number)


#: what can be wrong with a NIP: variant -> message
_NIP = {
    "format": N_("NIP {nip!r} is not 18 digits"),
    "lahir": N_("NIP {nip}: birth date {lahir} is not a date"),
    "tmt": N_("NIP {nip}: appointment {tmt} is not a month"),
    "tmt_lahir": N_("NIP {nip}: appointment {tmt} is not after the birth date {lahir}"),
    "usia": N_("NIP {nip}: appointed {tmt} before the age of {usia} (born {lahir})"),
    "tmt_dokumen": N_("NIP {nip}: appointment {tmt} after the document date"),
    "kelamin": N_("NIP {nip}: sex digit {digit!r} is not 1 or 2"),
}


def nip_problems(nip: str, on: dt.date | None = None) -> list[tuple[str, dict[str, Any]]]:
    """What is wrong with a NIP, as ``(variant, arguments)`` pairs (the variants of
    NIP_INVALID); empty when it is valid.

    ``nip``: the 18 digits as printed. ``on``: the document date; the appointment cannot
    be after it.
    """
    if not kd.NIP.fullmatch(nip):
        return [("format", {"nip": nip})]
    lahir, tmt = nip[0:8], nip[8:14]
    problems: list[tuple[str, dict[str, Any]]] = []
    birth: dt.date | None
    try:
        birth = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        birth = None
        problems.append(("lahir", {"nip": nip, "lahir": lahir}))
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12 or year < 1900:
        problems.append(("tmt", {"nip": nip, "tmt": tmt}))
    else:
        if birth is not None and (year, month) <= (birth.year, birth.month):
            problems.append(("tmt_lahir", {"nip": nip, "tmt": tmt, "lahir": lahir}))
        elif birth is not None and (year, month) < (birth.year + MIN_AGE, birth.month):
            problems.append(("usia", {"nip": nip, "tmt": tmt, "lahir": lahir, "usia": MIN_AGE}))
        if on is not None and (year, month) > (on.year, on.month):
            problems.append(("tmt_dokumen", {"nip": nip, "tmt": tmt}))
    if nip[14] not in "12":
        problems.append(("kelamin", {"nip": nip, "digit": nip[14]}))
    return problems


@rule(
    "NIP_INVALID",
    Severity.ERROR,
    N_("Signatory NIP: 18 digits, valid birth date, appointment after birth, sex digit 1 or 2"),
    "PP 11/2017; Peraturan BKN tentang NIP",
    _NIP["format"],
    {k: v for k, v in _NIP.items() if k != "format"},
)
def nip_valid(tree: RkaSatker) -> Iterator[Finding]:
    """The signatory's NIP, see ``nip_problems``. A signatory without one (SAKTI's
    ``d_kpa`` names the KPA only) is not checked: there is no NIP to be wrong."""
    signer = tree.dokumen.penandatangan
    if signer is None or not signer.nip:
        return
    source: SourceRef | None = signer.source
    for variant, args in nip_problems(signer.nip, tree.dokumen.tanggal):
        yield Finding.of("NIP_INVALID", "", source, variant="" if variant == "format" else variant, **args)
