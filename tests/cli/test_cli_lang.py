"""``lkjip --lang en`` / ``$LKJIP_LANG=en``: what the command prints (errors, summaries) in English.

Indonesian stays the default; ``audit --lang`` and ``new-agency --lang`` keep their own meaning.
"""

from __future__ import annotations

import json
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
