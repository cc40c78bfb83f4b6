"""Draw a Layout as DOCX with python-docx and convert it with LibreOffice (render path
"docx-libreoffice"); the header row of each table repeats on every page (w:tblHeader)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from prongsai.sample.corpus_build.layout import Grid, Heading, Layout, PageBreak, Para, Title

_ALIGN = {
    "L": WD_ALIGN_PARAGRAPH.LEFT,
    "R": WD_ALIGN_PARAGRAPH.RIGHT,
    "C": WD_ALIGN_PARAGRAPH.CENTER,
}


def _font(run_or_style: object, font: str, size: float, bold: bool = False) -> None:
    """Set the font for Latin and complex-script (Thai) text alike."""
    f = run_or_style.font  # type: ignore[attr-defined]
    f.name, f.size, f.bold = font, Pt(size), bold
    rpr = run_or_style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)
    szcs = OxmlElement("w:szCs")
    szcs.set(qn("w:val"), str(int(size * 2)))
    rpr.append(szcs)
    if bold:
        rpr.append(OxmlElement("w:bCs"))


def _para(
    doc: object,
    text: str,
    font: str,
    size: float,
    *,
    bold: bool = False,
    align: str = "L",
    indent: float = 0,
    after: float = 3,
) -> None:
    p = doc.add_paragraph()  # type: ignore[attr-defined]
    p.alignment = _ALIGN[align]
    p.paragraph_format.space_after = Pt(after)
    if indent:
        p.paragraph_format.left_indent = Mm(indent)
    _font(p.add_run(text), font, size, bold)


def _grid(doc: object, g: Grid, font: str) -> None:
    header, rows = g.headers[0], [r for chunk in g.chunks for r in chunk]
    bold = g.bold[0] if g.bold else set()
    table = doc.add_table(rows=0, cols=len(header))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.autofit = False
    for j, col in enumerate(table.columns):
        col.width = Mm(g.widths[j])  # LibreOffice reads the w:gridCol widths
    for n, cells in enumerate([header, *rows]):
        row = table.add_row()
        if n == 0:
            trpr = row._tr.get_or_add_trPr()
            mark = OxmlElement("w:tblHeader")
            mark.set(qn("w:val"), "true")
            trpr.append(mark)
        for j, text in enumerate(cells):
            cell = row.cells[j]
            cell.width = Mm(g.widths[j])
            cell.paragraphs[0].text = ""
            for k, line in enumerate(text.split("\n")):
                p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                p.alignment = _ALIGN["C" if n == 0 else g.aligns[j]]
                p.paragraph_format.space_after = Pt(0)
                _font(p.add_run(line), font, g.size, n == 0 or (n - 1) in bold)


def render(doc_layout: Layout, stem: Path) -> bytes:
    """Write stem.docx, convert it to stem.pdf with soffice, return the PDF bytes."""
    doc = Document()
    font = doc_layout.font
    _font(doc.styles["Normal"], font, 14)
    section = doc.sections[0]
    if doc_layout.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(15))
    section.top_margin = section.bottom_margin = Mm(12)
    for block in doc_layout.blocks:
        if isinstance(block, Title):
            for line in block.lines:
                _para(doc, line, font, 18, bold=True, align="C")
        elif isinstance(block, Heading):
            _para(doc, block.text, font, block.size, bold=True, align=block.align)
        elif isinstance(block, Para):
            _para(doc, block.text, font, 13, indent=block.indent, after=block.gap * 2)
        elif isinstance(block, PageBreak):
            doc.add_page_break()  # type: ignore[no-untyped-call]
        elif isinstance(block, Grid):
            _grid(doc, block, font)
    stem.parent.mkdir(parents=True, exist_ok=True)
    path = stem.with_suffix(".docx")
    doc.save(str(path))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(path.parent), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return stem.with_suffix(".pdf").read_bytes()
