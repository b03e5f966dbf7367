"""A bad dataset's problems, and what loading normalised, in Indonesian (the default) and in English.

Each problem names its file (or sheet), row, column and value in both languages; what was expected is
written from an i18n key (``problem.*``), the values quoted as typed. The expected texts below are
written by hand from the message the issue asks for, not copied from the code's output.
"""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import pytest
from conftest import edit_csv
from openpyxl import load_workbook

from lkjip_analysis import DatasetError, load_dataset, read_dataset
from lkjip_analysis.io.template import import_workbook, write_template
from lkjip_analysis.model.normalize import format_change, format_changes

#: Indonesian words of the package's messages that an English text must not hold outside its quotes.
INDONESIAN = re.compile(r"\b(baris|kolom|nilai|wajib|tidak|harus|berkas|kunci|dari|atau|angka|yang|sah|"
                        r"diisi|ditemukan|kosong|bebas|juga|diterima|huruf|satuan|dibaca|bawaan)\b")


def _unquoted(text: str) -> str:
    """``text`` without its quoted parts: cell values, column names, file names are quoted as typed, and the
    synonyms accepted (``ya``, ``tidak``, ``naik``, ...) are the values the package reads in either language."""
    return re.sub(r"also accepted: .*\)$", "", re.sub(r"'[^']*'", "''", text))


def problems_of(path: Path) -> list:
    ds, problems = read_dataset(path)
    assert ds is None and problems
    for p in problems:  # the English text says nothing in Indonesian outside the values it quotes
        found = INDONESIAN.findall(_unquoted(p.render("en")).replace(str(path), ""))
        assert not found, (found, p.render("en"))
    return problems


def only(problems: list, column: str | None):
    [p] = [p for p in problems if p.column == column]
    return p


def test_bad_number_in_both_languages(mini_dir):
    path = mini_dir / "performance.csv"
    edit_csv(path, "annual,75,,75", "annual,7x5,,75")
    p = only(problems_of(mini_dir), "target")
    assert str(p) == (f"{path}, baris 2, kolom 'target': nilai '7x5' — angka (number) yang sah; mengandung "
                      "karakter selain angka, titik dan koma")
    assert p.render("en") == (f"{path}, row 2, column 'target': value '7x5' — a valid number (number); holds "
                              "characters other than digits, dots and commas")


def test_unknown_enum_value_lists_the_synonyms_in_both_languages(mini_dir):
    path = mini_dir / "indicators.csv"
    edit_csv(path, "%,higher,last", "%,keatas,last")
    p = only(problems_of(mini_dir), "polarity")
    assert str(p).startswith(f"{path}, baris 2, kolom 'polarity': nilai 'keatas' — salah satu dari: higher, lower "
                             "(huruf besar/kecil bebas; juga diterima: higher ← naik, meningkat, positif, ")
    en = p.render("en")
    assert en.startswith(f"{path}, row 2, column 'polarity': value 'keatas' — one of: higher, lower "
                         "(in any case; also accepted: higher ← naik, meningkat, positif, ")
    assert "; lower ← turun, menurun, negatif, " in en and en.endswith(", rendah, down)")


def test_unknown_boolean_in_both_languages(mini_dir):
    edit_csv(mini_dir / "indicators.csv", "sasaran,true,Jenis", "sasaran,mungkin,Jenis")
    p = only(problems_of(mini_dir), "iku")
    assert p.expected.startswith("true atau false (huruf besar/kecil bebas; juga diterima: true ← ya, iya, y, yes")
    assert p.render("en").endswith(" — true or false (in any case; also accepted: true ← ya, iya, y, yes, benar, "
                                   "1, v, ✓; false ← tidak, tdk, n, no, bukan, salah, 0)")


def test_missing_required_column_in_both_languages(mini_dir):
    path = mini_dir / "indicators.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",higher,", ",").replace(",lower,", ",")
                    .replace(",polarity,", ","), encoding="utf-8")
    p = only(problems_of(mini_dir), "polarity")
    assert str(p) == f"{path}, baris 1, kolom 'polarity' — kolom wajib 'polarity' tidak ada di header"
    assert p.render("en") == f"{path}, row 1, column 'polarity' — required column 'polarity' is not in the header"


def test_missing_table_file_and_the_error_head_in_both_languages(mini_dir):
    path = mini_dir / "performance.csv"
    path.unlink()
    with pytest.raises(DatasetError) as caught:
        load_dataset(mini_dir)
    error = caught.value
    assert str(error).splitlines() == [f"Dataset {mini_dir} tidak valid: 1 masalah",
                                       f"  - {path} — berkas tabel wajib 'performance' tidak ditemukan"]
    assert error.render("en").splitlines() == [f"Dataset {mini_dir} is invalid: 1 problems",
                                               f"  - {path} — required table file 'performance' not found"]
    copy = pickle.loads(pickle.dumps(error))  # errors cross process boundaries
    assert copy.render("en") == error.render("en") and str(copy) == str(error)


def test_missing_sheet_in_both_languages(tmp_path):
    book = write_template(tmp_path / "isian.xlsx")
    wb = load_workbook(book)
    del wb["performance"]
    wb.save(book)
    p = [p for p in problems_of(book) if "performance" in p.file][0]
    assert str(p) == "isian.xlsx [sheet performance] — sheet wajib 'performance' tidak ditemukan"
    assert p.render("en") == "isian.xlsx [sheet performance] — required sheet 'performance' not found"


def test_duplicate_key_in_both_languages(mini_dir):
    path = mini_dir / "agencies.csv"
    with path.open("a", encoding="utf-8") as f:
        f.write("dinas-a,Dinas Sosial Kota A (lagi),kota,Kalimantan Selatan,sosial,fixture,3\n")
    p = only(problems_of(mini_dir), "agency_id")
    assert str(p) == (f"{path}, baris 4, kolom 'agency_id': nilai 'agency_id=dinas-a' — kunci unik; duplikat dari "
                      "baris 2")
    assert p.render("en") == (f"{path}, row 4, column 'agency_id': value 'agency_id=dinas-a' — a unique key; a "
                              "duplicate of row 2")


def test_bad_reference_in_both_languages(mini_dir):
    path = mini_dir / "performance.csv"
    edit_csv(path, "dinas-a,s1-i1,2020", "dinas-a,s9-i9,2020")
    p = only(problems_of(mini_dir), "indicator_id")
    assert str(p) == (f"{path}, baris 2, kolom 'indicator_id': nilai 'agency_id=dinas-a, indicator_id=s9-i9' — "
                      "harus ada di tabel 'indicators'")
    assert p.render("en") == (f"{path}, row 2, column 'indicator_id': value 'agency_id=dinas-a, indicator_id=s9-i9' "
                              "— must exist in table 'indicators'")


def test_negative_and_fractional_values_in_both_languages(mini_dir):
    path = mini_dir / "budget.csv"
    edit_csv(path, "did,627410000,0,0", "did,-5,0,0")
    edit_csv(path, "B.1-s1,2,kegiatan", "B.1-s1,2.5,kegiatan")
    problems = problems_of(mini_dir)
    assert only(problems, "pagu").render("en").endswith("value '-5' — a value that is not negative")
    assert only(problems, "pagu").expected == "nilai tidak boleh negatif"
    assert only(problems, "line_no").render("en").endswith("value '2.5' — a whole number")
    assert only(problems, "line_no").expected == "bilangan bulat"


# ------------------------------------------------------------------ what was normalised


def _filled_workbook(path: Path) -> Path:
    write_template(path)
    wb = load_workbook(path)
    rows = {
        "agencies": [dict(agency_id="dinas-c", name="Dinas Sosial C", level="Kota", province="Kalsel",
                          sector="sosial")],
        "indicators": [dict(agency_id="dinas-c", indicator_id="s1", sasaran="s", name="n", unit="orang",
                            polarity="Naik")],
        "performance": [dict(agency_id="dinas-c", indicator_id="s1", year=2023, period="Tahunan", target="Rp 1.25",
                             realisasi=1)],
    }
    for sheet, records in rows.items():
        ws = wb[sheet]
        header = [c.value for c in ws[1]]
        for i, record in enumerate(records, start=4):
            for j, name in enumerate(header, start=1):
                ws.cell(row=i, column=j, value=record.get(name))
    wb.save(path)
    return path


def test_normalisation_notes_in_both_languages_and_kept_by_key(tmp_path):
    book = _filled_workbook(tmp_path / "isian.xlsx")
    into = tmp_path / "data"
    merged = import_workbook(book, into)
    lines = {lang: format_changes(merged.normalised, lang) for lang in ("id", "en")}
    assert "indicators.polarity: 'Naik' → 'higher' (1×)" in lines["id"] + lines["en"]
    assert "indicators.quarter_aggregation: (kosong) → 'cumulative' (1×) — dari satuan 'orang' (hitungan: jumlah " \
           "triwulan)" in lines["id"]
    assert "indicators.quarter_aggregation: (empty) → 'cumulative' (1×) — from unit 'orang' (a count: the sum of " \
           "the quarters)" in lines["en"]
    assert "indicators.source: (empty) → 'isian.xlsx' (1×) — the file's name" in lines["en"]
    assert "performance.target: 1 angka bertulisan teks, mis. 'Rp 1.25' → 1.25 — titik dibaca sebagai koma desimal " \
           "(bukan pemisah ribuan: tidak diikuti tiga angka)" in lines["id"]
    assert "performance.target: 1 numbers written as text, e.g. 'Rp 1.25' → 1.25 — the dot read as the decimal " \
           "separator (not a thousands separator: not followed by three digits)" in lines["en"]
    assert not [line for line in lines["en"] if INDONESIAN.search(_unquoted(line).replace("isian.xlsx", ""))]
    # datapackage.json keeps the Indonesian note and its key; a later load renders it in English by the key
    recorded = json.loads((into / "datapackage.json").read_text(encoding="utf-8"))["lkjip_normalised"]
    quarter = next(r for r in recorded if r["column"] == "quarter_aggregation")
    assert quarter["note"] == "dari satuan 'orang' (hitungan: jumlah triwulan)"
    assert (quarter["note_key"], quarter["note_fields"]) == ("note.quarter_cumulative", {"unit": "'orang'"})
    again = format_changes(load_dataset(into).normalised, "en")
    assert sorted(again) == sorted(lines["en"])


def test_a_reworded_note_keeps_its_english_and_an_old_record_shows_its_text():
    row = dict(table="budget", column="budget_table", kind="bawaan", original="", canonical="budget", count=3,
               note="nama lembar (teks lama)", note_key="note.sheet_name", note_fields=None, canonical_key="")
    assert format_change(row, "en") == "budget.budget_table: (empty) → 'budget' (3×) — the sheet's name"
    assert format_change(row) == "budget.budget_table: (kosong) → 'budget' (3×) — nama sheet"
    old = dict(row, note_key="", note="nama sheet")  # written before keys were recorded
    assert format_change(old, "en") == "budget.budget_table: (empty) → 'budget' (3×) — nama sheet"
    line_no = dict(row, column="line_no", canonical="urutan baris dalam tabel", canonical_key="note.row_order",
                   note="", note_key="")
    assert format_change(line_no, "en") == "budget.line_no: (empty) → 'the order of the rows in its table' (3×)"
    header = dict(row, kind="kolom", original="Sumber Dana", canonical="funding_source", note="", note_key="")
    assert format_change(header, "en") == "budget: column 'Sumber Dana' → 'funding_source'"
    assert format_change(header) == "budget: kolom 'Sumber Dana' → 'funding_source'"


def test_warnings_in_both_languages(mini_dir):
    edit_csv(mini_dir / "agencies.csv", "sector,source", "sector,catatan,source")
    edit_csv(mini_dir / "agencies.csv", "sosial,fixture,1", "sosial,x,fixture,1")
    edit_csv(mini_dir / "agencies.csv", "sosial,fixture,2", "sosial,y,fixture,2")
    ds, problems = read_dataset(mini_dir)
    assert problems == []
    [w] = [w for w in ds.warnings if w.column == "catatan"]
    assert w.render("en").endswith(" — unknown column for table 'agencies' — ignored; valid columns: agency_id, "
                                   "name, level, province, sector, source, source_line")
    assert str(w).endswith(" — kolom tidak dikenal untuk tabel 'agencies' — diabaikan; kolom yang sah: agency_id, "
                           "name, level, province, sector, source, source_line")


def test_a_key_in_both_merged_datasets_in_both_languages(tmp_path):
    book = _filled_workbook(tmp_path / "isian.xlsx")
    into = tmp_path / "data"
    import_workbook(book, into)
    with pytest.raises(DatasetError) as caught:
        import_workbook(book, into)  # the same agency again: refused, never overwritten
    error = caught.value
    [agency] = [p for p in error.problems if p.column == "agency_id"]
    assert str(agency) == (f"agencies (gabungan), kolom 'agency_id': nilai 'agency_id=dinas-c' — kunci unik; ada di "
                           f"{into} dan {book} — hapus salah satu sebelum digabung")
    assert agency.render("en") == (f"agencies (merged), column 'agency_id': value 'agency_id=dinas-c' — a unique key; "
                                   f"it is in {into} and {book} — remove one before merging")
    assert error.render("en").splitlines()[0] == f"Dataset (the merged datasets) is invalid: {len(error.problems)} problems"
    assert str(error).splitlines()[0] == f"Dataset gabungan dataset tidak valid: {len(error.problems)} masalah"
