"""Self-check of the Kalimantan Timur transcription against the schema and the source lines.

Run: /work/main/.venv/bin/python check.py   (exit code 1 when a check fails)

Checks per CSV: exact header (schema order), required columns non-empty, enum values, number /
integer / boolean parsing, minimum/maximum, primary keys unique, foreign keys (agency_id,
indicator_id) resolve, and that every numeric figure of a row appears on the row's source line.
Figures are compared after normalising the tokens of the line in the report's own formats:
Indonesian grouping ('1.164.318.000', '99,97'), Kaltim dot decimals ('1.47', '98.50') and, as a
last resort reported separately, the digits of a garbled token ('205..778.000' -> 205778000).
Values that cannot appear on the line (garbled cells whose value was restored from the table
sum) are listed in EXCEPTIONS and explained in NOTES.md.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, "/work/main")
from lkjip_analysis.model.schema import TABLES, YEAR_MAX, YEAR_MIN  # noqa: E402

HERE = Path(__file__).resolve().parent
SEED_DIR = Path("/work/shared/seeds")
AGENCY = "dinsos-prov-kalimantan-timur"

# (table, source_line, column): reason  -- each one is described in NOTES.md
EXCEPTIONS = {
    ("budget", "714", "realisasi"): "printed '1.030.971.00' (one digit lost); 1030971000 restored from the exact Tabel 14 sum",
    ("budget", "718", "realisasi"): "printed '47.750.00' (one digit lost); 47750000 restored from the exact Tabel 14 sum",
}

# numeric columns whose value must be visible on the source line
FIGURE_COLUMNS = {
    "performance": ("target", "realisasi", "reported_capaian"),
    "budget": ("pagu", "realisasi", "reported_pct", "reported_sisa"),
    "efficiency": ("reported_capaian", "reported_serapan", "reported_efisiensi"),
    "pmks": ("numerator", "denominator", "reported_pct"),
    "benchmarks": ("value",),
    "akip_scores": ("weight", "score"),
    "facts": ("value",),
}

errors: list[str] = []
notes: list[str] = []
_lines: dict[str, list[str]] = {}


def src_lines(name: str) -> list[str]:
    if name not in _lines:
        _lines[name] = (SEED_DIR / name).read_text(encoding="utf-8").split("\n")
    return _lines[name]


def token_values(text: str) -> tuple[set[float], set[float]]:
    """(values in a proper report format, values only via digits of a garbled token)."""
    proper: set[float] = set()
    garbled: set[float] = set()
    for tok in re.findall(r"\d[\d.,]*\d|\d", text):
        cands = []
        # Indonesian: '.' groups, ',' decimal
        if re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d+)?|\d+(,\d+)?", tok):
            cands.append(float(tok.replace(".", "").replace(",", ".")))
        # Kaltim / machine: '.' decimal
        if re.fullmatch(r"\d+(\.\d+)?", tok):
            cands.append(float(tok))
        proper.update(cands)
        digits = re.sub(r"\D", "", tok)
        garbled.add(float(digits))
    return proper, garbled - proper


def close(a: float, vals: set[float]) -> bool:
    return any(abs(a - v) <= 1e-9 * max(1.0, abs(a)) for v in vals)


def is_number(s: str) -> bool:
    return re.fullmatch(r"-?\d+(\.\d+)?", s) is not None


def check_table(name: str, rows: list[dict], header: list[str]) -> None:
    t = TABLES[name]
    if tuple(header) != t.column_names:
        errors.append(f"{name}: header {header} != {list(t.column_names)}")
        return
    seen = set()
    for i, r in enumerate(rows, start=2):
        where = f"{name}.csv:{i}"
        for col in t.columns:
            v = r[col.name]
            if col.required and v == "":
                errors.append(f"{where}: required {col.name} empty")
            if v == "":
                continue
            if col.enum and v not in col.enum:
                errors.append(f"{where}: {col.name}={v!r} not in enum")
            if col.type == "number":
                if not is_number(v):
                    errors.append(f"{where}: {col.name}={v!r} not a machine number")
                    continue
            if col.type == "integer":
                if not re.fullmatch(r"-?\d+", v):
                    errors.append(f"{where}: {col.name}={v!r} not an integer")
                    continue
            if col.type == "boolean" and v not in ("true", "false"):
                errors.append(f"{where}: {col.name}={v!r} not true/false")
            if col.type in ("number", "integer"):
                x = float(v)
                if col.minimum is not None and x < col.minimum:
                    errors.append(f"{where}: {col.name}={v} < minimum {col.minimum}")
                if col.maximum is not None and x > col.maximum:
                    errors.append(f"{where}: {col.name}={v} > maximum {col.maximum}")
        if "year" in r and r["year"] and not (YEAR_MIN <= int(r["year"]) <= YEAR_MAX):
            errors.append(f"{where}: year out of range")
        if r.get("agency_id") != AGENCY:
            errors.append(f"{where}: agency_id {r.get('agency_id')!r}")
        key = tuple(r[k] for k in t.primary_key)
        if key in seen:
            errors.append(f"{where}: duplicate primary key {key}")
        seen.add(key)
        if name == "benchmarks" and r["kind"] != "region" and r["region"]:
            errors.append(f"{where}: region must be empty for kind {r['kind']}")
        # provenance
        if not r["source"] or not r["source_line"]:
            errors.append(f"{where}: provenance missing")
            continue
        lines = src_lines(r["source"])
        n = int(r["source_line"])
        if not 1 <= n <= len(lines):
            errors.append(f"{where}: source_line {n} out of file")
            continue
        proper, garbled = token_values(lines[n - 1])
        for col in FIGURE_COLUMNS.get(name, ()):
            v = r[col]
            if v == "":
                continue
            x = float(v)
            if close(x, proper):
                continue
            if (name, r["source_line"], col) in EXCEPTIONS:
                notes.append(f"{where}: {col}={v} not on line {n}: "
                             f"{EXCEPTIONS[(name, r['source_line'], col)]}")
                continue
            if close(x, garbled):
                notes.append(f"{where}: {col}={v} read from a garbled token on line {n}")
                continue
            errors.append(f"{where}: {col}={v} not found on line {n}: {lines[n - 1][:160]!r}")


def main() -> int:
    present = {}
    for name in TABLES:
        p = HERE / f"{name}.csv"
        if not p.exists():
            if TABLES[name].required:
                errors.append(f"{name}.csv missing (required table)")
            continue
        with p.open(encoding="utf-8", newline="") as fh:
            rd = csv.DictReader(fh)
            rows = list(rd)
            check_table(name, rows, rd.fieldnames or [])
        present[name] = rows
    # foreign keys
    agencies = {r["agency_id"] for r in present.get("agencies", [])}
    if len(present.get("agencies", [])) != 1:
        errors.append("agencies.csv must have exactly one row")
    inds = {(r["agency_id"], r["indicator_id"]) for r in present.get("indicators", [])}
    for name, rows in present.items():
        for i, r in enumerate(rows, start=2):
            if r.get("agency_id") not in agencies:
                errors.append(f"{name}.csv:{i}: unknown agency_id")
            if name != "indicators" and r.get("indicator_id"):
                if (r["agency_id"], r["indicator_id"]) not in inds:
                    errors.append(f"{name}.csv:{i}: unknown indicator_id {r['indicator_id']}")
    # stray files
    for p in HERE.glob("*.csv"):
        if p.stem not in TABLES:
            errors.append(f"unexpected file {p.name}")
    for name, rows in present.items():
        print(f"{name}.csv: {len(rows)} rows")
    for m in notes:
        print("NOTE  ", m)
    for e in errors:
        print("ERROR ", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
