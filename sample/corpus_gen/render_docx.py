"""Word-processor path: python-docx builds a DOCX, LibreOffice exports it as PDF (Laksaman)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from prongsai.sample.corpus_gen.blocks import Break, Layout, Table, Text
from prongsai.sample.corpus_gen.textlayer import Policy, retext_pdf

FONT = "Laksaman"


def _run_font(run: object, size: float, bold: bool) -> None:
    run.font.name = FONT  # type: ignore[attr-defined]
    run.font.size = Pt(size)  # type: ignore[attr-defined]
    run.font.bold = bold  # type: ignore[attr-defined]
    rpr = run._element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:cs", "w:eastAsia", "w:hAnsi", "w:ascii"):
        fonts.set(qn(attr), FONT)
    szcs = OxmlElement("w:szCs")
    szcs.set(qn("w:val"), str(int(size * 2)))
    rpr.append(szcs)
    if bold:
        rpr.append(OxmlElement("w:bCs"))


def _orient(section: object, landscape: bool) -> None:
    s = section
    s.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT  # type: ignore[attr-defined]
    s.page_width, s.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))  # type: ignore[attr-defined]
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(s, side, Mm(15))


def _paragraph(container: object, text: str, size: float, bold: bool, align: str) -> None:
    p = container.add_paragraph()  # type: ignore[attr-defined]
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.space_before = Pt(0)
    if align == "C":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run_font(p.add_run(text), size, bold)


def _table(doc: object, block: Table) -> None:
    for i, (header, rows) in enumerate(zip(block.headers, block.chunks, strict=True)):
        if i > 0:
            doc.add_page_break()  # type: ignore[attr-defined]
        table = doc.add_table(rows=0, cols=len(block.widths))  # type: ignore[attr-defined]
        table.style = "Table Grid"
        table.autofit = False
        for column, width in zip(table.columns, block.widths, strict=True):
            column.width = Mm(width)
        for r_index, (cells, bold) in enumerate([(header, True)] + [(r.cells, r.bold) for r in rows]):
            row = table.add_row()
            if r_index == 0:  # repeat the header if LibreOffice breaks the table itself
                trpr = row._tr.get_or_add_trPr()
                trpr.append(OxmlElement("w:tblHeader"))
            for cell, text, width in zip(row.cells, cells, block.widths, strict=True):
                cell.width = Mm(width)
                cell._element.remove(cell.paragraphs[0]._element)
                for part in text.split("\n"):
                    _paragraph(cell, part, block.size, bold, "L")
        _paragraph(doc, "", 8, False, "L")


def build_docx(layout: Layout, path: Path) -> None:
    doc = Document()
    doc.core_properties.created = dt.datetime(2024, 1, 15, 9, 0)
    doc.core_properties.modified = dt.datetime(2024, 1, 15, 9, 0)
    doc.core_properties.author = "prongsai corpus"
    _orient(doc.sections[0], layout.landscape_first)
    for block in layout.blocks:
        if isinstance(block, Break):
            _orient(doc.add_section(WD_SECTION.NEW_PAGE), block.landscape)
        elif isinstance(block, Text):
            _paragraph(doc, block.text, block.size, block.bold, block.align)
        elif isinstance(block, Table):
            _table(doc, block)
    doc.save(str(path))


def render_docx(layout: Layout, out: Path, policy: Policy = "clean") -> None:
    with tempfile.TemporaryDirectory(prefix="prongsai-docx-") as tmp:
        src = Path(tmp) / (out.stem + ".docx")
        build_docx(layout, src)
        profile = Path(tmp) / "lo-profile"
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "pdf", "--outdir", tmp, str(src)],
            check=True, capture_output=True, timeout=180,
        )
        shutil.move(Path(tmp) / (out.stem + ".pdf"), out)
    retext_pdf(out, policy)
