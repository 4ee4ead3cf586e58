"""The canonical JSON form of one satker's document ("rka-satker/1").

Validated against ``rka-satker.schema.json`` (a copy of ``shared/schema``). Money is whole
rupiah as JSON integers; volumes are JSON numbers read back as ``Decimal``; codes are
strings as printed. Fields the schema does not name (``lokasi_nama`` on a KRO, the Bagian B
extras, ``dokumen.penandatangan_tanpa_nip``: a signatory whose source gives no NIP, which
the schema's ``penandatangan`` requires) are written beside the schema's own, which allows
them.

A node read from an ADK row (KRO, RO, komponen, sub-komponen, akun, detail line, a row of
the withdrawal plan, the signatory of ``d_kpa``) may carry ``adk``: an object of the raw
values of the SAKTI columns the tree does not model (``formats.adk.baris``), so that an ADK
written from the JSON gives SAKTI's tables back field by field. It takes no part in
equality: :func:`to_dict` leaves it out unless asked (``adk=True``), so that equal trees
have equal dicts and fingerprints; :func:`dumps`, the file, writes it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from anggaran.core.errors import InputError, OutputError
from anggaran.core.findings import N_, SourceRef
from anggaran.core.tree import (
    KRO,
    RO,
    Akun,
    Alokasi,
    Detail,
    Dokumen,
    Indikator,
    Kegiatan,
    Keluaran,
    KodeNama,
    Komponen,
    Penandatangan,
    Program,
    RencanaPenarikan,
    RkaSatker,
    Sasaran,
    SubKomponen,
)
from anggaran.formats.result import ReadResult

SCHEMA_ID = "rka-satker/1"


@cache
def schema() -> dict[str, Any]:
    """The JSON schema of the canonical form."""
    text = resources.files(__package__).joinpath("rka-satker.schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def _num(v: Decimal | None) -> int | float | None:
    if v is None:
        return None
    return int(v) if v == v.to_integral_value() else float(v)


def _alokasi(a: Alokasi) -> dict[str, int]:
    return {"angka_dasar": a.angka_dasar, "inisiatif_baru": a.inisiatif_baru, "jumlah": a.jumlah}


def _kn(k: KodeNama) -> dict[str, str]:
    return {"kode": k.kode, "nama": k.nama}


def _indikator(i: Indikator) -> dict[str, Any]:
    d: dict[str, Any] = {"kode": i.kode, "uraian": i.uraian}
    if i.target is not None or i.satuan is not None:
        d["target"] = _num(i.target)
        d["satuan"] = i.satuan
    return d


def _keluaran(k: Keluaran) -> dict[str, Any]:
    return {"volume": _num(k.volume), "satuan": k.satuan}


def _adk(node: Any, adk: bool) -> dict[str, Any]:
    """``{"adk": {...}}`` of a node that carries raw ADK values, when asked; else nothing."""
    return {"adk": dict(node.adk)} if adk and node.adk else {}


def _detail(d: Detail, adk: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "uraian": d.uraian,
        "volume": _num(d.volume),
        "satuan": d.satuan,
        "harga_satuan": d.harga_satuan,
        "jumlah": d.jumlah,
    }
    if d.kode is not None:
        out["kode"] = d.kode
    if d.header:
        out["header"] = True
    if d.tingkat:
        out["tingkat"] = d.tingkat
    if d.kdib is not None:
        out["kdib"] = d.kdib
    if d.faktor:
        out["faktor"] = [{"volume": _num(v), "satuan": s} for v, s in d.faktor]
    if d.sumber_dana is not None:
        out["sumber_dana"] = d.sumber_dana
    if d.blokir:
        out["blokir"] = d.blokir
    if d.rencana_bulanan:
        out["rencana_bulanan"] = d.rencana_bulanan
    out.update(_adk(d, adk))
    return out


def _akun_extra(a: Akun) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if a.kppn is not None:
        out["kppn"] = a.kppn
    if a.uraian_blokir is not None:
        out["uraian_blokir"] = a.uraian_blokir
    if a.catatan:
        out["catatan"] = a.catatan
    return out


def _rencana_penarikan(r: RencanaPenarikan, adk: bool = False) -> dict[str, Any]:
    return {
        "program": r.program,
        "kegiatan": r.kegiatan,
        "jenis_belanja": r.jenis_belanja,
        "pagu": r.pagu,
        "bulanan": r.bulanan,
        "kdtrktrm": r.kdtrktrm,
        **_adk(r, adk),
    }


def _komponen(c: Komponen, adk: bool = False) -> dict[str, Any]:
    return {
        "kode": c.kode,
        "nama": c.nama,
        "jumlah": c.alokasi.jumlah,
        "alokasi": _alokasi(c.alokasi),
        "sub_komponen": [
            {
                "kode": s.kode,
                "nama": s.nama,
                "jumlah": s.alokasi.jumlah,
                "alokasi": _alokasi(s.alokasi),
                "akun": [
                    {
                        "kode": a.kode,
                        "nama": a.nama,
                        "sumber_dana": a.sumber_dana,
                        "jumlah": a.alokasi.jumlah,
                        "alokasi": _alokasi(a.alokasi),
                        "blokir": a.blokir,
                        **_akun_extra(a),
                        "detail": [_detail(d, adk) for d in a.detail],
                        **_adk(a, adk),
                    }
                    for a in s.akun
                ],
                **_adk(s, adk),
            }
            for s in c.sub_komponen
        ],
        **_adk(c, adk),
    }


def to_dict(tree: RkaSatker, *, adk: bool = False) -> dict[str, Any]:
    """The canonical form of ``tree`` as a JSON-ready dict (see the module docstring);
    ``adk`` True adds the nodes' raw ADK values."""
    doc = tree.dokumen
    dokumen: dict[str, Any] = {"judul": doc.judul, "tahun_anggaran": doc.tahun_anggaran, "bagian": doc.bagian}
    if doc.tahap:
        dokumen["tahap"] = doc.tahap
    if doc.jumlah_halaman:
        dokumen["jumlah_halaman"] = doc.jumlah_halaman
    if doc.tempat:
        dokumen["tempat"] = doc.tempat
    if doc.tanggal:
        dokumen["tanggal"] = doc.tanggal.isoformat()
    if doc.kop:
        dokumen["kop"] = doc.kop
    if doc.penandatangan:
        ttd = doc.penandatangan
        signer: dict[str, Any] = {"jabatan": ttd.jabatan, "nama": ttd.nama}
        if ttd.nip:
            signer["nip"] = ttd.nip
        if ttd.pangkat:
            signer["pangkat"] = ttd.pangkat
        signer.update(_adk(ttd, adk))
        # the schema's signatory has an 18-digit NIP: one whose source gives none (an
        # ADK's d_kpa) is written beside it
        dokumen["penandatangan" if ttd.nip else "penandatangan_tanpa_nip"] = signer
    programs = []
    for p in tree.program:
        programs.append(
            {
                "kode": p.kode,
                "nama": p.nama,
                "alokasi": _alokasi(p.alokasi),
                "sasaran": [
                    {"kode": s.kode, "uraian": s.uraian, "indikator": [_indikator(i) for i in s.indikator]}
                    for s in p.sasaran
                ],
                "kegiatan": [
                    {
                        "kode": k.kode,
                        "nama": k.nama,
                        "alokasi": _alokasi(k.alokasi),
                        "indikator": [_indikator(i) for i in k.indikator],
                        "kro": [
                            {
                                "kode": x.kode,
                                "nama": x.nama,
                                "label": x.label,
                                "lokasi": x.lokasi,
                                "lokasi_nama": x.lokasi_nama,
                                "keluaran": _keluaran(x.keluaran),
                                "alokasi": _alokasi(x.alokasi),
                                "indikator": [_indikator(i) for i in x.indikator],
                                "ro": [
                                    {
                                        "kode": r.kode,
                                        "nama": r.nama,
                                        "keluaran": _keluaran(r.keluaran),
                                        "alokasi": _alokasi(r.alokasi),
                                        "indikator": [_indikator(i) for i in r.indikator],
                                        **(
                                            {"komponen": [_komponen(c, adk) for c in r.komponen]}
                                            if r.komponen
                                            else {}
                                        ),
                                        **_adk(r, adk),
                                    }
                                    for r in x.ro
                                ],
                                **_adk(x, adk),
                            }
                            for x in k.kro
                        ],
                    }
                    for k in p.kegiatan
                ],
            }
        )
    return {
        "schema": SCHEMA_ID,
        "dokumen": dokumen,
        "kementerian": _kn(tree.kementerian),
        "unit_organisasi": _kn(tree.unit_organisasi),
        "satker": _kn(tree.satker),
        "provinsi": _kn(tree.provinsi),
        "lokasi": _kn(tree.lokasi),
        "jumlah": _alokasi(tree.jumlah_tercetak or tree.jumlah()),
        "program": programs,
        **(
            {"rencana_penarikan": [_rencana_penarikan(r, adk) for r in tree.rencana_penarikan]}
            if tree.rencana_penarikan or tree.rencana_penarikan_ada
            else {}
        ),
    }


def dumps(tree: RkaSatker) -> bytes:
    """The canonical JSON of ``tree`` as UTF-8 bytes (indented, keys in schema order).

    Raises OutputError when the result would not validate against the schema (a printed
    NIP that is not 18 digits, a fiscal year out of range): what is written can always be
    read back. The nodes' raw ADK values (``adk``) are written too."""
    d = to_dict(tree, adk=True)
    errors = _schema_errors(d)
    if errors:
        raise OutputError(N_("cannot be written as rka-satker/1: {sebab}"), sebab=errors[0])
    return json.dumps(d, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


@cache
def _fast_validator() -> Callable[[Any], Any]:
    """The schema compiled to Python by fastjsonschema: about 15× faster than jsonschema on
    full trees (39 satkers of archive 1d01: 0.16 s against 2.5 s; docs/performance.md)."""
    import fastjsonschema

    validate: Callable[[Any], Any] = fastjsonschema.compile(schema())
    return validate


def _schema_errors(d: dict[str, Any]) -> list[str]:
    """Schema violations of ``d`` as ``"path: message"``, first by path. A valid document is
    told by the compiled validator; an invalid one is explained by jsonschema."""
    import fastjsonschema

    try:
        _fast_validator()(d)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    import jsonschema  # 0.13 s to import: only to explain an invalid document

    errors = sorted(
        jsonschema.Draft202012Validator(schema()).iter_errors(d), key=lambda e: list(e.absolute_path)
    )
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}" for e in errors]


def _dec(v: Any) -> Decimal | None:
    return None if v is None else Decimal(str(v))


def _int(v: Any) -> int:
    """A JSON integer; ``5660000.0`` is taken as 5660000, ``0.5`` refused (money is whole
    rupiah)."""
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise InputError(N_("not a whole number: {nilai!r}"), expected=N_("whole rupiah"), nilai=v)
    if isinstance(v, float):
        if not v.is_integer():
            raise InputError(N_("not a whole number: {nilai!r}"), expected=N_("whole rupiah"), nilai=v)
    return int(v)


def _a(d: dict[str, Any] | None, jumlah: int | None = None, where: str = "") -> Alokasi:
    if d is None:
        return Alokasi(0, 0, _int(jumlah or 0))
    alokasi = Alokasi(_int(d["angka_dasar"]), _int(d["inisiatif_baru"]), _int(d["jumlah"]))
    if jumlah is not None and _int(jumlah) != alokasi.jumlah:
        raise InputError(
            N_("{where}: jumlah {jumlah} differs from alokasi.jumlah {alokasi}"),
            expected=N_("jumlah equal to alokasi.jumlah"),
            where=where,
            jumlah=jumlah,
            alokasi=alokasi.jumlah,
        )
    return alokasi


def _ind(d: dict[str, Any]) -> Indikator:
    return Indikator(d["kode"], d["uraian"], _dec(d.get("target")), d.get("satuan"))


def _kel(d: dict[str, Any]) -> Keluaran:
    return Keluaran(_dec(d["volume"]), d["satuan"])


def _raw(d: dict[str, Any], where: str) -> dict[str, str] | None:
    """A node's ``adk`` (raw ADK values: an object of texts), or None. The schema does not
    name it, so it is checked here."""
    v = d.get("adk")
    if v is None:
        return None
    if not isinstance(v, dict) or not all(isinstance(x, str) for x in v.values()):
        raise InputError(
            N_("does not follow the rka-satker/1 schema at {sebab}"),
            expected=N_("a JSON rka-satker/1 document"),
            sebab=f"{where}: adk is an object of texts (SAKTI column -> raw value)",
        )
    return dict(v) or None


def _det(d: dict[str, Any]) -> Detail:
    return Detail(
        uraian=d["uraian"],
        volume=Decimal(str(d["volume"])),
        satuan=d["satuan"],
        harga_satuan=_int(d["harga_satuan"]),
        jumlah=_int(d["jumlah"]),
        faktor=[(Decimal(str(f["volume"])), f["satuan"]) for f in d.get("faktor", [])],
        sumber_dana=d.get("sumber_dana"),
        blokir=_int(d.get("blokir", 0)),
        rencana_bulanan=[_int(v) for v in d.get("rencana_bulanan", [])],
        kode=d.get("kode"),
        # a header line without its level (``header`` alone) is taken as level 1
        tingkat=_int(d.get("tingkat") or (1 if d.get("header") else 0)),
        kdib=d.get("kdib"),
        adk=_raw(d, f"detail {d.get('kode') or d['uraian'][:40]}"),
    )


def _kmp(c: dict[str, Any]) -> Komponen:
    return Komponen(
        c["kode"],
        c["nama"],
        _a(c.get("alokasi"), c["jumlah"], f"komponen {c['kode']}"),
        [
            SubKomponen(
                s["kode"],
                s["nama"],
                _a(s.get("alokasi"), s["jumlah"], f"sub-komponen {s['kode']}"),
                [
                    Akun(
                        a["kode"],
                        a["nama"],
                        _a(a.get("alokasi"), a["jumlah"], f"akun {a['kode']}"),
                        a.get("sumber_dana"),
                        _int(a.get("blokir", 0)),
                        [_det(d) for d in a.get("detail", [])],
                        a.get("kppn"),
                        a.get("uraian_blokir"),
                        list(a.get("catatan", [])),
                        adk=_raw(a, f"akun {a['kode']}"),
                    )
                    for a in s.get("akun", [])
                ],
                adk=_raw(s, f"sub-komponen {s['kode']}"),
            )
            for s in c.get("sub_komponen", [])
        ],
        adk=_raw(c, f"komponen {c['kode']}"),
    )


def from_dict(d: dict[str, Any], file: str | None = None) -> RkaSatker:
    """Build a tree from a canonical dict (already validated against the schema). Raises
    InputError for values the schema lets through but the domain cannot hold (a date that
    does not exist, a fractional rupiah)."""
    doc = d["dokumen"]
    try:
        tanggal = dt.date.fromisoformat(doc["tanggal"]) if doc.get("tanggal") else None
    except ValueError:
        raise InputError(
            N_("date {tanggal!r} does not exist"),
            file=file,
            expected=N_("a date YYYY-MM-DD that exists"),
            tanggal=doc["tanggal"],
        ) from None
    signer = doc.get("penandatangan") or doc.get("penandatangan_tanpa_nip")
    dokumen = Dokumen(
        tahun_anggaran=_int(doc["tahun_anggaran"]),
        bagian=doc["bagian"],
        judul=doc.get("judul", "RENCANA KERJA ANGGARAN SATKER"),
        tahap=doc.get("tahap"),
        jumlah_halaman=doc.get("jumlah_halaman"),
        tempat=doc.get("tempat"),
        tanggal=tanggal,
        penandatangan=Penandatangan(
            signer["jabatan"],
            signer["nama"],
            signer.get("nip", ""),
            signer.get("pangkat"),
            adk=_raw(signer, "penandatangan"),
        )
        if signer
        else None,
        kop=list(doc.get("kop", [])),
    )
    programs = [
        Program(
            p["kode"],
            p["nama"],
            _a(p["alokasi"]),
            [Sasaran(s["kode"], s["uraian"], [_ind(i) for i in s["indikator"]]) for s in p["sasaran"]],
            [
                Kegiatan(
                    k["kode"],
                    k["nama"],
                    _a(k["alokasi"]),
                    [_ind(i) for i in k["indikator"]],
                    [
                        KRO(
                            x["kode"],
                            x["nama"],
                            list(x.get("label", [])),
                            x.get("lokasi"),
                            x.get("lokasi_nama"),
                            _kel(x["keluaran"]),
                            _a(x["alokasi"]),
                            [_ind(i) for i in x["indikator"]],
                            [
                                RO(
                                    r["kode"],
                                    r["nama"],
                                    _kel(r["keluaran"]),
                                    _a(r["alokasi"]),
                                    [_ind(i) for i in r["indikator"]],
                                    [_kmp(c) for c in r.get("komponen", [])],
                                    adk=_raw(r, f"RO {x['kode']}.{r['kode']}"),
                                )
                                for r in x["ro"]
                            ],
                            adk=_raw(x, f"KRO {x['kode']}"),
                        )
                        for x in k["kro"]
                    ],
                )
                for k in p["kegiatan"]
            ],
        )
        for p in d["program"]
    ]
    return RkaSatker(
        dokumen,
        KodeNama(**d["kementerian"]),
        KodeNama(**d["unit_organisasi"]),
        KodeNama(**d["satker"]),
        KodeNama(**d["provinsi"]),
        KodeNama(**d["lokasi"]),
        programs,
        source_file=file,
        rencana_penarikan=[
            RencanaPenarikan(
                r["program"],
                r["kegiatan"],
                r["jenis_belanja"],
                _int(r["pagu"]),
                [_int(v) for v in r["bulanan"]],
                r.get("kdtrktrm", "1"),
                adk=_raw(r, f"rencana_penarikan {r['program']}/{r['kegiatan']}/{r['jenis_belanja']}"),
            )
            for r in d.get("rencana_penarikan", [])
        ],
        rencana_penarikan_ada="rencana_penarikan" in d,
    )


#: an escaped UTF-16 surrogate in JSON text (``\ud800``): checked further when present
_LONE_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def read_json(data: bytes, file: str = "<input>") -> ReadResult:
    """Read a canonical JSON document. Raises InputError when it is not JSON or does not
    validate against the schema (the message names the JSON path). A ``jumlah`` that
    differs from the sum of its programs is kept as the printed total, which the rules
    check."""

    def no_constants(name: str) -> None:
        raise ValueError(f"{name} is not a JSON number")

    try:
        d = json.loads(data.decode("utf-8-sig"), parse_constant=no_constants)
    except RecursionError:
        raise InputError(N_("JSON nested too deep"), file=file, expected=N_("a JSON rka-satker/1")) from None
    except (UnicodeDecodeError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(
            N_("not JSON: {sebab}"), file=file, line=line, expected=N_("a JSON rka-satker/1"), sebab=str(exc)
        ) from None
    if _LONE_SURROGATE.search(data):
        try:  # an escaped half of a UTF-16 pair (\ud800) is no character: no text holds it
            json.dumps(d, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InputError(
                N_("not JSON of Unicode text: {sebab} ({teks})"),
                file=file,
                expected=N_("a JSON rka-satker/1 in UTF-8"),
                sebab=exc.reason,
                teks=ascii(exc.object[exc.start : exc.end]),
            ) from None
    errors = _schema_errors(d)
    if errors:
        raise InputError(
            N_("does not follow the rka-satker/1 schema at {sebab}"),
            file=file,
            expected=N_("a JSON rka-satker/1 document"),
            sebab=errors[0],
        )
    try:
        tree = from_dict(d, file)
    except InputError as exc:
        raise exc.at(file) from None
    printed = _a(d["jumlah"])
    if printed != tree.jumlah():
        tree.jumlah_tercetak = printed  # checked by ROLLUP_MISMATCH
        tree.jumlah_tercetak_source = SourceRef(file)
    return ReadResult(tree, [])


def looks_like_json(data: bytes) -> bool:
    """True when the bytes start like a JSON object."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"
