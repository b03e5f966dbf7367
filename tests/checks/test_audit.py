"""Audit rules: each flags a real slip and leaves honest rounding alone; real slips of the three reports."""

from __future__ import annotations

import pandas as pd
import pytest

from lkjip_analysis import load_dataset
from lkjip_analysis.analysis.analysis import budget_summary
from lkjip_analysis.checks.audit import COLUMNS, audit, compare, printed_decimals
from lkjip_analysis.io.loaders import Dataset
from lkjip_analysis.model.schema import TABLES
from lkjip_analysis.model.validation import empty_frame

BJB, HSS, KALTIM = "dinsos-kota-banjarbaru", "dinsos-kab-hulu-sungai-selatan", "dinsos-prov-kalimantan-timur"


def make(**tables) -> Dataset:
    """A dataset of one agency 'a' with one higher- and one lower-is-better indicator plus given rows."""
    base = {
        "agencies": [dict(agency_id="a", name="Dinas A", level="kota", province="P", sector="sosial", source="t")],
        "indicators": [
            dict(agency_id="a", indicator_id="up", sasaran="s", name="naik", unit="%", polarity="higher",
                 quarter_aggregation="cumulative", tier="sasaran", iku=True, source="t"),
            dict(agency_id="a", indicator_id="down", sasaran="s", name="turun", unit="%", polarity="lower",
                 quarter_aggregation="last", tier="sasaran", iku=False, source="t"),
        ],
    }
    base.update(tables)
    frames = {}
    for name, table in TABLES.items():
        frame = empty_frame(table)
        rows = base.get(name, [])
        if rows:
            add = pd.DataFrame(rows)
            frame = pd.concat([frame, add], ignore_index=True)[list(table.column_names)]
            frame = frame.astype(empty_frame(table).dtypes.to_dict())
        frames[name] = frame
    return Dataset(frames, "test")


def perf(indicator="up", period="annual", **kw):
    row = dict(agency_id="a", indicator_id=indicator, year=2020, period=period, source="t", source_line=1)
    row.update(kw)
    return row


def rules(findings: pd.DataFrame) -> list[tuple[str, str]]:
    return list(zip(findings["rule"], findings["severity"]))


def test_columns_and_empty_result():
    f = audit(make(performance=[perf(target=59, realisasi=61, reported_capaian=103.39)]))
    assert list(f.columns) == COLUMNS and f.empty


def test_precision_helpers():
    assert printed_decimals(103.2) == 1 and printed_decimals(60.85) == 2 and printed_decimals(125.0) == 0
    assert compare(103.4, 103.3898) is None  # printed with one decimal: honest rounding
    assert compare(98, 98.0) is None


@pytest.mark.parametrize("reported, expected", [(103.2, [("capaian", "error")]), (103.39, []), (103.4, []),
                                                 (103, [])])
def test_capaian_rule(reported, expected):
    # Banjarbaru: target 59, realisasi 61 -> 103,39; the report prints 103,2
    f = audit(make(performance=[perf(target=59, realisasi=61, reported_capaian=reported)]))
    assert rules(f) == expected


def test_capaian_lower_polarity_and_method_info():
    ok = audit(make(performance=[perf("down", target=23, realisasi=20.1, reported_capaian=112.61)]))
    assert ok.empty
    other = audit(make(performance=[perf("down", target=23, realisasi=20.1, reported_capaian=114.43)]))
    assert rules(other) == [("capaian", "info")] and "'ratio'" in other["message"].iloc[0]
    wrong = audit(make(performance=[perf("down", target=23, realisasi=20.1, reported_capaian=100)]))
    assert rules(wrong) == [("capaian", "error")]


def test_quarterly_rule_and_zero_target():
    f = audit(make(performance=[perf(period="TW4", target=0.75, realisasi=1, reported_capaian=125),
                                perf(period="TW3", target=0.5, realisasi=0.5, reported_capaian=100),
                                perf(period="TW2", target=0, realisasi=37, reported_capaian=37)]))
    assert sorted(rules(f)) == [("quarterly_capaian", "error"), ("quarterly_capaian", "warning")]
    assert f.loc[f["severity"] == "error", "recomputed"].iloc[0] == pytest.approx(133.333, abs=1e-3)


def test_quarterly_honest_rounding_is_not_flagged():
    # 2 / 3 = 66,666...: printed 66,67 or 66,7 is honest, 66,6 is one digit off, 60 is wrong
    f = audit(make(performance=[perf(period="TW1", target=3, realisasi=2, reported_capaian=66.67),
                                perf(period="TW2", target=3, realisasi=2, reported_capaian=66.7),
                                perf(period="TW3", target=3, realisasi=2, reported_capaian=66.6),
                                perf(period="TW4", target=3, realisasi=2, reported_capaian=60)]))
    assert sorted(rules(f)) == [("quarterly_capaian", "error"), ("quarterly_capaian", "warning")]
    assert set(f["key"]) == {"up 2020 TW3", "up 2020 TW4"}


def test_capaian_that_repeats_realisasi_while_a_target_exists_is_an_error():
    # a target of 75 is printed, realisasi 66,7, and the 'capaian' column repeats 66,7 (it is 88,93)
    f = audit(make(performance=[perf(target=75, realisasi=66.7, reported_capaian=66.7)]))
    assert rules(f) == [("capaian", "error")]
    assert "sama dengan realisasi" in f["message"].iloc[0] and f["recomputed"].iloc[0] == pytest.approx(88.933, 1e-4)


def test_capaian_repeats_realisasi():
    f = audit(make(performance=[perf(year=2019, realisasi=66.7, reported_capaian=66.7),
                                perf(target=75, realisasi=75, reported_capaian=100)]))
    assert rules(f) == [("capaian_repeats_realisasi", "warning")] and "target 75" in f["message"].iloc[0]


def line(no, line_type="kegiatan", program="P1", kegiatan=None, table="T", **kw):
    row = dict(agency_id="a", year=2020, budget_table=table, line_no=no, line_type=line_type, program=program,
               kegiatan=kegiatan or (f"K{no}" if line_type == "kegiatan" else None), funding_source="apbd",
               source="t", source_line=no)
    row.update(kw)
    return row


def test_budget_pct_sisa_and_garbled():
    f = audit(make(budget=[
        line(1, pagu=121190000, realisasi=110154000, reported_pct=90.89),  # honest
        line(2, pagu=121190000, realisasi=110154000, reported_pct=90.88),  # one digit off (90,8936)
        line(3, pagu=1164318000, realisasi=371344500, reported_pct=50.0),
        line(4, pagu=100, realisasi=40, reported_sisa=60),  # honest
        line(5, pagu=10957000, realisasi=507000, reported_sisa=507000),  # HSS: sisa copied from elsewhere
        line(6, pagu=1000, realisasi=500, reported_pct=439681250),  # Banjarbaru "439.681.250%"
    ]))
    assert sorted(rules(f)) == sorted([("budget_pct", "warning"), ("budget_pct", "error"), ("budget_sisa", "error"),
                                       ("garbled_percentage", "error")])


def test_budget_total_leaf_lines():
    rows = [line(1, "program", program="P1", pagu=300), line(2, pagu=100), line(3, pagu=200),
            line(4, "program", program="P2", pagu=50), line(5, "total", program=None, pagu=350)]
    assert audit(make(budget=rows)).empty  # P1 is a subtotal of its kegiatan; P2 has none
    rows[-1] = line(5, "total", program=None, pagu=350.5 + 500)
    f = audit(make(budget=rows))
    assert rules(f) == [("budget_total", "error")] and f["recomputed"].iloc[0] == 350


def test_stated_totals_disagree():
    rows = [line(1, "total", table="teks", pagu=56652801485, realisasi=50193200643),
            line(1, "total", table="Tabel 14", pagu=56652801485, realisasi=50193200000)]
    assert rules(audit(make(budget=rows))) == [("stated_total", "error")]
    rows[1] = line(1, "total", table="Tabel 14", pagu=56652801485, realisasi=50193200643)
    assert audit(make(budget=rows)).empty  # the same totals stated twice


def test_efficiency_method_found_or_not():
    budget = [line(1, "total", table="B1", pagu=1164318000, realisasi=371344500, indicator_id="up")]
    performance = [perf(target=75, realisasi=75, reported_capaian=100)]
    eff = lambda v: [dict(agency_id="a", year=2020, indicator_id="up", reported_efisiensi=v, source="t",
                          source_line=9)]
    found = audit(make(budget=budget, performance=performance, efficiency=eff(68.11)))
    assert ("efficiency_method", "info") in rules(found) and "unspent_share" in " ".join(found["message"])
    none = audit(make(budget=budget, performance=performance, efficiency=eff(12.0)))
    assert ("efficiency_method", "error") in rules(none)


def test_efficiency_table_inputs():
    # Kalimantan Timur Tabel 12: capaian 95 for realisasi 1,47 of target 1,5 (98), serapan 87,48 where the
    # linked APBD 50.193.200.643 of 56.652.801.485 gives 88,60
    budget = [line(1, "total", table="teks", pagu=56652801485, realisasi=50193200643, indicator_id="up")]
    performance = [perf(target=1.5, realisasi=1.47, reported_capaian=98)]
    eff = lambda c, s: [dict(agency_id="a", year=2020, indicator_id="up", reported_capaian=c, reported_serapan=s,
                             reported_efisiensi=round(c - s, 2), source="t", source_line=647)]
    f = audit(make(budget=budget, performance=performance, efficiency=eff(95, 87.48)))
    inputs = f[f["rule"].str.startswith("efficiency_") & (f["rule"] != "efficiency_method")
               & (f["rule"] != "efficiency_method_summary")]
    assert sorted(rules(inputs)) == [("efficiency_capaian", "error"), ("efficiency_serapan", "error")]
    assert inputs.set_index("rule")["recomputed"].to_dict() == pytest.approx(
        {"efficiency_capaian": 98.0, "efficiency_serapan": 88.5979}, abs=1e-4)
    honest = audit(make(budget=budget, performance=performance, efficiency=eff(98, 88.6)))
    assert not honest["rule"].isin(["efficiency_capaian", "efficiency_serapan"]).any()


def test_akip_honest_total_and_predikat_are_not_flagged():
    # Kaltim 2018 components add up to 68,76, which is in band B (60-70)
    scores = [dict(agency_id="a", year=2018, component=c, score=s, source="t", source_line=1)
              for c, s in [("perencanaan", 23.05), ("pengukuran", 17.81), ("pelaporan", 10.97),
                           ("evaluasi_internal", 5.49), ("capaian", 11.44)]]
    honest = scores + [dict(agency_id="a", year=2018, component="total", score=68.76, reported_predikat="B",
                            source="t", source_line=2)]
    assert audit(make(akip_scores=honest)).empty
    rounded = scores + [dict(agency_id="a", year=2018, component="total", score=68.8, reported_predikat="B",
                             source="t", source_line=2)]
    assert audit(make(akip_scores=rounded)).empty  # printed with one decimal: honest rounding


def test_pmks_and_akip():
    f = audit(make(pmks=[dict(agency_id="a", year=2019, measure="m", numerator=10249, denominator=16982,
                              reported_pct=60.85, source="t", source_line=1),
                         dict(agency_id="a", year=2019, measure="ok", numerator=705, denominator=11638,
                              reported_pct=6.06, source="t", source_line=2)],
                   akip_scores=[dict(agency_id="a", year=2018, component=c, score=s, source="t", source_line=1)
                                for c, s in [("perencanaan", 23.05), ("pengukuran", 17.81), ("pelaporan", 10.97),
                                             ("evaluasi_internal", 5.49), ("capaian", 11.44)]]
                   + [dict(agency_id="a", year=2018, component="total", score=68.78, reported_predikat="BB",
                           source="t", source_line=2)]))
    assert sorted(rules(f)) == [("akip_predikat", "error"), ("akip_total", "error"), ("pmks_rate", "error")]


# ------------------------------------------------------------------ the three reports


@pytest.fixture(scope="module")
def findings():
    return audit(load_dataset())


def _find(findings, agency, rule, line):
    hit = findings[(findings["agency_id"] == agency) & (findings["rule"] == rule)
                   & (findings["source_line"] == str(line))]
    assert len(hit) >= 1, f"no {rule} finding on line {line}"
    return hit.iloc[0]


def test_real_slips(findings):
    # HSS prints PMKS mandiri 10.249 / 16.982 as 60,85% (it is 60,35%)
    f = _find(findings, HSS, "pmks_rate", 531)
    assert f["severity"] == "error" and f["recomputed"] == pytest.approx(60.35, abs=0.005)
    # Banjarbaru prints a budget percentage of "439.681.250%"
    assert _find(findings, BJB, "garbled_percentage", 679)["reported"] == 439681250
    # Banjarbaru: capaian 103,2 for 61/59 (103,39)
    assert _find(findings, BJB, "capaian", 436)["severity"] == "error"
    # Banjarbaru Tabel B.1: rows sum to 1.164.318.500, total printed 1.164.318.000
    assert _find(findings, BJB, "budget_total", 396)["difference"] == -500
    # Kaltim Tabel 7 (2018): components sum to 68,76, total printed 68,78
    assert _find(findings, KALTIM, "akip_total", 535)["recomputed"] == pytest.approx(68.76)
    # Kaltim Tabel 8 TW IV: 1 / 0,75 = 133,33%, printed 125
    assert _find(findings, KALTIM, "quarterly_capaian", 553)["severity"] == "error"
    # Kaltim text: APBD 50.193.200.643 of 56.652.801.485 is 88,60%, printed 96,34%
    assert _find(findings, KALTIM, "budget_pct", 672)["recomputed"] == pytest.approx(88.6, abs=0.005)
    # Kaltim Tabel 12 derives its efficiency from capaian 95, although 1,47 / 1,5 = 98%, and from serapan 87,48
    # while Tabel 13 (line 662, its pagu lost in conversion) prints 88,60
    assert _find(findings, KALTIM, "efficiency_capaian", 647)["recomputed"] == pytest.approx(98)
    assert _find(findings, KALTIM, "efficiency_serapan", 647)["recomputed"] == pytest.approx(88.6)
    # HSS sisa cells copied from another table (lines 796-799)
    assert {"796", "797", "798", "799"} <= set(findings[(findings["agency_id"] == HSS)
                                                & (findings["rule"] == "budget_sisa")]["source_line"])


def test_efficiency_methods_of_the_reports(findings):
    summary = findings[findings["rule"] == "efficiency_method_summary"].set_index("agency_id")["message"]
    assert "unspent_share" in summary[BJB] and "4 dari 4" in summary[BJB]
    assert "capaian_minus_serapan" in summary[KALTIM]


def test_filters_and_severity(findings):
    only = audit(load_dataset(), agency=KALTIM, severity="error")
    assert set(only["agency_id"]) == {KALTIM} and set(only["severity"]) == {"error"}
    assert set(audit(load_dataset(), year=2019)["year"]) == {2019}
    order = findings["severity"].map({"error": 0, "warning": 1, "info": 2})
    for _, grp in findings.assign(o=order).groupby("agency_id"):
        assert grp["o"].is_monotonic_increasing


# ------------------------------------------------------------------ vectorised checks agree with the scalar ones


def test_compare_codes_matches_compare():
    import numpy as np

    from lkjip_analysis.checks.audit import compare_codes

    rng = np.random.default_rng(0)
    comp = rng.uniform(0, 200, 5000)
    rep = comp + rng.choice([0, 0.004, 0.01, 0.012, 0.05, 0.3, 2], 5000) * rng.choice([-1, 1], 5000)
    rep = np.array([round(float(r), int(d)) for r, d in zip(rep, rng.integers(0, 4, 5000))])
    comp[:50] = np.nan
    codes = compare_codes(rep, comp)
    expected = [{None: 0, "warning": 1, "error": 2}[compare(float(r), float(c))] for r, c in zip(rep, comp)]
    assert codes.tolist() == expected


def test_budget_totals_of_many_tables_in_one_pass():
    rows = []
    for t, (total, values) in enumerate([(300, [100, 200]), (301, [100, 200]), (350.4, [100.2, 250.2]),
                                         (None, [1, 2]), (10, [None, None])]):
        rows += [line(i + 1, table=f"T{t}", pagu=v) for i, v in enumerate(values)]
        rows.append(line(len(values) + 1, "total", table=f"T{t}", program=None, pagu=total))
    rows.append(line(9, "total", table="T0", program=None, pagu=299))  # the last total line counts
    f = audit(make(budget=rows))
    assert rules(f) == [("budget_total", "error"), ("budget_total", "error")]
    assert sorted(zip(f["key"], f["recomputed"], f["source_line"])) == [("T0 total pagu", 300, "9"),
                                                                         ("T1 total pagu", 300, "3")]


def test_budget_total_sub_kegiatan_lines_counted_once():
    """Permendagri 90/2019 tables: program > kegiatan > sub kegiatan. A kegiatan line with sub kegiatan lines is a
    subtotal (the total adds its sub kegiatan, not both); a kegiatan without them is a leaf."""
    rows = [line(1, "program", program="P1", pagu=1000),
            line(2, "kegiatan", program="P1", kegiatan="K1", pagu=600),  # subtotal (printed 600, its parts 550)
            line(3, "sub_kegiatan", program="P1", kegiatan="K1", sub_kegiatan="S1", pagu=250),
            line(4, "sub_kegiatan", program="P1", kegiatan="K1", sub_kegiatan="S2", pagu=300),
            line(5, "kegiatan", program="P1", kegiatan="K2", pagu=400),  # no sub kegiatan: a leaf
            line(6, "total", program=None, pagu=950)]  # 250 + 300 + 400, by hand
    assert audit(make(budget=rows)).empty
    rows[-1] = line(6, "total", program=None, pagu=1550)  # 600 + 250 + 300 + 400: kegiatan and sub kegiatan both
    f = audit(make(budget=rows))
    assert rules(f) == [("budget_total", "error")] and f["recomputed"].iloc[0] == 950


def test_budget_total_sub_kegiatan_without_kegiatan_name():
    """Sub kegiatan lines that name no kegiatan make every kegiatan line of their program a subtotal."""
    rows = [line(1, "kegiatan", program="P1", kegiatan="K1", pagu=600),
            line(2, "sub_kegiatan", program="P1", sub_kegiatan="S1", pagu=250),
            line(3, "sub_kegiatan", program="P1", sub_kegiatan="S2", pagu=300),
            line(4, "total", program=None, pagu=550)]
    assert audit(make(budget=rows)).empty
    assert budget_summary(make(budget=rows[:3]))["pagu"].tolist() == [550]  # no total line: the same leaves
def test_budget_plausibility_realisasi_above_pagu_and_serapan_above_100(mini_dir) -> None:
    """Hand-made: pagu 915.000 with realisasi 3.769.800 (412% of it) and 412 printed; the row is cited."""
    from conftest import edit_csv

    from lkjip_analysis import load_dataset
    from lkjip_analysis.checks.audit import audit

    edit_csv(mini_dir / "budget.csv", "apbd,915000,915000,100,", "apbd,915000,3769800,412,")
    findings = audit(load_dataset(mini_dir))
    above = findings[findings["rule"] == "realisasi_above_pagu"]
    assert len(above) == 1
    row = above.iloc[0]
    assert (row["severity"], row["source"], row["source_line"]) == ("error", "fixture", "21")
    assert (row["reported"], row["recomputed"]) == (3769800.0, 915000.0)
    assert "realisasi Rp 3.769.800 melebihi pagu Rp 915.000 (serapan 412%)" in row["message"]
    pct = findings[findings["rule"] == "serapan_above_100"]
    assert len(pct) == 1 and pct.iloc[0]["severity"] == "error" and pct.iloc[0]["reported"] == 412.0
    assert pct.iloc[0]["source_line"] == "21"
    # the printed 412% agrees with 3.769.800 / 915.000 × 100 = 412: the existing rule stays quiet
    assert not ((findings["rule"] == "budget_pct") & (findings["source_line"] == "21")).any()


def test_budget_plausibility_quiet_at_the_limit(mini_dir) -> None:
    """realisasi equal to pagu (serapan exactly 100%) is plausible: no finding."""
    from lkjip_analysis import load_dataset
    from lkjip_analysis.checks.audit import audit

    findings = audit(load_dataset(mini_dir))  # row 21: pagu 915.000, realisasi 915.000, 100% printed
    assert not findings["rule"].isin(["realisasi_above_pagu", "serapan_above_100"]).any()
