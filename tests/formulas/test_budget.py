import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkjip_analysis import UnknownMethodError, efisiensi, efisiensi_kategori, serapan, sisa


@pytest.mark.parametrize(
    "pagu, realisasi, expected",
    [
        (1164318000, 371344500, 31.89),  # Banjarbaru Tabel B.1 (PSKS) total, printed 31,89
        (54803500, 52363500, 95.55),  # Banjarbaru LKSA line, printed 95,55
        (121190000, 110154000, 90.89),  # printed 90,90: a rounding slip of the report (90,8936)
        (360000000, 207912000, 57.75),
    ],
)
def test_serapan_hand_computed(pagu, realisasi, expected):
    assert serapan(pagu, realisasi) == pytest.approx(expected, abs=0.005)


def test_serapan_zero_pagu_is_missing():
    assert math.isnan(serapan(0, 10))
    assert math.isnan(serapan(None, 10))


def test_sisa():
    assert sisa(627410000, 0) == 627410000
    out = sisa(pd.Series([100.0, 50.0]), pd.Series([40.0, 50.0]))
    assert out.tolist() == [60.0, 0.0]


@pytest.mark.parametrize(
    "cap, ser, method, expected",
    [
        (95, 87.48, "capaian_minus_serapan", 7.52),  # Kaltim Tabel 12
        (100, 31.89, "unspent_share", 68.11),  # Banjarbaru PSKS: stated efisiensi 68,11%
        (103.39, 31.89, "capped_capaian_minus_serapan", 68.11),
        (120, 80, "ratio", 1.5),
    ],
)
def test_efisiensi_methods(cap, ser, method, expected):
    assert efisiensi(cap, ser, method=method) == pytest.approx(expected, abs=0.005)


def test_efisiensi_unknown_method():
    with pytest.raises(UnknownMethodError):
        efisiensi(1, 1, method="magic")


@pytest.mark.parametrize("d, expected", [(7.52, "Efisien"), (5, "Cukup efisien"), (-5, "Cukup efisien"),
                                         (-5.01, "Tidak efisien")])
def test_efisiensi_kategori(d, expected):
    assert efisiensi_kategori(d) == expected


@given(st.floats(min_value=1, max_value=1e12), st.floats(min_value=0, max_value=1e12))
def test_serapan_plus_unspent_is_100(pagu, real):
    s = serapan(pagu, real)
    assert s + efisiensi(0, s, method="unspent_share") == pytest.approx(100.0)
    assert sisa(pagu, real) / pagu * 100 == pytest.approx(100.0 - s, rel=1e-9, abs=1e-6)


def test_efficiency_table_of_the_embedded_reports() -> None:
    from lkjip_analysis import load_dataset
    from lkjip_analysis.analysis import analysis
    eff = analysis.efficiency_table(load_dataset()).set_index(["agency_id", "indicator_id"])
    # Banjarbaru s1-i1 (Tabel B.1): realisasi 371.344.500 of pagu 1.164.318.000 = 31,89 %; capaian 75 / 75 = 100
    bjb = eff.loc[("dinsos-kota-banjarbaru", "s1-i1")]
    assert bjb["serapan"] == pytest.approx(31.8937, abs=1e-4) and bjb["serapan_basis"] == "dihitung"
    assert bjb["efisiensi"] == pytest.approx(100 - 31.8937, abs=1e-4)
    # Kalimantan Timur: Tabel 13 lost its pagu and prints serapan 88,60; capaian 1,47 / 1,5 = 98 -> 98 - 88,6 = 9,4
    # (Tabel 12 prints 7,52, from capaian 95 and serapan 87,48)
    kaltim = eff.loc[("dinsos-prov-kalimantan-timur", "iku-pmks")]
    assert kaltim["serapan_basis"] == "tercetak" and kaltim["serapan"] == pytest.approx(88.6)
    assert kaltim["efisiensi"] == pytest.approx(9.4) and kaltim["reported_efisiensi"] == pytest.approx(7.52)
