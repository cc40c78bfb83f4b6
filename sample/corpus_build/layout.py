"""Backend-neutral page content: the fpdf2 and DOCX renderers draw the same blocks."""

from __future__ import annotations

from dataclasses import dataclass, field

from prongsai.sample.corpus_build.text import digits


@dataclass
class Title:
    lines: list[str]


@dataclass
class Heading:
    text: str
    size: float = 16
    align: str = "L"


@dataclass
class Para:
    text: str
    spaced: bool = False  # drawn with character spacing (spaces_in_words)
    indent: float = 0
    gap: float = 1.5


@dataclass
class PageBreak:
    pass


@dataclass
class Grid:
    """A table. `chunks` are drawn one per page, each under its own copy of the header
    (`headers[i]`, which lets one page misspell it); a single chunk flows over pages with the
    header repeated."""

    headers: list[list[str]]
    chunks: list[list[list[str]]]
    widths: list[float]  # mm on landscape/portrait A4
    aligns: list[str]
    bold: list[set[int]] = field(default_factory=list)  # per chunk: rows drawn bold
    size: float = 11


Block = Title | Heading | Para | PageBreak | Grid


@dataclass
class Layout:
    blocks: list[Block]
    landscape: bool = False
    font: str = "Laksaman"


def localize(blocks: list[Block], style: str) -> list[Block]:
    """Thai-digit documents print every number in Thai digits (the gold keeps Arabic)."""
    if style != "thai":
        return blocks
    for block in blocks:
        if isinstance(block, Title):
            block.lines = [digits(x, style) for x in block.lines]
        elif isinstance(block, (Heading, Para)):
            block.text = digits(block.text, style)
        elif isinstance(block, Grid):
            block.headers = [[digits(c, style) for c in h] for h in block.headers]
            block.chunks = [[[digits(c, style) for c in r] for r in ch] for ch in block.chunks]
    return blocks
