"""Page-independent drawing blocks that both renderers understand."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Text:
    text: str
    size: float = 16
    bold: bool = False
    align: str = "L"  # L | C


@dataclass
class Row:
    cells: list[str]  # "\n" separates stacked paragraphs inside one cell
    bold: bool = False


@dataclass
class Table:
    widths: list[float]  # mm
    headers: list[list[str]]  # one header per chunk; chunk i starts a new page when i > 0
    chunks: list[list[Row]]
    size: float = 13


@dataclass
class Break:
    landscape: bool = False


Block = Text | Table | Break


@dataclass
class Layout:
    blocks: list[Block] = field(default_factory=list)
    landscape_first: bool = False

    def text(self, text: str, size: float = 16, bold: bool = False, align: str = "L") -> None:
        self.blocks.append(Text(text, size, bold, align))

    def all_strings(self) -> list[str]:
        out: list[str] = []
        for b in self.blocks:
            if isinstance(b, Text):
                out.append(b.text)
            elif isinstance(b, Table):
                out += [c for h in b.headers for c in h]
                out += [c for ch in b.chunks for r in ch for c in r.cells]
        return out
