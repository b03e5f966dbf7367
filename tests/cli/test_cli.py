import json

from click.testing import CliRunner
from conftest import edit_csv

from lkjip_analysis.cli import main

BJB = "dinsos-kota-banjarbaru"


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_capaian_json_has_computed_next_to_reported():
    result = run("capaian", "--agency", BJB, "--year", "2020", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {r["indicator_id"]: r for r in json.loads(result.output)}
    assert len(rows) == 4
    # target 59, realisasi 61 -> 103,39 (printed 103,2)
    assert round(rows["s2-i1"]["capaian"], 2) == 103.39 and rows["s2-i1"]["reported_capaian"] == 103.2
    assert rows["s2-i1"]["kategori"] == "Sangat berhasil"
    # target 95, realisasi 78,3 -> 82,42 (printed 82,4), "Berhasil" on the 85/70/55 scale
    assert round(rows["s2-i3"]["capaian"], 2) == 82.42 and rows["s2-i3"]["kategori"] == "Berhasil"


def test_capaian_lists_every_period_for_each_agency():
    for agency, periods in [(BJB, {"annual"}), ("dinsos-kab-hulu-sungai-selatan", {"annual", "TW1", "TW2", "TW3", "TW4"}),
                            ("dinsos-prov-kalimantan-timur", {"annual", "TW1", "TW2", "TW3", "TW4"})]:
        result = run("capaian", "--agency", agency, "--format", "csv")
        assert result.exit_code == 0
        lines = result.output.strip().splitlines()
        assert lines[0].startswith("agency_id,indicator_id,indicator,year,period")
        assert {line.split(",")[0] for line in lines[1:]} == {agency}
        got = {p for p in ("annual", "TW1", "TW2", "TW3", "TW4") if f",{p}," in result.output}
        assert got == periods


def test_capaian_table_format_and_scale():
    result = run("capaian", "--agency", "dinsos-prov-kalimantan-timur", "--year", "2020", "--scale", "permendagri86")
    assert result.exit_code == 0
    assert "98.00" in result.output and "Sangat tinggi" in result.output


def test_unknown_agency_is_bad_usage():
    result = run("capaian", "--agency", "dinsos-nowhere")
    assert result.exit_code == 2 and "tidak ada di dataset" in result.output


def test_validate_broken_copy_lists_every_problem(mini_dir):
    edit_csv(mini_dir / "performance.csv", "2019,TW3,", "2019,Q5,")
    edit_csv(mini_dir / "budget.csv", "apbd,915000,915000", "apbd,-915000,915000")
    result = run("validate", str(mini_dir))
    assert result.exit_code == 1
    assert "2 masalah" in result.output
    assert "performance.csv, baris 8, kolom 'period'" in result.output
    assert "budget.csv, baris 3, kolom 'pagu'" in result.output
    assert "Traceback" not in result.output


def test_validate_ok_summary(mini_dir):
    result = run("validate", str(mini_dir))
    assert result.exit_code == 0 and result.output.count("\n") == 1 and result.output.startswith("OK")


def test_capaian_on_broken_dataset_exits_1_without_traceback(mini_dir):
    edit_csv(mini_dir / "performance.csv", "2019,TW3,", "2019,Q5,")
    result = run("capaian", "--dataset", str(mini_dir))
    assert result.exit_code == 1 and "kolom 'period'" in result.output and "Traceback" not in result.output


def test_audit_cli_formats_and_exit_codes():
    import io

    import pandas as pd

    from lkjip_analysis import audit, load_dataset

    table = run("audit", "--agency", "dinsos-kab-hulu-sungai-selatan")
    assert table.exit_code == 0 and "60,85" in table.output and "temuan" in table.output
    csv_out = run("audit", "--format", "csv", "--severity", "error")
    assert csv_out.exit_code == 0
    frame = pd.read_csv(io.StringIO(csv_out.output))
    expected = audit(load_dataset(), severity="error")
    assert list(frame.columns) == list(expected.columns) and len(frame) == len(expected)
    as_json = json.loads(run("audit", "--format", "json", "--lang", "en").output)
    assert set(as_json[0]) == set(expected.columns) and any("printed" in r["message"] for r in as_json)
    assert run("audit", "--severity", "fatal").exit_code == 2
    assert run("audit", "--agency", "nowhere").exit_code == 2
