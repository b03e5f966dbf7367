"""The headless Chromium kept per worker: printing, reuse, recovery, discovery. Skipped without a Chromium."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from pypdf import PdfReader

from lkjip_analysis.run import chromium
from lkjip_analysis.run.chromium import Chromium, ChromiumError, find_chromium

pytestmark = pytest.mark.slow  # starts kernels / browsers (pytest -m 'not slow' skips it)

A4 = (595.3, 841.9)
needs_chromium = pytest.mark.skipif(find_chromium() is None, reason="no Chromium here (apt-get install "
                                                                    "chromium-headless-shell)")

PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 15mm; }
h1 { break-after: page; }
</style></head><body><h1>Halaman satu: Dinas Sosial</h1><p>Capaian 103,39%</p>
<img alt="titik" src="titik.png"></body></html>"""

# 1x1 PNG, to check that relative links resolve against the HTML file's folder
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360f80f0000010101005d2aa1a30000000049454e44ae426082")


def html_file(folder: Path, text: str = PAGE) -> Path:
    (folder / "titik.png").write_bytes(PNG)
    path = folder / "laporan.html"
    path.write_text(text, encoding="utf-8")
    return path


@needs_chromium
def test_prints_a4_pages_with_text_and_reuses_the_browser(tmp_path: Path) -> None:
    browser = Chromium()
    try:
        for k in range(3):
            pdf = browser.print_to_pdf(html_file(tmp_path), tmp_path / f"r{k}.pdf")
            reader = PdfReader(pdf)
            assert len(reader.pages) == 2  # the page break after h1 is honoured
            page = reader.pages[0]
            assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=1)
            text = "".join(p.extract_text() for p in reader.pages)
            assert "Halaman satu: Dinas Sosial" in text and "103,39%" in text
        assert browser.starts == 1 and browser.prints == 3
        profile = browser._profile
        assert profile and Path(profile).is_dir()
    finally:
        browser.close()
    assert not browser.alive and not Path(profile).exists()


@needs_chromium
def test_a_browser_that_died_is_replaced_on_the_next_print(tmp_path: Path) -> None:
    browser = Chromium()
    try:
        browser.print_to_pdf(html_file(tmp_path), tmp_path / "a.pdf")
        os.killpg(browser.process.pid, signal.SIGKILL)
        browser.process.wait(10)
        browser.print_to_pdf(html_file(tmp_path), tmp_path / "b.pdf")
        assert browser.starts == 2 and PdfReader(tmp_path / "b.pdf").pages
    finally:
        browser.close()


@needs_chromium
def test_a_missing_file_is_an_error_and_the_browser_is_not_reused(tmp_path: Path) -> None:
    browser = Chromium()
    try:
        with pytest.raises(ChromiumError):
            browser.print_to_pdf(tmp_path / "tidak-ada.html", tmp_path / "x.pdf")
        assert not (tmp_path / "x.pdf").exists() and not browser.alive
        browser.print_to_pdf(html_file(tmp_path), tmp_path / "y.pdf")  # the next print starts a new one
        assert browser.starts == 2
    finally:
        browser.close()


@needs_chromium
def test_a_browser_that_does_not_answer_times_out(tmp_path: Path) -> None:
    browser = Chromium(timeout=1)
    try:
        browser.start()
        os.killpg(browser.process.pid, signal.SIGSTOP)  # frozen: alive but silent
        with pytest.raises(ChromiumError, match="tidak menjawab dalam 1 detik"):
            browser.print_to_pdf(html_file(tmp_path), tmp_path / "x.pdf")
        assert browser.process is None  # killed, not left frozen
    finally:
        browser.close()


def test_a_binary_that_is_not_chromium_fails_clearly(tmp_path: Path) -> None:
    browser = Chromium(binary="/bin/true", timeout=5)
    with pytest.raises(ChromiumError, match="/bin/true tidak berjalan sebagai Chromium"):
        browser.print_to_pdf(html_file(tmp_path), tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_missing_chromium_says_how_to_install(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(chromium.ENV_BINARY, "")
    assert find_chromium() is None
    with pytest.raises(ChromiumError, match="apt-get install chromium-headless-shell"):
        Chromium().print_to_pdf(html_file(tmp_path), tmp_path / "x.pdf")


def test_env_variable_names_the_binary(monkeypatch, tmp_path: Path) -> None:
    fake = tmp_path / "my-chrome"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv(chromium.ENV_BINARY, str(fake))
    assert find_chromium() == str(fake)
    monkeypatch.setenv(chromium.ENV_BINARY, str(tmp_path / "tidak-ada"))
    assert find_chromium() is None


@needs_chromium
def test_one_browser_per_process_closed_by_close_browsers(tmp_path: Path) -> None:
    first = chromium.browser()
    assert chromium.browser() is first
    first.print_to_pdf(html_file(tmp_path), tmp_path / "a.pdf")
    assert first.alive
    chromium.close_browsers()
    assert not first.alive and chromium.browser() is not first
    chromium.close_browsers()


def test_a_binary_that_cannot_start_leaves_nothing_behind(tmp_path: Path, monkeypatch) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    browser = Chromium(binary=str(tmp_path / "tidak-ada"))
    with pytest.raises(ChromiumError, match="tidak dapat dijalankan"):
        browser.start()
    assert list(tmp_path.iterdir()) == [] and browser.process is None


# --------------------------------------------------------------------------- fail fast when the browser or tab dies

#: A page whose load event never fires (its script never ends): a print of it waits until something gives.
BUSY_PAGE = "<!doctype html><html><body><p>sibuk</p><script>while (true) {}</script></body></html>"


class CrashingTab(Chromium):
    """Crashes the tab (``Page.crash``) just before waiting for its load event: a renderer crash mid-print."""

    def _wait_event(self, method: str, session: str) -> dict:
        if method == "Page.loadEventFired":
            self._next_id += 1  # fire and forget: a crashed renderer never answers it
            self._send({"id": self._next_id, "method": "Page.crash", "params": {}, "sessionId": session})
        return super()._wait_event(method, session)


def _renderers(browser_pid: int) -> list[int]:
    """Renderer processes of the browser (same session: the browser is started with ``setsid``)."""
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat[3]) == browser_pid and b"--type=renderer" in cmdline:  # stat[3]: session id
            pids.append(int(proc.name))
    return pids


def _fails_fast(browser: Chromium, page: Path, kill=None, delay: float = 1.5) -> tuple[ChromiumError, float]:
    """Print ``page``; ``kill`` (if given) runs ``delay`` s into the print. The error, and seconds from kill/start."""
    import threading
    import time

    marks = [time.monotonic()]

    def fire():
        marks.append(time.monotonic())
        kill()

    timer = threading.Timer(delay, fire) if kill else None
    if timer:
        timer.start()
    try:
        with pytest.raises(chromium.ChromiumCrashedError) as caught:
            browser.print_to_pdf(page, page.with_suffix(".pdf"))
        return caught.value, time.monotonic() - marks[-1]
    finally:
        if timer:
            timer.cancel()


@needs_chromium
def test_a_tab_that_crashes_fails_at_once_not_after_the_timeout(tmp_path: Path) -> None:
    browser = CrashingTab()
    assert browser.timeout == 60
    try:
        error, seconds = _fails_fast(browser, html_file(tmp_path))
        assert seconds < 5, seconds  # generous bound: without the crash events this waited 60 s
        assert "mogok" in str(error) and "targetCrashed" in str(error)
        assert not browser.alive and not (tmp_path / "laporan.pdf").exists()
    finally:
        browser.close()


@needs_chromium
def test_a_renderer_killed_mid_print_fails_at_once(tmp_path: Path) -> None:
    browser = Chromium()
    try:
        browser.start()
        page = html_file(tmp_path, BUSY_PAGE)

        def kill_renderers():
            for pid in _renderers(browser.process.pid):
                os.kill(pid, signal.SIGKILL)

        error, seconds = _fails_fast(browser, page, kill_renderers)
        assert seconds < 5, seconds
        assert "mogok" in str(error)
        browser.print_to_pdf(html_file(tmp_path), tmp_path / "lagi.pdf")  # the next print gets a new browser
        assert browser.starts == 2 and PdfReader(tmp_path / "lagi.pdf").pages
    finally:
        browser.close()


@needs_chromium
@pytest.mark.parametrize("whole_session", [True, False], ids=["browser-and-renderers", "browser-only"])
def test_a_browser_killed_mid_print_fails_at_once(tmp_path: Path, whole_session: bool) -> None:
    browser = Chromium()
    try:
        browser.start()
        pid = browser.process.pid
        kill = (lambda: os.killpg(pid, signal.SIGKILL)) if whole_session else (lambda: os.kill(pid, signal.SIGKILL))
        error, seconds = _fails_fast(browser, html_file(tmp_path, BUSY_PAGE), kill)
        assert seconds < 5, seconds
        assert "Chromium berhenti" in str(error) and browser.process is None
    finally:
        browser.close()


@needs_chromium
def test_auto_engine_prints_with_weasyprint_when_the_tab_crashes(tmp_path: Path, monkeypatch) -> None:
    import time

    from lkjip_analysis.run.export import write_pdf

    chromium.close_browsers()
    crashing = CrashingTab()
    monkeypatch.setattr(chromium, "_BROWSER", crashing)
    try:
        start = time.monotonic()
        engine = write_pdf("<h1>Laporan cadangan Dinas Sosial</h1>", tmp_path / "r.pdf", engine="auto")
        assert engine == "weasyprint"
        assert time.monotonic() - start < 30  # Chromium gave up at once (WeasyPrint itself takes 1-4 s)
        assert "Laporan cadangan Dinas Sosial" in PdfReader(tmp_path / "r.pdf").pages[0].extract_text()
        assert crashing.starts == 1 and not crashing.alive
    finally:
        crashing.close()
        chromium.close_browsers()


@needs_chromium
def test_one_tab_prints_every_report_and_each_pdf_is_its_own_page(tmp_path: Path) -> None:
    calls: list[str] = []

    class Counting(Chromium):
        def _call(self, method, params=None, session=None):
            calls.append(method)
            return super()._call(method, params, session)

    browser = Counting()
    try:
        browser.warm()  # started and its tab opened before the first report
        assert calls.count("Target.createTarget") == 1
        for k, name in enumerate(["Banjarbaru", "Kalimantan Timur", "Hulu Sungai Selatan"]):
            folder = tmp_path / str(k)
            folder.mkdir()
            page = html_file(folder, PAGE.replace("Dinas Sosial", f"Dinas Sosial {name}"))
            text = " ".join(" ".join(p.extract_text().split())
                            for p in PdfReader(browser.print_to_pdf(page, folder / "r.pdf")).pages)
            assert f"Dinas Sosial {name}" in text  # this report's page, not the one printed before
        assert calls.count("Target.createTarget") == 1 and calls.count("Target.closeTarget") == 0
        assert browser.starts == 1 and browser.prints == 3
    finally:
        browser.close()


def test_an_event_of_an_earlier_tab_is_not_taken_for_this_one() -> None:
    """While a new tab is being attached (no session yet), the earlier tab's targetDestroyed carries no session."""
    browser = Chromium(binary="/nonexistent/chromium")
    browser._target, browser._session = "TAB-2", None
    browser._check_tab({"method": "Target.targetDestroyed", "params": {"targetId": "TAB-1"}})  # not ours: no error
    with pytest.raises(chromium.ChromiumCrashedError):
        browser._check_tab({"method": "Target.targetDestroyed", "params": {"targetId": "TAB-2"}})
