"""The text/Markdown reader, and the seed reports end to end: recovery, import, audit."""

from __future__ import annotations

from pathlib import Path

import pytest

import lkjip_analysis
from lkjip_analysis.io.extract.recovery import seed_recovery
from lkjip_analysis.io.extract.text import parse_text, read_text

SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"
SEED_AGENCIES = {
    "000_3343dd0cfd8df71b.txt": "dinsos-kota-banjarbaru",
    "001_90dadde9d726c79a.txt": "dinsos-kab-hulu-sungai-selatan",
    "003_2e9c1c20b1e46ce7.txt": "dinsos-prov-kalimantan-timur",
}


def test_tab_tables_captions_line_numbers_and_markup():
    text = ("Judul\n\nTabel 3.2\nCapaian Kinerja\n\nNo\tIndikator\tTarget\n1\t<b>Cakupan</b>\t75%\n\n"
            "2\tLain\t80%\nParagraf biasa.\n| No | Program | Pagu |\n|---|---|---|\n| 1 | Program A | 1.000 |\n")
    grids = parse_text(text, "doc.md")
    assert len(grids) == 2
    first, second = grids
    assert first.caption == "Tabel 3.2 Capaian Kinerja"
    assert first.rows == [["No", "Indikator", "Target"], ["1", "Cakupan", "75%"], ["2", "Lain", "80%"]]
    assert first.locations == ["6", "7", "9"]  # one blank line inside the table does not end it
    assert second.rows == [["No", "Program", "Pagu"], ["1", "Program A", "1.000"]]  # separator line dropped
    assert second.locations == ["11", "13"]


def test_read_text_refuses_binary(tmp_path):
    bad = tmp_path / "laporan.txt"
    bad.write_bytes(b"\x00\x01\x02PK binary")
    with pytest.raises(lkjip_analysis.ExtractionError, match="bukan berkas teks"):
        read_text(bad)


@pytest.fixture(scope="module")
def extractions():
    return {name: lkjip_analysis.extract(SEEDS / name, agency_id=agency) for name, agency in SEED_AGENCIES.items()}


def test_seed_recovery_at_least_80_percent(extractions):
    ds = lkjip_analysis.load_dataset()
    perf_hit = perf_n = budget_hit = budget_n = 0
    for name, agency in SEED_AGENCIES.items():
        r = seed_recovery(extractions[name], ds, agency)
        perf_hit += int(r["performance"]["recovered"].sum())
        perf_n += len(r["performance"])
        budget_hit += int(r["budget"]["recovered"].sum())
        budget_n += len(r["budget"])
    assert perf_n == 149 and budget_n == 114  # the embedded dataset's rows with numeric target+realisasi / pagu
    assert perf_hit / perf_n >= 0.80
    assert budget_hit / budget_n >= 0.80


def test_seed_values_read_by_hand(extractions):
    bjb = extractions["000_3343dd0cfd8df71b.txt"]
    perf = bjb.performance.merge(bjb.indicators[["indicator_id", "name"]], on="indicator_id")
    # line 563: "Persentase masyarakat ... | Orang | 100% | 99,97% | 99,97%"
    row = perf[(perf["source_line"] == "563")].iloc[0]
    assert (row["year"], row["target"], row["realisasi"], row["reported_capaian"]) == (2020, 100, 99.97, 99.97)
    # line 396: "TOTAL | | 1.164.318.000 | 371.344.500 | 31,89"
    total = bjb.budget[bjb.budget["source_line"] == "396"].iloc[0]
    assert (total["line_type"], total["pagu"], total["realisasi"], total["reported_pct"]) == (
        "total", 1164318000, 371344500, 31.89)
    assert total["source"] == "000_3343dd0cfd8df71b.txt, Tabel B.1"
    # line 866: four kegiatan with stacked values "56.886.000 0 1.000.000 30.965.000"
    split = bjb.budget[bjb.budget["source_line"] == "866"]
    assert list(split["pagu"]) == [56886000, 0, 1000000, 30965000]
    kaltim = extractions["003_2e9c1c20b1e46ce7.txt"]
    # line 701: "205..778.000" is garbled: left empty, quoted in the review
    garbled = kaltim.budget[kaltim.budget["source_line"] == "701"].iloc[0]
    assert garbled["realisasi"] is None or garbled["realisasi"] != garbled["realisasi"]
    assert kaltim.review["message"].str.contains("205..778.000", regex=False).any()
    # Kalimantan Timur writes decimals with a dot: "1.5 | 1.47 | 98" (line 565)
    row = kaltim.performance[kaltim.performance["source_line"] == "565"].iloc[0]
    assert (row["target"], row["realisasi"], row["reported_capaian"]) == (1.5, 1.47, 98)
    ind = kaltim.indicators.set_index("indicator_id").loc[row["indicator_id"]]
    assert ind["polarity"] == "lower" and ind["unit"] == "%"  # "Menurunnya ..." / "Prosen"
    assert set(kaltim.number_styles["style"]) >= {"id", "en", "mixed"}


def test_every_row_cites_source_and_line(extractions):
    for e in extractions.values():
        for sheet in ("performance", "budget", "benchmarks", "indicators"):
            frame = e.tables[sheet]
            assert frame["source"].notna().all() and frame["source_line"].notna().all(), sheet
            assert frame["source_line"].map(lambda s: isinstance(s, str)).all()


def test_review_cells_point_into_the_draft(extractions):
    e = extractions["001_90dadde9d726c79a.txt"]
    cells = e.review[e.review["sheet"] != "-"]
    assert cells["cell"].str.match(r"^[a-z_]+![A-Z]+\d+$").all()
    assert (cells["cell"].str.split("!").str[0] == cells["sheet"]).all()
    kinds = set(e.review["kind"])
    assert {"polaritas", "nilai bawaan", "target nol", "capaian tidak cocok"} <= kinds


def test_draft_imports_unchanged_and_audit_sees_the_slips(extractions, tmp_path):
    from click.testing import CliRunner

    from lkjip_analysis.cli import main

    e = extractions["000_3343dd0cfd8df71b.txt"]
    draft = e.to_excel(tmp_path / "draft.xlsx")
    runner = CliRunner()
    res = runner.invoke(main, ["import", str(draft), "--into", str(tmp_path / "ds")])
    assert res.exit_code == 0, res.output
    ds = lkjip_analysis.load_dataset(tmp_path / "ds")
    assert len(ds.performance) == len(e.performance) and len(ds.budget) == len(e.budget)
    findings = lkjip_analysis.audit(ds)
    lines = dict(zip(findings["source_line"].astype(str), findings["rule"]))
    # line 396 prints total pagu 1.164.318.000; its five kegiatan add up to 1.164.318.500
    assert lines.get("396") == "budget_total"
    # line 436 prints capaian 103,2% for 61 / 59 x 100 = 103,39%
    assert lines.get("436") == "capaian"
    assert e.review[e.review["source_line"] == "396"]["kind"].eq("total tidak cocok").any()


@pytest.mark.slow
def test_review_notebook_runs_under_papermill(tmp_path):
    import json

    import papermill

    from lkjip_analysis.config import NOTEBOOKS_DIR

    out = tmp_path / "review.ipynb"
    draft = tmp_path / "draft.xlsx"
    papermill.execute_notebook(str(NOTEBOOKS_DIR / "extract_review.ipynb"), str(out), kernel_name="python3",
                               parameters={"document": str(SEEDS / "000_3343dd0cfd8df71b.txt"),
                                               "agency_id": "dinsos-kota-banjarbaru", "draft": str(draft)},
                               cwd=str(NOTEBOOKS_DIR), progress_bar=False)
    text = json.dumps(json.load(out.open()))
    # Tabel B.1 line 396 beside its draft row: TOTAL pagu 1.164.318.000
    assert "TOTAL" in text and "1164318000" in text
    assert "Pertanyaan review:" in text and draft.is_file()


def test_committed_notebook_has_no_outputs():
    import json

    from lkjip_analysis.config import NOTEBOOKS_DIR

    nb = json.load((NOTEBOOKS_DIR / "extract_review.ipynb").open())
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")
