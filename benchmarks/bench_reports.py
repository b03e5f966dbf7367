"""Benchmark: N agency-year reports, the naive loop vs ``lkjip run``, HTML only and HTML + PDF.

    python benchmarks/bench_reports.py [--reports 8] [--rounds 3] [--workers CORES] [--no-fresh]
                                       [--no-weasyprint] [--incremental 100]

Measured in the same run, alternating, ``--rounds`` times:

(a-html) the loop a user without this package would write (``benchmarks/naive_loop.sh``): per
    report the ``papermill`` CLI and ``jupyter nbconvert --to html --no-input``, one report after
    another;
(b-html) ``lkjip run --workers CORES --formats html`` (``--force``: every report built);
(a) the naive loop with a PDF too: for the PDF the script uses the first route that works here:
    ``nbconvert --to webpdf`` (needs playwright's Chromium), ``nbconvert --to pdf`` (needs
    xelatex), a system Chromium's ``--print-to-pdf`` on the HTML, else the ``weasyprint`` CLI
    on the HTML; the table says which.
(b) ``lkjip run --workers CORES`` (HTML + PDF; warm kernels and ``--pdf-engine auto``, the defaults:
    Chromium kept running per worker when one is installed, else WeasyPrint);
(c) ``lkjip run --workers CORES --fresh-kernels`` (one kernel per report), unless ``--no-fresh``;
(d) ``lkjip run --workers CORES --pdf-engine weasyprint``, when (b) prints with Chromium, unless
    ``--no-weasyprint``.

``--incremental N`` adds incremental runs (not alternated with the rest): N synthetic agencies
(``lkjip synth``, one year each) built once with ``lkjip run --formats html``, then the same
command again with nothing changed (median of 3; every report ``unchanged``, no file rewritten),
then once more after one realisasi of one agency changed (that report rebuilt).

The reports: the 3 agency-years of the embedded dataset, repeated — copy k of the dataset
renames the agencies ``<agency_id>-k<k>`` so that every report has its own folder — and
alternating ``lang`` id/en. Each report does the same work as the real one. Printed: the
machine, seconds per report (median of the rounds), a/b, and the share of (b)'s time spent
outside notebook cells, from the manifest's ``cell_seconds``/``duration`` per report. No
pass/fail: the targets (HTML only a/b >= 5, HTML + PDF a/b >= 4, unchanged run >= 10x faster than
the first) are printed for comparison. The machine may be shared: compare the ratios (each pair
measured side by side, in alternating order), not the seconds.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_data import machine  # noqa: E402

from lkjip_analysis.run.chromium import find_chromium  # noqa: E402

BIN = Path(sys.executable).parent
NAIVE = ROOT / "benchmarks" / "naive_loop.sh"
EMBEDDED = ROOT / "lkjip_analysis" / "data"
NOTEBOOK = ROOT / "lkjip_analysis" / "notebooks" / "agency_report.ipynb"
AGENCY_YEARS = (("dinsos-kota-banjarbaru", 2020, "banjarbaru"), ("dinsos-kab-hulu-sungai-selatan", 2019, "banjarbaru"),
                ("dinsos-prov-kalimantan-timur", 2020, "permendagri86"))
TARGET_RATIO, TARGET_RATIO_HTML, TARGET_OUTSIDE, TARGET_UNCHANGED = 4.0, 5.0, 0.35, 10.0


def env() -> dict:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "PYTHONWARNINGS": "ignore",
            "CHROMIUM": find_chromium() or ""}


def copy_dataset(dest: Path, k: int) -> dict[str, str]:
    """The embedded dataset with every agency_id renamed ``<id>-k<k>``; returns the id mapping."""
    dest.mkdir(parents=True)
    ids: dict[str, str] = {}
    for src in sorted(EMBEDDED.iterdir()):
        if src.suffix != ".csv":
            if src.is_file():
                shutil.copy2(src, dest / src.name)
            continue
        with open(src, newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        header, body = rows[0], rows[1:]
        if "agency_id" in header:
            col = header.index("agency_id")
            for row in body:
                if row[col]:
                    ids.setdefault(row[col], f"{row[col]}-k{k}")
                    row[col] = ids[row[col]]
            if src.name == "agencies.csv" and "name" in header:
                name = header.index("name")
                for row in body:
                    row[name] = f"{row[name]} (salinan {k})"
        with open(dest / src.name, "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\n").writerows([header, *body])
    return ids


def make_reports(work: Path, n: int) -> list[dict]:
    reports = []
    copies = (n + len(AGENCY_YEARS) - 1) // len(AGENCY_YEARS)
    for k in range(1, copies + 1):
        dataset = work / "datasets" / f"k{k}"
        ids = copy_dataset(dataset, k)
        for agency, year, scale in AGENCY_YEARS:
            if len(reports) < n:
                reports.append({"agency_id": ids[agency], "year": year, "dataset": str(dataset),
                                "lang": ("id", "en")[len(reports) % 2], "category_scale": scale,
                                "efficiency_method": "capaian_minus_serapan"})
    params = work / "params"
    params.mkdir()
    for r in reports:
        r["params_file"] = str(params / f"{r['agency_id']}-{r['year']}.yaml")
        Path(r["params_file"]).write_text("".join(f"{k}: {r[k]}\n" for k in (
            "agency_id", "year", "dataset", "lang", "category_scale", "efficiency_method")), encoding="utf-8")
    return reports


def pdf_route(work: Path) -> str:
    """The first PDF route a user could run here: webpdf, latex, a system Chromium, else weasyprint."""
    import nbformat

    probe = work / "probe"
    probe.mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# uji")])
    nbformat.write(nb, probe / "p.ipynb")
    for route, to in (("webpdf", "webpdf"), ("latex", "pdf")):
        done = subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", to, str(probe / "p.ipynb")], env=env(),
                              capture_output=True, text=True, timeout=120, check=False)
        if done.returncode == 0 and (probe / "p.pdf").exists():
            return route
    return "chromium" if find_chromium() else "weasyprint"


def run_naive(work: Path, reports: list[dict], pdf: str, rnd: int) -> float:
    """Seconds of the naive loop over ``reports`` (``pdf="none"``: HTML only)."""
    out = work / f"naive-{rnd}-{pdf}"
    jobs = work / f"naive-{rnd}.tsv"
    jobs.write_text("".join("\t".join([str(NOTEBOOK), str(out / r["agency_id"] / str(r["year"])), r["agency_id"],
                                       str(r["year"]), r["dataset"], r["lang"], r["category_scale"],
                                       r["efficiency_method"]]) + "\n" for r in reports), encoding="utf-8")
    t0 = time.perf_counter()
    subprocess.run(["bash", str(NAIVE), str(jobs), pdf], env=env(), check=True, cwd=work, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - t0
    last = "report.html" if pdf == "none" else "report.pdf"
    missing = [r for r in reports if not (out / r["agency_id"] / str(r["year"]) / last).exists()]
    if missing:
        raise SystemExit(f"naive loop: no {last} for {missing[0]['agency_id']}")
    shutil.rmtree(out, ignore_errors=True)
    return seconds


def run_lkjip(work: Path, reports: list[dict], workers: int, rnd: int, extra: list[str]) -> tuple[float, dict]:
    out = work / f"lkjip-{rnd}-{'-'.join(a.strip('-') for a in extra) or 'default'}"
    cmd = [str(BIN / "lkjip"), "run", *(r["params_file"] for r in reports), "--workers", str(workers),
           "--output-dir", str(out), "--no-progress", "--force", *extra]
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env=env(), cwd=work, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"lkjip run failed ({done.returncode}):\n{done.stderr[-3000:]}")
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["reports"].values()
    stats = {"cells": sum(e["cell_seconds"] for e in entries), "reports": sum(e["duration"] for e in entries),
             "pdf": sum(e.get("pdf_seconds", 0) for e in entries), "wall": seconds,
             "engines": sorted({str(e.get("pdf_engine")) for e in entries})}
    shutil.rmtree(out, ignore_errors=True)
    return seconds, stats


NAIVE_PDF = {"weasyprint": "the weasyprint CLI on the nbconvert HTML",
             "chromium": "a system Chromium's --print-to-pdf on the nbconvert HTML",
             "webpdf": "nbconvert --to webpdf", "latex": "nbconvert --to pdf (xelatex)"}


def outside_cells(key: str, stats: list[dict], workers: int) -> str:
    cells = sum(s["cells"] for s in stats)
    report_s = sum(s["reports"] for s in stats)
    pdf_s = sum(s["pdf"] for s in stats)
    capacity = sum(s["wall"] for s in stats) * workers
    line = (f"({key}) outside notebook cells: {1 - cells / report_s:.0%} of report time"
            + (f"; PDF alone {pdf_s / report_s:.0%}, without the PDF "
               f"{(report_s - cells - pdf_s) / (report_s - pdf_s):.0%}" if pdf_s else ""))
    return line + f"; {1 - cells / capacity:.0%} of wall time x workers (incl. start-up and idle workers)"


def run_incremental(work: Path, n: int, workers: int) -> list[str]:
    """N synthetic agency reports: first run, unchanged runs (median of 3), one agency changed."""
    dataset = work / "synth-incremental"
    subprocess.run([str(BIN / "lkjip"), "synth", "--agencies", str(n), "--years", "1", "--out", str(dataset)],
                   env=env(), check=True, capture_output=True)
    params = work / "params-incremental"
    params.mkdir()
    with open(dataset / "performance.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    pairs = sorted({(r[header.index("agency_id")], r[header.index("year")]) for r in rows[1:]})
    for agency, year in pairs:
        (params / f"{agency}-{year}.yaml").write_text(f"agency_id: {agency}\nyear: {year}\ndataset: {dataset}\n",
                                                     encoding="utf-8")
    out = work / "out-incremental"
    cmd = [str(BIN / "lkjip"), "run", "--all", "--params-dir", str(params), "--formats", "html", "--workers",
           str(workers), "--output-dir", str(out), "--no-progress"]

    def timed() -> tuple[float, str]:
        t0 = time.perf_counter()
        done = subprocess.run(cmd, env=env(), cwd=work, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"lkjip run failed ({done.returncode}):\n{done.stderr[-3000:]}")
        return time.perf_counter() - t0, (done.stdout or done.stderr).strip().splitlines()[0]

    def stamps() -> dict:
        return {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file() and p.parent != out}

    first, _ = timed()
    before = stamps()
    unchanged = []
    for _ in range(3):
        seconds, summary = timed()
        unchanged.append(seconds)
    rewritten = sum(1 for p, v in stamps().items() if before.get(p) != v)
    # one realisasi of the first agency + 1
    a, r = header.index("agency_id"), header.index("realisasi")
    target = next(row for row in rows[1:] if row[a] == pairs[0][0] and row[r])
    target[r] = f"{float(target[r]) + 1:g}"
    with open(dataset / "performance.csv", "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    one, one_summary = timed()
    median = statistics.median(unchanged)
    return [
        f"incremental: {n} synthetic agency reports (HTML), lkjip run --workers {workers}",
        f"  first run (all built)        {first:7.1f} s",
        f"  unchanged run (median of 3)  {median:7.1f} s   {first / median:.0f}x faster (target >= "
        f"{TARGET_UNCHANGED:.0f}x); report files rewritten: {rewritten}; {summary.split(' (')[0]}",
        f"  one realisasi changed        {one:7.1f} s   {one_summary.split(' (')[0]}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=8, help="reports per round (default 8)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, each method once per round (default 3)")
    parser.add_argument("--workers", type=int, default=None, help="lkjip run --workers (default: the cores)")
    parser.add_argument("--no-fresh", action="store_true", help="skip (c), lkjip run --fresh-kernels")
    parser.add_argument("--no-weasyprint", action="store_true",
                        help="skip (d), lkjip run --pdf-engine weasyprint (run only when (b) prints with Chromium)")
    parser.add_argument("--incremental", type=int, default=0, metavar="N",
                        help="also time an unchanged run of N synthetic agency reports (0: skip)")
    args = parser.parse_args(argv)
    workers = args.workers or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count())
    n, rounds = args.reports, max(1, args.rounds)

    print(f"bench_reports: {n} agency-year reports, HTML only and HTML + PDF, {rounds} rounds, {workers} workers")
    print(f"machine: {machine()}")
    methods = {"b-html": (f"(b-html) lkjip run --workers {workers} --formats html", ["--formats", "html"]),
               "b": (f"(b) lkjip run --workers {workers}", [])}
    if not args.no_fresh:
        methods["c"] = (f"(c) lkjip run --workers {workers} --fresh-kernels", ["--fresh-kernels"])
    if find_chromium() and not args.no_weasyprint:
        methods["d"] = (f"(d) lkjip run --workers {workers} --pdf-engine weasyprint", ["--pdf-engine", "weasyprint"])
    work = Path(tempfile.mkdtemp(prefix="lkjip-bench-"))
    seconds: dict[str, list[float]] = {"a-html": [], "a": [], **{k: [] for k in methods}}
    stats: dict[str, list[dict]] = {k: [] for k in methods}
    incremental: list[str] = []
    try:
        reports = make_reports(work, n)
        pdf = pdf_route(work)
        print(f"naive loop PDF: {NAIVE_PDF[pdf]}"
              + (" (nbconvert --to webpdf needs playwright's Chromium, --to pdf needs xelatex: neither works here)"
                 if pdf in ("weasyprint", "chromium") else ""))
        for rnd in range(rounds):
            order = ["a-html", "b-html", "a", *[k for k in methods if k != "b-html"]]
            for key in (order if rnd % 2 == 0 else order[::-1]):
                if key in ("a", "a-html"):
                    seconds[key].append(run_naive(work, reports, "none" if key == "a-html" else pdf, rnd))
                else:
                    wall, st = run_lkjip(work, reports, workers, rnd, methods[key][1])
                    seconds[key].append(wall)
                    stats[key].append(st)
            print(f"  round {rnd + 1}: " + ", ".join(f"({k}) {v[-1]:.1f} s" for k, v in seconds.items()), flush=True)
        if args.incremental:
            incremental = run_incremental(work, args.incremental, workers)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    per_report = {k: statistics.median(v) / n for k, v in seconds.items()}
    rows = [("(a-html) naive loop: papermill + nbconvert CLIs", "a-html", "", "-"),
            ("(b-html) " + methods["b-html"][0].split(") ", 1)[1], "b-html", "a-html", "-"),
            (f"(a) naive loop: papermill + nbconvert + {pdf} CLI", "a", "", pdf)]
    for key, (name, _) in methods.items():
        if key == "b-html":
            continue
        engines = ", ".join(e for s in stats[key] for e in s["engines"] if e != "None") or "-"
        rows.append((name, key, "a", ", ".join(sorted(set(engines.split(", "))))))
    print()
    print(f"| {'method':<60} | s/report | speed-up vs naive | PDF engine |")
    print(f"|{'-' * 62}|---------:|------------------:|------------|")
    for name, key, base, engine in rows:
        ratio = f"{per_report[base] / per_report[key]:.1f}x" if base else ""
        print(f"| {name:<60} | {per_report[key]:8.2f} | {ratio:>17} | {engine:<10} |")
    print()
    print(f"HTML only:  a-html/b-html = {per_report['a-html'] / per_report['b-html']:.1f}x (target >= "
          f"{TARGET_RATIO_HTML:.0f}x)")
    print(f"HTML + PDF: a/b = {per_report['a'] / per_report['b']:.1f}x (target >= {TARGET_RATIO:.0f}x)")
    print("per round (side by side): a-html/b-html " + ", ".join(
        f"{x / y:.1f}x" for x, y in zip(seconds["a-html"], seconds["b-html"])) + "; a/b " + ", ".join(
        f"{x / y:.1f}x" for x, y in zip(seconds["a"], seconds["b"])))
    for key in ("b-html", "b", "d"):
        if key in stats:
            print(outside_cells(key, stats[key], workers))
    if incremental:
        print()
        print("\n".join(incremental))
    return 0


if __name__ == "__main__":
    sys.exit(main())
