"""Small text helpers: digit styles, amounts, levels and word-boundary line wrapping."""

from __future__ import annotations

import os
from collections.abc import Callable

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
from pythainlp.tokenize import word_tokenize

_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def digits(text: str, style: str) -> str:
    """Text in a document's digit style: "thai" turns 2566 into ๒๕๖๖; arabic and mixed keep it."""
    return text.translate(_THAI) if style == "thai" else text


def money(amount: float) -> str:
    """200000.0 -> "200,000" (documents print whole baht without satang here)."""
    return f"{amount:,.0f}"


def level_of(score: float) -> str:
    """The ITA level band of a score: 68.45 -> "C"."""
    for bound, level in ((95, "AA"), (85, "A"), (75, "B"), (65, "C"), (55, "D"), (50, "E")):
        if score >= bound:
            return level
    return "F"


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Split text at newmm word boundaries into lines no wider than width; "".join(lines) == text."""
    lines: list[str] = []
    line = ""
    for word in word_tokenize(text, engine="newmm", keep_whitespace=True):
        if line and measure(line + word) > width:
            lines.append(line)
            line = word
        else:
            line += word
    if line:
        lines.append(line)
    return lines
