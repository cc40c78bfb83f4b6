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
    # A title and a sentence, no table: the report says so rather than keep silent.
    assert [p.code for p in facts.problems] == ["no_ita_scores"]


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


# Layouts other offices use. Scores of a made-up อบต.หนองแวง: 2565 and 2566 per indicator.
NAMES = [
    "การปฏิบัติหน้าที่",
    "การใช้งบประมาณ",
    "การใช้อำนาจ",
    "การใช้ทรัพย์สินของราชการ",
    "การแก้ไขปัญหาการทุจริต",
    "คุณภาพการดำเนินงาน",
    "ประสิทธิภาพการสื่อสาร",
    "การปรับปรุงระบบการทำงาน",
    "การเปิดเผยข้อมูล",
    "การป้องกันการทุจริต",
]
OLD = [80.0, 81.0, 82.0, 83.0, 84.0, 70.0, 71.0, 72.0, 90.0, 60.0]
NEW = [90.0, 91.0, 92.0, 93.0, 94.0, 80.0, 81.0, 82.0, 95.0, 85.0]
TOOLS = ["IIT"] * 5 + ["EIT"] * 3 + ["OIT"] * 2
ITA_TITLE = "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2566"


def _read(rows: list[list[str]], text: str = "") -> tuple[object, list[str]]:
    facts = extract_ita([Page(1, "text", ITA_TITLE + "\n" + text)], [Table(1, rows)])
    return facts.ita, [p.code for p in facts.problems]


def _check_scores(ita: object, years: tuple[str, ...] = ("2565", "2566")) -> None:
    assert ita is not None
    indicators = ita.indicators  # type: ignore[attr-defined]
    assert [(i.tool, i.number) for i in indicators] == [(t, n) for n, t in enumerate(TOOLS, 1)]
    for i, old, new in zip(indicators, OLD, NEW, strict=True):
        expected = {"2565": old, "2566": new}
        assert i.scores == {y: expected[y] for y in years}


def test_separate_number_column_and_tool_column() -> None:
    rows = [["ที่", "เครื่องมือ", "ตัวชี้วัด", "2565", "2566", "แนวโน้ม"]]
    for n, (name, old, new) in enumerate(zip(NAMES, OLD, NEW, strict=True), 1):
        tool = {1: "IIT", 6: "EIT", 9: "OIT"}.get(n, "")
        rows.append([str(n), tool, name, f"{old:.2f}", f"{new:.2f}", "เพิ่มขึ้น"])
    rows.append(["", "", "คะแนนรวม", "77.90", "87.65", ""])
    rows.append(["", "", "ระดับผลการประเมิน", "B", "A", ""])
    ita, codes = _read(rows)
    _check_scores(ita)
    assert ita.indicators[0].name == "การปฏิบัติหน้าที่"  # type: ignore[attr-defined]
    assert (ita.total, ita.level, ita.previous_total) == (87.65, "A", 77.90)  # type: ignore[attr-defined]
    assert codes == []


def test_two_row_header_with_merged_score_heading() -> None:
    rows = [
        ["ลำดับ", "ตัวชี้วัด", "ผลคะแนน", "ผลคะแนน", "ผลต่าง"],
        ["", "", "๒๕๖๕", "๒๕๖๖", ""],
    ]
    for n, (name, old, new) in enumerate(zip(NAMES, OLD, NEW, strict=True), 1):
        rows.append([str(n), f"ตัวชี้วัดที่ {n} {name}", f"{old:.2f}", f"{new:.2f}", "10.00"])
    rows.append(["คะแนนเฉลี่ย", "คะแนนเฉลี่ย", "77.90", "87.65", "9.75"])
    ita, codes = _read(rows)
    _check_scores(ita)
    assert ita.indicators[2].name == "การใช้อำนาจ"  # type: ignore[attr-defined]
    assert ita.total == 87.65  # type: ignore[attr-defined]
    assert "no_ita_total" not in codes


def test_ita_year_headers_percent_scores_any_column_order() -> None:
    # Scores first, newest year first, names without numbers (one spelled differently).
    rows = [["ITA 2566", "ITA 2565", "ตัวชี้วัด"]]
    for name, old, new in zip(NAMES, OLD, NEW, strict=True):
        name = "การใช้ทรัพย์สินของทางราชการ" if name == "การใช้ทรัพย์สินของราชการ" else name
        rows.append([f"{new:.2f}%", f"{old:.2f} %", name])
    ita, codes = _read(rows, "ได้คะแนนรวม 87.65 คะแนน อยู่ในระดับ A")
    _check_scores(ita)
    assert (ita.year, ita.total, ita.level) == (2566, 87.65, "A")  # type: ignore[attr-defined]
    assert codes == []


def test_single_year_column_headed_by_fiscal_year() -> None:
    rows = [["ตัวชี้วัด", "ปีงบประมาณ พ.ศ. 2566"]]
    rows += [
        [f"{n}. {name}", f"{new:.2f}"]
        for n, (name, new) in enumerate(zip(NAMES, NEW, strict=True), 1)
    ]
    ita, _ = _read(rows, "มีผลคะแนนเท่ากับ 87.65 คะแนน")
    _check_scores(ita, ("2566",))
    assert (ita.year, ita.total) == (2566, 87.65)  # type: ignore[attr-defined]


def test_tools_given_as_section_rows() -> None:
    sections = {
        1: "IIT",
        6: "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)",
        9: "แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)",
    }
    rows = [["ตัวชี้วัด", "คะแนน ปี 2565", "คะแนน ปี 2566"]]
    for n, (name, old, new) in enumerate(zip(NAMES, OLD, NEW, strict=True), 1):
        if n in sections:  # a merged row, spread over the columns
            rows.append([sections[n]] * 3)
        rows.append([f"{n}. {name}", f"{old:.2f}", f"{new:.2f}"])
    ita, _ = _read(rows)
    _check_scores(ita)


def test_tool_section_overrides_numbering() -> None:
    rows = [["ตัวชี้วัด", "2566"], ["EIT", "EIT"], ["1. คุณภาพการดำเนินงาน", "80.00"]]
    rows += [["2. ประสิทธิภาพการสื่อสาร", "81.00"], ["3. การปรับปรุงระบบการทำงาน", "82.00"]]
    ita, _ = _read(rows)
    assert [i.tool for i in ita.indicators] == ["EIT"] * 3  # type: ignore[attr-defined]


def test_transposed_table_years_as_rows() -> None:
    rows = [["ปีงบประมาณ", *NAMES, "คะแนนรวม", "ระดับ"]]
    rows.append(["2565", *(f"{x:.2f}" for x in OLD), "77.90", "B"])
    rows.append(["2566", *(f"{x:.2f}" for x in NEW), "87.65", "A"])
    ita, codes = _read(rows)
    _check_scores(ita)
    assert (ita.year, ita.total, ita.level) == (2566, 87.65, "A")  # type: ignore[attr-defined]
    assert (ita.previous_total, ita.previous_level) == (77.90, "B")  # type: ignore[attr-defined]
    assert codes == []


@pytest.mark.parametrize(
    ("sentence", "level"),
    [
        ("องค์การบริหารส่วนตำบลหนองแวง มีผลคะแนนเท่ากับ 87.50 คะแนน", None),
        ("คะแนนรวม 87.50 คะแนน ระดับ A", "A"),
        ("ได้คะแนนรวม ๘๗.๕๐ คะแนน อยู่ในระดับ A", "A"),
        ("ผลการประเมิน ITA ของหน่วยงาน ประจำปี 2566 ได้ 87.50 คะแนน", None),
        ("หน่วยงานได้ 87.50 คะแนน อยู่ในระดับ ผ่านดีมาก", "ผ่านดีมาก"),
        ("87.50 คะแนน อยู่ในระดับ A", "A"),
    ],
)
def test_total_phrasings(sentence: str, level: str | None) -> None:
    """A level the sentence leaves out is the total's by the NACC's bands, said to be derived."""
    facts = extract_ita([Page(1, "text", ITA_TITLE + "\n" + sentence)], [])
    assert facts.ita is not None
    assert (facts.ita.total, facts.ita.level) == (87.50, level or "A")
    derived = [p.code for p in facts.problems if p.code == "ita_level_derived"]
    assert derived == ([] if level else ["ita_level_derived"])


def test_indicator_score_in_prose_is_not_the_total() -> None:
    text = (
        "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ ได้ 95.00 คะแนน อยู่ในระดับ AA "
        "ตัวชี้วัดที่ได้คะแนนตั้งแต่ 85 คะแนนขึ้นไป ถือเป็นจุดแข็ง "
        "ผลการประเมินภาพรวม ได้ 87.50 คะแนน อยู่ในระดับ A"
    )
    ita = extract_ita([Page(1, "text", ITA_TITLE + "\n" + text)], []).ita
    assert ita is not None
    assert (ita.total, ita.level) == (87.50, "A")


def test_previous_year_stated_first_is_not_the_total() -> None:
    text = (
        "ผลการประเมินปี 2565 ได้คะแนนรวม 77.90 คะแนน อยู่ในระดับ B "
        "และปี 2566 ได้คะแนนรวม 87.65 คะแนน อยู่ในระดับ A"
    )
    ita = extract_ita([Page(1, "text", ITA_TITLE + "\n" + text)], []).ita
    assert ita is not None
    assert (ita.year, ita.total, ita.level) == (2566, 87.65, "A")
    assert (ita.previous_total, ita.previous_level) == (77.90, "B")


def test_prose_for_the_year_wins_over_an_unrelated_number() -> None:
    # The table's previous-year total repeated without a year is not this year's total.
    rows = [["ตัวชี้วัด", "2565", "2566"]]
    rows += [[f"{n}. {name}", f"{o:.2f}", f"{w:.2f}"] for n, name, o, w in zip(
        range(1, 11), NAMES, OLD, NEW, strict=True)]  # fmt: skip
    rows.append(["คะแนนรวม", "77.90", "87.65"])
    ita, _ = _read(rows, "ผลการประเมิน ได้ 77.90 คะแนน ต่อมาปี 2566 ได้คะแนนรวม 87.65 คะแนน")
    assert ita.total == 87.65  # type: ignore[attr-defined]


def test_ita_report_without_scores_says_so() -> None:
    facts = extract_ita([Page(1, "text", ITA_TITLE + "\nไม่พบตาราง")], [])
    assert facts.ita is None
    assert [p.code for p in facts.problems] == ["no_ita_scores", "no_ita_total"]


def test_table_without_total_says_so() -> None:
    rows = [["ตัวชี้วัด", "2566"]]
    rows += [
        [f"{n}. {name}", f"{w:.2f}"] for n, (name, w) in enumerate(zip(NAMES, NEW, strict=True), 1)
    ]
    _, codes = _read(rows)
    assert codes == ["no_ita_total"]


def test_numbered_table_of_another_kind_is_not_read() -> None:
    rows = [
        ["ที่", "มาตรการ", "ผู้รับผิดชอบ", "งบประมาณ"],
        ["1", "ประกาศเจตจำนงสุจริต", "สำนักปลัด", "5000"],
        ["2", "อบรมคุณธรรมจริยธรรม", "กองคลัง", "20000"],
    ]
    ita, codes = _read(rows)
    assert ita is None
    assert codes == ["no_ita_scores", "no_ita_total"]


def test_level_row_with_words_after_the_letter() -> None:
    """ "ผลการประเมินระดับ | B (ผ่าน)": the label after its words, the letter before its words."""
    tail = [*TAIL[:2], ["", "ผลการประเมินระดับ", "C (ไม่ผ่าน)", "B (ผ่าน)", ""]]
    pages = [Page(1, "text", TITLE)]
    ita = extract_ita(pages, [Table(2, [HEADER, *ROWS]), Table(3, tail)]).ita
    assert ita is not None
    assert (ita.level, ita.previous_level) == ("B", "C")
