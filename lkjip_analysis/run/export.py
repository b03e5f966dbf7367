"""Export an executed notebook to HTML (without code) and PDF, and render the reports index.

- HTML: nbconvert's :class:`~nbconvert.HTMLExporter` with the ``lkjip_report`` template
  (``templates/lkjip_report``: nbconvert's ``lab`` page without the require.js, MathJax and
  mermaid scripts it loads from a CDN, so a report opens offline and requests nothing
  from another host; :func:`external_references` checks a page) and ``exclude_input``
  — report readers see text, tables and figures, not code. Cells
  tagged ``remove-cell`` are dropped, ``remove-output`` lose their outputs, and
  stderr streams (warnings) are left out. A small print stylesheet
  (``templates/print.css``) is embedded for printing. The exporter (and its
  compiled template) is made once per process.
- PDF, by one of two engines (:data:`PDF_ENGINES`; ``auto`` picks the first available):

  - ``chromium`` — a headless Chromium kept running per worker prints the HTML
    (:mod:`lkjip_analysis.run.chromium`): about 0.3–0.6 s per report, the best tables.
    Needs a Chromium binary (Debian: ``apt-get install chromium-headless-shell``).
  - ``weasyprint`` — WeasyPrint renders the HTML in this process: from PyPI, with the
    system's pango; about 2–4 s per report.

  Both use the print stylesheet (A4, margins, images and tables kept inside the page,
  no page break inside a figure or table row). When the chosen engine is missing,
  :class:`~lkjip_analysis.exceptions.PdfEngineError` says how to install it; with
  ``auto``, a Chromium that fails falls back to WeasyPrint.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import logging
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from .. import i18n
from ..config import PACKAGE_DIR
from ..exceptions import PdfEngineError, WeasyPrintMissingError

if TYPE_CHECKING:
    import nbformat

logger = logging.getLogger(__name__)

TEMPLATES_DIR = PACKAGE_DIR / "templates"
#: nbconvert template of the report pages (extends ``lab``; see ``templates/lkjip_report/index.html.j2``).
REPORT_TEMPLATE = "lkjip_report"
PRINT_CSS = TEMPLATES_DIR / "print.css"
INDEX_TEMPLATE = "index.html.j2"

REPORT_NOTEBOOK = "report.ipynb"
REPORT_HTML = "report.html"
REPORT_PDF = "report.pdf"
FORMATS = ("html", "pdf")
#: PDF engines: ``auto`` = Chromium when one is installed, else WeasyPrint.
PDF_ENGINES = ("auto", "chromium", "weasyprint")
#: Environment variable giving the default engine (else ``auto``).
ENV_PDF_ENGINE = "LKJIP_PDF_ENGINE"

PDF_INSTALL_HINT = (
    "Pasang mesin PDF: pip install weasyprint; di Debian/Ubuntu juga: "
    "apt-get install libpango-1.0-0 libpangoft2-1.0-0; di Windows/conda: "
    "conda install -c conda-forge weasyprint — atau pakai Chromium (lebih cepat): "
    "apt-get install chromium-headless-shell, --pdf-engine chromium — atau jalankan dengan --formats html."
)



class _DropMessages(logging.Filter):
    """Drops nbconvert warnings that readers and analysts cannot act on."""

    MESSAGES = ("Alternative text is missing",)

    def filter(self, record: logging.LogRecord) -> bool:
        return not any(str(record.msg).startswith(m) for m in self.MESSAGES)


#: Logger given to nbconvert's exporter (its warnings appear under this name).
NBCONVERT_LOG = logging.getLogger(f"{__name__}.nbconvert")
NBCONVERT_LOG.addFilter(_DropMessages())

REMOVE_CELL_TAGS = {"remove-cell", "remove_cell"}
IMAGE_TYPES = {"image/png", "image/jpeg", "image/svg+xml"}
REMOVE_OUTPUT_TAGS = {"remove-output", "remove_output"}


#: Tables with this many columns or more (9: the budget table) get the class ``lkjip-wide`` (smaller print,
#: see ``templates/print.css``).
WIDE_COLUMNS = 9
#: Tables this wide may break a long word anywhere (class ``lkjip-xwide``), so they never pass the margin.
XWIDE_COLUMNS = 14
_TABLE_START = re.compile(r"<table\b([^>]*)>", re.IGNORECASE)
_FIRST_ROW = re.compile(r"<tr\b.*?</tr\s*>", re.IGNORECASE | re.DOTALL)
_CELL = re.compile(r"<t[hd]\b([^>]*)>", re.IGNORECASE)
_COLSPAN = re.compile(r"""colspan\s*=\s*["']?(\d+)""", re.IGNORECASE)
_CLASS = re.compile(r"""(\bclass\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)


def mark_wide_tables(html: str, columns: int = WIDE_COLUMNS) -> str:
    """Add the class ``lkjip-wide`` to every ``<table>`` whose first row has ``columns`` cells or more
    (and ``lkjip-xwide`` from :data:`XWIDE_COLUMNS` cells on).

    The print stylesheet shrinks such tables so they fit the page. (Done here, once, rather
    than with ``table:has(tr > :nth-child(11))``, which WeasyPrint evaluates in time
    quadratic in a table's size.) Cells are counted with their ``colspan``.

    >>> mark_wide_tables('<table class="x"><tr>' + '<td>1</td>' * 11 + '</tr></table>')[:36]
    '<table class="x lkjip-wide"><tr><td>'
    >>> mark_wide_tables('<table><tr><th colspan="3">a</th></tr></table>')
    '<table><tr><th colspan="3">a</th></tr></table>'
    """
    if "<table" not in html.lower():
        return html
    out, pos = [], 0
    for match in _TABLE_START.finditer(html):
        row = _FIRST_ROW.search(html, match.end())
        cells = 0
        if row is not None:
            for cell in _CELL.finditer(row.group(0)):
                span = _COLSPAN.search(cell.group(1))
                cells += int(span.group(1)) if span else 1
        if cells < columns:
            continue
        attrs = match.group(1)
        added = "lkjip-wide lkjip-xwide" if cells >= max(columns, XWIDE_COLUMNS) else "lkjip-wide"
        klass = _CLASS.search(attrs)
        if klass:
            prefix, quote, classes = klass.group(1), klass.group(2), klass.group(3)
            attrs = f"{attrs[:klass.start()]}{prefix}{quote}{classes} {added}{quote}{attrs[klass.end():]}"
        else:
            attrs = f'{attrs} class="{added}"'
        out += [html[pos:match.start()], f"<table{attrs}>"]
        pos = match.end()
    out.append(html[pos:])
    return "".join(out)


def _for_readers(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` without the cells/outputs report readers should not see."""
    nb = copy.deepcopy(nb)
    cells = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & REMOVE_CELL_TAGS:
            continue
        if cell.cell_type == "code":
            if tags & REMOVE_OUTPUT_TAGS:
                cell.outputs = []
            cell.outputs = [o for o in cell.get("outputs", [])
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
            for output in cell.outputs:
                data = output.get("data") or {}
                if "text/html" in data:
                    html = data["text/html"]
                    data["text/html"] = mark_wide_tables("".join(html) if isinstance(html, list) else html)
        cells.append(cell)
    nb.cells = cells
    return nb


#: Alt text nbconvert gives an image that has none (kept, for images of custom notebooks).
NO_ALT_TEXT = "No description has been provided for this image"
_IMG = re.compile(r"""<img\b(?![^>]*\balt=)(?=[^>]*\bsrc="data:image/[a-z+.-]+;base64,([^"]*)")""")
_OUTPUT_DIV = re.compile(r"""(<div\b(?=[^>]*\bclass="[^"]*\b(?:jp-OutputArea-output|jp-Cell-inputWrapper)\b)"""
                         r"""(?![^>]*\btabindex=)[^>]*?)(/?>)""")


def _escape(text: str) -> str:
    from html import escape

    return escape(str(text), quote=True)


def _payload(data: str | list) -> str:
    """Base64 image data without line breaks (as a lookup key)."""
    return ("".join(data) if isinstance(data, list) else str(data)).replace("\n", "").strip()


def _image_alts(nb) -> dict[str, str]:
    """Alt text of every image output of ``nb``, keyed by its base64 data."""
    alts = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            data, meta = output.get("data") or {}, output.get("metadata") or {}
            for mime in IMAGE_TYPES & set(data) - {"image/svg+xml"}:
                alt = (meta.get(mime) or {}).get("alt") or meta.get("alt")
                if alt:
                    alts[_payload(data[mime])] = str(alt)
    return alts


def _report_exporter_class():
    """nbconvert's ``HTMLExporter`` without its final BeautifulSoup pass.

    ``HTMLExporter.from_notebook_node`` re-parses its whole output with BeautifulSoup only to
    give images without alt text a placeholder and to make input/output areas focusable
    (``tabindex="0"``); for a report with long tables that pass is two thirds of the export
    (0.25 of 0.36 s). Here both are done with regular expressions, and an image gets the alt
    text of its output's metadata (``IPython.display.Image(alt=...)``, which the ``lab``
    template ignores) or nbconvert's placeholder; the rest is ``HTMLExporter``'s own code.
    """
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class ReportHTMLExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            highlight_code = self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
            resources = self._init_resources(resources)
            filter_data_type = WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self,
                                                     resources=resources)
            self.register_filter("highlight_code", highlight_code)
            self.register_filter("filter_data_type", filter_data_type)
            html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            alts = _image_alts(nb)
            html = _IMG.sub(lambda m: f'<img alt="{_escape(alts.get(_payload(m.group(1)), NO_ALT_TEXT))}"', html)
            return _OUTPUT_DIV.sub(r'\1 tabindex="0"\2', html), resources

    return ReportHTMLExporter


@functools.lru_cache(maxsize=1)
def html_exporter():
    """The HTML exporter, made once per process (loading and compiling its templates takes ~0.2 s).

    :func:`_report_exporter_class` when this nbconvert has the pieces it builds on, else nbconvert's
    own ``HTMLExporter`` (slower, same page).
    """
    try:
        cls = _report_exporter_class()
        exporter = cls(template_name=REPORT_TEMPLATE, extra_template_basedirs=[str(TEMPLATES_DIR)],
                       log=NBCONVERT_LOG)
        getattr(exporter, "_nb_metadata")
        getattr(exporter, "_init_resources")
    except (ImportError, AttributeError) as exc:  # another nbconvert: its own exporter
        from nbconvert import HTMLExporter

        logger.debug(i18n.message("log.default_exporter", error=exc))
        exporter = HTMLExporter(template_name=REPORT_TEMPLATE, extra_template_basedirs=[str(TEMPLATES_DIR)],
                                log=NBCONVERT_LOG)
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    return exporter


def notebook_to_html(notebook: str | Path | nbformat.NotebookNode, title: str | None = None) -> str:
    """HTML of an executed notebook, without code cells' input, with the print stylesheet embedded.

    Parameters
    ----------
    notebook : path or NotebookNode
        The executed notebook.
    title : str, optional
        Page title (default: the notebook's file name).
    """
    if isinstance(notebook, (str, Path)):
        title = title or Path(notebook).stem
        import nbformat  # not at import time: nbformat's jsonschema import is slow (see runner.SLOW_OPTIONAL_IMPORTS)

        notebook = nbformat.read(str(notebook), as_version=4)
    body, _ = html_exporter().from_notebook_node(_for_readers(notebook),
                                                  resources={"metadata": {"name": title or "Laporan"}})
    css = PRINT_CSS.read_text(encoding="utf-8")
    style = f'<style type="text/css" media="print">\n{css}\n</style>\n'
    head_end = body.lower().rfind("</head>")
    return body[:head_end] + style + body[head_end:] if head_end >= 0 else style + body


#: (tag, attribute) pairs through which a page makes the browser fetch something.
_FETCHING_ATTRIBUTES = {("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"),
                        ("iframe", "src"), ("source", "src"), ("source", "srcset"), ("video", "src"),
                        ("audio", "src"), ("embed", "src"), ("object", "data"), ("input", "src"),
                        ("image", "href"), ("image", "xlink:href"), ("use", "href"), ("use", "xlink:href")}
_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.IGNORECASE)
_JS_URL = re.compile(r"""(?:import\s*\(|from\s+|src\s*=\s*)\s*['"]((?:https?:)?//[^'"]+)""", re.IGNORECASE)


def _is_remote(url: str) -> bool:
    from urllib.parse import urlsplit

    url = url.strip()
    if url.startswith("//"):
        return True
    parts = urlsplit(url)
    return bool(parts.netloc) and parts.scheme.lower() not in ("file", "data")


def external_references(page: str) -> list[str]:
    """Every reference in the HTML ``page`` that makes a browser contact another host.

    Attributes that fetch (``<script src>``, ``<link href>``, ``<img src>``, ...), ``url(...)``
    and ``@import`` in style sheets and ``import(...)`` in scripts; links a reader may follow
    (``<a href>``) are not requests. An empty list means the page opens offline.

    >>> external_references('<script src="https://cdn.example/x.js"></script><img src="figures/a.png">')
    ['<script src="https://cdn.example/x.js">']
    """
    from html.parser import HTMLParser

    found: list[str] = []

    class Scan(HTMLParser):
        in_code: str | None = None

        def handle_starttag(self, tag, attrs):
            for name, value in attrs:
                if (tag, name) in _FETCHING_ATTRIBUTES and value:
                    urls = [u.strip().split(" ")[0] for u in value.split(",")] if name == "srcset" else [value]
                    found.extend(f'<{tag} {name}="{value}">' for u in urls if _is_remote(u))
                if name == "style" and value:
                    found.extend(f"style: {m.group(1)}" for m in _CSS_URL.finditer(value))
            self.in_code = tag if tag in ("style", "script") else None

        def handle_endtag(self, tag):
            self.in_code = None

        def handle_data(self, data):
            if self.in_code == "style":
                found.extend(f"<style>: {m.group(1)}" for m in _CSS_URL.finditer(data))
            elif self.in_code == "script":
                found.extend(f"<script>: {m.group(1)}" for m in _JS_URL.finditer(data))

    Scan(convert_charrefs=True).feed(page)
    return found


@contextlib.contextmanager
def _quiet_weasyprint() -> Iterator[None]:
    """WeasyPrint warns about every CSS property it ignores (the lab template has many); keep errors only."""
    names = ("weasyprint", "weasyprint.progress", "fontTools")
    saved = {name: logging.getLogger(name).level for name in names}
    try:
        for name in names:
            if logging.getLogger(name).level < logging.ERROR:
                logging.getLogger(name).setLevel(logging.ERROR)
        yield
    finally:
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)


def _import_weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: pango/cairo libraries missing
        raise WeasyPrintMissingError.missing("weasyprint", PDF_INSTALL_HINT, f"{type(exc).__name__}: {exc}",
                                             key="error.weasyprint_missing") from exc
    return weasyprint


def check_pdf_engine(engine: str | None) -> str:
    """``engine`` checked against :data:`PDF_ENGINES` (None: ``$LKJIP_PDF_ENGINE``, else ``auto``).

    >>> check_pdf_engine("WeasyPrint")
    'weasyprint'

    Raises
    ------
    ParamsError
        An unknown engine name.
    """
    from ..exceptions import ParamsError

    name = (engine if engine is not None else os.environ.get(ENV_PDF_ENGINE) or "auto").strip().lower()
    if name not in PDF_ENGINES:
        raise ParamsError.from_key("run.unknown_pdf_engine", name=repr(name), choices=", ".join(PDF_ENGINES))
    return name


def resolve_pdf_engine(engine: str | None = "auto") -> str:
    """The engine that will print: ``chromium`` or ``weasyprint`` (``auto``: Chromium when one is found)."""
    from .chromium import find_chromium

    name = check_pdf_engine(engine)
    if name == "auto":
        return "chromium" if find_chromium() else "weasyprint"
    return name


#: What a PDF engine may read: the report's own files and inline data, never the network.
LOCAL_PROTOCOLS = ("file", "data")


def _local_fetcher(weasyprint):
    """A WeasyPrint URL fetcher that reads only :data:`LOCAL_PROTOCOLS` (an http image is left out)."""
    if hasattr(weasyprint, "URLFetcher"):  # WeasyPrint >= 68
        return weasyprint.URLFetcher(allowed_protocols=LOCAL_PROTOCOLS)

    def fetch(url, *args, **kwargs):  # older WeasyPrint: a function
        if url.split(":", 1)[0].lower() not in LOCAL_PROTOCOLS:
            raise ValueError(f"tidak diunduh (PDF dibuat tanpa jaringan): {url}")
        return weasyprint.default_url_fetcher(url, *args, **kwargs)

    return fetch


def _weasyprint_pdf(html_text: str, pdf_path: Path, base: str) -> None:
    weasyprint = _import_weasyprint()
    try:
        with _quiet_weasyprint():
            fetcher = _local_fetcher(weasyprint)
            document = weasyprint.HTML(string=html_text, base_url=base, url_fetcher=fetcher)
            document.write_pdf(str(pdf_path), stylesheets=[weasyprint.CSS(filename=str(PRINT_CSS),
                                                                          url_fetcher=fetcher)])
    except (ImportError, OSError) as exc:  # a library WeasyPrint loads late (pango, a font library)
        raise WeasyPrintMissingError.from_key("run.weasyprint_library", "weasyprint", PDF_INSTALL_HINT,
                                              detail=f"{type(exc).__name__}: {exc}", hint=PDF_INSTALL_HINT) from exc
    except Exception as exc:  # a rendering bug must not lose the HTML report
        raise PdfEngineError.from_key("run.weasyprint_failed", detail=f"{type(exc).__name__}: {exc}") from exc


def _chromium_pdf(html_text: str, pdf_path: Path, base: str) -> None:
    from .chromium import ChromiumError, browser

    fd, page = tempfile.mkstemp(prefix=".print-", suffix=".html", dir=base)  # relative links resolve from base
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(html_text)
        browser().print_to_pdf(page, pdf_path)
    except ChromiumError as exc:
        raise PdfEngineError.from_key("run.chromium_failed", error=exc) from exc
    finally:
        Path(page).unlink(missing_ok=True)


def write_pdf(html_text: str, pdf_path: str | Path, base_url: str | Path | None = None,
              engine: str | None = "auto") -> str:
    """Print HTML to an A4 PDF; return the engine that printed it (``chromium`` or ``weasyprint``).

    Parameters
    ----------
    html_text : str
        HTML as returned by :func:`notebook_to_html` (the print stylesheet is embedded).
    pdf_path : str or Path
        Where to write the PDF. Nothing is left there when printing fails.
    base_url : str or Path, optional
        Folder against which relative links (``figures/*.png``) resolve (default: the
        PDF's folder).
    engine : {"auto", "chromium", "weasyprint"}, optional
        ``auto`` uses Chromium when one is installed, else WeasyPrint, and falls back
        to WeasyPrint when Chromium fails. None: ``$LKJIP_PDF_ENGINE``, else ``auto``.

    Raises
    ------
    PdfEngineError
        The engine (or what it needs) is missing — the message says how to install
        it — or the rendering failed.
    """
    pdf_path = Path(pdf_path)
    base = str(base_url if base_url is not None else pdf_path.parent)
    requested = check_pdf_engine(engine)
    chosen = resolve_pdf_engine(requested)
    try:
        if chosen == "chromium":
            try:
                _chromium_pdf(html_text, pdf_path, base)
            except PdfEngineError as exc:
                if requested != "auto":
                    raise
                logger.warning(i18n.message("log.pdf_fallback", error=exc))
                pdf_path.unlink(missing_ok=True)
                chosen = "weasyprint"
        if chosen == "weasyprint":
            _weasyprint_pdf(html_text, pdf_path, base)
    except BaseException:
        pdf_path.unlink(missing_ok=True)
        raise
    return chosen


def html_to_pdf(html_text: str, pdf_path: str | Path, base_url: str | Path | None = None,
                engine: str | None = "auto") -> Path:
    """Render HTML to an A4 PDF with the print stylesheet; return ``pdf_path``.

    The same as :func:`write_pdf` (see there for the parameters), returning the path.

    Raises
    ------
    PdfEngineError
        The engine is missing — the message says how to install it — or the rendering failed.
    """
    write_pdf(html_text, pdf_path, base_url, engine)
    return Path(pdf_path)


# --------------------------------------------------------------------------- index

_LINK_TEXT = {REPORT_HTML: "HTML", REPORT_PDF: "PDF", REPORT_NOTEBOOK: "notebook"}


def _links(output_dir: Path, key: str) -> list[dict]:
    folder = output_dir.joinpath(*key.split("/"))
    return [{"href": quote(f"{key}/{name}"), "text": text} for name, text in _LINK_TEXT.items()
            if (folder / name).is_file()]


def render_index(manifest: dict, output_dir: str | Path, lang: str | None = None) -> str:
    """HTML index of every report in ``manifest``: grouped by agency, with status and links.

    Links point only to files present in ``output_dir``; a failed run that left an
    earlier good report in place links to that report. The page is in ``lang``, by default
    the run's language (the manifest's ``lang``, written by :func:`~lkjip_analysis.run.runner.run_reports`),
    else Indonesian; a failed report's reason is shown in that language (``error_en`` of its entry).
    """
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    lang = i18n.check_lang(lang or manifest.get("lang") or None)

    def t(key: str, **fields: object) -> str:
        return i18n.t(key, lang, **fields)

    status_labels = i18n.labels("status", lang)
    output_dir = Path(output_dir)
    agencies: dict[str, dict] = {}
    regional_rows = []
    reports = manifest.get("reports", {})
    for key, entry in sorted(reports.items()):
        params = entry.get("params", {})
        status = entry.get("status", "")
        links = _links(output_dir, key)
        label = status_labels.get(status, status)
        if status == "failed" and links:
            label += f" ({t('index.kept')})"
        error = (entry.get("error_en") if lang == "en" else None) or entry.get("error") or ""
        row = {
            "key": key,
            "status": status,
            "status_label": label,
            "error": error,
            "links": links,
            "started": (entry.get("started") or "")[:16].replace("T", " "),
        }
        if entry.get("notebook") == "regional_comparison" or key.startswith("_regional/"):
            row["label"] = params.get("title") or params.get("name") or key
            regional_rows.append(row)
        else:
            agency_id = params.get("agency_id") or key.split("/")[0]
            group = agencies.setdefault(agency_id, {"name": entry.get("agency_name") or agency_id, "rows": []})
            row["label"] = str(params.get("year", key.split("/")[-1]))
            row["year"] = params.get("year") or 0
            group["rows"].append(row)
    groups = []
    for agency_id, group in sorted(agencies.items(), key=lambda kv: (str(kv[1]["name"]).lower(), kv[0])):
        rows = sorted(group["rows"], key=lambda r: r["year"], reverse=True)
        heading = group["name"] if group["name"] == agency_id else f"{group['name']} ({agency_id})"
        groups.append({"heading": heading, "column": t("index.year"), "rows": rows})
    if regional_rows:
        groups.append({"heading": t("index.regional"), "column": t("index.report"), "rows": regional_rows})
    statuses = [e.get("status") for e in reports.values()]
    if statuses:
        counts = t("index.counts", n=len(statuses), counts=", ".join(
            f"{statuses.count(s)} {name}" for s, name in status_labels.items() if statuses.count(s)))
    else:
        counts = t("index.none")
    env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=select_autoescape(["html", "j2"]))
    updated = str(manifest.get("updated", ""))[:19].replace("T", " ")
    return env.get_template(INDEX_TEMPLATE).render(
        lang=lang, title=t("index.title"), counts=counts, groups=groups, version=manifest.get("package_version", ""),
        head={"status": t("index.status"), "files": t("index.files"), "made": t("index.made")},
        updated=t("index.updated", updated=updated), details=t("index.details"))


def report_files(folder: str | Path) -> list[str]:
    """Files inside a report folder, as sorted POSIX paths relative to it."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
