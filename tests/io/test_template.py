"""Bring your own agency: template -> filled workbook -> import/merge -> both notebooks, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from lkjip_analysis import DatasetError, capaian_table, load_dataset
from lkjip_analysis.cli import main
from lkjip_analysis.io.template import import_workbook, write_template
from lkjip_analysis.model.schema import TABLES

NEW = "dinsos-kota-contoh"

INDICATORS = [
    # indicator_id, sasaran, name, unit, polarity, aggregation, tier, iku
    ("s1-i1", "Meningkatnya partisipasi PSKS", "Cakupan PSKS yang berpartisipasi", "%", "higher", "last", "sasaran",
     "true"),
    ("s1-i2", "Meningkatnya partisipasi PSKS", "Jumlah relawan sosial terlatih", "orang", "higher", "cumulative",
     "program", "false"),
    ("s2-i1", "Menurunnya masalah sosial", "Persentase anak terlantar", "%", "lower", "last", "sasaran", "true"),
    ("s2-i2", "Menurunnya masalah sosial", "Lansia terlantar yang dilayani", "orang", "higher", "cumulative",
     "kegiatan", "false"),
    ("s2-i3", "Menurunnya masalah sosial", "Penerima bantuan pangan", "KPM", "higher", "per_quarter", "kegiatan",
     "false"),
]
PERFORMANCE = [
    # indicator_id, period, target, realisasi, reported_capaian (Indonesian number text, as an analyst types it)
    ("s1-i1", "annual", "75", "80", "106,67"),
    ("s1-i2", "annual", "120", None, None),
    ("s1-i2", "TW1", "30", "25", "83,33"), ("s1-i2", "TW2", "30", "35", "116,67"),
    ("s1-i2", "TW3", "30", "30", "100"), ("s1-i2", "TW4", "30", "20", "66,67"),
    ("s2-i1", "annual", "8", "4", "150"),  # lower is better: (2 x 8 - 4) / 8 x 100
    ("s2-i2", "annual", "1.200", "1.150", "95,83"),
    ("s2-i3", "TW1", "6.562", "6.294", "95,92"),
]
BUDGET = [
    # line_no, line_type, program, kegiatan, pagu, realisasi, pct, indicator
    (1, "kegiatan", "Program Pemberdayaan Sosial", "Pelatihan relawan", "150.000.000", "120.000.000", "80", "s1-i2"),
    (2, "kegiatan", "Program Pelayanan Sosial", "Pelayanan lansia", "250.000.000", "245.000.000", "98", "s2-i2"),
    (3, "total", None, None, "400.000.000", "365.000.000", "91,25", None),
]


def _sheet_rows(ws, rows: list[dict]) -> None:
    names = [c.value for c in ws[1]]
    for i, row in enumerate(rows, start=4):
        for j, name in enumerate(names, start=1):
            ws.cell(row=i, column=j, value=row.get(name))


def fill_workbook(path: Path) -> Path:
    write_template(path, agency_id=NEW, name="Dinas Sosial Kota Contoh", level="kota", province="Kalimantan Selatan")
    wb = load_workbook(path)
    src = dict(source="LKjIP Kota Contoh 2023")
    _sheet_rows(wb["indicators"], [dict(agency_id=NEW, indicator_id=i, sasaran=s, name=n, unit=u, polarity=p,
                                        quarter_aggregation=a, tier=t, iku=k, **src)
                                   for i, s, n, u, p, a, t, k in INDICATORS])
    _sheet_rows(wb["performance"], [dict(agency_id=NEW, indicator_id=i, year=2023, period=per, target=t, realisasi=r,
                                         reported_capaian=c, **src) for i, per, t, r, c in PERFORMANCE])
    _sheet_rows(wb["budget"], [dict(agency_id=NEW, year=2023, budget_table="B.1", line_no=n, line_type=lt, program=p,
                                    kegiatan=k, funding_source="apbd", pagu=pg, realisasi=r, reported_pct=pct,
                                    indicator_id=ind, headline="true" if lt == "total" else None, **src)
                               for n, lt, p, k, pg, r, pct, ind in BUDGET])
    wb.save(path)
    return path


def test_template_layout(tmp_path):
    path = write_template(tmp_path / "t.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Petunjuk", *TABLES]
    ws = wb["performance"]
    assert [c.value for c in ws[1]] == list(TABLES["performance"].column_names)
    assert str(ws["A2"].value).startswith("#") and str(ws["A3"].value).startswith("#contoh")
    formulas = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert '"annual,TW1,TW2,TW3,TW4"' in formulas
    # the drop-down warns but lets a synonym through (APBD, Naik, TW IV, ...): import accepts them
    assert {dv.errorStyle for dv in ws.data_validations.dataValidation} == {"warning"}
    assert "Petunjuk" in wb.sheetnames and "PETUNJUK" in wb["Petunjuk"]["A1"].value


@pytest.mark.slow
def test_filled_workbook_imports_merges_and_runs_both_notebooks(tmp_path):
    from lkjip_analysis.io.writers import save_dataset
    from lkjip_analysis.run.params import write_agency_params
    from lkjip_analysis.run.runner import run_reports

    book = fill_workbook(tmp_path / "contoh.xlsx")
    ds = load_dataset(book)
    assert ds.performance["target"].tolist()[7] == 1200.0  # "1.200" read the Indonesian way
    into = tmp_path / "data"
    save_dataset(load_dataset(), into)  # a dataset folder that already holds the three reports
    merged = import_workbook(book, into)  # the new agency is merged in
    merged = load_dataset(into)
    assert set(merged.agency_ids) == {NEW, "dinsos-kota-banjarbaru", "dinsos-kab-hulu-sungai-selatan",
                                      "dinsos-prov-kalimantan-timur"}
    cap = capaian_table(merged, agency=NEW).set_index(["indicator_id", "period"])
    assert cap.loc[("s2-i1", "annual"), "capaian"] == pytest.approx(150.0)  # lower is better: (2*8-4)/8*100
    assert cap.loc[("s1-i1", "annual"), "capaian"] == pytest.approx(106.67, abs=0.005)

    params = tmp_path / "params"
    agency_params = write_agency_params(NEW, 2023, dataset=str(into), params_dir=params)
    regional = params / "regional.yaml"
    regional.write_text(f"notebook: regional_comparison\nname: gabungan\ndataset: {into}\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = run_reports([agency_params, regional], formats=("html",), workers=2, output_dir=out, progress=False)
    assert summary.exit_code == 0, summary.format()
    html = (out / NEW / "2023" / "report.html").read_text(encoding="utf-8")
    assert "Dinas Sosial Kota Contoh" in html and "106,67" in html and "150" in html
    assert "91,25" in html  # serapan of the budget table: 365.000.000 / 400.000.000
    comparison = (out / "_regional" / "gabungan" / "report.html").read_text(encoding="utf-8")
    assert "Dinas Sosial Kota Contoh" in comparison and "Dinas Sosial Kota Banjarbaru" in comparison


def test_import_refuses_duplicates(tmp_path):
    book = fill_workbook(tmp_path / "contoh.xlsx")
    into = tmp_path / "data"
    import_workbook(book, into)
    with pytest.raises(DatasetError) as exc:
        import_workbook(book, into)
    assert "dinsos-kota-contoh" in str(exc.value) and "kunci unik" in str(exc.value)
    assert len(load_dataset(into).indicators) == 5  # nothing overwritten


def _error_for(book: Path) -> str:
    result = CliRunner().invoke(main, ["validate", str(book)])
    assert result.exit_code == 1
    return result.output


def test_wrong_dropdown_value_names_sheet_row_column(tmp_path):
    book = fill_workbook(tmp_path / "contoh.xlsx")
    wb = load_workbook(book)
    wb["indicators"]["F6"] = "naik turun"  # polarity of the third indicator (Excel row 6): no synonym
    wb.save(book)
    out = _error_for(book)
    assert "[sheet indicators], baris 6, kolom 'polarity': nilai 'naik turun'" in out and "higher, lower" in out
    assert "naik, meningkat" in out  # the message names the synonyms


def test_text_in_number_column_names_sheet_row_column(tmp_path):
    book = fill_workbook(tmp_path / "contoh.xlsx")
    wb = load_workbook(book)
    wb["budget"]["J5"] = "dua ratus juta"  # pagu of budget line 2 (Excel row 5)
    wb.save(book)
    out = _error_for(book)
    assert "[sheet budget], baris 5, kolom 'pagu': nilai 'dua ratus juta'" in out


def test_missing_sheet(tmp_path):
    book = fill_workbook(tmp_path / "contoh.xlsx")
    wb = load_workbook(book)
    del wb["performance"]
    wb.save(book)
    out = _error_for(book)
    assert "[sheet performance]" in out and "tidak ditemukan" in out


def test_cli_template_import_new_agency(tmp_path):
    runner = CliRunner()
    book = tmp_path / "baru.xlsx"
    result = runner.invoke(main, ["template", str(book), "--agency-id", NEW, "--name", "Dinas Sosial Kota Contoh",
                                  "--level", "kota", "--province", "Kalimantan Selatan"])
    assert result.exit_code == 0 and book.exists()
    assert runner.invoke(main, ["template", str(tmp_path / "x.xlsx"), "--agency-id", "../bad"]).exit_code == 2
    fill_workbook(book)
    result = runner.invoke(main, ["import", str(book), "--into", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["new-agency", NEW, "--dataset", str(tmp_path / "data"), "--year", "2023",
                                  "--params-dir", str(tmp_path / "params")])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "params" / f"{NEW}-2023.yaml").read_text()
    assert f"agency_id: {NEW}" in text and "year: 2023" in text
    bad = runner.invoke(main, ["new-agency", NEW, "--dataset", str(tmp_path / "data"), "--year", "2019",
                               "--params-dir", str(tmp_path / "params")])
    assert bad.exit_code == 1 and "tahun 2019" in bad.output
