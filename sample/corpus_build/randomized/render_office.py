"""Draw a Document as DOCX (python-docx) or XLSX (openpyxl) and convert it with LibreOffice.

LibreOffice is started once per batch of files (`convert`), with its own profile directory so
two workers can convert at the same time.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from docx import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

from prongsai.sample.corpus_build.randomized.doc import (
    Block,
    Document,
    PageBreak,
    Para,
    Table,
    Title,
    place,
)
from prongsai.sample.corpus_build.render_docx import _font
from prongsai.sample.corpus_build.render_fpdf import measurer
from prongsai.sample.corpus_build.text import wrap

# the TLWG file names whose fontconfig family has a space
FAMILY = {"TlwgTypist": "Tlwg Typist", "TlwgTypo": "Tlwg Typo", "TlwgMono": "Tlwg Mono"}
_ALIGN = {
    "L": WD_ALIGN_PARAGRAPH.LEFT,
    "R": WD_ALIGN_PARAGRAPH.RIGHT,
    "C": WD_ALIGN_PARAGRAPH.CENTER,
}
_XALIGN = {"L": "left", "R": "right", "C": "center"}


def _usable_mm(doc: Document) -> float:
    return (297.0 if doc.landscape else 210.0) - 30.0


# ---------------------------------------------------------------- DOCX


def _docx_para(
    container: object, text: str, font: str, size: float, bold: bool, align: str, first: bool
) -> None:
    for k, line in enumerate(text.split("\n")):
        add = container.add_paragraph  # type: ignore[attr-defined]
        p = container.paragraphs[0] if first and k == 0 else add()  # type: ignore[attr-defined]
        p.alignment = _ALIGN[align]
        p.paragraph_format.space_after = Pt(0)
        _font(p.add_run(line), font, size, bold)


_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")
_TABLE_BORDERS = {
    "grid": set(_EDGES),
    "frame": {"top", "left", "bottom", "right"},
    "hrules": {"top", "bottom", "insideH"},
    "header_rule": {"top", "bottom"},
    "none": set(),
}


def _borders(parent: object, tag: str, on: set[str], edges: tuple[str, ...]) -> None:
    el = OxmlElement(tag)
    for edge in edges:
        b = OxmlElement(f"w:{edge}")
        if edge in on:
            b.set(qn("w:val"), "single")
            b.set(qn("w:sz"), "4")
            b.set(qn("w:color"), "000000")
        else:
            b.set(qn("w:val"), "nil")
        el.append(b)
    parent.append(el)  # type: ignore[attr-defined]


def _docx_table(d: object, t: Table, doc: Document, font: str) -> None:
    rows = t.header + t.body
    table = d.add_table(rows=len(rows), cols=t.ncols)  # type: ignore[attr-defined]
    table.autofit = False
    total = sum(t.widths)
    widths = [Mm(w * _usable_mm(doc) / total) for w in t.widths]
    for j, col in enumerate(table.columns):
        col.width = widths[j]
    # table.cell() and row.cells walk the whole table each call: take the cells once, write
    # them, and merge last (merging leaves the covered cells' empty paragraphs out)
    grid = table._cells
    for k, dcell in enumerate(grid):
        dcell.width = widths[k % t.ncols]
    nh = len(t.header)
    spans = []
    for r, prow in enumerate(place(rows, t.ncols)):
        for c, cell in prow:
            target = grid[r * t.ncols + c]
            align = "C" if r < nh and cell.align == "L" else cell.align
            _docx_para(target, cell.text, font, t.size, r < nh or cell.bold, align, True)
            if t.borders == "header_rule" and r + cell.rowspan == nh:
                _borders(target._tc.get_or_add_tcPr(), "w:tcBorders", {"bottom"}, ("bottom",))
            if cell.rowspan > 1 or cell.colspan > 1:
                spans.append((r, c, cell))
    for r, c, cell in spans:
        table.cell(r, c).merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
    for r, row in enumerate(table.rows):
        trpr = row._tr.get_or_add_trPr()
        if r < nh and t.repeat_header:
            mark = OxmlElement("w:tblHeader")
            mark.set(qn("w:val"), "true")
            trpr.append(mark)
        if not t.row_split:
            trpr.append(OxmlElement("w:cantSplit"))
    _borders(table._tbl.tblPr, "w:tblBorders", _TABLE_BORDERS[t.borders], _EDGES)


def to_docx(doc: Document, path: Path) -> None:
    d = DocxDocument()
    font = FAMILY.get(doc.font, doc.font)
    _font(d.styles["Normal"], font, doc.size)
    section = d.sections[0]
    if doc.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin = section.bottom_margin = Mm(12)
    for block in doc.blocks:
        if isinstance(block, Title):
            for line in block.lines:
                p = d.add_paragraph()
                p.alignment = _ALIGN["C"]
                _font(p.add_run(line), font, block.size, True)
        elif isinstance(block, Para):
            p = d.add_paragraph()
            p.alignment = _ALIGN[block.align]
            p.paragraph_format.space_after = Pt(4)
            if block.indent:
                p.paragraph_format.left_indent = Mm(block.indent)
            _font(p.add_run(block.text), font, block.size or doc.size, block.bold)
        elif isinstance(block, PageBreak):
            d.add_page_break()  # type: ignore[no-untyped-call]
        elif isinstance(block, Table):
            _docx_table(d, block, doc, font)
            d.add_paragraph()
    d.save(str(path))


# ---------------------------------------------------------------- XLSX

_THIN = Side(style="thin", color="000000")
_NONE = Side()


def _xborder(style: str, r: int, c: int, nrows: int, ncols: int, nh: int) -> Border:
    def on(flag: bool) -> Side:
        return _THIN if flag else _NONE

    if style == "grid":
        return Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
    if style == "frame":
        return Border(
            left=on(c == 0), right=on(c == ncols - 1), top=on(r == 0), bottom=on(r == nrows - 1)
        )
    if style == "hrules":
        return Border(top=on(r == 0), bottom=_THIN)
    if style == "header_rule":
        return Border(top=on(r == 0), bottom=on(r in (nh - 1, nrows - 1)))
    return Border()


def _sheets(blocks: list[Block]) -> list[list[Block]]:
    """Blocks split after each table: one table (with the text before it) per sheet."""
    out: list[list[Block]] = [[]]
    for block in blocks:
        out[-1].append(block)
        if isinstance(block, Table):
            out.append([])
    if not out[-1]:
        out.pop()
    elif len(out) > 1 and not any(isinstance(b, Table) for b in out[-1]):
        tail = out.pop()
        out[-1] += tail
    return out


def _lines_needed(measure: object, text: str, width_mm: float) -> int:
    n = 0
    for par in text.split("\n"):
        n += max(1, len(wrap(par, width_mm, measure.get_string_width)))  # type: ignore[attr-defined]
    return n


def _xlsx_sheet(ws: object, blocks: list[Block], doc: Document, font: str) -> None:
    tables = [b for b in blocks if isinstance(b, Table)]
    usable = _usable_mm(doc)
    rel = tables[0].widths if tables else [1.0] * 6
    ncols = len(rel)
    col_mm = [w * usable / sum(rel) for w in rel]
    for j, mm in enumerate(col_mm):
        ws.column_dimensions[get_column_letter(j + 1)].width = mm / 1.9  # type: ignore[attr-defined]
    setup = ws.page_setup  # type: ignore[attr-defined]
    setup.orientation = "landscape" if doc.landscape else "portrait"
    setup.paperSize = 9  # A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[attr-defined]
    body_m = measurer(doc.font, doc.size)
    r = 1

    def merged_line(text: str, size: float, bold: bool, align: str) -> None:
        nonlocal r
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)  # type: ignore[attr-defined]
        cell = ws.cell(row=r, column=1, value=text)  # type: ignore[attr-defined]
        cell.font = Font(name=font, size=size, bold=bold)
        cell.alignment = Alignment(horizontal=_XALIGN[align], vertical="top", wrap_text=True)
        n = _lines_needed(body_m, text, usable * doc.size / size - 4)
        ws.row_dimensions[r].height = n * size * 1.45 + 2  # type: ignore[attr-defined]
        r += 1

    for block in blocks:
        if isinstance(block, Title):
            for line in block.lines:
                merged_line(line, block.size, True, "C")
        elif isinstance(block, Para):
            merged_line(block.text, block.size or doc.size, block.bold, block.align)
        elif isinstance(block, PageBreak):
            ws.row_breaks.append(Break(id=r - 1))  # type: ignore[attr-defined]
        elif isinstance(block, Table):
            r = _xlsx_table(ws, block, r, col_mm, font) + 1


def _xlsx_table(ws: object, t: Table, r0: int, col_mm: list[float], font: str) -> int:
    rows = t.header + t.body
    nh, nrows = len(t.header), len(rows)
    m = measurer(FAMILY_FILE.get(font, font), t.size)
    heights = [1] * nrows
    for r, prow in enumerate(place(rows, t.ncols)):
        for c, cell in prow:
            if cell.rowspan > 1 or cell.colspan > 1:
                ws.merge_cells(  # type: ignore[attr-defined]
                    start_row=r0 + r,
                    start_column=c + 1,
                    end_row=r0 + r + cell.rowspan - 1,
                    end_column=c + cell.colspan,
                )
            x = ws.cell(row=r0 + r, column=c + 1, value=cell.text)  # type: ignore[attr-defined]
            x.font = Font(name=font, size=t.size, bold=r < nh or cell.bold)
            align = "C" if r < nh and cell.align == "L" else cell.align
            x.alignment = Alignment(
                horizontal=_XALIGN[align],
                vertical="center" if r < nh else "top",
                wrap_text=True,
            )
            x.number_format = "@"
            if cell.rowspan == 1:
                w = sum(col_mm[c : c + cell.colspan]) - 3
                heights[r] = max(heights[r], _lines_needed(m, cell.text, w))
    for r in range(nrows):
        for c in range(t.ncols):
            ws.cell(row=r0 + r, column=c + 1).border = _xborder(  # type: ignore[attr-defined]
                t.borders, r, c, nrows, t.ncols, nh
            )
        ws.row_dimensions[r0 + r].height = heights[r] * t.size * 1.4 + 3  # type: ignore[attr-defined]
    if t.repeat_header and nh:
        ws.print_title_rows = f"{r0}:{r0 + nh - 1}"  # type: ignore[attr-defined]
    return r0 + nrows


FAMILY_FILE = {v: k for k, v in FAMILY.items()}


def to_xlsx(doc: Document, path: Path) -> None:
    wb = Workbook()
    font = FAMILY.get(doc.font, doc.font)
    for i, blocks in enumerate(_sheets(doc.blocks)):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = f"Sheet{i + 1}"
        _xlsx_sheet(ws, blocks, doc, font)
    wb.save(str(path))


def convert(paths: list[Path], outdir: Path, profile: Path) -> None:
    """PDFs of the DOCX/XLSX files in outdir, one LibreOffice run for all of them."""
    if not paths:
        return
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *[str(p) for p in paths],
        ],
        check=True,
        capture_output=True,
        timeout=120 + 30 * len(paths),
    )
    missing = [p.name for p in paths if not p.with_suffix(".pdf").exists()]
    if missing:
        raise RuntimeError(f"LibreOffice wrote no PDF for {missing}")
