"""Progress towards end-of-plan targets, year-over-year change and quarterly progression."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._vector import elementwise


def tingkat_kemajuan(realisasi, target_akhir):
    """Progress to the end-of-plan (Renstra/RPJMD) target: ``realisasi / target_akhir × 100``.

    Source: LKjIP Dinas Sosial Prov. Kalimantan Timur 2020, Tabel 11 (1,47 / 7,5 -> 19,60).

    Examples
    --------
    >>> round(tingkat_kemajuan(1.47, 7.5), 2)
    19.6
    """
    return elementwise(lambda r, t: np.where(t != 0, r / t * 100.0, np.nan), realisasi, target_akhir,
                       name="tingkat_kemajuan")


def yoy_change(current, previous, relative: bool = True):
    """Year-over-year change: ``(current − previous) / previous × 100`` (or the plain difference).

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
        raise ValueError(f"aggregation must be cumulative, last or per_quarter, not {aggregation!r}")
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
