"""Reading numbers written the Indonesian way (and the ways LKjIP reports garble them).

Rules (``decimal="auto"``, the default, for text copied from reports)
--------------------------------------------------------------------
1. Surrounding blanks, a leading ``Rp``/``Rp.`` and a trailing ``%`` are removed;
   an empty text, ``-`` or ``–`` means missing (``None``).
2. A comma is the decimal separator; dots are then thousands separators
   (``1.164.318,50`` -> 1164318.5, ``99,97`` -> 99.97). At most one comma.
3. Without a comma, two or more dots are thousands separators
   (``1.164.318.000`` -> 1164318000).
4. Without a comma, a single dot followed by exactly three digits is a thousands
   separator (``251.234`` -> 251234) and the result is flagged ambiguous; any other
   single dot is a decimal point, as the Kalimantan Timur report writes
   (``1.47`` -> 1.47, ``98.50`` -> 98.5).
5. Thousands groups must be well formed: one to three leading digits, then groups of
   exactly three. ``205..778.000`` or ``3.497503.285`` raise :class:`GarbledNumberError`;
   nothing is guessed.

``decimal="."`` (machine format, the dataset CSV files): a single dot is always a
decimal point; a comma still means Indonesian format (rule 2) and multiple dots rule 3.
``decimal=","`` (Indonesian strict, e.g. ``;``-separated CSV from Excel): dots are always
thousands separators and the comma is the decimal separator.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .. import i18n
from ..exceptions import GarbledNumberError, NumberParseError

_MISSING = {"", "-", "–", "—"}
_PREFIX = re.compile(r"^(rp\.?)\s*", re.IGNORECASE)
_DIGITS = re.compile(r"^\d+$")
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")


@dataclass(frozen=True)
class ParsedNumber:
    """A parsed number and whether its reading was ambiguous."""

    value: float | None
    ambiguous: bool = False
    note: str = ""


def _strip(text: str) -> tuple[str, bool]:
    s = text.strip().replace("\u00a0", " ")
    s = _PREFIX.sub("", s).strip()
    if s.endswith("%"):
        s = s[:-1].strip()
    negative = False
    if s.startswith("(") and s.endswith(")"):
        s, negative = s[1:-1].strip(), True
    if s.startswith("-") and len(s) > 1:
        s, negative = s[1:].strip(), not negative
    s = s.replace(" ", "")
    return s, negative


def _integer_part(int_part: str, original: str) -> str:
    if "." not in int_part:
        if not _DIGITS.match(int_part):
            raise NumberParseError(original, i18n.message("number.bad_characters"))
        return int_part
    if not _GROUPED.match(int_part):
        raise GarbledNumberError(original, i18n.message("number.thousands_groups"))
    return int_part.replace(".", "")


def parse_number_detail(text: object, decimal: str = "auto") -> ParsedNumber:
    """Parse a number and report whether its reading was ambiguous.

    Parameters
    ----------
    text : str, int, float or None
        The text as printed. Numbers pass through (NaN becomes ``None``).
    decimal : {"auto", ".", ","}
        Which rule set to apply; see the module docstring.

    Returns
    -------
    ParsedNumber

    Raises
    ------
    GarbledNumberError
        Separators that cannot be read without guessing.
    NumberParseError
        Text that is not a number at all.

    Examples
    --------
    >>> parse_number_detail("251.234")
    ParsedNumber(value=251234.0, ambiguous=True, note='satu titik diikuti tiga angka dibaca sebagai pemisah ribuan')
    """
    if decimal not in ("auto", ".", ","):
        from ..exceptions import UnknownMethodError

        raise UnknownMethodError("decimal", decimal, ("auto", ".", ","))
    if text is None:
        return ParsedNumber(None)
    if isinstance(text, bool):
        raise NumberParseError(str(text), i18n.message("number.boolean"))
    if isinstance(text, (int, float)):
        return ParsedNumber(None if isinstance(text, float) and math.isnan(text) else float(text))
    original = str(text)
    s, negative = _strip(original)
    if s in _MISSING:
        return ParsedNumber(None)
    if not s or not re.match(r"^[\d.,]+$", s) or not re.search(r"\d", s):
        raise NumberParseError(original, i18n.message("number.bad_characters"))
    ambiguous, note = False, ""
    if s.count(",") > 1:
        raise GarbledNumberError(original, i18n.message("number.two_commas"))
    if "," in s:
        int_part, frac = s.split(",")
        if not frac or not _DIGITS.match(frac) or not int_part:
            raise GarbledNumberError(original, i18n.message("number.bare_comma"))
        value = float(_integer_part(int_part, original) + "." + frac)
    elif s.count(".") >= 2 or decimal == ",":
        value = float(_integer_part(s, original))
    elif s.count(".") == 1:
        int_part, frac = s.split(".")
        if not int_part or not frac:
            raise GarbledNumberError(original, i18n.message("number.bare_dot"))
        if decimal == "auto" and len(frac) == 3:
            value = float(int_part + frac)
            ambiguous, note = True, "satu titik diikuti tiga angka dibaca sebagai pemisah ribuan"
        else:
            value = float(s)
    else:
        value = float(s)
    return ParsedNumber(-value if negative else value, ambiguous, note)


def parse_number(text: object, decimal: str = "auto") -> float | None:
    """Parse a number written in Indonesian format.

    See the module docstring for the rules. Missing values (empty, ``-``)
    return ``None``; garbled values raise instead of being guessed.

    Parameters
    ----------
    text : str, int, float or None
        The text as printed in the report.
    decimal : {"auto", ".", ","}
        Rule set; ``auto`` suits report text, ``.`` machine CSV, ``,`` strict Indonesian.

    Returns
    -------
    float or None

    Examples
    --------
    >>> parse_number("1.164.318.000")
    1164318000.0
    >>> parse_number("99,97%")
    99.97
    >>> parse_number("Rp. 50.193.200.643")
    50193200643.0
    >>> parse_number("1.47")
    1.47
    >>> parse_number("-") is None
    True
    >>> parse_number("205..778.000")
    Traceback (most recent call last):
    ...
    lkjip_analysis.exceptions.GarbledNumberError: '205..778.000' bukan angka yang sah: pemisah ribuan (titik) tidak membentuk kelompok tiga angka
    """
    return parse_number_detail(text, decimal).value


def format_number(value: object, decimals: int = 2, lang: str = "id") -> str:
    """Format a number for reports: Indonesian (``1.164.318.000``, ``31,89``) or English.

    Trailing zero decimals are dropped; missing values give ``-``.

    Examples
    --------
    >>> format_number(1164318000)
    '1.164.318.000'
    >>> format_number(31.8936)
    '31,89'
    >>> format_number(100.0)
    '100'
    >>> format_number(31.8936, lang="en")
    '31.89'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(number):
        return "-"
    text = f"{number:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0",):
        text = "0"
    if lang == "id":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text
