"""ITA totals, levels and indicator scores, and the checks that compare them."""

from __future__ import annotations

import pytest

from prongsai.extract.ita import extract_ita, level_for, weighted_total
from prongsai.extract.records import Page, Table

HEADER = ["เครื่องมือ", "ตัวชี้วัด", "๒๕๖๕", "๒๕๖๖", "การเปลี่ยนแปลง"]
# Two years of a made-up เทศบาลตำบลคูเต่า; 2566 weighs to 83.27 (B), 2565 to 69.08 (C).
ROWS = [
    ["IIT", "๑. การปฏิบัติหน้าที่", "๘๕.๑๐", "๙๐.๑๒", "เพิ่มขึ้น"],
    ["", "๒. การใช้งบประมาณ", "๘๓.๒๐", "๘๘.๔๐", "เพิ่มขึ้น"],
    ["", "๓. การใช้อำนาจ", "๘๐.๔๐", "๘๖.๗๕", "เพิ่มขึ้น"],
    ["", "๔. การใช้ทรัพย์สิน\nของราชการ", "๘๒.๐๐", "๘๗.๐๐", "เพิ่มขึ้น"],
    ["", "๕. การแก้ไขปัญหาการทุจริต", "๗๙.๓๐", "๘๕.๕๐", "เพิ่มขึ้น"],
    ["EIT", "๖. คุณภาพการดำเนินงาน", "๗๘.๕๐", "๘๔.๓๐", "เพิ่มขึ้น"],
    ["", "๗. ประสิทธิภาพการสื่อสาร", "๗๔.๒๐", "๘๐.๑๐", "เพิ่มขึ้น"],
    ["", "๘. การปรับปรุงระบบการทำงาน", "๗๒.๑๐", "๗๙.๖๖", "เพิ่มขึ้น"],
    ["OIT", "๙. การเปิดเผยข้อมูล", "๖๐.๐๐", "๘๘.๐๐", "เพิ่มขึ้น"],
]
# The table breaks at a page: the last indicator and the summary rows come without a header.
TAIL = [
    ["", "๑๐. การป้องกันการทุจริต", "๕๐.๐๐", "๗๕.๐๐", "เพิ่มขึ้น"],
    ["", "คะแนนเฉลี่ย", "๖๙.๐๘", "๘๓.๒๗", ""],
    ["", "ระดับการประเมิน", "C", "B", ""],
]
NARRATIVE = (
    "ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
    "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ของเทศบาลตำบลคูเต่า\n"
    "๑) เทศบาลตำบลคูเต่า ได้รับผลการประเมินอยู่ในระดับ {level} ({total} คะแนน) ซึ่ง{trend} "
    "จากปีงบประมาณ พ.ศ. ๒๕๖๕ ที่ได้รับผลการประเมินอยู่ในระดับ C (๖๙.๐๘ คะแนน)"
)
TITLE = "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส\nประจำปีงบประมาณ พ.ศ. ๒๕๖๖"


def _doc(
    rows: list[list[str]] | None = None,
    tail: list[list[str]] | None = None,
    *,
    level: str = "B",
    total: str = "๘๓.๒๗",
    trend: str = "เพิ่มขึ้น",
) -> tuple[list[Page], list[Table]]:
    pages = [
        Page(1, "text", TITLE),
        Page(2, "text", NARRATIVE.format(level=level, total=total, trend=trend)),
    ]
    tables = [Table(2, [HEADER, *(rows or ROWS)]), Table(3, tail or TAIL)]
    return pages, tables


def _codes(pages: list[Page], tables: list[Table]) -> list[str]:
    return [p.code for p in extract_ita(pages, tables).problems]


def test_consistent_report() -> None:
    facts = extract_ita(*_doc())
    ita = facts.ita
    assert ita is not None
    assert (ita.year, ita.total, ita.level) == (2566, 83.27, "B")
    assert (ita.previous_total, ita.previous_level) == (69.08, "C")
    assert [(i.tool, i.number) for i in ita.indicators] == [
        ("IIT", 1), ("IIT", 2), ("IIT", 3), ("IIT", 4), ("IIT", 5),
        ("EIT", 6), ("EIT", 7), ("EIT", 8), ("OIT", 9), ("OIT", 10),
    ]  # fmt: skip
    assert ita.indicators[3].name == "การใช้ทรัพย์สิน ของราชการ"
    assert ita.indicators[0].scores == {"2565": 85.10, "2566": 90.12}
    assert ita.indicators[9].scores == {"2565": 50.0, "2566": 75.0}
    assert facts.problems == []


def test_totals_from_table_alone() -> None:
    pages = [Page(1, "text", TITLE)]
    ita = extract_ita(pages, [Table(2, [HEADER, *ROWS, *TAIL])]).ita
    assert ita is not None
    assert (ita.total, ita.level, ita.previous_total, ita.previous_level) == (
        83.27,
        "B",
        69.08,
        "C",
    )


def test_trend_word_beside_a_fall() -> None:
    rows = [r[:] for r in ROWS]
    rows[4] = ["", "๕. การแก้ไขปัญหาการทุจริต", "๗๙.๓๐", "๗๘.๐๐", "เพิ่มขึ้น"]
    problems = extract_ita(*_doc(rows)).problems
    assert [p.code for p in problems] == ["trend_mismatch"]
    assert "ตัวชี้วัดที่ 5" in problems[0].message


def test_decrease_word_beside_a_rise() -> None:
    rows = [r[:] for r in ROWS]
    rows[6] = ["", "๗. ประสิทธิภาพการสื่อสาร", "๗๔.๒๐", "๘๐.๑๐", "ลดลง"]
    assert _codes(*_doc(rows)) == ["trend_mismatch"]


def test_narrative_trend_against_totals() -> None:
    assert _codes(*_doc(trend="ลดลง")) == ["trend_mismatch"]


def test_total_far_from_indicators() -> None:
    tail = [r[:] for r in TAIL]
    tail[1] = ["", "คะแนนเฉลี่ย", "๖๙.๐๘", "๘๘.๒๗", ""]
    tail[2] = ["", "ระดับการประเมิน", "C", "A", ""]
    assert _codes(*_doc(tail=tail, level="A", total="๘๘.๒๗")) == ["ita_total_mismatch"]


def test_total_within_rounding_tolerance() -> None:
    tail = [r[:] for r in TAIL]
    tail[1] = ["", "คะแนนเฉลี่ย", "๖๙.๐๘", "๘๔.๑๐", ""]
    assert _codes(*_doc(tail=tail, total="๘๔.๑๐")) == []


def test_level_outside_its_band() -> None:
    tail = [r[:] for r in TAIL]
    tail[2] = ["", "ระดับการประเมิน", "C", "A", ""]
    assert _codes(*_doc(tail=tail, level="A")) == ["ita_level_mismatch"]


def test_previous_level_outside_its_band() -> None:
    page = Page(
        1,
        "text",
        "ได้รับผลการประเมินอยู่ในระดับ D (๖๑.๔๐ คะแนน) ซึ่งเพิ่มขึ้น จากปีงบประมาณ พ.ศ. ๒๕๖๔ "
        "ที่ได้รับผลการประเมินอยู่ในระดับ F (๕๓.๒๐ คะแนน)",
    )
    assert _codes([page], []) == ["ita_level_mismatch"]


@pytest.mark.parametrize(
    ("sentence", "total", "level"),
    [
        ("คะแนนภาพรวมหน่วยงาน เทศบาลตำบลคูเต่า : ๖๒.๓๐ คะแนน ระดับผลการประเมิน D", 62.30, "D"),
        ("ในปีนี้ได้คะแนน ๘๗.๕๐ คะแนน อยู่ในระดับ A", 87.50, "A"),
        ("ได้รับผลการประเมินอยู่ในระดับ AA (๙๖.๓๓ คะแนน)", 96.33, "AA"),
        ("ได้คะแนน ๙๗.๑๒ คะแนน อยู่ในระดับ ผ่านดีเยี่ยม", 97.12, "ผ่านดีเยี่ยม"),
    ],
)
def test_total_sentences(sentence: str, total: float, level: str) -> None:
    facts = extract_ita([Page(1, "text", TITLE + "\n" + sentence)], [])
    assert facts.ita is not None
    assert (facts.ita.total, facts.ita.level) == (total, level)
    assert facts.problems == []


OCR_PAGE = """ผลการประเมินประจำปีงบประมาณ พ.ศ. ๒๕๖๖ (เทียบกับปี ๒๕๖๕)
เครื่องมือ ตัวชี้วัด 2565 2566 การเปลี่ยนแปลง
IIT 1. การปฏิบัติหน้าที่ 85.10 90.12 เพิ่มขึ้น
2. การใช้งบประมาณ 83.20 88.40 เพิ่มขึ้น
3. การใช้อำนาจ 80.40 86.75 เพิ่มขึ้น
4. การใช้ทรัพย์สินของราชการ 82.00 87.00 เพิ่มขึ้น
5. การแก้ไขปัญหาการทุจริต 79.30 78.00 เพิ่มขึ้น
EIT 6. คุณภาพการดำเนินงาน 78.50 84.30 เพิ่มขึ้น
7. ประสิทธิภาพการสื่อสาร 74.20 80.10 เพิ่มขึ้น
8. การปรับปรุงระบบการทำงาน 72.10 79.66 เพิ่มขึ้น
OIT 9. การเปิดเผยข้อมูล 60.00 88.00 เพิ่มขึ้น
10. การป้องกันการทุจริต 50.00 75.00 เพิ่มขึ้น
คะแนนเฉลี่ย 69.08 82.82
ระดับการประเมิน C B
"""


def test_text_fallback_for_scans() -> None:
    facts = extract_ita([Page(1, "ocr", TITLE), Page(2, "ocr", OCR_PAGE)], [])
    ita = facts.ita
    assert ita is not None
    assert len(ita.indicators) == 10
    assert ita.indicators[5].tool == "EIT"
    assert ita.indicators[4].scores == {"2565": 79.30, "2566": 78.00}
    assert (ita.year, ita.total, ita.level) == (2566, 82.82, "B")
    assert [p.code for p in facts.problems] == ["trend_mismatch"]


def test_no_ita_in_document() -> None:
    facts = extract_ita([Page(1, "text", "ประกาศ เรื่อง ประกวดราคาจ้าง")], [])
    assert facts.ita is None
    assert facts.problems == []


def test_level_bands() -> None:
    assert [level_for(s) for s in (100, 95, 94.99, 85, 75, 65, 55, 50, 49.99)] == [
        "AA", "AA", "A", "A", "B", "C", "D", "E", "F",
    ]  # fmt: skip


def test_weighted_total_needs_every_tool() -> None:
    ita = extract_ita(*_doc()).ita
    assert ita is not None
    assert weighted_total(ita.indicators, "2566") == 83.27
    assert weighted_total(ita.indicators[:5], "2566") is None
