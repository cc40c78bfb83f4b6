"""OCR of image-only pages with tesseract tha+eng."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from prongsai.extract.ocr import ocr_pages
from prongsai.extract.pdftext import read_pages

FONT = Path("/usr/share/fonts/truetype/tlwg/Garuda.ttf")
REAL = Path(__file__).resolve().parents[3] / "shared" / "real-pdfs"
LINES = ["สำนักงานสาธารณสุขอำเภอ", "ปีงบประมาณ 2567 ข้อมูลพื้นฐาน"]

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None or not FONT.exists(), reason="tesseract or fonts absent"
)


def _image() -> Image.Image:
    img = Image.new("L", (1400, 400), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), 56)
    for i, line in enumerate(LINES):
        draw.text((60, 60 + i * 140), line, font=font, fill=0)
    return img


def _scan_pdf() -> bytes:
    buf = io.BytesIO()
    _image().convert("RGB").save(buf, format="PDF", resolution=150)
    return buf.getvalue()


def test_ocr_image() -> None:
    text = ocr_pages({1: _image()})[1]
    assert "สำนักงาน" in text
    assert "ข้อมูล" in text


def test_read_pages_falls_back_to_ocr() -> None:
    pages = read_pages(_scan_pdf())
    assert [p.method for p in pages] == ["ocr"]
    assert "สาธารณสุข" in pages[0].text
    assert "ปีงบประมาณ" in pages[0].text


@pytest.mark.slow
@pytest.mark.skipif(not (REAL / "EB2_2.6.pdf").exists(), reason="real PDFs absent")
def test_real_scan_pages() -> None:
    pages = read_pages((REAL / "EB2_2.6.pdf").read_bytes())
    ocred = [p for p in pages if p.method == "ocr"]
    assert ocred
    assert all(p.text.strip() for p in ocred)
