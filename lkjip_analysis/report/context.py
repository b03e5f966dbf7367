"""Display helpers for the report notebooks: show a table or figure and save it for the run's outputs.

A notebook creates one :class:`ReportContext` from its parameters and then only
calls library functions and ``ctx.table`` / ``ctx.figure`` / ``ctx.say`` / ``ctx.heading``.
Every table shown is also written to ``<output_dir>/tables/<name>.csv`` and every figure
to ``<output_dir>/figures/<name>.png`` (atomically), when an output folder is set.

Data is never markup. Every string shown passes through this module, which escapes it
where it enters the page (one mechanism for the agency and the regional reports):

- ``ctx.say(template, **fields)``: the template is the package's own Markdown; each field
  (an agency, indicator or program name, a unit, a source, a message) is escaped with
  :func:`escape_markdown`, and the whole text then with :func:`neutralise_markdown`, so
  neither raw HTML (``<script>``, ``<img onerror=...>``) nor a Markdown link or image
  (which would make the page fetch another host) can come from data, even in text
  formatted before it reached ``say``.
- ``ctx.heading(text)``: the heading text is escaped as a whole.
- ``ctx.table``: cells *and* column headings are HTML-escaped, the caption too.
- ``ctx.figure``: the alt text (the figure's title) is escaped when the HTML is written
  (:mod:`lkjip_analysis.run.export`); matplotlib draws labels as text, and a context turns
  mathtext off (``text.parse_math``) so a name holding ``$`` is drawn as typed.

A heading (``ctx.heading``, or a ``say`` whose whole text is one Markdown heading) is shown
in the same output block as what follows it, so that print never leaves it alone at the
bottom of a page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .. import i18n
from ..io.atomic import atomic_write_bytes
from .formatting import format_fixed

#: Column headings shown in reports, per language.
HEADINGS = i18n.all_labels("heading")  # the texts live in lkjip_analysis.i18n

#: Readable values of coded columns, per language (the codes stay in the CSV files).
VALUE_LABELS = {lang: {kind[len("value."):]: i18n.labels(kind, lang) for kind in i18n.LABELS
                       if kind.startswith("value.")} for lang in i18n.LANGS}
#: Columns whose values are table names, or comma-separated lists of them (shown with the table
#: headings of :data:`HEADINGS`: ``akip_scores`` -> ``Nilai AKIP``).
TABLE_NAME_COLUMNS = {"table", "missing"}

#: Columns holding money (shown without decimals).
MONEY_COLUMNS = {"pagu", "realisasi_anggaran", "sisa", "reported_sisa", "numerator", "denominator"}


def column_decimals(values: pd.Series, most: int = 2) -> int:
    """The decimals one table column is shown with: as many as its values need, at most ``most``.

    Every value of the column then gets exactly that many (``78,30`` next to ``99,97``), so
    figures line up; a column of whole numbers has none.

    >>> column_decimals(pd.Series([75.0, 99.97, 78.3]))
    2
    >>> column_decimals(pd.Series([14.0, 23.0, None]))
    0
    >>> column_decimals(pd.Series([66.7, 75.0]))
    1
    """
    numbers = pd.to_numeric(values, errors="coerce").astype("float64").to_numpy()
    numbers = numbers[np.isfinite(numbers)]
    for decimals in range(most):
        if np.all(np.abs(np.round(numbers, decimals) - np.round(numbers, most)) < 10.0 ** -(most + 1)):
            return decimals
    return most


def format_table(frame: pd.DataFrame, lang: str = "id", money: set[str] | None = None) -> pd.DataFrame:
    """Return a copy with numbers formatted for reading and headings translated.

    Numbers get the Indonesian (or English) separators and, per column, a fixed number of
    decimals (:func:`column_decimals`: at most 2); missing values ``-``. Budget lines
    (``pagu`` etc., plus the ``realisasi`` column when the frame also has ``pagu``) are
    shown without decimals. Coded values (severity, benchmark kind, table names, funding
    source, ...) are shown with their labels in ``lang`` (:data:`VALUE_LABELS`).
    """
    money = set(MONEY_COLUMNS if money is None else money)
    if "pagu" in frame.columns:
        money.add("realisasi")
    out = pd.DataFrame(index=frame.index)
    for col in frame.columns:
        values = frame[col]
        if pd.api.types.is_bool_dtype(values.dtype):
            yes, no = i18n.t("report.yes", lang), i18n.t("report.no", lang)
            out[col] = values.map({True: yes, False: no}).astype("object").fillna("-")
        elif pd.api.types.is_numeric_dtype(values.dtype) and col not in ("year", "line_no", "source_line",
                                                                           "target_akhir_year"):
            decimals = 0 if col in money else column_decimals(values)
            out[col] = [format_fixed(v, decimals, lang) for v in values]
        else:
            out[col] = values.astype("object").where(values.notna(), "-")
            labels = dict(VALUE_LABELS.get(lang, VALUE_LABELS["id"]).get(col, {}))
            if col in TABLE_NAME_COLUMNS:
                labels.update(HEADINGS.get(lang, HEADINGS["id"]))
            if lang != i18n.DEFAULT_LANG:  # texts the library wrote from i18n keys (capaian_note, basis, ...)
                labels = {**i18n.cell_labels(col, lang), **labels}
            if labels and col in TABLE_NAME_COLUMNS:
                out[col] = out[col].map(lambda v: ", ".join(labels.get(x.strip(), x.strip()) for x in v.split(","))
                                        if isinstance(v, str) else v)
            elif labels:
                out[col] = out[col].map(lambda v: labels.get(v, v) if isinstance(v, str) else v)
    return out.rename(columns=HEADINGS.get(lang, HEADINGS["id"]))


#: Cell openings: alignment inline, so that no notebook front end's stylesheet (JupyterLab right-aligns
#: every cell with a more specific rule than a class can give) changes it; the class is for print.css.
TEXT_CELL = '<td style="text-align: left">'
NUMBER_CELL = '<td class="lkjip-num" style="text-align: right; white-space: nowrap">'
HEADER_CELL = '<th style="text-align: left; vertical-align: bottom">'


def table_html(frame: pd.DataFrame, lang: str = "id") -> str:
    """HTML of a formatted table: text columns left-aligned, numbers right-aligned (class ``lkjip-num``), no index.

    Every header and cell is HTML-escaped. The same table always gives the same bytes (no
    generated ids), so a report built twice from the same data is the same file.

    >>> print(re.sub(r' style="[^"]*"', " ...", table_html(pd.DataFrame({"indicator_name": ["a<b"], "target": [1.5]}))).strip())
    <table class="lkjip-table">
    <thead><tr><th ...>indicator_name</th><th ...>Target</th></tr></thead>
    <tbody>
    <tr><td ...>a&lt;b</td><td class="lkjip-num" ...>1,5</td></tr>
    </tbody>
    </table>
    """
    formatted = format_table(frame, lang)
    numeric = {HEADINGS.get(lang, HEADINGS["id"]).get(c, c) for c in frame.columns
               if pd.api.types.is_numeric_dtype(frame[c].dtype) and not pd.api.types.is_bool_dtype(frame[c].dtype)}
    opening = [NUMBER_CELL if c in numeric else TEXT_CELL for c in formatted.columns]
    escape = html.escape
    head = "".join(f"{HEADER_CELL}{escape(str(c))}</th>" for c in formatted.columns)
    body = "".join("<tr>" + "".join(f"{o}{escape(str(v))}</td>" for o, v in zip(opening, row)) + "</tr>\n"
                   for row in formatted.itertuples(index=False, name=None))
    return (f'<table class="lkjip-table">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n'
            "</table>\n")


#: Markdown punctuation that could start emphasis, code, a link, an image, a heading, a list item or an
#: autolinked URL (``http://`` is written ``http\:\/\/`` so no link is made from data).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|~$/:])")


def escape_markdown(value) -> str:
    """``value`` as text that Markdown shows literally: punctuation backslash-escaped.

    HTML special characters are left to :func:`neutralise_markdown` (applied to the whole text).

    >>> print(escape_markdown("Dinas *Sosial* [x](http://h)"))
    Dinas \\*Sosial\\* \\[x\\]\\(http\\:\\/\\/h\\)
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(value))


def neutralise_markdown(text: str) -> str:
    """Markdown ``text`` with every raw HTML character escaped and no link or image syntax left.

    ``<``, ``>``, ``&`` and quotes become entities (shown as themselves; no tag can survive),
    and ``[``/``]`` not already escaped are backslash-escaped, so that no ``[text](url)`` or
    ``![alt](url)`` can be rendered (nor a bare ``http://`` autolinked: its ``:`` is escaped).
    The package's templates use neither HTML nor links.

    >>> neutralise_markdown('**<img src=x onerror=alert(1)>** ![a](http://h/x.png)')
    '**&lt;img src=x onerror=alert(1)&gt;** !\\\\[a\\\\](http\\\\://h/x.png)'
    """
    text = html.escape(str(text), quote=True)
    text = re.sub(r"(?<!\\):(?=//)", r"\\:", text)  # no autolinked URL either
    return re.sub(r"(?<!\\)([\[\]])", r"\\\1", text)


_HEADING_ONLY = re.compile(r"^#{1,6} [^\n]+\s*$")
_HASHED_FILE = re.compile(r"^\d{3}_[0-9a-f]{8,}\.(txt|pdf|docx?)$", re.IGNORECASE)


def document_names(ds, lang: str = "id") -> dict[str, str]:
    """The name a reader knows for each ``source`` of the dataset: the report's title.

    A source that is a stored file name (``000_3343dd0cfd8df71b.txt``: the transcribed
    report of one agency) becomes the title of that report, ``LKjIP <agency name> <year>``,
    where the year is the latest year of the agency's performance rows from that file (the
    report's year; its multi-year tables hold earlier years too). Any other source (a
    document name typed in a workbook, ``Renstra 2016-2021``) is shown as it is.

    Parameters
    ----------
    ds : Dataset
    lang : {"id", "en"}
    """
    names = ds.agencies.set_index("agency_id")["name"].astype(str).to_dict()
    frames = [t[["agency_id", "year", "source"]] for n, t in ds.tables.items()
              if n != "agencies" and {"agency_id", "year", "source"} <= set(t.columns)]
    frames.append(ds.agencies.assign(year=pd.NA)[["agency_id", "year", "source"]])
    rows = pd.concat(frames, ignore_index=True).dropna(subset=["source"])
    perf = ds.performance[["agency_id", "year", "source"]].dropna(subset=["source"])
    report_year = perf.groupby("source")["year"].max().to_dict()
    out: dict[str, str] = {}
    word = i18n.t("report.source_word", lang)
    for source, group in rows.groupby("source"):
        source = str(source)
        if not _HASHED_FILE.match(source):
            out[source] = source
            continue
        agency = group["agency_id"].mode().iat[0]
        year = report_year.get(source, group["year"].dropna().max() if group["year"].notna().any() else None)
        title = f"{word} {names.get(agency, agency)}"
        out[source] = f"{title} {int(year)}" if year is not None and pd.notna(year) else title
    return out


def cite_sources(frame: pd.DataFrame, ds, lang: str = "id") -> pd.DataFrame:
    """A copy of ``frame`` whose ``source`` column holds the document names of :func:`document_names`."""
    if "source" not in frame.columns or frame.empty:
        return frame
    names = document_names(ds, lang)
    return frame.assign(source=frame["source"].map(lambda s: names.get(str(s), s) if pd.notna(s) else s))


@dataclass
class ReportContext:
    """Show tables and figures in a notebook and save them to the run's output folder.

    Parameters
    ----------
    output_dir : str
        Folder of this report's outputs; "" saves nothing (interactive use).
    lang : {"id", "en"}
    max_rows : int
        Longer tables are shown truncated (the CSV always has every row).
    """

    output_dir: str = ""
    lang: str = "id"
    max_rows: int = 60
    saved: list[str] = field(default_factory=list)
    #: Markdown of a heading not shown yet: it is shown with the next output, so that print never
    #: leaves a heading alone at the bottom of a page (one output is one block on the page).
    pending_heading: str = ""

    def __post_init__(self) -> None:
        import matplotlib

        # labels are data: a name holding "$...$" is drawn as typed, never parsed as mathtext
        matplotlib.rcParams["text.parse_math"] = False

    def _take_heading_markdown(self) -> str:
        text, self.pending_heading = self.pending_heading, ""
        return text

    def _take_heading_html(self) -> str:
        text = self._take_heading_markdown()
        if not text:
            return ""
        level = len(text) - len(text.lstrip("#"))
        title = text[level:].strip()
        # the Markdown was escaped by say/heading; undo the Markdown escapes for the HTML heading
        title = re.sub(r"\\(.)", r"\1", title)
        return f"<h{level} class='lkjip-heading'>{title}</h{level}>\n"

    def _path(self, kind: str, name: str, suffix: str) -> Path | None:
        if not self.output_dir:
            return None
        return Path(self.output_dir) / kind / f"{name}{suffix}"

    def table(self, frame: pd.DataFrame, name: str, caption: str | None = None, columns: list[str] | None = None):
        """Display ``frame`` (formatted) and save it as ``tables/<name>.csv`` (raw values)."""
        from IPython.display import HTML, display

        shown = frame[columns] if columns else frame
        path = self._path("tables", name, ".csv")
        if path is not None:
            atomic_write_bytes(path, frame.to_csv(index=False).encode("utf-8"))
            self.saved.append(str(path))
        more = ""
        if len(shown) > self.max_rows:
            more = ("<p><em>" + i18n.t("report.rows_shown", self.lang, shown=self.max_rows, total=len(shown), name=name)
                    + "</em></p>")
            shown = shown.head(self.max_rows)
        shown = shown.loc[:, [c for c in shown.columns if shown[c].notna().any()]] if len(shown) else shown
        table = table_html(shown, self.lang)
        cap = f"<p class='lkjip-caption'><strong>{html.escape(str(caption))}</strong></p>" if caption else ""
        display(HTML(self._take_heading_html() + cap + table + more))

    def figure(self, fig, name: str) -> None:
        """Display a matplotlib figure and save it as ``figures/<name>.png``; its title is the image's alt text."""
        from IPython.display import Image, display

        from .plots import figure_png

        data = figure_png(fig)
        path = self._path("figures", name, ".png")
        if path is not None:
            atomic_write_bytes(path, data)
            self.saved.append(str(path))
        alt = fig.get_suptitle() or (fig.axes[0].get_title() if fig.axes else "") or name
        import matplotlib.pyplot as plt

        plt.close(fig)
        self.flush()
        display(Image(data=data, alt=alt))

    def say(self, text: str, **fields) -> None:
        """Display a paragraph of Markdown: ``text.format(**fields)``, every field escaped.

        ``text`` is the package's own template (Markdown emphasis allowed); ``fields`` are
        data and are shown literally (:func:`escape_markdown`). The result is passed through
        :func:`neutralise_markdown`, so raw HTML never reaches the page even when a caller
        formatted data into ``text`` itself.
        """
        from IPython.display import Markdown, display

        if fields:
            text = text.format(**{k: escape_markdown(v) for k, v in fields.items()})
        text = neutralise_markdown(text)
        if _HEADING_ONLY.match(text):  # a heading: shown with what follows it (see heading)
            self.flush()
            self.pending_heading = text.strip()
            return
        heading = self._take_heading_markdown()
        display(Markdown(f"{heading}\n\n{text}" if heading else text))

    def heading(self, text: str, level: int = 2) -> None:
        """A heading whose whole text is shown literally (it may hold data such as a name).

        It is displayed together with the next paragraph or table (same output block), so that
        a printed page never ends with a heading; :meth:`flush` shows a heading left pending.
        """
        markdown = neutralise_markdown("#" * level + " " + escape_markdown(text))
        self.flush()
        self.pending_heading = markdown

    def flush(self) -> None:
        """Show a pending heading now (before a figure, or at the end of a notebook)."""
        from IPython.display import Markdown, display

        heading = self._take_heading_markdown()
        if heading:
            display(Markdown(heading))
