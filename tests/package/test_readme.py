"""The README's examples are the package's real output."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _updater():
    spec = importlib.util.spec_from_file_location("update_readme", ROOT / "docs" / "update_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_audit_example_matches_a_run():
    upd = _updater()
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert upd.block(text, upd.START, upd.END) == upd.audit_markdown().strip(), \
        "run: .venv/bin/python docs/update_readme.py"


def test_readme_benchmark_figures_are_those_of_the_latest_run():
    upd = _updater()
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert upd.block(text, upd.BENCH_START, upd.BENCH_END) == upd.bench_markdown().strip(), \
        "run: make bench, then .venv/bin/python docs/update_readme.py"
    latest = upd.BENCH_RESULTS.read_text(encoding="utf-8")
    for figure in ("a/b =", "(b) outside notebook cells", "100k", "HTML size", "machine:"):
        assert figure in latest, figure  # every benchmark of the issue left its figures


def test_readme_names_the_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make report" in text and "make test" in text
