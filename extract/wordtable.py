"""Tables from word positions, for pages whose tables have no (or too few) ruling lines.

Words are grouped into visual lines, each line into segments (runs of words closer than a column
gap), and the columns are the gutters no segment of a multi-segment line crosses. Rows are the
spans between horizontal rules where the rules separate the rows; elsewhere a line opens a new row
unless it only continues cells the row already has (a wrapped cell), so one-line rows, wrapped
names and numbered items all come out as the rows a reader sees.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from prongsai.extract.columns import is_section_line
from prongsai.extract.numbers import parse_amount

# A gap wider than this share of the font size separates two cells on one line.
CELL_GAP = 0.9
# A gutter may be crossed by this share of the table's multi-cell lines (merged header cells).
GUTTER_CROSSINGS = 0.08
# Fewer lines with two or more cells than this is prose, not a table.
MIN_TABLE_LINES = 3
_NUMBERED = re.compile(r"^\s*\(?(?:[0-9๐-๙]{1,2}(?:\.[0-9๐-๙]{1,2})*)\s*[).]|^\s*[-•*]\s")
_DASH = re.compile(r"^[\s\-–—_.]+$")


@dataclass
class _Segment:
    x0: float
    x1: float
    text: str
    words: list[tuple[float, float, str]] = field(default_factory=list)


@dataclass
class _Line:
    top: float
    bottom: float
    size: float
    segments: list[_Segment] = field(default_factory=list)


def word_tables(page: Any) -> list[list[list[str]]]:
    """Tables of a pdfplumber page found from word positions: rows of cell texts, a label over
    several columns (a merged header cell) given to each of them."""
    words = page.extract_words(
        x_tolerance=1.5, y_tolerance=2.5, keep_blank_chars=False, return_chars=True
    )
    lines = _lines([part for w in words for part in _split_amount(w)])
    if not lines:
        return []
    region = _region(lines)
    if region is None:
        return []
    body = lines[region[0] : region[1]]
    bounds = _columns(body, page.width)
    if len(bounds) < 2:
        return []
    cells = [_assign(line, bounds) for line in body]
    rules = _rules(page, body, bounds)
    rows = _rows(body, cells, rules)
    return [rows] if len(rows) >= 2 else []


# An amount run into the next cell's text: "100,000.00สำนักปลัด" (right-aligned amount, left-
# aligned text, less than a space apart).
_AMOUNT_THEN_TEXT = re.compile(
    r"^[0-9๐-๙]{1,3}(?:,[0-9๐-๙]{3})+(?:\.[0-9๐-๙]{2})?(?=[ก-ฮA-Za-z])"
    r"|^[0-9๐-๙]+\.[0-9๐-๙]{2}(?=[ก-ฮA-Za-z])"
)


def _split_amount(word: dict[str, Any]) -> list[dict[str, Any]]:
    text = str(word["text"])
    match = _AMOUNT_THEN_TEXT.match(text)
    if match is None:
        return [word]
    chars, length = word.get("chars") or [], 0
    for k, char in enumerate(chars):  # a char may carry a letter with its marks
        length += len(str(char["text"]))
        if length == match.end() and 0 < k + 1 < len(chars):
            return [
                {**word, "text": text[:length], "x1": char["x1"]},
                {**word, "text": text[length:], "x0": chars[k + 1]["x0"]},
            ]
    return [word]


def _lines(words: list[dict[str, Any]]) -> list[_Line]:
    lines: list[_Line] = []
    for w in sorted(words, key=lambda w: (round(float(w["top"])), float(w["x0"]))):
        top, bottom = float(w["top"]), float(w["bottom"])
        size = max(bottom - top, 1.0)
        line = next((ln for ln in reversed(lines[-3:]) if abs(ln.top - top) <= 0.45 * size), None)
        if line is None:
            line = _Line(top, bottom, size)
            lines.append(line)
        line.bottom = max(line.bottom, bottom)
        x0, x1, text = float(w["x0"]), float(w["x1"]), str(w["text"])
        line.segments.append(_Segment(x0, x1, text, [(x0, x1, text)]))
    lines.sort(key=lambda ln: ln.top)
    for line in lines:
        line.segments = _merge(sorted(line.segments, key=lambda s: s.x0), line.size)
    return lines


_UNIT = re.compile(r"^(?:บาท|ล้าน|พัน|หมื่น|แสน|%|ร้อยละ|คะแนน)")


_MONEY = re.compile(
    r"^[0-9๐-๙]{1,3}(?:,[0-9๐-๙]{3})+(?:\.[0-9๐-๙]+)?$|^[0-9๐-๙]{3,}(?:\.[0-9๐-๙]+)?$"
)


# An amount with separators or decimals is a cell of its own, whatever text runs up to it.
_AMOUNT_CELL = re.compile(
    r"^[0-9๐-๙]{1,3}(?:,[0-9๐-๙]{3})+(?:\.[0-9๐-๙]+)?$|^[0-9๐-๙]+\.[0-9๐-๙]{2}$"
)


# An item number opens a cell: "งานพัสดุ กองคลัง ๔) โครงการ..." is two cells run close.
_ITEM_NUMBER = re.compile(r"^\(?[0-9๐-๙]{1,2}\)|^[0-9๐-๙]{1,2}\.(?![0-9๐-๙])")


def _ends_cell(word: str, following: str) -> bool:
    """An amount ends its cell unless a unit follows it ("10,000 บาท"); a dash before another
    amount or dash is an empty cell of its own."""
    if _MONEY.match(word):
        # "๒๕๖๑ - ๒๕๖๔" is one range; "5,000 -" two cells
        range_dash = bool(_DASH.match(following)) and not re.search(r"[,.]", word)
        return not _UNIT.match(following) and not range_dash
    return bool(_DASH.match(word)) and bool(_MONEY.match(following) or _DASH.match(following))


def _merge(words: list[_Segment], size: float) -> list[_Segment]:
    out: list[_Segment] = []
    last = ""
    for w in words:
        close = bool(out) and w.x0 - out[-1].x1 < CELL_GAP * size
        starts = _AMOUNT_CELL.match(w.text) or _ITEM_NUMBER.match(w.text)
        if close and not _ends_cell(last, w.text) and not starts:
            seg = out[-1]
            seg.text = f"{seg.text} {w.text}"
            seg.x1 = max(seg.x1, w.x1)
            seg.words.extend(w.words)
        else:
            out.append(_Segment(w.x0, w.x1, w.text, list(w.words)))
        last = w.text
    return out


def _region(lines: list[_Line]) -> tuple[int, int] | None:
    """The first run of lines from a multi-cell line to the last one before a long gap of
    single-cell lines (prose)."""
    multi = [i for i, ln in enumerate(lines) if len(ln.segments) >= 2]
    if len(multi) < MIN_TABLE_LINES:
        return None
    start, end = multi[0], multi[0]
    for i in multi[1:]:
        if i - end > 6:  # six lines of prose between: another block
            if end - start + 1 >= MIN_TABLE_LINES:
                break
            start = i
        end = i
    count = sum(1 for i in multi if start <= i <= end)
    if count < MIN_TABLE_LINES:
        return None
    # Wrapped lines of the last row hang below the last multi-cell line.
    stop = end + 1
    pitch = _pitch(lines[start : end + 1])
    while stop < len(lines) and stop - end <= 4:
        gap = lines[stop].top - lines[stop - 1].top
        if gap > 1.6 * pitch:
            break
        stop += 1
    return start, stop


def _pitch(lines: list[_Line]) -> float:
    gaps = [b.top - a.top for a, b in itertools.pairwise(lines) if b.top > a.top]
    return median(gaps) if gaps else 20.0


def _is_body(line: _Line) -> bool:
    return any(parse_amount(s.text) is not None or _DASH.match(s.text) for s in line.segments)


def _columns(lines: list[_Line], width: float) -> list[tuple[float, float]]:
    """Column x-ranges: the covered stretches between gutters, found on the body's lines (those
    with an amount or a dash) where there are enough, since header and title lines cross them."""
    multi = [ln for ln in lines if len(ln.segments) >= 2]
    body = [ln for ln in multi if _is_body(ln)]
    if len(body) >= MIN_TABLE_LINES:
        bounds = _covered(body, width, limit=1)
        # A header label between two body columns, over a column the body leaves blank on this
        # page, heads a column too (a label beyond the body's edges is a title).
        left, right = bounds[0][0], bounds[-1][1]
        labels = [s for line in multi for s in line.segments]
        placed = [s for s in labels if sum(_overlaps(s, [b]) for b in bounds) == 1]
        for s in labels:
            inside = left <= s.x0 and s.x1 <= right
            # not a wrapped part of a label over a body column ("ปี พ.ศ." over "พ.ศ. ๒๕๖๓")
            if (
                inside
                and not _overlaps(s, bounds)
                and not _overlaps(s, [(p.x0, p.x1) for p in placed])
            ):
                bounds.append((s.x0, s.x1))
        return sorted(bounds)
    return _covered(multi, width)


def _overlaps(s: _Segment, spans: list[tuple[float, float]]) -> bool:
    return any(min(s.x1, b1) > max(s.x0, b0) for b0, b1 in spans)


def _covered(
    multi: list[_Line], width: float, limit: int | None = None
) -> list[tuple[float, float]]:
    """Covered x-stretches; a gutter may be crossed by `limit` lines (default: a share)."""
    steps = int(width) + 2
    cover = [0] * steps
    for line in multi:
        for s in line.segments:
            for x in range(max(0, int(s.x0)), min(steps, int(s.x1) + 1)):
                cover[x] += 1
    if limit is None:
        limit = max(1, int(GUTTER_CROSSINGS * len(multi)))
    bounds: list[tuple[float, float]] = []
    start: int | None = None
    for x in range(steps):
        covered = cover[x] > limit
        if covered and start is None:
            start = x
        elif not covered and start is not None:
            bounds.append((float(start), float(x)))
            start = None
    if start is not None:
        bounds.append((float(start), float(steps)))
    return bounds


def _column_of(s: _Segment, bounds: list[tuple[float, float]]) -> list[int]:
    """The columns a segment overlaps; the first is where most of it sits."""
    overlaps = [(min(s.x1, b1) - max(s.x0, b0), i) for i, (b0, b1) in enumerate(bounds)]
    touched = [i for ov, i in overlaps if ov > 0]
    if not touched:
        centre = (s.x0 + s.x1) / 2
        nearest = min(
            range(len(bounds)),
            key=lambda i: min(abs(centre - bounds[i][0]), abs(centre - bounds[i][1])),
        )
        return [nearest]
    best = max(overlaps)[1]
    return [best, *[i for i in touched if i != best]]


def _split_at_gutters(s: _Segment, bounds: list[tuple[float, float]]) -> list[_Segment]:
    """A segment cut where a gap between its words lies in a gutter other lines leave open:
    two cells whose texts ran close ("งานพัสดุ กองคลัง ๕) โครงการ...")."""
    pieces: list[_Segment] = []
    words = s.words
    start = 0
    for k in range(1, len(words)):
        left, right = words[k - 1][1], words[k][0]
        if any(left <= g1 + 1 and right >= g0 - 1 for g0, g1 in _gutters(bounds, s)):
            pieces.append(_segment(words[start:k]))
            start = k
    return [*pieces, _segment(words[start:])] if pieces else [s]


def _gutters(bounds: list[tuple[float, float]], s: _Segment) -> list[tuple[float, float]]:
    return [(a[1], b[0]) for a, b in itertools.pairwise(bounds) if s.x0 < a[1] and b[0] < s.x1]


def _segment(words: list[tuple[float, float, str]]) -> _Segment:
    return _Segment(words[0][0], words[-1][1], " ".join(w[2] for w in words), list(words))


def _assign(line: _Line, bounds: list[tuple[float, float]]) -> list[str]:
    cells = [""] * len(bounds)
    for s in (piece for seg in line.segments for piece in _split_at_gutters(seg, bounds)):
        columns = _column_of(s, bounds)
        # A label over several columns (a merged header cell) heads each of them; a lone
        # segment across the table is a section row and stays in its first column.
        spans = len(columns) > 1 and parse_amount(s.text) is None and len(line.segments) >= 2
        for i in sorted(columns) if spans else columns[:1]:
            cells[i] = f"{cells[i]} {s.text}" if cells[i] else s.text
    return cells


def _rules(page: Any, lines: list[_Line], bounds: list[tuple[float, float]]) -> list[float]:
    """y of horizontal rules across most of the table."""
    left, right = bounds[0][0], bounds[-1][1]
    top, bottom = lines[0].top - 4, lines[-1].bottom + 4
    found: list[float] = []
    for edge in page.horizontal_edges if hasattr(page, "horizontal_edges") else []:
        y = float(edge["top"])
        span = min(float(edge["x1"]), right) - max(float(edge["x0"]), left)
        if top <= y <= bottom and span >= 0.6 * (right - left):
            found.append(y)
    return sorted(found)


def _filled(cells: list[str]) -> set[int]:
    return {i for i, c in enumerate(cells) if c}


def _opens_row(cells: list[str]) -> bool:
    texts = [c for c in cells if c]
    if not texts:
        return False
    if _NUMBERED.match(texts[0]) or (len(texts) == 1 and is_section_line(texts[0])):
        return True
    return any(parse_amount(c) is not None or _DASH.match(c) for c in texts)


def _rows(lines: list[_Line], cells: list[list[str]], rules: list[float]) -> list[list[str]]:
    pitch = _pitch(lines)
    between = [
        any(a.bottom - 2 <= y <= b.top + 2 for y in rules) for a, b in itertools.pairwise(lines)
    ]
    ruled = len(rules) >= 3 and sum(between) >= 0.3 * len(between)
    rows: list[list[str]] = []
    first: set[int] = set()
    previous: set[int] = set()
    for n, (line, row_cells) in enumerate(zip(lines, cells, strict=True)):
        filled = _filled(row_cells)
        if n == 0:
            new = True
        elif ruled:
            new = between[n - 1]
        else:
            gap = line.top - lines[n - 1].top
            wraps = filled <= previous and filled < first and not _opens_row(row_cells)
            new = gap > 1.45 * pitch or not wraps
        if new:
            rows.append(list(row_cells))
            first = filled
        else:
            row = rows[-1]
            for i, text in enumerate(row_cells):
                if text:
                    row[i] = f"{row[i]}\n{text}" if row[i] else text
        previous = filled
    return rows
