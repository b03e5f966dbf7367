"""Regenerate the README's audit example from a fresh run of the audit on the embedded dataset.

Run: .venv/bin/python docs/update_readme.py   (tests/test_readme.py checks the README is current)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- audit:start -->", "<!-- audit:end -->"


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


def main() -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{START}\n{audit_markdown()}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
