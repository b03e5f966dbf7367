"""The sections of the regional comparison notebook (all agencies and years of a dataset).

Everything is aggregated: one table row per agency-year at most (long tables are paginated
in the display and complete in the CSV) and figures that stay readable for thousands of agencies
(histograms per government level, top/bottom rankings with one bar per agency). Every section is
vectorised over the whole dataset (no per-agency loop), so 10 000 agency-years take seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import i18n
from ..analysis import analysis
from ..formulas.budget import EFFICIENCY_METHODS
from ..formulas.capaian import get_scale
from ..io.loaders import Dataset, load_dataset
from ..model.numbers import format_number
from . import plots
from .context import ReportContext

T = i18n.texts("regional")  # the texts live in lkjip_analysis.i18n


@dataclass
class RegionalParams:
    """Parameters of the regional comparison."""

    title: str
    dataset: str = ""
    category_scale: str = "banjarbaru"
    efficiency_method: str = "capaian_minus_serapan"
    lang: str = "id"
    lower_method: str = "standard"
    year: int | None = None
    crosswalk: str = ""


def setup(title: str = "", dataset: str = "", category_scale: str = "banjarbaru",
          efficiency_method: str = "capaian_minus_serapan", lang: str = "id", output_dir: str = "",
          lower_method: str = "standard", year: int | None = None,
          crosswalk: str = "") -> tuple[ReportContext, Dataset, RegionalParams]:
    """Load the dataset and check the parameters.

    ``year`` None (or 0) compares each agency's latest year; a year compares that year for every agency.
    ``crosswalk`` is an agency crosswalk file used before the embedded map and name rules.
    """
    import matplotlib

    matplotlib.use("Agg")
    get_scale(category_scale)
    if efficiency_method not in EFFICIENCY_METHODS:
        from ..exceptions import UnknownMethodError

        raise UnknownMethodError("efficiency method", efficiency_method, tuple(EFFICIENCY_METHODS))
    ds = load_dataset(dataset or None)
    default = i18n.t("regional.default_title", lang)
    year = int(year) if year else None
    if year is not None and year not in set(ds.agency_years()["year"].astype(int)):
        from ..exceptions import ParamsError

        have = ", ".join(map(str, sorted(set(ds.agency_years()["year"].astype(int)))))
        raise ParamsError.from_key("params.regional_year", year=year, available=have)
    p = RegionalParams(title or default, dataset, category_scale, efficiency_method, lang, lower_method, year,
                       crosswalk)
    return ReportContext(output_dir=output_dir, lang=lang, max_rows=40), ds, p


def _t(p: RegionalParams, key: str, **kw) -> str:
    return T.get(p.lang, T["id"])[key].format(**kw)


# --------------------------------------------------------------------------- library functions (tested)

#: Why an indicator is not compared (reason codes of :func:`compare_measures`), per language.
REASONS = i18n.all_labels("regional_reason")
COMPARISON_COLUMNS = ["measure", "measure_name", "measure_unit", "agency_id", "agency", "year", "indicator_id",
                      "indicator", "unit", "realisasi", "target", "capaian", "realisasi_prev", "target_ambition",
                      "basis", "measure_confidence", "n_agencies", "note"]
NOT_COMPARED_COLUMNS = ["agency_id", "agency", "year", "indicator_id", "indicator", "unit", "measure", "reason",
                        "detail"]


def report_years(ds: Dataset, year: int | None = None) -> pd.DataFrame:
    """The year compared for each agency: ``year`` for all, or (None) each agency's latest year with data.

    Returns
    -------
    DataFrame: agency_id, year (agencies without data in ``year`` are left out).

    Examples
    --------
    >>> from lkjip_analysis import load_dataset
    >>> report_years(load_dataset()).set_index("agency_id")["year"].to_dict()["dinsos-kab-hulu-sungai-selatan"]
    2019
    """
    pairs = ds.agency_years()
    if year is not None:
        return pairs[(pairs["year"] == year).to_numpy(dtype=bool, na_value=False)].reset_index(drop=True)
    return pairs.sort_values(["agency_id", "year"]).drop_duplicates("agency_id", keep="last").reset_index(drop=True)


def measure_values(ds: Dataset, crosswalk=None, scale: str = "banjarbaru", method: str = "standard",
                   lang: str = "id") -> pd.DataFrame:
    """Annual figures of every indicator with its common measure and the target's ambition.

    Rows are those of :func:`lkjip_analysis.analysis.analysis.annual_capaian` (the year's figure, completed
    from quarters where the report prints none; column ``basis``), joined with
    :func:`lkjip_analysis.compare.crosswalk.resolve`; ``realisasi_prev`` is the realisasi of the year
    before and ``target_ambition`` :func:`lkjip_analysis.compare.panel.target_ambition`.
    """
    from ..compare.crosswalk import resolve
    from ..compare.panel import target_ambition

    annual = analysis.annual_capaian(ds, scale=scale, method=method, lang=lang)
    annual = annual.merge(resolve(ds, crosswalk), on=["agency_id", "indicator_id"], how="left")
    prev = annual[["agency_id", "indicator_id", "year", "realisasi"]].assign(year=annual["year"] + 1)
    annual = annual.merge(prev.rename(columns={"realisasi": "realisasi_prev"}),
                          on=["agency_id", "indicator_id", "year"], how="left")
    annual["target_ambition"] = target_ambition(annual["target"], annual["realisasi_prev"], annual["polarity"])
    names = ds.agencies.set_index("agency_id")["name"]
    annual["agency"] = annual["agency_id"].map(names)
    return annual


def compare_measures(values: pd.DataFrame, years: pd.DataFrame, lang: str = "id",
                     year: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split indicator figures into what can be compared per common measure and what cannot (with why).

    An indicator of an agency is compared when it has a common measure, a figure in the agency's
    compared year (``years``, from :func:`report_years`), a realisasi, and the measure's unit (after
    :func:`lkjip_analysis.compare.crosswalk.normalise_unit`); ``year`` is the year asked for (None = each agency's
    latest), named for agencies that have no data in it. When two indicators of one agency map to the same
    measure, the one with the higher confidence is compared.

    Returns
    -------
    (comparable, not_compared)
        ``comparable``: :data:`COMPARISON_COLUMNS`, one row per measure and agency (``n_agencies`` =
        agencies compared on the measure; ``note`` says when their years differ or the mapping is
        uncertain). ``not_compared``: :data:`NOT_COMPARED_COLUMNS` with ``reason`` (see
        :data:`REASONS`) and ``detail``.
    """
    from ..compare.crosswalk import LOW_CONFIDENCE, measures, normalise_unit

    R = REASONS.get(lang, REASONS["id"])
    m = measures().set_index("id")
    years = years[["agency_id", "year"]].astype({"year": values["year"].dtype}) if len(years) else years
    chosen = values.merge(years, on=["agency_id", "year"], how="inner")
    mapped = chosen["measure"].notna().to_numpy()
    m_unit = chosen["measure"].map(m["unit"])
    same_unit = (normalise_unit(chosen["unit"]).to_numpy() == normalise_unit(m_unit).to_numpy())
    # a realisasi completed from quarters with no numeric target cannot be checked (e.g. quarterly zeros that
    # stand for "not yet evaluated"): not a value to compare
    printed = i18n.t("basis.report")
    unchecked = ((chosen["basis"] != printed) & chosen["capaian"].isna()).to_numpy(dtype=bool, na_value=False)
    has_value = chosen["realisasi"].notna().to_numpy() & ~unchecked
    ok = mapped & same_unit & has_value
    cand = chosen[ok].sort_values(["measure", "agency_id", "measure_confidence"], ascending=[True, True, False],
                                  kind="stable")
    dup = cand.duplicated(["measure", "agency_id"], keep="first").to_numpy()
    comp = cand[~dup].copy()
    kept = comp.set_index(["measure", "agency_id"])["indicator_id"]

    parts = []
    sub = chosen[~mapped]
    parts.append(sub.assign(reason=R["no_measure"], detail=sub["measure_note"].fillna(sub["measure_basis"])))
    sub = chosen[mapped & ~same_unit]
    parts.append(sub.assign(reason=R["unit"], detail=[
        i18n.t("regional.detail_unit", lang, unit=u, measure_unit=mu)
        for u, mu in zip(sub["unit"].fillna("-"), m_unit[mapped & ~same_unit])]))
    sub = chosen[mapped & same_unit & ~has_value]
    parts.append(sub.assign(reason=R["no_value"], detail=np.where(
        sub["realisasi"].notna(), i18n.t("regional.detail_quarters_only", lang),
        sub["capaian_note"].map(i18n.cell_labels("capaian_note", lang)).fillna(sub["capaian_note"]).fillna(""))))
    sub = cand[dup]
    parts.append(sub.assign(reason=R["duplicate"], detail=[
        i18n.t("regional.detail_duplicate", lang, indicator=kept[(ms, a)], measure=ms)
        for ms, a in zip(sub["measure"], sub["agency_id"])]))
    # mapped indicators that have figures, but not in the agency's compared year (or the agency has no such year)
    seen = values[values["measure"].notna() & values["realisasi"].notna()]
    keys = pd.MultiIndex.from_frame(chosen[["agency_id", "indicator_id"]].astype("object"))
    elsewhere = seen[~pd.MultiIndex.from_frame(seen[["agency_id", "indicator_id"]].astype("object")).isin(keys)]
    if len(elsewhere):
        last = elsewhere.sort_values("year").groupby(["agency_id", "indicator_id"], as_index=False).agg(
            years=("year", lambda y: ", ".join(str(int(v)) for v in sorted(set(y)))), row=("year", "idxmax"))
        sub = values.loc[last["row"]].assign(years=last["years"].to_numpy())
        target = years.set_index("agency_id")["year"]
        wanted = sub["agency_id"].map(target)
        if year is not None:
            wanted = wanted.fillna(year)
        sub = sub.assign(year=wanted.astype("Int64").to_numpy(), reason=R["year"], detail=[
            i18n.t("regional.detail_year", lang, year="-" if pd.isna(w) else int(w), years=ys)
            for w, ys in zip(wanted, sub["years"])])
        parts.append(sub)
    not_compared = pd.concat([p_ for p_ in parts if len(p_)], ignore_index=True) if any(len(p_) for p_ in parts) \
        else pd.DataFrame(columns=NOT_COMPARED_COLUMNS)
    order = {r: i for i, r in enumerate([R["unit"], R["year"], R["no_value"], R["duplicate"], R["no_measure"]])}
    not_compared = not_compared.assign(_o=not_compared["reason"].map(order)).sort_values(
        ["_o", "agency_id", "indicator_id"], kind="stable")
    not_compared = not_compared[NOT_COMPARED_COLUMNS].reset_index(drop=True)

    n = comp.groupby("measure")["agency_id"].transform("size")
    n_years = comp.groupby("measure")["year"].transform("nunique")
    comp["n_agencies"] = n.astype("int64")
    comp["measure_name"] = comp["measure"].map(m["name_id" if lang == "id" else "name_en"])
    comp["measure_unit"] = comp["measure"].map(m["unit"])
    notes = []
    for years_n, conf, note in zip(n_years, comp["measure_confidence"], comp["measure_note"]):
        bits = []
        if years_n > 1:
            bits.append(i18n.t("regional.note_years_differ", lang))
        if pd.notna(conf) and conf < LOW_CONFIDENCE:
            bits.append(str(note) if pd.notna(note) else i18n.t("regional.note_uncertain", lang))
        notes.append("; ".join(bits) or None)
    comp["note"] = notes
    comp = comp.sort_values(["measure", "realisasi"], ascending=[True, False], kind="stable")
    return comp[COMPARISON_COLUMNS].reset_index(drop=True), not_compared


#: Headings of this module's own columns (the report layer's HEADINGS name the shared ones).
COLUMN_LABELS = i18n.all_labels("regional_column")


def _labelled(frame: pd.DataFrame, columns: list[str], lang: str) -> tuple[pd.DataFrame, list[str]]:
    """The frame (every column, for the CSV) with this module's columns headed for readers, and the shown ones."""
    labels = {k: v for k, v in COLUMN_LABELS.get(lang, COLUMN_LABELS["id"]).items() if k in columns}
    return frame.rename(columns=labels), [labels.get(c, c) for c in columns]


def _years_label(p: RegionalParams) -> str:
    return _t(p, "latest_label") if p.year is None else _t(p, "year_label", year=p.year)


def _with_year(frame: pd.DataFrame, column: str = "agency") -> pd.Series:
    """Agency labels led by the year of the value (``2019 · Dinas Sosial ...``), so cutting a long name keeps it."""
    return frame["year"].astype(str) + " · " + frame[column].astype("object").fillna(frame["agency_id"])


def _wrapped(title: str, width: int = 70) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(title, width)) or title


# --------------------------------------------------------------------------- sections


def overview(ctx: ReportContext, ds: Dataset, p: RegionalParams) -> pd.DataFrame:
    """Title, dataset facts, the years compared and the per-agency-year summary table; returns the overview frame."""
    ov = analysis.agency_overview(ds, p.category_scale, p.efficiency_method, p.lower_method)
    years = sorted(int(y) for y in ov["year"].dropna().unique())
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "-")
    method = EFFICIENCY_METHODS[p.efficiency_method]
    ctx.say(_t(p, "title", title=p.title))
    ctx.say(_t(p, "intro", n_ag=ov["agency_id"].nunique(), n_ay=len(ov), years=span,
               n_ind=format_number(ov["n_indicators"].sum(), 0, p.lang),
               n_cap=format_number(ov["n_capaian"].sum(), 0, p.lang), scale=p.category_scale, eff=method.name,
               formula=method.formula))
    chosen = report_years(ds, p.year)
    if p.year is None:
        counts = chosen["year"].value_counts().sort_index()
        ctx.say(_t(p, "years_latest", counts=", ".join(_t(p, "n_per_year", year=int(y), n=int(n))
                                                       for y, n in counts.items())))
    else:
        missing = sorted(set(ds.agency_ids) - set(chosen["agency_id"]))
        names = ds.agencies.set_index("agency_id")["name"]
        shown = ", ".join(str(names.get(a, a)) for a in missing[:10]) + (" ..." if len(missing) > 10 else "")
        ctx.say(_t(p, "years_fixed", year=p.year, n=len(chosen),
                   missing=_t(p, "years_missing", year=p.year, names=shown) if missing else ""))
    ctx.table(ov, "ringkasan_instansi", _t(p, "tab_overview"))
    return ov


def distribution(ctx: ReportContext, ds: Dataset, p: RegionalParams) -> None:
    """Capaian distribution per agency in its compared year (boxplots, or histograms per level); kategori counts."""
    ctx.say(_t(p, "h_dist"))
    cap = analysis.annual_capaian(ds, scale=p.category_scale, method=p.lower_method, lang=p.lang)
    cap = cap[cap["capaian"].notna()]
    cap = cap.merge(report_years(ds, p.year).astype({"year": cap["year"].dtype}), on=["agency_id", "year"])
    info = ds.agencies[["agency_id", "name", "level"]].rename(columns={"name": "agency"})
    cap = cap.merge(info, on="agency_id", how="left")
    cap = cap.assign(agency=_with_year(cap))
    ctx.say(_t(p, "dist_note"))
    ctx.figure(plots.plot_capaian_distribution(cap, lang=p.lang), "sebaran_capaian")
    counts = cap.groupby(["level", "kategori"], observed=False).size().rename("jumlah").reset_index()
    ctx.table(counts, "kategori_per_tingkat", _t(p, "tab_kat") + f" ({_years_label(p)})")


def ranking(ctx: ReportContext, ov: pd.DataFrame, p: RegionalParams, ds: Dataset | None = None) -> None:
    """Serapan ranking in each agency's compared year (the year beside each name); no efficiency ranking.

    Budget absorption is the same measure everywhere, so it can be ranked; an agency's efficiency
    (a median over unlike indicators) cannot, and the section says so.
    """
    ctx.say(_t(p, "h_rank"))
    if ds is not None:
        chosen = report_years(ds, p.year).astype({"year": ov["year"].dtype})
        rows = ov.merge(chosen, on=["agency_id", "year"])
    else:
        rows = ov[ov["year"] == p.year] if p.year is not None else \
            ov.sort_values("year").drop_duplicates("agency_id", keep="last")
    ser = rows[rows["serapan"].notna()]
    if ser.empty:
        ctx.say(_t(p, "no_budget"))
    else:
        ser = ser.assign(agency=_with_year(ser))
        ctx.figure(plots.plot_ranking(ser, "serapan", lang=p.lang, title=_t(p, "rank_ser_year", years=_years_label(p))),
                   "peringkat_serapan")
    ctx.say(_t(p, "eff_dropped"))


def measures_section(ctx: ReportContext, ds: Dataset, p: RegionalParams) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per common measure: the agencies reporting it, realisasi and capaian with the year, target ambition.

    Returns ``(comparable, not_compared)`` of :func:`compare_measures`.
    """
    ctx.say(_t(p, "h_measures"))
    values = measure_values(ds, p.crosswalk or None, p.category_scale, p.lower_method, p.lang)
    comp, rest = compare_measures(values, report_years(ds, p.year), p.lang, p.year)
    basis = _t(p, "basis_file", file=p.crosswalk) if p.crosswalk else _t(p, "basis_default")
    ctx.say(_t(p, "measures_note", basis=basis, n_comp=len(comp), n_ag=comp["agency_id"].nunique(),
               n_meas=comp["measure"].nunique()))
    if comp.empty:
        ctx.say(_t(p, "no_measures"))
        return comp, rest
    comp_shown = comp.assign(measure_name=comp["measure_name"] + " (" + comp["measure_unit"] + ")",
                             agency_year=_with_year(comp))
    cols = ["measure_name", "agency_year", "indicator", "realisasi", "capaian", "target", "realisasi_prev",
            "target_ambition", "note"]
    shown, cols = _labelled(comp_shown, cols, p.lang)
    ctx.table(shown, "ukuran_bersama", _t(p, "tab_measures"), columns=cols)
    for measure, group in comp.groupby("measure", sort=True):
        if len(group) < 2:
            continue
        first = group.iloc[0]
        shown = group.assign(agency=_with_year(group))
        unit = str(first["measure_unit"])
        ctx.figure(plots.plot_ranking(shown, "realisasi", lang=p.lang, unit="%" if unit == "%" else "",
                                      title=_wrapped(_t(p, "fig_measure", name=first["measure_name"], unit=unit))),
                   f"ukuran_{measure}")
    return comp, rest


def not_compared_section(ctx: ReportContext, rest: pd.DataFrame, p: RegionalParams) -> None:
    """What cannot be compared and why: counts per reason, then every indicator."""
    ctx.say(_t(p, "h_noncomp"))
    if rest.empty:
        return ctx.say(_t(p, "no_noncomp"))
    counts = rest.groupby("reason", sort=False).size().rename("jumlah").reset_index()
    shown, cols = _labelled(counts, ["reason", "jumlah"], p.lang)
    ctx.table(shown, "tidak_dibandingkan_ringkas", _t(p, "tab_noncomp_sum"), columns=cols)
    rest = rest.assign(agency_year=_with_year(rest))
    shown, cols = _labelled(rest, ["agency_year", "indicator", "unit", "measure", "reason", "detail"], p.lang)
    ctx.table(shown, "tidak_dibandingkan", _t(p, "tab_noncomp"), columns=cols)


def pmks(ctx: ReportContext, ds: Dataset, p: RegionalParams) -> None:
    """PMKS rates of every agency side by side (the year in every label)."""
    ctx.say(_t(p, "h_pmks"))
    table = analysis.pmks_table(ds)
    table = table[table["rate"].notna() | table["reported_pct"].notna()]
    if table.empty:
        return ctx.say(_t(p, "no_pmks"))
    names = ds.agencies.set_index("agency_id")["name"]
    table = table.assign(agency=table["agency_id"].map(names))
    shown = table.assign(label=table["agency"] + " " + table["year"].astype(str) + ": " + table["measure"])
    ctx.table(shown, "pmks", _t(p, "tab_pmks"),
              columns=["agency", "year", "measure", "numerator", "denominator", "rate", "reported_pct"])
    if len(shown) <= 40:
        ctx.figure(plots.plot_pmks(shown, lang=p.lang), "pmks")
        return
    # many agencies: rank agencies (not rows) by the measure most of them report, in each one's compared year
    rated = shown[shown["rate"].notna()]
    rated = rated.merge(report_years(ds, p.year).astype({"year": rated["year"].dtype}), on=["agency_id", "year"])
    if rated.empty:
        ctx.figure(plots.plot_ranking(rated, "rate", lang=p.lang, title="PMKS"), "pmks")
        return
    measure = rated["measure"].value_counts().index[0]
    one = rated[rated["measure"] == measure].drop_duplicates("agency_id", keep="last")
    one = one.assign(agency=_with_year(one))
    ctx.figure(plots.plot_ranking(one, "rate", lang=p.lang,
                                  title=_t(p, "pmks_rank", measure=measure, years=_years_label(p))), "pmks")


def coverage(ctx: ReportContext, ds: Dataset, p: RegionalParams) -> None:
    """Row counts per table for each agency-year and what is missing."""
    ctx.say(_t(p, "h_cov"))
    ctx.table(analysis.coverage_table(ds), "cakupan_data", _t(p, "tab_cov"))


def audit_counts(ctx: ReportContext, ds: Dataset, p: RegionalParams) -> None:
    """Number of audit findings per agency and severity (the all-severity count headed as a count)."""
    from ..checks.audit import audit_summary

    ctx.say(_t(p, "h_audit"))
    counts = audit_summary(ds).rename(columns={"total": "jumlah"})
    ctx.table(counts, "temuan_audit", _t(p, "tab_audit"))
    ctx.say(_t(p, "tab_audit_note"))
