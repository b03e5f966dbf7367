"""Validation of raw tables against the data model, collecting every problem.

Input: tables as frames of text cells (as read from CSV or Excel) with the file
row number of each data row, or typed columns (as read from Parquet). Output: typed
frames plus a list of :class:`~lkjip_analysis.exceptions.Problem`; nothing is raised here.

Every check is vectorised (pandas/pyarrow over whole columns); Python only loops over
the cells that have a problem, and parses each distinct non-canonical number once.
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
#: Indonesian numbers with thousands dots (``1.164.318.000``, ``1.164.318,50``): read without the slow parser.
_GROUPED = {",": r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?"}
ROW_COLUMN = "__row__"


@dataclass
class RawTable:
    """A table as read from disk: text cells and where they came from.

    ``frame`` holds text cells (empty string = missing) and a ``__row__`` column
    with the file's row number of each data row (1-based, header counted).
    ``decimal`` is the number rule of the file (see :mod:`lkjip_analysis.numbers`).
    ``clean`` says the text cells are already stripped strings without missing values
    (the fast CSV reader); columns of a typed source (Parquet) may hold numbers and booleans.
    """

    name: str
    label: str
    frame: pd.DataFrame
    decimal: str = "."
    clean: bool = False


def _problem(raw: RawTable, row: int | None, column: str | None, value: object, expected: str) -> Problem:
    if isinstance(value, np.generic):  # show 1850.0, not np.float64(1850.0)
        value = value.item()
    return Problem(raw.label, None if row is None else int(row), column, value, expected)


def _mask(values) -> np.ndarray:
    """A plain numpy bool array from a boolean Series/array (missing = False)."""
    if isinstance(values, pd.Series):
        values = values.array
    if isinstance(values, np.ndarray):
        return values if values.dtype == bool else values.astype(bool)
    return np.asarray(values.to_numpy(dtype=bool, na_value=False), dtype=bool)


def _text_values(text: pd.Series, idx: np.ndarray) -> list:
    return text.iloc[idx].astype("object").tolist()


def _is_arrow_text(s: pd.Series) -> bool:
    return isinstance(s.dtype, pd.StringDtype) and s.dtype.storage == "pyarrow"


def _fullmatch(text: pd.Series, pattern: str) -> np.ndarray:
    return _mask(text.str.fullmatch(pattern))


def _to_float(text: pd.Series) -> np.ndarray:
    """Float values of canonical number texts (``-12.5``), correctly rounded."""
    if _is_arrow_text(text):
        import pyarrow as pa
        import pyarrow.compute as pc

        return pc.cast(pa.array(text.array), pa.float64()).to_numpy(zero_copy_only=False)
    return pd.to_numeric(text.astype("object")).astype("float64").to_numpy()


def _convert_number(raw: RawTable, col: Column, text: pd.Series, rows: np.ndarray, present: np.ndarray,
                    problems: list[Problem]) -> pd.Series:
    out = np.full(len(text), np.nan, dtype="float64")
    if not present.any():
        return pd.Series(out, index=text.index)
    fast = present & _fullmatch(text, _CANONICAL[raw.decimal])
    if fast.any():
        vals = text[fast]
        if raw.decimal == ",":
            vals = vals.str.replace(",", ".", regex=False)
        out[fast] = _to_float(vals)
    rest = present & ~fast
    if rest.any() and raw.decimal in _GROUPED:  # 1.164.318,50 (strict Indonesian): same value as parse_number
        grouped = rest & _fullmatch(text, _GROUPED[raw.decimal])
        if grouped.any():
            vals = text[grouped].str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
            out[grouped] = _to_float(vals)
            rest &= ~grouped
    if rest.any():
        idx = np.flatnonzero(rest)
        cells = _text_values(text, idx)
        parsed: dict[str, object] = {}
        for cell in dict.fromkeys(cells):  # each distinct text once
            try:
                parsed[cell] = parse_number(cell, decimal=raw.decimal)
            except NumberParseError as exc:
                parsed[cell] = exc
        for i, cell in zip(idx, cells):
            result = parsed[cell]
            if isinstance(result, NumberParseError):
                problems.append(_problem(raw, rows[i], col.name, cell, f"angka ({col.type}) yang sah; {result.reason}"))
            else:
                out[i] = np.nan if result is None else result
    return pd.Series(out, index=text.index)


def _check_range(raw: RawTable, col: Column, values: pd.Series, rows: np.ndarray, problems: list[Problem],
                 shown: pd.Series) -> None:
    """Values below the column's minimum or above its maximum; ``shown``: what the messages quote (the text typed)."""
    v = values.to_numpy(dtype="float64", na_value=np.nan)
    if col.minimum is not None:
        what = "tidak boleh negatif" if col.minimum == 0 else f"minimal {col.minimum:g}"
        for i in np.flatnonzero(v < col.minimum):
            problems.append(_problem(raw, rows[i], col.name, shown.iloc[i], f"nilai {what}"))
    if col.maximum is not None:
        for i in np.flatnonzero(v > col.maximum):
            problems.append(_problem(raw, rows[i], col.name, shown.iloc[i],
                                     f"nilai antara {col.minimum:g} dan {col.maximum:g}"))


def _as_text(series: pd.Series, clean: bool) -> pd.Series:
    """Cells as stripped text, missing = ``""`` (kept in pyarrow storage where possible)."""
    if clean:
        return series
    if isinstance(series.dtype, pd.StringDtype):
        return series.fillna("").str.strip()
    text = series.astype("object").fillna("").astype(str)
    try:
        text = text.astype("string[pyarrow]")
    except (ImportError, TypeError, ValueError):  # pragma: no cover - pyarrow missing
        pass
    return text.str.strip()


def _typed_values(col: Column, series: pd.Series) -> pd.Series | None:
    """Values of a column that is already typed (Parquet), or None when it must be read as text."""
    dtype = series.dtype
    if col.type in ("number", "integer") and pd.api.types.is_numeric_dtype(dtype) \
            and not pd.api.types.is_bool_dtype(dtype):
        return series.astype("float64")
    if col.type == "boolean" and pd.api.types.is_bool_dtype(dtype):
        return series.astype("boolean")
    return None


def _convert_column(raw: RawTable, col: Column, text: pd.Series, rows: np.ndarray,
                    problems: list[Problem], typed: pd.Series | None = None) -> pd.Series:
    present = _mask(typed.notna()) if typed is not None else _mask(text != "")
    if col.required:
        for i in np.flatnonzero(~present):
            problems.append(_problem(raw, rows[i], col.name, None, "kolom wajib diisi"))
    if col.type == "string":
        if col.enum:
            bad = present & ~_mask(text.isin(col.enum))
            for i, value in zip(np.flatnonzero(bad), _text_values(text, np.flatnonzero(bad))):
                problems.append(_problem(raw, rows[i], col.name, value, f"salah satu dari: {', '.join(col.enum)}"))
        if col.pattern:
            bad = present & ~_fullmatch(text, col.pattern)
            for i, value in zip(np.flatnonzero(bad), _text_values(text, np.flatnonzero(bad))):
                problems.append(_problem(raw, rows[i], col.name, value,
                                         "slug: huruf kecil, angka dan tanda hubung (mis. dinsos-kota-banjarbaru)"))
        return text.where(present, pd.NA).astype("string")
    if col.type == "boolean":
        if typed is not None:
            return typed
        low = text.str.lower()
        is_true = _mask(low.isin(TRUE_VALUES))
        is_false = _mask(low.isin(FALSE_VALUES))
        bad = present & ~is_true & ~is_false
        for i, value in zip(np.flatnonzero(bad), _text_values(text, np.flatnonzero(bad))):
            problems.append(_problem(raw, rows[i], col.name, value, "true atau false (ya/tidak)"))
        return pd.Series(pd.arrays.BooleanArray(is_true, ~(is_true | is_false)), index=text.index)
    if typed is not None:
        values = typed
    else:
        values = _convert_number(raw, col, text, rows, present, problems)
    if col.type == "integer":
        v = values.to_numpy(dtype="float64", na_value=np.nan)
        with np.errstate(invalid="ignore"):
            frac = ~np.isnan(v) & (v != np.floor(v))
        if frac.any():
            shown = values if typed is not None else text
            for i in np.flatnonzero(frac):
                problems.append(_problem(raw, rows[i], col.name, shown.iloc[i], "bilangan bulat"))
            values = values.where(~frac)
    _check_range(raw, col, values, rows, problems, shown=values if typed is not None else text)
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
    rows = frame[ROW_COLUMN].to_numpy()
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
        series = frame[col.name]
        typed = _typed_values(col, series)
        text = series if typed is not None else _as_text(series, raw.clean)
        out[col.name] = _convert_column(raw, col, text, rows, problems, typed)
    typed_frame = pd.DataFrame(out, index=frame.index)
    typed_frame[ROW_COLUMN] = rows
    if table.required and typed_frame.empty:
        problems.append(_problem(raw, None, None, None, f"tabel '{table.name}' wajib berisi minimal satu baris"))
    _check_duplicates(raw, table, typed_frame, problems)
    return typed_frame


def _key_values(frame: pd.DataFrame, cols: tuple[str, ...], idx: np.ndarray) -> list[tuple]:
    """Key tuples of some rows as the messages show them (missing = "")."""
    part = frame[list(cols)].iloc[idx].astype("object")
    part = part.where(part.notna(), "")
    return list(map(tuple, part.to_numpy()))


def _check_duplicates(raw: RawTable, table: Table, typed: pd.DataFrame, problems: list[Problem]) -> None:
    keys = typed[list(table.primary_key)]
    if len(keys) < 2:
        return
    dup = keys.duplicated(keep="first").to_numpy()
    if not dup.any():
        return
    involved = np.flatnonzero(keys.duplicated(keep=False).to_numpy())
    rows = typed[ROW_COLUMN].to_numpy()
    first_row: dict[tuple, object] = {}
    for i, key in zip(involved, _key_values(typed, table.primary_key, involved)):
        first_row.setdefault(key, rows[i])
    dup_idx = np.flatnonzero(dup)
    for i, key in zip(dup_idx, _key_values(typed, table.primary_key, dup_idx)):
        desc = ", ".join(f"{c}={v}" for c, v in zip(table.primary_key, key))
        problems.append(_problem(raw, rows[i], ",".join(table.primary_key), desc,
                                 f"kunci unik; duplikat dari baris {first_row[key]}"))


def _key_codes(mine: pd.DataFrame, known: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """One integer per row for the key (all columns) of both frames; equal keys get equal codes.

    Returns the codes of ``mine``, of ``known`` and which rows of ``mine`` have no missing part,
    or None when the combinations do not fit one integer.
    """
    cols = list(mine.columns)
    n_known = len(known)
    codes_m = np.zeros(len(mine), dtype=np.int64)
    codes_k = np.zeros(n_known, dtype=np.int64)
    valid = np.ones(len(mine), dtype=bool)
    span = 1
    for col in cols:
        a, b = known[col], mine[col]
        if a.dtype != b.dtype:
            a, b = a.astype("object"), b.astype("object")
        codes, uniques = pd.factorize(pd.concat([a, b], ignore_index=True))
        n = len(uniques) + 1
        span *= n
        if span >= 2 ** 62:
            return None
        codes_k = codes_k * n + (codes[:n_known] + 1)
        mc = codes[n_known:]
        valid &= mc >= 0
        codes_m = codes_m * n + (mc + 1)
    return codes_m, codes_k, valid


def key_isin(mine: pd.DataFrame, known: pd.DataFrame) -> np.ndarray:
    """Whether each row's key (all columns of ``mine``) occurs among the rows of ``known`` (same columns).

    Missing values match nothing. Vectorised: each column is factorised once over both frames
    and the codes combined into one integer per row.

    Examples
    --------
    >>> a = pd.DataFrame({"x": ["p", "q", None], "y": [1, 2, 1]})
    >>> key_isin(a, pd.DataFrame({"x": ["p", "q"], "y": [1, 1]})).tolist()
    [True, False, False]
    """
    found = _key_codes(mine, known)
    if found is None:  # too many combinations for one integer: compare tuples instead
        cols = list(mine.columns)
        k = pd.MultiIndex.from_frame(known[cols].astype("object"))
        return np.asarray(pd.MultiIndex.from_frame(mine[cols].astype("object")).isin(k)) & \
            mine.notna().all(axis=1).to_numpy()
    codes_m, codes_k, valid = found
    return valid & pd.Series(codes_m).isin(pd.unique(codes_k)).to_numpy()


def key_positions(mine: pd.DataFrame, known: pd.DataFrame) -> np.ndarray:
    """For each row of ``mine``, the position of the row of ``known`` with the same key (-1: none).

    Like a many-to-one left merge: raises :class:`pandas.errors.MergeError` when ``known`` holds a
    key twice.

    Examples
    --------
    >>> a = pd.DataFrame({"x": ["q", "p", "r"]})
    >>> key_positions(a, pd.DataFrame({"x": ["p", "q"]})).tolist()
    [1, 0, -1]
    """
    found = _key_codes(mine, known)
    if found is None:
        cols = list(mine.columns)
        index = pd.MultiIndex.from_frame(known[cols].astype("object"))
        codes_m = None
    else:
        codes_m, codes_k, valid = found
        index = pd.Index(codes_k)
    if not index.is_unique:
        raise pd.errors.MergeError("Merge keys are not unique in right dataset; not a many-to-one merge")
    if codes_m is None:
        return index.get_indexer(pd.MultiIndex.from_frame(mine[list(mine.columns)].astype("object")))
    positions = index.get_indexer(codes_m)
    positions[~valid] = -1
    return positions


def check_references(tables: dict[str, pd.DataFrame], labels: dict[str, str], problems: list[Problem]) -> None:
    """Check foreign keys (agency_id, indicator_id) between typed tables."""
    for name, frame in tables.items():
        table = TABLES[name]
        for cols, ref in table.foreign_keys:
            if ref not in tables or frame.empty:
                continue
            mine = frame[list(cols)]
            has_all = mine.notna().all(axis=1).to_numpy()
            unknown = has_all & ~key_isin(mine, tables[ref][list(cols)])
            if not unknown.any():
                continue
            idx = np.flatnonzero(unknown)
            rows = frame[ROW_COLUMN].to_numpy()
            for i, key in zip(idx, _key_values(frame, cols, idx)):
                desc = ", ".join(f"{c}={v}" for c, v in zip(cols, key))
                problems.append(Problem(labels[name], int(rows[i]), cols[-1], desc, f"harus ada di tabel '{ref}'"))
