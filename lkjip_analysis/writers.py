"""Write datasets as a CSV folder with ``datapackage.json``; merge datasets without overwriting."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
from pathlib import Path

import numpy as np
import pandas as pd

from .exceptions import DatasetError, Problem
from .loaders import Dataset
from .schema import TABLES, to_datapackage


def _format_number(value: float) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def frame_to_csv_text(name: str, frame: pd.DataFrame) -> str:
    """Render one table in the canonical CSV form (machine numbers, true/false, empty = missing)."""
    table = TABLES[name]
    out = pd.DataFrame(index=frame.index)
    for col in table.columns:
        values = frame[col.name] if col.name in frame.columns else pd.Series(pd.NA, index=frame.index)
        if col.type == "number":
            out[col.name] = [_format_number(v) for v in values.astype("float64")]
        elif col.type == "integer":
            out[col.name] = values.astype("Int64").astype("string").fillna("")
        elif col.type == "boolean":
            out[col.name] = values.astype("boolean").map({True: "true", False: "false"}).astype("object").fillna("")
        else:
            out[col.name] = values.astype("string").fillna("")
    return out.to_csv(index=False, lineterminator="\n")


def save_dataset(ds: Dataset, folder: str | Path, name: str = "lkjip-dataset", include_empty: bool = False) -> Path:
    """Write ``ds`` to ``folder`` as CSV files plus ``datapackage.json``, atomically.

    The folder is built next to its final place and swapped in with renames, so an
    interrupted write never leaves a half-written dataset where a good one stood.
    """
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.staging-", dir=folder.parent))
    try:
        written = []
        for tname, frame in ds.tables.items():
            if frame.empty and not include_empty and not TABLES[tname].required:
                continue
            (staging / f"{tname}.csv").write_text(frame_to_csv_text(tname, frame), encoding="utf-8")
            written.append(tname)
        package = to_datapackage(name)
        package["resources"] = [r for r in package["resources"] if r["name"] in written]
        (staging / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n",
                                                  encoding="utf-8")
        if folder.exists():
            for extra in folder.iterdir():  # keep files that are not tables (README, NOTES.md, ...)
                if not (staging / extra.name).exists() and extra.suffix != ".csv" and extra.is_file():
                    shutil.copy2(extra, staging / extra.name)
            aside = folder.with_name(f".{folder.name}.old-{uuid.uuid4().hex[:8]}")
            os.replace(folder, aside)
            os.replace(staging, folder)
            shutil.rmtree(aside, ignore_errors=True)
        else:
            os.replace(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return folder


def merge_datasets(*datasets: Dataset) -> Dataset:
    """Combine datasets (e.g. agencies entered by different people) into one.

    Raises
    ------
    DatasetError
        When two datasets hold the same key (e.g. the same agency, or the same
        indicator-year-period): nothing is overwritten silently.
    """
    problems: list[Problem] = []
    tables = {}
    for name, table in TABLES.items():
        parts = []
        for i, ds in enumerate(datasets):
            frame = ds.tables[name].copy()
            frame["__origin__"] = ds.path if ds.path else f"dataset {i + 1}"
            parts.append(frame)
        merged = pd.concat(parts, ignore_index=True)
        keys = merged[list(table.primary_key)].astype("object").where(merged[list(table.primary_key)].notna(), "")
        dup = keys.duplicated(keep=False)
        if dup.any():
            for key, group in merged[dup.to_numpy()].groupby(list(table.primary_key), dropna=False, sort=False):
                origins = " dan ".join(dict.fromkeys(group["__origin__"]))
                desc = ", ".join(f"{c}={v}" for c, v in zip(table.primary_key, key if isinstance(key, tuple) else (key,)))
                problems.append(Problem(f"{name} (gabungan)", None, ",".join(table.primary_key), desc,
                                        f"kunci unik; ada di {origins} — hapus salah satu sebelum digabung"))
        tables[name] = merged.drop(columns="__origin__")
    if problems:
        raise DatasetError(problems, "gabungan dataset")
    return Dataset(tables, " + ".join(ds.path for ds in datasets))
