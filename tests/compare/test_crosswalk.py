"""Crosswalk to common measures: the embedded map, the name rules on an agency nobody has seen, suggestions."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import lkjip_analysis as lk
from lkjip_analysis.cli import main
from lkjip_analysis.compare import crosswalk as cw
from lkjip_analysis.exceptions import DatasetError

BJB, HSS, KALTIM = "dinsos-kota-banjarbaru", "dinsos-kab-hulu-sungai-selatan", "dinsos-prov-kalimantan-timur"
NEW = "dinsos-prov-sulawesi-tengah"
REQUIRED_MEASURES = {"spm_disabilitas_terlantar", "spm_anak_terlantar", "spm_lansia_terlantar",
                     "spm_gelandangan_pengemis", "spm_korban_bencana", "psks_partisipasi_pct",
                     "pmks_berfungsi_sosial_pct", "penurunan_pmks_pct", "ikm", "nilai_akip", "serapan_anggaran_pct"}

# The indicators of a Dinas Sosial of another province, as its own LKjIP would word them.
NEW_INDICATORS = [
    # indicator_id, name, unit, polarity, target, realisasi
    ("iku-1", "Indeks Kepuasan Masyarakat terhadap pelayanan Dinas Sosial", "Indeks", "higher", "80", "82,5"),
    ("iku-2", "Persentase peserta KB aktif", "%", "higher", "70", "65"),
    ("p-1", "Persentase OPD yang menerapkan PPRG", "%", "higher", "100", "100"),
    ("k-1", "Jumlah lanjut usia terlantar yang mendapatkan pelayanan sosial di dalam panti", "orang", "higher",
     "120", "118"),
    ("k-2", "Persentase anak terlantar yang belum tertangani", "%", "lower", "10", "12"),
    ("k-3", "Jumlah penyandang disabilitas yang mendapatkan rehabilitasi sosial", "orang", "higher", "50", "40"),
]


def _fill(ws, rows: list[dict]) -> None:
    names = [c.value for c in ws[1]]
    for i, row in enumerate(rows, start=4):
        for j, name in enumerate(names, start=1):
            ws.cell(row=i, column=j, value=row.get(name))


@pytest.fixture(scope="module")
def unseen(tmp_path_factory) -> Path:
    """A dataset folder holding only an agency nobody here has seen, entered through the Excel template."""
    tmp = tmp_path_factory.mktemp("unseen")
    book = tmp / "sulteng.xlsx"
    runner = CliRunner()
    result = runner.invoke(main, ["template", str(book), "--agency-id", NEW, "--name",
                                  "Dinas Sosial Provinsi Sulawesi Tengah", "--level", "provinsi", "--province",
                                  "Sulawesi Tengah"])
    assert result.exit_code == 0, result.output
    wb = load_workbook(book)
    src = {"source": "LKjIP Dinas Sosial Sulteng 2022"}
    _fill(wb["indicators"], [dict(agency_id=NEW, indicator_id=i, sasaran="Sasaran", name=n, unit=u, polarity=p,
                                  quarter_aggregation="last", tier="sasaran", iku="true", **src)
                             for i, n, u, p, _, _ in NEW_INDICATORS])
    _fill(wb["performance"], [dict(agency_id=NEW, indicator_id=i, year=2022, period="annual", target=t,
                                   realisasi=r, **src) for i, _, _, _, t, r in NEW_INDICATORS])
    wb.save(book)
    into = tmp / "data"
    result = runner.invoke(main, ["import", str(book), "--into", str(into)])
    assert result.exit_code == 0, result.output
    return into


def test_measures_schema_and_ids() -> None:
    m = cw.measures()
    assert set(cw.MEASURE_COLUMNS) <= set(m.columns)
    assert REQUIRED_MEASURES <= set(m["id"]) and m["id"].is_unique
    assert (m[cw.MEASURE_COLUMNS] != "").all().all()  # every field filled in
    assert set(m["polarity"]) <= {"higher", "lower"}
    spm = m[m["id"].str.startswith("spm_")]
    assert len(spm) == 5 and spm["source"].str.contains("Permensos 9/2018").all()


def test_embedded_agencies_explicit_map() -> None:
    r = cw.resolve(lk.load_dataset()).set_index(["agency_id", "indicator_id"])
    assert r.at[(HSS, "k2-1"), "measure"] == "spm_anak_terlantar"
    assert r.at[(HSS, "k2-2"), "measure"] == "spm_lansia_terlantar"
    assert r.at[(BJB, "s1-i1"), "measure"] == "psks_partisipasi_pct"
    assert r.at[(KALTIM, "iku-pmks"), "measure"] == "penurunan_pmks_pct"
    assert r.at[(HSS, "iku-pmks"), "measure"] == "pmks_berfungsi_sosial_pct"
    assert r.at[(BJB, "s1-i1"), "measure_confidence"] == 1.0
    # every embedded indicator was decided by a person (map), none left to the rules
    assert (r["measure_basis"] == "peta").all()
    # bantuan to anak terlantar (k3-2) is not the SPM rehabilitation service, and UEP grants (k1-2) neither
    assert r.at[(HSS, "k3-2"), "measure"] is None and r.at[(HSS, "k1-2"), "measure"] is None


def test_confident_rules_agree_with_the_hand_made_map() -> None:
    """Where a name rule is sure (>= 0,8) of an embedded indicator, it says what the people who read the reports said."""
    ds = lk.load_dataset()
    by_rules = cw.apply_rules(ds.indicators)
    by_map = cw.resolve(ds)
    sure = (by_rules["measure_confidence"] >= 0.8).to_numpy()
    assert sure.sum() >= 9
    assert by_rules["measure"][sure].tolist() == by_map["measure"][sure].tolist()
    # and no rule maps with confidence what the map decided has no common measure
    decided_none = by_map["measure"].isna().to_numpy()
    assert not (decided_none & sure).any()


def test_map_entry_for_a_renamed_indicator_is_not_used() -> None:
    ds = lk.load_dataset()
    ind = ds.indicators.copy()
    row = ((ind["agency_id"] == HSS) & (ind["indicator_id"] == "k2-1")).to_numpy()
    ind.loc[row, "name"] = "Persentase peserta KB aktif"
    renamed = lk.Dataset({**ds.tables, "indicators": ind}, ds.path, ds.checksum)
    r = cw.resolve(renamed).set_index(["agency_id", "indicator_id"])
    assert r.at[(HSS, "k2-1"), "measure"] is None and r.at[(HSS, "k2-1"), "measure_basis"] == "aturan bidang_kb"


def test_rules_on_an_agency_nobody_has_seen(unseen: Path) -> None:
    ds = lk.load_dataset(unseen)
    r = cw.resolve(ds).set_index("indicator_id")
    assert r.at["iku-1", "measure"] == "ikm" and r.at["iku-1", "measure_confidence"] >= 0.9
    assert r.at["iku-1", "measure_basis"] == "aturan ikm"
    # family planning and gender mainstreaming are other fields: unmapped, and the rule says why
    assert r.at["iku-2", "measure"] is None and r.at["iku-2", "measure_basis"] == "aturan bidang_kb"
    assert "keluarga berencana" in r.at["iku-2", "measure_note"]
    assert r.at["p-1", "measure"] is None and r.at["p-1", "measure_basis"] == "aturan bidang_gender"
    assert r.at["k-1", "measure"] == "spm_lansia_terlantar"
    # the share of children NOT yet served is not the SPM service (and runs the other way)
    assert r.at["k-2", "measure"] is None
    # disability without 'terlantar': a low-confidence candidate for a person to confirm
    assert r.at["k-3", "measure"] == "spm_disabilitas_terlantar" and r.at["k-3", "measure_confidence"] < 0.8
    # the panel carries the same
    p = lk.panel(ds).set_index("indicator_id")
    assert p.at["iku-1", "measure"] == "ikm" and pd.isna(p.at["iku-2", "measure"])
    assert p.at["iku-1", "capaian"] == pytest.approx(82.5 / 80 * 100)


def test_polarity_against_the_measure_halves_confidence() -> None:
    ind = pd.DataFrame({"name": ["Indeks kepuasan masyarakat", "Indeks kepuasan masyarakat"],
                        "polarity": ["higher", "lower"]})
    out = cw.apply_rules(ind)
    assert out["measure_confidence"].tolist() == [0.95, 0.475]
    assert "polaritas berlawanan" in out["measure_note"].iloc[1]


def test_suggest_then_confirm_into_the_agency_file(unseen: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "usulan.csv"
    result = runner.invoke(main, ["crosswalk", "suggest", "--dataset", str(unseen), "--out", str(out)])
    assert result.exit_code == 0, result.output
    s = pd.read_csv(out, dtype=str, keep_default_na=False).set_index("indicator_id")
    assert set(s.index) == {"iku-2", "p-1", "k-2", "k-3"}  # unmapped or low confidence; IKM and lansia are sure
    assert s.at["k-3", "status"] == "keyakinan rendah: konfirmasi"
    assert s.at["k-3", "candidates"].startswith("spm_disabilitas_terlantar (0,60")
    assert s.at["iku-2", "status"] == "bidang lain: tidak dipetakan" and s.at["iku-2", "candidates"] == ""
    assert "spm_anak_terlantar" in s.at["k-2", "candidates"]  # offered, for a person to refuse
    # a person confirms k-3 and refuses k-2; the panel then uses the file
    s.loc["k-3", "measure"] = "spm_disabilitas_terlantar"
    s.loc["k-2", "measure"] = "-"
    s.reset_index().to_csv(out, index=False)
    panel_path = tmp_path / "panel.csv"
    result = runner.invoke(main, ["panel", "--dataset", str(unseen), "--crosswalk", str(out), "--out",
                                  str(panel_path)])
    assert result.exit_code == 0, result.output
    p = pd.read_csv(panel_path).set_index("indicator_id")
    assert p.at["k-3", "measure"] == "spm_disabilitas_terlantar" and p.at["k-3", "measure_confidence"] == 1.0
    assert p.at["k-3", "measure_basis"] == "berkas usulan.csv"
    assert pd.isna(p.at["k-2", "measure"]) and p.at["k-2", "measure_basis"] == "berkas usulan.csv"
    assert p.at["iku-1", "measure"] == "ikm"  # rows the person left empty keep the rules' answer
    result = runner.invoke(main, ["crosswalk", "suggest", "--dataset", str(unseen), "--crosswalk", str(out)])
    assert result.exit_code == 0 and "k-3" not in result.output


def test_bad_crosswalk_file_names_file_row_column_value(tmp_path: Path) -> None:
    path = tmp_path / "cw.csv"
    path.write_text("agency_id;indicator_id;measure;confidence\n"
                    f"{BJB};s1-i1;psks_partisipasi_pct;0,9\n"
                    f"{BJB};s2-i1;pmks_mandiri;\n"
                    f"{BJB};s2-i2;-;2\n", encoding="utf-8")
    with pytest.raises(DatasetError) as info:
        cw.read_crosswalk(path)
    text = str(info.value)
    assert f"{path}, baris 3, kolom 'measure': nilai 'pmks_mandiri'" in text and "ikm" in text
    assert f"{path}, baris 4, kolom 'confidence': nilai '2'" in text
    result = CliRunner().invoke(main, ["panel", "--crosswalk", str(path), "--out", str(tmp_path / "p.csv")])
    assert result.exit_code == 1 and "baris 3" in result.output and not (tmp_path / "p.csv").exists()
    english = info.value.render("en")
    assert f"{path}, row 4, column 'confidence': value '2' — a number 0–1 (e.g. 0.8)" in english
    assert f"{path}, row 3, column 'measure': value 'pmks_mandiri' — a common measure id or '-' (none); choices: " \
           in english
    assert f"{path}, baris 4, kolom 'confidence': nilai '2' — angka 0–1 (mis. 0,8)" in text
    result = CliRunner().invoke(main, ["--lang", "en", "panel", "--crosswalk", str(path), "--out",
                                       str(tmp_path / "p.csv")])
    assert result.exit_code == 1 and "row 4, column 'confidence'" in result.output and "baris" not in result.output


def test_crosswalk_file_semicolon_and_decimal_comma(tmp_path: Path) -> None:
    path = tmp_path / "cw.csv"
    path.write_text(f"agency_id;indicator_id;measure;confidence\n{BJB};s2-i2;pmks_berfungsi_sosial_pct;0,5\n",
                    encoding="utf-8")
    r = cw.resolve(lk.load_dataset(), path).set_index(["agency_id", "indicator_id"])
    assert r.at[(BJB, "s2-i2"), "measure"] == "pmks_berfungsi_sosial_pct"
    assert r.at[(BJB, "s2-i2"), "measure_confidence"] == 0.5
    assert r.at[(BJB, "s2-i2"), "measure_basis"] == "berkas cw.csv"


def test_normalise_unit() -> None:
    units = pd.Series(["%", "Persen", "persentase (%)", "Orang", "jiwa", "Indeks", "Nilai/Predikat", "KPM", None])
    assert cw.normalise_unit(units).tolist() == ["%", "%", "%", "orang", "orang", "indeks", "nilai", "kpm", ""]


def test_embedded_loader_ignores_the_crosswalk_folder() -> None:
    ds, problems = lk.read_dataset()
    assert not problems and set(ds.agency_ids) == {BJB, HSS, KALTIM}
