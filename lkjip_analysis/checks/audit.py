"""Data-quality audit: recompute every figure a report prints and flag what does not add up.

Each rule is a function ``rule(ds) -> list[dict]`` registered in :data:`RULES`; :func:`audit`
runs them all and returns one row per finding. Rules are vectorised: whole columns are checked at
once and only the rows that give a finding are looked at one by one (for their messages), so the
audit of a dataset of thousands of agencies takes seconds.

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

import contextvars
import math
from collections.abc import Callable

import numpy as np
import pandas as pd

from .. import i18n
from ..analysis.analysis import capaian_frame, leaf_mask, linked_budget
from ..formulas.akip import akip_total, predikat_akip
from ..formulas.budget import EFFICIENCY_METHODS, efisiensi
from ..formulas.capaian import LOWER_METHODS, capaian
from ..io.loaders import Dataset

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


def _is_number(v: object) -> bool:
    """A number that is not NaN."""
    if isinstance(v, float):
        return not math.isnan(v)
    return isinstance(v, (int, np.number)) and not pd.isna(v)


def _finding(row: pd.Series | dict, table: str, key: str, rule: str, reported, recomputed, severity: str,
             message: str) -> dict:
    numeric = _is_number(reported) and _is_number(recomputed)
    diff = float(reported) - float(recomputed) if numeric else np.nan
    return {
        "agency_id": row["agency_id"], "year": row.get("year", pd.NA), "table": table, "key": key,
        "source": row.get("source"), "source_line": row.get("source_line"), "rule": rule,
        "reported": reported, "recomputed": recomputed, "difference": diff, "severity": severity, "message": message,
    }


MESSAGES = i18n.texts("audit")  # the texts live in lkjip_analysis.i18n


class _Message:
    """A finding's message, rendered in the caller's language when the audit result is built."""

    def __init__(self, key: str, **values):
        self.key = key
        self.values = values

    def render(self, lang: str) -> str:
        from ..model.numbers import format_number

        texts = MESSAGES.get(lang, MESSAGES["id"])
        values = {k: (format_number(v, 2, lang) if isinstance(v, (int, float, np.number)) and not isinstance(v, bool)
                      else texts.get(v, v) if isinstance(v, str) else v) for k, v in self.values.items()}
        if "names" in values:  # "method (basis), ..." with the basis translated
            for word in ("dihitung", "tercetak"):
                values["names"] = values["names"].replace(f"({word})", f"({texts[word]})")
        return texts[self.key].format(**values)


def _m(key: str, **values) -> _Message:
    return _Message(key, **values)


# --------------------------------------------------------------------------- vectorised helpers
#
# Each rule first finds, over whole columns, the rows that can give a finding (a cheap superset:
# the same arithmetic as the scalar checks); the scalar logic below then runs on those rows only,
# so findings and messages are exactly those of a row-by-row pass.

#: Capaian tables computed during one :func:`audit` call (the rules share them).
_TABLES: contextvars.ContextVar[dict | None] = contextvars.ContextVar("lkjip_audit_tables", default=None)
_UNITS = [10.0 ** -d for d in range(5)]


#: The columns of :func:`~lkjip_analysis.analysis.analysis.capaian_table` the rules read.
_CAPAIAN_COLUMNS = ["agency_id", "indicator_id", "year", "period", "target", "realisasi", "capaian",
                    "reported_capaian", "polarity", "source", "source_line"]


def _shared(ds: Dataset, name: str, make: Callable[[Dataset], object]):
    """``make(ds)``, computed once per :func:`audit` call and shared by its rules (uncached outside one)."""
    cache = _TABLES.get()
    if cache is None:
        return make(ds)
    key = (id(ds), name)
    if key not in cache:  # keep ds alive in the cache so its id is not reused
        cache[key] = (ds, make(ds))
    return cache[key][1]


def _capaian_table(ds: Dataset) -> pd.DataFrame:
    """Rows of ``capaian_table(ds)`` (same order and values) with the columns the rules read; shared in one audit."""
    return _shared(ds, "capaian", lambda d: capaian_frame(d, None, None, None, "banjarbaru", "standard", "id",
                                                            _CAPAIAN_COLUMNS))


def _decimals(reported: np.ndarray) -> np.ndarray:
    """:func:`printed_decimals` of every element (computed once per distinct value)."""
    codes, uniques = pd.factorize(reported, use_na_sentinel=False)
    return np.array([printed_decimals(float(u)) for u in uniques] + [0], dtype=np.int64)[codes]


def compare_codes(reported, recomputed) -> np.ndarray:
    """Vectorised :func:`compare`: 0 (consistent), 1 (warning) or 2 (error) for each pair.

    Examples
    --------
    >>> compare_codes(np.array([31.89, 90.88, 60.85]), np.array([31.8936, 90.8936, 60.352])).tolist()
    [0, 1, 2]
    """
    rep = np.asarray(reported, dtype="float64")
    comp = np.asarray(recomputed, dtype="float64")
    if rep.size == 0:
        return np.zeros(0, dtype=np.int8)
    unit = np.array(_UNITS)[_decimals(rep)]
    gap = np.abs(rep - comp)
    with np.errstate(invalid="ignore"):
        ok = gap <= unit / 2 + 1e-9 * np.maximum(1.0, np.abs(rep))
        warn = gap <= unit * 1.5
    return np.where(ok, 0, np.where(warn, 1, 2)).astype(np.int8)


def _floats(series: pd.Series) -> np.ndarray:
    return series.to_numpy(dtype="float64", na_value=np.nan)


def _records(frame: pd.DataFrame, mask: np.ndarray) -> list[dict]:
    """The rows of ``frame`` where ``mask`` holds, as dicts (what the row-by-row checks read)."""
    idx = np.flatnonzero(mask)
    if not len(idx):
        return []
    part = frame.iloc[idx]
    columns = list(part.columns)
    return [dict(zip(columns, values)) for values in zip(*(part[c].tolist() for c in columns))]


# --------------------------------------------------------------------------- capaian rules


def _capaian_check(row: dict, rule: str, out: list[dict], others: dict[str, float]) -> None:
    """The checks of one row; ``others`` holds its capaian by the other lower-is-better formulas."""
    key = f"{row['indicator_id']} {row['year']} {row['period']}"
    rep = float(row["reported_capaian"])
    target, real = row["target"], row["realisasi"]
    if pd.notna(target) and target == 0:
        if rep != 0:
            out.append(_finding(row, "performance", key, rule, rep, None, "warning",
                                _m("zero_target_same" if pd.notna(real) and rep == real else "zero_target",
                                   rep=rep)))
        return
    if pd.isna(row["capaian"]):
        return
    comp = float(row["capaian"])
    severity = compare(rep, comp)
    if severity is None:
        return
    if row["polarity"] == "lower":
        other = [m for m in LOWER_METHODS if m != "standard" and compare(rep, others[m]) is None]
        if other:
            out.append(_finding(row, "performance", key, rule, rep, comp, "info",
                                _m("lower_method", method=other[0])))
            return
    if pd.notna(real) and rep == real and rep != comp:
        out.append(_finding(row, "performance", key, rule, rep, comp, "error",
                            _m("repeats_real", real=real, target=target, comp=comp)))
        return
    out.append(_finding(row, "performance", key, rule, rep, comp, severity,
                        _m("capaian", rep=rep, target=target, real=real, comp=comp)))


def _capaian_rule(ds: Dataset, quarterly: bool) -> list[dict]:
    perf = _capaian_table(ds)  # whole columns are checked; only candidate rows are taken out of the frame
    annual = (perf["period"] == "annual").to_numpy(dtype=bool, na_value=False)
    rule = "quarterly_capaian" if quarterly else "capaian"
    rep = _floats(perf["reported_capaian"])
    selected = (~annual if quarterly else annual) & ~np.isnan(rep)
    target = _floats(perf["target"])
    comp = _floats(perf["capaian"])
    zero = target == 0
    with np.errstate(invalid="ignore"):
        candidates = selected & ((zero & (rep != 0)) | (~zero & ~np.isnan(comp) & (compare_codes(rep, comp) != 0)))
    out: list[dict] = []
    rows = _records(perf, candidates)
    if not rows:
        return out
    part = perf[candidates]
    others = {m: _floats(capaian(part["target"], part["realisasi"], "lower", method=m))
              for m in LOWER_METHODS if m != "standard"}
    for i, row in enumerate(rows):
        _capaian_check(row, rule, out, {m: float(v[i]) for m, v in others.items()})
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
    rows = perf[((perf["period"] == "annual") & perf["target"].isna() & perf["reported_capaian"].notna()
                 & (perf["reported_capaian"] == perf["realisasi"]) & (perf["realisasi"] != 100))
                .to_numpy(dtype=bool, na_value=False)]
    if rows.empty:
        return []
    targets = perf[["agency_id", "indicator_id", "target"]][
        (perf["target"].notna() & (perf["period"] == "annual")).to_numpy(dtype=bool, na_value=False)]
    targets = targets.groupby(["agency_id", "indicator_id"])["target"].last()
    found = targets.reindex(pd.MultiIndex.from_frame(rows[["agency_id", "indicator_id"]])).to_numpy()
    known = pd.MultiIndex.from_frame(rows[["agency_id", "indicator_id"]]).isin(targets.index)
    out = []
    for row, t, k in zip(rows.to_dict("records"), found, known):
        t = t if k else None
        key = "repeats_other_target" if t is not None else "repeats"
        out.append(_finding(row, "performance", f"{row['indicator_id']} {row['year']} {row['period']}",
                            "capaian_repeats_realisasi", float(row["reported_capaian"]), None, "warning",
                            _m(key, rep=row["reported_capaian"], target=t)))
    return out


# --------------------------------------------------------------------------- budget rules


def _line_key(row: pd.Series | dict) -> str:
    name = row["kegiatan"] if pd.notna(row["kegiatan"]) else (row["program"] if pd.notna(row["program"]) else "")
    return f"{row['budget_table']} #{row['line_no']} {str(name)[:50]}".strip()


def rule_budget_pct(ds: Dataset) -> list[dict]:
    """Printed budget percentage vs realisasi / pagu × 100; a 'percentage' that is really a money amount."""
    b = ds.budget
    rep, pagu, real = _floats(b["reported_pct"]), _floats(b["pagu"]), _floats(b["realisasi"])
    printed = ~np.isnan(rep)
    garbled = printed & (rep > 1000)
    usable = printed & ~garbled & ~np.isnan(pagu) & ~np.isnan(real) & (pagu != 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        comp = np.where(pagu > 0, real / pagu * 100.0, np.nan)
    candidates = garbled | (usable & (compare_codes(rep, comp) != 0))
    computed = comp[candidates]  # serapan(pagu, realisasi) of each candidate row
    out = []
    for i, row in enumerate(_records(b, candidates)):
        rep = float(row["reported_pct"])
        if rep > 1000:
            out.append(_finding(row, "budget", _line_key(row), "garbled_percentage", rep, None, "error",
                                _m("garbled_pct", rep=rep)))
            continue
        if pd.isna(row["pagu"]) or pd.isna(row["realisasi"]) or row["pagu"] == 0:
            continue
        comp = float(computed[i])
        severity = compare(rep, comp)
        if severity:
            out.append(_finding(row, "budget", _line_key(row), "budget_pct", rep, comp, severity,
                                _m("budget_pct", rep=rep, comp=comp)))
    return out


def rule_realisasi_above_pagu(ds: Dataset) -> list[dict]:
    """Budget plausibility: a realisasi above its pagu (more than Rp 0,50) is an error.

    A budget line cannot spend more than it was allocated; such a line is a typing slip in
    either figure (or the two columns swapped), whatever percentage is printed next to it.
    """
    b = ds.budget
    pagu, real = _floats(b["pagu"]), _floats(b["realisasi"])
    with np.errstate(invalid="ignore"):
        above = real - pagu > 0.5  # False where either is missing
    out = []
    for row in _records(b, above):
        rep, comp = float(row["realisasi"]), float(row["pagu"])
        pct = rep / comp * 100.0 if comp > 0 else np.nan
        out.append(_finding(row, "budget", _line_key(row), "realisasi_above_pagu", rep, comp, "error",
                            _m("real_above_pagu", rep=rep, comp=comp, pct=pct)))
    return out


def rule_serapan_above_100(ds: Dataset) -> list[dict]:
    """Budget plausibility: a printed serapan above 100% is an error.

    Checked on the budget lines' printed percentage (a "percentage" above 1000 is a money
    amount, reported by ``garbled_percentage`` instead) and on the serapan printed in the
    efficiency tables. Rounding is allowed for: 100,004 printed with 2 decimals is 100,00.
    """
    out = []
    tables = (("budget", ds.budget, "reported_pct", _line_key),
              ("efficiency", ds.tables.get("efficiency"), "reported_serapan",
               lambda r: f"{r['indicator_id']} {r['year']}"))
    for name, frame, column, key in tables:
        if frame is None or column not in frame.columns or frame.empty:
            continue
        rep = _floats(frame[column])
        with np.errstate(invalid="ignore"):
            above = (rep > 100.0) & (rep <= 1000.0) & (np.round(rep, 2) > 100.0)
        for row in _records(frame, above):
            value = float(row[column])
            out.append(_finding(row, name, key(row), "serapan_above_100", value, 100.0, "error",
                                _m("serapan_above_100", rep=value)))
    return out


def rule_budget_sisa(ds: Dataset) -> list[dict]:
    """Printed sisa anggaran vs pagu − realisasi."""
    rows = ds.budget
    comp = _floats(rows["pagu"]) - _floats(rows["realisasi"])
    with np.errstate(invalid="ignore"):
        candidates = np.abs(_floats(rows["reported_sisa"]) - comp) > 0.5  # False where any of them is missing
    computed = comp[candidates]  # sisa(pagu, realisasi) of each candidate row
    out = []
    for i, row in enumerate(_records(rows, candidates)):
        comp = float(computed[i])
        rep = float(row["reported_sisa"])
        if abs(rep - comp) > 0.5:
            out.append(_finding(row, "budget", _line_key(row), "budget_sisa", rep, comp, "error",
                                _m("budget_sisa", rep=rep, comp=comp)))
    return out


def rule_budget_total(ds: Dataset) -> list[dict]:
    """Every budget table's total line vs the sum of its rows (sub kegiatan, kegiatan without sub kegiatan,
    programs without either).

    The rows are :func:`~lkjip_analysis.analysis.analysis.leaf_lines`; each sum adds them in ``line_no`` order as ``Series.sum`` does.
    """
    b = ds.budget
    keys = ["agency_id", "year", "budget_table"]
    if b.empty:
        return []
    group = b.groupby(keys, sort=False).ngroup().fillna(-1).astype("int64").to_numpy()
    valid = group >= 0
    n_groups = int(group.max()) + 1 if valid.any() else 0
    leaf = leaf_mask(b, group) & valid
    is_total = (b["line_type"] == "total").to_numpy(dtype=bool, na_value=False) & valid
    last_total = np.full(n_groups, -1)
    np.maximum.at(last_total, group[is_total], np.flatnonzero(is_total))  # the last total line of each table
    has_total = last_total >= 0
    n_leaf = np.bincount(group[leaf], minlength=n_groups)
    values = {col: _floats(b[col]) for col in ("pagu", "realisasi")}
    suspect = np.zeros(n_groups, dtype=bool)
    for col, v in values.items():
        ok = leaf & ~np.isnan(v)
        sums = np.bincount(group[ok], weights=v[ok], minlength=n_groups)
        total = np.where(has_total, v[np.maximum(last_total, 0)], np.nan)
        with np.errstate(invalid="ignore"):  # a margin for the order of summation; exact check below
            suspect |= has_total & (n_leaf > 0) & ~np.isnan(total) & (np.abs(total - sums) > 0.25)
    if not suspect.any():
        return []
    sel = np.flatnonzero(leaf & suspect[np.maximum(group, 0)])
    sel = sel[np.lexsort((b["line_no"].to_numpy(dtype="float64", na_value=np.nan)[sel], group[sel]))]
    groups = np.flatnonzero(suspect)
    lo = np.searchsorted(group[sel], groups, side="left")
    hi = np.searchsorted(group[sel], groups, side="right")
    positions = np.sort(last_total[groups])
    by_position = dict(zip(positions, _records(b, np.isin(np.arange(len(b)), positions))))
    names = b["budget_table"].astype("object").to_numpy()
    out: list[dict] = []
    for g, start, end in zip(groups, lo, hi):
        t = last_total[g]
        total = by_position[t]
        for col, v in values.items():
            part = v[sel[start:end]]
            if np.isnan(v[t]) or np.isnan(part).all():
                continue
            summed = float(np.where(np.isnan(part), 0.0, part).sum())
            if abs(float(total[col]) - summed) > 0.5:
                out.append(_finding(total, "budget", f"{names[t]} total {col}", "budget_total", float(total[col]),
                                    summed, "error",
                                    _m("budget_total", col=col, rep=total[col], n=int(end - start), comp=summed,
                                       diff=float(total[col]) - summed)))
    return out


def rule_stated_totals(ds: Dataset) -> list[dict]:
    """Totals of the same budget stated twice (text vs table, or two tables) that disagree.

    Two total lines of one agency-year and funding source that agree on pagu but not on realisasi
    (or the reverse) describe the same budget with different figures.
    """
    b = ds.budget
    keys = ["agency_id", "year", "funding_source"]
    totals = b[keys + ["budget_table", "line_no", "pagu", "realisasi", "source", "source_line"]][
        (b["line_type"] == "total").to_numpy(dtype=bool, na_value=False)]
    if len(totals) < 2:
        return []
    group = totals.groupby(keys, sort=False).ngroup().fillna(-1).astype("int64").to_numpy()
    pos = np.arange(len(totals))
    table_names = totals["budget_table"].astype("object").to_numpy()
    found = []
    for k, (same, other) in enumerate((("pagu", "realisasi"), ("realisasi", "pagu"))):
        frame = pd.DataFrame({"g": group, "i": pos, "v": _floats(totals[same]), "o": _floats(totals[other])})
        frame = frame[(group >= 0) & ~np.isnan(frame["v"].to_numpy())]
        pairs = frame.merge(frame, on=["g", "v"], suffixes=("_a", "_c"))  # two lines with the same figure
        ia, ic = pairs["i_a"].to_numpy(), pairs["i_c"].to_numpy()
        oa, oc = pairs["o_a"].to_numpy(), pairs["o_c"].to_numpy()
        with np.errstate(invalid="ignore"):
            keep = (ia < ic) & (table_names[ia] != table_names[ic]) & (np.abs(oa - oc) > 0.5)
        found.append(pd.DataFrame({"g": pairs["g"].to_numpy()[keep], "a": ia[keep], "c": ic[keep], "k": k}))
    found = pd.concat(found, ignore_index=True).sort_values(["g", "a", "c", "k"])  # the order of a pairwise pass
    if found.empty:
        return []
    positions = np.unique(found["c"].to_numpy())
    by_position = dict(zip(positions, _records(totals, np.isin(pos, positions))))
    lines = {col: totals[col].tolist() for col in ("pagu", "realisasi")}
    out = []
    for a, c, k in zip(found["a"], found["c"], found["k"]):
        same, other = (("pagu", "realisasi"), ("realisasi", "pagu"))[k]
        va, oa, oc = lines[same][a], lines[other][a], lines[other][c]
        out.append(_finding(by_position[c], "budget", f"{table_names[a]} vs {table_names[c]}", "stated_total",
                            float(oc), float(oa), "error",
                            _m("stated_total", same=same, va=va, other=other, tc=table_names[c], oc=oc,
                               ta=table_names[a], oa=oa)))
    return out


# --------------------------------------------------------------------------- efficiency


def _efficiency_sources(ds: Dataset) -> tuple[pd.Series, pd.DataFrame, pd.Series]:
    """What the efficiency rules compare with, keyed by agency, indicator and year: the annual capaian;
    pagu and realisasi of the budget tables linked to each indicator (each table by its total, or the
    sum of its lines; tables without a pagu left out); the percentage the linked total lines print
    (when they agree)."""
    table = _capaian_table(ds)
    cap = table[(table["period"] == "annual").to_numpy(dtype=bool, na_value=False)]
    cap = cap.set_index(["agency_id", "indicator_id", "year"])["capaian"]
    cap = cap[~cap.index.duplicated()]
    money, printed = linked_budget(ds.budget)
    money = money.set_index(["agency_id", "year", "indicator_id"])[["pagu", "realisasi"]]
    printed = printed.set_index(["agency_id", "year", "indicator_id"])["reported_pct"]
    return cap, money, printed


def _efficiency_inputs(ds: Dataset, rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Computed capaian and serapan behind each row of the efficiency table ``rows``, and the
    serapan its linked budget table prints (see :func:`_efficiency_sources`); NaN where there is none."""
    cap, money, printed = _shared(ds, "efficiency", _efficiency_sources)
    comp_cap = _floats(cap.reindex(pd.MultiIndex.from_frame(rows[["agency_id", "indicator_id", "year"]])))
    by_line = pd.MultiIndex.from_frame(rows[["agency_id", "year", "indicator_id"]])
    m = money.reindex(by_line)
    p, r = _floats(m["pagu"]), _floats(m["realisasi"])
    with np.errstate(divide="ignore", invalid="ignore"):
        comp_ser = np.where(p > 0, r / p * 100.0, np.nan)
    return comp_cap, comp_ser, _floats(printed.reindex(by_line))


def rule_efficiency_inputs(ds: Dataset) -> list[dict]:
    """The capaian and serapan an efficiency table prints vs those computed from their inputs.

    A report that derives its efficiency from a wrong capaian or serapan is wrong even when its
    subtraction is right (Kalimantan Timur Tabel 12 uses capaian 95 for 1,47 of 1,5). Serapan is
    computed from the linked budget's pagu and realisasi; where the pagu is not printed, the
    percentage the linked budget table prints is the comparison (Tabel 12's 87,48 vs Tabel 13's 88,60).
    """
    eff = ds.efficiency
    if eff.empty:
        return []
    rows = eff[(eff["reported_capaian"].notna() | eff["reported_serapan"].notna()).to_numpy()].reset_index(drop=True)
    if rows.empty:
        return []
    comp_cap, comp_ser, printed_ser = _efficiency_inputs(ds, rows)
    # where the linked budget has no pagu to compute from: the percentage its table prints
    use_printed = np.isnan(comp_ser) & ~np.isnan(printed_ser)
    records = rows[["agency_id", "year", "source", "source_line", "indicator_id"]].to_dict("records")
    out = []
    checks = (("reported_capaian", comp_cap, "efficiency_capaian", np.full(len(rows), "eff_capaian")),
              ("reported_serapan", np.where(use_printed, printed_ser, comp_ser), "efficiency_serapan",
               np.where(use_printed, "eff_serapan_printed", "eff_serapan")))
    for column, computed, rule, messages in checks:
        reported = _floats(rows[column])
        codes = compare_codes(reported, computed)
        for i in np.flatnonzero((codes > 0) & ~np.isnan(reported) & ~np.isnan(computed)):
            row = records[i]
            out.append(_finding(row, "efficiency", f"{row['indicator_id']} {row['year']}", rule, float(reported[i]),
                                float(computed[i]), "error" if codes[i] == 2 else "warning",
                                _m(str(messages[i]), rep=float(reported[i]), comp=float(computed[i]))))
    return out


def rule_efficiency(ds: Dataset) -> list[dict]:
    """Which efficiency method reproduces each stated efficiency figure (info), or none (error).

    Candidates: every method of :data:`~lkjip_analysis.formulas.budget.EFFICIENCY_METHODS` applied to the
    computed capaian and serapan (basis ``dihitung``) and to the figures the report used (basis
    ``tercetak``, falling back to the computed ones). The closest candidate is named when none matches.
    """
    eff = ds.efficiency
    if eff.empty:
        return []
    rows = eff[eff["reported_efisiensi"].notna().to_numpy()].reset_index(drop=True)
    if rows.empty:
        return []
    comp_cap, comp_ser, _ = _efficiency_inputs(ds, rows)
    rc, rs = _floats(rows["reported_capaian"]), _floats(rows["reported_serapan"])
    rep = _floats(rows["reported_efisiensi"])
    bases = (("dihitung", comp_cap, comp_ser, ~np.isnan(comp_cap) | ~np.isnan(comp_ser)),
             ("tercetak", np.where(np.isnan(rc), comp_cap, rc), np.where(np.isnan(rs), comp_ser, rs),
              ~np.isnan(rc) | ~np.isnan(rs)))
    names = list(EFFICIENCY_METHODS)
    labels, values, valid, method_of = [], [], [], []
    for basis, c, s, present in bases:
        for name in names:
            v = np.asarray(efisiensi(pd.Series(c), pd.Series(s), method=name), dtype="float64")
            labels.append((name, basis))
            values.append(v)
            valid.append(present & ~np.isnan(v))
            method_of.append(name)
    values_m = np.column_stack(values)
    valid_m = np.column_stack(valid)
    match_m = valid_m & (np.column_stack([compare_codes(rep, v) for v in values]) == 0)
    diff = np.where(valid_m, np.abs(values_m - rep[:, None]), np.nan)
    has_best = valid_m.any(axis=1)
    best_j = np.zeros(len(rows), dtype=np.int64)
    if has_best.any():
        best_j[has_best] = np.nanargmin(diff[has_best], axis=1)
    best_v = values_m[np.arange(len(rows)), best_j]
    best_code = compare_codes(rep, best_v)
    any_match = match_m.any(axis=1)
    first_match = np.argmax(match_m, axis=1)
    rounding = ~any_match & has_best & (best_code == 1)

    agency = rows["agency_id"].astype("object").to_numpy()
    year = rows["year"].astype("object").to_numpy()
    indicator = rows["indicator_id"].astype("object").to_numpy()
    records = rows[["agency_id", "year", "source", "source_line"]].to_dict("records")
    match_code = (match_m * (1 << np.arange(match_m.shape[1]))).sum(axis=1)
    names_of: dict = {}
    out = []
    for i, row in enumerate(records):
        key = f"{indicator[i]} {year[i]}"
        rep_i = float(rep[i])
        if any_match[i]:
            text = names_of.get(match_code[i])
            if text is None:  # the same set of matching methods gives the same text
                js = np.flatnonzero(match_m[i])
                text = names_of[match_code[i]] = ", ".join(dict.fromkeys(f"{labels[j][0]} ({labels[j][1]})"
                                                                        for j in js))
            out.append(_finding(row, "efficiency", key, "efficiency_method", rep_i, float(values_m[i, first_match[i]]),
                                "info", _m("eff_found", rep=rep_i, names=text)))
        elif has_best[i]:
            name, basis = labels[best_j[i]]
            value = float(best_v[i])
            if rounding[i]:
                out.append(_finding(row, "efficiency", key, "efficiency_method", rep_i, value, "warning",
                                    _m("eff_rounding", rep=rep_i, name=name, basis=basis, value=value)))
            else:
                out.append(_finding(row, "efficiency", key, "efficiency_method", rep_i, value, "error",
                                    _m("eff_none", rep=rep_i, name=name, basis=basis, value=value)))
        else:
            out.append(_finding(row, "efficiency", key, "efficiency_method", rep_i, None, "warning",
                                _m("eff_unchecked")))
    # per agency-year: the method that reproduces most printed figures
    group = rows.groupby(["agency_id", "year"], sort=False, dropna=False).ngroup().to_numpy()
    n_groups = int(group.max()) + 1
    counts = np.zeros((n_groups, len(names)), dtype=np.int64)
    for k, name in enumerate(names):
        cols = [j for j, mo in enumerate(method_of) if mo == name]
        hit = match_m[:, cols].any(axis=1) | (rounding & np.isin(best_j, cols))
        if hit.any():
            pairs = pd.DataFrame({"g": group[hit], "i": indicator[hit]}).drop_duplicates()
            counts[:, k] = np.bincount(pairs["g"].to_numpy(), minlength=n_groups)
    totals = np.bincount(group, minlength=n_groups)
    first_row = np.full(n_groups, len(rows))
    np.minimum.at(first_row, group, np.arange(len(rows)))  # earliest row of each agency-year
    for g in np.flatnonzero(counts.sum(axis=1) > 0):
        k = int(np.argmax(counts[g]))  # first method with the highest count
        best_method = names[k]
        i = first_row[g]
        out.append(_finding(records[i], "efficiency", f"{agency[i]} {year[i]}", "efficiency_method_summary", None,
                            None, "info",
                            _m("eff_summary", method=best_method, formula=EFFICIENCY_METHODS[best_method].formula,
                               n=int(counts[g, k]), total=int(totals[g]))))
    return out


# --------------------------------------------------------------------------- PMKS and AKIP


def rule_pmks(ds: Dataset) -> list[dict]:
    """PMKS rates vs their numerator and denominator."""
    p = ds.pmks
    p = p[(p["reported_pct"].notna() & p["numerator"].notna() & p["denominator"].notna()).to_numpy()]
    num, den = _floats(p["numerator"]), _floats(p["denominator"])
    with np.errstate(divide="ignore", invalid="ignore"):
        comp = np.where(den > 0, num / den * 100.0, np.nan)
    candidates = compare_codes(_floats(p["reported_pct"]), comp) != 0
    computed = comp[candidates]  # pmks_rate(numerator, denominator) of each candidate row
    out = []
    for i, row in enumerate(_records(p, candidates)):
        comp = float(computed[i])
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
    rows = s[(s["component"] == "total").to_numpy(dtype=bool, na_value=False)]
    keys = pd.MultiIndex.from_frame(rows[["agency_id", "year"]])
    score = _floats(rows["score"])
    known = keys.isin(totals.index)
    comp = _floats(totals["total"].reindex(keys)) if len(totals) else np.full(len(rows), np.nan)
    check_total = ~np.isnan(score) & known & (compare_codes(score, comp) != 0)
    graded = ~np.isnan(score) & rows["reported_predikat"].notna().to_numpy()
    check_band = np.zeros(len(rows), dtype=bool)
    if graded.any():
        band = predikat_akip(pd.Series(score[graded])).to_numpy(dtype=object)
        check_band[graded] = band != rows["reported_predikat"].astype("object").to_numpy()[graded]
    candidates = check_total | check_band
    computed, in_totals = comp[candidates], known[candidates]  # totals.loc[key, "total"]; key in totals.index
    for i, row in enumerate(_records(rows, candidates)):
        if pd.notna(row["score"]) and in_totals[i]:
            comp = float(computed[i])
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
    "realisasi_above_pagu": rule_realisasi_above_pagu,
    "serapan_above_100": rule_serapan_above_100,
    "budget_total": rule_budget_total,
    "stated_total": rule_stated_totals,
    "efficiency_method": rule_efficiency,
    "efficiency_inputs": rule_efficiency_inputs,
    "pmks_rate": rule_pmks,
    "akip": rule_akip,
}


def _run_rules(ds: Dataset) -> list[dict]:
    token = _TABLES.set({})
    try:
        rows: list[dict] = []
        for rule in RULES.values():
            rows.extend(rule(ds))
        return rows
    finally:
        _TABLES.reset(token)


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
        from ..exceptions import UnknownMethodError

        raise UnknownMethodError("severity", severity, SEVERITIES)
    ds = dataset.subset(agency, year) if (agency is not None or year is not None) else dataset
    rows = _run_rules(ds)
    if severity is not None:
        rows = [r for r in rows if SEVERITY_ORDER[r["severity"]] <= SEVERITY_ORDER[severity]]
    for row in rows:
        row["message"] = row["message"].render(lang)
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["source_line"] = out["source_line"].astype("string")
    # source_line is text ('796', 'hlm. 34, baris 3'): order by its first number, then as text
    line_no = pd.to_numeric(out["source_line"].str.extract(r"(\d+)", expand=False), errors="coerce")
    out = out.assign(_s=out["severity"].map(SEVERITY_ORDER), _n=line_no).sort_values(
        ["agency_id", "_s", "year", "table", "_n", "source_line"], kind="stable").drop(columns=["_s", "_n"])
    out["year"] = out["year"].astype("Int64")
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
    rows = _run_rules(dataset)  # the counts need no rendered messages
    findings = pd.DataFrame({"agency_id": [r["agency_id"] for r in rows],
                             "severity": [r["severity"] for r in rows]}, dtype="object")
    counts = findings.groupby(["agency_id", "severity"]).size().unstack(fill_value=0)
    counts = counts.reindex(index=dataset.agency_ids, columns=list(SEVERITIES), fill_value=0)
    counts["total"] = counts.sum(axis=1)
    return counts.rename_axis(None, axis=1).rename_axis("agency_id").reset_index()
