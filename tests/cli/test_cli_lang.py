"""``lkjip --lang en`` / ``$LKJIP_LANG=en``: what the command prints (errors, summaries) in English.

Indonesian stays the default; ``audit --lang`` and ``new-agency --lang`` keep their own meaning.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from lkjip_analysis.cli import main

SEED = Path(__file__).parents[1] / "fixtures" / "seeds" / "001_90dadde9d726c79a.txt"
BJB = "dinsos-kota-banjarbaru"


def run(*args, env: dict | None = None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def _bad_params(tmp_path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text("notebook: laporan_rahasia\nagency_id: dinsos-kota-banjarbaru\nyear: 2020\n", encoding="utf-8")
    return path


def test_run_refusal_in_indonesian_by_default_and_in_english_on_request(tmp_path):
    path = _bad_params(tmp_path)
    res = run("run", path, "--output-dir", tmp_path / "out", env={"LKJIP_LANG": ""})
    assert res.exit_code == 2
    assert f"Galat: {path}: kunci 'notebook': 'laporan_rahasia' tidak dikenal; pilihan: " in res.output
    for how in (["--lang", "en"], ["--lang", "EN"]):
        res = run(*how, "run", path, "--output-dir", tmp_path / "out")
        assert res.exit_code == 2, res.output
        assert f"Error: {path}: key 'notebook': 'laporan_rahasia' is unknown; choices: " in res.output
    res = run("run", path, "--output-dir", tmp_path / "out", env={"LKJIP_LANG": "en"})
    assert res.exit_code == 2 and "Error: " in res.output and "is unknown; choices:" in res.output
    assert "tidak dikenal" not in res.output


def test_the_option_wins_over_the_environment_and_a_bad_language_is_bad_usage(tmp_path):
    path = _bad_params(tmp_path)
    res = run("--lang", "id", "run", path, env={"LKJIP_LANG": "en"})
    assert res.exit_code == 2 and "Galat: " in res.output
    res = run("run", path, env={"LKJIP_LANG": "fr"})
    assert res.exit_code == 2 and "LKJIP_LANG" in res.output and "'fr'" in res.output


def test_usage_errors_and_unknown_agency_in_english():
    res = run("--lang", "en", "run")
    assert res.exit_code == 2 and "give PARAMS_FILE or --all" in res.output
    res = run("--lang", "en", "capaian", "--agency", "dinas-tidak-ada")
    assert res.exit_code == 2 and "agency_id 'dinas-tidak-ada' is not in the dataset; choices: " in res.output
    res = run("capaian", "--agency", "dinas-tidak-ada")
    assert res.exit_code == 2 and "agency_id 'dinas-tidak-ada' tidak ada di dataset; pilihan: " in res.output


def test_run_summary_line_in_both_languages(tmp_path, monkeypatch):
    """The summary counts, as ``RunSummary.format`` writes them: 1 built, 5 unchanged, 0 failed of 6."""
    from lkjip_analysis.run import runner
    from lkjip_analysis.run.jobs import STATUS_OK, STATUS_UNCHANGED, ReportResult
    from lkjip_analysis.run.params import ReportParams

    def results():
        out = []
        for k, status in enumerate([STATUS_OK] + [STATUS_UNCHANGED] * 5):
            params = ReportParams(source=f"p{k}.yaml", notebook="agency_report", notebook_path="nb.ipynb",
                                  agency_id=f"dinas-{k}", year=2020)
            out.append(ReportResult(params=params, status=status, started="", duration=0.0))
        return out

    summary = runner.RunSummary(results(), tmp_path / "out", duration=1.25)
    assert summary.format().splitlines()[0] == (f"6 laporan: 1 dibangun, 5 tidak berubah, 0 gagal (1.2 s) -> "
                                                f"{tmp_path / 'out' / 'index.html'}")
    assert summary.format("en").startswith("6 reports: 1 built, 5 unchanged, 0 failed (1.2 s) -> ")

    monkeypatch.setattr(runner, "run_reports", lambda files, **kw: runner.RunSummary(results(), tmp_path / "out"))
    res = run("--lang", "en", "run", tmp_path / "a.yaml", "--no-progress")
    assert res.exit_code == 0, res.output
    assert res.output.startswith("6 reports: 1 built, 5 unchanged, 0 failed")
    res = run("run", tmp_path / "a.yaml", "--no-progress", env={"LKJIP_LANG": ""})
    assert res.output.startswith("6 laporan: 1 dibangun, 5 tidak berubah, 0 gagal")


def test_failed_and_refused_lines_of_the_summary_in_english(tmp_path):
    from lkjip_analysis.exceptions import ParamsError
    from lkjip_analysis.run import runner
    from lkjip_analysis.run.jobs import STATUS_FAILED, ReportResult
    from lkjip_analysis.run.params import ReportParams

    params = ReportParams(source="a.yaml", notebook="agency_report", notebook_path="nb.ipynb", agency_id="dinas-a",
                          year=2021)
    failed = ReportResult(params=params, status=STATUS_FAILED, started="", duration=0.0, error="ZeroDivisionError",
                          files=["dinas-a/2021/report.html"])
    refused = ParamsError.from_key("params.empty", "b.yaml")
    text = runner.RunSummary([failed], tmp_path, refused=[refused]).format("en")
    lines = text.splitlines()
    assert lines[0].startswith("1 reports: 0 built, 0 unchanged, 1 failed, 1 params files refused (0.0 s)")
    assert lines[1] == "  REFUSED b.yaml: the params file is empty"
    assert lines[2] == "  FAILED dinas-a 2021 [a.yaml]: ZeroDivisionError (the previous report is kept)"
    id_lines = runner.RunSummary([failed], tmp_path, refused=[refused]).format().splitlines()
    assert id_lines[1] == "  DITOLAK b.yaml: berkas params kosong"
    assert id_lines[2] == "  GAGAL dinas-a 2021 [a.yaml]: ZeroDivisionError (laporan sebelumnya dipertahankan)"


def test_audit_messages_follow_the_command_language_unless_given():
    res = run("--lang", "en", "audit", "--agency", BJB, "--format", "json")
    assert res.exit_code == 0, res.output
    english = json.loads(res.output)
    res = run("audit", "--agency", BJB, "--format", "json", "--lang", "id", env={"LKJIP_LANG": "en"})
    indonesian = json.loads(res.output)
    assert len(english) == len(indonesian) > 0
    assert any("printed" in r["message"] for r in english) and not any("printed" in r["message"] for r in indonesian)
    assert any("tercetak" in r["message"] for r in indonesian)
    res = run("--lang", "en", "audit", "--agency", BJB)
    assert f"{len(english)} findings: " in res.output


def test_new_agency_lang_is_still_the_report_language(tmp_path):
    res = run("new-agency", BJB, "--year", "2020", "--params-dir", tmp_path, "--lang", "en", env={"LKJIP_LANG": ""})
    assert res.exit_code == 0, res.output
    path = tmp_path / f"{BJB}-2020.yaml"
    assert "lang: en" in path.read_text(encoding="utf-8")
    assert res.output.startswith(f"Params ditulis: {path}")  # the report is English, the command's output is not
    res = run("--lang", "en", "new-agency", BJB, "--year", "2020", "--params-dir", tmp_path)
    assert res.exit_code == 1 and f"Error: file already exists: {path} (use --overwrite to replace it)" in res.output


def test_extract_summary_and_review_sheet_in_english(tmp_path):
    out = tmp_path / "draft.xlsx"
    res = run("--lang", "en", "extract", SEED, "--agency-id", "dinsos-kab-hss", "--out", out, "--no-progress")
    assert res.exit_code == 0, res.output
    assert "Tables found: " in res.output and "performance" in res.output and "budget" in res.output
    assert "Number style per column: Indonesian (1.164.318.000 / 99,97)" in res.output
    assert f"Draft written: {out}. Check sheet 'review'" in res.output
    from openpyxl import load_workbook

    wb = load_workbook(out, read_only=True)
    rows = list(wb["review"].iter_rows(min_row=2, values_only=True))
    notes = [r[0] for r in wb["Petunjuk"].iter_rows(values_only=True) if r and r[0]]
    wb.close()
    assert "EXTRACTED DRAFT (lkjip extract) — check sheet 'review'" in notes
    assert any(str(n).startswith("Tables found: ") for n in notes)  # the summary, in English too
    kinds = {r[2] for r in rows}
    assert {"polarity", "default value"} <= kinds and not kinds & {"polaritas", "nilai bawaan"}
    assert any(str(r[3]).startswith("polarity guessed '") for r in rows)
    res = run("--lang", "en", "extract", SEED, "--agency-id", "x", "--out", tmp_path / "d.csv")
    assert res.exit_code == 2 and "expected an .xlsx file name" in res.output


def _bad_workbook(tmp_path) -> Path:
    """A template filled with a refused polarity, a bad number, an unknown indicator and a synonym."""
    from openpyxl import load_workbook

    from lkjip_analysis.io.template import write_template

    book = write_template(tmp_path / "isian.xlsx")
    wb = load_workbook(book)
    rows = {
        "agencies": [dict(agency_id="dinas-c", name="Dinas Sosial C", level="Kabupaten", province="Kalsel",
                          sector="sosial")],
        "indicators": [dict(agency_id="dinas-c", indicator_id="s1", sasaran="s", name="n", unit="%",
                            polarity="Keatas")],
        "performance": [dict(agency_id="dinas-c", indicator_id="s1", year=2023, period="Tahunan", target="7x5",
                             realisasi=75),
                        dict(agency_id="dinas-c", indicator_id="s9", year=2023, period="annual", target=80,
                             realisasi=80)],
    }
    for sheet, records in rows.items():
        header = [c.value for c in wb[sheet][1]]
        for i, record in enumerate(records, start=4):
            for j, name in enumerate(header, start=1):
                wb[sheet].cell(row=i, column=j, value=record.get(name))
    wb.save(book)
    return book


def test_validate_a_bad_workbook_in_english_and_in_indonesian(tmp_path):
    book = _bad_workbook(tmp_path)
    res = run("--lang", "en", "validate", book)
    assert res.exit_code == 1
    out = res.output
    assert f"{book}: 3 problems found" in out
    assert ("  - isian.xlsx [sheet indicators], row 4, column 'polarity': value 'Keatas' — one of: higher, lower "
            "(in any case; also accepted: higher ← naik, meningkat, ") in out
    assert ("  - isian.xlsx [sheet performance], row 4, column 'target': value '7x5' — a valid number (number); "
            "holds characters other than digits, dots and commas") in out
    assert ("  - isian.xlsx [sheet performance], row 5, column 'indicator_id': value 'agency_id=dinas-c, "
            "indicator_id=s9' — must exist in table 'indicators'") in out
    assert "Normalised (" in out and "  - agencies.level: 'Kabupaten' → 'kabupaten' (1×)" in out
    assert "  - indicators.quarter_aggregation: (empty) → 'last' (1×) — from unit '%' (percentage/index: the last " \
           "quarter's value)" in out
    assert "  - performance.source: (empty) → 'isian.xlsx' (2×) — the file's name" in out
    # the source_line values filled in are data (Indonesian, as every source_line): quoted as they are stored
    assert "  - agencies.source_line: (empty) → 'sheet agencies, baris 4' (1×) — the place in the file" in out
    for word in (", baris 4, ", "kolom", "nilai", "harus", "Dinormalisasi", "(kosong)", "dari satuan", "nama berkas"):
        assert word not in out, word

    res = run("validate", book, env={"LKJIP_LANG": ""})
    assert res.exit_code == 1
    assert f"{book}: 3 masalah ditemukan" in res.output
    assert ("  - isian.xlsx [sheet performance], baris 5, kolom 'indicator_id': nilai 'agency_id=dinas-c, "
            "indicator_id=s9' — harus ada di tabel 'indicators'") in res.output
    assert "Dinormalisasi (" in res.output
    assert "  - indicators.quarter_aggregation: (kosong) → 'last' (1×) — dari satuan '%' (persentase/indeks: nilai " \
           "triwulan terakhir)" in res.output


def test_import_prints_what_was_normalised_in_english(tmp_path):
    from openpyxl import load_workbook

    book = _bad_workbook(tmp_path)
    wb = load_workbook(book)
    wb["indicators"]["F4"] = "Naik"  # polarity (the 6th column of the template): a synonym now
    wb["performance"]["E4"] = 75  # target (the 5th column)
    wb["performance"].delete_rows(5)
    wb.save(book)
    res = run("--lang", "en", "import", book, "--into", tmp_path / "data")
    assert res.exit_code == 0, res.output
    assert "  - indicators.polarity: 'Naik' → 'higher' (1×)" in res.output
    assert "  - indicators.iku: (empty) → 'false' (1×)" in res.output
    assert "Dinormalisasi" not in res.output and "(kosong)" not in res.output


def test_log_lines_follow_the_command_language(tmp_path):
    """``lkjip --lang en -v``: the package's log lines (i18n messages) are printed in English."""
    path = tmp_path / "p.yaml"
    path.write_text("agency_id: dinas-tidak-ada\nyear: 2020\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "LKJIP_LANG"}
    command = [sys.executable, "-m", "lkjip_analysis.cli", "-v", "run", str(path), "--output-dir", str(tmp_path / "o")]
    for lang, expected, other in (("en", "loading dataset (embedded)", "memuat"),
                                  ("id", "memuat dataset (tertanam)", "loading")):
        res = subprocess.run(command[:3] + ["--lang", lang] + command[3:], capture_output=True, text=True, env=env,
                             timeout=120, check=False)
        assert res.returncode == 2, res.stderr
        assert f"INFO lkjip_analysis.run.params: {expected}" in res.stderr and other not in res.stderr, res.stderr
