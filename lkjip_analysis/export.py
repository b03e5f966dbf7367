"""Export an executed notebook to HTML (without code) and PDF, and render the reports index.

- HTML: nbconvert's :class:`~nbconvert.HTMLExporter` (``lab`` template) with
  ``exclude_input`` — report readers see text, tables and figures, not code. Cells
  tagged ``remove-cell`` are dropped, ``remove-output`` lose their outputs, and
  stderr streams (warnings) are left out. A small print stylesheet
  (``templates/print.css``) is embedded for printing.
- PDF: WeasyPrint renders that HTML with the print stylesheet (A4, margins, images
  and tables kept inside the page, no page break inside a figure or table row).
  When WeasyPrint or its system libraries (pango) are missing,
  :class:`~lkjip_analysis.exceptions.PdfEngineError` says how to install them.
"""

from __future__ import annotations

import contextlib
import copy
import logging
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import nbformat

from .config import PACKAGE_DIR
from .exceptions import PdfEngineError

logger = logging.getLogger(__name__)

TEMPLATES_DIR = PACKAGE_DIR / "templates"
PRINT_CSS = TEMPLATES_DIR / "print.css"
INDEX_TEMPLATE = "index.html.j2"

REPORT_NOTEBOOK = "report.ipynb"
REPORT_HTML = "report.html"
REPORT_PDF = "report.pdf"
FORMATS = ("html", "pdf")

PDF_INSTALL_HINT = (
    "Pasang mesin PDF: pip install weasyprint; di Debian/Ubuntu juga: "
    "apt-get install libpango-1.0-0 libpangoft2-1.0-0; di Windows/conda: "
    "conda install -c conda-forge weasyprint — atau jalankan dengan --formats html."
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
REMOVE_OUTPUT_TAGS = {"remove-output", "remove_output"}


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
        cells.append(cell)
    nb.cells = cells
    return nb


def notebook_to_html(notebook: str | Path | nbformat.NotebookNode, title: str | None = None) -> str:
    """HTML of an executed notebook, without code cells' input, with the print stylesheet embedded.

    Parameters
    ----------
    notebook : path or NotebookNode
        The executed notebook.
    title : str, optional
        Page title (default: the notebook's file name).
    """
    from nbconvert import HTMLExporter

    if isinstance(notebook, (str, Path)):
        title = title or Path(notebook).stem
        notebook = nbformat.read(str(notebook), as_version=4)
    exporter = HTMLExporter(template_name="lab", log=NBCONVERT_LOG)
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(_for_readers(notebook), resources={"metadata": {"name": title or "Laporan"}})
    css = PRINT_CSS.read_text(encoding="utf-8")
    style = f'<style type="text/css" media="print">\n{css}\n</style>\n'
    head_end = body.lower().rfind("</head>")
    return body[:head_end] + style + body[head_end:] if head_end >= 0 else style + body


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
        raise PdfEngineError(f"PDF tidak dibuat: WeasyPrint tidak tersedia ({type(exc).__name__}: {exc}). "
                             f"{PDF_INSTALL_HINT}") from exc
    return weasyprint


def html_to_pdf(html_text: str, pdf_path: str | Path, base_url: str | Path | None = None) -> Path:
    """Render HTML to an A4 PDF with WeasyPrint and the print stylesheet.

    Parameters
    ----------
    html_text : str
        HTML as returned by :func:`notebook_to_html`.
    pdf_path : str or Path
        Where to write the PDF.
    base_url : str or Path, optional
        Folder against which relative links (``figures/*.png``) resolve.

    Raises
    ------
    PdfEngineError
        WeasyPrint (or the pango library it uses) is missing — the message says
        how to install it — or the rendering failed.
    """
    weasyprint = _import_weasyprint()
    pdf_path = Path(pdf_path)
    base = str(base_url if base_url is not None else pdf_path.parent)
    try:
        with _quiet_weasyprint():
            document = weasyprint.HTML(string=html_text, base_url=base)
            document.write_pdf(str(pdf_path), stylesheets=[weasyprint.CSS(filename=str(PRINT_CSS))])
    except (ImportError, OSError) as exc:
        if pdf_path.exists():
            pdf_path.unlink()
        raise PdfEngineError(f"PDF tidak dibuat: {type(exc).__name__}: {exc}. {PDF_INSTALL_HINT}") from exc
    except Exception as exc:  # a rendering bug must not lose the HTML report
        if pdf_path.exists():
            pdf_path.unlink()
        raise PdfEngineError(f"PDF gagal dibuat oleh WeasyPrint: {type(exc).__name__}: {exc}") from exc
    return pdf_path


# --------------------------------------------------------------------------- index

STATUS_LABELS = {"ok": "berhasil", "failed": "gagal", "pdf_missing": "tanpa PDF"}
_LINK_TEXT = {REPORT_HTML: "HTML", REPORT_PDF: "PDF", REPORT_NOTEBOOK: "notebook"}


def _links(output_dir: Path, key: str) -> list[dict]:
    folder = output_dir.joinpath(*key.split("/"))
    return [{"href": quote(f"{key}/{name}"), "text": text} for name, text in _LINK_TEXT.items()
            if (folder / name).is_file()]


def render_index(manifest: dict, output_dir: str | Path) -> str:
    """HTML index of every report in ``manifest``: grouped by agency, with status and links.

    Links point only to files present in ``output_dir``; a failed run that left an
    earlier good report in place links to that report.
    """
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    output_dir = Path(output_dir)
    agencies: dict[str, dict] = {}
    regional_rows = []
    reports = manifest.get("reports", {})
    for key, entry in sorted(reports.items()):
        params = entry.get("params", {})
        status = entry.get("status", "")
        links = _links(output_dir, key)
        label = STATUS_LABELS.get(status, status)
        if status == "failed" and links:
            label += " (laporan sebelumnya dipertahankan)"
        row = {
            "key": key,
            "status": status,
            "status_label": label,
            "error": entry.get("error") or "",
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
        groups.append({"heading": heading, "column": "Tahun", "rows": rows})
    if regional_rows:
        groups.append({"heading": "Perbandingan regional", "column": "Laporan", "rows": regional_rows})
    statuses = [e.get("status") for e in reports.values()]
    counts = f"{len(statuses)} laporan: " + ", ".join(
        f"{statuses.count(s)} {label}" for s, label in STATUS_LABELS.items() if statuses.count(s)) if statuses else (
        "Belum ada laporan.")
    env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=select_autoescape(["html", "j2"]))
    return env.get_template(INDEX_TEMPLATE).render(
        title="Laporan LKjIP", counts=counts, groups=groups, version=manifest.get("package_version", ""),
        updated=str(manifest.get("updated", ""))[:19].replace("T", " "))


def report_files(folder: str | Path) -> list[str]:
    """Files inside a report folder, as sorted POSIX paths relative to it."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
