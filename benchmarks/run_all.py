"""Run every benchmark, each in its own process, print their tables and keep them (``make bench``).

    python benchmarks/run_all.py [--quick] [--save FILE]

1. ``bench_reports.py``     8 agency reports, 2 workers: naive loop vs ``lkjip run``, HTML only and HTML + PDF
                            side by side; an unchanged nightly run of 100 synthetic reports
2. ``bench_data.py``        data pipeline at 1k, 10k, 100k agency-years, CSV and Parquet
3. ``bench_comparison.py``  the regional comparison notebook over 10k agency-years
4. ``bench_panel.py``       the researchers' panel (``lkjip panel``) over 10k agency-years
5. ``bench_extract.py``     ``lkjip extract``: seed recovery per document, extraction time
6. ``bench_extract_pdf.py`` PDF reader: sample Renstra PDFs, a 185-page document, hand-checked cells

``--quick`` is a smoke run with small sizes (seconds rather than minutes). A benchmark that
fails is reported and the others still run; the exit code is 1 if any failed. A full run
writes its figures (without progress lines) to ``benchmarks/latest.txt`` (``--save``), which
``docs/update_readme.py`` copies into the README.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
LATEST = HERE / "latest.txt"
#: Lines that report progress rather than results (left out of ``latest.txt``).
PROGRESS = ("  round ", "  generated ", "  measured ")


def plan(quick: bool) -> list[tuple[str, list[str]]]:
    # bench_reports first: its ratios are measured side by side, and want the machine as quiet as it gets
    return [
        ("bench_reports.py", ["--reports", "2", "--rounds", "1", "--no-fresh", "--no-weasyprint", "--incremental", "3"]
         if quick else ["--reports", "8", "--workers", "2", "--rounds", "3", "--no-fresh", "--no-weasyprint",
                        "--incremental", "100"]),
        ("bench_data.py", ["--sizes", "200,1000"] if quick else []),
        ("bench_comparison.py", ["--agency-years", "500"] if quick else []),
        ("bench_panel.py", ["--agency-years", "500"] if quick else []),
        ("bench_extract.py", ["--rounds", "1", "--pdf"] if quick else []),
        ("bench_extract_pdf.py", [] if quick else ["--compare"]),
    ]


def results(output: str) -> str:
    """A benchmark's output without its progress lines."""
    return "\n".join(line for line in output.splitlines() if not line.startswith(PROGRESS)).strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run (saves nothing)")
    parser.add_argument("--save", type=Path, default=LATEST, help="where a full run keeps its figures")
    args = parser.parse_args(argv)
    failed, kept = [], [f"make bench, {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}"]
    for script, extra in plan(args.quick):
        command = [sys.executable, str(HERE / script), *extra]
        title = f"=== {script} {' '.join(extra)}".rstrip()
        print(f"\n{title}", flush=True)
        start = time.perf_counter()
        lines = []
        with subprocess.Popen(command, cwd=HERE.parent, stdout=subprocess.PIPE, text=True, bufsize=1) as process:
            for line in process.stdout:
                print(line, end="", flush=True)
                lines.append(line)
        code = process.returncode
        print(f"=== {script}: {'ok' if code == 0 else f'FAILED (exit {code})'} in {time.perf_counter() - start:.0f} s",
              flush=True)
        kept += ["", title, results("".join(lines))]
        if code:
            failed.append(script)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    elif not args.quick:
        args.save.write_text("\n".join(kept) + "\n", encoding="utf-8")
        print(f"\nfigures saved to {args.save} (README: .venv/bin/python docs/update_readme.py)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
