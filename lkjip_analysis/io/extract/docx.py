"""Reader for Word documents (``.docx``) with python-docx.

Rules
-----
- Every table of the body, in document order, is one grid (nested tables are not read).
- Merged cells: python-docx repeats a merged cell's object in every grid position it covers; the
  text is kept in its first (top-left) position and the others get ``""`` (the contract of
  :class:`~.grid.Grid`), for horizontal (``gridSpan``) and vertical (``vMerge``) merges alike.
- Paragraphs inside a cell are joined with a space.
- The caption is the nearest paragraph before the table (up to 4 paragraphs back) that starts
  with ``Tabel``/``Table``; ``locations`` are ``"tabel T, baris R"`` (1-based).
- ``page_texts`` holds the document's paragraphs (cover and title first) as one text.
"""

from __future__ import annotations

import re
from pathlib import Path

from ...exceptions import ExtractionError
from .grid import Document, Grid
from .text import clean_cell

_CAPTION = re.compile(r"^\W{0,4}(tabel|table)\b", re.IGNORECASE)


def _table_rows(table) -> list[list[str]]:
    rows: list[list[str]] = []
    seen: set[int] = set()
    alive = []  # keep the lxml proxies alive so that id() stays unique per cell element
    for row in table.rows:
        cells = []
        for cell in row.cells:
            tc = cell._tc
            if id(tc) in seen:
                cells.append("")
                continue
            alive.append(tc)
            seen.add(id(tc))
            cells.append(clean_cell(" ".join(p.text for p in cell.paragraphs)))
        rows.append(cells)
    return rows


def read_docx(path: str | Path) -> Document:
    """Read the tables of a ``.docx`` file into a :class:`~.grid.Document`.

    Raises
    ------
    ExtractionError
        The file is missing or is not a readable Word document.
    """
    path = Path(path)
    if not path.is_file():
        raise ExtractionError.from_key("extract.not_found", str(path))
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise ExtractionError.from_key("extract.docx_library", str(path), detail=str(exc)) from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - python-docx raises several kinds for a damaged file
        raise ExtractionError.from_key("extract.not_word", str(path), detail=f"{type(exc).__name__}: {exc}") from None
    grids: list[Grid] = []
    paragraphs: list[str] = []
    recent: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = clean_cell(Paragraph(child, document).text)
            if text:
                paragraphs.append(text)
                recent = (recent + [text])[-4:]
        elif tag == "tbl":
            table = Table(child, document)
            rows = _table_rows(table)
            t = len(grids) + 1
            caption = next((p for p in reversed(recent) if _CAPTION.match(p)), None)
            grids.append(Grid(rows=rows, document=path.name, kind="docx",
                              locations=[f"tabel {t}, baris {r}" for r in range(1, len(rows) + 1)],
                              caption=caption))
            recent = []
    return Document(path=str(path), kind="docx", grids=[g for g in grids if g.rows],
                    page_texts=["\n".join(paragraphs)], n_pages=1, pages_read=[1])
