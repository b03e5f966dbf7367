import math

import pandas as pd
import pytest

from lkjip_analysis import akip_total, pace_needed, pmks_rate, predikat_akip, tingkat_kemajuan, yoy_change
from lkjip_analysis.formulas.trends import annual_from_quarters, quarterly_progress


def test_tingkat_kemajuan_kaltim_table_11():
    # Kaltim Tabel 11: realisasi 1.47 against end target 7.5 -> printed 19.60
    assert tingkat_kemajuan(1.47, 7.5) == pytest.approx(19.6)
    assert math.isnan(tingkat_kemajuan(1, 0))


def test_yoy_change():
    # Kaltim Tabel 10 realisasi 2018 1.8 -> 2019 1.47: -18.33%
    assert yoy_change(1.47, 1.8) == pytest.approx(-18.333, abs=1e-3)
    assert yoy_change(75, 66.7, relative=False) == pytest.approx(8.3)
    assert math.isnan(yoy_change(5, 0))


def test_pace_needed():
    assert pace_needed(1.47, 7.5, 2) == pytest.approx(3.015)
    assert math.isnan(pace_needed(1, 7.5, 0))


def test_pmks_rates_from_reports():
    # HSS: 10.249 PMKS mandiri of 16.982 terdata = 60,35% (the report prints 60,85%)
    assert pmks_rate(10249, 16982) == pytest.approx(60.35, abs=0.005)
    # HSS: 705 of 11.638 = 6,06%
    assert pmks_rate(705, 11638) == pytest.approx(6.06, abs=0.005)
    assert math.isnan(pmks_rate(5, 0))


@pytest.mark.parametrize("score, expected", [(68.78, "B"), (70.39, "BB"), (90.5, "AA"), (90, "A"), (80.01, "A"),
                                              (50.5, "CC"), (50, "C"), (30, "D"), (0, "D"), (100, "AA")])
def test_predikat_bands(score, expected):
    assert predikat_akip(score) == expected


def test_predikat_rejects_out_of_range():
    with pytest.raises(ValueError):
        predikat_akip(101)


def test_akip_total_kaltim_2019():
    comps = ["perencanaan", "pengukuran", "pelaporan", "evaluasi_internal", "capaian"]
    s = pd.DataFrame({"agency_id": ["k"] * 5, "year": [2019] * 5, "component": comps,
                      "score": [23.47, 18.75, 10.97, 5.70, 11.50]})
    out = akip_total(s)
    assert out["total"].iloc[0] == pytest.approx(70.39)
    assert out["predikat"].iloc[0] == "BB"


def test_quarterly_cumulative_and_last():
    # HSS kegiatan 2.2 (lansia terlantar): targets 5,0,210,0; realisasi 5,0,210,0
    q = pd.DataFrame({"period": ["TW1", "TW2", "TW3", "TW4"], "target": [5, 0, 210, 0],
                      "realisasi": [5, 0, 210, 0]})
    assert annual_from_quarters(q, "cumulative") == (215.0, 215.0)
    prog = quarterly_progress(q, "cumulative")
    assert prog["target_to_date"].tolist() == [5, 5, 215, 215]
    stock = pd.DataFrame({"period": ["TW1", "TW2", "TW3", "TW4"], "target": [6562] * 4,
                          "realisasi": [6294, 6252, 6076, None]})
    assert annual_from_quarters(stock, "last") == (6562.0, 6076.0)
    assert all(math.isnan(v) for v in annual_from_quarters(q, "per_quarter"))
