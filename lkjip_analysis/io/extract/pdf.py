"""Read the tables of a PDF (with a text layer) into :class:`~lkjip_analysis.io.extract.grid.Grid` s.

Libraries (chosen by measurement, see the README section "Membaca PDF"):

* **pypdfium2** (Apache-2.0/BSD-3) reads every page's text, counts its drawn paths and images:
  about 2 ms a page. This pass fills ``page_texts``, finds image-only (scanned) pages, and picks the
  pages whose words suggest a table (``Tabel``, ``Target``, ``Realisasi``, ``Anggaran`` ...).
* **pdfplumber** (MIT) finds the ruling of the tables on those pages only and gives every
  character's box and rotation; :mod:`.pdf_grid` places the characters into the cells.
* **camelot** (MIT, lattice: line detection on the rendered page) is a second opinion on pages
  where pdfplumber's grid looks unreliable (tables drawn from many small rectangles, ruling that
  cuts one drawn row into several) or where a caption has no table under it. Optional: without
  it the pdfplumber grid is kept and the table is noted.

The reader never interprets a number or a header: cells hold the text as printed.
"""

from __future__ import annotations

import importlib.util
import io
import itertools
import os
import re
import sys
import time
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ... import i18n
from ...exceptions import (
    EmptyPdfError,
    ImageOnlyPdfError,
    NotAPdfError,
    PageRangeError,
    PdfEncryptedError,
    PdfNotFoundError,
    PdfReadError,
)
from .grid import Document, Grid
from .pdf_grid import (
    Char,
    FilledRow,
    Layout,
    drop_empty_columns,
    fill,
    grid_suspicion,
    join_lines,
    rebuild_rows_from_text,
    upright_lines,
)
from .pdf_page import find_layouts, page_chars, page_edges

__all__ = ["TABLE_WORDS", "parse_pages", "read_pdf", "render_region"]

#: Words that suggest a page holds a table of interest (any case). A page is read for tables when
#: at least two different ones occur on it and it has drawn ruling, or when it prints a caption.
TABLE_WORDS = ("tabel", "target", "realisasi", "capaian", "anggaran", "pagu", "program", "kegiatan",
               "indikator", "rasio", "satuan", "alokasi", "sasaran", "kinerja", "pendanaan")
_WORDS_RE = re.compile(r"\b(" + "|".join(TABLE_WORDS) + r")\b", re.IGNORECASE)
_CAPTION_RE = re.compile(r"^\s*tabel\s*[0-9IVX]+(?:\s*[.\-]\s*[0-9]+)*\b", re.IGNORECASE)
_COLNUM_RE = re.compile(r"^\(?-?\d{1,2}\)?$")
_ROWNO_RE = re.compile(r"^\d{1,3}\.?$")

MIN_PATHS = 12  # drawn paths a page needs before its ruling is looked for
SUSPICION_LIMIT = 0.2  # share of suspicious rows above which camelot is asked for a second opinion
#: Seconds of camelot (about 0.5 s of CPU a page) one document may spend; pages after that keep
#: pdfplumber's grid with a note. Chapter II (the review tables) comes early, so it is served first.
CAMELOT_BUDGET_S = 12.0


# --------------------------------------------------------------------------------------------
# opening, page ranges, errors


def parse_pages(pages: str | int | Iterable[int] | None, n_pages: int, file: str | None = None) -> list[int]:
    """The 1-based pages to read: all when ``pages`` is None, else ``"30-45"``, ``"3,5,7-9"``, ``12`` or a list.

    >>> parse_pages("2-4,7", 10)
    [2, 3, 4, 7]

    Raises
    ------
    PageRangeError
        When the spec is not a page range, or names a page outside ``1..n_pages``.
    """
    if pages is None:
        return list(range(1, n_pages + 1))
    wanted: list[int] = []
    if isinstance(pages, int):
        wanted = [pages]
    elif isinstance(pages, str):
        for part in re.split(r"\s*,\s*", pages.strip()):
            m = re.fullmatch(r"(\d+)\s*(?:[-–]\s*(\d+))?", part)
            if not m:
                raise PageRangeError.from_key("extract.pages_unknown", file, pages=repr(pages))
            a = int(m.group(1))
            b = int(m.group(2) or a)
            if b < a:
                raise PageRangeError.from_key("extract.pages_reversed", file, part=repr(part), a=a, b=b)
            wanted.extend(range(a, b + 1))
    else:
        try:
            wanted = [int(p) for p in pages]
        except (TypeError, ValueError):
            raise PageRangeError.from_key("extract.pages_not_list", file, pages=repr(pages)) from None
    outside = [p for p in wanted if p < 1 or p > n_pages]
    if outside:
        raise PageRangeError.from_key("extract.pages_outside", file, pages=_ranges(outside), n=n_pages)
    if not wanted:
        raise PageRangeError.from_key("extract.pages_empty", file, pages=repr(pages))
    return sorted(set(wanted))


def _ranges(pages: list[int]) -> str:
    """``[1, 2, 3, 7]`` -> ``"1-3, 7"``."""
    out, start, prev = [], None, None
    for p in sorted(set(pages)):
        if start is None:
            start = prev = p
        elif p == prev + 1:
            prev = p
        else:
            out.append(f"{start}-{prev}" if prev != start else f"{start}")
            start = prev = p
    if start is not None:
        out.append(f"{start}-{prev}" if prev != start else f"{start}")
    return ", ".join(out)


def _open_pdfium(path: Path):
    """Open with pypdfium2, turning every failure into one typed, Indonesian error."""
    import pypdfium2 as pdfium

    name = path.name
    if not path.exists():
        raise PdfNotFoundError.from_key("extract.pdf_not_found", name, path=str(path))
    if path.is_dir():
        raise NotAPdfError.from_key("extract.pdf_is_folder", name, path=str(path))
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if not head:
        raise EmptyPdfError.from_key("extract.pdf_zero_bytes", name)
    if b"%PDF-" not in head:
        raise NotAPdfError.from_key("extract.pdf_bad_head", name)
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        data = path.read_bytes()
        if b"/Encrypt" in data:
            raise PdfEncryptedError.from_key("extract.pdf_encrypted", name) from None
        if not re.search(rb"/Type\s*/Page\b", data):
            raise EmptyPdfError.from_key("extract.pdf_no_pages", name) from None
        raise PdfReadError.from_key("extract.pdf_damaged", name, detail=str(exc)) from None


# --------------------------------------------------------------------------------------------
# the fast pass over every page


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class _PageScan:
    text: str
    is_image: bool
    is_candidate: bool
    has_caption: bool


def _scan_page(page) -> _PageScan:
    from pypdfium2 import raw

    textpage = page.get_textpage()
    text = _CONTROL.sub("", (textpage.get_text_range() or "").replace("\x02", "-"))  # see pdf_page.page_chars
    textpage.close()
    n_text = len(re.sub(r"\s+", "", text))
    n_paths = 0
    image_area = 0.0
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE]):
        if obj.type == raw.FPDF_PAGEOBJ_PATH:
            n_paths += 1
        else:
            try:
                left, bottom, right, top = obj.get_pos()
                image_area += max(0.0, right - left) * max(0.0, top - bottom)
            except Exception:  # noqa: BLE001 - a malformed image object: count it as a small image
                image_area += 1.0
    width, height = page.get_size()
    page_area = max(1.0, width * height)
    # scanned: no text layer at all but an image, or only a few characters (a stamp, a page
    # number) over an image covering most of the page
    is_image = (n_text == 0 and image_area > 0) or (n_text < 20 and image_area >= 0.5 * page_area)
    words = {m.group(1).lower() for m in _WORDS_RE.finditer(text)}
    has_caption = any(_CAPTION_RE.match(line) for line in text.splitlines())
    is_candidate = not is_image and ((len(words) >= 2 and n_paths >= MIN_PATHS) or (has_caption and n_paths >= 4))
    return _PageScan(text, is_image, is_candidate, has_caption)


# --------------------------------------------------------------------------------------------
# tables of one page


@dataclass
class _PageTable:
    page: int
    rows: list[FilledRow]
    bbox: tuple[float, float, float, float]
    caption: str | None
    flags_all: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)  # row position within the page's table, 1-based


def _caption_above(chars: list[Char], bbox: tuple[float, float, float, float], above_limit: float) -> str | None:
    """The ``Tabel X.Y ...`` caption printed above a table (between ``above_limit`` and its top)."""
    top = bbox[1]
    near = [c for c in chars if c.direction == 0 and c.bottom <= top + 1 and c.top >= max(above_limit, top - 160)]
    if not near:
        return None
    lines = upright_lines(near)
    for i in range(len(lines) - 1, -1, -1):
        if _CAPTION_RE.match(lines[i].text):
            caption = join_lines([ln.text for ln in lines[i:i + 3]])
            return re.sub(r"\s+", " ", caption).strip()
    return None


def _tables_on_page(page, page_no: int, camelot_path: str | None, has_caption: bool,
                    notes: list[str], budget: list[float] | None = None) -> list[_PageTable]:
    """Tables of one page; ``budget`` is a one-item list of camelot seconds left (spent in place)."""
    chars = page_chars(page)
    page_height = page.get_height()
    found: list[tuple[Layout, list[FilledRow]]] = []
    for layout in find_layouts(page_edges(page)):
        inside = [c for c in chars if layout.xs[0] - 1 <= c.xc <= layout.xs[-1] + 1
                  and layout.ys[0] - 1 <= c.yc <= layout.ys[-1] + 1]
        found.append((layout, fill(layout, inside)))

    def useful(rows: list[FilledRow]) -> bool:
        """At least two rows, two columns holding text, four cells filled: else a frame, not a table."""
        columns = {i for r in rows for i, c in enumerate(r.cells) if c.strip()}
        return sum(1 for r in rows for c in r.cells if c.strip()) >= 4 and len(rows) >= 2 and len(columns) >= 2

    def rebuild_by_text(indices: list[int], why: i18n.Message) -> None:
        for i in indices:
            layout, rows = found[i]
            inside = [c for c in chars if layout.xs[0] - 1 <= c.xc <= layout.xs[-1] + 1
                      and layout.ys[0] - 1 <= c.yc <= layout.ys[-1] + 1]
            rebuilt = rebuild_rows_from_text(layout, inside, _header_count([r.cells for r in rows]))
            new_rows = fill(rebuilt, inside) if rebuilt is not None else None
            if new_rows is not None and grid_suspicion(new_rows) < grid_suspicion(rows):
                found[i] = (rebuilt, new_rows)
            else:
                notes.append(i18n.message("pdf.note_untrusted_lines", page=page_no, why=why))

    suspicious = [i for i, (_, rows) in enumerate(found) if useful(rows) and grid_suspicion(rows) > SUSPICION_LIMIT]
    missing = has_caption and not any(useful(rows) for _, rows in found)
    if camelot_path and (suspicious or missing) and budget is not None and budget[0] <= 0:
        rebuild_by_text(suspicious, i18n.message("pdf.why_camelot_budget", seconds=f"{CAMELOT_BUDGET_S:.0f}"))
    elif camelot_path and (suspicious or missing):
        started = time.perf_counter()
        second = _camelot_layouts(camelot_path, page_no, page_height)
        if budget is not None:
            budget[0] -= time.perf_counter() - started
        for layout in second:
            inside = [c for c in chars if layout.xs[0] - 1 <= c.xc <= layout.xs[-1] + 1
                      and layout.ys[0] - 1 <= c.yc <= layout.ys[-1] + 1]
            rows = fill(layout, inside)
            if not useful(rows):
                continue
            match = next((i for i, (lay, _) in enumerate(found) if _overlap(lay.bbox, layout.bbox) > 0.5), None)
            if match is None:
                found.append((layout, rows))
            elif grid_suspicion(rows) < grid_suspicion(found[match][1]) or not useful(found[match][1]):
                found[match] = (layout, rows)
    elif suspicious and not camelot_path:
        rebuild_by_text(suspicious, i18n.message("pdf.why_no_camelot"))
    found.sort(key=lambda item: (item[0].ys[0], item[0].xs[0]))
    # a box drawn inside a table's cell (a framed list, a stamp) is part of that table, not a table
    inner = {i for i, (lay, _) in enumerate(found) for j, (other, _) in enumerate(found)
             if i != j and _area(lay.bbox) < _area(other.bbox) and _overlap(lay.bbox, other.bbox) > 0.9}
    if inner:
        notes.append(i18n.message("pdf.note_inner_boxes", page=page_no, n=len(inner)))
    found = [item for i, item in enumerate(found) if i not in inner]
    out: list[_PageTable] = []
    prev_bottom = 0.0
    for i, (layout, rows) in enumerate(found):
        if not useful(rows):
            continue
        table_notes = []
        flags_all: set[str] = set()
        if layout.source == "camelot":
            flags_all.add("grid_rebuilt")
            table_notes.append(i18n.message("pdf.note_camelot_grid", page=page_no))
        elif layout.source == "text":
            flags_all.add("grid_rebuilt")
            table_notes.append(i18n.message("pdf.note_text_rows", page=page_no))
        caption = _caption_above(chars, layout.bbox, prev_bottom)
        numbered = list(range(1, len(rows) + 1))
        out.append(_PageTable(page_no, rows, layout.bbox, caption, flags_all, table_notes, numbered))
        prev_bottom = layout.ys[-1]
    return out


def _area(b: tuple[float, float, float, float]) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    """Intersection over the smaller box."""
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    small = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return ix * iy / small if small > 0 else 0.0


def _camelot_layouts(path: str, page_no: int, page_height: float) -> list[Layout]:
    """Cell layouts that camelot's lattice (line detection on the rendered page) finds on one page."""
    try:
        import camelot
    except ImportError:
        return []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tables = camelot.read_pdf(path, pages=str(page_no), flavor="lattice")
    except Exception:  # noqa: BLE001 - the second opinion is optional; the first one stands
        return []
    out = []
    for t in tables:
        layout = _layout_from_camelot(t, page_height)
        if layout is not None:
            out.append(layout)
    return out


def _layout_from_camelot(table, page_height: float) -> Layout | None:
    cols = table.cols
    rows = table.rows
    if not cols or not rows:
        return None
    xs = [cols[0][0]] + [c[1] for c in cols]
    ys = [page_height - rows[0][0]] + [page_height - r[1] for r in rows]
    if any(b <= a for a, b in itertools.pairwise(xs)) or any(b <= a for a, b in itertools.pairwise(ys)):
        return None  # camelot turned the table (rotated page): its frame is not the page's
    nr, nc = len(rows), len(cols)
    parent = {(r, c): (r, c) for r in range(nr) for c in range(nc)}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    cells = table.cells
    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not cells[r][c].right and not cells[r][c + 1].left:
                union((r, c), (r, c + 1))
            if r + 1 < nr and not cells[r][c].bottom and not cells[r + 1][c].top:
                union((r, c), (r + 1, c))
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for k in parent:
        groups.setdefault(find(k), []).append(k)
    anchor = [[(r, c) for c in range(nc)] for r in range(nr)]
    for members in groups.values():
        top_left = (min(m[0] for m in members), min(m[1] for m in members))
        for m in members:
            anchor[m[0]][m[1]] = top_left
    return Layout(xs, ys, anchor, "camelot")


# --------------------------------------------------------------------------------------------
# tables across pages


def _norm(row: list[str]) -> list[str]:
    return [re.sub(r"\s+", " ", c).strip().lower() for c in row]


def _header_count(rows: list[list[str]]) -> int:
    """Rows of the header: up to a ``(1) (2) (3)`` column-number row, else up to the first numbered row."""
    for i, row in enumerate(rows[:7]):
        filled = [c.strip() for c in row if c.strip()]
        if len(filled) >= 3 and all(_COLNUM_RE.match(c) for c in filled):
            return i + 1
    for i, row in enumerate(rows[:7]):
        first = next((c.strip() for c in row if c.strip()), "")
        if _ROWNO_RE.match(first):
            return i
    return 1


def _assemble(page_tables: list[_PageTable], document: str) -> list[Grid]:
    grids: list[Grid] = []
    current: dict | None = None
    prev_page_last: _PageTable | None = None
    for pt in page_tables:
        rows = [r.cells for r in pt.rows]
        rows_flags = [set(r.flags) | pt.flags_all for r in pt.rows]
        numbers = list(pt.row_numbers)
        # drop the rows that are empty in every cell (drawn but holding nothing)
        keep = [i for i, r in enumerate(rows) if any(c.strip() for c in r)]
        dropped_empty = len(rows) - len(keep)
        rows = [rows[i] for i in keep]
        rows_flags = [rows_flags[i] for i in keep]
        numbers = [numbers[i] for i in keep]
        rows, n_dropped_cols = drop_empty_columns(rows)
        notes = list(pt.notes)
        if n_dropped_cols:
            notes.append(i18n.message("pdf.note_empty_columns_page", page=pt.page, n=n_dropped_cols))
        if dropped_empty:
            notes.append(i18n.message("pdf.note_empty_rows", page=pt.page, n=dropped_empty))
        continues = (current is not None and prev_page_last is not None and pt.caption is None
                     and pt.page == prev_page_last.page + 1 and pt is _first_on_page(page_tables, pt.page)
                     and prev_page_last is _last_on_page(page_tables, prev_page_last.page)
                     and len(rows[0]) == len(current["rows"][0]))
        if continues:
            assert current is not None
            h = _header_count(current["rows"])
            k = 0
            while k < min(h, len(rows)) and _norm(rows[k]) == _norm(current["rows"][k]):
                k += 1
            if k:
                notes.append(i18n.message("pdf.note_repeated_header", page=pt.page, n=k))
            rows, rows_flags, numbers = rows[k:], rows_flags[k:], numbers[k:]
            # a first row without its first cell (number, code) is the rest of the row the page break cut;
            # joined and flagged so a person checks it
            if rows and not rows[0][0].strip() and any(c.strip() for c in rows[0][1:]) and current["rows"]:
                last = current["rows"][-1]
                current["rows"][-1] = [join_lines([a, b]) for a, b in zip(last, rows[0])]
                current["flags"][-1] |= {"spans_pages"} | rows_flags[0]
                notes.append(i18n.message("pdf.note_joined_row", page=pt.page, row=numbers[0],
                                          previous=current["pages"][-1]))
                rows, rows_flags, numbers = rows[1:], rows_flags[1:], numbers[1:]
            current["rows"] += rows
            current["flags"] += rows_flags
            current["pages"] += [pt.page] * len(rows)
            current["locations"] += [f"hlm. {pt.page}, baris {n}" for n in numbers]
            current["bbox"][pt.page] = pt.bbox
            current["notes"] += notes + [f"tabel berlanjut ke hlm. {pt.page}"]
        else:
            if current is not None:
                grids.append(_grid(current, document))
            current = {"rows": rows, "flags": rows_flags, "pages": [pt.page] * len(rows),
                       "locations": [f"hlm. {pt.page}, baris {n}" for n in numbers],
                       "bbox": {pt.page: pt.bbox}, "caption": pt.caption, "notes": notes}
        prev_page_last = pt
    if current is not None:
        grids.append(_grid(current, document))
    return [g for g in grids if g.rows]


def _first_on_page(tables: list[_PageTable], page: int) -> _PageTable | None:
    return next((t for t in tables if t.page == page), None)


def _last_on_page(tables: list[_PageTable], page: int) -> _PageTable | None:
    return next((t for t in reversed(tables) if t.page == page), None)


def _grid(d: dict, document: str) -> Grid:
    width = max((len(r) for r in d["rows"]), default=0)
    rows = [r + [""] * (width - len(r)) for r in d["rows"]]
    rows, n_cols = drop_empty_columns(rows)
    notes = list(d["notes"])
    if n_cols:
        notes.append(i18n.message("pdf.note_empty_columns", n=n_cols))
    return Grid(rows=rows, document=document, kind="pdf", locations=d["locations"], caption=d["caption"],
                pages=d["pages"], bbox={p: tuple(round(v, 1) for v in b) for p, b in d["bbox"].items()},
                row_flags=d["flags"], notes=notes)


# --------------------------------------------------------------------------------------------
# the public API


def read_pdf(path: str | os.PathLike, pages: str | int | Iterable[int] | None = None,
             progress: bool = True) -> Document:
    """Read every table of a PDF into grids of cell text, with where each row is.

    Parameters
    ----------
    path
        The PDF (with a text layer; scanned pages are listed, never guessed from).
    pages
        1-based pages to read (``"30-45"``, ``"3,5,7-9"``, an int or a list); all when None. Page 1
        (the cover) is always read for its text, so the agency's name can be found.
    progress
        Show a progress bar over the pages on stderr.

    Returns
    -------
    Document
        ``grids`` in document order; ``page_texts[i]`` is the text of page ``i + 1`` (``""`` for
        pages not read); ``image_pages`` the scanned pages; ``notes`` the libraries used and the
        pages the word filter skipped.

    Raises
    ------
    PdfNotFoundError, NotAPdfError, PdfEncryptedError, EmptyPdfError, ImageOnlyPdfError, PageRangeError, PdfReadError
        Each with one Indonesian message naming the file.
    """
    from tqdm import tqdm

    p = Path(path)
    name = p.name
    pdf = _open_pdfium(p)
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise EmptyPdfError.from_key("extract.pdf_no_pages", name)
        wanted = parse_pages(pages, n_pages, name)
        texts = [""] * n_pages
        image_pages: list[int] = []
        candidates: list[int] = []
        # camelot is imported only when a page needs it (its import alone takes about a second)
        camelot_path = str(p) if importlib.util.find_spec("camelot") is not None else None
        notes: list[str] = []
        page_tables: list[_PageTable] = []
        budget = [CAMELOT_BUDGET_S]
        to_scan = wanted if 1 in wanted else [1] + wanted
        for page_no in tqdm(to_scan, desc=name, unit="hlm", file=sys.stderr, disable=not progress):
            page = pdf[page_no - 1]
            try:
                scan = _scan_page(page)
                texts[page_no - 1] = scan.text
                if page_no not in wanted:
                    continue
                if scan.is_image:
                    image_pages.append(page_no)
                if not scan.is_candidate:
                    continue
                candidates.append(page_no)
                try:
                    page_tables += _tables_on_page(page, page_no, camelot_path, scan.has_caption, notes, budget)
                except Exception as exc:  # noqa: BLE001 - one bad page must not lose the others
                    notes.append(i18n.message("pdf.note_unreadable_table", page=page_no,
                                              detail=f"{type(exc).__name__}: {exc}"))
            finally:
                page.close()
    finally:
        pdf.close()
    if len(image_pages) == len(wanted):
        what = i18n.message("extract.this_pdf") if pages is None else i18n.message("extract.pages_of",
                                                                                    pages=_ranges(wanted))
        raise ImageOnlyPdfError.from_key("extract.pdf_image_only", name, image_pages, what=what)
    if not any(texts[i - 1].strip() for i in wanted) and not image_pages:
        raise EmptyPdfError.from_key("extract.pdf_blank", name)
    import pdfplumber

    head = [i18n.message("pdf.note_libraries", pdfium=_pdfium_version(), pdfplumber=pdfplumber.__version__,
                         camelot=i18n.message("pdf.note_camelot") if camelot_path else "")]
    skipped = [n for n in wanted if n not in candidates and n not in image_pages]
    if skipped:
        head.append(i18n.message("pdf.note_word_filter", checked=len(candidates), wanted=len(wanted),
                                 skipped=_ranges(skipped)))
    if image_pages:
        head.append(i18n.message("pdf.note_image_pages", pages=_ranges(image_pages)))
    notes = head + notes
    grids = _assemble(page_tables, name)
    return Document(path=str(path), kind="pdf", grids=grids, page_texts=texts, n_pages=n_pages,
                    pages_read=wanted, image_pages=image_pages, notes=notes)


def _pdfium_version() -> str:
    try:
        import pypdfium2

        return str(pypdfium2.PYPDFIUM_INFO)
    except Exception:  # noqa: BLE001 - only for the note
        return ""


def render_region(path: str | os.PathLike, page: int, bbox: tuple[float, float, float, float] | None = None,
                  dpi: int = 110) -> bytes:
    """A PNG of one page with the table's box drawn on it (for the review notebook).

    Parameters
    ----------
    path
        The PDF.
    page
        1-based page number.
    bbox
        ``(x0, top, x1, bottom)`` in PDF points (as in :attr:`Grid.bbox`); None draws no box.
    dpi
        Resolution of the picture.
    """
    from PIL import ImageDraw

    p = Path(path)
    pdf = _open_pdfium(p)
    try:
        parse_pages(page, len(pdf), p.name)
        image = pdf[page - 1].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        pdf.close()
    if bbox is not None:
        k = dpi / 72
        x0, top, x1, bottom = bbox
        ImageDraw.Draw(image).rectangle([x0 * k, top * k, x1 * k, bottom * k], outline=(220, 30, 30),
                                        width=max(2, round(dpi / 40)))
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()
