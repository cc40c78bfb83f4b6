"""Text layers through broken fonts: glyph names pdfminer cannot read, glyphs with no text,
LibreOffice's sara am after a tone, and the junk detector (which must spare good pages)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fpdf import FPDF

from prongsai.extract import pdftext
from prongsai.extract.pdftext import glyph_char, health, read_pages, why_ocr
from prongsai.extract.thai import junk_share

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pdftext"
CORPUS = Path(__file__).resolve().parents[2] / "sample" / "corpus"
LAKSAMAN = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
NAM = ["องค์การบริหารส่วนตำบลน้ำพอง", "เทศบาลตำบลบ้านน้ำดิบ", "น้ำท่วม", "ค่าน้ำประปา"]


def _pdf(font: Path, lines: list[str]) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("F", fname=str(font))
    pdf.set_font("F", size=14)
    for line in lines:
        pdf.cell(0, 9, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


class _FakeOcr:
    """Stands in for pdftext.ocr_pages: records the pages asked for, returns `text` for each."""

    def __init__(self, text: str = "") -> None:
        self.asked: list[int] = []
        self.text = text

    def __call__(self, _data: bytes, pages: list[int], **_kw: Any) -> dict[int, str]:
        self.asked += pages
        return {n: self.text for n in pages} if self.text else {}


def test_glyph_names_pdfminer_lacks() -> None:
    assert glyph_char("afii59681") == "ก"
    assert glyph_char("afii59725;") == "อ"  # Ghostscript 8.71's stray tail
    assert glyph_char("afii59728") == "\u0e31"  # mai han-akat and sara a are out of order
    assert glyph_char("afii59729") == "\u0e30"
    assert glyph_char("afii59752") == "\u0e48"
    assert glyph_char("f70a;") == "\uf70a"  # PUA mark, mapped later by map_pua
    assert glyph_char("no-such-glyph") is None


@pytest.mark.parametrize("font", ["garuda", "kinnari"])
def test_libreoffice_sara_am_after_tone(font: str) -> None:
    """LibreOffice draws "น้ำ" as "น", "ำ" (its nikhahit glyph), a tone glyph without text, "า"
    (regression: it read "นำ", or "นาำ" in layout order, so "...น้ำ..." names did not match)."""
    pages = read_pages((FIXTURES / f"libreoffice_nam_{font}.pdf").read_bytes(), ocr=False)
    lines = pages[0].text.split("\n")
    assert pages[0].method == "text"
    assert lines[:4] == NAM
    assert "ต่ำกว่า" in lines[4]  # the shifted mai ek's ToUnicode is an apostrophe
    assert "ผู้นำชุมชน" in lines[4]  # a real นำ keeps no tone
    assert "ค้ำประกัน" in lines[4]


@pytest.mark.skipif(not LAKSAMAN.exists(), reason="tlwg fonts absent")
def test_fpdf2_sara_am_glyph_gets_no_mark() -> None:
    """fpdf2 draws the aa of a shaped sara am as a glyph with no text but a width: no mark."""
    lines = ["ผู้นำชุมชนทำงานประจำปีงบประมาณ", "สำนักงานสาธารณสุขอำเภอ", "น้ำท่วม ค่าน้ำประปา"]
    assert read_pages(_pdf(LAKSAMAN, lines), ocr=False)[0].text.split("\n") == lines


@pytest.mark.skipif(not LAKSAMAN.exists(), reason="tlwg fonts absent")
def test_amounts_and_english_are_not_junk(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _FakeOcr("ไม่ควรถูกใช้")
    monkeypatch.setattr(pdftext, "ocr_pages", fake)
    lines = [
        "Project (Smart Farmer) 2566 2567 2568 Total",
        "New Normal Medical Care, Digital Health: 1,250,000.00 500,000 - 750,000",
        "End-to-End Services 12.5000 105.1000 239.6000 (THB million)",
        "e-GP / e-LAAS / ITA 2567: IIT 86.90 EIT 80.84 OIT 92.50 = 85.21 (A)",
        "งบประมาณรวม 2,500,000 บาท",
    ]
    pages = read_pages(_pdf(LAKSAMAN, lines), ocr=True)
    assert fake.asked == []
    assert pages[0].method == "text"
    assert junk_share(pages[0].text) < 0.02


@pytest.mark.skipif(not DEJAVU.exists(), reason="DejaVu fonts absent")
def test_greek_text_layer_goes_to_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    """What MS Reporting Services' e-LAAS reports decode to in pdfium: Thai as Greek."""
    junk = ["υϔτΪΕϔτΪυϖΩ νυϒσϔεΣϔυ ΩμζϬϔϟλϖλΩϔλ", "ΦΕϔηϏμϠιλξϛΖναϖμϓηϖυϔάΣϔυ 0.00 21,750.00"] * 3
    fake = _FakeOcr("รายงานประมาณการรายจ่าย ประจำปีงบประมาณ พ.ศ. 2560 เทศบาลตำบลพอกน้อย")
    monkeypatch.setattr(pdftext, "ocr_pages", fake)
    pages = read_pages(_pdf(DEJAVU, junk), ocr=True)
    assert fake.asked == [1]
    assert pages[0].method == "ocr"
    assert why_ocr(pages[0]) == "junk"
    assert health(junk[0]) < 0.1


@pytest.mark.skipif(not CORPUS.exists(), reason="sample corpus absent")
def test_corpus_text_layers_are_not_judged_junk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only pages with no text layer (the corpus scans) are sent to OCR."""
    files = sorted(CORPUS.glob("*.pdf"))
    assert files
    for f in files:
        fake = _FakeOcr()
        monkeypatch.setattr(pdftext, "ocr_pages", fake)
        data = f.read_bytes()
        pages = read_pages(data, ocr=True)
        counts = [len(t) for t in pdftext._pdfium_texts(data)]
        assert all(counts[n - 1] < pdftext.MIN_TEXT_CHARS for n in fake.asked), (f.name, fake.asked)
        for page in pages:
            if page.method == "text":
                assert junk_share(page.text) < pdftext.MAX_JUNK, (f.name, page.number)


def _chars(texts: list[str]) -> list[dict[str, Any]]:
    return [
        {"text": t, "x0": 5.0 * i, "x1": 5.0 * i + 4, "top": 0.0, "bottom": 10.0}
        for i, t in enumerate(texts)
    ]


def test_pdfium_reference_fills_unmapped_glyphs_and_mis_mapped_marks() -> None:
    """LibreOffice's sara aa with no mapping and its tone read as sara u: pdfium's text wins."""
    chars = _chars(["ห", "น", "ุ", "ว", "ย", "ง", "(cid:3)", "น"])
    fixed, changed = pdftext._with_reference(chars, "หน่วยงาน")
    assert "".join(c["text"] for c in fixed) == "หน่วยงาน"
    assert changed == [2, 6]
    assert fixed[6]["x0"] == chars[6]["x0"]  # positions stay pdfplumber's


def test_pdfium_reference_never_swaps_letters_or_reorders() -> None:
    # a consonant is never replaced, even where the two readings differ char for char
    fixed, changed = pdftext._with_reference(_chars(["ก", "า", "ร"]), "กาน")
    assert changed == []
    assert "".join(c["text"] for c in fixed) == "การ"
    # a page drawn in another order is left as pdfplumber reads it
    texts = list("สำนักงานเทศบาลตำบลบ้านใหม่")
    fixed, changed = pdftext._with_reference(_chars(texts), "".join(reversed(texts)))
    assert changed == []
    assert [c["text"] for c in fixed] == texts
