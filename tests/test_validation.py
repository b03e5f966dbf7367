"""One test per kind of bad input: the problem names the file, row, column and what was expected."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conftest import edit_csv
from lkjip_analysis import DatasetError, load_dataset, read_dataset


def only_problem(path: Path):
    ds, problems = read_dataset(path)
    assert ds is None
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_valid_fixture_loads_with_dtypes(mini_dir):
    ds = load_dataset(mini_dir)
    assert len(ds.performance) == 7 and ds["budget"] is ds.budget
    assert str(ds.performance["year"].dtype) == "Int64"
    assert ds.performance["target"].dtype == "float64"
    assert ds.indicators["iku"].dtype == "boolean"
    assert ds.benchmarks.empty and list(ds.benchmarks.columns)[:3] == ["agency_id", "indicator_id", "year"]


def test_missing_required_table(mini_dir):
    (mini_dir / "performance.csv").unlink()
    p = only_problem(mini_dir)
    assert p.file.endswith("performance.csv") and "tidak ditemukan" in p.expected


def test_missing_dataset_path(tmp_path):
    with pytest.raises(DatasetError) as exc:
        load_dataset(tmp_path / "nope")
    assert "nope" in str(exc.value)


def test_missing_column(mini_dir):
    path = mini_dir / "indicators.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False).drop(columns=["polarity"])
    df.to_csv(path, index=False)
    p = only_problem(mini_dir)
    assert (p.file, p.row, p.column) == (str(path), 1, "polarity")
    assert "tidak ada di header" in p.expected


def test_unknown_column(mini_dir):
    edit_csv(mini_dir / "agencies.csv", "sector,source", "sector,sumber_dana_x,source")
    edit_csv(mini_dir / "agencies.csv", "sosial,fixture,1", "sosial,,fixture,1")
    edit_csv(mini_dir / "agencies.csv", "sosial,fixture,2", "sosial,,fixture,2")
    p = only_problem(mini_dir)
    assert p.column == "sumber_dana_x" and p.row == 1 and "tidak dikenal" in p.expected


def test_non_numeric_number(mini_dir):
    edit_csv(mini_dir / "performance.csv", "2020,annual,59,,61,", "2020,annual,59,,enam puluh satu,")
    p = only_problem(mini_dir)
    assert (p.row, p.column, p.value) == (3, "realisasi", "enam puluh satu")
    assert "angka" in p.expected


def test_garbled_indonesian_number(mini_dir):
    edit_csv(mini_dir / "budget.csv", "627410000,0,0", '"205..778.000",0,0')
    p = only_problem(mini_dir)
    assert (p.row, p.column, p.value) == (2, "pagu", "205..778.000")
    assert "kelompok tiga angka" in p.expected


def test_negative_pagu(mini_dir):
    edit_csv(mini_dir / "budget.csv", "apbd,915000,915000", "apbd,-915000,915000")
    p = only_problem(mini_dir)
    assert (p.row, p.column) == (3, "pagu") and "negatif" in p.expected


def test_period_not_allowed(mini_dir):
    edit_csv(mini_dir / "performance.csv", "2019,TW3,", "2019,Q3,")
    p = only_problem(mini_dir)
    assert (p.row, p.column, p.value) == (8, "period", "Q3")
    assert "annual, TW1, TW2, TW3, TW4" in p.expected


def test_year_out_of_range(mini_dir):
    edit_csv(mini_dir / "performance.csv", "dinas-a,s1-i1,2020", "dinas-a,s1-i1,20201")
    p = only_problem(mini_dir)
    assert (p.row, p.column) == (2, "year") and "2000" in p.expected


def test_duplicate_key(mini_dir):
    with open(mini_dir / "performance.csv", "a", encoding="utf-8") as fh:
        fh.write("dinas-a,s1-i1,2020,annual,75,,70,93.3,Tabel 1,fixture,99\n")
    p = only_problem(mini_dir)
    assert p.row == 9 and "duplikat dari baris 2" in p.expected
    assert "indicator_id=s1-i1" in str(p.value)


def test_unknown_agency_reference(mini_dir):
    edit_csv(mini_dir / "pmks.csv", "dinas-b,2019", "dinas-x,2019")
    p = only_problem(mini_dir)
    assert (p.row, p.column) == (2, "agency_id") and "agencies" in p.expected


def test_unknown_indicator_reference(mini_dir):
    edit_csv(mini_dir / "performance.csv", "dinas-b,k1,2019,TW1", "dinas-b,k9,2019,TW1")
    p = only_problem(mini_dir)
    assert (p.row, p.column) == (7, "indicator_id") and "indicators" in p.expected


def test_empty_required_table(mini_dir):
    path = mini_dir / "performance.csv"
    path.write_text(path.read_text().splitlines()[0] + "\n", encoding="utf-8")
    p = only_problem(mini_dir)
    assert p.file == str(path) and "minimal satu baris" in p.expected


def test_empty_file_without_header(mini_dir):
    (mini_dir / "pmks.csv").write_text("", encoding="utf-8")
    p = only_problem(mini_dir)
    assert p.file.endswith("pmks.csv") and "header" in p.expected


def test_bom_and_semicolon_csv_from_excel(mini_dir):
    path = mini_dir / "budget.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df["pagu"] = ["627.410.000", "915.000", "628.325.000"]
    df["reported_pct"] = ["0", "100", "0,15"]
    path.write_bytes(df.to_csv(index=False, sep=";").encode("utf-8-sig"))
    ds = load_dataset(mini_dir)
    assert ds.budget["pagu"].tolist() == [627410000.0, 915000.0, 628325000.0]
    assert ds.budget["reported_pct"].iloc[2] == pytest.approx(0.15)
    assert ds.budget["agency_id"].iloc[0] == "dinas-a"  # BOM not glued to the first header


def test_every_problem_is_reported_not_just_the_first(mini_dir):
    edit_csv(mini_dir / "performance.csv", "2019,TW3,", "2019,Q3,")
    edit_csv(mini_dir / "budget.csv", "apbd,915000,915000", "apbd,-915000,915000")
    edit_csv(mini_dir / "agencies.csv", "kota,Kalimantan", "kecamatan,Kalimantan")
    with pytest.raises(DatasetError) as exc:
        load_dataset(mini_dir)
    assert len(exc.value.problems) == 3
    text = str(exc.value)
    assert "performance.csv, baris 8, kolom 'period'" in text and "kecamatan" in text


def test_unsafe_agency_id_refused(mini_dir):
    for name in ("agencies.csv", "indicators.csv", "performance.csv", "budget.csv", "akip_scores.csv"):
        text = (mini_dir / name).read_text()
        (mini_dir / name).write_text(text.replace("dinas-a,", "../etc,"))
    ds, problems = read_dataset(mini_dir)
    assert ds is None and any(p.column == "agency_id" and "slug" in p.expected for p in problems)


def test_dataset_error_pickles(mini_dir):
    import pickle

    edit_csv(mini_dir / "performance.csv", "2019,TW3,", "2019,Q3,")
    with pytest.raises(DatasetError) as exc:
        load_dataset(mini_dir)
    again = pickle.loads(pickle.dumps(exc.value))
    assert str(again) == str(exc.value)
