"""The cross-agency panel: one tidy row per agency × year × period × indicator, for researchers.

Every value is the package's own computation: capaian, its reason and kategori come from
:func:`lkjip_analysis.analysis.analysis.capaian_table` (the same rows ``lkjip capaian`` prints), serapan of
the budget linked to the indicator from :func:`lkjip_analysis.analysis.analysis.efficiency_table`, audit
errors from :func:`lkjip_analysis.checks.audit.audit`, the common measure from
:func:`lkjip_analysis.compare.crosswalk.resolve`. Built with joins over whole columns (no per-row Python),
so 10 000 agency-years take seconds. Columns are documented in ``docs/data-model.md`` (Panel).
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd

from .. import i18n
from ..exceptions import LkjipError
from ..io.atomic import atomic_write_bytes
from ..io.loaders import Dataset

#: One panel row per these keys.
PANEL_KEYS = ["agency_id", "year", "period", "indicator_id"]
PANEL_COLUMNS = [
    "agency_id", "name", "level", "province", "year", "period", "indicator_id", "indicator", "tier", "iku", "unit",
    "polarity", "measure", "measure_confidence", "measure_basis", "measure_note", "target", "target_text", "realisasi",
    "realisasi_prev", "target_ambition", "capaian", "capaian_note", "reported_capaian", "kategori", "serapan",
    "serapan_basis", "audit_errors", "source", "source_line",
]
#: Short descriptions (Stata variable labels; the long form is in docs/data-model.md), in Indonesian;
#: the texts live in :mod:`lkjip_analysis.i18n` (label kind ``panel_column``, English too).
COLUMN_LABELS = i18n.labels("panel_column")
FORMATS = {".parquet": "parquet", ".csv": "csv", ".dta": "stata"}


class PanelFormatError(LkjipError, ValueError):
    """The output file's suffix names no panel format."""

    def __init__(self, path: str):
        self.path = path
        super().__init__(path)

    def __str__(self) -> str:
        return self.render("id")

    def render(self, lang: str = "id") -> str:
        return i18n.t("panel.bad_suffix", lang, path=self.path, suffixes=", ".join(FORMATS))


def target_ambition(target, realisasi_prev, polarity="higher"):
    """How far a target reaches beyond the previous year's realisasi, in % of that realisasi.

    ``(target − realisasi_prev) / |realisasi_prev| × 100`` for higher-is-better indicators and
    ``(realisasi_prev − target) / |realisasi_prev| × 100`` for lower-is-better ones, so a positive
    value always means a target more demanding than what was already achieved and a negative one a
    target below it (a high capaian against such a target says little). Missing when either is
    missing or the previous realisasi is zero.

    Parameters
    ----------
    target, realisasi_prev : scalar or Series
    polarity : "higher" | "lower" or Series of them

    Examples
    --------
    >>> round(target_ambition(59, 68), 2)     # Banjarbaru s2-i1 2020: target 59 after 68 in 2019
    -13.24
    >>> target_ambition(75, 75)
    0.0
    >>> round(target_ambition(20, 25, "lower"), 2)
    20.0
    """
    scalar = np.ndim(target) == 0 and np.ndim(realisasi_prev) == 0 and np.ndim(polarity) == 0
    t = pd.to_numeric(pd.Series(np.atleast_1d(target) if np.ndim(target) == 0 else target), errors="coerce")
    p = pd.to_numeric(pd.Series(np.atleast_1d(realisasi_prev) if np.ndim(realisasi_prev) == 0 else realisasi_prev),
                      errors="coerce")
    t_ = t.to_numpy(dtype="float64", na_value=np.nan)
    p_ = p.to_numpy(dtype="float64", na_value=np.nan)
    pol = np.asarray(polarity, dtype=object) if np.ndim(polarity) else np.full(len(t_), polarity, dtype=object)
    with np.errstate(divide="ignore", invalid="ignore"):
        gap = np.where(pol == "lower", p_ - t_, t_ - p_)
        out = np.where(p_ != 0, gap / np.abs(p_) * 100, np.nan)
    if scalar:
        return float(out[0])
    index = target.index if isinstance(target, pd.Series) else None
    return pd.Series(out, index=index, dtype="float64")


def _audit_errors(ds: Dataset) -> pd.DataFrame:
    """Audit findings of severity error per performance row (keys of :data:`PANEL_KEYS`)."""
    from ..checks.audit import audit

    found = audit(ds, severity="error")
    found = found[(found["table"] == "performance").to_numpy(dtype=bool, na_value=False)]
    cols = PANEL_KEYS + ["audit_errors"]
    if found.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    parts = found["key"].astype(str).str.rsplit(" ", n=2, expand=True)  # "<indicator_id> <year> <period>"
    keys = pd.DataFrame({"agency_id": found["agency_id"].astype("object").to_numpy(),
                         "year": pd.to_numeric(parts[1], errors="coerce").astype("Int64").to_numpy(),
                         "period": parts[2].to_numpy(dtype=object), "indicator_id": parts[0].to_numpy(dtype=object)})
    return keys.groupby(PANEL_KEYS, dropna=False).size().rename("audit_errors").reset_index()


def panel(ds: Dataset, crosswalk: str | Path | pd.DataFrame | None = None, scale: str = "banjarbaru",
          method: str = "standard", lang: str = "id") -> pd.DataFrame:
    """The panel of a dataset: one row per agency × year × period × indicator.

    Parameters
    ----------
    ds : Dataset
    crosswalk : path or DataFrame, optional
        The agency's own crosswalk file (see :func:`lkjip_analysis.compare.crosswalk.read_crosswalk`); it
        overrides the embedded map and the name rules.
    scale, method, lang
        As for :func:`lkjip_analysis.analysis.analysis.capaian_table` (category scale, formula for
        lower-is-better indicators, language of kategori).

    Returns
    -------
    DataFrame with columns :data:`PANEL_COLUMNS`, unique on :data:`PANEL_KEYS`, in the order of
    ``lkjip capaian`` (agency, indicator order, year, period).

    Examples
    --------
    >>> from lkjip_analysis import load_dataset
    >>> p = panel(load_dataset())
    >>> row = p[(p["indicator_id"] == "s2-i1") & (p["year"] == 2020)].iloc[0]
    >>> row["measure"], round(float(row["capaian"]), 2), round(float(row["target_ambition"]), 2)
    ('pmks_berfungsi_sosial_pct', 103.39, -13.24)
    """
    from ..analysis.analysis import capaian_table, efficiency_table
    from .crosswalk import resolve

    table = capaian_table(ds, scale=scale, method=method, lang=lang)
    frame = table.rename(columns={})
    info = ds.agencies[["agency_id", "name", "level", "province"]]
    frame = frame.merge(info, on="agency_id", how="left")
    measures = resolve(ds, crosswalk)
    frame = frame.merge(measures, on=["agency_id", "indicator_id"], how="left")
    # the same period of the year before
    prev = table[["agency_id", "indicator_id", "period", "year", "realisasi"]].assign(year=table["year"] + 1)
    prev = prev.rename(columns={"realisasi": "realisasi_prev"})
    frame = frame.merge(prev, on=["agency_id", "indicator_id", "period", "year"], how="left")
    frame["target_ambition"] = target_ambition(frame["target"], frame["realisasi_prev"], frame["polarity"])
    # serapan of the budget linked to the indicator: a yearly figure, so on the annual rows only
    eff = efficiency_table(ds, lang=lang)[["agency_id", "year", "indicator_id", "serapan", "serapan_basis"]]
    eff = eff.assign(period="annual")
    if len(eff):
        eff = eff.astype({"year": frame["year"].dtype})
        frame = frame.merge(eff, on=["agency_id", "year", "indicator_id", "period"], how="left")
    else:
        frame = frame.assign(serapan=np.nan, serapan_basis=None)
    errors = _audit_errors(ds)
    if len(errors):
        errors = errors.astype({"year": frame["year"].dtype})
        frame = frame.merge(errors, on=PANEL_KEYS, how="left")
    else:
        frame["audit_errors"] = 0
    frame["audit_errors"] = frame["audit_errors"].fillna(0).astype("int64")
    frame["serapan"] = frame["serapan"].astype("float64")
    if "kategori" in frame and isinstance(frame["kategori"].dtype, pd.CategoricalDtype):
        frame["kategori"] = frame["kategori"].astype("object")
    return frame[PANEL_COLUMNS].reset_index(drop=True)


def panel_format(path: str | Path) -> str:
    """``parquet``, ``csv`` or ``stata`` from the file's suffix; :class:`PanelFormatError` otherwise."""
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise PanelFormatError(str(path))
    return fmt


def _for_stata(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns Stata can hold: text as str (missing = ""), nullable integers as float, booleans as 0/1."""
    out = {}
    for col in frame.columns:
        s = frame[col]
        if pd.api.types.is_bool_dtype(s.dtype) or str(s.dtype) == "boolean":
            out[col] = s.astype("float64").astype("Float64").astype("float64")
        elif pd.api.types.is_integer_dtype(s.dtype):
            out[col] = s.astype("float64") if s.isna().any() else s.astype("int32")
        elif pd.api.types.is_float_dtype(s.dtype):
            out[col] = s.astype("float64")
        else:
            out[col] = s.astype("object").where(s.notna(), "").astype(str)
    return pd.DataFrame(out)


def write_panel(frame: pd.DataFrame, path: str | Path, lang: str = "id") -> Path:
    """Write the panel as Parquet, CSV (UTF-8, ``,``, ``.`` decimals) or Stata ``.dta`` (by suffix), atomically.

    A Stata file's variable labels are in ``lang`` (``id`` or ``en``; :data:`COLUMN_LABELS`).

    The file appears complete or not at all (temporary file + rename, :mod:`lkjip_analysis.io.atomic`).
    """
    fmt = panel_format(path)
    buffer = io.BytesIO()
    if fmt == "parquet":
        frame.to_parquet(buffer, index=False)
    elif fmt == "csv":
        buffer.write(frame.to_csv(index=False).encode("utf-8"))
    else:
        names = i18n.labels("panel_column", lang)
        labels = {c: names.get(c, c)[:80] for c in frame.columns}
        data = _for_stata(frame)
        long_text = [c for c in data.columns if data[c].dtype == object and len(data)
                     and data[c].str.encode("utf-8").str.len().max() > 2045]  # beyond str2045: strL
        data.to_stata(buffer, write_index=False, version=118, variable_labels=labels, convert_strl=long_text)
    return atomic_write_bytes(path, buffer.getvalue())
