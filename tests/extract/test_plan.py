"""The anti-corruption plan parser: Part 2 projects, Part 3 details and the plan's contradictions."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from prongsai.extract import pdftext
from prongsai.extract.plan import (
    PlanFacts,
    declared_counts,
    extract_plan,
    join_lines,
    parse_budget_statement,
    parse_dimension,
    parse_kind,
    parse_period,
)
from prongsai.extract.records import INCONSISTENCY_CODES, Page, Table
from prongsai.extract.tables import extract_tables

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "plan"
YEARS = ["2566", "2567", "2568", "2569", "2570"]

# Header of a table with a mission column, as the อบจ. plans print it.
WIDE = [
    "มิติ",
    "ภารกิจตามมิติ",
    "โครงการ/กิจกรรม/มาตรการ",
    *(f"ปี {y} งบประมาณ (บาท)" for y in ("๒๕๖๖", "๒๕๖๗", "๒๕๖๘", "๒๕๖๙", "๒๕๗๐")),
    "หมายเหตุ",
]
# Two header rows and no mission column, as the อบต. plans print it.
NARROW = [
    ["มิติ", "โครงการ/กิจกรรม/มาตรการ", "ปี ๒๕๖๖", "ปี ๒๕๖๗", "ปี ๒๕๖๘", "ปี ๒๕๖๙", "ปี ๒๕๗๐", "หมายเหตุ"],
    ["", "", *(["งบประมาณ (บาท)"] * 5), ""],
]


def wide(dim: str, mission: str, name: str, *budgets: str) -> list[str]:
    return [dim, mission, name, *(list(budgets) or [""] * 5), ""]


def plan_of(rows: list[list[str]], text: str = "", pages: list[int] | None = None) -> PlanFacts:
    table = Table(page=1, rows=rows, pages=[1], row_pages=pages or [1] * len(rows))
    return extract_plan([Page(number=1, method="text", text=text)], [table])


def codes(facts: PlanFacts) -> set[str]:
    return {p.code for p in facts.problems}


def budgets(*values: float | None) -> dict[str, float | None]:
    return dict(zip(YEARS, values, strict=True))


# --- Part 2 from rows ------------------------------------------------------------------------

WRAPPED = [
    WIDE,
    wide("๑.การสร้าง", "๑.๑ การเสริมสร้างจิตสำนึกและความ", ""),
    wide("วัฒนธรรม", "ตระหนักแก่บุคลากรท้องถิ่น", ""),
    wide("สุจริต", "๑.๑.๑ เสริมสร้างจิตสำนึกในการ", '๑)มาตรการ "ยึดมั่นประมวล', *["-"] * 5),
    wide("", "ปฏิบัติราชการ", 'จริยธรรมของ อบจ.เวียงแก้ว"'),
    wide(
        "", "๑.๑.๒ เสริมสร้างวินัยและค่านิยม", "๑)โครงการอบรมคุณธรรมผู้บริหาร", *["๑๒๐,๐๐๐.๐๐"] * 4, "#####"
    ),
    wide("", "", "และสมาชิกสภา"),
    wide("", "", "๒)กิจกรรมเชิดชูคนดีศรีเวียงแก้ว", *["๕,๐๐๐.๐๐"] * 5),
    wide("มติที่ ๑", "รวม", "จำนวน ๓ โครงการ", *["๑๒๕,๐๐๐.๐๐"] * 4, "#####"),
    wide(
        "๒. การ บริหาร",
        "๒.๑ การเปิดเผยข้อมูลสาธารณะ",
        "๑.มาตรการเผยแพร่ราคากลาง",
        "-",
        "-",
        "-",
        "-",
        "-",
    ),
    wide("ราชการด้วย", "", "๒)โครงการจัดทำคู่มือประชาชน", "๓๐,๐๐๐", "-", "๓๐,๐๐๐", "-", "๓๐,๐๐๐"),
    wide("มิติที่ ๒", "รวม", "จำนวน ๒ โครงการ", "๓๐,๐๐๐", "-", "๓๐,๐๐๐", "-", "๓๐,๐๐๐"),
    wide("", "รวมทั้งสิ้น", "จำนวน ๕ โครงการ", "๑๕๕,๐๐๐", "๑๒๕,๐๐๐", "๑๕๕,๐๐๐", "๑๒๕,๐๐๐", "#####"),
]


def test_wrapped_rows_become_projects() -> None:
    facts = plan_of(WRAPPED)
    assert [p.name for p in facts.projects] == [
        'มาตรการ "ยึดมั่นประมวลจริยธรรมของ อบจ.เวียงแก้ว"',
        "โครงการอบรมคุณธรรมผู้บริหารและสมาชิกสภา",
        "กิจกรรมเชิดชูคนดีศรีเวียงแก้ว",
        "มาตรการเผยแพร่ราคากลาง",
        "โครงการจัดทำคู่มือประชาชน",
    ]
    assert [p.dimension for p in facts.projects] == [1, 1, 1, 2, 2]
    assert [p.kind for p in facts.projects] == [
        "มาตรการ",
        "โครงการ",
        "กิจกรรม",
        "มาตรการ",
        "โครงการ",
    ]
    assert [p.order for p in facts.projects] == [1, 2, 3, 4, 5]
    assert facts.projects[0].budgets == budgets(None, None, None, None, None)
    assert facts.projects[1].budgets == budgets(120000.0, 120000.0, 120000.0, 120000.0, None)
    assert facts.projects[4].budgets == budgets(30000.0, None, 30000.0, None, 30000.0)
    assert facts.projects[0].mission == "๑.๑.๑ เสริมสร้างจิตสำนึกในการปฏิบัติราชการ"
    assert facts.projects[3].mission == "๒.๑ การเปิดเผยข้อมูลสาธารณะ"
    assert facts.problems == []  # the "#####" cells hide amounts, they do not contradict


def test_repeated_header_inside_a_table_is_skipped() -> None:
    rows = [*WRAPPED[:5], [c.replace("มิติ", "มติ") for c in WIDE], *WRAPPED[5:]]
    facts = plan_of(rows)
    assert len(facts.projects) == 5
    assert facts.problems == []


def test_several_numbered_projects_in_one_cell() -> None:
    rows = [
        *NARROW,
        [
            "๑. การสร้างวัฒนธรรมสุจริต",
            "๑) มาตรการส่งเสริมจริยธรรม\nของพนักงาน\n๒) กิจกรรมวันต่อต้านคอร์รัปชัน",
            "-\n๑๕,๐๐๐",
            "-\n๑๕,๐๐๐",
            "-\n๑๕,๐๐๐",
            "-\n-",
            "-\n๑๕,๐๐๐",
            "",
        ],
        [
            "๒. การบริหารราชการด้วยความโปร่งใส",
            "๓. มาตรการ No Gift Policy ๔. กิจกรรม “เปิดเผยข้อมูลการจัดซื้อ”",
            "-",
            "-",
            "-",
            "-",
            "-",
            "",
        ],
        [
            "รวมทั้งสิ้น",
            "จำนวน ๔ โครงการ/กิจกรรม/มาตรการ",
            "๑๕,๐๐๐",
            "๑๕,๐๐๐",
            "๑๕,๐๐๐",
            "-",
            "๑๕,๐๐๐",
            "",
        ],
    ]
    facts = plan_of(rows)
    assert [p.name for p in facts.projects] == [
        "มาตรการส่งเสริมจริยธรรมของพนักงาน",
        "กิจกรรมวันต่อต้านคอร์รัปชัน",
        "มาตรการ No Gift Policy",
        "กิจกรรม “เปิดเผยข้อมูลการจัดซื้อ”",
    ]
    assert [p.dimension for p in facts.projects] == [1, 1, 2, 2]
    assert facts.projects[1].budgets == budgets(15000.0, 15000.0, 15000.0, None, 15000.0)
    assert facts.projects[0].budgets == budgets(None, None, None, None, None)
    assert facts.projects[0].mission is None
    assert facts.problems == []


def test_dimension_heading_rows() -> None:
    rows = [
        ["ที่", "โครงการ/กิจกรรม/มาตรการ", "ปี 2566", "ปี 2567", "หมายเหตุ"],
        ["มิติที่ 1 การสร้างวัฒนธรรมสุจริต", "", "", "", ""],
        ["1", "1. โครงการอบรมจริยธรรม", "10,000", "10,000", ""],
        ["มิติที่ 2 การบริหารราชการด้วยความโปร่งใส", "", "", "", ""],
        ["2", "1. มาตรการลดขั้นตอนการบริการ", "-", "-", ""],
    ]
    facts = plan_of(rows)
    assert [(p.name, p.dimension) for p in facts.projects] == [
        ("โครงการอบรมจริยธรรม", 1),
        ("มาตรการลดขั้นตอนการบริการ", 2),
    ]
    assert facts.projects[0].budgets == {"2566": 10000.0, "2567": 10000.0}


def test_page_of_each_project() -> None:
    pages = [1] * 8 + [2] * (len(WRAPPED) - 8)
    facts = plan_of(WRAPPED, pages=pages)
    assert [p.page for p in facts.projects] == [1, 1, 1, 2, 2]


# --- contradictions from rows -----------------------------------------------------------------


def _edit(row: int, col: int, text: str) -> list[list[str]]:
    rows = [list(r) for r in WRAPPED]
    rows[row][col] = text
    return rows


def test_subtotal_mismatch() -> None:
    facts = plan_of(_edit(8, 3, "๑๓๐,๐๐๐.๐๐"))
    assert codes(facts) == {"subtotal_mismatch"}
    assert facts.problems[0].page == 1


def test_total_mismatch() -> None:
    assert codes(plan_of(_edit(12, 4, "๑๓๕,๐๐๐"))) == {"total_mismatch"}


def test_hidden_subtotal_is_not_compared() -> None:
    assert plan_of(_edit(8, 3, "#####")).problems == []
    assert plan_of(_edit(5, 4, "#####")).problems == []  # a project's amount hidden


def test_project_count_in_a_subtotal_row() -> None:
    assert codes(plan_of(_edit(8, 2, "จำนวน ๔ โครงการ"))) == {"project_count_mismatch"}


def test_project_count_declared_in_the_text() -> None:
    text = (
        "ส่วนที่ ๒ ประกอบด้วย โครงการ/กิจกรรม/มาตรการ แยกตาม ๒ มิติ ดังนี้\n"
        "มิติที่ ๑ การสร้างวัฒนธรรมสุจริต จำนวน ๓ โครงการ\n"
        "มติที่ ๒ การบริหารราชการด้วยความโปร่งใส\nจำนวน ๒ โครงการ\n"
    )
    assert plan_of(WRAPPED, text).problems == []
    wrong = text.replace("จำนวน ๒ โครงการ", "จำนวน ๔ โครงการ")
    facts = plan_of(WRAPPED, wrong)
    assert codes(facts) == {"project_count_mismatch"}
    assert "dimension 2" in facts.problems[0].message


def test_no_problem_codes_outside_the_contract() -> None:
    facts = plan_of(_edit(8, 3, "๑"))
    assert codes(facts) <= INCONSISTENCY_CODES


# --- Part 3 -----------------------------------------------------------------------------------

SECTION = """รายละเอียดโครงการ/กิจกรรม/มาตรการ ลำดับที่ {n}
๑. ชื่อโครงการ : {name}
๒. หลักการและเหตุผล
การส่งเสริมคุณธรรมในองค์กร
๖. ระยะเวลาดำเนินการ
ปีงบประมาณ พ.ศ. ๒๕๖๖ - ๒๕๗๐
๗. งบประมาณ
{budget}
๘. หน่วยงานรับผิดชอบ : กองการเจ้าหน้าที่
องค์การบริหารส่วนจังหวัดเวียงแก้ว
๙. ผลผลิต/ผลลัพธ์
บุคลากรร้อยละ ๘๐
"""

PART3 = [
    ('มาตรการ "ยึดมั่นประมวลจริยธรรมของ อบจ.เวียงแก้ว"', "ไม่ใช้งบประมาณ"),
    ("โครงการอบรมคุณธรรมผู้บริหาร\nและสมาชิกสภา", "งบประมาณ ๕ ปี ๖๐๐,๐๐๐ บาท (ปีละ ๑๒๐,๐๐๐ บาท)"),
    ("กิจกรรมเชิดชูคนดีศรีเวียงแก้ว", "๕,๐๐๐ บาท"),
    ("มาตรการเผยแพร่ราคากลาง", "ไม่ใช้งบประมาณ"),
    ("โครงการจัดทำคู่มือประชาชน", "ปีละ ๓๐,๐๐๐ บาท"),
]


def part3_text(sections: list[tuple[str, str]]) -> str:
    return "ส่วนที่ ๓\n" + "".join(
        SECTION.format(n=n, name=name, budget=budget)
        for n, (name, budget) in enumerate(sections, start=1)
    )


def plan_with_part3(sections: list[tuple[str, str]]) -> PlanFacts:
    table = Table(page=1, rows=WRAPPED, pages=[1], row_pages=[1] * len(WRAPPED))
    pages = [
        Page(number=1, method="text", text="ส่วนที่ ๒"),
        Page(number=2, method="text", text=part3_text(sections)),
    ]
    return extract_plan(pages, [table])


def test_part3_details() -> None:
    facts = plan_with_part3(PART3)
    assert [d.name for d in facts.details] == [
        'มาตรการ "ยึดมั่นประมวลจริยธรรมของ อบจ.เวียงแก้ว"',
        "โครงการอบรมคุณธรรมผู้บริหารและสมาชิกสภา",
        "กิจกรรมเชิดชูคนดีศรีเวียงแก้ว",
        "มาตรการเผยแพร่ราคากลาง",
        "โครงการจัดทำคู่มือประชาชน",
    ]
    assert [d.budget for d in facts.details] == [None, 120000.0, 5000.0, None, 30000.0]
    first = facts.details[0]
    assert first.responsible == "กองการเจ้าหน้าที่ องค์การบริหารส่วนจังหวัดเวียงแก้ว"
    assert first.period == "ปีงบประมาณ พ.ศ. ๒๕๖๖ - ๒๕๗๐"
    assert first.page == 2
    assert facts.problems == []


def test_multiyear_total_mismatch() -> None:
    sections = list(PART3)
    sections[1] = (sections[1][0], "งบประมาณ ๕ ปี ๕๐๐,๐๐๐ บาท (ปีละ ๑๒๐,๐๐๐ บาท)")
    facts = plan_with_part3(sections)
    assert codes(facts) == {"multiyear_total_mismatch"}
    assert facts.problems[0].page == 2


def test_part3_budget_mismatch() -> None:
    sections = list(PART3)
    sections[2] = (sections[2][0], "๘,๐๐๐ บาท")
    assert codes(plan_with_part3(sections)) == {"part3_mismatch"}


def test_part3_name_mismatch() -> None:
    sections = list(PART3)
    sections[3] = ("โครงการปลูกป่าชายเลนเฉลิมพระเกียรติ", "ไม่ใช้งบประมาณ")
    assert codes(plan_with_part3(sections)) == {"part3_mismatch"}


# --- small parsers ----------------------------------------------------------------------------


def test_parse_period() -> None:
    title = "แผนปฏิบัติการป้องกันการทุจริต\n(พ.ศ. ๒๕๖๖ - ๒๕๗๐)\nยุทธศาสตร์ชาติ (พ.ศ. ๒๕๖๑ – ๒๕๘๐)"
    assert parse_period([Page(1, "text", title)]) == (2566, 2570)
    assert parse_period([Page(1, "text", "องค์การบริหารส่วนจังหวัด พ.ศ.2566-2570")]) == (2566, 2570)
    assert parse_period([Page(1, "text", "ไม่มีปี")]) is None


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("๑.การสร้าง", 1),
        ("๒. การ บริหาร", 2),
        ("มติที่ 3", 3),
        ("มิติที่ ๔ การยกระดับ", 4),
        ("วัฒนธรรม", None),
    ],
)
def test_parse_dimension(text: str, number: int | None) -> None:
    assert parse_dimension(text) == number


def test_parse_kind_and_join_lines() -> None:
    assert parse_kind("กิจกรรม “สร้างความโปร่งใส”") == "กิจกรรม"
    assert parse_kind("ประชุมประชาคม") is None
    assert join_lines("๑)โครงการส่งเสริมการปฏิบัติงาน", "ตามประมวลจริยธรรม") == (
        "๑)โครงการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม"
    )
    assert join_lines("มาตรการ No Gift", "Policy") == "มาตรการ No Gift Policy"


def test_budget_statements() -> None:
    st = parse_budget_statement("งบประมาณ ๕ ปี ๑,๐๐๐,๐๐๐ บาท (ปีละ ๑๕๐,๐๐๐ บาท)")
    assert (st.yearly, st.total, st.years) == (150000.0, 1000000.0, 5)
    assert parse_budget_statement("ไม่ใช้งบประมาณ").none
    assert parse_budget_statement("จำนวน 20,000 บาท").yearly == 20000.0


def test_declared_counts_stop_at_the_next_dimension() -> None:
    by_dim, overall = declared_counts(
        "แยกตาม ๔ มิติ รวมทั้งสิ้นจำนวน ๓๖ โครงการ\nมิติที่ 1 การสร้าง\nมิติที่ 2 การบริหาร จำนวน 20 โครงการ"
    )
    assert by_dim == {2: {20}}
    assert overall == {36}


# --- fixture PDFs -----------------------------------------------------------------------------


@cache
def read_fixture(name: str) -> PlanFacts:
    data = (FIXTURES / name).read_bytes()
    pages = pdftext.read_pages(data, ocr=False)
    pdf = pdftext.open_pdf(data)
    try:
        tables = extract_tables(pdf)
    finally:
        pdf.close()
    return extract_plan(pages, tables)


def test_wrapped_pdf() -> None:
    facts = read_fixture("wrapped.pdf")
    assert facts.period == (2566, 2570)
    assert [(p.name, p.dimension, p.page) for p in facts.projects] == [
        ("โครงการอบรมคุณธรรมจริยธรรมสำหรับพนักงานและลูกจ้าง", 1, 1),
        ("มาตรการ No Gift Policy ของ อบจ.", 1, 1),
        ("กิจกรรมปลูกจิตสำนึกต่อต้านการทุจริตแก่เด็กและเยาวชน", 1, 1),
        ("มาตรการเผยแพร่ข้อมูลการจัดซื้อจัดจ้างประจำปี", 2, 2),
        ("โครงการประชุมประชาคมเพื่อจัดทำแผนพัฒนาท้องถิ่น", 2, 2),
    ]
    assert [p.budgets for p in facts.projects] == [
        budgets(50000.0, 50000.0, 50000.0, 50000.0, None),
        budgets(None, None, None, None, None),
        budgets(10000.0, 10000.0, 10000.0, 10000.0, 10000.0),
        budgets(None, None, None, None, None),
        budgets(25000.0, 25000.0, None, 25000.0, 25000.0),
    ]
    assert facts.projects[2].mission == "๑.๒ การเสริมสร้างจิตสำนึกแก่เด็กและเยาวชน"
    assert [d.budget for d in facts.details] == [50000.0, None, 10000.0, None, 25000.0]
    assert facts.problems == []


def test_merged_pdf_planted_problems() -> None:
    facts = read_fixture("merged.pdf")
    assert [(p.name, p.dimension) for p in facts.projects] == [
        ("มาตรการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม", 1),
        ("กิจกรรมยกย่องเชิดชูเกียรติบุคคลดีเด่น", 1),
        ("โครงการอบรมให้ความรู้ด้านวินัย", 1),
        ("มาตรการ No Gift Policy", 2),
        ("โครงการจัดทำคู่มือการปฏิบัติงาน", 2),
    ]
    assert facts.projects[2].budgets == budgets(30000.0, 30000.0, 30000.0, 30000.0, 30000.0)
    assert facts.projects[3].budgets == budgets(None, None, None, None, None)
    assert sorted(p.code for p in facts.problems) == [
        "multiyear_total_mismatch",
        "part3_mismatch",
        "project_count_mismatch",
        "subtotal_mismatch",
        "total_mismatch",
    ]


def test_order_column_and_row_total() -> None:
    rows = [
        ["ลำดับ", "มิติ", "โครงการ/กิจกรรม/มาตรการ", "2566", "2567", "รวม", "หมายเหตุ"],
        ["1", "1", "ประชุมประชาคมหมู่บ้าน", "", "", "", ""],
        ["", "", "เพื่อทำแผน", "", "", "", ""],
        ["2", "1", "อบรมจริยธรรม", "5,000", "5,000", "10,000", ""],
        ["3", "2", "เผยแพร่ข้อมูลข่าวสาร", "1,000", "1,000", "3,000", ""],
    ]
    facts = plan_of(rows)
    assert [p.name for p in facts.projects] == [
        "ประชุมประชาคมหมู่บ้านเพื่อทำแผน",
        "อบรมจริยธรรม",
        "เผยแพร่ข้อมูลข่าวสาร",
    ]
    assert [p.dimension for p in facts.projects] == [1, 1, 2]
    assert codes(facts) == {"multiyear_total_mismatch"}
    assert "เผยแพร่" in facts.problems[0].message


def test_a_name_going_on_with_ruam_is_not_a_sum_row() -> None:
    rows = [
        *WRAPPED[:7],
        wide("", "", "รวม ๓ ครั้งต่อปี"),
        *WRAPPED[7:],
    ]
    facts = plan_of(rows)
    assert facts.projects[1].name == "โครงการอบรมคุณธรรมผู้บริหารและสมาชิกสภารวม ๓ ครั้งต่อปี"
    assert facts.problems == []


def test_mission_number_gives_the_dimension_where_its_cell_is_blank() -> None:
    rows = [*WRAPPED[:9], wide("", "๒.๑ การเปิดเผยข้อมูล", "๑)มาตรการเผยแพร่ราคากลาง", *["-"] * 5)]
    assert [p.dimension for p in plan_of(rows).projects] == [1, 1, 1, 2]


def test_stated_total_without_years_uses_the_plan_years() -> None:
    sections = list(PART3)
    sections[2] = (sections[2][0], "ปีละ ๕,๐๐๐ บาท รวมทั้งสิ้น ๓๐,๐๐๐ บาท")
    assert codes(plan_with_part3(sections)) == {"multiyear_total_mismatch"}
    sections[2] = (sections[2][0], "ปีละ ๕,๐๐๐ บาท รวมทั้งสิ้น ๒๕,๐๐๐ บาท")
    assert plan_with_part3(sections).problems == []
