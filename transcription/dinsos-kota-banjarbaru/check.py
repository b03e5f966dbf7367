"""Self-check of the Banjarbaru 2020 transcription against the data model and the source text.

Checks every CSV in this folder: exact header (schema order), required cells, enums, slug patterns,
machine-format numbers / integers / booleans, min/max, unique primary keys, agency_id and indicator_id
references, provenance (source file name, line in range) and that every numeric figure of a row
appears on the named source line in the report's own formatting. Also warns (does not fail) when a
name (indicator name, kegiatan) is not found on the named line.

Run:  /work/main/.venv/bin/python check.py        exit code 0 = clean
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, "/work/main")
from lkjip_analysis.model.schema import TABLES  # noqa: E402

HERE = Path(__file__).resolve().parent
SRC_NAME = "000_3343dd0cfd8df71b.txt"
SRC_PATH = Path("/work/shared/seeds") / SRC_NAME
AGENCY = "dinsos-kota-banjarbaru"
LINES = SRC_PATH.read_text(encoding="utf-8").split("\n")  # 1-based: LINES[n-1] == `sed -n np`

NOT_FIGURES = {"year", "line_no", "source_line"}  # numeric columns that are not figures of the report
MACHINE_NUM = re.compile(r"-?\d+(?:\.\d+)?")
TOKEN = re.compile(r"\d[\d.,]*")

# Rows whose figures are knowingly not all on one line: (table, primary-key tuple) -> reason (see NOTES.md)
EXPLAINED: dict[tuple[str, tuple], str] = {}

errors: list[str] = []
warnings: list[str] = []


def err(msg: str) -> None:
    errors.append(msg)


def token_values(tok: str) -> set[float]:
    """All numeric readings of a printed token: Indonesian (1.164.318.000 / 99,97) and dot-decimal (1.47)."""
    tok = tok.rstrip(".,")
    vals: set[float] = set()
    if not tok:
        return vals
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?|\d+(,\d+)?", tok):  # Indonesian
        vals.add(float(tok.replace(".", "").replace(",", ".")))
    if re.fullmatch(r"\d+\.\d+", tok):  # dot decimal (Kaltim style)
        vals.add(float(tok))
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", tok):  # English thousands
        vals.add(float(tok.replace(",", "")))
    return vals


def line_numbers(n: int) -> set[float]:
    out: set[float] = set()
    for tok in TOKEN.findall(LINES[n - 1]):
        out |= token_values(tok)
    return out


def norm_text(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


def check_table(name: str, path: Path, tables: dict[str, list[dict]]) -> None:
    table = TABLES[name]
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = [r for r in reader]
    if tuple(header) != table.column_names:
        err(f"{name}: header {header} != schema {list(table.column_names)}")
        return
    recs = []
    for i, r in enumerate(rows, start=2):
        if len(r) != len(header):
            err(f"{name} row {i}: {len(r)} cells, expected {len(header)}")
            continue
        rec = dict(zip(header, r))
        rec["__row__"] = i
        recs.append(rec)
        for col in table.columns:
            v = rec[col.name]
            if v != v.strip():
                err(f"{name} row {i} {col.name}: surrounding whitespace {v!r}")
            if v == "":
                if col.required:
                    err(f"{name} row {i}: required column {col.name} empty")
                continue
            if col.enum and v not in col.enum:
                err(f"{name} row {i} {col.name}: {v!r} not in {col.enum}")
            if col.pattern and not re.fullmatch(col.pattern, v):
                err(f"{name} row {i} {col.name}: {v!r} does not match {col.pattern}")
            if col.type in ("number", "integer"):
                if not MACHINE_NUM.fullmatch(v):
                    err(f"{name} row {i} {col.name}: {v!r} is not a machine-format number")
                    continue
                x = float(v)
                if col.type == "integer" and x != int(x):
                    err(f"{name} row {i} {col.name}: {v!r} is not an integer")
                if col.minimum is not None and x < col.minimum:
                    err(f"{name} row {i} {col.name}: {v} < minimum {col.minimum}")
                if col.maximum is not None and x > col.maximum:
                    err(f"{name} row {i} {col.name}: {v} > maximum {col.maximum}")
            if col.type == "boolean" and v not in ("true", "false"):
                err(f"{name} row {i} {col.name}: boolean must be true/false, got {v!r}")
        # agency, provenance
        if rec.get("agency_id") != AGENCY:
            err(f"{name} row {i}: agency_id {rec.get('agency_id')!r} != {AGENCY}")
        if rec["source"] != SRC_NAME:
            err(f"{name} row {i}: source {rec['source']!r} != {SRC_NAME}")
        if not rec["source_line"]:
            err(f"{name} row {i}: source_line empty")
            continue
        ln = int(rec["source_line"])
        if not 1 <= ln <= len(LINES):
            err(f"{name} row {i}: source_line {ln} out of range")
            continue
        # figures on the named line
        on_line = line_numbers(ln)
        key = tuple(rec[c] for c in table.primary_key)
        for col in table.columns:
            if col.type in ("number", "integer") and col.name not in NOT_FIGURES and rec[col.name] != "":
                x = float(rec[col.name])
                if not any(abs(x - y) < 1e-9 for y in on_line):
                    if (name, key) in EXPLAINED:
                        warnings.append(f"{name} {key} {col.name}={rec[col.name]} not on line {ln} "
                                        f"(explained: {EXPLAINED[(name, key)]})")
                    else:
                        err(f"{name} row {i} {key}: {col.name}={rec[col.name]} not found on line {ln}: "
                            f"{LINES[ln - 1][:120]!r}")
        # names on the named line (warning only)
        line_text = norm_text(LINES[ln - 1])
        for col in ("name", "kegiatan", "region"):
            if col in rec and rec[col] and name != "agencies":
                probe = norm_text(rec[col])
                if name == "benchmarks":
                    continue  # region names are column headers, not on the data line
                if probe not in line_text:
                    warnings.append(f"{name} row {i}: {col} {rec[col][:60]!r} not verbatim on line {ln}")
        if name == "benchmarks":
            if rec["kind"] == "region" and not rec["region"]:
                err(f"{name} row {i}: kind=region needs a region")
            if rec["kind"] != "region" and rec["region"]:
                err(f"{name} row {i}: region must be empty for kind={rec['kind']}")
            if not rec["value"] and not rec["value_text"]:
                err(f"{name} row {i}: neither value nor value_text")
    # primary key
    seen: dict[tuple, int] = {}
    for rec in recs:
        key = tuple(rec[c] for c in table.primary_key)
        if key in seen:
            err(f"{name} row {rec['__row__']}: duplicate key {key} (first at row {seen[key]})")
        seen.setdefault(key, rec["__row__"])
    tables[name] = recs


def main() -> int:
    tables: dict[str, list[dict]] = {}
    found = sorted(p.stem for p in HERE.glob("*.csv"))
    for stem in found:
        if stem not in TABLES:
            err(f"{stem}.csv: not a table of the schema")
            continue
        check_table(stem, HERE / f"{stem}.csv", tables)
    for req in ("agencies", "indicators", "performance"):
        if req not in tables:
            err(f"{req}.csv missing")
    # references
    agencies = {r["agency_id"] for r in tables.get("agencies", [])}
    inds = {(r["agency_id"], r["indicator_id"]) for r in tables.get("indicators", [])}
    if len(tables.get("agencies", [])) != 1:
        err("agencies.csv must have exactly one row")
    for name, recs in tables.items():
        for rec in recs:
            if rec.get("agency_id") not in agencies:
                err(f"{name} row {rec['__row__']}: agency_id not in agencies.csv")
            if "indicator_id" in rec and rec["indicator_id"] and name != "indicators":
                if (rec["agency_id"], rec["indicator_id"]) not in inds:
                    err(f"{name} row {rec['__row__']}: indicator_id {rec['indicator_id']!r} not in indicators.csv")
    # budget: line_no 1..n per table, total lines last
    by_table: dict[str, list[dict]] = {}
    for rec in tables.get("budget", []):
        by_table.setdefault(rec["budget_table"], []).append(rec)
    for bt, recs in by_table.items():
        nos = sorted(int(r["line_no"]) for r in recs)
        if nos != list(range(1, len(nos) + 1)):
            err(f"budget {bt}: line_no not 1..n: {nos}")
    for w in warnings:
        print("WARN ", w)
    for e in errors:
        print("ERROR", e)
    counts = ", ".join(f"{k}={len(v)}" for k, v in tables.items())
    print(f"checked: {counts}; {len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
