from __future__ import annotations

import pytest

from anggaran.core import kode as kd


@pytest.mark.parametrize(
    "kode,level",
    [
        ("013.05.BF", kd.Level.PROGRAM),
        ("5252", kd.Level.KEGIATAN),
        ("5252.BDC", kd.Level.KRO),
        ("U01", kd.Level.RO),
        ("002", kd.Level.RO),
        ("01", None),
        ("06.01", None),
        ("", None),
    ],
)
def test_level_of(kode: str, level: kd.Level | None) -> None:
    assert kd.level_of(kode) is level


def test_parts_keep_leading_zeros() -> None:
    assert kd.split_program("013.05.BF") == ("013", "05", "BF")
    assert kd.kro_kegiatan("5252.BDC") == "5252"
    assert kd.jenis_belanja("521211") == "52"
    with pytest.raises(ValueError):
        kd.split_program("13.5.BF")


def test_sort_key_segment_by_segment() -> None:
    codes = ["U01", "994", "002", "5252.BDC", "5252.BAH"]
    assert sorted(codes, key=kd.sort_key) == ["002", "5252.BAH", "5252.BDC", "994", "U01"]
