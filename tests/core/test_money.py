"""Money parsing, formatting and SAKTI rounding: examples and properties."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anggaran.core import money


def test_parse_amount() -> None:
    assert money.parse_amount("609,139,000") == 609_139_000
    assert money.parse_amount("609.139.000", ".") == 609_139_000
    assert money.parse_amount("") == 0
    assert money.parse_amount("-") == 0
    assert money.parse_amount("950") == 950
    with pytest.raises(ValueError):
        money.parse_amount("609.139.000", ",")
    with pytest.raises(ValueError):
        money.parse_amount("1,23,000")


def test_detect_grouping() -> None:
    assert money.detect_grouping(["1,000", "5,660,000", "950"]) == ","
    assert money.detect_grouping(["1.000", "5.660.000", "950"]) == "."
    assert money.detect_grouping(["950"]) == ","


@pytest.mark.parametrize(
    ("volumes", "expected"),
    [
        # no amount is grouped (every one 0): the volumes decide (faults found by hypothesis)
        (["237,00", "12"], "."),
        (["237.00"], ","),
        (["0,001"], "."),  # no grouped number starts with a group of 0
        (["0.001"], ","),
        (["1,000"], ","),  # ambiguous: SAKTI's own convention
        ([], ","),
    ],
)
def test_detect_grouping_from_volumes(volumes: list[str], expected: str) -> None:
    assert money.detect_grouping(["0", "-"], volumes) == expected


def test_parse_volume() -> None:
    assert money.parse_volume("237.00") == Decimal("237.00")
    assert money.parse_volume("237,00", ".") == Decimal("237.00")
    assert money.parse_volume("1,234.50") == Decimal("1234.50")
    assert money.parse_volume("3979.3") == Decimal("3979.3")
    with pytest.raises(ValueError):
        money.parse_volume("237,00", ",")


@given(st.integers(min_value=0, max_value=10**15), st.sampled_from([",", "."]))
def test_format_then_parse_is_identity(amount: int, grouping: str) -> None:
    assert money.parse_amount(money.format_rupiah(amount, grouping), grouping) == amount


def test_jumlah_sakti_examples() -> None:
    # DOMAIN.md rule 6: 248 x 31,174 = 7,731,152 -> 7,731,000
    assert money.jumlah_sakti(Decimal(248), 31_174) == 7_731_000
    assert money.jumlah_sakti(Decimal(1), 500) == 1_000
    assert money.jumlah_sakti(Decimal(0), 500) == 0
    assert money.jumlah_sakti(Decimal("2.5"), 1_000) == 2_000


@given(st.decimals(min_value=0, max_value=10**6, places=2), st.integers(0, 10**9))
def test_jumlah_sakti_properties(volume: Decimal, harga: int) -> None:
    j = money.jumlah_sakti(volume, harga)
    product = volume * harga
    assert j % 1000 == 0
    if product > 0:
        assert j >= 1000
        assert j <= max(product, 1000)
        assert product - j < 1000 or j == 1000
    else:
        assert j == 0
