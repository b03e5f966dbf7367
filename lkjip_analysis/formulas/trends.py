"""Progress towards end-of-plan targets, year-over-year change and quarterly progression."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._vector import elementwise


def tingkat_kemajuan(realisasi, target_akhir):
    """Progress to the end-of-plan (Renstra/RPJMD) target: ``realisasi / target_akhir × 100``.

    Source: LKjIP Dinas Sosial Prov. Kalimantan Timur 2020, Tabel 11 (1,47 / 7,5 -> 19,60).

    A zero or missing target_akhir gives NaN, and so does a missing realisasi.

    Parameters
    ----------
    realisasi : float or pandas.Series
        Realisation so far, in the indicator's unit.
        Text is read as an Indonesian number (see :func:`~lkjip_analysis.formulas._vector.elementwise`).
    target_akhir : float or pandas.Series
        End-of-plan target, in the same unit; read like ``realisasi``.

    Returns
    -------
    float or pandas.Series
        Progress in percent (0–100 scale, may exceed 100).
        A float for scalar inputs, else a Series named ``tingkat_kemajuan``
        (see :func:`~lkjip_analysis.formulas._vector.elementwise`).

    Raises
    ------
    ValueError
        If Series inputs differ in length.

    Examples
    --------
    >>> round(tingkat_kemajuan(1.47, 7.5), 2)
    19.6
    """
    return elementwise(lambda r, t: np.where(t != 0, r / t * 100.0, np.nan), realisasi, target_akhir,
                       name="tingkat_kemajuan")


def yoy_change(current, previous, relative: bool = True):
    """Year-over-year change: ``(current − previous) / previous × 100`` (or the plain difference).

    With ``relative=False``: ``current − previous``, in the inputs' unit (percentage points for
    percentages). In the relative form a zero previous gives NaN, and ``previous`` is used with its
    sign (a negative previous flips the sign of the change). A missing input gives NaN.

    Parameters
    ----------
    current : float or pandas.Series
        This year's value.
        Text is read as an Indonesian number (see :func:`~lkjip_analysis.formulas._vector.elementwise`).
    previous : float or pandas.Series
        Last year's value, in the same unit; read like ``current``.
    relative : bool, default True
        True for the change in percent of ``previous``; False for the plain difference.

    Returns
    -------
    float or pandas.Series
        The change: percent (``relative=True``) or the inputs' unit (``relative=False``).
        A float for scalar inputs, else a Series named ``yoy_change``
        (see :func:`~lkjip_analysis.formulas._vector.elementwise`).

    Raises
    ------
    ValueError
        If Series inputs differ in length.

    Examples
    --------
    >>> round(yoy_change(1.47, 1.8), 2)
    -18.33
    >>> round(yoy_change(75, 66.7, relative=False), 1)
    8.3
    """
    if not relative:
        return elementwise(np.subtract, current, previous, name="yoy_change")
    return elementwise(lambda c, p: np.where(p != 0, (c - p) / p * 100.0, np.nan), current, previous,
                       name="yoy_change")


def pace_needed(achieved, target_akhir, years_left):
    """Yearly gain needed to reach the end target: ``(target_akhir − achieved) / years_left``.

    ``achieved`` is what counts towards the end target so far (for a target that
    accumulates yearly, the sum of yearly realisations). Zero years left gives NaN.
    Negative or missing years left give NaN too, as does a missing achieved or target_akhir;
    a target already passed gives a negative pace.

    Parameters
    ----------
    achieved : float or pandas.Series
        What counts towards the end target so far, in the indicator's unit.
        Text is read as an Indonesian number (see :func:`~lkjip_analysis.formulas._vector.elementwise`).
    target_akhir : float or pandas.Series
        End-of-plan (Renstra/RPJMD) target, in the same unit; read like ``achieved``.
    years_left : float or pandas.Series
        Years remaining until the end of the plan; read like ``achieved``.

    Returns
    -------
    float or pandas.Series
        Gain needed per year, in the indicator's unit.
        A float for scalar inputs, else a Series named ``pace_needed``
        (see :func:`~lkjip_analysis.formulas._vector.elementwise`).

    Raises
    ------
    ValueError
        If Series inputs differ in length.

    Examples
    --------
    >>> round(pace_needed(1.47, 7.5, 2), 3)
    3.015
    """
    return elementwise(lambda a, t, y: np.where(y > 0, (t - a) / y, np.nan), achieved, target_akhir, years_left,
                       name="pace_needed")


QUARTERS = ("TW1", "TW2", "TW3", "TW4")


def quarterly_progress(quarters: pd.DataFrame, aggregation: str) -> pd.DataFrame:
    """Running figures over TW1..TW4 for one indicator.

    Parameters
    ----------
    quarters : DataFrame
        Rows with ``period`` in TW1..TW4 and numeric ``target`` and ``realisasi``.
    aggregation : {"cumulative", "last", "per_quarter"}
        ``cumulative``: running sums of target and realisasi (flows, e.g. people served);
        ``last`` and ``per_quarter``: each quarter's own figures (a stock or rate).

    Returns
    -------
    DataFrame with period, target_to_date, realisasi_to_date.

    Examples
    --------
    >>> q = pd.DataFrame({"period": ["TW1", "TW2", "TW3", "TW4"], "target": [0, 0, 20, 20],
    ...                   "realisasi": [0, 0, 0, 37]})
    >>> quarterly_progress(q, "cumulative")["realisasi_to_date"].tolist()
    [0.0, 0.0, 0.0, 37.0]
    """
    if aggregation not in ("cumulative", "last", "per_quarter"):
        from ..exceptions import UnknownMethodError

        raise UnknownMethodError("aggregation", aggregation, ("cumulative", "last", "per_quarter"))
    q = quarters[quarters["period"].isin(QUARTERS)].copy()
    q["_order"] = q["period"].map({p: i for i, p in enumerate(QUARTERS)})
    q = q.sort_values("_order")
    target = q["target"].astype("float64")
    real = q["realisasi"].astype("float64")
    if aggregation == "cumulative":
        target = target.fillna(0).cumsum().where(target.notna().cummax())
        real = real.cumsum()
    return pd.DataFrame({"period": q["period"].to_numpy(), "target_to_date": target.to_numpy(),
                         "realisasi_to_date": real.to_numpy()})


def annual_from_quarters(quarters: pd.DataFrame, aggregation: str) -> tuple[float, float]:
    """Year figures (target, realisasi) implied by TW1..TW4 rows.

    ``cumulative``: sums; ``last``: the last quarter with a realisasi; ``per_quarter``: NaN
    (quarters are not combined).
    """
    prog = quarterly_progress(quarters, aggregation)
    if prog.empty or aggregation == "per_quarter":
        return float("nan"), float("nan")
    if aggregation == "cumulative":
        return float(prog["target_to_date"].iloc[-1]), float(prog["realisasi_to_date"].iloc[-1])
    reported = prog[prog["realisasi_to_date"].notna()]
    if reported.empty:
        return float(prog["target_to_date"].iloc[-1]), float("nan")
    last = reported.iloc[-1]
    return float(last["target_to_date"]), float(last["realisasi_to_date"])
