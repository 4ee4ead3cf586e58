"""What the readers report about their input (``READ_*`` findings): every line they could
not use, so that nothing is dropped silently. Registered here once, with their messages,
so that ``anggaran rules`` lists them beside the rules' ids.

An error means part of the input has no certain place in the tree (outputs and imports
refuse such a tree); a warning, that something was read with a caveat or not needed.
The ADK reader reports the plan before the revision (its ``m_*`` tables) as warnings; its
messages then start with ``semula (m_*):`` (the argument ``semula``).
"""

from __future__ import annotations

from anggaran.core.findings import N_, Severity, register

_TEXT = "RKA Satker Bagian A (text)"
_ADK = "SAKTI ADK archive"

register(
    "READ_LINE_UNRECOGNISED",
    Severity.WARNING,
    N_("Every line of the text is recognised"),
    _TEXT,
    N_("Line not recognised and not used: {text!r}"),
    {
        "ttd": N_("Line of the signature block not used: {text!r}"),
        "setelah_nip": N_("Line after the NIP not used: {text!r}"),
    },
    reader=True,
)
register(
    "READ_HEADER_REPEATED",
    Severity.WARNING,
    N_("Each header field printed once per page"),
    _TEXT,
    N_("{label} printed twice on one page"),
    reader=True,
)
register(
    "READ_PARENT_MISSING",
    Severity.ERROR,
    N_("Every row sits under its parent row"),
    _TEXT,
    N_("{level} {kode} has no {induk} above it; row not used"),
    {"ro_lengkap": N_("RO {kode} is not under KRO {kro}; row not used")},
    reader=True,
)
register(
    "READ_KODE_UNKNOWN",
    Severity.ERROR,
    N_("Every code in the KODE column is a program, kegiatan, KRO, RO or indicator number"),
    _TEXT,
    N_("Code {kode!r} is not a program, kegiatan, KRO, RO or indicator number; row not used"),
    reader=True,
)
register(
    "READ_VALUE_UNRECOGNISED",
    Severity.ERROR,
    N_("Every value cell is a volume with its satuan or an amount"),
    _TEXT,
    N_("value {cell!r} in column ({kolom}) is neither volume/satuan nor an amount"),
    {
        "pemisah": N_("amount {cell!r} does not follow the document's thousands separator ({pemisah!r})"),
    },
    reader=True,
)
register(
    "READ_AMOUNT_FRACTION",
    Severity.ERROR,
    N_("Every amount is in whole rupiah"),
    _TEXT,
    N_(
        "amount {cell!r} in column ({kolom}) has a fraction of a rupiah; read as {jumlah:rp}, "
        "the whole rupiah it writes"
    ),
    reader=True,
)
register(
    "READ_CELLS_MISSING",
    Severity.WARNING,
    N_("Every table row has its six columns"),
    _TEXT,
    N_(
        "Row has fewer than 6 columns: amounts read from the right (JUMLAH last); the angka dasar / "
        "inisiatif baru split may be wrong"
    ),
    reader=True,
)
register(
    "READ_VALUE_UNEXPECTED",
    Severity.WARNING,
    N_("Values only where the row's kind has them"),
    _TEXT,
    N_("Volume/satuan on this row is not used"),
    {
        "program": N_("Volume/satuan on a program or kegiatan row is not used"),
        "jumlah": N_("An indicator row carries amounts; the amounts are not used"),
    },
    reader=True,
)
register(
    "READ_ROW_UNPLACED",
    Severity.ERROR,
    N_("Every indicator text has its label above it"),
    _TEXT,
    N_("Text with no indicator label above it is not used: {text!r}"),
    reader=True,
)
register(
    "READ_LABEL_ORPHAN",
    Severity.ERROR,
    N_("Every indicator label has the row it belongs to"),
    _TEXT,
    N_("Label {label!r} has no row it belongs to; its text is not used"),
    reader=True,
)
register(
    "READ_SASARAN_MISSING",
    Severity.WARNING,
    N_("Every IKP has its Sasaran Program"),
    _TEXT,
    N_("IKP {kode} has no Sasaran Program {sasaran}"),
    reader=True,
)
register(
    "READ_SIGNATURE_MISSING",
    Severity.WARNING,
    N_("The document ends with place, date and signatory"),
    _TEXT,
    N_("Place, date and signatory not found at the end of the document"),
    reader=True,
)
register(
    "READ_SIGNATURE_INCOMPLETE",
    Severity.WARNING,
    N_("The signature block has position, name and NIP"),
    _TEXT,
    N_("Signature block incomplete (expected position, name, NIP)"),
    reader=True,
)
register(
    "READ_DATE_INVALID",
    Severity.WARNING,
    N_("The document date is a date"),
    _TEXT,
    N_("Month name {bulan!r} not recognised"),
    {"tanggal": N_("Invalid date: {text!r}")},
    reader=True,
)
register(
    "READ_ADK_PARENT_MISSING",
    Severity.ERROR,
    N_("Every ADK row names a parent its level table has"),
    _ADK,
    N_(
        "{semula}{tabel} row {baris}: {level} {kode} is missing from table {tabel_induk}; "
        "node made without its name"
    ),
    reader=True,
)
register(
    "READ_ADK_DUPLICATE",
    Severity.ERROR,
    N_("Every ADK row is there once"),
    _ADK,
    N_("{semula}{tabel} row {baris}: {level} {kode} comes twice; this row is merged into the first"),
    {
        "dihitung": N_(
            "{semula}{tabel} row {baris}: {level} {kode} comes twice; "
            "still counted, check whether it is a double"
        )
    },
    reader=True,
)
register(
    "READ_ADK_BEDA_SATKER",
    Severity.ERROR,
    N_("A satker's ADK rows are of one fiscal year, K/L and unit"),
    _ADK,
    N_("{semula}{tabel} row {baris}: FY/K/L/unit {baris_ini}, satker {satker} elsewhere {lazim}"),
    reader=True,
)
register(
    "READ_ADK_NILAI",
    Severity.ERROR,
    N_("ADK values have their column's form"),
    _ADK,
    N_("{semula}{tabel} row {baris}: {kolom} {nilai!r}, expected {harapan:t}"),
    reader=True,
)
register(
    "READ_ADK_KOLOM",
    Severity.WARNING,
    N_("Every ADK column is placed by the values of its XML rows"),
    _ADK,
    N_(
        "{tabel}: column {kolom} placed by its position in the XSD (field {posisi} of the CSV), since its "
        "values differ from the XML rows in {beda} of {sampel} rows compared; check the file"
    ),
    {
        "tidak_dikenal": N_(
            "{tabel}: field {posisi} of the CSV matches no column of the XML rows and is not used "
            "({contoh!r} …)"
        ),
        "hilang": N_("{tabel}: column {kolom} is not in the CSV; {guna:t} cannot be read from it"),
        "disimpan_ulang": N_(
            "{tabel}: the CSV was saved again by a spreadsheet program (fields separated by {pemisah!r}, "
            "not '|'); read with {angka} numbers written back as SAKTI writes them and {nol} codes given "
            "their leading zeros back; check it against SAKTI"
        ),
    },
    reader=True,
)
