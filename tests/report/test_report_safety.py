"""Reports are safe: data never becomes markup (HTML or PDF), and report pages request nothing from another host."""

from __future__ import annotations

import json
import math
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from lkjip_analysis import load_dataset
from lkjip_analysis.cli import main
from lkjip_analysis.model.schema import TABLES
from lkjip_analysis.report.context import escape_markdown, neutralise_markdown, table_html
from lkjip_analysis.run import export

#: Markup in every name field: a script, an image that would be fetched, quotes and ampersand, Markdown
#: emphasis and a link, and mathtext that matplotlib would refuse to parse (a figure would fail).
PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(1)> "&amp; *[x](http://example.org/a.png) $\\lkjip$'
AGENCY = "dinsos-kota-banjarbaru"
#: Text columns that are keys or references (kept so the rows still join) or have allowed values.
KEEP = {"agency_id", "indicator_id", "source_line"}


def _text_columns(name: str) -> list[str]:
    return [c.name for c in TABLES[name].columns
            if c.type == "string" and not c.enum and c.name not in KEEP and not c.pattern]


class Elements(HTMLParser):
    """Every start tag of a page with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    return parser


def _markup_workbook(path: Path) -> Path:
    """The embedded dataset's Banjarbaru rows as a workbook, the payload in front of every name/text cell."""
    ds = load_dataset()
    wb = Workbook()
    wb.remove(wb.active)
    for name, table in ds.tables.items():
        frame = table[table["agency_id"] == AGENCY] if "agency_id" in table.columns else table
        ws = wb.create_sheet(name)
        columns = list(TABLES[name].column_names)
        ws.append(columns)
        marked = set(_text_columns(name))
        for record in frame.to_dict("records"):
            row = []
            for col in columns:
                value = record.get(col)
                if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
                    value = None
                elif col in marked:
                    value = f"{PAYLOAD} {value}"
                elif isinstance(value, bool):
                    value = "true" if value else "false"
                elif hasattr(value, "item"):
                    value = value.item()
                row.append(value)
            ws.append(row)
    wb.save(path)
    return path


def test_escape_helpers() -> None:
    assert escape_markdown("a*b_[x](y)") == "a\\*b\\_\\[x\\]\\(y\\)"
    assert neutralise_markdown('<img src=x onerror=alert(1)> "&') == '&lt;img src=x onerror=alert(1)&gt; &quot;&amp;'
    table = table_html(pd.DataFrame({PAYLOAD: [1.5], "name": [PAYLOAD]}))
    found = _parse(table)
    assert not [t for t, _ in found.tags if t in ("script", "img")]
    assert "".join(found.text).count(PAYLOAD) == 2  # heading and cell, shown as text


@pytest.fixture(scope="module")
def markup_report(tmp_path_factory) -> Path:
    """``lkjip import`` of the markup workbook, then the agency report (HTML and PDF, WeasyPrint)."""
    tmp = tmp_path_factory.mktemp("markup")
    book = _markup_workbook(tmp / "markup.xlsx")
    runner = CliRunner()
    result = runner.invoke(main, ["import", str(book), "--into", str(tmp / "data")])
    assert result.exit_code == 0, result.output
    agencies = pd.read_csv(tmp / "data" / "agencies.csv")
    assert agencies.at[0, "name"].startswith(PAYLOAD)  # the markup went in through the import
    params = tmp / "params"
    params.mkdir()
    (params / "r.yaml").write_text(f"agency_id: {AGENCY}\nyear: 2020\ndataset: ../data\n", encoding="utf-8")
    result = runner.invoke(main, ["run", str(params / "r.yaml"), "--output-dir", str(tmp / "out"), "--workers", "1",
                                  "--no-progress", "--pdf-engine", "weasyprint"])
    assert result.exit_code == 0, result.output
    return tmp / "out" / AGENCY / "2020"


@pytest.mark.slow
def test_markup_in_every_name_field_stays_text_in_html(markup_report: Path) -> None:
    page = (markup_report / "report.html").read_text(encoding="utf-8")
    found = _parse(page)
    assert not [t for t, _ in found.tags if t == "script"]
    assert not [a for _, a in found.tags if any(k.startswith("on") for k in a)]  # no onerror (or any on...)
    assert not [a for t, a in found.tags if t == "img" and a.get("src") == "x"]
    text = "".join(found.text)
    # the payload is shown as text: heading, summary text, tables, captions, audit sources
    assert text.count(PAYLOAD) >= 10
    assert f"{PAYLOAD} Dinas Sosial Kota Banjarbaru" in text
    # nothing of the payload is left unescaped in the page source (alt text included)
    assert "<script>alert" not in page and "<img src=x" not in page and 'alt="<' not in page
    links = [a["href"] for t, a in found.tags if t == "a" and not a.get("href", "#").startswith("#")]
    assert not [h for h in links if "example.org" in h], links  # no link (nor autolink) made from data
    index = _parse((markup_report.parent.parent / "index.html").read_text(encoding="utf-8"))
    assert not [t for t, _ in index.tags if t in ("script", "img")]
    assert f"{PAYLOAD} Dinas Sosial Kota Banjarbaru" in "".join(index.text)
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 10
    figures = [a for t, a in found.tags if t == "img" and a.get("src", "").startswith("data:image/png")]
    assert len(figures) >= 4 and all(a.get("alt") for a in figures)


@pytest.mark.slow
def test_markup_in_pdf_is_text_and_nothing_is_fetched(markup_report: Path, monkeypatch) -> None:
    import pdfplumber

    with pdfplumber.open(markup_report / "report.pdf") as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "<script>alert(1)</script>" in text.replace("\n", "")
    fetched: list[str] = []
    real = export._local_fetcher

    def recording(weasyprint):
        inner = real(weasyprint)

        def fetch(url, *args, **kwargs):
            fetched.append(url)
            return inner(url, *args, **kwargs) if callable(inner) else inner.fetch(url, *args, **kwargs)

        return fetch

    monkeypatch.setattr(export, "_local_fetcher", recording)
    page = (markup_report / "report.html").read_text(encoding="utf-8")
    export.write_pdf(page, markup_report.parent / "again.pdf", base_url=markup_report, engine="weasyprint")
    assert not [u for u in fetched if u.rstrip("/").endswith("/x") or u == "x"], fetched


@pytest.fixture(scope="module")
def embedded_html(tmp_path_factory) -> Path:
    """``lkjip run`` on the project's params (the embedded dataset), HTML only, into a temporary folder."""
    from lkjip_analysis.config import PARAMS_DIR

    out = tmp_path_factory.mktemp("embedded-html")
    result = CliRunner().invoke(main, ["run", "--all", "--params-dir", str(PARAMS_DIR), "--formats", "html",
                                       "--output-dir", str(out), "--no-progress", "--workers", "1"])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.slow
def test_every_report_page_and_the_index_are_self_contained(embedded_html: Path) -> None:
    """No report page nor ``index.html`` references another host (no CDN require.js, MathJax, mermaid)."""
    pages = sorted(embedded_html.rglob("*.html"))
    assert embedded_html / "index.html" in pages and len(pages) >= 5
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert export.external_references(text) == [], page
        assert "cdnjs" not in text and "require.min.js" not in text and "MathJax.js" not in text
    manifest = json.loads((embedded_html / "manifest.json").read_text())
    assert all(e["status"] == "ok" for e in manifest["reports"].values())


def _report_text(page: Path) -> tuple[str, list[str], list[str]]:
    """(all text, text nodes, table headings) of a report page, without style and script."""
    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.nodes, self.headings, self.stack = [], [], []

        def handle_starttag(self, tag, attrs):
            self.stack.append(tag)

        def handle_endtag(self, tag):
            while self.stack and self.stack.pop() != tag:
                pass

        def handle_data(self, data):
            if data.strip() and not {"style", "script", "title"} & set(self.stack):
                self.nodes.append(data.strip())
                if "th" in self.stack:
                    self.headings.append(data.strip())

    parser = Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return " ".join(parser.nodes), parser.nodes, parser.headings


@pytest.mark.slow
def test_labels_come_from_the_report_strings(embedded_html: Path) -> None:
    """No raw ids, dangling '/', English headers or table names in the Indonesian reports; units and sources right."""
    import re

    for page in sorted(embedded_html.rglob("report.html")):
        text, nodes, headings = _report_text(page)
        assert not re.findall(r"\bpmks_[a-z_]+\b", text) or "_regional" in str(page), page
        assert "akip_scores" not in text, page
        assert not [n for n in nodes if n.endswith("/")], page
        assert not {"Error", "table", "key", "rule", "Rule", "akip_scores"} & set(headings), (page, headings)
        assert not re.search(r"\b\d{3}_[0-9a-f]{16}\.txt\b", text), page  # hash file names as Sumber
        assert not re.search(r"\b\d+\.\d{6}\b", text), page  # raw floats such as 103.389831

    text, nodes, headings = _report_text(embedded_html / "dinsos-kota-banjarbaru" / "2020" / "report.html")
    # 26 jenis PMKS (national target, Banjarbaru LKjIP) × 69,23% = 17,9998 -> 18 jenis, not 18 jiwa
    assert "setara ±18 jenis" in text and "±18 jiwa" not in text
    assert "PMKS yang mendapat bantuan (terhadap target nasional) / jenis PMKS target nasional RPJMN" in text
    # audit table: Indonesian headings and values, the document the reader knows, figures formatted
    assert {"Tingkat", "Tabel data", "Baris data", "Tercetak", "Dihitung ulang", "Sumber", "Baris"} <= set(headings)
    assert "kesalahan" in nodes and "LKjIP Dinas Sosial Kota Banjarbaru 2020" in nodes
    # total pagu printed vs the sum of its 5 lines (the column holds % too: 2 fixed decimals)
    assert "1.164.318.000,00" in nodes and "1.164.318.500,00" in nodes and "103,39" in nodes
    text, _, _ = _report_text(embedded_html / "dinsos-kab-hulu-sungai-selatan" / "2019" / "report.html")
    assert "LKjIP Dinas Sosial Kabupaten Hulu Sungai Selatan 2019" in text


def test_external_references_finds_what_fetches() -> None:
    page = ('<link rel="stylesheet" href="https://cdn.x/a.css"><img src="//h/x.png"><img src="figures/a.png">'
            '<a href="https://example.org">link</a><style>@import "https://f/x.css"; p{background:url(http://h/b)}'
            '</style><script type="module">import m from "https://cdn.x/m.mjs"</script>')
    found = export.external_references(page)
    assert len(found) == 5 and not any("example.org" in f or "figures/a.png" in f for f in found)
