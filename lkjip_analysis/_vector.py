"""Helpers that let every formula take scalars or pandas Series alike."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .exceptions import NumberParseError
from .numbers import parse_number


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


def as_array(value: object) -> tuple[np.ndarray, pd.Index | None]:
    """Return ``value`` as a float array and its index (None for a scalar).

    Texts are read with :func:`~lkjip_analysis.numbers.parse_number`; text that
    is not a number (e.g. ``"1 Dokumen"``) becomes NaN.
    """
    if isinstance(value, pd.Series):
        if pd.api.types.is_numeric_dtype(value.dtype) and not pd.api.types.is_bool_dtype(value.dtype):
            return value.astype("float64").to_numpy(na_value=np.nan), value.index
        return np.array([_to_float(v) for v in value], dtype="float64"), value.index
    if isinstance(value, (list, tuple, np.ndarray)):
        return np.array([_to_float(v) for v in value], dtype="float64"), pd.RangeIndex(len(value))
    return np.array([_to_float(value)], dtype="float64"), None


def is_non_numeric_text(value: object) -> np.ndarray:
    """True where an element is a non-empty text that is not a number."""
    def check(v: object) -> bool:
        if not isinstance(v, str) or not v.strip():
            return False
        try:
            return parse_number(v) is None and v.strip() not in ("-", "–")
        except NumberParseError:
            return True

    if isinstance(value, (pd.Series, list, tuple, np.ndarray)):
        return np.array([check(v) for v in value], dtype=bool)
    return np.array([check(value)], dtype=bool)


def common_index(*indexes: pd.Index | None) -> pd.Index | None:
    """The index of the first Series argument, checking all Series agree in length."""
    found = [i for i in indexes if i is not None]
    if not found:
        return None
    first = found[0]
    for other in found[1:]:
        if len(other) != len(first):
            raise ValueError(f"Series lengths differ: {len(first)} and {len(other)}")
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

    Returns a scalar for all-scalar input, else a Series on the first Series' index. Division by
    zero and invalid operations give NaN/inf silently; callers mask what they must.
    """
    arrays, indexes = zip(*(as_array(a) for a in args))
    index = common_index(*indexes)
    n = max(len(a) for a in arrays)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        values = func(*(broadcast(a, n) for a in arrays))
    return wrap(np.asarray(values, dtype="float64"), index, name)
