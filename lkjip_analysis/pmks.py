"""PMKS (Penyandang Masalah Kesejahteraan Sosial) rates."""

from __future__ import annotations

import numpy as np

from ._vector import as_array, broadcast, common_index, wrap


def pmks_rate(numerator, denominator):
    """PMKS rate: ``numerator / denominator × 100`` (%).

    Used for the reduction IKU of Kalimantan Timur (PMKS handled / PMKS population,
    population 251.234 jiwa) and for PMKS mandiri of Hulu Sungai Selatan
    (PMKS mandiri / PMKS terdata: 10.249 / 16.982). A zero or missing denominator gives NaN.

    Examples
    --------
    >>> round(pmks_rate(10249, 16982), 2)
    60.35
    >>> round(pmks_rate(705, 11638), 2)
    6.06
    """
    n_, ni = as_array(numerator)
    d, di = as_array(denominator)
    index = common_index(ni, di)
    n = max(len(n_), len(d))
    n_, d = broadcast(n_, n), broadcast(d, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.where(d > 0, n_ / d * 100.0, np.nan)
    return wrap(values, index, "pmks_rate")


def pmks_handled_needed(population, target_pct):
    """PMKS to handle to reach a target rate: ``population × target_pct / 100``.

    Examples
    --------
    >>> pmks_handled_needed(251234, 1.5)
    3768.51
    """
    p, pi = as_array(population)
    t, ti = as_array(target_pct)
    index = common_index(pi, ti)
    n = max(len(p), len(t))
    return wrap(broadcast(p, n) * broadcast(t, n) / 100.0, index, "pmks_needed")
