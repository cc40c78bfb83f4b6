"""Draw a Document with fpdf2, tables by hand so every border style and row split is possible."""

from __future__ import annotations

from fpdf import FPDF

from prongsai.sample.corpus_build import fpdfkit
from prongsai.sample.corpus_build.randomized.doc import (
    Cell,
    Document,
    PageBreak,
    Para,
    Table,
    Title,
    place,
)
from prongsai.sample.corpus_build.text import wrap

PAD = 1.0  # mm inside a cell


def _lines(pdf: FPDF, text: str, width: float) -> list[str]:
    out: list[str] = []
    for par in text.split("\n"):
        out += wrap(par, width, pdf.get_string_width) if par.strip() else [""]
    return out


def _para(pdf: FPDF, block: Para, size: float) -> None:
    pdf.set_font(pdf.font_family, "B" if block.bold else "", block.size or size)
    lh = (block.size or size) * 0.5
    width = pdf.epw - block.indent
    for line in _lines(pdf, block.text, width - 1):
        pdf.set_x(pdf.l_margin + block.indent)
        pdf.cell(width, lh, line, align=block.align, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)
    pdf.set_font(pdf.font_family, "", size)


class _TableDrawer:
    def __init__(self, pdf: FPDF, t: Table) -> None:
        self.pdf, self.t = pdf, t
        total = sum(t.widths)
        self.w = [x * pdf.epw / total for x in t.widths]
        self.x0 = pdf.l_margin
        self.lh = t.size * 0.46
        self.bottom = pdf.h - pdf.b_margin
        self.seg_top = 0.0

    def _span_w(self, col: int, cell: Cell) -> float:
        return sum(self.w[col : col + cell.colspan])

    def _x(self, col: int) -> float:
        return self.x0 + sum(self.w[:col])

    def _cell_lines(self, col: int, cell: Cell, bold: bool) -> list[str]:
        self.pdf.set_font(self.pdf.font_family, "B" if bold else "", self.t.size)
        return _lines(self.pdf, cell.text, self._span_w(col, cell) - 2 * PAD)

    def _draw_text(self, col: int, cell: Cell, y: float, lines: list[str], bold: bool) -> None:
        pdf = self.pdf
        pdf.set_font(pdf.font_family, "B" if bold else "", self.t.size)
        w = self._span_w(col, cell)
        for i, line in enumerate(lines):
            pdf.set_xy(self._x(col) + PAD, y + PAD + i * self.lh)
            pdf.cell(w - 2 * PAD, self.lh, line, align=cell.align)

    def _hline(self, y: float) -> None:
        self.pdf.line(self.x0, y, self.x0 + sum(self.w), y)

    def header(self, y: float) -> float:
        t, pdf = self.t, self.pdf
        if not t.header:
            return y
        placed = place(t.header, t.ncols)
        lines = [[self._cell_lines(c, cell, True) for c, cell in row] for row in placed]
        heights = [self.lh + 2 * PAD] * len(placed)
        for r, row in enumerate(placed):
            for (_, cell), ls in zip(row, lines[r], strict=True):
                if cell.rowspan == 1:
                    heights[r] = max(heights[r], len(ls) * self.lh + 2 * PAD)
        for r, row in enumerate(placed):
            for (_, cell), ls in zip(row, lines[r], strict=True):
                end = min(r + cell.rowspan, len(heights))
                need = len(ls) * self.lh + 2 * PAD - sum(heights[r:end])
                if need > 0:
                    heights[end - 1] += need
        if y + sum(heights) + self.lh * 2 > self.bottom:
            pdf.add_page()
            y = pdf.t_margin
        self.seg_top = y
        if t.borders in ("hrules", "header_rule"):
            self._hline(y)
        for r, row in enumerate(placed):
            for (c, cell), ls in zip(row, lines[r], strict=True):
                h = sum(heights[r : r + cell.rowspan])
                if t.borders == "grid":
                    pdf.set_fill_color(236, 236, 236)
                    pdf.rect(self._x(c), y, self._span_w(c, cell), h, style="DF")
                off = max(0.0, (h - len(ls) * self.lh - 2 * PAD) / 2)
                self._draw_text(c, cell, y + off, ls, True)
            y += heights[r]
            if t.borders == "hrules" or (t.borders == "header_rule" and r == len(placed) - 1):
                self._hline(y)
        return y

    def _close_segment(self, y: float) -> None:
        if self.t.borders == "frame":
            self.pdf.rect(self.x0, self.seg_top, sum(self.w), y - self.seg_top)

    def _new_page(self, y: float) -> float:
        self._close_segment(y)
        self.pdf.add_page()
        y = self.pdf.t_margin
        self.seg_top = y
        if self.t.repeat_header:
            y = self.header(y)
        elif self.t.borders in ("hrules",):
            self._hline(y)
        return y

    def _row(self, y: float, placed: list[tuple[int, Cell]], lines: list[list[str]]) -> float:
        t, pdf = self.t, self.pdf
        h = max([len(ls) for ls in lines] + [1]) * self.lh + 2 * PAD
        for (c, cell), ls in zip(placed, lines, strict=True):
            if t.borders == "grid":
                pdf.rect(self._x(c), y, self._span_w(c, cell), h)
            self._draw_text(c, cell, y, ls, cell.bold)
        y += h
        if t.borders == "hrules":
            self._hline(y)
        return y

    def draw(self, y: float) -> float:
        t = self.t
        y = self.header(y)
        for i, row in enumerate(place(t.body, t.ncols)):
            lines = [self._cell_lines(c, cell, cell.bold) for c, cell in row]
            if i in t.page_breaks:
                y = self._new_page(y)
            n = max([len(ls) for ls in lines] + [1])
            room = int((self.bottom - y - 2 * PAD) // self.lh)
            if n > room:
                if t.row_split and room >= 1 and n > 1:
                    y = self._row(y, row, [ls[:room] for ls in lines])
                    lines = [ls[room:] for ls in lines]
                y = self._new_page(y)
            y = self._row(y, row, lines)
        self._close_segment(y)
        if t.borders == "header_rule":
            self._hline(y)
        return y


def _table(pdf: FPDF, t: Table, size: float) -> None:
    pdf.set_auto_page_break(False)
    y = _TableDrawer(pdf, t).draw(pdf.get_y())
    pdf.set_auto_page_break(True, margin=12)
    pdf.set_xy(pdf.l_margin, y + 3)
    pdf.set_font(pdf.font_family, "", size)


def render(doc: Document) -> bytes:
    pdf = fpdfkit.new_pdf(doc.font, landscape=doc.landscape)
    pdf.add_page()
    for block in doc.blocks:
        if isinstance(block, Title):
            pdf.ln(2)
            for line in block.lines:
                _para(pdf, Para(line, bold=True, align="C", size=block.size), doc.size)
            pdf.ln(2)
        elif isinstance(block, Para):
            _para(pdf, block, doc.size)
        elif isinstance(block, PageBreak):
            pdf.add_page()
        elif isinstance(block, Table):
            _table(pdf, block, doc.size)
    return bytes(pdf.output())
