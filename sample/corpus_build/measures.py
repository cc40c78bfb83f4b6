"""Integrity measures (มาตรการส่งเสริมคุณธรรม...) and their implementation report (seeds 002/003)."""

from __future__ import annotations

from prongsai.sample.corpus_build.layout import Block, Grid, Layout, Para, Title, localize
from prongsai.sample.corpus_build.model import Measures, Org

SECTIONS = {
    "IIT": "1. มาตรการแก้ไขแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
    "EIT": "2. มาตรการแก้ไขแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)",
    "OIT": "3. มาตรการแก้ไขแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)",
}
HEADER = ["มาตรการ/แนวทาง", "วิธีดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ"]
REPORT_HEADER = [*HEADER, "สรุปผลการดำเนินการตามมาตรการ", "ผลลัพธ์หรือความสำเร็จของการดำเนินการ"]


def layout(m: Measures, org: Org) -> Layout:
    name = m.misspelled_name or org.name
    rows: list[list[str]] = []
    bold: set[int] = set()
    width = 6 if m.report else 4
    tool = None
    for row in m.rows:
        if row.tool != tool and row.tool:
            bold.add(len(rows))
            rows.append([SECTIONS[row.tool]] + [""] * (width - 1))
        tool = row.tool
        cells = ["\n".join(row.measure), "\n".join(row.method), row.responsible, row.period]
        if m.report:
            cells += ["\n".join(row.result), "\n".join(row.outcome)]
        rows.append(cells)
    if m.report:
        title = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
        widths = [52.0, 58.0, 30.0, 30.0, 52.0, 45.0]
        intro = (
            f"ตามที่ {name} ได้วิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {m.year - 1} "
            f"และกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. {m.year} "
            "บัดนี้ได้ดำเนินการตามมาตรการดังกล่าวแล้ว จึงขอรายงานผลการดำเนินการ ดังนี้"
        )
    else:
        title = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
        widths = [75.0, 110.0, 42.0, 40.0]
        intro = (
            f"จากการวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {m.year - 1} {name} "
            "ได้กำหนดมาตรการเพื่อขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ดังนี้"
        )
    blocks: list[Block] = [
        Title(
            [
                title,
                f"ประจำปีงบประมาณ พ.ศ. {m.year}",
                f"{org.name} อำเภอ{org.district} จังหวัด{org.province}",
            ]
        ),
        Para(intro),
        Grid(
            [REPORT_HEADER if m.report else HEADER],
            [rows],
            widths,
            ["L"] * width,
            [bold],
            size=12 if m.report else 13,
        ),
    ]
    return Layout(localize(blocks, m.digits), landscape=True, font=m.font)
