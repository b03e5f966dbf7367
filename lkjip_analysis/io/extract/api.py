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
from .classify import Interpreter, TableResult, merge_continuations
from .draft import DraftBuilder, agency_row, guess_agency, guess_plan_start, guess_year, write_draft
from .grid import Document
from .numbers import document_style, read_cell

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
STYLE_NAMES = {"id": "Indonesia (1.164.318.000 / 99,97)", "en": "Inggris (11,837,901,269 / 73.04)",
               "mixed": "campuran"}


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
    """

    tables: dict[str, pd.DataFrame]
    review: pd.DataFrame
    document: Document
    results: list[TableResult] = field(default_factory=list)
    number_styles: pd.DataFrame = field(default_factory=pd.DataFrame)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    def kinds(self) -> dict[str, int]:
        """Tables found per kind (``performance``, ``multi_year``, ``budget``, ``comparison``)."""
        return dict(Counter(r.kind for r in self.results if r.kind != "other"))

    def summary(self) -> list[str]:
        """Short Indonesian summary lines (what the CLI prints)."""
        kinds = self.kinds()
        names = {"performance": "kinerja", "multi_year": "kinerja multi-tahun", "budget": "anggaran",
                 "comparison": "pembanding"}
        styles = Counter(self.number_styles["style"]) if len(self.number_styles) else Counter()
        lines = [
            (f"Dokumen: {Path(self.document.path).name} ({self.document.kind}, {self.document.n_pages} hlm., "
            f"{len(self.document.grids)} tabel terbaca)"),
            "Tabel ditemukan: " + (", ".join(f"{names.get(k, k)} {v}" for k, v in kinds.items()) or "tidak ada"),
            "Baris draf: " + ", ".join(f"{k} {len(v)}" for k, v in self.tables.items() if len(v)),
            "Gaya angka per kolom: " + (", ".join(f"{STYLE_NAMES.get(k, k)} {v}" for k, v in styles.items()) or "-"),
            f"Pertanyaan review: {len(self.review)}",
        ]
        if self.document.image_pages:
            lines.append("Halaman gambar (tanpa teks, tidak dibaca): " + ", ".join(map(str, self.document.image_pages)))
        return lines

    def to_excel(self, path: str | Path) -> Path:
        """Write the draft workbook (template format + ``review`` sheet) atomically."""
        return write_draft(path, self.tables, self.review, self.summary())

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
            progress: bool = False) -> Extraction:
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
        builder.note("tahun", "tahun laporan tidak ditemukan di judul/sampul; tabel tanpa tahun memakai tahun "
                              "dari kolomnya saja — pakai --year")
    elif year is None:
        builder.note("tahun", f"tahun laporan {doc_year} dibaca dari judul/sampul (pakai --year bila keliru)")
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
        builder.note("halaman gambar", f"halaman {page} tidak berteks (hasil pindai): tidak dibaca; periksa apakah "
                                       "memuat tabel", source_line=f"hlm. {page}")
    for note in doc.notes:
        builder.note("pembaca", note)
    guessed = guess_agency(doc.page_texts)
    agency = agency_row(agency_id, file_name, guessed, name, level, province, builder)
    tables, review = builder.build(results, agency)
    return Extraction(tables, review, doc, results, _styles_frame(results))


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
            rec.setdefault("_review", []).append(("year", "tahun", ("tahun tidak tercetak di tabel dan tidak "
                                                               "diketahui: diisi 2000, ganti dengan tahunnya")))
        return
    cap = re.findall(r"(?<!\d)(20\d{2})(?!\d)", result.grid.caption or "")
    if doc_year and cap and int(cap[-1]) != doc_year and result.year == int(cap[-1]):
        builder.note("tahun", f"judul {result.ref} mencetak tahun {cap[-1]}, laporan tahun {doc_year}: baris tabel "
                              f"ini memakai {cap[-1]} — periksa", source=result.grid.document,
                     source_line=result.grid.locations[0])


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
