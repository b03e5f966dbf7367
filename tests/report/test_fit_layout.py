"""FitLayout, the one-pass layout of the report figures: everything drawn fits the canvas, nothing overlaps.

The figures are built from frames with long Indonesian labels and many bars (the worst cases of the
embedded reports), drawn as :func:`plots.figure_png` draws them, and then measured: every text drawn
(titles, tick and axis labels, annotations, legend) lies inside the figure, the decorations of one
axes never reach into another, and the legend and the suptitle stay clear of the axes. The
quick measurement of an axes (:func:`plots._layout_bbox`) is checked against matplotlib's own tight
bounding box, and the positions against matplotlib's constrained layout.
"""

import matplotlib

matplotlib.use("Agg")

import io  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from PIL import Image  # noqa: E402

from lkjip_analysis.report import plots  # noqa: E402

LONG = ("Persentase Penyandang Masalah Kesejahteraan Sosial (PMKS) yang memperoleh bantuan sosial "
        "untuk pemenuhan kebutuhan dasar")


def capaian_many() -> pd.DataFrame:
    """40 indicators with long names, capaian from 0 to 320% (clipped bars), some not computable."""
    n = 40
    real = np.linspace(0, 320, n)
    cap = real.copy()
    cap[::7] = np.nan
    return pd.DataFrame({
        "indicator_id": [f"k{i}-{i}" for i in range(n)],
        "indicator": [f"{LONG} kabupaten nomor {i}" for i in range(n)],
        "period": ["annual"] * n, "unit": ["%"] * n, "target": [100.0] * n, "target_text": [None] * n,
        "realisasi": real, "capaian": cap,
        "kategori": ["Sangat berhasil" if c >= 85 else "Tidak berhasil" if c == c else None for c in cap],
        "capaian_note": ["realisasi tidak dilaporkan" if c != c else None for c in cap],
    })


def budget_many(top: float = 30.6e9) -> pd.DataFrame:
    """30 kegiatan with long names; the largest pagu puts a tick label next to the right end of the axis."""
    n = 30
    pagu = np.linspace(1e8, top, n)
    return pd.DataFrame({
        "budget_table": ["B.1"] * n, "line_type": ["kegiatan"] * (n - 1) + ["total"],
        "program": ["Program Perlindungan dan Jaminan Sosial"] * n,
        "kegiatan": [f"Penyediaan Peralatan dan Kelengkapan Sarana dan Prasarana Panti Sosial {i}" for i in range(n)],
        "pagu": pagu, "realisasi": pagu * 0.87, "serapan": np.full(n, 87.0),
    })


def trend_grid() -> pd.DataFrame:
    """12 indicators (a 4 x 3 grid), 2016-2020, values in the thousands and long names."""
    rows = []
    for i in range(12):
        for year in range(2016, 2021):
            rows.append({"indicator_id": f"i{i}", "indicator": f"{LONG} {i}", "unit": "Orang", "year": year,
                         "target": 1000.0 * (i + 1), "realisasi": 950.0 * (i + 1) + 13 * year % 7,
                         "capaian": 95.0})
    return pd.DataFrame(rows)


def comparison_pair() -> pd.DataFrame:
    """Two indicators, own value, three regions and targets drawn as labelled lines right of the axes."""
    rows = []
    for i in range(2):
        base = {"indicator_id": f"i{i}", "indicator": f"{LONG} {i}", "unit": "%", "year": 2020}
        rows.append({**base, "kind": "own", "region": "Kabupaten Hulu Sungai Selatan", "value": 60.29})
        for region, value in (("Kota Banjarbaru", 61.0), ("Provinsi Kalimantan Timur", 87.48),
                              ("Kabupaten Tanah Bumbu", 45.5)):
            rows.append({**base, "kind": "region", "region": region, "value": value})
        rows.append({**base, "kind": "national", "region": None, "value": 72.25})
        rows.append({**base, "kind": "rpjmd_end", "region": None, "value": 1234.5})
    return pd.DataFrame(rows)


def ranking_many() -> pd.DataFrame:
    """80 agencies (top and bottom 15 shown) with long names, a negative value among them."""
    n = 80
    return pd.DataFrame({"agency": [f"Dinas Sosial Pemberdayaan Perempuan dan Perlindungan Anak Kabupaten {i}"
                                    for i in range(n)],
                         "serapan": np.linspace(-12.5, 104.0, n)})


def distribution_levels() -> pd.DataFrame:
    """40 agencies on three levels: histograms on axes sharing x (measured by matplotlib itself)."""
    rng = np.random.default_rng(1)
    levels = ["provinsi", "kabupaten", "kota"]
    return pd.DataFrame({"agency_id": [f"a{i % 40}" for i in range(200)],
                         "agency": [f"Dinas Sosial {i % 40}" for i in range(200)],
                         "level": [levels[(i % 40) % 3] for i in range(200)],
                         "capaian": rng.uniform(0, 240, 200)})


FIGURES = {
    "capaian": lambda lang: plots.plot_capaian(capaian_many(), lang=lang),
    "budget": lambda lang: plots.plot_budget(budget_many(), lang=lang),
    "trend": lambda lang: plots.plot_trend(trend_grid(), lang=lang),
    "comparison": lambda lang: plots.plot_comparison(comparison_pair(), lang=lang),
    "ranking": lambda lang: plots.plot_ranking(ranking_many(), "serapan", lang=lang),
    "distribution": lambda lang: plots.plot_capaian_distribution(distribution_levels(), lang=lang, max_agencies=5),
    "no_data": lambda lang: plots.plot_pmks(pd.DataFrame(), lang=lang),
}


def drawn(fig):
    """Draw ``fig`` as figure_png does (DPI, text rendering) and return its renderer."""
    canvas = FigureCanvasAgg(fig)
    fig.set_dpi(plots.DPI)
    with matplotlib.rc_context(plots.TEXT_RENDERING):
        canvas.draw()
    return canvas.get_renderer()


def drawn_texts(fig) -> list[Text]:
    """Every non-empty text that is drawn: figure texts, legends, titles, axis labels, annotations, ticks in view."""
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text()]
    out_of_view = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            tol = 1e-9 * max(hi - lo, 1.0)
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not lo - tol <= tick.get_loc() <= hi + tol:
                    out_of_view.update((tick.label1, tick.label2))
    return [t for t in texts if t not in out_of_view]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("name", list(FIGURES))
def test_every_text_is_inside_the_canvas(name, lang):
    fig = FIGURES[name](lang)
    renderer = drawn(fig)
    canvas = fig.bbox
    texts = drawn_texts(fig)
    assert len(texts) >= 2
    for text in texts:
        box = text.get_window_extent(renderer)
        assert box.x0 >= canvas.x0 - 0.5 and box.x1 <= canvas.x1 + 0.5, (name, text.get_text(), box)
        assert box.y0 >= canvas.y0 - 0.5 and box.y1 <= canvas.y1 + 0.5, (name, text.get_text(), box)


@pytest.mark.parametrize("name", ["capaian", "budget", "trend", "comparison", "ranking", "distribution"])
def test_decorations_never_reach_into_other_axes_legend_or_title(name):
    fig = FIGURES[name]("id")
    renderer = drawn(fig)
    boxes = [ax.get_tightbbox(renderer, for_layout_only=True) for ax in fig.axes]
    frames = [ax.get_window_extent(renderer) for ax in fig.axes]
    for i, box in enumerate(boxes):
        for j, frame in enumerate(frames):
            if i != j:  # a little slack: the frames' lines are half outside them
                assert not box.padded(-1.0).overlaps(frame.padded(-1.0)), (name, i, j)
    title = fig._suptitle.get_window_extent(renderer) if fig._suptitle is not None else None
    for legend in fig.legends:
        lbox = legend.get_window_extent(renderer)
        assert all(lbox.y1 <= box.y0 + 0.5 for box in boxes), name  # below every axes
        assert lbox.y0 >= fig.bbox.y0 - 0.5
    if title is not None:
        assert all(title.y0 >= box.y1 - 0.5 for box in boxes), name  # above every axes


@pytest.mark.parametrize("name", ["capaian", "budget", "trend", "comparison", "ranking"])
def test_quick_measurement_is_matplotlibs_tight_bbox(name):
    fig = FIGURES[name]("en")
    renderer = drawn(fig)
    for ax in fig.axes:
        pos = ax.get_position(original=True).transformed(fig.transSubfigure)
        quick, _ = plots._layout_bbox(ax, renderer, pos)
        assert np.allclose(quick.extents, ax.get_tightbbox(renderer, for_layout_only=True).extents, atol=0.5)


@pytest.mark.parametrize("name", list(FIGURES))
def test_positions_are_those_of_constrained_layout(name):
    fit = FIGURES[name]("id")
    drawn(fit)
    with matplotlib.rc_context(plots.TEXT_RENDERING):
        constrained = FIGURES[name]("id")
        constrained.set_layout_engine("constrained")
        constrained.savefig(io.BytesIO(), dpi=plots.DPI)
    size = np.tile(fit.get_size_inches() * plots.DPI, 2)
    for a, b in zip(fit.axes, constrained.axes):
        assert np.allclose(a.get_position().extents * size, b.get_position().extents * size, atol=1.0), name


def test_tick_label_at_the_end_of_the_axis_gets_room():
    """A money tick just before the end of the axis: its label reaches past the axes but not off the canvas.

    Whether a label reaches past the end depends on the axes' final width (the room the layout
    gives it), not on the width it had when first measured: the layout must measure again.
    """
    reaching = 0
    for top in np.linspace(20e9, 40e9, 11):  # 22, 26 and 34 bn reach past the end
        fig = plots.plot_budget(budget_many(top=top))
        renderer = drawn(fig)
        ax = fig.axes[0]
        end = ax.get_window_extent(renderer).x1
        labels = [t for t in drawn_texts(fig) if t in ax.get_xticklabels()]
        right = max(t.get_window_extent(renderer).x1 for t in labels)
        reaching += right > end + 1
        assert right <= fig.bbox.x1 - 2, top  # keeps the padding of the canvas
    assert reaching >= 2  # the case occurs among these sizes


def test_figure_png_is_880_px_wide_rgb_and_leaves_the_figure_as_it_was():
    fig = FIGURES["capaian"]("id")
    dpi = fig.dpi
    data = plots.figure_png(fig)
    image = Image.open(io.BytesIO(data))
    assert image.size[0] == 880 and image.mode == "RGB"
    assert round(image.info["dpi"][0]) == plots.DPI
    assert fig.dpi == dpi
    assert plots.figure_png(fig) == data  # a second save draws the same image


def test_figures_with_another_layout_still_save():
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 3))
    fig.add_subplot().set_title("Tanpa tata letak")
    assert Image.open(io.BytesIO(plots.figure_png(fig))).size[0] < 440  # cropped to its content (tight)
