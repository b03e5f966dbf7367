"""Data-quality audit: recompute every figure a report prints and flag what does not add up.

Each rule is a function ``rule(ds) -> list[dict]`` registered in :data:`RULES`; :func:`audit`
runs them all and returns one row per finding.

Tolerance follows the precision the report printed: a figure printed with ``d`` decimals is
compared with the recomputed value rounded to ``d`` decimals (half a unit of the last printed
digit, plus a hair for float noise), so honest rounding is never flagged. Beyond that:

- ``warning`` — off by at most one unit of the last printed digit (a rounding slip, e.g. 90,90 for
  90,8936), or an ambiguous figure;
- ``error`` — arithmetic that cannot be right;
- ``info`` — a method choice (e.g. which efficiency formula reproduces a stated figure).

The dataset stores numbers, not their printed text, so a trailing zero is not seen: ``90,90`` is
stored as 90.9 and compared at one decimal (more lenient, never stricter, than the print).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd

from .akip import akip_total, predikat_akip
from .analysis import _table_totals, capaian_table
from .budget import EFFICIENCY_METHODS, efisiensi, serapan, sisa
from .capaian import LOWER_METHODS, capaian
from .loaders import Dataset
from .pmks import pmks_rate

COLUMNS = ["agency_id", "year", "table", "key", "source", "source_line", "rule", "reported", "recomputed",
           "difference", "severity", "message"]
SEVERITIES = ("error", "warning", "info")
SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}


def printed_decimals(value: float, max_decimals: int = 4) -> int:
    """Number of decimals a figure was printed with, as far as the stored float tells.

    Examples
    --------
    >>> printed_decimals(103.2), printed_decimals(100.0), printed_decimals(31.89)
    (1, 0, 2)
    """
    if value is None or not math.isfinite(value):
        return 0
    for d in range(max_decimals + 1):
        if abs(round(value, d) - value) < 1e-9 * max(1.0, abs(value)):
            return d
    return max_decimals


def compare(reported: float, recomputed: float) -> str | None:
    """Severity of the gap between a printed and a recomputed figure (None = consistent).

    Examples
    --------
    >>> compare(31.89, 31.8936) is None
    True
    >>> compare(90.88, 90.8936)
    'warning'
    >>> compare(60.85, 60.352)
    'error'
    """
    d = printed_decimals(reported)
    unit = 10.0 ** -d
    gap = abs(reported - recomputed)
    if gap <= unit / 2 + 1e-9 * max(1.0, abs(reported)):
        return None
    if gap <= unit * 1.5:
        return "warning"
    return "error"


def _finding(row: pd.Series | dict, table: str, key: str, rule: str, reported, recomputed, severity: str,
             message: str) -> dict:
    numeric = all(isinstance(v, (int, float, np.number)) and not pd.isna(v) for v in (reported, recomputed))
    diff = float(reported) - float(recomputed) if numeric else np.nan
    return {
        "agency_id": row["agency_id"], "year": row.get("year", pd.NA), "table": table, "key": key,
        "source": row.get("source"), "source_line": row.get("source_line"), "rule": rule,
        "reported": reported, "recomputed": recomputed, "difference": diff, "severity": severity, "message": message,
    }


MESSAGES = {
    "id": {
        "zero_target": "capaian {rep}% tercetak untuk target 0: capaian tidak terdefinisi",
        "zero_target_same": "capaian {rep}% tercetak untuk target 0: capaian tidak terdefinisi (angka sama dengan "
                            "realisasi)",
        "lower_method": "capaian tercetak mengikuti rumus indikator menurun '{method}', bukan 'standard'",
        "repeats_real": "capaian tercetak sama dengan realisasi ({real}), padahal target {target} memberi {comp}%",
        "capaian": "capaian tercetak {rep}%, dari target {target} dan realisasi {real} dihitung {comp}%",
        "repeats": "'capaian' {rep} hanya mengulang realisasi; target tahun itu tidak tercetak sehingga capaian tidak "
                   "dapat diperiksa",
        "repeats_other_target": "'capaian' {rep} hanya mengulang realisasi; target tahun itu tidak tercetak sehingga "
                                "capaian tidak dapat diperiksa; indikator ini punya target {target} pada tahun lain",
        "garbled_pct": "persentase tercetak {rep}% bukan persentase (tampaknya nominal uang)",
        "budget_pct": "serapan tercetak {rep}%, dari pagu dan realisasi dihitung {comp}%",
        "budget_sisa": "sisa tercetak Rp {rep}, pagu − realisasi = Rp {comp}",
        "budget_total": "total {col} tercetak Rp {rep}, jumlah {n} baris Rp {comp} (selisih Rp {diff})",
        "stated_total": "{same} sama (Rp {va}) tetapi {other} berbeda: {tc} Rp {oc}, {ta} Rp {oa}",
        "eff_found": "efisiensi tercetak {rep} direproduksi oleh: {names}",
        "eff_rounding": "efisiensi tercetak {rep} direproduksi oleh {name} ({basis}) = {value} hanya dengan "
                        "pembulatan yang berbeda",
        "eff_none": "tidak ada metode yang mereproduksi efisiensi tercetak {rep}; terdekat {name} ({basis}) = {value}",
        "eff_unchecked": "efisiensi tercetak tidak dapat diperiksa: tidak ada capaian maupun anggaran terkait",
        "eff_summary": "metode efisiensi yang mereproduksi angka tercetak terbanyak: {method} ({formula}) untuk {n} "
                       "dari {total} angka",
        "pmks": "{num} / {den} × 100 = {comp}%, tercetak {rep}%",
        "akip_total": "nilai total tercetak {rep}, jumlah komponen {comp}",
        "akip_predikat": "predikat tercetak {rep}, nilai {score} masuk pita {band}",
        "dihitung": "dihitung", "tercetak": "tercetak",
    },
    "en": {
        "zero_target": "achievement {rep}% printed for a zero target: achievement is undefined",
        "zero_target_same": "achievement {rep}% printed for a zero target: achievement is undefined (it repeats the "
                            "actual)",
        "lower_method": "the printed achievement follows the lower-is-better formula '{method}', not 'standard'",
        "repeats_real": "the printed achievement repeats the actual ({real}) although target {target} gives {comp}%",
        "capaian": "printed achievement {rep}%; target {target} and actual {real} give {comp}%",
        "repeats": "'achievement' {rep} merely repeats the actual; that year's target is not printed, so it cannot be "
                   "checked",
        "repeats_other_target": "'achievement' {rep} merely repeats the actual; that year's target is not printed, so "
                                "it cannot be checked; the indicator has target {target} in another year",
        "garbled_pct": "printed percentage {rep}% is not a percentage (it looks like a money amount)",
        "budget_pct": "printed absorption {rep}%; allocation and spending give {comp}%",
        "budget_sisa": "printed unspent IDR {rep}; allocation − spending = IDR {comp}",
        "budget_total": "printed total {col} IDR {rep}; the {n} rows add up to IDR {comp} (difference IDR {diff})",
        "stated_total": "same {same} (IDR {va}) but different {other}: {tc} IDR {oc}, {ta} IDR {oa}",
        "eff_found": "printed efficiency {rep} is reproduced by: {names}",
        "eff_rounding": "printed efficiency {rep} is reproduced by {name} ({basis}) = {value} only with different "
                        "rounding",
        "eff_none": "no method reproduces the printed efficiency {rep}; closest {name} ({basis}) = {value}",
        "eff_unchecked": "printed efficiency cannot be checked: no linked achievement or budget",
        "eff_summary": "efficiency method reproducing most printed figures: {method} ({formula}) for {n} of {total}",
        "pmks": "{num} / {den} × 100 = {comp}%, printed {rep}%",
        "akip_total": "printed total score {rep}; the components add up to {comp}",
        "akip_predikat": "printed grade {rep}; score {score} falls in band {band}",
        "dihitung": "computed", "tercetak": "printed",
    },
}


class _Message:
    """A finding's message, rendered in the caller's language when the audit result is built."""

    def __init__(self, key: str, **values):
        self.key = key
        self.values = values

    def render(self, lang: str) -> str:
        from .numbers import format_number

        texts = MESSAGES.get(lang, MESSAGES["id"])
        values = {k: (format_number(v, 2, lang) if isinstance(v, (int, float, np.number)) and not isinstance(v, bool)
                      else texts.get(v, v) if isinstance(v, str) else v) for k, v in self.values.items()}
        if "names" in values:  # "method (basis), ..." with the basis translated
            for word in ("dihitung", "tercetak"):
                values["names"] = values["names"].replace(f"({word})", f"({texts[word]})")
        return texts[self.key].format(**values)


def _m(key: str, **values) -> _Message:
    return _Message(key, **values)


# --------------------------------------------------------------------------- capaian rules


def _capaian_rule(ds: Dataset, quarterly: bool) -> list[dict]:
    table = capaian_table(ds)
    perf = table[(table["period"] != "annual") if quarterly else (table["period"] == "annual")]
    rule = "quarterly_capaian" if quarterly else "capaian"
    out = []
    for _, row in perf[perf["reported_capaian"].notna()].iterrows():
        key = f"{row['indicator_id']} {row['year']} {row['period']}"
        rep = float(row["reported_capaian"])
        target, real = row["target"], row["realisasi"]
        if pd.notna(target) and target == 0:
            if rep != 0:
                out.append(_finding(row, "performance", key, rule, rep, None, "warning",
                                    _m("zero_target_same" if pd.notna(real) and rep == real else "zero_target",
                                       rep=rep)))
            continue
        if pd.isna(row["capaian"]):
            continue
        comp = float(row["capaian"])
        severity = compare(rep, comp)
        if severity is None:
            continue
        if row["polarity"] == "lower":
            other = [m for m in LOWER_METHODS if m != "standard"
                     and compare(rep, float(capaian(target, real, "lower", method=m))) is None]
            if other:
                out.append(_finding(row, "performance", key, rule, rep, comp, "info",
                                    _m("lower_method", method=other[0])))
                continue
        if pd.notna(real) and rep == real and rep != comp:
            out.append(_finding(row, "performance", key, rule, rep, comp, "error",
                                _m("repeats_real", real=real, target=target, comp=comp)))
            continue
        out.append(_finding(row, "performance", key, rule, rep, comp, severity,
                            _m("capaian", rep=rep, target=target, real=real, comp=comp)))
    return out


def rule_capaian(ds: Dataset) -> list[dict]:
    """Annual capaian vs target and realisasi (both polarities)."""
    return _capaian_rule(ds, quarterly=False)


def rule_quarterly_capaian(ds: Dataset) -> list[dict]:
    """Quarterly capaian vs the quarter's target and realisasi."""
    return _capaian_rule(ds, quarterly=True)


def rule_capaian_repeats_realisasi(ds: Dataset) -> list[dict]:
    """Multi-year rows whose printed capaian merely repeats realisasi while no target backs it."""
    perf = ds.performance
    rows = perf[(perf["period"] == "annual") & perf["target"].isna() & perf["reported_capaian"].notna()
                & (perf["reported_capaian"] == perf["realisasi"]) & (perf["realisasi"] != 100)]
    targets = perf[perf["target"].notna() & (perf["period"] == "annual")].groupby(
        ["agency_id", "indicator_id"])["target"].last()
    out = []
    for _, row in rows.iterrows():
        t = targets.get((row["agency_id"], row["indicator_id"]))
        key = "repeats_other_target" if t is not None else "repeats"
        out.append(_finding(row, "performance", f"{row['indicator_id']} {row['year']} {row['period']}",
                            "capaian_repeats_realisasi", float(row["reported_capaian"]), None, "warning",
                            _m(key, rep=row["reported_capaian"], target=t)))
    return out


# --------------------------------------------------------------------------- budget rules


def _line_key(row: pd.Series) -> str:
    name = row["kegiatan"] if pd.notna(row["kegiatan"]) else (row["program"] if pd.notna(row["program"]) else "")
    return f"{row['budget_table']} #{row['line_no']} {str(name)[:50]}".strip()


def rule_budget_pct(ds: Dataset) -> list[dict]:
    """Printed budget percentage vs realisasi / pagu × 100; a 'percentage' that is really a money amount."""
    b = ds.budget
    out = []
    for _, row in b[b["reported_pct"].notna()].iterrows():
        rep = float(row["reported_pct"])
        if rep > 1000:
            out.append(_finding(row, "budget", _line_key(row), "garbled_percentage", rep, None, "error",
                                _m("garbled_pct", rep=rep)))
            continue
        if pd.isna(row["pagu"]) or pd.isna(row["realisasi"]) or row["pagu"] == 0:
            continue
        comp = float(serapan(row["pagu"], row["realisasi"]))
        severity = compare(rep, comp)
        if severity:
            out.append(_finding(row, "budget", _line_key(row), "budget_pct", rep, comp, severity,
                                _m("budget_pct", rep=rep, comp=comp)))
    return out


def rule_budget_sisa(ds: Dataset) -> list[dict]:
    """Printed sisa anggaran vs pagu − realisasi."""
    b = ds.budget
    out = []
    rows = b[b["reported_sisa"].notna() & b["pagu"].notna() & b["realisasi"].notna()]
    for _, row in rows.iterrows():
        comp = float(sisa(row["pagu"], row["realisasi"]))
        rep = float(row["reported_sisa"])
        if abs(rep - comp) > 0.5:
            out.append(_finding(row, "budget", _line_key(row), "budget_sisa", rep, comp, "error",
                                _m("budget_sisa", rep=rep, comp=comp)))
    return out


def leaf_lines(group: pd.DataFrame) -> pd.DataFrame:
    """The lines of one budget table that a total adds up: kegiatan lines, plus program lines without kegiatan.

    A program line whose program also names kegiatan lines in the table is a subtotal and is left out.
    """
    keg = group[group["line_type"] == "kegiatan"]
    parents = set(keg["program"].dropna())
    progs = group[(group["line_type"] == "program") & ~group["program"].isin(parents)]
    return pd.concat([keg, progs]).sort_values("line_no")


def rule_budget_total(ds: Dataset) -> list[dict]:
    """Every budget table's total line vs the sum of its rows (kegiatan, and programs without kegiatan)."""
    b = ds.budget
    out = []
    for (agency, year, name), group in b.groupby(["agency_id", "year", "budget_table"], sort=False):
        totals = group[group["line_type"] == "total"]
        rows = leaf_lines(group)
        if totals.empty or rows.empty:
            continue
        total = totals.iloc[-1]
        for col in ("pagu", "realisasi"):
            if pd.isna(total[col]) or rows[col].isna().all():
                continue
            summed = float(rows[col].sum())
            if abs(float(total[col]) - summed) > 0.5:
                out.append(_finding(total, "budget", f"{name} total {col}", "budget_total", float(total[col]),
                                    summed, "error",
                                    _m("budget_total", col=col, rep=total[col], n=len(rows), comp=summed,
                                       diff=float(total[col]) - summed)))
    return out


def rule_stated_totals(ds: Dataset) -> list[dict]:
    """Totals of the same budget stated twice (text vs table, or two tables) that disagree.

    Two total lines of one agency-year and funding source that agree on pagu but not on realisasi
    (or the reverse) describe the same budget with different figures.
    """
    b = ds.budget
    totals = b[b["line_type"] == "total"]
    out = []
    for (agency, year, fund), group in totals.groupby(["agency_id", "year", "funding_source"], sort=False):
        rows = list(group.itertuples(index=False))
        for i, a in enumerate(rows):
            for c in rows[i + 1:]:
                if a.budget_table == c.budget_table:
                    continue
                for same, other in (("pagu", "realisasi"), ("realisasi", "pagu")):
                    va, vc = getattr(a, same), getattr(c, same)
                    oa, oc = getattr(a, other), getattr(c, other)
                    if pd.notna(va) and va == vc and pd.notna(oa) and pd.notna(oc) and abs(oa - oc) > 0.5:
                        row = c._asdict()
                        out.append(_finding(row, "budget", f"{a.budget_table} vs {c.budget_table}", "stated_total",
                                            float(oc), float(oa), "error",
                                            _m("stated_total", same=same, va=va, other=other, tc=c.budget_table,
                                               oc=oc, ta=a.budget_table, oa=oa)))
    return out


# --------------------------------------------------------------------------- efficiency


def rule_efficiency(ds: Dataset) -> list[dict]:
    """Which efficiency method reproduces each stated efficiency figure (info), or none (error)."""
    eff = ds.efficiency
    if eff.empty:
        return []
    cap = capaian_table(ds, period="annual").set_index(["agency_id", "indicator_id", "year"])["capaian"]
    lines = ds.budget[ds.budget["indicator_id"].notna()]
    per_table = _table_totals(lines)
    first = lines.groupby(["agency_id", "year", "budget_table"], as_index=False)["indicator_id"].first()
    per_table = per_table.merge(first, on=["agency_id", "year", "budget_table"])
    per_table = per_table[per_table["pagu"].notna() & per_table["realisasi"].notna()]
    money = per_table.groupby(["agency_id", "year", "indicator_id"])[["pagu", "realisasi"]].sum()
    out = []
    tally: dict = {}
    stated: dict = {}
    for _, row in eff[eff["reported_efisiensi"].notna()].iterrows():
        key3 = (row["agency_id"], row["indicator_id"], row["year"])
        candidates: dict[str, tuple[float, float]] = {}
        comp_cap = cap.get(key3, np.nan)
        comp_ser = np.nan
        if (row["agency_id"], row["year"], row["indicator_id"]) in money.index:
            m = money.loc[(row["agency_id"], row["year"], row["indicator_id"])]
            comp_ser = float(serapan(m["pagu"], m["realisasi"]))
        if pd.notna(comp_cap) or pd.notna(comp_ser):
            candidates["dihitung"] = (comp_cap, comp_ser)
        rep_cap = row["reported_capaian"] if pd.notna(row["reported_capaian"]) else comp_cap
        rep_ser = row["reported_serapan"] if pd.notna(row["reported_serapan"]) else comp_ser
        if pd.notna(row["reported_capaian"]) or pd.notna(row["reported_serapan"]):
            candidates["tercetak"] = (rep_cap, rep_ser)
        rep = float(row["reported_efisiensi"])
        matches = []
        best = None
        for basis, (c, s) in candidates.items():
            for name in EFFICIENCY_METHODS:
                value = float(efisiensi(c, s, method=name))
                if math.isnan(value):
                    continue
                if best is None or abs(value - rep) < abs(best[2] - rep):
                    best = (name, basis, value)
                if compare(rep, value) is None:
                    matches.append((name, basis, value))
        key = f"{row['indicator_id']} {row['year']}"
        if matches:
            name, basis, value = matches[0]
            names = ", ".join(dict.fromkeys(f"{n} ({b})" for n, b, _ in matches))
            out.append(_finding(row, "efficiency", key, "efficiency_method", rep, value, "info",
                                _m("eff_found", rep=rep, names=names)))
        elif best is not None and compare(rep, best[2]) == "warning":
            name, basis, value = best
            out.append(_finding(row, "efficiency", key, "efficiency_method", rep, value, "warning",
                                _m("eff_rounding", rep=rep, name=name, basis=basis, value=value)))
        elif best is not None:
            name, basis, value = best
            out.append(_finding(row, "efficiency", key, "efficiency_method", rep, value, "error",
                                _m("eff_none", rep=rep, name=name, basis=basis, value=value)))
        else:
            out.append(_finding(row, "efficiency", key, "efficiency_method", rep, None, "warning",
                                _m("eff_unchecked")))
        for n, _b, _v in matches + ([best] if best is not None and not matches and compare(rep, best[2]) == "warning"
                                    else []):
            tally.setdefault((row["agency_id"], row["year"]), {}).setdefault(n, set()).add(row["indicator_id"])
        stated.setdefault((row["agency_id"], row["year"]), []).append(row)
    for (agency, year), rows in stated.items():
        counts = tally.get((agency, year), {})
        if not counts:
            continue
        best_method = max(EFFICIENCY_METHODS, key=lambda m: len(counts.get(m, ())))
        n = len(counts.get(best_method, ()))
        first = rows[0]
        out.append(_finding(first, "efficiency", f"{agency} {year}", "efficiency_method_summary", None, None, "info",
                            _m("eff_summary", method=best_method, formula=EFFICIENCY_METHODS[best_method].formula,
                               n=n, total=len(rows))))
    return out


# --------------------------------------------------------------------------- PMKS and AKIP


def rule_pmks(ds: Dataset) -> list[dict]:
    """PMKS rates vs their numerator and denominator."""
    p = ds.pmks
    out = []
    for _, row in p[p["reported_pct"].notna() & p["numerator"].notna() & p["denominator"].notna()].iterrows():
        comp = float(pmks_rate(row["numerator"], row["denominator"]))
        rep = float(row["reported_pct"])
        severity = compare(rep, comp)
        if severity:
            out.append(_finding(row, "pmks", f"{row['measure']} {row['year']}", "pmks_rate", rep, comp, severity,
                                _m("pmks", num=row["numerator"], den=row["denominator"], comp=comp, rep=rep)))
    return out


def rule_akip(ds: Dataset) -> list[dict]:
    """AKIP total vs the sum of its components, and predikat vs the band of the printed total."""
    s = ds.akip_scores
    out = []
    if s.empty:
        return out
    totals = akip_total(s).set_index(["agency_id", "year"])
    for _, row in s[s["component"] == "total"].iterrows():
        key = (row["agency_id"], row["year"])
        if pd.notna(row["score"]) and key in totals.index:
            comp = float(totals.loc[key, "total"])
            severity = compare(float(row["score"]), comp)
            if severity:
                out.append(_finding(row, "akip_scores", f"total {row['year']}", "akip_total", float(row["score"]),
                                    comp, severity, _m("akip_total", rep=row["score"], comp=comp)))
        if pd.notna(row["score"]) and pd.notna(row["reported_predikat"]):
            band = predikat_akip(float(row["score"]))
            if band != row["reported_predikat"]:
                out.append(_finding(row, "akip_scores", f"predikat {row['year']}", "akip_predikat",
                                    row["reported_predikat"], band, "error",
                                    _m("akip_predikat", rep=row["reported_predikat"], score=row["score"],
                                       band=band)))
    return out


RULES: dict[str, Callable[[Dataset], list[dict]]] = {
    "capaian": rule_capaian,
    "quarterly_capaian": rule_quarterly_capaian,
    "capaian_repeats_realisasi": rule_capaian_repeats_realisasi,
    "budget_pct": rule_budget_pct,
    "budget_sisa": rule_budget_sisa,
    "budget_total": rule_budget_total,
    "stated_total": rule_stated_totals,
    "efficiency_method": rule_efficiency,
    "pmks_rate": rule_pmks,
    "akip": rule_akip,
}


def audit(dataset: Dataset, agency: str | None = None, year: int | None = None,
          severity: str | None = None, lang: str = "id") -> pd.DataFrame:
    """Recompute every printed figure and list what does not add up.

    Parameters
    ----------
    dataset : Dataset
    agency, year : optional filters
    severity : {"error", "warning", "info"}, optional
        Keep findings of this severity or worse.
    lang : {"id", "en"}
        Language of the ``message`` column.

    Returns
    -------
    DataFrame with columns :data:`COLUMNS`, errors first, then warnings, then info.

    Examples
    --------
    >>> from lkjip_analysis import load_dataset
    >>> f = audit(load_dataset(), agency="dinsos-kab-hulu-sungai-selatan")
    >>> row = f[f["rule"] == "pmks_rate"].iloc[0]
    >>> row["reported"], round(row["recomputed"], 2)
    (60.85, 60.35)
    """
    if severity is not None and severity not in SEVERITIES:
        raise ValueError(f"severity must be one of {', '.join(SEVERITIES)}, not {severity!r}")
    ds = dataset.subset(agency, year) if (agency is not None or year is not None) else dataset
    rows: list[dict] = []
    for rule in RULES.values():
        rows.extend(rule(ds))
    for row in rows:
        row["message"] = row["message"].render(lang)
    out = pd.DataFrame(rows, columns=COLUMNS)
    if severity is not None:
        out = out[out["severity"].map(SEVERITY_ORDER) <= SEVERITY_ORDER[severity]]
    out = out.assign(_s=out["severity"].map(SEVERITY_ORDER)).sort_values(
        ["agency_id", "_s", "year", "table", "source_line"], kind="stable").drop(columns="_s")
    out["year"] = out["year"].astype("Int64")
    out["source_line"] = out["source_line"].astype("Int64")
    for col in ("reported", "recomputed", "difference"):
        out[col] = out[col].astype("object")
    return out.reset_index(drop=True)


def audit_summary(dataset: Dataset) -> pd.DataFrame:
    """Findings per agency: one column per severity (counts), every agency listed (zeros included).

    Examples
    --------
    >>> from lkjip_analysis import load_dataset
    >>> audit_summary(load_dataset()).columns.tolist()
    ['agency_id', 'error', 'warning', 'info', 'total']
    """
    findings = audit(dataset)
    counts = findings.groupby(["agency_id", "severity"]).size().unstack(fill_value=0)
    counts = counts.reindex(index=dataset.agency_ids, columns=list(SEVERITIES), fill_value=0)
    counts["total"] = counts.sum(axis=1)
    return counts.rename_axis(None, axis=1).rename_axis("agency_id").reset_index()
