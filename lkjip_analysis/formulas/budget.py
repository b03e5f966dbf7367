"""Budget absorption (serapan), remainder (sisa) and efficiency (efisiensi)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import i18n
from ..exceptions import UnknownMethodError
from ._vector import as_array, elementwise


def serapan(pagu, realisasi):
    """Budget absorption: ``realisasi / pagu × 100`` (%).

    Source: the serapan (absorption) percentage of LKjIP budget tables, e.g. LKjIP Dinas Sosial Kota
    Banjarbaru 2020: realisasi Rp 371.344.500 of pagu Rp 1.164.318.000 = 31,89%.

    A zero or missing pagu gives NaN. A negative pagu also gives NaN, and a missing
    realisasi gives NaN; spending more than the pagu gives more than 100 (not capped).

    Parameters
    ----------
    pagu : float or pandas.Series
        Budget allocation (pagu), in rupiah.
        Text is read as an Indonesian number (see :func:`~lkjip_analysis.formulas._vector.elementwise`).
    realisasi : float or pandas.Series
        Budget spent (realisasi anggaran), in rupiah; read like ``pagu``.

    Returns
    -------
    float or pandas.Series
        Absorption in percent (0–100 scale).
        A float for scalar inputs, else a Series named ``serapan``
        (see :func:`~lkjip_analysis.formulas._vector.elementwise`).

    Raises
    ------
    ValueError
        If Series inputs differ in length.

    Examples
    --------
    >>> round(serapan(1164318000, 371344500), 2)
    31.89
    """
    return elementwise(lambda p, r: np.where(p > 0, r / p * 100.0, np.nan), pagu, realisasi, name="serapan")


def sisa(pagu, realisasi):
    """Unspent budget: ``pagu − realisasi`` (Rp).

    Source: the sisa (remainder) column of LKjIP budget tables; the example is a kegiatan of
    LKjIP Dinas Sosial Kota Banjarbaru 2020 with pagu Rp 627.410.000 and nothing spent.

    Overspending gives a negative sisa (not clipped); a missing pagu or realisasi gives NaN.

    Parameters
    ----------
    pagu : float or pandas.Series
        Budget allocation (pagu), in rupiah.
        Text is read as an Indonesian number (see :func:`~lkjip_analysis.formulas._vector.elementwise`).
    realisasi : float or pandas.Series
        Budget spent (realisasi anggaran), in rupiah; read like ``pagu``.

    Returns
    -------
    float or pandas.Series
        Unspent budget, in rupiah.
        A float for scalar inputs, else a Series named ``sisa``
        (see :func:`~lkjip_analysis.formulas._vector.elementwise`).

    Raises
    ------
    ValueError
        If Series inputs differ in length.

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
    source_en: str = ""

    def source_in(self, lang: str = "id") -> str:
        """Where the method comes from, in ``lang`` (``id`` or ``en``; i18n key ``efficiency.<name>.source``)."""
        return i18n.t(f"efficiency.{self.name}.source", lang)

    def label_in(self, lang: str = "id") -> str:
        """The method's name, in ``lang`` (i18n key ``efficiency.<name>.label``)."""
        return i18n.t(f"efficiency.{self.name}.label", lang)


def _method(name: str, formula: str, unit: str) -> EfficiencyMethod:
    """An efficiency method whose labels and source are the i18n texts ``efficiency.<name>.*``."""
    label, source = f"efficiency.{name}.label", f"efficiency.{name}.source"
    return EfficiencyMethod(name, formula, i18n.t(label, "id"), i18n.t(label, "en"), unit, i18n.t(source, "id"),
                            i18n.t(source, "en"))


EFFICIENCY_METHODS: dict[str, EfficiencyMethod] = {
    m.name: m
    for m in (
        _method("capaian_minus_serapan", "capaian − serapan", "poin %"),
        _method("unspent_share", "100 − serapan", "%"),
        _method("capped_capaian_minus_serapan", "min(capaian, 100) − serapan", "poin %"),
        _method("ratio", "capaian / serapan", "rasio"),
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
    """Budget efficiency of an indicator or sasaran: by default ``capaian − serapan`` (percentage points).

    Formulas
    --------
    - ``capaian_minus_serapan`` (default): ``capaian − serapan`` — Kalimantan Timur 2020, Tabel 12
      (95 − 87,48 = 7,52).
    - ``unspent_share``: ``100 − serapan`` — the unspent share of the budget (ignores capaian).
      The efficiency figures printed in LKjIP Banjarbaru 2020 follow it (100 − 31,89 = 68,11).
    - ``capped_capaian_minus_serapan``: ``min(capaian, 100) − serapan``.
    - ``ratio``: ``capaian / serapan`` (a ratio; 1 means achievement matched spending).

    :data:`EFFICIENCY_METHODS` holds each method's formula, unit and source. A missing input gives
    NaN (with ``unspent_share`` only a missing serapan does); with ``ratio`` a zero or negative
    serapan gives NaN too.

    Parameters
    ----------
    capaian_value : float or pandas.Series
        Performance achievement (capaian kinerja), in percent (0–100 scale, may exceed 100), e.g. from
        :func:`~lkjip_analysis.capaian`.
        Text is read as an Indonesian number (see :func:`~lkjip_analysis.formulas._vector.elementwise`).
    serapan_value : float or pandas.Series
        Budget absorption, in percent (0–100 scale), e.g. from :func:`serapan`; read like ``capaian_value``.
    method : {"capaian_minus_serapan", "unspent_share", "capped_capaian_minus_serapan", "ratio"}
        Formula to apply (default ``"capaian_minus_serapan"``).

    Returns
    -------
    float or pandas.Series
        Efficiency: percentage points for the two differences, percent (0–100 scale) for
        ``unspent_share``, a plain ratio for ``ratio``.
        A float for scalar inputs, else a Series named ``efisiensi``
        (see :func:`~lkjip_analysis.formulas._vector.elementwise`).

    Raises
    ------
    UnknownMethodError
        If ``method`` is not one of the four names above.
    ValueError
        If Series inputs differ in length.

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

    Parameters
    ----------
    difference : float or pandas.Series
        ``capaian − serapan`` in percentage points, e.g. from :func:`efisiensi` with the default method.
        Texts are read with :func:`~lkjip_analysis.parse_number`; missing values and text that is
        not a number count as missing.
    threshold : float, default 5.0
        Half-width of the "cukup efisien" band, in percentage points.
    lang : {"id", "en"}
        Label language: ``"en"`` gives English labels (Efficient, Fairly efficient, Not efficient);
        any other value gives the Indonesian ones.

    Returns
    -------
    str, None or pandas.Series
        For scalar input the label, or None where ``difference`` is missing. For a Series input, a
        Series of labels (object dtype, None where missing) named ``efisiensi_kategori`` on its index.

    Examples
    --------
    >>> efisiensi_kategori(7.52)
    'Efisien'
    >>> efisiensi_kategori(-3)
    'Cukup efisien'
    """
    labels = tuple(i18n.labels("efisiensi", lang).values())
    d, index = as_array(difference)
    out = np.where(np.isnan(d), None, np.where(d > threshold, labels[0],
                                                np.where(np.abs(d) <= threshold, labels[1], labels[2])))
    if index is None:
        return out[0]
    import pandas as pd

    return pd.Series(out, index=index, name="efisiensi_kategori", dtype="object")
