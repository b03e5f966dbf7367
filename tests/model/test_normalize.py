"""Input as people type it: synonyms, Indonesian headers, defaults, numbers, .ods, and what was normalised."""

from __future__ import annotations

import json
import math
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import FIXTURES, edit_csv
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from lkjip_analysis import load_dataset, read_dataset
from lkjip_analysis.cli import main
from lkjip_analysis.io.loaders import _cell_text
from lkjip_analysis.io.template import write_template
from lkjip_analysis.io.writers import save_dataset
from lkjip_analysis.model.normalize import (
    HEADER_SYNONYMS,
    VALUE_SYNONYMS,
    canonical_values,
    rename_headers,
    synonyms_markdown,
)
from lkjip_analysis.model.schema import TABLES

ROOT = Path(__file__).resolve().parents[2]
AGENCY = "dinsos-kab-contoh"

# --------------------------------------------------------------------------- synonym tables

ISSUE_SYNONYMS = [  # issue 13, item 1: at least these
    ("polarity", ["naik", "Meningkat", "POSITIF", "maksimal", "makin tinggi makin baik"], "higher"),
    ("polarity", ["turun", "Menurun", "negatif", "Minimal"], "lower"),
    ("boolean", ["ya", "Y", "true", "TRUE", "1"], "true"),
    ("boolean", ["tidak", "n", "false", "FALSE", "0"], "false"),
    ("period", ["tahunan", "Tahun", "annual"], "annual"),
    ("period", ["TW I", "TW 1", "Triwulan I", "Q1", "tw1"], "TW1"),
    ("period", ["TW II", "Triwulan 2", "Q2"], "TW2"),
    ("period", ["TW III", "triwulan III", "Q3"], "TW3"),
    ("period", ["TW IV", "Triwulan IV", "Q4", " tw  4 "], "TW4"),
    ("level", ["Kabupaten", "Kab.", "Kab", "KAB"], "kabupaten"),
    ("level", ["Kota"], "kota"),
    ("level", ["Provinsi", "Prov.", "Prov"], "provinsi"),
    ("funding_source", ["APBD", "Apbd"], "apbd"),
    ("funding_source", ["APBN Dekonsentrasi", "Dekon"], "apbn_dekonsentrasi"),
    ("funding_source", ["TP", "Tugas Pembantuan"], "apbn_tugas_pembantuan"),
    ("funding_source", ["DAK"], "dak"),
    ("funding_source", ["DID"], "did"),
    ("line_type", ["Sub Kegiatan", "Sub-Kegiatan", "sub_kegiatan"], "sub_kegiatan"),
    ("line_type", ["Jumlah", "Total", "TOTAL"], "total"),
]


@pytest.mark.parametrize("name, typed, canonical", ISSUE_SYNONYMS)
def test_issue_synonyms_give_the_canonical_value(name, typed, canonical):
    text = pd.Series([t.strip() for t in typed], dtype="string")
    out, bad, changes = canonical_values(text, np.ones(len(text), dtype=bool), name)
    assert out.tolist() == [canonical] * len(typed) and not bad.any()
    assert sum(c for _, _, c in changes) == sum(t.strip() != canonical for t in typed)


def test_unmatched_value_stays_refused_and_nothing_is_counted():
    text = pd.Series(["Naik", "naik-turun", "", "Naik"], dtype="string")
    present = np.array([True, True, False, True])
    out, bad, changes = canonical_values(text, present, "polarity")
    assert out.tolist() == ["higher", "naik-turun", "", "higher"]
    assert bad.tolist() == [False, True, False, False] and changes == [("Naik", "higher", 2)]


def test_every_column_with_allowed_values_has_a_synonym_table():
    for table in TABLES.values():
        for col in table.columns:
            if col.enum:
                assert col.name in VALUE_SYNONYMS, (table.name, col.name)


def test_indonesian_headers_match_and_unknown_ones_are_reported():
    renames, unknown = rename_headers("performance", ["Tahun", " PERIODE ", "Nama Indikator", "Capaian (%)",
                                                      "Target", "realisasi", "Catatan"])
    assert renames == {"Tahun": "year", " PERIODE ": "period", "Capaian (%)": "reported_capaian", "Target": "target"}
    assert unknown == ["Nama Indikator", "Catatan"]  # the indicator's name belongs to the indicators sheet
    renames, _ = rename_headers("indicators", ["Nama Indikator", "Satuan", "Polaritas", "Keterangan"])
    assert renames == {"Nama Indikator": "name", "Satuan": "unit", "Polaritas": "polarity", "Keterangan": "source"}
    renames, _ = rename_headers("budget", ["Pagu", "Anggaran ", "Sumber Dana", "Program", "Kegiatan",
                                           "Sub Kegiatan", "Agency ID"])
    # 'Anggaran' means pagu too, but 'Pagu' took the column: the second is an unknown column, not an overwrite
    assert renames == {"Pagu": "pagu", "Sumber Dana": "funding_source", "Program": "program",
                       "Kegiatan": "kegiatan", "Sub Kegiatan": "sub_kegiatan", "Agency ID": "agency_id"}


def test_synonym_table_is_documented():
    doc = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    assert synonyms_markdown() in doc
    assert "`Dekon`" in doc and "`TW IV`" in doc and "`nama indikator`" in doc
    assert set(HEADER_SYNONYMS) - {"*"} <= set(TABLES)


# --------------------------------------------------------------------------- CSV folders


def test_csv_folder_synonyms_are_canonical_in_the_tables(mini_dir):
    edit_csv(mini_dir / "budget.csv", ",apbd,915000,915000", ",APBD,915000,915000")
    edit_csv(mini_dir / "budget.csv", ",apbd,628325000", ",APBD,628325000")
    edit_csv(mini_dir / "budget.csv", "2020,B.1-s1,3,total", "2020,B.1-s1,3,Jumlah")
    ds = load_dataset(mini_dir)
    assert ds.budget["funding_source"].tolist() == ["did", "apbd", "apbd"]
    assert ds.budget["line_type"].tolist() == ["kegiatan", "kegiatan", "total"]
    shown = ds.normalised.set_index(["table", "column", "original"])
    assert shown.loc[("budget", "funding_source", "APBD"), "count"] == 2
    assert shown.loc[("budget", "funding_source", "APBD"), "canonical"] == "apbd"
    assert shown.loc[("budget", "line_type", "Jumlah"), "canonical"] == "total"


def test_csv_folder_refused_value_names_allowed_values_and_synonyms(mini_dir):
    edit_csv(mini_dir / "budget.csv", ",apbd,915000,915000", ",kas daerah,915000,915000")
    ds, problems = read_dataset(mini_dir)
    assert ds is None and len(problems) == 1
    p = problems[0]
    assert (p.row, p.column, p.value) == (3, "funding_source", "kas daerah")
    assert "salah satu dari: apbd, apbn_dekonsentrasi" in p.expected and "Dekon" in p.expected


def test_number_with_exponent_in_a_machine_csv_reads(mini_dir):
    # folders written before this change hold 1e-05 / 1e+16; they validate again
    edit_csv(mini_dir / "performance.csv", "2020,annual,59,,61,", "2020,annual,1e-05,,1e+16,")
    ds = load_dataset(mini_dir)
    row = ds.performance[(ds.performance["target"] == 0.00001).to_numpy()]
    assert len(row) == 1 and row["realisasi"].iloc[0] == 1e16


def test_missing_optional_column_is_a_warning(mini_dir):
    path = mini_dir / "budget.csv"
    pd.read_csv(path, dtype=str, keep_default_na=False).drop(columns=["reported_sisa"]).to_csv(path, index=False)
    ds, problems = read_dataset(mini_dir)
    assert problems == []
    [w] = ds.warnings
    assert (w.file, w.row, w.column) == (str(path), 1, "reported_sisa") and "tidak ada di header" in w.expected


# --------------------------------------------------------------------------- the acceptance workbook

INDICATORS = [  # indicator_id, name, unit, polarity, tier, iku (quarter_aggregation and source left empty)
    ("s1-i1", "Persentase PSKS aktif", "%", "Naik", None, "Ya"),
    ("s1-i2", "Jumlah relawan sosial terlatih", "orang", "Meningkat", "Program", None),
    ("s2-i1", "Persentase anak terlantar", "%", "Menurun", None, "ya"),
]
# the performance sheet has Indonesian headers (and one column the package does not know)
PERFORMANCE_HEADER = ["Kode Instansi", "Kode Indikator", "Tahun", "Periode", "Target", "Realisasi", "Capaian (%)",
                      "Keterangan", "Catatan"]
PERFORMANCE = [
    ("s1-i1", 2023, "Tahunan", "85,5", 90, "105,26", "LKjIP 2023, Tabel 3.1", "cek ulang"),
    ("s1-i2", 2023, "TW IV", "30", "25", "83,33%", None, None),
    ("s1-i2", 2023, "Triwulan I", 30, "35", None, None, None),
    ("s2-i1", 2023, "Tahunan", "8", "4", "150", None, None),
]
BUDGET = [  # line_type, kegiatan, sub_kegiatan, funding, pagu, realisasi, headline (budget_table, line_no empty)
    ("Sub Kegiatan", "Rehabilitasi Sosial", "Bantuan Sosial Anak Terlantar", "APBD", "Rp 1.164.318.000",
     "Rp 1.100.000.000", None),
    ("Sub-Kegiatan", "Rehabilitasi Sosial", "Pelatihan Relawan", "APBD", "Rp 35.682.000", 30000000, None),
    ("Jumlah", None, None, "APBD", "Rp 1.200.000.000", "Rp 1.130.000.000", True),  # an Excel TRUE cell
]


def _write_rows(ws, header: list[str], rows: list[dict], start: int = 4) -> None:
    for i, row in enumerate(rows, start=start):
        for j, name in enumerate(header, start=1):
            ws.cell(row=i, column=j, value=row.get(name))


def analyst_workbook(path: Path) -> Path:
    """A workbook from ``lkjip template``, filled the way Indonesian analysts write."""
    write_template(path)
    wb = load_workbook(path)
    header = lambda ws: [c.value for c in ws[1]]  # noqa: E731
    _write_rows(wb["agencies"], header(wb["agencies"]), [dict(
        agency_id=AGENCY, name="Dinas Sosial Kabupaten Contoh", level="Kabupaten", province="Kalimantan Selatan",
        sector="sosial")])
    _write_rows(wb["indicators"], header(wb["indicators"]), [dict(
        agency_id=AGENCY, indicator_id=i, sasaran="Meningkatnya kesejahteraan sosial", name=n, unit=u, polarity=p,
        tier=t, iku=k) for i, n, u, p, t, k in INDICATORS])
    ws = wb["performance"]
    for j in range(1, ws.max_column + 1):
        ws.cell(row=1, column=j).value = None
    for j, name in enumerate(PERFORMANCE_HEADER, start=1):
        ws.cell(row=1, column=j, value=name)
    _write_rows(ws, PERFORMANCE_HEADER, [dict(zip(PERFORMANCE_HEADER, (AGENCY, *row))) for row in PERFORMANCE])
    _write_rows(wb["budget"], header(wb["budget"]), [dict(
        agency_id=AGENCY, year=2023, line_type=lt, program="Program Rehabilitasi Sosial" if k else None, kegiatan=k,
        sub_kegiatan=s, funding_source=f, pagu=pg, realisasi=r, headline=h) for lt, k, s, f, pg, r, h in BUDGET])
    wb.save(path)
    return path


def to_ods(xlsx: Path, ods: Path) -> Path:
    """The same workbook saved as OpenDocument (what LibreOffice Calc writes), cell types kept."""
    wb = load_workbook(xlsx)
    with pd.ExcelWriter(ods, engine="odf") as writer:
        for ws in wb.worksheets:
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            pd.DataFrame(rows).to_excel(writer, sheet_name=ws.title, header=False, index=False)
    return ods


def _csv(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_analyst_workbook_imports_with_canonical_values(tmp_path, suffix):
    book = analyst_workbook(tmp_path / "isian.xlsx")
    if suffix == ".ods":
        book = to_ods(book, tmp_path / "isian.ods")
    runner = CliRunner()
    result = runner.invoke(main, ["validate", str(book)])
    assert result.exit_code == 0, result.output
    into = tmp_path / "data"
    result = runner.invoke(main, ["import", str(book), "--into", str(into)])
    assert result.exit_code == 0, result.output
    out = result.output

    agencies, indicators = _csv(into, "agencies"), _csv(into, "indicators")
    performance, budget = _csv(into, "performance"), _csv(into, "budget")
    assert agencies["level"].tolist() == ["kabupaten"]
    assert indicators["polarity"].tolist() == ["higher", "higher", "lower"]
    assert indicators["iku"].tolist() == ["true", "false", "true"]  # empty iku: false
    assert indicators["tier"].tolist() == ["sasaran", "program", "sasaran"]  # empty tier: sasaran
    assert indicators["quarter_aggregation"].tolist() == ["last", "cumulative", "last"]  # % last, orang cumulative
    assert performance["period"].tolist() == ["annual", "TW4", "TW1", "annual"]
    assert performance["target"].tolist() == ["85.5", "30", "30", "8"]
    assert performance["reported_capaian"].tolist() == ["105.26", "83.33", "", "150"]
    assert budget["funding_source"].tolist() == ["apbd"] * 3
    assert budget["line_type"].tolist() == ["sub_kegiatan", "sub_kegiatan", "total"]
    assert budget["pagu"].tolist() == ["1164318000", "35682000", "1200000000"]
    assert budget["realisasi"].tolist() == ["1100000000", "30000000", "1130000000"]
    assert budget["budget_table"].tolist() == ["budget"] * 3 and budget["line_no"].tolist() == ["1", "2", "3"]
    assert budget["headline"].tolist() == ["", "", "true"]
    # provenance the package knows itself: the workbook, sheet and row; a source typed in stays
    assert budget["source"].tolist() == [book.name] * 3
    assert budget["source_line"].tolist() == ["sheet budget, baris 4", "sheet budget, baris 5", "sheet budget, baris 6"]
    assert performance["source"].tolist() == ["LKjIP 2023, Tabel 3.1", book.name, book.name, book.name]
    assert performance["source_line"].tolist() == ["", "sheet performance, baris 5", "sheet performance, baris 6",
                                                   "sheet performance, baris 7"]

    # the output names what was normalised, per sheet and column, with counts
    for line in ("budget.funding_source: 'APBD' → 'apbd' (3×)", "indicators.polarity: 'Naik' → 'higher' (1×)",
                 "indicators.polarity: 'Menurun' → 'lower' (1×)", "indicators.iku: 'Ya' → 'true' (1×)",
                 "performance.period: 'Tahunan' → 'annual' (2×)", "performance.period: 'TW IV' → 'TW4' (1×)",
                 "agencies.level: 'Kabupaten' → 'kabupaten' (1×)",
                 "budget.line_type: 'Sub Kegiatan' → 'sub_kegiatan' (1×)",
                 "performance: kolom 'Capaian (%)' → 'reported_capaian'",
                 "indicators.quarter_aggregation: (kosong) → 'last' (2×)",
                 "indicators.quarter_aggregation: (kosong) → 'cumulative' (1×)",
                 "indicators.iku: (kosong) → 'false' (1×)", "budget.budget_table: (kosong) → 'budget' (3×)",
                 "budget.pagu: 3 angka bertulisan teks, mis. 'Rp 1.164.318.000' → 1164318000.0"):
        assert line in out, (line, out)
    assert re.search(r"\[sheet performance\], baris 1, kolom 'Catatan' — kolom tidak dikenal", out)
    assert "tanpa nama" not in out  # the empty columns of the template's used range say nothing
    # ... and the folder records it; load_dataset shows it again
    recorded = json.loads((into / "datapackage.json").read_text(encoding="utf-8"))["lkjip_normalised"]
    assert {"table": "budget", "column": "funding_source", "original": "APBD", "canonical": "apbd",
            "count": 3}.items() <= next(r for r in recorded if r["original"] == "APBD").items()
    ds = load_dataset(into)
    assert ds.budget["pagu"].tolist() == [1164318000.0, 35682000.0, 1200000000.0]
    row = ds.normalised[(ds.normalised["column"] == "funding_source")].iloc[0]
    assert (row["original"], row["canonical"], row["count"]) == ("APBD", "apbd", 3)
    assert row["file"] == f"{book.name} [sheet budget]"


def test_second_import_keeps_the_record_of_the_first(tmp_path):
    book = analyst_workbook(tmp_path / "isian.xlsx")
    into = tmp_path / "data"
    runner = CliRunner()
    assert runner.invoke(main, ["import", str(book), "--into", str(into)]).exit_code == 0
    other = tmp_path / "lain.xlsx"
    write_template(other)
    wb = load_workbook(other)
    _write_rows(wb["agencies"], [c.value for c in wb["agencies"][1]], [dict(
        agency_id="dinsos-kota-lain", name="Dinas Sosial Kota Lain", level="Kota", province="Kalimantan Selatan",
        sector="sosial")])
    _write_rows(wb["indicators"], [c.value for c in wb["indicators"][1]], [dict(
        agency_id="dinsos-kota-lain", indicator_id="s1", sasaran="s", name="n", unit="%", polarity="positif")])
    _write_rows(wb["performance"], [c.value for c in wb["performance"][1]], [dict(
        agency_id="dinsos-kota-lain", indicator_id="s1", year=2023, period="Q1", target=1, realisasi=1)])
    wb.save(other)
    result = runner.invoke(main, ["import", str(other), "--into", str(into)])
    assert result.exit_code == 0, result.output
    assert "indicators.polarity: 'positif' → 'higher' (1×)" in result.output
    assert "'APBD'" not in result.output  # only what this import changed is printed
    shown = load_dataset(into).normalised
    assert {"isian.xlsx [sheet budget]", "lain.xlsx [sheet indicators]"} <= set(shown["file"])


def test_readme_tutorial_accepts_apbd_in_capitals(tmp_path):
    runner = CliRunner()
    book = tmp_path / "isian.xlsx"
    result = runner.invoke(main, ["template", str(book), "--agency-id", "dinsos-kota-contoh", "--name",
                                  "Dinas Sosial Kota Contoh", "--level", "kota", "--province", "Kalimantan Selatan"])
    assert result.exit_code == 0
    wb = load_workbook(book)
    names = lambda ws: [c.value for c in ws[1]]  # noqa: E731
    _write_rows(wb["indicators"], names(wb["indicators"]), [dict(
        agency_id="dinsos-kota-contoh", indicator_id="s1-i1", sasaran="s", name="Cakupan PSKS", unit="%",
        polarity="higher", quarter_aggregation="last", tier="sasaran", iku="true", source="LKjIP 2023")])
    _write_rows(wb["performance"], names(wb["performance"]), [dict(
        agency_id="dinsos-kota-contoh", indicator_id="s1-i1", year=2023, period="annual", target="75",
        realisasi="80", source="LKjIP 2023")])
    _write_rows(wb["budget"], names(wb["budget"]), [dict(
        agency_id="dinsos-kota-contoh", year=2023, budget_table="B.1", line_no=1, line_type="total",
        funding_source="APBD", pagu="1.164.318.000", realisasi="371.344.500", source="LKjIP 2023")])
    wb.save(book)
    assert runner.invoke(main, ["validate", str(book)]).exit_code == 0
    result = runner.invoke(main, ["import", str(book), "--into", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output
    assert _csv(tmp_path / "data", "budget")["funding_source"].tolist() == ["apbd"]


# --------------------------------------------------------------------------- workbook cells


def test_float_cells_read_exactly():
    assert _cell_text(5e-05) == "0,00005" and _cell_text(1e16) == "10000000000000000"
    assert _cell_text(-0.0) == "-0" and _cell_text(85.5) == "85,5" and _cell_text(float("inf")) == "inf"
    assert _cell_text(0.1 + 0.2) == "0,30000000000000004"  # every digit of the float, not a rounded text


def _mini_workbook(path: Path) -> Path:
    """The mini fixture as an .xlsx, one sheet per table, values as typed cells where numeric."""
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for csv_path in sorted((FIXTURES / "mini").glob("*.csv")):
            frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
            for col in frame.columns:  # numbers as number cells (as Excel stores what is typed in them)
                numbers = pd.to_numeric(frame[col], errors="coerce")
                if col not in ("source_line", "line_no") and numbers.notna().sum() == (frame[col] != "").sum():
                    frame[col] = numbers.astype(object).where(numbers.notna(), None)
            frame.to_excel(writer, sheet_name=csv_path.stem, index=False)
    return path


def _set_cells(book: Path, sheet: str, values: dict[str, object]) -> None:
    wb = load_workbook(book)
    for ref, value in values.items():
        wb[sheet][ref] = value
    wb.save(book)


def test_tiny_huge_and_negative_zero_cells_import_and_the_folder_validates(tmp_path):
    book = _mini_workbook(tmp_path / "mini.xlsx")
    # performance: E = target, G = realisasi, H = reported_capaian (rows 2.. are data)
    _set_cells(book, "performance", {"E2": 0.00001, "G2": 1e16, "H2": -0.0, "E3": 1.2345678901234567e-10})
    into = tmp_path / "data"
    result = CliRunner().invoke(main, ["import", str(book), "--into", str(into)])
    assert result.exit_code == 0, result.output
    ds = load_dataset(into)  # the folder validates: nothing written that the loader refuses
    perf = ds.performance
    assert perf["target"].iloc[0] == 0.00001 and perf["realisasi"].iloc[0] == 1e16
    # openpyxl stores 16 significant digits ("%.16g"): the value in the file is read exactly
    assert perf["reported_capaian"].iloc[0] == 0 and perf["target"].iloc[1] == float("%.16g" % 1.2345678901234567e-10)
    text = (into / "performance.csv").read_text()
    assert "e-" not in text and "e+" not in text
    assert CliRunner().invoke(main, ["validate", str(into)]).exit_code == 0


def test_infinite_cell_is_a_clear_refusal(tmp_path):
    book = _mini_workbook(tmp_path / "mini.xlsx")
    _set_cells(book, "performance", {"E2": 123456789.25})
    # a number too large for a float, as another program may write it (Excel itself cannot)
    with zipfile.ZipFile(book) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = next(n for n, data in parts.items() if b"123456789.25" in data)
    parts[sheet] = parts[sheet].replace(b"123456789.25", b"1E+400")
    with zipfile.ZipFile(book, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    result = CliRunner().invoke(main, ["validate", str(book)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "[sheet performance], baris 2, kolom 'target': nilai 'inf' — angka terhingga" in result.output


def test_formula_without_cached_value_is_a_warning(tmp_path):
    book = _mini_workbook(tmp_path / "mini.xlsx")
    _set_cells(book, "performance", {"H2": "=G2/E2*100"})  # written by a script: Excel never computed it
    result = CliRunner().invoke(main, ["validate", str(book)])
    assert result.exit_code == 0, result.output
    assert "[sheet performance], baris 2, kolom 'reported_capaian': nilai '=G2/E2*100' — sel rumus tanpa nilai" \
        in result.output


def test_workbook_unknown_and_missing_optional_columns_are_warnings(tmp_path):
    book = _mini_workbook(tmp_path / "mini.xlsx")
    wb = load_workbook(book)
    ws = wb["budget"]
    assert ws["L1"].value == "reported_pct"
    ws["L1"] = "Catatan"  # reported_pct renamed to something unknown
    wb.save(book)
    ds, problems = read_dataset(book)
    assert problems == []
    shown = {(w.file, w.row, w.column) for w in ds.warnings}
    assert ("mini.xlsx [sheet budget]", 1, "Catatan") in shown
    assert ("mini.xlsx [sheet budget]", 1, "reported_pct") in shown
    assert ds.budget["reported_pct"].isna().all()


# --------------------------------------------------------------------------- writers never write what loaders refuse

EXTREME = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(min_value=-1e-300, max_value=1e-300, allow_nan=False),
    st.sampled_from([0.0, -0.0, 5e-05, 1e-05, 1e16, 1e15 + 0.5, 123456789.123456789, 5e-324, 1.7976931348623157e308,
                     0.1 + 0.2, -1e-7]),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(EXTREME, min_size=7, max_size=7), fmt=st.sampled_from(["csv", "parquet"]))
def test_written_numbers_read_back_the_same(values, fmt):
    ds = load_dataset(FIXTURES / "mini")
    perf = ds.performance.copy()
    perf["target"] = values
    perf["realisasi"] = [-v for v in values]
    ds.tables["performance"] = perf
    folder = Path(tempfile.mkdtemp(prefix="lkjip-roundtrip-"))
    try:
        save_dataset(ds, folder / "out", fmt=fmt)
        back = load_dataset(folder / "out").performance
    finally:
        shutil.rmtree(folder)
    assert back["target"].tolist() == values  # == : -0.0 reads back as 0.0 (equal)
    assert back["realisasi"].tolist() == [-v for v in values]


def _small_workbook(path: Path, targets: list[float]) -> Path:
    """A minimal valid workbook (one agency, one indicator) whose performance targets are number cells."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "agencies"
    wb["agencies"].append(["agency_id", "name", "level", "province", "sector"])
    wb["agencies"].append(["a", "Dinas A", "kota", "P", "sosial"])
    wb.create_sheet("indicators").append(["agency_id", "indicator_id", "sasaran", "name", "unit", "polarity"])
    wb["indicators"].append(["a", "i", "s", "n", "orang", "higher"])
    ws = wb.create_sheet("performance")
    ws.append(["agency_id", "indicator_id", "year", "period", "target"])
    for value, period in zip(targets, ("TW1", "TW2", "TW3", "TW4")):
        ws.append(["a", "i", 2023, period, value])
    wb.save(path)
    return path


@settings(max_examples=20, deadline=None)
@given(values=st.lists(EXTREME.filter(lambda v: math.isfinite(float("%.16g" % v))), min_size=4, max_size=4))
def test_workbook_number_cells_read_back_the_same(values):
    folder = Path(tempfile.mkdtemp(prefix="lkjip-cells-"))
    try:
        back = load_dataset(_small_workbook(folder / "kecil.xlsx", values)).performance["target"].tolist()
    finally:
        shutil.rmtree(folder)
    assert back == [float("%.16g" % v) for v in values]  # what openpyxl stores in the file ("%.16g"), exactly


def test_infinite_value_is_not_written(tmp_path):
    from lkjip_analysis import DatasetError

    ds = load_dataset(FIXTURES / "mini")
    ds.tables["performance"].loc[1, "target"] = np.inf
    with pytest.raises(DatasetError) as exc:
        save_dataset(ds, tmp_path / "out")
    assert "kolom 'target'" in str(exc.value) and "terhingga" in str(exc.value)
    assert not (tmp_path / "out").exists()


def test_workbook_text_cells_with_a_decimal_point_read_and_are_reported(tmp_path):
    """'20.1' typed into a text cell cannot be a thousands group (that needs three digits): a decimal point."""
    book = _mini_workbook(tmp_path / "mini.xlsx")
    # performance: E = target, G = realisasi (text cells, as in a column formatted as text)
    _set_cells(book, "performance", {"E2": "20.1", "G2": "Rp 1.25", "E3": "1.500", "G3": "99,5"})
    result = CliRunner().invoke(main, ["validate", str(book)])
    assert result.exit_code == 0, result.output
    assert "titik dibaca sebagai koma desimal" in result.output
    ds = load_dataset(book)
    perf = ds.performance
    assert perf.target.iloc[0] == 20.1 and perf.realisasi.iloc[0] == 1.25
    assert perf.target.iloc[1] == 1500.0 and perf.realisasi.iloc[1] == 99.5  # a dot before three digits: thousands
    notes = ds.normalised
    point = notes[notes.note.str.startswith("titik dibaca")]
    assert set(point.column) == {"target", "realisasi"} and point["count"].sum() == 2


def test_a_garbled_text_number_in_a_workbook_is_still_refused(tmp_path):
    book = _mini_workbook(tmp_path / "mini.xlsx")
    _set_cells(book, "performance", {"E2": "20.1.5", "G2": "1.50,0.3"})
    result = CliRunner().invoke(main, ["validate", str(book)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "kolom 'target': nilai '20.1.5'" in result.output and "kolom 'realisasi': nilai '1.50,0.3'" in result.output
