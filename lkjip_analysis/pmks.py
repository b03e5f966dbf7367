"""PMKS (Penyandang Masalah Kesejahteraan Sosial) rates."""

from __future__ import annotations

import numpy as np

from ._vector import elementwise


def pmks_rate(numerator, denominator):
    """PMKS rate: ``numerator / denominator × 100`` (%).

    Used for the reduction IKU of Kalimantan Timur (PMKS handled / PMKS population,
    population 251.234 jiwa) and for PMKS mandiri of Hulu Sungai Selatan
    (PMKS mandiri / PMKS terdata: 10.249 / 16.982). A zero or missing denominator gives NaN.
    A negative denominator also gives NaN, and a missing numerator gives NaN.

    Parameters
    ----------
    numerator : float or pandas.Series
        PMKS counted (handled, mandiri, ...), in jiwa.
        Text is read as an Indonesian number (see :func:`~lkjip_analysis._vector.elementwise`).
    denominator : float or pandas.Series
        PMKS population or PMKS terdata, in jiwa; read like ``numerator``.

    Returns
    -------
    float or pandas.Series
        Rate in percent (0–100 scale).
        A float for scalar inputs, else a Series named ``pmks_rate``
        (see :func:`~lkjip_analysis._vector.elementwise`).

    Raises
    ------
    ValueError
        If Series inputs differ in length.

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

    The inverse of :func:`pmks_rate`. The example is the Kalimantan Timur PMKS IKU target of 1,5% a year
    (LKjIP Dinas Sosial Prov. Kalimantan Timur 2020) on its PMKS population of 251.234 jiwa.
    The result is not rounded; a missing input gives NaN.

    Parameters
    ----------
    population : float or pandas.Series
        PMKS population, in jiwa.
        Text is read as an Indonesian number (see :func:`~lkjip_analysis._vector.elementwise`).
    target_pct : float or pandas.Series
        Target rate, in percent (0–100 scale); read like ``population``.

    Returns
    -------
    float or pandas.Series
        Number of PMKS (jiwa) to handle.
        A float for scalar inputs, else a Series named ``pmks_needed``
        (see :func:`~lkjip_analysis._vector.elementwise`).

    Raises
    ------
    ValueError
        If Series inputs differ in length.

    Examples
    --------
    >>> pmks_handled_needed(251234, 1.5)
    3768.51
    """
    return elementwise(lambda p, t: p * t / 100.0, population, target_pct, name="pmks_needed")
