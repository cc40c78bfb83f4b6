"""Tables rebuilt from a scanned (image-only) page: ruling lines give cells, OCR fills them."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from prongsai.extract.ocr import parse_tsv
from prongsai.extract.ocr_tables import ocr_tables

FONT = Path("/usr/share/fonts/truetype/tlwg/Garuda.ttf")
needs_ocr = pytest.mark.skipif(
    shutil.which("tesseract") is None or not FONT.exists(), reason="tesseract or font absent"
)

ROWS = [
    ["มาตรการ", "วิธีดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา"],
    ["1. ลดเวลารอคอย", "ทบทวนคู่มือ", "สำนักปลัด", "ตุลาคม 2566"],
    ["2. เปิดเผยข้อมูล", "ประกาศทางเว็บไซต์", "กองคลัง", "มกราคม 2567"],
]
WIDTHS = [400, 420, 340, 340]


def _scan_pdf() -> bytes:
    """An A4 landscape page at 150 dpi holding only an image of a ruled 4-column Thai table,
    slightly askew as scans are."""
    page = Image.new("L", (1754, 1240), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), 34)
    left, top, height = 120, 200, 130
    xs = [left]
    for width in WIDTHS:
        xs.append(xs[-1] + width)
    for r, row in enumerate(ROWS):
        y = top + r * height
        for c, text in enumerate(row):
            draw.text((xs[c] + 20, y + 35), text, font=font, fill=0)
    for r in range(len(ROWS) + 1):
        draw.line([(xs[0], top + r * height), (xs[-1], top + r * height)], fill=0, width=4)
    for x in xs:
        draw.line([(x, top), (x, top + len(ROWS) * height)], fill=0, width=4)
    page = page.rotate(0.4, resample=Image.Resampling.BILINEAR, fillcolor=255)
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=150)
    return out.getvalue()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@needs_ocr
def test_ruled_scan_table_comes_back_cell_by_cell() -> None:
    tables = ocr_tables(_scan_pdf(), [1])
    assert len(tables) == 1
    table = tables[0]
    assert table.page == 1
    assert table.pages == [1]
    assert table.row_pages == [1, 1, 1]
    assert [len(row) for row in table.rows] == [4, 4, 4]
    got = [[_squash(cell) for cell in row] for row in table.rows]
    want = [[_squash(cell) for cell in row] for row in ROWS]
    assert got == want


@needs_ocr
def test_page_without_ruled_table_gives_none() -> None:
    page = Image.new("L", (1240, 1754), 255)
    ImageDraw.Draw(page).text(
        (100, 100), "ประกาศองค์การบริหารส่วนตำบล", font=ImageFont.truetype(str(FONT), 40)
    )
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=150)
    assert ocr_tables(out.getvalue(), [1]) == []


def test_parse_tsv_keeps_words_with_text() -> None:
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "4\t1\t1\t1\t1\t0\t10\t10\t100\t40\t-1\t\n"
        "5\t1\t2\t1\t3\t1\t190\t1043\t21\t31\t93.3\tก\n"
        "5\t1\t2\t1\t3\t2\t215\t1043\t21\t31\t95\t \n"
    )
    words = parse_tsv(tsv)
    assert [(w.text, w.left, w.right, w.block, w.line, w.conf) for w in words] == [
        ("ก", 190, 211, 2, 3, 93.3)
    ]
