"""Measures tables: columns by header text, sections carried down, continuation rows."""

from __future__ import annotations

from prongsai.extract.measures import clean_cell, extract_measures, header_columns
from prongsai.extract.records import Page, Table

HEADER_6 = [
    "มาตรการ/กิจกรรม",
    "ขั้นตอน/วิธีการปฏิบัติ",
    "หน่วยงาน\nผู้รับผิดชอบ",
    "ระยะเวลา\nดำเนินการ",
    "สรุปผลการดำเนินการตาม\nมาตรการ/กิจกรรม",
    "ผลลัพธ์หรือความสำเร็จ\nของการดำเนินการ",
]
PERIOD = "๑ ต.ค.๖๖ - ๓๐ ก.ย. ๖๗"


def _row(n: str, measure: str, unit: str = "สำนักปลัด") -> list[str]:
    return [
        f"{n}. {measure}",
        "๑. จัดทำคู่มือ\nการปฏิบัติงาน ๒. เผยแพร่ทางเว็บไซต์",
        unit,
        PERIOD,
        "ดำเนินการแล้ว\nเสร็จ",
        "ประชาชนได้รับบริการรวดเร็ว",
    ]


SECTIONED_TEXT = """รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน
ประจำปีงบประมาณ พ.ศ. ๒๕๖๗
เทศบาลตำบลหนองแวง อำเภอเมืองขอนแก่น จังหวัดขอนแก่น
๑. มาตรการแก้ไขแบบวัดการรับรู้ของผู้มีส่วนได้เสียภายใน (IIT)
๑. ลดขั้นตอนการขออนุญาตก่อสร้าง
๒. ส่งเสริมการใช้ทรัพย์สินของราชการอย่างถูกต้อง
๒. มาตรการแก้ไขแบบวัดการรับรู้ของผู้มีส่วนได้เสียภายนอก (EIT)
๑. เพิ่มช่องทางรับฟังความคิดเห็นของประชาชน"""
PAGE_2 = """มาตรการ/กิจกรรม
ตามระเบียบที่เกี่ยวข้อง
๓. มาตรการแก้ไขแบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT)
๑. เผยแพร่แผนการจัดซื้อจัดจ้างประจำปี"""


def test_sections_from_headings_and_page_break() -> None:
    pages = [Page(1, "text", SECTIONED_TEXT), Page(2, "text", PAGE_2)]
    tables = [
        Table(1, [HEADER_6, _row("๑", "ลดขั้นตอนการขออนุญาตก่อสร้าง", "กองช่าง")]),
        Table(1, [HEADER_6, _row("๒", "ส่งเสริมการใช้ทรัพย์สินของราชการอย่างถูกต้อง")]),
        Table(1, [HEADER_6, _row("๑", "เพิ่มช่องทางรับฟังความคิดเห็นของประชาชน")]),
        # Page 2: the header repeats and the first row continues the EIT measure.
        Table(2, [HEADER_6, ["", "ตามระเบียบที่เกี่ยวข้อง", "", "", "", ""]]),
        Table(2, [HEADER_6, _row("๑", "เผยแพร่แผนการจัดซื้อจัดจ้างประจำปี")]),
    ]
    facts = extract_measures(pages, tables, "integrity_measures_report")
    got = [(m.tool, m.measure) for m in facts.measures]
    assert got == [
        ("IIT", "1. ลดขั้นตอนการขออนุญาตก่อสร้าง"),
        ("IIT", "2. ส่งเสริมการใช้ทรัพย์สินของราชการอย่างถูกต้อง"),
        ("EIT", "1. เพิ่มช่องทางรับฟังความคิดเห็นของประชาชน"),
        ("OIT", "1. เผยแพร่แผนการจัดซื้อจัดจ้างประจำปี"),
    ]
    first = facts.measures[0]
    assert first.method == "1. จัดทำคู่มือ การปฏิบัติงาน 2. เผยแพร่ทางเว็บไซต์"
    assert first.responsible == "กองช่าง"
    assert first.period == "1 ต.ค.66 - 30 ก.ย. 67"
    assert (first.period_start, first.period_end) == ("2023-10-01", "2024-09-30")
    assert first.result == "ดำเนินการแล้ว เสร็จ"
    assert first.outcome == "ประชาชนได้รับบริการรวดเร็ว"
    assert facts.measures[2].method is not None
    assert facts.measures[2].method.endswith("ตามระเบียบที่เกี่ยวข้อง")
    assert facts.problems == []


def test_section_rows_inside_the_table() -> None:
    header = ["มาตรการ", "วิธีดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ"]
    rows = [
        header,
        ["ส่วนที่ ๑ IIT", "", "", ""],
        ["๑) จัดทำคู่มือการใช้รถยนต์ส่วนกลาง", "ประกาศใช้", "กองคลัง", "ปีงบประมาณ ๒๕๖๘"],
        ["ส่วนที่ ๓ OIT", "ส่วนที่ ๓ OIT", "ส่วนที่ ๓ OIT", "ส่วนที่ ๓ OIT"],
        ["๑) ปรับปรุงเว็บไซต์", "มอบหมายผู้ดูแล", "สำนักปลัด", "ตุลาคม - ธันวาคม ๒๕๖๗"],
    ]
    facts = extract_measures([], [Table(3, rows)], "integrity_measures")
    assert [(m.tool, m.measure, m.page) for m in facts.measures] == [
        ("IIT", "1) จัดทำคู่มือการใช้รถยนต์ส่วนกลาง", 3),
        ("OIT", "1) ปรับปรุงเว็บไซต์", 3),
    ]
    assert facts.measures[0].period_start == "2024-10-01"
    assert facts.measures[0].result is None
    assert (facts.measures[1].period_start, facts.measures[1].period_end) == (
        "2024-10-01",
        "2024-12-31",
    )


def test_no_sections_gives_no_tool_and_ignores_explanations() -> None:
    # An analysis report explains IIT/EIT/OIT pages before its measures table.
    pages = [
        Page(1, "text", "๑. แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)\nเป็นแบบวัด..."),
        Page(5, "text", "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"),
    ]
    header = [
        "มาตรการ/ แนวทาง",
        "วิธีการดำเนินการ",
        "ระยะเวลา ดำเนินการ",
        "การติดตามผลการ ดำเนินการ",
        "ผู้รับผิดชอบ",
    ]
    tables = [
        Table(1, [["เครื่องมือ", "ตัวชี้วัด", "๒๕๖๕", "๒๕๖๖"], ["IIT", "๑. การปฏิบัติหน้าที่", "๘๐", "๙๐"]]),
        Table(
            5, [header, ["๑.ลดขั้นตอนการให้บริการ", "ทบทวนขั้นตอน", "ไตรมาสที่ ๒", "รายงานผู้บริหาร", "ทุกกอง"]]
        ),
        # The next page's piece of the same row, without a header.
        Table(6, [["ให้รวดเร็วขึ้น", "", "", "ทุกไตรมาส", ""]]),
        Table(6, [header, ["๒.เปิดช่องทางออนไลน์", "จัดทำ e-service", "ตลอดปีงบประมาณ", "", "สำนักปลัด"]]),
    ]
    facts = extract_measures(pages, tables, "ita_analysis")
    assert [(m.tool, m.measure) for m in facts.measures] == [
        (None, "1.ลดขั้นตอนการให้บริการ ให้รวดเร็วขึ้น"),
        (None, "2.เปิดช่องทางออนไลน์"),
    ]
    assert facts.measures[0].result == "รายงานผู้บริหาร ทุกไตรมาส"
    assert facts.measures[0].period_start is None
    assert facts.measures[1].result is None


def test_unnumbered_measures_after_a_repeated_header_stay_apart() -> None:
    header = ["มาตรการ/แนวทาง", "วิธีการดำเนินการ", "ระยะเวลาดำเนินการ", "ข้อเสนอแนะ", "ผู้รับผิดชอบ"]
    tables = [
        Table(7, [header, ["การป้องกันการทุจริต", "จัดทำแผน", "ตลอดปี", "-", "ทุกกอง"]]),
        Table(8, [header, ["การปรับปรุงระบบการทำงาน", "ทบทวนผล", "ตลอดปี", "-", "ทุกกอง"]]),
    ]
    facts = extract_measures([], tables, "integrity_measures_report")
    assert [m.measure for m in facts.measures] == ["การป้องกันการทุจริต", "การปรับปรุงระบบการทำงาน"]


def test_other_tables_are_not_measures() -> None:
    tables = [
        Table(1, [["ตัวชี้วัด", "ประเด็นการประเมิน", "ประเด็นที่ควรพัฒนา"], ["ตัวชี้วัดที่ ๙", "ก", "ข"]]),
        Table(2, [["ลำดับ", "รายการ", "จำนวนเงิน"], ["๑", "ค่าวัสดุ", "๕,๐๐๐"]]),
    ]
    facts = extract_measures([], tables, "integrity_measures")
    assert facts.measures == []
    assert [p.code for p in facts.problems] == ["no_tables"]
    assert extract_measures([], tables, "ita_analysis").problems == []


def test_header_columns_and_clean_cell() -> None:
    assert header_columns(HEADER_6) == {
        0: "measure",
        1: "method",
        2: "responsible",
        3: "period",
        4: "result",
        5: "outcome",
    }
    assert header_columns(["มาตรการ", "งบประมาณ"]) is None
    assert clean_cell("  ๒.\tส่งเสริม\n\nคุณธรรม ") == "2. ส่งเสริม คุณธรรม"


def test_heading_inside_a_table_joined_across_pages() -> None:
    # The table extractor joined page 1's IIT table and page 2's EIT table (same header).
    pages = [
        Page(
            1, "text", "มาตรการแก้ไขแบบวัดการรับรู้ของผู้มีส่วนได้เสียภายใน (IIT)\n๑. ลดขั้นตอนการขออนุญาตก่อสร้าง"
        ),
        Page(
            2,
            "text",
            "มาตรการแก้ไขแบบวัดการรับรู้ของผู้มีส่วนได้เสียภายนอก (EIT)\n๑. เพิ่มช่องทางรับฟังความคิดเห็นของประชาชน",
        ),
    ]
    table = Table(
        1,
        [
            HEADER_6,
            _row("๑", "ลดขั้นตอนการขออนุญาตก่อสร้าง"),
            _row("๑", "เพิ่มช่องทางรับฟังความคิดเห็นของประชาชน"),
        ],
        pages=[1, 2],
        row_pages=[1, 1, 2],
    )
    facts = extract_measures(pages, [table], "integrity_measures_report")
    assert [(m.tool, m.page) for m in facts.measures] == [("IIT", 1), ("EIT", 2)]
