"""The semula-menjadi comparison: matched by code, amounts exact, added and removed nodes
kept where they stood."""

from __future__ import annotations

import copy

from hypothesis import given, settings

from anggaran.core.banding import banding
from anggaran.core.tree import Detail, hitung_alokasi
from tests.strategies import rka_satker


@settings(max_examples=50, deadline=None)
@given(rka_satker())
def test_a_tree_against_itself_changes_nothing(tree) -> None:  # type: ignore[no-untyped-def]
    rows = list(banding(tree, tree))
    assert rows and all(r.status == "tetap" and r.selisih == 0 for r in rows)
    assert sum(r.menjadi or 0 for r in rows if r.tingkat == "program") == tree.jumlah().jumlah


@settings(max_examples=50, deadline=None)
@given(rka_satker())
def test_against_nothing_everything_is_new(tree) -> None:  # type: ignore[no-untyped-def]
    rows = list(banding(None, tree))
    assert all(r.status == "baru" for r in rows)
    assert sum(r.selisih for r in rows if r.tingkat == "program") == tree.jumlah().jumlah


def test_1d01_semula_menjadi(adk_1d01) -> None:
    arsip = adk_1d01.arsip
    pairs = {t.satker.kode: t for t in arsip.semula}
    total = 0
    added = removed = changed = 0
    for t in arsip.satker:
        rows = list(banding(pairs[t.satker.kode], t))
        total += sum(r.selisih for r in rows if r.tingkat == "program")
        det = [r for r in rows if r.tingkat == "detail"]
        added += sum(r.status == "baru" for r in det)
        removed += sum(r.status == "dihapus" for r in det)
        changed += sum(r.status == "berubah" for r in det)
        # every level's difference is the sum of its children's
        for r in rows:
            if r.tingkat == "akun":
                kids = [c for c in rows if c.tingkat == "detail" and c.path[:-1] == r.path]
                assert r.selisih == sum(c.selisih for c in kids)
    assert total == 74_798_704_000 - 79_613_275_000
    # semula 5,738 lines, menjadi 4,805; headers (553 and 497) are not compared
    assert (5_738 - 553) - removed + added == 4_805 - 497
    assert (added, removed, changed) == (37, 914, 542)


def test_a_changed_line_and_a_new_one(adk_527010) -> None:
    old = adk_527010.arsip.satker[0]
    new = copy.deepcopy(old)
    a = next(a for *_, a in new.akun() if a.detail and not a.detail[0].header)
    a.detail[0].jumlah += 1_000
    a.detail.append(Detail("Baru", a.detail[0].volume, "OK", 1_000, 1_000, kode="999"))
    hitung_alokasi(new)
    rows = list(banding(old, new))
    det = [(r.status, r.selisih) for r in rows if r.tingkat == "detail" and r.status != "tetap"]
    assert det == [("berubah", 1_000), ("baru", 1_000)]
    assert sum(new.per_jenis_belanja().values()) - sum(old.per_jenis_belanja().values()) == 2_000
