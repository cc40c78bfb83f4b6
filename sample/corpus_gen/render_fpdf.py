"""Direct path: fpdf2 with HarfBuzz text shaping and a TLWG font."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fpdf import FPDF
from pythainlp.tokenize import word_tokenize

from prongsai.sample.corpus_gen.blocks import Break, Layout, Row, Table, Text
from prongsai.sample.corpus_gen.textlayer import FONT_DIR, Policy, glyph_text

FIXED_DATE = dt.datetime(2024, 1, 15, 9, 0, tzinfo=dt.UTC)
MARGIN = 15.0
MM_PER_PT = 0.3528


class _Doc(FPDF):  # type: ignore[misc]
    pass


def _combining(ch: str) -> bool:
    return "\u0e31" == ch or "\u0e34" <= ch <= "\u0e3a" or "\u0e47" <= ch <= "\u0e4e"


def wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """Lines of at most `width` mm, broken between Thai words as a word processor does."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in word_tokenize(para, engine="newmm", keep_whitespace=True):
            if pdf.get_string_width(line + word) <= width:
                line += word
                continue
            if line.strip():
                lines.append(line.rstrip())
            line = word.lstrip()
            while pdf.get_string_width(line) > width:  # one word wider than the column
                cut = len(line) - 1
                while cut > 1 and (pdf.get_string_width(line[:cut]) > width or _combining(line[cut])):
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line.rstrip())
    return lines


class _Renderer:
    def __init__(self) -> None:
        self.pdf = _Doc(unit="mm", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_creation_date(FIXED_DATE)
        self.pdf.add_font("Laksaman", "", str(FONT_DIR / "Laksaman.ttf"))
        self.pdf.add_font("Laksaman", "B", str(FONT_DIR / "Laksaman-Bold.ttf"))
        self.pdf.set_text_shaping(True)
        self.landscape = False

    def page(self, landscape: bool) -> None:
        self.landscape = landscape
        self.pdf.add_page(orientation="L" if landscape else "P")
        self.pdf.set_xy(MARGIN, MARGIN)

    @property
    def bottom(self) -> float:
        return float(self.pdf.h) - MARGIN

    @property
    def inner(self) -> float:
        return float(self.pdf.w) - 2 * MARGIN

    def font(self, size: float, bold: bool) -> float:
        self.pdf.set_font("Laksaman", "B" if bold else "", size)
        return size * MM_PER_PT * 1.25

    def text(self, block: Text) -> None:
        lh = self.font(block.size, block.bold)
        for line in wrap(self.pdf, block.text, self.inner):
            if self.pdf.get_y() + lh > self.bottom:
                self.page(self.landscape)
            self.pdf.set_x(MARGIN)
            self.pdf.cell(self.inner, lh, line, align=block.align)
            self.pdf.ln(lh)
        self.pdf.ln(1)

    def row(self, row: Row, widths: list[float], size: float, bold: bool, header: list[str]) -> None:
        lh = self.font(size, bold or row.bold)
        cells = [wrap(self.pdf, c, w - 2) if c else [] for c, w in zip(row.cells, widths, strict=True)]
        height = max(len(c) for c in cells) * lh + 1.5
        if self.pdf.get_y() + height > self.bottom:
            self.page(self.landscape)
            self.row(Row(header), widths, size, True, header)
            self.font(size, bold or row.bold)
        y = self.pdf.get_y()
        x = MARGIN + (self.inner - sum(widths)) / 2
        for lines, w in zip(cells, widths, strict=True):
            self.pdf.rect(x, y, w, height)
            for i, line in enumerate(lines):
                self.pdf.set_xy(x + 1, y + 0.7 + i * lh)
                self.pdf.cell(w - 2, lh, line)
            x += w
        self.pdf.set_xy(MARGIN, y + height)

    def table(self, block: Table) -> None:
        for i, (header, rows) in enumerate(zip(block.headers, block.chunks, strict=True)):
            if i > 0:
                self.page(self.landscape)
            self.row(Row(header), block.widths, block.size, True, header)
            for row in rows:
                self.row(row, block.widths, block.size, False, header)
        self.pdf.ln(3)


def render_fpdf(layout: Layout, out: Path, policy: Policy = "clean") -> None:
    r = _Renderer()
    r.page(layout.landscape_first)
    for block in layout.blocks:
        if isinstance(block, Break):
            r.page(block.landscape)
        elif isinstance(block, Text):
            r.text(block)
        elif isinstance(block, Table):
            r.table(block)
    # fpdf2 leaves glyphs that HarfBuzz split off a cluster (sara aa of ำ) without text and
    # gives positional variants their cluster's text; name each glyph's text instead
    for font in r.pdf.fonts.values():
        for glyph, _ in font.subset.items():
            if glyph is not None and glyph.glyph_name:
                text = glyph_text(glyph.glyph_name, policy)
                if text:
                    glyph.unicode = tuple(ord(c) for c in text)
    r.pdf.output(str(out))
