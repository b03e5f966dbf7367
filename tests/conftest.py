"""Shared fixtures: the hand-made mini dataset and a helper to break copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/mini (a valid two-agency dataset)."""
    dest = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", dest)
    return dest


def edit_csv(path: Path, old: str, new: str) -> None:
    """Replace one exact text in a CSV file (fails loudly if absent)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
