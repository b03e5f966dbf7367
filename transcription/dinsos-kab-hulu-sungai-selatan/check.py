"""Self-check of the HSS 2019 transcription against the schema and the source text.

Checks, for every CSV in this folder that is a schema table:
  exact header, required columns non-empty, enums, types (number/integer/boolean), min/max,
  primary keys unique, agency_id / indicator_id references, source file name, and that every
  numeric figure of a row appears on the row's source_line (after parsing the numbers printed on
  that line in the report's own formats: 1.164.318.000, 99,97, 1.47, 100, 100%, 81,57(A)).
  Rows with target_text must have that text on the line too.

Run:  /work/main/.venv/bin/python check.py      (exit status 1 if any problem)
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, "/work/main")
from lkjip_analysis.model.schema import TABLES  # noqa: E402

HERE = Path(__file__).resolve().parent
SRC_PATH = Path("/work/shared/seeds/001_90dadde9d726c79a.txt")
LINES = SRC_PATH.read_text(encoding="utf-8").split("\n")

# numeric columns whose value must be printed on the source line
FIGURES = {
    "performance": ("target", "realisasi", "reported_capaian"),
    "budget": ("pagu", "realisasi", "reported_pct", "reported_sisa"),
    "efficiency": ("reported_capaian", "reported_serapan", "reported_efisiensi"),
    "pmks": ("numerator", "denominator", "reported_pct"),
    "benchmarks": ("value",),
    "akip_scores": ("weight", "score"),
    "facts": ("value",),
}

# documented exceptions: (table, key-ish description) -> reason. Keep empty unless explained in NOTES.md
EXCEPTIONS: dict[tuple[str, int, str, str], str] = {}

TOKEN = re.compile(r"\d[\d.,]*\d|\d")


def readings(tok: str) -> set[float]:
    """All plausible numeric readings of a printed token."""
    out: set[float] = set()
    t = tok.strip(".,")
    cands = {t}
    # Indonesian: dot thousands, comma decimal
    cands.add(t.replace(".", "").replace(",", "."))
    # dot decimal (Kaltim style), comma thousands
    cands.add(t.replace(",", ""))
    # dot decimal with comma as decimal too
    cands.add(t.replace(",", "."))
    for c in cands:
        try:
            out.add(float(c))
        except ValueError:
            pass
    return out


def line_values(n: int) -> set[float]:
    vals: set[float] = set()
    for tok in TOKEN.findall(LINES[n - 1]):
        vals |= readings(tok)
    return vals


def on_line(value: float, n: int) -> bool:
    return any(abs(value - v) < 1e-9 for v in line_values(n))


def norm_ws(s: str) -> str:
    return " ".join(s.split())


def main() -> int:
    problems: list[str] = []
    data: dict[str, list[dict]] = {}
    for name, table in TABLES.items():
        path = HERE / f"{name}.csv"
        if not path.exists():
            continue
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader)
            rows = [dict(zip(header, r)) for r in reader]
            if header != list(table.column_names):
                problems.append(f"{name}: header {header} != {list(table.column_names)}")
                continue
        data[name] = rows
        seen = set()
        for i, r in enumerate(rows, start=2):
            where = f"{name}.csv:{i}"
            if len(r) != len(header):
                problems.append(f"{where}: wrong number of fields")
            for col in table.columns:
                v = r.get(col.name, "")
                if col.required and v == "":
                    problems.append(f"{where}: required {col.name} empty")
                if v == "":
                    continue
                if col.enum and v not in col.enum:
                    problems.append(f"{where}: {col.name}={v!r} not in {col.enum}")
                if col.type in ("number", "integer"):
                    try:
                        f = float(v)
                    except ValueError:
                        problems.append(f"{where}: {col.name}={v!r} not a number")
                        continue
                    if col.type == "integer" and not re.fullmatch(r"-?\d+", v):
                        problems.append(f"{where}: {col.name}={v!r} not an integer")
                    if "," in v or v.count(".") > 1:
                        problems.append(f"{where}: {col.name}={v!r} not machine format")
                    if col.minimum is not None and f < col.minimum:
                        problems.append(f"{where}: {col.name}={v} < {col.minimum}")
                    if col.maximum is not None and f > col.maximum:
                        problems.append(f"{where}: {col.name}={v} > {col.maximum}")
                if col.type == "boolean" and v not in ("true", "false"):
                    problems.append(f"{where}: {col.name}={v!r} not true/false")
            key = tuple(r.get(c, "") for c in table.primary_key)
            if key in seen:
                problems.append(f"{where}: duplicate primary key {key}")
            seen.add(key)
            # provenance
            if r.get("source") != SRC_PATH.name:
                problems.append(f"{where}: source {r.get('source')!r} != {SRC_PATH.name}")
            sl = r.get("source_line", "")
            if not sl:
                problems.append(f"{where}: source_line empty")
                continue
            n = int(sl)
            if not 1 <= n <= len(LINES):
                problems.append(f"{where}: source_line {n} out of range")
                continue
            for col in FIGURES.get(name, ()):
                v = r.get(col, "")
                if v == "":
                    continue
                if not on_line(float(v), n):
                    exc = EXCEPTIONS.get((name, i, col, v))
                    msg = f"{where}: {col}={v} not found on source line {n}"
                    if exc:
                        print(f"explained: {msg} ({exc})")
                    else:
                        problems.append(msg)
            tt = r.get("target_text", "")
            if tt and norm_ws(tt) not in norm_ws(LINES[n - 1]):
                problems.append(f"{where}: target_text {tt!r} not on source line {n}")
    # references
    agencies = {r["agency_id"] for r in data.get("agencies", [])}
    indicators = {(r["agency_id"], r["indicator_id"]) for r in data.get("indicators", [])}
    if len(data.get("agencies", [])) != 1:
        problems.append("agencies.csv must have exactly one row")
    for name, rows in data.items():
        for i, r in enumerate(rows, start=2):
            if r.get("agency_id") not in agencies:
                problems.append(f"{name}.csv:{i}: agency_id {r.get('agency_id')!r} unknown")
            if name != "indicators" and r.get("indicator_id"):
                if (r["agency_id"], r["indicator_id"]) not in indicators:
                    problems.append(f"{name}.csv:{i}: indicator_id {r['indicator_id']!r} not in indicators.csv")
    # every indicator has at least one performance row
    used = {(r["agency_id"], r["indicator_id"]) for r in data.get("performance", [])}
    for k in sorted(indicators - used):
        problems.append(f"indicator {k} has no performance row")
    # benchmarks: region only for kind=region
    for i, r in enumerate(data.get("benchmarks", []), start=2):
        if (r["kind"] == "region") != bool(r["region"]):
            problems.append(f"benchmarks.csv:{i}: region/kind mismatch")

    for name, rows in data.items():
        print(f"{name}.csv: {len(rows)} rows")
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print("\nOK: no problems")
    return 0


if __name__ == "__main__":
    sys.exit(main())
