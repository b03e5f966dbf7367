"""Derived tables built from a Dataset: the frames that reports and the CLI show.

Each function is pure (never mutates the dataset) and returns a new DataFrame.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import i18n
from ..formulas.capaian import capaian, capaian_reason, get_scale, kategori
from ..io.loaders import Dataset
from ..model.validation import key_isin, key_positions

PERIOD_ORDER = {"annual": 0, "TW1": 1, "TW2": 2, "TW3": 3, "TW4": 4}

CAPAIAN_COLUMNS = [
    "agency_id", "indicator_id", "indicator", "tier", "iku", "year", "period", "unit", "polarity",
    "target", "target_text", "realisasi", "capaian", "reported_capaian", "kategori", "capaian_note",
    "source", "source_line",
]


def _filter(frame: pd.DataFrame, agency: str | None, year: int | None) -> pd.DataFrame:
    """Rows of one agency and/or year; the frame itself without filters (callers copy before changing it)."""
    if agency is None and year is None:
        return frame
    mask = pd.Series(True, index=frame.index)
    if agency is not None:
        mask &= frame["agency_id"] == agency
    if year is not None:
        mask &= frame["year"] == year
    return frame[mask.to_numpy()]


def _capaian_and_reason(frame: pd.DataFrame, method: str) -> tuple[pd.Series, pd.Series]:
    """Capaian and its reason per row: the numeric target, or the printed ``target_text`` where there is none.

    Rows are independent, so the (few) text targets are computed apart from the numeric ones.
    """
    text = (frame["target"].isna() & frame["target_text"].notna()).to_numpy(dtype=bool, na_value=False)
    values = capaian(frame["target"], frame["realisasi"], frame["polarity"], method=method)
    reasons = capaian_reason(frame["target"], frame["realisasi"], frame["polarity"], method=method)
    if text.any():
        sub = frame[text]
        target = sub["target_text"].astype("object")
        values[text] = capaian(target, sub["realisasi"], sub["polarity"], method=method).to_numpy()
        reasons[text] = capaian_reason(target, sub["realisasi"], sub["polarity"], method=method).to_numpy()
    return values, reasons


def capaian_table(ds: Dataset, agency: str | None = None, year: int | None = None, period: str | None = None,
                  scale: str = "banjarbaru", method: str = "standard", lang: str = "id") -> pd.DataFrame:
    """One row per indicator and period with computed capaian next to the reported one.

    Parameters
    ----------
    ds : Dataset
    agency, year, period : optional filters
    scale : str
        Category scale for ``kategori`` (see :data:`lkjip_analysis.formulas.capaian.SCALES`).
    method : {"standard", "ratio"}
        Formula for lower-is-better indicators.

    Returns
    -------
    DataFrame with columns :data:`CAPAIAN_COLUMNS`, ordered by agency, indicator order, year, period.
    """
    return capaian_frame(ds, agency, year, period, scale, method, lang, CAPAIAN_COLUMNS)


_INDICATOR_COLUMNS = {"indicator": "name", "unit": "unit", "polarity": "polarity", "tier": "tier", "iku": "iku"}


def capaian_frame(ds: Dataset, agency: str | None, year: int | None, period: str | None, scale: str, method: str,
                  lang: str, columns: list[str]) -> pd.DataFrame:
    """The rows of :func:`capaian_table` (same order and values) with only ``columns``.

    Each performance row is matched to its indicator by position (a many-to-one left join) and
    sorted once; only the requested columns are built, so large datasets need little memory.
    """
    get_scale(scale)
    perf = _filter(ds.performance, agency, year)
    if period is not None:
        perf = perf[(perf["period"] == period).to_numpy(dtype=bool, na_value=False)]
    keys = ["agency_id", "indicator_id"]
    ind = ds.indicators
    pos = key_positions(perf[keys], ind[keys])
    order_in_agency = ind.groupby("agency_id").cumcount().to_numpy(dtype="float64")
    _order = np.full(len(pos), np.inf)
    _order[pos >= 0] = order_in_agency[pos[pos >= 0]]
    agency_codes, _ = pd.factorize(perf["agency_id"], sort=True)
    agency_codes = np.where(agency_codes < 0, np.iinfo(np.int64).max, agency_codes)
    years = perf["year"].to_numpy(dtype="float64", na_value=np.inf)
    periods = perf["period"].map(PERIOD_ORDER).to_numpy(dtype="float64", na_value=np.inf)
    order = np.lexsort((periods, years, _order, agency_codes))  # stable, as sort_values(kind="stable")
    rows = pos[order]

    def indicator_column(name: str) -> pd.Series:
        values = ind[_INDICATOR_COLUMNS[name]].array.take(rows, allow_fill=True)
        return pd.Series(values, copy=False)

    need = set(columns) | {"target", "target_text", "realisasi", "polarity"}
    out = {}
    for name in need:
        if name in _INDICATOR_COLUMNS:
            out[name] = indicator_column(name)
        elif name in perf.columns:
            out[name] = pd.Series(perf[name].array.take(order), copy=False)
    frame = pd.DataFrame(out)
    if "capaian" in columns or "capaian_note" in columns or "kategori" in columns:
        frame["capaian"], frame["capaian_note"] = _capaian_and_reason(frame, method)
    if "kategori" in columns:
        frame["kategori"] = kategori(frame["capaian"], scale=scale, lang=lang)
    return frame[columns]


def kategori_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Number of indicators per kategori (including those without capaian) from a capaian table."""
    counts = table["kategori"].value_counts(sort=False).rename_axis("kategori").reset_index(name="jumlah")
    missing = int(table["kategori"].isna().sum())
    if missing:
        not_computable = i18n.t("kategori.not_computable")
        counts = pd.concat([counts, pd.DataFrame({"kategori": [not_computable], "jumlah": [missing]})],
                           ignore_index=True)
    return counts


# --------------------------------------------------------------------------- annual view helpers


def annual_capaian(ds: Dataset, agency: str | None = None, year: int | None = None, scale: str = "banjarbaru",
                   method: str = "standard", lang: str = "id", from_quarters: bool = True) -> pd.DataFrame:
    """Capaian of each indicator and year (annual rows), completed from quarters where the report has no annual figure.

    Where an annual row lacks realisasi (or target) but the indicator has TW1–TW4 rows, the year's figure
    is derived by the indicator's ``quarter_aggregation``: ``cumulative`` sums the quarters, ``last`` takes the
    last quarter reported, ``per_quarter`` derives nothing. Column ``basis`` says which: ``laporan`` (printed)
    or ``triwulan (cumulative|last)``.
    """
    from ..formulas.trends import QUARTERS

    table = capaian_table(ds, agency=agency, year=year, scale=scale, method=method, lang=lang)
    annual = table[table["period"] == "annual"].copy()
    annual["basis"] = i18n.t("basis.report")
    if not from_quarters:
        return annual.reset_index(drop=True)
    q = table[table["period"].isin(QUARTERS)]
    if q.empty:
        return annual.reset_index(drop=True)
    agg = ds.indicators.set_index(["agency_id", "indicator_id"])["quarter_aggregation"]
    q = q.assign(aggregation=agg.reindex(pd.MultiIndex.from_frame(q[["agency_id", "indicator_id"]].astype("object")))
                 .to_numpy())
    keys = ["agency_id", "indicator_id", "year"]
    cum = q[q["aggregation"] == "cumulative"].groupby(keys)[["target", "realisasi"]].sum(min_count=1)
    last = q[(q["aggregation"] == "last") & q["realisasi"].notna()].groupby(keys)[["target", "realisasi"]].last()
    derived = pd.concat([cum.assign(basis=i18n.t("basis.quarters_cumulative")),
                         last.assign(basis=i18n.t("basis.quarters_last"))])
    if derived.empty:
        return annual.reset_index(drop=True)
    idx = pd.MultiIndex.from_frame(annual[keys].astype("object"))
    d = derived.reindex(idx)
    need = annual["realisasi"].isna().to_numpy() & d["realisasi"].notna().to_numpy()
    if need.any():
        annual.loc[need, "realisasi"] = d["realisasi"].to_numpy()[need]
        fill_t = need & annual["target"].isna().to_numpy() & annual["target_text"].isna().to_numpy()
        annual.loc[fill_t, "target"] = d["target"].to_numpy()[fill_t]
        annual.loc[need, "basis"] = d["basis"].to_numpy()[need]
        sub = annual.loc[need]
        target = sub["target_text"].where(sub["target"].isna() & sub["target_text"].notna(), sub["target"])
        annual.loc[need, "capaian"] = capaian(target.astype("object"), sub["realisasi"], sub["polarity"],
                                              method=method).to_numpy()
        annual.loc[need, "capaian_note"] = capaian_reason(target.astype("object"), sub["realisasi"],
                                                          sub["polarity"], method=method).to_numpy()
        annual["kategori"] = kategori(annual["capaian"], scale=scale, lang=lang)
    return annual.reset_index(drop=True)


def trend_table(ds: Dataset, agency: str, method: str = "standard") -> pd.DataFrame:
    """Realisasi and capaian per indicator over every year the data has, with year-over-year change.

    Columns: agency_id, indicator_id, indicator, unit, year, target, realisasi, capaian, reported_capaian,
    yoy_realisasi (% change of realisasi from the previous year present).
    """
    from ..formulas.trends import yoy_change

    table = capaian_table(ds, agency=agency, period="annual", method=method)
    table = table.sort_values(["indicator_id", "year"], kind="stable")
    prev = table.groupby("indicator_id")["realisasi"].shift(1)
    table["yoy_realisasi"] = yoy_change(table["realisasi"], prev)
    cols = ["agency_id", "indicator_id", "indicator", "unit", "year", "target", "realisasi", "capaian",
            "reported_capaian", "yoy_realisasi"]
    return table[cols].reset_index(drop=True)


def quarterly_table(ds: Dataset, agency: str, year: int, method: str = "standard") -> pd.DataFrame:
    """TW1–TW4 figures per indicator, with running figures where quarters accumulate.

    Columns: agency_id, indicator_id, indicator, unit, aggregation, period, target, realisasi, capaian,
    reported_capaian, target_to_date, realisasi_to_date, capaian_to_date.
    ``*_to_date`` are running sums for ``cumulative`` indicators and the quarter's own figures otherwise.
    """
    from ..formulas.trends import QUARTERS

    table = capaian_table(ds, agency=agency, year=year, method=method)
    table = table[table["period"].isin(QUARTERS)].copy()
    agg = ds.indicators.set_index(["agency_id", "indicator_id"])["quarter_aggregation"]
    keys = pd.MultiIndex.from_frame(table[["agency_id", "indicator_id"]].astype("object"))
    table["aggregation"] = agg.reindex(keys).to_numpy()
    cumulative = table["aggregation"] == "cumulative"
    grouped = table.groupby("indicator_id", sort=False)
    run_t = grouped["target"].cumsum()
    run_r = grouped["realisasi"].cumsum()
    table["target_to_date"] = table["target"].where(~cumulative, run_t)
    table["realisasi_to_date"] = table["realisasi"].where(~cumulative, run_r)
    table["capaian_to_date"] = capaian(table["target_to_date"], table["realisasi_to_date"], table["polarity"],
                                       method=method)
    cols = ["agency_id", "indicator_id", "indicator", "unit", "aggregation", "period", "target", "realisasi",
            "capaian", "reported_capaian", "target_to_date", "realisasi_to_date", "capaian_to_date"]
    return table[cols].reset_index(drop=True)


# --------------------------------------------------------------------------- budget


def leaf_lines(group: pd.DataFrame) -> pd.DataFrame:
    """The lines of one budget table that a total adds up: sub kegiatan lines, kegiatan lines without
    sub kegiatan, and program lines without kegiatan or sub kegiatan.

    A program's amount is the sum of its kegiatan or of its sub kegiatan, never both: a kegiatan line
    whose (program, kegiatan) also names sub kegiatan lines in the table is a subtotal and is left
    out (sub kegiatan lines that name no kegiatan make every kegiatan line of their program a
    subtotal), as is a program line whose program names kegiatan or sub kegiatan lines.
    """
    return group[leaf_mask(group, np.zeros(len(group), dtype=np.int64))].sort_values("line_no")


def leaf_mask(b: pd.DataFrame, group: np.ndarray) -> np.ndarray:
    """:func:`leaf_lines` of every budget table at once, as a row mask."""
    kind = b["line_type"]
    keg = (kind == "kegiatan").to_numpy(dtype=bool, na_value=False)
    prog = (kind == "program").to_numpy(dtype=bool, na_value=False)
    sub = (kind == "sub_kegiatan").to_numpy(dtype=bool, na_value=False)
    has_program = b["program"].notna().to_numpy()
    children = (keg | sub) & has_program
    parents = pd.DataFrame({"g": group[children], "p": b["program"][children].to_numpy()})
    mine = pd.DataFrame({"g": group[prog & has_program], "p": b["program"][prog & has_program].to_numpy()})
    subtotal = np.zeros(len(b), dtype=bool)
    if len(mine) and len(parents):
        subtotal[np.flatnonzero(prog & has_program)] = key_isin(mine, parents)
    if sub.any() and keg.any():  # kegiatan lines with sub kegiatan are subtotals
        names = pd.DataFrame({"g": group, "p": b["program"].astype("object").fillna("").to_numpy(),
                              "k": b["kegiatan"].astype("object").fillna("").to_numpy()})
        subs, kegs = names[sub], names[keg]
        has_sub = key_isin(kegs, subs)
        unnamed = subs[(subs["k"] == "").to_numpy()]
        if len(unnamed):
            has_sub |= key_isin(kegs[["g", "p"]], unnamed[["g", "p"]])
        subtotal[np.flatnonzero(keg)] = has_sub
    return ((keg | prog) & ~subtotal) | sub


def budget_lines(ds: Dataset, agency: str | None = None, year: int | None = None) -> pd.DataFrame:
    """Budget lines with serapan and sisa computed from pagu and realisasi, next to the printed figures.

    Columns: the budget table's columns plus ``serapan`` and ``sisa``.
    """
    from ..formulas.budget import serapan, sisa

    lines = _filter(ds.budget, agency, year).copy()
    lines["serapan"] = serapan(lines["pagu"], lines["realisasi"])
    lines["sisa"] = sisa(lines["pagu"], lines["realisasi"])
    return lines.sort_values(["agency_id", "year", "budget_table", "line_no"], kind="stable").reset_index(drop=True)


def _table_totals(lines: pd.DataFrame) -> pd.DataFrame:
    """Pagu and realisasi per budget table: its total line, else the sum of the lines a total adds up
    (:func:`leaf_lines`: no subtotal counted twice)."""

    keys = ["agency_id", "year", "budget_table"]
    totals = lines[lines["line_type"] == "total"].groupby(keys, as_index=False)[["pagu", "realisasi"]].sum(min_count=1)
    leaf = leaf_mask(lines, lines.groupby(keys, sort=False).ngroup().to_numpy())
    summed = lines[leaf].groupby(keys, as_index=False)[["pagu", "realisasi"]].sum(min_count=1)
    merged = summed.merge(totals, on=keys, how="outer", suffixes=("_sum", ""))
    for col in ("pagu", "realisasi"):
        merged[col] = merged[col].fillna(merged[f"{col}_sum"])
    return merged[keys + ["pagu", "realisasi"]]


def budget_summary(ds: Dataset, agency: str | None = None, year: int | None = None) -> pd.DataFrame:
    """Total pagu, realisasi, serapan and sisa per agency and year.

    The total is the sum of the lines flagged ``headline`` in the budget table; where an
    agency-year flags none, the budget table with the largest pagu stands for the total.

    Columns: agency_id, year, pagu, realisasi, serapan, sisa, basis (which table(s) the total comes from).
    """
    from ..formulas.budget import serapan, sisa

    lines = _filter(ds.budget, agency, year)
    cols = ["agency_id", "year", "pagu", "realisasi", "serapan", "sisa", "basis"]
    if lines.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c in cols[2:6] else "object") for c in cols})
    flagged = lines[lines["headline"].fillna(False).astype(bool).to_numpy()]
    parts = []
    if not flagged.empty:
        keys = ["agency_id", "year"]
        f = flagged.groupby(keys, as_index=False)[["pagu", "realisasi"]].sum(min_count=1)
        tables = flagged[keys + ["budget_table"]].drop_duplicates()  # in order of appearance
        several = tables.duplicated(keys, keep=False).to_numpy()
        basis = tables[~several].set_index(keys)["budget_table"]
        if several.any():
            joined = tables[several].groupby(keys, sort=False)["budget_table"].agg(lambda s: " + ".join(s))
            basis = pd.concat([basis, joined.astype(basis.dtype)])
        f["basis"] = basis.reindex(pd.MultiIndex.from_frame(f[keys])).reset_index(drop=True)
        parts.append(f)
    rest = lines[~key_isin(lines[["agency_id", "year"]], flagged[["agency_id", "year"]])] if len(flagged) else lines
    if not rest.empty:
        t = _table_totals(rest)
        t = t.sort_values("pagu", ascending=False, na_position="last").drop_duplicates(["agency_id", "year"])
        parts.append(t.rename(columns={"budget_table": "basis"}))
    out = pd.concat(parts, ignore_index=True)
    out["serapan"] = serapan(out["pagu"], out["realisasi"])
    out["sisa"] = sisa(out["pagu"], out["realisasi"])
    return out[cols].sort_values(["agency_id", "year"]).reset_index(drop=True)


_LINK_KEYS = ["agency_id", "year", "indicator_id"]


def linked_budget(budget: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The budget behind each indicator, per agency, year and indicator_id (shared with the audit).

    Returns ``(money, printed)``: ``money`` has pagu and realisasi of the budget tables linked to
    the indicator (each table by its total line, else the sum of its lines; tables without both a
    pagu and a realisasi, such as a Perjanjian Kinerja's planned budget, left out); ``printed`` has
    the percentage (``reported_pct``) and realisasi of the linked tables' total lines, where those
    lines print one percentage.
    """
    linked = budget[["agency_id", "year", "budget_table", "line_type", "program", "kegiatan", "pagu", "realisasi",
                     "reported_pct", "indicator_id"]]
    linked = linked[linked["indicator_id"].notna().to_numpy()]
    per_table = _table_totals(linked)
    table_indicator = linked.groupby(["agency_id", "year", "budget_table"], as_index=False)["indicator_id"].first()
    per_table = per_table.merge(table_indicator, on=["agency_id", "year", "budget_table"])
    per_table = per_table[per_table["pagu"].notna() & per_table["realisasi"].notna()]
    money = per_table.groupby(_LINK_KEYS, as_index=False)[["pagu", "realisasi"]].sum(min_count=1)
    totals = linked[((linked["line_type"] == "total") & linked["reported_pct"].notna()).to_numpy(dtype=bool,
                                                                                                 na_value=False)]
    pct = totals.groupby(_LINK_KEYS)
    printed = pd.DataFrame({"reported_pct": pct["reported_pct"].first(), "n": pct["reported_pct"].nunique(),
                            "realisasi": pct["realisasi"].sum(min_count=1)}).reset_index()
    printed = printed[(printed.pop("n") == 1).to_numpy()].reset_index(drop=True)
    return money, printed


def efficiency_table(ds: Dataset, agency: str | None = None, year: int | None = None,
                     method: str = "capaian_minus_serapan", lower_method: str = "standard",
                     lang: str = "id") -> pd.DataFrame:
    """Efficiency per indicator: capaian (computed) against serapan of the budget linked to it.

    The linked budget is every budget table whose lines name the indicator (its total line,
    else the sum of its lines); serapan is computed from its pagu and realisasi
    (``serapan_basis`` ``dihitung``). Where no linked table has a pagu (lost in conversion,
    e.g. Kalimantan Timur Tabel 13) but its total line prints a percentage, that printed
    serapan is used (``tercetak``). Indicators without either are left out.

    Columns: agency_id, year, indicator_id, indicator, capaian, pagu, realisasi_anggaran, serapan,
    serapan_basis, efisiensi, efisiensi_kategori, method, reported_efisiensi.
    """
    from ..formulas.budget import EFFICIENCY_METHODS, efisiensi, efisiensi_kategori, serapan

    if method not in EFFICIENCY_METHODS:
        from ..exceptions import UnknownMethodError

        raise UnknownMethodError("efficiency method", method, tuple(EFFICIENCY_METHODS))
    cols = ["agency_id", "year", "indicator_id", "indicator", "capaian", "pagu", "realisasi_anggaran", "serapan",
            "serapan_basis", "efisiensi", "efisiensi_kategori", "method", "reported_efisiensi"]
    lines = _filter(ds.budget, agency, year)
    if not lines["indicator_id"].notna().any():
        return pd.DataFrame(columns=cols)
    keys = _LINK_KEYS
    money, printed = linked_budget(lines)
    money = money.rename(columns={"realisasi": "realisasi_anggaran"})
    money["serapan"] = serapan(money["pagu"], money["realisasi_anggaran"])
    money["serapan_basis"] = i18n.t("basis.serapan_computed", lang)
    # no pagu to compute from: the serapan the linked table's total line prints
    printed = printed.rename(columns={"reported_pct": "serapan", "realisasi": "realisasi_anggaran"})
    printed = printed.merge(money[keys], on=keys, how="left", indicator=True)
    printed = printed[(printed.pop("_merge") == "left_only").to_numpy()].assign(
        pagu=np.nan, serapan_basis=i18n.t("basis.serapan_printed", lang))
    money = pd.concat([money, printed[money.columns]], ignore_index=True) if len(printed) else money
    cap = capaian_frame(ds, agency, year, "annual", "banjarbaru", lower_method, lang,
                         ["agency_id", "year", "indicator_id", "indicator", "capaian"])
    out = money.merge(cap, on=keys, how="left")
    out["efisiensi"] = efisiensi(out["capaian"], out["serapan"], method=method)
    if method == "ratio":
        out["efisiensi_kategori"] = efisiensi_kategori((out["efisiensi"] - 1) * 100, lang=lang)
    elif method == "unspent_share":
        out["efisiensi_kategori"] = None
    else:
        out["efisiensi_kategori"] = efisiensi_kategori(out["efisiensi"], lang=lang)
    out["method"] = method
    stated = ds.efficiency[["agency_id", "year", "indicator_id", "reported_efisiensi"]]
    out = out.merge(stated, on=["agency_id", "year", "indicator_id"], how="left")
    return out[cols].reset_index(drop=True)


# --------------------------------------------------------------------------- PMKS, progress, comparisons


def pmks_table(ds: Dataset, agency: str | None = None, year: int | None = None, lang: str = "id") -> pd.DataFrame:
    """PMKS measures with the rate computed from numerator and denominator, next to the printed one.

    Columns: agency_id, year, measure, label (readable, in ``lang``), numerator, denominator, rate,
    reported_pct, count_unit (``jenis``/``jiwa``: what the counts count), source, source_line.
    """
    from ..formulas.pmks import count_unit, pmks_labels, pmks_rate

    p = _filter(ds.pmks, agency, year).copy()
    p["rate"] = pmks_rate(p["numerator"], p["denominator"])
    p["label"] = pmks_labels(p["measure"], p["numerator_label"], p["denominator_label"], lang)
    p["count_unit"] = [count_unit(n, d, lang=lang) for n, d in zip(p["numerator_label"], p["denominator_label"])]
    cols = ["agency_id", "year", "measure", "label", "numerator", "denominator", "rate", "reported_pct", "count_unit",
            "source", "source_line"]
    return p[cols].reset_index(drop=True)


END_KINDS = ("rpjmd_end", "renstra_end")


def progress_table(ds: Dataset, agency: str, year: int) -> pd.DataFrame:
    """Tingkat kemajuan towards the end-of-plan target and the yearly pace still needed.

    For each indicator with an end target (benchmark kind ``rpjmd_end`` or ``renstra_end``):
    realisasi of ``year``, end target and its year, tingkat kemajuan = realisasi / target akhir × 100,
    years left and pace needed = (target akhir − realisasi) / years left.

    Columns: agency_id, indicator_id, indicator, unit, year, realisasi, target_akhir, target_akhir_year, kind,
    tingkat_kemajuan, years_left, pace_needed.
    """
    from ..formulas.trends import pace_needed, tingkat_kemajuan

    cols = ["agency_id", "indicator_id", "indicator", "unit", "year", "realisasi", "target_akhir",
            "target_akhir_year", "kind", "tingkat_kemajuan", "years_left", "pace_needed"]
    ends = ds.benchmarks[(ds.benchmarks["agency_id"] == agency) & ds.benchmarks["kind"].isin(END_KINDS)
                         & ds.benchmarks["value"].notna()]
    if ends.empty:
        return pd.DataFrame(columns=cols)
    ends = ends.sort_values("year").drop_duplicates("indicator_id", keep="last")
    ends = ends.rename(columns={"value": "target_akhir", "year": "target_akhir_year"})
    cap = capaian_table(ds, agency=agency, year=year, period="annual")
    out = ends[["indicator_id", "target_akhir", "target_akhir_year", "kind"]].merge(
        cap[["agency_id", "indicator_id", "indicator", "unit", "year", "realisasi"]], on="indicator_id", how="inner")
    out["tingkat_kemajuan"] = tingkat_kemajuan(out["realisasi"], out["target_akhir"])
    out["years_left"] = (out["target_akhir_year"] - out["year"]).astype("float64")
    out["pace_needed"] = pace_needed(out["realisasi"], out["target_akhir"], out["years_left"])
    return out[cols].reset_index(drop=True)


def comparison_table(ds: Dataset, agency: str, year: int) -> pd.DataFrame:
    """The agency's realisasi next to other regions, RPJMD/Renstra and national targets.

    Rows of kind ``own`` hold the agency's realisasi of ``year``; other rows come from benchmarks
    of the same indicator (regions of ``year``; targets of any year).

    Columns: agency_id, indicator_id, indicator, unit, year, kind, region, value, value_text.
    """
    cols = ["agency_id", "indicator_id", "indicator", "unit", "year", "kind", "region", "value", "value_text"]
    bench = ds.benchmarks[ds.benchmarks["agency_id"] == agency]
    bench = bench[(bench["kind"] != "region") | (bench["year"] == year)]
    if bench.empty:
        return pd.DataFrame(columns=cols)
    cap = capaian_table(ds, agency=agency, year=year, period="annual")
    cap = cap[cap["indicator_id"].isin(bench["indicator_id"])]
    own = cap.assign(kind="own", region=ds.agencies.set_index("agency_id").at[agency, "name"], value=cap["realisasi"],
                     value_text=pd.NA)
    names = cap.set_index("indicator_id")[["indicator", "unit"]]
    if names.empty:
        names = ds.indicators[ds.indicators["agency_id"] == agency].set_index("indicator_id").rename(
            columns={"name": "indicator"})[["indicator", "unit"]]
    bench = bench.join(names, on="indicator_id")
    out = pd.concat([own[cols], bench[cols]], ignore_index=True)
    order = {"own": 0, "region": 1, "renstra": 2, "rpjmd_end": 3, "renstra_end": 4, "national": 5}
    out["_k"] = out["kind"].map(order)
    return out.sort_values(["indicator_id", "_k", "year"], kind="stable").drop(columns="_k").reset_index(drop=True)


def akip_table(ds: Dataset, agency: str) -> pd.DataFrame:
    """AKIP scores per year: components, the computed total and predikat next to the printed ones.

    Columns: agency_id, year, total (sum of components), reported_total, predikat, reported_predikat.
    """
    from ..formulas.akip import akip_total

    scores = ds.akip_scores[ds.akip_scores["agency_id"] == agency]
    cols = ["agency_id", "year", "total", "reported_total", "predikat", "reported_predikat"]
    if scores.empty:
        return pd.DataFrame(columns=cols)
    totals = akip_total(scores)
    stated = scores[scores["component"] == "total"][["agency_id", "year", "score", "reported_predikat"]]
    out = totals.merge(stated.rename(columns={"score": "reported_total"}), on=["agency_id", "year"], how="outer")
    return out[cols].sort_values("year").reset_index(drop=True)


# --------------------------------------------------------------------------- summary


def agency_summary(ds: Dataset, agency: str, year: int, scale: str = "banjarbaru",
                   efficiency_method: str = "capaian_minus_serapan", lower_method: str = "standard",
                   lang: str = "id") -> dict:
    """Headline facts of one agency-year (the Ringkasan section).

    Returns a dict: agency name, level, province, year, n_indicators (annual rows with a target or
    realisasi), kategori counts, budget totals, the headline IKU result, and the method choices used.
    """
    from ..formulas.budget import EFFICIENCY_METHODS
    from ..formulas.capaian import SCALES

    info = ds.agencies.set_index("agency_id").loc[agency]
    cap = annual_capaian(ds, agency=agency, year=year, scale=scale, method=lower_method, lang=lang)
    budget = budget_summary(ds, agency=agency, year=year)
    iku = cap[cap["iku"].fillna(False).astype(bool) & cap["capaian"].notna()]
    headline = iku.iloc[0] if not iku.empty else (cap[cap["capaian"].notna()].iloc[0] if cap["capaian"].notna().any()
                                                   else None)
    return {
        "agency_id": agency,
        "name": info["name"],
        "level": info["level"],
        "province": info["province"],
        "year": int(year),
        "n_indicators": int(len(cap)),
        "n_capaian": int(cap["capaian"].notna().sum()),
        "kategori_counts": kategori_counts(cap),
        "pagu": float(budget["pagu"].iloc[0]) if len(budget) else float("nan"),
        "realisasi_anggaran": float(budget["realisasi"].iloc[0]) if len(budget) else float("nan"),
        "serapan": float(budget["serapan"].iloc[0]) if len(budget) else float("nan"),
        "budget_basis": budget["basis"].iloc[0] if len(budget) else None,
        "headline": None if headline is None else headline.to_dict(),
        "scale": SCALES[scale],
        "efficiency_method": EFFICIENCY_METHODS[efficiency_method],
        "lower_method": lower_method,
    }


# --------------------------------------------------------------------------- across agencies

COVERAGE_TABLES = ("performance", "budget", "efficiency", "pmks", "benchmarks", "akip_scores")


def agency_overview(ds: Dataset, scale: str = "banjarbaru", efficiency_method: str = "capaian_minus_serapan",
                    lower_method: str = "standard") -> pd.DataFrame:
    """One row per agency-year: indicator counts, capaian statistics, budget, efficiency and PMKS rate.

    Vectorised over the whole dataset (no per-agency loop), so it serves thousands of agencies.

    Columns: agency_id, agency (name), level, province, year, n_indicators, n_capaian, capaian_median,
    share_at_target (% of indicators with capaian ≥ 100), pagu, realisasi_anggaran, serapan, efisiensi
    (median over linked indicators, by ``efficiency_method``), pmks_rate (first PMKS measure).
    """
    cap = annual_capaian(ds, scale=scale, method=lower_method)
    cap = cap[cap["target"].notna() | cap["realisasi"].notna()]
    g = cap.groupby(["agency_id", "year"])
    n_capaian = g["capaian"].count()
    at_target = (cap["capaian"] >= 100).groupby([cap["agency_id"], cap["year"]]).sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(n_capaian.to_numpy() > 0, at_target.to_numpy() / n_capaian.to_numpy() * 100, np.nan)
    stats = pd.DataFrame({
        "n_indicators": g.size(),
        "n_capaian": n_capaian,
        "capaian_median": g["capaian"].median(),
        "share_at_target": pd.Series(share, index=n_capaian.index, dtype="float64"),
    }).reset_index()
    budget = budget_summary(ds)[["agency_id", "year", "pagu", "realisasi", "serapan"]].rename(
        columns={"realisasi": "realisasi_anggaran"})
    eff = efficiency_table(ds, method=efficiency_method, lower_method=lower_method)
    eff = eff.groupby(["agency_id", "year"], as_index=False)["efisiensi"].median()
    pm = pmks_table(ds)
    pm = pm[pm["rate"].notna()].drop_duplicates(["agency_id", "year"])[["agency_id", "year", "rate"]].rename(
        columns={"rate": "pmks_rate"})
    keys = ds.agency_years()
    out = keys.merge(stats, on=["agency_id", "year"], how="left")
    for part in (budget, eff, pm):
        part = part.astype({"year": "Int64"}) if len(part) else part
        out = out.merge(part, on=["agency_id", "year"], how="left") if len(part) else out.assign(
            **{c: float("nan") for c in part.columns if c not in ("agency_id", "year")})
    info = ds.agencies[["agency_id", "name", "level", "province"]].rename(columns={"name": "agency"})
    out = out.merge(info, on="agency_id", how="left")
    out[["n_indicators", "n_capaian"]] = out[["n_indicators", "n_capaian"]].fillna(0).astype("int64")
    cols = ["agency_id", "agency", "level", "province", "year", "n_indicators", "n_capaian", "capaian_median",
            "share_at_target", "pagu", "realisasi_anggaran", "serapan", "efisiensi", "pmks_rate"]
    return out[cols]


def coverage_table(ds: Dataset) -> pd.DataFrame:
    """What each agency-year reports (row counts per table) and lacks.

    Columns: agency_id, year, one column per table in :data:`COVERAGE_TABLES` (row counts), quarterly (rows with
    TW periods), missing (comma-separated names of tables with no rows).
    """
    keys = ds.agency_years()
    out = keys.copy()
    for name in COVERAGE_TABLES:
        frame = ds.tables[name]
        counts = frame.groupby(["agency_id", "year"]).size().rename(name).reset_index() if len(frame) else None
        out = out.merge(counts, on=["agency_id", "year"], how="left") if counts is not None else out.assign(**{name: 0})
        out[name] = out[name].fillna(0).astype("int64")
    perf = ds.performance
    tw = perf[perf["period"] != "annual"].groupby(["agency_id", "year"]).size().rename("quarterly").reset_index()
    out = out.merge(tw, on=["agency_id", "year"], how="left")
    out["quarterly"] = out["quarterly"].fillna(0).astype("int64")
    cols = list(COVERAGE_TABLES) + ["quarterly"]
    flags = out[cols].eq(0)
    out["missing"] = [", ".join(c for c, miss in zip(cols, row) if miss) for row in flags.to_numpy()]
    return out
