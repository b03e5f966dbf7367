"""PMKS (Penyandang Masalah Kesejahteraan Sosial) rates."""

from __future__ import annotations

import numpy as np

from ._vector import elementwise


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
    return elementwise(lambda n, d: np.where(d > 0, n / d * 100.0, np.nan), numerator, denominator, name="pmks_rate")


def pmks_handled_needed(population, target_pct):
    """PMKS to handle to reach a target rate: ``population × target_pct / 100``.

    Examples
    --------
    >>> pmks_handled_needed(251234, 1.5)
    3768.51
    """
    return elementwise(lambda p, t: p * t / 100.0, population, target_pct, name="pmks_needed")
