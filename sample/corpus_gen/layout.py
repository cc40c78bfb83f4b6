"""Content -> blocks: the phrasing and table shapes of real documents, with chosen defects."""

from __future__ import annotations

import re

from pythainlp.tokenize import word_tokenize

from prongsai.sample.corpus_gen.blocks import Break, Layout, Row, Table, Text
from prongsai.sample.corpus_gen.content import DIMENSIONS
from prongsai.sample.corpus_gen.model import DocSpec, ItaReport, Measures, Other, Plan

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
TOOL_TITLES = {
    "IIT": "มาตรการแก้ไขแบบวัดการรับรู้ของผู้มีส่วนได้เสียภายใน (IIT)",
    "EIT": "มาตรการแก้ไขแบบวัดการรับรู้ของผู้มีส่วนได้เสียภายนอก (EIT)",
    "OIT": "มาตรการแก้ไขแบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT)",
}


def money(value: float | None) -> str:
    return "-" if value is None else f"{value:,.2f}"


def split_lines(text: str, chars: int) -> list[str]:
    """Cut text at word boundaries into pieces of about `chars` characters (no text is lost)."""
    pieces: list[str] = []
    line = ""
    for word in word_tokenize(text, engine="newmm", keep_whitespace=True):
        if line and len(line) + len(word) > chars and not word.isspace():
            pieces.append(line)
            line = ""
        line += word
    if line:
        pieces.append(line)
    return pieces


def _chunk(rows: list[Row], widths: list[float], budget_lines: int) -> list[list[Row]]:
    """Rows grouped per page by an estimate of their wrapped height."""
    chunks: list[list[Row]] = [[]]
    used = 0
    for row in rows:
        lines = max(
            sum(max(1, -(-len(p) // max(1, int(w / 2.1)))) for p in cell.split("\n"))
            for cell, w in zip(row.cells, widths, strict=True)
        )
        if used + lines > budget_lines and chunks[-1]:
            chunks.append([])
            used = 0
        chunks[-1].append(row)
        used += lines
    return chunks


def _headers(base: list[str], n: int, misspell: bool) -> list[list[str]]:
    # real plans repeat the header per page, typed again, sometimes as "มติ"
    bad = [h.replace("มิติ", "มติ") for h in base]
    return [bad if misspell and i % 2 == 1 else base for i in range(n)]


def plan_layout(spec: DocSpec, plan: Plan) -> Layout:
    org, y0, y1 = plan.org, plan.years[0], plan.years[-1]
    lay = Layout()
    for line in ("แผนปฏิบัติการป้องกันการทุจริต", "เพื่อยกระดับคุณธรรมและความโปร่งใส",
                 f"ของ{org.name}", f"(พ.ศ. {y0} - {y1})"):
        lay.text(line, 20, True, "C")
    lay.text(org.name, 16, True, "C")
    lay.text(f"อำเภอ{org.district} จังหวัด{org.province}", 16, False, "C")
    lay.text("ส่วนที่ 1 บทนำ", 16, True)
    lay.text(
        f"{org.name} ได้จัดทำแผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส "
        f"(พ.ศ. {y0} - {y1}) เพื่อแสดงเจตจำนงสุจริตของผู้บริหารในการต่อต้านการทุจริตอย่างเป็น"
        "รูปธรรม และยกระดับผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน (ITA)"
    )
    total = sum(plan.declared.values())
    lay.text(
        "ส่วนที่ 2 ประกอบด้วย โครงการ/กิจกรรม/มาตรการ และจำนวนงบประมาณที่ดำเนินการใน 5 ปี "
        f"(พ.ศ. {y0} - {y1}) แยกตาม 4 มิติ รวมทั้งสิ้นจำนวน {total} โครงการ ดังนี้"
    )
    for dim, n in plan.declared.items():
        lay.text(f"มิติที่ {dim} {DIMENSIONS[dim]} จำนวน {n} โครงการ")
    lay.blocks.append(Break(landscape=True))
    lay.text(f"ส่วนที่ 2 แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. {y0} - {y1})", 16, True, "C")
    lay.text(org.name, 16, True, "C")
    lay.blocks.append(_plan_table(spec, plan))
    lay.blocks.append(Break(landscape=False))
    lay.text("ส่วนที่ 3 รายละเอียดโครงการ/กิจกรรม/มาตรการ", 18, True, "C")
    index = 0
    for dim in plan.declared:
        head = "มติที่" if spec.misspell_header and dim == 2 else "มิติที่"
        lay.text(f"{head} {dim} {DIMENSIONS[dim]}", 16, True)
        for proj, det in zip(plan.projects, plan.details, strict=True):
            if proj.dimension != dim:
                continue
            index += 1
            lay.text(f"ลำดับที่ {index}", 16, True)
            lay.text(f"1. ชื่อโครงการ : {det.name}")
            if det.budget is None:
                money_text = "ไม่ใช้งบประมาณ"
            else:
                years = [y for y in plan.years if proj.budgets[y] is not None or y in proj.cells]
                stated = det.stated_total
                if stated is None and not proj.cells:
                    stated = det.budget * len(years)
                extra = f" (รวม {len(years)} ปี {stated:,.0f} บาท)" if stated else ""
                money_text = f"ปีละ {det.budget:,.0f} บาท{extra}"
            lay.text(f"2. งบประมาณ : {money_text}")
            lay.text(f"3. ผู้รับผิดชอบ : {det.responsible}")
            lay.text(f"4. ระยะเวลาดำเนินการ : {det.period}")
    return lay


def _plan_table(spec: DocSpec, plan: Plan) -> Table:
    missions = any(p.mission for p in plan.projects)
    years = plan.years
    header = ["มิติ"] + (["ภารกิจตามมิติ"] if missions else []) + ["โครงการ/กิจกรรม/มาตรการ"]
    header += [f"ปี {y}\nงบประมาณ\n(บาท)" for y in years] + ["หมายเหตุ"]
    lead = [26.0, 36.0] if missions else [40.0]
    widths = [*lead, 62.0 if missions else 84.0] + [26.0] * len(years) + [10.0]
    name_chars = spec.wrap_chars or 10_000
    rows: list[Row] = []
    pad = [""] * (len(years) + 1)
    for dim in plan.declared:
        projs = [p for p in plan.projects if p.dimension == dim]
        dim_lines = split_lines(f"{dim}. {DIMENSIONS[dim]}", 12) if spec.wrap_chars else [
            f"{dim}. {DIMENSIONS[dim]}"]
        groups = ([projs[i:i + 3] for i in range(0, len(projs), 3)] if spec.multi_cell
                  else [[p] for p in projs])
        first_row = len(rows)
        last_mission: str | None = None
        number = 0
        for group in groups:
            names, amounts = [], [[] for _ in years]
            for p in group:
                number += 1
                names.append(f"{number}) {p.name}")
                for i, y in enumerate(years):
                    amounts[i].append(p.cells.get(y) or money(p.budgets[y]))
            mission = group[0].mission or ""
            mission_text = "" if mission == last_mission else mission
            last_mission = mission
            if spec.multi_cell:
                rows.append(Row([""] + ([mission_text] if missions else []) + ["\n".join(names)]
                                + ["\n".join(a) for a in amounts] + [""]))
                continue
            name_parts = split_lines(names[0], name_chars)
            mission_parts = split_lines(mission_text, 16) if (spec.wrap_chars and mission_text) \
                else [mission_text]
            for k in range(max(len(name_parts), len(mission_parts))):
                cells = [""]
                if missions:
                    cells.append(mission_parts[k] if k < len(mission_parts) else "")
                cells.append(name_parts[k] if k < len(name_parts) else "")
                cells += [a[0] for a in amounts] + [""] if k == 0 else pad
                rows.append(Row(cells))
        # the dimension's name runs down the first rows, one visual line per row
        for k, part in enumerate(dim_lines):
            if first_row + k < len(rows):
                rows[first_row + k].cells[0] = part
            else:
                rows.append(Row([part] + [""] * (len(widths) - 1)))
        sub = plan.subtotals[dim]
        label = (["มิติที่ " + str(dim), "รวม"] if missions else [f"รวมมิติที่ {dim}"])
        rows.append(Row(label + [f"จำนวน {plan.declared[dim]} โครงการ"]
                        + [money(sub[y]) for y in years] + [""], bold=True))
    if plan.totals:
        label = ["", "รวมทั้งสิ้น"] if missions else ["รวมทั้งสิ้น"]
        rows.append(Row(label + [f"จำนวน {sum(plan.declared.values())} โครงการ"]
                        + [money(plan.totals[y]) for y in years] + [""], bold=True))
    chunks = _chunk(rows, widths, 17)
    return Table(widths, _headers(header, len(chunks), spec.misspell_header), chunks, 11)


def ita_layout(spec: DocSpec, ita: ItaReport) -> Layout:
    org, year = ita.org, ita.year
    lay = Layout()
    lay.text("รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส", 18, True, "C")
    lay.text("ในการดำเนินงานของหน่วยงานภาครัฐ (ITA)", 18, True, "C")
    lay.text(f"ประจำปีงบประมาณ พ.ศ. {year}", 16, True, "C")
    lay.text(org.name, 16, True, "C")
    lay.text(f"อำเภอ{org.district} จังหวัด{org.province}", 16, False, "C")
    lay.text("ความเป็นมาของการประเมิน", 16, True)
    lay.text(
        "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and "
        "Transparency Assessment : ITA) ใช้เครื่องมือ 3 แบบ ได้แก่ แบบวัดการรับรู้ของผู้มีส่วน"
        "ได้เสียภายใน (IIT) แบบวัดการรับรู้ของผู้มีส่วนได้เสียภายนอก (EIT) และแบบตรวจการเปิดเผย"
        "ข้อมูลสาธารณะ (OIT) โดยมีน้ำหนักร้อยละ 30 30 และ 40 ตามลำดับ"
    )
    lay.text(
        f"ผลการประเมินของ{org.wrong_name} ประจำปีงบประมาณ พ.ศ. {year} ได้คะแนน "
        f"{ita.total:.2f} คะแนน อยู่ในระดับ {ita.level} เมื่อเทียบกับปี {year - 1} ซึ่งได้คะแนน "
        f"{ita.previous_total:.2f} คะแนน (ระดับ {ita.previous_level})"
    )
    header = ["เครื่องมือ", "ตัวชี้วัด", str(year - 1), str(year), "การเปลี่ยนแปลง"]
    rows: list[Row] = []
    last = ""
    for ind in ita.indicators:
        rows.append(Row([ind.tool if ind.tool != last else "", f"{ind.number}. {ind.name}",
                         f"{ind.previous:.2f}", f"{ind.current:.2f}", ind.trend]))
        last = ind.tool
    rows.append(Row(["", "คะแนนเฉลี่ย", f"{ita.previous_total:.2f}", f"{ita.total:.2f}", ""], True))
    rows.append(Row(["", "ระดับการประเมิน", ita.previous_level, ita.level, ""], True))
    lay.text(f"ตารางที่ 1 ผลคะแนนรายตัวชี้วัด ปี {year - 1} และปี {year}", 16, True)
    lay.blocks.append(Table([25, 70, 22, 22, 31], [header], [rows], 14))
    weakest = min(ita.indicators, key=lambda i: i.current)
    best = max(ita.indicators, key=lambda i: i.current)
    lay.text("จุดแข็งและจุดที่ควรพัฒนา", 16, True)
    lay.text(
        f"ตัวชี้วัดที่ได้คะแนนสูงสุด คือ ตัวชี้วัดที่ {best.number} {best.name} "
        f"({best.current:.2f} คะแนน) ส่วนตัวชี้วัดที่ควรพัฒนาเร่งด่วน คือ ตัวชี้วัดที่ "
        f"{weakest.number} {weakest.name} ({weakest.current:.2f} คะแนน) {org.name}จึงได้จัดทำ"
        f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. {year + 1} ต่อไป"
    )
    return lay


def measures_layout(spec: DocSpec, doc: Measures) -> Layout:
    org, year = doc.org, doc.year
    lay = Layout(landscape_first=doc.report)
    title = ("รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
             if doc.report else "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน")
    lay.text(title, 18, True, "C")
    lay.text(f"ประจำปีงบประมาณ พ.ศ. {year}", 16, True, "C")
    lay.text(f"{org.name} อำเภอ{org.district} จังหวัด{org.province}", 16, True, "C")
    if not doc.report:
        lay.text(
            f"ตามที่{org.name}ได้รับผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {year - 1} จึงได้กำหนด"
            "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน เพื่อแก้ไขประเด็นที่เป็นข้อบกพร่อง"
            " ดังนี้"
        )
    header = ["มาตรการ/แนวทาง", "วิธีดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ"]
    widths = [60.0, 60.0, 30.0, 30.0]
    if doc.report:
        header += ["สรุปผลการดำเนินการตามมาตรการ", "ผลลัพธ์หรือความสำเร็จของการดำเนินการ"]
        widths = [55.0, 55.0, 30.0, 30.0, 50.0, 47.0]
    tools = list(dict.fromkeys(m.tool for m in doc.rows))
    for t_index, tool in enumerate(tools, start=1):
        if tool:
            lay.text(f"{t_index}. {TOOL_TITLES[tool]}", 16, True)
        rows = []
        for n, m in enumerate((m for m in doc.rows if m.tool == tool), start=1):
            cells = [f"{n}. {m.measure}", m.method, m.responsible, m.period]
            if doc.report:
                cells += [m.result or "", m.outcome or ""]
            rows.append(Row(cells))
        lay.blocks.append(Table(widths, [header], [rows], 14))
    return lay


def other_layout(spec: DocSpec, doc: Other) -> Layout:
    lay = Layout()
    lay.text(f"ประกาศ{doc.org.name}", 18, True, "C")
    lay.text(doc.title, 16, True, "C")
    lay.text("-------------------------------", 16, False, "C")
    for p in doc.paragraphs:
        lay.text(p)
    widths = [15.0, 85.0, 35.0, 35.0]
    lay.blocks.append(Table(widths, [doc.table[0]], [[Row(r) for r in doc.table[1:]]], 14))
    lay.text(f"ประกาศ ณ วันที่ 15 มีนาคม พ.ศ. 2567", 16, False, "C")
    lay.text(f"นายก{doc.org.name}", 16, False, "C")
    return lay


def to_layout(spec: DocSpec) -> Layout:
    c = spec.content
    if isinstance(c, Plan):
        lay = plan_layout(spec, c)
    elif isinstance(c, ItaReport):
        lay = ita_layout(spec, c)
    elif isinstance(c, Measures):
        lay = measures_layout(spec, c)
    else:
        lay = other_layout(spec, c)
    apply_digits(lay, spec.digits)
    return lay


def apply_digits(lay: Layout, digits: str) -> None:
    """Thai digits everywhere, or mixed: Thai in tables, years half-Thai ("25๖๖") in text."""
    if digits == "arabic":
        return
    for b in lay.blocks:
        if isinstance(b, Text):
            if digits == "thai":
                b.text = b.text.translate(THAI_DIGITS)
            else:
                b.text = re.sub(r"\b25(\d\d)\b", lambda m: "25" + m.group(1).translate(THAI_DIGITS),
                                b.text)
        elif isinstance(b, Table):
            b.headers = [[c.translate(THAI_DIGITS) for c in h] for h in b.headers]
            for ch in b.chunks:
                for r in ch:
                    r.cells = [c.translate(THAI_DIGITS) for c in r.cells]


__all__ = ["Text", "to_layout"]
