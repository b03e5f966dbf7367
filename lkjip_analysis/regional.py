"""The sections of the regional comparison notebook (all agencies and years of a dataset).

Everything is aggregated: one table row per agency-year at most (long tables are paginated
in the display and complete in the CSV) and figures that stay readable for thousands of agencies
(histograms per government level, top/bottom rankings with one bar per agency). Every section is
vectorised over the whole dataset (no per-agency loop), so 10 000 agency-years take seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import analysis, plots
from .budget import EFFICIENCY_METHODS
from .capaian import get_scale
from .loaders import Dataset, load_dataset
from .numbers import format_number
from .report import ReportContext

T = {
    "id": {
        "title": "# {title}",
        "intro": "Dataset: **{n_ag}** instansi, **{n_ay}** instansi-tahun ({years}); **{n_ind}** baris capaian "
                 "tahunan, **{n_cap}** dengan capaian yang dapat dihitung. Metode: skala **{scale}**, efisiensi "
                 "**{eff}** ({formula}).",
        "h_dist": "## Sebaran capaian per instansi",
        "dist_note": "Median capaian semua indikator (satuan berbeda-beda; median dipakai sebagai ringkasan yang "
                     "diberi label jelas, bukan rata-rata antar satuan).",
        "h_rank": "## Peringkat serapan anggaran dan efisiensi",
        "h_pmks": "## Angka PMKS berdampingan", "h_cov": "## Apa yang dilaporkan dan yang tidak ada",
        "tab_overview": "Ringkasan per instansi-tahun", "tab_kat": "Jumlah indikator per kategori per tingkat",
        "tab_pmks": "Angka PMKS per instansi", "tab_cov": "Jumlah baris per tabel (0 = tidak dilaporkan)",
        "no_pmks": "Tidak ada instansi dengan data PMKS di dataset ini.",
        "no_budget": "Tidak ada instansi dengan data anggaran di dataset ini.",
        "no_eff": "Tidak ada instansi dengan efisiensi per indikator (anggaran yang dikaitkan ke indikator).",
        "rank_ser": "Serapan anggaran", "rank_eff": "Efisiensi ({method})",
        "h_audit": "## Temuan audit kualitas data per instansi",
        "tab_audit": "Jumlah temuan per instansi dan tingkat (error = hitungan yang tidak mungkin benar)",
        "pmks_rank": "PMKS: {measure} (tahun terakhir tiap instansi)",
    },
    "en": {
        "title": "# {title}",
        "intro": "Dataset: **{n_ag}** agencies, **{n_ay}** agency-years ({years}); **{n_ind}** annual indicator rows, "
                 "**{n_cap}** with a computable achievement (capaian). Methods: scale **{scale}**, efficiency "
                 "**{eff}** ({formula}).",
        "h_dist": "## Achievement (capaian) distribution per agency",
        "dist_note": "Median achievement across indicators (units differ; the median is a clearly labelled summary, "
                     "not an average across units).",
        "h_rank": "## Ranking by budget absorption (serapan) and efficiency",
        "h_pmks": "## PMKS rates side by side", "h_cov": "## What each agency reports and lacks",
        "tab_overview": "Summary per agency-year", "tab_kat": "Indicators per category and government level",
        "tab_pmks": "PMKS figures per agency", "tab_cov": "Rows per table (0 = not reported)",
        "no_pmks": "No agency in this dataset has PMKS data.",
        "no_budget": "No agency in this dataset has budget data.",
        "no_eff": "No agency has per-indicator efficiency (budget linked to indicators).",
        "rank_ser": "Budget absorption (serapan)", "rank_eff": "Efficiency ({method})",
        "h_audit": "## Data-quality audit findings per agency",
        "tab_audit": "Findings per agency and severity (error = arithmetic that cannot be right)",
        "pmks_rank": "PMKS: {measure} (latest year of each agency)",
    },
}


@dataclass
class RegionalParams:
    """Parameters of the regional comparison."""

    title: str
    dataset: str = ""
    category_scale: str = "banjarbaru"
    efficiency_method: str = "capaian_minus_serapan"
    lang: str = "id"
    lower_method: str = "standard"


def setup(title: str = "", dataset: str = "", category_scale: str = "banjarbaru",
          efficiency_method: str = "capaian_minus_serapan", lang: str = "id", output_dir: str = "",
          lower_method: str = "standard") -> tuple[ReportContext, Dataset, RegionalParams]:
    """Load the dataset and check the parameters."""
    import matplotlib

    matplotlib.use("Agg")
    get_scale(category_scale)
    if efficiency_method not in EFFICIENCY_METHODS:
        from .exceptions import UnknownMethodError

        raise UnknownMethodError("efficiency method", efficiency_method, tuple(EFFICIENCY_METHODS))
    ds = load_dataset(dataset or None)
    default = "Perbandingan kinerja antar instansi" if lang == "id" else "Comparison across agencies"
    p = RegionalParams(title or default, dataset, category_scale, efficiency_method, lang, lower_method)
    return ReportContext(output_dir=output_dir, lang=lang, max_rows=40), ds, p


def _t(p: RegionalParams, key: str, **kw) -> str:
    return T.get(p.lang, T["id"])[key].format(**kw)


def overview(ctx: ReportContext, ds: Dataset, p: RegionalParams) -> pd.DataFrame:
    """Title, dataset facts and the per-agency-year summary table; returns the overview frame."""
    ov = analysis.agency_overview(ds, p.category_scale, p.efficiency_method, p.lower_method)
    years = sorted(int(y) for y in ov["year"].dropna().unique())
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "-")
    method = EFFICIENCY_METHODS[p.efficiency_method]
    ctx.say(_t(p, "title", title=p.title))
    ctx.say(_t(p, "intro", n_ag=ov["agency_id"].nunique(), n_ay=len(ov), years=span,
               n_ind=format_number(ov["n_indicators"].sum(), 0, p.lang),
               n_cap=format_number(ov["n_capaian"].sum(), 0, p.lang), scale=p.category_scale, eff=method.name,
               formula=method.formula))
    ctx.table(ov, "ringkasan_instansi", _t(p, "tab_overview"))
    return ov


def distribution(ctx: ReportContext, ds: Dataset, p: RegionalParams) -> None:
    """Capaian distribution per agency (boxplots, or histograms per level for many agencies); kategori counts."""
    ctx.say(_t(p, "h_dist"))
    cap = analysis.annual_capaian(ds, scale=p.category_scale, method=p.lower_method, lang=p.lang)
    cap = cap[cap["capaian"].notna()]
    info = ds.agencies[["agency_id", "name", "level"]].rename(columns={"name": "agency"})
    cap = cap.merge(info, on="agency_id", how="left")
    ctx.say(_t(p, "dist_note"))
    ctx.figure(plots.plot_capaian_distribution(cap, lang=p.lang), "sebaran_capaian")
    counts = cap.groupby(["level", "kategori"], observed=False).size().rename("jumlah").reset_index()
    ctx.table(counts, "kategori_per_tingkat", _t(p, "tab_kat"))


def ranking(ctx: ReportContext, ov: pd.DataFrame, p: RegionalParams) -> None:
    """Serapan and efficiency rankings (top and bottom when there are many agencies)."""
    ctx.say(_t(p, "h_rank"))
    latest = ov.sort_values("year").drop_duplicates("agency_id", keep="last")
    ser = latest[latest["serapan"].notna()]
    if ser.empty:
        ctx.say(_t(p, "no_budget"))
    else:
        ctx.figure(plots.plot_ranking(ser, "serapan", lang=p.lang, title=_t(p, "rank_ser")), "peringkat_serapan")
    eff = latest[latest["efisiensi"].notna()]
    if eff.empty:
        ctx.say(_t(p, "no_eff"))
    else:
        unit = "" if p.efficiency_method == "ratio" else "%"
        ctx.figure(plots.plot_ranking(eff, "efisiensi", lang=p.lang, unit=unit,
                                      title=_t(p, "rank_eff", method=p.efficiency_method)), "peringkat_efisiensi")


def pmks(ctx: ReportContext, ds: Dataset, p: RegionalParams) -> None:
    """PMKS rates of every agency side by side."""
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
    # many agencies: rank agencies (not rows) by the measure most of them report, in each one's latest year
    rated = shown[shown["rate"].notna()]
    if rated.empty:
        ctx.figure(plots.plot_ranking(rated, "rate", lang=p.lang, title="PMKS"), "pmks")
        return
    measure = rated["measure"].value_counts().index[0]
    one = rated[rated["measure"] == measure].sort_values("year", kind="stable").drop_duplicates("agency_id", keep="last")
    one = one.assign(agency=one["agency"] + " (" + one["year"].astype(str) + ")")
    ctx.figure(plots.plot_ranking(one, "rate", lang=p.lang, title=_t(p, "pmks_rank", measure=measure)), "pmks")


def coverage(ctx: ReportContext, ds: Dataset, p: RegionalParams) -> None:
    """Row counts per table for each agency-year and what is missing."""
    ctx.say(_t(p, "h_cov"))
    ctx.table(analysis.coverage_table(ds), "cakupan_data", _t(p, "tab_cov"))


def audit_counts(ctx: ReportContext, ds: Dataset, p: RegionalParams) -> None:
    """Number of audit findings per agency and severity."""
    from .audit import audit_summary

    ctx.say(_t(p, "h_audit"))
    ctx.table(audit_summary(ds), "temuan_audit", _t(p, "tab_audit"))
