"""Numbers written for reading, shared by the report's tables (:mod:`.context`) and figures (:mod:`.plots`).

It imports nothing from the other report modules, so both can import it at the top.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["format_fixed"]


def format_fixed(value, decimals: int, lang: str = "id") -> str:
    """``value`` with exactly ``decimals`` decimals and the language's separators; missing: ``-``.

    >>> format_fixed(1164318000, 0), format_fixed(78.3, 2), format_fixed(-0.001, 2), format_fixed(None, 2)
    ('1.164.318.000', '78,30', '0,00', '-')
    >>> format_fixed(1234.5, 2, "en")
    '1,234.50'
    """
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "-" if value is None or value is pd.NA else str(value)
    if not np.isfinite(number):
        return "-"
    text = f"{number:,.{decimals}f}"
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]  # no "-0,00"
    if lang == "id":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text
