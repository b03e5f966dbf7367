"""What a document reader returns: tables as grids of cell text, with where each row came from.

A reader (PDF, DOCX, text) never interprets a cell: it returns the text as printed, one string per
cell (``""`` for an empty cell), and says where every row is in the document. Interpretation
(which table is which, headers, numbers) happens afterwards, the same way for every reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Grid:
    """One table of a document, as rows of cell texts.

    Attributes
    ----------
    rows
        Cell texts, row by row, in reading order. Header rows are included; rows of one table
        that continue on later pages are appended (a header repeated on the next page is
        dropped by the reader and noted). A cell merged across columns or rows holds its text
        in its first (top-left) position and ``""`` elsewhere. Text wrapped inside a cell is
        joined with a single space (numbers wrapped mid-figure are joined without one).
    document
        File name of the document (no folder), e.g. ``RENSTRA-DINKES.pdf``.
    kind
        ``"pdf"``, ``"docx"`` or ``"text"``.
    locations
        One per row: where that row is, in the words a reader of the document uses:
        ``"hlm. 34, baris 3"`` (PDF: page, and row within the table on that page),
        ``"tabel 2, baris 5"`` (DOCX: table number and row, 1-based), ``"123"`` (text: line number).
    caption
        The table's caption when the document prints one near it (``"Tabel 2.4 Review ..."``), else None.
    pages
        PDF only: the page number (1-based) of each row; empty for other kinds.
    bbox
        PDF only: ``{page: (x0, top, x1, bottom)}`` in PDF points, the table's box on each page it
        covers (for drawing it in the review notebook); empty for other kinds.
    row_flags
        One set per row of reader remarks a person should check, from this vocabulary:
        ``"spans_pages"`` (row cut across a page break and joined), ``"split_stacked"`` (one drawn
        row holding stacked values, split into several), ``"rotated_text"`` (a cell's text was
        rotated), ``"grid_rebuilt"`` (the ruling was unreliable and columns were rebuilt from
        text positions).
    notes
        Free-text remarks of the reader about the whole table (Indonesian).
    """

    rows: list[list[str]]
    document: str
    kind: str
    locations: list[str]
    caption: str | None = None
    pages: list[int] = field(default_factory=list)
    bbox: dict[int, tuple[float, float, float, float]] = field(default_factory=dict)
    row_flags: list[set[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if len(self.locations) != len(self.rows):
            raise ValueError(f"{len(self.rows)} rows but {len(self.locations)} locations")
        if not self.row_flags:
            self.row_flags = [set() for _ in self.rows]

    @property
    def n_columns(self) -> int:
        """The widest row's number of cells."""
        return max((len(r) for r in self.rows), default=0)


@dataclass
class Document:
    """A document as its reader found it.

    Attributes
    ----------
    path
        The path as given.
    kind
        ``"pdf"``, ``"docx"`` or ``"text"``.
    grids
        Every table found, in document order.
    page_texts
        The plain text of each page (PDF), or of the whole document as one entry (DOCX, text);
        used to find the agency's name, level and province on the cover or title.
    n_pages
        Pages in the document (PDF), else 1.
    pages_read
        The 1-based pages that were looked at (all, or the ``--pages`` range).
    image_pages
        1-based pages that have no text layer (scanned): named in the review, never guessed from.
    notes
        Reader remarks about the whole document (e.g. the PDF library used, pages skipped).
    """

    path: str
    kind: str
    grids: list[Grid]
    page_texts: list[str] = field(default_factory=list)
    n_pages: int = 1
    pages_read: list[int] = field(default_factory=list)
    image_pages: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
