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
    assert [p.code for p in facts.problems] == ["no_measures_found"]
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


LONG_MEASURE_HEADER = (
    "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน เพื่อขับเคลื่อนการแก้ไขปัญหาตามผลการประเมิน"
)


def test_header_below_title_rows_with_long_cells_and_any_order() -> None:
    title = "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"
    rows = [
        [title] * 6,
        ["องค์การบริหารส่วนตำบลตัวอย่าง"] * 6,
        ["หมายเหตุ", "ระยะเวลา", "ลำดับ", LONG_MEASURE_HEADER, "หน่วยงานที่รับผิดชอบ", "ขั้นตอน"],
        ["-", "ต.ค. ๖๗ - ก.ย. ๖๘", "๑", "จัดทำคู่มือป้องกันผลประโยชน์ทับซ้อน", "สำนักปลัด", "ประชุม"],
        ["", "ตลอดปี", "๒", "เผยแพร่ข้อมูลข่าวสาร", "กองคลัง", "ลงเว็บไซต์"],
    ]
    facts = extract_measures([], [Table(4, rows)], "integrity_measures")
    assert [(m.measure, m.responsible, m.method, m.period) for m in facts.measures] == [
        ("จัดทำคู่มือป้องกันผลประโยชน์ทับซ้อน", "สำนักปลัด", "ประชุม", "ต.ค. 67 - ก.ย. 68"),
        ("เผยแพร่ข้อมูลข่าวสาร", "กองคลัง", "ลงเว็บไซต์", "ตลอดปี"),
    ]
    assert facts.problems == []


def test_two_header_rows() -> None:
    rows = [
        ["มาตรการ", "การดำเนินการ", "การดำเนินการ", "การดำเนินการ", "ผลลัพธ์"],
        ["", "วิธีดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", ""],
        ["๑. ลดขั้นตอน", "ทบทวนคู่มือ", "สำนักปลัด", "ตลอดปี", "บริการเร็วขึ้น"],
    ]
    facts = extract_measures([], [Table(1, rows)], "integrity_measures")
    m = facts.measures[0]
    assert (m.measure, m.method, m.responsible, m.period, m.outcome) == (
        "1. ลดขั้นตอน",
        "ทบทวนคู่มือ",
        "สำนักปลัด",
        "ตลอดปี",
        "บริการเร็วขึ้น",
    )


def test_result_and_indicator_columns() -> None:
    header = ["ที่", "แนวทาง", "ตัวชี้วัด/เป้าหมาย", "วิธีการ", "ผลการดำเนินการ", "สรุปผล"]
    rows = [header, ["1", "อบรมคุณธรรม", "ร้อยละ 80", "จัดอบรม", "ดำเนินการแล้ว", "ผ่าน"]]
    m = extract_measures([], [Table(1, rows)], "integrity_measures_report").measures[0]
    # The indicator column is known and not read; the first result column is the result.
    assert (m.measure, m.method, m.result) == ("อบรมคุณธรรม", "จัดอบรม", "ดำเนินการแล้ว")


def test_tool_column_sets_the_tool_and_carries_down() -> None:
    header = ["เครื่องมือ", "มาตรการ", "วิธีดำเนินการ", "ผู้รับผิดชอบ"]
    rows = [
        header,
        ["IIT", "๑. ลดการใช้ดุลยพินิจ", "ออกประกาศ", "สำนักปลัด"],
        ["", "๒. ใช้ทรัพย์สินถูกต้อง", "ทำคู่มือ", "กองคลัง"],
        ["แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก", "๓. รับฟังประชาชน", "ตั้งตู้", "กองช่าง"],
        ["แบบวัดการเปิดเผยข้อมูลสาธารณะ", "๔. ปรับเว็บไซต์", "จ้างดูแล", "สำนักปลัด"],
    ]
    facts = extract_measures([], [Table(2, rows)], "integrity_measures")
    assert [(m.tool, m.measure) for m in facts.measures] == [
        ("IIT", "1. ลดการใช้ดุลยพินิจ"),
        ("IIT", "2. ใช้ทรัพย์สินถูกต้อง"),
        ("EIT", "3. รับฟังประชาชน"),
        ("OIT", "4. ปรับเว็บไซต์"),
    ]


def test_tool_and_indicator_section_rows_are_context_not_measures() -> None:
    header = ["มาตรการ", "วิธีดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา"]
    rows = [
        header,
        ["แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)", "", "", ""],
        ["๑. เพิ่มช่องทางร้องเรียน", "ตั้งตู้", "สำนักปลัด", "ตลอดปี"],
        ["ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล"] * 4,
        ["๒. เผยแพร่แผนจัดซื้อ", "ลงเว็บไซต์", "กองคลัง", "ตลอดปี"],
        ["ตัวชี้วัดที่ ๒ การใช้งบประมาณ", "", "", ""],
        ["๓. เปิดเผยการใช้จ่าย", "ประกาศ", "กองคลัง", "ตลอดปี"],
        ["ตัวชี้วัดที่ 7 ประสิทธิภาพการสื่อสาร"] * 4,
        ["๔. ประชาสัมพันธ์", "จัดทำแผ่นพับ", "สำนักปลัด", "ตลอดปี"],
    ]
    facts = extract_measures([], [Table(1, rows)], "integrity_measures")
    assert [(m.tool, m.measure) for m in facts.measures] == [
        ("EIT", "1. เพิ่มช่องทางร้องเรียน"),
        ("OIT", "2. เผยแพร่แผนจัดซื้อ"),
        ("IIT", "3. เปิดเผยการใช้จ่าย"),
        ("EIT", "4. ประชาสัมพันธ์"),
    ]


def test_indicator_column_sets_the_tool() -> None:
    header = ["ตัวชี้วัด", "มาตรการ", "ผู้รับผิดชอบ", "ระยะเวลา"]
    rows = [
        header,
        ["ตัวชี้วัดที่ 10 การป้องกันการทุจริต", "๑. ประเมินความเสี่ยง", "สำนักปลัด", "ตลอดปี"],
    ]
    facts = extract_measures([], [Table(1, rows)], "integrity_measures")
    assert [(m.tool, m.measure) for m in facts.measures] == [("OIT", "1. ประเมินความเสี่ยง")]


def test_wrapped_rows_continue_the_measure_above() -> None:
    header = ["มาตรการ", "วิธีดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา"]
    rows = [
        header,
        ["๑. ปรับปรุงคู่มือ", "ทบทวน", "สำนักปลัด", "ต.ค. ๖๗"],
        ["การปฏิบัติงาน", "", "", ""],
        ["", "และเผยแพร่", "", "- ก.ย. ๖๘"],
        ["๒. อบรมบุคลากร", "จัดอบรม", "กองคลัง", "ตลอดปี"],
    ]
    # The page break: the next piece has no header and starts with the tail of measure 2.
    tail = Table(2, [["ด้านคุณธรรม", "ปีละครั้ง", "", ""]])
    facts = extract_measures([], [Table(1, rows), tail], "integrity_measures")
    assert [(m.measure, m.method, m.period) for m in facts.measures] == [
        ("1. ปรับปรุงคู่มือ การปฏิบัติงาน", "ทบทวน และเผยแพร่", "ต.ค. 67 - ก.ย. 68"),
        ("2. อบรมบุคลากร ด้านคุณธรรม", "จัดอบรม ปีละครั้ง", "ตลอดปี"),
    ]
    assert facts.measures[0].period_end == "2025-09-30"


def test_order_column_number_marks_a_new_measure() -> None:
    header = ["ที่", "มาตรการ/กิจกรรม", "วิธีการดำเนินการ", "ผู้รับผิดชอบ"]
    rows = [
        header,
        ["๑", "ส่งเสริมการใช้ทรัพย์สิน", "ออกประกาศ", "กองคลัง"],
        ["", "ของราชการให้ถูกต้อง", "ติดตามผล", ""],
        ["", "- จัดทำทะเบียน", "", ""],
        ["๒", "จัดอบรม", "เชิญวิทยากร", "สำนักปลัด"],
        ["", "", "", "กองช่าง"],
    ]
    facts = extract_measures([], [Table(1, rows)], "integrity_measures")
    assert [(m.measure, m.method, m.responsible) for m in facts.measures] == [
        ("ส่งเสริมการใช้ทรัพย์สิน ของราชการให้ถูกต้อง - จัดทำทะเบียน", "ออกประกาศ ติดตามผล", "กองคลัง"),
        ("จัดอบรม", "เชิญวิทยากร", "สำนักปลัด กองช่าง"),
    ]


def test_header_repeated_on_the_next_page_inside_one_table() -> None:
    header = ["มาตรการ", "วิธีดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา"]
    rows = [
        header,
        ["๑. ลดขั้นตอน", "ทบทวน", "สำนักปลัด", "ตลอดปี"],
        header,
        ["๒. เปิดเผยข้อมูล", "ลงเว็บไซต์", "กองคลัง", "ตลอดปี"],
    ]
    table = Table(1, rows, pages=[1, 2], row_pages=[1, 1, 2, 2])
    facts = extract_measures([], [table], "integrity_measures")
    assert [(m.measure, m.page) for m in facts.measures] == [
        ("1. ลดขั้นตอน", 1),
        ("2. เปิดเผยข้อมูล", 2),
    ]


PARAGRAPHS = """มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘
ตามที่สำนักงาน ป.ป.ช. ได้ประเมินคุณธรรมและความโปร่งใส
๑. มาตรการแก้ไขแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)
๑. มาตรการป้องกันผลประโยชน์ทับซ้อน
วิธีการดำเนินการ:
๑) จัดทำคู่มือ
๒) เผยแพร่ให้บุคลากร
ผู้รับผิดชอบ: สำนักปลัด
ระยะเวลา: ๑ ต.ค. ๒๕๖๗ - ๓๐ ก.ย. ๒๕๖๘
๒. มาตรการแก้ไขแบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT)
๒. มาตรการเผยแพร่ข้อมูล
ข่าวสารทางเว็บไซต์
วิธีการดำเนินการ: ปรับปรุงเว็บไซต์
ผู้รับผิดชอบ: กองคลัง"""


def test_numbered_paragraphs_without_a_table() -> None:
    pages = [Page(1, "text", PARAGRAPHS)]
    facts = extract_measures(pages, [], "integrity_measures")
    got = [(m.tool, m.measure, m.method, m.responsible) for m in facts.measures]
    assert got == [
        (
            "IIT",
            "1. มาตรการป้องกันผลประโยชน์ทับซ้อน",
            "1) จัดทำคู่มือ 2) เผยแพร่ให้บุคลากร",
            "สำนักปลัด",
        ),
        ("OIT", "2. มาตรการเผยแพร่ข้อมูล ข่าวสารทางเว็บไซต์", "ปรับปรุงเว็บไซต์", "กองคลัง"),
    ]
    assert facts.measures[0].period_start == "2024-10-01"
    assert facts.problems == []


def test_kho_paragraphs() -> None:
    text = (
        "ข้อ ๑ ส่งเสริมการมีส่วนร่วมของประชาชน\nผู้รับผิดชอบ สำนักปลัด\nระยะเวลาดำเนินการ ตลอดปี\n"
        "ข้อ ๒ เปิดช่องทางร้องเรียน\nวิธีดำเนินการ : ตั้งตู้รับเรื่อง"
    )
    facts = extract_measures([Page(2, "text", text)], [], "integrity_measures_report")
    assert [(m.measure, m.responsible, m.period, m.method) for m in facts.measures] == [
        ("ข้อ 1 ส่งเสริมการมีส่วนร่วมของประชาชน", "สำนักปลัด", "ตลอดปี", None),
        ("ข้อ 2 เปิดช่องทางร้องเรียน", None, None, "ตั้งตู้รับเรื่อง"),
    ]


def test_numbered_lines_without_labels_are_not_measures() -> None:
    text = "วัตถุประสงค์\n๑. เพื่อส่งเสริมคุณธรรม\n๒. เพื่อความโปร่งใส"
    facts = extract_measures([Page(1, "text", text)], [], "integrity_measures")
    assert facts.measures == []
    assert [p.code for p in facts.problems] == ["no_measures_found"]
    header = ["มาตรการ", "วิธีดำเนินการ", "ผู้รับผิดชอบ"]
    empty = extract_measures([], [Table(1, [header])], "integrity_measures_report")
    assert [p.code for p in empty.problems] == ["no_measures_found"]


def test_a_tool_named_in_a_wrapped_cell_is_not_a_section() -> None:
    header = ["มาตรการ", "วิธีดำเนินการ", "ผู้รับผิดชอบ"]
    rows = [
        header,
        ["IIT", "", ""],
        ["๑. ปรับปรุงเว็บไซต์", "ตรวจตามเกณฑ์", "สำนักปลัด"],
        ["", "ของ OIT", ""],
    ]
    facts = extract_measures([], [Table(1, rows)], "integrity_measures")
    assert [(m.tool, m.method) for m in facts.measures] == [("IIT", "ตรวจตามเกณฑ์ ของ OIT")]
    text = "๑. ปรับปรุงเว็บไซต์\nวิธีการดำเนินการ: ตรวจตามเกณฑ์\nของ OIT\nผู้รับผิดชอบ: สำนักปลัด"
    (m,) = extract_measures([Page(1, "text", text)], [], "integrity_measures").measures
    assert (m.tool, m.method, m.responsible) == (None, "ตรวจตามเกณฑ์ ของ OIT", "สำนักปลัด")


def test_order_column_holding_section_numbers_only() -> None:
    header = ["ลำดับ", "มาตรการ", "ผู้รับผิดชอบ", "ระยะเวลา"]
    rows = [
        header,
        ["๑", "ด้านการปฏิบัติหน้าที่", "ด้านการปฏิบัติหน้าที่", "ด้านการปฏิบัติหน้าที่"],
        ["", "๑.๑ ลดขั้นตอน", "สำนักปลัด", "ตลอดปี"],
        ["", "๑.๒ เปิดเผยข้อมูล", "กองคลัง", "ตลอดปี"],
    ]
    facts = extract_measures([], [Table(1, rows)], "integrity_measures")
    assert [m.measure for m in facts.measures] == ["1.1 ลดขั้นตอน", "1.2 เปิดเผยข้อมูล"]
