"""The sections of the agency report: each computes with tested functions and shows the result.

A notebook cell is one call: ``sections.capaian(ctx, ds, p)``. A section with no data for the
agency says so in one sentence and never raises.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import i18n
from ..analysis import analysis
from ..formulas.budget import EFFICIENCY_METHODS
from ..formulas.capaian import get_scale
from ..io.loaders import Dataset, load_dataset
from ..model.numbers import format_number
from . import plots
from .context import ReportContext

T = i18n.texts("sections")  # the texts live in lkjip_analysis.i18n


HEADINGS = i18n.all_labels("section_heading")


def _heading(ctx: ReportContext, p: "ReportParams", key: str) -> None:
    ctx.heading(HEADINGS.get(p.lang, HEADINGS["id"])[key])


@dataclass
class ReportParams:
    """The parameters of one agency report, as the notebook receives them."""

    agency_id: str
    year: int
    dataset: str = ""
    category_scale: str = "banjarbaru"
    efficiency_method: str = "capaian_minus_serapan"
    lang: str = "id"
    lower_method: str = "standard"


def setup(agency_id: str, year: int, dataset: str = "", category_scale: str = "banjarbaru",
          efficiency_method: str = "capaian_minus_serapan", lang: str = "id", output_dir: str = "",
          lower_method: str = "standard") -> tuple[ReportContext, Dataset, ReportParams]:
    """Load the dataset and check the parameters; return (context, dataset, params) for the sections."""
    import matplotlib

    matplotlib.use("Agg")
    get_scale(category_scale)
    if efficiency_method not in EFFICIENCY_METHODS:
        from ..exceptions import UnknownMethodError

        raise UnknownMethodError("efficiency method", efficiency_method, tuple(EFFICIENCY_METHODS))
    ds = load_dataset(dataset or None)
    if agency_id not in ds.agency_ids:
        from ..exceptions import UnknownAgencyError

        raise UnknownAgencyError.from_key("error.unknown_agency", agency_id=repr(agency_id))
    params = ReportParams(agency_id, int(year), dataset, category_scale, efficiency_method, lang, lower_method)
    return ReportContext(output_dir=output_dir, lang=lang), ds, params


def _t(p: ReportParams, key: str, **kw) -> str:
    """The text ``key`` in the report's language, formatted (for captions and figure titles: escaped where shown)."""
    return T.get(p.lang, T["id"])[key].format(**kw)


def _say(ctx: ReportContext, p: ReportParams, key: str, **fields) -> None:
    """Show the text ``key`` with ``fields`` (data: names, units, numbers) escaped by the report layer."""
    ctx.say(T.get(p.lang, T["id"])[key], **fields)


def _fmt(p: ReportParams, value, decimals: int = 2) -> str:
    return format_number(value, decimals, p.lang)


def _no_data(ctx: ReportContext, p: ReportParams, what: str) -> None:
    _say(ctx, p, "no_data", what=_t(p, what), year=p.year)


def title(ctx: ReportContext, ds: Dataset, p: ReportParams) -> None:
    """The report heading."""
    name = ds.agencies.set_index("agency_id").at[p.agency_id, "name"]
    head = i18n.t("sections.report_title", p.lang)
    ctx.heading(f"{head}: {name} — {p.year}", level=1)


def ringkasan(ctx: ReportContext, ds: Dataset, p: ReportParams) -> None:
    """Summary: agency, year, indicators per kategori, budget totals, headline IKU, methods used."""
    _heading(ctx, p, "ringkasan")
    s = analysis.agency_summary(ds, p.agency_id, p.year, p.category_scale, p.efficiency_method, p.lower_method,
                                p.lang)
    _say(ctx, p, "intro", name=s["name"], level=s["level"], province=s["province"], year=p.year)
    _say(ctx, p, "n_ind", n=s["n_indicators"], m=s["n_capaian"])
    if pd.notna(s["pagu"]):
        _say(ctx, p, "budget", pagu=_fmt(p, s["pagu"], 0), real=_fmt(p, s["realisasi_anggaran"], 0),
             ser=_fmt(p, s["serapan"]), basis=s["budget_basis"])
    else:
        _say(ctx, p, "no_budget")
    h = s["headline"]
    if h is not None:
        _say(ctx, p, "headline", ind=h["indicator"], t=_fmt(p, h["target"]), r=_fmt(p, h["realisasi"]),
             u=h["unit"], c=_fmt(p, h["capaian"]), k=h["kategori"])
    if s["n_indicators"]:
        ctx.table(s["kategori_counts"], "ringkasan_kategori", _t(p, "tab_kategori"))
    eff = s["efficiency_method"]
    _say(ctx, p, "methods", scale=s["scale"].name, scale_src=s["scale"].source_in(p.lang),
         lower=_t(p, f"lower_{p.lower_method}"), eff=eff.name, eff_formula=eff.formula,
         eff_src=eff.source_in(p.lang))


def capaian(ctx: ReportContext, ds: Dataset, p: ReportParams) -> None:
    """Capaian per indicator: table and chart coloured by kategori."""
    _heading(ctx, p, "capaian")
    table = analysis.annual_capaian(ds, p.agency_id, p.year, p.category_scale, p.lower_method, p.lang)
    table = table[table["target"].notna() | table["realisasi"].notna() | table["target_text"].notna()]
    if table.empty:
        return _no_data(ctx, p, "what_capaian")
    _say(ctx, p, "cap_note")
    cols = ["indicator_id", "indicator", "unit", "target", "target_text", "realisasi", "capaian", "reported_capaian",
            "kategori", "basis", "capaian_note"]
    ctx.table(table, "capaian", _t(p, "tab_capaian", year=p.year), columns=cols)
    ctx.figure(plots.plot_capaian(table, scale=p.category_scale, lang=p.lang), "capaian")


def tren(ctx: ReportContext, ds: Dataset, p: ReportParams) -> None:
    """Multi-year realisasi and capaian; quarterly progression where the data has quarters."""
    _heading(ctx, p, "tren")
    trend = analysis.trend_table(ds, p.agency_id, p.lower_method)
    multi = trend[trend.groupby("indicator_id")["year"].transform("nunique") > 1]
    if multi.empty:
        _no_data(ctx, p, "what_trend")
    else:
        ctx.table(multi, "tren", _t(p, "tab_trend"),
                  columns=["indicator_id", "indicator", "year", "target", "realisasi", "capaian", "reported_capaian",
                           "yoy_realisasi"])
        ctx.figure(plots.plot_trend(multi, lang=p.lang), "tren")
    quarterly = analysis.quarterly_table(ds, p.agency_id, p.year, p.lower_method)
    if quarterly.empty:
        _no_data(ctx, p, "what_quarter")
        return
    ctx.table(quarterly, "triwulan", _t(p, "tab_quarter", year=p.year),
              columns=["indicator_id", "indicator", "aggregation", "period", "target", "realisasi", "capaian",
                       "reported_capaian", "target_to_date", "realisasi_to_date", "capaian_to_date"])
    ctx.figure(plots.plot_quarterly(quarterly, lang=p.lang), "triwulan")


def pmks(ctx: ReportContext, ds: Dataset, p: ReportParams) -> None:
    """PMKS: population/terdata, handled/mandiri, rate vs printed; progress to the end target and pace needed."""
    _heading(ctx, p, "pmks")
    table = analysis.pmks_table(ds, p.agency_id, p.year, p.lang)
    progress = analysis.progress_table(ds, p.agency_id, p.year)
    if table.empty and progress.empty:
        return _no_data(ctx, p, "what_pmks")
    if not table.empty:
        from ..formulas.pmks import pmks_handled_needed

        for _, row in table.iterrows():
            if pd.notna(row["rate"]):
                _say(ctx, p, "pmks_line", label=row["label"], n=_fmt(p, row["numerator"], 0),
                     d=_fmt(p, row["denominator"], 0), rate=_fmt(p, row["rate"]),
                     rep=_fmt(p, row["reported_pct"]))
            elif pd.notna(row["reported_pct"]) and pd.notna(row["denominator"]):
                implied = pmks_handled_needed(row["denominator"], row["reported_pct"])
                _say(ctx, p, "pmks_implied", label=row["label"], d=_fmt(p, row["denominator"], 0),
                     rep=_fmt(p, row["reported_pct"]), implied=_fmt(p, implied, 0), unit=row["count_unit"])
        ctx.table(table, "pmks", _t(p, "tab_pmks"),
                  columns=["label", "numerator", "denominator", "count_unit", "rate", "reported_pct"])
        ctx.figure(plots.plot_pmks(table, lang=p.lang), "pmks")
    if progress.empty:
        return _no_data(ctx, p, "what_progress")
    for _, row in progress.iterrows():
        key = ("progress_done" if row["tingkat_kemajuan"] >= 100 else
               "progress" if row["years_left"] > 0 else "progress_late")
        _say(ctx, p, key, ind=row["indicator"], r=_fmt(p, row["realisasi"]), t=_fmt(p, row["target_akhir"]),
             ty=int(row["target_akhir_year"]), pct=_fmt(p, row["tingkat_kemajuan"]),
             pace=_fmt(p, row["pace_needed"]), yl=_fmt(p, row["years_left"], 0))
    ctx.table(progress, "kemajuan", _t(p, "tab_progress"),
              columns=["indicator_id", "indicator", "realisasi", "target_akhir", "target_akhir_year",
                       "tingkat_kemajuan", "years_left", "pace_needed"])


def efisiensi(ctx: ReportContext, ds: Dataset, p: ReportParams) -> None:
    """Budget per program/kegiatan, efficiency per indicator by the chosen method, capaian-vs-serapan chart."""
    _heading(ctx, p, "efisiensi")
    lines = analysis.budget_lines(ds, p.agency_id, p.year)
    if lines.empty:
        _no_data(ctx, p, "what_budget")
    else:
        ctx.table(analysis.budget_summary(ds, p.agency_id), "anggaran_total", _t(p, "tab_budget_sum"))
        ctx.table(lines, "anggaran", _t(p, "tab_budget", year=p.year),
                  columns=["budget_table", "line_type", "program", "kegiatan", "funding_source", "pagu", "realisasi",
                           "serapan", "reported_pct", "sisa", "reported_sisa"])
        detail = lines[lines["line_type"] != "total"]
        ctx.figure(plots.plot_budget(detail if not detail.empty else lines, lang=p.lang), "anggaran")
    eff = analysis.efficiency_table(ds, p.agency_id, p.year, p.efficiency_method, p.lower_method, p.lang)
    if eff.empty:
        return _no_data(ctx, p, "what_eff")
    ctx.table(eff, "efisiensi", _t(p, "tab_eff", method=p.efficiency_method),
              columns=["indicator_id", "indicator", "capaian", "pagu", "realisasi_anggaran", "serapan", "serapan_basis",
                       "efisiensi", "efisiensi_kategori", "reported_efisiensi"])
    ctx.figure(plots.plot_capaian_vs_serapan(eff, lang=p.lang), "capaian_vs_serapan")


def perbandingan(ctx: ReportContext, ds: Dataset, p: ReportParams) -> None:
    """Comparison with other regions, RPJMD/Renstra and national targets; AKIP scores where present."""
    _heading(ctx, p, "perbandingan")
    comp = analysis.comparison_table(ds, p.agency_id, p.year)
    if comp.empty:
        _no_data(ctx, p, "what_comp")
    else:
        ctx.table(comp, "perbandingan", _t(p, "tab_comp"),
                  columns=["indicator_id", "indicator", "kind", "region", "year", "value", "value_text"])
        ctx.figure(plots.plot_comparison(comp, lang=p.lang), "perbandingan")
    akip = analysis.akip_table(ds, p.agency_id)
    if akip.empty:
        return _no_data(ctx, p, "what_akip")
    ctx.table(akip, "akip", _t(p, "tab_akip"))


def kualitas(ctx: ReportContext, ds: Dataset, p: ReportParams) -> None:
    """Data-quality notes: the audit findings of this agency's report (errors and warnings first)."""
    from ..checks.audit import audit

    _heading(ctx, p, "kualitas")
    findings = audit(ds, agency=p.agency_id, lang=p.lang)
    sources = set(ds.performance.loc[(ds.performance["agency_id"] == p.agency_id)
                                     & (ds.performance["year"] == p.year), "source"].dropna())
    sources |= set(ds.budget.loc[(ds.budget["agency_id"] == p.agency_id) & (ds.budget["year"] == p.year),
                                 "source"].dropna())
    findings = findings[findings["source"].isin(sources) | findings["year"].eq(p.year).fillna(False)]
    from ..formulas.pmks import measure_label
    from .context import cite_sources

    def readable_key(table: str, key: str) -> str:  # "pmks_mandiri 2019" -> "PMKS mandiri 2019"
        if table != "pmks" or not isinstance(key, str):
            return key
        code, _, rest = key.partition(" ")
        return f"{measure_label(code, p.lang)} {rest}".strip()

    findings = cite_sources(findings, ds, p.lang).assign(
        reported=pd.to_numeric(findings["reported"], errors="coerce"),
        recomputed=pd.to_numeric(findings["recomputed"], errors="coerce"),
        key=[readable_key(t, k) for t, k in zip(findings["table"], findings["key"])])
    if findings.empty:
        return _say(ctx, p, "audit_none")
    counts = findings["severity"].value_counts()
    _say(ctx, p, "audit_intro", e=counts.get("error", 0), w=counts.get("warning", 0), i=counts.get("info", 0))
    ctx.table(findings, "audit", _t(p, "tab_audit"),
              columns=["severity", "table", "key", "reported", "recomputed", "message", "source", "source_line"])
