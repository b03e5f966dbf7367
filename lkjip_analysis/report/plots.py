"""Figure builders for the reports.

Every ``plot_*`` function takes a DataFrame (the columns each one needs are listed in its
docstring; other columns are ignored) and ``lang`` (``"id"`` Bahasa Indonesia, the default,
or ``"en"``) and returns a new :class:`matplotlib.figure.Figure`. Figures are built with the
object API (no pyplot, no global state, nothing shown): they render with any backend,
including Agg. Inputs are never mutated. An empty frame gives a figure that says
"Tidak ada data" / "No data" instead of raising.

Numbers on figures are formatted the Indonesian way for ``lang="id"`` (``1.164.318.000``,
``31,89``) and the English way for ``lang="en"`` (``1,164,318,000``, ``31.89``).
"""

from __future__ import annotations

import io
import math
import os
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.layout_engine import LayoutEngine
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import Formatter, FuncFormatter, MaxNLocator
from matplotlib.transforms import Bbox

from .. import i18n
from ..exceptions import ArgumentTypeError, InvalidArgumentError, MissingColumnsError, UnknownMethodError
from ..formulas.capaian import get_scale

LANGS = ("id", "en")

LABELS: dict[str, dict[str, str]] = i18n.texts("plots")  # the texts live in lkjip_analysis.i18n

#: Money units for axes: (threshold, Indonesian suffix, English suffix, meaning id, meaning en).
MONEY_UNITS = tuple((float(code), suffix, i18n.label("money_suffix", code, "en"),
                     i18n.label("money_meaning", code, "id"), i18n.label("money_meaning", code, "en"))
                    for code, suffix in i18n.labels("money_suffix", "id").items())

#: Red-to-green palettes for ordered categories (worst first), by number of categories.
KATEGORI_PALETTES = {
    2: ("#d73027", "#1a9850"),
    3: ("#d73027", "#fdae61", "#1a9850"),
    4: ("#d73027", "#fc8d59", "#91cf60", "#1a9850"),
    5: ("#d73027", "#fc8d59", "#fee08b", "#91cf60", "#1a9850"),
    6: ("#d73027", "#f46d43", "#fdae61", "#a6d96a", "#66bd63", "#1a9850"),
}
MISSING_COLOR = "#bdbdbd"
PRIMARY_COLOR = "#2b6ca3"
SECONDARY_COLOR = "#e08214"
TARGET_COLOR = "#333333"
LEVEL_ORDER = ("provinsi", "kabupaten", "kota")
LEVEL_COLORS = {"provinsi": "#7b3294", "kabupaten": "#008837", "kota": "#2b6ca3"}
BENCHMARK_STYLES = {
    "national": ("#c0392b", "--"),
    "rpjmd_end": ("#7b3294", "-."),
    "renstra_end": ("#008837", ":"),
    "renstra": ("#e08214", (0, (5, 2, 1, 2))),
}

#: Capaian bars are drawn within this range (%); longer bars get a torn tip, the text keeps the true value.
CAPAIAN_DISPLAY = (-100.0, 250.0)
#: Above this many bars, labels are cut to one line.
DENSE_ROWS = 24
FIG_WIDTH = 8.0
MAX_HEIGHT = 11.0
LABEL_WIDTH = 45


# --------------------------------------------------------------------------- helpers


def _fmt(value: object, lang: str = "id", decimals: int = 2) -> str:
    """Format a number for a figure; trailing zero decimals are dropped, missing gives ``-``.

    Examples
    --------
    >>> _fmt(1164318000, "id")
    '1.164.318.000'
    >>> _fmt(31.8936, "id")
    '31,89'
    >>> _fmt(31.8936, "en")
    '31.89'
    >>> _fmt(100.0, "id")
    '100'
    >>> _fmt(float("nan"), "id")
    '-'
    """
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "-" if value is None or value is pd.NA else str(value)
    if not math.isfinite(number):
        return "-"
    text = f"{number:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    if lang == "id":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def _money_unit(max_value: float, lang: str) -> tuple[float, str, str]:
    """Scale, suffix and the suffix's meaning for an amount of money."""
    for threshold, suf_id, suf_en, mean_id, mean_en in MONEY_UNITS:
        if max_value >= threshold:
            return threshold, (suf_id if lang == "id" else suf_en), (mean_id if lang == "id" else mean_en)
    return 1.0, "", ""


def _fmt_money(value: float, lang: str = "id", scale: float | None = None) -> str:
    """Format an amount of Rupiah in juta/miliar (``Rp 1,2 M``) or millions/billions (``IDR 1.2 bn``).

    Examples
    --------
    >>> _fmt_money(1.2e9, "id")
    'Rp 1,2 M'
    >>> _fmt_money(1.2e9, "en")
    'IDR 1.2 bn'
    >>> _fmt_money(371344500, "id", scale=1e9)
    'Rp 0,37 M'
    >>> _fmt_money(0, "id", scale=1e9)
    'Rp 0'
    """
    if value is None or not math.isfinite(float(value)):
        return "-"
    if scale is None:
        scale, suffix, _ = _money_unit(abs(float(value)), lang)
    else:
        suffix = next((s_id if lang == "id" else s_en for t, s_id, s_en, _, _ in MONEY_UNITS if t == scale), "")
    currency = LABELS[lang]["currency"]
    number = _fmt(float(value) / scale, lang, 2)
    if float(value) == 0 or not suffix:
        return f"{currency} {number}"
    return f"{currency} {number} {suffix}"


def _text(value: object) -> str:
    """A cell as stripped text; missing values give ``""``."""
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return str(value).strip()


def _wrap(text: object, width: int = LABEL_WIDTH, max_lines: int = 2) -> str:
    """Wrap a label to ``width`` characters per line, at most ``max_lines`` lines (then ``…``).

    Examples
    --------
    >>> _wrap("Persentase PMKS yang mampu melaksanakan peran sosialnya", 30)
    'Persentase PMKS yang mampu\\nmelaksanakan peran sosialnya'
    >>> _wrap("a" * 12, 5, 1)
    'aaaa…'
    """
    lines = textwrap.wrap(_text(text), width=width, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        lines[-1] = (last[: width - 1] if len(last) >= width else last).rstrip() + "…"
    return "\n".join(lines)


def distinct_labels(labels: list[str], names: list[str], codes: list[object], wrap=None) -> list[str]:
    """Axis labels that all differ: a label shown more than once is rebuilt as ``code · name``.

    Two indicators or budget lines whose names read the same once wrapped and truncated (``Jumlah
    penyandang disabilitas yang…`` three times) get their code in front, so a reader can tell
    the bars apart.

    >>> distinct_labels(["Jumlah…", "Jumlah…", "Lain"], ["Jumlah a", "Jumlah b", "Lain"], ["s1", "s2", "s3"])
    ['s1 · Jumlah a', 's2 · Jumlah b', 'Lain']
    """
    from collections import Counter

    wrap = wrap or (lambda text: text)
    counts = Counter(labels)
    return [wrap(f"{code} · {name}") if counts[label] > 1 and _text(code) else label
            for label, name, code in zip(labels, names, codes)]


def _short(text: object, width: int) -> str:
    """Truncate a text to ``width`` characters with ``…``."""
    s = " ".join(_text(text).split())
    return s if len(s) <= width else s[: width - 1].rstrip() + "…"


def _check_lang(lang: str) -> dict[str, str]:
    if lang not in LANGS:
        raise UnknownMethodError("lang", lang, LANGS)
    return LABELS[lang]


def _check_frame(frame: object, name: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise ArgumentTypeError.from_key("error.not_a_frame", name=name, type=type(frame).__name__)


def _check_positive_int(value: object, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise InvalidArgumentError.from_key("error.not_positive_int", name=name, value=repr(value))


def _require(frame: pd.DataFrame, columns: tuple[str, ...], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise MissingColumnsError.from_key("error.missing_columns", name=name, columns=", ".join(missing))


def _numeric(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce").astype("float64")


def _height(n: float, per: float, base: float = 1.8, low: float = 3.0, high: float = MAX_HEIGHT) -> float:
    return float(min(max(base + per * n, low), high))


class FitLayout(LayoutEngine):
    """Margins from one measurement of the decorations: what ``layout="constrained"`` gives, in one pass.

    The figures of this module are one grid of axes (:meth:`Figure.subplots`) with a
    suptitle on top and figure legends below. Each axes' decorations (tick labels, axis
    labels, title, texts outside the axes) are measured once with the renderer that draws
    the figure; every column gets the widest left/right decorations of its axes, every row
    the tallest top/bottom ones, the suptitle and the legends get their own height, with
    ``pad`` inches around each, and the remaining room is shared by the axes in the grid's
    width and height ratios (as matplotlib's constrained layout does).

    Matplotlib's constrained layout measures every axes twice per layout (the second time
    because tick labels may change once the axes moved), measures each tick label several
    times per measurement, and :meth:`Figure.savefig` runs the layout in a draw without output
    before the real draw. Here each tick label is measured once (:func:`_layout_bbox`), and an
    axes is measured again only when its ticks changed on its new length (an automatic locator
    picking other ticks) or a tick label at one of its ends now reaches past the room measured
    for it (:class:`_Measured`); with :func:`figure_png` the layout runs in the one draw that
    makes the image.

    Axes outside the first axes' grid, or taken out of the layout (``set_in_layout(False)``),
    are left where they are; figure legends are placed below the axes (``loc="lower center"``).
    """

    _adjust_compatible = False
    _colorbar_gridspec = False

    def __init__(self, *, pad: float = 3 / 72) -> None:
        super().__init__()
        self._params = {"pad": pad}

    def set(self, *, pad: float | None = None) -> None:
        """Set the padding (inches) around each axes, the suptitle and the legends."""
        if pad is not None:
            self._params["pad"] = float(pad)

    def execute(self, fig: Figure) -> None:
        """Position the axes, the suptitle and the legends of ``fig``."""
        axes = [ax for ax in fig.axes if ax.get_in_layout() and ax.get_subplotspec() is not None]
        if not axes:
            return
        grid = axes[0].get_subplotspec().get_gridspec()
        axes = [ax for ax in axes if ax.get_subplotspec().get_gridspec() is grid]
        renderer = fig._get_renderer()
        pad = self._params["pad"] * fig.dpi
        width, height = fig.bbox.width, fig.bbox.height
        top = bottom = 0.0
        title = getattr(fig, "_suptitle", None)
        if title is not None and title.get_visible() and title.get_in_layout() and title.get_text():
            title.set_y(1 - pad / height)
            top = title.get_window_extent(renderer).height + 2 * pad
        for legend in fig.legends:
            if legend.get_visible() and legend.get_in_layout():
                bottom = max(bottom, legend.get_window_extent(renderer).height + 2 * pad)
        measured = {ax: self._measure(ax, renderer) for ax in axes}
        for _ in range(3):
            ticks = {ax: self._ticks(ax) for ax in axes}
            if not self._place(fig, grid, {ax: m.margins for ax, m in measured.items()}, pad, width, height, top,
                               bottom):
                return
            # measured again: an axes whose ticks changed on its new length, or whose measurement does not
            # hold at its new position (a tick label at an end now reaching past the room measured for it)
            again = [ax for ax in axes if self._ticks(ax) != ticks[ax] or not measured[ax].holds(ax)]
            if not again:
                return
            measured.update({ax: self._measure(ax, renderer) for ax in again})

    @staticmethod
    def _ticks(ax) -> tuple:
        return tuple(ax.xaxis.get_majorticklocs()), tuple(ax.yaxis.get_majorticklocs())

    @staticmethod
    def _measure(ax, renderer) -> "_Measured":
        pos = ax.get_position(original=True).transformed(ax.figure.transSubfigure)
        box, ends = _layout_bbox(ax, renderer, pos)
        if box is None:
            return _Measured(pos, (0.0, 0.0, 0.0, 0.0), ends)
        return _Measured(pos, (max(pos.x0 - box.x0, 0.0), max(box.x1 - pos.x1, 0.0), max(pos.y0 - box.y0, 0.0),
                               max(box.y1 - pos.y1, 0.0)), ends)

    @staticmethod
    def _place(fig, grid, margins, pad, width, height, top, bottom) -> bool:
        """Set the positions from the measured decorations; False (nothing moved) when the axes would not fit."""
        nrows, ncols = grid.get_geometry()
        left, right, below, above = [0.0] * ncols, [0.0] * ncols, [0.0] * nrows, [0.0] * nrows
        for ax, (l, r, b, t) in margins.items():
            spec = ax.get_subplotspec()
            left[spec.colspan.start] = max(left[spec.colspan.start], l)
            right[spec.colspan.stop - 1] = max(right[spec.colspan.stop - 1], r)
            above[spec.rowspan.start] = max(above[spec.rowspan.start], t)
            below[spec.rowspan.stop - 1] = max(below[spec.rowspan.stop - 1], b)
        room_w = width - sum(left) - sum(right) - 2 * pad * ncols
        room_h = height - top - bottom - sum(above) - sum(below) - 2 * pad * nrows
        if room_w <= 0 or room_h <= 0:
            return False
        wr, hr = np.asarray(grid.get_width_ratios() or [1] * ncols, float), \
            np.asarray(grid.get_height_ratios() or [1] * nrows, float)
        cols, rows = room_w * wr / wr.sum(), room_h * hr / hr.sum()
        x0, x = [], 0.0
        for j in range(ncols):
            x0.append(x + pad + left[j])
            x += left[j] + right[j] + 2 * pad + cols[j]
        y1, y = [], height - top
        for i in range(nrows):
            y1.append(y - pad - above[i])
            y -= above[i] + below[i] + 2 * pad + rows[i]
        for ax in margins:
            spec = ax.get_subplotspec()
            c0, c1 = spec.colspan.start, spec.colspan.stop - 1
            r0, r1 = spec.rowspan.start, spec.rowspan.stop - 1
            box = Bbox.from_extents(x0[c0] / width, (y1[r1] - rows[r1]) / height,
                                    (x0[c1] + cols[c1]) / width, y1[r0] / height)
            ax.set_position(box)
            ax.set_in_layout(True)  # set_position takes an axes out of the layout
        return True


class _Measured:
    """The decorations of one axes measured at ``pos`` (pixels): room left, right, below, above.

    ``ends`` lists the tick labels along each axis as (centre as a fraction of the axes, half size
    in pixels): their reach past the ends of the axes is all that changes when the axes is resized
    (sizes of labels, titles and ticks do not). ``None``: nothing is known beyond ``pos``, and the
    measurement holds only there.
    """

    def __init__(self, pos: Bbox, margins: tuple[float, float, float, float], ends) -> None:
        self.pos, self.margins, self.ends = pos, margins, ends

    def holds(self, ax) -> bool:
        pos = ax.get_position(original=True).transformed(ax.figure.transSubfigure)
        if self.ends is None:
            return bool(np.allclose(pos.extents, self.pos.extents, atol=0.5))
        left, right, below, above = self.margins
        for labels, length, low, high in ((self.ends[0], pos.width, left, right),
                                          (self.ends[1], pos.height, below, above)):
            for centre, half in labels:
                if half - centre * length > low + 0.5 or centre * length + half - length > high + 0.5:
                    return False
        return True


def _layout_bbox(ax, renderer, pos: Bbox) -> tuple[Bbox | None, tuple | None]:
    """What ``ax.get_tightbbox(renderer, for_layout_only=True)`` gives, measuring each tick label once.

    Matplotlib's tight bbox brings every axis' ticks up to date and measures their labels twice
    (once more to place the axis label) and each y axis again for every title; here each axis is
    measured once and its label placed as matplotlib places it: ``labelpad`` beyond the tick labels
    and the ticks. Axes this does not cover (no frame, ticks or labels on the top or right, an offset
    text, twins or inset axes) are measured by matplotlib.
    """
    from matplotlib.spines import Spine

    xaxis, yaxis = ax.xaxis, ax.yaxis
    simple = (ax.axison and ax.get_frame_on() and not ax.child_axes and ax.get_axes_locator() is None
              and len(ax.get_shared_x_axes().get_siblings(ax)) == 1
              and len(ax.get_shared_y_axes().get_siblings(ax)) == 1
              and xaxis.get_label_position() == "bottom" and yaxis.get_label_position() == "left"
              and hasattr(xaxis, "_update_ticks") and hasattr(xaxis, "_get_ticklabel_bboxes"))
    if not simple:
        return ax.get_tightbbox(renderer, for_layout_only=True), None
    boxes = [pos]
    ends: list[list[tuple[float, float]]] | None = [[], []]  # tick labels along x, along y
    scale = ax.figure.dpi / 72
    for axis in (xaxis, yaxis):
        if not (axis.get_visible() and axis.get_in_layout()):
            continue
        ticks = axis._update_ticks()
        if any(t.tick2line.get_visible() or t.label2.get_visible() for t in ticks) or (
                axis.offsetText.get_visible() and axis.major.formatter.get_offset()):
            return ax.get_tightbbox(renderer, for_layout_only=True), None
        labels, _ = axis._get_ticklabel_bboxes(ticks, renderer)
        boxes += labels
        if axis is xaxis:
            ends[0] = [(((b.x0 + b.x1) / 2 - pos.x0) / pos.width, b.width / 2) for b in labels if b.width]
        else:
            ends[1] = [(((b.y0 + b.y1) / 2 - pos.y0) / pos.height, b.height / 2) for b in labels if b.height]
        edge = pos.frozen()  # the spine and the ticks outside it
        out = axis.get_tick_padding() * scale if any(t.tick1line.get_visible() for t in ticks) else 0.0
        if axis is xaxis:
            edge.y0 -= out
        else:
            edge.x0 -= out
        edge = Bbox.union([edge, *labels])
        if axis.label.get_visible() and axis.label.get_text():
            size = axis.label.get_window_extent(renderer)
            pad = axis.labelpad * scale
            if axis is xaxis:  # the label's width is left out (for_layout_only)
                middle = (pos.x0 + pos.x1) / 2
                boxes.append(Bbox.from_extents(middle - 0.5, edge.y0 - pad - size.height, middle + 0.5, edge.y0 - pad))
            else:
                middle = (pos.y0 + pos.y1) / 2
                boxes.append(Bbox.from_extents(edge.x0 - pad - size.width, middle - 0.5, edge.x0 - pad, middle + 0.5))
        boxes.append(edge)
    for title in (ax.title, ax._left_title, ax._right_title):  # above the frame: no ticks or labels on top
        if title.get_visible() and title.get_text():
            box = title.get_window_extent(renderer)
            middle = (box.x0 + box.x1) / 2  # the title's width is left out (for_layout_only)
            boxes.append(Bbox.from_extents(middle - 0.5, box.y0, middle + 0.5, box.y1))
    for artist in ax.get_default_bbox_extra_artists():
        if isinstance(artist, Spine):
            continue  # the frame and its ticks are in ``edge``
        box = artist.get_tightbbox(renderer)
        if box is not None and box._is_finite():
            boxes.append(box)
            if box.x0 < pos.x0 - 0.5 or box.x1 > pos.x1 + 0.5 or box.y0 < pos.y0 - 0.5 or box.y1 > pos.y1 + 0.5:
                ends = None  # a text past the frame: where it goes with a new size is not modelled here
    return Bbox.union([b for b in boxes if b.width != 0 or b.height != 0]), ends


def _new_figure(height: float) -> Figure:
    return Figure(figsize=(FIG_WIDTH, height), layout=FitLayout())


def _title(fig: Figure, text: str, note: str | None = None) -> None:
    fig.suptitle(text if not note else f"{text} ({note})", fontsize=12, fontweight="bold")


def _no_data(title: str, lang: str) -> Figure:
    """A small figure that says there is no data."""
    fig = _new_figure(2.5)
    _title(fig, title)
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, LABELS[lang]["no_data"], ha="center", va="center", fontsize=14, color="#555555",
            transform=ax.transAxes)
    return fig


class DistinctTickFormatter(Formatter):
    """Indonesian/English tick labels with as many decimals as it takes for the ticks to differ.

    Every tick of an axis gets the same number of decimals (``99,970``, ``99,975``). Whole ticks
    (``0 25 50``) are shown without decimals. ``decimals`` is the least used when ticks are not
    whole; a narrow axis (values 99.975 to 99.985) gets more, so
    that no two ticks read the same (never ``99,98`` three times). At most 6 decimals.
    """

    def __init__(self, lang: str = "id", decimals: int = 2) -> None:
        self.lang, self.decimals, self.used = lang, decimals, decimals

    def set_locs(self, locs) -> None:
        super().set_locs(locs)
        whole = all(float(v).is_integer() for v in locs if np.isfinite(v))
        self.used = 0 if whole else distinct_decimals(list(locs), min(self.decimals, _fraction_digits(locs)))

    def __call__(self, value, pos=None) -> str:
        from .formatting import format_fixed

        return format_fixed(value, self.used, self.lang) if self.used > 0 else _fmt(value, self.lang, 0)


def _fraction_digits(values) -> int:
    """Decimals the values themselves have (2.5 -> 1; 0.25 -> 2; 99.9675 -> 4), at most 6."""
    digits = [next((d for d in range(7) if abs(round(v, d) - v) < 1e-9), 6)
              for v in map(float, values) if np.isfinite(v)]
    return max(digits, default=0)


def distinct_decimals(values: list[float], least: int = 0, most: int = 6) -> int:
    """The fewest decimals (at least ``least``) at which the distinct ``values`` stay distinct when rounded.

    >>> distinct_decimals([99.975, 99.98, 99.985], least=2)
    3
    >>> distinct_decimals([0, 50, 100], least=2)
    2
    """
    distinct = sorted(set(float(v) for v in values if np.isfinite(v)))
    for decimals in range(least, most + 1):
        if len({round(v, decimals) for v in distinct}) == len(distinct):
            return decimals
    return most


def _number_axis(axis, lang: str, decimals: int = 2) -> None:
    axis.set_major_formatter(DistinctTickFormatter(lang, decimals))


def _pct(value: object, lang: str, unit: str = "%") -> str:
    number = _fmt(value, lang)
    if number == "-" or not unit:
        return number
    return f"{number}%" if unit == "%" else f"{number} {unit}"


def _with_unit(value: object, unit: str, lang: str) -> str:
    number = _fmt(value, lang)
    return f"{number} {unit}".strip() if unit else number


def _period_label(period: object, lang: str) -> str:
    p = _text(period)
    if p.upper().startswith("TW") and lang == "en":
        return "Q" + p[2:]
    return p


def _room_for_text(ends: np.ndarray, texts: list[str], low: float, top: float, char_frac: float = 0.0115,
                   cap: float = 0.65) -> float:
    """Upper axis limit leaving room for a text of ``len(text)`` characters after each bar end.

    ``char_frac`` is the approximate share of the axis width one 7.5-point character takes.
    """
    high = top
    for end, text in zip(ends, texts):
        width = max(len(line) for line in text.split("\n"))
        share = min(cap, char_frac * width + 0.03)
        high = max(high, low + (float(end) - low) / (1 - share))
    return high


_TEXT_BOX = {"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8}


def _fig_legend(fig: Figure, handles: list, ncols: int | None = None, note: str = "") -> None:
    """A legend below the axes; ``note`` (e.g. about clipped values) is printed above its entries."""
    if not handles:
        return
    legend = fig.legend(handles=handles, loc="outside lower center", ncols=ncols or min(len(handles), 3),
                        fontsize=8, frameon=False, title=note or None, title_fontsize=8)
    if note:
        legend.get_title().set_color("#555555")
        legend.get_title().set_fontstyle("italic")


def _kategori_colors(scale: str) -> tuple[tuple[str, ...], dict[str, int]]:
    """Colours of a scale's categories (worst red to best green) and a lookup label -> position."""
    sc = get_scale(scale)
    n = len(sc.labels)
    palette = KATEGORI_PALETTES.get(n)
    if palette is None:
        from matplotlib import colormaps
        from matplotlib.colors import to_hex

        cmap = colormaps["RdYlGn"]
        palette = tuple(to_hex(cmap(x)) for x in np.linspace(0.05, 0.95, n))
    lookup = {}
    for labels in (sc.labels, sc.labels_en):
        for i, label in enumerate(labels):
            lookup[label.casefold()] = i
    return palette, lookup


def _grid(fig: Figure, n: int, max_cols: int) -> tuple[list, int, int]:
    """``n`` axes in a grid of at most ``max_cols`` columns, row by row (the last row may be short)."""
    ncols = min(max_cols, n)
    nrows = math.ceil(n / ncols)
    spec = fig.add_gridspec(nrows, ncols)
    return [fig.add_subplot(spec[k // ncols, k % ncols]) for k in range(n)], nrows, ncols


def _indicator_groups(frame: pd.DataFrame, max_indicators: int) -> tuple[list[tuple[str, pd.DataFrame]], int]:
    """Rows per indicator, in order of first appearance; the first ``max_indicators`` and the total count."""
    ids = list(dict.fromkeys(frame["indicator_id"].map(_text)))
    keys = frame["indicator_id"].map(_text)
    groups = [(i, frame[(keys == i).to_numpy()]) for i in ids[:max_indicators]]
    return groups, len(ids)


def _indicator_title(group: pd.DataFrame, width: int = 32, max_lines: int = 3) -> str:
    name = next((_text(v) for v in group["indicator"] if _text(v)), "") or _text(group["indicator_id"].iloc[0])
    return _wrap(name, width, max_lines)


def _unit_of(group: pd.DataFrame, lang: str) -> str:
    unit = next((_text(v) for v in group["unit"] if _text(v)), "")
    return unit or LABELS[lang]["value"]


# --------------------------------------------------------------------------- 1. capaian


def plot_capaian(table: pd.DataFrame, scale: str = "banjarbaru", lang: str = "id", max_items: int = 40) -> Figure:
    """Capaian per indicator: horizontal bars coloured by kategori, a dashed target line at 100%.

    Each bar is annotated with ``capaian% (realisasi / target unit)``; rows whose capaian
    cannot be computed are shown as a grey hatched stub saying so.

    Parameters
    ----------
    table : DataFrame
        Columns indicator_id, indicator, period, unit, target, target_text, realisasi, capaian,
        kategori (e.g. from :func:`lkjip_analysis.capaian_table`); ``capaian_note`` is used when present.
    scale : str
        Category scale of ``kategori`` (see :data:`lkjip_analysis.formulas.capaian.SCALES`).
    lang : {"id", "en"}
    max_items : int
        At most this many rows are drawn (the first ones); the title says so.

    Returns
    -------
    matplotlib.figure.Figure
    """
    _check_frame(table, "table")
    L = _check_lang(lang)
    sc = get_scale(scale)
    _check_positive_int(max_items, "max_items")
    if table.empty:
        return _no_data(L["capaian_title"], lang)
    _require(table, ("indicator_id", "indicator", "period", "unit", "target", "target_text", "realisasi",
                     "capaian", "kategori"), "plot_capaian")
    total = len(table)
    rows = table.iloc[:max_items]
    n = len(rows)
    cap = _numeric(rows["capaian"]).to_numpy()
    target = _numeric(rows["target"]).to_numpy()
    real = _numeric(rows["realisasi"]).to_numpy()
    palette, lookup = _kategori_colors(scale)
    notes = rows["capaian_note"] if "capaian_note" in rows.columns else pd.Series([None] * n, index=rows.index)

    labels, texts, colors, cat_pos, names = [], [], [], [], []
    for k, (_, row) in enumerate(rows.iterrows()):
        name = _text(row["indicator"]) or _text(row["indicator_id"])
        period = _text(row["period"])
        if period and period != "annual":
            name = f"{name} ({_period_label(period, lang)})"
        names.append(name)
        labels.append(_wrap(name, LABEL_WIDTH, 2 if n <= DENSE_ROWS else 1))
        unit = _text(row["unit"])
        if np.isnan(target[k]) and _text(row["target_text"]):
            pair = f"{_with_unit(real[k], unit, lang)} / {_short(row['target_text'], 28)}"
        else:
            pair = f"{_fmt(real[k], lang)} / {_fmt(target[k], lang)}" + (f" {unit}" if unit else "")
        if np.isnan(cap[k]):
            reason = _text(notes.iloc[k])
            head = L["not_computable"] + (f": {reason}" if reason and lang == "id" else "")
            texts.append(f"{head} ({pair})")
            colors.append(MISSING_COLOR)
            cat_pos.append(None)
        else:
            texts.append(f"{_fmt(cap[k], lang)}% ({pair})")
            pos = lookup.get(_text(row["kategori"]).casefold())
            colors.append(palette[pos] if pos is not None else MISSING_COLOR)
            cat_pos.append(pos)

    shown = np.clip(cap, *CAPAIAN_DISPLAY)
    clipped = np.isfinite(cap) & (shown != cap)
    finite = shown[np.isfinite(shown)]
    low = min(0.0, float(finite.min()) * 1.1) if finite.size else 0.0
    top = max(110.0, float(finite.max())) if finite.size else 110.0
    ends = np.where(np.isnan(shown), 0.04 * (top - low), np.maximum(np.nan_to_num(shown), 0.0))
    high = _room_for_text(ends, texts, low, top)
    stub = 0.03 * (high - low)
    labels = distinct_labels(labels, names, [_text(c) for c in rows["indicator_id"]],
                             lambda text: _wrap(text, LABEL_WIDTH, 2 if n <= DENSE_ROWS else 1))

    fig = _new_figure(_height(n, 0.42 if any("\n" in s for s in labels) else 0.3))
    _title(fig, L["capaian_title"], L["first_of"].format(n=n, total=total) if total > n else None)
    ax = fig.add_subplot()
    y = np.arange(n)
    missing = np.isnan(cap)
    # one barh call per kind of bar (a call per bar costs a container and a limits update each)
    if (~missing).any():
        ax.barh(y[~missing], shown[~missing], color=[c for c, m in zip(colors, missing) if not m],
                edgecolor="#555555", linewidth=0.4, height=0.7)
    if missing.any():
        ax.barh(y[missing], stub, left=0, color="#eeeeee", hatch="///", edgecolor="#9e9e9e", height=0.7)
    if clipped.any():  # a torn tip: the bar is longer than drawn
        tip = 0.05 * (high - low) * np.sign(shown[clipped])
        ax.barh(y[clipped], tip, left=shown[clipped] - tip, color=[c for c, m in zip(colors, clipped) if m],
                hatch="////", edgecolor="white", linewidth=0, height=0.7)
    for k in range(n):
        if missing[k]:
            ax.text(stub + 0.01 * (high - low), y[k], texts[k], va="center", ha="left", fontsize=7.5,
                    style="italic", color="#555555", bbox=_TEXT_BOX, zorder=4)
        else:
            ax.text(max(shown[k], 0) + 0.01 * (high - low), y[k], texts[k], va="center", ha="left", fontsize=7.5,
                    bbox=_TEXT_BOX, zorder=4)
    ax.axvline(100, color=TARGET_COLOR, linestyle="--", linewidth=1, zorder=3)
    ax.set_yticks(y, labels, fontsize=8 if n <= DENSE_ROWS else 7.5)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(low, high)
    ax.set_xlabel(L["capaian_axis"])
    ax.set_ylabel(L["indicator"])
    _number_axis(ax.xaxis, lang)
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)

    cats = sc.labels_en if lang == "en" else sc.labels
    handles = [Patch(facecolor=palette[i], edgecolor="#555555", linewidth=0.4, label=c) for i, c in enumerate(cats)]
    if any(p is None and not np.isnan(cap[k]) for k, p in enumerate(cat_pos)):
        handles.append(Patch(facecolor=MISSING_COLOR, edgecolor="#555555", linewidth=0.4, label=L["no_kategori"]))
    if np.isnan(cap).any():
        handles.append(Patch(facecolor="#eeeeee", hatch="///", edgecolor="#9e9e9e",
                             label=L["not_computable"].capitalize()))
    handles.append(Line2D([], [], color=TARGET_COLOR, linestyle="--", linewidth=1, label=L["target_line"]))
    note = L["bars_clipped"].format(lo=_fmt(CAPAIAN_DISPLAY[0], lang), hi=_fmt(CAPAIAN_DISPLAY[1], lang)) \
        if clipped.any() else ""
    _fig_legend(fig, handles, ncols=min(len(handles), 4), note=note)
    return fig


# --------------------------------------------------------------------------- 2. trend


def plot_trend(trend: pd.DataFrame, lang: str = "id", max_indicators: int = 12) -> Figure:
    """Multi-year trend: one small axis per indicator with realisasi (line) and target (dashed).

    Parameters
    ----------
    trend : DataFrame
        Columns indicator_id, indicator, unit, year, target, realisasi, capaian (one row per
        indicator and year).
    lang : {"id", "en"}
    max_indicators : int
        At most this many indicators (the first ones) are drawn, in a grid of up to 3 columns.

    Returns
    -------
    matplotlib.figure.Figure
    """
    _check_frame(trend, "trend")
    L = _check_lang(lang)
    _check_positive_int(max_indicators, "max_indicators")
    if trend.empty:
        return _no_data(L["trend_title"], lang)
    _require(trend, ("indicator_id", "indicator", "unit", "year", "target", "realisasi", "capaian"), "plot_trend")
    frame = trend.assign(_year=_numeric(trend["year"]), _t=_numeric(trend["target"]),
                         _r=_numeric(trend["realisasi"]))
    frame = frame[frame["_year"].notna()]
    if frame.empty:
        return _no_data(L["trend_title"], lang)
    groups, total = _indicator_groups(frame, max_indicators)
    n = len(groups)
    ncols = min(3, n)
    nrows = math.ceil(n / ncols)
    fig = _new_figure(_height(nrows, 2.5, base=1.4, low=3.4))
    _title(fig, L["trend_title"], L["indicators_of"].format(n=n, total=total) if total > n else None)
    axes, _, _ = _grid(fig, n, 3)
    has_target = False
    for k, (ax, (_, g)) in enumerate(zip(axes, groups)):
        g = g.sort_values("_year", kind="stable").groupby("_year", sort=True).last()
        years = g.index.to_numpy(dtype="float64")
        ax.plot(years, g["_r"].to_numpy(), marker="o", color=PRIMARY_COLOR, linewidth=1.6, markersize=4)
        t = g["_t"]
        if t.notna().any():
            has_target = True
            ax.plot(years[t.notna().to_numpy()], t.dropna().to_numpy(), linestyle="--", marker="s", markersize=3,
                    color=SECONDARY_COLOR, linewidth=1.2)
        ax.set_title(_indicator_title(g.reset_index()), fontsize=8)
        ax.set_ylabel(_unit_of(g, lang), fontsize=8)
        if len(years) <= 8:
            ax.set_xticks(years, [str(int(y)) for y in years])
        else:
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: str(int(round(v)))))
        if len(years) == 1:
            ax.set_xlim(years[0] - 0.75, years[0] + 0.75)
        else:
            pad = 0.15 * (years.max() - years.min())
            ax.set_xlim(years.min() - pad, years.max() + pad)
        _number_axis(ax.yaxis, lang)
        ax.tick_params(labelsize=7.5)
        ax.grid(color="#e5e5e5", linewidth=0.6)
        if k >= n - ncols:
            ax.set_xlabel(L["year"], fontsize=8)
    handles = [Line2D([], [], color=PRIMARY_COLOR, marker="o", markersize=4, label=L["realisasi"])]
    if has_target:
        handles.append(Line2D([], [], color=SECONDARY_COLOR, linestyle="--", marker="s", markersize=3,
                              label=L["target"]))
    _fig_legend(fig, handles)
    return fig


# --------------------------------------------------------------------------- 3. quarterly

QUARTERS = ("TW1", "TW2", "TW3", "TW4")


def plot_quarterly(quarterly: pd.DataFrame, lang: str = "id", max_indicators: int = 12) -> Figure:
    """Quarterly progression TW1..TW4 per indicator (small multiples).

    Bars are each quarter's realisasi, the solid line each quarter's target; for indicators whose
    ``aggregation`` is ``cumulative`` the running target and realisasi (``kumulatif``) are drawn too.

    Parameters
    ----------
    quarterly : DataFrame
        Columns indicator_id, indicator, unit, aggregation, period (TW1..TW4), target, realisasi,
        target_to_date, realisasi_to_date. Other periods are ignored.
    lang : {"id", "en"}
    max_indicators : int

    Returns
    -------
    matplotlib.figure.Figure
    """
    _check_frame(quarterly, "quarterly")
    L = _check_lang(lang)
    _check_positive_int(max_indicators, "max_indicators")
    if quarterly.empty:
        return _no_data(L["quarterly_title"], lang)
    _require(quarterly, ("indicator_id", "indicator", "unit", "aggregation", "period", "target", "realisasi",
                         "target_to_date", "realisasi_to_date"), "plot_quarterly")
    frame = quarterly[quarterly["period"].map(_text).isin(QUARTERS).to_numpy()]
    if frame.empty:
        return _no_data(L["quarterly_title"], lang)
    groups, total = _indicator_groups(frame, max_indicators)
    n = len(groups)
    ncols = min(3, n)
    nrows = math.ceil(n / ncols)
    fig = _new_figure(_height(nrows, 2.6, base=1.5, low=3.5))
    _title(fig, L["quarterly_title"], L["indicators_of"].format(n=n, total=total) if total > n else None)
    axes, _, _ = _grid(fig, n, 3)
    x = np.arange(len(QUARTERS))
    seen: dict[str, object] = {}
    for k, (ax, (_, g)) in enumerate(zip(axes, groups)):
        g = g.assign(_p=g["period"].map(_text)).drop_duplicates("_p", keep="last").set_index("_p").reindex(QUARTERS)
        real = _numeric(g["realisasi"]).to_numpy()
        target = _numeric(g["target"]).to_numpy()
        agg = next((_text(v) for v in g["aggregation"] if _text(v)), "")
        drawn = [real, target]
        ax.bar(x, np.nan_to_num(real, nan=0.0), width=0.6, color="#9ecae1", edgecolor=PRIMARY_COLOR, linewidth=0.6,
               label=L["realisasi_q"])
        if np.isfinite(target).any():
            ax.plot(x, target, marker="o", markersize=4, color=SECONDARY_COLOR, linewidth=1.4, label=L["target_q"])
        if agg == "cumulative":
            tcum = _numeric(g["target_to_date"]).to_numpy()
            rcum = _numeric(g["realisasi_to_date"]).to_numpy()
            drawn += [tcum, rcum]
            if np.isfinite(tcum).any():
                ax.plot(x, tcum, linestyle="--", marker="s", markersize=3, color="#7b3294", linewidth=1.2,
                        label=L["target_cum"])
            if np.isfinite(rcum).any():
                ax.plot(x, rcum, linestyle="-", marker="D", markersize=3, color="#08306b", linewidth=1.4,
                        label=L["realisasi_cum"])
        finite = np.concatenate([a[np.isfinite(a)] for a in drawn] + [np.zeros(1)])
        ymin, ymax = float(finite.min()), float(finite.max())
        ax.set_ylim(ymin * 1.12, ymax * 1.12 if ymax > 0 else 1.0)
        title = _indicator_title(g.reset_index(drop=True), 32, 2)
        if agg:
            title += f"\n({L.get('agg_' + agg, agg)})"
        ax.set_title(title, fontsize=8)
        ax.set_xticks(x, [_period_label(q, lang) for q in QUARTERS])
        ax.set_ylabel(_unit_of(g, lang), fontsize=8)
        _number_axis(ax.yaxis, lang)
        ax.tick_params(labelsize=7.5)
        ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
        ax.set_axisbelow(True)
        if k >= n - ncols:
            ax.set_xlabel(L["quarter"], fontsize=8)
        for h, lab in zip(*ax.get_legend_handles_labels()):
            seen.setdefault(lab, h)
    order = [L["realisasi_q"], L["target_q"], L["realisasi_cum"], L["target_cum"]]
    handles = []
    for lab in order:
        if lab in seen:
            h = seen[lab]
            if hasattr(h, "patches"):  # a bar container: use a patch proxy
                h = Patch(facecolor="#9ecae1", edgecolor=PRIMARY_COLOR, label=lab)
            handles.append(h)
    _fig_legend(fig, handles, ncols=min(len(handles), 4))
    return fig


# --------------------------------------------------------------------------- 4. capaian vs serapan


def plot_capaian_vs_serapan(eff: pd.DataFrame, lang: str = "id") -> Figure:
    """Scatter of budget absorption (x, %) against performance achievement (y, %), one point per indicator.

    Dashed reference lines at 100% split the plane into four labelled quadrants (efficient,
    effective, low, wasteful). The axes always cover 0–110% and extend to the data.

    Parameters
    ----------
    eff : DataFrame
        Columns indicator_id, indicator, capaian, serapan. Rows missing either value are left out
        (a note says how many).
    lang : {"id", "en"}

    Returns
    -------
    matplotlib.figure.Figure
    """
    _check_frame(eff, "eff")
    L = _check_lang(lang)
    if eff.empty:
        return _no_data(L["scatter_title"], lang)
    _require(eff, ("indicator_id", "indicator", "capaian", "serapan"), "plot_capaian_vs_serapan")
    x_all = _numeric(eff["serapan"]).to_numpy()
    y_all = _numeric(eff["capaian"]).to_numpy()
    ok = np.isfinite(x_all) & np.isfinite(y_all)
    if not ok.any():
        return _no_data(L["scatter_title"], lang)
    x, y = x_all[ok], y_all[ok]
    ids = [_text(v) for v in eff["indicator_id"].to_numpy()[ok]]

    def limits(values: np.ndarray) -> tuple[float, float]:
        lo = min(0.0, float(values.min()) - 5)
        hi = max(125.0, float(values.max()) * 1.06 + 3)
        return lo, hi

    fig = _new_figure(6.4)
    _title(fig, L["scatter_title"])
    ax = fig.add_subplot()
    (x0, x1), (y0, y1) = limits(x), limits(y)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.axvline(100, color=TARGET_COLOR, linestyle="--", linewidth=1, zorder=1)
    ax.axhline(100, color=TARGET_COLOR, linestyle="--", linewidth=1, zorder=1)
    box = {"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "none", "alpha": 0.75}
    quad = {"fontsize": 8, "color": "#555555", "style": "italic", "bbox": box, "zorder": 2}
    ax.text(0.015, 0.985, L["q_top_left"], ha="left", va="top", transform=ax.transAxes, **quad)
    ax.text(0.985, 0.985, L["q_top_right"], ha="right", va="top", transform=ax.transAxes, **quad)
    ax.text(0.015, 0.015, L["q_bottom_left"], ha="left", va="bottom", transform=ax.transAxes, **quad)
    ax.text(0.985, 0.015, L["q_bottom_right"], ha="right", va="bottom", transform=ax.transAxes, **quad)
    ax.scatter(x, y, s=36, color=PRIMARY_COLOR, edgecolor="white", linewidth=0.6, zorder=4)
    for xi, yi, label in zip(x, y, ids):
        ax.annotate(_short(label, 20), (xi, yi), xytext=(4, 4), textcoords="offset points", fontsize=7.5, zorder=5,
                    bbox=_TEXT_BOX)
    ax.set_xlabel(L["serapan_axis"])
    ax.set_ylabel(L["capaian_kinerja_axis"])
    _number_axis(ax.xaxis, lang)
    _number_axis(ax.yaxis, lang)
    ax.grid(color="#eeeeee", linewidth=0.6)
    ax.set_axisbelow(True)
    dropped = int((~ok).sum())
    if dropped:
        ax.set_title(L["points_dropped"].format(n=dropped), fontsize=8, color="#555555")
    return fig


# --------------------------------------------------------------------------- 5. budget


def _budget_label(row: pd.Series, lang: str) -> str:
    label = _text(row.get("sub_kegiatan")) or _text(row["kegiatan"]) or _text(row["program"])
    if _text(row["line_type"]) == "total":
        table = _text(row["budget_table"])
        if not label:
            return f"Total {table}".strip()
        if not label.casefold().startswith("total"):
            return f"Total: {label}"
    return label or _text(row["budget_table"]) or "-"


def plot_budget(lines: pd.DataFrame, lang: str = "id", max_items: int = 30) -> Figure:
    """Pagu vs realisasi per kegiatan/program line: grouped horizontal bars annotated with serapan (%).

    The money axis is in juta/miliar (``Rp 1,2 M``) for ``lang="id"`` and millions/billions
    (``IDR 1.2 bn``) for ``lang="en"``. Lines are labelled with the kegiatan name, else the
    program; total lines are marked ``Total`` and printed in bold.

    Parameters
    ----------
    lines : DataFrame
        Columns budget_table, line_type, program, kegiatan, pagu, realisasi, serapan; optional
        reported_pct (the serapan the report printed: shown, marked as printed, where pagu is missing).
    lang : {"id", "en"}
    max_items : int
        At most this many lines (the first ones) are drawn; the title says so.

    Returns
    -------
    matplotlib.figure.Figure
    """
    _check_frame(lines, "lines")
    L = _check_lang(lang)
    _check_positive_int(max_items, "max_items")
    if lines.empty:
        return _no_data(L["budget_title"], lang)
    _require(lines, ("budget_table", "line_type", "program", "kegiatan", "pagu", "realisasi", "serapan"),
             "plot_budget")
    total = len(lines)
    rows = lines.iloc[:max_items]
    n = len(rows)
    pagu = _numeric(rows["pagu"]).to_numpy()
    real = _numeric(rows["realisasi"]).to_numpy()
    ser = _numeric(rows["serapan"]).to_numpy()
    names = [_budget_label(r, lang) for _, r in rows.iterrows()]
    tables = rows["budget_table"] if "budget_table" in rows.columns else [""] * n
    numbers = rows["line_no"] if "line_no" in rows.columns else range(1, n + 1)
    labels = distinct_labels([_wrap(x) for x in names], names,
                             [f"{_text(t)} #{_text(no)}" for t, no in zip(tables, numbers)], _wrap)
    is_total = (rows["line_type"].map(_text) == "total").to_numpy()
    both = np.concatenate([pagu[np.isfinite(pagu)], real[np.isfinite(real)], [0.0]])
    top = float(both.max())
    span = top if top > 0 else 1.0
    printed = (_numeric(rows["reported_pct"]).to_numpy() if "reported_pct" in rows.columns
               else np.full(n, np.nan))
    # serapan computed from pagu; else the one the report printed (said so); else why there is none
    texts = [L["serapan_label"].format(v=_fmt(v, lang)) if np.isfinite(v) else
             L["serapan_printed_label"].format(v=_fmt(r, lang)) if np.isfinite(r) else L["serapan_unknown_label"]
             for v, r in zip(ser, printed)]
    no_pagu = not np.isfinite(pagu).any()
    ends = np.array([np.nanmax([p, r, 0.0]) if np.isfinite([p, r]).any() else 0.0 for p, r in zip(pagu, real)])
    high = _room_for_text(ends, texts, 0.0, span * 1.05)
    scale, suffix, meaning = _money_unit(high * 0.95, lang)

    fig = _new_figure(_height(n, 0.5, base=2.0))
    _title(fig, L["budget_title"], L["first_of"].format(n=n, total=total) if total > n else None)
    ax = fig.add_subplot()
    y = np.arange(n)
    h = 0.38
    if not no_pagu:
        ax.barh(y - h / 2, np.nan_to_num(pagu), height=h, color="#c6dbef", edgecolor=PRIMARY_COLOR, linewidth=0.5,
                label=L["pagu"])
    ax.barh(y + h / 2 if not no_pagu else y, np.nan_to_num(real), height=h if not no_pagu else 0.6,
            color=PRIMARY_COLOR, label=L["budget_realisasi"])
    for k in range(n):
        ax.text(ends[k] + 0.01 * high, y[k], texts[k], va="center", ha="left", fontsize=7.5)
    ax.set_yticks(y, labels, fontsize=8)
    for tick, bold in zip(ax.get_yticklabels(), is_total):
        if bold:
            tick.set_fontweight("bold")
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(0, high)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _fmt_money(v, lang, scale)))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6))
    ax.tick_params(axis="x", labelsize=8)
    ax.set_xlabel(L["budget_axis"].format(suffix=f"; {suffix} = {meaning}" if suffix else ""))
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)
    handles, _ = ax.get_legend_handles_labels()
    _fig_legend(fig, handles, note=L["budget_no_pagu"] if no_pagu else "")
    return fig


# --------------------------------------------------------------------------- 6. comparison

TARGET_KINDS = ("renstra", "rpjmd_end", "renstra_end", "national")


def plot_comparison(comp: pd.DataFrame, lang: str = "id", max_indicators: int = 12) -> Figure:
    """Comparison per indicator (small multiples): own realisasi and other regions as bars, targets as lines.

    Bars: the agency's own value (``kind == "own"``, highlighted) and other regions
    (``kind == "region"``, labelled by region). Horizontal lines: numeric national, RPJMD-end,
    Renstra-end and annual Renstra targets. When bars span several years only the latest year with
    an own value is shown; for each target kind the row of that year is used, else the latest.

    Parameters
    ----------
    comp : DataFrame
        Columns indicator_id, indicator, unit, year, kind, region, value.
    lang : {"id", "en"}
    max_indicators : int

    Returns
    -------
    matplotlib.figure.Figure
    """
    _check_frame(comp, "comp")
    L = _check_lang(lang)
    _check_positive_int(max_indicators, "max_indicators")
    if comp.empty:
        return _no_data(L["comparison_title"], lang)
    _require(comp, ("indicator_id", "indicator", "unit", "year", "kind", "region", "value"), "plot_comparison")
    frame = comp.assign(_v=_numeric(comp["value"]), _y=_numeric(comp["year"]), _k=comp["kind"].map(_text))
    frame = frame[frame["_v"].notna() & frame["_k"].isin(("own", "region") + TARGET_KINDS)]
    if frame.empty:
        return _no_data(L["comparison_title"], lang)
    groups, total = _indicator_groups(frame, max_indicators)
    n = len(groups)
    ncols = min(2, n)
    nrows = math.ceil(n / ncols)
    fig = _new_figure(_height(nrows, 3.0, base=1.5, low=3.8))
    _title(fig, L["comparison_title"], L["indicators_of"].format(n=n, total=total) if total > n else None)
    axes, _, _ = _grid(fig, n, 2)
    used: dict[str, object] = {}
    for ax, (_, g) in zip(axes, groups):
        bars = g[g["_k"].isin(("own", "region"))]
        year = None
        if not bars.empty:
            own_years = bars.loc[bars["_k"] == "own", "_y"].dropna()
            year = own_years.max() if not own_years.empty else bars["_y"].max()
            if bars["_y"].nunique() > 1 and pd.notna(year):
                bars = bars[bars["_y"] == year]
        values = bars["_v"].to_numpy()
        width = int(min(24, max(8, (7.0 / ncols) / max(len(bars), 1) / 0.06)))
        names = [_wrap(_text(r) or (L["own"] if k == "own" else L["region"]), width, 3)
                 for r, k in zip(bars["region"], bars["_k"])]
        is_own = (bars["_k"] == "own").to_numpy()
        x = np.arange(len(values))
        if len(values):
            colors = [PRIMARY_COLOR if o else "#bdbdbd" for o in is_own]
            ax.bar(x, values, color=colors, edgecolor="#555555", linewidth=0.4, width=0.65)
            for xi, v in zip(x, values):
                ax.annotate(_fmt(v, lang), (xi, max(v, 0)), xytext=(0, 3), textcoords="offset points", ha="center",
                            va="bottom", fontsize=7, bbox=_TEXT_BOX, zorder=5)
            ax.set_xticks(x, names, fontsize=7)
            if is_own.any():
                used.setdefault("own", Patch(facecolor=PRIMARY_COLOR, edgecolor="#555555", label=L["own"]))
            if (~is_own).any():
                used.setdefault("region", Patch(facecolor="#bdbdbd", edgecolor="#555555", label=L["region"]))
            ax.set_xlim(-0.6, len(values) - 0.4)
        else:
            ax.set_xticks([])
        line_values = [0.0, *values.tolist()]
        for kind in TARGET_KINDS:
            rows = g[g["_k"] == kind].sort_values("_y", kind="stable")
            if rows.empty:
                continue
            same = rows[rows["_y"] == year] if year is not None else rows.iloc[0:0]
            v = float((same if not same.empty else rows)["_v"].iloc[-1])
            color, style = BENCHMARK_STYLES[kind]
            ax.axhline(v, color=color, linestyle=style, linewidth=1.4, zorder=3)
            ax.text(1.0, v, f" {_fmt(v, lang)}", transform=ax.get_yaxis_transform(), ha="left", va="center",
                    fontsize=7, color=color, clip_on=False)
            used.setdefault(kind, Line2D([], [], color=color, linestyle=style, linewidth=1.4,
                                         label=L["kind_" + kind]))
            line_values.append(v)
        lo, hi = min(line_values), max(line_values)
        ax.set_ylim(min(0.0, lo * 1.12), hi * 1.15 if hi > 0 else 1.0)
        title = _indicator_title(g, 48, 2)
        if year is not None and pd.notna(year):
            title += f" ({int(year)})"
        ax.set_title(title, fontsize=8)
        ax.set_ylabel(_unit_of(g, lang), fontsize=8)
        _number_axis(ax.yaxis, lang)
        ax.tick_params(axis="y", labelsize=7.5)
        ax.grid(axis="y", color="#eeeeee", linewidth=0.6)
        ax.set_axisbelow(True)
    handles = [used[k] for k in ("own", "region") + TARGET_KINDS if k in used]
    _fig_legend(fig, handles)
    return fig


# --------------------------------------------------------------------------- 7. distribution

CLIP_RANGE = (0.0, 200.0)


def _level_label(level: str, lang: str) -> str:
    return LABELS[lang].get("level_" + level, level.capitalize()) if level else LABELS[lang]["level_unknown"]


def plot_capaian_distribution(cap: pd.DataFrame, lang: str = "id", max_agencies: int = 25) -> Figure:
    """Distribution of capaian across agencies.

    Up to ``max_agencies`` agencies: a horizontal boxplot per agency (with the values as dots),
    best median on top. More agencies: one histogram per government level (provinsi, kabupaten,
    kota), which stays readable for thousands of agencies. Values are clipped to 0–200% for
    display; a note says how many were clipped.

    Parameters
    ----------
    cap : DataFrame
        Columns agency_id, agency (display name), level, capaian (one row per indicator value).
    lang : {"id", "en"}
    max_agencies : int

    Returns
    -------
    matplotlib.figure.Figure
    """
    _check_frame(cap, "cap")
    L = _check_lang(lang)
    _check_positive_int(max_agencies, "max_agencies")
    if cap.empty:
        return _no_data(L["dist_title"], lang)
    _require(cap, ("agency_id", "agency", "level", "capaian"), "plot_capaian_distribution")
    values = _numeric(cap["capaian"])
    frame = pd.DataFrame({"agency_id": cap["agency_id"].map(_text).to_numpy(),
                          "agency": cap["agency"].map(_text).to_numpy(),
                          "level": cap["level"].map(_text).str.casefold().to_numpy(),
                          "capaian": values.to_numpy()})
    frame = frame[np.isfinite(frame["capaian"].to_numpy())]
    if frame.empty:
        return _no_data(L["dist_title"], lang)
    lo, hi = CLIP_RANGE
    clipped = int(((frame["capaian"] < lo) | (frame["capaian"] > hi)).sum())
    frame = frame.assign(shown=frame["capaian"].clip(lo, hi))
    note = L["clipped"].format(n=_fmt(clipped, lang, 0)) if clipped else ""
    n_agencies = frame["agency_id"].nunique()
    if n_agencies <= max_agencies:
        return _distribution_boxes(frame, lang, note)
    return _distribution_levels(frame, lang, note, n_agencies)


def _distribution_boxes(frame: pd.DataFrame, lang: str, note: str) -> Figure:
    L = LABELS[lang]
    stats = frame.groupby("agency_id", sort=False).agg(agency=("agency", "first"), median=("shown", "median"))
    stats = stats.sort_values("median", ascending=False, kind="stable")
    names = stats["agency"].where(stats["agency"] != "", stats.index.to_series())
    dupes = names.duplicated(keep=False)
    names = names.where(~dupes, names + " (" + stats.index.to_series() + ")")
    data = [frame.loc[frame["agency_id"] == a, "shown"].to_numpy() for a in stats.index]
    n = len(data)
    fig = _new_figure(_height(n, 0.38, base=2.0))
    _title(fig, L["dist_title"])
    ax = fig.add_subplot()
    pos = np.arange(1, n + 1)
    kwargs = {"positions": pos, "widths": 0.6, "patch_artist": True, "showfliers": False, "manage_ticks": False,
              "boxprops": {"facecolor": "#c6dbef", "edgecolor": PRIMARY_COLOR},
              "medianprops": {"color": "#08306b", "linewidth": 1.5}}
    try:
        ax.boxplot(data, orientation="horizontal", **kwargs)
    except TypeError:  # matplotlib < 3.10
        ax.boxplot(data, vert=False, **kwargs)
    rng = np.random.default_rng(0)
    for p, d in zip(pos, data):
        ax.scatter(d, p + rng.uniform(-0.18, 0.18, len(d)), s=9, color="#08306b", alpha=0.45, zorder=3,
                   linewidth=0)
    ax.axvline(100, color=TARGET_COLOR, linestyle="--", linewidth=1, zorder=2)
    ax.set_yticks(pos, [_wrap(s) for s in names], fontsize=8)
    ax.set_ylim(n + 0.6, 0.4)
    ax.set_xlabel(L["capaian_axis"])
    ax.set_ylabel(L["agency"])
    _number_axis(ax.xaxis, lang)
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)
    _fig_legend(fig, [Line2D([], [], color=TARGET_COLOR, linestyle="--", linewidth=1, label=L["target_line"])],
                note=note)
    return fig


def _distribution_levels(frame: pd.DataFrame, lang: str, note: str, n_agencies: int) -> Figure:
    L = LABELS[lang]
    present = list(dict.fromkeys(frame["level"]))
    levels = [lv for lv in LEVEL_ORDER if lv in present] + sorted(lv for lv in present if lv not in LEVEL_ORDER and lv)
    if "" in present:
        levels.append("")
    fig = _new_figure(_height(len(levels), 2.0, base=1.8, low=3.5))
    _title(fig, L["dist_title_levels"].format(n=_fmt(n_agencies, lang, 0)))
    axes = fig.subplots(len(levels), 1, sharex=True, squeeze=False)[:, 0]
    bins = np.arange(CLIP_RANGE[0], CLIP_RANGE[1] + 10, 10)
    for ax, level in zip(axes, levels):
        sub = frame[frame["level"] == level]
        counts, _, _ = ax.hist(sub["shown"].to_numpy(), bins=bins, color=LEVEL_COLORS.get(level, "#737373"),
                               alpha=0.85, edgecolor="white", linewidth=0.5)
        ax.set_ylim(0, max(float(counts.max()), 1.0) * 1.1)
        ax.axvline(100, color=TARGET_COLOR, linestyle="--", linewidth=1)
        ax.set_title(L["level_summary"].format(level=_level_label(level, lang),
                                               agencies=_fmt(sub["agency_id"].nunique(), lang, 0),
                                               values=_fmt(len(sub), lang, 0),
                                               median=_fmt(sub["capaian"].median(), lang)),
                     fontsize=8.5, loc="left")
        ax.set_ylabel(L["count"], fontsize=8)
        _number_axis(ax.yaxis, lang, 0)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
        ax.tick_params(labelsize=7.5)
        ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
        ax.set_axisbelow(True)
    axes[-1].set_xlim(*CLIP_RANGE)
    _number_axis(axes[-1].xaxis, lang)
    axes[-1].set_xlabel(L["capaian_axis"])
    _fig_legend(fig, [Line2D([], [], color=TARGET_COLOR, linestyle="--", linewidth=1, label=L["target_line"])],
                note=note)
    return fig


# --------------------------------------------------------------------------- 8. ranking


def plot_ranking(overview: pd.DataFrame, column: str, lang: str = "id", top: int = 15, title: str | None = None,
                 unit: str = "%") -> Figure:
    """Agencies ranked by ``column`` (highest first) as horizontal bars.

    With more than ``2 * top`` agencies only the top and bottom ``top`` are drawn, separated by
    a gap that says how many are hidden. Rows with a missing value are left out.

    Parameters
    ----------
    overview : DataFrame
        Columns agency (display name) and ``column``.
    column : str
        The numeric column to rank by (e.g. ``serapan``, ``efisiensi``).
    lang : {"id", "en"}
    top : int
    title : str, optional
        Figure title (default: "Peringkat instansi menurut <column>").
    unit : str
        Unit of the values, shown on the axis and the annotations (``""`` for none).

    Returns
    -------
    matplotlib.figure.Figure
    """
    _check_frame(overview, "overview")
    L = _check_lang(lang)
    if not isinstance(column, str) or not column:
        raise InvalidArgumentError.from_key("error.not_a_column_name", value=repr(column))
    _check_positive_int(top, "top")
    heading = title or L["rank_title"].format(column=column)
    if overview.empty:
        return _no_data(heading, lang)
    _require(overview, ("agency", column), "plot_ranking")
    frame = pd.DataFrame({"agency": overview["agency"].map(_text).to_numpy(),
                          "value": _numeric(overview[column]).to_numpy()})
    frame = frame[np.isfinite(frame["value"].to_numpy())]
    if frame.empty:
        return _no_data(heading, lang)
    frame = frame.assign(rank=frame["value"].rank(ascending=False, method="min").astype(int))
    frame = frame.sort_values(["value", "agency"], ascending=[False, True], kind="stable").reset_index(drop=True)
    total = len(frame)
    split = total > 2 * top
    shown = pd.concat([frame.head(top), frame.tail(top)]) if split else frame
    hidden = total - len(shown)
    n = len(shown)
    gap = 1.5 if split else 0.0
    y = np.arange(n, dtype="float64")
    if split:
        y[top:] += gap
    values = shown["value"].to_numpy()
    labels = [_wrap(f"{r}. {a}", LABEL_WIDTH, 1) for r, a in zip(shown["rank"], shown["agency"])]
    colors = [PRIMARY_COLOR] * n
    if split:
        colors = [PRIMARY_COLOR] * top + [SECONDARY_COLOR] * top

    fig = _new_figure(_height(n + gap, 0.27, base=1.8))
    _title(fig, heading)
    ax = fig.add_subplot()
    if split:
        ax.set_title(L["rank_subtitle"].format(top=top, total=_fmt(total, lang, 0)), fontsize=8.5, color="#555555")
    ax.barh(y, values, color=colors, height=0.72)
    lo = min(0.0, float(values.min()))
    hi = max(0.0, float(values.max()))
    texts = [_pct(v, lang, unit) for v in values]
    pos_texts = [t if v >= 0 else "" for t, v in zip(texts, values)]
    neg_texts = [t if v < 0 else "" for t, v in zip(texts, values)]
    x_low, x_high = lo, hi if hi > lo else lo + 1.0
    for _ in range(2):  # each side's room depends on the other's
        x_high = _room_for_text(np.maximum(values, 0.0), pos_texts, x_low, max(hi, x_low + 1e-9))
        if lo < 0:
            x_low = -_room_for_text(np.maximum(-values, 0.0), neg_texts, -x_high, -lo)
    pad = 0.01 * (x_high - x_low)
    for yi, v, t in zip(y, values, texts):
        ax.text(v + (pad if v >= 0 else -pad), yi, t, va="center", ha="left" if v >= 0 else "right", fontsize=7.5)
    if split:
        ax.text(0.5, (y[top - 1] + y[top]) / 2, L["rank_hidden"].format(n=_fmt(hidden, lang, 0)),
                transform=ax.get_yaxis_transform(), ha="center", va="center", fontsize=8, style="italic",
                color="#555555")
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_ylim(y[-1] + 0.6, -0.6)
    ax.set_xlim(x_low, x_high)
    ax.set_xlabel(f"{column} ({unit})" if unit else column)
    ax.set_ylabel(L["agency"])
    _number_axis(ax.xaxis, lang)
    if lo < 0:
        ax.axvline(0, color="#555555", linewidth=0.8)
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)
    if split:
        _fig_legend(fig, [Patch(color=PRIMARY_COLOR, label=L["rank_top"].format(n=top)),
                          Patch(color=SECONDARY_COLOR, label=L["rank_bottom"].format(n=top))])
    return fig


# --------------------------------------------------------------------------- 9. PMKS


def plot_pmks(pmks: pd.DataFrame, lang: str = "id") -> Figure:
    """PMKS rates side by side: computed ``rate`` (%) as bars, the printed ``reported_pct`` as a marker.

    Parameters
    ----------
    pmks : DataFrame
        Columns label, rate, reported_pct.
    lang : {"id", "en"}

    Returns
    -------
    matplotlib.figure.Figure
    """
    _check_frame(pmks, "pmks")
    L = _check_lang(lang)
    if pmks.empty:
        return _no_data(L["pmks_title"], lang)
    _require(pmks, ("label", "rate", "reported_pct"), "plot_pmks")
    rate = _numeric(pmks["rate"]).to_numpy()
    reported = _numeric(pmks["reported_pct"]).to_numpy()
    if not (np.isfinite(rate) | np.isfinite(reported)).any():
        return _no_data(L["pmks_title"], lang)
    names = list(pmks["label"].map(_text))
    codes = list(pmks["measure"].map(_text)) if "measure" in pmks.columns else [""] * len(names)
    labels = distinct_labels([_wrap(x) for x in names], names, codes, _wrap)
    n = len(labels)
    both = np.concatenate([rate[np.isfinite(rate)], reported[np.isfinite(reported)], [0.0]])
    lo, hi = min(0.0, float(both.min())), max(1.0, float(both.max()))
    span = hi - lo
    texts = []
    for r, p in zip(rate, reported):
        text = f"{_fmt(r, lang)}%" if np.isfinite(r) else L["not_computable"]
        if np.isfinite(p) and (not np.isfinite(r) or abs(round(p, 2) - round(r, 2)) >= 0.005):
            text += f" ({L['pmks_printed'].format(v=_fmt(p, lang))})"
        texts.append(text)
    longest = max(len(t) for t in texts)
    frac = min(0.6, 0.0125 * longest + 0.06)

    fig = _new_figure(_height(n, 0.42, base=1.9))
    _title(fig, L["pmks_title"])
    ax = fig.add_subplot()
    y = np.arange(n)
    ax.barh(y, np.nan_to_num(rate), color=PRIMARY_COLOR, height=0.6, label=L["pmks_rate"])
    has_rep = np.isfinite(reported)
    if has_rep.any():
        ax.scatter(reported[has_rep], y[has_rep], marker="D", s=34, color="white", edgecolor="#111111",
                   linewidth=1.3, zorder=4, label=L["pmks_reported"])
    for yi, r, p, t in zip(y, rate, reported, texts):
        end = np.nanmax([r, p, 0.0]) if np.isfinite([r, p]).any() else 0.0
        ax.annotate(t, (end, yi), xytext=(7, 0), textcoords="offset points", va="center", ha="left", fontsize=7.5,
                    style="normal" if np.isfinite(r) else "italic")
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(lo, lo + span / (1 - frac))
    ax.set_xlabel(L["pmks_axis"])
    _number_axis(ax.xaxis, lang)
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)
    handles = [Patch(color=PRIMARY_COLOR, label=L["pmks_rate"])]
    if has_rep.any():
        handles.append(Line2D([], [], marker="D", linestyle="none", markersize=6, markerfacecolor="white",
                              markeredgecolor="#111111", markeredgewidth=1.3, label=L["pmks_reported"]))
    _fig_legend(fig, handles)
    return fig


# --------------------------------------------------------------------------- saving


#: Resolution of the PNG figures (8 in wide: 880 px).
DPI = 110
#: zlib level of the PNGs: 1-3 use zlib's fast strategy, which for these figures (mostly flat colour)
#: gives files no larger than the default level 6, in two thirds of the time.
PNG_COMPRESS_LEVEL = 3
#: Text is drawn without hinting: glyphs keep their outlines (no snapping to the pixel grid), and
#: FreeType does not run the font's hinting for every glyph drawn (the largest part of drawing text).
TEXT_RENDERING = {"text.hinting": "no_hinting"}


def figure_png(fig: Figure) -> bytes:
    """``fig`` as PNG bytes at :data:`DPI`.

    A figure of this module (:class:`FitLayout`) is laid out and drawn in one draw on an Agg
    canvas, then encoded. Figures with another layout engine already fit their canvas
    (:meth:`Figure.savefig`, which lays them out in a draw without output first); figures without
    one are cropped to their content (``bbox_inches="tight"``).
    """
    if not isinstance(fig, Figure):
        raise ArgumentTypeError.from_key("error.not_a_figure", type=type(fig).__name__)
    buffer = io.BytesIO()
    engine = fig.get_layout_engine()
    if isinstance(engine, FitLayout):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from PIL import Image  # Pillow: a dependency of matplotlib

        canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
        dpi = fig.dpi
        fig.set_dpi(DPI)
        try:
            with rc_context(TEXT_RENDERING):
                canvas.draw()
            width, height = canvas.get_width_height(physical=True)
            rgba = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
            # the figures are opaque (white background): RGB, a quarter fewer bytes to compress and store
            image = rgba.convert("RGB") if rgba.getextrema()[3] == (255, 255) else rgba
            image.save(buffer, format="png", compress_level=PNG_COMPRESS_LEVEL, dpi=(DPI, DPI))
        finally:
            fig.set_dpi(dpi)
        return buffer.getvalue()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches=None if engine is not None else "tight")
    return buffer.getvalue()


def save_figure(fig: Figure, path: str | os.PathLike) -> Path:
    """Write ``fig`` as a PNG (see :func:`figure_png`), atomically.

    The image is written to a temporary file in the same folder and moved into place with
    :func:`os.replace`, so readers never see a half-written file. The folder is created if needed.

    Returns
    -------
    pathlib.Path
        ``path``.
    """
    from ..io.atomic import atomic_write_bytes

    return atomic_write_bytes(path, figure_png(fig))
