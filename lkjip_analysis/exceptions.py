"""Every error the package raises. One base class; each carries context.

All exceptions pickle (they cross process boundaries in parallel runs). Messages are in
Indonesian (the CLI's language); ``error.render("en")`` / ``error.message_en`` give the English
text for errors made from an i18n key (:meth:`LkjipError.from_key`, or :meth:`LkjipError.from_parts`
for several problems joined by ``"; "``; :mod:`lkjip_analysis.i18n`). Every error of the package is
made so (``tests/package/test_error_messages.py``).

The tree (``tests/test_exceptions.py`` checks every class of the package derives from
:class:`LkjipError`)::

    LkjipError
    ├── NumberParseError (ValueError) ── GarbledNumberError
    ├── DatasetError
    ├── PanelFormatError (ValueError)               [panel.py]
    ├── UnknownMethodError (ValueError)
    ├── InvalidArgumentError (ValueError) ── MissingColumnsError
    ├── ArgumentTypeError (TypeError)
    ├── UnknownKeyError (KeyError) ── UnknownAgencyError, UnknownTableError
    ├── OptionalDependencyError (ImportError) ── ChromiumNotFoundError (also ChromiumError),
    │                                            WeasyPrintMissingError (also PdfEngineError)
    ├── ParamsError ── ParamsErrors
    ├── ReportError ── DependencyMissingError (also OptionalDependencyError)
    ├── PdfEngineError
    ├── ChromiumError ── ChromiumCrashedError       [chromium.py]
    ├── KernelCallError                             [kernels.py]
    └── ExtractionError ── NoTablesError, NoPerformanceTableError, PdfReadError ── PdfNotFoundError
                           (FileNotFoundError), NotAPdfError, PdfEncryptedError, EmptyPdfError,
                           ImageOnlyPdfError, PageRangeError (ValueError)

The second bases (``ValueError``, ``KeyError``, ...) are kept where callers (and Python's own
protocols: ``pytest.raises(ValueError)``, ``dict``-like lookups) expect them.
"""

from __future__ import annotations

from dataclasses import dataclass


class LkjipError(Exception):
    """Base class of every error raised by lkjip_analysis.

    An error made by :meth:`from_key` keeps its i18n key and fields (``i18n_key``,
    ``i18n_fields``): :meth:`render` gives its text in either language. Others render their
    Indonesian message in both.
    """

    i18n_key: str | None = None
    i18n_fields: dict | None = None
    #: An error listing several problems (:meth:`from_parts`): each problem's :class:`~.i18n.Message`.
    i18n_parts: list | None = None
    i18n_sep: str = "; "

    @classmethod
    def from_key(cls, key: str, /, *args: object, **fields: object):
        """An error of this class whose message is the i18n text ``key`` (Indonesian), ``fields`` filled in.

        ``args`` follow the message to the class's constructor (e.g. ``file`` of
        ``ParamsError(message, file)``). A field that can render itself (another error of the package,
        an :class:`~.i18n.Message`) is rendered in the language asked for.
        """
        from .i18n import message

        error = cls(str(message(key, **fields)), *args)
        error.i18n_key, error.i18n_fields = key, dict(fields)
        return error

    @classmethod
    def from_parts(cls, parts: list, /, *args: object, sep: str = "; "):
        """An error whose message lists several problems, each an :class:`~.i18n.Message`, joined by ``sep``.

        Its English text joins the problems' English texts.
        """
        error = cls(sep.join(str(p) for p in parts), *args)
        error.i18n_parts, error.i18n_sep = list(parts), sep
        return error

    def render(self, lang: str = "id") -> str:
        """The message in ``lang`` (``id`` or ``en``)."""
        from .i18n import check_lang, render, t

        if check_lang(lang) == "en" and (self.i18n_key or self.i18n_parts):
            if self.i18n_parts:
                text = self.i18n_sep.join(render(p, lang) for p in self.i18n_parts)
            else:
                fields = self.i18n_fields or {}
                text = t(self.i18n_key, "en", **{k: render(v, lang) if hasattr(v, "render") else v
                                                 for k, v in fields.items()})
            where = getattr(self, "file", None)
            return f"{where}: {text}" if where and str(self).startswith(f"{where}: ") else text
        return str(self)

    @property
    def message_en(self) -> str:
        """The English message (the Indonesian one when this error has no English text)."""
        return self.render("en")


class NumberParseError(LkjipError, ValueError):
    """A text could not be read as a number under the stated rules."""

    def __init__(self, text: str, reason: str):
        self.text = text
        self.reason = reason
        super().__init__(text, reason)

    def __str__(self) -> str:
        return f"{self.text!r} bukan angka yang sah: {self.reason}"

    def render(self, lang: str = "id") -> str:
        from .i18n import t

        from .i18n import render

        return t("error.not_a_number", lang, text=repr(self.text), reason=render(self.reason, lang))


class GarbledNumberError(NumberParseError):
    """A number whose separators are inconsistent (e.g. ``205..778.000``); never guessed."""


@dataclass(frozen=True)
class Problem:
    """One problem found in a dataset: where it is and what was expected.

    ``expected`` is an :class:`~lkjip_analysis.i18n.Message` (a ``str``: its Indonesian text) made from an
    i18n key (``problem.*``), so :meth:`render` says the whole problem in either language;
    ``tests/package/test_error_messages.py`` fails on a ``Problem`` given a literal text. ``value`` (the
    cell's text, a key) is quoted as typed in both.
    """

    file: str
    row: int | None
    column: str | None
    value: object
    expected: str

    def __str__(self) -> str:
        return self.render("id")

    def render(self, lang: str = "id") -> str:
        """The problem in ``lang``: where (file or sheet, row, column), the value, what was expected."""
        from .i18n import render, t

        where = render(self.file, lang)
        if self.row is not None:
            where += t("error.problem_row", lang, row=self.row)
        if self.column is not None:
            where += t("error.problem_column", lang, column=self.column)
        value = "" if self.value is None else t("error.problem_value", lang, value=repr(self.value))
        return f"{where}{value} — {render(self.expected, lang)}"


class DatasetError(LkjipError):
    """A dataset failed validation; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem], path: str = ""):
        self.problems = list(problems)
        self.path = path
        super().__init__(self.problems, path)

    def __str__(self) -> str:
        return self.render("id")

    def render(self, lang: str = "id") -> str:
        from .i18n import render, t

        count = len(self.problems)
        head = (t("error.invalid_dataset", lang, path=render(self.path, lang), count=count) if self.path else
                t("error.invalid_dataset_nopath", lang, count=count))
        lines = [head] + [f"  - {p.render(lang)}" for p in self.problems[:50]]
        if count > 50:
            lines.append("  " + t("error.more_problems", lang, count=count - 50))
        return "\n".join(lines)


class UnknownMethodError(LkjipError, ValueError):
    """A method/scale name is not one of the registered choices."""

    def __init__(self, kind: str, name: str, choices: tuple[str, ...] | list[str]):
        self.kind = kind
        self.name = name
        self.choices = tuple(choices)
        super().__init__(kind, name, self.choices)

    def __str__(self) -> str:
        return self.render("id")

    def render(self, lang: str = "id") -> str:
        from .i18n import label, t

        return t("error.unknown_choice", lang, kind=label("choice_kind", self.kind, lang), name=repr(self.name),
                 choices=", ".join(map(str, self.choices)))


class InvalidArgumentError(LkjipError, ValueError):
    """An argument has a value the function does not accept (the message says what it expects)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class MissingColumnsError(InvalidArgumentError):
    """A table given to a function lacks columns it needs."""


class ArgumentTypeError(LkjipError, TypeError):
    """An argument is not of the type the function needs (e.g. not a DataFrame)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class UnknownKeyError(LkjipError, KeyError):
    """A name looked up (an agency, a table) is not there; the message lists what is."""

    def __str__(self) -> str:  # KeyError's own quotes the message
        return str(self.args[0]) if self.args else ""


class UnknownAgencyError(UnknownKeyError):
    """An ``agency_id`` is not in the dataset."""


class UnknownTableError(UnknownKeyError):
    """A table name is not one of the dataset's tables."""


class OptionalDependencyError(LkjipError, ImportError):
    """An optional dependency (Dask, distributed, fsspec, Chromium, WeasyPrint/pango) is missing.

    The message names what is missing and how to install it (``hint``).
    """

    def __init__(self, message: str, package: str | None = None, hint: str | None = None):
        self.message = message
        self.package = package
        self.hint = hint
        super().__init__(message, package, hint)

    def __str__(self) -> str:
        return self.message

    @classmethod
    def missing(cls, package: str, hint: str, detail: object = "", key: str = "error.missing_dependency"):
        """The error for ``package`` (``detail``: the import error) with the install ``hint``."""
        from .i18n import t

        fields = {"package": package, "detail": str(detail), "hint": hint}
        error = cls(t(key, "id", **fields), package, hint)
        error.i18n_key, error.i18n_fields = key, fields
        return error


class FileMessageError(LkjipError):
    """An error about one file: ``str()`` is ``"FILE: message"`` (or the message alone without a file)."""

    def __init__(self, message: str, file: str | None = None):
        self.message = message
        self.file = file
        super().__init__(message, file)

    def __str__(self) -> str:
        return f"{self.file}: {self.message}" if self.file else self.message


class ParamsError(FileMessageError):
    """A run's parameters are invalid (refused before any kernel starts)."""


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


class WeasyPrintMissingError(PdfEngineError, OptionalDependencyError):
    """WeasyPrint (or the pango/cairo libraries it needs) is not installed."""

    def __init__(self, message: str, package: str | None = "weasyprint", hint: str | None = None):
        OptionalDependencyError.__init__(self, message, package, hint)


class DependencyMissingError(ReportError, OptionalDependencyError):
    """A run needs an optional dependency that is missing (Dask, distributed, fsspec)."""

    def __init__(self, message: str, package: str | None = None, hint: str | None = None):
        self.message, self.package, self.hint = message, package, hint
        self.agency_id = self.year = self.cell = self.ename = self.evalue = None
        ImportError.__init__(self, message, package, hint)

    def __str__(self) -> str:
        return self.message


class ParamsErrors(ParamsError):
    """Several params files were refused at once; ``errors`` lists each :class:`ParamsError`."""

    def __init__(self, errors: list[ParamsError]):
        self.errors = list(errors)
        self.message = "\n".join(str(e) for e in self.errors)
        self.file = None
        LkjipError.__init__(self, self.errors)

    def __str__(self) -> str:
        return self.render("id")

    def render(self, lang: str = "id") -> str:
        from .i18n import t

        return t("error.params_refused", lang, count=len(self.errors)) + "".join(
            f"\n  - {e.render(lang)}" for e in self.errors)


class ExtractionError(FileMessageError):
    """A document could not be read into a draft (missing, not what its extension says, no tables, ...).

    The message names the file and says what was expected; the CLI prints it and exits 1.
    """


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
