"""Scopes: what a user writes reads back to the same scope, and which satkers each covers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anggaran.core.lingkup import JenisLingkup, Lingkup, SatkerKode, parse_lingkup


@st.composite
def lingkup(draw: st.DrawFn) -> Lingkup:
    jenis = draw(st.sampled_from(list(JenisLingkup)))
    n = {JenisLingkup.SATKER: 6, JenisLingkup.KL: 3, JenisLingkup.PROVINSI: 2}.get(jenis)
    digits = st.text("0123456789", min_size=5, max_size=5)
    if jenis is JenisLingkup.SEMUA:
        return Lingkup(jenis)
    if jenis is JenisLingkup.UNIT:
        d = draw(digits)
        return Lingkup(jenis, f"{d[:3]}.{d[3:]}")
    assert n is not None
    return Lingkup(jenis, draw(st.text("0123456789", min_size=n, max_size=n)))


@given(lingkup())
def test_what_a_user_writes_reads_back(scope: Lingkup) -> None:
    assert parse_lingkup(scope.teks) == scope
    if scope.kode:  # a bare code is told by its form
        assert parse_lingkup(scope.kode) == scope


BALIKPAPAN = SatkerKode("109141", "013", "05", "16")


@pytest.mark.parametrize(
    ("text", "covers"),
    [
        ("satker:109141", True),
        ("satker:109142", False),
        ("unit:013.05", True),
        ("015.08", False),
        ("kl:013", True),
        ("provinsi:16", True),
        ("provinsi:17", False),
        ("semua", True),
    ],
)
def test_what_a_scope_covers(text: str, covers: bool) -> None:
    assert parse_lingkup(text).covers(BALIKPAPAN) is covers


@pytest.mark.parametrize("text", ["satker:12", "negeri:1", "unit:01508", "12345"])
def test_what_is_not_a_scope(text: str) -> None:
    with pytest.raises(ValueError):
        parse_lingkup(text)
