from __future__ import annotations

import pytest
from fpdf import FPDF

FONT = "/usr/share/fonts/truetype/tlwg/Garuda.ttf"


@pytest.fixture(scope="session")
def minimal_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("Garuda", fname=FONT)
    pdf.set_font("Garuda", size=14)
    pdf.cell(text="แผนปฏิบัติการป้องกันการทุจริต องค์การบริหารส่วนตำบลเขาทอง")
    return bytes(pdf.output())
