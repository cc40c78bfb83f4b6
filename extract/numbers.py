"""Numbers as Thai documents write them: Thai or Arabic digits, thousands separators, blanks."""

from __future__ import annotations

import math
import re

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_AMOUNT = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^-?\d+(?:\.\d+)?$")
# Cells that state no amount: a dash, a blank, or Excel's overflow marker.
_NO_AMOUNT = re.compile(r"^[\s\-–—_.]*$|^#+$")


def to_arabic_digits(text: str) -> str:
    """Replace Thai digits by Arabic ones.

    >>> to_arabic_digits("พ.ศ. ๒๕๖๖")
    'พ.ศ. 2566'
    """
    return text.translate(_THAI_DIGITS)


def parse_amount(text: str | None) -> float | None:
    """A Baht amount from a table cell; None where the cell states none.

    >>> parse_amount("๕,๒๒๕,๐๐๐.๐๐")
    5225000.0
    >>> parse_amount("#####") is None, parse_amount("-") is None
    (True, True)
    >>> parse_amount("200,000 บาท")
    200000.0
    """
    if text is None:
        return None
    s = to_arabic_digits(text).strip()
    s = re.sub(r"\s*บาท\s*$", "", s).replace(" ", "")
    if _NO_AMOUNT.match(s):
        return None
    if _AMOUNT.match(s):
        value = float(s.replace(",", ""))
        # 400 digits (columns run together) overflow to inf, which JSON cannot carry.
        return value if math.isfinite(value) else None
    return None


def parse_score(text: str | None) -> float | None:
    """An ITA score such as ๖๐.๑๒ or 86.90; None for a blank or dash.

    >>> parse_score("๖๐.๑๒")
    60.12
    """
    if text is None:
        return None
    s = to_arabic_digits(text).strip().replace(",", ".")
    m = re.fullmatch(r"(\d{1,3}(?:\.\d+)?)", s)
    return float(m.group(1)) if m else None
