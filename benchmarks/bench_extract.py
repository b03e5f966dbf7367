"""Benchmark of ``lkjip extract``: seed recovery per document, and extraction time.

    python benchmarks/bench_extract.py [--rounds N] [--pdf FILE ...]

Recovery: for each of the three seed reports (``tests/fixtures/seeds``), the share of the embedded
dataset's performance rows with numeric target and realisasi, and of its budget rows with numeric
pagu, that the draft recovers exactly (see :mod:`lkjip_analysis.io.extract.recovery`). Time: the
best of ``--rounds`` runs of :func:`lkjip_analysis.extract` per document. ``--pdf`` adds the time
of a full extraction of PDF files once ``lkjip_analysis.io.extract.pdf`` exists (figures of the PDF
reader alone belong in their own function here, kept separate from these).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

# ../shared/samples beside the checkout (developer and CI machines only)
SHARED_SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
SEED_AGENCIES = {
    "000_3343dd0cfd8df71b.txt": "dinsos-kota-banjarbaru",
    "001_90dadde9d726c79a.txt": "dinsos-kab-hulu-sungai-selatan",
    "003_2e9c1c20b1e46ce7.txt": "dinsos-prov-kalimantan-timur",
}


def seed_figures(rounds: int) -> None:
    """Recovery and time per seed document, and the total."""
    import lkjip_analysis
    from lkjip_analysis.io.extract.recovery import seed_recovery

    ds = lkjip_analysis.load_dataset()
    print(f"Seed recovery (embedded dataset rows recovered exactly), best of {rounds} runs, {os.cpu_count()} cores")
    print(f"{'document':<28} {'agency':<32} {'performance':>13} {'budget':>11} {'time':>8} {'review':>7}")
    totals = [0, 0, 0, 0]
    for name, agency in SEED_AGENCIES.items():
        best = float("inf")
        for _ in range(rounds):
            start = time.perf_counter()
            result = lkjip_analysis.extract(SEEDS / name, agency_id=agency)
            best = min(best, time.perf_counter() - start)
        r = seed_recovery(result, ds, agency)
        p, b = r["performance"], r["budget"]
        ph, bh = int(p["recovered"].sum()), int(b["recovered"].sum())
        totals = [totals[0] + ph, totals[1] + len(p), totals[2] + bh, totals[3] + len(b)]
        print(f"{name:<28} {agency:<32} {ph:>4}/{len(p):<4} {_pct(ph, len(p)):>4} {bh:>3}/{len(b):<3} "
              f"{_pct(bh, len(b)):>4} {best:>7.2f}s {len(result.review):>7}")
    print(f"{'total':<61} {totals[0]:>4}/{totals[1]:<4} {_pct(totals[0], totals[1]):>4} {totals[2]:>3}/{totals[3]:<3} "
          f"{_pct(totals[2], totals[3]):>4}")


def _pct(a: int, n: int) -> str:
    return f"{100 * a / n:.0f}%" if n else "-"


def pdf_timing(files: list[Path]) -> None:
    """Time of a full extraction of each PDF (needs the PDF reader)."""
    try:
        from lkjip_analysis.io.extract import pdf  # noqa: F401
    except ImportError:
        print("PDF: lkjip_analysis.io.extract.pdf belum ada di cabang ini; waktu PDF dilewati")
        return
    import lkjip_analysis

    for path in files:
        start = time.perf_counter()
        try:
            result = lkjip_analysis.extract(path, agency_id="bench", progress=False)
            what = f"{len(result.performance)} baris kinerja, {len(result.budget)} anggaran"
        except lkjip_analysis.LkjipError as exc:
            what = f"galat: {exc}"
        print(f"PDF {path.name}: {time.perf_counter() - start:.1f} s ({what})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pdf", type=Path, nargs="*", default=None,
                        help="PDF files to time (default: ../shared/samples/*.pdf when present)")
    args = parser.parse_args(argv)
    seed_figures(args.rounds)
    files = args.pdf
    if files is None:
        samples = SHARED_SAMPLES
        files = sorted(samples.glob("*.pdf")) if samples.is_dir() else []
    if files:
        pdf_timing(files)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
