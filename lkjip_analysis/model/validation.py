"""Validation of raw tables against the data model, collecting every problem.

Input: tables as frames of text cells (as read from CSV or Excel) with the file
row number of each data row, or typed columns (as read from Parquet). Output: typed
frames plus a list of :class:`~lkjip_analysis.exceptions.Problem`; nothing is raised here.

Every check is vectorised (pandas/pyarrow over whole columns); Python only loops over
the cells that have a problem, and parses each distinct non-canonical number once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..exceptions import NumberParseError, Problem
from ..i18n import Message, message
from .normalize import DECIMAL_POINT_NOTE, Notes, allowed_message, canonical_values, quarter_aggregation_for, rename_headers
from .numbers import parse_number
from .schema import TABLES, Column, Table

_CANONICAL = {".": r"-?\d+(?:\.\d+)?", ",": r"-?\d+(?:,\d+)?"}
#: Machine numbers with an exponent (``1e-05``, ``1E+16``, as other tools write them), in a ``.`` file.
_SCIENTIFIC = {".": r"-?\d+(?:\.\d+)?[eE][-+]?\d+"}
#: Indonesian numbers with thousands dots (``1.164.318.000``, ``1.164.318,50``): read without the slow parser.
_GROUPED = {",": r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?"}
ROW_COLUMN = "__row__"
_INFINITE = message("problem.infinite")


@dataclass
class RawTable:
    """A table as read from disk: text cells and where they came from.

    ``frame`` holds text cells (empty string = missing) and a ``__row__`` column
    with the file's row number of each data row (1-based, header counted).
    ``decimal`` is the number rule of the file (see :mod:`lkjip_analysis.model.numbers`).
    ``clean`` says the text cells are already stripped strings without missing values
    (the fast CSV reader); columns of a typed source (Parquet) may hold numbers and booleans.
    ``source_name`` (the file name) and ``sheet`` are what empty ``source``/``source_line``/
    ``budget_table`` cells default to.
    """

    name: str
    label: str
    frame: pd.DataFrame
    decimal: str = "."
    clean: bool = False
    source_name: str | None = None
    sheet: str | None = None


def _problem(raw: RawTable, row: int | None, column: str | None, value: object, expected: Message) -> Problem:
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


#: A number with one dot not followed by exactly three digits (``20.1``, ``Rp 1.25``, ``99.975%``): in a
#: workbook text cell that dot can only be a decimal point.
_DECIMAL_POINT = re.compile(r"(?i)(rp\.?\s*)?[+-]?\d+\.(\d{1,2}|\d{4,})\s*%?")


def _convert_number(raw: RawTable, col: Column, text: pd.Series, rows: np.ndarray, present: np.ndarray,
                    problems: list[Problem], notes: Notes | None = None) -> pd.Series:
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
    if rest.any() and raw.decimal in _SCIENTIFIC:  # only the cells the fast pattern left
        idx = np.flatnonzero(rest)
        sci = _fullmatch(text.iloc[idx], _SCIENTIFIC[raw.decimal])
        if sci.any():
            out[idx[sci]] = _to_float(text.iloc[idx[sci]])
            rest[idx[sci]] = False
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
        point: list[str] = []  # workbook text cells read with a decimal point
        for cell in dict.fromkeys(cells):  # each distinct text once
            try:
                parsed[cell] = parse_number(cell, decimal=raw.decimal)
            except NumberParseError as exc:
                parsed[cell] = exc
                if raw.sheet and raw.decimal == "," and _DECIMAL_POINT.fullmatch(cell.strip()):
                    # a text cell of a workbook typed the English way ('20.1', 'Rp 1.5'): not a thousands
                    # group (that needs three digits after the dot), so it can only be a decimal point
                    parsed[cell] = parse_number(cell, decimal=".")
                    point.append(cell)
        read = 0
        for i, cell in zip(idx, cells):
            result = parsed[cell]
            if isinstance(result, NumberParseError):
                why = _INFINITE if cell.strip().lstrip("+-").casefold() in ("inf", "infinity") else \
                    message("problem.number", type=col.type, reason=result.reason)
                problems.append(_problem(raw, rows[i], col.name, cell, why))
            else:
                out[i] = np.nan if result is None else result
                read += result is not None
        if notes is not None and point:
            notes.change(raw.name, raw.label, col.name, "angka", point[0], parsed[point[0]],
                         sum(cell in point for cell in cells),
                         DECIMAL_POINT_NOTE)
        read_comma = read - sum(cell in point for cell in cells)
        if notes is not None and read_comma:
            example = next(c for c in cells if parsed[c] is not None and not isinstance(parsed[c], NumberParseError)
                           and c not in point)
            notes.change(raw.name, raw.label, col.name, "angka", example, parsed[example], read_comma,
                         message("note.numbers_as_text"))
    return pd.Series(out, index=text.index)


def _check_finite(raw: RawTable, col: Column, values: pd.Series, rows: np.ndarray, problems: list[Problem],
                  shown: pd.Series) -> pd.Series:
    """Infinite values (a cell holding inf, or a number too large for a float) are refused and left empty."""
    v = values.to_numpy(dtype="float64", na_value=np.nan)
    bad = np.isinf(v)
    if not bad.any():
        return values
    for i in np.flatnonzero(bad):
        problems.append(_problem(raw, rows[i], col.name, shown.iloc[i], _INFINITE))
    return values.where(~bad)


def _check_range(raw: RawTable, col: Column, values: pd.Series, rows: np.ndarray, problems: list[Problem],
                 shown: pd.Series) -> None:
    """Values below the column's minimum or above its maximum; ``shown``: what the messages quote (the text typed)."""
    v = values.to_numpy(dtype="float64", na_value=np.nan)
    if col.minimum is not None:
        what = message("problem.not_negative") if col.minimum == 0 else \
            message("problem.minimum", minimum=f"{col.minimum:g}")
        for i in np.flatnonzero(v < col.minimum):
            problems.append(_problem(raw, rows[i], col.name, shown.iloc[i], what))
    if col.maximum is not None:
        for i in np.flatnonzero(v > col.maximum):
            problems.append(_problem(raw, rows[i], col.name, shown.iloc[i],
                                     message("problem.between", minimum=f"{col.minimum:g}",
                                             maximum=f"{col.maximum:g}")))


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
                    problems: list[Problem], typed: pd.Series | None = None, notes: Notes | None = None,
                    present: np.ndarray | None = None) -> pd.Series:
    if present is None:
        present = _mask(typed.notna()) if typed is not None else _mask(text != "")
    if col.required:
        for i in np.flatnonzero(~present):
            problems.append(_problem(raw, rows[i], col.name, None, message("problem.required_cell")))
    if col.type == "string":
        if col.enum:
            text = _canonical(raw, col, text, rows, present, problems, notes)
        if col.pattern:
            bad = present & ~_fullmatch(text, col.pattern)
            for i, value in zip(np.flatnonzero(bad), _text_values(text, np.flatnonzero(bad))):
                problems.append(_problem(raw, rows[i], col.name, value, message("problem.slug")))
        return text.where(present, pd.NA).astype("string")
    if col.type == "boolean":
        if typed is not None:
            return typed
        text = _canonical(raw, col, text, rows, present, problems, notes)
        is_true = _mask(text == "true")
        is_false = _mask(text == "false")
        return pd.Series(pd.arrays.BooleanArray(is_true, ~(is_true | is_false)), index=text.index)
    if typed is not None:
        values = typed
    else:
        values = _convert_number(raw, col, text, rows, present, problems, notes)
    shown = values if typed is not None else text
    values = _check_finite(raw, col, values, rows, problems, shown)
    if col.type == "integer":
        v = values.to_numpy(dtype="float64", na_value=np.nan)
        with np.errstate(invalid="ignore"):
            frac = ~np.isnan(v) & (v != np.floor(v))
        if frac.any():
            for i in np.flatnonzero(frac):
                problems.append(_problem(raw, rows[i], col.name, shown.iloc[i], message("problem.integer")))
            values = values.where(~frac)
    _check_range(raw, col, values, rows, problems, shown=shown)
    return values.astype("Int64") if col.type == "integer" else values


def _canonical(raw: RawTable, col: Column, text: pd.Series, rows: np.ndarray, present: np.ndarray,
               problems: list[Problem], notes: Notes | None) -> pd.Series:
    """Synonyms replaced by the canonical values (recorded in ``notes``); the rest refused."""
    name = "boolean" if col.type == "boolean" else col.name
    text, bad, changes = canonical_values(text, present, name)
    if notes is not None:
        for original, canonical, count in changes:
            notes.change(raw.name, raw.label, col.name, "nilai", original, canonical, count)
    if bad.any():
        expected = allowed_message(col)
        for i, value in zip(np.flatnonzero(bad), _text_values(text, np.flatnonzero(bad))):
            problems.append(_problem(raw, rows[i], col.name, value, expected))
    return text


#: Required columns a person cannot be expected to know, filled when empty (see :func:`_fill_defaults`).
DEFAULTED = {
    "indicators": ("quarter_aggregation", "tier", "iku"),
    "budget": ("budget_table", "line_no"),
    "*": ("source", "source_line"),
}


#: Columns the defaults are computed from (besides the defaulted columns themselves).
_DEFAULT_INPUTS = {"indicators": ("unit",), "budget": ("agency_id", "year")}


def _defaulted(table: str, column: str) -> bool:
    return column in DEFAULTED.get(table, ()) or column in DEFAULTED["*"]


def _fill(text: pd.Series, empty: np.ndarray, values) -> pd.Series:
    out = text.astype("object").to_numpy(copy=True)
    out[empty] = values if np.isscalar(values) else np.asarray(values, dtype=object)[empty]
    return pd.Series(out, index=text.index, dtype="object")


def _fill_defaults(raw: RawTable, texts: dict[str, pd.Series], present: dict[str, np.ndarray],
                   rows: np.ndarray, notes: Notes | None) -> None:
    """Fill empty cells of :data:`DEFAULTED` columns in place (``texts``/``present``) and note each default.

    quarter_aggregation from the unit (percentages and other levels ``last``, counts ``cumulative``),
    tier ``sasaran``, iku ``false``, budget_table the sheet (or file) name, line_no the row's place
    among the rows of its budget table, source the file name and, on those rows, source_line the
    sheet and row.
    """
    name = raw.name
    file_name = raw.source_name or raw.label

    def default_change(column: str, canonical: object, count: int, note: Message | str = "") -> None:
        if notes is not None and count:
            notes.change(name, raw.label, column, "bawaan", "", canonical, count, note)

    def empty_of(column: str) -> np.ndarray | None:
        if column not in texts or pd.api.types.is_bool_dtype(texts[column].dtype) \
                or pd.api.types.is_numeric_dtype(texts[column].dtype):
            return None  # missing, or typed values (Parquet): written complete by the package
        empty = ~present[column]
        return empty if empty.any() else None

    if name == "indicators":
        empty = empty_of("quarter_aggregation")
        if empty is not None:
            chosen = quarter_aggregation_for(texts["unit"])
            texts["quarter_aggregation"] = _fill(texts["quarter_aggregation"], empty, chosen.to_numpy())
            present["quarter_aggregation"] = present["quarter_aggregation"] | empty
            pairs = pd.DataFrame({"u": texts["unit"][empty].astype("object"), "q": chosen[empty]})
            for (unit, value), count in pairs.value_counts(sort=False).items():
                key = "note.quarter_last" if value == "last" else "note.quarter_cumulative"
                default_change("quarter_aggregation", value, count, message(key, unit=repr(unit)))
        for column, value in (("tier", "sasaran"), ("iku", "false")):
            empty = empty_of(column)
            if empty is not None:
                texts[column] = _fill(texts[column], empty, value)
                present[column] = present[column] | empty
                default_change(column, value, int(empty.sum()))
    if name == "budget":
        empty = empty_of("budget_table")
        if empty is not None:
            value = raw.sheet or name
            texts["budget_table"] = _fill(texts["budget_table"], empty, value)
            present["budget_table"] = present["budget_table"] | empty
            default_change("budget_table", value, int(empty.sum()),
                           message("note.sheet_name" if raw.sheet else "note.file_name"))
        empty = empty_of("line_no")
        if empty is not None:
            keys = pd.DataFrame({c: texts[c].astype("object") for c in ("agency_id", "year", "budget_table")
                                 if c in texts})
            order = keys.groupby(list(keys.columns), sort=False).cumcount().to_numpy() + 1 if len(keys.columns) \
                else np.arange(1, len(rows) + 1)
            texts["line_no"] = _fill(texts["line_no"], empty, order.astype(str))
            present["line_no"] = present["line_no"] | empty
            default_change("line_no", message("note.row_order"), int(empty.sum()))
    empty = empty_of("source")
    if empty is not None:
        texts["source"] = _fill(texts["source"], empty, file_name)
        present["source"] = present["source"] | empty
        default_change("source", file_name, int(empty.sum()), message("note.file_name"))
        if "source_line" in texts:
            line_empty = empty & ~present["source_line"]
            if line_empty.any():
                where = f"sheet {raw.sheet}, baris " if raw.sheet else "baris "
                lines = np.char.add(where, rows.astype(str)).astype(object)
                texts["source_line"] = _fill(texts["source_line"], line_empty, lines)
                present["source_line"] = present["source_line"] | line_empty
                shown = rows[line_empty]
                default_change("source_line",
                               f"{where}{shown.min()}…{shown.max()}" if len(shown) > 1 else f"{where}{shown[0]}",
                               int(line_empty.sum()), message("note.file_place"))


def empty_frame(table: Table) -> pd.DataFrame:
    """An empty, correctly typed frame for ``table``."""
    dtypes = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}
    return pd.DataFrame({c.name: pd.Series(dtype=dtypes[c.type]) for c in table.columns})


def validate_table(raw: RawTable, problems: list[Problem], notes: Notes | None = None) -> pd.DataFrame:
    """Check columns and cells of one raw table; return the typed frame.

    Problems are appended to ``problems``; what was normalised (headers, synonyms, defaults,
    numbers typed as text) and warnings (unknown or missing optional columns) to ``notes``.
    Rows keep their file row number in the ``__row__`` column so later checks (keys) can name them.
    """
    table = TABLES[raw.name]
    frame = raw.frame
    rows = frame[ROW_COLUMN].to_numpy()
    header = [c for c in frame.columns if c != ROW_COLUMN]
    renames, unknown = rename_headers(table.name, header)
    warn = notes.warn if notes is not None else (lambda p: None)
    for name in unknown:
        if name.startswith("(kolom ") and name.endswith(" tanpa nama)") and not _mask(
                _as_text(frame[name], raw.clean) != "").any():
            continue  # a column without header nor data (Excel's used range): nothing to say
        warn(_problem(raw, 1, name, None, message("problem.unknown_column", table=table.name,
                                                  columns=", ".join(table.column_names))))
    if renames:
        frame = frame.rename(columns=renames)
        if notes is not None:
            for original, column in renames.items():
                notes.change(table.name, raw.label, column, "kolom", original, column, len(frame))
    texts: dict[str, pd.Series] = {}
    typed_cols: dict[str, pd.Series] = {}
    present: dict[str, np.ndarray] = {}

    def read(col: Column) -> None:  # the text (or typed values) of one column and which cells hold a value
        if col.name not in frame.columns:
            texts[col.name] = pd.Series("", index=frame.index, dtype="object")
            present[col.name] = np.zeros(len(frame), dtype=bool)
            return
        series = frame[col.name]
        typed = _typed_values(col, series)
        if typed is not None:
            typed_cols[col.name] = typed
            texts[col.name] = series
            present[col.name] = _mask(typed.notna())
        else:
            texts[col.name] = _as_text(series, raw.clean)
            present[col.name] = _mask(texts[col.name] != "")

    for col in table.columns:
        if col.name not in frame.columns:
            if col.required and not _defaulted(table.name, col.name):
                problems.append(_problem(raw, 1, col.name, None, message("problem.missing_column", column=col.name)))
            elif not col.required and col.name != "source_line":
                warn(_problem(raw, 1, col.name, None, message("problem.missing_optional", column=col.name)))
    for col in table.columns:  # the columns defaults need are read first; the others one at a time below
        if _defaulted(table.name, col.name) or col.name in _DEFAULT_INPUTS.get(table.name, ()):
            read(col)
    _fill_defaults(raw, texts, present, rows, notes)
    out = {}
    for col in table.columns:
        if col.name not in present:
            read(col)
        if col.name not in frame.columns and not present[col.name].any():
            out[col.name] = _convert_column(raw, Column(col.name, col.type, col.description), texts[col.name], rows,
                                            problems, present=present[col.name])
        else:
            out[col.name] = _convert_column(raw, col, texts[col.name], rows, problems, typed_cols.get(col.name),
                                            notes, present[col.name])
        texts[col.name] = None  # text cells dropped once typed
    typed_frame = pd.DataFrame(out, index=frame.index)
    typed_frame[ROW_COLUMN] = rows
    if table.required and typed_frame.empty:
        problems.append(_problem(raw, None, None, None, message("problem.empty_table", table=table.name)))
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
                                 message("problem.duplicate_key", row=int(first_row[key]))))


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
                problems.append(Problem(labels[name], int(rows[i]), cols[-1], desc,
                                        message("problem.reference", table=ref)))
