"""The regional comparison compares like with like: per common measure, with the year beside every value."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import lkjip_analysis as lk
from lkjip_analysis.report import regional

BJB, HSS, KALTIM = "dinsos-kota-banjarbaru", "dinsos-kab-hulu-sungai-selatan", "dinsos-prov-kalimantan-timur"


@pytest.fixture(scope="module")
def ds():
    return lk.load_dataset()


@pytest.fixture(scope="module")
def values(ds):
    return regional.measure_values(ds)


def test_report_years(ds) -> None:
    latest = regional.report_years(ds).set_index("agency_id")["year"].to_dict()
    assert latest == {BJB: 2020, HSS: 2019, KALTIM: 2020}
    assert set(regional.report_years(ds, 2019)["agency_id"]) == {BJB, HSS, KALTIM}
    assert set(regional.report_years(ds, 2020)["agency_id"]) == {BJB, KALTIM}


def test_latest_years_compare_per_measure(ds, values) -> None:
    comp, rest = regional.compare_measures(values, regional.report_years(ds))
    pm = comp[comp["measure"] == "pmks_berfungsi_sosial_pct"].set_index("agency_id")
    assert set(pm.index) == {BJB, HSS} and (pm["n_agencies"] == 2).all()
    assert pm.at[BJB, "year"] == 2020 and pm.at[HSS, "year"] == 2019
    assert pm.at[BJB, "realisasi"] == 61 and pm.at[BJB, "capaian"] == pytest.approx(61 / 59 * 100)
    # a capaian of 103 % against a target below the year before's 68 %
    assert pm.at[BJB, "target_ambition"] == pytest.approx((59 - 68) / 68 * 100)
    # HSS prints no annual realisasi: the four quarters of PMKS mandiri added up (cumulative indicator)
    assert pm.at[HSS, "realisasi"] == pytest.approx(37.63 + 13.25 + 3.39 + 6.02)
    assert pm.at[HSS, "capaian"] == pytest.approx((37.63 + 13.25 + 3.39 + 6.02) / 65.74 * 100)
    assert pm.at[HSS, "basis"] == "triwulan (cumulative)"
    assert "tahun berbeda antar instansi" in pm.at[BJB, "note"]
    kt = comp[comp["measure"] == "penurunan_pmks_pct"].iloc[0]
    assert kt["agency_id"] == KALTIM and kt["capaian"] == pytest.approx(98.0)
    assert kt["target_ambition"] == pytest.approx((1.5 - 1.47) / 1.47 * 100)
    assert kt["n_agencies"] == 1
    # what is not compared, and why
    why = rest.set_index(["agency_id", "indicator_id"])
    assert why.at[(HSS, "k2-1"), "reason"] == "satuan berbeda"  # persons, the SPM measure is a percentage
    assert "'Orang'" in why.at[(HSS, "k2-1"), "detail"] and "'%'" in why.at[(HSS, "k2-1"), "detail"]
    assert why.at[(HSS, "k2-4"), "reason"] == "realisasi tidak dilaporkan"
    assert why.at[(HSS, "iku-akip"), "reason"] == "realisasi tidak dilaporkan"  # quarterly zeros, no number target
    assert why.at[(HSS, "iku-rb"), "reason"] == "tidak ada padanan ukuran bersama"
    assert why.at[(BJB, "s2-i3"), "reason"] == "tidak ada padanan ukuran bersama"
    assert not set(zip(comp["agency_id"], comp["indicator_id"])) & set(why.index)


def test_one_year_for_all(ds, values) -> None:
    comp, rest = regional.compare_measures(values, regional.report_years(ds, 2020), year=2020)
    assert set(comp["year"]) == {2020} and HSS not in set(comp["agency_id"])
    why = rest.set_index(["agency_id", "indicator_id"])
    assert why.at[(HSS, "iku-pmks"), "reason"] == "tahun berbeda"
    assert why.at[(HSS, "iku-pmks"), "detail"] == "tidak ada angka tahun 2020; tahun yang ada: 2019"
    assert why.at[(HSS, "iku-pmks"), "year"] == 2020
    comp19, _ = regional.compare_measures(values, regional.report_years(ds, 2019), year=2019)
    bjb = comp19[(comp19["agency_id"] == BJB) & (comp19["measure"] == "psks_partisipasi_pct")].iloc[0]
    assert bjb["year"] == 2019 and bjb["realisasi"] == 75 and pd.isna(bjb["capaian"])  # no 2019 target printed
    assert bjb["realisasi_prev"] == 66.7


def test_one_indicator_per_agency_and_measure(ds) -> None:
    own = pd.DataFrame({"agency_id": [HSS], "indicator_id": ["p2a"], "measure": ["pmks_berfungsi_sosial_pct"],
                        "indicator": [""], "confidence": [0.5], "note": [""]})
    values = regional.measure_values(ds, own)
    comp, rest = regional.compare_measures(values, regional.report_years(ds))
    hss = comp[(comp["agency_id"] == HSS) & (comp["measure"] == "pmks_berfungsi_sosial_pct")]
    assert hss["indicator_id"].tolist() == ["iku-pmks"]  # confidence 1.0 beats 0.5
    dup = rest.set_index(["agency_id", "indicator_id"]).loc[(HSS, "p2a")]
    assert dup["reason"] == "diwakili indikator lain instansi ini" and dup["detail"].startswith("iku-pmks")


@pytest.mark.slow
def test_the_report(tmp_path: Path) -> None:
    """One run of the regional notebook (kernels are costly on the shared machine): default years and 2019."""
    from lkjip_analysis.config import PARAMS_DIR
    from lkjip_analysis.run.runner import run_reports

    params = tmp_path / "params"
    params.mkdir()
    default = (PARAMS_DIR / "regional-comparison.yaml").read_text(encoding="utf-8")
    (params / "regional.yaml").write_text(default, encoding="utf-8")
    (params / "r2019.yaml").write_text("notebook: regional_comparison\nname: r2019\nyear: 2019\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = run_reports(sorted(params.glob("*.yaml")), formats=("html",), workers=1, output_dir=out,
                          progress=False)
    assert summary.exit_code == 0, summary.format()
    html = (out / "_regional" / "regional" / "report.html").read_text(encoding="utf-8")
    assert "Perbandingan per ukuran bersama" in html and "Yang tidak dapat dibandingkan" in html
    assert "tahun terakhir tiap instansi" in html and "2019: 1 instansi" in html and "2020: 2 instansi" in html
    assert "103,39" in html and "-13,24" in html and "60,29" in html  # capaian, ambition, HSS from quarters
    assert "satuan berbeda" in html and "Nilai total (dihitung)" not in html
    assert "2019 · Dinas Sosial Kabupaten Hulu Sungai Selatan" in html  # the year beside the value
    assert "Peringkat efisiensi tidak ditampilkan" in html
    assert "Target vs realisasi tahun lalu (%)" in html and "target_ambition" not in html
    tables = out / "_regional" / "regional" / "tables"
    comp = pd.read_csv(tables / "ukuran_bersama.csv")
    assert set(comp["measure"]) == {"pmks_berfungsi_sosial_pct", "psks_partisipasi_pct", "penurunan_pmks_pct"}
    audit = pd.read_csv(tables / "temuan_audit.csv")
    assert "jumlah" in audit.columns and "total" not in audit.columns
    assert (out / "_regional" / "regional" / "figures" / "ukuran_pmks_berfungsi_sosial_pct.png").exists()
    h2019 = (out / "_regional" / "r2019" / "report.html").read_text(encoding="utf-8")
    assert "untuk semua instansi" in h2019 and ">68,00<" in h2019  # (fixed decimals per column) Banjarbaru's 2019 PMKS figure
    comp19 = pd.read_csv(out / "_regional" / "r2019" / "tables" / "ukuran_bersama.csv")
    assert set(comp19["year"]) == {2019}
