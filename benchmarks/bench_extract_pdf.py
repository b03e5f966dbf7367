"""PDF reader benchmark: speed of ``read_pdf`` on the sample Renstra PDFs and a 185-page document,
cells recovered against the hand-checked ones, and (``--compare``) the candidate libraries.

    python benchmarks/bench_extract_pdf.py [--samples DIR] [--compare]

Prints wall and CPU seconds (CPU is what the machine's load does not change), pages read for
tables after the word filter, and ms a page. The 185-page document is the DINKES Renstra
(152 pages) followed by the first 33 pages of the DUKCAPIL one, joined with pypdf. Without the
sample folder only the fixture extracts are measured.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import warnings
from pathlib import Path

# ../shared/samples beside the checkout (developer and CI machines only)
SHARED_SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "io"))

from lkjip_analysis.io.extract.pdf import read_pdf


def timed(path: Path, pages=None):
    t0, c0 = time.perf_counter(), time.process_time()
    doc = read_pdf(path, pages=pages, progress=False)
    return doc, time.perf_counter() - t0, time.process_time() - c0


def load() -> str:
    try:
        return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    except OSError:
        return ""


def speed(samples: Path) -> None:
    print(f"read_pdf speed ({load()}; the machine is shared: wall time depends on the others' load)")
    print(f"  {'document':<28} {'pages':>5} {'tables':>6} {'looked':>6} {'wall s':>7} {'cpu s':>6} {'cpu ms/page':>11}")
    docs = sorted(samples.glob("*.pdf"))
    for path in docs:
        doc, wall, cpu = timed(path)
        looked = doc.n_pages - _skipped(doc)
        print(f"  {path.name:<28} {doc.n_pages:>5} {len(doc.grids):>6} {looked:>6} {wall:>7.1f} {cpu:>6.1f} "
              f"{1000 * cpu / doc.n_pages:>11.0f}")
    big = _join_185(samples)
    if big is not None:
        try:
            doc, wall, cpu = timed(big)
            looked = doc.n_pages - _skipped(doc)
            print(f"  {'185 pages (DINKES+DUKCAPIL)':<28} {doc.n_pages:>5} {len(doc.grids):>6} {looked:>6} "
                  f"{wall:>7.1f} {cpu:>6.1f} {1000 * cpu / doc.n_pages:>11.0f}")
            print(f"  185-page target: under 30 s -> {'met' if wall < 30 else 'NOT met'} (wall {wall:.1f} s, "
                  f"cpu {cpu:.1f} s, one process)")
        finally:
            os.unlink(big)


def _skipped(doc) -> int:
    for note in doc.notes:
        if note.startswith("saringan kata:"):
            looked = int(note.split(":")[1].split()[0])
            return doc.n_pages - looked
    return 0


def _join_185(samples: Path) -> Path | None:
    a, b = samples / "RENSTRA-DINKES.pdf", samples / "RENSTRA-DUKCAPIL.pdf"
    if not (a.exists() and b.exists()):
        return None
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(a).pages:
        writer.add_page(page)
    for page in PdfReader(b).pages[: 185 - len(writer.pages)]:
        writer.add_page(page)
    fd, name = tempfile.mkstemp(suffix=".pdf")
    with os.fdopen(fd, "wb") as fh:
        writer.write(fh)
    return Path(name)


def recovery() -> None:
    import test_extract_pdf as t

    print("hand-checked cells recovered exactly (tests/io/test_extract_pdf.py, fixture pages)")
    ok_all = total_all = 0
    for name in sorted(t.HAND_CHECKED):
        ok, total, misses = t.recovered(name)
        ok_all, total_all = ok_all + ok, total_all + total
        print(f"  {name:<11} {ok:>3}/{total:<3} {100 * ok / total:6.1f} %")
        for m in misses:
            print(f"    miss: {m}")
    print(f"  {'all':<11} {ok_all:>3}/{total_all:<3} {100 * ok_all / total_all:6.1f} %")
    try:
        ok, total, misses = t.end_to_end_recovery()
    except ImportError as exc:  # the interpreter is on another branch
        print(f"end to end (lkjip_analysis.extract): not available ({exc})")
        return
    print(f"end to end: hand-checked target/realisasi/pagu figures in the draft of lkjip_analysis.extract: "
          f"{ok}/{total} ({100 * ok / total:.1f} %)")
    for m in misses:
        print(f"    miss: {m}")


# --------------------------------------------------------------------------------------------
# --compare: the candidate libraries, each with its own table extraction and default settings

def _plumber_tables(path: Path, page: int):
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [t.extract() for t in pdf.pages[page - 1].find_tables()]


def _mupdf_tables(path: Path, page: int):
    import pymupdf

    with pymupdf.open(path) as doc:
        return [t.extract() for t in doc[page - 1].find_tables()]


def _camelot_tables(path: Path, page: int):
    import camelot

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [t.df.values.tolist() for t in camelot.read_pdf(str(path), pages=str(page), flavor="lattice")]


def _ours(path: Path, page: int):
    doc = read_pdf(path, pages=str(page), progress=False)
    return [g.rows for g in doc.grids]


LIBS = {"pdfplumber": _plumber_tables, "pymupdf": _mupdf_tables, "camelot lattice": _camelot_tables,
        "read_pdf (ours)": _ours}


def _clean(cell) -> str:
    return " ".join(str(cell or "").split())


def compare() -> None:
    import test_extract_pdf as t

    print("candidate libraries on the hand-checked cells (their own table extraction, defaults; a cell")
    print("counts when a row whose first cell is the key holds the exact text in that column)")
    pages_of = {"dinkes": {"Tabel 2.5": [2, 3], "Tabel 2.6": [4]},
                "dukcapil": {"Tabel 2.2": [1], "Tabel 2.5": [2]},
                "kesbangpol": {"Tabel 2.5": [1], "Tabel 2.6": [1]}}
    import importlib.util

    # PyMuPDF (AGPL) is not a dependency: measured only where someone installed it by hand
    missing = {lib for lib, module in (("pymupdf", "pymupdf"),) if importlib.util.find_spec(module) is None}
    for lib in sorted(missing):
        print(f"  {lib}: not installed here (pip install {lib}): not measured")
    for lib, fn in LIBS.items():
        if lib in missing:
            continue
        ok = total = 0
        seconds = 0.0
        n_pages = 0
        for name, checks in t.HAND_CHECKED.items():
            path = t.FIXTURE_OF[name]
            tables_by_page = {}
            for page in sorted({p for ps in pages_of[name].values() for p in ps}):
                t0 = time.perf_counter()
                try:
                    tables_by_page[page] = fn(path, page)
                except Exception as exc:  # noqa: BLE001 - a library that fails scores nothing
                    print(f"  {lib}: {name} p. {page} failed: {exc}")
                    tables_by_page[page] = []
                seconds += time.perf_counter() - t0
                n_pages += 1
            for caption, key, col, expected in checks:
                total += 1
                rows = [[_clean(c) for c in row] for p in pages_of[name][caption] for tb in tables_by_page[p]
                        for row in tb]
                hit = any(r and (r[0] == key or r[0].startswith(key + " ")) and col < len(r) and r[col] == expected
                          for r in rows)
                ok += hit
        print(f"  {lib:<16} {ok:>3}/{total:<3} {100 * ok / total:6.1f} %   {1000 * seconds / n_pages:6.0f} ms/page "
              f"(table pages, incl. opening)")
    samples = SHARED_SAMPLES / "RENSTRA-DINKES.pdf"
    if samples.exists():
        print("  text of every page of RENSTRA-DINKES.pdf (152 pages):")
        for lib, fn in (("pdfplumber", _text_plumber), ("pymupdf", _text_mupdf), ("pypdfium2", _text_pdfium)):
            if lib in missing:
                continue
            c0 = time.process_time()
            n = fn(samples)
            print(f"    {lib:<12} {1000 * (time.process_time() - c0) / n:6.1f} ms/page (cpu)")


def _text_plumber(path):
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for p in pdf.pages:
            p.extract_text()
            p.flush_cache()
        return len(pdf.pages)


def _text_mupdf(path):
    import pymupdf

    with pymupdf.open(path) as doc:
        for p in doc:
            p.get_text()
        return len(doc)


def _text_pdfium(path):
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(path))
    for i in range(len(doc)):
        doc[i].get_textpage().get_text_range()
    return len(doc)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=Path, default=SHARED_SAMPLES)
    parser.add_argument("--compare", action="store_true", help="also measure pdfplumber, pymupdf, camelot alone")
    args = parser.parse_args(argv)
    if args.samples.exists():
        speed(args.samples)
    else:
        print(f"{args.samples} not present: speed measured on the fixture extracts only")
        speed(ROOT / "tests" / "fixtures" / "pdf")
    recovery()
    if args.compare:
        compare()
    return 0


if __name__ == "__main__":
    sys.exit(main())
