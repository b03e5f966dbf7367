"""Benchmark: the data pipeline on SYNTHETIC datasets of growing size.

    python benchmarks/bench_data.py [--sizes 1000,10000,100000] [--formats csv,parquet] [--years 5]

For each size (agency-years) and on-disk format, a fresh Python process runs

    load + validate   lkjip_analysis.load_dataset(folder)
    capaian           analysis.capaian_table(ds)
    serapan/efisiensi analysis.budget_lines + budget_summary + efficiency_table
    audit             audit.audit(ds)

and reports the seconds of each step, the total, the peak resident memory of that process
(``resource.getrusage``) and how the total grows with the data (10× the agency-years should
cost at most about 10× the time). Datasets come from ``lkjip synth`` (``years`` per agency,
``size / years`` agencies) and are cached in the temp folder (``--cache``), keyed by the
generator's source, so later runs skip generation. No pass/fail: the targets (100k agency-years
under 30 s and 4 GB) are printed for comparison.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET_SECONDS, TARGET_MB, TARGET_AT = 30.0, 4096.0, 100_000


def machine() -> str:
    """Cores, processor, Python and OS, and the load average when the benchmark starts."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    model = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (f"{cores} cores, {model}, Python {platform.python_version()} ({platform.system()}); "
            f"load average at start {load}")


def default_cache() -> Path:
    return Path(tempfile.gettempdir()) / "lkjip-bench-data"


def generator_key() -> str:
    """Changes whenever the generator or the writer changes (then cached datasets are rebuilt)."""
    digest = hashlib.sha256()
    for name in ("io/synth.py", "io/writers.py", "model/schema.py"):
        digest.update((ROOT / "lkjip_analysis" / name).read_bytes())
    return digest.hexdigest()[:10]


def dataset(cache: Path, size: int, years: int, fmt: str, seed: int = 0) -> tuple[Path, float | None]:
    """The cached synthetic dataset of ``size`` agency-years (generated in a subprocess when missing)."""
    agencies = max(1, size // years)
    folder = cache / f"synth-{agencies}x{years}-s{seed}-{generator_key()}-{fmt}"
    if (folder / "README.md").exists():
        return folder, None
    cache.mkdir(parents=True, exist_ok=True)
    for stale in cache.glob(f"synth-{agencies}x{years}-s{seed}-*-{fmt}"):  # made by an older generator
        shutil.rmtree(stale, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lkjip_analysis.cli", "synth", "--agencies", str(agencies), "--years",
                    str(years), "--seed", str(seed), "--format", fmt, "--out", str(folder)],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return folder, time.perf_counter() - start


def measure(folder: str) -> dict:
    """Run the pipeline once in this (fresh) process; return seconds per step and peak memory."""
    import lkjip_analysis as lk
    from lkjip_analysis.analysis import analysis
    from lkjip_analysis.checks.audit import audit

    times = {}
    start = time.perf_counter()
    ds = lk.load_dataset(folder)
    times["load"] = time.perf_counter() - start
    t = time.perf_counter()
    cap = analysis.capaian_table(ds)
    times["capaian"] = time.perf_counter() - t
    t = time.perf_counter()
    lines = analysis.budget_lines(ds)
    summary = analysis.budget_summary(ds)
    eff = analysis.efficiency_table(ds)
    times["budget"] = time.perf_counter() - t
    t = time.perf_counter()
    findings = audit(ds)
    times["audit"] = time.perf_counter() - t
    times["total"] = time.perf_counter() - start
    return {
        **times,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "agency_years": len(ds.agency_years()),
        "rows": int(sum(len(f) for f in ds.tables.values())),
        "capaian_rows": len(cap), "budget_lines": len(lines), "summary_rows": len(summary), "efficiency_rows": len(eff),
        "findings": len(findings),
    }


def run_child(folder: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(folder)], check=True, cwd=ROOT,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def human(n: float) -> str:
    return f"{n / 1000:.0f}k" if n >= 1000 and n % 1000 == 0 else f"{n:,.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="agency-years, comma-separated")
    parser.add_argument("--formats", default="csv,parquet", help="csv, parquet or both (comma-separated)")
    parser.add_argument("--years", type=int, default=5, help="years per agency (default 5)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cache", type=Path, default=default_cache(), help="folder for generated datasets")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    print(f"bench_data: {machine()}")
    print(f"datasets: SYNTHETIC (lkjip synth, {args.years} years per agency, seed {args.seed}), cached in {args.cache}")
    results: dict[tuple[str, int], dict] = {}
    for size in sizes:
        for fmt in formats:
            folder, generated = dataset(args.cache, size, args.years, fmt, args.seed)
            if generated is not None:
                print(f"  generated {human(size)} agency-years ({fmt}) in {generated:.1f} s", flush=True)
            results[(fmt, size)] = run_child(folder)
            r = results[(fmt, size)]
            print(f"  measured {human(size)} ({fmt}): {r['total']:.2f} s, {r['peak_mb']:.0f} MB", flush=True)
    header = ("agency-years", "format", "rows", "load+validate s", "capaian s", "serapan/efisiensi s", "audit s",
              "total s", "peak RSS MB", "growth", "findings")
    table = []
    for fmt in formats:
        previous = None
        for size in sizes:
            r = results[(fmt, size)]
            growth = "" if previous is None else f"{r['total'] / previous[1]:.1f}× for {size / previous[0]:.0f}× data"
            table.append((human(size), fmt, f"{r['rows']:,}", f"{r['load']:.2f}", f"{r['capaian']:.2f}",
                          f"{r['budget']:.2f}", f"{r['audit']:.2f}", f"{r['total']:.2f}", f"{r['peak_mb']:.0f}",
                          growth, f"{r['findings']:,}"))
            previous = (size, r["total"])
    widths = [max(len(str(x)) for x in col) for col in zip(header, *table)]
    line = " | ".join(h.ljust(w) for h, w in zip(header, widths))
    print()
    print(line)
    print("-+-".join("-" * w for w in widths))
    for row in table:
        print(" | ".join(str(x).rjust(w) if i not in (1, 9) else str(x).ljust(w)
                         for i, (x, w) in enumerate(zip(row, widths))))
    print()
    print(f"targets: {human(TARGET_AT)} agency-years under {TARGET_SECONDS:.0f} s and {TARGET_MB / 1024:.0f} GB peak; "
          f"growth at most ~10× for 10× the data")
    for fmt in formats:
        r = results.get((fmt, TARGET_AT))
        if r:
            ok = r["total"] < TARGET_SECONDS and r["peak_mb"] < TARGET_MB
            smaller = [s for s in sizes if s < TARGET_AT]
            growth = ""
            if smaller:
                before = results[(fmt, smaller[-1])]
                times, data = r["total"] / before["total"], TARGET_AT / smaller[-1]
                growth = (f"; growth {times:.1f}× for {data:.0f}× data "
                          f"({'linear or better' if times <= data else 'worse than linear'})")
            print(f"  {fmt}: {r['total']:.1f} s, {r['peak_mb']:.0f} MB -> time and memory "
                  f"{'within' if ok else 'OVER'} target{growth}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
