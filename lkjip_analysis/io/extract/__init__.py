"""Extraction of LKjIP / Renstra tables from documents (PDF, DOCX, text) into a draft dataset.

Two layers:

- *readers* (``pdf``, ``docx``, ``text``) turn a document into a :class:`~.grid.Document`:
  every table found as a :class:`~.grid.Grid` of cell texts with its location, nothing interpreted;
- the *interpreter* (``headers``, ``numbers``, ``classify``, ``draft``) classifies each grid
  (performance, multi-year, budget, comparison), matches its headers, parses its numbers and
  writes the draft workbook with its review sheet.

Entry point: :func:`extract` (``lkjip extract`` on the command line).
"""

from .api import Extraction, extract, parse_pages, read_document
from .grid import Document, Grid

__all__ = ["Document", "Extraction", "Grid", "extract", "parse_pages", "read_document"]
