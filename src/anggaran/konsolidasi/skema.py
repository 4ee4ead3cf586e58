"""The datasets of a consolidation and their columns, in the field's terms.

A consolidation is a folder of Parquet datasets, each partitioned by year and stage
(``item/tahun=2026/tahap=dipa/…parquet``), one file per archive or per batch of trees:

- ``item``: one row per detail line of every satker (header lines included, ``tingkat``
  1 or 2), with its whole path of codes, the classifications a reviewer cuts by
  (``jenis_belanja``, ``sumber_dana``, ``provinsi``, ``kppn``) and its money;
- ``akun``: one row per akun of every satker (its sumber dana, KPPN, blokir): an akun
  without detail lines is seen here only;
- ``kro`` and ``ro``: the KRO and RO rows with their volumes;
- ``trktrm``: the withdrawal plan per satker, program, kegiatan and jenis belanja.

``versi`` is ``menjadi`` (the archive's ``d_*`` tables, a document as it stands) or
``semula`` (the ``m_*`` tables: the same before revision). Codes are text as printed
(``015.08.CD``, ``6212.FAL``, ``002``, sub-komponen ``A`` without its padding); money is
whole rupiah (BIGINT); volumes are DECIMAL(18,4). ``berkas`` and ``baris`` say where a
row was read (file and line), so that a finding names its source like the per-tree one.
"""

from __future__ import annotations

from anggaran.core.tree import BULAN

#: the partition columns of every dataset
PARTISI = ("tahun", "tahap")

#: where every dataset's row was read, and its satker's place in the organisation
_ASAL = (
    ("tahun", "VARCHAR"),
    ("tahap", "VARCHAR"),
    ("versi", "VARCHAR"),
    ("arsip", "VARCHAR"),
    ("berkas", "VARCHAR"),
    ("baris", "INTEGER"),
    ("kl", "VARCHAR"),
    ("unit", "VARCHAR"),
    ("satker", "VARCHAR"),
)
_KRO = (("program", "VARCHAR"), ("kegiatan", "VARCHAR"), ("kro", "VARCHAR"))
_AKUN = (
    ("ro", "VARCHAR"),
    ("komponen", "VARCHAR"),
    ("sub_komponen", "VARCHAR"),
    ("akun", "VARCHAR"),
    ("jenis_belanja", "VARCHAR"),
    ("sumber_dana", "VARCHAR"),
    ("kppn", "VARCHAR"),
    ("provinsi", "VARCHAR"),
    ("kabkota", "VARCHAR"),
)

#: each dataset's columns and their DuckDB types, in order
DATASET: dict[str, tuple[tuple[str, str], ...]] = {
    "item": (
        *_ASAL,
        *_KRO,
        *_AKUN,
        ("item", "VARCHAR"),
        ("tingkat", "TINYINT"),
        ("uraian", "VARCHAR"),
        *((f"vol{n}", "DECIMAL(18,4)") for n in (1, 2, 3, 4)),
        *((f"sat{n}", "VARCHAR") for n in (1, 2, 3, 4)),
        ("volume", "DECIMAL(18,4)"),
        ("satuan", "VARCHAR"),
        ("harga_satuan", "BIGINT"),
        ("jumlah", "BIGINT"),
        ("blokir", "BIGINT"),
        ("kdib", "VARCHAR"),
        *((b, "BIGINT") for b in BULAN),
    ),
    "akun": (
        *_ASAL,
        *_KRO,
        *_AKUN,
        ("kdblokir", "VARCHAR"),
        ("uraian_blokir", "VARCHAR"),
    ),
    "kro": (*_ASAL, *_KRO, ("provinsi", "VARCHAR"), ("kabkota", "VARCHAR"), ("volume", "DECIMAL(18,4)")),
    "ro": (
        *_ASAL,
        *_KRO,
        ("provinsi", "VARCHAR"),
        ("kabkota", "VARCHAR"),
        ("ro", "VARCHAR"),
        ("uraian", "VARCHAR"),
        ("volume", "DECIMAL(18,4)"),
        ("satuan", "VARCHAR"),
    ),
    "trktrm": (
        *_ASAL,
        ("program", "VARCHAR"),
        ("kegiatan", "VARCHAR"),
        ("jenis_belanja", "VARCHAR"),
        ("kdtrktrm", "VARCHAR"),
        ("pagu", "BIGINT"),
        *((b, "BIGINT") for b in BULAN),
    ),
}

#: the levels a roll-up and a cut know, each as the columns that name it (outermost
#: first); a level's total is the sum of ``jumlah`` over the detail lines below it
LEVEL: dict[str, tuple[str, ...]] = {
    "kl": ("kl",),
    "unit": ("unit",),
    "satker": ("satker",),
    "program": ("program",),
    "kegiatan": ("kegiatan",),
    "kro": ("kro",),
    "ro": ("kro", "ro"),
    "komponen": ("kro", "ro", "komponen"),
    "akun": ("akun",),
    "jenis_belanja": ("jenis_belanja",),
    "sumber_dana": ("sumber_dana",),
    "provinsi": ("provinsi",),
    "kabkota": ("provinsi", "kabkota"),
    "kppn": ("kppn",),
}


def kolom(dataset: str) -> tuple[str, ...]:
    """The column names of ``dataset``, in order."""
    return tuple(name for name, _ in DATASET[dataset])


#: the dimensions of the cube (every code a cut or drilldown may name)
DIMENSI_KUBUS = (
    "tahun",
    "tahap",
    "versi",
    "kl",
    "unit",
    "satker",
    "program",
    "kegiatan",
    "kro",
    "ro",
    "komponen",
    "sub_komponen",
    "akun",
    "jenis_belanja",
    "sumber_dana",
    "provinsi",
    "kabkota",
    "kppn",
)

#: the cube every total is read from: the detail lines (not the header lines) summed per
#: every dimension, with their count (``baris``); a fifth of the lines' number. A
#: consolidation keeps it as a table in ``konsolidasi.duckdb``; elsewhere it is this view.
KUBUS = (
    f"SELECT {', '.join(DIMENSI_KUBUS)}, sum(jumlah) AS jumlah, count(*) AS baris FROM item "
    f"WHERE tingkat = 0 GROUP BY {', '.join(DIMENSI_KUBUS)}"
)
