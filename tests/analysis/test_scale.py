"""The pipeline at scale (2 000 SYNTHETIC agency-years): it runs, the audit finds the planted slips,
and the CSV and Parquet forms load to the same frames. No timing here: see benchmarks/bench_data.py."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lkjip_analysis import load_dataset
from lkjip_analysis.analysis import analysis
from lkjip_analysis.checks.audit import audit, audit_summary
from lkjip_analysis.io.synth import make_synthetic, write_synthetic

AGENCIES, YEARS, SEED = 400, 5, 11


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("scale")
    write_synthetic(root / "csv", AGENCIES, YEARS, seed=SEED, fmt="csv")
    write_synthetic(root / "parquet", AGENCIES, YEARS, seed=SEED, fmt="parquet")
    return root


@pytest.fixture(scope="module")
def ds(folders):
    return load_dataset(folders / "csv")


@pytest.fixture(scope="module")
def findings(ds):
    return audit(ds)


def test_csv_and_parquet_load_to_equal_frames(folders, ds):
    pq = load_dataset(folders / "parquet")
    assert len(ds.agency_years()) == AGENCIES * YEARS
    for name in ds.tables:
        pd.testing.assert_frame_equal(ds[name], pq[name], check_dtype=True)
        if name in ds.rows:
            assert ds.rows[name].tolist() == pq.rows[name].tolist()  # same row numbers in messages


def test_pipeline_runs(ds):
    cap = analysis.capaian_table(ds)
    assert len(cap) == len(ds.performance) and cap["capaian"].notna().mean() > 0.8
    assert cap.loc[cap["capaian_note"] == "target tidak numerik", "capaian"].isna().all()
    summary = analysis.budget_summary(ds)
    assert len(summary) == AGENCIES * YEARS and summary["serapan"].between(0, 100).all()
    eff = analysis.efficiency_table(ds)
    assert len(eff) and eff["efisiensi"].notna().any()
    overview = analysis.agency_overview(ds)
    assert len(overview) == AGENCIES * YEARS and overview["share_at_target"].between(0, 100).all()
    annual = analysis.annual_capaian(ds)
    assert (annual["basis"] != "laporan").any()  # some annual figures completed from the quarters


def test_audit_finds_the_planted_slips(ds, findings):
    _, slips = make_synthetic(AGENCIES, YEARS, seed=SEED)
    counts = findings.groupby("rule").size()
    errors = findings[findings["severity"] == "error"].groupby("rule").size()
    for rule, slip in [("budget_pct", "budget_pct"), ("garbled_percentage", "budget_pct_garbled"),
                       ("budget_total", "budget_total"), ("stated_total", "stated_total"),
                       ("akip_predikat", "akip_predikat")]:
        assert errors.get(rule, 0) == slips[slip], rule
    assert errors.get("efficiency_method", 0) == slips["efficiency"]
    assert counts.get("capaian_repeats_realisasi", 0) == slips["capaian_repeats_realisasi"]
    for rule, slip in [("akip_total", "akip_total"), ("pmks_rate", "pmks"), ("budget_sisa", "budget_sisa")]:
        assert slips[slip] * 0.9 <= counts.get(rule, 0) <= slips[slip], rule
    capaian_errors = errors.get("capaian", 0) + errors.get("quarterly_capaian", 0)
    assert slips["capaian_error"] * 0.9 <= capaian_errors <= slips["capaian_error"] * 1.05


def test_every_gross_capaian_slip_is_an_error(ds, findings):
    cap = analysis.capaian_table(ds)
    gross = cap[(cap["reported_capaian"] - cap["capaian"]).abs() > 1.5]
    gross = gross[gross["polarity"] == "higher"]  # lower-is-better rows may follow the ratio formula (info)
    keys = set(zip(gross["agency_id"], gross["indicator_id"].astype(str) + " " + gross["year"].astype(str) + " "
                   + gross["period"].astype(str)))
    flagged = findings[findings["rule"].isin(["capaian", "quarterly_capaian"]) & (findings["severity"] == "error")]
    assert keys and keys <= set(zip(flagged["agency_id"], flagged["key"]))


def test_audit_summary_counts_every_agency(ds, findings):
    summary = audit_summary(ds)
    assert len(summary) == AGENCIES and summary["total"].sum() == len(findings)
    per_agency = findings.groupby("agency_id").size()
    assert np.array_equal(summary.set_index("agency_id")["total"].reindex(per_agency.index), per_agency)
