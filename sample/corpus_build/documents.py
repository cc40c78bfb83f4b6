"""The corpus: one definition per document. Content is authored for the project (the seeds were
read as a guide to how real documents look); organizations are the featured demo ones."""

from __future__ import annotations

import random
from collections.abc import Callable

from prongsai.sample.corpus_build.model import (
    HASH,
    Announcement,
    Doc,
    Indicator,
    ItaReport,
    MeasureRow,
    Measures,
    Plan,
    PlanProject,
)
from prongsai.sample.corpus_build.plan import kind_of

N = None
FULL_YEAR = "1 ต.ค. 66 - 30 ก.ย. 67"


def _p(d: int, name: str, amount: float | None, mission: str | None = None) -> PlanProject:
    return PlanProject(d, name, kind_of(name), tuple(amount for _ in range(5)), mission)


# --- plans -------------------------------------------------------------------------------------

M11 = "1.1 เสริมสร้างจิตสำนึกและความตระหนักแก่บุคลากรทั้งฝ่ายการเมืองและฝ่ายประจำ"
M12 = "1.2 เสริมสร้างจิตสำนึกและความตระหนักแก่ประชาชนทุกภาคส่วนในท้องถิ่น"
M13 = "1.3 เสริมสร้างจิตสำนึกและความตระหนักแก่เด็กและเยาวชน"
M21 = "2.1 แสดงเจตจำนงทางการเมืองในการต่อต้านการทุจริตของผู้บริหาร"
M22 = "2.2 มาตรการสร้างความโปร่งใสในการปฏิบัติราชการ"
M23 = "2.3 มาตรการการใช้ดุลยพินิจและใช้อำนาจหน้าที่ให้เป็นไปตามหลักการบริหารกิจการบ้านเมืองที่ดี"
M31 = "3.1 จัดให้มีและเผยแพร่ข้อมูลข่าวสารในช่องทางที่เป็นการอำนวยความสะดวกแก่ประชาชน"
M32 = "3.2 การรับฟังความคิดเห็น การรับและตอบสนองเรื่องร้องเรียน/ร้องทุกข์ของประชาชน"
M41 = "4.1 มีการจัดวางระบบและรายงานการควบคุมภายใน"
M42 = "4.2 การสนับสนุนให้ภาคประชาชนมีส่วนร่วมตรวจสอบการปฏิบัติหรือการบริหารราชการ"


def plan_khaothong() -> Plan:
    org = "องค์การบริหารส่วนตำบลเขาทอง"
    return Plan(
        "plan_khaothong_2566_fpdf",
        "khaothong",
        "fpdf2",
        [
            _p(1, f"มาตรการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรมของ{org}", N),
            _p(1, "โครงการฝึกอบรมคุณธรรมจริยธรรมแก่ผู้บริหาร สมาชิกสภา และพนักงาน", 30000.0),
            _p(1, "กิจกรรมยกย่องและเชิดชูเกียรติบุคคลที่ปฏิบัติงานด้วยความซื่อสัตย์สุจริต", N),
            _p(2, "มาตรการ No Gift Policy", N),
            _p(2, "กิจกรรมการใช้บัตรคิวในการติดต่อราชการ", N),
            _p(2, "มาตรการป้องกันผลประโยชน์ทับซ้อน", N),
            _p(2, "โครงการจัดทำแผนที่ภาษีและทะเบียนทรัพย์สิน", 150000.0),
            _p(3, "มาตรการจัดการเรื่องร้องทุกข์/ร้องเรียน", N),
            _p(3, "โครงการประชุมประชาคมหมู่บ้านเพื่อจัดทำแผนพัฒนาท้องถิ่น", 20000.0),
            _p(4, "กิจกรรมติดตามประเมินผลการควบคุมภายใน", N),
            _p(4, "โครงการอบรมให้ความรู้ด้านระเบียบกฎหมายแก่สมาชิกสภาท้องถิ่น", 25000.0),
        ],
        digits="thai",
        merged=True,
        defects=["merged_projects", "subtotal_rows", "dash_cells", "thai_digits", "pua_tone_marks"],
    )


def plan_lampangpao() -> Plan:
    projects = [
        _p(1, "มาตรการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรมขององค์การบริหารส่วนจังหวัดลำปาง", N, M11),
        _p(1, "โครงการฝึกอบรมการส่งเสริมคุณธรรมบุคลากรองค์กรเพื่อเสริมสร้างวัฒนธรรมองค์กรสุจริต", 200000.0, M11),
        _p(1, "โครงการส่งเสริมการดำเนินชีวิตตามหลักปรัชญาของเศรษฐกิจพอเพียง", 500000.0, M12),
        _p(1, "โครงการประกวดคำขวัญต่อต้านการทุจริตในสถานศึกษาสังกัดองค์การบริหารส่วนจังหวัด", 5000.0, M13),
        _p(1, "โครงการโรงเรียนคุณธรรม", 10000.0, M13),
        _p(2, "กิจกรรมประกาศเจตจำนงต่อต้านการทุจริตของผู้บริหาร", N, M21),
        _p(2, "มาตรการเผยแพร่ข้อมูลการจัดซื้อจัดจ้างและการใช้จ่ายงบประมาณ", N, M22),
        _p(2, "โครงการพัฒนาระบบบริการประชาชนด้วยเทคโนโลยีดิจิทัล", 300000.0, M22),
        _p(2, "มาตรการลดขั้นตอนการปฏิบัติงานและการใช้ดุลยพินิจของเจ้าหน้าที่", N, M23),
        _p(3, "โครงการพัฒนาเว็บไซต์และช่องทางการเผยแพร่ข้อมูลข่าวสาร", 50000.0, M31),
        _p(3, "กิจกรรมรับฟังความคิดเห็นของประชาชนผ่านเวทีประชาคมจังหวัด", 40000.0, M32),
        _p(3, "มาตรการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", N, M32),
        _p(4, "กิจกรรมจัดทำรายงานการควบคุมภายในและบริหารความเสี่ยง", N, M41),
        _p(4, "โครงการอบรมคณะกรรมการตรวจรับพัสดุภาคประชาชน", 60000.0, M42),
    ]
    # Excel printed "#####" for a 200,000 cell too narrow; the subtotal still counts it (seed 004)
    projects[1].budgets = (200000.0, 200000.0, 200000.0, 200000.0, HASH)
    return Plan(
        "plan_lampangpao_2566_fpdf",
        "lampangpao",
        "fpdf2",
        projects,
        digits="thai",
        wrap_width=1.0,
        declared={2: 5},
        sum_errors={(3, 1): 10000.0},
        planted=["project_count_mismatch", "subtotal_mismatch"],
        defects=[
            "wrapped_cells",
            "page_spanning_table",
            "misspelled_header",
            "subtotal_rows",
            "hash_cells",
            "dash_cells",
            "thai_digits",
        ],
    )


def plan_khlongphonthong() -> Plan:
    projects = [
        _p(1, "โครงการเสริมสร้างคุณธรรมจริยธรรมและธรรมาภิบาลสำหรับบุคลากรเทศบาล", 40000.0, M11),
        _p(1, "มาตรการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม", N, M11),
        _p(1, "โครงการปลูกจิตสำนึกรักษ์สิ่งแวดล้อมและประโยชน์สาธารณะ", 15000.0, M12),
        _p(1, "โครงการค่ายเยาวชนคนดีต่อต้านการทุจริต", 35000.0, M13),
        _p(2, "กิจกรรมประกาศนโยบายคุณธรรมและความโปร่งใสของผู้บริหาร", N, M21),
        _p(2, "มาตรการเปิดเผยข้อมูลการจัดซื้อจัดจ้างรายเดือน", N, M22),
        _p(2, "โครงการจ้างสำรวจความพึงพอใจของผู้รับบริการ", 20000.0, M22),
        _p(2, "มาตรการออกคำสั่งมอบหมายของนายกเทศมนตรี ปลัด และหัวหน้าส่วนราชการ", N, M23),
        _p(3, "โครงการจัดทำวารสารประชาสัมพันธ์ผลการดำเนินงาน", 45000.0, M31),
        _p(3, "กิจกรรมจัดตั้งศูนย์รับเรื่องร้องเรียนร้องทุกข์", N, M32),
        _p(4, "กิจกรรมการจัดทำแผนการตรวจสอบภายในประจำปี", N, M41),
        _p(4, "โครงการส่งเสริมบทบาทสมาชิกสภาเทศบาลในการตรวจสอบฝ่ายบริหาร", 10000.0, M42),
    ]
    projects[6].detail_budget = 25000.0  # Part 3 says 25,000 a year, Part 2 says 20,000
    return Plan(
        "plan_khlongphonthong_2566_docx",
        "khlongphonthong",
        "docx-libreoffice",
        projects,
        sum_errors={(0, 2): 50000.0},
        planted=["total_mismatch", "part3_mismatch"],
        defects=["page_spanning_table", "subtotal_rows", "dash_cells"],
    )


def plan_donsamran() -> Plan:
    projects = [
        _p(1, "โครงการอบรมคุณธรรมจริยธรรมเพื่อพัฒนาบุคลากร", 20000.0, M11),
        _p(1, "กิจกรรมส่งเสริมการทำความดีของเด็กและเยาวชนในตำบล", 10000.0, M13),
        _p(2, "มาตรการป้องกันการรับสินบน", N, M22),
        _p(2, "โครงการจัดซื้อระบบบริการอิเล็กทรอนิกส์ (E-Service)", 150000.0, M22),
        _p(2, "กิจกรรมสร้างความโปร่งใสในการพิจารณาเลื่อนขั้นเงินเดือน", N, M23),
        _p(3, "โครงการประชุมประชาคมตำบลเพื่อรับฟังความคิดเห็น", 15000.0, M32),
        _p(3, "มาตรการแก้ไขเหตุเดือดร้อนรำคาญด้านการสาธารณสุขและสิ่งแวดล้อม", N, M32),
        _p(4, "กิจกรรมติดตามประเมินผลระบบควบคุมภายใน", N, M41),
        _p(4, "โครงการอบรมกรรมการชุมชนด้านการตรวจสอบการจัดซื้อจัดจ้าง", 12000.0, M42),
    ]
    projects[3].detail_five_year = 1000000.0  # 5 x 150,000 is 750,000
    return Plan(
        "plan_donsamran_2566_fpdf",
        "donsamran",
        "fpdf2",
        projects,
        digits="mixed",
        declared={4: 3},
        planted=["multiyear_total_mismatch", "project_count_mismatch"],
        defects=["lost_sara_am", "spaces_in_words", "mixed_digits", "subtotal_rows", "dash_cells"],
        font="Garuda",
    )


def plan_maeyang() -> Plan:
    projects = [
        _p(1, "โครงการส่งเสริมคุณธรรมและจริยธรรมในการป้องกันการทุจริต", 25000.0, M11),
        _p(1, "กิจกรรมเสริมสร้างค่านิยมต่อต้านการทุจริตในชุมชน", N, M12),
        _p(2, "มาตรการ No Gift Policy จากการปฏิบัติหน้าที่", N, M21),
        _p(2, "มาตรการเผยแพร่แผนการจัดซื้อจัดจ้างประจำปี", N, M22),
        _p(2, "โครงการปรับปรุงศูนย์ข้อมูลข่าวสาร", 60000.0, M22),
        _p(3, "กิจกรรมการรับเรื่องร้องเรียนผ่านช่องทางออนไลน์", N, M32),
        _p(3, "โครงการจัดเวทีประชาคมเพื่อทบทวนแผนพัฒนาท้องถิ่น", 18000.0, M32),
        _p(4, "กิจกรรมรายงานผลการควบคุมภายในต่อนายกองค์การบริหารส่วนตำบล", N, M41),
        _p(4, "โครงการเสริมสร้างความรู้การตรวจสอบแก่ภาคประชาชน", 8000.0, M42),
    ]
    return Plan(
        "plan_maeyang_2566_docx",
        "maeyang",
        "docx-libreoffice",
        projects,
        misspelled_name="องค์การบริหารส่วนตำบลแม่ยางค์",
        defects=["subtotal_rows", "dash_cells", "name_misspelling"],
    )


# --- ITA analyses ------------------------------------------------------------------------------

INDICATORS = (
    ("IIT", "การปฏิบัติหน้าที่"),
    ("IIT", "การใช้งบประมาณ"),
    ("IIT", "การใช้อำนาจ"),
    ("IIT", "การใช้ทรัพย์สินของราชการ"),
    ("IIT", "การแก้ไขปัญหาการทุจริต"),
    ("EIT", "คุณภาพการดำเนินงาน"),
    ("EIT", "ประสิทธิภาพการสื่อสาร"),
    ("EIT", "การปรับปรุงระบบการทำงาน"),
    ("OIT", "การเปิดเผยข้อมูล"),
    ("OIT", "การป้องกันการทุจริต"),
)


def _indicators(seed: int, base: float, gain: float) -> list[Indicator]:
    rng = random.Random(seed)
    out = []
    for n, (tool, name) in enumerate(INDICATORS, 1):
        prev = round(min(99.0, base + rng.uniform(-12, 12)), 2)
        cur = round(min(100.0, max(0.0, prev + gain + rng.uniform(-6, 6))), 2)
        out.append(Indicator(tool, n, name, prev, cur))
    return out


def ita_nongbuadaeng() -> ItaReport:
    return ItaReport(
        "ita_nongbuadaeng_2566_fpdf",
        "nongbuadaeng",
        "fpdf2",
        2566,
        _indicators(11, 72.0, 6.0),
        digits="thai",
        defects=["thai_digits", "pua_tone_marks"],
    )


def ita_thachang() -> ItaReport:
    inds = _indicators(23, 80.0, 4.0)
    fell = next(i for i in inds if i.current < i.previous)
    fell.trend = "เพิ่มขึ้น"
    return ItaReport(
        "ita_thachang_2566_docx",
        "thachang",
        "docx-libreoffice",
        2566,
        inds,
        level="AA",
        misspelled_name="องค์การบริหารส่วนตำบลท่าซ้าง",
        planted=["trend_mismatch", "ita_level_mismatch"],
        defects=["name_misspelling"],
    )


def ita_khoksung() -> ItaReport:
    return ItaReport(
        "scan_ita_khoksung_2566",
        "khoksung",
        "fpdf2",
        2566,
        _indicators(37, 62.0, 5.0),
        total_error=4.2,
        scan=True,
        planted=["ita_total_mismatch"],
        font="Garuda",
    )


# --- integrity measures and their reports ------------------------------------------------------

ROWS = (
    MeasureRow(
        "IIT",
        ["1. ด้านการปฏิบัติหน้าที่", "- ปรับปรุงการให้บริการให้เป็นไปตามขั้นตอนและระยะเวลาที่กำหนด"],
        ["1. ทบทวนคู่มือการปฏิบัติงานและการให้บริการ", "2. เผยแพร่ขั้นตอนและระยะเวลาการให้บริการ"],
        "สำนักปลัด",
        FULL_YEAR,
        ["ปรับปรุงคู่มือการปฏิบัติงานครบทุกงานบริการ และเผยแพร่ทางเว็บไซต์แล้ว"],
        ["ผู้รับบริการได้รับบริการตามระยะเวลาที่กำหนด"],
    ),
    MeasureRow(
        "IIT",
        ["2. ด้านการใช้จ่ายงบประมาณ", "- การเผยแพร่แผนการใช้จ่ายเงินของหน่วยงานให้ทราบ"],
        ["1. จัดทำแผนการใช้จ่ายงบประมาณประจำปี", "2. เผยแพร่แผนการใช้จ่ายงบประมาณทางเว็บไซต์"],
        "กองคลัง",
        FULL_YEAR,
        ["เผยแพร่แผนการใช้จ่ายงบประมาณประจำปีทางเว็บไซต์และบอร์ดประชาสัมพันธ์"],
        ["ประชาชนและบุคลากรรับทราบการใช้จ่ายงบประมาณ"],
    ),
    MeasureRow(
        "IIT",
        ["3. ด้านการใช้ทรัพย์สินของราชการ"],
        ["จัดทำแนวปฏิบัติการขอยืมทรัพย์สินของราชการและแจ้งเวียนให้บุคลากรทราบ"],
        "สำนักปลัด กองคลัง",
        "1 ม.ค. 67 - 31 มี.ค. 67",
        ["แจ้งเวียนแนวปฏิบัติให้บุคลากรทุกส่วนราชการทราบแล้ว"],
        ["การขอยืมทรัพย์สินเป็นไปตามระเบียบ ไม่พบการนำไปใช้ส่วนตัว"],
    ),
    MeasureRow(
        "EIT",
        ["4. ด้านคุณภาพการดำเนินงาน", "- ลดขั้นตอนการให้บริการประชาชน"],
        ["1. จัดทำแบบสำรวจความพึงพอใจ", "2. นำผลสำรวจมาปรับปรุงการให้บริการ"],
        "ทุกส่วนราชการ",
        FULL_YEAR,
        ["สำรวจความพึงพอใจของผู้รับบริการ 2 ครั้ง"],
        ["ผู้รับบริการพึงพอใจร้อยละ 92"],
    ),
    MeasureRow(
        "EIT",
        ["5. ด้านประสิทธิภาพการสื่อสาร"],
        ["เผยแพร่ผลการดำเนินงานผ่านเว็บไซต์ เฟซบุ๊ก และไลน์ของหน่วยงาน"],
        "สำนักปลัด",
        FULL_YEAR,
        ["เผยแพร่ข่าวสารผลการดำเนินงานอย่างน้อยเดือนละ 2 ครั้ง"],
        ["ประชาชนเข้าถึงข้อมูลได้สะดวกและรวดเร็ว"],
    ),
    MeasureRow(
        "OIT",
        ["6. ด้านการเปิดเผยข้อมูล", "- เปิดเผยข้อมูลบนเว็บไซต์ให้ครบถ้วนตามตัวชี้วัด"],
        ["1. มอบหมายผู้รับผิดชอบแต่ละหัวข้อ", "2. ตรวจสอบความครบถ้วนของข้อมูลทุกไตรมาส"],
        "สำนักปลัด (งานประชาสัมพันธ์)",
        FULL_YEAR,
        ["เผยแพร่ข้อมูลครบ 33 หัวข้อตามแบบ OIT"],
        ["ผลคะแนน OIT ปี 2567 เพิ่มขึ้น"],
    ),
    MeasureRow(
        "OIT",
        ["7. ด้านการป้องกันการทุจริต", "- การประเมินความเสี่ยงการทุจริตและประพฤติมิชอบ"],
        ["1. แต่งตั้งคณะทำงานประเมินความเสี่ยง", "2. จัดทำแผนบริหารความเสี่ยงการทุจริต"],
        "สำนักปลัด",
        "1 ต.ค. 66 - 31 ธ.ค. 66",
        ["จัดทำแผนบริหารความเสี่ยงการทุจริตประจำปีแล้วเสร็จ"],
        ["มีมาตรการควบคุมความเสี่ยงครบทุกประเด็น"],
    ),
)


def _rows(picks: tuple[int, ...], tools: bool = True) -> list[MeasureRow]:
    out = []
    for i in picks:
        r = ROWS[i]
        out.append(MeasureRow(r.tool if tools else None, *_fields(r)))
    return out


def _fields(r: MeasureRow) -> tuple[list[str], list[str], str, str, list[str], list[str]]:
    return (
        list(r.measure),
        list(r.method),
        r.responsible,
        r.period,
        list(r.result),
        list(r.outcome),
    )


def measures_bangyai() -> Measures:
    return Measures(
        "measures_bangyai_2567_fpdf",
        "bangyai",
        "fpdf2",
        2567,
        _rows((0, 1, 2, 3, 4, 5, 6)),
        report=False,
        digits="thai",
        defects=["thai_digits"],
    )


def measures_phitsanulok() -> Measures:
    return Measures(
        "measures_phitsanulok_2567_docx",
        "phitsanulokcity",
        "docx-libreoffice",
        2567,
        _rows((0, 1, 3, 4, 5, 6)),
        report=False,
    )


def report_khaothong() -> Measures:
    return Measures(
        "measures_report_khaothong_2567_docx",
        "khaothong",
        "docx-libreoffice",
        2567,
        _rows((1, 3, 5, 6), tools=False),
        report=True,
    )


def report_thachang() -> Measures:
    return Measures(
        "measures_report_thachang_2567_fpdf",
        "thachang",
        "fpdf2",
        2567,
        _rows((0, 1, 2, 3, 4, 5, 6)),
        report=True,
        defects=["pua_tone_marks", "page_spanning_table"],
    )


def report_lampangpao() -> Measures:
    return Measures(
        "scan_measures_report_lampangpao_2567",
        "lampangpao",
        "fpdf2",
        2567,
        _rows((0, 2, 3, 5)),
        report=True,
        scan=True,
    )


def other_maeyang() -> Announcement:
    return Announcement(
        "other_procurement_maeyang_2567_fpdf",
        "maeyang",
        "fpdf2",
        "ถนนคอนกรีตเสริมเหล็ก สายบ้านแม่ยาง - บ้านทุ่งไทร หมู่ที่ 3",
        1985000.0,
        defects=["thai_digits"],
    )


ALL: list[Callable[[], Doc]] = [
    plan_khaothong,
    plan_lampangpao,
    plan_khlongphonthong,
    plan_donsamran,
    plan_maeyang,
    ita_nongbuadaeng,
    ita_thachang,
    ita_khoksung,
    measures_bangyai,
    measures_phitsanulok,
    report_khaothong,
    report_thachang,
    report_lampangpao,
    other_maeyang,
]
