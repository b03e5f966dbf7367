"""load_dataset keeps datasets in memory only when asked (warm kernels) and never gives a stale one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from lkjip_analysis.config import EMBEDDED_DATA_DIR
from lkjip_analysis.io import loaders


@pytest.fixture()
def keep():
    loaders.keep_loaded_datasets()
    yield
    loaders.keep_loaded_datasets(False)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    dest = tmp_path / "data"
    shutil.copytree(EMBEDDED_DATA_DIR, dest)
    return dest


def banjarbaru_2020(ds) -> float:
    perf = ds.performance
    row = perf[(perf.agency_id == "dinsos-kota-banjarbaru") & (perf.indicator_id == "s1-i1") & (perf.year == 2020)
               & (perf.period == "annual")]
    return float(row.realisasi.iloc[0])


def test_off_by_default(folder: Path) -> None:
    assert loaders._KEPT is None
    first, second = loaders.load_dataset(folder), loaders.load_dataset(folder)
    assert first is not second and loaders._KEPT is None


def test_a_kept_dataset_is_a_copy(keep, folder: Path) -> None:
    first = loaders.load_dataset(folder)
    assert banjarbaru_2020(first) == 75.0  # the Banjarbaru report: realisasi 75 (target 75) in 2020
    first.performance.loc[:, "realisasi"] = -1.0  # a report changing its tables
    second = loaders.load_dataset(folder)
    assert second is not first and banjarbaru_2020(second) == 75.0
    assert second.checksum == first.checksum and len(second.performance) == len(first.performance)


def test_a_changed_added_or_removed_file_is_read_again(keep, folder: Path) -> None:
    assert banjarbaru_2020(loaders.load_dataset(folder)) == 75.0
    csv = folder / "performance.csv"
    text = csv.read_text(encoding="utf-8")
    line = "dinsos-kota-banjarbaru,s1-i1,2020,annual,75,,75,100,"
    assert line in text
    stat = csv.stat()
    csv.write_text(text.replace(line, "dinsos-kota-banjarbaru,s1-i1,2020,annual,75,,70,100,"), encoding="utf-8")
    os.utime(csv, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))  # even 1 ns later is another file
    assert banjarbaru_2020(loaders.load_dataset(folder)) == 70.0
    (folder / "notes.txt").write_text("x", encoding="utf-8")  # a file added: read again (not from memory)
    kept = dict(loaders._KEPT)
    loaders.load_dataset(folder)
    assert len(loaders._KEPT) == 2 and set(kept) != set(loaders._KEPT)


def test_at_most_two_are_kept(keep, folder: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(folder, other)
    loaders.load_dataset(folder)
    loaders.load_dataset(other)
    loaders.load_dataset()  # the embedded dataset: the oldest (folder) goes
    assert [key[0] for key in loaders._KEPT] == [str(other.resolve()), str(EMBEDDED_DATA_DIR.resolve())]
