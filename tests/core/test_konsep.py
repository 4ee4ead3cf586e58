"""Editing a draft: every derived amount stays equal to its definition after any edit, a
copy pasted is the same subtree, next year's plan carries the amounts as angka dasar; on
the real archive of satker 527010."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anggaran.core import konsep as edit
from anggaran.core.kode import Level
from anggaran.core.money import jumlah_sakti
from anggaran.core.tree import Akun, Alokasi, Detail, RkaSatker, children, nodes, walk
from anggaran.services.masukan import open_input
from tests.strategies import rka_satker_b

EXAMPLE = Path(__file__).parents[2] / "examples" / "adk" / "527010d01_01508_00_527010_1.zip"


@pytest.fixture(scope="module")
def tree_527010() -> RkaSatker:
    return open_input(EXAMPLE).satker[0].tree


def assert_derived(tree: RkaSatker, edited: set[int] | None = None) -> None:
    """Every total is the sum of its children; every edited line's jumlah is volume x
    harga satuan rounded as SAKTI rounds."""
    for step in walk(tree, Level.AKUN):
        node = step.node
        if isinstance(node, Akun):
            assert node.alokasi.jumlah == sum(d.jumlah for d in node.detail if not d.header), step.path
        elif children(node):
            assert node.alokasi == Alokasi.total([c.alokasi for c in children(node)]), step.path
    for step in nodes(tree, Level.DETAIL):
        d = step.node
        assert isinstance(d, Detail)
        if edited is not None and id(d) in edited:
            assert d.jumlah == (0 if d.header else jumlah_sakti(d.volume, d.harga_satuan)), step.path


def test_a_changed_volume_changes_the_line_its_akun_ro_and_satker(tree_527010: RkaSatker) -> None:
    tree = copy.deepcopy(tree_527010)
    path = "015.08.CD/6212/6212.AEF/001/100/JA/521211/2"  # KDM Makan Rapat: 18 ORG x 57,000
    before = tree.jumlah().jumlah
    d = edit.ubah_detail(tree, path, faktor=[("20", "ORG")])
    assert (d.volume, d.jumlah) == (Decimal(20), 1_140_000)
    assert tree.jumlah().jumlah == before + 114_000
    ro = edit.cari(tree, "015.08.CD/6212/6212.AEF/001").node
    assert ro.alokasi.jumlah == edit.cari(tree, "015.08.CD/6212/6212.AEF/001").node.alokasi.jumlah
    assert_derived(tree)


def test_a_line_untouched_keeps_the_jumlah_sakti_gave_it(tree_527010: RkaSatker) -> None:
    """SAKTI rounds two payroll allowances up (DOMAIN rule 6): a draft does not change them
    until their volume or price is changed."""
    tree = copy.deepcopy(tree_527010)
    path = "015.08.WA/4719/4719.EBA/994/001/CB/511621/1"
    assert edit.cari(tree, path).node.jumlah == 96_874_000
    edit.ubah_detail(tree, path, uraian="Tunjangan Suami/Istri PPPK")
    assert edit.cari(tree, path).node.jumlah == 96_874_000
    edit.ubah_detail(tree, path, harga_satuan=300_850)
    assert edit.cari(tree, path).node.jumlah == 96_873_000


def test_the_monthly_plan_fixed_clears_sakti_053(tree_527010: RkaSatker) -> None:
    from anggaran.rules import run_rules

    tree = copy.deepcopy(tree_527010)
    path = "015.08.WA/4719/4719.EBA/003/100/DB/521211/3"
    assert any(f.rule == "RENCANA_BULANAN_SUM" and f.path == path for f in run_rules(tree))
    edit.ubah_detail(tree, path, rencana_bulanan=[273_000] * 11 + [282_000])
    assert not any(f.rule == "RENCANA_BULANAN_SUM" and f.path == path for f in run_rules(tree))


def test_add_move_copy_paste_remove(tree_527010: RkaSatker) -> None:
    tree = copy.deepcopy(tree_527010)
    total = tree.jumlah().jumlah
    akun = "015.08.CD/6212/6212.AEF/001/100/JA/521211"
    new = edit.tambah_detail(
        tree, akun, faktor=[("2", "OK"), ("3", "KALI")], harga_satuan=150_000, uraian="Honor"
    )
    assert new == akun + "/" + str(len(edit.cari(tree, akun).node.detail))
    assert edit.cari(tree, new).node.jumlah == 900_000 and edit.cari(tree, new).node.satuan == "OK KALI"
    assert tree.jumlah().jumlah == total + 900_000
    level, komp = edit.salin(tree, "015.08.CD/6212/6212.AEF/001/100")
    assert level is Level.KOMPONEN
    with pytest.raises(edit.EditError):  # the same code under the same RO
        edit.tempel(tree, "015.08.CD/6212/6212.AEF/001", level, komp)
    komp.kode = "101"
    pasted = edit.tempel(tree, "015.08.CD/6212/6212.AEF/001", level, komp)
    assert pasted == "015.08.CD/6212/6212.AEF/001/101"
    assert tree.jumlah().jumlah == total + 900_000 + komp.alokasi.jumlah
    edit.hapus(tree, pasted)
    edit.hapus(tree, new)
    assert tree.jumlah().jumlah == total
    moved = edit.pindah(tree, akun + "/2", "015.08.CD/6212/6212.AEF/001/100/JB/521211")
    assert moved.startswith("015.08.CD/6212/6212.AEF/001/100/JB/521211/")
    assert tree.jumlah().jumlah == total
    assert_derived(tree)


def test_bad_edits_are_refused_with_their_reason(tree_527010: RkaSatker) -> None:
    tree = copy.deepcopy(tree_527010)
    line = "015.08.CD/6212/6212.AEF/001/100/JA/521211/2"
    for values in (
        {"harga_satuan": -1},
        {"harga_satuan": 1.5},
        {"faktor": [("x", "ORG")]},
        {"faktor": [("1", "A")] * 5},
        {"rencana_bulanan": [1, 2]},
        {"uraian": " "},
        {"jumlah": 5},  # derived: never typed
    ):
        with pytest.raises(edit.EditError):
            edit.ubah_detail(tree, line, **values)
    with pytest.raises(edit.EditError):
        edit.tambah(tree, "015.08.CD/6212", "BAD", "")
    with pytest.raises(edit.EditError):
        edit.cari(tree, "015.08.CD/9999")
    assert tree == tree_527010


def test_next_years_plan(tree_527010: RkaSatker) -> None:
    nxt = edit.tahun_berikut(tree_527010)
    assert nxt.dokumen.tahun_anggaran == 2027
    assert nxt.jumlah() == Alokasi(tree_527010.jumlah().jumlah, 0, tree_527010.jumlah().jumlah)
    assert sum(1 for _ in nodes(nxt, Level.DETAIL)) == sum(1 for _ in nodes(tree_527010, Level.DETAIL))
    assert all(d.kdib == "00" and not d.rencana_bulanan for _, d in nxt.detail())
    assert nxt.rencana_penarikan == []


_EDITS = st.lists(
    st.tuples(
        st.integers(0, 10_000),
        st.sampled_from(["volume", "harga", "hapus", "tambah", "header"]),
        st.integers(0, 10**9),
        st.decimals(min_value=0, max_value=1000, places=2),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=rka_satker_b(), edits=_EDITS)
def test_random_edits_keep_every_derived_amount(
    tree: RkaSatker, edits: list[tuple[int, str, int, Decimal]]
) -> None:
    edit.hitung_ulang(tree)
    edited: set[int] = set()
    for pick, what, amount, volume in edits:
        lines = [s.path for s in edit.langkah(tree) if s.level is Level.DETAIL]
        akun = [s.path for s in edit.langkah(tree, Level.AKUN) if s.level is Level.AKUN]
        if what == "tambah" and akun:
            p = edit.tambah_detail(
                tree, akun[pick % len(akun)], harga_satuan=amount % 10**7, faktor=[(volume, "OK")]
            )
            edited.add(id(edit.cari(tree, p).node))
        elif lines:
            p = lines[pick % len(lines)]
            if what == "volume":
                edit.ubah_detail(tree, p, faktor=[(volume, "OK"), (Decimal(2), "KALI")])
            elif what == "harga":
                edit.ubah_detail(tree, p, harga_satuan=amount)
            elif what == "header":
                edit.ubah_detail(tree, p, tingkat=1)
            else:
                edit.hapus(tree, p)
                continue
            edited.add(id(edit.cari(tree, p).node))
        assert_derived(tree, edited)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_a_line_changed_derives_as_a_full_recompute_and_checks_as_a_full_run(
    tree_527010: RkaSatker, data: st.DataObject
) -> None:
    """After a line's change, the totals and the withdrawal plan derived along its path
    (:func:`hitung_jalur`) are those of a full recompute, and the findings of the akun's
    recheck (:func:`periksa_akun`) those of every rule on the whole tree."""
    from anggaran.rules import run_rules
    from anggaran.services.konsep import periksa_akun

    tree = copy.deepcopy(tree_527010)
    edit.hitung_ulang(tree)  # every derived value as derived (SAKTI's page III differs in two groups)
    lines = [s.path for s in nodes(tree, Level.DETAIL) if not s.node.header]  # type: ignore[union-attr]
    before = run_rules(tree)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(lines))
        values = data.draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "harga_satuan": st.integers(0, 10**9),
                    "faktor": st.lists(
                        st.tuples(st.decimals(0, 500, places=1), st.sampled_from(["OK", "ORG"])),
                        min_size=1,
                        max_size=3,
                    ),
                    "rencana_bulanan": st.lists(st.integers(0, 10**8), min_size=12, max_size=12),
                },
            )
        )
        edit.ubah_detail(tree, path, **values)
        full = copy.deepcopy(tree)
        edit.hitung_ulang(full)
        assert tree == full
        assert tree.rencana_penarikan == full.rencana_penarikan
        after = periksa_akun(tree, before, path.rsplit("/", 1)[0])
        assert after == run_rules(tree)
        before = after


def test_two_akun_of_one_code_are_each_addressed(tree_527010: RkaSatker) -> None:
    """Two akun of one code under one sub-komponen (told apart by their KPPN, as SAKTI
    allows): the second is ``~2`` for the editor, and its lines change, not the first's."""
    tree = copy.deepcopy(tree_527010)
    sub = edit.cari(tree, "015.08.CD/6212/6212.AEF/001/100/JA").node
    twin = copy.deepcopy(sub.akun[0])  # type: ignore[union-attr]
    twin.kppn = "999"
    sub.akun.append(twin)  # type: ignore[union-attr]
    edit.hitung_ulang(tree)
    first, second = "015.08.CD/6212/6212.AEF/001/100/JA/521211", "015.08.CD/6212/6212.AEF/001/100/JA/521211~2"
    assert edit.cari(tree, second).node is twin
    before = edit.cari(tree, first + "/2").node.jumlah  # type: ignore[union-attr]
    edit.ubah_detail(tree, second + "/2", faktor=[("30", "ORG")])
    assert edit.cari(tree, first + "/2").node.jumlah == before  # type: ignore[union-attr]
    assert twin.detail[1].jumlah == 30 * 57_000
    assert edit.jalur_temuan(second + "/2") == first + "/2"
    assert_derived(tree)
