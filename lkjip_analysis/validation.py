"""Validation of raw tables against the data model, collecting every problem.

Input: tables as frames of text cells (as read from CSV or Excel) with the file
row number of each data row. Output: typed frames plus a list of
:class:`~lkjip_analysis.exceptions.Problem`; nothing is raised here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .exceptions import NumberParseError, Problem
from .numbers import parse_number
from .schema import TABLES, Column, Table

TRUE_VALUES = {"true", "ya", "1", "y", "yes"}
FALSE_VALUES = {"false", "tidak", "0", "n", "no"}
_CANONICAL = {".": r"-?\d+(?:\.\d+)?", ",": r"-?\d+(?:,\d+)?"}
ROW_COLUMN = "__row__"


@dataclass
class RawTable:
    """A table as read from disk: text cells and where they came from.

    ``frame`` holds text cells (empty string = missing) and a ``__row__`` column
    with the file's row number of each data row (1-based, header counted).
    ``decimal`` is the number rule of the file (see :mod:`lkjip_analysis.numbers`).
    """

    name: str
    label: str
    frame: pd.DataFrame
    decimal: str = "."


def _problem(raw: RawTable, row: int | None, column: str | None, value: object, expected: str) -> Problem:
    return Problem(raw.label, None if row is None else int(row), column, value, expected)


def _convert_number(raw: RawTable, col: Column, text: pd.Series, rows: pd.Series,
                    problems: list[Problem]) -> pd.Series:
    out = pd.Series(np.nan, index=text.index, dtype="float64")
    present = text != ""
    if not present.any():
        return out
    fast = present & text.str.fullmatch(_CANONICAL[raw.decimal]).fillna(False).astype(bool)
    if fast.any():
        vals = text[fast]
        if raw.decimal == ",":
            vals = vals.str.replace(",", ".", regex=False)
        out[fast] = pd.to_numeric(vals).astype("float64")
    for idx in text.index[present & ~fast]:
        try:
            out[idx] = parse_number(text[idx], decimal=raw.decimal)
        except NumberParseError as exc:
            problems.append(_problem(raw, rows[idx], col.name, text[idx],
                                     f"angka ({col.type}) yang sah; {exc.reason}"))
    return out


def _check_range(raw: RawTable, col: Column, values: pd.Series, rows: pd.Series, problems: list[Problem]) -> None:
    if col.minimum is not None:
        for idx in values.index[values.notna() & (values < col.minimum)]:
            what = "tidak boleh negatif" if col.minimum == 0 else f"minimal {col.minimum:g}"
            problems.append(_problem(raw, rows[idx], col.name, values[idx], f"nilai {what}"))
    if col.maximum is not None:
        for idx in values.index[values.notna() & (values > col.maximum)]:
            problems.append(_problem(raw, rows[idx], col.name, values[idx],
                                     f"nilai antara {col.minimum:g} dan {col.maximum:g}"))


def _convert_column(raw: RawTable, col: Column, text: pd.Series, rows: pd.Series,
                    problems: list[Problem]) -> pd.Series:
    present = text != ""
    if col.required:
        for idx in text.index[~present]:
            problems.append(_problem(raw, rows[idx], col.name, None, "kolom wajib diisi"))
    if col.type == "string":
        if col.enum:
            bad = present & ~text.isin(col.enum)
            for idx in text.index[bad]:
                problems.append(_problem(raw, rows[idx], col.name, text[idx],
                                         f"salah satu dari: {', '.join(col.enum)}"))
        if col.pattern:
            bad = present & ~text.str.fullmatch(col.pattern).fillna(False).astype(bool)
            for idx in text.index[bad]:
                problems.append(_problem(raw, rows[idx], col.name, text[idx],
                                         "slug: huruf kecil, angka dan tanda hubung (mis. dinsos-kota-banjarbaru)"))
        return text.where(present, pd.NA).astype("string")
    if col.type == "boolean":
        low = text.str.lower()
        bad = present & ~low.isin(TRUE_VALUES | FALSE_VALUES)
        for idx in text.index[bad]:
            problems.append(_problem(raw, rows[idx], col.name, text[idx], "true atau false (ya/tidak)"))
        out = pd.Series(pd.NA, index=text.index, dtype="boolean")
        out[low.isin(TRUE_VALUES)] = True
        out[low.isin(FALSE_VALUES)] = False
        return out
    values = _convert_number(raw, col, text, rows, problems)
    if col.type == "integer":
        frac = values.notna() & (values != np.floor(values))
        for idx in values.index[frac]:
            problems.append(_problem(raw, rows[idx], col.name, text[idx], "bilangan bulat"))
        values = values.where(~frac)
    _check_range(raw, col, values, rows, problems)
    return values.astype("Int64") if col.type == "integer" else values


def empty_frame(table: Table) -> pd.DataFrame:
    """An empty, correctly typed frame for ``table``."""
    dtypes = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}
    return pd.DataFrame({c.name: pd.Series(dtype=dtypes[c.type]) for c in table.columns})


def validate_table(raw: RawTable, problems: list[Problem]) -> pd.DataFrame:
    """Check columns and cells of one raw table; return the typed frame.

    Problems are appended to ``problems``. Rows keep their file row number in
    the ``__row__`` column so later checks (keys) can name them.
    """
    table = TABLES[raw.name]
    frame = raw.frame
    rows = frame[ROW_COLUMN]
    header = [c for c in frame.columns if c != ROW_COLUMN]
    for name in header:
        if name not in table.column_names:
            problems.append(_problem(raw, 1, name, None,
                                     f"kolom tidak dikenal untuk tabel '{table.name}'; kolom yang sah: "
                                     f"{', '.join(table.column_names)}"))
    out = {}
    for col in table.columns:
        if col.name not in frame.columns:
            if col.required:
                problems.append(_problem(raw, 1, col.name, None, f"kolom wajib '{col.name}' tidak ada di header"))
            text = pd.Series("", index=frame.index, dtype="object")
            out[col.name] = _convert_column(raw, Column(col.name, col.type, col.description), text, rows, problems)
            continue
        text = frame[col.name].astype("object").fillna("").astype(str).str.strip()
        out[col.name] = _convert_column(raw, col, text, rows, problems)
    typed = pd.DataFrame(out, index=frame.index)
    typed[ROW_COLUMN] = rows.to_numpy()
    if table.required and typed.empty:
        problems.append(_problem(raw, None, None, None, f"tabel '{table.name}' wajib berisi minimal satu baris"))
    _check_duplicates(raw, table, typed, problems)
    return typed


def _key_frame(frame: pd.DataFrame, cols: tuple[str, ...]) -> pd.DataFrame:
    return frame[list(cols)].astype("object").where(frame[list(cols)].notna(), "")


def _check_duplicates(raw: RawTable, table: Table, typed: pd.DataFrame, problems: list[Problem]) -> None:
    keys = _key_frame(typed, table.primary_key)
    dup = keys.duplicated(keep="first")
    if not dup.any():
        return
    involved = keys.duplicated(keep=False)
    first_row = {}
    for idx, key in zip(keys.index[involved], map(tuple, keys[involved].to_numpy())):
        first_row.setdefault(key, typed.at[idx, ROW_COLUMN])
    for idx in keys.index[dup]:
        key = tuple(keys.loc[idx])
        desc = ", ".join(f"{c}={v}" for c, v in zip(table.primary_key, key))
        problems.append(_problem(raw, typed.at[idx, ROW_COLUMN], ",".join(table.primary_key), desc,
                                 f"kunci unik; duplikat dari baris {first_row[key]}"))


def check_references(tables: dict[str, pd.DataFrame], labels: dict[str, str], problems: list[Problem]) -> None:
    """Check foreign keys (agency_id, indicator_id) between typed tables."""
    for name, frame in tables.items():
        table = TABLES[name]
        for cols, ref in table.foreign_keys:
            if ref not in tables or frame.empty:
                continue
            known = pd.MultiIndex.from_frame(_key_frame(tables[ref], cols))
            mine = _key_frame(frame, cols)
            has_all = (mine != "").all(axis=1).to_numpy()
            unknown = has_all & ~pd.MultiIndex.from_frame(mine).isin(known)
            for idx in mine.index[unknown]:
                key = tuple(mine.loc[idx])
                desc = ", ".join(f"{c}={v}" for c, v in zip(cols, key))
                problems.append(Problem(labels[name], int(frame.at[idx, ROW_COLUMN]), cols[-1], desc,
                                        f"harus ada di tabel '{ref}'"))
