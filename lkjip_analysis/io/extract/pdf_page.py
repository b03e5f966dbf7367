"""One PDF page's characters and ruling, read with pypdfium2 (fast, C), and its table cells found
with pdfplumber's table algorithm (edges -> intersections -> cells -> tables).

pdfplumber parses a page with pdfminer (pure Python, about 0.2 s a page); pdfium gives the same
characters and drawn segments in a few milliseconds, so only pdfplumber's geometry functions are
used here. Coordinates are PDF points from the page's top-left corner (``top`` grows downwards),
as pdfplumber and :mod:`.pdf_grid` use them.
"""

from __future__ import annotations

import ctypes
import math

from .pdf_grid import Char, Layout, layout_from_cells

SNAP = 3.0  # points: ruling segments this close are one line (pdfplumber's default)
MIN_EDGE = 3.0  # points: shorter segments are not ruling


def _direction(angle: float) -> int:
    """pdfium's char angle (radians, clockwise) -> 0 upright, +1 reads bottom-up, -1 reads top-down."""
    a = angle % (2 * math.pi)
    if math.pi / 4 < a < 3 * math.pi / 4:
        return -1
    if 5 * math.pi / 4 < a < 7 * math.pi / 4:
        return 1
    return 0


def page_chars(page) -> list[Char]:
    """Every printed character of a pdfium page with its box (font box: whole line height) and direction.

    Spaces that pdfium generates itself (where it sees a word gap without a printed space) are
    kept as zero-width space marks at their position.
    """
    from pypdfium2 import raw

    textpage = page.get_textpage()
    height = page.get_height()
    rect = raw.FS_RECTF()
    left, right, bottom_, top_ = (ctypes.c_double() for _ in range(4))
    out: list[Char] = []
    try:
        for i in range(textpage.count_chars()):
            code = raw.FPDFText_GetUnicode(textpage.raw, i)
            if not code or code in (10, 13):
                continue
            # pdfium reports a hyphen the document marked as such (e.g. 'P-IRT' in a wrapped line) as 0x02;
            # other control codes carry no text (and a workbook cannot hold them)
            text = "-" if code == 2 else chr(code)
            if code < 32 and code != 2:
                continue
            if raw.FPDFText_IsGenerated(textpage.raw, i) == 1:
                if text == " " and raw.FPDFText_GetCharBox(textpage.raw, i, left, right, bottom_, top_):
                    yy = height - bottom_.value
                    out.append(Char(" ", left.value, yy, left.value, yy, 0.0, True, 0))
                continue
            if not raw.FPDFText_GetLooseCharBox(textpage.raw, i, rect):
                continue
            x0, x1 = min(rect.left, rect.right), max(rect.left, rect.right)
            top, bottom = height - max(rect.top, rect.bottom), height - min(rect.top, rect.bottom)
            direction = _direction(raw.FPDFText_GetCharAngle(textpage.raw, i))
            size = raw.FPDFText_GetFontSize(textpage.raw, i) or ((bottom - top) if direction == 0 else (x1 - x0))
            out.append(Char(text, x0, top, x1, bottom, float(size), direction == 0, direction))
    finally:
        textpage.close()
    return out


def page_edges(page) -> list[dict]:
    """Horizontal and vertical ruling segments of a pdfium page, as pdfplumber edge dicts.

    Every straight, axis-parallel segment of every drawn path counts (lines, rectangle borders,
    the sides of filled cells), including paths inside form XObjects.
    """
    from pypdfium2 import raw

    height = page.get_height()
    x = ctypes.c_float()
    y = ctypes.c_float()
    edges: list[dict] = []
    forms: list[tuple[int, list]] = []  # (level, matrices from the page down to this form)
    for obj in page.get_objects(max_depth=8):
        while forms and forms[-1][0] >= obj.level:
            forms.pop()
        chain = forms[-1][1] if forms else []
        if obj.type == raw.FPDF_PAGEOBJ_FORM:
            forms.append((obj.level, [obj.get_matrix()] + chain))
            continue
        if obj.type != raw.FPDF_PAGEOBJ_PATH:
            continue
        matrices = [obj.get_matrix()] + chain

        def to_page(px: float, py: float, matrices: list = matrices) -> tuple[float, float]:
            for m in matrices:
                px, py = m.on_point(px, py)
            return px, height - py

        start = prev = None
        for k in range(raw.FPDFPath_CountSegments(obj.raw)):
            seg = raw.FPDFPath_GetPathSegment(obj.raw, k)
            raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
            point = to_page(x.value, y.value)
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = prev = point
                continue
            if kind == raw.FPDF_SEGMENT_LINETO and prev is not None:
                _add_edge(edges, prev, point)
            prev = point
            if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                _add_edge(edges, point, start)
                prev = start
    return edges


def _add_edge(edges: list[dict], a: tuple[float, float], b: tuple[float, float]) -> None:
    (xa, ya), (xb, yb) = a, b
    if abs(ya - yb) < 0.5 and abs(xa - xb) >= MIN_EDGE:
        x0, x1 = min(xa, xb), max(xa, xb)
        yy = (ya + yb) / 2
        edges.append({"x0": x0, "x1": x1, "top": yy, "bottom": yy, "width": x1 - x0, "height": 0.0,
                      "orientation": "h", "object_type": "line"})
    elif abs(xa - xb) < 0.5 and abs(ya - yb) >= MIN_EDGE:
        top, bottom = min(ya, yb), max(ya, yb)
        xx = (xa + xb) / 2
        edges.append({"x0": xx, "x1": xx, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
                      "orientation": "v", "object_type": "line"})


def find_layouts(edges: list[dict]) -> list[Layout]:
    """Table cell layouts from ruling edges, with pdfplumber's algorithm and default tolerances."""
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges
    from pdfplumber.utils import filter_edges

    if not edges:
        return []
    merged = merge_edges(edges, snap_x_tolerance=SNAP, snap_y_tolerance=SNAP, join_x_tolerance=SNAP,
                         join_y_tolerance=SNAP)
    merged = filter_edges(merged, min_length=MIN_EDGE)
    intersections = edges_to_intersections(merged, SNAP, SNAP)
    cells = intersections_to_cells(intersections)
    out = []
    for table_cells in cells_to_tables(cells):
        layout = layout_from_cells(list(table_cells), "pdfplumber")
        if layout is not None:
            out.append(layout)
    return out
