"""Amounts as people write them (issue 11, item 3): every form reads to the same whole
rupiah; a fraction of a rupiah is kept apart, never rounded; the grouping of a document is
told by its amounts' grouping or decimal mark."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anggaran.core import money
from anggaran.core.money import Amount

SPACES = [" ", "\u00a0", "\u2009", "\u202f"]


@pytest.mark.parametrize(
    ("text", "grouping", "rupiah"),
    [
        ("609,139,000", ",", 609_139_000),
        ("609,139,000.00", ",", 609_139_000),
        ("609139000.00", ",", 609_139_000),
        ("609.139.000", ".", 609_139_000),
        ("609.139.000,00", ".", 609_139_000),
        ("609 139 000", ",", 609_139_000),
        ("609 139 000", ".", 609_139_000),
        ("609\u00a0139\u00a0000", ",", 609_139_000),
        ("609\u2009139\u2009000.00", ",", 609_139_000),
        ("609\u202f139\u202f000,00", ".", 609_139_000),
        ("Rp 609,139,000", ",", 609_139_000),
        ("Rp. 609.139.000,00", ".", 609_139_000),
        ("Rp609.139.000", ".", 609_139_000),
        ("Rp\u00a0609.139.000", ".", 609_139_000),
        ("RP 609,139,000", ",", 609_139_000),
        ("-5,000,000", ",", -5_000_000),
        ("- 5,000,000", ",", -5_000_000),
        ("(5,000,000)", ",", -5_000_000),
        ("\u22125.000.000", ".", -5_000_000),
        ("Rp (5.000.000,00)", ".", -5_000_000),
        ("(Rp 5.000.000,00)", ".", -5_000_000),
        ("-Rp 5,000,000", ",", -5_000_000),
        ("Rp -5,000,000", ",", -5_000_000),
        ("Rp \u22125 000 000", ",", -5_000_000),
        ("950", ",", 950),
        ("0", ",", 0),
        ("0.00", ",", 0),
        ("", ",", 0),
        ("-", ".", 0),
        ("Rp -", ",", 0),
    ],
)
def test_every_form_reads_to_its_rupiah(text: str, grouping: str, rupiah: int) -> None:
    assert money.parse_amount(text, grouping) == rupiah
    assert money.read_amount(text, grouping) == Amount(rupiah, Decimal(0))
    assert money.looks_like_amount(text) == (text != "")
    assert isinstance(money.parse_amount(text, grouping), int)


@pytest.mark.parametrize(
    ("text", "grouping"),
    [
        ("609.139.000", ","),  # grouped with the other separator
        ("609,139,000", "."),
        ("609,139,000,00", "."),
        ("609.139.000.00", ","),
        ("609 139,000", ","),  # separators mixed
        ("609 139\u00a0000", ","),
        ("1,23,000", ","),
        ("1,234.567", ","),  # three decimals are a group, not sen
        ("1 234,50", ","),  # a decimal comma in a comma-grouped document
        ("--5,000", ","),
        ("-(5,000)", ","),
        ("(-5,000)", ","),
        ("(5,000", ","),
        ("Rp", ","),
        ("Rp Rp 5,000", ","),
        ("5,000-", ","),
        ("5,000 Orang", ","),
        ("40\u200b000", ","),
        ("enam", ","),
    ],
)
def test_what_is_no_amount_of_the_grouping(text: str, grouping: str) -> None:
    with pytest.raises(ValueError):
        money.parse_amount(text, grouping)
    with pytest.raises(ValueError):
        money.read_amount(text, grouping)


@pytest.mark.parametrize(
    "text", ["609 139,000", "1,23,000", "--5", "Rp", "5,000 Orang", "40\u200b000", "", " "]
)
def test_looks_like_amount_refuses(text: str) -> None:
    assert not money.looks_like_amount(text)


def test_what_was_an_amount_before_still_is() -> None:
    for text in ["1,234", "1.234", "1234", "0", "-", " 609,139,000 "]:
        assert money.looks_like_amount(text)
    assert money.parse_amount("609,139,000") == money.parse_amount("609.139.000", ".") == 609_139_000


@pytest.mark.parametrize(
    ("text", "grouping", "amount"),
    [
        ("1,234.50", ",", Amount(1_234, Decimal("0.50"))),
        ("1.234,5", ".", Amount(1_234, Decimal("0.5"))),
        ("Rp 609 139 000,99", ".", Amount(609_139_000, Decimal("0.99"))),
        ("(1,234.50)", ",", Amount(-1_234, Decimal("-0.50"))),
        ("-0.01", ",", Amount(0, Decimal("-0.01"))),
    ],
)
def test_a_fraction_is_kept_apart_never_rounded(text: str, grouping: str, amount: Amount) -> None:
    assert money.read_amount(text, grouping) == amount
    assert money.looks_like_amount(text)
    with pytest.raises(ValueError, match="fraction"):
        money.parse_amount(text, grouping)


@pytest.mark.parametrize(
    ("samples", "expected"),
    [
        (["609,139,000.00", "5,660,000.00"], ","),
        (["609139000.00"], ","),  # a decimal point
        (["609.139.000,00"], "."),
        (["609 139 000,00", "5 660 000,00"], "."),  # ",00" at the end: dot-grouped
        (["Rp (5.000.000,00)", "Rp 609.139.000"], "."),
        (["\u22125.000.000"], "."),
        (["-5,000,000", "(1,000)"], ","),
        (["609 139 000", "950"], ","),  # no style shown: SAKTI's own
    ],
)
def test_detect_grouping_from_every_form(samples: list[str], expected: str) -> None:
    assert money.detect_grouping(samples) == expected


def test_detect_grouping_space_groups_leave_it_to_the_volumes() -> None:
    assert money.detect_grouping(["609 139 000"], ["237,00"]) == "."
    assert money.detect_grouping(["609\u00a0139\u00a0000"], ["237.00 Orang"]) == ","


@st.composite
def written(draw: st.DrawFn) -> tuple[int, str, str, bool]:
    """An integer amount written as people write it, with the grouping of its document and
    whether the text shows that grouping (by its separator or its decimal mark)."""
    amount = draw(st.integers(min_value=-(10**15), max_value=10**15))
    grouping = draw(st.sampled_from([",", "."]))
    separator = draw(st.sampled_from([grouping, "", *SPACES]))
    text = f"{abs(amount):,}".replace(",", separator)
    decimals = draw(st.booleans())
    if decimals:
        text += ("." if grouping == "," else ",") + draw(st.sampled_from(["00", "0"]))
    rp = draw(st.sampled_from(["", "Rp", "Rp ", "Rp. ", "Rp\u00a0"]))
    rp_outside = draw(st.booleans())
    if rp and not rp_outside:
        text = rp + text
    if amount < 0:
        text = draw(st.sampled_from(["-{}", "\u2212{}", "({})", "- {}"])).format(text)
    if rp and rp_outside:
        text = rp + text
    return amount, grouping, text, decimals or (separator == grouping and abs(amount) >= 1000)


@given(written())
def test_any_amount_written_any_way_reads_back(case: tuple[int, str, str, bool]) -> None:
    amount, grouping, text, shows_grouping = case
    assert money.looks_like_amount(text)
    assert money.parse_amount(text, grouping) == amount
    assert money.detect_grouping([text]) == (grouping if shows_grouping else ",")


@given(st.integers(min_value=-(10**15), max_value=10**15), st.sampled_from([",", "."]))
def test_format_rupiah_then_parse_is_identity_for_negatives_too(amount: int, grouping: str) -> None:
    assert money.parse_amount(money.format_rupiah(amount, grouping), grouping) == amount


@given(
    st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from([",", "."]),
)
def test_a_fraction_and_the_whole_rupiah_make_the_amount(value: Decimal, grouping: str) -> None:
    text = f"{value:,.2f}"
    if grouping == ".":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    amount = money.read_amount(text, grouping)
    assert amount.rupiah + amount.fraction == value
    assert abs(amount.fraction) < 1
    assert amount.rupiah == int(value)  # the integer part, toward zero
