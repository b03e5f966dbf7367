import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkjip_analysis import UnknownMethodError, capaian, capaian_reason, kategori


@pytest.mark.parametrize(
    "target, realisasi, polarity, method, expected",
    [
        # Banjarbaru 2020, "Persentase PMKS yang mampu melaksanakan peran sosialnya": 61/59*100
        (59, 61, "higher", "standard", 103.39),
        # Banjarbaru 2020, Cakupan PSKS: 75/75
        (75, 75, "higher", "standard", 100.0),
        # Kaltim 2020 IKU: 1.47/1.5*100 = 98 (printed 98)
        (1.5, 1.47, "higher", "standard", 98.0),
        # HSS 2019 kegiatan 1.1 TW4: 120/130*100 = 92.31 (printed 92,31)
        (130, 120, "higher", "standard", 92.31),
        # lower is better, domain.md: stunting target 23, realisasi 20,10
        (23, 20.10, "lower", "standard", 112.61),
        (23, 20.10, "lower", "ratio", 114.43),
        (8, 4, "lower", "standard", 150.0),
        (8, 4, "lower", "ratio", 200.0),
    ],
)
def test_capaian_hand_computed(target, realisasi, polarity, method, expected):
    assert capaian(target, realisasi, polarity, method=method) == pytest.approx(expected, abs=0.005)


@pytest.mark.parametrize(
    "target, realisasi, reason",
    [
        (0, 5, "target nol"),
        (None, 5, "target tidak ada"),
        ("1 Dokumen (365 bh rumah)", 187, "target tidak numerik"),
        ("81,57(A)", 81.57, "target tidak numerik"),
        (100, None, "realisasi tidak dilaporkan"),
        (100, float("nan"), "realisasi tidak dilaporkan"),
    ],
)
def test_capaian_missing_with_reason(target, realisasi, reason):
    value = capaian(target, realisasi)
    assert math.isnan(value) and not math.isinf(value)
    assert capaian_reason(target, realisasi) == reason


def test_empty_realisasi_is_not_zero_or_hundred():
    s = capaian(pd.Series([100.0, 100.0]), pd.Series([np.nan, 0.0]))
    assert math.isnan(s.iloc[0]) and s.iloc[1] == 0.0


def test_ratio_method_with_zero_realisasi_is_missing():
    assert math.isnan(capaian(8, 0, "lower", method="ratio"))
    assert capaian_reason(8, 0, "lower", method="ratio").startswith("realisasi nol")


def test_vectorised_matches_scalar_and_keeps_index():
    t = pd.Series([59, 23, 0], index=["a", "b", "c"])
    r = pd.Series([61, 20.1, 3], index=["a", "b", "c"])
    pol = pd.Series(["higher", "lower", "higher"], index=["a", "b", "c"])
    out = capaian(t, r, pol)
    assert list(out.index) == ["a", "b", "c"]
    assert out["a"] == pytest.approx(capaian(59, 61))
    assert out["b"] == pytest.approx(capaian(23, 20.1, "lower"))
    assert math.isnan(out["c"])


def test_cap_and_floor_for_aggregation():
    assert capaian(100, 150, cap=120) == 120
    assert capaian(10, 30, "lower", floor=0) == 0


def test_unknown_method_and_polarity():
    with pytest.raises(UnknownMethodError):
        capaian(1, 1, method="garbled")
    with pytest.raises(UnknownMethodError):
        capaian(1, 1, polarity="up")


@pytest.mark.parametrize(
    "value, scale, expected",
    [
        (103.39, "banjarbaru", "Sangat berhasil"),
        (85, "banjarbaru", "Sangat berhasil"),
        (84.99, "banjarbaru", "Berhasil"),
        (70, "banjarbaru", "Berhasil"),
        (66.7, "banjarbaru", "Cukup berhasil"),  # Banjarbaru 2018 PSKS realisasi, "kategori cukup"
        (54.9, "banjarbaru", "Tidak berhasil"),
        (90.01, "permendagri86", "Sangat tinggi"),
        (90, "permendagri86", "Tinggi"),
        (75, "permendagri86", "Sedang"),
        (65, "permendagri86", "Rendah"),
        (50, "permendagri86", "Sangat rendah"),
    ],
)
def test_kategori_bands(value, scale, expected):
    assert kategori(value, scale=scale) == expected


def test_kategori_series_is_ordered_and_keeps_missing():
    out = kategori(pd.Series([40.0, np.nan, 99.0]))
    assert out.cat.ordered and pd.isna(out.iloc[1]) and out.iloc[2] == "Sangat berhasil"


finite = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)


@given(finite, st.floats(min_value=0, max_value=1e6), st.floats(min_value=0, max_value=1e6))
def test_higher_is_monotone_in_realisasi(target, r1, r2):
    lo, hi = sorted((r1, r2))
    assert capaian(target, lo) <= capaian(target, hi)


@given(finite, st.floats(min_value=0, max_value=1e6), st.floats(min_value=0, max_value=1e6),
       st.sampled_from(["standard", "ratio"]))
def test_lower_is_antitone_in_realisasi(target, r1, r2, method):
    lo, hi = sorted((r1, r2))
    a, b = capaian(target, lo, "lower", method=method), capaian(target, hi, "lower", method=method)
    if not (math.isnan(a) or math.isnan(b)):
        assert a >= b - 1e-9


@given(finite, st.sampled_from(["higher", "lower"]), st.sampled_from(["standard", "ratio"]))
def test_meeting_target_exactly_is_100(target, polarity, method):
    assert capaian(target, target, polarity, method=method) == pytest.approx(100.0)


@given(st.floats(allow_nan=True, allow_infinity=False, width=32), st.floats(allow_nan=True, width=32))
def test_never_infinite(target, realisasi):
    assert not math.isinf(capaian(target, realisasi))
