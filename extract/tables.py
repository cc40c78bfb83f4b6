"""Tables from PDF pages: pdfplumber with named settings, joined across page breaks.

Thai plans print their Part 2 table over several pages, repeating the header on each page (sometimes
misspelt: "มติ" for "มิติ") or leaving it out; the pieces are joined back into one `Table`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from prongsai.extract.numbers import parse_amount
from prongsai.extract.pdftext import clean_cell as _clean_cell
from prongsai.extract.pdftext import fixed_page as _fixed_page
from prongsai.extract.records import Table
from prongsai.extract.wordtable import word_tables

Clean = Callable[[str | None], str]
_STRATEGIES = frozenset({"lines", "lines_strict", "text"})
# A repeated header counts as the same when this similar (0-100) after removing spaces: it absorbs
# "มติ"/"มิติ" and a dropped mark or two, while two different tables' headers stay far below it.
HEADER_SIMILARITY = 85.0
_NUMBERING = re.compile(r"^\s*\(?[0-9๐-๙]{1,2}\s*[).]")


@dataclass(frozen=True)
class TableSettings:
    """pdfplumber table settings under a name; `to_pdfplumber()` gives the dict it expects.

    Text options are passed with their `text_` prefix: pdfplumber ignores a nested text dict.
    """

    name: str
    vertical_strategy: str = "lines"
    horizontal_strategy: str = "lines"
    snap_tolerance: float = 3.0
    join_tolerance: float = 3.0
    edge_min_length: float = 3.0
    intersection_tolerance: float = 3.0
    min_words_vertical: int = 3
    min_words_horizontal: int = 1
    # Thai marks sit above or below their base: a wider x tolerance keeps words whole
    text_x_tolerance: float = 3.0
    text_y_tolerance: float = 3.0

    def __post_init__(self) -> None:
        for strategy in (self.vertical_strategy, self.horizontal_strategy):
            if strategy not in _STRATEGIES:
                raise ValueError(f"{self.name}: unknown table strategy {strategy!r}")
        tolerances = (
            self.snap_tolerance,
            self.join_tolerance,
            self.edge_min_length,
            self.intersection_tolerance,
            self.text_x_tolerance,
            self.text_y_tolerance,
        )
        if any(t < 0 for t in tolerances):
            raise ValueError(f"{self.name}: tolerances must not be negative")
        if self.min_words_vertical < 1 or self.min_words_horizontal < 1:
            raise ValueError(f"{self.name}: min_words must be at least 1")

    def to_pdfplumber(self) -> dict[str, Any]:
        return {
            "vertical_strategy": self.vertical_strategy,
            "horizontal_strategy": self.horizontal_strategy,
            "snap_tolerance": self.snap_tolerance,
            "join_tolerance": self.join_tolerance,
            "edge_min_length": self.edge_min_length,
            "intersection_tolerance": self.intersection_tolerance,
            "min_words_vertical": self.min_words_vertical,
            "min_words_horizontal": self.min_words_horizontal,
            "text_x_tolerance": self.text_x_tolerance,
            "text_y_tolerance": self.text_y_tolerance,
        }


# Bordered tables, which is how Word/Excel-made plans print: the ruling lines find every table.
LINES = TableSettings(name="lines")
# Borderless tables: columns guessed from aligned words; noisier, so only as a fallback.
TEXT = TableSettings(name="text", vertical_strategy="text", horizontal_strategy="text")


@dataclass
class _Piece:
    page: int
    rows: list[list[str]]
    first_on_page: bool
    last_on_page: bool


def extract_tables(
    pdf: Any,
    *,
    settings: TableSettings = LINES,
    fallback: TableSettings | None = None,
    page_filter: Callable[[int], bool] | None = None,
    pages: Collection[int] | None = None,
    clean: Clean | None = None,
) -> list[Table]:
    """All tables of an open pdfplumber PDF, pages 1-based, joined across page breaks.

    `fallback` settings are tried on a page where `settings` find no table; `page_filter` gets the
    1-based page number; `pages` keeps only those page numbers; `clean` repairs cell text
    (default: pdftext.clean_cell).
    """
    collect = TableCollector(settings=settings, fallback=fallback, clean=clean)
    for index, page in enumerate(pdf.pages):
        number = index + 1
        if page_filter is not None and not page_filter(number):
            continue
        if pages is not None and number not in pages:
            continue
        collect(number, _fixed_page(page))
    return collect.tables()


class TableCollector:
    """Tables gathered page by page from already fixed pages (see pdftext.read_pages'
    `on_text_page`), then joined across page breaks."""

    def __init__(
        self,
        *,
        settings: TableSettings = LINES,
        fallback: TableSettings | None = None,
        clean: Clean | None = None,
    ) -> None:
        self.settings, self.fallback = settings, fallback
        self.fix = clean or _clean_cell
        self.pieces: list[_Piece] = []

    def __call__(self, number: int, fixed: Any) -> None:
        found = ruled_tables(fixed, self.settings)
        if not any(_is_grid(t) for t in found) and self.fallback is not None:
            found = ruled_tables(fixed, self.fallback)
        if not any(_is_grid(t) for t in found) and _has_figures(fixed):
            # No ruled grid on the page (borderless, frame or rules only): words by position.
            words: list[list[list[str | None]]] = [list(map(list, t)) for t in word_tables(fixed)]
            found = words or found
        kept = [rows for rows in (_clean_rows(raw, self.fix) for raw in found) if rows]
        for i, rows in enumerate(kept):
            self.pieces.append(_Piece(number, rows, i == 0, i == len(kept) - 1))

    def tables(self, pages: Collection[int] | None = None) -> list[Table]:
        """The joined tables, from `pages` only when given."""
        kept = [p for p in self.pieces if pages is None or p.page in pages]
        return join_pieces(kept)


# A page with fewer digits than this holds no table a reader wants (amounts, scores, years).
MIN_TABLE_DIGITS = 8


def _has_figures(fixed: Any) -> bool:
    digits = 0
    for char in fixed.chars:
        text = str(char.get("text") or "")
        if text[:1].isdigit():
            digits += 1
            if digits >= MIN_TABLE_DIGITS:
                return True
    return False


def ruled_tables(fixed: Any, settings: TableSettings) -> list[list[list[str | None]]]:
    """pdfplumber's tables with each merged cell's text given to every column it spans
    (pdfplumber leaves the covered cells None), except a lone cell across a section row."""
    resolved = settings.to_pdfplumber()
    text_settings = {k[5:]: v for k, v in resolved.items() if k.startswith("text_")}
    out: list[list[list[str | None]]] = []
    for table in fixed.find_tables(resolved):
        rows = table.extract(**text_settings)
        xs = sorted({cell[0] for cell in table.cells})
        for row, cells in zip(rows, (r.cells for r in table.rows), strict=False):
            if sum(1 for c in row if c and c.strip()) < 2:
                continue
            for i, box in enumerate(cells):
                if box is None or i >= len(row) or not row[i]:
                    continue
                for k in range(i + 1, len(row)):
                    if row[k] is not None or xs[k] >= box[2] - 1:
                        break
                    row[k] = row[i]
        out.append(rows)
    return out


def _is_grid(rows: Sequence[Sequence[str | None]]) -> bool:
    """A ruled table worth reading: two or more rows with two or more filled cells."""
    return sum(1 for row in rows if sum(1 for c in row if c and c.strip()) >= 2) >= 2


# Glyphs without a Unicode mapping (a shaped sara am's nikhahit) come out as "(cid:53)".
_CID = re.compile(r"\(cid:\d+\)")


def _clean_rows(raw: Sequence[Sequence[str | None]], fix: Clean) -> list[list[str]]:
    rows = [[fix(_CID.sub("", cell) if cell else cell) for cell in row] for row in raw]
    return [row for row in rows if any(cell.strip() for cell in row)]


def join_pieces(pieces: Sequence[_Piece]) -> list[Table]:
    """Join each piece to the table before it when it continues that table on the next page."""
    tables: list[Table] = []
    last: _Piece | None = None
    for piece in pieces:
        current = tables[-1] if tables else None
        if current is not None and last is not None and _continues(current, last, piece):
            _append(current, piece)
        else:
            tables.append(
                Table(
                    page=piece.page,
                    rows=[list(r) for r in piece.rows],
                    pages=[piece.page],
                    header=list(piece.rows[0]),
                    row_pages=[piece.page] * len(piece.rows),
                )
            )
        last = piece
    return tables


def join_tables(tables: Sequence[Table]) -> list[Table]:
    """`join_pieces` for tables extracted one page at a time (one `Table` per page piece)."""
    by_page: dict[int, int] = {}
    for t in tables:
        by_page[t.page] = by_page.get(t.page, 0) + 1
    seen: dict[int, int] = {}
    pieces: list[_Piece] = []
    for t in tables:
        seen[t.page] = seen.get(t.page, 0) + 1
        pieces.append(_Piece(t.page, t.rows, seen[t.page] == 1, seen[t.page] == by_page[t.page]))
    return join_pieces(pieces)


def _continues(table: Table, last: _Piece, piece: _Piece) -> bool:
    if piece.page != last.page + 1 or not (last.last_on_page and piece.first_on_page):
        return False
    if len(piece.rows[0]) != len(table.rows[0]):
        return False
    return _header_rows(table, piece) > 0 or not _looks_like_header(piece.rows[0])


def _header_rows(table: Table, piece: _Piece) -> int:
    """How many leading rows of `piece` repeat the table's leading (header) rows."""
    count = 0
    for first, again in zip(table.rows[:3], piece.rows[:3], strict=False):
        if not same_row(first, again) or _has_amount(first):
            break
        count += 1
    return count


def same_row(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two header rows read alike: "มติ | ภารกิจตามมติ" repeats "มิติ | ภารกิจตามมิติ"."""
    ta, tb = ("|".join("".join(c.split()) for c in row) for row in (a, b))
    if not ta.strip("|") or not tb.strip("|"):
        return False
    return fuzz.ratio(ta, tb) >= HEADER_SIMILARITY


_YEAR_CELL = re.compile(r"^(?:ปี|พ\.ศ\.)?\s*(?:25[0-9][0-9]|๒๕[๐-๙][๐-๙])$")


def _has_amount(row: Sequence[str]) -> bool:
    """A cell holds an amount; a lone year such as "2566" heads a column instead."""
    return any(
        parse_amount(c) is not None and not _YEAR_CELL.match(c.strip()) for c in row if c.strip()
    )


def _looks_like_header(row: Sequence[str]) -> bool:
    """A row that opens a new table: first cell filled, no amounts or dashes, mostly filled."""
    cells = [c.strip() for c in row]
    if not cells[0] or _NUMBERING.match(cells[0]):
        return False
    if _has_amount(cells) or any(c and c.strip("-–—") == "" for c in cells):
        return False
    return sum(1 for c in cells if c) * 2 >= len(cells)


def _append(table: Table, piece: _Piece) -> None:
    rows = [list(r) for r in piece.rows[_header_rows(table, piece) :]]
    if rows and table.rows and _is_split_row(rows[0]):
        # The last row of the page went on over the break: its cells go on with the next lines.
        prev = table.rows[-1]
        table.rows[-1] = [_join_cell(p, c) for p, c in zip(prev, rows[0], strict=True)]
        rows = rows[1:]
    table.rows.extend(rows)
    table.row_pages.extend([piece.page] * len(rows))
    table.pages.append(piece.page)


def _is_split_row(row: Sequence[str]) -> bool:
    """The rest of a row cut by the page break: blank first cell, no numbering, amount or dash."""
    if row[0].strip():
        return False
    for cell in row:
        text = cell.strip()
        if _NUMBERING.match(text) or (text and text.strip("-–—#") == ""):
            return False
        if parse_amount(text) is not None:
            return False
    return True


def _join_cell(before: str, after: str) -> str:
    if not before.strip():
        return after
    if not after.strip():
        return before
    return f"{before}\n{after}"
