"""AKIP evaluation: total score and predikat (AA … D)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._vector import as_array

#: Component weights (%) under PermenPAN-RB 12/2015 (used in the Kalimantan Timur report).
WEIGHTS_2015 = {"perencanaan": 30, "pengukuran": 25, "pelaporan": 15, "evaluasi_internal": 10, "capaian": 20}
#: Component weights (%) under PermenPAN-RB 88/2021 (evaluations from 2022).
WEIGHTS_2021 = {"perencanaan": 30, "pengukuran": 30, "pelaporan": 15, "evaluasi_internal": 25}

PREDIKAT_EDGES = (-np.inf, 30, 50, 60, 70, 80, 90, np.inf)
PREDIKAT_LABELS = ("D", "C", "CC", "B", "BB", "A", "AA")


def predikat_akip(score):
    """Predikat of an AKIP score: AA >90–100; A >80–90; BB >70–80; B >60–70; CC >50–60; C >30–50; D 0–30.

    Bands are closed on the right (70 is B, 70,01 is BB), as PermenPAN-RB 12/2015 states them.
    The examples are the Kalimantan Timur totals (68,78 in 2018, 70,39 in 2019).

    Parameters
    ----------
    score : float or pandas.Series
        AKIP evaluation score, 0–100.
        Texts are read with :func:`~lkjip_analysis.parse_number`; missing values and text that is
        not a number count as missing.

    Returns
    -------
    str, None or pandas.Series
        For scalar input the predikat, or None where ``score`` is missing. For a Series input, a
        Series of predikat named ``predikat`` on its index, missing where the score is missing.

    Raises
    ------
    ValueError
        If a (non-missing) score lies outside 0–100.

    Examples
    --------
    >>> predikat_akip(68.78)
    'B'
    >>> predikat_akip(70.39)
    'BB'
    >>> predikat_akip(30)
    'D'
    """
    values, index = as_array(score)
    bad = (values < 0) | (values > 100)
    if np.any(bad[~np.isnan(values)]):
        from ..exceptions import InvalidArgumentError

        raise InvalidArgumentError.from_key("error.akip_range", value=values[~np.isnan(values) & bad][0])
    cats = pd.cut(pd.Series(values), bins=list(PREDIKAT_EDGES), labels=list(PREDIKAT_LABELS), right=True)
    if index is None:
        v = cats.iloc[0]
        return None if pd.isna(v) else str(v)
    return pd.Series(cats.astype("object").where(cats.notna(), None).to_numpy(), index=index, name="predikat")


def akip_total(scores: pd.DataFrame) -> pd.DataFrame:
    """Total AKIP score per agency and year: the sum of component scores (``component != "total"``).

    Returns a frame with agency_id, year, total, predikat.

    Component scores are already weighted (each out of its weight, :data:`WEIGHTS_2015` under
    PermenPAN-RB 12/2015 or :data:`WEIGHTS_2021` under PermenPAN-RB 88/2021), so they are summed
    as they are. Printed ``total`` rows are left out, so the result can be checked against them
    (Kalimantan Timur 2018 prints 68,78; its components sum to 68,76). The predikat comes from
    :func:`predikat_akip`.

    Parameters
    ----------
    scores : pandas.DataFrame
        Columns ``agency_id``, ``year``, ``component`` and numeric ``score`` (the ``akip_scores``
        table of a dataset); other columns are ignored.

    Returns
    -------
    pandas.DataFrame
        One row per agency and year, sorted by them, with columns ``agency_id``, ``year``, ``total``
        (NaN when every component score is missing) and ``predikat`` (missing where ``total`` is).
        Rows with a missing agency_id or year are left out.

    Raises
    ------
    ValueError
        If a total lies outside 0–100 (from :func:`predikat_akip`).

    Examples
    --------
    >>> s = pd.DataFrame({"agency_id": ["a"] * 5, "year": [2018] * 5,
    ...                   "component": ["perencanaan", "pengukuran", "pelaporan", "evaluasi_internal", "capaian"],
    ...                   "score": [23.05, 17.81, 10.97, 5.49, 11.44]})
    >>> akip_total(s)[["total", "predikat"]].round(2).values.tolist()
    [[68.76, 'B']]
    """
    parts = scores[scores["component"] != "total"]
    out = parts.groupby(["agency_id", "year"], as_index=False)["score"].sum(min_count=1)
    out = out.rename(columns={"score": "total"})
    out["predikat"] = predikat_akip(out["total"]) if len(out) else pd.Series(dtype="object")
    return out
