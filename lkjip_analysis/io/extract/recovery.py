"""How much of a known (hand-typed) dataset an extraction recovers.

Used to measure the extractor against the embedded sample dataset (tests and ``make bench``);
the extractor itself never looks at a known dataset.

A known performance row counts when it has a numeric target and realisasi and the draft holds a
row of the same year and period with the same target and realisasi whose indicator name is
*recognisable*: at least half of the known name's content words, or three of them, appear in it. A known budget
row counts when it has a numeric pagu and the draft holds a row of the same year with the same
pagu and realisasi (both missing, or equal) whose program/kegiatan name is recognisable.
"""

from __future__ import annotations

import math
import re

import pandas as pd

STOPWORDS = {"yang", "dan", "di", "ke", "dari", "untuk", "bagi", "dengan", "dalam", "pada", "atau", "serta", "oleh",
             "para", "sesuai", "a", "b", "c"}


def words(text: object) -> set[str]:
    """Content words of a name (lower case, no stop words).

    Examples
    --------
    >>> sorted(words("Jumlah anak terlantar yang mendapatkan bantuan"))
    ['anak', 'bantuan', 'jumlah', 'mendapatkan', 'terlantar']
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return set()
    return {w for w in re.findall(r"[a-z0-9]+", str(text).lower()) if w not in STOPWORDS and len(w) > 1}


def recognisable(known: object, found: object, share: float = 0.5) -> bool:
    """Whether at least ``share`` of the known name's content words (or three of them) are in the found name."""
    k, f = words(known), words(found)
    return bool(k) and (len(k & f) / len(k) >= share or len(k & f) >= 3)


def _same(a: object, b: object) -> bool:
    a_missing = a is None or (isinstance(a, float) and math.isnan(a))
    b_missing = b is None or (isinstance(b, float) and math.isnan(b))
    if a_missing or b_missing:
        return a_missing and b_missing
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(a)))


def performance_recovery(known: pd.DataFrame, known_names: dict[str, str], draft_perf: pd.DataFrame,
                         draft_names: dict[str, str]) -> pd.DataFrame:
    """One row per known performance row with numeric target and realisasi, and whether it was recovered.

    Parameters
    ----------
    known
        The known ``performance`` rows of one agency.
    known_names
        ``indicator_id -> name`` of the known dataset.
    draft_perf, draft_names
        The same for the draft.
    """
    rows = []
    subset = known[known["target"].notna() & known["realisasi"].notna()]
    for rec in subset.itertuples(index=False):
        candidates = draft_perf[(draft_perf["year"] == rec.year) & (draft_perf["period"] == rec.period)]
        hit = any(_same(c.target, rec.target) and _same(c.realisasi, rec.realisasi)
                  and recognisable(known_names.get(rec.indicator_id), draft_names.get(c.indicator_id))
                  for c in candidates.itertuples(index=False))
        rows.append({"indicator_id": rec.indicator_id, "year": rec.year, "period": rec.period, "target": rec.target,
                         "realisasi": rec.realisasi, "source_line": rec.source_line, "recovered": hit})
    return pd.DataFrame(rows, columns=["indicator_id", "year", "period", "target", "realisasi", "source_line",
                                       "recovered"])


def budget_recovery(known: pd.DataFrame, draft_budget: pd.DataFrame) -> pd.DataFrame:
    """One row per known budget row with numeric pagu, and whether it was recovered."""
    rows = []
    subset = known[known["pagu"].notna()]
    for rec in subset.itertuples(index=False):
        name = rec.kegiatan if isinstance(rec.kegiatan, str) and rec.kegiatan else rec.program
        candidates = draft_budget[draft_budget["year"] == rec.year]
        hit = any(_same(c.pagu, rec.pagu) and _same(c.realisasi, rec.realisasi)
                  and (recognisable(name, f"{c.kegiatan or ''} {c.program or ''}") or (
                      rec.line_type == "total" and c.line_type == "total"))
                  for c in candidates.itertuples(index=False))
        rows.append({"budget_table": rec.budget_table, "line_no": rec.line_no, "name": name, "pagu": rec.pagu,
                         "realisasi": rec.realisasi, "source_line": rec.source_line, "recovered": hit})
    return pd.DataFrame(rows, columns=["budget_table", "line_no", "name", "pagu", "realisasi", "source_line",
                                       "recovered"])


def seed_recovery(extraction, dataset, agency_id: str) -> dict:
    """Recovery of one agency of ``dataset`` by ``extraction`` (an :class:`~.api.Extraction`).

    Returns
    -------
    dict
        ``performance`` and ``budget`` frames (see above) and the shares ``performance_share``,
        ``budget_share`` and ``share`` (both together).
    """
    known_perf = dataset.performance[dataset.performance["agency_id"] == agency_id]
    known_ind = dataset.indicators[dataset.indicators["agency_id"] == agency_id]
    known_budget = dataset.budget[dataset.budget["agency_id"] == agency_id]
    perf = performance_recovery(known_perf, dict(zip(known_ind["indicator_id"], known_ind["name"])),
                                extraction.tables["performance"],
                                dict(zip(extraction.tables["indicators"]["indicator_id"],
                                         extraction.tables["indicators"]["name"])))
    budget = budget_recovery(known_budget, extraction.tables["budget"])
    n = len(perf) + len(budget)
    return {"performance": perf, "budget": budget,
                "performance_share": perf["recovered"].mean() if len(perf) else float("nan"),
                "budget_share": budget["recovered"].mean() if len(budget) else float("nan"),
                "share": (perf["recovered"].sum() + budget["recovered"].sum()) / n if n else float("nan")}
