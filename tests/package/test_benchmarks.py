"""The benchmark scripts still find what they read (they are run by `make bench`, not by the tests).

A module moved (the layout of issue 16) once made four of the six benchmarks fail at their first
line; these checks import each script and touch the paths it depends on, without running it.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).parents[2] / "benchmarks"


@pytest.fixture(autouse=True)
def bench_on_path(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))


@pytest.mark.parametrize("name", sorted(p.stem for p in BENCH.glob("bench_*.py")) + ["run_all"])
def test_every_benchmark_imports(name: str) -> None:
    module = importlib.import_module(name)
    assert callable(getattr(module, "main", None))


def test_the_data_benchmark_keys_its_cache_on_files_that_exist() -> None:
    key = importlib.import_module("bench_data").generator_key()
    assert len(key) == 10


def test_the_pdf_benchmark_finds_its_hand_checked_cells() -> None:
    importlib.reload(importlib.import_module("bench_extract_pdf"))  # its sys.path entry, for this test
    module = importlib.import_module("test_extract_pdf")  # from tests/io, as the benchmark imports it
    assert Path(module.__file__).parent.name == "io"
    assert sys.modules["test_extract_pdf"] is module


def test_the_report_benchmark_finds_the_notebook_and_the_dataset() -> None:
    module = importlib.import_module("bench_reports")
    assert module.NOTEBOOK.is_file() and (module.EMBEDDED / "performance.csv").is_file()
    assert importlib.import_module("bench_comparison").NOTEBOOK.is_file()
