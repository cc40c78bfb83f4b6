"""Draw a Layout with fpdf2 (render path "fpdf2")."""

from __future__ import annotations

from fpdf import FPDF

from prongsai.sample.corpus_build import fpdfkit
from prongsai.sample.corpus_build.layout import Grid, Heading, Layout, PageBreak, Para, Title


def measurer(font: str, size: float = 12) -> FPDF:
    """A scratch document whose get_string_width measures table text as it will be drawn."""
    pdf = fpdfkit.new_pdf(font)
    pdf.set_font(font, size=size)
    return pdf


def render(doc: Layout) -> bytes:
    pdf = fpdfkit.new_pdf(doc.font, landscape=doc.landscape)
    pdf.add_page()
    for block in doc.blocks:
        if isinstance(block, Title):
            pdf.ln(4)
            for line in block.lines:
                fpdfkit.heading(pdf, line, 18)
            pdf.ln(4)
        elif isinstance(block, Heading):
            fpdfkit.heading(pdf, block.text, block.size, align=block.align)
            pdf.ln(1)
        elif isinstance(block, Para):
            if block.spaced:
                fpdfkit.spaced_line(pdf, block.text)
            else:
                fpdfkit.para(pdf, block.text, indent=block.indent, gap=block.gap)
        elif isinstance(block, PageBreak):
            pdf.add_page()
        elif isinstance(block, Grid):
            for n, (header, rows) in enumerate(zip(block.headers, block.chunks, strict=True)):
                if n:
                    pdf.add_page()
                bold = block.bold[n] if n < len(block.bold) else set()
                fpdfkit.table(
                    pdf,
                    header,
                    rows,
                    block.widths,
                    aligns=[{"L": "LEFT", "R": "RIGHT", "C": "CENTER"}[a] for a in block.aligns],
                    size=block.size,
                    bold_rows=frozenset(bold),
                )
    return bytes(pdf.output())
