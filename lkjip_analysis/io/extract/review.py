"""Side-by-side views for checking a draft by eye (used by ``notebooks/extract_review.ipynb``).

For each table found: on the left what the document shows (the page region rendered from the PDF
with the table's box, or the source lines of a text/DOCX document), on the right the draft rows
extracted from it, and the review questions about those rows. The notebook only displays these.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

import pandas as pd

from .classify import TableResult

KIND_NAMES = {"performance": "kinerja", "multi_year": "kinerja multi-tahun", "budget": "anggaran",
              "comparison": "pembanding"}


def source_lines(extraction, result: TableResult) -> str:
    """The table as the document holds it: the text lines (text), or the cells row by row (DOCX, PDF)."""
    grid = result.grid
    if grid.kind == "text":
        try:
            text = Path(extraction.document.path).read_text(encoding="utf-8-sig", errors="replace").splitlines()
        except OSError:
            text = []
        out = []
        for loc in grid.locations:
            n = int(loc)
            line = text[n - 1] if 0 < n <= len(text) else ""
            out.append(f"{n:>5} | " + line.replace("\t", " | "))
        return "\n".join(out)
    return "\n".join(f"{loc:>18} | " + " | ".join(cells) for loc, cells in zip(grid.locations, grid.rows))


def page_images(extraction, result: TableResult) -> list[tuple[int, bytes]]:
    """PNG pictures of the table's region on each PDF page it covers (empty for other documents)."""
    grid = result.grid
    if grid.kind != "pdf" or not grid.bbox:
        return []
    try:
        from .pdf import render_region
    except ImportError:
        return []
    return [(page, render_region(extraction.document.path, page, box)) for page, box in sorted(grid.bbox.items())]


def table_review(extraction, result: TableResult) -> pd.DataFrame:
    """Review questions about the rows of one table."""
    rev = extraction.review
    if not len(rev):
        return rev
    from .classify import source_of

    return rev[(rev["source"] == source_of(result.grid)) & rev["source_line"].isin(result.grid.locations)]


def table_panel(extraction, result: TableResult) -> str:
    """HTML: the document's picture or lines beside the extracted rows, then the table's questions."""
    title = html.escape(f"{result.grid.caption or result.ref} — {KIND_NAMES.get(result.kind, result.kind)}, "
                        f"{result.n_records} baris ({result.grid.locations[0]} …)")
    images = page_images(extraction, result)
    if images:
        left = "".join(f"<div>hlm. {p}</div><img style='max-width:100%' src='data:image/png;base64,"
                       f"{base64.b64encode(png).decode()}'/>" for p, png in images)
    else:
        left = f"<pre style='font-size:11px;white-space:pre-wrap'>{html.escape(source_lines(extraction, result))}</pre>"
    rows = extraction.rows_of(result)
    right = rows.to_html(index=False, na_rep="", max_cols=20) if len(rows) else "<i>tidak ada baris</i>"
    questions = table_review(extraction, result)
    q_html = questions[["cell", "kind", "message"]].to_html(index=False) if len(questions) else ""
    return (f"<h3>{title}</h3><div style='display:flex;gap:12px'><div style='flex:1;min-width:0'>{left}</div>"
            f"<div style='flex:1;min-width:0;overflow-x:auto'>{right}</div></div>{q_html}")


def panels(extraction) -> list[str]:
    """One :func:`table_panel` per table that gave draft rows, in document order."""
    return [table_panel(extraction, r) for r in extraction.results if r.kind != "other" and r.n_records]
