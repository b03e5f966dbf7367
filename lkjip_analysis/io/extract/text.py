"""Reader for plain text and Markdown: tables are runs of tab-separated (or ``|``-piped) lines.

Rules
-----
- A *table line* holds at least one tab, or (Markdown) starts and ends with ``|``. A table is a
  run of table lines; one or two blank lines inside a run do not end it (text converted from PDF
  often has them), a line of prose does.
- Markdown separator lines (``|---|:--:|``, or tab-separated ``---``) are dropped.
- Markup left by the conversion inside cells (``<b>``, ``<p>``, ``<br>``, ``**``) is removed; the
  text is otherwise kept as printed.
- The caption is the nearest line before the table (up to 8 lines back, not across another
  table) that starts with ``Tabel``/``Table``; the short lines between it and the table are
  part of it (``Tabel 1.`` / ``Perjanjian Kinerja`` / ``Dinas Sosial ...``).
- ``locations`` are the 1-based line numbers of the file.
"""

from __future__ import annotations

import re
from pathlib import Path

from ...exceptions import ExtractionError
from .grid import Document, Grid

_TAG = re.compile(r"<[^>]{1,200}>")
_SEPARATOR_CELL = re.compile(r"^\s*:?-{2,}:?\s*$")
_CAPTION = re.compile(r"^\W{0,4}(tabel|table)\b", re.IGNORECASE)
MAX_GAP = 2
CAPTION_LOOKBACK = 8


def clean_cell(text: str) -> str:
    """Remove conversion markup from a cell and collapse blanks (``<b>323</b>`` -> ``323``).

    Examples
    --------
    >>> clean_cell(" <b>Total</b> ")
    'Total'
    >>> clean_cell("<p>Aktif</p> <p>Sda</p>")
    'Aktif Sda'
    """
    text = re.sub(r"<br\s*/?>", " ", text, flags=re.IGNORECASE)
    text = _TAG.sub(" ", text).replace("**", "").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def _split(line: str) -> list[str] | None:
    """Cells of a table line, or None for a line that is not part of a table."""
    if "\t" in line:
        cells = line.rstrip("\n").split("\t")
    else:
        s = line.strip()
        if len(s) >= 2 and s.startswith("|") and s.endswith("|"):
            cells = s[1:-1].split("|")
        else:
            return None
    return [clean_cell(c) for c in cells]


def _is_separator(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return bool(filled) and all(_SEPARATOR_CELL.match(c) for c in filled)


def _caption(lines: list[str], start: int, floor: int) -> str | None:
    """Caption for a table starting at 0-based line ``start``; never looks above ``floor``."""
    lo = max(floor, start - CAPTION_LOOKBACK)
    for i in range(start - 1, lo - 1, -1):
        text = clean_cell(lines[i])
        if _CAPTION.match(text):
            parts = [text]
            for j in range(i + 1, start):
                extra = clean_cell(lines[j])
                if extra and len(extra) <= 120:
                    parts.append(extra)
                elif extra:
                    break
            return re.sub(r"\s+", " ", " ".join(parts)).strip(" *")
    return None


def parse_text(text: str, name: str) -> list[Grid]:
    """Find the tables of a text document.

    Parameters
    ----------
    text : str
        The whole document.
    name : str
        File name recorded in each grid.

    Returns
    -------
    list of Grid
    """
    lines = text.splitlines()
    grids: list[Grid] = []
    i, floor = 0, 0
    while i < len(lines):
        cells = _split(lines[i])
        if cells is None:
            i += 1
            continue
        start, rows, locs, gap, j = i, [], [], 0, i
        while j < len(lines):
            cells = _split(lines[j])
            if cells is None:
                if lines[j].strip() == "" and gap < MAX_GAP:
                    gap += 1
                    j += 1
                    continue
                break
            gap = 0
            if not _is_separator(cells) and any(cells):
                rows.append(cells)
                locs.append(str(j + 1))
            j += 1
        if rows:
            grids.append(Grid(rows=rows, document=name, kind="text", locations=locs,
                              caption=_caption(lines, start, floor)))
        floor, i = j, j
    return grids


def read_text(path: str | Path) -> Document:
    """Read a text / Markdown document into a :class:`~.grid.Document`.

    Raises
    ------
    ExtractionError
        The file is missing, or is not text (binary content, not UTF-8 nor Latin-1).
    """
    path = Path(path)
    if not path.is_file():
        raise ExtractionError.from_key("extract.not_found_path", path=str(path))
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise ExtractionError.from_key("extract.binary_text", name=path.name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return Document(path=str(path), kind="text", grids=parse_text(text, path.name), page_texts=[text],
                    n_pages=1, pages_read=[1])
