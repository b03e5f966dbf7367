"""``lkjip extract``: summary, draft written, and one clear message + exit 1 for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from lkjip_analysis.cli import main

SEED = Path(__file__).parents[1] / "fixtures" / "seeds" / "001_90dadde9d726c79a.txt"


def run(*args):
    return CliRunner().invoke(main, ["extract", *map(str, args)])


def test_extract_writes_draft_and_prints_summary(tmp_path):
    out = tmp_path / "draft.xlsx"
    res = run(SEED, "--agency-id", "dinsos-kab-hss", "--out", out)
    assert res.exit_code == 0, res.output
    assert out.is_file()
    assert "Tabel ditemukan:" in res.output and "kinerja" in res.output and "anggaran" in res.output
    assert "Gaya angka per kolom: Indonesia" in res.output
    assert "Pertanyaan review:" in res.output
    from openpyxl import load_workbook

    wb = load_workbook(out, read_only=True)
    assert {"agencies", "indicators", "performance", "budget", "review", "Petunjuk"} <= set(wb.sheetnames)
    ws = wb["performance"]
    row4 = [c.value for c in next(ws.iter_rows(min_row=4, max_row=4))]
    # numbers are numeric cells: line 434 of the seed, Indeks Reformasi Birokrasi target 23,50
    assert isinstance(row4[4], (int, float)) and row4[4] == 23.5
    wb.close()
    res = CliRunner().invoke(main, ["import", str(out), "--into", str(tmp_path / "ds")])
    assert res.exit_code == 0, res.output


def test_year_name_level_options(tmp_path):
    out = tmp_path / "d.xlsx"
    res = run(SEED, "--agency-id", "x", "--out", out, "--year", "2019", "--name", "Dinas Sosial HSS",
              "--level", "kabupaten", "--province", "Kalimantan Selatan")
    assert res.exit_code == 0, res.output
    import lkjip_analysis

    ds = lkjip_analysis.load_dataset(out)
    row = ds.agencies.iloc[0]
    assert (row["name"], row["level"], row["province"]) == ("Dinas Sosial HSS", "kabupaten", "Kalimantan Selatan")


def _bad(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize("case", ["missing", "not_pdf", "not_docx", "unknown_ext", "no_tables", "no_performance",
                                  "bad_slug", "docx_no_tables"])
def test_bad_input_one_message_exit_1_no_draft(tmp_path, case):
    out = tmp_path / "draft.xlsx"
    agency = "dinsos-x"
    if case == "missing":
        doc = tmp_path / "tidak-ada.txt"
    elif case == "not_pdf":
        doc = _bad(tmp_path, "laporan.pdf", b"ini bukan pdf")
    elif case == "not_docx":
        doc = _bad(tmp_path, "laporan.docx", b"%PDF-1.4 ...")
    elif case == "unknown_ext":
        doc = _bad(tmp_path, "laporan.odt", b"x")
    elif case == "no_tables":
        doc = _bad(tmp_path, "laporan.txt", b"Laporan tanpa tabel.\nHanya teks.\n")
    elif case == "no_performance":
        doc = _bad(tmp_path, "laporan.txt", b"No\tJenis PMKS\tJumlah\n1\tAnak terlantar\t5 orang\n")
    elif case == "bad_slug":
        doc, agency = SEED, "Dinas Sosial"
    else:
        import docx

        d = docx.Document()
        d.add_paragraph("Laporan tanpa tabel")
        doc = tmp_path / "kosong.docx"
        d.save(doc)
    res = run(doc, "--agency-id", agency, "--out", out)
    assert res.exit_code == 1, res.output
    assert res.output.startswith("Galat: ") and "Traceback" not in res.output
    assert len(res.output.strip().splitlines()) == 1
    assert not out.exists() and not list(tmp_path.glob(".draft.xlsx*"))


def test_pdf_without_reader_or_bad_pdf_is_a_clear_message(tmp_path):
    pdf = tmp_path / "laporan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    res = run(pdf, "--agency-id", "x", "--out", tmp_path / "d.xlsx")
    assert res.exit_code == 1 and "Traceback" not in res.output and res.output.startswith("Galat: ")


def test_bad_pages_and_out_suffix(tmp_path):
    res = run(SEED, "--agency-id", "x", "--out", tmp_path / "d.xlsx", "--pages", "9-3")
    assert res.exit_code == 1 and "--pages" in res.output
    res = run(SEED, "--agency-id", "x", "--out", tmp_path / "d.csv")
    assert res.exit_code == 2


@pytest.mark.parametrize("kind", ["blank", "encrypted"])
def test_blank_or_encrypted_pdf_one_message_exit_1(tmp_path, kind):
    pytest.importorskip("pdfplumber")
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if kind == "encrypted":
        writer.encrypt("rahasia")
    pdf = tmp_path / f"{kind}.pdf"
    with pdf.open("wb") as handle:
        writer.write(handle)
    out = tmp_path / "draft.xlsx"
    res = run(pdf, "--agency-id", "x", "--out", out, "--no-progress")
    assert res.exit_code == 1, res.output
    assert res.output.startswith("Galat: ") and "Traceback" not in res.output
    assert f"{kind}.pdf" in res.output and not out.exists()
