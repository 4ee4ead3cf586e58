"""What the XLSX reader reports about a workbook (``READ_XLSX_*``): each cell it could not
use, each printed total that is not what its rows give, the hidden data it could not use.
Sources name the file and sheet (``laporan.xlsx!bagian-b``) and the row as the line; the
messages name the cell (``G57``)."""

from __future__ import annotations

from anggaran.core.findings import N_, Severity, register

_XLSX = "XLSX workbook (Anggaran's Bagian A or B, SAKTI's Kertas Kerja Satker)"

register(
    "READ_XLSX_JUMLAH",
    Severity.WARNING,
    N_("Every JUMLAH printed in the workbook is what its rows give"),
    _XLSX,
    N_(
        "cell {sel}: JUMLAH printed {tercetak:rp}, the rows under it add up to {dihitung:rp}; the sum is used"
    ),
    {
        "detail": N_(
            "cell {sel}: JUMLAH printed {tercetak:rp}, volume × harga satuan gives {dihitung:rp} "
            "(rounded down to Rp 1,000 as SAKTI does); the computed amount is used"
        ),
        "satker": N_(
            "cell {sel}: the total printed ({tercetak:rp}) is not the sum of the lines ({dihitung:rp})"
        ),
    },
    reader=True,
)
register(
    "READ_XLSX_RUMUS",
    Severity.ERROR,
    N_("Every formula the reader needs has its computed value"),
    _XLSX,
    N_(
        "cell {sel} holds the formula {rumus!r} without its computed value (saved by a program that "
        "does not compute formulas); read as empty: open and save the file in Excel or LibreOffice, "
        "or type the value"
    ),
    reader=True,
)
register(
    "READ_XLSX_NILAI",
    Severity.ERROR,
    N_("Every cell the reader uses holds what its column needs"),
    _XLSX,
    N_("cell {sel} ({kolom}): {nilai!r} is not an amount in whole rupiah; read as 0"),
    {
        "pecahan": N_(
            "cell {sel} ({kolom}): {nilai} has a fraction of a rupiah (amounts are whole rupiah); read as 0"
        ),
        "negatif": N_("cell {sel} ({kolom}): {nilai} is negative; read as 0"),
        "volume": N_("cell {sel} ({kolom}): {nilai!r} is not a volume; read as 0"),
        "rincian": N_(
            "cell {sel} ({kolom}): {nilai!r} is not a volume expression such as 2 ORG x 3 KALI; not used"
        ),
    },
    reader=True,
)
register(
    "READ_XLSX_BARIS",
    Severity.ERROR,
    N_("Every row of the table has its place in the tree"),
    _XLSX,
    N_(
        "row {baris}: code {kode!r} is no program, kegiatan, KRO, RO, komponen, sub-komponen or "
        "akun code; row not used"
    ),
    {
        "induk": N_("row {baris}: {kode} has no {induk} above it; row not used"),
        "ro_kro": N_(
            "row {baris}: RO {kode} is not under KRO {kro} (the KRO above it is {di_atas}); row not used"
        ),
        "tanpa_akun": N_("row {baris}: the detail line {uraian!r} has no akun above it; row not used"),
        "setelah_total": N_("row {baris} below the total row holds amounts; row not used"),
    },
    reader=True,
)
register(
    "READ_XLSX_DATA",
    Severity.WARNING,
    N_("The hidden data of a workbook written by Anggaran can be used"),
    _XLSX,
    N_(
        "the hidden sheet of Anggaran's data cannot be used ({sebab}); the workbook is read from its "
        "visible cells only, without what they do not show (monthly plans, indicators, item numbers, "
        "the ADK's own columns)"
    ),
    reader=True,
)
