"""Cells of one drawn PDF table: from a cell layout (rows x columns, merged regions) and the page's
characters to rows of faithful cell text.

The layout comes from a ruling detector (pdfplumber's line/rect finder, or camelot's lattice on the
rendered page as a second opinion); this module only places characters into it and joins them:

* text wrapped inside a cell is joined with one space;
* a number wrapped mid-figure (``11.445.699.70`` / ``9``, ``100,16`` / ``%``) is joined without one;
* rotated (90°) text is read in its own direction (bottom-up or top-down);
* one drawn row whose numeric cells hold several stacked values (several kegiatan without ruling
  between them) is split into one row per value.

Nothing here interprets a number: a cell's text is what the page prints.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

# A cell value that stands alone on its line (used to recognise stacked values).
_VALUE_RE = re.compile(r"^(?:Rp\.?\s*)?[-+]?\d[\d.,]*\s?%?$|^(?:N/A|NA|-|—|–)$", re.IGNORECASE)
_NUMBERISH_RE = re.compile(r"^(?:Rp\.?\s*)?[-+]?[\d.,]+%?$")


def well_formed_number(text: str) -> bool:
    """Whether ``text`` is a complete number as printed (one thousands separator, another decimal one).

    ``"11.445.699.709"``, ``"99,97"``, ``"77.63"``, ``"100,16%"`` are; ``"11.445.699.70"`` (a dot as
    both thousands and decimal separator: the figure was cut) and ``"10,"`` are not.

    >>> well_formed_number("11.445.699.709"), well_formed_number("11.445.699.70")
    (True, False)
    """
    s = text.strip()
    s = re.sub(r"^Rp\.?\s*", "", s)
    s = s.rstrip("%").strip().lstrip("-+")
    if re.fullmatch(r"\d+", s) or re.fullmatch(r"\d+[.,]\d+", s):
        return True
    m = re.fullmatch(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*(?:([.,])\d+)?", s)
    return bool(m and (m.group(2) is None or m.group(2) != m.group(1)))


def join_lines(lines: list[str]) -> str:
    """Join the lines of one cell: words with a space, a number cut mid-figure without one.

    >>> join_lines(["11.445.699.70", "9"])
    '11.445.699.709'
    >>> join_lines(["100,16", "%"])
    '100,16%'
    >>> join_lines(["Umur Harapan", "Hidup"])
    'Umur Harapan Hidup'
    """
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
        elif _wrapped_number(out, line):
            out += line
        else:
            out += " " + line
    return out


def _wrapped_number(before: str, after: str) -> bool:
    last = before.rsplit(" ", 1)[-1]
    if not _NUMBERISH_RE.match(last) or not re.match(r"^[\d.,%]+$", after):
        return False
    if after == "%" or last[-1] in ".,":
        return True
    return (not well_formed_number(last)) and well_formed_number(last + after)


@dataclass
class Char:
    """One printed character: its text and box (PDF points, top-down), and whether it is upright."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    upright: bool = True
    direction: int = 0  # 0 upright, +1 rotated counter-clockwise (reads bottom-up), -1 clockwise

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Line:
    """One line of text inside a cell, with its vertical position (for splitting stacked rows)."""

    text: str
    top: float
    bottom: float
    length: float = 0.0  # extent along the reading direction (points)
    first_glyph: float = 0.0  # length of its first glyph along the reading direction
    rotated: bool = False
    start: float = 0.0  # where it begins along the reading direction (x0, or the bottom of bottom-up text)


def cell_lines(chars: list[Char]) -> tuple[list[Line], bool]:
    """The lines of text of one cell in reading order, and whether any text was rotated."""
    upright = [c for c in chars if c.direction == 0]
    rotated = [c for c in chars if c.direction != 0]
    lines = upright_lines(upright)
    if rotated:
        lines += _rotated_lines(rotated)
    return lines, bool(rotated)


def _attach_spaces(groups: list[list[Char]], spaces: list[Char], horizontal: bool) -> None:
    """Put each space glyph into the line it sits on (spaces alone never make a line)."""
    for sp in spaces:
        pos = sp.yc if horizontal else sp.xc
        best, dist = None, None
        for g in groups:
            ref = sum((x.yc if horizontal else x.xc) for x in g) / len(g)
            size = max((x.bottom - x.top) if horizontal else (x.x1 - x.x0) for x in g)
            d = abs(pos - ref)
            if d <= max(1.5, 0.5 * size) and (dist is None or d < dist):
                best, dist = g, d
        if best is not None:
            best.append(sp)


def upright_lines(chars: list[Char]) -> list[Line]:
    spaces = [c for c in chars if c.text.isspace()]
    chars = sorted((c for c in chars if not c.text.isspace()), key=lambda c: (c.yc, c.x0))
    groups: list[list[Char]] = []
    for c in chars:
        if groups:
            g = groups[-1]
            ref = sum(x.yc for x in g) / len(g)
            height = max(x.bottom - x.top for x in g)
            if abs(c.yc - ref) <= max(1.5, 0.45 * height):
                g.append(c)
                continue
        groups.append([c])
    _attach_spaces(groups, spaces, horizontal=True)
    lines = []
    for g in groups:
        g.sort(key=lambda c: (c.x0, c.text.isspace()))
        ink = [c for c in g if not c.text.isspace()]
        lines.append(Line(_spell(g, horizontal=True), min(c.top for c in g), max(c.bottom for c in g),
                          max(c.x1 for c in ink) - min(c.x0 for c in ink), ink[0].x1 - ink[0].x0, False,
                          min(c.x0 for c in ink)))
    return lines


def _rotated_lines(chars: list[Char]) -> list[Line]:
    # a rotated line is a vertical column of glyphs; the glyph's "height" runs along x
    groups: list[list[Char]] = []
    spaces = [c for c in chars if c.text.isspace()]
    chars = [c for c in chars if not c.text.isspace()]
    for c in sorted(chars, key=lambda c: c.xc):
        if groups:
            g = groups[-1]
            ref = sum(x.xc for x in g) / len(g)
            width = max(x.x1 - x.x0 for x in g)
            if abs(c.xc - ref) <= max(1.5, 0.45 * width) and g[0].direction == c.direction:
                g.append(c)
                continue
        groups.append([c])
    _attach_spaces(groups, spaces, horizontal=False)
    if groups and groups[0][0].direction < 0:
        groups.reverse()  # clockwise text: the first line is the rightmost
    lines = []
    for g in groups:
        if g[0].direction > 0:
            g.sort(key=lambda c: -c.yc)  # reads bottom-up
        else:
            g.sort(key=lambda c: c.yc)
        ink = [c for c in g if not c.text.isspace()]
        lines.append(Line(_spell(g, horizontal=False), min(c.top for c in g), max(c.bottom for c in g),
                          max(c.bottom for c in ink) - min(c.top for c in ink), ink[0].bottom - ink[0].top, True,
                          max(c.bottom for c in ink) if g[0].direction > 0 else min(c.top for c in ink)))
    return lines


def _spell(glyphs: list[Char], horizontal: bool) -> str:
    """Glyphs of one line in reading order -> text: a space where the PDF prints one or the gap is a word gap."""
    out = []
    prev = None
    pending_space = False
    gaps = []
    for a, b in itertools.pairwise(glyphs):
        if not a.text.isspace() and not b.text.isspace():
            gaps.append(max(0.0, (b.x0 - a.x1) if horizontal else
                            ((a.top - b.bottom) if b.direction > 0 else (b.top - a.bottom))))
    gaps.sort()
    usual = gaps[len(gaps) // 2] if gaps else 0.0  # the line's own letter spacing
    for c in glyphs:
        if c.text.isspace():
            pending_space = prev is not None
            continue
        if prev is not None:
            if horizontal:
                gap = c.x0 - prev.x1
            else:
                gap = (prev.top - c.bottom) if c.direction > 0 else (c.top - prev.bottom)
            size = max(prev.size, c.size, 1.0)
            # a word gap: wider than the line's letter spacing by a good part of a space
            if pending_space or gap > max(0.1 * size, min(0.25 * size, 3 * usual + 0.1 * size)):
                out.append(" ")
        out.append(c.text)
        prev = c
        pending_space = False
    return re.sub(r"\s+", " ", "".join(out)).strip()


@dataclass
class Layout:
    """A table's cells: row and column boundaries and, for each position, its merged region's anchor.

    ``anchor[r][c]`` is the top-left ``(row, col)`` of the region that covers position ``(r, c)``.
    """

    xs: list[float]  # column boundaries, left to right (n_cols + 1)
    ys: list[float]  # row boundaries, top to bottom (n_rows + 1)
    anchor: list[list[tuple[int, int]]]
    source: str = "pdfplumber"

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])


def _merge_close(values: list[float], tol: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _index(bounds: list[float], v: float, tol: float = 1.0) -> int:
    """Index of the interval of ``bounds`` holding ``v`` (-1 outside)."""
    if v < bounds[0] - tol or v > bounds[-1] + tol:
        return -1
    for i in range(len(bounds) - 1):
        if v < bounds[i + 1]:
            return i
    return len(bounds) - 2


def layout_from_cells(cells: list[tuple[float, float, float, float]], source: str = "pdfplumber",
                      tol: float = 1.5) -> Layout | None:
    """Build a layout from cell boxes ``(x0, top, x1, bottom)`` as a ruling detector found them."""
    cells = [c for c in cells if c[2] - c[0] > 1 and c[3] - c[1] > 1]
    if not cells:
        return None
    xs = _merge_close([c[0] for c in cells] + [c[2] for c in cells], tol)
    ys = _merge_close([c[1] for c in cells] + [c[3] for c in cells], tol)
    if len(xs) < 2 or len(ys) < 2:
        return None
    anchor = [[(r, c) for c in range(len(xs) - 1)] for r in range(len(ys) - 1)]
    # larger cells first, so a small cell drawn inside a merged one keeps its own position
    for x0, top, x1, bottom in sorted(cells, key=lambda c: -(c[2] - c[0]) * (c[3] - c[1])):
        c0 = _index(xs, x0 + tol)
        c1 = _index(xs, x1 - tol)
        r0 = _index(ys, top + tol)
        r1 = _index(ys, bottom - tol)
        if min(c0, c1, r0, r1) < 0:
            continue
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                anchor[r][c] = (r0, c0)
    return Layout(xs, ys, anchor, source)


@dataclass
class FilledRow:
    cells: list[str]
    top: float
    bottom: float
    flags: set[str] = field(default_factory=set)
    n_regions: int = 0  # separate (unmerged) cells drawn in this row
    max_lines: int = 0  # most text lines in one of its cells


def fill(layout: Layout, chars: list[Char]) -> list[FilledRow]:
    """Place the characters into the layout's cells and return its rows of cell text.

    Merged regions hold their text in the first (top-left) position and ``""`` elsewhere. A drawn
    row whose value cells hold several stacked values is split (flag ``split_stacked``); a row with
    rotated text is flagged ``rotated_text``.
    """
    nr, nc = layout.n_rows, layout.n_cols
    buckets: dict[tuple[int, int], list[Char]] = {}
    for ch in chars:
        r = _index(layout.ys, ch.yc, tol=0.5)
        c = _index(layout.xs, ch.xc, tol=0.5)
        if r < 0 or c < 0:
            continue
        buckets.setdefault(layout.anchor[r][c], []).append(ch)
    lines: dict[tuple[int, int], list[Line]] = {}
    rotated_rows: set[int] = set()
    boxes = _region_boxes(layout)
    for key, cs in buckets.items():
        ls, rot = cell_lines(cs)
        lines[key] = ls
        if rot:
            rotated_rows.add(key[0])
    pads = _column_pads(lines, boxes)
    for key, ls in lines.items():
        lines[key] = join_wrapped_figures(ls, boxes[key], pads.get(key[1]))
    rows: list[FilledRow] = []
    for r in range(nr):
        anchors = [(r, c) for c in range(nc) if layout.anchor[r][c] == (r, c)]
        row_lines = {c: lines.get((r, c), []) for (_, c) in anchors}
        flags = {"rotated_text"} if r in rotated_rows else set()
        parts = _split_stacked(row_lines)
        if parts is None:
            cells = [""] * nc
            for c, ls in row_lines.items():
                cells[c] = join_lines([ln.text for ln in ls])
            rows.append(FilledRow(cells, layout.ys[r], layout.ys[r + 1], flags, len(anchors),
                                  max((len(ls) for ls in row_lines.values()), default=0)))
        else:
            for cells, top, bottom in parts:
                padded = [""] * nc
                for c, text in cells.items():
                    padded[c] = text
                rows.append(FilledRow(padded, top, bottom, flags | {"split_stacked"}, len(anchors), 1))
    return rows


def _region_boxes(layout: Layout) -> dict[tuple[int, int], tuple[float, float, float, float]]:
    """The box ``(x0, top, x1, bottom)`` of every merged region, by its anchor."""
    spans: dict[tuple[int, int], list[int]] = {}
    for r in range(layout.n_rows):
        for c in range(layout.n_cols):
            a = layout.anchor[r][c]
            box = spans.setdefault(a, [r, c, r, c])
            box[2], box[3] = max(box[2], r), max(box[3], c)
    return {a: (layout.xs[c0], layout.ys[r0], layout.xs[c1 + 1], layout.ys[r1 + 1])
            for a, (r0, c0, r1, c1) in spans.items()}


def join_wrapped_figures(lines: list[Line], box: tuple[float, float, float, float],
                         pad: float | None = None) -> list[Line]:
    """Join a figure the cell's width cut onto the next line (``90,0`` / ``2`` -> ``90,02``).

    A line ending in a figure is continued by the next line when that line is only digits (or
    ``%``), is aligned with the figure (same start, centre or end), and its first glyph would
    not have fitted after the figure inside the cell: the layout wrapped the figure, the
    document did not stack two values. ``pad`` is the cell's inner padding (the smallest gap
    between text and the edges seen in the column); for rotated text it is measured in the cell.
    """
    x0, top, x1, bottom = box
    out: list[Line] = []
    for ln in lines:
        if out:
            prev = out[-1]
            if prev.rotated:
                extent = bottom - top
                gap = abs(prev.start - (bottom if prev.start > (top + bottom) / 2 else top))
            else:
                extent = x1 - x0
                gap = prev.start - x0 if pad is None else pad
            room = extent - 2 * max(0.0, gap)
            last = prev.text.rsplit(" ", 1)[-1]
            aligned = min(abs(ln.start - prev.start), abs(ln.start + ln.length / 2 - prev.start - prev.length / 2),
                          abs(ln.start + ln.length - prev.start - prev.length)) <= 1.5
            if (_NUMBERISH_RE.match(last) and re.fullmatch(r"[\d.,]*\d[\d.,]*%?|%", ln.text)
                    and prev.rotated == ln.rotated and aligned and prev.length + ln.first_glyph > room + 0.5):
                out[-1] = Line(prev.text + ln.text, min(prev.top, ln.top), max(prev.bottom, ln.bottom),
                               prev.length + ln.length, prev.first_glyph, prev.rotated, prev.start)
                continue
        out.append(ln)
    return out


def _column_pads(lines: dict[tuple[int, int], list[Line]],
                 boxes: dict[tuple[int, int], tuple[float, float, float, float]]) -> dict[int, float]:
    """Per column, the smallest gap between upright text and its cell's left or right edge."""
    pads: dict[int, float] = {}
    for key, ls in lines.items():
        x0, _, x1, _ = boxes[key]
        for ln in ls:
            if ln.rotated:
                continue
            gap = max(0.0, min(ln.start - x0, x1 - ln.start - ln.length))
            c = key[1]
            pads[c] = min(pads.get(c, gap), gap)
    return pads


def _split_stacked(row_lines: dict[int, list[Line]]) -> list[tuple[dict[int, str], float, float]] | None:
    """Split one drawn row when at least two cells hold the same number (>1) of stacked values.

    A stacked value is a line that is a complete value by itself (a well-formed number, ``N/A``,
    ``-``) and is not the continuation of a figure cut on the line above. Returns the sub-rows
    (cell texts, top, bottom) or None when the row is one row.
    """
    stacked: dict[int, list[Line]] = {}
    for c, ls in row_lines.items():
        if len(ls) < 2:
            continue
        texts = [ln.text for ln in ls]
        if all(_VALUE_RE.match(t) for t in texts) and join_lines(texts) == " ".join(texts):
            stacked[c] = ls
    counts = [len(v) for v in stacked.values()]
    if len(counts) < 2:
        return None
    k = max(set(counts), key=counts.count)
    if counts.count(k) < 2:
        return None
    ref = next(v for v in stacked.values() if len(v) == k)
    centres = [(ln.top + ln.bottom) / 2 for ln in ref]
    cuts = [(centres[i] + centres[i + 1]) / 2 for i in range(k - 1)]
    top, bottom = min(ln.top for ls in row_lines.values() for ln in ls), max(
        ln.bottom for ls in row_lines.values() for ln in ls)
    parts: list[tuple[dict[int, list[str]], float, float]] = []
    bounds = [top] + cuts + [bottom]
    for i in range(k):
        parts.append(({}, bounds[i], bounds[i + 1]))
    for c, ls in row_lines.items():
        for ln in ls:
            yc = (ln.top + ln.bottom) / 2
            i = sum(1 for cut in cuts if yc > cut)
            parts[i][0].setdefault(c, []).append(ln.text)
    return [({c: join_lines(t) for c, t in cells.items()}, t0, t1) for cells, t0, t1 in parts]


def drop_empty_columns(rows: list[list[str]]) -> tuple[list[list[str]], int]:
    """Drop the columns that are empty in every row (spurious columns from the drawing)."""
    if not rows:
        return rows, 0
    n = max(len(r) for r in rows)
    keep = [c for c in range(n) if any(c < len(r) and r[c].strip() for r in rows)]
    return [[r[c] if c < len(r) else "" for c in keep] for r in rows], n - len(keep)


def grid_suspicion(rows: list[FilledRow]) -> float:
    """How unreliable a filled grid looks, 0 (fine) to 1: the share of suspicious rows.

    A row is suspicious when it is empty, or when it is drawn as many separate cells of which only
    one or two hold text, each a single line: the mark of a ruling that cut one drawn row into
    several (the text lines of one cell land in separate rows). A section row (``DINAS
    KESEHATAN``) is usually one merged cell, and a sparse row of a planning matrix holds several
    lines in its cells, so neither is counted.
    """
    if not rows:
        return 1.0
    bad = 0
    for r in rows:
        filled = sum(1 for c in r.cells if c.strip())
        if filled == 0 or (r.n_regions >= 6 and filled <= 2 and r.max_lines <= 1):
            bad += 1
    return bad / len(rows) if bad >= 2 else 0.0


def rebuild_rows_from_text(layout: Layout, chars: list[Char], header_rows: int) -> Layout | None:
    """Row boundaries of the table body rebuilt from where the text is, when the ruling cut rows apart.

    The column that holds the most lines of text (the names: Uraian, Indikator) is read as
    paragraphs: lines of one cell follow each other at line spacing, the next row's text starts
    after the cell padding, a clearly larger gap. The widest jump between sorted line gaps
    separates the two (it must be at least 1.5 times, else nothing is rebuilt); every paragraph
    becomes one body row and the other columns' text falls into it by position. Header rows
    (the first ``header_rows``) and the columns are kept; cells merged across columns stay
    merged only where every drawn piece in the new row was merged. Returns None when the text
    gives no better rows.
    """
    if header_rows >= layout.n_rows - 1:
        return None
    body_top = layout.ys[header_rows]
    body = [c for c in chars if c.direction == 0 and c.yc > body_top and layout.xs[0] <= c.xc <= layout.xs[-1]]
    best: list[Line] = []
    for c in range(layout.n_cols):
        lines = upright_lines([ch for ch in body if layout.xs[c] <= ch.xc < layout.xs[c + 1]])
        lines = [ln for ln in lines if ln.text]
        if len(lines) > len(best):
            best = lines
    if len(best) < 3:
        return None
    gaps = [b.top - a.bottom for a, b in itertools.pairwise(best)]
    ordered = sorted(gaps)
    jumps = [((b + 0.5) / (a + 0.5), (a + b) / 2) for a, b in itertools.pairwise(ordered) if a >= 0]
    if not jumps:
        return None
    ratio, threshold = max(jumps)
    if ratio < 1.5:
        return None
    bands = [body_top]
    for (a, b), gap in zip(itertools.pairwise(best), gaps):
        if gap > threshold:
            bands.append((a.bottom + b.top) / 2)
    bands.append(layout.ys[-1])
    if len(bands) - 1 >= layout.n_rows - header_rows:
        return None  # no fewer rows than the ruling gave
    boxes = _region_boxes(layout)
    cells = [box for (r, _), box in boxes.items() if r < header_rows and box[3] <= body_top + 0.5]
    for y0, y1 in itertools.pairwise(bands):
        for x0, top, x1, bottom in boxes.values():
            if bottom > y0 + 0.5 and top < y1 - 0.5:
                cells.append((x0, y0, x1, y1))
    return layout_from_cells(sorted(set(cells)), "text")
