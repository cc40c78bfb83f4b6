"""Tables of scanned pages: ruling lines found in the image give the cells, OCR fills them.

A scan has no text layer, and OCR of the whole page reads a 6-column table as interleaved
lines. Here the page image is searched for its ruling lines (long runs of dark pixels, after
straightening the page by the slope of its longest horizontal line); the vertical lines split
the table into column strips, each strip is read by tesseract with word boxes, and each OCR line
goes to the row band (between two horizontal lines) that holds its middle. A cell's lines are
joined by "\\n", as pdfplumber gives them, and repaired with `repair_text`.

Pages without a ruled table give no table: the parsers then read the OCR page text as before.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pypdfium2 as pdfium
from PIL import Image, ImageOps

from prongsai.extract.ocr import Word, read_image
from prongsai.extract.records import Table
from prongsai.extract.thai import repair_text, restore_ocr_marks

Mask = npt.NDArray[np.bool_]
ReadWords = Callable[[Image.Image], list[Word]]

# A pixel darker than this is ink (the scans' gray header shading stays light).
INK = 160
# A ruling line is a run of at least this many dark pixels (at 300 dpi: 7 mm); letters are
# far shorter.
MIN_RUN = 80
# Half the height of the band in which a slightly slanted line is gathered.
BAND = 10
# A horizontal line must cross this share of the table's widest line; a vertical one this
# share of the table's height (shorter ones split merged header cells only).
H_COVER = 0.6
V_COVER = 0.5
# White added around a column strip: tesseract reads poorly up to the image edge.
PAD = 40
# Tesseract's confidence (0-100) under which a line is noise (shading, specks: "Fe me EO. Cz"),
# and under which a short word without Thai letters is ("ie", "yrs"); real lines read 85-95.
MIN_LINE_CONF = 72.0
MIN_LATIN_CONF = 50.0
_KEEP = re.compile("[0-9\u0e01-\u0e5b]")
# Specks read as punctuation at a line's ends: ".และการให้บริการ", "ของผู้รับ :".
_LEAD_SPECK = re.compile(r"^[.|:'`,]+\s*(?=[\u0e01-\u0e4f(-])")
_TAIL_SPECK = re.compile(r"\s+[.|:'`,]+$|[|:'`,]+$")


@dataclass
class Grid:
    """Ruling lines of one table in the straightened image: x of the verticals, y of the
    horizontals, in pixels, left to right and top to bottom."""

    xs: list[int]
    ys: list[int]


def _runs(mask: Mask, length: int, axis: int) -> Mask:
    """The pixels of `mask` in a run of at least `length` along `axis` (1: rows, 0: columns)."""
    a = mask if axis == 1 else mask.T
    h, w = a.shape
    if w < length:
        return np.zeros(mask.shape, dtype=bool)
    c = np.zeros((h, w + 1), dtype=np.int32)
    np.cumsum(a, axis=1, out=c[:, 1:])
    starts = np.zeros((h, w), dtype=bool)
    starts[:, : w - length + 1] = (c[:, length:] - c[:, : w - length + 1]) == length
    s = np.zeros((h, w + 1), dtype=np.int32)
    np.cumsum(starts, axis=1, out=s[:, 1:])
    idx = np.arange(w)
    out = (s[:, idx + 1] - s[:, np.maximum(idx - length + 1, 0)]) > 0
    return out if axis == 1 else out.T


def _coverage(lines: Mask, axis: int) -> npt.NDArray[np.int64]:
    """For each row (axis 1) or column (axis 0): how many pixels across have line ink within
    BAND of it, so a line slanted by a few pixels still counts whole."""
    # Contiguous rows, or the shifted ORs below walk memory column-wise and take seconds.
    a = np.ascontiguousarray(lines if axis == 1 else lines.T)
    grown = a.copy()
    for shift in range(1, BAND + 1):
        grown[shift:] |= a[:-shift]
        grown[:-shift] |= a[shift:]
    counts: npt.NDArray[np.int64] = grown.sum(axis=1).astype(np.int64)
    return counts


def _peaks(cover: npt.NDArray[np.int64], threshold: float) -> list[int]:
    """Middles of the runs of positions whose coverage reaches `threshold`."""
    out: list[int] = []
    start = -1
    for i, value in enumerate([*cover.tolist(), 0]):
        if value >= threshold and start < 0:
            start = i
        elif value < threshold and start >= 0:
            out.append((start + i - 1) // 2)
            start = -1
    return out


def _slope(horizontal: Mask) -> float:
    """dy/dx of the longest horizontal line: the page's skew."""
    cover = _coverage(horizontal, 1)
    y = int(cover.argmax())
    if cover[y] < MIN_RUN * 3:
        return 0.0
    band = horizontal[max(0, y - BAND * 3) : y + BAND * 3 + 1]
    ys, xs = np.nonzero(band)
    if len(xs) < MIN_RUN or xs.max() - xs.min() < MIN_RUN * 3:
        return 0.0
    slope, _ = np.polyfit(xs.astype(float), ys.astype(float), 1)
    return float(slope)


def straighten(gray: Image.Image) -> Image.Image:
    """The page turned so that its table's horizontal lines lie level (scans come a little
    askew: 0.5 degree moves a line 30 px across an A4 page at 300 dpi)."""
    ink = np.asarray(gray) < INK
    slope = _slope(_runs(ink, MIN_RUN, 1))
    if abs(slope) < 0.0005 or abs(slope) > 0.05:
        return gray
    angle = math.degrees(math.atan(slope))
    return gray.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)


def find_grid(ink: Mask) -> tuple[Grid, Mask] | None:
    """The ruling lines of the page's table and the mask of their pixels; None without a
    table of at least two columns and two rows."""
    horizontal = _runs(ink, MIN_RUN, 1)
    vertical = _runs(ink, MIN_RUN, 0)
    h_cover = _coverage(horizontal, 1)
    if h_cover.max() < MIN_RUN * 4:
        return None
    ys = _peaks(h_cover, h_cover.max() * H_COVER)
    if len(ys) < 3:
        return None
    inside = np.zeros_like(vertical)
    inside[ys[0] : ys[-1] + 1] = vertical[ys[0] : ys[-1] + 1]
    xs = _peaks(_coverage(inside, 0), (ys[-1] - ys[0]) * V_COVER)
    if len(xs) < 3:
        return None
    return Grid(xs, ys), horizontal | vertical


def _words(image: Image.Image) -> list[Word]:
    return read_image(image).words


@dataclass
class _Line:
    words: list[Word]

    @property
    def conf(self) -> float:
        return sum(w.conf for w in self.words) / len(self.words)

    @property
    def middle(self) -> float:
        return sum(w.top + w.height / 2 for w in self.words) / len(self.words)

    def text(self) -> str:
        """The words left to right, a space where the gap is wider than a narrow letter."""
        ordered = sorted(self.words, key=lambda w: w.left)
        heights = sorted(w.height for w in ordered)
        gap = max(8.0, heights[len(heights) // 2] * 0.5)
        out = ordered[0].text
        right = ordered[0].right
        for word in ordered[1:]:
            out += (" " if word.left - right > gap else "") + word.text
            right = max(right, word.right)
        return _TAIL_SPECK.sub("", _LEAD_SPECK.sub("", out.strip())).strip()


def visual_lines(words: Sequence[Word]) -> list[_Line]:
    """Words grouped by tesseract's own line ids, top to bottom."""
    groups: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        if word.text.strip():
            groups.setdefault((word.block, word.par, word.line), []).append(word)
    lines = []
    for group in groups.values():
        if _Line(group).conf < MIN_LINE_CONF:
            continue
        kept = [
            w for w in group if w.conf >= MIN_LATIN_CONF or len(w.text) > 3 or _KEEP.search(w.text)
        ]
        if kept:
            lines.append(_Line(kept))
    return sorted(lines, key=lambda line: line.middle)


def grid_rows(image: Image.Image, grid: Grid, lines_mask: Mask, read: ReadWords) -> list[list[str]]:
    """Cell texts of the grid, row by row: each column strip read once, lines sorted into rows."""
    pixels = np.asarray(image).copy()
    pixels[lines_mask] = 255  # the rules themselves read as "|" and "l"
    clean = Image.fromarray(pixels)
    top, bottom = grid.ys[0], grid.ys[-1]
    bands = list(zip(grid.ys, grid.ys[1:], strict=False))
    rows: list[list[list[str]]] = [[[] for _ in grid.xs[1:]] for _ in bands]
    for col, (left, right) in enumerate(zip(grid.xs, grid.xs[1:], strict=False)):
        strip = clean.crop((left + 2, top + 2, right - 2, bottom - 2))
        if np.asarray(strip).min() >= INK:
            continue  # nothing written in this column
        words = read(ImageOps.expand(strip, border=PAD, fill=255))
        for line in visual_lines(words):
            y = line.middle - PAD + top + 2
            for index, (y0, y1) in enumerate(bands):
                if y0 <= y < y1:
                    text = line.text()
                    if text:
                        rows[index][col].append(text)
                    break
    out = [
        ["\n".join(restore_ocr_marks(repair_text(t)) for t in cell).strip() for cell in row]
        for row in rows
    ]
    return [row for row in out if any(cell for cell in row)]


def page_table(image: Image.Image, page: int, read: ReadWords | None = None) -> Table | None:
    """The ruled table of one page image (any mode; 300 dpi expected), or None.

    A scanned measures report gives rows like ["มาตรการ/แนวทาง", "วิธีดำเนินการ", ...] then
    ["1. ด้านการปฏิบัติหน้าที่\\n- ปรับปรุงการให้บริการ...", "1. ทบทวนคู่มือ...", ...].
    """
    gray = straighten(image.convert("L"))
    found = find_grid(np.asarray(gray) < INK)
    if found is None:
        return None
    grid, mask = found
    rows = grid_rows(gray, grid, mask, read or _words)
    if len(rows) < 2:
        return None
    return Table(page, rows, pages=[page], row_pages=[page] * len(rows))


def ocr_tables(
    data: bytes, pages: Sequence[int], *, dpi: int = 300, read: ReadWords | None = None
) -> list[Table]:
    """The ruled tables of the given pages of a PDF (scanned pages), one per page at most."""
    tables: list[Table] = []
    doc = pdfium.PdfDocument(data)
    try:
        for number in pages:
            if not 1 <= number <= len(doc):
                continue
            page = doc[number - 1]
            bitmap = page.render(scale=dpi / 72)
            image = bitmap.to_pil().convert("L")
            bitmap.close()
            page.close()
            table = page_table(image, number, read)
            if table is not None:
                tables.append(table)
    finally:
        doc.close()
    return tables
