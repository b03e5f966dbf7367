"""Helpers that let every formula take scalars or pandas Series alike."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..exceptions import NumberParseError
from ..model.numbers import parse_number


def _to_float(value: object) -> float:
    if value is None or value is pd.NA:
        return np.nan
    if isinstance(value, str):
        try:
            parsed = parse_number(value)
        except NumberParseError:
            return np.nan
        return np.nan if parsed is None else parsed
    try:
        return float(value)
    except (TypeError, ValueError):
        return np.nan


def map_distinct(values: object, func, na_result, dtype, one_by_one=None) -> np.ndarray:
    """``func(v)`` for every element of a Series/sequence, calling ``func`` once per distinct value.

    Missing values (None, NaN, NA) give ``na_result``. Distinct values are found by hashing, which
    groups values that compare equal (``0.0`` and ``-0.0``, ``2`` and ``2.0``); elements whose
    distinct value satisfies ``one_by_one`` are computed one by one, so with a suitable predicate the
    result is exactly ``[func(v) for v in values]`` (missing values mapped to ``na_result``).
    """
    seq = values if isinstance(values, pd.Series) else np.asarray(values, dtype=object)
    try:
        codes, uniques = pd.factorize(seq)
    except TypeError:  # unhashable elements
        items = seq.tolist() if isinstance(seq, pd.Series) else list(seq)
        return np.array([na_result if _is_missing(v) else func(v) for v in items], dtype=dtype)
    results = np.array([func(u) for u in uniques] + [na_result], dtype=dtype)
    out = results[codes]
    odd = [i for i, u in enumerate(uniques) if one_by_one(u)] if one_by_one is not None else []
    if odd:
        where = np.flatnonzero(np.isin(codes, odd))
        items = seq.iloc[where] if isinstance(seq, pd.Series) else seq[where]
        out[where] = np.array([func(v) for v in items], dtype=dtype)
    return out


def _signed_zero(v: object) -> bool:
    """0.0 and -0.0 hash alike but give different floats."""
    try:
        return not isinstance(v, str) and v == 0
    except (TypeError, ValueError):
        return True


def _is_missing(v: object) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def as_array(value: object) -> tuple[np.ndarray, pd.Index | None]:
    """Return ``value`` as a float array and its index (None for a scalar).

    Texts are read with :func:`~lkjip_analysis.model.numbers.parse_number`; text that
    is not a number (e.g. ``"1 Dokumen"``) becomes NaN.
    """
    if isinstance(value, pd.Series):
        if pd.api.types.is_numeric_dtype(value.dtype) and not pd.api.types.is_bool_dtype(value.dtype):
            return value.astype("float64").to_numpy(na_value=np.nan), value.index
        return map_distinct(value, _to_float, np.nan, "float64", _signed_zero), value.index
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        return value.astype("float64"), pd.RangeIndex(len(value))
    if isinstance(value, (list, tuple, np.ndarray)):
        return map_distinct(value, _to_float, np.nan, "float64", _signed_zero), pd.RangeIndex(len(value))
    return np.array([_to_float(value)], dtype="float64"), None


def _non_numeric_text(v: object) -> bool:
    if not isinstance(v, str) or not v.strip():
        return False
    try:
        return parse_number(v) is None and v.strip() not in ("-", "–")
    except NumberParseError:
        return True


def is_non_numeric_text(value: object) -> np.ndarray:
    """True where an element is a non-empty text that is not a number."""
    if isinstance(value, pd.Series) and (pd.api.types.is_numeric_dtype(value.dtype)
                                         or pd.api.types.is_bool_dtype(value.dtype)):
        return np.zeros(len(value), dtype=bool)  # no element can be a text
    if isinstance(value, (pd.Series, list, tuple, np.ndarray)):
        return map_distinct(value, _non_numeric_text, False, bool)
    return np.array([_non_numeric_text(value)], dtype=bool)


def common_index(*indexes: pd.Index | None) -> pd.Index | None:
    """The index of the first Series argument, checking all Series agree in length."""
    found = [i for i in indexes if i is not None]
    if not found:
        return None
    first = found[0]
    for other in found[1:]:
        if len(other) != len(first):
            from ..exceptions import InvalidArgumentError

            raise InvalidArgumentError.from_key("error.lengths_differ", first=len(first), other=len(other))
    return first


def wrap(values: np.ndarray, index: pd.Index | None, name: str) -> float | pd.Series:
    """Return a scalar for scalar input, else a Series on ``index``."""
    if index is None:
        return float(values[0])
    return pd.Series(values, index=index, name=name, dtype="float64")


def broadcast(arr: np.ndarray, n: int) -> np.ndarray:
    """Broadcast a length-1 array to ``n`` elements."""
    return np.broadcast_to(arr, (n,)) if arr.shape[0] == 1 and n != 1 else arr


def elementwise(func, *args, name: str):
    """Apply ``func`` to the float arrays of ``args`` (scalars or Series), broadcast to one length.

    The convention of every public formula of the package: text is read with
    :func:`~lkjip_analysis.parse_number` (missing values and text that is not a number give NaN);
    scalars are broadcast; Series are combined by position, not aligned on their index (Series of
    different lengths raise ``ValueError``). Returns a float for all-scalar input, else a Series
    named ``name`` on the first Series' index. Division by zero and invalid operations give
    NaN/inf silently; callers mask what they must.
    """
    arrays, indexes = zip(*(as_array(a) for a in args))
    index = common_index(*indexes)
    n = max(len(a) for a in arrays)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        values = func(*(broadcast(a, n) for a in arrays))
    return wrap(np.asarray(values, dtype="float64"), index, name)
