"""Benchmark: the researchers' panel (``lkjip panel``) on a SYNTHETIC dataset.

    python benchmarks/bench_panel.py [--agency-years 10000] [--years 5] [--formats parquet,csv,dta]

Loads the cached ``lkjip synth`` dataset (see ``bench_data.py``), builds the panel with
``lkjip_analysis.compare.panel.panel`` (capaian, crosswalk, linked serapan, audit errors) and writes it in
each format, printing seconds per step, rows, file sizes and peak resident memory. No pass/fail:
the target (10k agency-years under 30 s, load + panel + write) is printed for comparison.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_data import dataset, default_cache, machine  # noqa: E402

TARGET_SECONDS = 30.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agency-years", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--formats", default="parquet,csv,dta")
    parser.add_argument("--cache", type=Path, default=default_cache())
    args = parser.parse_args(argv)
    print(f"bench_panel: {machine()}")
    folder, generated = dataset(args.cache, args.agency_years, args.years, "csv")
    if generated is not None:
        print(f"  generated {folder.name} in {generated:.1f} s")
    print(f"dataset: SYNTHETIC, {args.agency_years:,} agency-years ({args.years} years per agency), {folder.name}\n")

    import lkjip_analysis as lk
    from lkjip_analysis.compare.panel import panel, write_panel

    t0 = time.perf_counter()
    ds = lk.load_dataset(folder)
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    frame = panel(ds)
    t_panel = time.perf_counter() - t0
    print(f"load + validate   {t_load:6.2f} s")
    print(f"panel             {t_panel:6.2f} s   {len(frame):,} rows, {frame['measure'].notna().sum():,} with a "
          f"common measure, {int(frame['audit_errors'].sum()):,} audit errors on rows")
    total = t_load + t_panel
    writes = {}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats.split(","):
            path = Path(tmp) / f"panel.{fmt}"
            t0 = time.perf_counter()
            write_panel(frame, path)
            spent = time.perf_counter() - t0
            total += spent
            writes[fmt] = spent
            print(f"write {fmt:<11} {spent:6.2f} s   {path.stat().st_size / 1e6:.1f} MB")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS          {peak:6.0f} MB")
    for fmt, spent in writes.items():
        one = t_load + t_panel + spent
        print(f"lkjip panel --out panel.{fmt}: {one:.2f} s (load + panel + write; target < {TARGET_SECONDS:.0f} s "
              f"for 10k agency-years) -> {'within' if one < TARGET_SECONDS else 'OVER'} target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
