"""Print layout of every PDF of ``make report``, on both engines, read from the PDF's word boxes (pdfplumber).

Per page: no word beyond the right margin, no number broken across two lines, no raw float
(``103.389831``, ``1164318000.000000``), no heading left alone at the bottom, and no page (but
the last) left nearly empty by a block that did not fit.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from lkjip_analysis.cli import main
from lkjip_analysis.config import PARAMS_DIR
from lkjip_analysis.run.chromium import find_chromium

pytestmark = pytest.mark.slow  # starts kernels / browsers (pytest -m 'not slow' skips it)

pdfplumber = pytest.importorskip("pdfplumber")

MM = 72 / 25.4
RIGHT_MARGIN = 14 * MM  # templates/print.css: @page margin 18mm 14mm
FOOTER = 18 * MM
#: A raw float: one dot and 4+ decimals, or 4+ digits before a single dot (Indonesian thousands are 1.164.318).
RAW_FLOAT = re.compile(r"^-?(\d+\.\d{4,}|\d{4,}\.\d+)%?$")
#: The first part of a number cut at the end of a line: "2.273." or "1.164.318." (a thousands dot last).
NUMBER_HEAD = re.compile(r"^-?\d{1,3}(\.\d{3})*\.$")
#: Pages (but the last) must be filled at least this far down (text or figure); else "nearly empty".
MIN_FILL = 0.3


def layout_problems(path: Path) -> dict[str, list[str]]:
    """The layout problems of one PDF, by kind (empty lists: none)."""
    problems: dict[str, list[str]] = {"beyond_right": [], "broken_number": [], "raw_float": [],
                                      "heading_at_bottom": [], "nearly_empty": []}
    with pdfplumber.open(path) as pdf:
        last = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            words = page.extract_words(extra_attrs=["size"], use_text_flow=False)
            body = [w for w in words if w["top"] < page.height - FOOTER]
            where = f"{path.parent.parent.name}/{path.parent.name} hlm. {number}"
            for w in body:
                if w["x1"] > page.width - RIGHT_MARGIN + 2:
                    problems["beyond_right"].append(f"{where}: {w['text']!r} x1={w['x1']:.0f}")
                if RAW_FLOAT.match(w["text"]):
                    problems["raw_float"].append(f"{where}: {w['text']!r}")
                if NUMBER_HEAD.match(w["text"]):
                    line = w["bottom"] - w["top"]
                    below = [n for n in body if w["bottom"] < n["top"] < w["bottom"] + 1.2 * line
                             and (abs(n["x0"] - w["x0"]) < 2 or abs(n["x1"] - w["x1"]) < 2)
                             and re.match(r"\d", n["text"])]
                    if below:
                        problems["broken_number"].append(f"{where}: {w['text']!r} + {below[0]['text']!r}")
            if not body:
                bottom = max((im["bottom"] for im in page.images), default=0)
            else:
                bottom = max([w["bottom"] for w in body] + [im["bottom"] for im in page.images])
            content = page.height - FOOTER - 18 * MM
            if number < last and (bottom - 18 * MM) / content < MIN_FILL:
                problems["nearly_empty"].append(f"{where}: filled {(bottom - 18 * MM) / content:.0%}")
            if body and number < last:
                sizes = sorted(w["size"] for w in body)
                normal = sizes[len(sizes) // 2]
                lowest = max(body, key=lambda w: w["bottom"])
                tail = [w for w in body if w["bottom"] > lowest["top"] - 1]
                if all(w["size"] >= max(12.0, normal * 1.3) for w in tail) and not [im for im in page.images
                                                                        if im["top"] > lowest["bottom"]]:
                    problems["heading_at_bottom"].append(f"{where}: {' '.join(w['text'] for w in tail)!r}")
    return problems


ENGINES = ["weasyprint"] + (["chromium"] if find_chromium() else [])


@pytest.fixture(scope="module", params=ENGINES)
def report_pdfs(request, tmp_path_factory) -> list[Path]:
    """Every PDF of ``lkjip run --all`` on the project's params (what ``make report`` runs), per engine."""
    out = tmp_path_factory.mktemp(f"print-{request.param}")
    result = CliRunner().invoke(main, ["run", "--all", "--params-dir", str(PARAMS_DIR), "--output-dir", str(out),
                                       "--no-progress", "--workers", "1", "--pdf-engine", request.param])
    assert result.exit_code == 0, result.output
    pdfs = sorted(out.rglob("report.pdf"))
    assert len(pdfs) == len(list(PARAMS_DIR.glob("*.yaml")))
    return pdfs


@pytest.fixture(scope="module")
def report_problems(report_pdfs: list[Path]) -> list[dict[str, list[str]]]:
    """The layout problems of each PDF, read once per engine (reading the word boxes is most of the cost)."""
    return [layout_problems(pdf) for pdf in report_pdfs]


@pytest.mark.parametrize("kind", ["beyond_right", "broken_number", "raw_float", "heading_at_bottom",
                                  "nearly_empty"])
def test_print_layout(report_problems: list[dict[str, list[str]]], kind: str) -> None:
    found = [p for problems in report_problems for p in problems[kind]]
    assert found == [], f"{kind}: {len(found)}\n" + "\n".join(found[:20])


def test_the_checks_find_what_they_look_for(tmp_path: Path) -> None:
    """A page printed on purpose with each problem: every check reports it."""
    from lkjip_analysis.run.export import write_pdf

    html = ("<html><body style='margin:0'><p style='white-space:nowrap'>" + "panjang " * 40 + "</p>"
            "<p>103.389831 dan 1164318000.000000</p>"
            "<table><tr><td style='width:12mm;font-size:10pt;word-break:break-all'>2.273.681.200</td></tr></table>"
            "<div style='height:190mm'></div><p style='font-size:20pt;margin:0'>Judul sendirian</p>"
            "<div style='break-before:page'>isi</div><div style='break-before:page'>akhir</div></body></html>")
    pdf = tmp_path / "x" / "y" / "bad.pdf"
    pdf.parent.mkdir(parents=True)
    write_pdf(html, pdf, engine="weasyprint")
    found = layout_problems(pdf)
    assert found["beyond_right"] and found["raw_float"] == ["x/y hlm. 1: '103.389831'",
                                                            "x/y hlm. 1: '1164318000.000000'"]
    assert found["broken_number"], found
    assert found["heading_at_bottom"] == ["x/y hlm. 1: 'Judul sendirian'"], found
    assert [p.split(":")[0] for p in found["nearly_empty"]] == ["x/y hlm. 2"], found
