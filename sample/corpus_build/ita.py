"""An ITA analysis report (seed 001): the level narrative and the 10-indicator table."""

from __future__ import annotations

from prongsai.sample.corpus_build.goldmake import printed_ita
from prongsai.sample.corpus_build.layout import Block, Grid, Heading, Layout, Para, Title, localize
from prongsai.sample.corpus_build.model import ItaReport, Org

TOOL_NAMES = {
    "IIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (Internal Integrity and Transparency Assessment : IIT)",
    "EIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (External Integrity and Transparency Assessment : EIT)",
    "OIT": "แบบตรวจการเปิดเผยข้อมูลสาธารณะ (Open Data Integrity and Transparency Assessment : OIT)",
}


def trend(previous: float, current: float) -> str:
    return "เพิ่มขึ้น" if current > previous else "ลดลง" if current < previous else "คงที่"


def layout(r: ItaReport, org: Org) -> Layout:
    total, level, prev, prev_level = printed_ita(r)
    y, py = r.year, r.year - 1
    name = r.misspelled_name or org.name
    rows: list[list[str]] = []
    last_tool = ""
    for i in r.indicators:
        tool = i.tool if i.tool != last_tool else ""
        last_tool = i.tool
        word = i.trend or trend(i.previous, i.current)
        rows.append([tool, f"{i.number}. {i.name}", f"{i.previous:.2f}", f"{i.current:.2f}", word])
    n = len(rows)
    rows.append(["", "คะแนนเฉลี่ย", f"{prev:.2f}", f"{total:.2f}", ""])
    rows.append(["", "ระดับการประเมิน", prev_level, level, ""])
    strong = [i for i in r.indicators if i.current >= 85]
    weak = [i for i in r.indicators if i.current < 80]
    blocks: list[Block] = [
        Title(
            [
                "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส",
                "ในการดำเนินงานของหน่วยงานภาครัฐ",
                f"ประจำปีงบประมาณ พ.ศ. {y}",
                org.name,
                f"อำเภอ{org.district} จังหวัด{org.province}",
            ]
        ),
        Heading("ความเป็นมาของการประเมิน"),
        Para(
            "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and "
            "Transparency Assessment : ITA) เป็นเครื่องมือที่สำนักงาน ป.ป.ช. ใช้ประเมินหน่วยงาน "
            "โดยใช้เครื่องมือ 3 ประเภท ดังนี้"
        ),
        *(Para(f"{k}. {TOOL_NAMES[t]}", indent=8) for k, t in enumerate(TOOL_NAMES, 1)),
        Para("โดยถ่วงน้ำหนักคะแนน IIT ร้อยละ 30 EIT ร้อยละ 30 และ OIT ร้อยละ 40"),
        Heading("1. การวิเคราะห์ผลการประเมิน"),
        Para(
            f"1) {name} ได้รับผลการประเมินอยู่ในระดับ {level} ({total:.2f} คะแนน) "
            f"ซึ่ง{trend(prev, total)}จากปีงบประมาณ พ.ศ. {py} ที่ได้รับผลการประเมินอยู่ในระดับ "
            f"{prev_level} ({prev:.2f} คะแนน)"
        ),
        Para(f"2) สรุปผลการประเมินประจำปีงบประมาณ พ.ศ. {y} (เทียบกับปีงบประมาณ พ.ศ. {py}) ดังนี้"),
        Grid(
            [["เครื่องมือ", "ตัวชี้วัด", str(py), str(y), "การเปลี่ยนแปลง"]],
            [rows],
            [25.0, 75.0, 25.0, 25.0, 30.0],
            ["C", "L", "R", "R", "C"],
            [{n, n + 1}],
            size=13,
        ),
        Para("3) จุดแข็ง : ตัวชี้วัดที่ได้รับผลการประเมินตั้งแต่ 85 คะแนนขึ้นไป คือ"),
        *(Para(f"- ตัวชี้วัดที่ {i.number} {i.name}", indent=8, gap=0) for i in strong),
        Para("4) จุดอ่อน : ตัวชี้วัดที่ได้รับผลการประเมินน้อยกว่า 80 คะแนน คือ"),
        *(Para(f"- ตัวชี้วัดที่ {i.number} {i.name}", indent=8, gap=0) for i in weak),
        Heading("2. ประเด็นที่ควรปรับปรุงแก้ไข"),
        Para(
            "หน่วยงานควรเร่งเปิดเผยข้อมูลบนเว็บไซต์ให้ครบถ้วนตามตัวชี้วัดที่ 9 และจัดทำมาตรการ"
            f"ส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {y + 1}"
        ),
    ]
    return Layout(localize(blocks, r.digits), landscape=False, font=r.font)
