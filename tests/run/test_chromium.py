"""The headless Chromium kept per worker: printing, reuse, recovery, discovery. Skipped without a Chromium."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from pypdf import PdfReader

from lkjip_analysis import chromium
from lkjip_analysis.chromium import Chromium, ChromiumError, find_chromium

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
