"""The shipped reference tables (``anggaran/reference/data/*.csv``, gathered from
``../shared/reference`` with their sources) as rows of :class:`~anggaran.store.models.Referensi`,
so that queries over stored versions can join code to name in the database.

Migration 0002 loads the tables as they ship with that release. A release that changes
them adds a data migration of its own calling :func:`isi_referensi` again, so an existing
database follows.
"""

from __future__ import annotations

from typing import Any

from anggaran.reference import rows

#: table -> the column(s) holding its code (joined with a dot) and its name column(s),
#: the first non-empty one taken
TABEL: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "akun": (("kode",), ("nama",)),
    "jenis_belanja": (("kode",), ("nama",)),
    "kegiatan": (("kode",), ("nama",)),
    "kementerian": (("kode",), ("nama",)),
    "kro": (("kode",), ("nama",)),
    "lokasi": (("kdlokasi", "kdkabkota"), ("kabkota", "provinsi")),
    "program": (("kode",), ("nama",)),
    "satker": (("kode",), ("nama",)),
    "sumber_dana": (("kdbeban",), ("nama",)),
    "unit_organisasi": (("kode",), ("nama",)),
}


def baris_referensi() -> list[dict[str, Any]]:
    """Every reference row as ``{"jenis", "kode", "nama", "sumber", "data"}`` (``data``:
    the row's other columns)."""
    out = []
    for jenis, (kode_cols, nama_cols) in TABEL.items():
        for row in rows(f"{jenis}.csv"):
            kode = ".".join(row[c] for c in kode_cols if row[c])
            nama = next((row[c].strip() for c in nama_cols if row[c].strip()), "")
            rest = {k: v for k, v in row.items() if k not in {*kode_cols, *nama_cols, "sumber"}}
            out.append(
                {"jenis": jenis, "kode": kode, "nama": nama, "sumber": row.get("sumber", ""), "data": rest}
            )
    return out


def isi_referensi(model: Any, using: str) -> None:
    """Replace the rows of ``model`` (the Referensi model, historical in a migration) in
    database ``using`` with the shipped tables."""
    model.objects.using(using).all().delete()
    model.objects.using(using).bulk_create([model(**r) for r in baris_referensi()])
