"""Every error the package raises. One base class; each carries context.

All exceptions pickle (they cross process boundaries in parallel runs).
"""

from __future__ import annotations

from dataclasses import dataclass


class LkjipError(Exception):
    """Base class of every error raised by lkjip_analysis."""


class NumberParseError(LkjipError, ValueError):
    """A text could not be read as a number under the stated rules."""

    def __init__(self, text: str, reason: str):
        self.text = text
        self.reason = reason
        super().__init__(text, reason)

    def __str__(self) -> str:
        return f"{self.text!r} bukan angka yang sah: {self.reason}"


class GarbledNumberError(NumberParseError):
    """A number whose separators are inconsistent (e.g. ``205..778.000``); never guessed."""


@dataclass(frozen=True)
class Problem:
    """One problem found in a dataset: where it is and what was expected."""

    file: str
    row: int | None
    column: str | None
    value: object
    expected: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", baris {self.row}"
        if self.column is not None:
            where += f", kolom '{self.column}'"
        value = "" if self.value is None else f": nilai {self.value!r}"
        return f"{where}{value} — {self.expected}"


class DatasetError(LkjipError):
    """A dataset failed validation; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem], path: str = ""):
        self.problems = list(problems)
        self.path = path
        super().__init__(self.problems, path)

    def __str__(self) -> str:
        head = f"Dataset {self.path} tidak valid: {len(self.problems)} masalah" if self.path else (
            f"Dataset tidak valid: {len(self.problems)} masalah")
        lines = [head] + [f"  - {p}" for p in self.problems[:50]]
        if len(self.problems) > 50:
            lines.append(f"  ... dan {len(self.problems) - 50} masalah lain")
        return "\n".join(lines)


class UnknownMethodError(LkjipError, ValueError):
    """A method/scale name is not one of the registered choices."""

    def __init__(self, kind: str, name: str, choices: tuple[str, ...] | list[str]):
        self.kind = kind
        self.name = name
        self.choices = tuple(choices)
        super().__init__(kind, name, self.choices)

    def __str__(self) -> str:
        return f"{self.kind} {self.name!r} tidak dikenal; pilihan: {', '.join(self.choices)}"


class ParamsError(LkjipError):
    """A run's parameters are invalid (refused before any kernel starts)."""

    def __init__(self, message: str, file: str | None = None):
        self.message = message
        self.file = file
        super().__init__(message, file)

    def __str__(self) -> str:
        return f"{self.file}: {self.message}" if self.file else self.message


class ReportError(LkjipError):
    """A report failed to execute or export."""

    def __init__(self, message: str, agency_id: str | None = None, year: int | None = None,
                 cell: int | None = None, ename: str | None = None, evalue: str | None = None):
        self.message = message
        self.agency_id = agency_id
        self.year = year
        self.cell = cell
        self.ename = ename
        self.evalue = evalue
        super().__init__(message, agency_id, year, cell, ename, evalue)

    def __str__(self) -> str:
        return self.message


class PdfEngineError(LkjipError):
    """The PDF engine is missing or failed; the message says how to install it."""


class ParamsErrors(ParamsError):
    """Several params files were refused at once; ``errors`` lists each :class:`ParamsError`."""

    def __init__(self, errors: list[ParamsError]):
        self.errors = list(errors)
        self.message = "\n".join(str(e) for e in self.errors)
        self.file = None
        LkjipError.__init__(self, self.errors)

    def __str__(self) -> str:
        return f"{len(self.errors)} berkas params ditolak:\n" + "\n".join(f"  - {e}" for e in self.errors)


class ExtractionError(LkjipError):
    """A document could not be read into a draft (missing, not what its extension says, no tables, ...).

    The message names the file and says what was expected; the CLI prints it and exits 1.
    """

    def __init__(self, message: str, file: str | None = None):
        self.message = message
        self.file = file
        super().__init__(message, file)

    def __str__(self) -> str:
        return f"{self.file}: {self.message}" if self.file else self.message


class NoTablesError(ExtractionError):
    """The document holds no table at all (e.g. a DOCX without tables)."""


class NoPerformanceTableError(ExtractionError):
    """No table of the document could be read as a performance table (target / realisasi)."""


class PdfReadError(ExtractionError):
    """A PDF could not be read (damaged, or the reader failed); base of the PDF reader's errors."""


class PdfNotFoundError(PdfReadError, FileNotFoundError):
    """The PDF file does not exist."""


class NotAPdfError(PdfReadError):
    """The file's name says PDF but its content is not a PDF."""


class PdfEncryptedError(PdfReadError):
    """The PDF is protected by a password."""


class EmptyPdfError(PdfReadError):
    """The PDF has no pages, or no text and no images on any page."""


class ImageOnlyPdfError(PdfReadError):
    """Every page read is a scanned image without a text layer: nothing can be read from it."""

    def __init__(self, message: str, file: str | None = None, pages: list[int] | None = None):
        self.pages = list(pages or [])
        PdfReadError.__init__(self, message, file)
        self.args = (message, file, self.pages)


class PageRangeError(PdfReadError, ValueError):
    """The ``pages`` asked for are not in the document (or not a page range)."""
