"""Derived tables built from a Dataset: the frames that reports and the CLI show.

Each function is pure (never mutates the dataset) and returns a new DataFrame.
"""

from __future__ import annotations

import pandas as pd

from .capaian import capaian, capaian_reason, get_scale, kategori
from .loaders import Dataset

PERIOD_ORDER = {"annual": 0, "TW1": 1, "TW2": 2, "TW3": 3, "TW4": 4}

CAPAIAN_COLUMNS = [
    "agency_id", "indicator_id", "indicator", "tier", "iku", "year", "period", "unit", "polarity",
    "target", "target_text", "realisasi", "capaian", "reported_capaian", "kategori", "capaian_note",
    "source", "source_line",
]


def _filter(frame: pd.DataFrame, agency: str | None, year: int | None) -> pd.DataFrame:
    mask = pd.Series(True, index=frame.index)
    if agency is not None:
        mask &= frame["agency_id"] == agency
    if year is not None:
        mask &= frame["year"] == year
    return frame[mask.to_numpy()]


def capaian_table(ds: Dataset, agency: str | None = None, year: int | None = None, period: str | None = None,
                  scale: str = "banjarbaru", method: str = "standard", lang: str = "id") -> pd.DataFrame:
    """One row per indicator and period with computed capaian next to the reported one.

    Parameters
    ----------
    ds : Dataset
    agency, year, period : optional filters
    scale : str
        Category scale for ``kategori`` (see :data:`lkjip_analysis.capaian.SCALES`).
    method : {"standard", "ratio"}
        Formula for lower-is-better indicators.

    Returns
    -------
    DataFrame with columns :data:`CAPAIAN_COLUMNS`, ordered by agency, indicator order, year, period.
    """
    get_scale(scale)
    perf = _filter(ds.performance, agency, year)
    if period is not None:
        perf = perf[perf["period"] == period]
    ind = ds.indicators[["agency_id", "indicator_id", "name", "unit", "polarity", "tier", "iku"]].copy()
    ind["_order"] = ind.groupby("agency_id").cumcount()
    merged = perf.merge(ind, on=["agency_id", "indicator_id"], how="left", validate="many_to_one")
    target = merged["target_text"].where(merged["target"].isna() & merged["target_text"].notna(), merged["target"])
    merged["capaian"] = capaian(target.astype("object"), merged["realisasi"], merged["polarity"], method=method)
    merged["capaian_note"] = capaian_reason(target.astype("object"), merged["realisasi"], merged["polarity"],
                                            method=method)
    merged["kategori"] = kategori(merged["capaian"], scale=scale, lang=lang)
    merged["_p"] = merged["period"].map(PERIOD_ORDER)
    merged = merged.sort_values(["agency_id", "_order", "year", "_p"], kind="stable")
    merged = merged.rename(columns={"name": "indicator"})
    return merged[CAPAIAN_COLUMNS].reset_index(drop=True)


def kategori_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Number of indicators per kategori (including those without capaian) from a capaian table."""
    counts = table["kategori"].value_counts(sort=False).rename_axis("kategori").reset_index(name="jumlah")
    missing = int(table["kategori"].isna().sum())
    if missing:
        counts = pd.concat([counts, pd.DataFrame({"kategori": ["Tidak dapat dihitung"], "jumlah": [missing]})],
                           ignore_index=True)
    return counts
