"""fpdf2 building blocks: a shaped-Thai document, headings, paragraphs and bordered tables."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from prongsai.sample.corpus_build.text import wrap

FONTS = Path("/usr/share/fonts/truetype/tlwg")
BODY = 14


def new_pdf(font: str = "Laksaman", *, landscape: bool = False) -> FPDF:
    """An A4 document with the TLWG font registered (regular and bold) and Thai shaping on."""
    pdf = FPDF(orientation="L" if landscape else "P", unit="mm", format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=UTC))
    pdf.add_font(font, "", str(FONTS / f"{font}.ttf"))
    pdf.add_font(font, "B", str(FONTS / f"{font}-Bold.ttf"))
    pdf.set_text_shaping(True)
    pdf.set_margins(15, 12, 15)
    pdf.set_auto_page_break(True, margin=12)
    pdf.set_font(font, size=BODY)
    return pdf


def heading(pdf: FPDF, text: str, size: float = 18, *, align: str = "C") -> None:
    family = pdf.font_family
    pdf.set_font(family, "B", size)
    pdf.multi_cell(0, size * 0.5, text, align=align, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", BODY)


def para(pdf: FPDF, text: str, *, indent: float = 0, gap: float = 1.5) -> None:
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def spaced_line(pdf: FPDF, text: str, spacing: float = 2.6) -> None:
    """A line drawn with extra character spacing: readers then insert spaces inside words."""
    pdf.set_char_spacing(spacing)
    pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_char_spacing(0)


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """Break a cell's lines at Thai word boundaries (fpdf2 alone would cut inside words)."""
    lines: list[str] = []
    for line in text.split("\n"):
        lines += wrap(line, width - 2.6, pdf.get_string_width) or [""]
    return "\n".join(lines)


def table(
    pdf: FPDF,
    header: Sequence[str] | None,
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    aligns: Sequence[str] | None = None,
    size: float = 11,
    bold_rows: frozenset[int] = frozenset(),
    line_height: float | None = None,
) -> None:
    """A bordered table; the header row repeats on every page the table runs onto."""
    family = pdf.font_family
    pdf.set_font(family, "B", size)
    if header is not None:
        header = [_fit(pdf, text, w) for text, w in zip(header, widths, strict=True)]
    pdf.set_font(family, "", size)
    rows = [[_fit(pdf, text, w) for text, w in zip(row, widths, strict=True)] for row in rows]
    with pdf.table(
        col_widths=tuple(widths),
        width=sum(widths),
        text_align="LEFT",
        v_align="TOP",
        line_height=line_height or size * 0.45,
        first_row_as_headings=header is not None,
        repeat_headings=1,
        headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
        padding=(0.6, 1.0),
    ) as t:
        if header is not None:
            r = t.row()
            for text in header:
                r.cell(text, align="CENTER")
        for i, row in enumerate(rows):
            r = t.row()
            style = FontFace(emphasis="BOLD") if i in bold_rows else None
            for j, text in enumerate(row):
                align = (aligns[j] if aligns else "LEFT").upper()
                r.cell(text, align=align, style=style)
    pdf.set_font(family, "", BODY)
    pdf.ln(3)
