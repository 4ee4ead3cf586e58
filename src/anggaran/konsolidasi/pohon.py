"""Trees (the store's versions, any document Anggaran reads) into a consolidation's
datasets: the same columns as an ADK archive gives (:mod:`.skema`), one row per node.

Trees come one satker at a time and are written in batches (one Parquet file per batch
and dataset), so the memory held is a batch's rows, not every satker's tree.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from anggaran.core.tree import BULAN, RkaSatker
from anggaran.konsolidasi import skema

_NOL = Decimal(0)


def _lokasi(text: str | None, tree: RkaSatker) -> tuple[str, str]:
    if text and "." in text:
        a, _, b = text.partition(".")
        return a.strip(), b.strip()
    return tree.provinsi.kode, tree.lokasi.kode


def _baris_ro(
    asal: dict[str, Any], kode: dict[str, str], ro: str, prov: str, kab: str, node: Any
) -> dict[str, Any]:
    """The one line of an RO without Bagian B (a Bagian A prints money down to the RO):
    its printed jumlah, no akun, no detail."""
    return {
        **asal,
        **kode,
        "ro": ro,
        "komponen": "",
        "sub_komponen": "",
        "akun": "",
        "jenis_belanja": "",
        "sumber_dana": "",
        "kppn": "",
        "provinsi": prov,
        "kabkota": kab,
        "item": "",
        "tingkat": 0,
        "uraian": node.nama,
        **{f"vol{i}": _NOL for i in (1, 2, 3, 4)},
        **{f"sat{i}": "" for i in (1, 2, 3, 4)},
        "volume": (node.keluaran.volume if node.keluaran else None) or _NOL,
        "satuan": (node.keluaran.satuan if node.keluaran else None) or "",
        "harga_satuan": 0,
        "jumlah": node.alokasi.jumlah,
        "blokir": 0,
        "kdib": "",
        **dict.fromkeys(BULAN, 0),
    }


def baris(tree: RkaSatker, tahap: str, versi: str, arsip: str) -> dict[str, list[dict[str, Any]]]:
    """The rows of every dataset for ``tree``. An RO without Bagian B (a Bagian A) gives
    one line of ``item`` holding its printed jumlah, so that every total holds it."""
    kl, unit = tree.kementerian.kode, f"{tree.kementerian.kode}.{tree.unit_organisasi.kode}"
    tahun = str(tree.dokumen.tahun_anggaran)
    berkas = tree.source_file or arsip

    def asal(source: Any) -> dict[str, Any]:
        return {
            "tahun": tahun,
            "tahap": tahap,
            "versi": versi,
            "arsip": arsip,
            "berkas": (getattr(source, "file", None) or berkas) if source else berkas,
            "baris": (getattr(source, "line", None) or 0) if source else 0,
            "kl": kl,
            "unit": unit,
            "satker": tree.satker.kode,
        }

    out: dict[str, list[dict[str, Any]]] = {k: [] for k in skema.DATASET}
    for p in tree.program:
        for k in p.kegiatan:
            for kro in k.kro:
                prov, kab = _lokasi(kro.lokasi, tree)
                kode = {"program": p.kode, "kegiatan": k.kode, "kro": kro.kode}
                vol = kro.keluaran.volume if kro.keluaran else None
                out["kro"].append(
                    {**asal(kro.source), **kode, "provinsi": prov, "kabkota": kab, "volume": vol or _NOL}
                )
                for ro in kro.ro:
                    out["ro"].append(
                        {
                            **asal(ro.source),
                            **kode,
                            "provinsi": prov,
                            "kabkota": kab,
                            "ro": ro.kode,
                            "uraian": ro.nama,
                            "volume": (ro.keluaran.volume if ro.keluaran else None) or _NOL,
                            "satuan": (ro.keluaran.satuan if ro.keluaran else None) or "",
                        }
                    )
                    if not ro.komponen and ro.alokasi.jumlah:
                        # a Bagian A: the RO's money as printed, on one line without akun
                        out["item"].append(_baris_ro(asal(ro.source), kode, ro.kode, prov, kab, ro))
                    for c in ro.komponen:
                        for s in c.sub_komponen:
                            for a in s.akun:
                                at = {
                                    **kode,
                                    "ro": ro.kode,
                                    "komponen": c.kode,
                                    "sub_komponen": s.kode.strip(),
                                    "akun": a.kode,
                                    "jenis_belanja": a.kode[:2],
                                    "sumber_dana": a.sumber_dana or "",
                                    "kppn": a.kppn or "",
                                    "provinsi": prov,
                                    "kabkota": kab,
                                }
                                out["akun"].append(
                                    {
                                        **asal(a.source),
                                        **at,
                                        "kdblokir": "1" if a.blokir else "",
                                        "uraian_blokir": a.uraian_blokir or "",
                                    }
                                )
                                for d in a.detail:
                                    faktor = [*d.faktor, *([(_NOL, "")] * 4)][:4]
                                    bulan = [*d.rencana_bulanan, *([0] * 12)][:12]
                                    out["item"].append(
                                        {
                                            **asal(d.source),
                                            **at,
                                            "sumber_dana": d.sumber_dana or a.sumber_dana or "",
                                            "item": d.kode or "",
                                            "tingkat": d.tingkat,
                                            "uraian": d.uraian,
                                            **{f"vol{i}": f[0] for i, f in enumerate(faktor, start=1)},
                                            **{f"sat{i}": f[1] for i, f in enumerate(faktor, start=1)},
                                            "volume": d.volume,
                                            "satuan": d.satuan,
                                            "harga_satuan": d.harga_satuan,
                                            "jumlah": d.jumlah,
                                            "blokir": d.blokir,
                                            "kdib": d.kdib or "",
                                            **dict(zip(BULAN, bulan, strict=True)),
                                        }
                                    )
    for r in tree.rencana_penarikan:
        out["trktrm"].append(
            {
                **asal(r.source),
                "program": r.program,
                "kegiatan": r.kegiatan,
                "jenis_belanja": r.jenis_belanja,
                "kdtrktrm": r.kdtrktrm,
                "pagu": r.pagu,
                **dict(zip(BULAN, [*r.bulanan, *([0] * 12)][:12], strict=True)),
            }
        )
    return out


def _arrow_type(t: str) -> Any:
    import pyarrow as pa

    if t.startswith("DECIMAL"):
        return pa.decimal128(18, 4)
    return {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "TINYINT": pa.int8(), "BIGINT": pa.int64()}[t]


def tulis(rows: dict[str, list[dict[str, Any]]], keluar: Path, nama: str) -> None:
    """Write ``rows`` (dataset → rows) as Parquet under ``keluar``, partitioned by year and
    stage, one file per partition and dataset named after ``nama``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for dataset, items in rows.items():
        if not items:
            continue
        groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for r in items:
            groups.setdefault((r["tahun"], r["tahap"]), []).append(r)
        fields = [(n, t) for n, t in skema.DATASET[dataset] if n not in skema.PARTISI]
        schema = pa.schema([(n, _arrow_type(t)) for n, t in fields])
        for (tahun, tahap), group in groups.items():
            target = keluar / dataset / f"tahun={tahun}" / f"tahap={tahap}"
            target.mkdir(parents=True, exist_ok=True)
            table = pa.table({n: [r.get(n) for r in group] for n, _ in fields}, schema=schema)
            pq.write_table(table, target / f"{nama}-{uuid.uuid4().hex[:8]}.parquet", compression="zstd")


def muat_pohon(trees: Iterable[tuple[RkaSatker, str, str]], keluar: Path, nama: str, batch: int = 200) -> int:
    """Write ``trees`` (tree, tahap, versi) into ``keluar`` in batches of ``batch`` satkers;
    the number of trees written."""
    n = 0
    pending: dict[str, list[dict[str, Any]]] = {k: [] for k in skema.DATASET}
    for tree, tahap, versi in trees:
        for k, v in baris(tree, tahap, versi, nama).items():
            pending[k].extend(v)
        n += 1
        if n % batch == 0:
            tulis(pending, keluar, nama)
            pending = {k: [] for k in skema.DATASET}
    tulis(pending, keluar, nama)
    return n
