"""Backend-neutral documents: the fpdf2, DOCX and XLSX renderers draw the same blocks.

Tables are rows of cells as in HTML: a cell covered by a row span from above is left out of the
rows below it; `place()` gives every cell its grid column.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    align: str = "L"  # L | C | R
    bold: bool = False


Row = list[Cell]


@dataclass
class Table:
    header: list[Row]
    body: list[Row]
    widths: list[float]  # relative column widths
    borders: str = "grid"  # grid | frame | hrules | header_rule | none
    repeat_header: bool = True
    row_split: bool = True  # a row may break over a page
    size: float = 11
    page_breaks: set[int] = field(default_factory=set)  # body row indices that start a page

    @property
    def ncols(self) -> int:
        return len(self.widths)


@dataclass
class Title:
    lines: list[str]
    size: float = 18


@dataclass
class Para:
    text: str
    bold: bool = False
    align: str = "L"
    size: float | None = None
    indent: float = 0  # mm


@dataclass
class PageBreak:
    pass


Block = Title | Para | Table | PageBreak


@dataclass
class Document:
    blocks: list[Block]
    font: str = "Laksaman"
    landscape: bool = False
    size: float = 14  # body text


def place(rows: list[Row], ncols: int) -> list[list[tuple[int, Cell]]]:
    """(grid column, cell) for each cell of each row, skipping columns spanned from above.

    >>> [[c for c, _ in r] for r in place([[Cell("a", rowspan=2), Cell("b")], [Cell("c")]], 2)]
    [[0, 1], [1]]
    """
    taken: dict[tuple[int, int], bool] = {}
    out = []
    for r, row in enumerate(rows):
        col = 0
        placed = []
        for cell in row:
            while taken.get((r, col)):
                col += 1
            placed.append((col, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken[(r + dr, col + dc)] = True
            col += cell.colspan
        if col > ncols:
            raise ValueError(f"row {r} has {col} columns, the table {ncols}")
        out.append(placed)
    return out
