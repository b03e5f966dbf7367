"""Export (HTML without code, PDF with the print stylesheet), the index, and atomic file writes."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from pypdf import PdfReader

from lkjip_analysis.exceptions import PdfEngineError
from lkjip_analysis.io.atomic import atomic_write_text, clean_stale, staging_path, swap_in
from lkjip_analysis.run.chromium import find_chromium
from lkjip_analysis.run.export import (
    check_pdf_engine,
    html_to_pdf,
    mark_wide_tables,
    notebook_to_html,
    render_index,
    report_files,
    resolve_pdf_engine,
    write_pdf,
)

A4 = (595.3, 841.9)

WIDE_TABLE = "<table><thead><tr>" + "".join(f"<th>kolom_{i}</th>" for i in range(16)) + "</tr></thead><tbody>" + (
    "".join("<tr>" + "".join(f"<td>teks_sel_panjang_{i}_{j} realisasi</td>" for i in range(16)) + "</tr>"
            for j in range(3))) + "</tbody></table>"


def executed_notebook() -> nbformat.NotebookNode:
    """An already 'executed' notebook: code, stdout, stderr, a wide HTML table, tagged cells."""
    return new_notebook(cells=[
        new_markdown_cell("# Judul Laporan Uji"),
        new_code_cell("KODE_RAHASIA = 1\nprint('Dinas Sosial Kota A')", execution_count=1, outputs=[
            new_output("stream", name="stdout", text="Dinas Sosial Kota A\n"),
            new_output("stream", name="stderr", text="FutureWarning: jangan tampil\n"),
        ]),
        new_code_cell("tabel", execution_count=2, outputs=[
            new_output("display_data", data={"text/html": WIDE_TABLE, "text/plain": "tabel"})]),
        new_code_cell("sel_dihapus = 1", metadata={"tags": ["remove-cell"]}, outputs=[
            new_output("stream", name="stdout", text="SEL-DIHAPUS\n")]),
        new_code_cell("keluaran_dihapus = 1", metadata={"tags": ["remove-output"]}, outputs=[
            new_output("stream", name="stdout", text="KELUARAN-DIHAPUS\n")]),
    ])


def test_html_has_outputs_but_no_code() -> None:
    html = notebook_to_html(executed_notebook(), title="Laporan Uji")
    assert "Judul Laporan Uji" in html and "Dinas Sosial Kota A" in html and "kolom_15" in html
    assert "KODE_RAHASIA" not in html and "jp-CodeMirrorEditor jp-Editor" not in html and "jp-mod-noInput" in html
    assert "jangan tampil" not in html  # stderr (warnings) left out
    assert "SEL-DIHAPUS" not in html and "KELUARAN-DIHAPUS" not in html
    assert "<title>Laporan Uji</title>" in html
    assert "@page" in html and "A4" in html  # print stylesheet embedded


def test_html_from_path(tmp_path: Path) -> None:
    path = tmp_path / "report.ipynb"
    nbformat.write(executed_notebook(), path)
    assert "<title>report</title>" in notebook_to_html(path)


ENGINES = [pytest.param("weasyprint"),
           pytest.param("chromium", marks=pytest.mark.skipif(find_chromium() is None, reason="no Chromium here"))]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.slow
def test_pdf_is_a4_and_nothing_runs_off_the_right_edge(tmp_path: Path, engine: str) -> None:
    pdf = tmp_path / "r.pdf"
    assert write_pdf(notebook_to_html(executed_notebook()), pdf, engine=engine) == engine
    reader = PdfReader(pdf)
    page = reader.pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=1)
    xs: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            xs.append(cm[0] * tm[4] + cm[2] * tm[5] + cm[4])

    text = "".join(p.extract_text(visitor_text=visit) for p in reader.pages)
    assert "Dinas Sosial Kota A" in text and "Judul Laporan Uji" in text and "¶" not in text
    assert "15_2" in text.replace("\n", "")  # the last column of the last row is printed
    assert xs and max(xs) < float(page.mediabox.width) - 20  # inside the right margin


def test_wide_tables_are_marked_for_the_print_stylesheet() -> None:
    html = notebook_to_html(executed_notebook())
    assert '<table class="lkjip-wide lkjip-xwide">' in html  # 16 columns
    narrow = mark_wide_tables('<table class="dataframe"><thead><tr><th>a</th><th>b</th></tr></thead></table>')
    assert "lkjip-wide" not in narrow
    spanned = mark_wide_tables("<TABLE border=1><tr><td colspan='6'>x</td><td colspan=5>y</td></tr></TABLE>")
    assert spanned.startswith('<table border=1 class="lkjip-wide">')
    assert "table.lkjip-wide" in html and ":has(" not in html.split("media=\"print\"")[-1]


@pytest.mark.slow
def test_auto_falls_back_to_weasyprint_when_chromium_fails(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LKJIP_CHROMIUM", "/bin/true")  # found, but not a browser
    from lkjip_analysis.run import chromium

    chromium.close_browsers()
    try:
        pdf = tmp_path / "r.pdf"
        assert write_pdf("<h1>Laporan cadangan</h1>", pdf, engine="auto") == "weasyprint"
        assert "Laporan cadangan" in PdfReader(pdf).pages[0].extract_text()
        with pytest.raises(PdfEngineError, match="tidak berjalan sebagai Chromium"):
            write_pdf("<h1>x</h1>", tmp_path / "c.pdf", engine="chromium")
        assert not (tmp_path / "c.pdf").exists()
        assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]  # the page printed from is removed
    finally:
        chromium.close_browsers()


def test_pdf_engine_names(monkeypatch) -> None:
    from lkjip_analysis.exceptions import ParamsError

    assert check_pdf_engine(" Chromium ") == "chromium"
    monkeypatch.setenv("LKJIP_PDF_ENGINE", "weasyprint")
    assert check_pdf_engine(None) == "weasyprint" and resolve_pdf_engine(None) == "weasyprint"
    monkeypatch.setenv("LKJIP_CHROMIUM", "")
    assert resolve_pdf_engine("auto") == "weasyprint"
    with pytest.raises(ParamsError, match="pilihan: auto, chromium, weasyprint"):
        check_pdf_engine("latex")


def test_pdf_engine_missing_says_how_to_install(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import raises ImportError
    with pytest.raises(PdfEngineError) as info:
        html_to_pdf("<p>x</p>", tmp_path / "r.pdf", engine="weasyprint")
    message = str(info.value)
    for hint in ("pip install weasyprint", "apt-get install libpango-1.0-0 libpangoft2-1.0-0",
                 "conda install -c conda-forge weasyprint", "--formats html", "chromium-headless-shell"):
        assert hint in message
    assert not (tmp_path / "r.pdf").exists()


def test_index_groups_links_and_escapes(tmp_path: Path) -> None:
    (tmp_path / "dinas-a" / "2020").mkdir(parents=True)
    (tmp_path / "dinas-a" / "2020" / "report.html").write_text("x")
    manifest = {"package_version": "9.9", "updated": "2024-01-01T10:00:00", "reports": {
        "dinas-a/2020": {"status": "ok", "notebook": "agency_report", "agency_name": "Dinas <A>",
                         "params": {"agency_id": "dinas-a", "year": 2020}, "started": "2024-01-01T10:00:00"},
        "dinas-a/2019": {"status": "failed", "notebook": "agency_report", "agency_name": "Dinas <A>",
                         "params": {"agency_id": "dinas-a", "year": 2019}, "error": "ValueError: <b>rusak</b>"},
        "_regional/kalsel": {"status": "pdf_missing", "notebook": "regional_comparison",
                             "params": {"name": "kalsel", "title": "Kalsel"}},
    }}
    html = render_index(manifest, tmp_path)
    assert 'href="dinas-a/2020/report.html"' in html
    assert "dinas-a/2020/report.pdf" not in html  # only files present are linked
    assert "Dinas &lt;A&gt;" in html and "&lt;b&gt;rusak" in html
    assert html.index("2020") < html.index("2019")  # newest year first
    assert "Perbandingan regional" in html and "Kalsel" in html and "tanpa PDF" in html


def test_report_files(tmp_path: Path) -> None:
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "a.csv").write_text("a")
    (tmp_path / "report.html").write_text("x")
    assert report_files(tmp_path) == ["report.html", "tables/a.csv"]
    assert report_files(tmp_path / "missing") == []


# --------------------------------------------------------------------------- atomic writes


def test_atomic_write_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "manifest.json"
    atomic_write_text(target, "1")
    atomic_write_text(target, "2")
    assert target.read_text() == "2"
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.json"]


def test_swap_in_replaces_folder(tmp_path: Path) -> None:
    final = tmp_path / "2020"
    final.mkdir()
    (final / "old.txt").write_text("old")
    staging = staging_path(final)
    staging.mkdir()
    (staging / "new.txt").write_text("new")
    swap_in(staging, final)
    assert [p.name for p in final.iterdir()] == ["new.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["2020"]


def test_clean_stale(tmp_path: Path) -> None:
    dead_pid = 2 ** 22 + 12345  # above Linux's pid_max default: never alive
    gone = staging_path(tmp_path / "2020", pid=dead_pid)
    gone.mkdir()
    live = staging_path(tmp_path / "2019", pid=os.getppid())  # another run still in progress
    live.mkdir()
    orphan = tmp_path / f".2018.old-{dead_pid}-0123abcd"  # died between the two renames
    orphan.mkdir()
    (orphan / "report.html").write_text("good")
    (tmp_path / "2017").mkdir()
    replaced = tmp_path / f".2017.old-{dead_pid}-0123abcd"
    replaced.mkdir()
    tmp = tmp_path / f".manifest.json.tmp-{dead_pid}-0123abcd"
    tmp.write_text("{")
    handled = clean_stale(tmp_path)
    assert set(handled) == {gone, orphan, replaced, tmp}
    assert not gone.exists() and not replaced.exists() and not tmp.exists() and live.exists()
    assert (tmp_path / "2018" / "report.html").read_text() == "good"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.slow
def test_pdf_engines_fetch_nothing_from_the_network(tmp_path: Path, engine: str) -> None:
    """A page naming network resources prints at once, and nothing is requested (checked with a loopback server)."""
    import http.server
    import threading

    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    page = (f'<html><head><script src="http://127.0.0.1:{port}/require.js"></script>'
            f'<link rel="stylesheet" href="http://127.0.0.1:{port}/gaya.css">'
            '<script src="https://cdn.lkjip.invalid/mathjax.js"></script></head>'
            f'<body><h1>Tanpa jaringan</h1><img alt="x" src="http://127.0.0.1:{port}/gambar.png"></body></html>')
    try:
        pdf = tmp_path / "r.pdf"
        assert write_pdf(page, pdf, engine=engine) == engine
        assert "Tanpa jaringan" in PdfReader(pdf).pages[0].extract_text()
    finally:
        server.shutdown()
        server.server_close()
    assert hits == []


def test_index_in_the_runs_language_with_the_failed_reason_in_english(tmp_path: Path) -> None:
    """``lkjip --lang en run`` keeps ``lang: en`` in the manifest: the index's words and reasons are English."""
    (tmp_path / "dinas-a" / "2019").mkdir(parents=True)
    (tmp_path / "dinas-a" / "2019" / "report.html").write_text("x")
    manifest = {"lang": "en", "package_version": "9.9", "updated": "2024-01-01T10:00:00", "reports": {
        "dinas-a/2019": {"status": "failed", "notebook": "agency_report", "agency_name": "Dinas A",
                         "params": {"agency_id": "dinas-a", "year": 2019},
                         "error": "ekspor gagal: OSError: penuh", "error_en": "export failed: OSError: penuh"},
        "_regional/kalsel": {"status": "unchanged", "notebook": "regional_comparison",
                             "params": {"name": "kalsel", "title": "Kalsel"}},
    }}
    html = render_index(manifest, tmp_path)
    assert '<html lang="en">' in html and "<title>LKjIP reports</title>" in html
    assert "2 reports: 1 failed, 1 unchanged" in html
    assert "failed (the previous report is kept)" in html and "export failed: OSError: penuh" in html
    assert "<th>Year</th><th>Status</th><th>Files</th><th>Made</th>" in html
    assert "Regional comparison" in html and "updated 2024-01-01 10:00:00" in html
    for word in ("laporan", "Tahun", "Berkas", "Dibuat", "diperbarui", "ekspor gagal", "dipertahankan"):
        assert word not in html, word
    indonesian = render_index({**manifest, "lang": None}, tmp_path)
    assert '<html lang="id">' in indonesian and "2 laporan: 1 gagal, 1 tidak berubah" in indonesian
    assert "gagal (laporan sebelumnya dipertahankan)" in indonesian and "ekspor gagal: OSError: penuh" in indonesian
    assert "<th>Tahun</th><th>Status</th><th>Berkas</th><th>Dibuat</th>" in indonesian
    assert render_index({"reports": {}}, tmp_path, lang="en").count("No reports yet.") == 1
