"""A consolidation as a Fiscal Data Package (FDP): what the package holds and how its
``datapackage.json`` describes it. Pure: the service (:mod:`anggaran.services.opendata`)
runs the queries, writes the files and validates them.

Followed: **Fiscal Data Package 0.3.0** (Open Knowledge / Frictionless Data, "version 0.3.0,
updated 28 January 2016": https://specs.frictionlessdata.io/fiscal-data-package/, the text
in github:openspending/fiscal-data-package ``index.md``; its JSON Schema is
``schemas/fiscal-data-package.json`` of github:frictionlessdata/datapackage). That is the
version with the ``model`` (``measures`` and ``dimensions`` mapped onto the CSV columns)
that OpenSpending loads. A package is a Tabular Data Package: CSV files in ``data/``, each
with a Table Schema, and ``datapackage.json``.

What the package holds:

- ``data/anggaran.csv`` (resource ``anggaran``): the detail lines of every satker summed per
  :data:`KUNCI` (year, stage, version, satker and its K/L and unit, program, kegiatan, KRO,
  RO, komponen, akun and its jenis belanja, sumber dana, provinsi, kab/kota), with
  ``jumlah`` (whole rupiah) and ``baris`` (how many detail lines); the primary key is
  :data:`KUNCI`. ``fase`` is the stage's FDP phase where the stage's label says it
  (:data:`FASE`).
- ``data/<dimensi>.csv``: code → name of each dimension a reference table names
  (:data:`LOOKUP`; ``kabkota`` keyed by provinsi and kab/kota), one row per code the data
  hold, the name empty when no reference names the code (names are never guessed); the
  main resource points at them with foreign keys.

Codes are text as printed (``015.08.CD``, ``001``: Table Schema ``string``, never a
number); an empty code is an empty cell (null).

Where this package deviates from, or chooses within, FDP 0.3.0:

- ``profile`` is ``tabular-data-package`` (what the FDP JSON Schema requires) and every
  resource ``tabular-data-resource``; the spec's older ``profiles: {fiscal, tabular}`` is
  given too.
- ``countryCode`` is ``ID`` in capitals (the JSON Schema's pattern; the spec's example is
  lower case). ``regionCode`` and ``budgetType`` are not written: neither the spec nor its
  JSON Schema defines them; the measure's ``direction`` (expenditure) and ``phase`` say
  what a budget type would.
- One measure, ``jumlah``, over every stage and version (the rows say which, dimension
  ``tahap``): its ``phase`` is given only when every row has the same one; per row, the
  column ``fase`` carries it (a semula, or a stage label :data:`FASE` does not know,
  leaves it empty). ``baris`` (line counts) is not a measure (FDP measures are money).
- Label attributes (``*_nama``, ``title``) come from the lookup resources (``resource``
  on the attribute, joined by the foreign keys), as the spec's normalised example does.
- Dimension ``program`` (program > kegiatan > KRO > RO > komponen) is an ``activity``
  (the spec's type for programs) and keeps the field names rather than ``id``/``title``,
  its key having five parts; ``sumber_dana`` is an ``entity`` (the spec's "account": the
  fund a line is drawn from), with ``id`` and ``title``. Classifications (administrative:
  K/L > unit > satker; economic: jenis belanja > akun) have the ``code`` the spec requires.
- Location codes are the Ministry of Finance's (kdlokasi, kdkabkota), not the statistics
  bureau's: the dimension says so in ``codeList`` (an added property).
- ``fiscalPeriod`` is the calendar years of the data (the Indonesian fiscal year).
- Added properties: ``title`` on the measure and the dimensions, ``codeList`` on
  ``lokasi``, and ``x-anggaran`` (the program and version that wrote the package: it marks
  a folder as an earlier export).
- Beyond what frictionless checks (the Tabular Data Package), :func:`periksa` checks the
  fiscal part of FDP 0.3.0's JSON Schema (:data:`SKEMA`, restated here: frictionless would
  fetch it from the web) and that the model names real columns.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from anggaran.reference import referensi

#: the version of the specification followed
VERSI_FDP = "0.3.0"
SPEC = "https://specs.frictionlessdata.io/fiscal-data-package/"
#: the property that marks a package as written by Anggaran
PENANDA = "x-anggaran"
#: the main resource and its file
RESOURCE = "anggaran"
PATH = "data/anggaran.csv"

#: the budget phase (FDP ``phase``) of a stage label, a label matching a key or the key
#: followed by ``-`` (``revisi-2``): our reading of the cycle (pagu indikatif and pagu
#: anggaran are proposals, the allocation after the APBN law and the DIPA approved, a
#: revision adjusts); only version ``menjadi`` has one (a semula is the document before)
FASE: dict[str, str] = {
    "pagu-indikatif": "proposed",
    "pagu-anggaran": "proposed",
    "alokasi-anggaran": "approved",
    "dipa": "approved",
    "revisi": "adjusted",
}

#: the codes of a budget line, outermost first, as the item dataset names them
KODE = (
    "kl",
    "unit",
    "satker",
    "program",
    "kegiatan",
    "kro",
    "ro",
    "komponen",
    "akun",
    "jenis_belanja",
    "sumber_dana",
    "provinsi",
    "kabkota",
)
#: the grain of the main resource, and its primary key
KUNCI = ("tahun", "tahap", "versi", *KODE)


@dataclass(frozen=True, slots=True)
class Kolom:
    """A column of the main resource: name, Table Schema type, title and description."""

    nama: str
    tipe: str
    judul: str
    uraian: str


KOLOM: tuple[Kolom, ...] = (
    Kolom("tahun", "year", "Fiscal year (tahun anggaran)", "The fiscal year, a calendar year."),
    Kolom(
        "tahap",
        "string",
        "Stage (tahap)",
        "The stage of the budget cycle as the input was labelled: pagu-indikatif, pagu-anggaran, "
        "alokasi-anggaran, dipa, revisi-N, or adk for a SAKTI archive given without a label.",
    ),
    Kolom(
        "versi",
        "string",
        "Version (versi)",
        "menjadi: the document as it stands; semula: the same before its revision (an ADK "
        "archive's m_* tables).",
    ),
    Kolom(
        "fase",
        "string",
        "Budget phase (FDP)",
        "The FDP phase of the stage (proposed, approved, adjusted); empty when the stage label "
        "does not say it, and for version semula.",
    ),
    Kolom("kl", "string", "K/L (kementerian/lembaga)", "Ministry or agency, 3 digits (015)."),
    Kolom("unit", "string", "Unit eselon I", "K/L and unit, as 015.08."),
    Kolom("satker", "string", "Satker (work unit)", "The spending unit, 6 digits."),
    Kolom("program", "string", "Program", "K/L.unit.two letters, as 015.08.WA."),
    Kolom("kegiatan", "string", "Kegiatan (activity)", "4 digits, as 4715."),
    Kolom("kro", "string", "KRO (output classification)", "Kegiatan and 3 letters, as 4715.EBA."),
    Kolom("ro", "string", "RO (detailed output)", "3 characters under its KRO, as 994 or U01."),
    Kolom("komponen", "string", "Komponen", "3 characters under its RO, as 002."),
    Kolom("akun", "string", "Akun (chart of accounts)", "6 digits of the Bagan Akun Standar, as 521211."),
    Kolom(
        "jenis_belanja",
        "string",
        "Jenis belanja",
        "The akun's first two digits: 51 personnel, 52 goods, 53 capital.",
    ),
    Kolom("sumber_dana", "string", "Sumber dana (funding source)", "SAKTI's one-letter kdbeban, as A."),
    Kolom("provinsi", "string", "Provinsi", "The Ministry of Finance's 2-digit province code (kdlokasi)."),
    Kolom(
        "kabkota", "string", "Kabupaten/kota", "The Ministry of Finance's 2-digit code within the province."
    ),
    Kolom("jumlah", "integer", "Amount (jumlah), IDR", "Whole rupiah: the sum of the detail lines' jumlah."),
    Kolom("baris", "integer", "Detail lines", "How many detail lines the amount sums."),
)


@dataclass(frozen=True, slots=True)
class Lookup:
    """A code → name table: its resource name, the main resource's columns that point at
    it (its key), the reference table that names the codes, and a title."""

    nama: str
    kolom: tuple[str, ...]
    referensi: str
    judul: str


LOOKUP: tuple[Lookup, ...] = (
    Lookup("kl", ("kl",), "kementerian", "K/L names"),
    Lookup("unit", ("unit",), "unit_organisasi", "Unit eselon I names"),
    Lookup("satker", ("satker",), "satker", "Satker names"),
    Lookup("program", ("program",), "program", "Program names"),
    Lookup("kegiatan", ("kegiatan",), "kegiatan", "Kegiatan names"),
    Lookup("kro", ("kro",), "kro", "KRO names"),
    Lookup("akun", ("akun",), "akun", "Akun names"),
    Lookup("jenis_belanja", ("jenis_belanja",), "jenis_belanja", "Jenis belanja names"),
    Lookup("sumber_dana", ("sumber_dana",), "sumber_dana", "Sumber dana names"),
    Lookup("provinsi", ("provinsi",), "lokasi", "Province names"),
    Lookup("kabkota", ("provinsi", "kabkota"), "lokasi", "Kabupaten/kota names"),
)
LOOKUP_BY_NAME = {lk.nama: lk for lk in LOOKUP}


def path_lookup(lk: Lookup) -> str:
    return f"data/{lk.nama}.csv"


def fase(tahap: str, versi: str) -> str | None:
    """The FDP phase of stage ``tahap``, version ``versi`` (None when not known)."""
    if versi != "menjadi":
        return None
    for label, phase in FASE.items():
        if tahap == label or tahap.startswith(label + "-"):
            return phase
    return None


def _lit(v: str) -> str:
    return "'" + v.replace("'", "''") + "'"


def fase_sql() -> str:
    """:func:`fase` as a SQL expression over ``tahap`` and ``versi``."""
    whens = " ".join(
        f"WHEN tahap = {_lit(label)} OR starts_with(tahap, {_lit(label + '-')}) THEN {_lit(phase)}"
        for label, phase in FASE.items()
    )
    return f"CASE WHEN versi <> 'menjadi' THEN NULL {whens} ELSE NULL END"


def baris_sql() -> str:
    """The rows of the main resource: detail lines (``tingkat = 0``; header lines carry
    no money) summed per :data:`KUNCI`, an empty code as null, in key order."""
    kode = ", ".join(f"nullif({k}, '') AS {k}" for k in KODE)
    keys = ", ".join(KUNCI)
    return (
        f"SELECT tahun, tahap, versi, {fase_sql()} AS fase, {kode}, "
        f"CAST(coalesce(sum(jumlah), 0) AS BIGINT) AS jumlah, count(*) AS baris "
        f"FROM item WHERE tingkat = 0 "
        f"GROUP BY {keys} ORDER BY {', '.join(f'{k} NULLS FIRST' for k in KUNCI)}"
    )


def kode_sql(lk: Lookup) -> str:
    """The codes of ``lk`` the detail lines hold (its key columns, an empty one as null),
    in order. A key of two columns keeps a pair with one of them empty (``01`` and no
    kab/kota): a foreign key of two columns is checked unless both are empty."""
    cols = ", ".join(f"nullif({c}, '') AS {c}" for c in lk.kolom)
    some = " OR ".join(f"nullif({c}, '') IS NOT NULL" for c in lk.kolom)
    order = ", ".join(f"{c} NULLS FIRST" for c in lk.kolom)
    return f"SELECT DISTINCT {cols} FROM item WHERE tingkat = 0 AND ({some}) ORDER BY {order}"


def nama(lk: Lookup, kode: Sequence[str]) -> str | None:
    """The name the reference in use gives code ``kode`` (its key's values) of ``lk``."""
    ref = referensi()
    if lk.nama == "kabkota":
        return ref.kabkota.get((kode[0], kode[1]))
    if lk.nama == "jenis_belanja":
        return ref.jenis_belanja.get(kode[0])
    return ref.nama(lk.referensi, kode[0])


def _field(k: Kolom) -> dict[str, Any]:
    f: dict[str, Any] = {"name": k.nama, "type": k.tipe, "title": k.judul, "description": k.uraian}
    if k.nama in ("tahun", "tahap", "versi", "satker", "jumlah", "baris"):
        f["constraints"] = {"required": True}
    if k.nama == "versi":
        f["constraints"]["enum"] = ["menjadi", "semula"]
    elif k.nama == "fase":
        f["constraints"] = {"enum": sorted(set(FASE.values()))}
    elif k.nama == "baris":
        f["constraints"]["minimum"] = 1
    return f


def resource_utama() -> dict[str, Any]:
    """The main resource's descriptor (its Table Schema with primary and foreign keys)."""
    return {
        "name": RESOURCE,
        "title": "Budget lines per satker, program, output, akun, funding source and location",
        "description": (
            "The detail lines of every satker's RKA (rencana kerja dan anggaran) summed per year, "
            "stage, version, satker, program, kegiatan, KRO, RO, komponen, akun, sumber dana, "
            "provinsi and kab/kota. Amounts are whole rupiah. Stages are never added together: "
            "filter on tahap and versi before summing."
        ),
        "path": PATH,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {
            "fields": [_field(k) for k in KOLOM],
            "primaryKey": list(KUNCI),
            "foreignKeys": [
                {
                    "fields": list(lk.kolom) if len(lk.kolom) > 1 else lk.kolom[0],
                    "reference": {
                        "resource": lk.nama,
                        "fields": list(lk.kolom) if len(lk.kolom) > 1 else "kode",
                    },
                }
                for lk in LOOKUP
            ],
        },
    }


def resource_lookup(lk: Lookup) -> dict[str, Any]:
    """The descriptor of the lookup ``lk``: its key (``kode``, or provinsi and kabkota)
    and ``nama``."""
    keys = list(lk.kolom) if len(lk.kolom) > 1 else ["kode"]
    return {
        "name": lk.nama,
        "title": lk.judul,
        "description": (
            f"Code to name, from Anggaran's reference table {lk.referensi!r} (shipped, with the "
            "names loaded by the user laid over it); an empty name: no reference names the code."
        ),
        "path": path_lookup(lk),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {
            "fields": [
                *(
                    {
                        "name": k,
                        "type": "string",
                        **({"constraints": {"required": True}} if len(keys) == 1 else {}),
                    }
                    for k in keys
                ),
                {"name": "nama", "type": "string"},
            ],
            "primaryKey": keys if len(keys) > 1 else keys[0],
        },
    }


def _attr(source: str, resource: str = RESOURCE, **more: str) -> dict[str, str]:
    return {"source": source, "resource": resource, **more}


def model(phase: str | None = None) -> dict[str, Any]:
    """The FDP ``model``: one measure (``jumlah``, IDR, expenditure; ``phase`` when the
    whole package has one) and the dimensions, each attribute naming its column."""
    measure: dict[str, Any] = {
        "source": "jumlah",
        "resource": RESOURCE,
        "currency": "IDR",
        "factor": 1,
        "direction": "expenditure",
        "title": "Amount (jumlah)",
    }
    if phase:
        measure["phase"] = phase
    return {
        "measures": {"jumlah": measure},
        "dimensions": {
            "tahun": {
                "dimensionType": "datetime",
                "title": "Fiscal year",
                "attributes": {"tahun": _attr("tahun")},
                "primaryKey": "tahun",
            },
            "tahap": {
                "dimensionType": "other",
                "title": "Stage and version of the budget",
                "attributes": {"tahap": _attr("tahap"), "versi": _attr("versi"), "fase": _attr("fase")},
                "primaryKey": ["tahap", "versi"],
            },
            "administrasi": {
                "dimensionType": "classification",
                "classificationType": "administrative",
                "title": "K/L > unit eselon I > satker",
                "attributes": {
                    "kl": _attr("kl"),
                    "kl_nama": _attr("nama", "kl", labelfor="kl"),
                    "unit": _attr("unit", parent="kl"),
                    "unit_nama": _attr("nama", "unit", labelfor="unit"),
                    "code": _attr("satker", parent="unit"),
                    "title": _attr("nama", "satker", labelfor="code"),
                },
                "primaryKey": "code",
            },
            "program": {
                "dimensionType": "activity",
                "title": "Program > kegiatan > KRO > RO > komponen",
                "attributes": {
                    "program": _attr("program"),
                    "program_nama": _attr("nama", "program", labelfor="program"),
                    "kegiatan": _attr("kegiatan", parent="program"),
                    "kegiatan_nama": _attr("nama", "kegiatan", labelfor="kegiatan"),
                    "kro": _attr("kro", parent="kegiatan"),
                    "kro_nama": _attr("nama", "kro", labelfor="kro"),
                    "ro": _attr("ro", parent="kro"),
                    "komponen": _attr("komponen", parent="ro"),
                },
                "primaryKey": ["program", "kegiatan", "kro", "ro", "komponen"],
            },
            "akun": {
                "dimensionType": "classification",
                "classificationType": "economic",
                "title": "Jenis belanja > akun (Bagan Akun Standar)",
                "attributes": {
                    "jenis_belanja": _attr("jenis_belanja"),
                    "jenis_belanja_nama": _attr("nama", "jenis_belanja", labelfor="jenis_belanja"),
                    "code": _attr("akun", parent="jenis_belanja"),
                    "title": _attr("nama", "akun", labelfor="code"),
                },
                "primaryKey": "code",
            },
            "sumber_dana": {
                "dimensionType": "entity",
                "title": "Funding source (sumber dana)",
                "attributes": {
                    "id": _attr("sumber_dana"),
                    "title": _attr("nama", "sumber_dana", labelfor="id"),
                },
                "primaryKey": "id",
            },
            "lokasi": {
                "dimensionType": "location",
                "title": "Provinsi > kabupaten/kota",
                "codeList": "Ministry of Finance location codes (kdlokasi, kdkabkota), not BPS codes",
                "attributes": {
                    "provinsi": _attr("provinsi"),
                    "provinsi_nama": _attr("nama", "provinsi", labelfor="provinsi"),
                    "kabkota": _attr("kabkota", parent="provinsi"),
                    "kabkota_nama": _attr("nama", "kabkota", labelfor="kabkota"),
                },
                "primaryKey": ["provinsi", "kabkota"],
            },
        },
    }


#: licences by their Open Definition id: (URL, title)
LISENSI: dict[str, tuple[str, str]] = {
    "CC-BY-4.0": ("https://creativecommons.org/licenses/by/4.0/", "Creative Commons Attribution 4.0"),
    "CC0-1.0": ("https://creativecommons.org/publicdomain/zero/1.0/", "CC0 1.0 Public Domain Dedication"),
    "ODC-BY-1.0": (
        "https://opendatacommons.org/licenses/by/1-0/",
        "Open Data Commons Attribution License 1.0",
    ),
    "ODC-PDDL-1.0": (
        "https://opendatacommons.org/licenses/pddl/1-0/",
        "Open Data Commons Public Domain Dedication and License 1.0",
    ),
}
#: what an Open Definition licence id may hold (the Data Package schema's pattern)
LISENSI_POLA = re.compile(r"[-a-zA-Z0-9._]+", re.ASCII)


def lisensi(nama: str) -> dict[str, str]:
    """The ``licenses`` entry of licence ``nama`` (an Open Definition id)."""
    known = {k.lower(): k for k in LISENSI}
    key = known.get(nama.lower())
    if key is None:
        return {"name": nama}
    path, title = LISENSI[key]
    return {"name": key, "path": path, "title": title}


def descriptor(
    *,
    tahun: Sequence[str],
    sumber: Sequence[Mapping[str, str]],
    lisensi_: Mapping[str, str],
    dibuat: str,
    penulis: Mapping[str, Any],
    phase: str | None,
    satker: int,
) -> dict[str, Any]:
    """The whole ``datapackage.json``: package metadata, resources and model."""
    years = sorted({str(t) for t in tahun})
    span = years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}"
    return {
        "profile": "tabular-data-package",
        "profiles": {"fiscal": "*", "tabular": "*"},
        "name": f"rka-satker-{'-'.join(years)}".lower(),
        "title": f"Indonesian central-government budget lines (RKA Satker), FY {span}: {satker} satker",
        "description": (
            "Rencana kerja dan anggaran of Indonesian central-government work units (satker), "
            "consolidated by Anggaran from SAKTI ADK archives or documents, as a Fiscal Data "
            f"Package {VERSI_FDP}. Codes are text as printed (leading zeros kept); amounts are whole "
            "rupiah; each row belongs to one stage (tahap) and version (versi): never add two "
            "stages together."
        ),
        "keywords": ["budget", "anggaran", "APBN", "RKA Satker", "Indonesia", "fiscal data package"],
        "countryCode": "ID",
        "granularity": "aggregated",
        "fiscalPeriod": {"start": f"{years[0]}-01-01", "end": f"{years[-1]}-12-31"},
        "licenses": [dict(lisensi_)],
        "sources": [dict(s) for s in sumber],
        "created": dibuat,
        PENANDA: dict(penulis),
        "resources": [resource_utama(), *(resource_lookup(lk) for lk in LOOKUP)],
        "model": model(phase),
    }


# -- what frictionless does not check: FDP 0.3.0's own rules ---------------------------

_W = "^\\w+"
#: FDP 0.3.0's JSON Schema, its fiscal part (the tabular part frictionless checks)
SKEMA: dict[str, Any] = {
    "type": "object",
    "required": ["name", "title", "resources", "model", "profile"],
    "properties": {
        "profile": {"enum": ["tabular-data-package"]},
        "countryCode": {
            "oneOf": [
                {"type": "string", "pattern": "^[A-Z]{2}$"},
                {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": "^[A-Z]{2}$"}},
            ]
        },
        "granularity": {"enum": ["aggregated", "transactional"]},
        "fiscalPeriod": {
            "type": "object",
            "required": ["start"],
            "properties": {
                "start": {"type": "string", "pattern": "^\\d{4}-(0?[1-9]|1[012])-(0?[1-9]|[12]\\d|3[01])"},
                "end": {"type": "string", "pattern": "^\\d{4}-(0?[1-9]|1[012])-(0?[1-9]|[12]\\d|3[01])"},
            },
        },
        "model": {
            "type": "object",
            "required": ["measures", "dimensions"],
            "properties": {
                "measures": {
                    "type": "object",
                    "minProperties": 1,
                    "patternProperties": {
                        _W: {
                            "type": "object",
                            "required": ["source", "currency"],
                            "properties": {
                                "source": {"type": "string"},
                                "resource": {"type": "string"},
                                "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
                                "factor": {"type": "number"},
                                "direction": {"enum": ["expenditure", "revenue"]},
                                "phase": {"enum": ["proposed", "approved", "adjusted", "executed"]},
                            },
                        }
                    },
                },
                "dimensions": {
                    "type": "object",
                    "minProperties": 1,
                    "patternProperties": {
                        _W: {
                            "type": "object",
                            "required": ["attributes", "primaryKey"],
                            "properties": {
                                "attributes": {
                                    "type": "object",
                                    "minProperties": 1,
                                    "patternProperties": {
                                        _W: {
                                            "type": "object",
                                            "required": ["source"],
                                            "properties": {
                                                "source": {"type": "string"},
                                                "resource": {"type": "string"},
                                                "parent": {"type": "string"},
                                                "labelfor": {"type": "string"},
                                            },
                                        }
                                    },
                                },
                                "primaryKey": {
                                    "oneOf": [
                                        {"type": "string"},
                                        {"type": "array", "minItems": 1, "items": {"type": "string"}},
                                    ]
                                },
                                "dimensionType": {
                                    "enum": [
                                        "datetime",
                                        "entity",
                                        "classification",
                                        "activity",
                                        "fact",
                                        "location",
                                        "other",
                                    ]
                                },
                                "classificationType": {"enum": ["functional", "administrative", "economic"]},
                            },
                        }
                    },
                },
            },
        },
    },
}


def _fields(desc: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """Resource name → its field names and types."""
    out: dict[str, dict[str, str]] = {}
    for r in desc.get("resources", []):
        schema = r.get("schema") or {}
        out[str(r.get("name"))] = {
            str(f.get("name")): str(f.get("type", "any")) for f in schema.get("fields", [])
        }
    return out


def periksa(desc: Mapping[str, Any]) -> list[str]:
    """What breaks FDP 0.3.0 in ``desc`` beyond the Tabular Data Package frictionless
    validates: its JSON Schema's fiscal part, and that the model names real fields (each
    measure a numeric column; each attribute a column of its resource, the first by
    default; each key, parent and label an attribute; a classification has ``code``)."""
    import jsonschema

    out = [
        f"{'/'.join(map(str, e.absolute_path)) or '(package)'}: {e.message}"
        for e in sorted(
            jsonschema.Draft7Validator(SKEMA).iter_errors(desc), key=lambda e: list(e.absolute_path)
        )
    ]
    fields = _fields(desc)
    first = str(desc["resources"][0].get("name")) if desc.get("resources") else ""
    m = desc.get("model") or {}
    for name, meas in (m.get("measures") or {}).items():
        res = str(meas.get("resource", first))
        tipe = fields.get(res, {}).get(str(meas.get("source")))
        if tipe is None:
            out.append(f"model/measures/{name}: no field {meas.get('source')!r} in resource {res!r}")
        elif tipe not in ("integer", "number"):
            out.append(f"model/measures/{name}: field {meas.get('source')!r} is {tipe}, not a number")
    for name, dim in (m.get("dimensions") or {}).items():
        attrs = dim.get("attributes") or {}
        for key, a in attrs.items():
            res = str(a.get("resource", first))
            if str(a.get("source")) not in fields.get(res, {}):
                out.append(f"model/dimensions/{name}/{key}: no field {a.get('source')!r} in resource {res!r}")
            for ref in ("parent", "labelfor"):
                if ref in a and a[ref] not in attrs:
                    out.append(f"model/dimensions/{name}/{key}: {ref} {a[ref]!r} is not an attribute")
        pk = dim.get("primaryKey")
        for key in [pk] if isinstance(pk, str) else list(pk or []):
            if key not in attrs:
                out.append(f"model/dimensions/{name}: primary key {key!r} is not an attribute")
        if dim.get("dimensionType") == "classification" and "code" not in attrs:
            out.append(f"model/dimensions/{name}: a classification has a 'code' attribute")
    return out
