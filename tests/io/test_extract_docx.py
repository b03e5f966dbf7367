"""The DOCX reader on a document built here with python-docx: merged cells, two header rows."""

from __future__ import annotations

import pytest

docx = pytest.importorskip("docx")

import lkjip_analysis
from lkjip_analysis.io.extract.docx import read_docx


@pytest.fixture
def report(tmp_path):
    d = docx.Document()
    d.add_paragraph("LAPORAN KINERJA DINAS SOSIAL KOTA CONTOH TAHUN 2023")
    d.add_paragraph("Provinsi Kalimantan Selatan")
    d.add_paragraph("Tabel 3.1 Capaian Kinerja Tahun 2023")
    t = d.add_table(rows=5, cols=6)
    top, sub = t.rows[0].cells, t.rows[1].cells
    top[0].text, top[1].text, top[2].text, top[3].text = "No", "Indikator Kinerja", "Satuan", "Tahun 2023"
    top[3].merge(top[5])  # a group header over three columns
    for j in range(3):
        top[j].merge(sub[j])  # No / Indikator / Satuan span both header rows
    sub[3].text, sub[4].text, sub[5].text = "Target", "Realisasi", "Capaian (%)"
    data = [["", "Urusan Bidang Sosial", "", "", "", ""],
            ["1", "Cakupan PSKS yang berpartisipasi", "%", "75", "70 %", "93,33"],
            ["2", "Menurunnya jumlah PMKS", "orang", "1.200", "N/A", "-"]]
    for row, values in zip(t.rows[2:], data):
        for cell, value in zip(row.cells, values):
            cell.text = value
    t.rows[2].cells[1].merge(t.rows[2].cells[5])  # section row merged across the table
    d.add_paragraph("Tabel 3.2 Realisasi Anggaran")
    b = d.add_table(rows=3, cols=4)
    for row, values in zip(b.rows, [["No", "Kegiatan", "Pagu (Rp)", "Realisasi (Rp)"],
                                    ["1", "Pembinaan Taruna Siaga Bencana", "121.190.000", "110.154.000"],
                                    ["", "Jumlah", "121.190.000", "110.154.000"]]):
        for cell, value in zip(row.cells, values):
            cell.text = value
    path = tmp_path / "lkjip-contoh.docx"
    d.save(path)
    return path


def test_merged_cells_keep_text_in_first_position(report):
    doc = read_docx(report)
    g = doc.grids[0]
    assert g.rows[0] == ["No", "Indikator Kinerja", "Satuan", "Tahun 2023", "", ""]
    assert g.rows[1] == ["", "", "", "Target", "Realisasi", "Capaian (%)"]
    assert g.rows[2] == ["", "Urusan Bidang Sosial", "", "", "", ""]
    assert g.locations[3] == "tabel 1, baris 4"
    assert g.caption == "Tabel 3.1 Capaian Kinerja Tahun 2023"
    assert doc.grids[1].caption == "Tabel 3.2 Realisasi Anggaran"


def test_extract_docx_two_header_rows(report, tmp_path):
    e = lkjip_analysis.extract(report, agency_id="dinsos-kota-contoh")
    perf = e.performance.merge(e.indicators[["indicator_id", "name", "unit", "polarity", "sasaran"]], on="indicator_id")
    first = perf[perf["name"] == "Cakupan PSKS yang berpartisipasi"].iloc[0]
    assert (first["year"], first["target"], first["realisasi"], first["reported_capaian"]) == (2023, 75, 70, 93.33)
    assert first["source_line"] == "tabel 1, baris 4"
    assert first["source"] == "lkjip-contoh.docx, Tabel 3.1 Capaian Kinerja Tahun 2023"
    assert first["sasaran"] == "Urusan Bidang Sosial"  # the section row is context, not data
    second = perf[perf["name"] == "Menurunnya jumlah PMKS"].iloc[0]
    assert second["target"] == 1200 and second["realisasi"] != second["realisasi"]  # N/A is missing, never 0
    assert second["polarity"] == "lower"
    budget = e.budget.set_index("line_type")
    assert budget.loc["kegiatan", "pagu"] == 121190000 and budget.loc["total", "realisasi"] == 110154000
    agency = e.agencies.iloc[0]
    assert (agency["name"], agency["level"], agency["province"]) == ("Dinas Sosial Kota Contoh", "kota",
                                                                     "Kalimantan Selatan")
    out = e.to_excel(tmp_path / "draft.xlsx")
    ds = lkjip_analysis.load_dataset(out)
    assert len(ds.performance) == 2 and len(ds.budget) == 2


def test_docx_without_tables(tmp_path):
    d = docx.Document()
    d.add_paragraph("Tidak ada tabel")
    d.save(tmp_path / "kosong.docx")
    from lkjip_analysis.exceptions import NoTablesError

    with pytest.raises(NoTablesError, match="tidak ada tabel"):
        lkjip_analysis.extract(tmp_path / "kosong.docx", agency_id="x")
