"""Tables read from word positions on pages with no ruling lines: cells that run close, header
labels over columns the body leaves blank, title lines above the table."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from fpdf import FPDF

from prongsai.extract import pdftext
from prongsai.extract.wordtable import word_tables

GARUDA = Path("/usr/share/fonts/truetype/tlwg/Garuda.ttf")
pytestmark = pytest.mark.skipif(not GARUDA.exists(), reason="fonts-thai-tlwg absent")

# x and width of each column (mm); amounts right-aligned, texts left-aligned.
NAME, STRATEGY, Y1, Y2, UNIT = (10, 80), (90, 30), (120, 28), (148, 28), (176, 30)


def _page(rows: list[tuple[str, str, str, str, str]], title: str | None = None) -> bytes:
    pdf = FPDF(orientation="landscape")
    pdf.add_page()
    pdf.add_font("G", fname=str(GARUDA))
    pdf.set_font("G", size=12)
    y = 15.0
    if title:
        pdf.set_xy(10, y)
        pdf.cell(190, 8, title)
        y += 12
    for n, row in enumerate(rows):
        for (x, w), text in zip((NAME, STRATEGY, Y1, Y2, UNIT), row, strict=True):
            pdf.set_xy(x, y)
            amount = text[:1].isdigit() and n > 0
            pdf.cell(w, 8, text, align="R" if amount else "C" if text == "-" else "L")
        y += 9
    return bytes(pdf.output())


def _tables(data: bytes) -> list[list[list[str]]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return word_tables(pdftext.fixed_page(pdf.pages[0]))


HEADER = ("โครงการ", "ยุทธศาสตร์", "ปี 2566", "ปี 2567", "หน่วยงาน")
BODY = [
    ("1) โครงการอบรมคุณธรรม", "", "100,000.00", "5,000.00", "สำนักปลัด"),
    ("2) กิจกรรมเผยแพร่ข้อมูล", "", "20,000.00", "20,000.00", "กองคลัง"),
    ("3) มาตรการไม่รับของขวัญ", "", "-", "-", "กองช่าง"),
    ("4) โครงการตรวจสอบภายใน", "", "50,000.00", "50,000.00", "กองคลัง"),
]


def test_amount_run_into_the_next_cell_is_two_cells() -> None:
    """A right-aligned amount ends less than a space before the next column's text."""
    [table] = _tables(_page([HEADER, *BODY]))
    first = next(r for r in table if r[0].startswith("1)"))
    assert "100,000.00" in first
    assert "สำนักปลัด" in first
    assert not any("100,000.00" in c and "สำนักปลัด" in c for c in first)


def test_header_over_a_blank_body_column_keeps_its_column() -> None:
    """ยุทธศาสตร์ heads a column no body row fills on this page: it does not join ปี 2566."""
    [table] = _tables(_page([HEADER, *BODY]))
    header = next(r for r in table if "ยุทธศาสตร์" in r)
    assert "ยุทธศาสตร์" in header
    assert "ปี 2566" in header
    assert header.index("ยุทธศาสตร์") != header.index("ปี 2566")
    assert len(header) == len(table[-1])


def test_body_rows_are_one_row_each() -> None:
    [table] = _tables(_page([HEADER, *BODY], title="แผนปฏิบัติการป้องกันการทุจริต ได้ 74.19 คะแนน"))
    numbered = [r for r in table if r[0][:2] in {"1)", "2)", "3)", "4)"}]
    assert [r[0][:2] for r in numbered] == ["1)", "2)", "3)", "4)"]
    dash_row = numbered[2]
    assert dash_row.count("-") == 2
