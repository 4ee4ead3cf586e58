"""Round trips: Bagian A text and canonical JSON give back the tree they were made from."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import HealthCheck, example, given, settings

from anggaran.core.tree import RkaSatker
from anggaran.formats import json as canonical
from anggaran.formats.result import ReadResult
from anggaran.formats.rka_text.reader import read_rka_text
from anggaran.reports import bagian_a
from anggaran.reports.text import render_text
from tests.strategies import rka_satker, rka_satker_b


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rka_satker())
def test_text_round_trip(tree: RkaSatker) -> None:
    text = render_text(bagian_a.build(tree), rows_per_page=7)
    back = read_rka_text(text.encode("utf-8"), "roundtrip.txt")
    signed = tree.dokumen.penandatangan is not None
    assert [f.rule for f in back.findings] == ([] if signed else ["READ_SIGNATURE_MISSING"])
    assert back.tree == tree


@settings(max_examples=30, deadline=None)
@given(rka_satker())
@example(
    tree=RkaSatker(
        dokumen=canonical.Dokumen(
            tahun_anggaran=2020,
            bagian="A",
            judul="RENCANA KERJA ANGGARAN SATKER",
            tahap=None,
            jumlah_halaman=None,
            tempat=None,
            tanggal=None,
            penandatangan=None,
            kop=[],
            halaman=[],
        ),
        kementerian=canonical.KodeNama(kode="000", nama="KOTA"),
        unit_organisasi=canonical.KodeNama(kode="00", nama="KOTA"),
        satker=canonical.KodeNama(kode="000000", nama="KOTA"),
        provinsi=canonical.KodeNama(kode="00", nama="KOTA"),
        lokasi=canonical.KodeNama(kode="00", nama="KOTA"),
        program=[
            canonical.Program(
                kode="000.00.AA",
                nama="Layanan",
                alokasi=canonical.Alokasi(angka_dasar=0, inisiatif_baru=0, jumlah=0),
                sasaran=[],
                kegiatan=[
                    canonical.Kegiatan(
                        kode="0000",
                        nama="Layanan",
                        alokasi=canonical.Alokasi(angka_dasar=0, inisiatif_baru=0, jumlah=0),
                        indikator=[],
                        kro=[
                            canonical.KRO(
                                kode="0000.AAA",
                                nama="Layanan",
                                label=[],
                                lokasi=None,
                                lokasi_nama=None,
                                keluaran=canonical.Keluaran(
                                    volume=canonical.Decimal("0.001"), satuan="Orang"
                                ),
                                alokasi=canonical.Alokasi(angka_dasar=0, inisiatif_baru=0, jumlah=0),
                                indikator=[],
                                ro=[],
                                source=None,
                            )
                        ],
                        source=None,
                    )
                ],
                source=None,
            )
        ],
        source_file=None,
        jumlah_tercetak=None,
        jumlah_tercetak_source=None,
        rencana_penarikan=[],
        rencana_penarikan_ada=False,
    ),
).via("0,001: a volume below one in a dot-grouped document, nothing grouped")
def test_text_round_trip_dot_grouped(tree: RkaSatker) -> None:
    text = render_text(bagian_a.build(tree), rows_per_page=11, grouping=".")
    back = read_rka_text(text.encode("utf-8"), "dot.txt")
    assert back.tree == tree


@settings(max_examples=100, deadline=None)
@given(rka_satker())
def test_json_round_trip(tree: RkaSatker) -> None:
    data = canonical.dumps(tree)
    jsonschema.validate(json.loads(data), canonical.schema())
    assert canonical.read_json(data).tree == tree


def test_example_round_trips(example: ReadResult) -> None:
    text = render_text(bagian_a.build(example.tree))
    assert read_rka_text(text.encode(), "x.txt").tree == example.tree
    assert canonical.read_json(canonical.dumps(example.tree)).tree == example.tree


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rka_satker_b())
def test_json_round_trip_of_full_trees(tree: RkaSatker) -> None:
    """Komponen .. detail lines, header lines, factors, monthly plans, notes, withdrawal plan."""
    data = canonical.dumps(tree)
    jsonschema.validate(json.loads(data), canonical.schema())
    assert canonical.read_json(data).tree == tree


def test_real_archive_trees_round_trip(adk_527010) -> None:  # type: ignore[no-untyped-def]
    tree = adk_527010.arsip.satker[0]
    assert canonical.read_json(canonical.dumps(tree)).tree == tree


def test_the_fast_validator_never_accepts_what_jsonschema_refuses(adk_1d01) -> None:  # type: ignore[no-untyped-def]
    """fastjsonschema tells valid documents quickly; jsonschema stays the judge of the
    invalid ones. Mutations of a real full tree: wherever jsonschema refuses, so does the
    fast validator (so nothing invalid slips through)."""
    import copy
    import random

    import fastjsonschema

    fast = fastjsonschema.compile(canonical.schema())
    slow = jsonschema.Draft202012Validator(canonical.schema())
    base = canonical.to_dict(adk_1d01.arsip.cari("015117"))  # 53 lines: small enough
    rng = random.Random(3)
    values = [None, -1, 1.5, "x", [], {}, True, 10**20, "", [0] * 11]

    def nodes(d, path=()):  # type: ignore[no-untyped-def]
        yield path, d
        if isinstance(d, dict):
            for k, v in d.items():
                yield from nodes(v, (*path, k))
        elif isinstance(d, list):
            for i, v in enumerate(d[:3]):
                yield from nodes(v, (*path, i))

    paths = [p for p, _ in nodes(base) if p]
    for _ in range(200):
        doc = copy.deepcopy(base)
        path = rng.choice(paths)
        parent = doc
        for k in path[:-1]:
            parent = parent[k]
        parent[path[-1]] = rng.choice(values)
        if not slow.is_valid(doc):
            with pytest.raises(fastjsonschema.JsonSchemaException):
                fast(doc)
