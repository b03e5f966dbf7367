"""Regenerate the README's generated blocks: the audit example (a fresh audit of the embedded
dataset) and the benchmark figures (``benchmarks/latest.txt``, written by ``make bench``).

Run: .venv/bin/python docs/update_readme.py   (tests/package/test_readme.py checks the README is current)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- audit:start -->", "<!-- audit:end -->"
BENCH_START, BENCH_END = "<!-- bench:start -->", "<!-- bench:end -->"
BENCH_RESULTS = ROOT / "benchmarks" / "latest.txt"


def audit_markdown() -> str:
    """The audit of the embedded dataset as a Markdown table (one row per finding)."""
    sys.path.insert(0, str(ROOT))
    from lkjip_analysis import audit, load_dataset

    findings = audit(load_dataset())
    short = {"dinsos-kota-banjarbaru": "Banjarbaru", "dinsos-kab-hulu-sungai-selatan": "HSS",
             "dinsos-prov-kalimantan-timur": "Kaltim"}
    lines = ["| instansi | tahun | baris | aturan | tingkat | temuan |", "|---|---|---|---|---|---|"]
    for _, f in findings.iterrows():
        message = str(f["message"]).replace("|", "\\|")
        lines.append(f"| {short.get(f['agency_id'], f['agency_id'])} | {f['year']} | {f['source_line']} | "
                     f"`{f['rule']}` | {f['severity']} | {message} |")
    counts = findings["severity"].value_counts()
    lines.append("")
    lines.append(f"{len(findings)} temuan: {counts.get('error', 0)} error, {counts.get('warning', 0)} warning, "
                 f"{counts.get('info', 0)} info. Baris = nomor baris di berkas laporan sumber (`source_line`).")
    return "\n".join(lines)


def bench_markdown() -> str:
    """The figures of the latest full ``make bench`` run, as a code block."""
    return "```\n" + BENCH_RESULTS.read_text(encoding="utf-8").strip() + "\n```"


def block(text: str, start: str, end: str) -> str:
    """The text between ``start`` and ``end`` in ``text``, stripped."""
    return text.split(start, 1)[1].split(end, 1)[0].strip()


def replace_block(text: str, start: str, end: str, content: str) -> str:
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{content}\n{end}{tail}"


def main() -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    text = replace_block(text, START, END, audit_markdown())
    text = replace_block(text, BENCH_START, BENCH_END, bench_markdown())
    readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
