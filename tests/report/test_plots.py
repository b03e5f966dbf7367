"""Figure builders: titles, bar/point/axis counts, reference lines, number formatting, empty frames."""

import matplotlib

matplotlib.use("Agg")

import math  # noqa: E402
import re  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from lkjip_analysis import SCALES, UnknownMethodError  # noqa: E402
from lkjip_analysis.report import plots

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


# --------------------------------------------------------------------------- helpers


def texts(fig: Figure) -> list[str]:
    """Every text drawn on the figure (titles, labels, ticks, annotations, legend)."""
    fig.canvas.draw()  # tick labels exist only after a draw
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def all_text(fig: Figure) -> str:
    return "\n".join(texts(fig))


def title(fig: Figure) -> str:
    return fig._suptitle.get_text() if fig._suptitle is not None else ""


def bars(ax) -> list[Rectangle]:
    """Bar rectangles of an axis (not the axes background, not legend patches)."""
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def vlines_at(ax, x: float) -> list:
    return [ln for ln in ax.lines if len(set(np.asarray(ln.get_xdata(), dtype=float))) == 1
            and np.asarray(ln.get_xdata(), dtype=float)[0] == x]


def hlines_at(ax, y: float) -> list:
    return [ln for ln in ax.lines if len(set(np.asarray(ln.get_ydata(), dtype=float))) == 1
            and np.asarray(ln.get_ydata(), dtype=float)[0] == y]


# --------------------------------------------------------------------------- sample frames (real report figures)


@pytest.fixture
def capaian_frame() -> pd.DataFrame:
    """Banjarbaru 2020: 61 of 59 (103,39%, sangat berhasil), 75 of 75 (100%), a non-numeric target."""
    return pd.DataFrame({
        "indicator_id": ["s2-i1", "s1-i1", "s4-i1"],
        "indicator": ["Persentase PMKS yang mampu melaksanakan peran sosialnya",
                      "Cakupan PSKS yang berpartisipasi", "Jumlah rumah tidak layak huni yang direhabilitasi"],
        "period": ["annual", "annual", "annual"],
        "unit": ["%", "%", "unit"],
        "target": [59.0, 75.0, np.nan],
        "target_text": [None, None, "1 Dokumen (365 bh rumah)"],
        "realisasi": [61.0, 75.0, 187.0],
        "capaian": [103.39, 100.0, np.nan],
        "kategori": ["Sangat berhasil", "Sangat berhasil", None],
    })


@pytest.fixture
def budget_frame() -> pd.DataFrame:
    """Banjarbaru Tabel B.1 (PSKS): two kegiatan lines and the total (serapan 31,89%)."""
    return pd.DataFrame({
        "budget_table": ["B.1-s1"] * 3,
        "line_type": ["kegiatan", "kegiatan", "total"],
        "program": ["Program Pemberdayaan Sosial", "Program Pemberdayaan Sosial", None],
        "kegiatan": ["Peningkatan Kualitas SDM Kesejahteraan Sosial", "Pembinaan Karang Taruna", None],
        "pagu": [627410000.0, 54803500.0, 1164318000.0],
        "realisasi": [0.0, 52363500.0, 371344500.0],
        "serapan": [0.0, 95.55, 31.89],
    })


@pytest.fixture
def eff_frame() -> pd.DataFrame:
    """Kaltim 2020 (serapan 87,48, capaian 98) and Banjarbaru PSKS (serapan 31,89, capaian 103,39)."""
    return pd.DataFrame({"indicator_id": ["kaltim-iku1", "bjb-s1"], "indicator": ["Penurunan PMKS", "PSKS"],
                         "capaian": [98.0, 103.39], "serapan": [87.48, 31.89]})


# --------------------------------------------------------------------------- formatting helpers


def test_fmt_indonesian_and_english():
    assert plots._fmt(1164318000, "id") == "1.164.318.000"
    assert plots._fmt(31.8936, "id") == "31,89"
    assert plots._fmt(1164318000, "en") == "1,164,318,000"
    assert plots._fmt(31.8936, "en") == "31.89"
    assert plots._fmt(None, "id") == "-"
    assert plots._fmt(-0.001, "id") == "0"


def test_fmt_money():
    assert plots._fmt_money(1.2e9, "id") == "Rp 1,2 M"
    assert plots._fmt_money(1.2e9, "en") == "IDR 1.2 bn"
    assert plots._fmt_money(371344500, "id") == "Rp 371,34 jt"


def test_labels_have_the_same_keys_in_both_languages():
    assert set(plots.LABELS["id"]) == set(plots.LABELS["en"])


def test_wrap_truncates_long_names():
    name = "Persentase Penyandang Masalah Kesejahteraan Sosial (PMKS) yang memperoleh bantuan sosial " * 2
    wrapped = plots._wrap(name)
    assert len(wrapped.split("\n")) == 2
    assert all(len(line) <= plots.LABEL_WIDTH for line in wrapped.split("\n"))
    assert wrapped.endswith("…")


# --------------------------------------------------------------------------- 1. capaian


def test_plot_capaian(capaian_frame):
    fig = plots.plot_capaian(capaian_frame)
    assert isinstance(fig, Figure)
    assert title(fig) == "Capaian per indikator"
    (ax,) = fig.axes
    assert len(bars(ax)) == 3  # two bars and one stub
    assert vlines_at(ax, 100)
    assert vlines_at(ax, 100)[0].get_linestyle() == "--"
    text = all_text(fig)
    assert "61 / 59 %" in text
    assert "103,39%" in text
    assert "75 / 75 %" in text
    assert "tidak dapat dihitung" in text
    assert ax.get_xlabel() == "Capaian (%)"
    assert ax.get_ylabel() == "Indikator"


def test_plot_capaian_colours_by_kategori(capaian_frame):
    palette, lookup = plots._kategori_colors("banjarbaru")
    fig = plots.plot_capaian(capaian_frame)
    first = bars(fig.axes[0])[0]
    best = matplotlib.colors.to_rgba(palette[lookup["sangat berhasil"]])
    assert first.get_facecolor() == pytest.approx(best)
    stub = bars(fig.axes[0])[2]
    assert stub.get_hatch()
    legend_labels = [t.get_text() for t in fig.legends[0].get_texts()]
    for label in SCALES["banjarbaru"].labels:
        assert label in legend_labels


def test_palette_goes_from_red_to_green():
    palette, _ = plots._kategori_colors("permendagri86")
    assert len(palette) == len(SCALES["permendagri86"].labels)
    first, last = (matplotlib.colors.to_rgb(c) for c in (palette[0], palette[-1]))
    assert first[0] > first[1]  # worst: red
    assert last[1] > last[0]  # best: green


def test_plot_capaian_english(capaian_frame):
    fig = plots.plot_capaian(capaian_frame, lang="en")
    assert title(fig) == "Achievement per indicator"
    text = all_text(fig)
    assert "103.39%" in text
    assert "cannot be computed" in text
    assert "Very successful" in [t.get_text() for t in fig.legends[0].get_texts()]


def test_plot_capaian_period_in_label_and_max_items(capaian_frame):
    many = pd.concat([capaian_frame] * 20, ignore_index=True).assign(period="TW2")
    fig = plots.plot_capaian(many, max_items=10)
    assert len(bars(fig.axes[0])) == 10
    assert "10 pertama dari 60" in title(fig)
    assert any("(TW2)" in t for t in texts(fig))


def test_plot_capaian_does_not_mutate(capaian_frame):
    before = capaian_frame.copy()
    plots.plot_capaian(capaian_frame)
    pd.testing.assert_frame_equal(capaian_frame, before)


def test_plot_capaian_checks_arguments(capaian_frame):
    with pytest.raises(UnknownMethodError):
        plots.plot_capaian(capaian_frame, lang="fr")
    with pytest.raises(UnknownMethodError):
        plots.plot_capaian(capaian_frame, scale="nope")
    with pytest.raises(ValueError):
        plots.plot_capaian(capaian_frame, max_items=0)
    with pytest.raises(ValueError, match="capaian"):
        plots.plot_capaian(capaian_frame.drop(columns="capaian"))
    with pytest.raises(TypeError):
        plots.plot_capaian([1, 2, 3])


def test_plot_capaian_huge_value_is_cut_but_labelled(capaian_frame):
    frame = capaian_frame.assign(capaian=[806.68, 100.0, np.nan])
    fig = plots.plot_capaian(frame)
    ax = fig.axes[0]
    assert ax.get_xlim()[1] < 806
    assert "806,68%" in all_text(fig)


# --------------------------------------------------------------------------- empty frames


@pytest.mark.parametrize("builder", [
    lambda f, lang: plots.plot_capaian(f, lang=lang),
    lambda f, lang: plots.plot_trend(f, lang=lang),
    lambda f, lang: plots.plot_quarterly(f, lang=lang),
    lambda f, lang: plots.plot_capaian_vs_serapan(f, lang=lang),
    lambda f, lang: plots.plot_budget(f, lang=lang),
    lambda f, lang: plots.plot_comparison(f, lang=lang),
    lambda f, lang: plots.plot_capaian_distribution(f, lang=lang),
    lambda f, lang: plots.plot_ranking(f, "serapan", lang=lang),
    lambda f, lang: plots.plot_pmks(f, lang=lang),
])
@pytest.mark.parametrize("lang, expected", [("id", "Tidak ada data"), ("en", "No data")])
def test_empty_frame_says_no_data(builder, lang, expected):
    fig = builder(pd.DataFrame(), lang)
    assert isinstance(fig, Figure)
    assert expected in texts(fig)
    assert title(fig)


def test_empty_frame_with_columns(capaian_frame):
    fig = plots.plot_capaian(capaian_frame.iloc[0:0])
    assert "Tidak ada data" in texts(fig)


# --------------------------------------------------------------------------- 2. trend


def test_plot_trend():
    trend = pd.DataFrame({
        "indicator_id": ["a"] * 3 + ["b"] * 2,
        "indicator": ["Persentase penurunan PMKS"] * 3 + ["Indeks kepuasan masyarakat"] * 2,
        "unit": ["%"] * 3 + ["indeks"] * 2,
        "year": [2018, 2019, 2020, 2019, 2020],
        "target": [1.5, 1.5, 1.5, np.nan, np.nan],
        "realisasi": [1.8, 1.47, 1.47, 78.2, 80.1],
        "capaian": [120.0, 98.0, 98.0, np.nan, np.nan],
    })
    fig = plots.plot_trend(trend)
    assert title(fig) == "Tren multi-tahun"
    assert len(fig.axes) == 2
    a, b = fig.axes
    assert len(a.lines) == 2  # realisasi and target
    assert a.lines[1].get_linestyle() == "--"
    assert len(b.lines) == 1  # no target
    assert [t.get_text() for t in a.get_xticklabels()] == ["2018", "2019", "2020"]
    assert a.get_ylabel() == "%"
    assert "1,47" not in [t.get_text() for t in a.get_xticklabels()]
    assert any("," in t.get_text() for t in a.get_yticklabels())  # decimal comma
    assert not any(ax.get_shared_y_axes().get_siblings(ax)[1:] for ax in fig.axes)  # no twin axes


def test_plot_trend_grid_and_limit():
    rows = [(f"i{i}", f"Indikator {i}", "%", y, 50.0, 40.0 + i, 0.0) for i in range(14) for y in (2019, 2020)]
    trend = pd.DataFrame(rows, columns=["indicator_id", "indicator", "unit", "year", "target", "realisasi",
                                        "capaian"])
    fig = plots.plot_trend(trend, max_indicators=12)
    assert len(fig.axes) == 12
    cols = {round(ax.get_position().x0, 3) for ax in fig.axes}
    assert len(cols) == 3
    assert "12 dari 14 indikator" in title(fig)


# --------------------------------------------------------------------------- 3. quarterly


def _quarterly(aggregation: str) -> pd.DataFrame:
    return pd.DataFrame({
        "indicator_id": ["k1"] * 4, "indicator": ["Jumlah lansia yang dilayani"] * 4, "unit": ["orang"] * 4,
        "aggregation": [aggregation] * 4, "period": ["TW1", "TW2", "TW3", "TW4"],
        "target": [0.0, 0.0, 20.0, 20.0], "realisasi": [0.0, 0.0, 0.0, 37.0],
        "target_to_date": [0.0, 0.0, 20.0, 40.0], "realisasi_to_date": [0.0, 0.0, 0.0, 37.0],
    })


def test_plot_quarterly_cumulative():
    fig = plots.plot_quarterly(_quarterly("cumulative"))
    (ax,) = fig.axes
    assert len(bars(ax)) == 4
    assert len(ax.lines) == 3  # target per quarter, cumulative target, cumulative realisasi
    assert [t.get_text() for t in ax.get_xticklabels()] == ["TW1", "TW2", "TW3", "TW4"]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "Target kumulatif" in legend and "Realisasi kumulatif" in legend
    assert "kumulatif" in ax.get_title()


def test_plot_quarterly_last_has_no_cumulative_lines():
    fig = plots.plot_quarterly(_quarterly("last"), lang="en")
    (ax,) = fig.axes
    assert len(ax.lines) == 1
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Q1", "Q2", "Q3", "Q4"]


def test_plot_quarterly_missing_quarter_still_four_ticks():
    fig = plots.plot_quarterly(_quarterly("cumulative").iloc[:2])
    assert len(fig.axes[0].get_xticks()) == 4


# --------------------------------------------------------------------------- 4. capaian vs serapan


def test_plot_capaian_vs_serapan(eff_frame):
    fig = plots.plot_capaian_vs_serapan(eff_frame)
    (ax,) = fig.axes
    points = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert sum(len(c.get_offsets()) for c in points) == 2
    assert vlines_at(ax, 100) and hlines_at(ax, 100)
    text = all_text(fig)
    assert "kaltim-iku1" in text and "bjb-s1" in text
    assert "Efisien: capaian tinggi" in text.replace("\n", " ")
    assert "Boros" in text
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    assert x0 <= 0 and x1 >= 110 and y0 <= 0 and y1 >= 110
    assert ax.get_xlabel() == "Serapan anggaran (%)"


def test_plot_capaian_vs_serapan_extends_to_data_and_english(eff_frame):
    frame = pd.concat([eff_frame, pd.DataFrame({"indicator_id": ["x"], "indicator": ["X"], "capaian": [240.0],
                                                "serapan": [np.nan]})], ignore_index=True)
    frame.loc[0, "capaian"] = 180.0
    fig = plots.plot_capaian_vs_serapan(frame, lang="en")
    ax = fig.axes[0]
    assert ax.get_ylim()[1] > 180
    assert "Wasteful" in all_text(fig)
    assert "1 indicator(s)" in all_text(fig)


# --------------------------------------------------------------------------- 5. budget


def test_plot_budget_indonesian(budget_frame):
    fig = plots.plot_budget(budget_frame)
    (ax,) = fig.axes
    assert len(bars(ax)) == 6  # pagu and realisasi per line
    text = all_text(fig)
    assert "serapan 31,89%" in text
    assert "31.89" not in text
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[0] == "Rp 0"
    assert all(re.fullmatch(r"Rp \d+(,\d+)? M", t) for t in ticks[1:])
    assert any("," in t for t in ticks)
    assert "M = miliar" in ax.get_xlabel()
    assert "Pembinaan Karang Taruna" in text
    assert any(t.startswith("Total") for t in ticks + texts(fig))


def test_plot_budget_english(budget_frame):
    fig = plots.plot_budget(budget_frame, lang="en")
    text = all_text(fig)
    assert "31.89%" in text
    assert "31,89" not in text
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert all(re.fullmatch(r"IDR \d+(\.\d+)? bn", t) for t in ticks[1:])
    assert any("." in t for t in ticks)


def test_plot_budget_uses_program_when_no_kegiatan(budget_frame):
    frame = budget_frame.assign(kegiatan=[None, "Pembinaan Karang Taruna", None])
    labels = [t.get_text() for t in plots.plot_budget(frame).axes[0].get_yticklabels()]
    assert labels[0] == "Program Pemberdayaan Sosial"


# --------------------------------------------------------------------------- 6. comparison


def test_plot_comparison():
    comp = pd.DataFrame({
        "indicator_id": ["p"] * 5 + ["q"] * 2,
        "indicator": ["Persentase penurunan PMKS"] * 5 + ["Persentase PMKS mandiri"] * 2,
        "unit": ["%"] * 7,
        "year": [2020, 2020, 2020, 2020, 2023, 2019, 2019],
        "kind": ["own", "region", "region", "national", "rpjmd_end", "own", "renstra_end"],
        "region": ["Dinas Sosial Prov. Kalimantan Timur", "Kalimantan Selatan", "Kalimantan Utara", None, None,
                   "Dinas Sosial Kab. Hulu Sungai Selatan", None],
        "value": [1.47, 2.1, 0.9, 1.8, 7.5, 60.35, np.nan],
    })
    fig = plots.plot_comparison(comp)
    assert title(fig) == "Perbandingan dengan daerah lain dan target"
    assert len(fig.axes) == 2
    a, b = fig.axes
    assert len(bars(a)) == 3
    own, region = bars(a)[0], bars(a)[1]
    assert own.get_facecolor() != region.get_facecolor()
    assert hlines_at(a, 1.8) and hlines_at(a, 7.5)
    assert not b.lines  # the renstra_end target is not numeric
    ticks = [t.get_text().replace("\n", " ") for t in a.get_xticklabels()]
    assert "Kalimantan Selatan" in ticks
    assert "1,47" in all_text(fig)
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "Target nasional" in legend and "Target akhir RPJMD" in legend


# --------------------------------------------------------------------------- 7. distribution


def _distribution(n_agencies: int, per_agency: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    levels = ["provinsi", "kabupaten", "kota"]
    return pd.DataFrame({
        "agency_id": np.repeat([f"a{i}" for i in range(n_agencies)], per_agency),
        "agency": np.repeat([f"Dinas Sosial {i}" for i in range(n_agencies)], per_agency),
        "level": np.repeat([levels[i % 3] for i in range(n_agencies)], per_agency),
        "capaian": rng.normal(95, 40, n_agencies * per_agency),
    })


def test_distribution_few_agencies_is_a_boxplot():
    fig = plots.plot_capaian_distribution(_distribution(5))
    (ax,) = fig.axes
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 5 and all(lab.startswith("Dinas Sosial") for lab in labels)
    assert vlines_at(ax, 100)
    assert title(fig) == "Sebaran capaian per instansi"


def test_distribution_many_agencies_is_aggregated():
    cap = _distribution(1000)
    cap.loc[0, "capaian"] = 1500.0
    fig = plots.plot_capaian_distribution(cap)
    assert len(fig.axes) == 3  # one histogram per level
    assert sum(len(ax.lines) for ax in fig.axes) <= 3  # the 100% lines only: no boxes (each box is 5 lines)
    assert sum(len(bars(ax)) for ax in fig.axes) == 3 * 20  # 20 bins of 10 points per level
    assert max(ax.get_xlim()[1] for ax in fig.axes) == 200
    text = all_text(fig)
    assert "1.000 instansi" in title(fig)
    assert "0–200%" in text
    assert "Kabupaten" in text


# --------------------------------------------------------------------------- 8. ranking


def test_ranking_top_and_bottom():
    ov = pd.DataFrame({"agency": [f"Dinas {i}" for i in range(100)], "serapan": np.linspace(30, 99, 100)})
    fig = plots.plot_ranking(ov, "serapan", top=15)
    (ax,) = fig.axes
    assert len(bars(ax)) == 30
    text = all_text(fig)
    assert "70 instansi lain tidak ditampilkan" in text
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "1. Dinas 99" and labels[-1] == "100. Dinas 0"
    assert ax.get_xlabel() == "serapan (%)"


def test_ranking_all_when_few_and_custom_title():
    ov = pd.DataFrame({"agency": ["Banjarbaru", "Kaltim", "HSS"], "efisiensi": [68.11, 7.52, -12.3],
                       "serapan": [31.89, 87.48, np.nan]})
    fig = plots.plot_ranking(ov, "efisiensi", lang="en", title="Efficiency", unit="points")
    (ax,) = fig.axes
    assert len(bars(ax)) == 3
    assert title(fig) == "Efficiency"
    assert "68.11 points" in all_text(fig)
    fig = plots.plot_ranking(ov, "serapan")
    assert len(bars(fig.axes[0])) == 2  # missing value left out


def test_ranking_unknown_column():
    with pytest.raises(ValueError):
        plots.plot_ranking(pd.DataFrame({"agency": ["a"], "x": [1.0]}), "serapan")


# --------------------------------------------------------------------------- 9. PMKS


def test_plot_pmks():
    pmks = pd.DataFrame({"label": ["HSS 2019: PMKS mandiri", "Kaltim 2020: PMKS ditangani", "Tanpa penyebut"],
                         "rate": [60.35, 6.06, np.nan], "reported_pct": [60.85, np.nan, 12.0]})
    fig = plots.plot_pmks(pmks)
    (ax,) = fig.axes
    assert len(bars(ax)) == 3
    markers = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert sum(len(c.get_offsets()) for c in markers) == 2
    text = all_text(fig)
    assert "60,35%" in text and "tercetak 60,85%" in text
    assert "Tercetak di laporan" in [t.get_text() for t in fig.legends[0].get_texts()]


# --------------------------------------------------------------------------- save_figure


def test_save_figure_writes_png_atomically(tmp_path, capaian_frame):
    fig = plots.plot_capaian(capaian_frame)
    out = plots.save_figure(fig, tmp_path / "sub" / "capaian.png")
    assert out == tmp_path / "sub" / "capaian.png"
    assert out.read_bytes()[:8] == PNG_MAGIC
    assert [p.name for p in out.parent.iterdir()] == ["capaian.png"]
    plots.save_figure(fig, str(out))  # overwrite in place
    assert [p.name for p in out.parent.iterdir()] == ["capaian.png"]


def test_save_figure_failure_leaves_no_temp_file(tmp_path):
    class Broken(Figure):
        def savefig(self, *args, **kwargs):
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        plots.save_figure(Broken(), tmp_path / "x.png")
    assert list(tmp_path.iterdir()) == []


def test_figures_are_a4_width(capaian_frame, budget_frame):
    for fig in (plots.plot_capaian(capaian_frame), plots.plot_budget(budget_frame)):
        width, height = fig.get_size_inches()
        assert width == pytest.approx(8.0)
        assert 2 <= height <= plots.MAX_HEIGHT
        assert not math.isnan(height)


def test_no_pyplot_figures_left_open(capaian_frame):
    import matplotlib.pyplot as plt

    before = len(plt.get_fignums())
    plots.plot_capaian(capaian_frame)
    assert len(plt.get_fignums()) == before


def test_axis_ticks_are_distinct_on_a_narrow_axis() -> None:
    """Values 99,97 to 99,99 (Banjarbaru s2-i2 around 99,97%): every tick label differs (never 99,98 three times)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from lkjip_analysis.report.plots import DistinctTickFormatter

    fig = Figure()
    ax = fig.add_subplot()
    ax.plot([0, 1, 2], [99.97, 99.98, 99.99])
    ax.yaxis.set_major_formatter(DistinctTickFormatter("id", 2))
    FigureCanvasAgg(fig).draw()
    labels = [t.get_text() for t in ax.yaxis.get_ticklabels() if t.get_text()]
    assert len(labels) >= 3 and len(set(labels)) == len(labels)
    # ticks every 0,0025: 99,970 99,973 ... need 3 decimals (2 would repeat), Indonesian decimal comma
    assert all(len(x.split(",")[1]) == 3 for x in labels), labels
    from lkjip_analysis.report.plots import distinct_decimals

    assert distinct_decimals([99.9725, 99.975, 99.9775], least=2) == 3  # 99,972|3 99,975 99,978
    assert distinct_decimals([99.97, 99.9704, 99.9708], least=2) == 4  # at 3: 99,970 twice


def test_plot_budget_without_pagu_shows_the_printed_serapan_and_says_so():
    """Kalimantan Timur's Tabel 14 (2020) gives realisasi and the printed % per line, no pagu."""
    lines = pd.DataFrame({
        "budget_table": ["Tabel 14", "Tabel 14", "Tabel 14-BL"], "line_no": [1, 2, 1],
        "line_type": ["program", "program", "program"],
        "program": ["Belanja Tidak Langsung", "Belanja Langsung", "Program Pelayanan Administrasi Perkantoran"],
        "kegiatan": [None, None, None], "pagu": [np.nan, np.nan, np.nan],
        "realisasi": [23531589176.0, 26661611467.0, 2892957804.0], "serapan": [np.nan, np.nan, np.nan],
        "reported_pct": [82.02, 96.34, np.nan]})
    for lang, printed, unknown, note in (("id", "serapan tercetak 82,02%", "serapan: pagu tidak ada", "tidak tercantum"),
                                         ("en", "printed absorption 96.34%", "absorption: no pagu", "no pagu per line")):
        fig = plots.plot_budget(lines, lang=lang)
        text = all_text(fig)
        assert printed in text and unknown in text and note in text
        assert "-%" not in text
        (ax,) = fig.axes
        assert len(bars(ax)) == 3  # realisasi only: no empty pagu bars
        legend = [t.get_text() for t in fig.legends[0].get_texts()]
        assert legend == [plots.LABELS[lang]["budget_realisasi"]]


def test_plot_budget_prefers_the_computed_serapan(budget_frame):
    fig = plots.plot_budget(budget_frame.assign(reported_pct=50.0))
    assert "serapan 31,89%" in all_text(fig) and "tercetak" not in all_text(fig)
