"""The SYNTHETIC dataset generator: deterministic, valid, realistic in shape; the ``lkjip synth`` command."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from lkjip_analysis import load_dataset, read_dataset
from lkjip_analysis.cli import main
from lkjip_analysis.io.synth import PROVINCES, make_synthetic, write_synthetic
from lkjip_analysis.io.writers import _format_number, format_numbers


@pytest.fixture(scope="module")
def synth(tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("synth") / "ds"
    return out, write_synthetic(out, agencies=60, years=3, seed=7)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_same_seed_same_bytes(tmp_path, fmt):
    a = write_synthetic(tmp_path / "a", agencies=12, years=2, seed=3, fmt=fmt)
    write_synthetic(tmp_path / "b", agencies=12, years=2, seed=3, fmt=fmt)
    write_synthetic(tmp_path / "c", agencies=12, years=2, seed=4, fmt=fmt)
    files = _files(tmp_path / "a")
    assert files == _files(tmp_path / "b")
    assert files != _files(tmp_path / "c")
    suffix = ".csv" if fmt == "csv" else ".parquet"
    assert {n for n in files if n.endswith(suffix)} == {f"{t}{suffix}" for t, f in a.tables.items() if len(f)}
    assert {"datapackage.json", "README.md"} <= set(files)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b", "c"]  # no staging folders left behind


def test_valid_and_documented_as_synthetic(synth):
    folder, ds = synth
    loaded, problems = read_dataset(folder)
    assert problems == [] and loaded is not None
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "SINTETIS" in readme and "SYNTHETIC" in readme and "--seed 7" in readme
    assert "SYNTHETIC" in write_synthetic.__doc__
    for name, frame in ds.tables.items():
        pd.testing.assert_frame_equal(frame, loaded[name], check_dtype=True)


def test_realistic_shape(synth):
    _, ds = synth
    ag, ind, perf = ds.agencies, ds.indicators, ds.performance
    assert all(re.fullmatch(r"synth-(provinsi|kabupaten|kota)-\d{4}", a) for a in ag["agency_id"])
    assert set(ag["level"]) == {"provinsi", "kabupaten", "kota"} and set(ag["province"]) <= set(PROVINCES)
    per_agency = ind.groupby("agency_id").size()
    assert per_agency.between(4, 15).all() and len(ds.agency_years()) == 60 * 3
    assert set(ind["polarity"]) == {"higher", "lower"} and ind["unit"].nunique() >= 5
    assert set(ind["quarter_aggregation"]) == {"cumulative", "last", "per_quarter"}
    assert set(perf["period"]) == {"annual", "TW1", "TW2", "TW3", "TW4"}
    quarterly = perf[perf["period"] != "annual"].merge(ind, on=["agency_id", "indicator_id"])
    assert set(quarterly["quarter_aggregation"]) == {"cumulative", "last", "per_quarter"}
    assert (perf["target"] == 0).any()
    assert (perf["target"].isna() & perf["target_text"].isna()).any()  # missing target
    assert perf["target_text"].notna().any()  # non-numeric target
    assert perf["realisasi"].isna().any() and perf["reported_capaian"].notna().mean() > 0.8
    b = ds.budget
    assert {"kegiatan", "total"} <= set(b["line_type"]) and b["indicator_id"].notna().any()
    headline = b[b["headline"].fillna(False).astype(bool)]
    assert (headline["line_type"] == "total").all()
    assert headline.groupby(["agency_id", "year"]).size().eq(1).all()
    assert len(headline) == len(ds.agency_years())
    assert {"region", "rpjmd_end", "national"} <= set(ds.benchmarks["kind"])
    assert len(ds.pmks) and len(ds.akip_scores) and len(ds.efficiency) and len(ds.facts)
    assert set(ds.akip_scores["component"]) >= {"perencanaan", "total"}


def test_slips_are_counted():
    _, slips = make_synthetic(40, 3, seed=1)
    assert slips["capaian_error"] > 0 and slips["budget_pct"] > 0 and set(slips) >= {"budget_total", "stated_total"}


def test_cli_synth_and_validate(tmp_path):
    runner = CliRunner()
    out = tmp_path / "cli"
    result = runner.invoke(main, ["synth", "--agencies", "5", "--years", "2", "--out", str(out), "--seed", "2"])
    assert result.exit_code == 0, result.output
    assert "agencies 5" in result.output and (out / "performance.csv").exists()
    assert runner.invoke(main, ["validate", str(out)]).exit_code == 0
    result = runner.invoke(main, ["synth", "--agencies", "5", "--years", "2", "--out", str(out), "--format", "parquet"])
    assert result.exit_code == 0, result.output
    assert (out / "performance.parquet").exists() and not (out / "performance.csv").exists()  # folder replaced
    check = runner.invoke(main, ["validate", str(out)])
    assert check.exit_code == 0 and check.output.startswith("OK")
    assert runner.invoke(main, ["synth", "--agencies", "0", "--years", "2", "--out", str(out)]).exit_code == 2


def test_vectorised_number_format_matches_scalar():
    rng = np.random.default_rng(0)
    values = np.concatenate([rng.normal(0, 1, 2000) * 10.0 ** rng.integers(-6, 18, 2000),
                             np.round(rng.uniform(0, 200, 2000), 2), [np.nan, 0.0, -0.0, 1e15, 1e16, np.inf]])
    assert format_numbers(values).tolist() == [_format_number(float(v)) for v in values]


def test_embedded_dataset_round_trips_through_parquet(tmp_path):
    from lkjip_analysis.io.writers import save_dataset

    ds = load_dataset()
    save_dataset(ds, tmp_path / "pq", fmt="parquet")
    again = load_dataset(tmp_path / "pq")
    for name in ds.tables:
        pd.testing.assert_frame_equal(ds[name], again[name])
