"""Write datasets as a folder of CSV (or Parquet) files with ``datapackage.json``; merge datasets without overwriting.

CSV is the exchange format. Parquet (one ``<table>.parquet`` per table, same columns and types) is a
columnar variant for large datasets: :func:`lkjip_analysis.load_dataset` reads either folder.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
from pathlib import Path

import numpy as np
import pandas as pd

from ..exceptions import DatasetError, Problem
from ..i18n import message
from ..model.schema import TABLES, to_datapackage
from .loaders import NOTES_KEY, Dataset

#: On-disk formats of a dataset folder.
DATA_FORMATS = ("csv", "parquet")


#: Numbers written in positional notation (``0.00001``, ``10000000000000000``); beyond, the shortest
#: ``repr`` with an exponent (``1e-20``), which the loaders read as well.
_POSITIONAL = (1e-15, 1e21)


def _format_number(value: float) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = str(np.float64(value))  # the shortest repr, as the vectorised form prints it
    if "e" in text and _POSITIONAL[0] <= abs(value) < _POSITIONAL[1]:
        return np.format_float_positional(float(value), trim="-")
    return text


def format_numbers(values: pd.Series | np.ndarray) -> np.ndarray:
    """Vectorised :func:`_format_number`: integers without decimals, others in positional notation
    with the fewest digits that read back to the same float; NaN empty.

    Every output reads back to the same value with :func:`lkjip_analysis.load_dataset` (``-0.0``
    is written ``0``); infinite values must be refused before (see :func:`save_dataset`).

    Examples
    --------
    >>> format_numbers(np.array([59.0, 103.39, np.nan, 1e-05, -0.0, 1e16, 1.5e-20])).tolist()
    ['59', '103.39', '', '0.00001', '0', '10000000000000000', '1.5e-20']
    """
    v = np.asarray(values, dtype="float64")
    out = np.full(v.shape, "", dtype=object)
    finite = np.isfinite(v)
    integral = finite & (np.floor(v) == v) & (np.abs(v) < 1e15)
    if integral.any():
        out[integral] = v[integral].astype(np.int64).astype(str).astype(object)
    rest = ~integral & ~np.isnan(v)
    if rest.any():  # numpy prints the shortest repr, as Python's repr does (inf -> 'inf')
        values = v[rest]
        text = values.astype(str).astype(object)
        with np.errstate(invalid="ignore"):  # numpy (as repr) uses an exponent below 1e-4 and from 1e16 on
            exponent = np.flatnonzero((np.abs(values) < 1e-4) | (np.abs(values) >= 1e16))
        for i in exponent:  # rare: each such number once
            if _POSITIONAL[0] <= abs(values[i]) < _POSITIONAL[1]:
                text[i] = np.format_float_positional(float(values[i]), trim="-")
        out[rest] = text
    return out


def _refuse_infinite(name: str, frame: pd.DataFrame) -> None:
    """Infinite numbers cannot be written: the loaders refuse them (they are not measurements)."""
    problems = []
    for col in TABLES[name].columns:
        if col.type != "number" or col.name not in frame.columns:
            continue
        v = pd.to_numeric(frame[col.name], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
        for i in np.flatnonzero(np.isinf(v)):
            problems.append(Problem(message("problem.file_written", name=name), int(i) + 2, col.name, float(v[i]),
                                    message("problem.write_infinite")))
    if problems:
        raise DatasetError(problems, message("problem.path_table", name=name))


def typed_frame(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with exactly the schema's columns (in order) and dtypes; absent columns are empty."""
    dtypes = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}
    out = {}
    for col in TABLES[name].columns:
        values = frame[col.name] if col.name in frame.columns else pd.Series(pd.NA, index=frame.index, dtype="object")
        out[col.name] = values.astype(dtypes[col.type]) if str(values.dtype) != dtypes[col.type] else values
    return pd.DataFrame(out, index=frame.index)


def frame_to_csv_text(name: str, frame: pd.DataFrame) -> str:
    """Render one table in the canonical CSV form (machine numbers, true/false, empty = missing)."""
    table = TABLES[name]
    out = pd.DataFrame(index=frame.index)
    for col in table.columns:
        values = frame[col.name] if col.name in frame.columns else pd.Series(pd.NA, index=frame.index)
        if col.type == "number":
            out[col.name] = format_numbers(values.astype("float64").to_numpy(dtype="float64", na_value=np.nan))
        elif col.type == "integer":
            out[col.name] = values.astype("Int64").astype("string").fillna("")
        elif col.type == "boolean":
            out[col.name] = values.astype("boolean").map({True: "true", False: "false"}).astype("object").fillna("")
        else:
            out[col.name] = values.astype("string").fillna("")
    return out.to_csv(index=False, lineterminator="\n")


def write_parquet_table(name: str, frame: pd.DataFrame, path: str | Path) -> Path:
    """Write one table as Parquet with the schema's columns and types (deterministic bytes)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(typed_frame(name, frame).reset_index(drop=True), preserve_index=False)
    pq.write_table(table, str(path), compression="snappy")
    return Path(path)


def save_dataset(ds: Dataset, folder: str | Path, name: str = "lkjip-dataset", include_empty: bool = False,
                 fmt: str = "csv", extra_files: dict[str, str] | None = None, title: str | None = None,
                 normalised: pd.DataFrame | None = None) -> Path:
    """Write ``ds`` to ``folder`` as CSV (or Parquet) files plus ``datapackage.json``, atomically.

    The folder is built next to its final place and swapped in with renames, so an
    interrupted write never leaves a half-written dataset where a good one stood.

    Parameters
    ----------
    fmt : {"csv", "parquet"}
        CSV is the exchange format; Parquet (``<table>.parquet``, same columns and types) loads faster.
    extra_files : dict, optional
        Other text files to write into the folder (name -> content), e.g. a ``README.md``.
    title : str, optional
        Title in ``datapackage.json``.
    normalised : DataFrame, optional
        What an import normalised (``Dataset.normalised``), recorded in ``datapackage.json`` under
        ``lkjip_normalised``; :func:`~lkjip_analysis.load_dataset` shows it again as ``normalised``.

    Raises
    ------
    DatasetError
        A number column holds an infinite value (the loaders would refuse the file).
    """
    if fmt not in DATA_FORMATS:
        from ..exceptions import UnknownMethodError

        raise UnknownMethodError("format", fmt, DATA_FORMATS)
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.staging-", dir=folder.parent))
    try:
        written = []
        for tname, frame in ds.tables.items():
            if frame.empty and not include_empty and not TABLES[tname].required:
                continue
            _refuse_infinite(tname, frame)
            if fmt == "parquet":
                write_parquet_table(tname, frame, staging / f"{tname}.parquet")
            else:
                (staging / f"{tname}.csv").write_text(frame_to_csv_text(tname, frame), encoding="utf-8")
            written.append(tname)
        package = to_datapackage(name, title)
        package["resources"] = [r for r in package["resources"] if r["name"] in written]
        if normalised is not None and len(normalised):
            package[NOTES_KEY] = json.loads(normalised.to_json(orient="records", force_ascii=False))
        if fmt == "parquet":
            for res in package["resources"]:
                res["path"] = f"{res['name']}.parquet"
                res["format"] = "parquet"
                res["mediatype"] = "application/vnd.apache.parquet"
                res.pop("encoding", None)
        (staging / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n",
                                                  encoding="utf-8")
        for fname, text in (extra_files or {}).items():
            (staging / fname).write_text(text, encoding="utf-8")
        if folder.exists():
            for extra in folder.iterdir():  # keep files that are not tables (README, NOTES.md, ...)
                if not (staging / extra.name).exists() and extra.suffix not in (".csv", ".parquet") and extra.is_file():
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
                *head, last = dict.fromkeys(group["__origin__"])
                origins = message("problem.and", head=", ".join(head), last=last) if head else last
                desc = ", ".join(f"{c}={v}" for c, v in zip(table.primary_key, key if isinstance(key, tuple) else (key,)))
                problems.append(Problem(message("problem.file_merged", name=name), None,
                                        ",".join(table.primary_key), desc,
                                        message("problem.merge_duplicate", origins=origins)))
        tables[name] = merged.drop(columns="__origin__")
    if problems:
        raise DatasetError(problems, message("problem.path_merged"))
    return Dataset(tables, " + ".join(ds.path for ds in datasets))
