"""Achievement (capaian kinerja) and its category scales."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import i18n
from ..exceptions import UnknownMethodError
from ._vector import as_array, broadcast, common_index, is_non_numeric_text, map_distinct, wrap

#: Formulas for lower-is-better indicators (see ``capaian``).
LOWER_METHODS = ("standard", "ratio")
POLARITY_VALUES = ("higher", "lower")

#: Why capaian cannot be computed: the Indonesian texts of the i18n keys ``reason.*`` (their English
#: texts come from the same keys: ``report.VALUES_EN``).
REASON_TARGET_TEXT = i18n.t("reason.target_text")
REASON_TARGET_MISSING = i18n.t("reason.target_missing")
REASON_TARGET_ZERO = i18n.t("reason.target_zero")
REASON_NOT_REPORTED = i18n.t("reason.not_reported")
REASON_REALISASI_ZERO = i18n.t("reason.realisasi_zero")
REASON_OUT_OF_RANGE = i18n.t("reason.out_of_range")


def _polarity_array(polarity: object, n: int) -> np.ndarray:
    if isinstance(polarity, (pd.Series, list, tuple, np.ndarray)):
        arr = map_distinct(polarity, str, None, object, lambda p: not isinstance(p, str))
        missing = np.flatnonzero(arr == None)  # noqa: E711 - str() of each missing value, one by one
        if len(missing):
            items = polarity.iloc[missing] if isinstance(polarity, pd.Series) else [polarity[i] for i in missing]
            arr[missing] = [str(p) for p in items]
    else:
        arr = np.array([str(polarity)] * n, dtype=object)
    bad = sorted(set(pd.unique(arr)) - set(POLARITY_VALUES))
    if bad:
        raise UnknownMethodError("polarity", bad[0], POLARITY_VALUES)
    return arr


def _compute(target: object, realisasi: object, polarity: object, method: str) -> tuple[np.ndarray, np.ndarray, pd.Index | None]:
    if method not in LOWER_METHODS:
        raise UnknownMethodError("method", method, LOWER_METHODS)
    t, ti = as_array(target)
    r, ri = as_array(realisasi)
    index = common_index(ti, ri, polarity.index if isinstance(polarity, pd.Series) else None)
    n = max(len(t), len(r))
    t, r = broadcast(t, n), broadcast(r, n)
    text = broadcast(is_non_numeric_text(target), n)
    pol = _polarity_array(polarity, n)
    lower = pol == "lower"
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        higher_val = r / t * 100.0
        if method == "standard":
            lower_val = (2.0 * t - r) / t * 100.0
        else:
            lower_val = t / r * 100.0
    values = np.where(lower, lower_val, higher_val)
    reasons = np.full(n, None, dtype=object)
    reasons[np.isnan(r)] = REASON_NOT_REPORTED
    reasons[(t == 0)] = REASON_TARGET_ZERO
    reasons[np.isnan(t)] = REASON_TARGET_MISSING
    reasons[text] = REASON_TARGET_TEXT
    if method == "ratio":
        reasons[lower & (r == 0) & (reasons == None)] = REASON_REALISASI_ZERO  # noqa: E711
    reasons[~np.isfinite(values) & (reasons == None)] = REASON_OUT_OF_RANGE  # noqa: E711
    values = np.where(reasons == None, values, np.nan).astype("float64")  # noqa: E711
    return values, reasons, index


def capaian(target, realisasi, polarity="higher", method: str = "standard", cap: float | None = None,
            floor: float | None = None):
    """Achievement rate (capaian kinerja), in percent.

    Formulas
    --------
    - higher is better: ``realisasi / target × 100``
    - lower is better, ``method="standard"`` (default): ``(2 × target − realisasi) / target × 100``,
      the form of the PermenPAN-RB performance-management text for "kondisi khusus" indicators;
      published LKjIP/Renstra tables use it (stunting: target 23, realisasi 20,10 -> 112,61%).
    - lower is better, ``method="ratio"``: ``target / realisasi × 100`` (same example: 114,43%).

    The Banjarbaru report prints ``(realisasi − (realisasi − rencana)) / rencana × 100``,
    which is always 100%: a misprint, deliberately not offered.

    A missing/zero/non-numeric target or an unreported realisasi gives NaN, never
    infinity, 0% or 100%; :func:`capaian_reason` says why.

    Parameters
    ----------
    target, realisasi : scalar, str or pandas.Series
        Texts are read with :func:`~lkjip_analysis.parse_number`.
    polarity : {"higher", "lower"} or Series of them
    method : {"standard", "ratio"}
        Formula for lower-is-better indicators.
    cap, floor : float, optional
        Clip the result (for aggregation only; reports show uncapped values).

    Returns
    -------
    float or pandas.Series

    Examples
    --------
    >>> round(capaian(59, 61), 2)
    103.39
    >>> capaian(8, 4, polarity="lower")
    150.0
    >>> capaian(8, 4, polarity="lower", method="ratio")
    200.0
    >>> capaian(0, 5)
    nan
    """
    values, _, index = _compute(target, realisasi, polarity, method)
    if cap is not None or floor is not None:
        values = np.clip(values, floor if floor is not None else -np.inf, cap if cap is not None else np.inf)
    return wrap(values, index, "capaian")


def capaian_reason(target, realisasi, polarity="higher", method: str = "standard"):
    """Why capaian cannot be computed (None where it can).

    Examples
    --------
    >>> capaian_reason("1 Dokumen (365 bh rumah)", 187)
    'target tidak numerik'
    >>> capaian_reason(100, None)
    'realisasi tidak dilaporkan'
    >>> capaian_reason(100, 90) is None
    True
    """
    _, reasons, index = _compute(target, realisasi, polarity, method)
    if index is None:
        return reasons[0]
    return pd.Series(reasons, index=index, name="capaian_reason", dtype="object")


# --------------------------------------------------------------------------- kategori


@dataclass(frozen=True)
class Scale:
    """A category scale: bin edges, labels (low to high) and which side is closed."""

    name: str
    edges: tuple[float, ...]
    labels: tuple[str, ...]
    labels_en: tuple[str, ...]
    right: bool
    source: str
    source_en: str = ""

    def source_in(self, lang: str = "id") -> str:
        """Where the scale comes from, in ``lang`` (``id`` or ``en``; i18n key ``scale.<name>.source``)."""
        return i18n.t(f"scale.{self.name}.source", lang)

    def labels_in(self, lang: str = "id") -> tuple[str, ...]:
        """The category labels, low to high, in ``lang`` (i18n kind ``kategori.<name>``)."""
        return tuple(i18n.labels(f"kategori.{self.name}", lang).values())


def _scale(name: str, edges: tuple[float, ...], right: bool) -> Scale:
    """A scale whose labels and source are the i18n texts ``kategori.<name>`` and ``scale.<name>.source``."""
    labels = {lang: tuple(i18n.labels(f"kategori.{name}", lang).values()) for lang in i18n.LANGS}
    return Scale(name, edges, labels["id"], labels["en"], right=right, source=i18n.t(f"scale.{name}.source", "id"),
                 source_en=i18n.t(f"scale.{name}.source", "en"))


SCALES: dict[str, Scale] = {
    "banjarbaru": _scale("banjarbaru", (-np.inf, 55, 70, 85, np.inf), right=False),
    "permendagri86": _scale("permendagri86", (-np.inf, 50, 65, 75, 90, np.inf), right=True),
}


def get_scale(scale: str) -> Scale:
    """Look a scale up by name."""
    if scale not in SCALES:
        raise UnknownMethodError("scale", scale, tuple(SCALES))
    return SCALES[scale]


def kategori(capaian_value, scale: str = "banjarbaru", lang: str = "id"):
    """Category of a capaian on a named scale.

    Scales: ``banjarbaru`` (85/70/55, used in the Banjarbaru report) and
    ``permendagri86`` (five bands of Permendagri 86/2017). NaN stays missing.

    Returns
    -------
    str, None or pandas.Series (ordered categorical, low to high)

    Examples
    --------
    >>> kategori(103.39)
    'Sangat berhasil'
    >>> kategori(70)
    'Berhasil'
    >>> kategori(90, scale="permendagri86")
    'Tinggi'
    >>> kategori(float("nan")) is None
    True
    """
    sc = get_scale(scale)
    labels = list(sc.labels_in(lang))
    values, index = as_array(capaian_value)
    cats = pd.cut(pd.Series(values), bins=list(sc.edges), labels=labels, right=sc.right, ordered=True)
    if index is None:
        v = cats.iloc[0]
        return None if pd.isna(v) else str(v)
    return pd.Series(pd.Categorical(cats, categories=labels, ordered=True), index=index, name="kategori")
