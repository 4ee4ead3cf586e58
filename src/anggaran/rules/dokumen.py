"""Document rules: the repeated page header agrees on every page, pages are numbered in
order, and the signatory's NIP is well formed (PP 11/2017 and BKN rules on the NIP:
birth date YYYYMMDD + appointment YYYYMM + sex 1/2 + 3-digit sequence)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from anggaran.core import kode as kd
from anggaran.core.findings import Finding, Severity, SourceRef
from anggaran.core.tree import RkaSatker
from anggaran.rules.registry import rule

#: the youngest age at which a civil servant is appointed (PP 11/2017, Pasal 23: 18 years)
MIN_AGE = 18

_FIELD_NAMES = {
    "kementerian": ("K/L", "K/L"),
    "unit_organisasi": ("unit organisasi", "organisational unit"),
    "satker": ("satuan kerja", "work unit"),
    "provinsi": ("provinsi", "province"),
    "lokasi": ("lokasi", "location"),
}


@rule(
    "PAGE_HEADER_MISMATCH",
    Severity.WARNING,
    "Kepala halaman sama di setiap halaman",
    "The page header agrees on every page",
    "RKA Satker Bagian A",
)
def page_header(tree: RkaSatker) -> Iterator[Finding]:
    """Each page's header block against the spelling most pages print; names the page,
    the line and both spellings."""
    for page in tree.dokumen.halaman:
        for name, (nama_id, nama_en) in _FIELD_NAMES.items():
            expected = getattr(tree, name)
            printed = page.fields.get(name)
            if printed is None:
                yield Finding(
                    "PAGE_HEADER_MISMATCH",
                    Severity.WARNING,
                    "",
                    f"Halaman {page.page} tidak mencetak {nama_id}",
                    f"Page {page.page} does not print the {nama_en}",
                    page.source,
                    {"halaman": page.page, "kolom": name},
                )
            elif (printed.kode, printed.nama) != (expected.kode, expected.nama):
                yield Finding(
                    "PAGE_HEADER_MISMATCH",
                    Severity.WARNING,
                    "",
                    f"Halaman {page.page} mencetak {nama_id} ({printed.kode}) {printed.nama!r}, "
                    f"halaman lain ({expected.kode}) {expected.nama!r}",
                    f"Page {page.page} prints the {nama_en} as ({printed.kode}) "
                    f"{printed.nama!r}, other pages as ({expected.kode}) {expected.nama!r}",
                    page.field_sources.get(name, page.source),
                    {"halaman": page.page, "kolom": name, "tercetak": printed.nama, "lazim": expected.nama},
                )
        ta = page.tahun_anggaran
        if ta is not None and ta != tree.dokumen.tahun_anggaran:
            yield Finding(
                "PAGE_HEADER_MISMATCH",
                Severity.WARNING,
                "",
                f"Halaman {page.page} mencetak tahun anggaran {ta}, dokumen {tree.dokumen.tahun_anggaran}",
                f"Page {page.page} prints fiscal year {ta}, the document {tree.dokumen.tahun_anggaran}",
                page.source,
                {"halaman": page.page},
            )


@rule(
    "PAGE_NUMBER",
    Severity.WARNING,
    "Halaman bernomor urut 1, 2, 3, ...",
    "Pages numbered 1, 2, 3, ... in order",
    "RKA Satker Bagian A",
)
def page_number(tree: RkaSatker) -> Iterator[Finding]:
    """ "Halaman : N" present and equal to the page's place in the document."""
    for page in tree.dokumen.halaman:
        if page.printed_number is None:
            yield Finding(
                "PAGE_NUMBER",
                Severity.WARNING,
                "",
                f"Halaman ke-{page.page} tanpa nomor 'Halaman : N'",
                f"Page {page.page} has no 'Halaman : N'",
                page.source,
            )
        elif page.printed_number != page.page:
            yield Finding(
                "PAGE_NUMBER",
                Severity.WARNING,
                "",
                f"Halaman ke-{page.page} bernomor {page.printed_number}: "
                "ada halaman yang hilang atau tertukar?",
                f"Page {page.page} is numbered {page.printed_number}: a page missing or out of order?",
                page.source,
                {"urutan": page.page, "tercetak": page.printed_number},
            )


def nip_problems(nip: str, on: dt.date | None = None) -> list[tuple[str, str]]:
    """What is wrong with a NIP, as ``(pesan, message)`` pairs; empty when it is valid.

    ``nip``: the 18 digits as printed. ``on``: the document date; the appointment cannot
    be after it.
    """
    if not kd.NIP.fullmatch(nip):
        return [(f"NIP {nip!r} tidak 18 digit", f"NIP {nip!r} is not 18 digits")]
    problems: list[tuple[str, str]] = []
    birth: dt.date | None
    try:
        birth = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        birth = None
        problems.append(
            (
                f"NIP {nip}: tanggal lahir {nip[0:8]} tidak valid",
                f"NIP {nip}: birth date {nip[0:8]} is not a date",
            )
        )
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12 or year < 1900:
        problems.append(
            (
                f"NIP {nip}: TMT pengangkatan {nip[8:14]} tidak valid",
                f"NIP {nip}: appointment {nip[8:14]} is not a month",
            )
        )
    else:
        if birth is not None and (year, month) <= (birth.year, birth.month):
            problems.append(
                (
                    f"NIP {nip}: TMT pengangkatan {nip[8:14]} tidak sesudah tanggal lahir {nip[0:8]}",
                    f"NIP {nip}: appointment {nip[8:14]} is not after the birth date {nip[0:8]}",
                )
            )
        elif birth is not None and (year, month) < (birth.year + MIN_AGE, birth.month):
            problems.append(
                (
                    f"NIP {nip}: diangkat {nip[8:14]} sebelum berusia {MIN_AGE} tahun (lahir {nip[0:8]})",
                    f"NIP {nip}: appointed {nip[8:14]} before the age of {MIN_AGE} (born {nip[0:8]})",
                )
            )
        if on is not None and (year, month) > (on.year, on.month):
            problems.append(
                (
                    f"NIP {nip}: TMT pengangkatan {nip[8:14]} sesudah tanggal dokumen",
                    f"NIP {nip}: appointment {nip[8:14]} after the document date",
                )
            )
    if nip[14] not in "12":
        problems.append(
            (
                f"NIP {nip}: digit jenis kelamin {nip[14]!r} bukan 1 atau 2",
                f"NIP {nip}: sex digit {nip[14]!r} is not 1 or 2",
            )
        )
    return problems


@rule(
    "NIP_INVALID",
    Severity.ERROR,
    "NIP penandatangan: 18 digit, tanggal lahir valid, TMT sesudah lahir, jenis kelamin 1/2",
    "Signatory NIP: 18 digits, valid birth date, appointment after birth, sex digit 1 or 2",
    "PP 11/2017; Peraturan BKN tentang NIP",
)
def nip_valid(tree: RkaSatker) -> Iterator[Finding]:
    """The signatory's NIP, see ``nip_problems``."""
    signer = tree.dokumen.penandatangan
    if signer is None:
        return
    source: SourceRef | None = signer.source
    for pesan, message in nip_problems(signer.nip, tree.dokumen.tanggal):
        yield Finding("NIP_INVALID", Severity.ERROR, "", pesan, message, source, {"nip": signer.nip})
