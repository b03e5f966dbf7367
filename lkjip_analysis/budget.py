"""Budget absorption (serapan), remainder (sisa) and efficiency (efisiensi)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._vector import as_array, elementwise
from .exceptions import UnknownMethodError


def serapan(pagu, realisasi):
    """Budget absorption: ``realisasi / pagu × 100`` (%).

    A zero or missing pagu gives NaN.

    Examples
    --------
    >>> round(serapan(1164318000, 371344500), 2)
    31.89
    """
    return elementwise(lambda p, r: np.where(p > 0, r / p * 100.0, np.nan), pagu, realisasi, name="serapan")


def sisa(pagu, realisasi):
    """Unspent budget: ``pagu − realisasi`` (Rp).

    Examples
    --------
    >>> sisa(627410000, 0)
    627410000.0
    """
    return elementwise(np.subtract, pagu, realisasi, name="sisa")


@dataclass(frozen=True)
class EfficiencyMethod:
    """One way of judging budget efficiency."""

    name: str
    formula: str
    label_id: str
    label_en: str
    unit: str
    source: str


EFFICIENCY_METHODS: dict[str, EfficiencyMethod] = {
    m.name: m
    for m in (
        EfficiencyMethod("capaian_minus_serapan", "capaian − serapan",
                         "Selisih capaian kinerja dan serapan anggaran",
                         "Performance achievement minus budget absorption", "poin %",
                         "LKjIP Dinas Sosial Prov. Kalimantan Timur 2020, Tabel 12 (95 − 87,48 = 7,52)"),
        EfficiencyMethod("unspent_share", "100 − serapan",
                         "Persentase anggaran yang tidak terserap", "Unspent share of the budget", "%",
                         "Praktik umum (sisa / pagu × 100)"),
        EfficiencyMethod("capped_capaian_minus_serapan", "min(capaian, 100) − serapan",
                         "Selisih capaian (maks. 100) dan serapan anggaran",
                         "Achievement capped at 100 minus absorption", "poin %",
                         "Varian yang membatasi capaian pada 100%"),
        EfficiencyMethod("ratio", "capaian / serapan",
                         "Rasio capaian kinerja terhadap serapan anggaran",
                         "Ratio of achievement to absorption", "rasio",
                         "Praktik umum (rasio output/input); >1 berarti efisien"),
    )
}
DEFAULT_EFFICIENCY_METHOD = "capaian_minus_serapan"

_EFFICIENCY_FORMULAS = {
    "capaian_minus_serapan": lambda c, s: c - s,
    "unspent_share": lambda c, s: 100.0 - s,
    "capped_capaian_minus_serapan": lambda c, s: np.minimum(c, 100.0) - s,
    "ratio": lambda c, s: np.where(s > 0, c / s, np.nan),
}


def efisiensi(capaian_value, serapan_value, method: str = DEFAULT_EFFICIENCY_METHOD):
    """Budget efficiency of an indicator or sasaran.

    Methods
    -------
    - ``capaian_minus_serapan`` (default): ``capaian − serapan`` — Kalimantan Timur 2020, Tabel 12
      (95 − 87,48 = 7,52).
    - ``unspent_share``: ``100 − serapan`` — the unspent share of the budget (ignores capaian).
    - ``capped_capaian_minus_serapan``: ``min(capaian, 100) − serapan``.
    - ``ratio``: ``capaian / serapan`` (a ratio; 1 means achievement matched spending).

    Examples
    --------
    >>> round(efisiensi(95, 87.48), 2)
    7.52
    >>> round(efisiensi(103.39, 31.89, method="unspent_share"), 2)
    68.11
    >>> round(efisiensi(120, 80, method="capped_capaian_minus_serapan"), 2)
    20.0
    """
    if method not in EFFICIENCY_METHODS:
        raise UnknownMethodError("efficiency method", method, tuple(EFFICIENCY_METHODS))
    return elementwise(_EFFICIENCY_FORMULAS[method], capaian_value, serapan_value, name="efisiensi")


def efisiensi_kategori(difference, threshold: float = 5.0, lang: str = "id"):
    """Classify ``capaian − serapan``: > threshold efisien, |d| ≤ threshold cukup efisien, else tidak efisien.

    The 5-point threshold is the one an open-source e-SAKIP system uses.

    Examples
    --------
    >>> efisiensi_kategori(7.52)
    'Efisien'
    >>> efisiensi_kategori(-3)
    'Cukup efisien'
    """
    labels = ("Efficient", "Fairly efficient", "Not efficient") if lang == "en" else (
        "Efisien", "Cukup efisien", "Tidak efisien")
    d, index = as_array(difference)
    out = np.where(np.isnan(d), None, np.where(d > threshold, labels[0],
                                                np.where(np.abs(d) <= threshold, labels[1], labels[2])))
    if index is None:
        return out[0]
    import pandas as pd

    return pd.Series(out, index=index, name="efisiensi_kategori", dtype="object")
