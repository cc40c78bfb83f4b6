"""Invented content built from the seeds' structure and phrasing; random but seeded."""

from __future__ import annotations

import random

from prongsai.sample.corpus_gen.model import (
    IndicatorScore,
    ItaReport,
    MeasureRow,
    Measures,
    Org,
    Plan,
    PlanDetail,
    PlanProject,
)

DIMENSIONS = {
    1: "การสร้างวัฒนธรรมสุจริต",
    2: "การบริหารราชการด้วยความโปร่งใส",
    3: "การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน",
    4: "การยกระดับกลไกการตรวจสอบการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น",
}
# dimension -> (mission, kind, name without kind); {org} is the organization's short name
PROJECT_POOL: dict[int, list[tuple[str, str, str]]] = {
    1: [
        ("1.1 การเสริมสร้างจิตสำนึกและความตระหนักแก่บุคลากร", "มาตรการ",
         "ส่งเสริมการปฏิบัติงานตามประมวลจริยธรรมของ{org}"),
        ("1.1 การเสริมสร้างจิตสำนึกและความตระหนักแก่บุคลากร", "โครงการ",
         "ฝึกอบรมคุณธรรมจริยธรรมแก่ผู้บริหาร สมาชิกสภาท้องถิ่น และพนักงาน"),
        ("1.1 การเสริมสร้างจิตสำนึกและความตระหนักแก่บุคลากร", "กิจกรรม",
         "ประกาศเจตจำนงสุจริตของผู้บริหารท้องถิ่น"),
        ("1.2 การเสริมสร้างจิตสำนึกและความตระหนักแก่ประชาชน", "โครงการ",
         "ส่งเสริมการดำเนินชีวิตตามหลักปรัชญาของเศรษฐกิจพอเพียง"),
        ("1.2 การเสริมสร้างจิตสำนึกและความตระหนักแก่ประชาชน", "กิจกรรม",
         "ยกย่องและเชิดชูเกียรติบุคคลผู้ทำความดีในชุมชน"),
        ("1.3 การเสริมสร้างจิตสำนึกและความตระหนักแก่เด็กและเยาวชน", "โครงการ",
         "ประกวดคำขวัญต่อต้านการทุจริตในโรงเรียน"),
        ("1.3 การเสริมสร้างจิตสำนึกและความตระหนักแก่เด็กและเยาวชน", "โครงการ",
         "สร้างภูมิคุ้มกันทางสังคมให้เด็กและเยาวชน"),
    ],
    2: [
        ("2.1 การเปิดเผยข้อมูลสาธารณะ", "มาตรการ",
         "ปรับปรุงศูนย์ข้อมูลข่าวสารของ{org}"),
        ("2.1 การเปิดเผยข้อมูลสาธารณะ", "กิจกรรม",
         "เผยแพร่ข้อมูลการจัดซื้อจัดจ้างผ่านเว็บไซต์"),
        ("2.2 มาตรการส่งเสริมคุณธรรมและความโปร่งใส", "มาตรการ",
         "No Gift Policy"),
        ("2.2 มาตรการส่งเสริมคุณธรรมและความโปร่งใส", "กิจกรรม",
         "สร้างความโปร่งใสในการพิจารณาเลื่อนขั้นเงินเดือน"),
        ("2.3 การใช้ดุลยพินิจและอำนาจหน้าที่", "มาตรการ",
         "ออกคำสั่งมอบหมายของนายกและปลัด"),
        ("2.3 การใช้ดุลยพินิจและอำนาจหน้าที่", "โครงการ",
         "จัดทำคู่มือการปฏิบัติงานและลดขั้นตอนการให้บริการ"),
        ("2.4 การบริการสาธารณะอย่างเท่าเทียม", "กิจกรรม",
         "ใช้บัตรคิวในการติดต่อราชการ"),
    ],
    3: [
        ("3.1 การจัดให้มีช่องทางรับฟังความคิดเห็น", "มาตรการ",
         "จัดการเรื่องร้องทุกข์และร้องเรียนของประชาชน"),
        ("3.1 การจัดให้มีช่องทางรับฟังความคิดเห็น", "โครงการ",
         "เวทีประชาคมเพื่อจัดทำแผนพัฒนาท้องถิ่น"),
        ("3.2 การส่งเสริมการมีส่วนร่วมของประชาชน", "โครงการ",
         "อบรมอาสาสมัครเฝ้าระวังการทุจริตในชุมชน"),
        ("3.2 การส่งเสริมการมีส่วนร่วมของประชาชน", "กิจกรรม",
         "แต่งตั้งตัวแทนประชาชนร่วมเป็นกรรมการตรวจรับพัสดุ"),
        ("3.3 การประเมินผลโดยภาคประชาชน", "กิจกรรม",
         "สำรวจความพึงพอใจของผู้รับบริการ"),
    ],
    4: [
        ("4.1 การควบคุมภายในและการตรวจสอบภายใน", "กิจกรรม",
         "ติดตามประเมินผลการควบคุมภายใน"),
        ("4.1 การควบคุมภายในและการตรวจสอบภายใน", "มาตรการ",
         "บริหารจัดการความเสี่ยงการทุจริตของ{org}"),
        ("4.2 การสนับสนุนให้สภาท้องถิ่นตรวจสอบ", "โครงการ",
         "อบรมเพิ่มศักยภาพสมาชิกสภาท้องถิ่นในการตรวจสอบ"),
        ("4.3 การส่งเสริมบทบาทการตรวจสอบของภาคประชาชน", "กิจกรรม",
         "ส่งเสริมชมรมต่อต้านการทุจริตในตำบล"),
        ("4.4 การเสริมพลังการมีส่วนร่วมของชุมชน", "โครงการ",
         "ประชาสัมพันธ์ช่องทางแจ้งเบาะแสการทุจริต"),
    ],
}
RESPONSIBLE = ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม",
               "กองสาธารณสุขและสิ่งแวดล้อม"]
AMOUNTS = [5000.0, 10000.0, 20000.0, 30000.0, 50000.0, 100000.0, 150000.0, 200000.0]


def make_plan(org: Org, rng: random.Random, counts: dict[int, int], first_year: int = 2566,
              missions: bool = True) -> Plan:
    """A consistent plan: declared counts, subtotals and totals all add up."""
    years = list(range(first_year, first_year + 5))
    projects: list[PlanProject] = []
    details: list[PlanDetail] = []
    for dim, n in counts.items():
        for mission, kind, name in sorted(rng.sample(PROJECT_POOL[dim], n)):
            full = kind + name.format(org=org.short)
            amount = rng.choice(AMOUNTS) if rng.random() < 0.7 else None
            budgets: dict[int, float | None] = dict.fromkeys(years, amount)
            if amount is not None and rng.random() < 0.25:
                budgets[years[0]] = None  # starts in the second year
            resp = rng.choice(RESPONSIBLE)
            projects.append(PlanProject(dim, full, kind, mission if missions else None,
                                        budgets, responsible=resp))
            details.append(PlanDetail(full, amount, resp,
                                      f"ปีงบประมาณ พ.ศ. {years[0]} - {years[-1]}"))
    plan = Plan(org, years, projects, details, dict(counts), {}, {})
    recompute_totals(plan)
    return plan


def recompute_totals(plan: Plan) -> None:
    for dim in plan.declared:
        plan.subtotals[dim] = {
            y: sum(p.budgets[y] or 0.0 for p in plan.projects if p.dimension == dim)
            for y in plan.years
        }
    plan.totals = {y: sum(s[y] for s in plan.subtotals.values()) for y in plan.years}


INDICATORS = [
    ("IIT", 1, "การปฏิบัติหน้าที่"),
    ("IIT", 2, "การใช้งบประมาณ"),
    ("IIT", 3, "การใช้อำนาจ"),
    ("IIT", 4, "การใช้ทรัพย์สินของราชการ"),
    ("IIT", 5, "การแก้ไขปัญหาการทุจริต"),
    ("EIT", 6, "คุณภาพการดำเนินงาน"),
    ("EIT", 7, "ประสิทธิภาพการสื่อสาร"),
    ("EIT", 8, "การปรับปรุงระบบการทำงาน"),
    ("OIT", 9, "การเปิดเผยข้อมูล"),
    ("OIT", 10, "การป้องกันการทุจริต"),
]


def weighted_total(scores: dict[int, float]) -> float:
    """IIT mean x 0.3 + EIT mean x 0.3 + OIT mean x 0.4, as the ITA manual weighs them."""
    iit = sum(scores[n] for n in range(1, 6)) / 5
    eit = sum(scores[n] for n in range(6, 9)) / 3
    oit = sum(scores[n] for n in range(9, 11)) / 2
    return round(iit * 0.3 + eit * 0.3 + oit * 0.4, 2)


def level_of(score: float, new_scheme: bool = False) -> str:
    """AA >= 95, A 85-94.99 ... F < 50; the 2566+ scheme names the top bands ผ่านดีเยี่ยม/ผ่านดี/ผ่าน."""
    if new_scheme:
        bands = [(95, "ผ่านดีเยี่ยม"), (85, "ผ่านดี"), (75, "ผ่าน")]
        return next((name for low, name in bands if score >= low), "ต้องปรับปรุง")
    bands2 = [(95, "AA"), (85, "A"), (75, "B"), (65, "C"), (55, "D"), (50, "E")]
    return next((name for low, name in bands2 if score >= low), "F")


def trend(previous: float, current: float) -> str:
    if current > previous:
        return "เพิ่มขึ้น"
    return "ลดลง" if current < previous else "คงที่"


def make_ita(org: Org, year: int, rng: random.Random, base: float,
             new_scheme: bool = False) -> ItaReport:
    """A consistent ITA report whose indicators scatter around `base`."""
    prev: dict[int, float] = {}
    cur: dict[int, float] = {}
    for _, n, _ in INDICATORS:
        spread = 25.0 if n >= 9 else 10.0
        p = min(100.0, max(5.0, round(base + rng.uniform(-spread, spread) - 4, 2)))
        c = min(100.0, max(5.0, round(p + rng.uniform(-4, 9), 2)))
        prev[n], cur[n] = p, c
    indicators = [
        IndicatorScore(tool, n, name, prev[n], cur[n], trend(prev[n], cur[n]))
        for tool, n, name in INDICATORS
    ]
    total, ptotal = weighted_total(cur), weighted_total(prev)
    return ItaReport(org, year, indicators, total, level_of(total, new_scheme), ptotal,
                     level_of(ptotal, new_scheme and year - 1 >= 2566))


MEASURE_POOL: list[tuple[str, str, str, str, str]] = [
    ("IIT", "ปรับปรุงการปฏิบัติงานของเจ้าหน้าที่ให้เป็นไปตามขั้นตอนและระยะเวลาที่กำหนด",
     "จัดทำและทบทวนคู่มือการปฏิบัติงาน แจ้งเวียนให้เจ้าหน้าที่ถือปฏิบัติ",
     "จัดทำคู่มือการปฏิบัติงานครบทุกกอง จำนวน 5 เล่ม",
     "ผู้รับบริการได้รับบริการตามระยะเวลาที่กำหนด"),
    ("IIT", "เพิ่มประสิทธิภาพการจัดซื้อจัดจ้างให้โปร่งใสตรวจสอบได้",
     "เผยแพร่แผนการจัดซื้อจัดจ้างและสรุปผลการจัดซื้อจัดจ้างรายเดือน",
     "เผยแพร่สรุปผลการจัดซื้อจัดจ้างครบ 12 เดือน",
     "ไม่มีข้อร้องเรียนเรื่องการจัดซื้อจัดจ้าง"),
    ("IIT", "สร้างการรับรู้แนวปฏิบัติการใช้ทรัพย์สินของทางราชการ",
     "ออกประกาศแนวปฏิบัติการยืมและการใช้ทรัพย์สินของราชการ",
     "ออกประกาศแนวปฏิบัติ จำนวน 1 ฉบับ",
     "บุคลากรใช้ทรัพย์สินของราชการถูกต้องตามระเบียบ"),
    ("EIT", "ปรับปรุงช่องทางการให้บริการออนไลน์ (E-Service)",
     "มอบหมายผู้รับผิดชอบดูแลระบบและประชาสัมพันธ์ช่องทางการใช้งาน",
     "มีผู้ใช้บริการออนไลน์ จำนวน 86 ราย",
     "ประชาชนเข้าถึงบริการได้สะดวกขึ้น"),
    ("EIT", "ปรับปรุงวิธีการและขั้นตอนการให้บริการ",
     "สำรวจความพึงพอใจของผู้รับบริการและนำผลมาปรับปรุงขั้นตอน",
     "ผลสำรวจความพึงพอใจร้อยละ 92",
     "ผู้รับบริการพึงพอใจต่อการให้บริการเพิ่มขึ้น"),
    ("OIT", "รายงานแผนและความก้าวหน้าการใช้งบประมาณประจำปี",
     "เผยแพร่รายงานผลการดำเนินงานรอบ 6 เดือนและรอบ 12 เดือนทางเว็บไซต์",
     "เผยแพร่รายงานครบทั้ง 2 รอบ",
     "ประชาชนตรวจสอบการใช้งบประมาณได้"),
    ("OIT", "ส่งเสริมวัฒนธรรมการปฏิเสธการรับของขวัญ (No Gift Policy)",
     "ประกาศนโยบายไม่รับของขวัญและจัดกิจกรรมให้ความรู้แก่บุคลากร",
     "จัดกิจกรรมให้ความรู้ 1 ครั้ง ผู้เข้าร่วม 45 คน",
     "ไม่พบการรับของขวัญโดยมิชอบ"),
]


def make_measures(org: Org, year: int, rng: random.Random, report: bool,
                  tools: bool = True) -> Measures:
    rows: list[MeasureRow] = []
    period = f"ตุลาคม {year - 1} - กันยายน {year}"
    for tool, measure, method, result, outcome in MEASURE_POOL:
        if rng.random() < 0.15:
            continue
        rows.append(MeasureRow(
            tool if tools else None, measure, method, rng.choice(RESPONSIBLE), period,
            result if report else None, outcome if report else None,
        ))
    return Measures(org, year, rows, report)
