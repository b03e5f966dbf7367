"""Run every benchmark, each in its own process, and print their tables (``make bench``).

    python benchmarks/run_all.py [--quick]

1. ``bench_data.py``        data pipeline at 1k, 10k, 100k agency-years, CSV and Parquet
2. ``bench_comparison.py``  the regional comparison notebook over 10k agency-years
3. ``bench_reports.py``     agency reports: naive loop vs ``lkjip run`` (when the file exists)

``--quick`` is a smoke run with small sizes (seconds rather than minutes). A benchmark that
fails is reported and the others still run; the exit code is 1 if any failed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def plan(quick: bool) -> list[tuple[str, list[str]]]:
    steps = [
        ("bench_data.py", ["--sizes", "200,1000"] if quick else []),
        ("bench_comparison.py", ["--agency-years", "500"] if quick else []),
    ]
    if (HERE / "bench_reports.py").exists():
        steps.append(("bench_reports.py", ["--reports", "2", "--rounds", "1"] if quick else
                      ["--reports", "16", "--rounds", "3"]))
    return steps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    args = parser.parse_args(argv)
    failed = []
    for script, extra in plan(args.quick):
        command = [sys.executable, str(HERE / script), *extra]
        print(f"\n=== {script} {' '.join(extra)}".rstrip(), flush=True)
        start = time.perf_counter()
        code = subprocess.run(command, cwd=HERE.parent, check=False).returncode
        print(f"=== {script}: {'ok' if code == 0 else f'FAILED (exit {code})'} in {time.perf_counter() - start:.0f} s",
              flush=True)
        if code:
            failed.append(script)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
