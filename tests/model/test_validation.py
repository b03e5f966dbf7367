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
    ds, problems = read_dataset(mini_dir)
    assert problems == []  # an unknown column refuses nothing: it is named in a warning
    [p] = [w for w in ds.warnings if w.column == "sumber_dana_x"]
    assert p.row == 1 and p.file.endswith("agencies.csv")
    assert "tidak dikenal" in p.expected and "diabaikan" in p.expected
    assert "sumber_dana_x" not in ds.agencies.columns


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
    assert (p.row, p.column, p.value) == (3, "pagu", "-915000") and "negatif" in p.expected
    assert "nilai '-915000'" in str(p)  # the value as typed, not np.float64(-915000.0)


def test_period_not_allowed(mini_dir):
    edit_csv(mini_dir / "performance.csv", "2019,TW3,", "2019,Semester 2,")
    p = only_problem(mini_dir)
    assert (p.row, p.column, p.value) == (8, "period", "Semester 2")
    assert "annual, TW1, TW2, TW3, TW4" in p.expected and "Triwulan I" in p.expected  # names the synonyms too


def test_year_out_of_range(mini_dir):
    edit_csv(mini_dir / "performance.csv", "dinas-a,s1-i1,2020", "dinas-a,s1-i1,20201")
    p = only_problem(mini_dir)
    assert (p.row, p.column, p.value) == (2, "year", "20201") and "2000" in p.expected


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
    edit_csv(mini_dir / "performance.csv", "2019,TW3,", "2019,Q5,")
    edit_csv(mini_dir / "budget.csv", "apbd,915000,915000", "apbd,-915000,915000")
    edit_csv(mini_dir / "agencies.csv", "kota,Kalimantan", "kecamatan,Kalimantan")
    with pytest.raises(DatasetError) as exc:
        load_dataset(mini_dir)
    assert len(exc.value.problems) == 3
    text = str(exc.value)
    assert "performance.csv, baris 8, kolom 'period'" in text and "kecamatan" in text and "Q5" in text


def test_unsafe_agency_id_refused(mini_dir):
    for name in ("agencies.csv", "indicators.csv", "performance.csv", "budget.csv", "akip_scores.csv"):
        text = (mini_dir / name).read_text()
        (mini_dir / name).write_text(text.replace("dinas-a,", "../etc,"))
    ds, problems = read_dataset(mini_dir)
    assert ds is None and any(p.column == "agency_id" and "slug" in p.expected for p in problems)


def test_dataset_error_pickles(mini_dir):
    import pickle

    edit_csv(mini_dir / "performance.csv", "2019,TW3,", "2019,Q5,")
    with pytest.raises(DatasetError) as exc:
        load_dataset(mini_dir)
    again = pickle.loads(pickle.dumps(exc.value))
    assert str(again) == str(exc.value)


# ------------------------------------------------------------------ fast readers (pyarrow CSV, Parquet)


def _exact_frame(path: Path):
    import csv
    import io

    from lkjip_analysis.io.loaders import _frame_from_rows, _sniff_delimiter

    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=_sniff_delimiter(text.split("\n", 1)[0])))
    return _frame_from_rows(rows, 1)


def _same_cells(fast, exact):
    assert list(fast.columns) == list(exact.columns)
    assert fast.astype("object").values.tolist() == exact.astype("object").values.tolist()


@pytest.mark.parametrize("folder", ["embedded", "mini"])
def test_fast_csv_reader_matches_the_exact_reader(folder, mini_dir):
    from lkjip_analysis.config import EMBEDDED_DATA_DIR
    from lkjip_analysis.io.loaders import read_csv_table

    root = EMBEDDED_DATA_DIR if folder == "embedded" else mini_dir
    for path in sorted(root.glob("*.csv")):
        raw = read_csv_table(path, path.stem)
        assert raw.clean, f"{path.name} not read by the fast reader"
        _same_cells(raw.frame, _exact_frame(path))


@pytest.mark.parametrize("text, fast", [
    ("\ufeffa,b,c\n x ,\"y, z\",1\n#komentar,,\n,,\n\"multi\nline\",\u00a0q\u00a0,2\r\n", True),
    ("a;b;c\r\n1;2,5;\"3\"\r\n", True),
    ("a,b,c\n1,2,3\n\n4,5,6\n\n", True),  # a blank line is a row (skipped) and keeps the row numbers right
    ("a,b,c\n1,2,3\n  \n4,5,6\n", False),  # a line of spaces is a ragged row: the exact reader
    ("a,b,c\n1,2\n4,5,6,7\n", False),  # ragged rows: padded/cut like the exact reader
    ("a,a,c\n1,2,3\n", False),  # duplicate header
])
def test_fast_csv_reader_falls_back_when_it_cannot_match(tmp_path, text, fast):
    from lkjip_analysis.io.loaders import read_csv_table

    path = tmp_path / "t.csv"
    path.write_bytes(text.encode("utf-8"))
    raw = read_csv_table(path, "facts")
    assert raw.clean is fast
    _same_cells(raw.frame, _exact_frame(path))


def test_parquet_dataset_is_validated_with_row_numbers(mini_dir, tmp_path):
    from lkjip_analysis.io.writers import save_dataset

    ds = load_dataset(mini_dir)
    budget = ds.budget.copy()
    budget.loc[1, "pagu"] = -5.0
    performance = pd.concat([ds.performance, ds.performance.iloc[[0]]], ignore_index=True)
    agencies = ds.agencies.copy()
    agencies.loc[0, "level"] = "kecamatan"
    bad = type(ds)({**ds.tables, "budget": budget, "performance": performance, "agencies": agencies})
    save_dataset(bad, tmp_path / "pq", fmt="parquet")
    got, problems = read_dataset(tmp_path / "pq")
    assert got is None
    text = sorted(str(p) for p in problems)
    assert any("agencies.parquet, baris 2, kolom 'level'" in t and "kecamatan" in t for t in text)
    assert any("budget.parquet, baris 3, kolom 'pagu'" in t and "negatif" in t for t in text)
    assert any("performance.parquet, baris 9" in t and "duplikat dari baris 2" in t for t in text)


def test_indonesian_numbers_read_without_the_slow_parser_give_the_same_values(mini_dir):
    from lkjip_analysis.model.numbers import parse_number

    path = mini_dir / "budget.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    texts = ["1.164.318.000", "915.000", "628.325.000,50"]
    df["pagu"] = texts
    df["reported_pct"] = ["0", "100", "0,15"]
    path.write_bytes(df.to_csv(index=False, sep=";").encode("utf-8"))
    assert load_dataset(mini_dir).budget["pagu"].tolist() == [parse_number(t, decimal=",") for t in texts]
