"""The researchers' panel: one row per agency × year × period × indicator, in Parquet, CSV and Stata."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import lkjip_analysis as lk
from lkjip_analysis.cli import main
from lkjip_analysis.compare.panel import PANEL_COLUMNS, PANEL_KEYS, PanelFormatError, target_ambition, write_panel

BJB, HSS, KALTIM = "dinsos-kota-banjarbaru", "dinsos-kab-hulu-sungai-selatan", "dinsos-prov-kalimantan-timur"
REQUIRED = ["agency_id", "name", "level", "province", "year", "period", "indicator_id", "indicator", "unit",
            "polarity", "measure", "measure_confidence", "target", "realisasi", "capaian", "reported_capaian",
            "kategori", "serapan", "audit_errors", "source", "source_line"]


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, Path]:
    """The embedded dataset's panel written by the CLI in each format."""
    tmp = tmp_path_factory.mktemp("panel")
    out = {}
    for suffix in ("parquet", "csv", "dta"):
        path = tmp / f"panel.{suffix}"
        result = CliRunner().invoke(main, ["panel", "--out", str(path)])
        assert result.exit_code == 0, result.output
        assert "212 baris" in result.output  # one row per performance row (212 in performance.csv)
        out[suffix] = path
    return out


def _key(frame: pd.DataFrame) -> pd.Series:
    return (frame["agency_id"].astype(str) + "|" + frame["year"].astype(int).astype(str) + "|"
            + frame["period"].astype(str) + "|" + frame["indicator_id"].astype(str))


def test_parquet_and_csv_hold_the_same_rows_without_duplicate_keys(written) -> None:
    pq = pd.read_parquet(written["parquet"])
    csv = pd.read_csv(written["csv"], dtype={"source_line": str})
    assert list(pq.columns) == PANEL_COLUMNS and set(REQUIRED) <= set(pq.columns)
    assert list(csv.columns) == PANEL_COLUMNS
    assert len(pq) == len(csv) == len(lk.load_dataset().performance)
    assert not _key(pq).duplicated().any() and not _key(csv).duplicated().any()
    assert _key(pq).tolist() == _key(csv).tolist()
    for col in ("target", "realisasi", "capaian", "reported_capaian", "serapan", "measure_confidence",
                "target_ambition"):
        np.testing.assert_allclose(pq[col].to_numpy(dtype=float), csv[col].to_numpy(dtype=float), rtol=1e-12)
    assert pq["audit_errors"].tolist() == csv["audit_errors"].tolist()
    assert pq["source_line"].tolist() == csv["source_line"].fillna("").replace("", None).tolist()


def test_stata_file_reads_back(written) -> None:
    dta = pd.read_stata(written["dta"])
    pq = pd.read_parquet(written["parquet"])
    assert len(dta) == len(pq) and list(dta.columns) == PANEL_COLUMNS
    np.testing.assert_allclose(dta["capaian"].to_numpy(dtype=float), pq["capaian"].to_numpy(dtype=float))
    assert dta["measure"].iloc[0] == "" and (dta["measure"] == "spm_anak_terlantar").any()
    from pandas.io.stata import StataReader

    with StataReader(written["dta"]) as reader:
        assert reader.variable_labels()["serapan"] == "Serapan anggaran terkait (%)"


def test_capaian_equals_lkjip_capaian(written) -> None:
    result = CliRunner().invoke(main, ["capaian", "--format", "json"])
    assert result.exit_code == 0
    cli = pd.DataFrame(json.loads(result.output))
    pq = pd.read_parquet(written["parquet"])
    assert len(cli) == len(pq) and _key(cli).tolist() == _key(pq).tolist()
    np.testing.assert_allclose(pq["capaian"].to_numpy(dtype=float), cli["capaian"].to_numpy(dtype=float))
    assert pq["kategori"].fillna("").tolist() == cli["kategori"].fillna("").tolist()


def test_hand_computed_rows() -> None:
    p = lk.panel(lk.load_dataset()).set_index(PANEL_KEYS)
    row = p.loc[(BJB, 2020, "annual", "s2-i1")]
    assert row["name"] == "Dinas Sosial Kota Banjarbaru" and row["province"] == "Kalimantan Selatan"
    assert row["capaian"] == pytest.approx(61 / 59 * 100)          # 103,39; the report prints 103,2
    assert row["reported_capaian"] == 103.2 and row["audit_errors"] == 1
    assert row["realisasi_prev"] == 68 and row["target_ambition"] == pytest.approx((59 - 68) / 68 * 100)
    assert row["measure"] == "pmks_berfungsi_sosial_pct" and row["measure_confidence"] == 0.8
    psks = p.loc[(BJB, 2020, "annual", "s1-i1")]
    assert psks["serapan"] == pytest.approx(371_344_500 / 1_164_318_000 * 100)  # Tabel B.1: 31,89
    assert psks["serapan_basis"] == "dihitung" and psks["measure"] == "psks_partisipasi_pct"
    tw4 = p.loc[(KALTIM, 2020, "TW4", "iku-pmks")]
    assert tw4["capaian"] == pytest.approx(1 / 0.75 * 100) and tw4["audit_errors"] == 1  # printed 125
    assert pd.isna(tw4["serapan"])  # the linked budget is yearly: on the annual row only
    assert p.loc[(KALTIM, 2020, "annual", "iku-pmks"), "measure"] == "penurunan_pmks_pct"
    k21 = p.loc[(HSS, 2019, "TW1", "k2-1")]
    assert k21["measure"] == "spm_anak_terlantar" and k21["capaian"] == pytest.approx(31 / 37 * 100)
    assert k21["source"] == "001_90dadde9d726c79a.txt" and k21["source_line"] == "500"
    assert p.loc[(HSS, 2019, "annual", "k2-2"), "measure"] == "spm_lansia_terlantar"
    assert int(p["audit_errors"].sum()) == 7  # performance-row errors of `lkjip audit --severity error`


def test_panel_of_a_synthetic_dataset_matches_capaian_table() -> None:
    from lkjip_analysis.io.synth import make_synthetic

    ds, _ = make_synthetic(agencies=12, years=3, seed=3)
    p = lk.panel(ds)
    cap = lk.capaian_table(ds)
    assert len(p) == len(cap) and not p.duplicated(PANEL_KEYS).any()
    np.testing.assert_allclose(p["capaian"].to_numpy(dtype=float), cap["capaian"].to_numpy(dtype=float))
    assert p["measure"].notna().any() and (p["measure"] == "ikm").any()
    errors = lk.audit(ds, severity="error")
    assert int(p["audit_errors"].sum()) == int((errors["table"] == "performance").sum())


def test_target_ambition() -> None:
    assert target_ambition(59, 68) == pytest.approx(-13.2353, abs=1e-4)
    assert target_ambition(1.5, 1.47) == pytest.approx(2.0408, abs=1e-4)  # Kaltim 2020 after 2019
    assert target_ambition(20, 25, "lower") == pytest.approx(20.0)  # a lower target for a lower-is-better
    assert np.isnan(target_ambition(10, 0)) and np.isnan(target_ambition(10, np.nan))
    s = target_ambition(pd.Series([110.0, 90.0]), pd.Series([100.0, 100.0]), pd.Series(["higher", "lower"]))
    assert s.tolist() == pytest.approx([10.0, 10.0])


def test_bad_suffix_and_atomic_write(tmp_path: Path, monkeypatch) -> None:
    result = CliRunner().invoke(main, ["panel", "--out", str(tmp_path / "panel.xlsx")])
    assert result.exit_code == 2 and ".parquet, .csv, .dta" in result.output
    with pytest.raises(PanelFormatError):
        write_panel(pd.DataFrame({"a": [1]}), tmp_path / "p.txt")
    target = tmp_path / "panel.csv"
    target.write_text("lama\n", encoding="utf-8")

    def broken(*args, **kwargs):
        raise OSError("disk penuh")

    monkeypatch.setattr(pd.DataFrame, "to_csv", broken)
    with pytest.raises(OSError):
        write_panel(lk.panel(lk.load_dataset()), target)
    assert target.read_text(encoding="utf-8") == "lama\n"
    assert [f.name for f in tmp_path.iterdir()] == ["panel.csv"]


def test_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["panel", "--out", str(blocker / "panel.csv")])
    assert result.exit_code == 1 and "tidak dapat ditulis" in result.output and "Traceback" not in result.output


def test_stata_labels_in_english(tmp_path) -> None:
    from pandas.io.stata import StataReader

    from lkjip_analysis.compare.panel import COLUMN_LABELS, panel, write_panel
    from lkjip_analysis.exceptions import UnknownMethodError
    from lkjip_analysis.io.loaders import load_dataset

    frame = panel(load_dataset())
    path = write_panel(frame, tmp_path / "panel.dta", lang="en")
    with StataReader(path) as reader:
        labels = reader.variable_labels()
    assert labels["serapan"] == "Absorption of the linked budget (%)"
    assert labels["capaian"] == "Achievement computed (%)"
    assert COLUMN_LABELS["serapan"] == "Serapan anggaran terkait (%)" and set(COLUMN_LABELS) == set(PANEL_COLUMNS)
    with pytest.raises(UnknownMethodError):
        write_panel(frame, tmp_path / "p2.dta", lang="fr")


def test_panel_suffix_error_in_both_languages() -> None:
    from lkjip_analysis.compare.panel import PanelFormatError, panel_format

    with pytest.raises(PanelFormatError) as caught:
        panel_format("panel.xlsx")
    assert str(caught.value) == "panel.xlsx: akhiran berkas panel harus salah satu dari .parquet, .csv, .dta"
    assert caught.value.render("en") == "panel.xlsx: a panel file's suffix must be one of .parquet, .csv, .dta"
