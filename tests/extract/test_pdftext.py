"""Page text from PDF bytes: errors, fixed marks, per-page method, and the real-PDF figures."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from fpdf import FPDF

from prongsai.extract.pdftext import PdfError, clean_cell, fixed_page, open_pdf, read_pages
from prongsai.extract.thai import dictionary_share

REAL = Path(__file__).resolve().parents[3] / "shared" / "real-pdfs"
FONT = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")


def _thai_pdf(lines: list[str]) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("Laksaman", fname=str(FONT))
    pdf.set_font("Laksaman", size=16)
    for line in lines:
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _blank_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    return bytes(pdf.output())


def test_not_pdf() -> None:
    with pytest.raises(PdfError) as err:
        open_pdf(b"<html>not a pdf</html>")
    assert err.value.reason == "not_pdf"
    assert isinstance(err.value, ValueError)


def test_truncated() -> None:
    data = _blank_pdf()
    with pytest.raises(PdfError) as err:
        open_pdf(data[: len(data) // 3])
    assert err.value.reason == "malformed"


def test_encrypted() -> None:
    buf = io.BytesIO()
    with pikepdf.open(io.BytesIO(_blank_pdf())) as pdf:
        pdf.save(buf, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    with pytest.raises(PdfError) as err:
        open_pdf(buf.getvalue())
    assert err.value.reason == "encrypted"


@pytest.mark.skipif(not FONT.exists(), reason="tlwg fonts absent")
def test_read_pages_text_layer() -> None:
    data = _thai_pdf(["สำนักงานสาธารณสุขอำเภอหนองใหญ่", "ข้อมูลพื้นฐาน ปีงบประมาณ 2567"])
    pages = read_pages(data, ocr=False)
    assert [p.method for p in pages] == ["text"]
    assert "สำนักงานสาธารณสุขอำเภอ" in pages[0].text
    assert pages[0].dictionary_share is not None
    assert pages[0].dictionary_share >= 0.97


def test_blank_page_is_empty_without_ocr() -> None:
    pages = read_pages(_blank_pdf(), ocr=False)
    assert [(p.number, p.method, p.text) for p in pages] == [(1, "empty", "")]


def test_clean_cell() -> None:
    assert clean_cell(None) == ""
    assert clean_cell("  ๑. ส านักปลัด  \n\n ๒. กองคลัง ") == "๑. สำนักปลัด\n๒. กองคลัง"


@pytest.mark.skipif(not (REAL / "EB1_1.1.pdf").exists(), reason="real PDFs absent")
def test_fixed_page_attaches_marks_in_stream_order() -> None:
    with open_pdf((REAL / "EB1_1.1.pdf").read_bytes()) as pdf:
        page = pdf.pages[0]
        raw = page.extract_text()
        fixed = fixed_page(page)
        text = fixed.extract_text()
        assert "ขอ้ มลู" in raw
        assert "ข้อมูล" in text
        assert "สำนักงานสาธารณส" in text  # the zero-width space before sara aa was a nikhahit
        assert isinstance(fixed.extract_tables(), list)
        assert len(fixed.chars) < len(page.chars)


def _nonspace(text: str) -> int:
    return len("".join(text.split()))


@pytest.mark.skipif(not REAL.exists(), reason="real PDFs absent")
@pytest.mark.parametrize(
    "name", sorted(p.name for p in REAL.glob("*.pdf")) if REAL.exists() else []
)
def test_real_pdf_pages_repaired(name: str) -> None:
    for page in read_pages((REAL / name).read_bytes(), ocr=False):
        if page.method != "text":
            continue
        raw_share = dictionary_share(page.raw)
        assert page.dictionary_share is not None
        assert page.dictionary_share >= 0.97, (name, page.number, raw_share)
        assert page.dictionary_share >= raw_share
        # Spurious spaces go, so compare letters: nothing dropped, nothing invented.
        ratio = _nonspace(page.text) / _nonspace(page.raw)
        assert 0.95 <= ratio <= 1.05, (name, page.number, ratio)
