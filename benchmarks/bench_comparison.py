"""Benchmark: the regional comparison notebook over a SYNTHETIC dataset of many agencies.

    python benchmarks/bench_comparison.py [--agency-years 10000] [--years 5] [--format csv]

Runs ``lkjip_analysis/notebooks/regional_comparison.ipynb`` with papermill (API, kernel ``python3``) on a
cached ``lkjip synth`` dataset, exports it with :func:`lkjip_analysis.run.export.notebook_to_html`
(no code, as readers get it) and prints: seconds for the notebook and for the export, the peak
memory of the kernel (``getrusage`` of this process's children) and of this process, and what a
reader gets: HTML size, figures, table rows shown and tables written in full as CSV. No pass/fail:
the targets (10k agency-years under 60 s, HTML under 10 MB, aggregated charts) are printed next
to the figures.
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
NOTEBOOK = ROOT / "lkjip_analysis" / "notebooks" / "regional_comparison.ipynb"
TARGET_SECONDS, TARGET_HTML_MB = 60.0, 10.0


def main(argv: list[str] | None = None) -> int:
    from bench_data import dataset, default_cache, human, machine

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agency-years", type=int, default=10_000, help="dataset size (default 10000)")
    parser.add_argument("--years", type=int, default=5, help="years per agency (default 5)")
    parser.add_argument("--format", dest="fmt", choices=("csv", "parquet"), default="csv")
    parser.add_argument("--cache", type=Path, default=default_cache(), help="folder for generated datasets")
    parser.add_argument("--kernel", default="python3", help="Jupyter kernel (default python3)")
    parser.add_argument("--keep", type=Path, default=None, help="keep the outputs in this folder")
    args = parser.parse_args(argv)

    import papermill as pm

    from lkjip_analysis.run.export import notebook_to_html

    print(f"bench_comparison: {machine()}")
    folder, generated = dataset(args.cache, args.agency_years, args.years, args.fmt)
    if generated is not None:
        print(f"  generated {human(args.agency_years)} agency-years ({args.fmt}) in {generated:.1f} s")
    with tempfile.TemporaryDirectory(prefix="lkjip-bench-comparison-") as tmp:
        out = args.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        executed = out / "report.ipynb"
        start = time.perf_counter()
        pm.execute_notebook(str(NOTEBOOK), str(executed), kernel_name=args.kernel, progress_bar=False, cwd=str(out),
                            parameters={"dataset": str(folder), "output_dir": ".",
                                        "title": f"Perbandingan {human(args.agency_years)} instansi-tahun (SINTETIS)"})
        run_seconds = time.perf_counter() - start
        kernel_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        start = time.perf_counter()
        html = notebook_to_html(executed, title="Perbandingan regional (SINTETIS)")
        export_seconds = time.perf_counter() - start
        (out / "report.html").write_text(html, encoding="utf-8")
        own_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        html_mb = len(html.encode("utf-8")) / 2**20
        figures = len(list((out / "figures").glob("*.png")))
        csvs = sorted((out / "tables").glob("*.csv"))
        csv_rows = sum(max(0, sum(1 for _ in p.open(encoding="utf-8")) - 1) for p in csvs)
        images = len(re.findall(r"<img\b", html))
        shown_rows = len(re.findall(r"<tr\b", html))
        truncated = len(re.findall(r"baris ditampilkan|rows are in tables/", html))
        total = run_seconds + export_seconds

    rows = [
        ("dataset", f"{human(args.agency_years)} agency-years ({args.fmt}, SYNTHETIC), {folder.name}"),
        ("notebook (papermill)", f"{run_seconds:.1f} s"),
        ("HTML export", f"{export_seconds:.1f} s"),
        ("total", f"{total:.1f} s   (target < {TARGET_SECONDS:.0f} s)"),
        ("peak memory, kernel", f"{kernel_mb:.0f} MB"),
        ("peak memory, papermill + export", f"{own_mb:.0f} MB"),
        ("HTML size", f"{html_mb:.2f} MB   (target < {TARGET_HTML_MB:.0f} MB)"),
        ("figures in HTML", f"{images} (PNG files written: {figures})"),
        ("table rows shown in HTML", f"{shown_rows} ({truncated} tables truncated in the display)"),
        ("tables written in full", f"{len(csvs)} CSV files, {csv_rows:,} rows"),
    ]
    width = max(len(k) for k, _ in rows)
    print()
    for key, value in rows:
        print(f"{key.ljust(width)} | {value}")
    ok = total < TARGET_SECONDS and html_mb < TARGET_HTML_MB
    print(f"\n-> {'within' if ok else 'OVER'} target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
