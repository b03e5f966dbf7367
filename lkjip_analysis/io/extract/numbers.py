"""Numbers in extracted cells: what a cell says, and which number style each column uses.

A cell is read in two steps.

1. :func:`read_cell` takes the text apart: missing markers (blank, ``-``, ``—``, ``N/A``),
   marks (``√``, ``v``), a leading ``Rp``, a ``%`` or unit after the number (``70 %``,
   ``335 buah``, ``1 Dokumen (365 bh rumah)``), stacked values (``56.886.000 0 1.000.000``), and
   for the number itself every *reading* that is well formed:

   - Indonesian (``id``): ``.`` groups thousands in threes, ``,`` is the decimal separator
     (``1.164.318.000``, ``99,97``);
   - English (``en``): ``,`` groups thousands, ``.`` is the decimal point
     (``11,837,901,269``, ``73.04``).

   A number with both readings and different values (one separator followed by exactly three
   digits: ``104,319``, ``251.234``) is *ambiguous*; one with no well-formed reading
   (``205..778.000``, ``3.497503.285``) is *garbled*.
2. :func:`column_styles` decides each column's style from its unambiguous values (the column's
   own evidence; a column holding both is ``mixed``), falling back to the table's and then
   the document's style. An ambiguous value takes its column's style; in a percentage column
   the check capaian ≈ realisasi / target × 100, then a magnitude rule (a percentage reads
   below 1000), decide first (:func:`resolve_percent`).

Missing is never 0: blank, ``-``, ``--``, ``—``, ``N/A`` read as missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import clean_cell

MISSING = {"", "-", "--", "---", "–", "—", "n/a", "na", "n.a", "n.a.", "#n/a", "tidak ada", "ttd"}
MARKS = {"√", "✓", "✔", "v", "x", "ada"}
_ID = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
_EN = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_NUMBER_HEAD = re.compile(r"^(?P<neg>[-−]\s*)?(?P<rp>rp\.?\s*)?(?P<num>\d[\d.,]*\d|\d)(?P<rest>.*)$", re.IGNORECASE)
_TOKEN = re.compile(r"^\d[\d.,]*\d$|^\d$")


@dataclass
class Cell:
    """What one cell says.

    Attributes
    ----------
    text
        The cell text (markup removed).
    missing
        Blank or a missing marker.
    readings
        Well-formed readings of the number: ``{"id": 1164318000.0}``, ``{"id": 104.319, "en": 104319.0}``.
    garbled
        A number was written but no reading is well formed.
    suffix
        What follows the number (``%``, ``buah``, ``Dokumen (365 bh rumah)``), stripped.
    percent
        A ``%`` followed the number.
    mark
        A check mark (``√``, ``v``) instead of a number.
    stacked
        Several numbers in one cell (``56.886.000 0 1.000.000``): their texts.
    number_text
        The number as printed (``205..778.000``).
    """

    text: str
    missing: bool = False
    readings: dict[str, float] = field(default_factory=dict)
    garbled: bool = False
    suffix: str = ""
    percent: bool = False
    mark: bool = False
    stacked: list[str] = field(default_factory=list)
    number_text: str = ""

    @property
    def is_number(self) -> bool:
        """The cell holds one number (well formed or garbled) and at most a short unit after it."""
        return bool(self.readings) or self.garbled

    @property
    def ambiguous(self) -> bool:
        return len(set(self.readings.values())) > 1

    @property
    def evidence(self) -> str | None:
        """The only style under which this number is well formed (``id``/``en``), else None."""
        if len(self.readings) == 1 and self.number_text and not self.number_text.isdigit():
            return next(iter(self.readings))
        return None

    def value(self, style: str | None) -> float | None:
        """The number under ``style`` (``id``/``en``); the only reading when there is one."""
        if not self.readings:
            return None
        if len(set(self.readings.values())) == 1:
            return next(iter(self.readings.values()))
        return self.readings.get(style or "id")


def readings(number: str) -> dict[str, float]:
    """Every well-formed reading of a bare number text.

    Examples
    --------
    >>> readings("1.164.318.000")
    {'id': 1164318000.0}
    >>> readings("11,837,901,269")
    {'en': 11837901269.0}
    >>> readings("104,319")
    {'id': 104.319, 'en': 104319.0}
    >>> readings("205..778.000")
    {}
    """
    out: dict[str, float] = {}
    if _ID.match(number):
        out["id"] = float(number.replace(".", "").replace(",", "."))
    if _EN.match(number):
        out["en"] = float(number.replace(",", ""))
    return out


def read_cell(text: str) -> Cell:
    """Take a cell's text apart (see the module docstring).

    Examples
    --------
    >>> read_cell("70 %").readings, read_cell("70 %").percent
    ({'id': 70.0, 'en': 70.0}, True)
    >>> read_cell("335 buah").suffix
    'buah'
    >>> read_cell("N/A").missing
    True
    >>> read_cell("205..778.000").garbled
    True
    """
    s = clean_cell(str(text))
    cell = Cell(text=s)
    low = s.lower().strip()
    if low in MISSING or re.fullmatch(r"[-–—\s]+", low):
        cell.missing = True
        return cell
    if low in MARKS:
        cell.mark = True
        return cell
    tokens = s.split()
    nums = [t for t in tokens if _TOKEN.match(t.rstrip("%"))]
    if len(nums) >= 2 and _is_stacked(tokens):
        cell.stacked = nums
        return cell
    m = _NUMBER_HEAD.match(s)
    if not m:
        return cell
    rest = m["rest"].strip()
    number = m["num"]
    if rest and not (rest.startswith(("%", "(")) or m["rest"][:1].isspace()):
        return cell  # "1.Bantuan usaha": a numbered label, not a number
    if rest.startswith("%"):
        cell.percent, rest = True, rest[1:].strip()
    bare = re.sub(r"\([^)]*\)", "", rest)
    if len(rest) > 40 or re.search(r"\d{2,}", bare) or len(bare.split()) > 2:
        return cell  # prose or a coded label that starts with a number ("2.12.02 PROGRAM PENDAFTARAN PENDUDUK")
    cell.number_text = number
    cell.suffix = rest
    sign = -1.0 if m["neg"] else 1.0
    cell.readings = {k: sign * v for k, v in readings(number).items()}
    cell.garbled = not cell.readings
    return cell


def _is_stacked(tokens: list[str]) -> bool:
    """Tokens that are numbers, each optionally followed by one unit word (``67 orang 100 persen``)."""
    expect_number, n = True, 0
    for t in tokens:
        if _TOKEN.match(t.rstrip("%")):
            n += 1
            expect_number = False
        elif not expect_number and re.fullmatch(r"[A-Za-z%]+\.?", t):
            expect_number = True
        else:
            return False
    return n >= 2


@dataclass
class ColumnStyle:
    """The number style of one column and why."""

    style: str  # "id", "en" or "mixed"
    decided_by: str  # "kolom", "tabel", "dokumen", "bawaan"
    n_id: int = 0
    n_en: int = 0


def _style(n_id: int, n_en: int) -> str | None:
    if n_id and n_en:
        return "mixed"
    if n_id:
        return "id"
    if n_en:
        return "en"
    return None


def evidence_counts(cells: list[Cell]) -> tuple[int, int]:
    """Numbers in ``cells`` well formed only in Indonesian style, and only in English style."""
    n_id = sum(1 for c in cells if c.evidence == "id")
    n_en = sum(1 for c in cells if c.evidence == "en")
    return n_id, n_en


def column_styles(columns: dict[int, list[Cell]], document_style: str | None = None) -> dict[int, ColumnStyle]:
    """Decide each column's number style from its own values, else its table's, else the document's.

    Parameters
    ----------
    columns
        Cells of each column of one table (data rows only).
    document_style
        ``id``/``en`` when the whole document leans one way (see :func:`document_style`).

    Returns
    -------
    dict of column index -> ColumnStyle
        For a ``mixed`` column an ambiguous value falls back to the table's, then the document's style.
    """
    all_cells = [c for cells in columns.values() for c in cells]
    t_id, t_en = evidence_counts(all_cells)
    table = "id" if t_id > t_en else "en" if t_en > t_id else None
    out = {}
    for j, cells in columns.items():
        n_id, n_en = evidence_counts(cells)
        own = _style(n_id, n_en)
        if own in ("id", "en"):
            out[j] = ColumnStyle(own, "kolom", n_id, n_en)
        elif own == "mixed":
            out[j] = ColumnStyle("mixed", "kolom", n_id, n_en)
        elif table:
            out[j] = ColumnStyle(table, "tabel", n_id, n_en)
        elif document_style:
            out[j] = ColumnStyle(document_style, "dokumen", n_id, n_en)
        else:
            out[j] = ColumnStyle("id", "bawaan", n_id, n_en)
    return out


def fallback_for(style: ColumnStyle, table_style: str | None, document_style: str | None) -> str:
    """The style an ambiguous value of a column takes (a mixed column defers to table/document)."""
    if style.style in ("id", "en"):
        return style.style
    return table_style or document_style or "id"


def document_style(cells: list[Cell]) -> str | None:
    """``id`` or ``en`` when the unambiguous numbers of a document lean clearly (2:1) one way."""
    n_id, n_en = evidence_counts(cells)
    if n_id >= 2 * max(n_en, 1) or (n_id and not n_en):
        return "id"
    if n_en >= 2 * max(n_id, 1) or (n_en and not n_id):
        return "en"
    return None


def resolve_percent(cell: Cell, style: str, target: float | None = None, realisasi: float | None = None,
                    tolerance: float = 1.0) -> tuple[float | None, str]:
    """Read an ambiguous percentage (capaian, %) and say how it was decided.

    Order: the check capaian ≈ realisasi / target × 100 (either direction, for "lower is better"
    indicators) when both are known and exactly one reading passes; then magnitude (exactly one
    reading below 1000); then the column style.

    Examples
    --------
    >>> resolve_percent(read_cell("104,319"), "en")
    (104.319, 'besaran')
    >>> resolve_percent(read_cell("104,319"), "en", target=100.0, realisasi=104.319)
    (104.319, 'cek capaian')
    """
    if not cell.ambiguous:
        return cell.value(style), ""
    values = cell.readings
    if target and realisasi is not None and target != 0:
        expected = [realisasi / target * 100]
        if realisasi:
            expected.append(target / realisasi * 100)
        passing = [k for k, v in values.items() if any(abs(v - e) <= tolerance for e in expected)]
        if len(passing) == 1:
            return values[passing[0]], "cek capaian"
    small = [k for k, v in values.items() if abs(v) < 1000]
    if len(small) == 1:
        return values[small[0]], "besaran"
    return values.get(style), "gaya kolom"
