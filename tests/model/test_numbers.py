import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkjip_analysis import GarbledNumberError, NumberParseError, parse_number, parse_number_detail


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1.164.318.000", 1164318000.0),  # Banjarbaru Tabel B.1 total pagu
        ("371.344.500", 371344500.0),
        ("99,97%", 99.97),
        ("31,89", 31.89),
        ("Rp. 50.193.200.643", 50193200643.0),
        ("Rp 1.164.318.000", 1164318000.0),
        ("1.47", 1.47),  # Kaltim writes decimals with a dot
        ("98.50", 98.5),
        ("7.5", 7.5),
        ("251.234", 251234.0),  # Kaltim PMKS population (one dot + 3 digits = thousands)
        ("1.164.318,50", 1164318.5),
        ("100%", 100.0),
        ("0", 0.0),
        (" 65,74 ", 65.74),
        ("-3,5", -3.5),
        (12, 12.0),
        (2.5, 2.5),
    ],
)
def test_parse_number_values(text, expected):
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "-", "  ", None, "–"])
def test_missing_values_are_none(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("text", ["205..778.000", "3.497503.285", "185125.800.1", "1,2,3", "12.34.5"])
def test_garbled_numbers_raise(text):
    with pytest.raises(GarbledNumberError):
        parse_number(text)


@pytest.mark.parametrize("text", ["abc", "1 Dokumen", "81,57(A)", "12 PSKS"])
def test_non_numbers_raise(text):
    with pytest.raises(NumberParseError):
        parse_number(text)


def test_single_dot_three_digits_is_flagged_ambiguous():
    detail = parse_number_detail("251.234")
    assert detail.value == 251234.0 and detail.ambiguous
    assert not parse_number_detail("1.47").ambiguous


def test_decimal_rules():
    assert parse_number("1.500", decimal=".") == 1.5
    assert parse_number("1.500", decimal=",") == 1500.0
    assert parse_number("1,5", decimal=",") == 1.5
    with pytest.raises(GarbledNumberError):
        parse_number("185125.800", decimal=",")


def test_nan_passes_through_as_missing():
    assert parse_number(math.nan) is None


@given(st.integers(min_value=0, max_value=10**13))
def test_indonesian_thousands_roundtrip(n):
    text = f"{n:,}".replace(",", ".")
    assert parse_number(text, decimal=",") == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_indonesian_decimal_roundtrip(whole, cents):
    text = f"{whole:,}".replace(",", ".") + f",{cents:02d}"
    assert parse_number(text) == pytest.approx(whole + cents / 100)
