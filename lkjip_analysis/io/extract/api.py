"""``lkjip_analysis.extract(path, agency_id=...)``: a document into a reviewed draft dataset."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ... import i18n
from ...exceptions import ExtractionError, LkjipError, NoPerformanceTableError, NoTablesError
from ...model.schema import LINE_TYPES, SLUG_PATTERN
from .classify import Interpreter, TableResult, merge_continuations, review
from .draft import DraftBuilder, agency_row, guess_agency, guess_plan_start, guess_year, write_draft
from .grid import Document
from .numbers import document_style, read_cell

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
#: Names of the number styles in the summary (i18n ``extract.style.<code>``), in Indonesian.
STYLE_NAMES = {code: i18n.t(f"extract.style.{code}") for code in ("id", "en", "mixed")}


@dataclass
class Extraction:
    """The result of :func:`extract`.

    Attributes
    ----------
    tables
        One DataFrame per template sheet (``agencies``, ``indicators``, ``performance``, ``budget``, ...).
    review
        One row per question for a person: ``sheet``, ``cell``, ``kind``, ``message``, ``source``, ``source_line``.
    document
        What the reader found (:class:`~.grid.Document`).
    results
        Every table as interpreted (kind, column roles, number styles, records).
    number_styles
        One row per value column of each data table: table, column label, style, how decided.
    lang
        Language of the review sheet's ``kind`` and ``message`` and of :meth:`summary` (``id``/``en``).
    """

    tables: dict[str, pd.DataFrame]
    review: pd.DataFrame
    document: Document
    results: list[TableResult] = field(default_factory=list)
    number_styles: pd.DataFrame = field(default_factory=pd.DataFrame)
    lang: str = "id"

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    def kinds(self) -> dict[str, int]:
        """Tables found per kind (``performance``, ``multi_year``, ``budget``, ``comparison``)."""
        return dict(Counter(r.kind for r in self.results if r.kind != "other"))

    def summary(self, lang: str | None = None) -> list[str]:
        """Short summary lines (what the CLI prints) in ``lang`` (default: the extraction's)."""
        lang = i18n.check_lang(lang or self.lang)
        t = i18n.t
        kinds = self.kinds()
        styles = Counter(self.number_styles["style"]) if len(self.number_styles) else Counter()
        found = ", ".join(f"{i18n.label('extract_table_kind', k, lang)} {v}" for k, v in kinds.items())
        style_counts = ", ".join(f"{t(f'extract.style.{k}', lang) if k in STYLE_NAMES else k} {v}"
                                 for k, v in styles.items())
        lines = [
            t("extract.summary_document", lang, name=Path(self.document.path).name, kind=self.document.kind,
              pages=self.document.n_pages, tables=len(self.document.grids)),
            t("extract.summary_found", lang, found=found or t("extract.summary_none", lang)),
            t("extract.summary_rows", lang, rows=", ".join(f"{k} {len(v)}" for k, v in self.tables.items() if len(v))),
            t("extract.summary_styles", lang, styles=style_counts or "-"),
            t("extract.summary_questions", lang, n=len(self.review)),
        ]
        if self.document.image_pages:
            lines.append(t("extract.summary_image_pages", lang, pages=", ".join(map(str, self.document.image_pages))))
        return lines

    def to_excel(self, path: str | Path) -> Path:
        """Write the draft workbook (template format + ``review`` sheet) atomically."""
        return write_draft(path, self.tables, self.review, self.summary(), lang=self.lang)

    def rows_of(self, result: TableResult) -> pd.DataFrame:
        """The draft rows that came from one table (for the review notebook)."""
        frames = []
        for sheet in ("performance", "budget", "benchmarks"):
            frame = self.tables[sheet]
            if not len(frame):
                continue
            locs = set(result.grid.locations)
            part = frame[(frame["source"] == _source(result)) & frame["source_line"].isin(locs)]
            if len(part):
                frames.append(part.dropna(axis=1, how="all").assign(sheet=sheet))
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _source(result: TableResult) -> str:
    from .classify import source_of

    return source_of(result.grid)


def _check_kind(path: Path) -> str:
    suffix = path.suffix.lower()
    head = path.read_bytes()[:8]
    if suffix == ".pdf":
        if not head.startswith(b"%PDF"):
            raise ExtractionError.from_key("extract.not_pdf_head", str(path))
        return "pdf"
    if suffix == ".docx":
        if not head.startswith(b"PK\x03\x04"):
            raise ExtractionError.from_key("extract.not_docx", str(path))
        return "docx"
    if suffix in TEXT_SUFFIXES:
        return "text"
    raise ExtractionError.from_key("extract.unknown_kind", str(path),
                                   suffix=suffix or i18n.message("extract.no_suffix"))


def read_document(path: str | Path, pages: list[int] | None = None, progress: bool = False) -> Document:
    """Read a document with the reader its extension names (PDF, DOCX, text/Markdown).

    Raises
    ------
    ExtractionError
        Missing file, content not what the extension says, or no PDF reader available.
    """
    path = Path(path)
    if not path.is_file():
        raise ExtractionError.from_key("extract.not_found", str(path))
    kind = _check_kind(path)
    if kind == "pdf":
        try:
            from .pdf import read_pdf
        except ImportError as exc:
            raise ExtractionError.from_key("extract.no_pdf_reader", str(path), detail=str(exc)) from None
        try:
            return read_pdf(path, pages=pages, progress=progress)
        except LkjipError:
            raise
        except ImportError as exc:
            raise ExtractionError.from_key("extract.pdf_library_missing", str(path), detail=str(exc)) from None
        except Exception as exc:  # a damaged PDF can make any PDF library raise; say so, no traceback
            raise ExtractionError.from_key("extract.pdf_unreadable_lib", str(path),
                                           detail=f"{type(exc).__name__}: {exc}") from exc
    if kind == "docx":
        from .docx import read_docx

        return read_docx(path)
    from .text import read_text

    return read_text(path)


def parse_pages(text: str | None) -> list[int] | None:
    """``"30-45"`` / ``"3,5,7-9"`` -> list of 1-based pages; None for all.

    Examples
    --------
    >>> parse_pages("3,5,7-9")
    [3, 5, 7, 8, 9]
    """
    if text is None or str(text).strip() == "":
        return None
    pages: list[int] = []
    for part in str(text).split(","):
        m = re.fullmatch(r"\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*", part)
        if not m or int(m.group(1)) < 1 or (m.group(2) and int(m.group(2)) < int(m.group(1))):
            raise ExtractionError.from_key("extract.bad_pages", text=text)
        lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
        pages.extend(range(lo, hi + 1))
    return sorted(set(pages))


def extract(path: str | Path, agency_id: str, pages: str | list[int] | None = None, year: int | None = None,
            name: str | None = None, level: str | None = None, province: str | None = None,
            progress: bool = False, lang: str = "id") -> Extraction:
    """Extract a draft dataset from an LKjIP / Renstra document (PDF, DOCX, text or Markdown).

    Parameters
    ----------
    path
        The document.
    agency_id
        Slug of the agency in the draft (``dinsos-kota-banjarbaru``).
    pages
        PDF pages to read (``"30-45"`` or a list); all by default.
    year
        Report year, used for tables that print none (default: read from the title/cover).
    name, level, province
        The agency's name, level (provinsi/kabupaten/kota) and province; default: from the cover.
    progress
        Show a progress bar over PDF pages.
    lang
        Language of the review sheet's questions and of the summary (``id``, the default, or ``en``).

    Returns
    -------
    Extraction

    Raises
    ------
    ExtractionError
        Bad agency id, missing/unreadable file (and the PDF reader's typed errors);
        :class:`NoTablesError` for a document without tables, :class:`NoPerformanceTableError`
        when no table reads as a performance table.
    """
    lang = i18n.check_lang(lang)
    if not isinstance(agency_id, str) or not re.fullmatch(SLUG_PATTERN, agency_id):
        raise ExtractionError.from_key("extract.agency_not_slug", agency_id=repr(agency_id))
    if level is not None and level not in ("provinsi", "kabupaten", "kota"):
        raise ExtractionError.from_key("extract.bad_level", level=repr(level))
    page_list = parse_pages(pages) if isinstance(pages, str) or pages is None else sorted(set(pages))
    doc = read_document(path, pages=page_list, progress=progress)
    file_name = Path(path).name
    if not doc.grids:
        raise NoTablesError.from_key("extract.no_tables_pages" if page_list else "extract.no_tables", file_name)
    builder = DraftBuilder(agency_id, file_name, "sub_kegiatan" in LINE_TYPES)
    doc_year = year or guess_year(doc.page_texts)
    if doc_year is None:
        builder.note("year", i18n.message("review.no_year_found"))
    elif year is None:
        builder.note("year", i18n.message("review.year_from_title", year=doc_year))
    all_cells = [read_cell(c) for g in doc.grids for r in g.rows for c in r if c]
    style = document_style([c for c in all_cells if c.is_number])
    interp = Interpreter(doc_year, style, guess_plan_start(doc.page_texts), "sub_kegiatan" in LINE_TYPES)
    grids = merge_continuations(doc.grids)
    results = [interp.interpret(g, k) for k, g in enumerate(grids)]
    start = _calendar_plan_start(results)
    if start and start != interp.plan_start and any(r.plan_year for t in results for r in t.roles):
        # plan years (Tahun Ke-1..5) read against the calendar years another table of the document prints
        interp.plan_start = start
        results = [interp.interpret(g, k) if any(r.plan_year for r in t.roles) else t
                   for k, (g, t) in enumerate(zip(grids, results))]
    interp.link_plan_indicators(results)
    for r in results:
        _year_checks(r, doc_year, builder)
    if not any(r.performance for r in results):
        raise NoPerformanceTableError.from_key("extract.no_performance", file_name, n=len(grids))
    for page in doc.image_pages:
        builder.note("image_page", i18n.message("review.image_page", page=page), source_line=f"hlm. {page}")
    for note in doc.notes:
        builder.note("reader", note)
    guessed = guess_agency(doc.page_texts)
    agency = agency_row(agency_id, file_name, guessed, name, level, province, builder)
    tables, questions = builder.build(results, agency, lang)
    return Extraction(tables, questions, doc, results, _styles_frame(results), lang=lang)


def _calendar_plan_start(results: list[TableResult]) -> int | None:
    """First year of a run of 3+ consecutive calendar years in some table's header (``2020 … 2024``).

    A Renstra's review tables print the previous period either as calendar years or as
    ``Tahun Ke-1..5``; when another table of the same document prints the calendar years, the plan
    years are read against them. None when no table, or tables that disagree.
    """
    starts = set()
    for t in results:
        years = sorted({r.year for r in t.roles if r.year and r.role in ("target", "realisasi", "capaian", "pagu")})
        if len(years) >= 3 and years == list(range(years[0], years[0] + len(years))):
            starts.add(years[0])
    return starts.pop() if len(starts) == 1 else None


def _year_checks(result: TableResult, doc_year: int | None, builder: DraftBuilder) -> None:
    if result.kind == "other" or not result.n_records:
        return
    if result.year is None:
        for rec in result.performance + result.budget + result.benchmarks:
            if rec.get("year"):
                continue
            rec["year"] = 2000
            review(rec, "year", "year", "review.year_unknown")
        return
    cap = re.findall(r"(?<!\d)(20\d{2})(?!\d)", result.grid.caption or "")
    if doc_year and cap and int(cap[-1]) != doc_year and result.year == int(cap[-1]):
        builder.note("year", i18n.message("review.caption_year", ref=result.ref, caption_year=cap[-1], year=doc_year),
                     source=result.grid.document, source_line=result.grid.locations[0])


def _styles_frame(results: list[TableResult]) -> pd.DataFrame:
    rows = []
    names = {"kolom": "nilai kolom itu sendiri", "tabel": "kolom lain di tabel", "dokumen": "seluruh dokumen",
             "bawaan": "bawaan (Indonesia)"}
    for r in results:
        if r.kind == "other":
            continue
        for j, st in sorted(r.styles.items()):
            if st.n_id == st.n_en == 0 and st.decided_by == "bawaan":
                continue
            rows.append({"table": r.ref, "column": r.roles[j].label if j < len(r.roles) else str(j), "style": st.style,
                             "decided_by": names.get(st.decided_by, st.decided_by), "n_id": st.n_id, "n_en": st.n_en})
    return pd.DataFrame(rows, columns=["table", "column", "style", "decided_by", "n_id", "n_en"])
