"""Round trips: Bagian A text and canonical JSON give back the tree they were made from."""

from __future__ import annotations

import json

import jsonschema
from hypothesis import HealthCheck, given, settings

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
